"""No personal data in Prefect: a migration over a dataset with known personal values leaves none of them in
Prefect's database (flow and task runs, states, logs, artifacts, events), its result storage or the logs."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.logging.handlers import APILogWorker
from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, PREFECT_SERVER_DATABASE_CONNECTION_URL
from prefect.testing.utilities import prefect_test_harness

from benchmarks.generator import generate_equiptrack
from benchmarks.generator.truth import read_truth
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from tests.flows.privacy import files_under, find_values

pytestmark = pytest.mark.usefixtures("flows_as")


@flow(persist_result=False)
def canary_flow(value: str) -> None:
    get_run_logger().info("canary %s", value)
    sys.stderr.write(f"canary {value}\n")  # as a library writing to the process's stderr would
    create_markdown_artifact(f"canary {value}", key="canary")


def test_no_personal_value_reaches_prefect(ctx, authorise, tmp_path: Path, capfd, caplog):
    export = generate_equiptrack(tmp_path / "export", assets=200, jobs=400, seed=6)
    values = {row["value"] for row in read_truth(export.truth_path)} | {"Zebedee Quorndon-Smythe"}
    assert len(values) > 500
    files = [str(p) for p in export.paths.values()]
    reference = authorise([Path(f) for f in files])
    caplog.set_level(logging.DEBUG)

    with prefect_test_harness(server_startup_timeout=90):  # a fresh Prefect database for this test alone
        database = Path(PREFECT_SERVER_DATABASE_CONNECTION_URL.value().split("///", 1)[1])
        # Words Prefect itself ships (block documentation registered at start-up) are not leaks.
        shipped = {value for value, _ in find_values(values, files_under(database.parent))}
        dataset_id = receive_dataset_flow(authorisation=reference, files=files, actor="eve")["dataset_id"]
        summary = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=150)
        assert summary["personal_data_found"]["PERSON"] > 0  # the run did see personal data
        canary_flow("Zebedee Quorndon-Smythe")  # proves the search finds what a flow logs or publishes
        APILogWorker.drain_all(timeout=30)
        storage = Path(PREFECT_LOCAL_STORAGE_PATH.value())
        captured = capfd.readouterr()  # one read: a second one would return nothing
        leaks = find_values(values - shipped, files_under(database.parent, storage),
                            [captured.out, captured.err, caplog.text])

    canaries = [where for value, where in leaks if value.startswith("Zebedee")]
    assert any(str(database.parent) in where for where in canaries), "the search would not see a leak"
    assert "captured text 1" in canaries, "the search would not see a leak on stderr"
    leaks = [(value, where) for value, where in leaks if not value.startswith("Zebedee")]
    assert not leaks, f"{len(leaks)} personal values found in Prefect: {sorted({w for _, w in leaks})}"
