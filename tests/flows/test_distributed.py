"""The chunked scan and anonymisation on a local 2-worker Dask cluster (prefect-dask) give the same output as
the default runner with its two worker processes: same tokens in every entity, same counts in the findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generator import generate_equiptrack
from intake.config import Settings
from intake.flows.migration import migration_run_flow, with_dask
from intake.flows.receive import receive_dataset_flow
from intake.product import ENTITIES
from intake.vault import Vault
from tests.flows.packages import package_tables

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("flows_as")]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The default of two processes: the default runner sends each chunk to a worker process (a Dask worker
    anonymises its chunks itself)."""
    return Settings(home=tmp_path / "home", anonymisation={"processes": 2})


def findings(ctx, summary: dict) -> dict:
    report = json.loads(Vault.from_context(ctx).read_bytes(summary["reports"]["findings_json"], actor=ctx.actor()))
    return {"totals": report["totals"],
            "columns": [(t["table"], c["column"], c["entity_counts"], c["changed_values"], c["operators"])
                        for t in report["tables"] for c in t["columns"]]}


def test_dask_runner_gives_identical_output(ctx, as_user, authorise, intake_env, tmp_path: Path):
    export = generate_equiptrack(tmp_path / "export", assets=200, jobs=400, seed=4)
    files = [str(p) for p in export.paths.values()]
    dataset_id = receive_dataset_flow(authorisation=authorise([Path(f) for f in files]), files=files,
                                      actor="eve")["dataset_id"]

    local = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)
    distributed = with_dask(n_workers=2)(dataset_id=dataset_id, actor="eve", chunk_rows=100)

    assert distributed["package"] != local["package"]  # two deliveries, one per run
    assert findings(ctx, distributed) == findings(ctx, local)
    assert distributed["personal_data_found"] == local["personal_data_found"]
    eve = as_user("eve")
    ours = package_tables(eve, dataset_id, local["package"])
    theirs = package_tables(eve, dataset_id, distributed["package"])
    for entity in ENTITIES:
        assert theirs[entity].equals(ours[entity]), f"{entity} differs between the runners"
    assert sum(t.num_rows for t in ours.values()) > 0
