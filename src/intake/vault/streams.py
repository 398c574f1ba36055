"""File-like views of vault objects: a streaming encrypting writer and a seekable decrypting reader.

Plaintext exists only in memory, a few chunks at a time (the writer's buffer ring, the reader's cache).
"""

from __future__ import annotations

import hashlib
import io
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from intake.vault.crypto import HEADER_SIZE, ChunkOpener, StreamEncryptor
from intake.vault.errors import IntegrityError
from intake.vault.stores import ObjectSink, ObjectSource


class _BackgroundHash:
    """SHA-256 computed on its own thread (hashlib releases the GIL), so hashing overlaps I/O and encryption.

    Each piece comes with a callback run once it is hashed, which hands its buffer back to the writer.
    """

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self._queue: queue.SimpleQueue[tuple[memoryview, Callable[[], None]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="vault-sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            data, done = item
            self._hash.update(data)
            done()

    def update(self, data: memoryview, done: Callable[[], None]) -> None:
        self._queue.put((data, done))

    def hexdigest(self) -> str:
        self.stop()
        return self._hash.hexdigest()

    def stop(self, wait: bool = True) -> None:
        if self._thread.is_alive():
            self._queue.put(None)  # after the pieces already queued, which are still hashed and released
            if wait:
                self._thread.join()


class _Countdown:
    """Calls `action` once `count` parties have called it (here: both hashes are done with a buffer)."""

    def __init__(self, count: int, action: Callable[[], None]) -> None:
        self._count, self._action = count, action
        self._lock = threading.Lock()

    def __call__(self) -> None:
        with self._lock:
            self._count -= 1
            finished = self._count == 0
        if finished:
            self._action()


@dataclass(frozen=True)
class WrittenObject:
    size: int  # ciphertext bytes
    plaintext_size: int
    ciphertext_sha256: str
    plaintext_sha256: str


class VaultWriter(io.RawIOBase):
    """Write plaintext; ciphertext streams to the store. `close()` (or leaving a `with` block normally)
    commits the object and records it; leaving the block on an exception discards it.

    After commit, `artefact` holds what `on_commit` returned (the vault's ArtefactInfo).
    """

    def __init__(self, key: bytes, scope: str, artefact_id: str, chunk_size: int, sink: ObjectSink,
                 on_commit: Callable[[WrittenObject], Any]) -> None:
        super().__init__()
        self.artefact_id = artefact_id
        self.artefact: Any = None
        self._sink = sink
        self._on_commit = on_commit
        self._plaintext_hash = _BackgroundHash()
        self._ciphertext_hash = _BackgroundHash()
        self._ciphertext_size = 0
        self._done = False
        self._encryptor = StreamEncryptor(key, scope, artefact_id, chunk_size, self._emit)

    def _emit(self, sealed: memoryview, plaintext: memoryview, release: Callable[[], None]) -> None:
        self._ciphertext_size += len(sealed)
        self._sink.write(sealed)  # stores copy or write out what they are given before returning
        both_hashed = _Countdown(2, release)
        self._plaintext_hash.update(plaintext, both_hashed)
        self._ciphertext_hash.update(sealed, both_hashed)

    mode = "wb"

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self._done or self.closed:
            raise ValueError("write to a vault writer that was already committed or discarded")
        try:
            return self._encryptor.write(data)
        except BaseException:
            self.abort()
            raise

    def tell(self) -> int:
        return self._encryptor.plaintext_size

    def seekable(self) -> bool:
        return False  # zipfile and others then write streaming-friendly output

    def close(self) -> None:
        """Commit: seal the final chunk, make the object visible in the store and record it."""
        if self._done:
            super().close()
            return
        self._done = True
        try:
            self._encryptor.finish()
            self._sink.commit()
        except BaseException:
            self._encryptor.discard()
            self._stop_hashing()
            self._sink.abort()
            super().close()
            raise
        written = WrittenObject(self._ciphertext_size, self._encryptor.plaintext_size,
                                self._ciphertext_hash.hexdigest(), self._plaintext_hash.hexdigest())
        super().close()
        self.artefact = self._on_commit(written)

    def abort(self, _wait: bool = True) -> None:
        """Discard everything written; nothing is stored or recorded."""
        if not self._done:
            self._done = True
            self._encryptor.discard()
            self._stop_hashing(_wait)
            self._sink.abort()
        super().close()

    def _stop_hashing(self, wait: bool = True) -> None:
        self._plaintext_hash.stop(wait)
        self._ciphertext_hash.stop(wait)

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def __del__(self) -> None:
        # Never commit a half-written object because it was garbage-collected.
        if not getattr(self, "_done", True):
            self.abort(_wait=False)


class VaultReader(io.RawIOBase):
    """Seekable, read-only plaintext view of one stored object, verified chunk by chunk.

    Reads return as many bytes as asked for (short only at the end), as zipfile and pyarrow expect.
    """

    CACHED_CHUNKS = 2  # the current chunk plus one: a Parquet footer and the row group being read

    def __init__(self, source: ObjectSource, opener_factory: Callable[[bytes, int], ChunkOpener],
                 expected_plaintext_size: int | None = None,
                 on_integrity_failure: Callable[[IntegrityError], None] | None = None, name: str = "") -> None:
        super().__init__()
        self._source = source
        self._on_failure = on_integrity_failure
        self.name = name
        self._cache: OrderedDict[int, bytes] = OrderedDict()
        self._pos = 0
        try:
            self._opener = opener_factory(source.read_at(0, HEADER_SIZE), source.size)
            # Authenticate the final chunk now: it proves the chunk count and so the length a
            # reader seeking from the end (Parquet, zip) relies on.
            self._chunk(self._opener.chunk_count - 1)
            if expected_plaintext_size is not None and expected_plaintext_size != self._opener.plaintext_size:
                raise self._opener.failure(
                    f"it holds {self._opener.plaintext_size} bytes but the registry recorded {expected_plaintext_size}"
                )
        except IntegrityError as exc:
            source.close()
            self._report(exc)
            raise
        except BaseException:
            source.close()
            raise
        self.size = self._opener.plaintext_size

    def _report(self, exc: IntegrityError) -> None:
        if self._on_failure is not None:
            self._on_failure(exc)

    def _chunk(self, index: int) -> bytes:
        chunk = self._cache.get(index)
        if chunk is not None:
            self._cache.move_to_end(index)
            return chunk
        offset, length = self._opener.span(index)
        try:
            chunk = self._opener.open(index, self._source.read_at(offset, length))
        except IntegrityError as exc:
            if hasattr(self, "size"):
                self._report(exc)
            raise
        self._cache[index] = chunk
        if len(self._cache) > self.CACHED_CHUNKS:
            self._cache.popitem(last=False)
        return chunk

    mode = "rb"

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        self._check_open()
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self._check_open()
        if whence == io.SEEK_SET:
            position = offset
        elif whence == io.SEEK_CUR:
            position = self._pos + offset
        elif whence == io.SEEK_END:
            position = self.size + offset
        else:
            raise ValueError(f"invalid whence {whence}")
        if position < 0:
            raise OSError(22, "negative seek position")
        self._pos = position
        return position

    def _check_open(self) -> None:
        if self.closed:
            raise ValueError("I/O operation on a closed vault reader")

    def readinto(self, buffer: Any) -> int:
        self._check_open()
        view = memoryview(buffer).cast("B")
        filled, chunk_size = 0, self._opener.chunk_size
        while filled < len(view) and self._pos < self.size:
            index, within = divmod(self._pos, chunk_size)
            chunk = self._chunk(index)
            take = min(len(chunk) - within, len(view) - filled)
            view[filled : filled + take] = chunk[within : within + take]
            filled += take
            self._pos += take
        return filled

    def read(self, size: int | None = -1) -> bytes:
        self._check_open()
        if size is None or size < 0:
            size = max(0, self.size - self._pos)
        pieces: list[bytes] = []
        wanted, chunk_size = min(size, max(0, self.size - self._pos)), self._opener.chunk_size
        while wanted > 0:
            index, within = divmod(self._pos, chunk_size)
            chunk = self._chunk(index)
            take = min(len(chunk) - within, wanted)
            pieces.append(chunk if (within == 0 and take == len(chunk)) else chunk[within : within + take])
            wanted -= take
            self._pos += take
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)

    def readall(self) -> bytes:
        return self.read(-1)

    def close(self) -> None:
        if not self.closed:
            self._source.close()
            self._cache.clear()
        super().close()
