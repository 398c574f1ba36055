"""The chunked AES-GCM container on its own: round trips of any size and chunking, random access, tampering."""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.vault.crypto import HEADER_SIZE, TAG_SIZE, ChunkOpener, StreamEncryptor
from intake.vault.errors import IntegrityError
from intake.vault.streams import VaultReader

KEY = bytes(range(32))


class MemorySource:
    """An ObjectSource over bytes, standing in for a store so property tests run thousands of cases."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.size = len(data)
        self.reads: list[tuple[int, int]] = []

    def read_at(self, offset: int, length: int) -> bytes:
        self.reads.append((offset, length))
        return self.data[offset : offset + length]

    def close(self) -> None:
        pass


def seal(plaintext: bytes, chunk_size: int, writes: list[int] | None = None, scope: str = "ds-1",
         artefact_id: str = "art-1") -> bytes:
    out = bytearray()
    encryptor = StreamEncryptor(KEY, scope, artefact_id, chunk_size,
                                lambda sealed, _plain, release: (out.extend(sealed), release()))
    pos = 0
    for size in writes or []:
        encryptor.write(plaintext[pos : pos + size])
        pos += size
    encryptor.write(plaintext[pos:])
    encryptor.finish()
    return bytes(out)


def reader(sealed: bytes, scope: str = "ds-1", artefact_id: str = "art-1", key: bytes = KEY) -> VaultReader:
    return VaultReader(MemorySource(sealed),
                       lambda header, size: ChunkOpener(key, scope, artefact_id, header, size, "assets.csv"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plaintext=st.binary(max_size=5000),
    chunk_size=st.integers(min_value=1, max_value=700),
    writes=st.lists(st.integers(min_value=0, max_value=900), max_size=8),
    probes=st.lists(st.tuples(st.integers(min_value=0, max_value=5200), st.integers(min_value=0, max_value=1500)),
                    max_size=6),
)
def test_any_plaintext_round_trips_whatever_the_chunk_size_write_pattern_and_read_positions(
    plaintext: bytes, chunk_size: int, writes: list[int], probes: list[tuple[int, int]]
) -> None:
    sealed = seal(plaintext, chunk_size, writes)
    chunks = max(1, -(-len(plaintext) // chunk_size))
    assert len(sealed) == HEADER_SIZE + len(plaintext) + chunks * TAG_SIZE

    with reader(sealed) as stream:
        assert stream.size == len(plaintext)
        assert stream.read() == plaintext
        for offset, length in probes:
            stream.seek(offset)
            data = stream.read(length)
            assert data == plaintext[offset : offset + length]
            assert stream.tell() == offset + len(data)


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 3 * 4096, 3 * 4096 + 17])
def test_exact_boundaries_and_empty_objects_round_trip_with_the_last_chunk_sealed_final(size: int) -> None:
    plaintext = os.urandom(size)
    sealed = seal(plaintext, 4096)
    expected_chunks = max(1, -(-size // 4096))
    assert len(sealed) == HEADER_SIZE + size + expected_chunks * TAG_SIZE
    with reader(sealed) as stream:
        assert stream.read() == plaintext
        assert stream.read(10) == b""


def test_readinto_and_bufferedreader_work_and_reads_are_never_short_before_the_end() -> None:
    plaintext = os.urandom(10_000)
    stream = reader(seal(plaintext, 1000))
    buffer = bytearray(2500)
    stream.seek(900)
    assert stream.readinto(buffer) == 2500  # spans three chunks in one call
    assert bytes(buffer) == plaintext[900:3400]
    buffered = io.BufferedReader(reader(seal(plaintext, 1000)), buffer_size=777)
    buffered.seek(-123, io.SEEK_END)
    assert buffered.read() == plaintext[-123:]


def test_random_access_decrypts_only_the_chunks_it_needs() -> None:
    plaintext = os.urandom(100 * 1024)
    source = MemorySource(seal(plaintext, 1024))
    stream = VaultReader(source, lambda header, size: ChunkOpener(KEY, "ds-1", "art-1", header, size))
    source.reads.clear()
    stream.seek(50 * 1024 + 10)
    assert stream.read(20) == plaintext[50 * 1024 + 10 : 50 * 1024 + 30]
    assert len(source.reads) == 1  # one chunk fetched, not the 50 before it


def test_flipping_any_single_bit_is_detected() -> None:
    sealed = seal(os.urandom(3000), 1000)
    for position in range(0, len(sealed), 97):
        tampered = bytearray(sealed)
        tampered[position] ^= 0x10
        with pytest.raises(IntegrityError, match="art-1"):
            reader(bytes(tampered)).read()


def test_truncation_at_a_chunk_boundary_and_inside_a_chunk_is_detected() -> None:
    sealed = seal(os.urandom(3000), 1000)
    one_chunk = 1000 + TAG_SIZE
    for cut in [one_chunk, one_chunk - 1, 5, len(sealed) - HEADER_SIZE]:
        with pytest.raises(IntegrityError, match=r"artefact art-1 \(assets.csv\)"):
            reader(sealed[:-cut]).read()


def test_reordered_chunks_and_appended_chunks_are_detected() -> None:
    plaintext = os.urandom(4000)
    sealed = seal(plaintext, 1000)
    chunk = 1000 + TAG_SIZE
    first, second = sealed[HEADER_SIZE : HEADER_SIZE + chunk], sealed[HEADER_SIZE + chunk : HEADER_SIZE + 2 * chunk]
    swapped = sealed[:HEADER_SIZE] + second + first + sealed[HEADER_SIZE + 2 * chunk :]
    with pytest.raises(IntegrityError, match="chunk 0"):
        reader(swapped).read()
    with pytest.raises(IntegrityError):
        reader(sealed + first).read()


def test_a_container_only_opens_for_its_own_artefact_scope_and_key() -> None:
    sealed = seal(b"asset register", 1000, artefact_id="art-1", scope="ds-1")
    with pytest.raises(IntegrityError, match="art-2"):
        reader(sealed, artefact_id="art-2")
    with pytest.raises(IntegrityError):
        reader(sealed, scope="ds-2")
    with pytest.raises(IntegrityError):
        reader(sealed, key=bytes(32))
    assert reader(sealed).read() == b"asset register"


def test_the_same_plaintext_encrypts_differently_each_time() -> None:
    plaintext = b"x" * 5000
    assert seal(plaintext, 1000) != seal(plaintext, 1000)  # fresh nonce prefix per object
