"""Withdrawal of consent: the authorisation stops verifying and its datasets become due for deletion now.

Runs in progress are not killed here: each processing step calls `check_still_authorised`, which
raises AuthorisationWithdrawn, so a run stops at its next step. The retention sweep deletes the
datasets (deletion_rule "consent_withdrawn"). The authorisation record and its evidence are kept:
they prove what was consented to, and when consent ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from intake.authorisation.errors import AlreadyWithdrawn, AuthorisationNotFound, InvalidName
from intake.authorisation.records import get_authorisation
from intake.clock import as_utc
from intake.context import Context, audits_refusals
from intake.registry.models import AuthorisationState, Customer, Dataset, DatasetState, Run, RunState

CONSENT_WITHDRAWN = "consent_withdrawn"


@dataclass(frozen=True)
class WithdrawalView:
    id: str
    reference: str
    customer: str
    withdrawn_at: datetime
    withdrawn_by: str
    datasets_scheduled: int
    runs_in_progress: int
    dataset_ids: list[str] = field(default_factory=list)


@audits_refusals("authorisation.withdraw", (AlreadyWithdrawn, InvalidName, AuthorisationNotFound))
def withdraw(ctx: Context, reference: str, reason: str) -> WithdrawalView:
    """Record the customer's withdrawal of consent and schedule every dataset under it for deletion now."""
    actor = ctx.authorise("authorisation.withdraw", reference=reference)
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidName("give the reason for the withdrawal (--reason), e.g. 'customer letter of 2026-03-02'")
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        auth = get_authorisation(session, reference)
        if auth.state == AuthorisationState.WITHDRAWN:
            raise AlreadyWithdrawn(
                f"authorisation {reference} was already withdrawn on {as_utc(auth.withdrawn_at or now):%Y-%m-%d}"
            )
        auth.state = AuthorisationState.WITHDRAWN
        auth.withdrawn_at = now
        auth.withdrawn_by = actor.name
        datasets = session.scalars(
            select(Dataset).where(Dataset.authorisation_id == auth.id, Dataset.state != DatasetState.DELETED)
        ).all()
        scheduled = []
        for dataset in datasets:
            # A dataset already due earlier keeps its earlier date and rule.
            if dataset.delete_after is None or as_utc(dataset.delete_after) > now:
                dataset.delete_after = now
                dataset.deletion_rule = CONSENT_WITHDRAWN
            scheduled.append(dataset.id)
        runs_in_progress = session.scalar(
            select(func.count()).select_from(Run).where(Run.dataset_id.in_(scheduled), Run.state == RunState.RUNNING)
        ) or 0
        customer = session.get(Customer, auth.customer_id)
        view = WithdrawalView(
            id=auth.id,
            reference=auth.reference,
            customer=customer.name if customer else auth.customer_id,
            withdrawn_at=now,
            withdrawn_by=actor.name,
            datasets_scheduled=len(scheduled),
            runs_in_progress=runs_in_progress,
            dataset_ids=scheduled,
        )
    for dataset_id in view.dataset_ids:
        ctx.record(actor, "authorisation.withdraw", dataset_id=dataset_id, authorisation_id=view.id,
                   reference=view.reference, delete_after=now.isoformat(), deletion_rule=CONSENT_WITHDRAWN)
    ctx.record(actor, "authorisation.withdraw", authorisation_id=view.id, reference=view.reference,
               datasets_scheduled=view.datasets_scheduled, runs_in_progress=view.runs_in_progress, reason=reason)
    return view
