"""`intake scan file` prints what kind of personal data a file holds, where, and never a value."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intake.cli import app
from tests.anonymisation.conftest import legacy_table


@pytest.fixture
def csv_file(tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    table, truth = legacy_table(rows=120)
    path = tmp_path / "assets.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(table.column_names)
        for row in table.to_pylist():
            writer.writerow(["" if v is None else v for v in row.values()])
    return path, truth


def test_scan_file_reports_columns_without_values(csv_file, tmp_path: Path, cli_home: Path) -> None:
    path, truth = csv_file
    md = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["--json", "scan", "file", str(path), "--markdown", str(md)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["has_personal_data"] is True
    columns = {c["column"]: c for c in report["tables"][0]["columns"]}
    assert columns["Contact Tel"]["classification"] == "identifier"
    assert columns["Manufacturer"]["classification"] == "not_personal"
    text = result.output + md.read_text()
    assert not [t["value"] for t in truth if t["value"] in text]


def test_scan_file_is_audited_and_refused_to_unregistered_users(csv_file, cli_home: Path, monkeypatch) -> None:
    from intake.context import Context

    path, _truth = csv_file
    assert CliRunner().invoke(app, ["--json", "scan", "file", str(path)]).exit_code == 0
    monkeypatch.setenv("INTAKE_ACTOR", "mallory")
    refused = CliRunner().invoke(app, ["scan", "file", str(path)])
    assert refused.exit_code == 1 and "dataset.inspect needs one of the roles" in " ".join(refused.output.split())
    ctx = Context(actor="ada")
    actions = [(e.actor, e.action, e.outcome) for e in ctx.audit.events()]
    ctx.close()
    assert ("eve", "dataset.scan_file", "ok") in actions
    assert ("mallory", "dataset.inspect", "refused") in actions


def test_scan_file_missing_file_is_a_clear_error(tmp_path: Path, cli_home: Path) -> None:
    result = CliRunner().invoke(app, ["scan", "file", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert "SourceReadError" in result.output and "does not" in " ".join(result.output.split())
