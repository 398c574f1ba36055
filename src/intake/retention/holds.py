"""Holds on datasets: legal holds and restrictions of processing (DPO), and the look-ups every hold uses.

A legal hold suspends deletion of one dataset or of every dataset of a customer until the DPO releases
it. A restriction (GDPR art. 18) stops processing runs but never delays deletion. Fault holds (support)
are in `fault_holds`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from intake.clock import as_utc
from intake.context import Context, audits_refusals
from intake.errors import DatabaseRefused
from intake.notify import Notice
from intake.registry.guarded import lift_hold, place_hold, review_hold
from intake.registry.models import (
    Authorisation,
    AuthorisationState,
    Customer,
    Dataset,
    DatasetState,
    Hold,
    HoldKind,
    HoldOutcome,
)
from intake.retention.errors import (
    CustomerNotFound,
    DatasetNotFound,
    HoldNotFound,
    HoldStateError,
    ProcessingRestricted,
)
from intake.retention.hold_view import HoldView, view


def get_dataset(session: Session, dataset_id: str) -> Dataset:
    dataset = session.get(Dataset, dataset_id)
    if dataset is None:
        raise DatasetNotFound(f"no dataset with id {dataset_id}: `intake datasets list` shows the ids")
    return dataset


def resolve_customer(session: Session, id_or_name: str) -> Customer:
    customer = session.get(Customer, id_or_name) or session.scalar(
        select(Customer).where(Customer.name == id_or_name)
    )
    if customer is None:
        raise CustomerNotFound(f"no customer with id or name '{id_or_name}': check `intake keys list`")
    return customer


def consent_withdrawn(session: Session, dataset: Dataset) -> bool:
    authorisation = session.get(Authorisation, dataset.authorisation_id)
    return authorisation is not None and authorisation.state is AuthorisationState.WITHDRAWN


def _open_holds(session: Session, kind: HoldKind, dataset: Dataset) -> list[Hold]:
    """Open holds of `kind` on the dataset itself or on its whole customer."""
    return list(session.scalars(
        select(Hold).where(
            Hold.kind == kind,
            Hold.closed_at.is_(None),
            or_(Hold.dataset_id == dataset.id,
                (Hold.dataset_id.is_(None)) & (Hold.customer_id == dataset.customer_id)),
        ).order_by(Hold.opened_at)
    ))


# Legal holds and restrictions (DPO) ---------------------------------------------------------------

_ACTIONS = {HoldKind.LEGAL: "legal_hold.manage", HoldKind.RESTRICTION: "restriction.manage"}


@audits_refusals("{kind.value}_hold.place", (HoldStateError, DatasetNotFound, CustomerNotFound,
                                                DatabaseRefused))
def _place(ctx: Context, kind: HoldKind, dataset_id: str | None, customer: str | None, reason: str,
           reference: str, review_by: datetime | None = None) -> HoldView:
    action = _ACTIONS[kind]
    actor = ctx.authorise(action, dataset_id=dataset_id)
    if (dataset_id is None) == (customer is None):
        raise HoldStateError(f"a {kind.value} hold names either a dataset or a customer (exactly one)")
    if not reason.strip():
        raise HoldStateError(f"a {kind.value} hold needs a reason: pass --reason")
    if kind is HoldKind.LEGAL:
        review_by = _review_date(ctx, review_by)
    with ctx.registry.session() as session:
        if dataset_id is not None:
            dataset = get_dataset(session, dataset_id)
            if dataset.state is DatasetState.DELETED:
                raise HoldStateError(
                    f"dataset {dataset_id} was deleted on {as_utc(dataset.deleted_at or ctx.clock.now()).date()}: "
                    "nothing is left to hold (see its deletion certificate)"
                )
            customer_id = dataset.customer_id
        else:
            customer_id = resolve_customer(session, customer or "").id
        hold = place_hold(session, kind=kind, dataset_id=dataset_id, customer_id=customer_id,
                          reference=reference.strip(), reason=reason.strip(), by=actor.name, at=ctx.clock.now(),
                          review_by=review_by)
        session.flush()
        result = view(hold)
    extra = {"review_by": review_by.isoformat()} if review_by else {}
    ctx.record(actor, f"{kind.value}_hold.place", dataset_id=dataset_id, hold_id=result.id,
               customer_id=customer_id, scope="dataset" if dataset_id else "customer", reference=result.reference,
               **extra)
    return result


def _review_date(ctx: Context, review_by: datetime | None) -> datetime:
    """A legal hold keeps data beyond its retention period: it is reviewed on a date, never left open and
    forgotten. The default is `retention.legal_hold_review_days` from now."""
    now = ctx.clock.now()
    if review_by is None:
        return now + timedelta(days=ctx.settings.retention.legal_hold_review_days)
    review_by = as_utc(review_by)
    if review_by <= now:
        raise HoldStateError(f"the review date {review_by.date()} is not in the future: pass a later --review-by")
    return review_by


@audits_refusals("{kind.value}_hold.release", (HoldStateError, HoldNotFound, DatabaseRefused))
def _release(ctx: Context, kind: HoldKind, hold_id: str, reason: str) -> HoldView:
    actor = ctx.authorise(_ACTIONS[kind], hold_id=hold_id)
    if not reason.strip():
        raise HoldStateError(f"releasing a {kind.value} hold needs a reason: pass --reason")
    with ctx.registry.session() as session:
        hold = session.get(Hold, hold_id)
        if hold is None or hold.kind is not kind:
            raise HoldNotFound(f"no {kind.value} hold with id {hold_id}: `intake holds list` shows the ids")
        if hold.closed_at is not None:
            raise HoldStateError(f"{kind.value} hold {hold_id} was already released on {as_utc(hold.closed_at).date()}")
        lift_hold(session, hold, HoldOutcome.RELEASED, actor.name, ctx.clock.now())
        session.flush()
        result = view(hold)
    ctx.record(actor, f"{kind.value}_hold.release", dataset_id=result.dataset_id, hold_id=hold_id,
               customer_id=result.customer_id, release_reason=reason.strip())
    return result


def place_legal_hold(ctx: Context, *, reason: str, dataset_id: str | None = None, customer: str | None = None,
                     reference: str = "", review_by: datetime | None = None) -> HoldView:
    """Suspend deletion of a dataset, or of every dataset of a customer (id or name), until released; the DPO is
    reminded to review it on `review_by` (default: `retention.legal_hold_review_days` from now)."""
    return _place(ctx, HoldKind.LEGAL, dataset_id, customer, reason, reference, review_by)


def release_legal_hold(ctx: Context, hold_id: str, reason: str) -> HoldView:
    return _release(ctx, HoldKind.LEGAL, hold_id, reason)


@audits_refusals("legal_hold.review", (HoldStateError, HoldNotFound, DatabaseRefused))
def review_legal_hold(ctx: Context, hold_id: str, reason: str, next_review: datetime | None = None) -> HoldView:
    """The DPO confirms a legal hold is still needed (why, in the audit log) and sets its next review date."""
    actor = ctx.authorise(_ACTIONS[HoldKind.LEGAL], hold_id=hold_id)
    if not reason.strip():
        raise HoldStateError("reviewing a legal hold needs a reason (why it is still needed): pass --reason")
    next_review = _review_date(ctx, next_review)
    with ctx.registry.session() as session:
        hold = session.get(Hold, hold_id)
        if hold is None or hold.kind is not HoldKind.LEGAL:
            raise HoldNotFound(f"no legal hold with id {hold_id}: `intake holds list` shows the ids")
        if hold.closed_at is not None:
            raise HoldStateError(f"legal hold {hold_id} was released on {as_utc(hold.closed_at).date()}")
        review_hold(session, hold, next_review)  # in server mode the database checks the DPO
        session.flush()
        result = view(hold)
    ctx.record(actor, "legal_hold.review", dataset_id=result.dataset_id, hold_id=hold_id,
               customer_id=result.customer_id, review_reason=reason.strip(), review_by=next_review.isoformat())
    return result


def holds_due_for_review(session: Session, now: datetime) -> list[Hold]:
    """Open legal holds whose review date has passed, by the one test the CLI uses too (HoldView.review_due)."""
    query = select(Hold).where(Hold.kind == HoldKind.LEGAL, Hold.closed_at.is_(None)).order_by(Hold.opened_at, Hold.id)
    return [hold for hold in session.scalars(query) if view(hold).review_due(now)]


def review_due_notice(hold_ids: list[str]) -> Notice:
    """What the DPO is told of legal holds past their review date (by the sweep, and by `retention list
    --overdue` when sweeps have stopped)."""
    return Notice("retention.hold_review_due", f"{len(hold_ids)} legal hold(s) due for review",
                  "Each keeps data past its retention period. Confirm it is still needed with `intake holds legal "
                  "review HOLD --reason ...`, or release it with `intake holds legal release`.", {"hold_ids": hold_ids})


def place_restriction(ctx: Context, *, reason: str, dataset_id: str | None = None, customer: str | None = None,
                      reference: str = "") -> HoldView:
    """Restrict processing (GDPR art. 18) of a dataset or of every dataset of a customer; deletion continues."""
    return _place(ctx, HoldKind.RESTRICTION, dataset_id, customer, reason, reference)


def release_restriction(ctx: Context, hold_id: str, reason: str) -> HoldView:
    return _release(ctx, HoldKind.RESTRICTION, hold_id, reason)


def list_holds(ctx: Context, dataset_id: str | None = None, customer: str | None = None,
               include_closed: bool = False) -> list[HoldView]:
    actor = ctx.authorise("holds.list", dataset_id=dataset_id)
    ctx.require_trusted_state(actor, "holds.list")  # a deleted or edited hold row must not be listed as if true
    with ctx.registry.session() as session:
        query = select(Hold).order_by(Hold.opened_at, Hold.id)
        if not include_closed:
            query = query.where(Hold.closed_at.is_(None))
        if dataset_id is not None:
            dataset = get_dataset(session, dataset_id)
            query = query.where(or_(Hold.dataset_id == dataset_id,
                                    (Hold.dataset_id.is_(None)) & (Hold.customer_id == dataset.customer_id)))
        if customer is not None:
            query = query.where(Hold.customer_id == resolve_customer(session, customer).id)
        return [view(h) for h in session.scalars(query)]


def ensure_processing_allowed(ctx: Context, dataset_id: str) -> None:
    """Called before every processing step: refuse a restricted dataset, or one being deleted."""
    with ctx.registry.session() as session:
        dataset = get_dataset(session, dataset_id)
        if dataset.state in (DatasetState.DELETING, DatasetState.DELETED):
            reason, detail = dataset.state.value, {}
        else:
            restrictions = _open_holds(session, HoldKind.RESTRICTION, dataset)
            if not restrictions:
                return
            reason, detail = "restricted", {"hold_id": restrictions[0].id}
    actor = ctx.actor()
    ctx.record(actor, "processing.check", dataset_id=dataset_id, outcome="refused", reason=reason, **detail)
    if reason == "restricted":
        raise ProcessingRestricted(
            f"processing of dataset {dataset_id} is restricted (GDPR art. 18) by hold {detail['hold_id']}: "
            "the DPO releases it with `intake holds restrict release`"
        )
    raise ProcessingRestricted(f"dataset {dataset_id} is {reason}: it can no longer be processed")


def open_legal_holds(session: Session, dataset: Dataset) -> list[Hold]:
    return _open_holds(session, HoldKind.LEGAL, dataset)
