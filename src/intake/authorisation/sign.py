"""Signing a manifest file: validate it first, so nobody signs a manifest that registration would refuse."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from intake.authorisation.errors import AuthorisationError
from intake.authorisation.manifest import read_manifest
from intake.authorisation.signing import key_id, load_private_key, raw_public_key, sign, write_signature
from intake.authorisation.verify import refuse
from intake.context import Context


@dataclass(frozen=True)
class SignatureResult:
    reference: str
    manifest_sha256: str
    key_id: str
    signature: Path
    encoding: str = "base64"


def sign_manifest_file(manifest: Path, private_key: Path, out: Path,
                       passphrase: bytes | None = None) -> SignatureResult:
    """Write the detached Ed25519 signature of the exact bytes of `manifest` to `out` (base64, one line)."""
    data, parsed = read_manifest(manifest)
    key = load_private_key(private_key, passphrase)
    write_signature(out, sign(data, key))
    return SignatureResult(
        reference=parsed.reference,
        manifest_sha256=hashlib.sha256(data).hexdigest(),
        key_id=key_id(raw_public_key(key.public_key())),
        signature=out,
    )


def sign_manifest(ctx: Context, manifest: Path, private_key: Path, out: Path,
                  passphrase: bytes | None = None) -> SignatureResult:
    """`sign_manifest_file`, checked against the actor's permissions and audited."""
    actor = ctx.authorise("authorisation.sign")
    try:
        result = sign_manifest_file(manifest, private_key, out, passphrase)
    except AuthorisationError as error:
        refuse(ctx, actor, "authorisation.sign", error)
    ctx.record(actor, "authorisation.sign", reference=result.reference, manifest_sha256=result.manifest_sha256,
               key_id=result.key_id)
    return result
