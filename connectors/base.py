"""What every connector shares: the Source and TableReader protocols, rejects, byte inputs and the format registry.

A *source* is one file, archive, folder or database. It holds one or more *tables*; reading a table yields a
stream of `pyarrow.RecordBatch` of at most `settings.batch_rows` rows. Every row of the input ends up either in
a batch (`rows_read`) or as a `Reject` with its 1-based position and reason (`rows_rejected`), never dropped.

Positions in rejects: the physical line where the record starts for text files (CSV, JSON lines), the sheet
row for spreadsheets, the 1-based data row for database tables and Parquet.

Legacy formats (CSV, Excel, Access, SQL) produce all-string columns, empty cells as null: typing is the job of
the mapping stage. Parquet and JSON lines keep their types.
"""

from __future__ import annotations

import io
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Protocol, cast, runtime_checkable

import pyarrow as pa

from intake.config import ConnectorSettings
from intake.connectors.errors import SourceReadError, TableNotFound, TooManyColumns, UnsupportedFormat

# Rejects kept in memory on a reader when no sink is given; counts stay exact beyond this.
MAX_COLLECTED_REJECTS = 10_000


@dataclass(frozen=True)
class Reject:
    """A row that could not be read. `raw` is the row's original content: customer data, for the vault only."""

    source: str
    table: str
    row_number: int
    reason: str
    raw: str | None = field(default=None, repr=False, compare=False)


class RejectSink(Protocol):
    """Receives rejects as they are found (the vault reject sink, a collector)."""

    def add(self, reject: Reject) -> None: ...


class RejectCollector:
    """Keeps rejects in memory (first `limit`), with exact counts by reason; for tests and `sources inspect`."""

    def __init__(self, limit: int = MAX_COLLECTED_REJECTS) -> None:
        self.limit = limit
        self.rejects: list[Reject] = []
        self.count = 0
        self.reasons: Counter[str] = Counter()

    def add(self, reject: Reject) -> None:
        self.count += 1
        self.reasons[reject.reason] += 1
        if len(self.rejects) < self.limit:
            self.rejects.append(reject)


@runtime_checkable
class TableReader(Protocol):
    """One table of a source: a schema and a single pass over its record batches."""

    source: str
    table: str
    schema: pa.Schema
    rows_read: int
    rows_rejected: int

    def __iter__(self) -> Iterator[pa.RecordBatch]: ...


@runtime_checkable
class Source(Protocol):
    """An opened file, archive, folder or database holding tables."""

    name: str
    format: str

    def tables(self) -> list[str]: ...

    def read(self, table: str, rejects: RejectSink | None = None) -> TableReader: ...

    def close(self) -> None: ...

    def __enter__(self) -> Source: ...

    def __exit__(self, *exc: object) -> None: ...


class SourceBase:
    """Context-manager plumbing and table lookup shared by the concrete sources."""

    name: str
    format: str

    def tables(self) -> list[str]:
        raise NotImplementedError

    def read(self, table: str, rejects: RejectSink | None = None) -> TableReader:
        raise NotImplementedError

    def close(self) -> None:
        """Release files and connections; sources without any keep this no-op."""

    def __enter__(self) -> SourceBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_table(self, table: str) -> None:
        known = self.tables()
        if table not in known:
            raise TableNotFound(
                f"{self.name} has no table '{table}'; its tables are: {', '.join(known) or 'none'}"
            )


class BatchReader:
    """Base table reader: counts rows, routes rejects, and cuts batches to at most `batch_rows` rows."""

    def __init__(
        self,
        source: str,
        table: str,
        schema: pa.Schema,
        settings: ConnectorSettings,
        rejects: RejectSink | None = None,
    ) -> None:
        if len(schema) > settings.max_columns:
            raise TooManyColumns(
                f"table '{table}' of {source} has {len(schema)} columns, more than the {settings.max_columns} "
                "allowed (connectors.max_columns); nothing of it was read. Ask the customer for an export of the "
                "columns the migration needs, or raise the limit for this file if the width is genuine"
            )
        self.source = source
        self.table = table
        self.schema = schema
        self.settings = settings
        self.rows_read = 0
        self.rows_rejected = 0
        self.reject_reasons: Counter[str] = Counter()
        self._sink = rejects
        self._collected = RejectCollector() if rejects is None else None
        self._started = False

    @property
    def rejects(self) -> list[Reject]:
        """Rejects kept on the reader when no sink was given (the first MAX_COLLECTED_REJECTS)."""
        return self._collected.rejects if self._collected is not None else []

    def reject(self, row_number: int, reason: str, raw: str | None = None) -> None:
        self.rows_rejected += 1
        self.reject_reasons[reason] += 1
        record = Reject(self.source, self.table, row_number, reason, raw)
        if self._sink is not None:
            self._sink.add(record)
        elif self._collected is not None:
            self._collected.add(record)

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        if self._started:
            raise SourceReadError(
                f"table '{self.table}' of {self.source} was already read; call source.read() again for a new pass"
            )
        self._started = True
        limit = self.settings.batch_rows
        for batch in self._batches():
            for offset in range(0, batch.num_rows, limit):
                piece = batch.slice(offset, limit)
                self.rows_read += piece.num_rows
                yield piece

    def read_all(self) -> pa.Table:
        """The whole table in memory: for small tables and tests only."""
        return pa.Table.from_batches(list(self), schema=self.schema)

    def _batches(self) -> Iterator[pa.RecordBatch]:
        raise NotImplementedError


