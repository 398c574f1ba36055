"""The deletion sweep: delete every dataset that is due, prove it, and certify it.

Safe under faults. The dataset's state becomes DELETING (with deletion_started_at) and is committed
before anything is destroyed, so a sweep killed at any point leaves a dataset that says it is half
deleted, and the next sweep resumes it: every step is idempotent (already deleted artefacts are
skipped, shredding a shredded scope deletes nothing more). The certificate is written to its file
first and then recorded in the same transaction that marks the dataset DELETED.

Two sweeps never process the same datasets: the sweep holds a lease in the registry's lock table.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from intake import vault_packages
from intake.clock import as_utc
from intake.context import Actor, Context
from intake.errors import IntakeError, StateTampered
from intake.logs import get_logger, log_event
from intake.notify import Notice, notify
from intake.registry.models import (
    Artefact,
    Authorisation,
    DataKey,
    Dataset,
    DatasetState,
    DeletionCertificate,
    new_id,
)
from intake.retention.certificates import (
    load_service_key,
    sign_certificate,
    write_certificate_file,
)
from intake.retention.deliveries import remove_deliveries
from intake.retention.errors import DeletionNotVerified, SweepLockLost
from intake.retention.holds import holds_due_for_review, open_legal_holds
from intake.retention.lock import RegistryLock
from intake.retention.rules import RetentionDecision, Status, decisions

LOCK_NAME = "retention-sweep"
DEFAULT_LEASE = timedelta(minutes=30)
logger = get_logger("intake.retention.sweep")

DatasetHook = Callable[[str], None]
ArtefactHook = Callable[[str, str], None]


@dataclass
class SweepHooks:
    """Called at the steps of a deletion; tests use them to kill or pause a sweep at a precise point."""

    after_deletion_started: DatasetHook | None = None
    after_artefact_deleted: ArtefactHook | None = None
    after_shred: DatasetHook | None = None
    after_certificate_file: DatasetHook | None = None


@dataclass(frozen=True)
class DeletedDataset:
    dataset_id: str
    customer_id: str
    rule: str
    certificate_id: str
    certificate_file: Path
    artefacts: int
    resumed: bool


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


class LegalHoldArrived(Exception):
    """A legal hold was placed while the dataset was being deleted: stop at once (not an error)."""


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
        notify(ctx, Notice("retention.hold_review_due",
                           f"{len(report.newly_reviews_due)} legal hold(s) due for review",
                           "Each keeps data past its retention period. Confirm it is still needed with `intake holds "
                           "legal review HOLD --reason ...`, or release it with `intake holds legal release`.",
                           {"hold_ids": list(report.newly_reviews_due)}))
    return report


def _sweep(ctx: Context, dry_run: bool, *, wait: float, lease: timedelta, hooks: SweepHooks | None) -> SweepReport:
    actor = ctx.authorise("retention.sweep", dry_run=dry_run)
    try:
        # A dataset edited to "deleted" would be skipped without a word, one edited to a later date kept: the
        # sweep refuses to run over a registry changed outside intake, loudly (exit 1, audited, the flow fails).
        ctx.verify_state()
    except StateTampered:
        ctx.record(actor, "retention.sweep", outcome="refused", reason="state_tampered")
        raise
    hooks = hooks or SweepHooks()
    report = SweepReport(started_at=ctx.clock.now(), dry_run=dry_run)
    if dry_run:
        _classify(decisions(ctx), report)
        _reviews(ctx, actor, report, remind=False)
        report.finished_at = ctx.clock.now()
        ctx.record(actor, "retention.sweep", **report.summary())
        return report

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


# One dataset ---------------------------------------------------------------------------------------

def _check_no_legal_hold(ctx: Context, dataset_id: str) -> None:
    with ctx.registry.session() as session:
        dataset = session.get(Dataset, dataset_id)
        if dataset is not None and open_legal_holds(session, dataset):
            raise LegalHoldArrived(dataset_id)


def _start(ctx: Context, actor: Actor, decision: RetentionDecision) -> bool:
    """Commit DELETING before anything is destroyed. Returns True when this resumes an earlier sweep."""
    with ctx.registry.session() as session:
        dataset = session.get(Dataset, decision.dataset_id)
        if dataset is None:
            raise DeletionNotVerified(f"dataset {decision.dataset_id} vanished from the registry during the sweep")
        resumed = dataset.deletion_started_at is not None
        dataset.state = DatasetState.DELETING
        if not resumed:
            dataset.deletion_started_at = ctx.clock.now()
        if decision.rule is not None:
            dataset.deletion_rule = decision.rule.value
        session.flush()
        # Written first (our transaction holds the write lock), then checked, so a legal hold placed a
        # moment earlier is seen and this sweep backs off without destroying anything.
        if open_legal_holds(session, dataset):
            raise LegalHoldArrived(decision.dataset_id)
    ctx.record(actor, "retention.delete_start", dataset_id=decision.dataset_id, resumed=resumed,
               rule=decision.rule.value if decision.rule else None)
    return resumed


def _artefact_rows(ctx: Context, dataset_id: str) -> list[Artefact]:
    with ctx.registry.session() as session:
        return list(session.scalars(
            select(Artefact).where(or_(Artefact.dataset_id == dataset_id, Artefact.scope == dataset_id))
            .order_by(Artefact.created_at, Artefact.id)
        ))


def _vault(ctx: Context) -> Any:
    from intake.vault import Vault  # imported late: the vault pulls in boto3 and the key providers

    return Vault.from_context(ctx)


def delete_dataset(ctx: Context, actor: Actor, decision: RetentionDecision, hooks: SweepHooks,
                   lock: RegistryLock | None = None) -> DeletedDataset:
    """Delete one due dataset completely, verify, certify. Resumable at every step."""
    dataset_id = decision.dataset_id
    resumed = _start(ctx, actor, decision)
    if hooks.after_deletion_started:
        hooks.after_deletion_started(dataset_id)
    vault = _vault(ctx)
    from intake.vault.errors import ArtefactNotFound, KeyDestroyed

    for artefact in _artefact_rows(ctx, dataset_id):
        if artefact.deleted_at is not None:
            continue
        _check_no_legal_hold(ctx, dataset_id)
        with contextlib.suppress(ArtefactNotFound, KeyDestroyed):
            # Already gone: deleted by an earlier, interrupted sweep after it read the registry.
            vault.delete_artefact(artefact.id, actor)
        if hooks.after_artefact_deleted:
            hooks.after_artefact_deleted(dataset_id, artefact.id)
        if lock is not None:
            lock.renew()
    _check_no_legal_hold(ctx, dataset_id)
    vault.shred(dataset_id, actor)
    if hooks.after_shred:
        hooks.after_shred(dataset_id)

    # Packages kept in the vault went with the artefacts and the key above; plaintext ones are copies too.
    deliveries = vault_packages.certificate_entries(vault, dataset_id) + remove_deliveries(ctx.settings, dataset_id)
    artefacts = _verify_gone(ctx, vault, dataset_id)
    body = _certificate_body(ctx, actor, decision, artefacts, deliveries)
    signed = sign_certificate(load_service_key(ctx.settings), body)
    path = write_certificate_file(ctx.settings.certificates_path, dataset_id, signed)
    if hooks.after_certificate_file:
        hooks.after_certificate_file(dataset_id)
    with ctx.registry.session() as session:
        dataset = session.get(Dataset, dataset_id)
        assert dataset is not None
        session.add(DeletionCertificate(
            id=body["certificate_id"], dataset_id=dataset_id, body=signed.body_json, signature=signed.signature,
            service_key_id=signed.service_key_id, created_at=ctx.clock.now(),
        ))
        dataset.state = DatasetState.DELETED
        dataset.deleted_at = ctx.clock.now()
        # What stays is non-personal metadata: a plaintext fingerprint could confirm a guess of the content.
        dataset.fingerprint = ""
        for row in session.scalars(select(Artefact).where(
                or_(Artefact.dataset_id == dataset_id, Artefact.scope == dataset_id))):
            row.plaintext_sha256 = ""
    ctx.record(actor, "retention.delete", dataset_id=dataset_id, certificate_id=body["certificate_id"],
               artefacts=len(artefacts), rule=body["rule"], resumed=resumed)
    log_event(logger, "retention.deleted", dataset_id=dataset_id, artefacts=len(artefacts), resumed=resumed)
    return DeletedDataset(dataset_id, decision.customer_id, body["rule"], body["certificate_id"], path,
                          len(artefacts), resumed)


def _verify_gone(ctx: Context, vault: Any, dataset_id: str) -> list[Artefact]:
    """Nothing readable: the vault cannot read the scope, every artefact is marked deleted, the key is gone."""
    if not vault.verify_unreadable(dataset_id):
        raise DeletionNotVerified(
            f"dataset {dataset_id}: the vault still reads data of this scope after shredding; "
            "the dataset stays in state deleting and the next sweep retries"
        )
    artefacts = _artefact_rows(ctx, dataset_id)
    live = [a.id for a in artefacts if a.deleted_at is None]
    if live:
        raise DeletionNotVerified(
            f"dataset {dataset_id}: artefacts {', '.join(live[:5])} are still recorded as present after deletion; "
            "the next sweep retries"
        )
    with ctx.registry.session() as session:
        key = session.get(DataKey, dataset_id)
        if key is not None and (key.destroyed_at is None or key.wrapped_key):
            raise DeletionNotVerified(f"dataset {dataset_id}: its data key is not destroyed; the next sweep retries")
    return artefacts


def _iso(value: datetime | None) -> str | None:
    return as_utc(value).isoformat() if value else None


def _certificate_body(ctx: Context, actor: Actor, decision: RetentionDecision,
                      artefacts: list[Artefact], deliveries: list[dict[str, Any]]) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        dataset = session.get(Dataset, decision.dataset_id)
        assert dataset is not None
        authorisation = session.get(Authorisation, dataset.authorisation_id)
        key = session.get(DataKey, decision.dataset_id)
        data_key = None if key is None else {
            "scope": key.scope, "provider": key.provider, "destroyed_at": _iso(key.destroyed_at),
        }
        return {
            "certificate_id": new_id(),
            "dataset_id": dataset.id,
            "customer_id": dataset.customer_id,
            "authorisation_reference": authorisation.reference if authorisation else None,
            "purpose": dataset.purpose.value,
            "purpose_reference": dataset.purpose_reference,
            "rule": decision.rule.value if decision.rule else (dataset.deletion_rule or "unknown"),
            "rule_detail": decision.reason,
            "due_at": _iso(decision.due_at),
            "received_at": _iso(dataset.received_at),
            "deletion_started_at": _iso(dataset.deletion_started_at),
            "deleted_at": now.isoformat(),
            "artefacts": [
                {"id": a.id, "kind": a.kind.value, "name": a.name, "store": a.store, "size": a.size,
                 "ciphertext_sha256": a.ciphertext_sha256, "deleted_at": _iso(a.deleted_at)}
                for a in artefacts
            ],
            "artefact_count": len(artefacts),
            "ciphertext_bytes": sum(a.size for a in artefacts),
            "data_key": data_key,
            "key_destroyed": data_key is None or data_key["destroyed_at"] is not None,
            # Import packages: shredded with the dataset's vault scope ("store": "vault"), or removed from the
            # configured delivery location.
            "deliveries": deliveries,
            "verification": {"nothing_readable": True, "checked_at": now.isoformat(),
                             "checks": ["vault.verify_unreadable", "artefacts_marked_deleted", "data_key_destroyed",
                                        "delivery_folder_removed"]
                             + (["delivery_object_versions_removed"] if ctx.settings.delivery_url else [])},
            "issued_by": actor.name,
        }
