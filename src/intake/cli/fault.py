from __future__ import annotations

import enum
from typing import Annotated, Any

import typer

from intake.cli.common import context, emit, handle_errors, message
from intake.context import Context
from intake.registry.models import Hold
from intake.retention import holds

app = typer.Typer(help="Fault investigations: open and close the hold on a fault dataset.", no_args_is_help=True)


class FaultOutcome(enum.StrEnum):
    RESOLVED = "resolved"
    TERMINATED = "terminated"


def _run(ctx: Context, flow: str, **parameters: Any) -> dict[str, Any]:
    """The same flow Prefect runs for these actions, run here as the CLI's user."""
    from intake.flows.local import prepare_prefect, run_flow

    prepare_prefect(ctx.settings)
    return run_flow(flow, ctx, **parameters)


def _hold(ctx: Context, hold_id: str) -> holds.HoldView:
    with ctx.registry.session() as session:
        return holds.view(session.get_one(Hold, hold_id))


@app.command("open")
@handle_errors
def open_(
    dataset: Annotated[str, typer.Argument(help="Id of the fault dataset")],
    ticket: Annotated[str, typer.Option("--ticket", help="The fault ticket the dataset was authorised for")],
) -> None:
    """Hold a fault dataset under its ticket (support): it is kept while the ticket is open.

    Runs the open-fault-hold flow."""
    ctx = context()
    opened = _run(ctx, "open-fault-hold", dataset_id=dataset, ticket=ticket)
    # The flow returns ids only; the hold is shown whole, as `intake holds list` shows it.
    emit(_hold(ctx, opened["hold_id"]), title="fault hold")


@app.command("close")
@handle_errors
def close(
    dataset: Annotated[str, typer.Argument(help="Id of the held fault dataset")],
    outcome: Annotated[FaultOutcome, typer.Option("--outcome", help="How the investigation ended")],
) -> None:
    """Close the fault hold (support): the dataset becomes due for deletion after the grace period.

    Runs the close-fault-hold flow."""
    closed = _run(context(), "close-fault-hold", dataset_id=dataset, outcome=outcome.value)
    message(f"fault hold {closed['hold_id']} closed {closed['outcome']}; dataset {dataset} is deleted from "
            f"{closed['delete_after']}")
    emit(closed)
