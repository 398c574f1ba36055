"""`intake retention list --overdue` (hourly from cron) tells of what a stopped sweep cannot: that no sweep has
succeeded within the grace period, and legal holds past their review date; exit 3 and, with --notify, notices on
a local webhook receiver."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from intake.clock import FixedClock, SystemClock
from intake.context import Context
from intake.registry.models import Hold
from intake.retention import place_legal_hold, sweep
from tests.services import Inbox, webhook_receiver

LONG_AGO = datetime(2020, 1, 6, 10, 0, tzinfo=UTC)


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with webhook_receiver() as received:
        monkeypatch.setenv("INTAKE_NOTIFICATIONS__WEBHOOK_URL", received.url)
        yield received


@pytest.fixture
def sweep_at(ctx: Context) -> Callable[..., None]:
    """Run a real sweep (as the DPO) whose audit event carries the given time (default: now)."""

    def run(at: datetime | None = None, dry_run: bool = False) -> None:
        clock = SystemClock() if at is None else FixedClock(at)
        dpo = Context(settings=ctx.settings, actor="dora", clock=clock, registry=ctx.registry, migrate=False)
        sweep(dpo, dry_run=dry_run)

    return run


def events(inbox: Inbox) -> dict[str, dict]:
    return {notice["event"]: notice for notice in inbox.received}


def test_a_sweep_that_never_ran_or_stopped_fails_monitoring_and_is_notified(cli, inbox, sweep_at) -> None:
    # The home was made months ago (the fixture's clock) and no sweep ever succeeded: nothing is due, yet the
    # sweep is plainly not running.
    never = cli("retention", "list", "--overdue", actor="sam")
    assert never.exit_code == 3, never.output
    assert "no deletion sweep succeeded" in never.stdout and "never" in never.stdout
    assert inbox.received == []  # without --notify, the exit code alone
    assert cli("retention", "list", "--overdue", "--notify", actor="sam").exit_code == 3
    notice = events(inbox)["retention.sweep_missed"]
    assert notice["details"]["last_sweep_at"] is None and notice["details"]["grace_hours"] == 26

    # The last successful sweep 30 hours ago: missed under the default grace of 26 hours, not under 48.
    thirty_hours_ago = datetime.now(UTC) - timedelta(hours=30)
    sweep_at(thirty_hours_ago)
    inbox.received.clear()
    stopped = cli("retention", "list", "--overdue", "--notify", actor="sam")
    assert stopped.exit_code == 3, stopped.output
    last = datetime.fromisoformat(events(inbox)["retention.sweep_missed"]["details"]["last_sweep_at"])
    assert abs(last - thirty_hours_ago) < timedelta(seconds=1)
    assert cli("retention", "list", "--overdue", "--grace-hours", "48", actor="sam").exit_code == 0

    # A dry run deletes nothing and does not count; a real sweep now does.
    sweep_at(dry_run=True)
    assert cli("retention", "list", "--overdue", actor="sam").exit_code == 3
    sweep_at()
    inbox.received.clear()
    fine = cli("retention", "list", "--overdue", "--notify", actor="sam")
    assert fine.exit_code == 0, fine.output
    assert inbox.received == []


def test_legal_holds_past_their_review_date_are_reported_without_the_sweep(
        cli, ctx, factory, inbox, sweep_at, as_user) -> None:
    sweep_at()  # the sweep ran: only the hold is wrong
    made = factory.dataset()
    hold = place_legal_hold(as_user("dora"), reason="claim", dataset_id=made.dataset_id, reference="LM-7",
                            review_by=datetime(2099, 6, 30, tzinfo=UTC))
    assert cli("retention", "list", "--overdue", actor="sam").exit_code == 0  # review date in the future
    with ctx.registry.session() as session:
        session.get(Hold, hold.id).review_by = LONG_AGO

    listed = cli("retention", "list", "--overdue", "--notify", actor="sam")

    assert listed.exit_code == 3, listed.output
    assert "1 legal hold(s) past their review date" in listed.stdout and hold.id in listed.stdout
    [notice] = inbox.received
    assert notice["event"] == "retention.hold_review_due" and notice["details"]["hold_ids"] == [hold.id]
    assert "claim" not in str(notice) and "LM-7" not in str(notice)  # ids only, never the hold's reason
