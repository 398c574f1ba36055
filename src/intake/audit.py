"""Append-only, hash-chained audit log.

Each event stores the SHA-256 of the previous event, and its own hash covers every field, so an
edited, deleted or reordered event breaks the chain and `verify` names the first broken sequence
number. Details carry ids, counts and reasons, never a value from a customer dataset.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from intake.clock import Clock
from intake.errors import AuditChainBroken
from intake.registry.acting import acting, append_event
from intake.registry.audit_tables import AuditEvent
from intake.registry.chain import APPENDED, GENESIS, event_hash
from intake.registry.chain import canonical as _canonical
from intake.registry.db import Registry

OK, REFUSED, FAILED = "ok", "refused", "failed"


@dataclass(frozen=True)
class VerifyResult:
    events: int
    head_hash: str


class AuditLog:
    def __init__(self, registry: Registry, clock: Clock) -> None:
        self._registry = registry
        self._clock = clock

    def record(
        self,
        actor: str,
        role: str,
        action: str,
        outcome: str = OK,
        dataset_id: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> int:
        """Append one event in its own transaction (so refusals persist when the caller rolls back)."""
        details_json = _canonical(details or {})
        for _attempt in range(20):
            try:
                with self._registry.session() as session:
                    if acting(connection := session.connection()) is not None:
                        # Server mode: the database stamps the acting person and the time (`actor` is theirs).
                        session.info[APPENDED] = True
                        return append_event(connection, role, action, dataset_id, outcome, details_json)
                    last = session.execute(
                        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
                    ).first()
                    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
                    at = self._clock.now()
                    session.info[APPENDED] = True
                    session.add(
                        AuditEvent(
                            seq=seq,
                            at=at,
                            actor=actor,
                            role=role,
                            action=action,
                            dataset_id=dataset_id,
                            outcome=outcome,
                            details=details_json,
                            prev_hash=prev,
                            hash=event_hash(seq, at, actor, role, action, dataset_id, outcome, details_json, prev),
                        )
                    )
                return seq
            except IntegrityError:
                continue  # another writer took this sequence number; chain onto theirs
        raise AuditChainBroken("could not append to the audit log after 20 attempts: another writer holds it")

    def events(self, dataset_id: str | None = None, limit: int | None = None) -> list[AuditEvent]:
        with self._registry.session() as session:
            query = select(AuditEvent).order_by(AuditEvent.seq)
            if dataset_id:
                query = query.where(AuditEvent.dataset_id == dataset_id)
            if limit:
                query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
                if dataset_id:
                    query = query.where(AuditEvent.dataset_id == dataset_id)
                return list(reversed(session.scalars(query).all()))
            return list(session.scalars(query).all())

    def _iter_all(self) -> Iterator[AuditEvent]:
        with self._registry.session() as session:
            yield from session.scalars(select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=1000))

    def verify(self, expect_head: str | None = None) -> VerifyResult:
        """Walk the chain; raise AuditChainBroken naming the first event that does not verify.

        A deleted tail cannot be seen from inside the chain: pass the head hash printed by an earlier
        verify (kept elsewhere) as `expect_head` to prove the log has not been cut short.
        """
        prev, count, seen_expected = GENESIS, 0, expect_head is None
        for event in self._iter_all():
            count += 1
            if event.seq != count:
                raise AuditChainBroken(
                    f"audit event {count} is missing (next is {event.seq}): events were deleted or renumbered"
                )
            if event.prev_hash != prev:
                raise AuditChainBroken(
                    f"audit event {event.seq} does not follow event {event.seq - 1}: the log was reordered or edited"
                )
            recomputed = event_hash(
                event.seq, event.at, event.actor, event.role, event.action,
                event.dataset_id, event.outcome, event.details, event.prev_hash,
            )
            if recomputed != event.hash:
                raise AuditChainBroken(f"audit event {event.seq} was modified after it was written")
            prev = event.hash
            seen_expected = seen_expected or event.hash == expect_head
        if not seen_expected:
            raise AuditChainBroken("the expected head event is not in the log: events at the end were deleted")
        return VerifyResult(events=count, head_hash=prev)

    def count(self) -> int:
        with self._registry.session() as session:
            return session.scalar(select(func.count()).select_from(AuditEvent)) or 0
