"""Byte inputs: the bytes a source reads (a local file, or a seekable or one-pass binary stream), reopenable
for a second pass where possible."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Protocol, cast

from intake.connectors.errors import SourceReadError


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


Location = str | Path | IO[bytes] | SeekableStream | ByteInput


def as_input(location: Location, name: str | None = None) -> ByteInput:
    if isinstance(location, ByteInput):
        return location
    if isinstance(location, str | Path):
        return ByteInput.from_path(location, name)
    return ByteInput.from_file(location, name or getattr(location, "name", None) or "input")

