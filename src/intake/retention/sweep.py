"""The deletion sweep: delete every dataset that is due, prove it, and certify it.

Safe under faults: each dataset is deleted by deletion.py, resumably (a sweep killed at any point leaves a
dataset that says it is half deleted, and the next sweep resumes it). Here: which datasets are due, held or
flagged to the DPO, legal holds past their review date, the report, and telling people when something failed.

Two sweeps never process the same datasets: the sweep holds a lease in the registry's lock table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from intake.context import Actor, Context
from intake.errors import IntakeError
from intake.logs import get_logger, log_event
from intake.notify import Notice, notify
from intake.registry.models import Dataset, DatasetState
from intake.retention.certificates import load_service_key
from intake.retention.deletion import DeletedDataset, LegalHoldArrived, SweepHooks, delete_dataset
from intake.retention.errors import ServiceKeyMissing, SweepLockLost
from intake.retention.holds import holds_due_for_review, review_due_notice
from intake.retention.lock import RegistryLock
from intake.retention.rules import RetentionDecision, Status, decisions

__all__ = ["DEFAULT_LEASE", "LOCK_NAME", "DeletedDataset", "SweepFailure", "SweepHooks", "SweepReport",
           "delete_dataset", "sweep"]

LOCK_NAME = "retention-sweep"
DEFAULT_LEASE = timedelta(minutes=30)
logger = get_logger("intake.retention.sweep")


@dataclass(frozen=True)
class SweepFailure:
    dataset_id: str
    error: str
    message: str


@dataclass
class SweepReport:
    started_at: datetime
    dry_run: bool
    finished_at: datetime | None = None
    deleted: list[DeletedDataset] = field(default_factory=list)
    due: list[str] = field(default_factory=list)  # due now (a dry run deletes none of them)
    held: list[str] = field(default_factory=list)  # due or half deleted, but under a legal hold
    flagged: list[str] = field(default_factory=list)  # no due date after flag_after_days
    newly_flagged: list[str] = field(default_factory=list)
    failed: list[SweepFailure] = field(default_factory=list)
    reviews_due: list[str] = field(default_factory=list)  # legal holds past their review date
    newly_reviews_due: list[str] = field(default_factory=list)  # ... that the DPO is told of by this sweep

    def summary(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "due": len(self.due), "deleted": len(self.deleted),
                "held": len(self.held), "flagged": len(self.flagged), "failed": len(self.failed),
                "reviews_due": len(self.reviews_due)}


def sweep(
    ctx: Context,
    dry_run: bool = False,
    *,
    wait: float = 0.0,
    lease: timedelta = DEFAULT_LEASE,
    hooks: SweepHooks | None = None,
) -> SweepReport:
    """Delete every due dataset not under a legal hold; flag overdue purposes to the DPO.

    `wait`: seconds to wait for another running sweep before refusing with SweepLocked.
    A dry run takes no lock and changes nothing: it reports what a sweep would do now.
    A sweep that fails or is refused, a dataset that could not be deleted and newly flagged datasets are
    notified (notify.py) as well as audited: nobody reads audit logs at 02:30.
    """
    try:
        report = _sweep(ctx, dry_run, wait=wait, lease=lease, hooks=hooks)
    except Exception as exc:
        said = str(exc) if isinstance(exc, IntakeError) else "(message withheld)"
        notify(ctx, Notice("retention.sweep_failed", "The deletion sweep did not run to the end",
                           f"The retention sweep run as '{ctx.actor_name}' stopped with {type(exc).__name__}: "
                           f"{said}\nDatasets due for deletion stay until a sweep succeeds.",
                           {"error": type(exc).__name__, "actor": ctx.actor_name, "dry_run": dry_run}))
        raise
    if report.failed:
        notify(ctx, Notice("retention.delete_failed", f"{len(report.failed)} due dataset(s) could not be deleted",
                           "They stay in state deleting and the next sweep resumes them.",
                           {"failures": [{"dataset_id": f.dataset_id, "error": f.error} for f in report.failed]}))
    if report.newly_flagged:
        notify(ctx, Notice("retention.flagged", f"{len(report.newly_flagged)} dataset(s) overdue for a decision",
                           "Their purpose never completed: the DPO decides whether they go.",
                           {"dataset_ids": list(report.newly_flagged)}))
    if report.newly_reviews_due:
        notify(ctx, review_due_notice(list(report.newly_reviews_due)))
    return report


def _sweep(ctx: Context, dry_run: bool, *, wait: float, lease: timedelta, hooks: SweepHooks | None) -> SweepReport:
    actor = ctx.authorise("retention.sweep", dry_run=dry_run)
    # A dataset edited to "deleted" would be skipped without a word, one edited to a later date kept: the sweep
    # refuses to run over a registry changed outside intake, loudly (exit 1, audited, the flow fails, notified).
    ctx.require_trusted_state(actor, "retention.sweep")
    hooks = hooks or SweepHooks()
    report = SweepReport(started_at=ctx.clock.now(), dry_run=dry_run)
    if dry_run:
        _classify(decisions(ctx), report)
        _reviews(ctx, actor, report, remind=False)
        report.finished_at = ctx.clock.now()
        ctx.record(actor, "retention.sweep", **report.summary())
        return report

    try:  # before anything is destroyed: a deletion nobody can certify is not done
        load_service_key(ctx.settings)
    except ServiceKeyMissing as exc:
        ctx.record(actor, "retention.sweep", outcome="refused", error=type(exc).__name__)
        raise
    lock = RegistryLock(ctx.registry, ctx.clock, LOCK_NAME, lease)
    lock.acquire(wait=wait)
    try:
        found = decisions(ctx)
        _classify(found, report)
        _flag(ctx, actor, [d for d in found if d.status is Status.FLAGGED and d.flagged_at is None], report)
        _reviews(ctx, actor, report, remind=True)
        for decision in found:
            if decision.status is not Status.DUE:
                continue
            lock.renew()
            try:
                deleted = delete_dataset(ctx, actor, decision, hooks, lock)
            except SweepLockLost:
                raise
            except LegalHoldArrived:
                report.held.append(decision.dataset_id)
                continue
            except Exception as exc:  # one dataset's failure must not stop the others; its state says DELETING
                # The report reaches Prefect (task result, artifact): only our own messages, which never quote
                # data; a library's may (a path, a value), so it is withheld.
                message = str(exc) if isinstance(exc, IntakeError) else f"{type(exc).__name__} (message withheld)"
                report.failed.append(SweepFailure(decision.dataset_id, type(exc).__name__, message))
                ctx.record(actor, "retention.delete", dataset_id=decision.dataset_id, outcome="failed",
                           error=type(exc).__name__)
                log_event(logger, "retention.delete_failed", dataset_id=decision.dataset_id,
                          error=type(exc).__name__)
                continue
            report.deleted.append(deleted)
    finally:
        lock.release()
    report.finished_at = ctx.clock.now()
    ctx.record(actor, "retention.sweep", **report.summary())
    log_event(logger, "retention.sweep", **report.summary())
    return report


def _classify(found: list[RetentionDecision], report: SweepReport) -> None:
    for decision in found:
        if decision.status is Status.DUE:
            report.due.append(decision.dataset_id)
        elif decision.status is Status.HELD and (
            decision.state is DatasetState.DELETING
            or (decision.due_at is not None and decision.due_at <= report.started_at)
        ):
            report.held.append(decision.dataset_id)
        elif decision.status is Status.FLAGGED:
            report.flagged.append(decision.dataset_id)


def _flag(ctx: Context, actor: Actor, overdue: list[RetentionDecision], report: SweepReport) -> None:
    """Record once that the DPO was told about a dataset whose purpose never completed."""
    now = ctx.clock.now()
    for decision in overdue:
        with ctx.registry.session() as session:
            dataset = session.get(Dataset, decision.dataset_id)
            if dataset is None or dataset.flagged_at is not None:
                continue
            dataset.flagged_at = now
        report.newly_flagged.append(decision.dataset_id)
        ctx.record(actor, "retention.flag", dataset_id=decision.dataset_id, notify="dpo", reason=decision.reason)
        log_event(logger, "retention.flagged", dataset_id=decision.dataset_id)


def _reviews(ctx: Context, actor: Actor, report: SweepReport, *, remind: bool) -> None:
    """Legal holds past their review date; the DPO is told once per review date (the review sets a new one)."""
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        for hold in holds_due_for_review(session, now):
            report.reviews_due.append(hold.id)
            if remind and hold.review_notified_at is None:
                hold.review_notified_at = now
                report.newly_reviews_due.append(hold.id)
    for hold_id in report.newly_reviews_due:
        ctx.record(actor, "legal_hold.review_due", hold_id=hold_id, notify="dpo")
        log_event(logger, "retention.hold_review_due", hold_id=hold_id)
