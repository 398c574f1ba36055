"""Signing a manifest file: validate it first, so nobody signs a manifest that registration would refuse."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from intake.authorisation.manifest import read_manifest
from intake.authorisation.signing import key_id, load_private_key, raw_public_key, sign, write_signature


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
