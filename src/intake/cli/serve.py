"""`intake serve`: run every flow as a Prefect deployment from this process (embedded setup)."""

from __future__ import annotations

from typing import Annotated

import typer

from intake.cli.common import context, handle_errors

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
    settings = context().settings
    from intake.flows.local import prefect_home, prepare_prefect

    prepare_prefect(settings, verbose=True)
    from intake.flows.serve import run

    run(api_url, prefect_home(settings), port, limit, not no_sweep_schedule)
