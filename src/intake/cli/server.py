"""`intake server`: set up server mode on PostgreSQL (issue 19), run by the administrator with the owner's URL."""

from __future__ import annotations

from typing import Annotated

import typer

from intake.cli.common import handle_errors, message
from intake.errors import ConfigError

app = typer.Typer(help="Server mode on PostgreSQL: database roles, grants, functions and staff logins.")

OwnerUrl = Annotated[str, typer.Option(
    "--owner-url", envvar="INTAKE_OWNER_URL",
    help="postgresql+psycopg:// URL of the schema owner (never a staff login); default INTAKE_OWNER_URL")]


@app.command("init-db")
@handle_errors
def init_db(owner_url: OwnerUrl) -> None:
    """Bring the schema to head and (re)create the staff and worker roles, grants and functions; idempotent."""
    from intake.registry.db import make_engine, upgrade
    from intake.registry.server import apply_server_roles

    engine = make_engine(owner_url)
    try:
        upgrade(engine)
        apply_server_roles(engine)
    finally:
        engine.dispose()
    message("server roles applied: intake_staff and intake_worker; add one login per person with "
            "`intake server add-login NAME`")


@app.command("add-login")
@handle_errors
def add_login(
    name: Annotated[str, typer.Argument(help="The login, the same name as the intake user (`intake users add`)")],
    owner_url: OwnerUrl,
    worker: Annotated[bool, typer.Option("--worker", help="The worker's own minimal login, not a person's")] = False,
    service: Annotated[bool, typer.Option(
        "--service", help="intake's own login (intake_service): no rights of its own, acts as each person")] = False,
    password: Annotated[str, typer.Option(
        "--password", envvar="INTAKE_LOGIN_PASSWORD", prompt=True, hide_input=True, confirmation_prompt=True,
        help="Initial password (prompted; or INTAKE_LOGIN_PASSWORD); the person changes it with \\password")] = "",
) -> None:
    """Create (or reset the password of) one database login: a person's (staff), the worker's, or intake's own."""
    from intake.registry.db import make_engine
    from intake.registry.server import SERVICE, STAFF, WORKER, create_login

    if worker and service:
        raise ConfigError("a login is the worker's (--worker) or intake's own (--service), not both")
    group = SERVICE if service else WORKER if worker else STAFF
    engine = make_engine(owner_url)
    try:
        create_login(engine, name, password, group)
    finally:
        engine.dispose()
    if service:
        message(f"login '{name}' may act as every staff and worker login (SET ROLE) and has no rights of its own")
    else:
        message(f"login '{name}' is in {group}")
