"""The deletion sweep against real vault stores (local folder, moto S3 over HTTP) and a real registry."""

from __future__ import annotations

import json
import stat
import threading
from datetime import timedelta
from pathlib import Path

import boto3
import pytest
from sqlalchemy import select

from intake.clock import as_utc
from intake.errors import PermissionDenied
from intake.registry.audit_tables import AuditEvent
from intake.registry.models import Artefact, DataKey, Dataset, DatasetState, DeletionCertificate, Purpose
from intake.retention import (
    Status,
    SweepHooks,
    SweepLocked,
    close_fault_hold,
    complete_migration,
    decisions,
    open_fault_hold,
    place_legal_hold,
    release_legal_hold,
    sweep,
    verify_certificate_file,
    verify_stored,
)
from intake.vault import KeyDestroyed, Vault
from tests.retention.conftest import PLAINTEXT_MARKERS, store_artefacts


def due_migration(factory, as_user, clock, customer_id: str | None = None) -> str:
    """A completed migration whose six months have passed (the clock is moved past them)."""
    made = factory.dataset(customer_id=customer_id)
    complete_migration(as_user("eve"), made.dataset_id)
    return made.dataset_id


def files_of(root: Path, dataset_id: str) -> list[Path]:
    folder = root / dataset_id
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def events(ctx, action: str, dataset_id: str | None = None, outcome: str = "ok") -> list[AuditEvent]:
    return [e for e in ctx.audit.events(dataset_id) if e.action == action and e.outcome == outcome]


def test_sweep_deletes_due_dataset_from_local_store_and_certifies_it(ctx, as_user, factory, clock) -> None:
    made = factory.dataset()
    dataset_id = made.dataset_id
    complete_migration(as_user("eve"), dataset_id)
    kept_id = due_migration(factory, as_user, clock)
    stored = store_artefacts(ctx, dataset_id)
    store_artefacts(ctx, kept_id)
    clock.advance(timedelta(days=185))
    # The second one was completed later: not yet due.
    with ctx.registry.session() as session:
        session.get(Dataset, kept_id).delete_after = clock.now() + timedelta(days=1)
    root = ctx.settings.vault_path
    assert len(files_of(root, dataset_id)) == 4

    report = sweep(as_user("dora"))

    assert [d.dataset_id for d in report.deleted] == [dataset_id] and not report.failed
    assert files_of(root, dataset_id) == []
    assert len(files_of(root, kept_id)) == 4
    dataset = factory.get(dataset_id)
    assert dataset.state is DatasetState.DELETED and as_utc(dataset.deleted_at) == clock.now()
    with ctx.registry.session() as session:
        key = session.get(DataKey, dataset_id)
        assert key.wrapped_key is None and key.destroyed_at is not None
        rows = session.scalars(select(Artefact).where(Artefact.dataset_id == dataset_id)).all()
        assert all(r.deleted_at is not None and r.plaintext_sha256 == "" for r in rows)
        assert session.scalar(select(DeletionCertificate).where(DeletionCertificate.dataset_id == dataset_id))
    assert dataset.fingerprint == ""
    # Any copy of the ciphertext is now unreadable: the key is gone.
    with pytest.raises(KeyDestroyed):
        Vault.from_context(ctx).open(stored[0].id, ctx.actor())

    # The certificate verifies and lists every artefact with its ciphertext hash.
    deleted = report.deleted[0]
    body = verify_certificate_file(deleted.certificate_file, settings=ctx.settings)
    assert body["dataset_id"] == dataset_id and body["rule"] == "migration_completed"
    assert body["authorisation_reference"] == made.authorisation_reference
    assert {(a["id"], a["kind"], a["name"], a["size"], a["ciphertext_sha256"]) for a in body["artefacts"]} == {
        (a.id, a.kind.value, a.name, a.size, a.ciphertext_sha256) for a in stored
    }
    assert body["key_destroyed"] is True and body["verification"]["nothing_readable"] is True
    assert verify_stored(as_user("dora"), dataset_id)["certificate_id"] == deleted.certificate_id
    text = deleted.certificate_file.read_bytes()
    assert not any(marker in text for marker in PLAINTEXT_MARKERS)
    key_file = ctx.settings.service_signing_key_file
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    (event,) = events(ctx, "retention.delete", dataset_id)
    assert json.loads(event.details)["certificate_id"] == deleted.certificate_id

    # Nothing left to do on the next sweep.
    assert sweep(as_user("dora")).deleted == []


