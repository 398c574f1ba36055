"""Files only the service may read: written whole with mode 0600 in a 0700 folder, or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_private(path: Path, content: bytes, replace: bool) -> bool:
    """Write `content` to `path` with mode 0600 atomically; without `replace`, lose quietly to an existing file."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        if replace:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)  # fails if another process created the key file first
            except FileExistsError:
                return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return True


def fsync_dir(path: Path, required: bool = True) -> None:
    """Make a rename or a new file in `path` durable. `required=False` where the filesystem may refuse to open a
    directory for fsync (a delivery folder on any mount); the vault's own folders require it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        if required:
            raise
        return
    try:
        os.fsync(fd)
    except OSError:
        if required:
            raise
    finally:
        os.close(fd)
