"""Fault holds (support): a fault dataset is kept while its ticket is open.

Support opens the hold under the ticket the dataset was authorised for; closing it as resolved or
terminated fixes the dataset's deletion date, after the grace period (`retention.fault_grace_days`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from intake.context import Context, audits_refusals
from intake.errors import DatabaseRefused
from intake.registry.guarded import lift_hold, place_hold
from intake.registry.models import DatasetState, Hold, HoldKind, HoldOutcome, Purpose
from intake.retention.errors import HoldNotFound, HoldStateError
from intake.retention.hold_view import HoldView, view
from intake.retention.holds import consent_withdrawn, get_dataset
from intake.retention.rules import Rule

CLOSING_OUTCOMES = (HoldOutcome.RESOLVED, HoldOutcome.TERMINATED)


@dataclass(frozen=True)
class FaultClosed:
    hold: HoldView
    dataset_id: str
    delete_after: datetime


@audits_refusals("fault.open", (HoldStateError, HoldNotFound, DatabaseRefused))
def open_fault_hold(ctx: Context, dataset_id: str, ticket: str) -> HoldView:
    """Hold a fault dataset under its ticket; it is kept until the hold closes."""
    actor = ctx.authorise("fault.open", dataset_id=dataset_id, ticket=ticket)
    ticket = ticket.strip()
    with ctx.registry.session() as session:
        dataset = get_dataset(session, dataset_id)
        if dataset.purpose is not Purpose.FAULT_INVESTIGATION:
            raise HoldStateError(
                f"dataset {dataset_id} was authorised for {dataset.purpose.value}, not a fault investigation: "
                "fault holds apply to fault datasets only"
            )
        if ticket != dataset.purpose_reference:
            raise HoldStateError(
                f"dataset {dataset_id} was authorised for fault ticket {dataset.purpose_reference}, not {ticket}: "
                "a fault dataset may be held only under the ticket it was given for"
            )
        if dataset.state in (DatasetState.DELETING, DatasetState.DELETED):
            raise HoldStateError(f"dataset {dataset_id} is {dataset.state.value}: it can no longer be held")
        if consent_withdrawn(session, dataset):
            raise HoldStateError(
                f"consent for dataset {dataset_id} was withdrawn: it is due for deletion and cannot be held "
                "for a fault investigation (only the DPO's legal hold can keep it)"
            )
        existing = session.scalar(select(Hold).where(
            Hold.kind == HoldKind.FAULT, Hold.dataset_id == dataset_id, Hold.closed_at.is_(None)))
        if existing is not None:
            raise HoldStateError(
                f"dataset {dataset_id} already has an open fault hold {existing.id} under ticket {existing.reference}"
            )
        hold = place_hold(session, kind=HoldKind.FAULT, dataset_id=dataset_id, customer_id=dataset.customer_id,
                          reference=ticket, reason="fault investigation", by=actor.name, at=ctx.clock.now())
        # A reopened ticket keeps the dataset again: the date fixed by an earlier closure no longer applies.
        dataset.delete_after = None
        dataset.deletion_rule = None
        session.flush()
        result = view(hold)
    ctx.record(actor, "fault.open", dataset_id=dataset_id, hold_id=result.id, ticket=ticket)
    return result


@audits_refusals("fault.close", (HoldStateError, HoldNotFound, DatabaseRefused))
def close_fault_hold(ctx: Context, dataset_id: str, outcome: HoldOutcome | str) -> FaultClosed:
    """Close the open fault hold as resolved or terminated; the dataset becomes due after the grace period."""
    outcome = HoldOutcome(outcome)
    actor = ctx.authorise("fault.close", dataset_id=dataset_id, outcome=outcome.value)
    if outcome not in CLOSING_OUTCOMES:
        raise HoldStateError(f"a fault hold closes as resolved or terminated, not {outcome.value}")
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        dataset = get_dataset(session, dataset_id)
        hold = session.scalar(select(Hold).where(
            Hold.kind == HoldKind.FAULT, Hold.dataset_id == dataset_id, Hold.closed_at.is_(None)))
        if hold is None:
            raise HoldNotFound(f"dataset {dataset_id} has no open fault hold: `intake holds list` shows its holds")
        lift_hold(session, hold, outcome, actor.name, now)
        delete_after = now + timedelta(days=ctx.settings.retention.fault_grace_days)
        if dataset.state not in (DatasetState.DELETING, DatasetState.DELETED):
            dataset.delete_after = delete_after
            dataset.deletion_rule = Rule.FAULT_CLOSED.value
        session.flush()
        result = FaultClosed(view(hold), dataset_id, delete_after)
    ctx.record(actor, "fault.close", dataset_id=dataset_id, hold_id=result.hold.id, outcome=outcome.value,
               delete_after=delete_after.isoformat())
    return result