def test_a_sweep_in_a_home_that_lost_its_signing_key_deletes_nothing_and_makes_no_key(
        ctx, as_user, factory, clock) -> None:
    """A new key would sign certificates nobody can check against the exported one: refuse, say what to restore."""
    from intake.retention.errors import ServiceKeyMissing

    made = factory.dataset()
    complete_migration(as_user("eve"), made.dataset_id)
    store_artefacts(ctx, made.dataset_id)
    clock.advance(timedelta(days=185))
    key_file = ctx.settings.service_signing_key_file
    key_file.unlink()
    with pytest.raises(ServiceKeyMissing, match="restore it from backup"):
        sweep(as_user("dora"))
    assert not key_file.exists()
    assert len(files_of(ctx.settings.vault_path, made.dataset_id)) == 4
    assert factory.get(made.dataset_id).state is not DatasetState.DELETED
    (refused,) = events(ctx, "retention.sweep", outcome="refused")
    assert json.loads(refused.details)["error"] == "ServiceKeyMissing"


def test_sweep_deletes_every_s3_object_version(ctx, as_user, factory, clock, aws, s3_vault) -> None:
    made = factory.dataset(purpose=Purpose.FAULT_INVESTIGATION, state=DatasetState.QUARANTINED)
    stored = store_artefacts(ctx, made.dataset_id)
    s3 = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)
    prefix = f"{ctx.settings.vault.s3_prefix}{made.dataset_id}/"
    # Extra versions of an object (a retried upload) and an orphan left by an interrupted write.
    first_key = f"{ctx.settings.vault.s3_prefix}{stored[0].location}"
    s3.put_object(Bucket=s3_vault, Key=first_key, Body=b"older version of the ciphertext")
    s3.put_object(Bucket=s3_vault, Key=f"{prefix}orphan.ikv.part", Body=b"half written")
    listing = s3.list_object_versions(Bucket=s3_vault, Prefix=prefix)
    assert len(listing.get("Versions", [])) == 6

    sam = as_user("sam")
    open_fault_hold(sam, made.dataset_id, made.purpose_reference)
    assert sweep(as_user("dora")).deleted == []  # kept while the fault hold is open
    close_fault_hold(sam, made.dataset_id, "terminated")
    report = sweep(as_user("dora"))

    assert [d.dataset_id for d in report.deleted] == [made.dataset_id]
    listing = s3.list_object_versions(Bucket=s3_vault, Prefix=prefix)
    assert listing.get("Versions", []) == [] and listing.get("DeleteMarkers", []) == []
    body = verify_certificate_file(report.deleted[0].certificate_file, settings=ctx.settings)
    assert body["rule"] == "fault_closed" and {a["store"] for a in body["artefacts"]} == {"s3"}
    assert body["artefact_count"] == 4


