"""Reading a sniffed delimited file: pyarrow's fast reader in stretches, Python's csv module where it stops,
and every reject located on its physical line."""

from __future__ import annotations

import io
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from intake.config import ConnectorSettings
from intake.connectors.base import BatchReader, ByteInput, RejectSink, oversized_reason, string_schema
from intake.connectors.csv_locate import find_lines, record_index
from intake.connectors.csv_records import _row_problem, _rows_to_batch, iter_records
from intake.connectors.csv_sniff import CsvLayout
from intake.connectors.errors import SourceReadError
from intake.connectors.header import BANNER_REASON
from intake.connectors.textio import SkipStream, Utf8Transcoder

# Raw text of pending rejects kept from the fast pass (used when the file cannot be read a second time).
_PENDING_RAW_BUDGET = 32 << 20


@dataclass
class _Pending:
    """Rejects found by the fast pass, by 0-based data record index, waiting for their line numbers."""

    items: list[tuple[int, str, str | None]] = field(default_factory=list)
    ragged: list[int] = field(default_factory=list)
    raw_bytes: int = 0

    def add(self, index: int, reason: str, raw: str | None) -> None:
        if raw is not None:
            if self.raw_bytes + len(raw) > _PENDING_RAW_BUDGET:
                raw = None
            else:
                self.raw_bytes += len(raw)
        self.items.append((index, reason, raw))


@dataclass
class _Segment:
    """Where a stretch of reading starts: byte offset in the UTF-8 body, data record index, physical line."""

    offset: int
    index: int
    line: int


