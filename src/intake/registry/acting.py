"""Server mode (issue 19): every connection of the service login acts as the person the OS authenticated, and
the audit chain is appended through the database's functions (deployments/postgres/server_roles.sql).

The service login (NOINHERIT, a member of every staff login) can do nothing itself; right after connecting it
runs `SET ROLE <person>`, and from then on the database grants exactly what that person's login may do. Whether
a connection acts for someone is kept on the connection (`acting`): the one test every write path asks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from intake.errors import PermissionDenied

ACTING = "intake.acting"
INSUFFICIENT_PRIVILEGE, NO_SUCH_ROLE = "42501", "22023"


def act_as(engine: Engine, person: str) -> None:
    """Make every new connection of `engine` act as `person` (SET ROLE), for the life of the connection."""

    @event.listens_for(engine, "connect")
    def _set_role(dbapi_conn: Any, record: Any) -> None:
        from psycopg import sql

        with dbapi_conn.cursor() as cursor:
            cursor.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(person)))
        dbapi_conn.commit()  # a setting made in a transaction that rolls back is undone with it
        record.info[ACTING] = person


def acting(connection: Connection) -> str | None:
    """The person this connection acts as in server mode; None on the embedded registry or the owner's URL."""
    person = connection.info.get(ACTING)
    return str(person) if person is not None else None


def sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def require_acting(engine: Engine, person: str) -> None:
    """Connect once, so a login that may not act as `person` is refused now, saying what to do."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        if sqlstate(exc) not in (INSUFFICIENT_PRIVILEGE, NO_SUCH_ROLE):
            raise
        login = make_url(engine.url).username or "the configured login"
        raise PermissionDenied(
            f"the database login '{login}' may not act as '{person}' (SET ROLE was refused): an administrator "
            f"creates the person's login with `intake server add-login {person}` (it lets the service login act "
            f"for them) and their intake user with `intake users add {person} --role ...`; a person using their own "
            "login acts only as themselves (no --as)"
        ) from None


def record_refused_acting(url: str, person: str) -> None:
    """Audit a refused SET ROLE, as the login that tried (it has no rights of its own but this one); never at the
    cost of the refusal itself (a database without the function, or down, records nothing)."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT intake_service_api.audit_refused_acting(:wanted)"), {"wanted": person})
    except DBAPIError:
        pass
    finally:
        engine.dispose()


def append_event(connection: Connection, role: str, action: str, dataset_id: str | None, outcome: str,
                 details: str) -> int:
    """One audit event, stamped by the database with the acting person and its time; returns its number."""
    return int(connection.execute(
        text("SELECT intake_audit_append(:role, :action, :dataset_id, :outcome, :details)"),
        {"role": role, "action": action, "dataset_id": dataset_id, "outcome": outcome, "details": details},
    ).scalar_one())


def lock_chain(connection: Connection) -> int:
    """Hold the audit chain until this transaction ends; returns the number the next event will get."""
    return int(connection.execute(text("SELECT intake_audit_lock()")).scalar_one())


def append_state(connection: Connection, seq: int, details: str) -> None:
    """The state event numbered `seq` (its MAC covers the number), after `lock_chain` in this transaction."""
    connection.execute(text("SELECT intake_state_append(:seq, :details)"), {"seq": seq, "details": details})
