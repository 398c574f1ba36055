"""What cron and monitoring check hourly (`intake retention list --overdue`): datasets overdue for deletion, a
sweep that stopped running, and legal holds past their review date.

When the sweep stops (the worker or the server down, its schedule paused or deleted in the UI) it cannot report
itself, and the sweep is also what reminds the DPO of holds due for review. So this looks at the audit log: a
missed sweep is one whose last successful run (`retention.sweep`, outcome ok, not a dry run) is older than the
grace period; a registry never swept counts from its first audit event (`intake init`). Notices carry ids,
counts and times only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from intake.clock import as_utc
from intake.context import Context
from intake.notify import Notice, notify
from intake.registry.audit_tables import AuditEvent
from intake.retention.hold_view import HoldView, view
from intake.retention.holds import holds_due_for_review, review_due_notice
from intake.retention.rules import RetentionDecision, Status, list_retention

SWEEP_ACTION = "retention.sweep"


@dataclass(frozen=True)
class MissedSweep:
    """No successful sweep within the grace period: the last one (None: never) and since when the log counts."""

    last_sweep_at: datetime | None
    since: datetime
    grace_hours: float


@dataclass
class Overdue:
    grace_hours: float
    datasets: list[RetentionDecision] = field(default_factory=list)
    missed_sweep: MissedSweep | None = None
    reviews_due: list[HoldView] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.datasets or self.missed_sweep or self.reviews_due)


def last_successful_sweep(ctx: Context) -> datetime | None:
    """When the last sweep that ran to the end finished (its `retention.sweep` event); dry runs do not count."""
    with ctx.registry.session() as session:
        query = (select(AuditEvent.at, AuditEvent.details)
                 .where(AuditEvent.action == SWEEP_ACTION, AuditEvent.outcome == "ok")
                 .order_by(AuditEvent.seq.desc()))
        for at, details in session.execute(query).yield_per(100):
            try:
                dry_run = json.loads(details or "{}").get("dry_run")
            except (ValueError, AttributeError):
                continue
            if dry_run is False:
                return as_utc(at)
    return None


def _first_event(ctx: Context) -> datetime | None:
    with ctx.registry.session() as session:
        at = session.scalar(select(AuditEvent.at).order_by(AuditEvent.seq).limit(1))
    return as_utc(at) if at is not None else None


def missed_sweep(ctx: Context, grace_hours: float) -> MissedSweep | None:
    now = ctx.clock.now()
    last = last_successful_sweep(ctx)
    since = last or _first_event(ctx)
    if since is None or now - since <= timedelta(hours=grace_hours):
        return None
    return MissedSweep(last, since, grace_hours)


def overdue(ctx: Context, grace_hours: float) -> Overdue:
    """Everything `retention list --overdue` reports (authorised and state-checked as `retention.list`)."""
    found = list_retention(ctx)
    now = ctx.clock.now()
    limit = now - timedelta(hours=grace_hours)
    with ctx.registry.session() as session:
        reviews = [view(hold) for hold in holds_due_for_review(session, now)]
    return Overdue(grace_hours,
                   [d for d in found if d.status is Status.DUE and d.due_at is not None and d.due_at <= limit],
                   missed_sweep(ctx, grace_hours), reviews)


def notify_overdue(ctx: Context, found: Overdue) -> list[str]:
    """Tell the DPO on the configured channels, one notice per kind of finding; returns the events sent."""
    sent = []
    if found.datasets:
        sent.append(_send(ctx, Notice(
            "retention.overdue", f"{len(found.datasets)} dataset(s) overdue for deletion",
            f"Due for longer than {found.grace_hours:g} hours and not held: the scheduled sweep did not run or did not "
            "delete them. Run `intake retention sweep` (DPO) and check the Prefect worker.",
            {"dataset_ids": [d.dataset_id for d in found.datasets], "grace_hours": found.grace_hours})))
    if found.missed_sweep is not None:
        missed = found.missed_sweep
        last = missed.last_sweep_at.isoformat() if missed.last_sweep_at else None
        sent.append(_send(ctx, Notice(
            "retention.sweep_missed", f"No deletion sweep has succeeded for over {missed.grace_hours:g} hours",
            ("The last successful sweep was at " + last if last else "No sweep has ever succeeded on this installation")
            + ". The scheduled sweep stopped (worker or Prefect server down, schedule paused or deleted): check the "
            "worker and the retention-sweep deployment's schedule, or run `intake retention sweep` (DPO).",
            {"last_sweep_at": last, "since": missed.since.isoformat(), "grace_hours": missed.grace_hours})))
    if found.reviews_due:
        sent.append(_send(ctx, review_due_notice([h.id for h in found.reviews_due])))
    return sent


def _send(ctx: Context, notice: Notice) -> str:
    notify(ctx, notice)
    return notice.event