class CsvTableReader(BatchReader):
    """Reads in stretches: pyarrow's fast reader until it stops on a record it cannot handle, then Python's
    csv module from the first record of the block pyarrow stopped in, for a couple of blocks past it, then the
    fast reader again from that record boundary. Rejects found by the fast reader are located on their line by
    the next Python stretch (or a final locating pass), which only ever reads forward."""

    def __init__(
        self,
        data: ByteInput,
        layout: CsvLayout,
        source: str,
        table: str,
        settings: ConnectorSettings,
        rejects: RejectSink | None,
        unit: str = "line",
    ) -> None:
        super().__init__(source, table, string_schema(layout.columns), settings, rejects)
        self._row_schema = self.schema
        self.data = data
        self.layout = layout
        self.unit = unit
        self.encoding = layout.encoding
        self.skipped_lines = layout.banner_lines + (1 if layout.has_header else 0)
        self.python_stretches = 0  # how often the fast reader handed over (for tests and diagnostics)

    # -- streams

    def _open_at(self, offset: int, native: bool = False) -> Any:
        """The UTF-8 body of the file from `offset`. `native`: a pyarrow file when possible (no Python in the
        reading loop)."""
        if native and self.data.path is not None and self.layout.encoding == "utf-8":
            handle = pa.OSFile(str(self.data.path))
            handle.seek(self.layout.bom_bytes + offset)
            return handle
        raw = self.data.open()
        if self.layout.encoding != "utf-8":
            utf8 = io.BufferedReader(Utf8Transcoder(SkipStream(raw, self.layout.bom_bytes), self.layout.encoding,
                                                    self.data.name), 1 << 20)
            return io.BufferedReader(SkipStream(utf8, offset), 1 << 20)
        skip = self.layout.bom_bytes + offset
        if raw.seekable():
            raw.seek(skip)
            return raw
        return io.BufferedReader(SkipStream(raw, skip), 1 << 20)

    @property
    def _record_budget(self) -> int:
        return self.settings.max_field_bytes * max(1, len(self.layout.columns)) + 1024

    def _block_size(self) -> int:
        # pyarrow's streaming reader keeps a few dozen blocks in flight, so memory grows with the block size;
        # a record longer than one block makes it stop (a Python stretch then takes over).
        return min(max(1 << 20, self.settings.max_field_bytes + (1 << 16)), 16 << 20)

    def _position(self, line: int, index: int) -> int:
        return line if self.unit == "line" else index + 1

    # -- the loop

    def _batches(self) -> Iterator[pa.RecordBatch]:
        for line, raw in self.layout.banner:  # a data row above the header must not vanish silently
            self.reject(line, BANNER_REASON, raw)
        if not self.layout.columns:
            return
        segment: _Segment | None = _Segment(self.layout.data_offset, 0, self.layout.data_line)
        pending = _Pending()
        while segment is not None:
            pending = _Pending()
            resume = yield from self._fast(segment, pending)
            if resume is None:
                break
            if not self.data.reopenable:
                raise SourceReadError(
                    f"{self.source} table '{self.table}' has a record the fast reader cannot handle and the input "
                    "can be read only once: give a path or a seekable file"
                )
            self.python_stretches += 1
            segment = yield from self._python(segment, resume, pending)
            pending = _Pending()
        self._locate(segment, pending)

    def _fast(self, segment: _Segment, pending: _Pending) -> Generator[pa.RecordBatch, None, int | None]:
        """pyarrow from `segment`; returns None at the end of the file, or the index of the first record it
        could not deliver."""
        names = self.layout.columns
        expected = len(names)
        budget = self._record_budget

        def on_invalid(row: Any) -> str:
            if row.number is None or len(row.text) > budget:
                return "error"  # an unbalanced quote swallowing lines: a Python stretch bounds it
            index = segment.index + row.number - 1
            pending.ragged.append(index)
            pending.add(index, f"expected {expected} fields, found {row.actual_columns}", row.text)
            return "skip"

        stream = self._open_at(segment.offset, native=True)
        delivered = 0  # rows pyarrow handed over in this stretch (before our own checks)
        try:
            try:
                reader = pacsv.open_csv(
                    stream,
                    read_options=pacsv.ReadOptions(use_threads=False, block_size=self._block_size(),
                                                   column_names=names),
                    parse_options=pacsv.ParseOptions(delimiter=self.layout.delimiter, newlines_in_values=True,
                                                     ignore_empty_lines=True, invalid_row_handler=on_invalid),
                    convert_options=pacsv.ConvertOptions(column_types={name: pa.string() for name in names},
                                                         null_values=[""], strings_can_be_null=True,
                                                         quoted_strings_can_be_null=True),
                )
            except pa.ArrowInvalid:  # the first block already defeats the fast reader
                return self._resume_index(segment.index, 0, pending)
            while True:
                try:
                    batch = reader.read_next_batch()
                except StopIteration:
                    return None
                except pa.ArrowInvalid:  # a record longer than a block, or bytes that are not UTF-8
                    return self._resume_index(segment.index, delivered, pending)
                good = self._check_batch(batch, segment.index, delivered, pending)
                delivered += batch.num_rows
                if good.num_rows:
                    yield good
        finally:
            # pyarrow's readahead may still be reading a native file on its I/O thread after the reader stops:
            # closing the descriptor under it let the next open reuse its number and that thread read (and
            # drop) the next stretch's bytes, so rows vanished under load. pyarrow closes the file when it
            # lets go of it.
            if not isinstance(stream, pa.NativeFile):
                stream.close()

    def _check_batch(self, batch: pa.RecordBatch, first_index: int, delivered: int, pending: _Pending
                     ) -> pa.RecordBatch:
        """Reject rows with a field over the size limit."""
        limit = self.settings.max_field_bytes
        bad: dict[int, str] = {}
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            if column.nbytes <= limit:
                continue
            lengths = pc.binary_length(column)
            if (pc.max(lengths).as_py() or 0) > limit:
                for position in pc.indices_nonzero(pc.greater(lengths, limit)).to_pylist():
                    bad.setdefault(position, oversized_reason(name, limit))
        batch = pa.RecordBatch.from_arrays(batch.columns, schema=self._row_schema)
        if not bad:
            return batch
        for position, reason in sorted(bad.items()):
            index = first_index + record_index(delivered + position, [i - first_index for i in pending.ragged])
            pending.add(index, reason, None)
        keep = [i for i in range(batch.num_rows) if i not in bad]
        return batch.take(pa.array(keep, pa.int64()))

    @staticmethod
    def _resume_index(first_index: int, delivered: int, pending: _Pending) -> int:
        """Index of the first record the fast reader did not deliver: rows delivered plus ragged rows among
        them. Rejects it noted beyond that point are dropped: the Python stretch finds them again."""
        resume = first_index + delivered
        for index in sorted(pending.ragged):
            if index < resume:
                resume += 1
            else:
                break
        pending.items = [item for item in pending.items if item[0] < resume]
        return resume

    def _python(self, segment: _Segment, resume: int, pending: _Pending, locate_only: bool = False
                ) -> Generator[pa.RecordBatch, None, _Segment | None]:
        """Python's csv module from `segment`: locate the fast reader's rejects before `resume`, read records from
        `resume` on for at least two blocks, and return where the fast reader can take over (None at the end).
        `locate_only`: stop at `resume` (the records after it were delivered already)."""
        wanted = {index: (reason, raw) for index, reason, raw in pending.items}
        limit = self.settings.max_field_bytes
        width = len(self.layout.columns)
        handback_bytes = 2 * self._block_size()
        started_at: int | None = None
        rows: list[list[str]] = []
        with self._open_at(segment.offset) as stream:
            for record in iter_records(stream, segment.offset, segment.line, segment.index, self.layout.delimiter,
                                       self._record_budget):
                position = self._position(record.line, record.index)
                if record.index < resume:
                    if record.index in wanted:
                        reason, _ = wanted.pop(record.index)
                        self.reject(position, reason, record.raw)
                    continue
                if locate_only:
                    self._unlocated(wanted, segment)
                    return None
                if started_at is None:
                    started_at = record.end_offset
                problem = record.problem or _row_problem(record.fields or [], width, limit, self.layout.columns)
                if problem:
                    self.reject(position, problem, record.raw)
                else:
                    rows.append(record.fields or [])
                    if len(rows) >= self.settings.batch_rows:
                        yield _rows_to_batch(rows, self._row_schema)
                        rows = []
                if record.end_offset - started_at >= handback_bytes:
                    if rows:
                        yield _rows_to_batch(rows, self._row_schema)
                    self._unlocated(wanted, segment)
                    return _Segment(record.end_offset, record.index + 1, record.end_line + 1)
        if rows:
            yield _rows_to_batch(rows, self._row_schema)
        self._unlocated(wanted, segment)
        return None

    def _unlocated(self, wanted: dict[int, tuple[str, str | None]], segment: _Segment) -> None:
        """Rejects the Python scan did not meet again (the two parsers disagreed): still reported, never lost,
        at the line counting records would give."""
        for index, (reason, raw) in sorted(wanted.items()):
            self.reject(self._position(segment.line + index - segment.index, index), reason, raw)
        wanted.clear()

    def _locate(self, segment: _Segment | None, pending: _Pending) -> None:
        """Give the last fast stretch's rejects their line numbers (a Python scan up to the last of them)."""
        if not pending.items:
            return
        if segment is None or self.unit != "line" or not self.data.reopenable:
            for index, reason, raw in sorted(pending.items):
                start = segment or _Segment(0, 0, self.layout.data_line)
                self.reject(self._position(start.line + index - start.index, index), reason, raw)
            return
        items = sorted(pending.items)
        lines = self._find_lines(segment, [raw for _, _, raw in items])
        if lines is not None:
            for (_, reason, raw), line in zip(items, lines, strict=True):
                self.reject(line, reason, raw)
            return
        last = items[-1][0]
        for _ in self._python(segment, last + 1, pending, locate_only=True):
            pass

    def _find_lines(self, segment: _Segment, texts: list[str | None]) -> list[int] | None:
        """Lines of rejected rows found by searching their text (csv_locate.find_lines). None when a text is
        missing or not found, or the file ends lines with a bare CR; the caller then scans with the csv module."""
        present = [text for text in texts if text is not None]
        if len(present) < len(texts) or self.layout.line_break == "\r":
            return None
        with self._open_at(segment.offset) as stream:
            return find_lines(stream, segment.line, present)
