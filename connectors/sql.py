"""SQL databases by SQLAlchemy URL: every table of a schema, or a chosen list, streamed with server-side cursors.

URLs: `sqlite:///path/medimaint.db`, `postgresql+psycopg://user@host/db`, and SQL Server through
`mssql+pymssql://user:password@host/db` (the optional `sqlserver` extra installs pymssql; not testable here).
Results stream with `stream_results` and `yield_per(batch_rows)` (a named cursor on PostgreSQL, a streaming
cursor on SQL Server) so a table of any size is read in bounded memory. Values become text as for every legacy
source (numbers without float noise, dates ISO 8601, binary as hex). Rows have no intrinsic order in SQL: a
reject's row number is its 1-based position in the read, which follows the primary key when there is one.
Passwords in URLs never appear in messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import pyarrow as pa
from sqlalchemy import LargeBinary, MetaData, String, Table, case, create_engine, func, inspect, null, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.types import NullType

from intake.config import ConnectorSettings
from intake.connectors.base import (
    BatchReader,
    ByteInput,
    RejectSink,
    SourceBase,
    SourceFormat,
    format_value,
    oversized_reason,
    register_source,
    string_schema,
    unique_column_names,
)
from intake.connectors.errors import GeneratedColumns, SourceReadError, TableNotFound, UnsupportedFormat

OPTIONS = {"tables", "schema"}
# Column types whose values can be long: their length is checked by the database before they are fetched.
_SIZED_TYPES: tuple[type, ...] = (String, LargeBinary)
SQLITE_MAGIC = b"SQLite format 3\x00"


def safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


class SqlSource(SourceBase):
    format = "sql"

    def __init__(
        self,
        url: str,
        name: str | None,
        settings: ConnectorSettings,
        options: dict[str, Any],
        engine: Engine | None = None,
    ) -> None:
        unknown = set(options) - OPTIONS
        if unknown:
            raise UnsupportedFormat(f"unknown sql option(s) {sorted(unknown)}; known: {sorted(OPTIONS)}")
        self.url = safe_url(url)
        self.name = name or make_url(url).database or self.url
        self.settings = settings
        self.schema_name: str | None = options.get("schema")
        try:
            self.engine: Engine = engine or create_engine(url)
            names = inspect(self.engine).get_table_names(schema=self.schema_name)
        except (NoSuchModuleError, ArgumentError, ImportError):
            raise UnsupportedFormat(
                f"no SQLAlchemy driver for {self.url}: install the dialect's driver (e.g. pymssql for SQL Server)"
            ) from None
        except SQLAlchemyError as exc:
            raise SourceReadError(
                f"cannot read the table list of {self.url} ({type(exc).__name__}): check the URL, that the server "
                "is reachable and that the account may read it"
            ) from None
        self._tables = chosen_tables(self.url, names, options.get("tables"))

    def tables(self) -> list[str]:
        return list(self._tables)

    def read(self, table: str, rejects: RejectSink | None = None) -> SqlTableReader:
        self._check_table(table)
        try:
            reflected = Table(table, MetaData(), autoload_with=self.engine, schema=self.schema_name)
        except SQLAlchemyError as exc:
            raise SourceReadError(f"cannot read the columns of table '{table}' in {self.url} ({type(exc).__name__})"
                                  ) from None
        generated = [c.name for c in reflected.columns if c.computed is not None]
        if generated:
            # A generated column's values are computed by the database when read (zeroblob(200000000) in a 12 KB
            # file): they are not data the customer exported, and they can be made arbitrarily large.
            raise GeneratedColumns(
                f"table '{table}' in {self.name} has generated column(s) {', '.join(generated)}: their values are "
                "computed when read, not stored, so they are not read. Ask the customer for an export without them "
                "(or with their values stored as ordinary columns)"
            )
        return SqlTableReader(self, reflected, rejects)

    def close(self) -> None:
        self.engine.dispose()


class SqlTableReader(BatchReader):
    def __init__(self, source: SqlSource, table: Table, rejects: RejectSink | None) -> None:
        names = unique_column_names([c.name for c in table.columns])
        super().__init__(source.name, table.name, string_schema(names), source.settings, rejects)
        self._source = source
        self._table = table

    def _batches(self) -> Iterator[pa.RecordBatch]:
        limit = self.settings.max_field_bytes
        # An oversized value is never fetched: the database sends NULL and a flag instead, so a 200 MB blob
        # costs neither memory nor a 400 MB hex string in the rejects.
        # SQLite's untyped columns (NullType) may hold anything; elsewhere an unknown type may have no length().
        types = (*_SIZED_TYPES, NullType) if self._source.engine.dialect.name == "sqlite" else _SIZED_TYPES
        sized = [c for c in self._table.columns if isinstance(c.type, types)]
        statement = select(
            *(case((func.length(c) > limit, null()), else_=c) if c in sized else c for c in self._table.columns),
            *(func.coalesce(func.length(c), 0) > limit for c in sized),
        )
        primary = list(self._table.primary_key.columns)
        if primary:
            statement = statement.order_by(*primary)
        names = self.schema.names
        sized_names = [names[list(self._table.columns).index(c)] for c in sized]
        read = 0
        try:
            with self._source.engine.connect() as connection:
                result = connection.execution_options(
                    stream_results=True, yield_per=self.settings.batch_rows
                ).execute(statement)
                for batch in text_batches(result.partitions(), self.schema, sized_names, limit, self.reject):
                    read += batch.num_rows
                    yield batch
        except SQLAlchemyError as exc:
            raise SourceReadError(
                f"reading table '{self.table}' of {self._source.url} failed after about {read} rows "
                f"({type(exc).__name__}): check the connection and read permission, then read it again"
            ) from None


def chosen_tables(where: str, names: list[str], wanted: list[str] | None) -> list[str]:
    """The tables the mapping asks for (the `tables` option), each of which must exist; else every table."""
    if not wanted:
        return sorted(names)
    missing = [t for t in wanted if t not in names]
    if missing:
        raise TableNotFound(f"{where} has no table(s) {missing}; it has: {', '.join(sorted(names))}")
    return list(wanted)


def text_batches(partitions: Iterable[Sequence[Sequence[Any]]], schema: pa.Schema, sized_names: list[str],
                 limit: int, reject: Callable[[int, str, str | None], None]) -> Iterator[pa.RecordBatch]:
    """Rows of (the schema's values..., one "longer than limit" flag per sized column) as batches of text; a row
    with an oversized value is rejected (the value itself, which the database sent as NULL, is not in it)."""
    names = schema.names
    width = len(names)
    row_number = 0
    for partition in partitions:
        columns: list[list[str | None]] = [[] for _ in names]
        for row in partition:
            row_number += 1
            texts = [format_value(value) for value in row[:width]]
            oversized = next((n for n, flag in zip(sized_names, row[width:], strict=True) if flag), None)
            oversized = oversized or _oversized(names, texts, limit)
            if oversized:
                reject(row_number, oversized_reason(oversized, limit), "\t".join(t or "" for t in texts))
                continue
            for column, text in zip(columns, texts, strict=True):
                column.append(text)
        if columns and columns[0]:
            yield pa.RecordBatch.from_arrays([pa.array(c, pa.string()) for c in columns], schema=schema)


def _oversized(names: list[str], texts: list[str | None], limit: int) -> str | None:
    """The first column whose text is longer than `limit` bytes."""
    for name, text in zip(names, texts, strict=True):
        if text is not None and len(text) * 4 > limit and len(text.encode("utf-8", "surrogateescape")) > limit:
            return name
    return None


def _open(location: Any, name: str | None, settings: ConnectorSettings, options: dict[str, Any]) -> SourceBase:
    """A URL, or a SQLite database file (e.g. medimaint.db): a local path opened read-only, or a seekable stream
    such as the vault's decrypting reader, read page by page (sqlite_stream.py): the plaintext never touches the
    disk and is never held whole in memory."""
    if isinstance(location, str) and "://" in location:
        return SqlSource(location, name, settings, options)
    data: ByteInput = location
    if data.path is not None:
        with open(data.path, "rb") as handle:
            _check_sqlite(handle.read(16), data.name)
        url = f"sqlite:///file:{data.path}?mode=ro&uri=true"
        return SqlSource(url, name or data.name, settings, options)
    with data.open() as stream:
        _check_sqlite(stream.read(16), data.name)
    from intake.connectors.sqlite_stream import SqliteStreamSource  # imports this module

    return SqliteStreamSource(data.open, name or data.name, settings, options)


def _check_sqlite(head: bytes, name: str) -> None:
    if head != SQLITE_MAGIC:
        raise SourceReadError(f"{name} is not a SQLite database: check the file or name its format explicitly")


def _is_sqlite(head: bytes) -> bool:
    return head.startswith(SQLITE_MAGIC)


register_source(
    SourceFormat(
        name="sql",
        description="SQL database by SQLAlchemy URL (SQLite, PostgreSQL, SQL Server); every table or a list",
        extensions=(".db", ".sqlite", ".sqlite3"),
        open=lambda location, *, name, settings, **options: _open(location, name, settings, options),
        magic=_is_sqlite,
        accepts="url",
    )
)
