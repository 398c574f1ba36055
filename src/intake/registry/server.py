"""Server mode on PostgreSQL (issue 19): database roles, grants and SECURITY DEFINER functions, and staff logins.

An administrator applies deployments/postgres/server_roles.sql with the schema owner's URL once the schema is at
head (`apply_server_roles`), then creates one login per member of staff (`create_login`). From then on the
database refuses a staff login that writes user_roles, holds or audit_events directly; those change only through
the functions, which stamp the actor from `session_user`.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, text

from intake.errors import ConfigError

SQL = Path(__file__).resolve().parents[3] / "deployments" / "postgres" / "server_roles.sql"
STAFF, WORKER = "intake_staff", "intake_worker"
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
    """A PostgreSQL login for one person (group STAFF) or the worker (group WORKER), named as the intake user."""
    _require_postgres(engine)
    if not _LOGIN.match(name):
        raise ConfigError(
            f"'{name}' cannot be a database login: use lower-case letters, digits, '_', '.' or '-' (as the OS login)"
        )
    if group not in (STAFF, WORKER):
        raise ConfigError(f"a login joins {STAFF} or {WORKER}, not '{group}'")
    with engine.begin() as conn:
        quoted = conn.dialect.identifier_preparer.quote(name)
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
        # The password travels as a literal: CREATE/ALTER ROLE takes no bind parameters. The server hashes it
        # with scram-sha-256 (password_encryption's default since PostgreSQL 14).
        literal = "'" + password.replace("'", "''") + "'"
        verb = "ALTER" if exists else "CREATE"
        conn.exec_driver_sql(f"{verb} ROLE {quoted} LOGIN PASSWORD {literal}")
        conn.exec_driver_sql(f"GRANT {group} TO {quoted}")


def session_login(engine: Engine) -> str:
    """The login the database authenticated for this connection: the actor in server mode."""
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT session_user")).scalar_one())
