"""Anchoring the audit chain outside the registry, and checking the chain against its anchors (issue 19).

An anchor is written at the end of every CLI command that appended audit events (cli/common.py), by
`intake audit anchor` and by the scheduled retention sweep: one query for the chain's head, one Ed25519
signature and one append (or one S3 PUT). `audit verify` then compares every anchor with the registry, so a
consistent rewrite of the chain, or a cut of its end, by someone who can write the registry is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from intake.context import Context
from intake.errors import AnchorUnavailable, IntakeError
from intake.notify import Notice, notify
from intake.registry.anchor import Anchor, AnchorReport, sign_anchor, verify_chain_against_anchors
from intake.registry.anchor_store import anchor_store
from intake.registry.audit_tables import AuditEvent
from intake.registry.chain import GENESIS
from intake.retention.certificates import ServiceKey, load_service_key
from intake.retention.errors import RetentionError

_CHUNK = 500  # sequence numbers per query when reading the hashes anchors name


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str
    first_hash: str  # the registry's identity in its anchors


def chain_head(ctx: Context) -> Head | None:
    with ctx.registry.session() as session:
        last = session.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
        if last is None:
            return None
        first = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == 1))
    return Head(last[0], last[1], first or GENESIS)


def _service_key(ctx: Context, create: bool) -> ServiceKey:
    """The key anchors are signed with. Made by `intake init`; a lost one is never silently replaced where
    commands end (anchors signed by a new key would vouch for whatever the registry then holds): only an explicit
    `intake audit anchor` makes a new one, for a home older than the key."""
    try:
        return load_service_key(ctx.settings, create=create)
    except RetentionError as exc:
        if ctx.settings.service_signing_key_file.exists():
            raise
        raise AnchorUnavailable(
            f"no service signing key at {ctx.settings.service_signing_key_file}: restore it from backup "
            "(docs/keys.md); a home created before the key existed gets one from `intake audit anchor` (admin or "
            "DPO)"
        ) from exc


def write_anchor(ctx: Context, create_key: bool = False) -> Anchor | None:
    """Sign the chain's head with the service key and store it; None when the chain is empty."""
    ctx.registry.audit_appended = False  # before reading the head: an event appended meanwhile is anchored next time
    head = chain_head(ctx)
    if head is None:
        return None
    key = _service_key(ctx, create_key)
    anchor = Anchor(head.seq, head.hash, ctx.clock.now(), head.first_hash)
    anchor_store(ctx.settings).put(anchor, sign_anchor(key, anchor))
    return anchor


def anchor_if_appended(ctx: Context) -> Anchor | None:
    """The hook where a command ends: anchor only if the command committed an audit event."""
    return write_anchor(ctx) if ctx.registry.audit_appended else None


def anchor_scheduled(ctx: Context) -> IntakeError | None:
    """The scheduled sweep's anchor, written whatever the sweep's outcome. A failure is notified (nobody reads a
    flow's log at 02:30) and returned for the flow to raise once the sweep's own outcome is reported."""
    try:
        write_anchor(ctx)
    except IntakeError as exc:
        notify(ctx, Notice("audit.anchor_failed", "The audit log could not be anchored outside the registry",
                           f"The scheduled anchor failed with {type(exc).__name__}: {exc}",
                           {"error": type(exc).__name__}))
        return exc
    return None


@dataclass(frozen=True)
class AnchorCheck:
    location: str
    anchors: int
    newest_at: datetime | None


def check_anchors(ctx: Context, last_seq: int) -> AnchorCheck:
    """Compare the chain (already verified on its own, ending at `last_seq`) with every anchor in the location;
    AuditChainBroken names the first anchor that disagrees."""
    store = anchor_store(ctx.settings)
    anchors = list(store.read(_service_key(ctx, create=False).public_key))
    head = chain_head(ctx)
    hashes = _hashes(ctx, sorted({a.seq for a in anchors if a.seq <= last_seq}))
    report: AnchorReport = verify_chain_against_anchors(anchors, head.first_hash if head else GENESIS, last_seq,
                                                        hashes.get)
    return AnchorCheck(store.location, report.anchors, report.newest_at)


def _hashes(ctx: Context, seqs: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    with ctx.registry.session() as session:
        for start in range(0, len(seqs), _CHUNK):
            chunk = seqs[start:start + _CHUNK]
            found.update(session.execute(select(AuditEvent.seq, AuditEvent.hash)
                                         .where(AuditEvent.seq.in_(chunk))).tuples().all())
    return found