# ---------------------------------------------------------------------------------------------- byte inputs


class SeekableStream(Protocol):
    """A seekable binary file whose reads return bytes: an IO[bytes], or a raw stream such as the vault's decrypting
    reader (an io.RawIOBase, which the type stubs do not count as an IO[bytes])."""

    def read(self, size: int = -1, /) -> bytes: ...

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int: ...


class _FileView(io.RawIOBase):
    """An independent read position over a shared seekable file, so several readers can use one vault stream."""

    def __init__(self, shared: SeekableStream, lock: threading.Lock) -> None:
        self._shared = shared
        self._lock = lock  # views may be read from different threads (the transcoder reads ahead in one)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        with self._lock:
            self._shared.seek(self._pos)
            data = self._shared.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        self._pos += count
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            self._pos = offset
        elif whence == io.SEEK_CUR:
            self._pos += offset
        else:
            with self._lock:
                self._pos = self._shared.seek(0, io.SEEK_END) + offset
        return self._pos

    def tell(self) -> int:
        return self._pos


class ByteInput:
    """Bytes a source reads: a local file or a binary file-like object (e.g. the vault's decrypting reader).

    `open()` returns a fresh binary stream at offset 0 each time when the input is reopenable (a path or a
    seekable stream), so a source can take a second pass (sniffing, locating rejected lines).
    """

    def __init__(
        self,
        name: str,
        opener: Callable[[], IO[bytes]],
        *,
        path: Path | None = None,
        size: int | None = None,
        reopenable: bool = True,
    ) -> None:
        self.name = name
        self._opener = opener
        self.path = path
        self.size = size
        self.reopenable = reopenable
        self._opened = False

    @classmethod
    def from_path(cls, path: str | Path, name: str | None = None) -> ByteInput:
        path = Path(path)
        if not path.is_file():
            raise SourceReadError(f"{path} is not a readable file: check the path")
        return cls(name or path.name, lambda: open(path, "rb"), path=path, size=path.stat().st_size)

    @classmethod
    def from_file(cls, fileobj: IO[bytes] | SeekableStream, name: str) -> ByteInput:
        seekable = bool(getattr(fileobj, "seekable", lambda: False)())
        if not seekable:
            # Read once, as given: a file that cannot seek is a pipe or socket file, an IO[bytes].
            one_pass = cast("IO[bytes]", fileobj)
            return cls(name, lambda: one_pass, reopenable=False)
        size = fileobj.seek(0, io.SEEK_END)
        fileobj.seek(0)
        lock = threading.Lock()
        return cls(name, lambda: io.BufferedReader(_FileView(fileobj, lock), 1 << 20), size=size)

    def open(self) -> IO[bytes]:
        if self._opened and not self.reopenable:
            raise SourceReadError(
                f"{self.name} is a one-pass stream and was already read: give a path or a seekable file instead"
            )
        self._opened = True
        return self._opener()

    def head(self, count: int) -> bytes:
        """The first `count` bytes (used for detection); consumes a one-pass stream only if it can be peeked."""
        if not self.reopenable:
            return b""
        with self.open() as stream:
            return stream.read(count)


def as_input(location: Location, name: str | None = None) -> ByteInput:
    if isinstance(location, ByteInput):
        return location
    if isinstance(location, str | Path):
        return ByteInput.from_path(location, name)
    return ByteInput.from_file(location, name or getattr(location, "name", None) or "input")


# ---------------------------------------------------------------------------------------------- columns & values


def unique_column_names(raw: list[Any]) -> list[str]:
    """Header cells to usable, unique column names: blanks become column_<n> (1-based), repeats get _2, _3..."""
    names: list[str] = []
    seen: set[str] = set()
    for position, cell in enumerate(raw, start=1):
        base = "" if cell is None else str(cell).strip()
        if not base:
            base = f"column_{position}"
        candidate, suffix = base, 2
        while candidate.casefold() in seen:
            candidate, suffix = f"{base}_{suffix}", suffix + 1
        seen.add(candidate.casefold())
        names.append(candidate)
    return names


