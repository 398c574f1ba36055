"""Delimited text (CSV, TSV, pipe, semicolon): sniffed, streamed through pyarrow, every bad row a reject.

Sniffing reads a sample: the encoding (see textio), the delimiter (the candidate giving the most consistent
field count), and the header: the first record with the usual number of fields, mostly filled in, below any
banner lines ("Asset Register Export", "Exported 14/10/2026 by ...") and blank lines. That row is data, not a
header, when its cells look like values rather than labels (see header.py: numbers, dates, phones, names, cells
shaped like the values below them): then every line is data and the columns are named column_1, column_2...
Non-blank lines above the header (banners) are rejects, so that a data row there is never dropped silently.

Reading is pyarrow's streaming CSV reader over the UTF-8 form of the file (transcoded on the fly when it is
not UTF-8), single-threaded so that it numbers the rows it skips, with 1 MB blocks so memory stays small
whatever the file size. A row with too many or too few fields, or a field longer than `max_field_bytes`, is a
reject. When pyarrow cannot go on (a record longer than a block, typically a huge field or an unbalanced
quote, or bytes that are not UTF-8), Python's csv module reads from the first record of that block for a couple
of blocks, bounding every record (a record longer than `max_field_bytes` per column is rejected and reading
resumes at the next line; a field that is not UTF-8 is a reject), then hands back to pyarrow at a record
boundary. Rejects are numbered by the physical line where their record starts (banner lines, blank lines and
quoted line breaks counted): the fast reader only knows record counts, so a Python scan locates them, reading
forward only and only as far as the last reject. A one-pass stream (not seekable) cannot be scanned again: its
rejects are numbered by counting records from the first data line.
"""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_right
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from intake.config import ConnectorSettings
from intake.connectors.base import (
    BatchReader,
    ByteInput,
    RejectSink,
    SourceBase,
    SourceFormat,
    file_stem,
    oversized_reason,
    register_source,
    string_schema,
    unique_column_names,
)
from intake.connectors.errors import EncodingError, SourceReadError, UnsupportedFormat
from intake.connectors.header import BANNER_REASON, looks_like_labels
from intake.connectors.textio import (
    BOMS,
    SkipStream,
    Utf8Transcoder,
    decoder_for,
    detect_encoding,
    normalise_encoding,
)

SAMPLE_BYTES = 1 << 20
SAMPLE_RECORDS = 200
DELIMITERS = [",", "\t", "|", ";"]
OPTIONS = {"encoding", "delimiter", "header", "header_line"}
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
# Raw text of pending rejects kept from the fast pass (used when the file cannot be read a second time).
_PENDING_RAW_BUDGET = 32 << 20


@dataclass
class CsvLayout:
    """What sniffing decided about a delimited file."""

    encoding: str
    bom_bytes: int
    delimiter: str
    has_header: bool
    header_line: int | None  # 1-based physical line of the header
    data_line: int  # 1-based physical line where data starts
    data_offset: int  # offset in the UTF-8 form of the file (after any BOM) where data starts
    columns: list[str]
    banner_lines: int  # non-blank lines above the header, not data
    sample_rows: int = 0
    line_break: str = "\n"  # "\r" when lines end with a bare carriage return
    banner: list[tuple[int, str]] = field(default_factory=list)  # (line, raw text) of each banner line: rejects


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


