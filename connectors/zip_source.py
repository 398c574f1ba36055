"""Zip archives of any readable format, nested zips included, with zip-bomb limits and no unsafe paths.

Tables are named `archive.zip/inner.csv:table` (`outer.zip/inner.zip/x.csv:x` when nested). Nothing is ever
extracted to disk: entries are streamed from the archive (the archive itself may be the vault's decrypting
reader).

Checks when the archive is opened, before any entry is read (each a clear error naming the entry):
- more than `zip_max_entries` entries, a declared total over `zip_max_total_bytes`, or an entry declaring a
  compression ratio over `zip_max_ratio` -> ZipBombError;
- an entry name with `..`, an absolute path or a drive letter, or a symbolic link -> UnsafeArchivePath;
- encrypted entries -> SourceReadError.
Declared sizes can lie, so while streaming every entry counts the bytes it actually decompresses: more than it
declared, a total over the limit, or a ratio over the limit stops the read with ZipBombError. Entries of no
readable format (a README, a PDF) are not tables: they are listed in `source.skipped` with the reason, and
`source.unread_entries()` lists them for nested archives too.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO, Any

from intake.config import ConnectorSettings
from intake.connectors.base import (
    HEAD_BYTES,
    SOURCES,
    ByteInput,
    RejectSink,
    SourceBase,
    SourceFormat,
    TableReader,
    detect_format,
    register_source,
)
from intake.connectors.errors import (
    SourceReadError,
    UnsafeArchivePath,
    UnsupportedFormat,
    ZipBombError,
)

# Below this many bytes an entry's compression ratio is not a threat (a page of spaces compresses 1000x).
RATIO_FLOOR = 1 << 20
MAX_NESTING = 4
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class ZipBudget:
    """Decompressed bytes actually produced, per entry, shared by an archive and the archives inside it."""

    settings: ConnectorSettings
    produced: dict[str, int] = field(default_factory=dict)

    def total(self) -> int:
        return sum(self.produced.values())

    def advance(self, key: str, position: int, declared: int, compressed: int, archive: str, entry: str) -> None:
        if position <= self.produced.get(key, 0):
            return
        self.produced[key] = position
        limits = self.settings
        if position > declared:
            raise ZipBombError(
                f"{archive}: entry '{entry}' decompresses to more than the {declared} bytes its header declares; "
                "the archive is malformed or hostile: do not process it, ask the sender for a new export"
            )
        if position > RATIO_FLOOR and position / max(compressed, 1) > limits.zip_max_ratio:
            raise ZipBombError(
                f"{archive}: entry '{entry}' expands more than {limits.zip_max_ratio:g}x "
                "(connectors.zip_max_ratio): refused as a possible zip bomb"
            )
        if self.total() > limits.zip_max_total_bytes:
            raise ZipBombError(
                f"{archive}: entries decompress to more than {limits.zip_max_total_bytes} bytes "
                "(connectors.zip_max_total_bytes): refused as a possible zip bomb; raise the limit if expected"
            )


class _GuardedEntry(io.RawIOBase):
    """An archive entry's bytes, counted against the budget as they are decompressed."""

    def __init__(self, archive: ZipSource, info: zipfile.ZipInfo) -> None:
        self._inner = archive._zip.open(info)
        self._budget = archive.budget
        self._key = f"{archive.name}/{info.filename}"
        self._info = info
        self._archive = archive.name

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._inner.read(len(buffer))
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise SourceReadError(
                f"{self._archive}: entry '{self._info.filename}' is damaged or does not match its header "
                "(size or CRC-32): the archive was altered or truncated; ask the sender for a new one"
            ) from None
        count = len(data)
        buffer[:count] = data
        self._advance()
        return count

    def _advance(self) -> None:
        self._budget.advance(self._key, self._inner.tell(), self._info.file_size, self._info.compress_size,
                             self._archive, self._info.filename)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        position = self._inner.seek(offset, whence)
        self._advance()
        return position

    def tell(self) -> int:
        return self._inner.tell()

    def close(self) -> None:
        self._inner.close()
        super().close()


def check_entry_name(archive: str, info: zipfile.ZipInfo) -> None:
    name = info.filename.replace("\\", "/")
    parts = name.split("/")
    if name.startswith("/") or _DRIVE.match(name) or ".." in parts:
        raise UnsafeArchivePath(
            f"{archive}: entry '{info.filename}' points outside the archive (absolute path, drive letter or '..'); "
            "refused: ask the sender for an archive with plain relative paths"
        )
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        raise UnsafeArchivePath(
            f"{archive}: entry '{info.filename}' is a symbolic link; refused: ask the sender to archive real files"
        )


