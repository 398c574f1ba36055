from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.generator.cli import main


def test_module_entry_point_writes_a_dataset_and_a_summary(tmp_path):
    out = tmp_path / "eq"
    result = subprocess.run([sys.executable, "-m", "benchmarks.generator", "--layout", "equiptrack", "--assets", "200",
                             "--jobs", "300", "--seed", "5", "--out", str(out), "--jobs-format", "csv"],
                            capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])  # the project root, which holds benchmarks/
    summary = json.loads(result.stdout)
    assert summary["counts"]["assets.rows"] == 200 and summary["counts"]["jobs.rows"] == 300
    assert {p.name for p in out.iterdir()} == {"assets.csv", "jobs.csv", "truth.jsonl", "nonpersonal.json",
                                                "generation.json"}
    manifest = json.loads((out / "generation.json").read_text())
    assert manifest["seed"] == 5 and manifest["parameters"]["jobs_format"] == "csv"


def test_medimaint_layout_and_refusals(tmp_path, capsys):
    assert main(["--layout", "medimaint", "--assets", "100", "--jobs", "50", "--out", str(tmp_path / "mm")]) == 0
    assert (tmp_path / "mm" / "medimaint.db").is_file()
    capsys.readouterr()
    assert main(["--layout", "medimaint", "--assets", "0", "--jobs", "50", "--out", str(tmp_path / "x")]) == 1
    assert "between 1 and" in capsys.readouterr().err
