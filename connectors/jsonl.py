"""JSON lines: one JSON object per line, types kept, every malformed line a reject naming its line number.

Two passes over the file, each in bounded memory. The first infers the schema from every line (pyarrow's
inference per chunk, merged with permissive promotion: int + float -> float, null + x -> x, new keys added in
order of first appearance); a key whose values have incompatible types (a number here, text there) becomes a
text column holding the JSON of each value, so no value is lost. The second pass builds the batches. A line
that is not valid UTF-8 or JSON, is not an object, or is longer than 32 x `max_field_bytes` is a reject. Blank
lines are not rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

import pyarrow as pa

from intake.config import ConnectorSettings
from intake.connectors.base import (
    BatchReader,
    ByteInput,
    RejectSink,
    SourceBase,
    SourceFormat,
    file_stem,
    register_source,
)
from intake.connectors.errors import SourceReadError, UnsupportedFormat

CHUNK_LINES = 8192
LINE_LIMIT_FIELDS = 32


class _Line:
    __slots__ = ("number", "problem", "raw", "value")

    def __init__(self, number: int, value: dict[str, Any] | None, problem: str | None, raw: str | None) -> None:
        self.number = number
        self.value = value
        self.problem = problem
        self.raw = raw


def iter_lines(stream: IO[bytes], limit: int) -> Iterator[_Line]:
    number = 0
    first = True
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if first and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        first = False
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _Line(number, None, f"line is longer than {limit} bytes", None)
            continue
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            yield _Line(number, None, "line is not valid UTF-8", line.decode("utf-8", "replace"))
            continue
        try:
            value = json.loads(text)
        except ValueError:
            yield _Line(number, None, "line is not valid JSON", text.rstrip("\r\n"))
            continue
        except RecursionError:  # '[[[[...' a hundred thousand deep: refused, not a crash
            yield _Line(number, None, "line nests values deeper than Python's JSON reader allows", None)
            continue
        if not isinstance(value, dict):
            yield _Line(number, None, "line is not a JSON object", text.rstrip("\r\n"))
            continue
        yield _Line(number, value, None, text.rstrip("\r\n"))


def _merge(left: pa.DataType, right: pa.DataType) -> pa.DataType | None:
    if left == right:
        return left
    try:
        merged = pa.unify_schemas([pa.schema([("v", left)]), pa.schema([("v", right)])],
                                  promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None
    return merged.field("v").type


class _SchemaBuilder:
    def __init__(self) -> None:
        self.types: dict[str, pa.DataType] = {}
        self.mixed: set[str] = set()

    def add(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        try:
            inferred = pa.array(rows).type
            fields = [(f.name, f.type) for f in inferred]
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
            fields = []
            for row in rows:  # a conflict inside the chunk: infer key by key
                for key, value in row.items():
                    try:
                        fields.append((key, pa.array([value]).type))
                    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
                        fields.append((key, pa.string()))
                        self.mixed.add(key)
        for key, kind in fields:
            if key in self.mixed:
                continue
            known = self.types.get(key)
            if known is None:
                self.types[key] = kind
                continue
            merged = _merge(known, kind)
            if merged is None:
                self.mixed.add(key)
                self.types[key] = pa.string()
            else:
                self.types[key] = merged

    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(k, pa.null() if t == pa.null() else t) for k, t in self.types.items()])


class JsonLinesReader(BatchReader):
    def __init__(self, data: ByteInput, source: str, table: str, settings: ConnectorSettings,
                 rejects: RejectSink | None) -> None:
        self.data = data
        builder = _SchemaBuilder()
        limit = settings.max_field_bytes * LINE_LIMIT_FIELDS
        chunk: list[dict[str, Any]] = []
        with data.open() as stream:
            for line in iter_lines(stream, limit):
                if line.value is not None:
                    chunk.append(line.value)
                if len(chunk) >= CHUNK_LINES:
                    builder.add(chunk)
                    chunk = []
        builder.add(chunk)
        self.mixed_columns = sorted(builder.mixed)
        super().__init__(source, table, builder.schema(), settings, rejects)

    def _batches(self) -> Iterator[pa.RecordBatch]:
        limit = self.settings.max_field_bytes * LINE_LIMIT_FIELDS
        mixed = set(self.mixed_columns)
        rows: list[dict[str, Any]] = []
        numbers: list[tuple[int, str | None]] = []
        with self.data.open() as stream:
            for line in iter_lines(stream, limit):
                if line.value is None:
                    self.reject(line.number, line.problem or "line cannot be read", line.raw)
                    continue
                if mixed:
                    line.value = {k: (v if k not in mixed or v is None or isinstance(v, str) else json.dumps(v))
                                  for k, v in line.value.items()}
                rows.append(line.value)
                numbers.append((line.number, line.raw))
                if len(rows) >= self.settings.batch_rows:
                    yield self._to_batch(rows, numbers)
                    rows, numbers = [], []
        if rows:
            yield self._to_batch(rows, numbers)

    def _to_batch(self, rows: list[dict[str, Any]], numbers: list[tuple[int, str | None]]) -> pa.RecordBatch:
        try:
            return pa.RecordBatch.from_pylist(rows, schema=self.schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            good = []
            for row, (number, raw) in zip(rows, numbers, strict=True):
                try:
                    pa.RecordBatch.from_pylist([row], schema=self.schema)
                    good.append(row)
                except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
                    self.reject(number, "a value does not fit the column types of the other lines", raw)
            return pa.RecordBatch.from_pylist(good, schema=self.schema)


class JsonLinesSource(SourceBase):
    format = "jsonl"

    def __init__(self, data: ByteInput, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        if options:
            raise UnsupportedFormat(f"the jsonl format takes no options (got {sorted(options)})")
        if not data.reopenable:
            raise SourceReadError(f"{name}: JSON lines are read in two passes; give a path or a seekable file")
        self.data = data
        self.name = name
        self.settings = settings
        self.table = file_stem(name)

    def tables(self) -> list[str]:
        return [self.table]

    def read(self, table: str, rejects: RejectSink | None = None) -> JsonLinesReader:
        self._check_table(table)
        return JsonLinesReader(self.data, self.name, table, self.settings, rejects)


def _looks_like_jsonl(head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    if not first.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


register_source(
    SourceFormat(
        name="jsonl",
        description="JSON lines (one object per line); keeps its types",
        extensions=(".jsonl", ".ndjson"),
        open=lambda location, *, name, settings, **options: JsonLinesSource(location, name, settings, options),
        magic=_looks_like_jsonl,
        content_guess=1,
        legacy=False,
    )
)
