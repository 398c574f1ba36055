"""benchmarks/renal_export.py, fast: the export is a fleet portal's Parquet register, a renal IT system's
pipe-delimited extract (a header, a trailer line; fresh16 a banner line too, rejected by intake and counted by the
truth) and a technicians' .xlsx log (dev18) or a POCT middleware CSV (fresh16), which intake's connectors read; the
truth points at real cells; every kind is planted; NHS and Health and Care numbers carry their check digits; the
scoring finds every planted value when nothing is anonymised and none when everything is; a seed gives the same bytes;
the two splits share no people, no planted name word, no template, no place, no layout; and the real CLI maps the
three files with the mapping, every row accounted."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import export_common  # noqa: E402
import renal_england  # noqa: E402
import renal_export  # noqa: E402
import renal_kit  # noqa: E402
import renal_rows  # noqa: E402
import renal_scene  # noqa: E402
import renal_text  # noqa: E402
import renal_ulster  # noqa: E402
from leakage_score import score  # noqa: E402
from renal_rows import EXTRACT, FLEET, SHEET, THIRD  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

SPLITS = renal_export.SPLITS
PERSONAL = {"name", "initials", "phone", "email", "login", "dob", "address", "postcode", "keysafe", "what3words",
            "hospital_number", "nhs", "specimen", "staff_id"}
REFERENCE = {"asset_number", "serial", "maker", "model", "device_type", "unit", "ward", "water_sample", "reading",
             "error_code", "software_version", "part_number", "date", "helpline", "role_mailbox", "job_title",
             "location"}


def _third_name(split: str) -> str:
    return f"{THIRD[split]}:{SHEET}" if split == "dev18" else THIRD[split]


def _fleet(export: Path, split: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = pq.read_table(export / "data" / FLEET[split]).to_pylist()
    return rows


def _extract(export: Path, split: str) -> dict[int, dict[str, str]]:
    """The extract's records by physical line (the header on line 1, or 2 below fresh16's banner)."""
    lines = (export / "data" / EXTRACT[split]).read_text(encoding="utf-8").splitlines()
    first = 1 + renal_export.BANNER[split]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[first - 1:-1])), delimiter="|"))
    return {first + 1 + i: r for i, r in enumerate(rows)}


def _third(export: Path, split: str) -> list[dict[str, str]]:
    path = export / "data" / THIRD[split]
    if split == "fresh16":
        return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    from openpyxl import load_workbook

    def text(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, dt.datetime):
            return v.isoformat()
        return str(v)

    ws = load_workbook(path)[SHEET]
    rows = [[text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _read(path: Path) -> tuple[str, dict[str, tuple[int, int]]]:
    out = {}
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        for table in source.tables():
            reader = source.read(table)
            out[table] = (sum(batch.num_rows for batch in reader), reader.rows_rejected)
        return source.format, out


@pytest.mark.parametrize("split", SPLITS)
def test_the_three_files_are_what_intakes_connectors_read(tmp_path: Path, split: str) -> None:
    truth = renal_export.generate(tmp_path, split, rows=40, seed=3)
    data = tmp_path / "data"
    assert sorted(p.name for p in data.iterdir()) == sorted([FLEET[split], EXTRACT[split], THIRD[split]])
    raw = (data / EXTRACT[split]).read_bytes()
    lines = raw.decode("utf-8").splitlines()
    if split == "dev18":
        assert lines[0].startswith("JOB_ID|") and lines[-1] == "TRL|60" and b"\r\n" not in raw
    else:
        assert lines[0].startswith("HDR|") and lines[1].startswith("Ref|") and lines[-1] == "EOF|60"
        assert raw.count(b"\r\n") == 63 and (data / THIRD[split]).read_bytes().startswith(b'\xef\xbb\xbf"EventID"')
    fmt, tables = _read(data / EXTRACT[split])
    assert fmt == "csv" and list(tables.values()) == [(60, 1 + renal_export.BANNER[split])]
    fmt, tables = _read(data / THIRD[split])
    assert (fmt, list(tables.values())) == ("xlsx" if split == "dev18" else "csv", [(60, 0)])
    assert _read(data / FLEET[split]) == ("parquet", {FLEET[split].rsplit(".", 1)[0]: (40, 0)})
    assert truth["rows"] == {FLEET[split]: 40, EXTRACT[split]: 60, _third_name(split): 60}
    assert truth["banner_rows"] == 1 + renal_export.BANNER[split]


def _mod11(d: str) -> bool:
    return len(d) == 10 and (11 - sum(int(x) * (10 - i) for i, x in enumerate(d[:9])) % 11) % 11 == int(d[9])


@pytest.mark.parametrize("split", SPLITS)
def test_the_truth_points_at_real_cells_and_every_kind_is_planted(tmp_path: Path, split: str) -> None:
    truth = renal_export.generate(tmp_path, split, rows=80, seed=4)
    fleet, extract, third = _fleet(tmp_path, split), _extract(tmp_path, split), _third(tmp_path, split)
    fk, ek, tk = (c[split] for c in (renal_rows.FLEET_COLS, renal_rows.EXTRACT_COLS, renal_rows.THIRD_COLS))
    for entry in truth["entries"]:
        if entry["file"] == FLEET[split]:
            row: dict[str, Any] = fleet[entry["row"] - 1]
            tag = row[fk["tag"]]
        elif entry["file"] == EXTRACT[split]:
            row = extract[entry["row"]]
            tag = row[ek["no"]]
        else:
            assert entry["file"] == _third_name(split)
            row = third[entry["row"] - 2]
            tag = row[tk["no"]]
        assert entry["value"] in str(row[entry["column"]]), (entry["column"], entry["value"])
        assert entry["key"] == (tag.upper() if entry["entity"] in ("assets", "jobs") else entry["value"])
    assert {e["kind"] for e in truth["entries"] if e["personal"]} == PERSONAL
    assert {e["kind"] for e in truth["entries"] if not e["personal"]} == REFERENCE
    numbers = [re.sub(r"\D", "", e["value"]) for e in truth["entries"] if e["kind"] == "nhs"]
    assert numbers and all(_mod11(d) for d in numbers)
    if split == "fresh16":  # Health and Care numbers run from 320 to 399
        assert all(320 <= int(d[:3]) <= 399 for d in numbers)
    assert all(re.fullmatch(r"C?\d{4,5}X?", e["value"]) for e in truth["entries"] if e["kind"] == "keysafe")
    assert all(re.fullmatch(r"[a-zA-Z]+\.[a-zA-Z]+\.[a-zA-Z]+", e["value"]) for e in truth["entries"]
               if e["kind"] == "what3words")


@pytest.mark.parametrize("split", SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = renal_export.generate(tmp_path, split, rows=25, seed=5)
    untouched = score(truth["entries"], renal_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], renal_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    for split in SPLITS:
        renal_export.generate(tmp_path / "a" / split, split, rows=30, seed=3)
        renal_export.generate(tmp_path / "b" / split, split, rows=30, seed=3)
        for name in (f"data/{FLEET[split]}", f"data/{EXTRACT[split]}", f"data/{THIRD[split]}", "truth.json",
                     "mapping.yaml"):
            assert (tmp_path / "a" / split / name).read_bytes() == (tmp_path / "b" / split / name).read_bytes(), name
    people = [export_common.held_out_people(renal_scene.people, "dev18", s, 3, 30) for s in SPLITS]
    words = [export_common.name_words(ps) for ps in people]
    assert not words[0] & words[1]
    planted = []
    for split in SPLITS:
        truth = renal_export.generate(tmp_path / split, split, rows=30, seed=3)
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]
    assert any(c in w for w in planted[1] for c in "áéíóú")  # Irish-language names keep their fadas


def _values(value: object) -> set[str]:
    if isinstance(value, dict):
        return {str(k) for k in value}
    if isinstance(value, (list, tuple)):
        return {str(v) for v in value}
    return {str(value)}


def test_the_splits_share_no_template_place_role_or_layout() -> None:
    dev, fresh = renal_text.TEXT["dev18"], renal_text.TEXT["fresh16"]
    for family in dev:
        shared = set(dev[family]) & set(fresh[family])
        assert all(re.fullmatch(r"\{\w+\}", t) for t in shared), (family, shared)  # a slot alone is no phrase
    for table in ("TOWNS", "STREETS", "HOUSES", "FLATS", "HOME_MAIL", "W3W", "NETWORK", "TRUST", "UNITS", "WARDS",
                  "HOME_LOCATION", "MAILBOXES", "HELPLINES", "JOB_TITLES", "STAFF_DOMAIN", "LOGIN_DOMAIN",
                  "TRUST_PREFIX", "NICKNAMES", "RELATIONS"):
        values = [_values(getattr(v, table)) for v in (renal_england, renal_ulster)]
        assert not values[0] & values[1], table
    roles = [{w for ws in v.ROLES.values() for w in ws} for v in (renal_england, renal_ulster)]
    assert not roles[0] & roles[1]
    postcodes = [{d for ds, _ in v.TOWNS.values() for d in ds} for v in (renal_england, renal_ulster)]
    assert not postcodes[0] & postcodes[1] and all(d.startswith("BT") for d in postcodes[1])
    nicknames = [set(v.NICKNAMES.values()) for v in (renal_england, renal_ulster)]
    assert not nicknames[0] & nicknames[1]
    for columns in (renal_rows.FLEET_COLS, renal_rows.EXTRACT_COLS, renal_rows.THIRD_COLS):
        assert not set(columns["dev18"].values()) & set(columns["fresh16"].values())
    for table in (FLEET, EXTRACT, THIRD, renal_kit.STATUS, renal_kit.EXTRACT_TYPE, renal_kit.EXTRACT_STATUS,
                  renal_kit.LOG_TYPE, renal_kit.LOG_STATUS, renal_kit.ASSET_NO, renal_kit.EXTRACT_NO,
                  renal_kit.LOG_NO, renal_kit.WATER_ID):
        assert not _values(table["dev18"]) & _values(table["fresh16"]), table

def test_water_sample_ids_are_kept_and_specimen_numbers_planted(tmp_path: Path) -> None:
    """The RO plant's water samples are no one's: kept; a patient's specimen number is personal."""
    for split in SPLITS:
        truth = renal_export.generate(tmp_path / split, split, rows=40, seed=8)
        water = {e["value"] for e in truth["entries"] if e["kind"] == "water_sample"}
        specimens = {e["value"] for e in truth["entries"] if e["kind"] == "specimen"}
        assert water and specimens and not water & specimens
        assert all(not e["personal"] for e in truth["entries"] if e["kind"] == "water_sample")


@pytest.mark.parametrize("split", SPLITS)
def test_the_real_cli_maps_the_three_files_with_every_row_accounted(tmp_path: Path, split: str) -> None:
    export = tmp_path / "export"
    renal_export.generate(export, split, rows=20, seed=5)
    files = [export / "data" / name for name in (FLEET[split], EXTRACT[split], THIRD[split])]
    report = mapping_check(tmp_path, files, export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    stem = {name: name.rsplit(".", 1)[0] for name in (FLEET[split], EXTRACT[split], THIRD[split])}
    third = SHEET if split == "dev18" else stem[THIRD[split]]
    assert {name: t["rows_read"] for name, t in tables.items()} == {stem[FLEET[split]]: 20, stem[EXTRACT[split]]: 30,
                                                                    third: 30}
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] == 60
