"""Every change to a sealed registry row is an audit event, written in the change's own transaction.

A seal (seal.py) proves a row's values were written by intake, but not that they are its latest values: a row
copied before consent was withdrawn and written back afterwards carries a valid seal. So each sealed row has a
version, counted up by every change and covered by its seal, and every flush that changes sealed rows appends
one `state.write` event to the audit chain listing each row's table, key, new version, operation and seal. The
events are themselves MAC-chained under the state key (each covers its sequence number and the previous state
event's MAC), so none can be forged, dropped or reordered without the key. `state_heads` indexes the latest
event per row, so the check when a row is loaded is one lookup; `audit verify` (check.py) rebuilds the index from
the log and compares it, the heads and the rows, which also names a row deleted outside intake.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Table, select, text, update
from sqlalchemy.orm import Session

from intake.registry.acting import acting, append_state, lock_chain
from intake.registry.audit_tables import AuditEvent, StateHead
from intake.registry.chain import GENESIS, canonical, event_hash
from intake.registry.state_key import StateKey

ACTION = "state.write"
ACTOR, ROLE = "intake", "registry"  # the person is named by the business event that follows (same command)
FORMAT = "intake-state-event/1"
DELETE = "delete"

_events: Table = AuditEvent.__table__  # type: ignore[assignment]
_heads: Table = StateHead.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class Change:
    """One sealed row's new state: `seal` is None when the row was deleted."""

    table: str
    key: str
    version: int
    op: str
    seal: str | None

    def as_list(self) -> list[object]:
        return [self.table, self.key, self.version, self.op, self.seal]


@dataclass(frozen=True)
class Head:
    version: int
    op: str
    seal: str | None
    event_seq: int

    @property
    def live(self) -> bool:
        return self.op != DELETE


def head_of(connection: Connection, table: str, key: str) -> Head | None:
    row = connection.execute(
        select(StateHead.version, StateHead.op, StateHead.seal, StateHead.event_seq)
        .where(StateHead.table_name == table, StateHead.row_key == key)
    ).first()
    return Head(*row) if row is not None else None


def next_version(connection: Connection, table: str, key: str) -> int:
    """A row inserted again under a key it had before (a role granted again) continues that key's count."""
    head = head_of(connection, table, key)
    return head.version + 1 if head is not None else 1


def record(connection: Connection, key: StateKey, changes: Sequence[Change], now: datetime) -> int:
    """Append the state event for `changes` and move their heads, on the flushing transaction's connection."""
    rows = [c.as_list() for c in changes]
    if acting(connection) is not None:
        # Server mode: the person's login appends only through the database's functions, which stamp them.
        seq = lock_chain(connection)
        append_state(connection, seq, canonical({"rows": rows, "mac": key.mac([FORMAT, seq, _last_mac(connection),
                                                                              rows])}))
        _move_heads(connection, changes, seq)
        return seq
    if connection.dialect.name == "postgresql":
        # Serialise appenders until this transaction ends, so the sequence number read next is still free at
        # commit (a plain AuditLog.record waits, then retries on the next number). SQLite: the rows this flush
        # wrote already hold the database's write lock.
        connection.execute(text("LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE"))
    last = connection.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    details = canonical({"rows": rows, "mac": key.mac([FORMAT, seq, _last_mac(connection), rows])})
    connection.execute(_events.insert().values(
        seq=seq, at=now, actor=ACTOR, role=ROLE, action=ACTION, dataset_id=None, outcome="ok", details=details,
        prev_hash=prev_hash,
        hash=event_hash(seq, now, ACTOR, ROLE, ACTION, None, "ok", details, prev_hash),
    ))
    _move_heads(connection, changes, seq)
    return seq


def _move_heads(connection: Connection, changes: Sequence[Change], seq: int) -> None:
    for change in changes:
        values = {"version": change.version, "op": change.op, "seal": change.seal, "event_seq": seq}
        moved = connection.execute(update(_heads).where(_heads.c.table_name == change.table,
                                                        _heads.c.row_key == change.key).values(**values))
        if not moved.rowcount:
            connection.execute(_heads.insert().values(table_name=change.table, row_key=change.key, **values))


def _last_mac(connection: Connection) -> str:
    details = connection.execute(select(AuditEvent.details).where(AuditEvent.action == ACTION)
                                 .order_by(AuditEvent.seq.desc()).limit(1)).scalar()
    return str(json.loads(details)["mac"]) if details is not None else ""


@dataclass(frozen=True)
class LogState:
    """What the state events say: the latest state of every sealed row, and what in the log does not verify."""

    heads: dict[tuple[str, str], Head]
    problems: list[str]
    events: int


def replay(session: Session, key: StateKey) -> LogState:
    """Walk the state events in order, checking their MAC chain, and compute each row's latest state."""
    heads: dict[tuple[str, str], Head] = {}
    problems: list[str] = []
    prev_mac, count = "", 0
    for event in _state_events(session):
        count += 1
        try:
            body = json.loads(event.details)
            rows, mac = body["rows"], body["mac"]
        except (ValueError, KeyError, TypeError):
            problems.append(f"audit event {event.seq} (a state change) cannot be read: it was edited")
            continue
        if not key.matches(mac, [FORMAT, event.seq, prev_mac, rows]):
            problems.append(f"audit event {event.seq} (a state change) was not written by intake, or an earlier "
                            "state change was removed or moved: the audit log was edited")
        prev_mac = mac
        for table, row_key, version, op, seal in rows:
            before = heads.get((table, row_key))
            if version != (before.version if before else 0) + 1:
                problems.append(f"audit event {event.seq} skips versions of registry row {table} {row_key}")
            heads[(table, row_key)] = Head(version, op, seal, event.seq)
    return LogState(heads, problems, count)


def _state_events(session: Session) -> Iterator[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.action == ACTION).order_by(AuditEvent.seq)
    yield from session.scalars(query.execution_options(yield_per=1000))


def stored_heads(session: Session) -> dict[tuple[str, str], Head]:
    return {(h.table_name, h.row_key): Head(h.version, h.op, h.seal, h.event_seq)
            for h in session.scalars(select(StateHead))}


def has_state_events(connection: Connection) -> bool:
    return connection.execute(select(AuditEvent.seq).where(AuditEvent.action == ACTION).limit(1)).first() is not None
