from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from intake.cli.common import (
    Yes,
    confirm_irreversible,
    context,
    emit,
    expand_dataset_id,
    expand_hold_id,
    handle_errors,
    message,
)
from intake.cli.retention import OVERDUE_EXIT

app = typer.Typer(help="Holds: fault holds, legal holds and restrictions of processing.", no_args_is_help=True)
legal = typer.Typer(help="Legal holds (dpo): suspend deletion of a dataset or of a whole customer.",
                    no_args_is_help=True)
restrict = typer.Typer(help="Restriction of processing, GDPR art. 18 (dpo): blocks runs, not deletion.",
                       no_args_is_help=True)
app.add_typer(legal, name="legal")
app.add_typer(restrict, name="restrict")

COLUMNS = ["id", "kind", "dataset_id", "customer_id", "reference", "opened_by", "opened_at", "review_by", "closed_at",
           "outcome"]

Dataset = Annotated[str | None, typer.Option("--dataset", "-d", help="Dataset id", callback=expand_dataset_id)]
Customer = Annotated[str | None, typer.Option("--customer", "-c", help="Customer id or name (all its datasets)")]
Reason = Annotated[str, typer.Option("--reason", help="Why (kept in the audit log)")]
Reference = Annotated[str, typer.Option("--reference", help="Legal matter or request reference")]
LegalHoldId = Annotated[str, typer.Argument(help="Id of the legal hold, or a unique start of it",
                                           callback=expand_hold_id)]
RestrictionId = Annotated[str, typer.Argument(help="Id of the restriction, or a unique start of it",
                                             callback=expand_hold_id)]
ReviewBy = Annotated[datetime | None, typer.Option(
    "--review-by", formats=["%Y-%m-%d"], help="When the DPO next reviews the hold (default: "
    "retention.legal_hold_review_days from now); the sweep tells the DPO when it has passed")]


@app.command("list")
@handle_errors
def list_(
    dataset: Dataset = None,
    customer: Customer = None,
    all_: Annotated[bool, typer.Option("--all", help="Include closed and released holds")] = False,
    review_due: Annotated[bool, typer.Option(
        "--review-due", help="Only legal holds past their review date; exit 3 if any (cron, monitoring)")] = False,
) -> None:
    """List open holds (of a dataset, including its customer's, or of a customer)."""
    from intake.retention import holds

    ctx = context()
    found = holds.list_holds(ctx, dataset, customer, include_closed=all_)
    if review_due:
        found = [h for h in found if h.review_due(ctx.clock.now())]
    emit(found, title="holds", columns=COLUMNS)
    if review_due and found:
        message(f"{len(found)} legal hold(s) past their review date: `intake holds legal review HOLD --reason ...` "
                "or `intake holds legal release HOLD --reason ...`")
        raise typer.Exit(OVERDUE_EXIT)


@legal.command("place")
@handle_errors
def legal_place(reason: Reason, dataset: Dataset = None, customer: Customer = None, reference: Reference = "",
                review_by: ReviewBy = None) -> None:
    """Place a legal hold: nothing of the dataset (or customer) is deleted until it is released."""
    from intake.retention import holds

    emit(holds.place_legal_hold(context(), reason=reason, dataset_id=dataset, customer=customer, reference=reference,
                                review_by=review_by))


@legal.command("review")
@handle_errors
def legal_review(hold_id: LegalHoldId, reason: Reason,
                 review_by: ReviewBy = None) -> None:
    """Confirm a legal hold is still needed (the reason is audited) and set its next review date."""
    from intake.retention import holds

    emit(holds.review_legal_hold(context(), hold_id, reason, review_by))


@legal.command("release")
@handle_errors
def legal_release(hold_id: LegalHoldId, reason: Reason,
                  yes: Yes = False) -> None:
    """Release a legal hold: deletion that fell due meanwhile happens at the next sweep."""
    from intake.retention import holds

    ctx = context()
    confirm_irreversible(f"Releasing legal hold {hold_id} (what it kept past its date is deleted at the next sweep)",
                         hold_id, yes)
    emit(holds.release_legal_hold(ctx, hold_id, reason))


@restrict.command("place")
@handle_errors
def restrict_place(reason: Reason, dataset: Dataset = None, customer: Customer = None,
                   reference: Reference = "") -> None:
    """Restrict processing of a dataset (or of all of a customer's): runs refuse it until released."""
    from intake.retention import holds

    emit(holds.place_restriction(context(), reason=reason, dataset_id=dataset, customer=customer,
                                 reference=reference))


@restrict.command("release")
@handle_errors
def restrict_release(hold_id: RestrictionId, reason: Reason) -> None:
    """Release a restriction of processing."""
    from intake.retention import holds

    emit(holds.release_restriction(context(), hold_id, reason))
