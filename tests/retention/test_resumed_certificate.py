"""A deletion interrupted after it removed the deliveries and spools, then resumed: the certificate still lists
them, from the listing the first attempt recorded before removing anything (retention/inventory.py)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from intake.registry.models import Dataset, DatasetState, Run
from intake.retention import deletion, sweep, verify_certificate_file
from intake.retention.inventory import INVENTORY_ACTION
from tests.retention.conftest import store_artefacts
from tests.retention.test_delivery_copies import PLAINTEXT, add_run, deliver_locally, due_migration, spool


def test_a_resumed_deletion_certifies_what_the_interrupted_attempt_removed(
        ctx, as_user, factory, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = tmp_path / "share"
    ctx.settings.delivery_path = share
    dataset_id = due_migration(factory, as_user)
    store_artefacts(ctx, dataset_id)
    delivered = add_run(ctx, dataset_id, "completed")
    package = deliver_locally(share, dataset_id, f"run-{delivered}")
    with ctx.registry.session() as session:
        session.get(Run, delivered).summary = json.dumps({"package": str(package)})
    killed = add_run(ctx, dataset_id, "running")
    left = spool(ctx, dataset_id, killed)
    clock.advance(timedelta(days=185))

    # The first attempt dies after the deliveries and spools are removed, before the certificate.
    real_verify = deletion._verify_gone
    calls = {"n": 0}

    def crash_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("the sweep's process is being stopped")
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(deletion, "_verify_gone", crash_once)
    first = sweep(as_user("dora"))
    assert [f.dataset_id for f in first.failed] == [dataset_id] and first.deleted == []
    assert not (share / dataset_id).exists() and not left.exists()  # removed by the interrupted attempt
    with ctx.registry.session() as session:
        assert session.get(Dataset, dataset_id).state is DatasetState.DELETING

    resumed = sweep(as_user("dora"))

    [deleted] = resumed.deleted
    assert deleted.dataset_id == dataset_id and deleted.resumed
    body = verify_certificate_file(deleted.certificate_file, settings=ctx.settings)
    listed = {d["location"]: d for d in body["deliveries"] if d["store"] == "folder"}
    assert set(listed) == {str(package)}
    assert listed[str(package)]["files"] == 2 and listed[str(package)]["manifest_sha256"]
    [spooled] = body["spools"]
    assert (spooled["run"], spooled["location"], spooled["bytes"]) == (killed, str(left), len(PLAINTEXT))
    # Recorded once, before anything was removed, and no value of the dataset in it.
    inventories = [e for e in ctx.audit.events(dataset_id) if e.action == INVENTORY_ACTION]
    assert len(inventories) == 1 and "Jane Smith" not in inventories[0].details
    first_destroyed = min(e.seq for e in ctx.audit.events(dataset_id) if e.action.startswith("vault.delete"))
    assert inventories[0].seq < first_destroyed
