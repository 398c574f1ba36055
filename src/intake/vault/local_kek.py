"""The local key provider: KEKs in a private key file; data keys wrapped with AES-256-GCM."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from intake.config import Settings
from intake.vault.crypto import KEY_SIZE
from intake.vault.errors import KeyProviderError
from intake.vault.providers import NewDataKey, register_key_provider
from intake.vault.scopes import scope_label

KEY_FILE_FORMAT = "intake-kek/1"
_WRAP_LABEL = b"intake-data-key/1\x00"
_NONCE_SIZE = 12


def _write_private(path: Path, content: bytes, replace: bool) -> bool:
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


def _new_kek_id() -> str:
    return f"local-{secrets.token_hex(8)}"


@dataclass(frozen=True)
class KekFile:
    current: str
    keys: dict[str, bytes]

    def dump(self) -> bytes:
        body = {
            "format": KEY_FILE_FORMAT,
            "current": self.current,
            "keys": {kek_id: base64.b64encode(key).decode() for kek_id, key in self.keys.items()},
        }
        return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode()


class LocalKeyProvider:
    """KEKs in a key file (mode 0600, created on first use); data keys wrapped with AES-256-GCM.

    The scope is associated data of the wrap, so a wrapped key moved to another scope does not unwrap.
    During a rotation the file briefly holds the old and the new KEK, so a crash at any point leaves
    every data key readable; `finish_rotation` then drops the old one.
    """

    name = "local"

    def __init__(self, key_file: Path) -> None:
        self.key_file = Path(key_file)
        self._loaded: KekFile | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalKeyProvider:
        return cls(settings.key_file)

    def _load(self, create: bool = True) -> KekFile:
        path = self.key_file
        if not path.exists():
            if not create:
                raise KeyProviderError(
                    f"the key file {path} is missing: restore it from backup (without it no data key can be read)"
                )
            kek_id = _new_kek_id()
            _write_private(path, KekFile(kek_id, {kek_id: os.urandom(KEY_SIZE)}).dump(), replace=False)
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise KeyProviderError(
                f"the key file {path} has mode {mode:04o}, readable by other users: run `chmod 600 {path}` "
                "and consider rotating the KEK (`intake keys rotate-kek`)"
            )
        try:
            body = json.loads(path.read_bytes())
            if body.get("format") != KEY_FILE_FORMAT:
                raise ValueError("format")
            keys = {kek_id: base64.b64decode(key) for kek_id, key in body["keys"].items()}
            if body["current"] not in keys or any(len(key) != KEY_SIZE for key in keys.values()):
                raise ValueError("keys")
        except (ValueError, KeyError, TypeError):
            raise KeyProviderError(
                f"the key file {path} is not a valid {KEY_FILE_FORMAT} file: restore it from backup"
            ) from None
        self._loaded = KekFile(body["current"], keys)
        return self._loaded

    def current_kek_id(self) -> str:
        return self._load().current

    def wrap(self, scope: str, key: bytes) -> tuple[bytes, str]:
        kek_file = self._load()  # re-read each time so a rotation in another process is followed at once
        nonce = os.urandom(_NONCE_SIZE)
        wrapped = nonce + AESGCM(kek_file.keys[kek_file.current]).encrypt(nonce, key, _WRAP_LABEL + scope.encode())
        return wrapped, kek_file.current

    def generate(self, scope: str) -> NewDataKey:
        key = os.urandom(KEY_SIZE)
        wrapped, kek_id = self.wrap(scope, key)
        return NewDataKey(key, wrapped, kek_id)

    def unwrap(self, scope: str, wrapped: bytes, kek_id: str) -> bytes:
        kek_file = self._loaded
        if kek_file is None or kek_id not in kek_file.keys:
            kek_file = self._load(create=False)
        kek = kek_file.keys.get(kek_id)
        if kek is None:
            raise KeyProviderError(
                f"the data key of {scope_label(scope)} is wrapped by KEK {kek_id}, which is not in {self.key_file}: "
                "restore the key file that holds it from backup"
            )
        try:
            return AESGCM(kek).decrypt(wrapped[:_NONCE_SIZE], wrapped[_NONCE_SIZE:], _WRAP_LABEL + scope.encode())
        except InvalidTag:
            raise KeyProviderError(
                f"the wrapped data key of {scope_label(scope)} does not unwrap under KEK {kek_id}: the registry row "
                "was altered or belongs to another scope"
            ) from None

    def begin_rotation(self) -> str:
        """Add a new KEK and make it current, keeping the old ones until `finish_rotation`."""
        kek_file = self._load()
        kek_id = _new_kek_id()
        _write_private(self.key_file, KekFile(kek_id, {**kek_file.keys, kek_id: os.urandom(KEY_SIZE)}).dump(),
                       replace=True)
        self._loaded = None
        return kek_id

    def finish_rotation(self) -> None:
        """Keep only the current KEK in the key file."""
        kek_file = self._load(create=False)
        _write_private(self.key_file, KekFile(kek_file.current, {kek_file.current: kek_file.keys[kek_file.current]})
                       .dump(), replace=True)
        self._loaded = None


register_key_provider(LocalKeyProvider.name, LocalKeyProvider.from_settings)
