"""benchmarks/oxygen_export.py, fast: the export is a supplier portal's JSON lines (dev17 nested objects, fresh15 flat
keys), a drivers' run sheet (UTF-8 with a BOM, or Windows-1252 with every field quoted) and an engineers' visit log
(.xlsx with date cells), which intake's connectors read whole; the truth points at real cells; every kind is planted;
NHS and CHI numbers carry their check digits (a CHI number its patient's date of birth); the scoring finds every
planted value when nothing is anonymised and none when everything is; a seed gives the same bytes; the two splits
share no people, no planted name word, no template, no role or relation word, no layout and no place; and the real
CLI maps the three files with the mapping."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import export_common  # noqa: E402
import oxygen_export  # noqa: E402
import oxygen_kit  # noqa: E402
import oxygen_people  # noqa: E402
import oxygen_rows  # noqa: E402
import oxygen_runs  # noqa: E402
import oxygen_scotland  # noqa: E402
import oxygen_scotland_text  # noqa: E402
import oxygen_wales  # noqa: E402
import oxygen_wales_text  # noqa: E402
from leakage_score import score  # noqa: E402
from oxygen_rows import PORTAL, RUNS, SHEET, VISITS  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

PERSONAL = {"name", "initials", "phone", "email", "login", "dob", "address", "postcode", "keysafe"}
NUMBER = {"dev17": "nhs", "fresh15": "chi"}
REFERENCE = {"asset_number", "job_number", "serial", "maker", "model", "device_type", "location", "flow_rate",
             "pressure", "cylinder_size", "part_number", "date", "time", "hospital", "ward", "gp_practice",
             "job_title", "depot", "role_mailbox", "helpline", "switchboard", "town", "health_board", "supplier"}
ENCODING = {"dev17": "utf-8-sig", "fresh15": "cp1252"}


def _lines(export: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (export / "data" / PORTAL).read_text(encoding="utf-8").splitlines()]


def _at(obj: Any, path: str) -> Any:
    """The value at a truth entry's path in a JSON object ("patient.contacts[0].phone", or a flat key)."""
    if path in obj:
        return obj[path]
    for part in path.split("."):
        name, _, index = part.partition("[")
        obj = obj[name]
        if index:
            obj = obj[int(index[:-1])]
    return obj


