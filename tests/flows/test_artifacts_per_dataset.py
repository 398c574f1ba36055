"""Prefect artifacts of a migration are keyed per dataset (a dataset's runs are one history in the UI): a narrow
summary table, the report bundle's pictures, and the progress of its stages; none holds a value of the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

from benchmarks.generator import generate_equiptrack
from benchmarks.generator.truth import read_truth
from intake.flows.artifacts import artifact_key
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from tests.flows.privacy import find_values

pytestmark = pytest.mark.usefixtures("flows_as")

SUMMARY_COLUMNS = ["table", "rows read", "loaded", "merged", "rejected", "personal columns"]


def test_a_migration_publishes_per_dataset_artifacts_without_a_value(authorise, tmp_path: Path) -> None:
    export = generate_equiptrack(tmp_path / "export", assets=60, jobs=120, seed=11)
    files = [str(p) for p in export.paths.values()]
    dataset_id = receive_dataset_flow(authorisation=authorise([Path(f) for f in files]), files=files,
                                      actor="eve")["dataset_id"]
    state = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=150, return_state=True)
    summary = state.result()
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id])))
    by_key = {a.key: a for a in artifacts}

    per_dataset = {artifact_key(f"{stage}-{dataset_id}") for stage in (
        "summary", "pictures", "ingest-progress", "profile-progress", "anonymise-progress", "deliver-progress")}
    assert per_dataset <= set(by_key), sorted(by_key)
    assert all(a.key and summary["run_id"] not in a.key for a in artifacts), "no artifact keyed by the run"
    progress = [a for a in artifacts if a.type == "progress"]
    assert len(progress) == 4 and all(a.data == 100 for a in progress)

    table = by_key[artifact_key(f"summary-{dataset_id}")]
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert table.type == "table" and rows and all(list(row) == SUMMARY_COLUMNS for row in rows)
    assert sum(row["rows read"] for row in rows) == summary["rows_read"]
    assert any(row["personal columns"] for row in rows)  # the people of assets and jobs are counted

    pictures = by_key[artifact_key(f"pictures-{dataset_id}")]
    assert pictures.type == "markdown" and str(pictures.data).count("data:image/svg+xml;base64,") == 2

    values = {row["value"] for row in read_truth(export.truth_path)}
    texts = [f"{a.key} {a.description} {a.data}" for a in artifacts]
    decoded = [_svg_text(str(pictures.data))]
    assert not find_values(values, [], texts + decoded)


def _svg_text(markdown: str) -> str:
    """The pictures' SVGs decoded, so a value drawn in them would be found too."""
    import base64
    import re

    return " ".join(base64.b64decode(m).decode() for m in re.findall(r"base64,([A-Za-z0-9+/=]+)", markdown))