def _records_from_lines(lines: list[str], delimiter: str) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, fields) of each record in the sample, 1-based, blank lines included as []."""
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=False)
    out: list[tuple[int, int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            out.append((start, reader.line_num, row))
            start = reader.line_num + 1
    except csv.Error:
        pass
    return out


def _split_lines(text: str) -> list[str]:
    """Lines with their endings, split only where CSV readers split (\\r\\n, \\r, \\n)."""
    return _LINES.findall(text)


def _mode(counts: list[int]) -> tuple[int, int]:
    tally: dict[int, int] = {}
    for count in counts:
        tally[count] = tally.get(count, 0) + 1
    if not tally:
        return 0, 0
    best = max(tally.items(), key=lambda item: (item[1], item[0]))
    return best


def _choose_delimiter(lines: list[str], hint: str | None) -> str:
    best: tuple[float, int, int, str] | None = None
    for rank, delimiter in enumerate(DELIMITERS):
        records = [r for r in _records_from_lines(lines[:SAMPLE_RECORDS * 2], delimiter) if r[2]]
        counts = [len(r[2]) for r in records]
        mode, freq = _mode(counts)
        if mode <= 1 or not counts:
            continue
        consistency = freq / len(counts)
        score = (consistency, mode, -rank if delimiter != hint else 1, delimiter)
        if best is None or score[:3] > best[:3]:
            best = score
    if best is None:
        return hint or ","
    return best[3]


def sniff(data: ByteInput, settings: ConnectorSettings, options: dict[str, Any]) -> CsvLayout:
    with data.open() as stream:
        sample = stream.read(SAMPLE_BYTES)
        complete = len(sample) < SAMPLE_BYTES or not stream.read(1)
    if options.get("encoding"):
        encoding = normalise_encoding(options["encoding"])
        bom = next((len(b) for b, enc in BOMS if enc == encoding and sample.startswith(b)), 0)
    else:
        encoding, bom = detect_encoding(sample, complete, data.name)
    body = sample[bom:]
    try:
        text = body.decode(encoding, errors="strict") if complete else decoder_for(encoding).decode(body, final=False)
    except UnicodeDecodeError:
        raise EncodingError(f"{data.name} does not decode as {encoding}: pass the right encoding= option") from None
    lines = _split_lines(text)
    if not complete and lines and not lines[-1].endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end inside a line
    hint = "\t" if data.name.lower().endswith((".tsv", ".tab")) else None
    delimiter = options.get("delimiter") or _choose_delimiter(lines, hint)
    if len(delimiter) != 1:
        raise UnsupportedFormat(f"delimiter for {data.name} must be one character")
    records = _records_from_lines(lines, delimiter)
    non_blank = [r for r in records if r[2]]
    counts = [len(r[2]) for r in non_blank[:SAMPLE_RECORDS]]
    mode, _ = _mode([c for c in counts if c > 1] or counts)
    header: tuple[int, int, list[str]] | None = None
    if options.get("header_line"):
        wanted = int(options["header_line"])
        header = next((r for r in records if r[0] == wanted), None)
        if header is None or not header[2]:
            raise SourceReadError(f"{data.name} has no header on line {wanted}: check header_line=")
    else:
        needed = min(mode, max(2, (mode + 1) // 2))  # banner lines have one or two cells filled in
        for record in non_blank[:SAMPLE_RECORDS]:
            if sum(1 for cell in record[2] if cell.strip()) >= needed:
                header = record
                break
        if header is None and non_blank:
            header = non_blank[0]
    if header is None:
        return CsvLayout(encoding, bom, delimiter, False, None, 1, 0, [], 0)
    if options.get("header_line"):
        has_header = True
    elif options.get("header") is not None:
        has_header = bool(options["header"])
    else:
        below = [r[2] for r in non_blank if r[0] > header[0]][:SAMPLE_RECORDS]
        has_header = looks_like_labels(header[2], below)
    first_line = header[0] if has_header else non_blank[0][0]  # without a header every row is data
    banner = [(r[0], _joined(lines[r[0] - 1: r[1]])) for r in records
              if r[0] < first_line and any(cell.strip() for cell in r[2])]
    data_line = header[1] + 1 if has_header else first_line
    offset = sum(len(line.encode("utf-8")) for line in lines[: data_line - 1])
    data_after = [r for r in non_blank if r[0] >= data_line]
    data_mode, data_freq = _mode([len(r[2]) for r in data_after[:SAMPLE_RECORDS]])
    majority = data_freq * 2 > min(len(data_after), SAMPLE_RECORDS)  # e.g. a trailing delimiter on every row
    width = max(len(header[2]), data_mode if majority else 0)
    names = header[2] if has_header else []
    columns = unique_column_names([*names, *([None] * (width - len(names)))])
    bare_cr = "\r" in text and "\n" not in text
    return CsvLayout(
        encoding, bom, delimiter, has_header, first_line if has_header else None, data_line, offset, columns,
        len(banner), sample_rows=len(data_after), line_break="\r" if bare_cr else "\n", banner=banner,
    )


class _Oversize(Exception):
    """A record grew past its byte budget (unbalanced quote or a huge field)."""


class _ByteLineFeed:
    """Physical lines for csv.reader from a UTF-8 byte stream, with line numbers, byte offsets, the current
    record's raw text and a size budget. Bytes that are not UTF-8 survive as surrogates (then rejected)."""

    def __init__(self, stream: IO[bytes], offset: int, first_line: int, budget: int) -> None:
        self._stream = stream
        self._queue: list[tuple[str, int]] = []
        self.offset = offset  # after the last line handed out
        self.line = first_line - 1
        self.budget = budget
        self.record_lines: list[str] = []
        self.record_size = 0

    def __iter__(self) -> _ByteLineFeed:
        return self

    def __next__(self) -> str:
        if not self._queue:
            raw = self._stream.readline(self.budget + 1)
            if not raw:
                raise StopIteration
            if len(raw) > self.budget and not raw.endswith((b"\n", b"\r")):
                self.offset += len(raw) + self._drain_line()
                self.line += 1
                raise _Oversize
            text = raw.decode("utf-8", "surrogateescape")
            if "\r" in text[:-2]:  # old Mac line ends: split where CSV readers split
                self._queue = [(part, len(part.encode("utf-8", "surrogateescape"))) for part in _split_lines(text)]
            else:
                self._queue = [(text, len(raw))]
        text, size = self._queue.pop(0)
        self.offset += size
        self.line += 1
        self.record_size += size
        self.record_lines.append(text)
        if self.record_size > self.budget:
            raise _Oversize
        return text

    def _drain_line(self) -> int:
        drained = 0
        while True:
            chunk = self._stream.readline(1 << 20)
            drained += len(chunk)
            if not chunk or chunk.endswith((b"\n", b"\r")):
                return drained

    def start_record(self) -> None:
        self.record_lines = []
        self.record_size = 0