class ZipSource(SourceBase):
    format = "zip"

    def __init__(
        self,
        data: ByteInput,
        name: str,
        settings: ConnectorSettings,
        options: dict[str, Any],
        budget: ZipBudget | None = None,
        depth: int = 0,
    ) -> None:
        if options:
            raise UnsupportedFormat(f"the zip format takes no options (got {sorted(options)})")
        if not data.reopenable:
            raise SourceReadError(f"{name}: a zip archive needs a path or a seekable file")
        if depth > MAX_NESTING:
            raise ZipBombError(f"{name}: archives nested more than {MAX_NESTING} deep are refused")
        self.name = name
        self.settings = settings
        self.budget = budget or ZipBudget(settings)
        self.depth = depth
        self.entries: list[zipfile.ZipInfo] = []
        self.skipped: dict[str, str] = {}
        self._inner: dict[str, SourceBase] | None = None
        self._tables: dict[str, tuple[SourceBase, str]] = {}
        self._stream: IO[bytes] = data.open()
        try:
            self._zip = zipfile.ZipFile(self._stream)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            self._stream.close()
            raise SourceReadError(
                f"{name} is not a readable zip archive ({type(exc).__name__}): check that it is complete"
            ) from None
        try:
            self._check(infos)
        except Exception:
            self.close()
            raise
        self.entries = [i for i in infos if not i.is_dir()]

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        limits = self.settings
        if len(infos) > limits.zip_max_entries:
            raise ZipBombError(
                f"{self.name} has {len(infos)} entries, more than {limits.zip_max_entries} "
                "(connectors.zip_max_entries): refused as a possible zip bomb"
            )
        declared = 0
        for info in infos:
            check_entry_name(self.name, info)
            if info.flag_bits & 0x1:
                raise SourceReadError(
                    f"{self.name}: entry '{info.filename}' is encrypted; ask the sender for an unencrypted archive "
                    "(transfer security is handled by the vault)"
                )
            declared += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > limits.zip_max_ratio:
                raise ZipBombError(
                    f"{self.name}: entry '{info.filename}' declares a {ratio:.0f}x compression ratio, over "
                    f"{limits.zip_max_ratio:g} (connectors.zip_max_ratio): refused as a "
                    "possible zip bomb"
                )
        already = self.budget.total()
        if declared + already > limits.zip_max_total_bytes:
            raise ZipBombError(
                f"{self.name} declares {declared} bytes uncompressed, over {limits.zip_max_total_bytes} "
                "(connectors.zip_max_total_bytes): refused as a possible zip bomb; raise the limit if expected"
            )

    def _entry_input(self, info: zipfile.ZipInfo) -> ByteInput:
        def opener() -> IO[bytes]:
            return io.BufferedReader(_GuardedEntry(self, info), 1 << 20)

        return ByteInput(f"{self.name}/{info.filename}", opener, size=info.file_size)

    def _open_entries(self) -> dict[str, SourceBase]:
        if self._inner is not None:
            return self._inner
        self._inner = {}
        for info in self.entries:
            data = self._entry_input(info)
            try:
                fmt = detect_format(info.filename, data.head(HEAD_BYTES))
            except UnsupportedFormat:
                self.skipped[info.filename] = "not a readable table format"
                continue
            if SOURCES[fmt].accepts == "directory":
                self.skipped[info.filename] = "not a readable table format"
                continue
            label = f"{self.name}/{info.filename}"
            if fmt == "zip":
                inner: SourceBase = ZipSource(data, label, self.settings, {}, self.budget, self.depth + 1)
                self._inner[info.filename] = inner
                for table in inner.tables():
                    self._tables[table] = (inner, table)
                continue
            inner = SOURCES[fmt].open(data, name=label, settings=self.settings)
            self._inner[info.filename] = inner
            for table in inner.tables():
                self._tables[f"{label}:{table}"] = (inner, table)
        return self._inner

    @property
    def manifest_entry(self) -> str | None:
        """The package manifest's entry name when this archive is a product Parquet package."""
        names = [i.filename for i in self.entries]
        return next((n for n in names if n.rsplit("/", 1)[-1] == "manifest.json"), None)

    def tables(self) -> list[str]:
        self._open_entries()
        return list(self._tables)

    def unread_entries(self) -> dict[str, str]:
        """Entries no connector reads, nested archives included: "archive/entry" -> reason.

        `skipped` holds only this archive's own entries, by their name inside it; callers that must refuse an
        archive with unread data need every level, named so the customer can find each entry.
        """
        inner = self._open_entries()
        found = {f"{self.name}/{entry}": reason for entry, reason in self.skipped.items()}
        for source in inner.values():
            if isinstance(source, ZipSource):
                found.update(source.unread_entries())
        return found

    def read(self, table: str, rejects: RejectSink | None = None) -> TableReader:
        self._check_table(table)
        inner, inner_table = self._tables[table]
        reader: TableReader = inner.read(inner_table, rejects)
        reader.table = table  # rejects carry the full archive path of their table
        return reader

    def close(self) -> None:
        for inner in (self._inner or {}).values():
            inner.close()
        if hasattr(self, "_zip"):
            self._zip.close()
        self._stream.close()


register_source(
    SourceFormat(
        name="zip",
        description="Zip archive of any readable format (nested zips too), with zip-bomb and path checks",
        extensions=(".zip",),
        open=lambda location, *, name, settings, **options: ZipSource(location, name, settings, options),
        magic=lambda head: head.startswith(b"PK\x03\x04"),
    )
)
