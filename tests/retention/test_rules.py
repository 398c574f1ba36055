"""Retention rules with a fixed clock: each rule, month-end arithmetic, holds, withdrawal, flagging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.registry.models import DatasetState, HoldKind, HoldOutcome, Purpose
from intake.retention.hold_view import HoldView
from intake.retention.rules import (
    DatasetFacts,
    RetentionPolicy,
    Rule,
    Status,
    add_months,
    decide,
)

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
POLICY = RetentionPolicy(migration_months=6, fault_grace_days=0, flag_after_days=365)


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def migration(**overrides: object) -> DatasetFacts:
    values: dict[str, object] = dict(
        dataset_id="d1", customer_id="c1", purpose=Purpose.MIGRATION, state=DatasetState.PROCESSED,
        received_at=at(2025, 6, 1),
    )
    values.update(overrides)
    return DatasetFacts(**values)  # type: ignore[arg-type]


def fault(**overrides: object) -> DatasetFacts:
    return migration(purpose=Purpose.FAULT_INVESTIGATION, purpose_reference="FT-1", **overrides)


def hold(kind: HoldKind, dataset_id: str | None = "d1", customer_id: str | None = "c1", **kw: object) -> HoldView:
    values: dict[str, object] = dict(id=f"h-{kind.value}", kind=kind, reference="REF", dataset_id=dataset_id,
                                     customer_id=customer_id, reason="", opened_by="someone",
                                     opened_at=at(2025, 6, 2), closed_by=None, closed_at=None, outcome=None)
    values.update(kw)
    return HoldView(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (at(2025, 8, 31), 6, at(2026, 2, 28)),  # 31 Aug + 6 months: February's last day
        (at(2023, 8, 31), 6, at(2024, 2, 29)),  # leap year
        (at(2026, 3, 31), 6, at(2026, 9, 30)),  # 30-day month
        (at(2026, 3, 2), 6, at(2026, 9, 2)),
        (at(2026, 1, 31), 1, at(2026, 2, 28)),
        (at(2026, 10, 31), 4, at(2027, 2, 28)),  # across the year end
        (at(2026, 5, 15), 0, at(2026, 5, 15)),
        (at(2026, 7, 31), 24, at(2028, 7, 31)),
    ],
)
def test_calendar_months_clamp_to_month_end(start: datetime, months: int, expected: datetime) -> None:
    assert add_months(start, months) == expected


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
       st.integers(min_value=0, max_value=120))
def test_month_arithmetic_lands_in_the_right_month_never_later_day(start: datetime, months: int) -> None:
    due = add_months(start, months)
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == months
    assert due.day <= start.day  # only clamped down at a month end, never spills into the next month
    assert due.time() == start.time()


def test_migration_not_completed_is_open_with_no_due_date() -> None:
    decision = decide(migration(), [], POLICY, NOW)
    assert decision.status is Status.OPEN and decision.due_at is None and decision.rule is None


def test_migration_due_six_calendar_months_after_completion() -> None:
    facts = migration(state=DatasetState.COMPLETED, completed_at=at(2025, 8, 31))
    before = decide(facts, [], POLICY, at(2026, 2, 27))
    assert before.status is Status.WAITING
    assert before.due_at == at(2026, 2, 28) and before.rule is Rule.MIGRATION_COMPLETED
    assert "6 months (default)" in before.reason
    assert decide(facts, [], POLICY, at(2026, 2, 28)).status is Status.DUE


def test_customer_contract_months_override_the_default() -> None:
    facts = migration(state=DatasetState.COMPLETED, completed_at=at(2025, 8, 31), customer_retention_months=3)
    decision = decide(facts, [], POLICY, NOW)
    assert decision.due_at == at(2025, 11, 30)
    assert decision.status is Status.DUE and "3 months (customer contract)" in decision.reason


def test_fixed_delete_after_wins_over_recomputation() -> None:
    # The date fixed at completion stays even if the default period changes later.
    facts = migration(state=DatasetState.COMPLETED, completed_at=at(2025, 8, 31), delete_after=at(2026, 2, 28))
    assert decide(facts, [], RetentionPolicy(migration_months=12), NOW).due_at == at(2026, 2, 28)


def test_fault_dataset_kept_while_its_fault_hold_is_open() -> None:
    decision = decide(fault(), [hold(HoldKind.FAULT, reference="FT-1")], POLICY, NOW)
    assert decision.status is Status.OPEN and decision.due_at is None
    assert "fault hold open under ticket FT-1" in decision.reason


@pytest.mark.parametrize("outcome", [HoldOutcome.RESOLVED, HoldOutcome.TERMINATED])
def test_fault_dataset_due_when_hold_closes_resolved_or_terminated(outcome: HoldOutcome) -> None:
    closed = hold(HoldKind.FAULT, closed_at=at(2026, 3, 1), outcome=outcome)
    decision = decide(fault(), [closed], POLICY, NOW)
    assert decision.status is Status.DUE and decision.rule is Rule.FAULT_CLOSED
    assert decision.due_at == at(2026, 3, 1)


def test_fault_grace_period_delays_deletion() -> None:
    closed = hold(HoldKind.FAULT, closed_at=at(2026, 3, 1), outcome=HoldOutcome.RESOLVED)
    policy = RetentionPolicy(fault_grace_days=14)
    decision = decide(fault(), [closed], policy, NOW)
    assert decision.status is Status.WAITING and decision.due_at == at(2026, 3, 15)
    assert decide(fault(), [closed], policy, at(2026, 3, 15)).status is Status.DUE


def test_reopened_fault_hold_keeps_the_dataset_again() -> None:
    first = hold(HoldKind.FAULT, id="h1", closed_at=at(2026, 2, 1), outcome=HoldOutcome.RESOLVED)
    reopened = hold(HoldKind.FAULT, id="h2", opened_at=at(2026, 2, 10))
    assert decide(fault(), [first, reopened], POLICY, NOW).status is Status.OPEN


def test_consent_withdrawn_is_due_at_once_even_during_a_fault_hold() -> None:
    facts = fault(consent_withdrawn_at=NOW)
    decision = decide(facts, [hold(HoldKind.FAULT)], POLICY, NOW)
    assert decision.status is Status.DUE and decision.rule is Rule.CONSENT_WITHDRAWN and decision.due_at == NOW


def test_consent_withdrawn_overrides_a_later_migration_date() -> None:
    facts = migration(state=DatasetState.COMPLETED, completed_at=at(2026, 3, 1), consent_withdrawn_at=NOW)
    decision = decide(facts, [], POLICY, NOW)
    assert decision.status is Status.DUE and decision.rule is Rule.CONSENT_WITHDRAWN


@pytest.mark.parametrize("scope", ["dataset", "customer"])
def test_legal_hold_suspends_every_rule(scope: str) -> None:
    legal = hold(HoldKind.LEGAL, dataset_id="d1" if scope == "dataset" else None)
    for facts in (
        migration(state=DatasetState.COMPLETED, completed_at=at(2025, 1, 1)),
        fault(consent_withdrawn_at=NOW),
        migration(state=DatasetState.DELETING, deletion_started_at=NOW, deletion_rule="consent_withdrawn"),
    ):
        decision = decide(facts, [legal], POLICY, NOW)
        assert decision.status is Status.HELD, facts
        assert decision.legal_holds == (legal.id,)
        assert "suspended by legal hold" in decision.reason


def test_legal_hold_of_another_customer_or_dataset_does_not_apply() -> None:
    facts = migration(state=DatasetState.COMPLETED, completed_at=at(2025, 1, 1))
    others = [hold(HoldKind.LEGAL, dataset_id=None, customer_id="c2"), hold(HoldKind.LEGAL, dataset_id="d2")]
    assert decide(facts, others, POLICY, NOW).status is Status.DUE


def test_released_legal_hold_no_longer_suspends() -> None:
    released = hold(HoldKind.LEGAL, closed_at=at(2026, 3, 1), outcome=HoldOutcome.RELEASED)
    facts = migration(state=DatasetState.COMPLETED, completed_at=at(2025, 1, 1))
    assert decide(facts, [released], POLICY, NOW).status is Status.DUE


def test_restriction_of_processing_never_delays_deletion() -> None:
    facts = migration(state=DatasetState.COMPLETED, completed_at=at(2025, 1, 1))
    decision = decide(facts, [hold(HoldKind.RESTRICTION, dataset_id=None)], POLICY, NOW)
    assert decision.status is Status.DUE and decision.restricted


def test_interrupted_deletion_is_due_to_resume() -> None:
    facts = migration(state=DatasetState.DELETING, completed_at=at(2025, 1, 1),
                      deletion_started_at=NOW - timedelta(hours=1), deletion_rule="migration_completed")
    decision = decide(facts, [], POLICY, NOW)
    assert decision.status is Status.DUE and decision.rule is Rule.MIGRATION_COMPLETED
    assert "resume" in decision.reason


def test_purpose_never_completing_is_flagged_after_the_limit() -> None:
    received = NOW - timedelta(days=365)
    assert decide(migration(received_at=received + timedelta(seconds=1)), [], POLICY, NOW).status is Status.OPEN
    flagged = decide(migration(received_at=received), [], POLICY, NOW)
    assert flagged.status is Status.FLAGGED and "the DPO decides" in flagged.reason
    # An open fault hold that never closes is flagged too; a legal hold is deliberate and is not.
    assert decide(fault(received_at=received), [hold(HoldKind.FAULT)], POLICY, NOW).status is Status.FLAGGED
    held = decide(migration(received_at=received), [hold(HoldKind.LEGAL)], POLICY, NOW)
    assert held.status is Status.HELD


def test_waiting_dataset_is_not_flagged_even_when_old() -> None:
    facts = migration(state=DatasetState.COMPLETED, received_at=at(2020, 1, 1), completed_at=at(2026, 3, 1))
    assert decide(facts, [], POLICY, NOW).status is Status.WAITING
