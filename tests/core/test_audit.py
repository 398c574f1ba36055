"""The audit chain verifies, and any edit, deletion or reordering of a past event is detected."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from intake.audit import AuditLog
from intake.context import Context
from intake.errors import AuditChainBroken
from intake.registry.audit_tables import AuditEvent


def _fill(ctx: Context, n: int = 5) -> None:
    for i in range(n):
        ctx.audit.record("ada", "admin", "test.event", details={"i": i})


def test_chain_verifies_and_reports_head(ctx: Context) -> None:
    _fill(ctx)
    result = ctx.audit.verify()
    assert result.events == ctx.audit.count()
    with ctx.registry.session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert last is not None
        assert result.head_hash == last.hash


def test_edited_event_is_detected(ctx: Context) -> None:
    _fill(ctx)
    with ctx.registry.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(outcome="refused"))
    with pytest.raises(AuditChainBroken, match="event 3 was modified"):
        ctx.audit.verify()


def test_edited_details_with_recomputed_own_hash_breaks_next_link(ctx: Context) -> None:
    from intake.audit import event_hash

    _fill(ctx)
    with ctx.registry.session() as s:
        ev = s.get(AuditEvent, 2)
        assert ev is not None
        ev.details = '{"i":99}'
        ev.hash = event_hash(ev.seq, ev.at, ev.actor, ev.role, ev.action, ev.dataset_id, ev.outcome, ev.details,
                             ev.prev_hash)
    with pytest.raises(AuditChainBroken, match="event 3 does not follow"):
        ctx.audit.verify()


def test_deleted_event_is_detected(ctx: Context) -> None:
    _fill(ctx)
    with ctx.registry.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 4))
    with pytest.raises(AuditChainBroken, match="event 4 is missing"):
        ctx.audit.verify()


def test_reordered_events_are_detected(ctx: Context) -> None:
    _fill(ctx)
    with ctx.registry.session() as s:
        # swap the sequence numbers of events 3 and 4 (via a free number, the key is unique)
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(seq=1000))
        s.execute(update(AuditEvent).where(AuditEvent.seq == 4).values(seq=3))
        s.execute(update(AuditEvent).where(AuditEvent.seq == 1000).values(seq=4))
    with pytest.raises(AuditChainBroken, match="event 3 does not follow"):
        ctx.audit.verify()


def test_deleted_tail_is_detected_against_an_earlier_head(ctx: Context) -> None:
    _fill(ctx)
    head = ctx.audit.verify().head_hash
    n = ctx.audit.count()
    with ctx.registry.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == n))
    ctx.audit.verify()  # the shortened chain is internally consistent...
    with pytest.raises(AuditChainBroken, match=r"cut|deleted"):
        ctx.audit.verify(expect_head=head)  # ...but not against the head kept elsewhere


def test_concurrent_writers_keep_one_chain(ctx: Context) -> None:
    from concurrent.futures import ThreadPoolExecutor

    log = AuditLog(ctx.registry, ctx.clock)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: log.record("ada", "admin", "concurrent", details={"i": i}), range(40)))
    assert ctx.audit.verify().events == ctx.audit.count()
