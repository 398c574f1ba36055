"""Ed25519 keys and signatures: the one place outside the vault's ciphers that touches `cryptography.hazmat`.

Callers get recipes, never primitives (pyca's "recipes vs hazmat" split): generate a key, turn it into and
back from the bytes intake keeps in files, sign, verify, name it. Formats (byte-compatible with every key,
signature and certificate intake has written):
- private key: PEM PKCS#8, encrypted with the best available scheme when a passphrase is given.
- public key: PEM SubjectPublicKeyInfo when written; read from PEM, from 32 raw bytes and, where the caller
  allows it, from an OpenSSH `ssh-ed25519 ...` line.
- signature: the 64 raw bytes of an Ed25519 signature (callers choose how to encode them).
- key id: SHA-256 (hex) of the raw 32-byte public key.

Errors: `KeyFormatError` (a ValueError) for bytes that are not a key in an accepted format, `NotEd25519` when
they are a key of another algorithm, `PassphraseMismatch` when an encrypted key is read without a passphrase
or a plain one with one. Callers turn them into their own errors and words.
"""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PrivateKey = Ed25519PrivateKey
PublicKey = Ed25519PublicKey

PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64


class KeyFormatError(ValueError):
    """The bytes are not a key in a format accepted here."""


class NotEd25519(KeyFormatError):
    """The bytes are a key, of another algorithm."""


class PassphraseMismatch(KeyFormatError):
    """An encrypted private key read without a passphrase, or an unencrypted one with a passphrase."""


def generate() -> PrivateKey:
    return Ed25519PrivateKey.generate()


def private_pem(key: PrivateKey, passphrase: bytes | None = None) -> bytes:
    """PEM PKCS#8; encrypted when `passphrase` is given (and not empty)."""
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def load_private_pem(data: bytes, passphrase: bytes | None = None) -> PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=passphrase)
    except TypeError as exc:
        raise PassphraseMismatch("encrypted" if passphrase is None else "not encrypted") from exc
    except ValueError as exc:
        raise KeyFormatError("not a PEM private key, or the passphrase is wrong") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise NotEd25519(f"a {type(key).__name__}, not an Ed25519 private key")
    return key


def public_key(key: PrivateKey) -> PublicKey:
    return key.public_key()


def public_pem(key: PublicKey) -> bytes:
    """PEM SubjectPublicKeyInfo: what `.pub` files and exported service keys hold."""
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def raw_public(key: PublicKey) -> bytes:
    """The 32 raw bytes of the public key."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(raw_public_key: bytes) -> str:
    """SHA-256 (hex) of the raw 32-byte public key."""
    return hashlib.sha256(raw_public_key).hexdigest()


def key_id_of(key: PublicKey) -> str:
    return key_id(raw_public(key))


def from_raw_public(raw: bytes) -> PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise KeyFormatError("not 32 raw bytes of an Ed25519 public key") from exc


def parse_public_key(data: bytes, *, openssh: bool = True) -> PublicKey:
    """A public key from PEM (leading/trailing whitespace ignored), from exactly 32 raw bytes or, when `openssh`,
    from an OpenSSH `ssh-ed25519 ...` line."""
    stripped = data.strip()
    try:
        if stripped.startswith(b"-----"):
            key = serialization.load_pem_public_key(stripped)
        elif openssh and stripped.startswith(b"ssh-ed25519 "):
            key = serialization.load_ssh_public_key(stripped)
        elif len(data) == PUBLIC_KEY_BYTES:
            key = Ed25519PublicKey.from_public_bytes(data)
        else:
            raise ValueError("unrecognised format")
    except (ValueError, TypeError) as exc:  # binascii.Error is a ValueError
        raise KeyFormatError("not an Ed25519 public key in an accepted format") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise NotEd25519(f"a {type(key).__name__}, not an Ed25519 public key")
    return key


def sign(key: PrivateKey, data: bytes) -> bytes:
    """The 64-byte Ed25519 signature of exactly `data`."""
    return key.sign(data)


def verify(key: PublicKey | bytes, signature: bytes, data: bytes) -> bool:
    """Whether `signature` is `key`'s signature of exactly `data` (`key` as an object or its 32 raw bytes)."""
    try:
        public = Ed25519PublicKey.from_public_bytes(key) if isinstance(key, bytes) else key
        public.verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True