@dataclass
class _Record:
    index: int  # 0-based among data records (blank lines are not records)
    line: int  # 1-based physical line where the record starts
    fields: list[str] | None
    problem: str | None
    raw: str
    end_offset: int  # byte offset just after the record
    end_line: int  # physical line where the record ends


def iter_records(stream: IO[bytes], offset: int, first_line: int, first_index: int, delimiter: str,
                 budget: int) -> Iterator[_Record]:
    """Records of a UTF-8 delimited stream with line numbers and offsets; oversize records become problems and
    reading resumes on the next line."""
    if csv.field_size_limit() < budget:
        csv.field_size_limit(budget)
    feed = _ByteLineFeed(stream, offset, first_line, budget)
    index = first_index
    while True:
        reader = csv.reader(feed, delimiter=delimiter, strict=False)
        feed.start_record()
        start = feed.line + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except _Oversize:
                yield _Record(index, start, None, "record is longer than the size limit (unbalanced quote?);"
                              " reading resumed on the next line", _joined(feed.record_lines)[:1024], feed.offset,
                              feed.line)
                index += 1
                break
            except csv.Error:
                yield _Record(index, start, None, "record cannot be parsed as delimited text",
                              _joined(feed.record_lines), feed.offset, feed.line)
                index += 1
                break
            if row:
                yield _Record(index, start, row, None, _joined(feed.record_lines), feed.offset, feed.line)
                index += 1
            feed.start_record()
            start = feed.line + 1


