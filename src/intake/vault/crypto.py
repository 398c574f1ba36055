"""The vault's container format: AES-256-GCM in independently authenticated chunks.

Layout of a stored object::

    header (24 bytes): magic "INTKVLT" | version u8 | cipher u8 | 3 zero bytes | chunk size u32 | nonce prefix (8)
    chunk 0 .. chunk n-1: ciphertext of `chunk size` plaintext bytes + 16-byte GCM tag (the last one may be shorter)

Chunk i is sealed with nonce = nonce prefix || i (u32, big-endian) and associated data binding
the header, the key scope (dataset id), the artefact id, the index i and a final-chunk flag. So:

* a flipped bit anywhere fails that chunk's tag (a flipped header bit fails every chunk);
* swapping or reordering chunks fails because the index is in the nonce and the associated data;
* truncation at a chunk boundary fails because the new last chunk was not sealed as final, and
  truncation inside a chunk fails its tag; the chunk count and the plaintext length are therefore
  authenticated without the writer knowing them up front (needed for streaming writes);
* an object copied over another artefact, or into another dataset, fails because the artefact id
  and scope (and, across datasets, the key itself) differ.

Each chunk decrypts on its own, which gives bounded memory and random access (seekable reads).
"""

from __future__ import annotations

import os
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from intake.vault.errors import IntegrityError

MAGIC = b"INTKVLT"
VERSION = 1
CIPHER_AES256_GCM = 1
HEADER = struct.Struct(">7sBB3xI8s")
HEADER_SIZE = HEADER.size  # 24
TAG_SIZE = 16
KEY_SIZE = 32
NONCE_PREFIX_SIZE = 8
MAX_CHUNK_SIZE = 64 << 20  # bounds what a forged header can make a reader allocate
MAX_CHUNKS = 1 << 32  # the chunk index is a u32 inside the 96-bit nonce
_AAD_LABEL = b"intake-vault/1\x00"


@dataclass(frozen=True)
class Header:
    chunk_size: int
    nonce_prefix: bytes

    def pack(self) -> bytes:
        return HEADER.pack(MAGIC, VERSION, CIPHER_AES256_GCM, self.chunk_size, self.nonce_prefix)


def _check_chunk_size(chunk_size: int) -> None:
    if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk size must be between 1 and {MAX_CHUNK_SIZE} bytes, not {chunk_size}")


def _aad_base(header: bytes, scope: str, artefact_id: str) -> bytes:
    scope_bytes, artefact_bytes = scope.encode(), artefact_id.encode()
    return b"".join(
        [
            _AAD_LABEL,
            header,
            struct.pack(">H", len(scope_bytes)),
            scope_bytes,
            struct.pack(">H", len(artefact_bytes)),
            artefact_bytes,
        ]
    )


Buffer = bytes | bytearray | memoryview


