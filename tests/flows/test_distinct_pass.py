"""The migration run analyses each distinct free-text value once for the whole dataset (the global distinct-value
pass): the delivered package does not depend on the chunk size or on the number of worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generator import generate_equiptrack
from intake.config import Settings
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.pipeline import close_sessions
from intake.product import ENTITIES
from tests.flows.packages import package_tables
from tests.flows.test_distributed import findings

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("flows_as")]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", anonymisation={"processes": 2})


def test_same_package_whatever_the_chunk_size_and_the_number_of_workers(
    ctx, as_user, authorise, settings: Settings, tmp_path: Path,
):
    export = generate_equiptrack(tmp_path / "export", assets=200, jobs=400, seed=4)
    files = [str(p) for p in export.paths.values()]
    dataset_id = receive_dataset_flow(authorisation=authorise([Path(f) for f in files]), files=files,
                                      actor="eve")["dataset_id"]

    two_workers = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)
    settings.anonymisation.processes = 1
    close_sessions()
    one_worker = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=250)

    assert findings(ctx, one_worker) == findings(ctx, two_workers)
    assert one_worker["personal_data_found"] == two_workers["personal_data_found"]
    assert sum(one_worker["personal_data_found"].values()) > 0
    eve = as_user("eve")
    ours = package_tables(eve, dataset_id, two_workers["package"])
    theirs = package_tables(eve, dataset_id, one_worker["package"])
    for entity in ENTITIES:
        assert theirs[entity].equals(ours[entity]), f"{entity} differs between 100-row chunks on 2 workers " \
                                                    "and 250-row chunks in one process"
    assert sum(t.num_rows for t in ours.values()) > 0
