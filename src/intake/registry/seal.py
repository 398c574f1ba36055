"""Registry rows that decide what happens to customer data carry a seal: an HMAC-SHA256, under the service's
state key (state_key.py), over the row's version and the columns that make the decision (consent state, dataset
state and deletion dates, holds, roles, trusted signers and the customers they are bound to, artefacts' deletion).

intake writes the seal with every change it makes (mapper `before_insert`/`before_update` events), counts the
row's version up and records the new state in the audit log in the same transaction (state_log.py). It checks a
row whenever one is loaded: a row edited outside intake (one SQL UPDATE re-activating withdrawn consent), or
written back with an older state and its old seal (withdrawal undone), is refused where it is used. check.py
names every such row, and every row deleted outside intake, for `intake audit verify` and the deletion sweep.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, object_session, sessionmaker

from intake.clock import as_utc
from intake.errors import StateTampered
from intake.registry import state_log
from intake.registry.chain import APPENDED
from intake.registry.models import (
    Artefact,
    Authorisation,
    Base,
    Customer,
    Dataset,
    Hold,
    RunRequest,
    Signer,
    User,
    UserRole,
)
from intake.registry.state_key import StateKey

# Per sealed table: the columns a decision rests on. Columns not named here (labels, counts, the manifest bytes,
# which the signature already protects) may change without a new seal.
SEALED: dict[type[Base], tuple[str, ...]] = {
    Authorisation: ("id", "reference", "customer_id", "signer_key_id", "purpose", "purpose_reference",
                    "personal_data", "valid_until", "manifest_sha256", "evidence_sha256", "state", "withdrawn_at",
                    "withdrawn_by"),
    Dataset: ("id", "customer_id", "authorisation_id", "purpose", "purpose_reference", "state", "fingerprint",
              "completed_at", "delete_after", "deletion_rule", "deletion_started_at", "deleted_at"),
    Hold: ("id", "kind", "dataset_id", "customer_id", "reference", "opened_at", "closed_at", "outcome"),
    User: ("name", "active"),
    UserRole: ("user_name", "role", "granted_by", "granted_at"),
    # Registration matches a signer's key to the manifest's customer by name, and the retention months set the
    # customer's deletion dates (sealed from migration 0006: check.SEALED_LATER adopts the rows from before it).
    Customer: ("id", "name", "retention_months"),
    Signer: ("key_id", "customer_id", "kind", "public_key", "added_by", "revoked_at", "confirmed_by", "confirmed_at"),
    Artefact: ("id", "scope", "dataset_id", "kind", "store", "location", "ciphertext_sha256", "deleted_at"),
    RunRequest: ("id", "flow", "parameters_sha256", "requested_by", "requested_at", "expires_at", "used_at",
                 "flow_run_id"),
}


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    raise TypeError(f"cannot seal a {type(value).__name__}")


def _values(row: Base) -> list[Any]:
    return [_canonical(getattr(row, c)) for c in SEALED[type(row)]]


def row_seal(key: StateKey, row: Base) -> str:
    return key.mac([row.__tablename__, row.version, _values(row)])  # type: ignore[attr-defined]


def legacy_seal_holds(key: StateKey, row: Base) -> bool:
    """Whether a row sealed before versions existed (migration 0005) still has the values it was sealed with."""
    return key.matches(row.seal, [row.__tablename__, _values(row)])  # type: ignore[attr-defined]


def seal_holds(key: StateKey, row: Base) -> bool:
    version = row.version  # type: ignore[attr-defined]
    return version is not None and key.matches(row.seal, [row.__tablename__, version, _values(row)])  # type: ignore[attr-defined]


def primary_key(row: Base) -> str:
    return "/".join(str(getattr(row, str(c.key))) for c in row.__mapper__.primary_key)


def describe(table: str, key: str) -> str:
    return f"registry row {table} {key}"


KeySource = Callable[[], StateKey]
Now = Callable[[], datetime]
_INFO, _NOW, _PENDING = "intake.state_key", "intake.now", "intake.state_changes"
RAW = "intake_unchecked"  # session.info flag: load rows without the check (check.py decides what a mismatch means)


def install(session_factory: sessionmaker[Session], key_source: KeySource, now: Now) -> None:
    """Seal, version and record on every write and check on every load, for sessions made by `session_factory`."""
    session_factory.configure(info={_INFO: key_source, _NOW: now})
    event.listen(session_factory, "before_flush", _start_flush)
    event.listen(session_factory, "after_flush", _record_flush)


def session_key(session: Session) -> StateKey | None:
    """The state key rows written in `session` are sealed with; None in sessions that seal nothing."""
    return _key_of(session)


def _key_of(session: Session | None) -> StateKey | None:
    source = session.info.get(_INFO) if session is not None else None
    return source() if source is not None else None


def _pending(session: Session) -> list[state_log.Change]:
    return session.info.setdefault(_PENDING, [])  # type: ignore[no-any-return]


def _start_flush(session: Session, _context: Any, _instances: Any) -> None:
    session.info[_PENDING] = []  # drop what a failed flush left behind


def _record_flush(session: Session, _context: Any) -> None:
    changes = session.info.pop(_PENDING, [])
    key = _key_of(session)
    if changes and key is not None:
        state_log.record(session.connection(), key, changes, session.info[_NOW]())
        session.info[APPENDED] = True


def _before_insert(_mapper: Any, connection: Any, row: Base) -> None:
    # At this point of the flush foreign keys set through relationships are filled in ("user_roles.user_name").
    session = object_session(row)
    key = _key_of(session)
    if key is None or session is None:
        return
    _apply_defaults(row)
    row.version = state_log.next_version(connection, row.__tablename__, primary_key(row))  # type: ignore[attr-defined]
    _seal(session, key, row, "insert")


def _before_update(_mapper: Any, _connection: Any, row: Base) -> None:
    session = object_session(row)
    key = _key_of(session)
    if key is None or session is None:
        return
    version = row.version  # type: ignore[attr-defined]
    if version is not None and row.seal is not None and not _sealed_columns_changed(row):  # type: ignore[attr-defined]
        return  # a reminder date or a label: the sealed state, and so the seal, stay as they are
    row.version = (version or 0) + 1  # type: ignore[attr-defined]
    _seal(session, key, row, "update" if version is not None else "adopt")


def _before_delete(_mapper: Any, _connection: Any, row: Base) -> None:
    session = object_session(row)
    if _key_of(session) is not None and session is not None:
        version = (row.version or 0) + 1  # type: ignore[attr-defined]
        _pending(session).append(state_log.Change(row.__tablename__, primary_key(row), version, state_log.DELETE,
                                                  None))


def _seal(session: Session, key: StateKey, row: Base, op: str) -> None:
    row.seal = row_seal(key, row)  # type: ignore[attr-defined]
    _pending(session).append(state_log.Change(row.__tablename__, primary_key(row), row.version, op, row.seal))  # type: ignore[attr-defined]


def _sealed_columns_changed(row: Base) -> bool:
    state = inspect(row)
    return any(state.attrs[name].history.has_changes() for name in SEALED[type(row)])


def _apply_defaults(row: Base) -> None:
    """Column defaults are applied by the INSERT itself, after this listener: apply the sealed ones here."""
    for name in SEALED[type(row)]:
        column = row.__table__.c[name]  # type: ignore[attr-defined]
        if getattr(row, name) is None and column.default is not None:
            default = column.default
            setattr(row, name, default.arg(None) if default.is_callable else default.arg)


def _on_load(row: Base, context: Any) -> None:
    session = context.session
    if session.info.get(RAW):
        return
    key = _key_of(session)
    if key is None:
        return
    connection, where = session.connection(), (row.__tablename__, primary_key(row))
    head = state_log.head_of(connection, *where)
    if head is not None and row.version is not None and row.version < head.version:  # type: ignore[attr-defined]
        head = _settled_head(connection, row, head)
    problem = row_problem(key, row, head)
    if problem:
        raise StateTampered(f"{describe(*where)} {problem}", rows=(where,))


def _settled_head(connection: Any, row: Base, head: state_log.Head) -> state_log.Head:
    """The row was read a moment before its head, each in its own snapshot: another command may have changed both
    in between. If the stored row now holds the head's state, the loaded one was just that moment older (as any
    read may be), not written back; the head it is compared with is then its own. A row written back with an old
    state stays older than its head however often it is read."""
    table = row.__table__  # type: ignore[attr-defined]
    where = [column == getattr(row, str(column.key)) for column in row.__mapper__.primary_key]
    for _attempt in range(3):
        current = connection.execute(select(table.c.version, table.c.seal).where(*where)).first()
        if current is not None and tuple(current) == (head.version, head.seal):
            return state_log.Head(row.version, head.op, row.seal, head.event_seq)  # type: ignore[attr-defined]
        later = state_log.head_of(connection, row.__tablename__, primary_key(row))
        if later is None or later == head:
            break
        head = later  # changed again while we looked: look once more
    return head


def row_problem(key: StateKey, row: Base, head: state_log.Head | None) -> str | None:
    """What is wrong with a loaded row, given the latest state the audit log records for it; None when intact."""
    version = row.version  # type: ignore[attr-defined]
    if row.seal is None:  # type: ignore[attr-defined]
        return ("has no seal: it was inserted outside intake, or the registry was made before seals existed "
                "(then the admin runs `intake init` once); intake will not act on it")
    if version is None:
        return ("has no version: it was edited outside intake, or the registry was upgraded to versioned state "
                "while its state key was missing (then restore keys/state.key and the admin runs `intake init` "
                "once); intake will not act on it")
    if not seal_holds(key, row):
        return ("was changed outside intake (its seal does not match), so intake will not act on it; run `intake "
                "audit verify` and compare the row with the audit log before anything else")
    if head is None:
        return ("was written outside intake: the audit log records no state for it, so intake will not act on it; "
                "restore the registry from backup or ask the DPO")
    if not head.live:
        return (f"was deleted through intake (audit event {head.event_seq}) and written back outside intake; "
                "restore the registry from backup or ask the DPO")
    if version < head.version:
        return (f"was altered outside intake: its state (version {version}) is older than the audit log's "
                f"(version {head.version}, audit event {head.event_seq}); restore from backup or ask the DPO")
    if version != head.version or row.seal != head.seal:  # type: ignore[attr-defined]
        return (f"does not hold the state the audit log records for it (audit event {head.event_seq}): it was "
                "altered outside intake; restore from backup or ask the DPO")
    return None


for _model in SEALED:
    event.listen(_model, "load", _on_load)
    event.listen(_model, "before_insert", _before_insert)
    event.listen(_model, "before_update", _before_update)
    event.listen(_model, "before_delete", _before_delete)
