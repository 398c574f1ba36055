"""Withdrawal of consent: verification refuses from then on, runs stop at their next step, datasets become due."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from intake.authorisation import (
    CONSENT_WITHDRAWN,
    AlreadyWithdrawn,
    AuthorisationExpired,
    AuthorisationNotFound,
    AuthorisationWithdrawn,
    InvalidName,
    PurposeMismatch,
    check_still_authorised,
    show_authorisation,
    withdraw,
)
from intake.clock import as_utc
from intake.errors import PermissionDenied
from intake.registry.models import Authorisation, Dataset, DatasetState, Purpose, Run
from tests.authorisation.conftest import refusals


def add_dataset(ctx, reference: str, state: DatasetState = DatasetState.QUARANTINED, running: bool = False,
                delete_after=None, deletion_rule=None) -> str:
    with ctx.registry.session() as session:
        auth = session.scalar(select(Authorisation).where(Authorisation.reference == reference))
        dataset = Dataset(customer_id=auth.customer_id, authorisation_id=auth.id, purpose=auth.purpose,
                          purpose_reference=auth.purpose_reference, state=state, received_by="eve",
                          received_at=ctx.clock.now(), fingerprint="0" * 64, delete_after=delete_after,
                          deletion_rule=deletion_rule)
        session.add(dataset)
        session.flush()
        if running:
            session.add(Run(dataset_id=dataset.id, flow="migration", state="running", started_by="eve",
                            started_at=ctx.clock.now()))
        return dataset.id


@pytest.fixture
def registered(auths):
    signed = auths.write()
    auths.register(signed)
    return signed


def dataset_row(ctx, dataset_id: str) -> Dataset:
    with ctx.registry.session() as session:
        return session.get(Dataset, dataset_id)


def test_withdrawal_schedules_every_live_dataset_for_deletion_now(ctx, as_user, clock, registered) -> None:
    processing = add_dataset(ctx, registered.reference, DatasetState.PROCESSING, running=True)
    quarantined = add_dataset(ctx, registered.reference)
    completed = add_dataset(ctx, registered.reference, DatasetState.COMPLETED,
                            delete_after=clock.now() + timedelta(days=180), deletion_rule="migration_completed")
    already_due = add_dataset(ctx, registered.reference, DatasetState.COMPLETED,
                              delete_after=clock.now() - timedelta(days=1), deletion_rule="migration_completed")
    deleted = add_dataset(ctx, registered.reference, DatasetState.DELETED)
    clock.advance(timedelta(hours=1))

    view = withdraw(as_user("sam"), registered.reference, "  customer letter\nof 2026-03-02 ")
    assert (view.withdrawn_by, view.runs_in_progress) == ("sam", 1)
    assert sorted(view.dataset_ids) == sorted([processing, quarantined, completed, already_due])
    for dataset_id in (processing, quarantined, completed):
        row = dataset_row(ctx, dataset_id)
        assert (as_utc(row.delete_after), row.deletion_rule) == (clock.now(), CONSENT_WITHDRAWN)
    assert dataset_row(ctx, already_due).deletion_rule == "migration_completed"  # kept its earlier date
    assert dataset_row(ctx, deleted).delete_after is None

    detail = show_authorisation(ctx, registered.reference)
    assert (detail.summary.state, detail.withdrawn_by) == ("withdrawn", "sam")
    assert detail.summary.withdrawn_at == clock.now()

    events = [e for e in ctx.audit.events() if e.action == "authorisation.withdraw"]
    assert {e.dataset_id for e in events} == {processing, quarantined, completed, already_due, None}
    summary = json.loads(next(e.details for e in events if e.dataset_id is None))
    assert (summary["reason"], summary["datasets_scheduled"]) == ("customer letter of 2026-03-02", 4)


def test_a_run_stops_at_its_next_step(ctx, as_user, registered) -> None:
    dataset_id = add_dataset(ctx, registered.reference, DatasetState.PROCESSING, running=True)
    eve = as_user("eve")
    # step 1 runs ...
    verified = check_still_authorised(eve, dataset_id, Purpose.MIGRATION)
    assert verified.reference == registered.reference
    withdraw(ctx, registered.reference, "customer letter")
    # ... step 2 does not
    with pytest.raises(AuthorisationWithdrawn):
        check_still_authorised(eve, dataset_id, Purpose.MIGRATION)
    [refusal] = [e for e in ctx.audit.events() if e.outcome == "refused"]
    assert (refusal.actor, refusal.dataset_id, json.loads(refusal.details)["check"]) == ("eve", dataset_id, "withdrawn")


def test_check_still_authorised_refuses_wrong_purpose_expiry_and_unknown_datasets(ctx, clock, registered) -> None:
    dataset_id = add_dataset(ctx, registered.reference)
    with pytest.raises(PurposeMismatch, match="received for migration, not fault_investigation"):
        check_still_authorised(ctx, dataset_id, Purpose.FAULT_INVESTIGATION)
    with pytest.raises(AuthorisationNotFound):
        check_still_authorised(ctx, "no-such-dataset", Purpose.MIGRATION)
    clock.advance(timedelta(days=365))
    with pytest.raises(AuthorisationExpired):
        check_still_authorised(ctx, dataset_id, Purpose.MIGRATION)
    assert [r["check"] for r in refusals(ctx, "authorisation.verify")] == ["purpose", "exists", "expired"]


def test_withdraw_twice_unknown_or_without_reason(ctx, registered) -> None:
    with pytest.raises(InvalidName, match="reason"):
        withdraw(ctx, registered.reference, "   ")
    withdraw(ctx, registered.reference, "letter")
    with pytest.raises(AlreadyWithdrawn, match="already withdrawn"):
        withdraw(ctx, registered.reference, "again")
    with pytest.raises(AuthorisationNotFound):
        withdraw(ctx, "AUTH-NOPE", "letter")


def test_withdrawal_needs_permission(ctx, as_user, registered) -> None:
    from intake.users import add_user

    add_user(ctx, "nobody", [])
    with pytest.raises(PermissionDenied, match=r"authorisation\.withdraw"):
        withdraw(as_user("nobody"), registered.reference, "letter")
    assert show_authorisation(ctx, registered.reference).summary.state == "active"