def test_legal_hold_is_never_overridden(ctx, as_user, factory, clock) -> None:
    customer = factory.customer()
    by_dataset = due_migration(factory, as_user, clock, customer)
    by_customer = factory.dataset(customer_id=customer, state=DatasetState.PROCESSING,
                                  withdrawn_at=clock.now())  # consent withdrawn: due at once
    for dataset_id in (by_dataset, by_customer.dataset_id):
        store_artefacts(ctx, dataset_id)
    dora = as_user("dora")
    dataset_hold = place_legal_hold(dora, dataset_id=by_dataset, reason="claim")
    clock.advance(timedelta(days=400))
    customer_hold = place_legal_hold(dora, customer=customer, reason="regulator inquiry")

    for _ in range(2):
        report = sweep(dora)
        assert report.deleted == [] and sorted(report.held) == sorted([by_dataset, by_customer.dataset_id])
    for dataset_id in (by_dataset, by_customer.dataset_id):
        assert factory.get(dataset_id).state in (DatasetState.COMPLETED, DatasetState.PROCESSING)
        assert len(files_of(ctx.settings.vault_path, dataset_id)) == 4
    # Releasing one of two holds is not enough for the dataset under both.
    release_legal_hold(dora, customer_hold.id, reason="inquiry closed")
    report = sweep(dora)
    assert [d.dataset_id for d in report.deleted] == [by_customer.dataset_id] and report.held == [by_dataset]
    release_legal_hold(dora, dataset_hold.id, reason="claim settled")
    assert [d.dataset_id for d in sweep(dora).deleted] == [by_dataset]


def test_legal_hold_placed_during_deletion_stops_it_and_state_says_so(ctx, as_user, factory, clock) -> None:
    dataset_id = due_migration(factory, as_user, clock)
    store_artefacts(ctx, dataset_id)
    clock.advance(timedelta(days=200))
    dora = as_user("dora")
    placed: list[str] = []

    def place_hold_after_first(ds: str, _artefact: str) -> None:
        if not placed:
            placed.append(place_legal_hold(dora, dataset_id=ds, reason="late claim").id)

    report = sweep(dora, hooks=SweepHooks(after_artefact_deleted=place_hold_after_first))
    assert report.deleted == [] and report.held == [dataset_id]
    assert factory.get(dataset_id).state is DatasetState.DELETING  # half deleted, and its state says so
    assert len(files_of(ctx.settings.vault_path, dataset_id)) == 3
    assert decisions(ctx, [dataset_id])[0].status is Status.HELD
    release_legal_hold(dora, placed[0], reason="claim withdrawn")
    report = sweep(dora)
    assert [d.dataset_id for d in report.deleted] == [dataset_id] and report.deleted[0].resumed


def test_dry_run_changes_nothing(ctx, as_user, factory, clock) -> None:
    dataset_id = due_migration(factory, as_user, clock)
    store_artefacts(ctx, dataset_id)
    clock.advance(timedelta(days=200))
    before = ctx.audit.count()
    report = sweep(as_user("dora"), dry_run=True)
    assert report.due == [dataset_id] and report.deleted == []
    assert factory.get(dataset_id).state is DatasetState.COMPLETED
    assert len(files_of(ctx.settings.vault_path, dataset_id)) == 4
    assert ctx.audit.count() == before + 1  # only the sweep's own audit event


@pytest.mark.parametrize("user", ["eve", "sam"])
def test_only_dpo_or_admin_sweeps(ctx, as_user, factory, clock, user: str) -> None:
    dataset_id = due_migration(factory, as_user, clock)
    clock.advance(timedelta(days=200))
    with pytest.raises(PermissionDenied, match=r"retention.sweep"):
        sweep(as_user(user))
    assert factory.get(dataset_id).state is DatasetState.COMPLETED
    assert sweep(ctx).deleted[0].dataset_id == dataset_id  # the admin may


