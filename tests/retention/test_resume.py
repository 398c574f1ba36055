"""Sweeps killed with SIGKILL mid-deletion, then resumed; sweeps in two processes at once; lock leases."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import boto3
import pytest

from intake.context import Context
from intake.registry.audit_tables import AuditEvent
from intake.registry.models import DatasetState, Lock
from intake.retention import SweepLocked, complete_migration, sweep, verify_certificate_file
from intake.retention.errors import SweepLockLost
from intake.retention.lock import RegistryLock
from intake.retention.sweep import LOCK_NAME
from tests.retention.conftest import store_artefacts

ROOT = Path(__file__).resolve().parents[2]


def start_child(ctx: Context, kill_point: str = "none", wait: float = 0.0) -> subprocess.Popen:
    settings = ctx.settings.model_dump(mode="json")
    if ctx.settings.database_url is not None:  # a SecretStr dumps masked: the child needs the real URL
        settings["database_url"] = ctx.settings.database_url.get_secret_value()
    args = [sys.executable, "-m", "tests.retention.sweep_child", json.dumps(settings),
            ctx.clock.now().isoformat(), "dora", kill_point, str(wait)]
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def due_datasets(ctx, factory, as_user, clock, count: int) -> list[tuple[str, list]]:
    made = []
    for _ in range(count):
        dataset_id = factory.dataset().dataset_id
        complete_migration(as_user("eve"), dataset_id)
        made.append((dataset_id, store_artefacts(ctx, dataset_id)))
    clock.advance(timedelta(days=200))
    return made


def delete_events(ctx, dataset_id: str) -> list[AuditEvent]:
    return [e for e in ctx.audit.events(dataset_id) if e.action == "retention.delete" and e.outcome == "ok"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kill_point", "store"),
    [
        ("after_deletion_started", "local"),
        ("after_artefact_deleted", "local"),
        ("after_artefact_deleted", "s3"),
        ("after_shred", "local"),
        ("after_certificate_file", "local"),
    ],
)
def test_sweep_killed_mid_deletion_is_completed_by_the_next(ctx, as_user, factory, clock, request,
                                                            kill_point: str, store: str) -> None:
    if store == "s3":
        request.getfixturevalue("s3_vault")
    ((dataset_id, stored),) = due_datasets(ctx, factory, as_user, clock, 1)

    child = start_child(ctx, kill_point)
    _out, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err

    dataset = factory.get(dataset_id)
    assert dataset.state is DatasetState.DELETING and dataset.deletion_started_at is not None
    assert not delete_events(ctx, dataset_id)
    with ctx.registry.session() as session:
        assert session.get(Lock, LOCK_NAME) is not None  # the dead sweep's lease is still there

    report = sweep(as_user("dora"))  # takes over the dead process's lock at once

    assert [d.dataset_id for d in report.deleted] == [dataset_id] and report.deleted[0].resumed
    assert factory.get(dataset_id).state is DatasetState.DELETED
    body = verify_certificate_file(report.deleted[0].certificate_file, settings=ctx.settings)
    assert sorted(a["id"] for a in body["artefacts"]) == sorted(a.id for a in stored)
    assert body["key_destroyed"] is True
    assert len(delete_events(ctx, dataset_id)) == 1
    if store == "local":
        folder = ctx.settings.vault_path / dataset_id
        assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))
    else:
        s3 = boto3.client("s3", endpoint_url=ctx.settings.vault.s3_endpoint_url,
                          region_name=ctx.settings.vault.aws_region)
        listing = s3.list_object_versions(Bucket=ctx.settings.vault.s3_bucket,
                                          Prefix=f"{ctx.settings.vault.s3_prefix}{dataset_id}/")
        assert listing.get("Versions", []) == []


@pytest.mark.slow
def test_two_sweep_processes_at_once_delete_each_dataset_once(ctx, as_user, factory, clock) -> None:
    made = due_datasets(ctx, factory, as_user, clock, 3)
    children = [start_child(ctx, wait=60) for _ in range(2)]
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        outputs.append(json.loads(out.strip().splitlines()[-1]))
    deleted = [d for o in outputs for d in o["deleted"]]
    assert sorted(deleted) == sorted(d for d, _ in made)  # each exactly once, across both processes
    assert all(not o["failed"] for o in outputs)
    for dataset_id, _stored in made:
        assert len(delete_events(ctx, dataset_id)) == 1
        assert factory.get(dataset_id).state is DatasetState.DELETED


def test_live_lease_refuses_and_expired_lease_is_taken_over(ctx, clock) -> None:
    with ctx.registry.session() as session:
        session.add(Lock(name=LOCK_NAME, owner="other-host:4242:abc", acquired_at=clock.now(),
                         expires_at=clock.now() + timedelta(minutes=30)))
    with pytest.raises(SweepLocked, match="other-host:4242:abc"):
        sweep(ctx)
    clock.advance(timedelta(minutes=31))
    report = sweep(ctx)
    assert report.deleted == []
    with ctx.registry.session() as session:
        assert session.get(Lock, LOCK_NAME) is None  # released when done


def test_a_sweep_whose_lease_was_taken_over_stops(ctx, clock) -> None:
    first = RegistryLock(ctx.registry, clock, "test-lock", timedelta(minutes=1))
    first.acquire()
    second = RegistryLock(ctx.registry, clock, "test-lock", timedelta(minutes=1))
    assert second.try_acquire() is not None
    clock.advance(timedelta(minutes=2))
    assert second.try_acquire() is None
    with pytest.raises(SweepLockLost):
        first.renew()
    first.release()  # releasing a lost lock leaves the new holder alone
    with ctx.registry.session() as session:
        assert session.get(Lock, "test-lock").owner == second.owner
    second.release()
