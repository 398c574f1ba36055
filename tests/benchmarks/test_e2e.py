"""benchmarks/e2e.py at a tiny size, as a user runs it: it measures every stage and writes its JSON and plot.

No timing is asserted: only that the benchmark runs end to end and reports what it promises.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STAGES = {"receive", "ingest", "profile_scan", "anonymise_rescan", "transform_validate_deliver", "other"}

pytestmark = pytest.mark.slow


def test_e2e_benchmark_reports_every_stage_memory_and_quality(tmp_path: Path) -> None:
    results = tmp_path / "results" / "e2e.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "e2e.py"), "--assets", "2000", "--jobs", "6000",
               "--data-dir", str(tmp_path / "data"), "--workdir", str(tmp_path / "work"), "--results", str(results),
               "--processes", "1", "--floor-repeat", "1",
               # the work is the same at any threshold; 1.0 lets this small export through the fail-closed gate
               "--rescan-threshold", "1.0"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]

    report = json.loads(results.read_text())
    run = report["runs"]["main"]
    assert run["outcome"] == "delivered"
    assert set(run["stages_seconds"]) == STAGES
    assert all(run["stages_seconds"][s] > 0 for s in STAGES - {"other"})
    assert run["source_rows"] == 8000 and run["migration"]["summary"]["rows_read"] == 8000
    assert run["floor"]["rows"] == {"assets": 2000, "jobs": 6000}
    assert run["e2e_seconds"] >= sum(run["stages_seconds"][s] for s in STAGES - {"other"})
    assert run["memory"]["peak_without_prefect_server_mb"] > 0 and run["memory"]["samples"] > 0

    quality = run["quality"]
    generated = json.loads(next((tmp_path / "data").glob("*/generation.json")).read_text())["counts"]
    accounted = (quality["overall"]["truth_values"] + sum(quality["banner_truth_values_not_in_rows"].values())
                 + quality["truth_values_in_rows_not_delivered"] + quality["truth_values_outside_evaluated_columns"])
    assert quality["sample_every"] == 1 and accounted == generated["truth.total"]  # every truth value accounted for
    assert quality["truth_values_outside_evaluated_columns"] == 0
    assert {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS"} <= set(quality["per_entity_type"])
    assert 0.9 < quality["overall"]["recall"] <= 1 and 0.9 < quality["overall"]["precision"] <= 1
    assert report["summary"]["bottleneck_stage"] in STAGES
    assert results.with_suffix(".png").stat().st_size > 10_000
    assert not (tmp_path / "work").exists() or not any((tmp_path / "work").iterdir())  # homes removed unless --keep
