"""Delimited text as records with physical line numbers, for Python's csv module: line splitting, the bounded
byte-line feed, record checks and batches (the fallback reader of csv_reader, and the sniffer's line handling).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import pyarrow as pa

from intake.connectors.base import oversized_reason

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _split_lines(text: str) -> list[str]:
    """Lines with their endings, split only where CSV readers split (\\r\\n, \\r, \\n)."""
    return _LINES.findall(text)


def _joined(lines: list[str]) -> str:
    text = "".join(lines)
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith(("\n", "\r")) else text


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