def _runs(export: Path, split: str) -> list[dict[str, str]]:
    text = (export / "data" / RUNS).read_bytes().decode(ENCODING[split])
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _sheet(export: Path, split: str) -> list[dict[str, str]]:
    """The visit log as openpyxl reads it, by header: text as is, dates as intake writes them (ISO), blanks ""."""
    from openpyxl import load_workbook

    def text(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, dt.datetime):
            return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
        return str(v)

    ws = load_workbook(export / "data" / VISITS)[SHEET[split]]
    rows = [[text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _read(path: Path) -> tuple[str, dict[str, tuple[int, int]]]:
    out = {}
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        for table in source.tables():
            reader = source.read(table)
            out[table] = (sum(batch.num_rows for batch in reader), reader.rows_rejected)
        return source.format, out


@pytest.mark.parametrize("split", oxygen_export.SPLITS)
def test_the_three_files_are_what_intakes_connectors_read_whole(tmp_path: Path, split: str) -> None:
    truth = oxygen_export.generate(tmp_path, split, rows=40, seed=3)
    data = tmp_path / "data"
    assert sorted(p.name for p in data.iterdir()) == sorted([PORTAL, RUNS, VISITS])
    lines = _lines(tmp_path)
    raw_runs = (data / RUNS).read_bytes()
    if split == "dev17":  # the API: nested objects, a contacts array, nulls, ASCII escapes
        assert all(isinstance(o["equipment"], dict) for o in lines)
        assert any(o["patient"] and o["patient"]["contacts"] for o in lines)
        assert any(o["patient"] is None for o in lines) and (data / PORTAL).read_bytes().isascii()
        assert raw_runs.startswith(b"\xef\xbb\xbfRun Date,") and b"\r\n" not in raw_runs
    else:  # flat keys, "" for blank; the run sheet Windows-1252, quoted, CR LF
        assert all(all(isinstance(v, str) for v in o.values()) for o in lines)
        assert any(o["CHI Number"] == "" for o in lines) and any(o["CHI Number"] for o in lines)
        assert raw_runs.startswith(b'"Route","Stop",') and raw_runs.count(b"\r\n") == 61
        raw_runs.decode("cp1252")
    from openpyxl import load_workbook

    ws = load_workbook(data / VISITS)[SHEET[split]]
    assert [c.value for c in ws[1]] == oxygen_rows.VISIT_COLUMNS[split]
    assert any(isinstance(c.value, dt.datetime) for row in ws.iter_rows(min_row=2) for c in row)
    assert _read(data / PORTAL) == ("jsonl", {"installations": (40, 0)})
    assert _read(data / RUNS) == ("csv", {"run_sheet": (60, 0)})
    assert _read(data / VISITS) == ("xlsx", {SHEET[split]: (60, 0)})
    assert truth["rows"] == {PORTAL: 40, RUNS: 60, f"{VISITS}:{SHEET[split]}": 60}


def _chi_ok(chi: str) -> bool:
    d = [int(c) for c in chi]
    check = 11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11
    return len(d) == 10 and check != 10 and (0 if check == 11 else check) == d[9]


@pytest.mark.parametrize("split", oxygen_export.SPLITS)
def test_the_truth_points_at_real_cells_and_every_kind_is_planted(tmp_path: Path, split: str) -> None:
    truth = oxygen_export.generate(tmp_path, split, rows=80, seed=4)
    lines, runs, visits = _lines(tmp_path), _runs(tmp_path, split), _sheet(tmp_path, split)
    key = {"asset": "Equipment ID", "run": oxygen_runs.COLUMNS[split][2 if split == "fresh15" else 4],
           "visit": oxygen_rows.VISIT_ROLES[split]["no"]}
    for entry in truth["entries"]:
        if entry["file"] == PORTAL:
            line = lines[entry["row"] - 1]
            cell = _at(line, entry["column"])
            tag = line["equipment"]["assetNo"] if split == "dev17" else line[key["asset"]]
        else:
            rows, number = (runs, key["run"]) if entry["file"] == RUNS else (visits, key["visit"])
            row = rows[entry["row"] - 2]
            cell, tag = row[entry["column"]], row[number]
        assert entry["value"] in cell, (entry["column"], entry["value"], cell)
        if entry["entity"] in ("assets", "jobs"):
            assert entry["key"] == tag.upper()
    kinds = {e["kind"] for e in truth["entries"] if e["personal"]}
    assert kinds == PERSONAL | {NUMBER[split]}
    assert {e["kind"] for e in truth["entries"] if not e["personal"]} == REFERENCE
    numbers = [re.sub(r"\D", "", e["value"]) for e in truth["entries"] if e["kind"] == NUMBER[split]]
    if split == "dev17":
        assert all(len(d) == 10 and (11 - sum(int(x) * (10 - i) for i, x in enumerate(d[:9])) % 11) % 11 == int(d[9])
                   for d in numbers)
    else:
        assert numbers and all(_chi_ok(d) for d in numbers)
        for line in lines:  # the CHI number starts with its patient's date of birth
            if line["CHI Number"]:
                born = dt.datetime.strptime(line["DOB"], "%d/%m/%Y")
                assert re.sub(r"\D", "", line["CHI Number"])[:6] == f"{born:%d%m%y}"
    assert all(re.fullmatch(r"\d{4,5}", e["value"]) for e in truth["entries"] if e["kind"] == "keysafe")


@pytest.mark.parametrize("split", oxygen_export.SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = oxygen_export.generate(tmp_path, split, rows=25, seed=5)
    untouched = score(truth["entries"], oxygen_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], oxygen_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    oxygen_export.generate(tmp_path / "a", "dev17", rows=30, seed=3)
    oxygen_export.generate(tmp_path / "b", "dev17", rows=30, seed=3)
    for name in (f"data/{PORTAL}", f"data/{RUNS}", f"data/{VISITS}", "truth.json", "mapping.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    people = [export_common.held_out_people(oxygen_people.people, "dev17", s, 3, 30) for s in oxygen_export.SPLITS]
    words = [{w.lower() for p in ps for w in " ".join(p).replace("-", " ").split()} for ps in people]
    assert not words[0] & words[1]
    planted = []
    for split in oxygen_export.SPLITS:
        truth = oxygen_export.generate(tmp_path / split, split, rows=30, seed=3)
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]
    assert {"ap", "ferch"} & planted[0]  # Welsh patronymics
    assert any(w.startswith(("mac", "mc", "nic")) for w in planted[1])


def _values(value: object) -> set[str]:
    if isinstance(value, dict):
        return {str(k) for k in value}
    if isinstance(value, (list, tuple)):
        return {str(v) for v in value}
    return {str(value)}


def test_the_splits_share_no_template_role_relation_layout_or_place() -> None:
    for family in ("INSTALL", "RISK", "DRIVER", "DRIVER_FAILED", "SIGNED", "REASON", "ARRIVE", "WORK", "ADVICE",
                   "CLOSE", "REPORTED", "SEPARATORS"):
        shared = set(getattr(oxygen_wales_text, family)) & set(getattr(oxygen_scotland_text, family))
        assert all(re.fullmatch(r"\{\w+\}", t) for t in shared), (family, shared)  # a person alone is no phrase

    def words(v: Any) -> set[str]:
        roles = [w for ws in v.ROLES.values() for w in ws] + list(v.RELATIONS)
        return {w for r in roles for w in re.split(r"[\s()-]+", r.lower()) if w}
    assert not words(oxygen_wales) & words(oxygen_scotland)
    for table in ("TOWNS", "STREETS", "HOUSES", "FLATS", "HOME_MAIL", "BOARD", "SUPPLIER", "STAFF_DOMAIN", "DEPOTS",
                  "HOME_LOCATION", "HOSPITALS", "WARDS", "PRACTICES", "MAILBOXES", "HELPLINES", "SWITCHBOARDS",
                  "JOB_TITLES", "NICKNAMES", "MONTHS"):
        values = [_values(getattr(v, table)) for v in (oxygen_wales, oxygen_scotland)]
        assert not values[0] & values[1], table
    villages = [{w for _, _, vs in v.TOWNS.values() for w in vs} for v in (oxygen_wales, oxygen_scotland)]
    assert not villages[0] & villages[1]
    nicknames = [set(v.NICKNAMES.values()) for v in (oxygen_wales, oxygen_scotland)]
    assert not nicknames[0] & nicknames[1]
    # layouts: the files' columns and keys, the sheet, the shapes of numbers and of flow rates
    assert not set(oxygen_runs.COLUMNS["dev17"]) & set(oxygen_runs.COLUMNS["fresh15"])
    assert not set(oxygen_rows.VISIT_COLUMNS["dev17"]) & set(oxygen_rows.VISIT_COLUMNS["fresh15"])
    for table in (oxygen_kit.FLOW_FORMS, oxygen_kit.STATUS, oxygen_kit.RUN_TYPE, oxygen_kit.RUN_STATUS,
                  oxygen_kit.VISIT_TYPE, oxygen_kit.ASSET_NO, oxygen_kit.RUN_NO, oxygen_kit.VISIT_NO, SHEET):
        assert not _values(table["dev17"]) & _values(table["fresh15"]), table


def test_the_portals_two_layouts_share_no_key(tmp_path: Path) -> None:
    keys = []
    for split in oxygen_export.SPLITS:
        oxygen_export.generate(tmp_path / split, split, rows=12, seed=6)
        keys.append({k for o in _lines(tmp_path / split) for k in o})
    assert not keys[0] & keys[1]


@pytest.mark.parametrize("split", oxygen_export.SPLITS)
def test_the_real_cli_maps_the_three_files_with_every_row_accounted(tmp_path: Path, split: str) -> None:
    export = tmp_path / "export"
    oxygen_export.generate(export, split, rows=20, seed=5)
    files = [export / "data" / name for name in (PORTAL, RUNS, VISITS)]
    report = mapping_check(tmp_path, files, export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: t["rows_read"] for name, t in tables.items()} == {"installations": 20, "run_sheet": 30,
                                                                    SHEET[split]: 30}
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] == 60