def string_schema(names: list[str]) -> pa.Schema:
    return pa.schema([pa.field(name, pa.string()) for name in names])


def format_value(value: Any) -> str | None:
    """A cell of a legacy source as text, without float noise; dates as ISO 8601. Empty text becomes null."""
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)


def oversized_reason(column: str, limit: int) -> str:
    return f"field '{column}' is longer than the {limit}-byte limit (connectors.max_field_bytes)"


# ---------------------------------------------------------------------------------------------- registry

Location = str | Path | IO[bytes] | SeekableStream | ByteInput
Opener = Callable[..., SourceBase]


@dataclass(frozen=True)
class SourceFormat:
    """A registered format: how to recognise it and how to open it.

    `open(location, name=..., settings=..., **options)` returns a Source. `magic(head)` recognises the format
    from its first bytes when the name has no known extension.
    """

    name: str
    description: str
    extensions: tuple[str, ...]
    open: Opener
    magic: Callable[[bytes], bool] | None = None
    legacy: bool = True
    accepts: str = "file"  # "file", "directory" or "url"
    # 0: a binary signature, tried first; >0: a guess from text content, tried later in this order and only
    # for names without an extension ("notes.pdf" is not a CSV because its first bytes look like text)
    content_guess: int = 0


SOURCES: dict[str, SourceFormat] = {}


def register_source(fmt: SourceFormat) -> SourceFormat:
    SOURCES[fmt.name] = fmt
    return fmt


HEAD_BYTES = 4096


def detect_format(name: str, head: bytes = b"", is_directory: bool = False) -> str:
    """The registered format for a file name (extension first, then content), a folder or a database URL."""
    if "://" in name and not is_directory:
        for fmt in SOURCES.values():
            if fmt.accepts == "url":
                return fmt.name
    if is_directory:
        for fmt in SOURCES.values():
            if fmt.accepts == "directory":
                return fmt.name
        raise UnsupportedFormat(f"{name} is a folder and no registered source reads folders")
    lowered = name.lower()
    best: tuple[int, str] | None = None
    for fmt in SOURCES.values():
        for ext in fmt.extensions:
            if lowered.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), fmt.name)
    if best is not None:
        return best[1]
    has_extension = "." in os.path.basename(lowered.replace("\\", "/")).lstrip(".")
    for fmt in sorted(SOURCES.values(), key=lambda f: f.content_guess):
        if fmt.content_guess and has_extension:
            continue
        if fmt.magic is not None and head and fmt.magic(head):
            return fmt.name
    known = ", ".join(sorted({ext for fmt in SOURCES.values() for ext in fmt.extensions}))
    raise UnsupportedFormat(
        f"cannot tell the format of {name}: its extension is not one of {known} and its content is not recognised;"
        " pass the format name explicitly (intake sources list shows them)"
    )


def open_source(
    format_name: str | None,
    location: Location,
    *,
    name: str | None = None,
    settings: ConnectorSettings | None = None,
    **options: Any,
) -> SourceBase:
    """Open a source by format name, or detect it from the name and first bytes when `format_name` is None.

    `location` is a local path, a folder (product Parquet package), a SQLAlchemy URL (sql), a binary
    file-like object such as the vault's decrypting reader, or a ByteInput. `name` labels the source in
    table names and rejects; for a file-like object it should be the original file name (it decides the format).
    """
    settings = settings or ConnectorSettings()
    if isinstance(location, Path | str) and not (isinstance(location, str) and "://" in location):
        path = Path(location)
        if path.is_dir():
            fmt_name = format_name or detect_format(name or path.name, is_directory=True)
            return _format(fmt_name).open(path, name=name or path.name, settings=settings, **options)
        if not path.exists():
            raise SourceReadError(f"{path} does not exist: check the path")
    if isinstance(location, str) and "://" in location:
        fmt_name = format_name or detect_format(location)
        return _format(fmt_name).open(location, name=name, settings=settings, **options)
    data = as_input(location, name)
    fmt_name = format_name or detect_format(data.name, data.head(HEAD_BYTES))
    return _format(fmt_name).open(data, name=data.name, settings=settings, **options)


def _format(name: str) -> SourceFormat:
    try:
        return SOURCES[name]
    except KeyError:
        raise UnsupportedFormat(
            f"no source format named '{name}'; registered formats: {', '.join(sorted(SOURCES))}"
        ) from None


def file_stem(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/"))
    stem, dot, _ = base.rpartition(".")
    return stem if dot and stem else base
