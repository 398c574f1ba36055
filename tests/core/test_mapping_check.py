"""`intake mapping check`: a mapping checked against an export without a run, every problem with its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.generator import generate_equiptrack
from intake.cli import app
from intake.mapping_check import check_files
from intake.product import builtin_mapping
from intake.product.mapping import parse_mapping


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    made = generate_equiptrack(tmp_path_factory.mktemp("export"), assets=60, jobs=120, seed=3, jobs_format="csv")
    return sorted(made.paths.values())


def test_the_shipped_mapping_checks_clean_with_a_reconciliation_preview(as_user, export) -> None:
    result = check_files(as_user("eve"), builtin_mapping("equiptrack"), export, rows=50)
    assert result.ok, result.problems
    assert result.rows_checked == 100
    assert {t["table"] for t in result.tables} == {"assets", "jobs"}
    assert all(t["balanced"] for t in result.tables)
    assert result.entities["assets"] + sum(t["rows_rejected"] for t in result.tables if t["table"] == "assets") == 50


def test_every_missing_column_is_named_with_its_line(as_user, export) -> None:
    text = (Path(__file__).parents[2] / "src/intake/product/mappings/equiptrack.yaml").read_text()
    broken = text.replace("serial_number: Serial No", "serial_number: Serial Number", 1)
    assert broken != text
    line = next(i for i, row in enumerate(broken.splitlines(), 1) if "Serial Number" in row)
    result = check_files(as_user("eve"), parse_mapping(broken, "broken.yaml"), export, rows=20)
    assert not result.ok
    assert f"broken.yaml line {line}: column 'Serial Number' of table 'assets' is not in the export" in result.problems


def test_cli_exits_1_on_problems_and_shows_no_values(cli_home, export, tmp_path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["--json", "mapping", "check", "equiptrack", *map(str, export), "--rows", "30"])
    assert ok.exit_code == 0, ok.output
    body = json.loads(ok.stdout)
    assert body["ok"] and body["rows_checked"] == 60
    truth = [json.loads(line)["value"] for line in (export[0].parent / "truth.jsonl").read_text().splitlines()]
    assert not any(value in ok.stdout for value in truth if len(value) > 4)
    bad = tmp_path / "bad.yaml"
    bad.write_text((Path(__file__).parents[2] / "src/intake/product/mappings/equiptrack.yaml").read_text()
                   .replace("table: jobs", "table: work_orders", 1))
    refused = runner.invoke(app, ["mapping", "check", str(bad), *map(str, export)])
    assert refused.exit_code == 1 and "work_orders" in refused.output


def test_several_mistakes_are_all_reported_in_one_call_each_with_its_line(as_user, export) -> None:
    text = (Path(__file__).parents[2] / "src/intake/product/mappings/equiptrack.yaml").read_text()
    broken = (text.replace("serial_number: Serial No", "serial_number: Serial Number", 1)
              .replace("notes: Notes", "notes: Remarks", 1)
              .replace("- table: jobs", "- table: work_orders", 1))
    result = check_files(as_user("eve"), parse_mapping(broken, "broken.yaml"), export, rows=20)
    lines = {word: next(i for i, row in enumerate(broken.splitlines(), 1) if word in row)
             for word in ("Serial Number", "notes: Remarks", "- table: work_orders")}
    assert result.problems == [
        f"broken.yaml line {lines['Serial Number']}: column 'Serial Number' of table 'assets' is not in the export",
        f"broken.yaml line {lines['notes: Remarks']}: column 'Remarks' of table 'assets' is not in the export",
        f"broken.yaml line {lines['- table: work_orders']}: table 'work_orders' is not in the export (it has: "
        "assets, jobs)",
    ]
