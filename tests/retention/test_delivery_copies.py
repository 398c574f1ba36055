"""Copies of a dataset outside the vault that its deletion must find: the spools that runs of older versions killed
mid-delivery left, and packages delivered under an earlier delivery setting (found from the location each run
recorded)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from intake.connectors.sinks import DeliverySink
from intake.pipeline import RunInfo, discard_stale_staging
from intake.registry.models import Dataset, Run
from intake.retention import complete_migration, sweep, verify_certificate_file
from intake.retention.spools import spool_folder

PLAINTEXT = b"PAR1 pseudonymised rows and the name the anonymiser missed: Jane Smith PAR1"


def add_run(ctx, dataset_id: str, state: str, summary: dict | None = None) -> str:
    with ctx.registry.session() as session:
        run = Run(dataset_id=dataset_id, flow="migration", state=state, started_by="eve",
                  started_at=ctx.clock.now(), summary=json.dumps(summary or {}))
        session.add(run)
        session.flush()
        return run.id


def spool(ctx, dataset_id: str, run_id: str) -> Path:
    """What a migration of an older version writing its package left when its process was killed: the package in
    plaintext Parquet in the run's spool (retention/spools.py), and no hook ran to remove it."""
    folder = spool_folder(ctx.settings, run_id) / "intake-package-x1y2"
    folder.mkdir(parents=True)
    (folder / "assets.parquet").write_bytes(PLAINTEXT)
    return folder.parent


def due_migration(factory, as_user) -> str:
    made = factory.dataset()
    complete_migration(as_user("eve"), made.dataset_id)
    return made.dataset_id


def test_a_run_start_leaves_the_spool_of_another_datasets_running_migration(ctx, factory) -> None:
    first, second = factory.dataset().dataset_id, factory.dataset().dataset_id
    own_running = spool(ctx, first, add_run(ctx, first, "running"))
    own_dead = spool(ctx, first, add_run(ctx, first, "abandoned"))
    other_running = spool(ctx, second, add_run(ctx, second, "running"))  # delivering at this moment
    other_dead = spool(ctx, second, add_run(ctx, second, "failed"))
    starting = RunInfo(add_run(ctx, first, "running"), first, "", "", "", "", "eve")

    discard_stale_staging(ctx, starting)

    assert own_running.is_dir() and other_running.is_dir()
    assert (other_running / "intake-package-x1y2" / "assets.parquet").read_bytes() == PLAINTEXT
    assert not own_dead.exists() and not other_dead.exists()


def test_a_run_start_discards_the_staging_a_killed_run_left_and_keeps_a_running_ones(ctx, factory) -> None:
    dataset_id = factory.dataset().dataset_id
    folder = ctx.settings.deliveries_path / dataset_id
    killed = DeliverySink.local(folder, f"run-{add_run(ctx, dataset_id, 'abandoned')}")
    killed.write_bytes("assets.parquet", PLAINTEXT)  # then its process was killed: no commit, no abort
    running = DeliverySink.local(folder, f"run-{add_run(ctx, dataset_id, 'running')}")
    running.write_bytes("assets.parquet", PLAINTEXT)
    starting = RunInfo(add_run(ctx, dataset_id, "running"), dataset_id, "", "", "", "", "eve")

    assert discard_stale_staging(ctx, starting) == 1

    assert [p.name.rsplit("-", 1)[0] for p in folder.iterdir()] == [f".staging-{running.package}"]
    running.commit({"dataset_id": dataset_id})
    assert (folder / running.package / "assets.parquet").read_bytes() == PLAINTEXT


def test_deleting_a_dataset_removes_the_spool_a_killed_run_left_and_lists_it(ctx, as_user, factory, clock) -> None:
    due_id, kept_id = due_migration(factory, as_user), due_migration(factory, as_user)
    killed = add_run(ctx, due_id, "running")  # killed: nothing ended the run or removed its spool
    left = spool(ctx, due_id, killed)
    other = spool(ctx, kept_id, add_run(ctx, kept_id, "running"))
    clock.advance(timedelta(days=185))
    with ctx.registry.session() as session:
        session.get(Dataset, kept_id).delete_after = clock.now() + timedelta(days=1)

    report = sweep(as_user("dora"))

    assert [d.dataset_id for d in report.deleted] == [due_id]
    assert not left.exists()
    assert other.is_dir()  # another dataset's spool is not this deletion's
    body = verify_certificate_file(report.deleted[0].certificate_file, settings=ctx.settings)
    [listed] = body["spools"]
    assert (listed["run"], listed["location"], listed["store"]) == (killed, str(left), "spool")
    assert listed["files"] == 1 and listed["bytes"] == len(PLAINTEXT)
    assert "run_spools_removed" in body["verification"]["checks"]


def deliver_locally(folder: Path, dataset_id: str, package: str) -> Path:
    sink = DeliverySink.local(folder / dataset_id, package)
    sink.write_bytes("assets.parquet", PLAINTEXT)
    sink.commit({"dataset_id": dataset_id})
    return folder / dataset_id / package


def test_packages_delivered_under_an_earlier_delivery_path_are_deleted_and_listed(
        ctx, as_user, factory, clock, tmp_path: Path) -> None:
    old_share, new_share = tmp_path / "old-share", tmp_path / "new-share"
    due_id, kept_id = due_migration(factory, as_user), due_migration(factory, as_user)
    first = add_run(ctx, due_id, "completed")
    package = deliver_locally(old_share, due_id, f"run-{first}")
    with ctx.registry.session() as session:
        session.get(Run, first).summary = json.dumps({"package": str(package)})
    (old_share / due_id / ".staging-run-dead-1234").mkdir()  # a run killed at the old place
    kept = deliver_locally(old_share, kept_id, "run-kept")
    with ctx.registry.session() as session:
        session.get(Run, add_run(ctx, kept_id, "completed")).summary = json.dumps({"package": str(kept)})
    ctx.settings.delivery_path = new_share  # the operator moved the import share
    second = add_run(ctx, due_id, "completed")
    current = deliver_locally(new_share, due_id, f"run-{second}")
    with ctx.registry.session() as session:
        session.get(Run, second).summary = json.dumps({"package": str(current)})
    clock.advance(timedelta(days=185))
    with ctx.registry.session() as session:
        session.get(Dataset, kept_id).delete_after = clock.now() + timedelta(days=1)

    report = sweep(as_user("dora"))

    assert [d.dataset_id for d in report.deleted] == [due_id]
    assert not (old_share / due_id).exists() and not (new_share / due_id).exists()
    assert (kept / "assets.parquet").read_bytes() == PLAINTEXT  # another dataset's package stays
    body = verify_certificate_file(report.deleted[0].certificate_file, settings=ctx.settings)
    listed = {d["location"]: d for d in body["deliveries"]}
    assert set(listed) == {str(package), str(current), str(old_share / due_id / ".staging-run-dead-1234")}
    assert listed[str(package)]["files"] == 2 and listed[str(package)]["manifest_sha256"]
    assert "recorded_delivery_locations_removed" in body["verification"]["checks"]
