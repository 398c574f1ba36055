"""Ed25519 keys and detached signatures over the exact manifest bytes.

Files:
- private key: PEM PKCS#8 (optionally passphrase-encrypted), mode 0600; refused if others can read it.
- public key: PEM SubjectPublicKeyInfo; OpenSSH `ssh-ed25519 ...` lines and raw 32-byte files are
  also accepted when adding a key to the trust store.
- signature: the 64-byte Ed25519 signature encoded as one line of standard base64 (88 characters)
  plus a newline. A raw 64-byte signature file is also accepted when reading.
- key id: SHA-256 (hex) of the raw 32-byte public key.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from intake import file_hashes
from intake.authorisation.errors import KeyFileError, UnreadableFile
from intake.file_hashes import sha256_stream as sha256_stream  # re-exported: verify.py reads vault streams with it
from intake.private_files import create_new_file
from intake.vault import ed25519
from intake.vault.ed25519 import SIGNATURE_BYTES

if TYPE_CHECKING:
    from intake.config import Settings

_MAX_KEY_FILE = 64 * 1024


@dataclass(frozen=True)
class KeyPairPaths:
    private_key: Path
    public_key: Path
    key_id: str


def key_id(raw_public_key: bytes) -> str:
    return ed25519.key_id(raw_public_key)


def raw_public_key(key: ed25519.PublicKey) -> bytes:
    return ed25519.raw_public(key)


def _write_new(path: Path, data: bytes, mode: int) -> None:
    try:
        create_new_file(path, data, mode=mode)
    except FileExistsError:
        raise KeyFileError(f"{path} already exists: choose another --out folder or remove the old file first") from None
    except OSError as exc:
        raise KeyFileError(f"cannot create {path}: {exc.strerror}") from None


def generate_keypair(out_dir: Path, name: str = "signer", passphrase: bytes | None = None) -> KeyPairPaths:
    """Write `<name>-ed25519.key` (private, 0600) and `<name>-ed25519.pub` (public) into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    private = ed25519.generate()
    private_pem = ed25519.private_pem(private, passphrase)
    public_pem = ed25519.public_pem(private.public_key())
    private_path, public_path = out_dir / f"{name}-ed25519.key", out_dir / f"{name}-ed25519.pub"
    if public_path.exists():
        raise KeyFileError(f"{public_path} already exists: choose another --out folder or remove the old file first")
    _write_new(private_path, private_pem, 0o600)
    _write_new(public_path, public_pem, 0o644)
    return KeyPairPaths(private_path, public_path, ed25519.key_id_of(private.public_key()))


def read_small_file(path: Path, what: str) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_KEY_FILE + 1)
    except OSError as exc:
        raise KeyFileError(f"cannot read {what} {path}: {exc.strerror}") from None
    if len(data) > _MAX_KEY_FILE:
        raise KeyFileError(f"{what} {path} is too large to be a key or signature file")
    return data


def load_private_key(path: Path, passphrase: bytes | None = None) -> ed25519.PrivateKey:
    if os.name == "posix":
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            raise KeyFileError(f"cannot read private key {path}: {exc.strerror}") from None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyFileError(
                f"private key {path} can be read by other users (mode {stat.S_IMODE(mode):o}): run `chmod 600 {path}`"
            )
    data = read_small_file(path, "private key")
    try:
        return ed25519.load_private_pem(data, passphrase)
    except ed25519.PassphraseMismatch:
        hint = "it is encrypted: give its passphrase" if passphrase is None else "it is not encrypted: no passphrase"
        raise KeyFileError(f"cannot load private key {path}: {hint}") from None
    except ed25519.NotEd25519:
        raise KeyFileError(
            f"private key {path} is not an Ed25519 key: create one with `intake keys generate`"
        ) from None
    except ed25519.KeyFormatError:
        raise KeyFileError(
            f"cannot load private key {path}: not a PEM Ed25519 private key, or the passphrase is wrong"
        ) from None


def parse_public_key(data: bytes, source: str = "public key") -> bytes:
    """Return the raw 32-byte Ed25519 public key from PEM, OpenSSH or raw bytes."""
    try:
        return ed25519.raw_public(ed25519.parse_public_key(data))
    except ed25519.NotEd25519:
        raise KeyFileError(f"{source} is not an Ed25519 key: only Ed25519 signers are supported") from None
    except ed25519.KeyFormatError:
        raise KeyFileError(
            f"{source} is not an Ed25519 public key (PEM, OpenSSH or raw 32 bytes): "
            "use the .pub file written by `intake keys generate`"
        ) from None


def load_public_key(path: Path) -> bytes:
    return parse_public_key(read_small_file(path, "public key"), str(path))


def sign(data: bytes, private_key: ed25519.PrivateKey) -> bytes:
    return ed25519.sign(private_key, data)


def verify(raw_public: bytes, data: bytes, signature: bytes) -> bool:
    return ed25519.verify(raw_public, signature, data)


def encode_signature(signature: bytes) -> bytes:
    return base64.b64encode(signature) + b"\n"


def decode_signature(data: bytes, source: str = "signature") -> bytes:
    if len(data) == SIGNATURE_BYTES:
        return data
    try:
        raw = base64.b64decode(data.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != SIGNATURE_BYTES:
        raise KeyFileError(
            f"{source} is not an Ed25519 signature (one line of base64, or 64 raw bytes): "
            "produce it with `intake authorisation sign`"
        )
    return raw


def write_signature(path: Path, signature: bytes, settings: Settings | None = None) -> None:
    """Write a detached signature to a path the signer names: a new file (0600), never inside intake's data home
    (`settings`, default the configured one: through sudo the service account writes it), and over an existing
    file only when that file is a signature itself (a sample made again in its folder)."""
    from intake.config import load_settings
    from intake.private_files import refuse_inside_home, write_output

    settings = settings or load_settings()
    refuse_inside_home(path, settings)  # before its folder is made: only where the signature may then go
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KeyFileError(f"cannot write signature {path}: {exc.strerror}") from None
    write_output(path, encode_signature(signature), settings, replaceable=_is_signature)


def _is_signature(data: bytes) -> bool:
    try:
        decode_signature(data)
    except KeyFileError:
        return False
    return True


def read_signature(path: Path) -> bytes:
    return decode_signature(read_small_file(path, "signature"), str(path))


def sha256_file(path: Path) -> str:
    try:
        return file_hashes.sha256_file(path)
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path}: {exc.strerror}") from None
