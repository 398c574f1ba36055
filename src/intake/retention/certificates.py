"""Deletion certificates: canonical JSON signed with the service's Ed25519 key.

The certificate outlives the data: it says what was deleted (ids, kinds, names, sizes, ciphertext
hashes), which rule required it, that the data key was destroyed and that nothing was readable
afterwards. Anyone holding the service's public key can verify a certificate file; any edit breaks
the signature.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from intake.config import Settings
from intake.context import Context
from intake.private_files import write_private
from intake.registry.models import DeletionCertificate
from intake.retention.errors import (
    CertificateInvalid,
    CertificateNotFound,
    RetentionError,
    ServiceKeyMissing,
)
from intake.vault import ed25519  # the Ed25519 module alone: intake.vault loads the rest on first use

FORMAT = "intake-deletion-certificate/1"


def canonical_json(value: Any) -> str:
    """One byte sequence per value: sorted keys, no spaces, ASCII only. Floats are not used."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


@dataclass(frozen=True)
class ServiceKey:
    private_key: ed25519.PrivateKey
    path: Path

    @property
    def public_key(self) -> ed25519.PublicKey:
        return self.private_key.public_key()

    @property
    def key_id(self) -> str:
        return ed25519.key_id_of(self.public_key)

    def public_pem(self) -> bytes:
        return ed25519.public_pem(self.public_key)

    def sign(self, data: bytes) -> bytes:
        return ed25519.sign(self.private_key, data)


def load_service_key(settings: Settings, create: bool = False) -> ServiceKey:
    """The service signing key; created with mode 0600 only when `create` (`intake init`, an explicit `intake audit
    anchor` in a home older than the key; safe against two creators at once). A lost key is never silently
    replaced: certificates and anchors signed by a new key would vouch for whatever the home then holds."""
    path = settings.service_signing_key_file
    if not path.exists():
        if not create:
            raise ServiceKeyMissing(
                f"no service signing key at {path} (`intake init` makes it): restore it from backup (docs/keys.md); "
                "to verify a certificate elsewhere, pass --public-key with the exported key"
            )
        pem = ed25519.private_pem(ed25519.generate())
        write_private(path, pem, replace=False)  # another process created it first: use theirs
    data = path.read_bytes()
    try:
        private_key = ed25519.load_private_pem(data)
    except ed25519.NotEd25519:
        raise RetentionError(f"the service signing key {path} is not an Ed25519 key: restore it from backup") from None
    except ed25519.KeyFormatError as exc:
        raise RetentionError(
            f"the service signing key {path} is not a PEM private key: restore it from backup"
        ) from exc
    return ServiceKey(private_key, path)


def load_public_key(data: bytes, source: str = "public key") -> ed25519.PublicKey:
    """An Ed25519 public key from PEM, or from its 32 raw bytes."""
    try:
        return ed25519.parse_public_key(data, openssh=False)
    except ed25519.NotEd25519:
        raise CertificateInvalid(f"{source} is not an Ed25519 public key") from None
    except ed25519.KeyFormatError as exc:
        raise CertificateInvalid(f"{source} is not an Ed25519 public key (PEM or 32 raw bytes)") from exc


@dataclass(frozen=True)
class SignedCertificate:
    body_json: str
    signature: bytes
    service_key_id: str

    @property
    def body(self) -> dict[str, Any]:
        return json.loads(self.body_json)

    def document(self) -> dict[str, Any]:
        """The certificate file's content: the body as JSON plus the detached signature."""
        return {
            "format": FORMAT,
            "certificate": self.body,
            "signature": base64.b64encode(self.signature).decode(),
            "algorithm": "Ed25519",
            "service_key_id": self.service_key_id,
        }


def sign_certificate(key: ServiceKey, body: dict[str, Any]) -> SignedCertificate:
    body = {**body, "service_key_id": key.key_id}
    body_json = canonical_json(body)
    return SignedCertificate(body_json, key.sign(body_json.encode("ascii")), key.key_id)


