"""Server mode on PostgreSQL (issue 19): database roles, grants and SECURITY DEFINER functions, and staff logins.

An administrator applies deployments/postgres/server_roles.sql with the schema owner's URL once the schema is at
head (`apply_server_roles`), then creates one login per member of staff (`create_login`). From then on the
database refuses a staff login that writes user_roles, holds or audit_events directly; those change only through
the functions, which stamp the actor from the session (`intake_actor()`: the role set by SET ROLE, else the
login). intake itself connects as the SERVICE login and acts as the person sudo authenticated (acting.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, text

from intake.errors import ConfigError

SQL = Path(__file__).resolve().parents[3] / "deployments" / "postgres" / "server_roles.sql"
STAFF, WORKER = "intake_staff", "intake_worker"
SERVICE = "intake_service"  # the login intake itself connects with in server mode; it acts as one login at a time
_LOGIN = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")


def _require_postgres(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise ConfigError(
            f"server mode needs a PostgreSQL registry, not {engine.dialect.name}: set database_url to "
            "postgresql+psycopg://OWNER@HOST/DB (deployments/README.md, 'Server mode')"
        )


def apply_server_roles(engine: Engine, sql: Path = SQL) -> None:
    """Create the group roles, grants and functions; run as the schema owner, again after each upgrade."""
    _require_postgres(engine)
    with engine.begin() as conn:
        # Through the driver's cursor without parameters, so the '%' of format() is not read as a placeholder.
        cursor = conn.connection.cursor()
        cursor.execute(sql.read_text(encoding="utf-8"))
        cursor.close()


def create_login(engine: Engine, name: str, password: str, group: str = STAFF) -> None:
    """A PostgreSQL login for one person (group STAFF), the worker (group WORKER) or intake itself (SERVICE).

    The SERVICE login is NOINHERIT and a member of every other login: it has no rights of its own and may only
    `SET ROLE` to one of them (registry/acting.py), so a command has exactly the rights of the person it runs for.
    """
    _require_postgres(engine)
    if not _LOGIN.match(name):
        raise ConfigError(
            f"'{name}' cannot be a database login: use lower-case letters, digits, '_', '.' or '-' (as the OS login)"
        )
    if group == SERVICE and name != SERVICE:
        raise ConfigError(f"intake's own login is named '{SERVICE}' (every staff login is granted to it by name)")
    if group not in (STAFF, WORKER, SERVICE):
        raise ConfigError(f"a login joins {STAFF} or {WORKER}, or is the service login, not '{group}'")
    with engine.begin() as conn:
        quote = conn.dialect.identifier_preparer.quote
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
        # The password travels as a literal: CREATE/ALTER ROLE takes no bind parameters. The server hashes it
        # with scram-sha-256 (password_encryption's default since PostgreSQL 14).
        literal = "'" + password.replace("'", "''") + "'"
        verb = "ALTER" if exists else "CREATE"
        if group == SERVICE:
            conn.exec_driver_sql(f"{verb} ROLE {quote(name)} LOGIN NOINHERIT PASSWORD {literal}")
            members = conn.execute(text(
                "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid "
                "JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname IN (:staff, :worker) AND r.rolcanlogin"),
                {"staff": STAFF, "worker": WORKER}).scalars().all()
            for login in members:
                conn.exec_driver_sql(f"GRANT {quote(login)} TO {quote(name)}")
            # Its one right of its own: recording that it was refused acting for someone (server_roles.sql).
            if conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = 'intake_service_api'")).first():
                conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA intake_service_api TO {quote(name)}")
                conn.exec_driver_sql("GRANT EXECUTE ON FUNCTION intake_service_api.audit_refused_acting(text) "
                                     f"TO {quote(name)}")
            return
        conn.exec_driver_sql(f"{verb} ROLE {quote(name)} LOGIN PASSWORD {literal}")
        conn.exec_driver_sql(f"GRANT {group} TO {quote(name)}")
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": SERVICE}).first():
            conn.exec_driver_sql(f"GRANT {quote(name)} TO {quote(SERVICE)}")  # intake may act for them


def session_login(engine: Engine) -> str:
    """Who the database takes as acting on this connection: the role set by SET ROLE, else the login."""
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT intake_actor()")).scalar_one())
