"""The local object store: ciphertext files under one folder (the default store)."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from intake.config import Settings
from intake.private_files import fsync_dir
from intake.vault.errors import StoreError
from intake.vault.scopes import check_location
from intake.vault.stores import ObjectSink, ObjectSource, register_store

PARTIAL_SUFFIX = ".partial"


class _LocalSink:
    def __init__(self, target: Path) -> None:
        self._target = target
        self._temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}{PARTIAL_SUFFIX}")
        fd = os.open(self._temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        os.fchmod(fd, 0o600)
        self._file = os.fdopen(fd, "wb", buffering=1 << 20)

    def write(self, data: bytes) -> None:
        self._file.write(data)

    def commit(self) -> None:
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.replace(self._temp, self._target)
            fsync_dir(self._target.parent)
        except OSError as exc:
            self.abort()
            raise StoreError(f"cannot store {self._target}: {exc.strerror}; check free space and permissions") from None

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(FileNotFoundError):
            self._temp.unlink()


class _LocalSource:
    def __init__(self, path: Path) -> None:
        try:
            self._fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            raise StoreError(f"object {path} is missing from the local vault: restore it from backup") from None
        self.size = os.fstat(self._fd).st_size

    def read_at(self, offset: int, length: int) -> bytes:
        parts: list[bytes] = []
        while length > 0:
            data = os.pread(self._fd, length, offset)
            if not data:
                break
            parts.append(data)
            offset += len(data)
            length -= len(data)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class LocalStore:
    """Objects as files under one folder: written to a temporary name, fsynced, then renamed; mode 0600."""

    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalStore:
        return cls(settings.vault_path)

    def _path(self, location: str) -> Path:
        return self.root.joinpath(*check_location(location))

    def _make_dirs(self, path: Path) -> None:
        missing: list[Path] = []
        while not path.exists():
            missing.append(path)
            path = path.parent
        for folder in reversed(missing):
            with contextlib.suppress(FileExistsError):
                folder.mkdir(mode=0o700)

    def create(self, location: str) -> ObjectSink:
        target = self._path(location)
        try:
            self._make_dirs(target.parent)
            return _LocalSink(target)
        except OSError as exc:
            raise StoreError(f"cannot create {target}: {exc.strerror}; check the vault folder's permissions") from None

    def open(self, location: str) -> ObjectSource:
        return _LocalSource(self._path(location))

    def delete(self, location: str) -> int:
        path = self._path(location)
        removed = 0
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
        return removed

    def _files(self, prefix: str) -> Iterator[Path]:
        """Every file (unfinished writes included) in the folder `prefix`, which ends with '/'."""
        if not prefix.endswith("/"):
            raise StoreError(f"local store prefixes are folders ending with '/', not '{prefix}'")
        base = self._path(prefix.rstrip("/"))
        for dirpath, _dirs, files in os.walk(base):
            for file in files:
                yield Path(dirpath, file)

    def delete_prefix(self, prefix: str) -> int:
        removed = 0
        for path in list(self._files(prefix)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
        base = self._path(prefix.rstrip("/"))
        for dirpath, _dirs, _files in sorted(os.walk(base), key=lambda entry: -len(entry[0])):
            with contextlib.suppress(OSError):
                os.rmdir(dirpath)
        return removed

    def count(self, prefix: str) -> int:
        return sum(1 for _ in self._files(prefix))

    def describe(self, location: str) -> str:
        return str(self._path(location))


register_store(LocalStore.name, LocalStore.from_settings)
