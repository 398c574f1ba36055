"""Retention rules: when each dataset must be deleted, and why.

`decide` is a pure function of registry facts, the policy and the time, so tests can pin every rule
with a fixed clock. `decisions` loads the facts from the registry and applies it to every dataset.

Order of the rules for one dataset:
1. a legal hold (on the dataset or on its customer) suspends deletion, whatever else applies;
2. a deletion already started is due now, so an interrupted sweep resumes it;
3. consent withdrawn: due at once (the moment of withdrawal);
4. the purpose's own rule: a migration is kept N calendar months after completion (N from the
   customer's contract, else the default), a fault dataset until its fault hold closes as resolved
   or terminated (plus a grace period);
5. a dataset with no due date after `flag_after_days` is flagged to the DPO, never kept silently.
Restriction of processing (GDPR art. 18) is shown but never delays deletion.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import or_, select

from intake.clock import as_utc
from intake.config import RetentionSettings
from intake.context import Context
from intake.registry.models import (
    Authorisation,
    AuthorisationState,
    Customer,
    Dataset,
    DatasetState,
    Hold,
    HoldKind,
    HoldOutcome,
    Purpose,
)
from intake.retention.hold_view import HoldView, view


class Rule(enum.StrEnum):
    MIGRATION_COMPLETED = "migration_completed"
    FAULT_CLOSED = "fault_closed"
    CONSENT_WITHDRAWN = "consent_withdrawn"


class Status(enum.StrEnum):
    DUE = "due"  # the sweep deletes it
    HELD = "held"  # would be due (or is being deleted) but a legal hold suspends deletion
    WAITING = "waiting"  # has a due date in the future
    OPEN = "open"  # no due date yet: purpose still running
    FLAGGED = "flagged"  # no due date after flag_after_days: the DPO must decide


@dataclass(frozen=True)
class RetentionPolicy:
    migration_months: int = 6
    fault_grace_days: int = 0
    flag_after_days: int = 365

    @classmethod
    def from_settings(cls, settings: RetentionSettings) -> RetentionPolicy:
        return cls(settings.migration_months, settings.fault_grace_days, settings.flag_after_days)


@dataclass(frozen=True)
class DatasetFacts:
    dataset_id: str
    customer_id: str
    purpose: Purpose
    state: DatasetState
    received_at: datetime
    authorisation_reference: str = ""
    purpose_reference: str = ""
    completed_at: datetime | None = None
    delete_after: datetime | None = None
    deletion_rule: str | None = None
    deletion_started_at: datetime | None = None
    flagged_at: datetime | None = None
    consent_withdrawn_at: datetime | None = None
    customer_retention_months: int | None = None


@dataclass(frozen=True)
class RetentionDecision:
    dataset_id: str
    customer_id: str
    purpose: Purpose
    state: DatasetState
    status: Status
    rule: Rule | None
    due_at: datetime | None
    reason: str
    legal_holds: tuple[str, ...] = ()
    restricted: bool = False
    flagged_at: datetime | None = None
    authorisation_reference: str = ""

    @property
    def due(self) -> bool:
        return self.status is Status.DUE

    @property
    def flag(self) -> bool:
        return self.status is Status.FLAGGED


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar months, clamped to the month's end: 31 August + 6 months = 28 (or 29) February."""
    return moment + relativedelta(months=months)


def migration_due(completed_at: datetime, months: int) -> datetime:
    return add_months(as_utc(completed_at), months)


def fault_due(closed_at: datetime, grace_days: int) -> datetime:
    return as_utc(closed_at) + timedelta(days=grace_days)


def _day(moment: datetime) -> str:
    return as_utc(moment).date().isoformat()


@dataclass
class _Verdict:
    rule: Rule | None = None
    due_at: datetime | None = None
    reason: str = ""


