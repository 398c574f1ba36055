"""SQL dump files (.sql): the tables a script from mysqldump, MariaDB, phpMyAdmin, pg_dump (COPY or INSERTs),
SQLite's .dump or SQL Server's "Generate Scripts" creates and fills, read without running it.

Nothing in the script is executed: the reader takes column names from CREATE TABLE (or an INSERT's or COPY's
column list; column_1... when there is neither) and rows from INSERT ... VALUES and COPY ... FROM stdin, every
value as text, NULL and '' as null, like the other legacy formats. A first pass indexes where each table's
statements start; reading a table then scans only from its first statement to its last, in bounded memory. A row
that cannot be read (a value computed by a function, a wrong number of values, an over-long value) is a reject
with its 1-based data-row number (rows of an extended INSERT share a script line); a script that ends inside a
quoted value is refused as cut short.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

import pyarrow as pa

from intake.config import ConnectorSettings
from intake.connectors.base import (
    BatchReader,
    ByteInput,
    RejectSink,
    SourceBase,
    SourceFormat,
    oversized_reason,
    register_source,
    string_schema,
    unique_column_names,
)
from intake.connectors.errors import SourceReadError, UnsupportedFormat
from intake.connectors.sql_dump_lexer import Scanner
from intake.connectors.sql_dump_script import Row, Script
from intake.connectors.textio import BOMS, SkipStream, Utf8Transcoder, detect_encoding

SAMPLE_BYTES = 1 << 16
# What only MySQL-family dumps write: backslash escapes apply in their strings.
_MYSQL_MARKS = re.compile(rb"MySQL dump|MariaDB dump|phpMyAdmin|ENGINE\s*=|/\*!\d{5}|`")
_SCRIPT_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:--|/\*|(?i:SET|CREATE|INSERT|PRAGMA|BEGIN|USE|DROP)\s)")
DIALECTS = ("mysql", "standard")


@dataclass
class _Table:
    name: str
    columns: list[str] | None = None  # CREATE TABLE's, computed ones included (positional INSERTs hold them)
    generated: frozenset[str] = frozenset()
    listed: list[str] | None = None  # the first INSERT's or COPY's column list
    width: int | None = None
    starts: list[tuple[int, int, bytes]] = field(default_factory=list)  # offset, line, delimiter

    def declared(self) -> list[str]:
        return self.columns or self.listed or [f"column_{n}" for n in range(1, (self.width or 0) + 1)]

    def names(self) -> list[str]:
        """The table's columns: computed ones have no value in a dump and are left out."""
        return [name for name in self.declared() if name not in self.generated]


