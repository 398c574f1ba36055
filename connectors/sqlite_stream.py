"""A SQLite database read page by page from a seekable stream (the vault's decrypting reader), never whole.

Python's sqlite3 can only open a file or a copy in memory: a 392 MB export took 1.6 GB that way, and the
plaintext cannot go to disk. apsw lets SQLite read through a virtual file system of our own: each page is read
from the stream when SQLite asks for it (the vault decrypts the one chunk holding it), so memory stays at
SQLite's page cache and one chunk, whatever the file's size. The database is opened read-only and immutable
(no journal, no locks, nothing written). Tables are read with the same rules as sql.py: generated columns
refused, values over the field limit never fetched, rows in primary-key order.
"""

from __future__ import annotations

import io
import itertools
import threading
from collections.abc import Callable, Iterator
from typing import IO, Any

import apsw
import pyarrow as pa

from intake.config import ConnectorSettings
from intake.connectors.base import BatchReader, RejectSink, SourceBase, string_schema, unique_column_names
from intake.connectors.errors import GeneratedColumns, SourceReadError, TableNotFound, UnsupportedFormat
from intake.connectors.sql import chosen_tables, text_batches

VFS_NAME = "intake-stream"
_SECTOR = 4096


class _StreamFile:
    """The methods SQLite calls on an open file, over a seekable binary stream (read-only)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._size = stream.seek(0, io.SEEK_END)
        self._lock = threading.Lock()

    # SQLite's method names, as apsw calls them.
    def xRead(self, amount: int, offset: int) -> bytes:
        with self._lock:
            self._stream.seek(offset)
            return self._stream.read(amount)  # short at the end: SQLite fills the rest with zeros

    def xFileSize(self) -> int:
        return self._size

    def xClose(self) -> None:
        self._stream.close()

    def xLock(self, level: int) -> None:
        pass

    def xUnlock(self, level: int) -> None:
        pass

    def xCheckReservedLock(self) -> bool:
        return False

    def xSectorSize(self) -> int:
        return _SECTOR

    def xDeviceCharacteristics(self) -> int:
        return 0

    def xFileControl(self, op: int, pointer: int) -> bool:
        return False

    def xSync(self, flags: int) -> None:
        pass

    def xWrite(self, data: bytes, offset: int) -> None:
        raise apsw.ReadOnlyError("a customer's database is read, never written")

    def xTruncate(self, size: int) -> None:
        raise apsw.ReadOnlyError("a customer's database is read, never written")


class _StreamVFS(apsw.VFS):
    """One process-wide VFS; each open database is a name mapped to the function that opens its stream."""

    def __init__(self) -> None:
        self.openers: dict[str, Callable[[], IO[bytes]]] = {}
        self.lock = threading.Lock()
        super().__init__(VFS_NAME, base="")

    # apsw's stub says xOpen returns a VFSFile, but apsw takes any object with SQLite's x* methods (its docs: derive
    # from VFSFile only to inherit another VFS's behaviour); _StreamFile must not, as it reads no real file.
    def xOpen(self, name: Any, flags: Any) -> _StreamFile:  # type: ignore[override]
        key = name.filename() if isinstance(name, apsw.URIFilename) else str(name)
        with self.lock:
            opener = self.openers.get(key)
        if opener is None:  # SQLite asked for a journal or another file: there is none
            raise apsw.CantOpenError(f"no stream for {key}")
        return _StreamFile(opener())


_vfs: _StreamVFS | None = None
_vfs_lock = threading.Lock()  # two tasks opening their first database at once must not register the VFS twice
_counter = itertools.count(1)


def _registered() -> _StreamVFS:
    global _vfs
    with _vfs_lock:
        if _vfs is None:
            _vfs = _StreamVFS()
        return _vfs


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


class SqliteStreamSource(SourceBase):
    format = "sql"

    def __init__(self, opener: Callable[[], IO[bytes]], name: str, settings: ConnectorSettings,
                 options: dict[str, Any]) -> None:
        unknown = set(options) - {"tables", "schema"}
        if unknown or options.get("schema"):
            raise UnsupportedFormat(f"unknown sqlite option(s) {sorted(unknown) or ['schema']}; known: ['tables']")
        self.name = name
        self.settings = settings
        vfs = _registered()
        self._key = f"/stream-{next(_counter)}.db"
        with vfs.lock:
            vfs.openers[self._key] = opener
        try:
            self.connection = apsw.Connection(f"file:{self._key}?immutable=1",
                                              flags=apsw.SQLITE_OPEN_READONLY | apsw.SQLITE_OPEN_URI, vfs=VFS_NAME)
            names = [row[0] for row in self.connection.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' "
                "ORDER BY name")]
        except apsw.Error as exc:
            self.close()
            raise SourceReadError(f"cannot read the table list of {name} ({type(exc).__name__}): the SQLite "
                                  "file is damaged or not a database; ask the customer for a new export") from None
        try:
            self._tables = chosen_tables(name, names, options.get("tables"))
        except TableNotFound:
            self.close()
            raise

    def tables(self) -> list[str]:
        return list(self._tables)

    def read(self, table: str, rejects: RejectSink | None = None) -> SqliteStreamReader:
        self._check_table(table)
        try:
            columns = list(self.connection.execute(f"PRAGMA table_xinfo({_quote(table)})"))
        except apsw.Error as exc:
            raise SourceReadError(f"cannot read the columns of table '{table}' in {self.name} "
                                  f"({type(exc).__name__})") from None
        # table_xinfo: (cid, name, type, notnull, default, pk, hidden); hidden 2 and 3 are generated columns.
        generated = [c[1] for c in columns if c[6] in (2, 3)]
        if generated:
            raise GeneratedColumns(
                f"table '{table}' in {self.name} has generated column(s) {', '.join(generated)}: their values are "
                "computed when read, not stored, so they are not read. Ask the customer for an export without them "
                "(or with their values stored as ordinary columns)"
            )
        stored = [c[1] for c in columns if c[6] == 0]
        primary = [c[1] for c in sorted((c for c in columns if c[5]), key=lambda c: c[5])]
        return SqliteStreamReader(self, table, stored, primary, rejects)

    def close(self) -> None:
        connection = getattr(self, "connection", None)
        if connection is not None:
            connection.close()
            del self.connection  # gone rather than None, so that while open it is always a Connection
        vfs = _registered()
        with vfs.lock:
            vfs.openers.pop(self._key, None)


class SqliteStreamReader(BatchReader):
    def __init__(self, source: SqliteStreamSource, table: str, columns: list[str], primary: list[str],
                 rejects: RejectSink | None) -> None:
        super().__init__(source.name, table, string_schema(unique_column_names(columns)), source.settings, rejects)
        self._source = source
        self._columns = columns
        self._primary = primary

    def _batches(self) -> Iterator[pa.RecordBatch]:
        limit = self.settings.max_field_bytes
        quoted = [_quote(c) for c in self._columns]
        # An oversized value is never fetched (SQLite's columns are untyped: every one is checked). octet_length
        # reads the size from the record; length() would load and count a text value's characters whole.
        statement = (
            "SELECT " + ", ".join(f"CASE WHEN octet_length({q}) > {limit} THEN NULL ELSE {q} END" for q in quoted)
            + ", " + ", ".join(f"coalesce(octet_length({q}), 0) > {limit}" for q in quoted)
            + f" FROM {_quote(self.table)}"
            + (" ORDER BY " + ", ".join(_quote(c) for c in self._primary) if self._primary else "")
        )
        read = 0
        try:
            cursor = self._source.connection.execute(statement)
            partitions = iter(lambda: list(itertools.islice(cursor, self.settings.batch_rows)), [])
            for batch in text_batches(partitions, self.schema, self.schema.names, limit, self.reject):
                read += batch.num_rows
                yield batch
        except apsw.Error as exc:
            raise SourceReadError(
                f"reading table '{self.table}' of {self.source} failed after about {read} rows "
                f"({type(exc).__name__}): the SQLite file may be damaged; ask the customer for a new export"
            ) from None
