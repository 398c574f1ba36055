from __future__ import annotations

import enum
from typing import Annotated

import typer

from intake.cli.common import context, emit, handle_errors, message
from intake.retention import holds

app = typer.Typer(help="Fault investigations: open and close the hold on a fault dataset.", no_args_is_help=True)


class FaultOutcome(enum.StrEnum):
    RESOLVED = "resolved"
    TERMINATED = "terminated"


@app.command("open")
@handle_errors
def open_(
    dataset: Annotated[str, typer.Argument(help="Id of the fault dataset")],
    ticket: Annotated[str, typer.Option("--ticket", help="The fault ticket the dataset was authorised for")],
) -> None:
    """Hold a fault dataset under its ticket (support): it is kept while the ticket is open."""
    emit(holds.open_fault_hold(context(), dataset, ticket), title="fault hold")


@app.command("close")
@handle_errors
def close(
    dataset: Annotated[str, typer.Argument(help="Id of the held fault dataset")],
    outcome: Annotated[FaultOutcome, typer.Option("--outcome", help="How the investigation ended")],
) -> None:
    """Close the fault hold (support): the dataset becomes due for deletion after the grace period."""
    closed = holds.close_fault_hold(context(), dataset, outcome.value)
    message(f"fault hold {closed.hold.id} closed {outcome.value}; dataset {dataset} is deleted from "
            f"{closed.delete_after.isoformat()}")
    emit({"hold_id": closed.hold.id, "dataset_id": dataset, "ticket": closed.hold.reference,
          "outcome": outcome.value, "delete_after": closed.delete_after})