def _joined(lines: list[str]) -> str:
    text = "".join(lines)
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith(("\n", "\r")) else text


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
            index = first_index + _record_index(delivered + position, [i - first_index for i in pending.ragged])
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
        """Lines of rejected rows found by searching their text (bytes.find, not CSV parsing): each is the first
        line after the previous one that consists of exactly that text. None when a text is missing or not
        found, or the file ends lines with a bare CR; the caller then scans with the csv module."""
        if any(text is None for text in texts) or self.layout.line_break == "\r":
            return None
        found: list[int] = []
        window = bytearray(b"\n")  # the line break before the first data line
        counted_to, line = 0, segment.line - 1  # line breaks in window[:counted_to] are counted in `line`
        position = 0
        eof = False
        with self._open_at(segment.offset) as stream:
            for text in texts:
                pattern = b"\n" + text.encode("utf-8", "surrogateescape")  # type: ignore[union-attr]
                while True:
                    at = window.find(pattern, position)
                    end = at + len(pattern)
                    if at >= 0 and (end < len(window) or eof):
                        if end == len(window) or window[end] in b"\r\n":
                            line += _breaks(window, counted_to, at + 1)
                            counted_to = at + 1
                            found.append(line)
                            position = end
                            break
                        position = at + 1
                        continue
                    if eof:
                        return None
                    # drop what was searched, keeping enough for a match that straddles the next chunk
                    keep_from = max(min(position, len(window) - len(pattern)), counted_to, 0)
                    if keep_from and window[keep_from - 1] == 0x0D:  # never split a CRLF
                        keep_from -= 1
                    line += _breaks(window, counted_to, keep_from)
                    del window[:keep_from]
                    counted_to, position = 0, position - keep_from
                    chunk = stream.read(8 << 20)
                    eof = not chunk
                    window += chunk
        return found


def _breaks(data: bytearray, start: int, end: int) -> int:
    """Line breaks in data[start:end]: LF, CRLF and a bare CR each count once."""
    if end <= start:
        return 0
    returns = data.count(b"\r", start, end)
    crlf = data.count(b"\r\n", start, end) if returns else 0
    return data.count(b"\n", start, end) + returns - crlf


def _record_index(accepted: int, ragged: list[int]) -> int:
    """0-based record index of the `accepted`-th row pyarrow delivered, given the sorted ragged indices."""
    index = accepted
    while True:
        candidate = accepted + bisect_right(ragged, index)
        if candidate == index:
            return index
        index = candidate


def _row_problem(fields: list[str], width: int, limit: int, names: list[str]) -> str | None:
    if len(fields) != width:
        return f"expected {width} fields, found {len(fields)}"
    for name, value in zip(names, fields, strict=True):
        if len(value) * 4 > limit and len(value.encode("utf-8", "surrogateescape")) > limit:
            return oversized_reason(name, limit)
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return f"field '{name}' is not valid UTF-8 text"
    return None


def _rows_to_batch(rows: list[list[str]], schema: pa.Schema) -> pa.RecordBatch:
    arrays = [
        pa.array([row[i] or None for row in rows], pa.string()) for i in range(len(schema.names))
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


class CsvSource(SourceBase):
    """One delimited text file: one table named after the file."""

    format = "csv"

    def __init__(self, data: ByteInput, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        unknown = set(options) - OPTIONS
        if unknown:
            raise UnsupportedFormat(f"unknown csv option(s) {sorted(unknown)}; known: {sorted(OPTIONS)}")
        self.data = data
        self.name = name
        self.settings = settings
        self.layout = sniff(data, settings, options)
        self.table = file_stem(name)

    def tables(self) -> list[str]:
        return [self.table]

    def read(self, table: str, rejects: RejectSink | None = None) -> CsvTableReader:
        self._check_table(table)
        return CsvTableReader(self.data, self.layout, self.name, table, self.settings, rejects)


def _open(location: ByteInput, *, name: str, settings: ConnectorSettings, **options: Any) -> CsvSource:
    return CsvSource(location, name, settings, options)


def _looks_textual(head: bytes) -> bool:
    if not head or b"\x00" in head[:1024]:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:
            return True
    printable = sum(1 for b in head if b >= 0x20 or b in (9, 10, 13))
    return printable / len(head) > 0.95


register_source(
    SourceFormat(
        name="csv",
        description="Delimited text (CSV, TSV, pipe, semicolon); encoding, delimiter and header sniffed",
        extensions=(".csv", ".tsv", ".tab", ".psv", ".txt", ".dat"),
        open=_open,
        magic=_looks_textual,
        content_guess=2,
    )
)