def _purpose_rule(facts: DatasetFacts, holds: Sequence[HoldView], policy: RetentionPolicy) -> _Verdict:
    if facts.consent_withdrawn_at is not None:
        at = as_utc(facts.consent_withdrawn_at)
        return _Verdict(Rule.CONSENT_WITHDRAWN, at, f"consent withdrawn {_day(at)}: due at once")
    if facts.purpose is Purpose.MIGRATION:
        if facts.completed_at is None:
            return _Verdict(reason=f"migration {facts.purpose_reference} not completed yet")
        months = facts.customer_retention_months
        source = "customer contract"
        if months is None:
            months, source = policy.migration_months, "default"
        due = as_utc(facts.delete_after) if facts.delete_after else migration_due(facts.completed_at, months)
        return _Verdict(
            Rule.MIGRATION_COMPLETED, due,
            f"migration completed {_day(facts.completed_at)}; kept {months} months ({source}) until {_day(due)}",
        )
    fault_holds = [h for h in holds if h.kind is HoldKind.FAULT and h.dataset_id == facts.dataset_id]
    still_open = [h for h in fault_holds if h.is_open]
    if still_open:
        return _Verdict(reason=f"fault hold open under ticket {still_open[0].reference}")
    closed = [h for h in fault_holds if h.outcome in (HoldOutcome.RESOLVED, HoldOutcome.TERMINATED)]
    if not closed:
        return _Verdict(reason="no fault hold opened yet: support opens one under the ticket reference")
    last = max(closed, key=lambda h: as_utc(h.closed_at))  # type: ignore[arg-type]
    assert last.closed_at is not None and last.outcome is not None
    due = as_utc(facts.delete_after) if facts.delete_after else fault_due(last.closed_at, policy.fault_grace_days)
    return _Verdict(
        Rule.FAULT_CLOSED, due,
        f"fault hold {last.reference} closed {last.outcome.value} {_day(last.closed_at)}; "
        f"grace {policy.fault_grace_days} days",
    )


def _applies(hold: HoldView, facts: DatasetFacts) -> bool:
    return hold.is_open and (hold.dataset_id == facts.dataset_id or
                             (hold.dataset_id is None and hold.customer_id == facts.customer_id))


def decide(
    facts: DatasetFacts, holds: Sequence[HoldView], policy: RetentionPolicy, now: datetime
) -> RetentionDecision:
    """Apply the retention rules to one dataset. `holds` may include holds of other datasets."""
    now = as_utc(now)
    legal = tuple(h.id for h in holds if h.kind is HoldKind.LEGAL and _applies(h, facts))
    restricted = any(h.kind is HoldKind.RESTRICTION and _applies(h, facts) for h in holds)

    verdict = _purpose_rule(facts, holds, policy)
    resuming = facts.deletion_started_at is not None or facts.state is DatasetState.DELETING
    if resuming:
        started = as_utc(facts.deletion_started_at) if facts.deletion_started_at else now
        verdict = _Verdict(
            _rule_or_none(facts.deletion_rule) or verdict.rule, verdict.due_at or started,
            f"deletion started {_day(started)} and not finished: resume ({verdict.reason})",
        )

    if legal:
        status = Status.HELD
        reason = f"suspended by legal hold {', '.join(legal)}; otherwise: {verdict.reason}"
    elif resuming or (verdict.due_at is not None and verdict.due_at <= now):
        status, reason = Status.DUE, verdict.reason
    elif verdict.due_at is not None:
        status, reason = Status.WAITING, verdict.reason
    elif now - as_utc(facts.received_at) >= timedelta(days=policy.flag_after_days):
        status = Status.FLAGGED
        reason = (f"purpose not complete {(now - as_utc(facts.received_at)).days} days after receipt "
                  f"(limit {policy.flag_after_days}): {verdict.reason}; the DPO decides")
    else:
        status, reason = Status.OPEN, verdict.reason
    if restricted:
        reason += "; processing restricted (art. 18)"
    return RetentionDecision(
        dataset_id=facts.dataset_id,
        customer_id=facts.customer_id,
        purpose=facts.purpose,
        state=facts.state,
        status=status,
        rule=verdict.rule,
        due_at=verdict.due_at,
        reason=reason,
        legal_holds=legal,
        restricted=restricted,
        flagged_at=as_utc(facts.flagged_at) if facts.flagged_at else None,
        authorisation_reference=facts.authorisation_reference,
    )


