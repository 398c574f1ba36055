"""Microsoft Access databases (.mdb Jet 3/4, .accdb ACE): every user table, read with Debian's mdbtools.

Why mdbtools and not access-parser: mdbtools (mdb-export) is the long-maintained C reader used by most Linux
tooling; it streams a table as CSV from a subprocess, so a table of any size is read in bounded memory through
the same pyarrow CSV path as text files, and `mdb-count` gives the table's row count to check that every row
arrived. access-parser (pure Python) parses a whole table into Python lists in memory, is markedly slower, and
renders some values as placeholders (it printed "(Invalid Date)" for dates on a real Access 2000 file where
mdbtools gives a value). mdbtools is a Debian package (`apt-get install mdbtools`), installed by the CI script.

Values: text as is, numbers as mdbtools prints them, dates as ISO 8601 (midnight values as the date alone),
Yes/No as true/false. Binary columns (OLE objects, binary, attachments) are not exported by mdbtools as usable
values; they are left out of the table and named in `reader.dropped_columns`, never dropped silently.

A database given as a stream (the vault's decrypting reader) is copied to an anonymous in-memory file
(memfd) that mdbtools opens through /dev/fd: decrypted content never touches the disk. The Access format caps
a database at 2 GB, which bounds that copy.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc

from intake.config import ConnectorSettings
from intake.connectors.base import ByteInput, RejectSink, SourceBase, SourceFormat, register_source
from intake.connectors.csv_source import CsvLayout, CsvTableReader
from intake.connectors.errors import SourceReadError, UnsupportedFormat

TOOLS = ("mdb-tables", "mdb-export", "mdb-schema", "mdb-count")
_BINARY_TYPES = ("ole", "binary", "attachment", "complex")
_SCHEMA_LINE = re.compile(r"^\t\[(?P<name>.+)\]\t+(?P<type>[^,\n]+?)(?:\s*\(\d+\))?,?\s*$")
_TIMEOUT = 60


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise SourceReadError(
            f"reading Access databases needs mdbtools ({', '.join(missing)} not found): apt-get install mdbtools"
        )


class _DatabaseFile:
    """A path mdbtools can open: the file itself, or an in-memory copy of a stream."""

    def __init__(self, data: ByteInput) -> None:
        self.fd: int | None = None
        if data.path is not None:
            self.path = str(data.path)
            return
        self.fd = os.memfd_create("intake-access", 0)
        with data.open() as stream:
            while chunk := stream.read(1 << 20):
                os.write(self.fd, chunk)
        self.path = f"/dev/fd/{self.fd}"

    @property
    def pass_fds(self) -> tuple[int, ...]:
        return (self.fd,) if self.fd is not None else ()

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class AccessSource(SourceBase):
    format = "access"

    def __init__(self, data: ByteInput, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        if options:
            raise UnsupportedFormat(f"the access format takes no options (got {sorted(options)})")
        _require_tools()
        self.name = name
        self.settings = settings
        self._file = _DatabaseFile(data)
        try:
            listing = self._run(["mdb-tables", "-1", self._file.path])
        except SourceReadError:
            self._file.close()
            raise
        self._tables = [line for line in listing.splitlines() if line.strip()]

    def _run(self, args: list[str]) -> str:
        try:
            done = subprocess.run(args, capture_output=True, timeout=_TIMEOUT, pass_fds=self._file.pass_fds,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise SourceReadError(f"{self.name}: {args[0]} did not finish within {_TIMEOUT}s") from None
        if done.returncode != 0:
            raise SourceReadError(
                f"{self.name} is not a readable Access database ({args[0]} failed with exit code "
                f"{done.returncode}): check that the file is complete and not password-protected"
            )
        return done.stdout.decode("utf-8", "replace")

    def tables(self) -> list[str]:
        return list(self._tables)

    def column_types(self, table: str) -> dict[str, str]:
        schema = self._run(["mdb-schema", "-T", table, "--no-relations", "--no-indexes", self._file.path, "access"])
        types: dict[str, str] = {}
        for line in schema.splitlines():
            match = _SCHEMA_LINE.match(line)
            if match:
                types[match["name"]] = match["type"].strip().lower()
        return types

    def row_count(self, table: str) -> int:
        return int(self._run(["mdb-count", self._file.path, table]).strip() or 0)

    def read(self, table: str, rejects: RejectSink | None = None) -> AccessTableReader:
        self._check_table(table)
        return AccessTableReader(self, table, rejects)

    def close(self) -> None:
        self._file.close()


class AccessTableReader(CsvTableReader):
    """mdb-export's CSV of one table, read by the CSV reader; rejects numbered by data row."""

    def __init__(self, source: AccessSource, table: str, rejects: RejectSink | None) -> None:
        self._access = source
        self.column_types = source.column_types(table)
        self.expected_rows = source.row_count(table)
        process = self._export(source, table)
        try:
            assert process.stdout is not None
            header = next(csv.reader([process.stdout.readline().decode("utf-8", "replace")]), [])
        finally:
            process.kill()
            _finish(process)
        if not header:
            raise SourceReadError(f"{source.name}: mdb-export gave no header for table '{table}'")
        layout = CsvLayout("utf-8", 0, ",", True, 1, 2, 0, header, 0)
        # Reopenable by running mdb-export again, so the CSV reader can take its Python pass if it needs one.
        data = ByteInput(f"{source.name}:{table}", self._open_rows)
        super().__init__(data, layout, source.name, table, source.settings, rejects, unit="row")
        self.dropped_columns = {
            name: "binary data (OLE object, binary or attachment) is not exported by mdbtools"
            for name in header if any(kind in self.column_types.get(name, "") for kind in _BINARY_TYPES)
        }
        self.schema = pa.schema([self._row_schema.field(name) for name in header if name not in self.dropped_columns])
        self._processes: list[subprocess.Popen[bytes]] = []

    @staticmethod
    def _export(source: AccessSource, table: str) -> subprocess.Popen[bytes]:
        args = ["mdb-export", "-D", "%Y-%m-%d", "-T", "%Y-%m-%dT%H:%M:%S", "-B", "-b", "strip",
                source._file.path, table]
        return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                pass_fds=source._file.pass_fds)

    def _open_rows(self) -> IO[bytes]:
        process = self._export(self._access, self.table)
        self._processes.append(process)
        assert process.stdout is not None
        process.stdout.readline()  # the header, already known
        return process.stdout

    def _batches(self) -> Iterator[pa.RecordBatch]:
        dates = [n for n in self.schema.names if self.column_types.get(n, "").startswith("datetime")]
        booleans = [n for n in self.schema.names if self.column_types.get(n, "") == "boolean"]
        try:
            for batch in super()._batches():
                columns = []
                for name in self.schema.names:
                    column = batch.column(name)
                    if name in dates:
                        column = pc.replace_substring_regex(column, pattern="T00:00:00$", replacement="")
                    elif name in booleans:
                        column = pc.utf8_lower(column)
                    columns.append(column)
                yield pa.RecordBatch.from_arrays(columns, schema=self.schema)
        finally:
            # only the last export ran to the end; an earlier one may have been cut short on purpose
            codes = [_finish(process) for process in self._processes]
            returncode = codes[-1] if codes else 0
        if returncode != 0:
            raise SourceReadError(
                f"{self.source}: mdb-export failed on table '{self.table}' (exit code {returncode}); "
                "the database may be damaged: compact and repair it in Access and send it again"
            )
        if self.rows_read + self.rows_rejected != self.expected_rows:
            raise SourceReadError(
                f"{self.source}: table '{self.table}' has {self.expected_rows} rows but mdb-export produced "
                f"{self.rows_read + self.rows_rejected}; the database may be damaged: compact and repair it in "
                "Access and send it again"
            )


def _finish(process: subprocess.Popen[bytes]) -> int:
    for pipe in (process.stdout, process.stderr):
        with contextlib.suppress(OSError, ValueError):
            if pipe is not None:
                pipe.close()
    try:
        process.wait(timeout=_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return process.returncode


def _is_access(head: bytes) -> bool:
    return head[4:19] in (b"Standard Jet DB", b"Standard ACE DB")


register_source(
    SourceFormat(
        name="access",
        description="Microsoft Access database (.mdb/.accdb) via mdbtools; every user table",
        extensions=(".mdb", ".accdb"),
        open=lambda location, *, name, settings, **options: AccessSource(location, name, settings, options),
        magic=_is_access,
    )
)
