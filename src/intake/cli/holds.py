from __future__ import annotations

from typing import Annotated

import typer

from intake.cli.common import context, emit, expand_dataset_id, handle_errors
from intake.retention import holds

app = typer.Typer(help="Holds: fault holds, legal holds and restrictions of processing.", no_args_is_help=True)
legal = typer.Typer(help="Legal holds (dpo): suspend deletion of a dataset or of a whole customer.",
                    no_args_is_help=True)
restrict = typer.Typer(help="Restriction of processing, GDPR art. 18 (dpo): blocks runs, not deletion.",
                       no_args_is_help=True)
app.add_typer(legal, name="legal")
app.add_typer(restrict, name="restrict")

COLUMNS = ["id", "kind", "dataset_id", "customer_id", "reference", "opened_by", "opened_at", "closed_at", "outcome"]

Dataset = Annotated[str | None, typer.Option("--dataset", "-d", help="Dataset id", callback=expand_dataset_id)]
Customer = Annotated[str | None, typer.Option("--customer", "-c", help="Customer id or name (all its datasets)")]
Reason = Annotated[str, typer.Option("--reason", help="Why (kept in the audit log)")]
Reference = Annotated[str, typer.Option("--reference", help="Legal matter or request reference")]


@app.command("list")
@handle_errors
def list_(
    dataset: Dataset = None,
    customer: Customer = None,
    all_: Annotated[bool, typer.Option("--all", help="Include closed and released holds")] = False,
) -> None:
    """List open holds (of a dataset, including its customer's, or of a customer)."""
    emit(holds.list_holds(context(), dataset, customer, include_closed=all_), title="holds", columns=COLUMNS)


@legal.command("place")
@handle_errors
def legal_place(reason: Reason, dataset: Dataset = None, customer: Customer = None, reference: Reference = "") -> None:
    """Place a legal hold: nothing of the dataset (or customer) is deleted until it is released."""
    emit(holds.place_legal_hold(context(), reason=reason, dataset_id=dataset, customer=customer, reference=reference))


@legal.command("release")
@handle_errors
def legal_release(hold_id: Annotated[str, typer.Argument(help="Id of the legal hold")], reason: Reason) -> None:
    """Release a legal hold: deletion that fell due meanwhile happens at the next sweep."""
    emit(holds.release_legal_hold(context(), hold_id, reason))


@restrict.command("place")
@handle_errors
def restrict_place(reason: Reason, dataset: Dataset = None, customer: Customer = None,
                   reference: Reference = "") -> None:
    """Restrict processing of a dataset (or of all of a customer's): runs refuse it until released."""
    emit(holds.place_restriction(context(), reason=reason, dataset_id=dataset, customer=customer,
                                 reference=reference))


@restrict.command("release")
@handle_errors
def restrict_release(hold_id: Annotated[str, typer.Argument(help="Id of the restriction")], reason: Reason) -> None:
    """Release a restriction of processing."""
    emit(holds.release_restriction(context(), hold_id, reason))
