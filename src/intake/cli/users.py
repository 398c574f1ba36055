from __future__ import annotations

from typing import Annotated

import typer

from intake.cli.common import context, emit, handle_errors
from intake.registry.enums import Role

app = typer.Typer(help="Users and their roles (admin only), and who you are (whoami).", no_args_is_help=True)


@app.command("add")
@handle_errors
def add(
    name: str,
    role: Annotated[list[Role], typer.Option("--role", "-r", help="Role to grant; repeat for several")],
) -> None:
    """Register a user with one or more roles."""
    from intake import users

    emit(users.add_user(context(), name, role))


@app.command("list")
@handle_errors
def list_() -> None:
    """List users and their roles."""
    from intake import users

    emit(users.list_users(context()), title="users")


@app.command("grant")
@handle_errors
def grant(name: str, role: Role) -> None:
    """Grant a role to a user."""
    from intake import users

    emit(users.grant(context(), name, role))


@app.command("revoke")
@handle_errors
def revoke(name: str, role: Role) -> None:
    """Revoke a role from a user."""
    from intake import users

    emit(users.revoke(context(), name, role))


@app.command("whoami")
@handle_errors
def whoami() -> None:
    """Who intake takes you for, how that was established, and your roles (anyone may ask)."""
    ctx = context()
    actor = ctx.actor()
    emit({"actor": actor.name, "roles": sorted(r.value for r in actor.roles), "os_account": ctx.identity.os_account,
          "established_by": ctx.identity.proof})