def certificate_file(directory: Path, dataset_id: str) -> Path:
    return directory / f"deletion-{dataset_id}.json"


def write_certificate_file(directory: Path, dataset_id: str, signed: SignedCertificate) -> Path:
    """Written to a temporary name and renamed, so a crash never leaves half a certificate."""
    directory.mkdir(parents=True, exist_ok=True)
    target = certificate_file(directory, dataset_id)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with temporary.open("w", encoding="ascii") as out:
        json.dump(signed.document(), out, indent=2, sort_keys=True)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, target)
    return target


def verify_document(document: Any, trusted: ed25519.PublicKey, source: str = "certificate") -> dict[str, Any]:
    """Return the certificate body if it is signed by `trusted` and unmodified; raise CertificateInvalid."""
    if not isinstance(document, dict) or not isinstance(document.get("certificate"), dict):
        raise CertificateInvalid(f"{source} is not a deletion certificate (no 'certificate' object)")
    if document.get("format") != FORMAT:
        raise CertificateInvalid(f"{source} has format {document.get('format')!r}, expected {FORMAT}")
    body = document["certificate"]
    trusted_id = ed25519.key_id_of(trusted)
    for claimed in (document.get("service_key_id"), body.get("service_key_id")):
        if claimed != trusted_id:
            raise CertificateInvalid(
                f"{source} names signing key {claimed}, not the trusted service key {trusted_id}"
            )
    try:
        signature = base64.b64decode(str(document.get("signature", "")), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CertificateInvalid(f"{source} has a signature that is not base64") from exc
    if not ed25519.verify(trusted, signature, canonical_json(body).encode("ascii")):
        raise CertificateInvalid(
            f"{source}: the signature does not match the content; the certificate was altered or not issued by "
            f"service key {trusted_id}"
        )
    return body


def verify_certificate_file(path: Path, settings: Settings | None = None,
                            public_key: bytes | None = None) -> dict[str, Any]:
    """Verify a certificate file with an exported public key, or with this installation's service key."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CertificateInvalid(f"certificate file {path} does not exist") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CertificateInvalid(f"certificate file {path} is not JSON: {exc.__class__.__name__}") from exc
    if public_key is not None:
        trusted = load_public_key(public_key)
    elif settings is not None:
        trusted = load_service_key(settings, create=False).public_key
    else:
        raise CertificateInvalid("no trusted key to verify with: pass the service's public key")
    return verify_document(document, trusted, source=f"certificate file {path}")


def certificate_row(session: Any, dataset_or_certificate_id: str) -> DeletionCertificate:
    """The certificate of a dataset or by certificate id (the CLI expands a unique start of either first:
    cli/common.py expand_certificate_id). Raises CertificateNotFound."""
    given = dataset_or_certificate_id
    row = session.scalar(select(DeletionCertificate).where(or_(
        DeletionCertificate.dataset_id == given, DeletionCertificate.id == given)))
    if row is None:
        raise CertificateNotFound(
            f"no deletion certificate for dataset or certificate id {given}: `intake retention list` shows what is "
            "still due (an id may be shortened to its first 4 or more characters)"
        )
    return row


def stored_certificate(ctx: Context, dataset_or_certificate_id: str) -> SignedCertificate:
    """The certificate kept in the registry for a dataset (or by certificate id, or a unique start of either)."""
    ctx.authorise("certificate.read", dataset_id=dataset_or_certificate_id)
    with ctx.registry.session() as session:
        row = certificate_row(session, dataset_or_certificate_id)
        return SignedCertificate(row.body, bytes(row.signature), row.service_key_id)


def verify_stored(ctx: Context, dataset_or_certificate_id: str) -> dict[str, Any]:
    signed = stored_certificate(ctx, dataset_or_certificate_id)
    key = load_service_key(ctx.settings, create=False)
    return verify_document(signed.document(), key.public_key, source=f"stored certificate {dataset_or_certificate_id}")
