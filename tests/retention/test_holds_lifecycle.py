"""Holds, migration completion and permissions against a real registry, with the fixed clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr

from intake.clock import as_utc
from intake.errors import PermissionDenied
from intake.registry.audit_tables import AuditEvent
from intake.registry.models import DatasetState, HoldKind, HoldOutcome, Purpose
from intake.retention import (
    HoldNotFound,
    HoldStateError,
    LifecycleError,
    ProcessingRestricted,
    Rule,
    Status,
    close_fault_hold,
    complete_migration,
    decisions,
    ensure_processing_allowed,
    list_holds,
    list_retention,
    open_fault_hold,
    place_legal_hold,
    place_restriction,
    release_legal_hold,
    release_restriction,
    review_legal_hold,
    sweep,
)
from tests.services import webhook_receiver


def refusals(ctx, action: str) -> list[AuditEvent]:
    return [e for e in ctx.audit.events() if e.action == action and e.outcome == "refused"]


def status_of(ctx, dataset_id: str):
    (decision,) = decisions(ctx, [dataset_id])
    return decision


# Migration completion ------------------------------------------------------------------------------

def test_engineer_completes_migration_and_deletion_date_is_fixed(ctx, as_user, factory, clock) -> None:
    clock.set(datetime(2025, 8, 31, 15, 0, tzinfo=UTC))
    made = factory.dataset()
    done = complete_migration(as_user("eve"), made.dataset_id)
    assert done.delete_after == datetime(2026, 2, 28, 15, 0, tzinfo=UTC) and done.months == 6
    row = factory.get(made.dataset_id)
    assert row.state is DatasetState.COMPLETED
    assert as_utc(row.delete_after) == done.delete_after and row.deletion_rule == Rule.MIGRATION_COMPLETED
    clock.set(datetime(2026, 2, 28, 14, 59, tzinfo=UTC))
    assert status_of(ctx, made.dataset_id).status is Status.WAITING
    clock.set(datetime(2026, 2, 28, 15, 0, tzinfo=UTC))
    assert status_of(ctx, made.dataset_id).status is Status.DUE
    (event,) = [e for e in ctx.audit.events(made.dataset_id) if e.action == "migration.complete"]
    assert event.actor == "eve" and json.loads(event.details)["months"] == 6


def test_completion_uses_the_customers_contract_period(as_user, factory, clock) -> None:
    clock.set(datetime(2026, 3, 31, 8, 0, tzinfo=UTC))
    made = factory.dataset(customer_id=factory.customer(retention_months=12))
    done = complete_migration(as_user("eve"), made.dataset_id)
    assert done.delete_after == datetime(2027, 3, 31, 8, 0, tzinfo=UTC) and done.months == 12


@pytest.mark.parametrize("user", ["sam", "dora", "ada"])
def test_only_engineers_complete_migrations(ctx, as_user, factory, user: str) -> None:
    made = factory.dataset()
    with pytest.raises(PermissionDenied, match=r"migration.complete"):
        complete_migration(as_user(user), made.dataset_id)
    assert factory.get(made.dataset_id).state is DatasetState.PROCESSED
    assert refusals(ctx, "migration.complete")


def test_completion_refused_before_delivery_twice_or_for_fault(as_user, factory) -> None:
    eve = as_user("eve")
    with pytest.raises(LifecycleError, match="processing"):
        complete_migration(eve, factory.dataset(state=DatasetState.PROCESSING).dataset_id)
    with pytest.raises(LifecycleError, match="fault"):
        complete_migration(eve, factory.dataset(purpose=Purpose.FAULT_INVESTIGATION).dataset_id)
    with pytest.raises(LifecycleError, match=r"consent .* was withdrawn"):
        complete_migration(eve, factory.dataset(withdrawn_at=factory.ctx.clock.now()).dataset_id)
    made = factory.dataset()
    complete_migration(eve, made.dataset_id)
    with pytest.raises(LifecycleError, match="was completed on"):
        complete_migration(eve, made.dataset_id)


# Fault holds ----------------------------------------------------------------------------------------

def test_fault_hold_keeps_dataset_until_closed_then_due(ctx, as_user, factory, clock) -> None:
    made = factory.dataset(purpose=Purpose.FAULT_INVESTIGATION, state=DatasetState.QUARANTINED)
    sam = as_user("sam")
    hold = open_fault_hold(sam, made.dataset_id, made.purpose_reference)
    assert hold.kind is HoldKind.FAULT and hold.reference == made.purpose_reference and hold.opened_by == "sam"
    clock.advance(timedelta(days=30))
    assert status_of(ctx, made.dataset_id).status is Status.OPEN
    closed = close_fault_hold(sam, made.dataset_id, "resolved")
    assert closed.delete_after == clock.now() and closed.hold.outcome is HoldOutcome.RESOLVED
    decision = status_of(ctx, made.dataset_id)
    assert decision.status is Status.DUE and decision.rule is Rule.FAULT_CLOSED
    assert list_holds(sam, made.dataset_id) == []
    assert [h.id for h in list_holds(sam, made.dataset_id, include_closed=True)] == [hold.id]


def test_fault_grace_days_setting(ctx, as_user, factory, clock) -> None:
    ctx.settings.retention.fault_grace_days = 7
    made = factory.dataset(purpose=Purpose.FAULT_INVESTIGATION)
    sam = as_user("sam")
    open_fault_hold(sam, made.dataset_id, made.purpose_reference)
    closed = close_fault_hold(sam, made.dataset_id, HoldOutcome.TERMINATED)
    assert closed.delete_after == clock.now() + timedelta(days=7)
    assert status_of(ctx, made.dataset_id).status is Status.WAITING
    clock.advance(timedelta(days=7))
    assert status_of(ctx, made.dataset_id).status is Status.DUE


def test_fault_hold_refusals(ctx, as_user, factory) -> None:
    made = factory.dataset(purpose=Purpose.FAULT_INVESTIGATION)
    sam = as_user("sam")
    for user in ("eve", "dora", "ada"):
        with pytest.raises(PermissionDenied, match=r"fault.open"):
            open_fault_hold(as_user(user), made.dataset_id, made.purpose_reference)
    with pytest.raises(HoldStateError, match="authorised for fault ticket"):
        open_fault_hold(sam, made.dataset_id, "FT-OTHER")
    with pytest.raises(HoldStateError, match="fault datasets only"):
        open_fault_hold(sam, factory.dataset().dataset_id, "MIG-1")
    with pytest.raises(HoldNotFound, match="no open fault hold"):
        close_fault_hold(sam, made.dataset_id, "resolved")
    open_fault_hold(sam, made.dataset_id, made.purpose_reference)
    with pytest.raises(HoldStateError, match="already has an open fault hold"):
        open_fault_hold(sam, made.dataset_id, made.purpose_reference)
    with pytest.raises(PermissionDenied, match=r"fault.close"):
        close_fault_hold(as_user("eve"), made.dataset_id, "resolved")
    with pytest.raises(HoldStateError, match="resolved or terminated"):
        close_fault_hold(sam, made.dataset_id, "released")
    assert status_of(ctx, made.dataset_id).status is Status.OPEN
    reasons = [json.loads(e.details)["reason"] for e in refusals(ctx, "fault.open")]
    assert reasons == ["permission"] * 3 + ["HoldStateError"] * 3  # state refusals are audited too, by type
    assert [json.loads(e.details)["reason"] for e in refusals(ctx, "fault.close")] == [
        "HoldNotFound", "permission", "HoldStateError"]
    withdrawn = factory.dataset(purpose=Purpose.FAULT_INVESTIGATION, withdrawn_at=ctx.clock.now())
    with pytest.raises(HoldStateError, match="withdrawn"):
        open_fault_hold(sam, withdrawn.dataset_id, withdrawn.purpose_reference)


def test_reopening_a_closed_fault_ticket_keeps_the_dataset(ctx, as_user, factory) -> None:
    made = factory.dataset(purpose=Purpose.FAULT_INVESTIGATION)
    sam = as_user("sam")
    open_fault_hold(sam, made.dataset_id, made.purpose_reference)
    close_fault_hold(sam, made.dataset_id, "resolved")
    open_fault_hold(sam, made.dataset_id, made.purpose_reference)
    assert factory.get(made.dataset_id).delete_after is None
    assert status_of(ctx, made.dataset_id).status is Status.OPEN


# Legal holds ----------------------------------------------------------------------------------------

def _completed_and_due(factory, as_user, clock) -> str:
    made = factory.dataset()
    complete_migration(as_user("eve"), made.dataset_id)
    clock.advance(timedelta(days=200))
    return made.dataset_id


def test_legal_hold_suspends_until_released(ctx, as_user, factory, clock) -> None:
    dataset_id = _completed_and_due(factory, as_user, clock)
    dora = as_user("dora")
    hold = place_legal_hold(dora, dataset_id=dataset_id, reason="litigation pending", reference="LM-7")
    decision = status_of(ctx, dataset_id)
    assert decision.status is Status.HELD and decision.legal_holds == (hold.id,)
    clock.advance(timedelta(days=3650))  # never overridden by time
    assert status_of(ctx, dataset_id).status is Status.HELD
    release_legal_hold(dora, hold.id, reason="matter closed")
    assert status_of(ctx, dataset_id).status is Status.DUE
    (event,) = [e for e in ctx.audit.events() if e.action == "legal_hold.release"]
    assert json.loads(event.details)["release_reason"] == "matter closed"


def test_customer_wide_legal_hold_covers_every_dataset_of_that_customer(ctx, as_user, factory, clock) -> None:
    customer = factory.customer(name="St Elsewhere NHS Trust")
    other_customer_dataset = factory.dataset()
    ours = [factory.dataset(customer_id=customer), factory.dataset(customer_id=customer, withdrawn_at=clock.now())]
    for made in [*ours, other_customer_dataset]:
        if made is not ours[1]:
            complete_migration(as_user("eve"), made.dataset_id)
    clock.advance(timedelta(days=200))
    hold = place_legal_hold(as_user("dora"), customer="St Elsewhere NHS Trust", reason="regulator inquiry")
    assert hold.customer_id == customer and hold.dataset_id is None
    by_id = {d.dataset_id: d for d in list_retention(ctx)}
    assert all(by_id[m.dataset_id].status is Status.HELD for m in ours)
    assert by_id[other_customer_dataset.dataset_id].status is Status.DUE
    assert [h.id for h in list_holds(ctx, ours[0].dataset_id)] == [hold.id]
    assert [h.id for h in list_holds(ctx, customer="St Elsewhere NHS Trust")] == [hold.id]


@pytest.mark.parametrize("user", ["eve", "sam", "ada"])
def test_only_the_dpo_places_or_releases_legal_holds(ctx, as_user, factory, user: str) -> None:
    made = factory.dataset()
    with pytest.raises(PermissionDenied, match=r"legal_hold.manage"):
        place_legal_hold(as_user(user), dataset_id=made.dataset_id, reason="x")
    hold = place_legal_hold(as_user("dora"), dataset_id=made.dataset_id, reason="claim")
    with pytest.raises(PermissionDenied, match=r"legal_hold.manage"):
        release_legal_hold(as_user(user), hold.id, reason="x")
    assert [h.id for h in list_holds(ctx)] == [hold.id]
    assert len(refusals(ctx, "legal_hold.manage")) == 2


def test_legal_hold_needs_reason_and_exactly_one_target(as_user, factory) -> None:
    dora = as_user("dora")
    made = factory.dataset()
    with pytest.raises(HoldStateError, match="needs a reason"):
        place_legal_hold(dora, dataset_id=made.dataset_id, reason="  ")
    with pytest.raises(HoldStateError, match="exactly one"):
        place_legal_hold(dora, reason="claim")
    with pytest.raises(HoldStateError, match="exactly one"):
        place_legal_hold(dora, dataset_id=made.dataset_id, customer=made.customer_id, reason="claim")
    hold = place_legal_hold(dora, dataset_id=made.dataset_id, reason="claim")
    with pytest.raises(HoldStateError, match="needs a reason"):
        release_legal_hold(dora, hold.id, reason="")
    release_legal_hold(dora, hold.id, reason="settled")
    with pytest.raises(HoldStateError, match="already released"):
        release_legal_hold(dora, hold.id, reason="again")
    with pytest.raises(HoldNotFound):
        release_restriction(dora, hold.id, reason="wrong kind")


def test_a_legal_hold_past_its_review_date_is_told_to_the_dpo_once_until_reviewed(ctx, as_user, factory,
                                                                                 clock) -> None:
    """A legal hold keeps data past its retention period: it has a review date (by default
    retention.legal_hold_review_days), and the sweep tells the DPO once when it has passed."""
    dora = as_user("dora")
    made = factory.dataset()
    hold = place_legal_hold(dora, dataset_id=made.dataset_id, reason="litigation pending")
    assert hold.review_by == clock.now() + timedelta(days=ctx.settings.retention.legal_hold_review_days)
    with webhook_receiver() as inbox:
        ctx.settings.notifications.webhook_url = SecretStr(inbox.url)
        assert sweep(ctx).reviews_due == [] and inbox.received == []
        clock.advance(timedelta(days=91))
        assert sweep(ctx).reviews_due == [hold.id]
        [notice] = inbox.received
        assert notice["event"] == "retention.hold_review_due" and notice["details"]["hold_ids"] == [hold.id]
        again = sweep(ctx)  # told once per review date, not every night
        assert again.reviews_due == [hold.id] and again.newly_reviews_due == [] and len(inbox.received) == 1
        with pytest.raises(PermissionDenied, match=r"legal_hold.manage"):
            review_legal_hold(as_user("eve"), hold.id, reason="still needed")
        with pytest.raises(HoldStateError, match="needs a reason"):
            review_legal_hold(dora, hold.id, reason=" ")
        with pytest.raises(HoldStateError, match="not in the future"):
            review_legal_hold(dora, hold.id, reason="still needed", next_review=clock.now())
        reviewed = review_legal_hold(dora, hold.id, reason="claim still open",
                                     next_review=clock.now() + timedelta(days=30))
        assert reviewed.review_by == clock.now() + timedelta(days=30)
        assert sweep(ctx).reviews_due == []
        clock.advance(timedelta(days=31))
        assert sweep(ctx).newly_reviews_due == [hold.id] and len(inbox.received) == 2
    (event,) = [e for e in ctx.audit.events() if e.action == "legal_hold.review" and e.outcome == "ok"]
    assert (event.actor, json.loads(event.details)["review_reason"]) == ("dora", "claim still open")
    assert len([e for e in ctx.audit.events() if e.action == "legal_hold.review_due"]) == 2
    assert status_of(ctx, made.dataset_id).legal_holds == (hold.id,)  # a missed review never lifts the hold


def test_a_legal_hold_review_date_must_be_in_the_future(as_user, factory, clock) -> None:
    with pytest.raises(HoldStateError, match="not in the future"):
        place_legal_hold(as_user("dora"), dataset_id=factory.dataset().dataset_id, reason="claim",
                         review_by=clock.now() - timedelta(days=1))


# Restriction of processing ---------------------------------------------------------------------------

def test_restriction_blocks_processing_but_not_deletion(ctx, as_user, factory, clock) -> None:
    dataset_id = _completed_and_due(factory, as_user, clock)
    fresh = factory.dataset(state=DatasetState.QUARANTINED)
    ensure_processing_allowed(ctx, fresh.dataset_id)
    dora = as_user("dora")
    with pytest.raises(PermissionDenied, match=r"restriction.manage"):
        place_restriction(as_user("eve"), dataset_id=fresh.dataset_id, reason="objection")
    restriction = place_restriction(dora, dataset_id=fresh.dataset_id, reason="accuracy contested")
    with pytest.raises(ProcessingRestricted, match="restricted"):
        ensure_processing_allowed(as_user("eve"), fresh.dataset_id)
    refused = [e for e in ctx.audit.events(fresh.dataset_id) if e.action == "processing.check"]
    assert refused and refused[-1].outcome == "refused"
    # A customer-wide restriction reaches every dataset of the customer, and deletion still goes ahead.
    place_restriction(dora, customer=factory.get(dataset_id).customer_id, reason="art. 18 request")
    with pytest.raises(ProcessingRestricted):
        ensure_processing_allowed(ctx, dataset_id)
    decision = status_of(ctx, dataset_id)
    assert decision.status is Status.DUE and decision.restricted
    release_restriction(dora, restriction.id, reason="resolved")
    ensure_processing_allowed(ctx, fresh.dataset_id)


def test_processing_refused_once_deletion_started(ctx, factory) -> None:
    made = factory.dataset(state=DatasetState.DELETING)
    with pytest.raises(ProcessingRestricted, match="deleting"):
        ensure_processing_allowed(ctx, made.dataset_id)


# Withdrawal and flagging through the registry ---------------------------------------------------------

def test_withdrawn_consent_is_due_at_once(ctx, factory, clock) -> None:
    made = factory.dataset(state=DatasetState.PROCESSING, withdrawn_at=clock.now())
    decision = status_of(ctx, made.dataset_id)
    assert decision.status is Status.DUE and decision.rule is Rule.CONSENT_WITHDRAWN
    assert decision.authorisation_reference == made.authorisation_reference


def test_list_shows_flagged_and_sweep_flags_once(ctx, as_user, factory, clock) -> None:
    from intake.retention import sweep

    old = factory.dataset(state=DatasetState.PROCESSED, received_at=clock.now() - timedelta(days=400))
    young = factory.dataset(state=DatasetState.PROCESSED)
    by_id = {d.dataset_id: d for d in list_retention(as_user("sam"))}
    assert by_id[old.dataset_id].status is Status.FLAGGED and by_id[young.dataset_id].status is Status.OPEN
    dry = sweep(as_user("dora"), dry_run=True)
    assert dry.flagged == [old.dataset_id] and factory.get(old.dataset_id).flagged_at is None
    report = sweep(as_user("dora"))
    assert report.newly_flagged == [old.dataset_id] and not report.deleted
    assert as_utc(factory.get(old.dataset_id).flagged_at) == clock.now()
    again = sweep(as_user("dora"))
    assert again.flagged == [old.dataset_id] and again.newly_flagged == []
    flags = [e for e in ctx.audit.events(old.dataset_id) if e.action == "retention.flag"]
    assert len(flags) == 1 and json.loads(flags[0].details)["notify"] == "dpo"
    assert factory.get(old.dataset_id).state is DatasetState.PROCESSED  # flagged, never deleted silently
