"""Ed25519 key files and detached signatures over the exact manifest bytes."""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from intake.authorisation import KeyFileError
from intake.authorisation.signing import (
    decode_signature,
    generate_keypair,
    load_private_key,
    load_public_key,
    parse_public_key,
    read_signature,
    sign,
    verify,
    write_signature,
)


def test_generate_writes_private_key_0600_and_public_key(tmp_path: Path) -> None:
    paths = generate_keypair(tmp_path / "keys", "customer")
    assert stat.S_IMODE(paths.private_key.stat().st_mode) == 0o600
    assert paths.public_key.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    raw = load_public_key(paths.public_key)
    assert len(raw) == 32
    assert paths.key_id == hashlib.sha256(raw).hexdigest()
    # never overwrite an existing key
    with pytest.raises(KeyFileError, match="already exists"):
        generate_keypair(tmp_path / "keys", "customer")


def test_signature_covers_the_exact_bytes(tmp_path: Path) -> None:
    paths = generate_keypair(tmp_path, "k")
    key = load_private_key(paths.private_key)
    raw = load_public_key(paths.public_key)
    manifest = b"customer: X\nreference: A-1\n"
    signature_file = tmp_path / "m.sig"
    write_signature(signature_file, sign(manifest, key))
    text = signature_file.read_bytes()
    assert text.endswith(b"\n") and len(base64.b64decode(text.strip(), validate=True)) == 64
    signature = read_signature(signature_file)
    assert verify(raw, manifest, signature)
    assert not verify(raw, manifest + b" ", signature)  # one added space breaks it
    assert not verify(raw, manifest.replace(b"A-1", b"A-2"), signature)
    other = load_public_key(generate_keypair(tmp_path, "other").public_key)
    assert not verify(other, manifest, signature)
    # raw 64-byte signature files are accepted too
    raw_file = tmp_path / "raw.sig"
    raw_file.write_bytes(signature)
    assert read_signature(raw_file) == signature


@pytest.mark.parametrize("content", [b"", b"not base64!!", base64.b64encode(b"x" * 63), b"A" * 200])
def test_bad_signature_files_are_refused(content: bytes) -> None:
    with pytest.raises(KeyFileError, match="not an Ed25519 signature"):
        decode_signature(content, "m.sig")


def test_private_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    paths = generate_keypair(tmp_path, "k")
    os.chmod(paths.private_key, 0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        load_private_key(paths.private_key)


def test_passphrase_protected_private_key(tmp_path: Path) -> None:
    paths = generate_keypair(tmp_path, "k", passphrase=b"correct horse")
    assert b"ENCRYPTED" in paths.private_key.read_bytes()
    assert load_private_key(paths.private_key, b"correct horse")
    with pytest.raises(KeyFileError, match="give its passphrase"):
        load_private_key(paths.private_key)
    with pytest.raises(KeyFileError, match="passphrase is wrong"):
        load_private_key(paths.private_key, b"wrong")


def test_not_a_key(tmp_path: Path) -> None:
    junk = tmp_path / "junk.key"
    junk.write_bytes(b"hello")
    junk.chmod(0o600)
    with pytest.raises(KeyFileError, match="not a PEM Ed25519 private key"):
        load_private_key(junk)
    with pytest.raises(KeyFileError, match="cannot read"):
        load_private_key(tmp_path / "missing.key")
    with pytest.raises(KeyFileError, match="not an Ed25519 public key"):
        load_public_key(junk)


def test_public_key_formats(tmp_path: Path) -> None:
    paths = generate_keypair(tmp_path, "k")
    key = load_private_key(paths.private_key).public_key()
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    openssh = key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    assert parse_public_key(openssh + b" someone@example\n") == raw
    assert parse_public_key(raw) == raw
    from cryptography.hazmat.primitives.asymmetric import ec

    ec_pem = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(KeyFileError, match="only Ed25519"):
        parse_public_key(ec_pem)