class SqlDumpSource(SourceBase):
    format = "sql_dump"

    def __init__(self, data: ByteInput, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        unknown = set(options) - {"dialect"}
        if unknown:
            raise UnsupportedFormat(f"the sql_dump format takes only dialect= (got {sorted(unknown)})")
        if not data.reopenable:
            raise SourceReadError(f"{name}: a SQL dump is read in two passes; give a path or a seekable file")
        self.data, self.name, self.settings = data, name, settings
        sample = data.head(SAMPLE_BYTES)
        self.encoding, self.bom = detect_encoding(sample, len(sample) < SAMPLE_BYTES, name)
        dialect = options.get("dialect") or ("mysql" if _MYSQL_MARKS.search(self._utf8(sample)) else "standard")
        if dialect not in DIALECTS:
            raise UnsupportedFormat(f"dialect must be one of {', '.join(DIALECTS)} (got {dialect!r})")
        self.backslashes = dialect == "mysql"
        self.batches = False  # GO lines: a routine's body runs to the GO ending its batch (the index pass learns it)
        self._tables = self._index()

    def _utf8(self, sample: bytes) -> bytes:
        if self.encoding == "utf-8":
            return sample
        return sample[self.bom:].decode(self.encoding, "replace").encode("utf-8")

    @contextmanager
    def _stream(self, offset: int = 0) -> Iterator[IO[bytes]]:
        """The script as UTF-8 from `offset` (a position in that UTF-8 text)."""
        raw = self.data.open()
        try:
            if self.encoding == "utf-8":
                raw.seek(self.bom + offset)
                yield raw
            else:
                stream = io.BufferedReader(Utf8Transcoder(SkipStream(raw, self.bom), self.encoding, self.name))
                yield io.BufferedReader(SkipStream(stream, offset), 1 << 20)
        finally:
            raw.close()

    def _script(self, stream: IO[bytes], offset: int = 0, line: int = 1, delimiter: bytes = b";",
                index: bool = False) -> Script:
        scanner = Scanner(stream, self.name, self.backslashes, self.settings.max_field_bytes, offset, line, delimiter)
        scanner.batches = self.batches
        return Script(scanner, self.settings.max_columns + 1, index)

    def _index(self) -> dict[str, _Table]:
        found: dict[str, _Table] = {}
        with self._stream() as stream:
            script = self._script(stream, index=True)
            for statement, rows in script.statements():
                table = found.setdefault(statement.table, _Table(statement.table))
                if statement.kind == "create":
                    if table.columns is None:
                        table.columns, table.generated = statement.columns, statement.generated
                    continue
                table.starts.append((statement.offset, statement.line, statement.delimiter))
                table.listed = table.listed or statement.columns
                for row in rows:
                    if table.width is None and row.problem is None:
                        table.width = len(row.values)
            self.batches = script.scan.batches
        return _short_names(found)

    def tables(self) -> list[str]:
        return list(self._tables)

    def read(self, table: str, rejects: RejectSink | None = None) -> SqlDumpReader:
        self._check_table(table)
        return SqlDumpReader(self, table, self._tables[table], rejects)


def _short_names(found: dict[str, _Table]) -> dict[str, _Table]:
    """Tables by name without their schema ("dbo.Assets" -> "Assets") where that name is not shared."""
    shorts = [name.rsplit(".", 1)[-1] for name in found]
    return {(short if shorts.count(short) == 1 else name): table
            for (name, table), short in zip(found.items(), shorts, strict=True)}


class SqlDumpReader(BatchReader):
    def __init__(self, source: SqlDumpSource, table: str, found: _Table, rejects: RejectSink | None) -> None:
        self.dump = source
        self.found = found
        names = unique_column_names(list(found.names()))
        super().__init__(source.name, table, string_schema(names), source.settings, rejects)
        self._positions = {name.casefold(): i for i, name in enumerate(found.names())}
        self._starts = {start[0] for start in found.starts}

    def _batches(self) -> Iterator[pa.RecordBatch]:
        if not self.found.starts:
            return
        offset, line, delimiter = self.found.starts[0]
        last = self.found.starts[-1][0]
        columns: list[list[str | None]] = [[] for _ in self.schema]
        number = 0
        with self.dump._stream(offset) as stream:
            for statement, rows in self.dump._script(stream, offset, line, delimiter).statements():
                if statement.offset > last:
                    break
                if statement.kind == "create" or statement.offset not in self._starts:
                    continue
                place = self._placement(statement.columns)
                for row in rows:
                    number += 1
                    values = self._row(row, place, number)
                    if values is None:
                        continue
                    for column, value in zip(columns, values, strict=True):
                        column.append(value)
                    if len(columns[0]) >= self.settings.batch_rows:
                        yield self._batch(columns)
                        columns = [[] for _ in self.schema]
        if columns and columns[0]:
            yield self._batch(columns)

    def _placement(self, listed: list[str] | None) -> list[int | None] | str:
        """Where each listed value goes in the schema, or why the statement's rows cannot be placed."""
        place: list[int | None] = []
        for name in self.found.declared() if listed is None else listed:
            position = self._positions.get(name.casefold())
            if position is None and name in self.found.generated:
                place.append(None)  # a computed column's DEFAULT: nothing stored
                continue
            if position is None:
                return f"its INSERT names column '{name[:80]}', which the table's CREATE TABLE does not have"
            place.append(position)
        return place

    def _row(self, row: Row, place: list[int | None] | str, number: int) -> list[str | None] | None:
        problem = row.problem
        if problem is None and isinstance(place, str):
            problem = place
        if problem is None and len(row.values) != len(place):
            problem = f"the row has {len(row.values)} values for {len(place)} columns"
        if row.oversized is not None and not isinstance(place, str) and row.oversized < len(place):
            position = place[row.oversized]
            if position is not None:
                problem = oversized_reason(self.schema.names[position], self.settings.max_field_bytes)
        if problem is not None or isinstance(place, str):
            self.reject(number, problem or "", row.raw)
            return None
        values: list[str | None] = [None] * len(self.schema)
        for position, value in zip(place, row.values, strict=True):
            if position is not None:
                values[position] = value
        return values

    def _batch(self, columns: list[list[str | None]]) -> pa.RecordBatch:
        return pa.RecordBatch.from_arrays([pa.array(c, pa.string()) for c in columns], schema=self.schema)


def _looks_like_script(head: bytes) -> bool:
    for bom, encoding in BOMS[1:]:  # SQL Server Management Studio saves scripts as UTF-16
        if head.startswith(bom):
            head = head[len(bom):len(head) - len(head) % 2].decode(encoding, "replace").encode("utf-8")
    return bool(_SCRIPT_START.match(head)) and bool(re.search(rb"(?i)\b(?:CREATE\s+TABLE|INSERT\s+INTO|COPY)\b",
                                                              head))


register_source(
    SourceFormat(
        name="sql_dump",
        description="SQL dump script (.sql: mysqldump, MariaDB, phpMyAdmin, pg_dump, SQLite .dump, SQL Server "
                    "scripts); read, never run; every table it creates or fills",
        extensions=(".sql",),
        open=lambda location, *, name, settings, **options: SqlDumpSource(location, name, settings, options),
        magic=_looks_like_script,
        content_guess=2,  # before CSV, which takes any text
    )
)
