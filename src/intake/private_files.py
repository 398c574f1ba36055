"""Files only the service may read: written whole with mode 0600 in a 0700 folder, or not at all; and the output
files a person names, created new and never inside the home.

`create_new_file` is the one way intake creates a file that holds a secret or a customer's data (keys, the
KEK file, the state key, reports, signatures, handed-over packages): new, never through a link, readable by its
owner alone from its first instant (0600 whatever the umask), filled and synced, removed again if it cannot be.
`write_private` publishes such a file atomically under its final name, for the home's key files that concurrent
processes may create or replace."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from intake.errors import IntakeError
from intake.file_hashes import CHUNK_BYTES

if TYPE_CHECKING:
    from intake.config import Settings


class WriteFailed(OSError):
    """A new file was created but could not be filled (disk full, I/O error); it has been removed again."""


def create_new_file(name: Path | str, content: bytes | IO[bytes], *, mode: int = 0o600,
                    dir_fd: int | None = None) -> None:
    """Create `name` (relative to `dir_fd` when given) holding `content`, bytes or a binary stream copied in
    blocks. A name already taken, by a file or a link (even a dangling one), raises FileExistsError and one that
    cannot be created an OSError, with nothing created. A failure while filling it removes the file: the file's
    own (disk full, I/O error) as WriteFailed, what reading the stream raised as it is. `mode` other than 0600 is
    for the one file meant for others: a public key."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode, dir_fd=dir_fd)
    try:
        try:
            _fill(fd, content, mode)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name, dir_fd=dir_fd)  # no half-written file left behind
        raise


def _fill(fd: int, content: bytes | IO[bytes], mode: int) -> None:
    with _writing():
        os.fchmod(fd, mode)  # exactly `mode`: the umask may have narrowed what os.open asked for
    for block in _blocks(content):
        view = memoryview(block)
        while view:  # os.write may write less than it was given
            with _writing():
                view = view[os.write(fd, view):]
    with _writing():
        os.fsync(fd)


def _blocks(content: bytes | IO[bytes]) -> Iterator[bytes]:
    if isinstance(content, bytes):
        yield content
        return
    while block := content.read(CHUNK_BYTES):
        yield block


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise WriteFailed(exc.errno, exc.strerror) from exc


def write_private(path: Path, content: bytes, replace: bool) -> bool:
    """Write `content` to `path` with mode 0600 atomically; without `replace`, lose quietly to an existing file."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    create_new_file(temp, content)
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
    fsync_dir(folder)
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


# Output files a person names (`--markdown`, `--out`) ------------------------------------------------------------
# Through sudo the service account writes them, so a path is the caller's wish carried out with the service's
# rights: it must never land among the home's internals (registry, keys, vault, anchors) nor replace a file.


class OutputRefused(IntakeError):
    """An output path named on the command line is inside intake's data home, or names a file that exists."""


def protected_locations(settings: Settings) -> list[Path]:
    """What no report or exported file may be written into or over: the home and every store configured outside
    it (vault, key file, anchor file, deliveries, an SQLite registry elsewhere, the configuration file)."""
    from intake.config import config_file

    places = [settings.home, settings.vault_path, settings.key_file, settings.anchor_file, settings.deliveries_path]
    url = settings.registry_url
    if url.startswith("sqlite:///"):
        database = Path(url.removeprefix("sqlite:///"))
        places += [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal"))]
    config = config_file()
    if config is not None:
        places.append(config)
    return [Path(os.path.realpath(p)) for p in places]


def _inside(path: Path, places: list[Path]) -> Path | None:
    return next((place for place in places if path == place or place in path.parents), None)


def _folder_of(dir_fd: int, folder: Path) -> Path:
    """Where the opened folder really is (Linux names it under /proc; the resolved path elsewhere)."""
    try:
        return Path(os.readlink(f"/proc/self/fd/{dir_fd}"))
    except OSError:
        return Path(os.path.realpath(folder))


def refuse_inside_home(path: Path, settings: Settings) -> None:
    """Refuse a path that resolves inside the home or one of its stores (it need not exist yet)."""
    places = protected_locations(settings)
    if _inside(Path(os.path.realpath(os.path.abspath(path))), places):
        raise _refused_inside(path, places)


def check_output(path: Path, settings: Settings) -> None:
    """Refuse early, before the work that produces it, an output path `write_output` would refuse."""
    refuse_inside_home(path, settings)
    if os.path.lexists(path):
        raise OutputRefused(f"{path} already exists and is never overwritten: choose a new name")


def write_output(path: Path, content: bytes, settings: Settings,
                 replaceable: Callable[[bytes], bool] | None = None) -> Path:
    """Create `path` as a new file (mode 0600, owned by this process's account) holding `content`; refuse a path that
    resolves inside the home or a store of `settings`, and any existing file or symbolic link. `replaceable`, given
    the bytes of an existing regular file, may allow it to be replaced whole (a signature by a new signature).

    The folder is opened once and checked where it really is, and the file is made relative to it without
    following a link, so a link swapped in after the check cannot redirect the write."""
    places = protected_locations(settings)
    wanted = Path(os.path.abspath(path))
    if not wanted.name or _inside(Path(os.path.realpath(wanted)), places):
        raise _refused_inside(path, places)
    try:
        dir_fd = os.open(wanted.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise OutputRefused(f"cannot write {path}: its folder cannot be opened ({exc.strerror}); name a folder "
                            "that exists and that intake's account may write") from None
    try:
        target = _folder_of(dir_fd, wanted.parent) / wanted.name
        if _inside(target, places):
            raise _refused_inside(path, places)
        if replaceable is not None and _replaceable(dir_fd, wanted.name, replaceable):
            _replace(dir_fd, wanted.name, content)
        else:
            _create(dir_fd, wanted.name, content, path)
    finally:
        os.close(dir_fd)
    return wanted


def _refused_inside(path: Path, places: list[Path]) -> OutputRefused:
    home = places[0]
    return OutputRefused(f"refusing to write {path}: it is inside intake's data home ({home}) or one of its stores "
                         "(registry, keys, vault, anchors, deliveries, configuration); write reports and exports to "
                         "a folder of your own")


def _create(dir_fd: int, name: str, content: bytes, shown: Path) -> None:
    try:
        create_new_file(name, content, dir_fd=dir_fd)
    except FileExistsError:
        raise OutputRefused(f"{shown} already exists and is never overwritten: choose a new name") from None
    except WriteFailed as exc:
        raise OutputRefused(f"cannot write {shown}: {exc.strerror}") from None
    except OSError as exc:
        raise OutputRefused(f"cannot create {shown}: {exc.strerror}; name a folder intake's account may write") \
            from None


def _replaceable(dir_fd: int, name: str, test: Callable[[bytes], bool]) -> bool:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError:
        return False  # none there (created new), or a link or something unreadable (refused as existing)
    try:
        info = os.fstat(fd)
        return stat.S_ISREG(info.st_mode) and info.st_size <= 4096 and test(os.read(fd, 4096))
    finally:
        os.close(fd)


def _replace(dir_fd: int, name: str, content: bytes) -> None:
    """Replace the entry whole by a rename: the old file's content is never written to, whatever it links to."""
    temp = f".{name}.{secrets.token_hex(6)}.tmp"
    _create(dir_fd, temp, content, Path(temp))
    try:
        os.replace(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp, dir_fd=dir_fd)
