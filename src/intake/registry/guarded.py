"""Roles and holds: the one place that decides how they are written.

On the embedded registry (or the owner's URL) intake writes the rows itself and seal.py seals them as they are
flushed. In server mode the acting person's login may not write user_roles or holds at all: the row is written by
the database's function (deployments/postgres/server_roles.sql), which checks the person's role and stamps them
and the transaction's time. intake seals that row beforehand, with the person and time the function will write
(`SELECT now(), current_user` in the same transaction), and appends the state event after it, so `intake audit
verify` and the check on every load see a row intake wrote. A refusal by the database is `DatabaseRefused`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from intake.errors import DatabaseRefused
from intake.registry import state_log
from intake.registry.acting import INSUFFICIENT_PRIVILEGE, acting, sqlstate
from intake.registry.models import Base, Hold, HoldKind, HoldOutcome, Role, User, UserRole, new_id
from intake.registry.seal import SEALED, primary_key, row_seal, session_key


@contextmanager
def refused_by_database(what: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        if sqlstate(exc) != INSUFFICIENT_PRIVILEGE:
            raise
        diag = getattr(exc.orig, "diag", None)
        said = getattr(diag, "message_primary", None) or "permission denied"
        # The functions' messages name the action, the login, a rule and at most an id: never a data value.
        raise DatabaseRefused(f"the database refused {what}: {said}. The rights are those of your own database "
                              "login; an admin grants roles with `intake users grant`") from None


def _now_and_person(session: Session) -> tuple[Connection, datetime, str]:
    session.flush()  # rows this one refers to (a new user) are written first
    connection = session.connection()
    now, person = connection.execute(text("SELECT now(), current_user")).one()
    return connection, now, str(person)


def _seal(session: Session, connection: Connection, row: Base, version: int, op: str) -> state_log.Change | None:
    key = session_key(session)
    if key is None:
        return None
    row.version = version  # type: ignore[attr-defined]
    row.seal = row_seal(key, row)  # type: ignore[attr-defined]
    return state_log.Change(row.__tablename__, primary_key(row), version, op, row.seal)  # type: ignore[attr-defined]


def _record(session: Session, connection: Connection, change: state_log.Change | None, now: datetime) -> None:
    key = session_key(session)
    if change is not None and key is not None:
        state_log.record(connection, key, [change], now)


def grant_role(session: Session, user: User, role: Role, by: str, at: datetime) -> None:
    """Give `user` the role; `by`/`at` on the embedded registry (the database's person and time in server mode)."""
    if acting(session.connection()) is None:
        user.roles.append(UserRole(role=role, granted_by=by, granted_at=at))
        return
    connection, now, person = _now_and_person(session)
    row = UserRole(user_name=user.name, role=role, granted_by=person, granted_at=now)
    change = _seal(session, connection, row, state_log.next_version(connection, "user_roles", primary_key(row)),
                   "insert")
    with refused_by_database(f"granting {role.value} to {user.name}"):
        connection.execute(text("SELECT intake_grant_role(:user, :role, :seal, :version)"),
                           {"user": user.name, "role": role.value, "seal": row.seal, "version": row.version})
    _record(session, connection, change, now)
    session.expire(user, ["roles"])


def revoke_role(session: Session, user: User, role: Role) -> None:
    if acting(session.connection()) is None:
        user.roles = [r for r in user.roles if r.role != role]
        return
    held = next((r for r in user.roles if r.role == role), None)
    if held is None:
        return
    connection, now, _person = _now_and_person(session)
    change = None
    if session_key(session) is not None:
        change = state_log.Change("user_roles", primary_key(held), (held.version or 0) + 1, state_log.DELETE, None)
    with refused_by_database(f"revoking {role.value} from {user.name}"):
        connection.execute(text("SELECT intake_revoke_role(:user, :role)"), {"user": user.name, "role": role.value})
    _record(session, connection, change, now)
    session.expire(user, ["roles"])


def place_hold(session: Session, *, kind: HoldKind, dataset_id: str | None, customer_id: str | None,
               reference: str, reason: str, by: str, at: datetime, review_by: datetime | None = None) -> Hold:
    """Open a hold; in server mode the database checks the person may (support: fault; DPO: legal, restriction)."""
    if acting(session.connection()) is None:
        hold = Hold(kind=kind, dataset_id=dataset_id, customer_id=customer_id, reference=reference, reason=reason,
                    opened_by=by, opened_at=at, review_by=review_by)
        session.add(hold)  # flushed by the caller, with whatever else its step changes
        return hold
    connection, now, person = _now_and_person(session)
    row = Hold(id=new_id(), kind=kind, dataset_id=dataset_id, customer_id=customer_id, reference=reference,
               reason=reason, opened_by=person, opened_at=now, review_by=review_by)
    change = _seal(session, connection, row, state_log.next_version(connection, "holds", row.id), "insert")
    with refused_by_database(f"placing a {kind.value} hold"):
        connection.execute(
            text("SELECT intake_place_hold(:id, :kind, :dataset_id, :customer_id, :reference, :reason, :review_by, "
                 ":seal, :version)"),
            {"id": row.id, "kind": kind.value, "dataset_id": dataset_id, "customer_id": customer_id,
             "reference": reference, "reason": reason, "review_by": review_by, "seal": row.seal,
             "version": row.version})
    _record(session, connection, change, now)
    placed = session.get(Hold, row.id)  # loaded, so checked against its seal and the state event just written
    assert placed is not None
    return placed


def lift_hold(session: Session, hold: Hold, outcome: HoldOutcome, by: str, at: datetime) -> None:
    """Close an open hold; in server mode only the role that places that kind of hold may (the DPO for legal)."""
    if acting(session.connection()) is None:
        hold.closed_by, hold.closed_at, hold.outcome = by, at, outcome
        return
    connection, now, _person = _now_and_person(session)
    closed = Hold(**{name: getattr(hold, name) for name in SEALED[Hold]})
    closed.closed_at, closed.outcome = now, outcome
    change = _seal(session, connection, closed, (hold.version or 0) + 1, "update")
    with refused_by_database(f"lifting {hold.kind.value} hold {hold.id}"):
        connection.execute(text("SELECT intake_lift_hold(:id, :outcome, :seal, :version)"),
                           {"id": hold.id, "outcome": outcome.value, "seal": closed.seal, "version": closed.version})
    _record(session, connection, change, now)
    session.refresh(hold)


def review_hold(session: Session, hold: Hold, review_by: datetime) -> None:
    """Set an open legal hold's next review date and clear the sweep's reminder; in server mode the database's
    function does it, for the DPO only (no staff login may write review_by itself)."""
    if acting(session.connection()) is None:
        hold.review_by, hold.review_notified_at = review_by, None
        return
    session.flush()
    with refused_by_database(f"reviewing legal hold {hold.id}"):
        session.connection().execute(text("SELECT intake_review_hold(:id, :review_by)"),
                                     {"id": hold.id, "review_by": review_by})
    session.refresh(hold)
