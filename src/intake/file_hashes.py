"""SHA-256 of files, and of bytes as they are written: the one place intake hashes whole files.

- `sha256_file(path or binary file)`, `sha256_stream(reader)`: hex SHA-256, read in 1 MiB blocks (never whole in
  memory); `digest_file`/`digest_stream` also give the size and tell `on_read` the size of each block read.
- `HashingWriter(inner)`: a writable binary file that counts and hashes what passes through it to `inner`.
- `hashed_chunks(chunks, done)`: the same for an iterable of chunks handed on to a writer.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

CHUNK_BYTES = 1 << 20

# Told how many bytes were just read or written.
OnBytes = Callable[[int], None]


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


@dataclass(frozen=True)
class Digest:
    sha256: str
    size: int


def digest_stream(source: Readable | Any, on_read: OnBytes | None = None) -> Digest:
    """SHA-256 and size of anything with read(size) (a file, the vault's decrypting reader), read to its end."""
    digest = hashlib.sha256()
    size = 0
    while block := source.read(CHUNK_BYTES):
        digest.update(block)
        size += len(block)
        if on_read is not None:
            on_read(len(block))
    return Digest(digest.hexdigest(), size)


def digest_file(path: Path | str, on_read: OnBytes | None = None) -> Digest:
    """SHA-256 and size of the file at `path`; OSError when it cannot be read."""
    with open(path, "rb") as handle:
        return digest_stream(handle, on_read)


def sha256_stream(source: Readable | Any) -> str:
    return digest_stream(source).sha256


def sha256_file(file: Path | str | Readable | BinaryIO) -> str:
    """Hex SHA-256 of a file named by its path, or of an open binary file read from where it stands."""
    if isinstance(file, str | Path):
        return digest_file(file).sha256
    return sha256_stream(file)


def hashed_chunks(chunks: Iterable[bytes], done: Callable[[Digest], None]) -> Iterator[bytes]:
    """The chunks unchanged; once the last has passed, `done` gets their SHA-256 and total size."""
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
        yield chunk
    done(Digest(digest.hexdigest(), size))


class HashingWriter(io.RawIOBase):
    """Counts and hashes the bytes written through it to `inner`; closing it closes `inner`, then tells
    `on_close(size, sha256)` (when given)."""

    def __init__(self, inner: BinaryIO, on_close: Callable[[int, str], None] | None = None) -> None:
        super().__init__()
        self._inner = inner
        self._digest = hashlib.sha256()
        self._on_close = on_close
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self._inner.write(view)
        self._digest.update(view)
        self.size += len(view)
        return len(view)

    def tell(self) -> int:
        return self.size

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
            if self._on_close is not None:
                self._on_close(self.size, self.sha256)
        super().close()
