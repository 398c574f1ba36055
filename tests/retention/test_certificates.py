"""Deletion certificates: verify with the installation's key or an exported public key; edits are caught."""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from intake.retention import CertificateInvalid, complete_migration, sweep, verify_certificate_file
from intake.retention.certificates import load_service_key, sign_certificate, write_certificate_file
from tests.retention.conftest import store_artefacts


@pytest.fixture
def certificate(ctx, as_user, factory, clock) -> Path:
    dataset_id = factory.dataset().dataset_id
    complete_migration(as_user("eve"), dataset_id)
    store_artefacts(ctx, dataset_id)
    clock.advance(timedelta(days=200))
    (deleted,) = sweep(as_user("dora")).deleted
    return deleted.certificate_file


def rewrite(path: Path, change) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document, indent=2))


def test_certificate_verifies_with_exported_public_key_elsewhere(ctx, certificate, tmp_path) -> None:
    public_pem = load_service_key(ctx.settings).public_pem()
    copy = tmp_path / "elsewhere" / certificate.name
    copy.parent.mkdir()
    copy.write_bytes(certificate.read_bytes())
    body = verify_certificate_file(copy, public_key=public_pem)
    assert body["service_key_id"] == load_service_key(ctx.settings).key_id
    # Reformatting the JSON (whitespace, key order) is not tampering.
    rewrite(copy, lambda d: None)
    assert verify_certificate_file(copy, public_key=public_pem) == body


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["certificate"]["artefacts"][0].__setitem__("size", d["certificate"]["artefacts"][0]["size"] + 1),
        lambda d: d["certificate"]["artefacts"].pop(),
        lambda d: d["certificate"].__setitem__("deleted_at", "2020-01-01T00:00:00+00:00"),
        lambda d: d["certificate"].__setitem__("key_destroyed", False),
        lambda d: d.__setitem__("signature", "A" * 86 + "=="),  # well-formed, but not the signature
    ],
    ids=["size", "artefact_removed", "time", "key_flag", "signature"],
)
def test_tampered_certificate_fails(ctx, certificate, tamper) -> None:
    rewrite(certificate, tamper)
    with pytest.raises(CertificateInvalid, match=r"altered|not base64"):
        verify_certificate_file(certificate, settings=ctx.settings)


def test_certificate_signed_by_another_key_fails(ctx, certificate) -> None:
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(CertificateInvalid, match="not the trusted service key"):
        verify_certificate_file(certificate, public_key=other)


def test_forged_certificate_with_its_own_key_id_fails(ctx, certificate, tmp_path) -> None:
    forger = Ed25519PrivateKey.generate()
    forged_key = type(load_service_key(ctx.settings))(forger, tmp_path / "forger.key")
    body = json.loads(certificate.read_text())["certificate"]
    forged = write_certificate_file(tmp_path, body["dataset_id"], sign_certificate(forged_key, body))
    with pytest.raises(CertificateInvalid, match="not the trusted service key"):
        verify_certificate_file(forged, settings=ctx.settings)


@pytest.mark.parametrize("content", [b"", b"not json", b"[]", b'{"certificate": {}}'])
def test_malformed_certificate_files_fail_clearly(ctx, tmp_path, content: bytes) -> None:
    load_service_key(ctx.settings)
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(CertificateInvalid, match=r"bad\.json"):
        verify_certificate_file(path, settings=ctx.settings)


def test_service_key_is_created_once_with_mode_0600(ctx) -> None:
    first = load_service_key(ctx.settings)
    path = ctx.settings.service_signing_key_file
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_service_key(ctx.settings).key_id == first.key_id


def test_verify_without_any_service_key_says_what_to_do(ctx, tmp_path) -> None:
    path = tmp_path / "c.json"
    path.write_text("{}")
    ctx.settings.service_signing_key_file.unlink()  # made by init: a home that lost it
    from intake.retention import RetentionError

    with pytest.raises(RetentionError, match="--public-key"):
        verify_certificate_file(path, settings=ctx.settings)