class ChunkSealer:
    """Seals (encrypts and authenticates) the chunks of one object.

    Sealing writes into a caller's buffer (GCM through the streaming cipher API, whose output is
    byte-identical to AESGCM.encrypt: ciphertext then tag), so a writer can reuse its buffers; fresh
    megabyte allocations per chunk cost more in page faults than the encryption itself.
    """

    def __init__(self, key: bytes, scope: str, artefact_id: str, chunk_size: int) -> None:
        _check_chunk_size(chunk_size)
        self.header = Header(chunk_size, os.urandom(NONCE_PREFIX_SIZE))
        self.header_bytes = self.header.pack()
        self._algorithm = algorithms.AES(key)
        self._aad = _aad_base(self.header_bytes, scope, artefact_id)

    def seal_into(self, index: int, plaintext: Buffer, out: bytearray, final: bool) -> int:
        """Seal `plaintext` as chunk `index` into `out` (len(plaintext) + 16 bytes); return the sealed length."""
        if index >= MAX_CHUNKS:
            raise ValueError("object too large: more than 2**32 chunks; raise the vault chunk size")
        nonce = self.header.nonce_prefix + struct.pack(">I", index)
        encryptor = Cipher(self._algorithm, modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(self._aad + struct.pack(">IB", index, final))
        written = encryptor.update_into(plaintext, out) if len(plaintext) else 0
        encryptor.finalize()
        out[written : written + TAG_SIZE] = encryptor.tag
        return written + TAG_SIZE


class ChunkOpener:
    """Opens (verifies and decrypts) the chunks of one stored object of known ciphertext size."""

    def __init__(self, key: bytes, scope: str, artefact_id: str, header_bytes: bytes, ciphertext_size: int,
                 name: str | None = None) -> None:
        self.artefact_id, self.name = artefact_id, name
        if len(header_bytes) < HEADER_SIZE:
            raise self.failure("the object is shorter than its header")
        magic, version, cipher, chunk_size, prefix = HEADER.unpack(header_bytes[:HEADER_SIZE])
        if magic != MAGIC:
            raise self.failure("the object does not start with the vault header")
        if version != VERSION or cipher != CIPHER_AES256_GCM:
            raise self.failure(f"unknown container version {version} / cipher {cipher}")
        if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
            raise self.failure("the header names an impossible chunk size")
        self.header = Header(chunk_size, prefix)
        self.chunk_size = chunk_size
        body = ciphertext_size - HEADER_SIZE
        if body < TAG_SIZE:
            raise self.failure("the object holds no complete chunk (truncated)")
        sealed = chunk_size + TAG_SIZE
        self.chunk_count = -(-body // sealed)
        last_sealed = body - (self.chunk_count - 1) * sealed
        if last_sealed < TAG_SIZE:
            raise self.failure("the last chunk is shorter than its tag (truncated)")
        self.plaintext_size = (self.chunk_count - 1) * chunk_size + last_sealed - TAG_SIZE
        self._aead = AESGCM(key)
        self._aad = _aad_base(header_bytes[:HEADER_SIZE], scope, artefact_id)

    def failure(self, problem: str) -> IntegrityError:
        return IntegrityError(self.artefact_id, problem, self.name)

    def span(self, index: int) -> tuple[int, int]:
        """(offset, length) of sealed chunk `index` inside the stored object."""
        sealed = self.chunk_size + TAG_SIZE
        offset = HEADER_SIZE + index * sealed
        if index == self.chunk_count - 1:
            return offset, (self.plaintext_size - index * self.chunk_size) + TAG_SIZE
        return offset, sealed

    def open(self, index: int, sealed: bytes) -> bytes:
        final = index == self.chunk_count - 1
        if len(sealed) != self.span(index)[1]:
            raise self.failure(f"chunk {index} is incomplete")
        nonce = self.header.nonce_prefix + struct.pack(">I", index)
        try:
            return self._aead.decrypt(nonce, sealed, self._aad + struct.pack(">IB", index, final))
        except InvalidTag:
            where = "the last chunk" if final else f"chunk {index}"
            raise self.failure(f"{where} of {self.chunk_count} does not authenticate") from None


Release = Callable[[], None]


class StreamEncryptor:
    """Turns a stream of plaintext writes into header + sealed chunks, in bounded memory without allocations.

    Chunks are sealed in a small ring of reusable buffers. `emit(sealed, plaintext, release)` receives
    views of each sealed chunk and its plaintext; they stay valid until `release()` is called, so a
    consumer may hash them on other threads (and call `release` when done). A full chunk is held back
    until more data arrives, so the last chunk is always sealed as final, also when the plaintext
    length is an exact multiple of the chunk size (and for empty objects).
    """

    def __init__(self, key: bytes, scope: str, artefact_id: str, chunk_size: int,
                 emit: Callable[[memoryview, memoryview, Release], None], buffers: int = 3) -> None:
        self._sealer = ChunkSealer(key, scope, artefact_id, chunk_size)
        self._chunk_size = chunk_size
        self._emit = emit
        self._pairs: list[tuple[bytearray, bytearray] | None] = [None] * buffers  # (plain, sealed) per slot
        self._plain = self._sealed = bytearray()
        self._free = [threading.Event() for _ in range(buffers)]
        for event in self._free:
            event.set()
        self._slot = 0
        self._fill = 0
        self._index = 0
        self.plaintext_size = 0
        self.finished = False
        emit(memoryview(self._sealer.header_bytes), memoryview(b""), _no_release)
        self._take_slot(0)

    def _take_slot(self, slot: int) -> None:
        self._free[slot].wait()  # its previous chunk has been consumed
        pair = self._pairs[slot]
        if pair is None:  # allocated on first use: a small object needs one slot only
            pair = self._pairs[slot] = (bytearray(self._chunk_size), bytearray(self._chunk_size + TAG_SIZE))
        self._plain, self._sealed = pair
        self._slot, self._fill = slot, 0

    def _seal(self, final: bool) -> None:
        plain = memoryview(self._plain)[: self._fill]
        length = self._sealer.seal_into(self._index, plain, self._sealed, final)
        self._free[self._slot].clear()
        self._index += 1
        self._emit(memoryview(self._sealed)[:length], plain, self._free[self._slot].set)

    def write(self, data: Buffer) -> int:
        if self.finished:
            raise ValueError("write after the object was finished")
        view = memoryview(data).cast("B")
        size, pos, chunk_size = len(view), 0, self._chunk_size
        while pos < size:
            if self._fill == chunk_size:
                self._seal(final=False)  # more data follows, so it is not the last chunk
                self._take_slot((self._slot + 1) % len(self._free))
            take = min(chunk_size - self._fill, size - pos)
            self._plain[self._fill : self._fill + take] = view[pos : pos + take]
            self._fill += take
            pos += take
        self.plaintext_size += size
        return size

    def finish(self) -> None:
        """Seal the final chunk and wait until every chunk has been released by the consumer."""
        if not self.finished:
            self.finished = True
            self._seal(final=True)
            for event in self._free:
                event.wait()
            self.discard()

    def discard(self) -> None:
        """Drop the buffers and the consumer now (a consumer holding this encryptor would keep them alive)."""
        self.finished = True
        self._pairs = [None] * len(self._pairs)
        self._plain = self._sealed = bytearray()
        self._emit = _discarded


def _no_release() -> None:
    pass


def _discarded(sealed: memoryview, plaintext: memoryview, release: Release) -> None:
    raise ValueError("the object was already finished or discarded")
