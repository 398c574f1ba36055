"""intake.vault.ed25519: the one home of Ed25519 keys; what it writes and reads is byte-compatible with pyca's own
serialisation (the formats key files, signatures and certificates have always had)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import generate_private_key

from intake.vault import ed25519

SEED = bytes(range(32))
ROOT = Path(__file__).resolve().parents[2]


def test_private_pem_is_pkcs8_as_pyca_writes_it_and_reads_back() -> None:
    key = Ed25519PrivateKey.from_private_bytes(SEED)
    pem = ed25519.private_pem(key)
    assert pem == key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    assert ed25519.raw_public(ed25519.load_private_pem(pem).public_key()) == ed25519.raw_public(key.public_key())


def test_encrypted_private_key_needs_its_passphrase() -> None:
    key = ed25519.generate()
    pem = ed25519.private_pem(key, b"secret")
    assert b"ENCRYPTED" in pem
    assert ed25519.sign(ed25519.load_private_pem(pem, b"secret"), b"x") == ed25519.sign(key, b"x")
    with pytest.raises(ed25519.PassphraseMismatch):
        ed25519.load_private_pem(pem)
    with pytest.raises(ed25519.PassphraseMismatch):
        ed25519.load_private_pem(ed25519.private_pem(key), b"secret")
    with pytest.raises(ed25519.KeyFormatError):
        ed25519.load_private_pem(pem, b"wrong")


def test_public_key_formats_and_key_id() -> None:
    key = Ed25519PrivateKey.from_private_bytes(SEED).public_key()
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    pem = ed25519.public_pem(key)
    assert pem == key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    ssh = key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    for data in (pem, b"\n  " + pem + b"\n", raw, ssh + b" comment\n"):
        assert ed25519.raw_public(ed25519.parse_public_key(data)) == raw
    with pytest.raises(ed25519.KeyFormatError):
        ed25519.parse_public_key(ssh, openssh=False)
    with pytest.raises(ed25519.KeyFormatError):
        ed25519.parse_public_key(raw[:31])
    assert ed25519.key_id_of(key) == ed25519.key_id(raw) == hashlib.sha256(raw).hexdigest()


def test_other_algorithms_are_named_as_such() -> None:
    rsa = generate_private_key(public_exponent=65537, key_size=2048)
    rsa_private = rsa.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    rsa_public = rsa.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(ed25519.NotEd25519):
        ed25519.load_private_pem(rsa_private)
    with pytest.raises(ed25519.NotEd25519):
        ed25519.parse_public_key(rsa_public)


def test_signatures_are_plain_ed25519() -> None:
    key = Ed25519PrivateKey.from_private_bytes(SEED)
    signature = ed25519.sign(key, b"manifest")
    assert signature == key.sign(b"manifest") and len(signature) == ed25519.SIGNATURE_BYTES
    raw = ed25519.raw_public(key.public_key())
    for public in (key.public_key(), raw):
        assert ed25519.verify(public, signature, b"manifest")
        assert not ed25519.verify(public, signature, b"manifest ")
        assert not ed25519.verify(public, signature[:10], b"manifest")
    assert not ed25519.verify(raw[:31], signature, b"manifest")


def test_hazmat_is_imported_only_inside_the_vault() -> None:
    outside = [path.relative_to(ROOT) for folder in ("src/intake", "connectors", "flows")
               for path in (ROOT / folder).rglob("*.py")
               if "vault" not in path.relative_to(ROOT / folder).parts
               and re.search(r"^\s*(from|import) cryptography", path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert outside == []