def test_failure_in_one_dataset_leaves_it_deleting_and_others_proceed(ctx, as_user, factory, clock) -> None:
    first, second = due_migration(factory, as_user, clock), due_migration(factory, as_user, clock)
    for dataset_id in (first, second):
        store_artefacts(ctx, dataset_id)
    clock.advance(timedelta(days=200))

    def crash_on_first(ds: str, _artefact: str) -> None:
        if ds == first:
            raise OSError("simulated crash after deleting one artefact")

    report = sweep(as_user("dora"), hooks=SweepHooks(after_artefact_deleted=crash_on_first))
    assert [d.dataset_id for d in report.deleted] == [second]
    assert [(f.dataset_id, f.error) for f in report.failed] == [(first, "OSError")]
    assert factory.get(first).state is DatasetState.DELETING
    assert events(ctx, "retention.delete", first, outcome="failed")
    resumed = sweep(as_user("dora"))
    assert [d.dataset_id for d in resumed.deleted] == [first] and resumed.deleted[0].resumed
    body = verify_certificate_file(resumed.deleted[0].certificate_file, settings=ctx.settings)
    assert body["artefact_count"] == 4


def test_sweep_waiting_behind_a_running_sweep_never_double_processes(ctx, as_user, factory, clock) -> None:
    ids = [due_migration(factory, as_user, clock) for _ in range(2)]
    for dataset_id in ids:
        store_artefacts(ctx, dataset_id)
    clock.advance(timedelta(days=200))
    entered, proceed = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def pause(_ds: str) -> None:
        entered.set()
        assert proceed.wait(20)

    def first_sweep() -> None:
        results["first"] = sweep(as_user("dora"), hooks=SweepHooks(after_deletion_started=pause))

    thread = threading.Thread(target=first_sweep)
    thread.start()
    try:
        assert entered.wait(20)
        with pytest.raises(SweepLocked, match="another sweep is running"):
            sweep(as_user("dora"))
        waiter = threading.Thread(target=lambda: results.__setitem__("second", sweep(as_user("dora"), wait=20)))
        waiter.start()
    finally:
        proceed.set()
        thread.join(30)
    waiter.join(30)
    assert sorted(d.dataset_id for d in results["first"].deleted) == sorted(ids)  # type: ignore[union-attr]
    assert results["second"].deleted == []  # type: ignore[union-attr]
    for dataset_id in ids:
        assert len(events(ctx, "retention.delete", dataset_id)) == 1
        assert len(events(ctx, "retention.delete_start", dataset_id)) == 1


def test_sweep_removes_delivered_packages_and_lists_them_in_the_certificate(ctx, as_user, factory, clock) -> None:
    from intake.connectors.sinks import DeliverySink

    due_id = due_migration(factory, as_user, clock)
    kept_id = due_migration(factory, as_user, clock)
    for dataset_id in (due_id, kept_id):
        sink = DeliverySink.local(ctx.settings.deliveries_path / dataset_id, "run-1")
        sink.write_bytes("assets.parquet", b"PAR1 pseudonymised rows and what the anonymiser missed PAR1")
        sink.commit({"dataset_id": dataset_id})
    package = ctx.settings.deliveries_path / due_id / "run-1"
    # Private on disk while it exists: owner-only files and folders, whatever the umask.
    assert stat.S_IMODE((package / "assets.parquet").stat().st_mode) == 0o600
    assert stat.S_IMODE(package.stat().st_mode) == 0o700
    (ctx.settings.deliveries_path / due_id / ".staging-run-2-dead").mkdir()  # left by a killed run
    clock.advance(timedelta(days=185))
    with ctx.registry.session() as session:
        session.get(Dataset, kept_id).delete_after = clock.now() + timedelta(days=1)

    report = sweep(as_user("dora"))

    assert [d.dataset_id for d in report.deleted] == [due_id]
    assert not (ctx.settings.deliveries_path / due_id).exists()
    assert (ctx.settings.deliveries_path / kept_id / "run-1" / "assets.parquet").is_file()
    body = verify_certificate_file(report.deleted[0].certificate_file, settings=ctx.settings)
    listed = {d["package"]: d for d in body["deliveries"]}
    assert set(listed) == {"run-1", ".staging-run-2-dead"}
    assert listed["run-1"]["files"] == 2 and listed["run-1"]["manifest_sha256"]
    assert "delivery_folder_removed" in body["verification"]["checks"]
