"""Where an import package is written: the `PackageSink` protocol and the local-folder writer.

`PackageSink` is the small protocol both the connectors' `DeliverySink` (local folder or S3 prefix) and
`LocalFolderPackageWriter` implement; `as_package_sink` adapts a sink that opens files rather than taking chunks.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from intake.private_files import fsync_dir
from intake.product.errors import PackageError

MANIFEST = "manifest.json"


class PackageSink(Protocol):
    """Destination of a package: files written in full one after another, then committed or aborted.

    A sink may also offer `open_file(name) -> writable binary file`; the entity files are then written
    straight into it while the transform runs (several open at once) instead of through a spool folder.
    """

    def write_file(self, name: str, chunks: Iterable[bytes]) -> None: ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...


class LocalFolderPackageWriter:
    """Writes a package into a hidden staging folder next to `destination`, renamed into place on commit."""

    def __init__(self, destination: str | Path, *, replace: bool = False) -> None:
        self.destination = Path(destination)
        self.replace = replace
        self._staging: Path | None = None
        self._done = False

    @property
    def staging(self) -> Path:
        if self._done:
            raise PackageError(f"package {self.destination.name} was already committed or aborted")
        if self._staging is None:
            self.destination.parent.mkdir(parents=True, exist_ok=True)
            self._staging = self.destination.parent / f".{self.destination.name}.staging-{secrets.token_hex(4)}"
            self._staging.mkdir(mode=0o700)
        return self._staging

    def write_file(self, name: str, chunks: Iterable[bytes]) -> None:
        with self.open_file(name) as handle:
            for chunk in chunks:
                handle.write(chunk)

    def open_file(self, name: str) -> BinaryIO:
        """A new file in the staging folder, flushed to disk when closed."""
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise PackageError(f"package file name '{name}' must be a plain file name")
        target = self.staging / name
        if target.exists():
            raise PackageError(f"package file '{name}' was written twice")
        return _SyncedFile(open(target, "xb", buffering=0))

    def commit(self) -> None:
        staging = self.staging
        old: Path | None = None
        if self.destination.exists():
            if not self.replace:
                self.abort()
                raise PackageError(f"package folder {self.destination} already exists; choose another folder "
                                   "or pass replace=True")
            old = self.destination.parent / f".{self.destination.name}.old-{secrets.token_hex(4)}"
            self.destination.rename(old)
        staging.rename(self.destination)
        self._done = True
        fsync_dir(self.destination.parent, required=False)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        if self._staging is not None and self._staging.exists():
            shutil.rmtree(self._staging, ignore_errors=True)
        self._done = True


class _SyncedFile(io.BufferedWriter):
    """A file whose data reaches the disk (fsync) when it is closed."""

    def __init__(self, raw: io.RawIOBase) -> None:
        super().__init__(raw, buffer_size=1 << 20)

    def close(self) -> None:
        if not self.closed:
            self.flush()
            os.fsync(self.fileno())
        super().close()


class OpenFileSinkAdapter:
    """A `PackageSink` over a sink that opens files and writes the manifest itself when committing.

    The connectors' `DeliverySink` works that way (`open(name)`, `commit(manifest_dict)`, `abort()`): the
    package's manifest is handed to its `commit`, which adds its own delivery fields and file list.
    """

    def __init__(self, sink: Any) -> None:
        self.sink = sink
        self._manifest: dict[str, Any] | None = None

    def write_file(self, name: str, chunks: Iterable[bytes]) -> None:
        if name == MANIFEST:
            self._manifest = json.loads(b"".join(chunks))
            return
        with self.sink.open(name) as handle:
            for chunk in chunks:
                handle.write(chunk)

    def open_file(self, name: str) -> BinaryIO:
        return self.sink.open(name)  # type: ignore[no-any-return]

    def commit(self) -> None:
        self.sink.commit(self._manifest)

    def abort(self) -> None:
        self.sink.abort()


def as_package_sink(sink: Any) -> PackageSink:
    """The sink itself if it speaks `PackageSink`, else an adapter for sinks with `open` + `commit(manifest)`."""
    if callable(getattr(sink, "write_file", None)):
        return sink  # type: ignore[no-any-return]
    if callable(getattr(sink, "open", None)) and callable(getattr(sink, "commit", None)):
        return OpenFileSinkAdapter(sink)
    raise PackageError(f"{type(sink).__name__} cannot receive a package: it needs write_file/commit/abort "
                       "or open/commit/abort")
