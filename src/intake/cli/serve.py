"""`intake serve`: run every flow as a Prefect deployment from this process (embedded setup)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from intake.cli.common import context, handle_errors

if TYPE_CHECKING:
    from intake.context import Context

SERVE = "flows.serve"  # the audited action: starting the API and the worker that run every flow

app = typer.Typer(
    help="Serve the flows as Prefect deployments (UI forms, daily retention sweep).",
    invoke_without_command=True,
)


@app.callback()
@handle_errors
def serve(
    api_url: Annotated[str | None, typer.Option(
        "--api-url", help="Prefect API to serve against; default PREFECT_API_URL, else a local server starts")] = None,
    port: Annotated[int, typer.Option("--port", help="Port of the local Prefect server (127.0.0.1)")] = 4200,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Flow runs executed at once")] = 4,
    no_sweep_schedule: Annotated[bool, typer.Option(
        "--no-sweep-schedule", help="Serve the retention sweep without its daily cron")] = False,
) -> None:
    """Start the deployments (receive-dataset, migration-run, complete-migration, open/close-fault-hold,
    retention-sweep at 02:30 Europe/London) and run their flow runs until interrupted."""
    ctx = context()
    require_serving_role(ctx)
    settings = ctx.settings
    from intake.flows.local import prefect_home, prepare_prefect

    prepare_prefect(settings, verbose=True)
    from intake.flows.serve import run

    run(api_url, prefect_home(settings), port, limit, not no_sweep_schedule)


def require_serving_role(ctx: Context) -> None:
    """`intake serve` starts a Prefect API on 127.0.0.1 without authentication and a worker that runs every flow:
    only someone who may have runs made for them (permissions.py "run.request": staff with a role) or the service
    identity itself (its unit runs `intake serve`, deployments/README.md) starts it; anyone else is refused and
    audited."""
    from intake.errors import PermissionDenied
    from intake.permissions import allowed_roles
    from intake.registry.models import Role

    actor = ctx.actor()
    needed = allowed_roles("run.request") | {Role.SERVICE}
    if actor.roles & needed:
        ctx.record(actor, SERVE)
        return
    roles = ", ".join(sorted(r.value for r in needed))
    ctx.record(actor, SERVE, outcome="refused", reason="permission", needs=sorted(r.value for r in needed))
    raise PermissionDenied(
        f"`intake serve` needs one of the roles {roles}, and '{actor.name}' has {actor.role_label}: it starts the API "
        "and worker that run every flow. Run it as the service (`INTAKE_ACTOR=intake-service intake serve` by the "
        f"service account, deployments/README.md) or ask an admin for a role (`intake users grant {actor.name} ...`)"
    )
