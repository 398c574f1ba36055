"""The `intake` command line. Exit codes: 0 ok, 1 refused or failed (with a message), 2 usage."""

from __future__ import annotations

from typing import Annotated

import typer

from intake import __version__
from intake.cli import (
    audit,
    authorisation,
    datasets,
    fault,
    holds,
    keys,
    migration,
    reports,
    retention,
    scan,
    serve,
    server,
    sources,
)
from intake.cli import mapping as mapping_cli
from intake.cli import users as users_cli
from intake.cli.common import context, emit, handle_errors, message, state
from intake.logs import configure_logging

app = typer.Typer(
    help="intake: receive customer datasets under written consent, anonymise, migrate, and delete on time.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

for sub, name in [
    (users_cli.app, "users"),
    (audit.app, "audit"),
    (keys.app, "keys"),
    (authorisation.app, "authorisation"),
    (datasets.app, "datasets"),
    (migration.app, "migration"),
    (mapping_cli.app, "mapping"),
    (reports.app, "reports"),
    (fault.app, "fault"),
    (retention.app, "retention"),
    (holds.app, "holds"),
    (sources.app, "sources"),
    (scan.app, "scan"),
    (serve.app, "serve"),
    (server.app, "server"),
]:
    app.add_typer(sub, name=name)


@app.callback()
def _global(
    as_: Annotated[str | None, typer.Option("--as", help="Actor name (default: INTAKE_ACTOR or the OS user)")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Machine-readable JSON output")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Structured logs to stderr")] = False,
) -> None:
    if state.context is not None:  # a fresh context per invocation (tests invoke the app repeatedly)
        state.context.close()
        state.context = None
    state.actor = as_
    state.json = json_
    state.create_home = False
    configure_logging(verbose)


@app.command()
@handle_errors
def init() -> None:
    """Create the registry and vault folders; the first caller becomes the admin."""
    from intake import users as user_service

    state.create_home = True
    ctx = context()
    key_file = ctx.settings.key_file
    had_key_file = key_file.exists()
    had_state_key = ctx.settings.state_key_file.exists()
    had_service_key = ctx.settings.service_signing_key_file.exists()
    admin = user_service.initialise(ctx)
    if admin:
        message(f"initialised {ctx.settings.home}; '{admin.name}' is the admin")
    else:
        message(f"{ctx.settings.home} already initialised")
    if ctx.settings.vault.key_provider == "local" and not had_key_file and key_file.exists():
        message(f"created the vault's key-encryption key {key_file}: back it up now, apart from the registry "
                "(docs/keys.md); without it no data can be read")
    if not had_state_key and ctx.settings.state_key_file.exists():
        message(f"created the registry's state key {ctx.settings.state_key_file}: back it up with the key file "
                "(docs/keys.md); without it no registry row can be trusted")
    if not had_service_key:
        message(f"created the service signing key {ctx.settings.service_signing_key_file}: back it up with the key "
                "file (docs/keys.md); it signs deletion certificates and the audit anchors `intake audit verify` "
                "checks the log against")
    emit({"home": ctx.settings.home.resolve(), "registry": ctx.settings.registry_display,
          "admin": admin and admin.name})


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