def _rule_or_none(value: str | None) -> Rule | None:
    try:
        return Rule(value) if value else None
    except ValueError:
        return None


# Registry loading ---------------------------------------------------------------------------------

def dataset_facts(dataset: Dataset, authorisation: Authorisation, customer: Customer) -> DatasetFacts:
    withdrawn = authorisation.state is AuthorisationState.WITHDRAWN
    # A withdrawal without a time (should not happen) still makes the dataset due at once.
    withdrawn_at = authorisation.withdrawn_at or (authorisation.registered_at if withdrawn else None)
    return DatasetFacts(
        dataset_id=dataset.id,
        customer_id=dataset.customer_id,
        purpose=dataset.purpose,
        state=dataset.state,
        received_at=as_utc(dataset.received_at),
        authorisation_reference=authorisation.reference,
        purpose_reference=dataset.purpose_reference,
        completed_at=as_utc(dataset.completed_at) if dataset.completed_at else None,
        delete_after=as_utc(dataset.delete_after) if dataset.delete_after else None,
        deletion_rule=dataset.deletion_rule,
        deletion_started_at=as_utc(dataset.deletion_started_at) if dataset.deletion_started_at else None,
        flagged_at=as_utc(dataset.flagged_at) if dataset.flagged_at else None,
        consent_withdrawn_at=as_utc(withdrawn_at) if withdrawn and withdrawn_at else None,
        customer_retention_months=customer.retention_months,
    )


def load_holds(session: object, dataset_ids: Iterable[str] | None = None) -> list[HoldView]:
    """Open holds of every kind plus every fault hold (closed fault holds date the fault rule)."""
    query = select(Hold).where(or_(Hold.closed_at.is_(None), Hold.kind == HoldKind.FAULT))
    if dataset_ids is not None:
        ids = list(dataset_ids)
        query = query.where(or_(Hold.dataset_id.in_(ids), Hold.dataset_id.is_(None)))
    return [view(h) for h in session.scalars(query)]  # type: ignore[attr-defined]


def decisions(ctx: Context, dataset_ids: Iterable[str] | None = None,
              now: datetime | None = None) -> list[RetentionDecision]:
    """The retention decision of every dataset not yet deleted (or of the ones named), earliest due first."""
    policy = RetentionPolicy.from_settings(ctx.settings.retention)
    now = now or ctx.clock.now()
    with ctx.registry.session() as session:
        query = (
            select(Dataset, Authorisation, Customer)
            .join(Authorisation, Dataset.authorisation_id == Authorisation.id)
            .join(Customer, Dataset.customer_id == Customer.id)
            .where(Dataset.state != DatasetState.DELETED)
        )
        ids = list(dataset_ids) if dataset_ids is not None else None
        if ids is not None:
            query = query.where(Dataset.id.in_(ids))
        rows = session.execute(query).all()
        holds = load_holds(session, ids)
        found = [decide(dataset_facts(d, a, c), holds, policy, now) for d, a, c in rows]
    far = as_utc(datetime.max.replace(year=9999))
    return sorted(found, key=lambda d: (d.due_at or far, d.dataset_id))


def list_retention(ctx: Context) -> list[RetentionDecision]:
    """`intake retention list`: what is due when and why, including held and flagged datasets."""
    actor = ctx.authorise("retention.list")
    # `retention list --overdue` is what monitoring runs: a row edited to hide an overdue dataset must fail it
    ctx.require_trusted_state(actor, "retention.list")
    return decisions(ctx)
