"""The one way intake creates a file holding a secret or a customer's data (private_files.create_new_file) and the
atomic publication of the home's key files on top of it (write_private): owner-only from the first byte, whatever
the umask, never through a link, never over a file, nothing half-written left behind."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.authorisation.signing import generate_keypair
from intake.file_hashes import CHUNK_BYTES
from intake.private_files import create_new_file, write_private


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Nothing masked: a file is exactly as private as intake asks for, never more by the account's umask."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


class _Watching(io.RawIOBase):
    """A stream that looks at the file being filled from it before each block it hands over."""

    def __init__(self, data: bytes, target: Path) -> None:
        super().__init__()
        self._data, self._target, self.modes = io.BytesIO(data), target, set[int]()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.modes.add(_mode(self._target))
        return self._data.read(size)


def test_a_new_file_is_owner_only_while_it_is_written_and_after(tmp_path: Path, open_umask: None) -> None:
    target = tmp_path / "copy.bin"
    data = os.urandom(2 * CHUNK_BYTES + 123)  # more than one block
    stream = _Watching(data, target)
    create_new_file(target, stream)
    assert target.read_bytes() == data
    assert stream.modes == {0o600} and _mode(target) == 0o600


def test_a_public_key_gets_exactly_its_mode_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        paths = generate_keypair(tmp_path, "signer")
    finally:
        os.umask(previous)
    assert (_mode(paths.private_key), _mode(paths.public_key)) == (0o600, 0o644)


def test_nothing_is_written_over_a_file_or_through_a_link(tmp_path: Path) -> None:
    existing = tmp_path / "existing"
    existing.write_bytes(b"kept")
    elsewhere = tmp_path / "elsewhere"
    (tmp_path / "link").symlink_to(elsewhere)  # dangling: following it would create `elsewhere`
    for name in ("existing", "link"):
        with pytest.raises(FileExistsError):
            create_new_file(tmp_path / name, b"secret")
    assert existing.read_bytes() == b"kept" and not elsewhere.exists()


def test_a_failed_copy_leaves_no_file_and_says_what_failed(tmp_path: Path) -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            raise ValueError("the source went away")

    with pytest.raises(ValueError, match="the source went away"):  # the stream's own error, as it is
        create_new_file(tmp_path / "copy.bin", Broken())
    assert list(tmp_path.iterdir()) == []


WRITE_LIMITED = """
import os, resource, signal, sys
from pathlib import Path
from intake.private_files import WriteFailed, create_new_file, write_private
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of a signal
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
folder = Path(sys.argv[1])
try:
    create_new_file(folder / "report.md", b"x" * 10_000)
except WriteFailed as exc:
    print("create", exc.errno == 27)
try:
    write_private(folder / "keys" / "kek.key", b"x" * 10_000, replace=False)
except WriteFailed:
    print("private", sorted(p.name for p in folder.rglob("*")))
"""


def test_a_file_that_cannot_be_filled_is_removed(tmp_path: Path) -> None:
    """A real write failure (the file size limit: EFBIG), in a child process so the limit binds nothing else."""
    done = subprocess.run([sys.executable, "-c", WRITE_LIMITED, str(tmp_path)], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.splitlines() == ["create True", "private ['keys']"]  # no report, no key, no temporary file


def test_write_private_publishes_whole_and_loses_quietly_to_an_existing_key(tmp_path: Path, open_umask: None) -> None:
    key = tmp_path / "keys" / "state.key"
    assert write_private(key, b"first", replace=False)
    assert not write_private(key, b"second", replace=False)
    assert key.read_bytes() == b"first"
    assert write_private(key, b"rotated", replace=True)
    assert key.read_bytes() == b"rotated"
    assert (_mode(key), _mode(key.parent)) == (0o600, 0o700)
    assert sorted(p.name for p in key.parent.iterdir()) == ["state.key"]  # no temporary file left
