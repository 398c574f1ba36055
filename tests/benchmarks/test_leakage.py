"""benchmarks/clinical_export.py and leakage_score.py, fast (no CLI run): the truth points at real cells, and
the scoring counts a planted leak and a destroyed reference value."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from clinical_export import generate  # noqa: E402
from leakage_score import score  # noqa: E402

from tests.benchmarks.mapping_check import mapping_check  # noqa: E402


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("export")
    return out, generate(out, "tuning", rows=12, seed=3)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_truth_points_at_real_cells(export: tuple[Path, dict[str, Any]]) -> None:
    out, truth = export
    files = {name: _rows(out / "data" / name) for name in truth["rows"]}
    assert {k: len(v) for k, v in files.items()} == truth["rows"]
    kinds = {e["kind"] for e in truth["entries"] if e["personal"]}
    assert {"name", "phone"} <= kinds
    for entry in truth["entries"]:
        row = files[entry["file"]][entry["row"] - 2]
        assert entry["value"] in row[entry["column"]], entry["column"]
        if entry["entity"] == "assets":
            assert row["Equip No"] == entry["key"]
        elif entry["entity"] == "jobs":
            assert row["WO Number"] == entry["key"]


def test_same_seed_same_export(tmp_path: Path, export: tuple[Path, dict[str, Any]]) -> None:
    out, _ = export
    generate(tmp_path, "tuning", rows=12, seed=3)
    for name in ("equipment.csv", "workorders.csv", "truth.json", "mapping.yaml"):
        sub = "data/" if name.endswith(".csv") else ""
        assert (tmp_path / f"{sub}{name}").read_bytes() == (out / f"{sub}{name}").read_bytes()


def test_score_counts_a_leak_and_a_destroyed_reference() -> None:
    truth = [
        {"value": "Kowalczyk", "kind": "name", "personal": True, "entity": "jobs", "key": "WO1"},
        {"value": "07700 900123", "kind": "phone", "personal": True, "entity": "jobs", "key": "WO1"},
        {"value": "Adeyemi", "kind": "name", "personal": True, "entity": "jobs", "key": "WO2"},
        {"value": "Nightingale Ward", "kind": "ward", "personal": False, "entity": "jobs", "key": "WO1"},
        {"value": "Alaris GP", "kind": "model", "personal": False, "entity": "jobs", "key": "WO2"},
        {"value": "Baxter", "kind": "maker", "personal": False, "entity": "manufacturers", "key": "Baxter"},
    ]
    package = {
        "jobs": [
            {"job_number": "WO1", "fault_description": "rang sr KOWALCZYK: moved to Nightingale Ward",
             "requester_phone": "PHONE_1a2b3c4d"},
            {"job_number": "WO2", "fault_description": "per PERSON_99aa. pump <MODEL> broken",
             "outcome": "tel 07700-900-123"},
        ],
        "manufacturers": [{"name": "Baxter"}],
    }
    result = score(truth, package)
    name, phone = result["personal"]["name"], result["personal"]["phone"]
    assert (name["planted"], name["leak_own_record"], name["leak_anywhere"]) == (2, 1, 1)
    # the phone is gone from its own record but its digits stand in another record
    assert (phone["leak_own_record"], phone["leak_anywhere"]) == (0, 1)
    assert result["reference"]["ward/free_text"]["kept"] == 1
    assert result["reference"]["model/free_text"] == {"planted": 1, "kept": 0, "kept_rate": 0.0}
    assert result["reference"]["maker/reference_column"]["kept_rate"] == 1.0
    assert [e["value"] for e in result["_destroyed"]] == ["Alaris GP"]


def test_the_hex_digits_of_the_anonymisers_tokens_are_no_planted_number() -> None:
    truth = [{"value": "12/03/1956", "kind": "dob", "personal": True, "entity": "jobs", "key": "WO1"}]
    token = "PERSON_9a" + "12031956" + "bc"  # a pseudonym whose hex happens to hold the date's digits
    assert score(truth, {"jobs": [{"job_number": "WO1", "outcome": f"seen by {token}"}]})["personal"]["dob"][
        "leak_anywhere"] == 0
    assert score(truth, {"jobs": [{"job_number": "WO1", "outcome": "born 12.03.1956"}]})["personal"]["dob"][
        "leak_own_record"] == 1


def test_the_variety_export_truth_points_at_real_cells_and_its_splits_share_no_people(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    import variety_export
    from openpyxl import load_workbook

    out = tmp_path_factory.mktemp("variety")
    truth = variety_export.generate(out, "dev", rows=10, seed=3)
    sheet = load_workbook(out / "data" / "register.xlsx", read_only=True)["Devices"]
    rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    header = rows[len(variety_export.BANNER)]
    with (out / "data" / "joblog.csv").open(encoding="utf-8-sig", newline="") as fh:
        jobs = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) - len(variety_export.BANNER) - 1 == truth["rows"]["register.xlsx"] == 10
    assert len(jobs) == truth["rows"]["joblog.csv"] == 30
    for entry in truth["entries"]:
        if entry["file"] == "register.xlsx":
            cell = rows[entry["row"] - 1][header.index(entry["column"])]
        else:
            cell = jobs[entry["row"] - 2][entry["column"]]
        assert entry["value"] in cell, entry["column"]
    names = {split: {s for _, s in variety_export.people(split, 3, 50)} for split in variety_export.FAMILIES}
    families = {split: set(found) for split, found in variety_export.FAMILIES.items()}
    for a, b in (("dev", "heldout"), ("dev", "fresh"), ("heldout", "fresh")):
        assert len(names[a] & names[b]) <= 2  # different locales; a surname may still exist in two of them
        assert not families[a] & families[b]


def test_the_helpdesk_export_truth_points_at_real_cells_and_its_splits_share_no_people(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    import json

    import helpdesk_export
    import helpdesk_text

    out = tmp_path_factory.mktemp("helpdesk")
    truth = helpdesk_export.generate(out, "dev5", rows=10, seed=3)
    with (out / "data" / "assets.csv").open(encoding="cp1252", newline="") as fh:
        assets = list(csv.DictReader(fh, delimiter=";"))
    events = [json.loads(line) for line in (out / "data" / "calls.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(assets) == truth["rows"]["assets.csv"] == 10
    assert len({e["call_ref"] for e in events}) == truth["rows"]["calls"] == 30
    for entry in truth["entries"]:
        if entry["file"] == "assets.csv":
            row = assets[entry["row"] - 2]
            assert entry["entity"] != "assets" or row["ASSET_NO"] == entry["key"]
        else:
            row = events[entry["row"] - 1]
            assert entry["entity"] != "jobs" or row["call_ref"] == entry["key"]
        assert entry["value"] in row[entry["column"]], entry["column"]
    again = tmp_path_factory.mktemp("helpdesk-again")
    helpdesk_export.generate(again, "dev5", rows=10, seed=3)
    for name in ("data/assets.csv", "data/calls.jsonl", "truth.json", "mapping.yaml"):
        assert (again / name).read_bytes() == (out / name).read_bytes()
    dev = helpdesk_export.people("dev5", 3, 220)
    fresh = helpdesk_export.people("fresh3", 3, 220, {w.lower() for p in dev for w in p})
    assert not {w.lower() for p in dev for w in p} & {w.lower() for p in fresh for w in p}
    for families in (helpdesk_text.FAULT, helpdesk_text.UPDATE, helpdesk_text.CAPS):
        assert not set(families["dev5"]) & set(families["fresh3"])
    streets = {split: {s for v in helpdesk_text.STREETS[split].values() for s in v} for split in ("dev5", "fresh3")}
    assert not streets["dev5"] & streets["fresh3"]


def _inventory_cells(path: Path) -> dict[str, list[list[str]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheets = {ws.title: [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
              for ws in book.worksheets}
    book.close()
    return sheets


def test_the_inventory_export_truth_points_at_real_cells_and_its_splits_share_no_people(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    import inventory_export
    import inventory_text

    out = tmp_path_factory.mktemp("inventory")
    truth = inventory_export.generate(out, "dev6", rows=20, seed=3)
    sheets = _inventory_cells(out / "data" / "inventory.xlsx")
    header_row = inventory_export.HEADER_ROW
    assert set(sheets) == {"Equipment Register", "Work Orders", "Loans & Decon"}
    assert len(sheets["Equipment Register"][header_row - 1]) == len(inventory_export.REGISTER_COLUMNS) == 45
    for title, rows in sheets.items():
        assert len(rows) - header_row == truth["rows"][f"inventory.xlsx:{title}"]
        assert all(len([c for c in r if c]) == 1 for r in rows[:header_row - 1] if any(r))  # banner rows
    assert truth["banner_rows"] == sum(1 for rows in sheets.values() for r in rows[:header_row - 1] if any(r))
    orders = sheets["Work Orders"][header_row:]
    assert truth["duplicate_rows"] == len(orders) - len({tuple(r) for r in orders}) == len(orders) - 60
    keys = {"assets": ("Asset No",), "jobs": ("WO No", "Loan Ref")}
    for entry in truth["entries"]:
        title = entry["file"].split(":", 1)[1]
        header = sheets[title][header_row - 1]
        row = dict(zip(header, sheets[title][entry["row"] - 1], strict=True))
        assert entry["value"] in row[entry["column"]], entry["column"]
        if entry["entity"] in keys:
            assert entry["key"] in {row.get(column) for column in keys[entry["entity"]]}
    kinds = {e["kind"] for e in truth["entries"] if e["personal"]}
    assert {"name", "phone", "email", "login", "nhs", "hospital_number", "dob", "address"} <= kinds
    again = tmp_path_factory.mktemp("inventory-again")
    inventory_export.generate(again, "dev6", rows=20, seed=3)
    for name in ("data/inventory.xlsx", "truth.json", "mapping.yaml"):
        assert (again / name).read_bytes() == (out / name).read_bytes()
    dev = inventory_export.split_people("dev6", 3, 20)
    fresh = inventory_export.split_people("fresh4", 3, 20)
    assert not {w.lower() for p in dev for w in p} & {w.lower() for p in fresh for w in p}
    for families in (inventory_text.FAULT, inventory_text.WORK, inventory_text.FSR, inventory_text.NOTES,
                     inventory_text.LOAN, inventory_text.DECON, inventory_text.STREETS, inventory_text.POOLS):
        a, b = families["dev6"], families["fresh4"]
        assert not set(map(str, a)) & set(map(str, b))


def test_the_inventory_export_loads_through_the_cli_with_every_row_accounted(tmp_path: Path) -> None:
    """`intake mapping check` (the CLI a customer's engineer runs) reads every sheet of the workbook below its
    banner rows with the hand-written mapping: nothing rejected, the duplicated work orders merged."""
    import inventory_export

    truth = inventory_export.generate(tmp_path / "export", "fresh4", rows=20, seed=5)
    export = tmp_path / "export"
    report = mapping_check(tmp_path, export / "data" / "inventory.xlsx", export / "mapping.yaml")
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: t["rows_read"] for name, t in tables.items()} == {
        name.split(":", 1)[1]: n for name, n in truth["rows"].items()}
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert tables["Work Orders"]["rows_merged"] == truth["duplicate_rows"]
    assert report["entities"]["assets"] == 20
    assert report["entities"]["jobs"] == 60 + truth["rows"]["inventory.xlsx:Loans & Decon"]
