"""Audit-chain anchors (issue 19): the chain head signed with the service key and kept outside the registry.

An anchor says "at time T the registry R had N audit events ending in hash H". Someone with write access
to the registry can rewrite the whole chain consistently or cut its end, but cannot re-sign the anchors,
so `verify_chain_against_anchors` names the rewrite or the cut. An anchor holds only a sequence number,
a hash, a time and the registry's identity: never a value from a customer dataset.

`registry` is the hash of the chain's first event: it tells registries apart without naming anything, and
an anchor location holds one registry's anchors (anchor_store.py keeps them; audit_anchor.py writes and checks).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from intake.clock import as_utc
from intake.errors import AuditChainBroken
from intake.retention.certificates import ServiceKey, canonical_json
from intake.vault import ed25519

FORMAT = "intake-audit-anchor/1"


@dataclass(frozen=True)
class Anchor:
    seq: int
    head_hash: str
    at: datetime
    registry: str
    source: str = field(default="", compare=False)  # where it was read: a file line or an S3 object version

    def body(self) -> dict[str, Any]:
        return {"format": FORMAT, "seq": self.seq, "head_hash": self.head_hash,
                "at": as_utc(self.at).isoformat(), "registry": self.registry}


def sign_anchor(key: ServiceKey, anchor: Anchor) -> str:
    """One JSON line: the canonical body, the key id and a detached Ed25519 signature over the body."""
    body = {**anchor.body(), "service_key_id": key.key_id}
    signature = key.sign(canonical_json(body).encode("ascii"))
    return canonical_json({"anchor": body, "signature": base64.b64encode(signature).decode()})


def parse_anchor(line: str, trusted: ed25519.PublicKey, source: str) -> Anchor:
    """The anchor in `line` if signed by `trusted` and unmodified; AuditChainBroken otherwise."""
    try:
        document = json.loads(line)
        body = document["anchor"]
        signature = base64.b64decode(str(document["signature"]), validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise AuditChainBroken(f"{source} is not an audit anchor line: restore the anchor file from backup") from exc
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise AuditChainBroken(f"{source} has no {FORMAT} anchor: restore the anchor file from backup")
    trusted_id = ed25519.key_id_of(trusted)
    if body.get("service_key_id") != trusted_id:
        raise AuditChainBroken(
            f"{source} is signed by key {body.get('service_key_id')}, not the service key {trusted_id}: "
            "restore the service signing key (keys/service-signing.key) or the anchors from backup"
        )
    if not ed25519.verify(trusted, signature, canonical_json(body).encode("ascii")):
        raise AuditChainBroken(f"{source} was edited after it was signed (its signature does not match)")
    try:
        return Anchor(int(body["seq"]), str(body["head_hash"]), as_utc(datetime.fromisoformat(body["at"])),
                      str(body["registry"]), source)
    except (KeyError, TypeError, ValueError) as exc:
        raise AuditChainBroken(f"{source} is signed but incomplete: restore the anchors from backup") from exc


def append_local(path: Path, line: str) -> None:
    """O_APPEND so concurrent writers never interleave a line; owner-only. The service account can still
    rewrite this file: use the S3 Object Lock location or `chattr +a` where that matters."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_local(path: Path, trusted: ed25519.PublicKey) -> Iterator[Anchor]:
    with path.open(encoding="ascii") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield parse_anchor(line, trusted, f"anchor file {path} line {number}")


@dataclass(frozen=True)
class AnchorReport:
    anchors: int
    newest_at: datetime | None


def verify_chain_against_anchors(
    anchors: list[Anchor], registry: str, last_seq: int, hash_at: Callable[[int], str | None]
) -> AnchorReport:
    """Check the registry's chain (its last sequence number and the hash of each event) against every anchor.

    Every anchor in the location must be this registry's: one that is not means the first event was rewritten
    (or two registries share a location), and is never skipped, or a rewrite of event 1 would hide them all."""
    for anchor in sorted(anchors, key=lambda a: (a.seq, a.at)):
        written = f"the anchor written at {anchor.at.isoformat()} ({anchor.source})"
        if anchor.seq > last_seq:
            raise AuditChainBroken(
                f"the audit log ends at event {last_seq} but {written} saw event {anchor.seq}: events were cut "
                "from its end; restore the registry from backup"
            )
        if anchor.registry != registry:
            raise AuditChainBroken(
                f"{written} is for the audit chain whose first event is {anchor.registry[:16]}…, this registry's "
                f"is {registry[:16]}…: event 1 was rewritten, or another registry writes to the same anchor "
                "location (give each registry its own anchors.s3_prefix or anchors.local_path)"
            )
        if hash_at(anchor.seq) != anchor.head_hash:
            raise AuditChainBroken(
                f"audit events up to {anchor.seq} were rewritten after {written}: "
                "restore the registry from a backup taken before that time"
            )
    return AnchorReport(len(anchors), max((a.at for a in anchors), default=None))
