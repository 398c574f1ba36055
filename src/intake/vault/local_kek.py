"""The local key provider: KEKs in a private key file; data keys wrapped with AES-256-GCM."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from intake.config import Settings
from intake.private_files import write_private
from intake.vault.crypto import KEY_SIZE
from intake.vault.errors import KekAltered, KekForeign, KekMissing, KeyProviderError
from intake.vault.providers import NewDataKey, register_key_provider
from intake.vault.scopes import scope_label

KEY_FILE_FORMAT = "intake-kek/1"
_WRAP_LABEL = b"intake-data-key/1\x00"
_NONCE_SIZE = 12
_CHECK_LABEL = b"intake-kek-check/1"


def _new_kek_id() -> str:
    return f"local-{secrets.token_hex(8)}"


def check_value(kek: bytes) -> str:
    """A one-way check value of a KEK (HMAC-SHA256 of a fixed label, 16 bytes hex): shows that a KEK in the
    key file is the one written with it, without revealing anything about the key."""
    return hmac.new(kek, _CHECK_LABEL, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class KekFile:
    current: str
    keys: dict[str, bytes]

    def dump(self) -> bytes:
        body = {
            "format": KEY_FILE_FORMAT,
            "current": self.current,
            "keys": {kek_id: base64.b64encode(key).decode() for kek_id, key in self.keys.items()},
            "checks": {kek_id: check_value(key) for kek_id, key in self.keys.items()},
        }
        return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode()


class LocalKeyProvider:
    """KEKs in a key file (mode 0600); data keys wrapped with AES-256-GCM.

    The key file is created only by `create_key_file` (called by `intake init` and by an admin's
    `intake keys rotate-kek`), never as a side effect of wrapping or unwrapping: a missing file is a
    `KekMissing`, a file without the KEK a data key needs a `KekForeign`, a damaged one a `KekAltered`.
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

    def exists(self) -> bool:
        return self.key_file.exists()

    def create_key_file(self) -> str:
        """Create the key file with one new KEK and return its id; refuse if a key file is already there."""
        kek_id = _new_kek_id()
        if not write_private(self.key_file, KekFile(kek_id, {kek_id: os.urandom(KEY_SIZE)}).dump(), replace=False):
            raise KeyProviderError(
                f"the key file {self.key_file} already exists: it was not replaced (run `intake keys check`)"
            )
        self._loaded = None
        return kek_id

    def _load(self) -> KekFile:
        path = self.key_file
        if not path.exists():
            raise KekMissing(path)
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
            keys = {str(kek_id): base64.b64decode(key, validate=True) for kek_id, key in body["keys"].items()}
            if body["current"] not in keys or any(len(key) != KEY_SIZE for key in keys.values()):
                raise ValueError("keys")
            checks = body.get("checks", {})  # files written before check values were kept have none
            if not isinstance(checks, dict):
                raise ValueError("checks")
        except (ValueError, KeyError, TypeError, AttributeError):
            raise KekAltered(path, f"the key file {path} is not a valid {KEY_FILE_FORMAT} file") from None
        altered = sorted(kek_id for kek_id, key in keys.items()
                         if kek_id in checks and not hmac.compare_digest(str(checks[kek_id]), check_value(key)))
        if altered:
            raise KekAltered(path, f"KEK {', '.join(altered)} in the key file {path} does not match its check value "
                             "(the file was edited or damaged)")
        self._loaded = KekFile(body["current"], keys)
        return self._loaded

    def held_kek_ids(self) -> list[str]:
        """The ids of the KEKs in the key file (raises KekMissing / KekAltered when it cannot be used)."""
        return sorted(self._load().keys)

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
            kek_file = self._load()
        kek = kek_file.keys.get(kek_id)
        if kek is None:
            raise KekForeign(
                self.key_file,
                f"the data key of {scope_label(scope)} is wrapped by KEK {kek_id}, which is not in {self.key_file} "
                f"(it holds KEK {', '.join(sorted(kek_file.keys))}): the key file is another home's, an older one "
                "or a replacement",
                {kek_id: 1},
            )
        try:
            return AESGCM(kek).decrypt(wrapped[:_NONCE_SIZE], wrapped[_NONCE_SIZE:], _WRAP_LABEL + scope.encode())
        except InvalidTag:
            raise KeyProviderError(
                f"the wrapped data key of {scope_label(scope)} does not unwrap under KEK {kek_id}: the registry row "
                "was altered or belongs to another scope (if no data key under this KEK unwraps, the key file was "
                "altered: `intake keys check` tells which; restore the row or the key file from backup)"
            ) from None

    def begin_rotation(self) -> str:
        """Add a new KEK and make it current, keeping the old ones until `finish_rotation`."""
        kek_file = self._load()
        kek_id = _new_kek_id()
        write_private(self.key_file, KekFile(kek_id, {**kek_file.keys, kek_id: os.urandom(KEY_SIZE)}).dump(),
                       replace=True)
        self._loaded = None
        return kek_id

    def finish_rotation(self) -> None:
        """Keep only the current KEK in the key file."""
        kek_file = self._load()
        write_private(self.key_file, KekFile(kek_file.current, {kek_file.current: kek_file.keys[kek_file.current]})
                       .dump(), replace=True)
        self._loaded = None


register_key_provider(LocalKeyProvider.name, LocalKeyProvider.from_settings)
