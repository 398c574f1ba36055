"""intake.file_hashes: SHA-256 of files, and of bytes while they are written."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from intake.file_hashes import (
    CHUNK_BYTES,
    Digest,
    HashingWriter,
    digest_file,
    hashed_chunks,
    sha256_file,
    sha256_stream,
)

DATA = bytes(range(256)) * (CHUNK_BYTES // 256 * 2 + 3)  # more than two blocks, not a whole number of them


def test_file_and_stream_hashes(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(DATA)
    expected = hashlib.sha256(DATA).hexdigest()
    assert sha256_file(path) == sha256_file(str(path)) == expected
    with path.open("rb") as handle:
        assert sha256_file(handle) == expected
    assert sha256_stream(io.BytesIO(DATA)) == expected
    reads: list[int] = []
    assert digest_file(path, reads.append) == Digest(expected, len(DATA))
    assert sum(reads) == len(DATA) and max(reads) == CHUNK_BYTES
    (tmp_path / "empty").write_bytes(b"")
    assert sha256_file(tmp_path / "empty") == hashlib.sha256(b"").hexdigest()


def test_hashing_writer_passes_everything_through() -> None:
    inner = io.BytesIO()
    seen: list[tuple[int, str]] = []
    writer = HashingWriter(inner, lambda size, sha: seen.append((size, sha)))
    close = inner.close
    contents: list[bytes] = []
    inner.close = lambda: (contents.append(inner.getvalue()), close())  # type: ignore[method-assign]
    writer.write(DATA[:10])
    writer.write(memoryview(DATA)[10:])
    assert writer.tell() == writer.size == len(DATA) and writer.sha256 == hashlib.sha256(DATA).hexdigest()
    writer.close()
    writer.close()
    assert contents == [DATA] and seen == [(len(DATA), hashlib.sha256(DATA).hexdigest())]


def test_hashed_chunks_reports_once_all_have_passed() -> None:
    done: list[Digest] = []
    chunks = hashed_chunks([b"ab", b"", b"cde"], done.append)
    assert next(chunks) == b"ab" and done == []
    assert list(chunks) == [b"", b"cde"]
    assert done == [Digest(hashlib.sha256(b"abcde").hexdigest(), 5)]
