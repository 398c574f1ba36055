"""The whole registry against its audit log: every sealed row, every row the log says exists, and the log's state
events themselves (`intake audit verify`, and the deletion sweep, which refuses to run on a registry that fails).

Also the one-off steps that give rows their first seal or version: `seal_unsealed` (a registry from before
seals, at `intake init`) and `adopt_unversioned` (a registry from before versions, or from before a table was
sealed (SEALED_LATER), when it is upgraded).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from intake.errors import StateTampered
from intake.registry import state_log
from intake.registry.models import Base, Customer
from intake.registry.seal import RAW, SEALED, describe, legacy_seal_holds, primary_key, row_problem
from intake.registry.state_key import StateKey

_SHOWN = 20
# Tables sealed after registries already held state events, with the migration that added their seals: their rows
# from before are sealed, versioned and recorded once, right after that upgrade (or at `intake init` when the state
# key was missing then), and only while the audit log records no state for any row of the table; after that an
# unsealed row was written outside intake and stays refused.
SEALED_LATER: dict[type[Base], str] = {Customer: "0006"}


def verify_state(session: Session, key: StateKey) -> tuple[int, list[str]]:
    """How many sealed rows there are, and every problem: a row whose seal does not match or whose state is not the
    latest the audit log records, a row the log says exists that is gone, a state event or head that does not
    verify. Rows are named by table and key (values are never shown). `session` must be fresh: all of it is read
    in one snapshot, or a command changing a row and its head meanwhile would look like tampering."""
    _snapshot(session)
    log = state_log.replay(session, key)
    problems = list(log.problems)
    rows = _rows(session)
    present = set()
    for row in rows:
        where = (row.__tablename__, primary_key(row))
        present.add(where)
        problem = row_problem(key, row, log.heads.get(where))
        if problem:
            problems.append(f"{describe(*where)} {problem}")
    for (table, row_key), head in log.heads.items():
        if head.live and (table, row_key) not in present:
            problems.append(f"{describe(table, row_key)} was deleted outside intake: the audit log records it "
                            f"(version {head.version}, audit event {head.event_seq}) and never its removal; "
                            "restore the registry from backup or ask the DPO")
    stored = state_log.stored_heads(session)
    if stored != log.heads:
        differ = sorted(k for k in stored.keys() | log.heads.keys() if stored.get(k) != log.heads.get(k))
        problems.append(f"the registry's index of the audit log (state_heads) was edited for {len(differ)} row(s), "
                        f"first {describe(*differ[0])}: rows checked when loaded may pass that should not")
    return len(rows), problems


def _snapshot(session: Session) -> None:
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    elif connection.dialect.name == "sqlite" and not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        # The driver starts transactions only for writes; its reads each see the latest commit unless one is open.
        connection.exec_driver_sql("BEGIN")


def require_state_intact(session: Session, key: StateKey) -> int:
    """`verify_state`, raising StateTampered naming the problems (the first 20) when there is any."""
    checked, problems = verify_state(session, key)
    if problems:
        more = f" and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else ""
        raise StateTampered(
            f"{len(problems)} registry row(s) or state event(s) were changed outside intake: "
            f"{'; '.join(problems[:_SHOWN])}{more}. Nothing acts on them; compare them with `intake audit list` and "
            "restore the registry from backup, or have the DPO decide"
        )
    return checked


def has_sealed_rows(engine: Any) -> bool:
    """Whether any row was ever sealed (read without a key: only the seal columns)."""
    with Session(engine) as session:
        return any(session.scalar(select(m.seal).where(m.seal.is_not(None)).limit(1))  # type: ignore[attr-defined]
                   for m in SEALED)


def has_state_events(engine: Any) -> bool:
    """Whether any row change was ever recorded under a state key: then rows without seals were not written before
    seals existed, and a new key would disown the log."""
    with engine.connect() as conn:
        return state_log.has_state_events(conn)


def seal_unsealed(session: Session) -> int:
    """Seal (and version, and record) the rows written before seals existed; refused once any row is sealed (then
    a missing seal means a row was edited)."""
    rows = _rows(session)
    if any(r.seal is not None for r in rows):  # type: ignore[attr-defined]
        raise StateTampered("the registry already holds sealed rows: unsealed ones among them were edited, "
                            "not written before the upgrade; run `intake audit verify`")
    for row in rows:
        flag_modified(row, "seal")  # the flush seals it as intake's own change (seal.py)
    session.flush()
    return len(rows)


def adopt_unversioned(session: Session, key: StateKey) -> tuple[int, int]:
    """Give the rows sealed before versions existed their first version and state event, once: only while the
    audit log has no state event yet (after that a row without a version was edited). Rows whose old seal does
    not hold are left as they are, so they stay refused and named. Then seal the rows of SEALED_LATER tables from
    before their seals (`adopt_sealed_later`). Returns (adopted, left)."""
    adopted = left = 0
    if not state_log.has_state_events(session.connection()):
        for row in _rows(session):
            if row.version is not None or row.seal is None:  # type: ignore[attr-defined]
                continue
            if legacy_seal_holds(key, row):
                flag_modified(row, "seal")
                adopted += 1
            else:
                left += 1
    later, refused = adopt_sealed_later(session, key)
    session.flush()
    return adopted + later, left + refused


def has_unsealed_later(connection: Connection) -> bool:
    """Whether a SEALED_LATER table has a row without a seal (column reads: nothing is loaded or checked)."""
    return any(connection.execute(select(m.seal).where(m.seal.is_(None)).limit(1)).first()  # type: ignore[attr-defined]
               for m in SEALED_LATER)


def adopt_sealed_later(session: Session, key: StateKey) -> tuple[int, int]:
    """Seal, version and record the unsealed rows of each SEALED_LATER table as intake's own ("adopt"), while the
    audit log verifies and records no state for any row of that table; otherwise they are left unsealed, refused
    and named. Returns (adopted, left)."""
    unsealed = {model: _unsealed(session, model) for model in SEALED_LATER}
    if not any(unsealed.values()):
        return 0, 0
    log = state_log.replay(session, key)
    recorded = {table for table, _key in log.heads}
    adopted = left = 0
    for model, rows in unsealed.items():
        if log.problems or model.__tablename__ in recorded:
            left += len(rows)
            continue
        for row in rows:
            flag_modified(row, "seal")  # the flush seals it (version 1, op "adopt") as intake's own change (seal.py)
            adopted += 1
    session.flush()
    return adopted, left


def _unsealed(session: Session, model: type[Base]) -> list[Base]:
    session.info[RAW] = True
    try:
        query = select(model).where(model.seal.is_(None))  # type: ignore[attr-defined]
        return list(session.scalars(query.execution_options(populate_existing=True)))
    finally:
        del session.info[RAW]


def _rows(session: Session) -> list[Base]:
    """Every sealed row, loaded without the load-time check (the caller decides what a mismatch means)."""
    session.info[RAW] = True
    try:
        return [row for model in SEALED
                for row in session.scalars(select(model).execution_options(populate_existing=True))]
    finally:
        del session.info[RAW]
