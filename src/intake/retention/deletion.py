"""Deleting one due dataset completely: verified, certified, resumable at every step.

The dataset's state becomes DELETING (with deletion_started_at) and is committed before anything is destroyed,
so a sweep killed at any point leaves a dataset that says it is half deleted, and the next sweep resumes it:
every step is idempotent (already deleted artefacts are skipped, shredding a shredded scope deletes nothing
more). What lies outside the vault (delivered packages, run spools) is listed and recorded before anything is
destroyed, so the certificate of a resumed deletion lists what an earlier attempt removed. The certificate is
written to its file first and then recorded in the same transaction that marks the dataset DELETED. A legal hold
placed meanwhile stops the deletion at the next artefact.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from intake import vault_packages
from intake.context import Actor, Context
from intake.logs import get_logger, log_event
from intake.registry.models import Artefact, DataKey, Dataset, DatasetState, DeletionCertificate
from intake.retention.certificate_body import certificate_body
from intake.retention.certificates import load_service_key, sign_certificate, write_certificate_file
from intake.retention.deliveries import recorded_locations, remove_deliveries
from intake.retention.errors import DeletionNotVerified
from intake.retention.holds import open_legal_holds
from intake.retention.inventory import merged, take_inventory
from intake.retention.lock import RegistryLock
from intake.retention.rules import RetentionDecision
from intake.retention.spools import remove_spools

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


class LegalHoldArrived(Exception):
    """A legal hold was placed while the dataset was being deleted: stop at once (not an error)."""


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
    from intake.vault import Vault  # late: registry reads (`intake retention list`) need no ciphers, no key ring

    return Vault.from_context(ctx)


def delete_dataset(ctx: Context, actor: Actor, decision: RetentionDecision, hooks: SweepHooks,
                   lock: RegistryLock | None = None) -> DeletedDataset:
    """Delete one due dataset completely, verify, certify. Resumable at every step."""
    dataset_id = decision.dataset_id
    resumed = _start(ctx, actor, decision)
    # Before anything is destroyed: what lies outside the vault, so the certificate of a resumed deletion still
    # lists the copies an interrupted attempt removed (inventory.py).
    inventory = take_inventory(ctx, actor, dataset_id)
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

    # Packages kept in the vault went with the artefacts and the key above; plaintext ones are copies too, where
    # the settings put them now and wherever a run recorded delivering one, and so are the runs' spools.
    deliveries = vault_packages.certificate_entries(vault, dataset_id) + merged(
        inventory.deliveries, remove_deliveries(ctx.settings, dataset_id, recorded_locations(ctx, dataset_id)))
    spools = merged(inventory.spools, remove_spools(ctx, dataset_id))
    artefacts = _verify_gone(ctx, vault, dataset_id)
    body = certificate_body(ctx, actor, decision, artefacts, deliveries, spools)
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
