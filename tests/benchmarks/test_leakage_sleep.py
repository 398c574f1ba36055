"""benchmarks/sleep_export.py, fast: the export is a device portal's tab-separated file (dev19 Windows-1252 with
CR LF, fresh17 UTF-8 below a two-line banner intake rejects and the truth counts), a loan history in JSON lines with
nested objects and an events array, and a loan store's .xls sheet, which intake's connectors read; the truth points
at real cells (nested keys by their dotted paths); every kind is planted; NHS numbers carry their check digits; the
scoring finds every planted value when nothing is anonymised and none when everything is; a seed gives the same
bytes; the two splits share no people, no planted name word, no template, no place, no layout or number shape; and
the real CLI maps the three files with the mapping, every row accounted."""

from __future__ import annotations

import csv
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
import sleep_export  # noqa: E402
import sleep_islands  # noqa: E402
import sleep_jobs  # noqa: E402
import sleep_kit  # noqa: E402
import sleep_london  # noqa: E402
import sleep_rows  # noqa: E402
import sleep_scene  # noqa: E402
import sleep_text  # noqa: E402
from leakage_score import score  # noqa: E402
from sleep_rows import BANNER, LOANS, PORTAL, SHEET, STORE  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

SPLITS = sleep_rows.SPLITS
PERSONAL = {"name", "initials", "phone", "email", "login", "dob", "address", "postcode", "keysafe",
            "hospital_number", "staff_id"}
NUMBER = {"dev19": "nhs", "fresh17": "national_id"}
REFERENCE = {"asset_number", "serial", "maker", "model", "device_type", "unit", "ward", "gp_practice", "mask",
             "setting", "reading", "error_code", "software_version", "part_number", "courier_ref", "date", "helpline",
             "role_mailbox", "job_title"}


def _store_name(split: str) -> str:
    return f"{STORE[split]}:{SHEET[split]}"


def _portal(export: Path, split: str) -> dict[int, dict[str, str]]:
    """The portal's records by physical line (the header on line 1, or 3 below fresh17's banner)."""
    raw = (export / "data" / PORTAL[split]).read_bytes().decode("cp1252" if split == "dev19" else "utf-8")
    lines = raw.splitlines()
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[BANNER[split]:])), delimiter="\t"))
    return {BANNER[split] + 2 + i: r for i, r in enumerate(rows)}


def _loans(export: Path, split: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (export / "data" / LOANS[split]).read_text(encoding="utf-8").splitlines()]


def _store(export: Path, split: str) -> list[dict[str, str]]:
    import xlrd

    ws = xlrd.open_workbook(str(export / "data" / STORE[split])).sheet_by_name(SHEET[split])
    head = ws.row_values(0)
    return [{h: str(v) for h, v in zip(head, ws.row_values(r), strict=True)} for r in range(1, ws.nrows)]


def _at(obj: Any, path: str) -> Any:
    """A nested key's value by its dotted path ("patient.ids.hospitalNo", "events[1].text")."""
    for part in path.split("."):
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        obj = obj[m.group(1)][int(m.group(2))] if m else obj[part]
    return obj


def _read(path: Path) -> tuple[str, dict[str, tuple[int, int]]]:
    out = {}
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        for table in source.tables():
            reader = source.read(table)
            out[table] = (sum(batch.num_rows for batch in reader), reader.rows_rejected)
        return source.format, out


@pytest.mark.parametrize("split", SPLITS)
def test_the_three_files_are_what_intakes_connectors_read(tmp_path: Path, split: str) -> None:
    truth = sleep_export.generate(tmp_path, split, rows=40, seed=3)
    data = tmp_path / "data"
    assert sorted(p.name for p in data.iterdir()) == sorted([PORTAL[split], LOANS[split], STORE[split]])
    raw = (data / PORTAL[split]).read_bytes()
    if split == "dev19":  # Windows-1252 (accented names are not UTF-8), CR LF, tabs
        assert raw.count(b"\r\n") == 41 and raw.startswith(b"Device ID\tSerial No\t")
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        assert any(c in raw.decode("cp1252") for c in "áéíóúöüçšÓ")
    else:  # UTF-8, LF, two title lines above the header
        lines = raw.decode("utf-8").split("\n")
        assert b"\r" not in raw and "\t" not in lines[0] + lines[1] and lines[2].startswith("asset_code\tsn\t")
    fmt, tables = _read(data / PORTAL[split])
    assert fmt == "csv" and list(tables.values()) == [(40, BANNER[split])]
    fmt, tables = _read(data / LOANS[split])
    assert fmt == "jsonl" and list(tables.values()) == [(60, 0)]
    assert (b"\r\n" in (data / LOANS[split]).read_bytes()) == (split == "fresh17")
    fmt, tables = _read(data / STORE[split])
    assert (fmt, tables) == ("xls", {SHEET[split]: (60, 0)})
    assert truth["rows"] == {PORTAL[split]: 40, LOANS[split]: 60, _store_name(split): 60}
    assert truth["banner_rows"] == BANNER[split]


def test_the_loan_history_nests_objects_and_an_events_array(tmp_path: Path) -> None:
    """Intake's JSON lines reader keeps the nested objects as structs and the events as a list of structs."""
    import pyarrow as pa

    for split in SPLITS:
        sleep_export.generate(tmp_path / split, split, rows=20, seed=6)
        path = tmp_path / split / "data" / LOANS[split]
        k = sleep_jobs.KEYS[split]
        with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
            schema = source.read(source.tables()[0]).schema
        ids = schema.field(k["patient"]).type.field(k["ids"]).type
        assert pa.types.is_struct(ids) and {ids.field(i).name for i in range(ids.num_fields)} == {k["hosp"], k["num"]}
        assert pa.types.is_list(schema.field(k["events"]).type)


def _mod11(d: str) -> bool:
    return len(d) == 10 and (11 - sum(int(x) * (10 - i) for i, x in enumerate(d[:9])) % 11) % 11 == int(d[9])


@pytest.mark.parametrize("split", SPLITS)
def test_the_truth_points_at_real_cells_and_every_kind_is_planted(tmp_path: Path, split: str) -> None:
    truth = sleep_export.generate(tmp_path, split, rows=80, seed=4)
    portal, loans, store = _portal(tmp_path, split), _loans(tmp_path, split), _store(tmp_path, split)
    pk, sk, lk = sleep_rows.PORTAL_COLS[split], sleep_rows.STORE_COLS[split], sleep_jobs.KEYS[split]
    for entry in truth["entries"]:
        if entry["file"] == PORTAL[split]:
            row: dict[str, Any] = portal[entry["row"]]
            cell, tag = row[entry["column"]], row[pk["tag"]]
        elif entry["file"] == LOANS[split]:
            line = loans[entry["row"] - 1]
            cell, tag = _at(line, entry["column"]), line[lk["no"]]
        else:
            assert entry["file"] == _store_name(split)
            row = store[entry["row"] - 2]
            cell, tag = row[entry["column"]], row[sk["no"]]
        assert entry["value"] in str(cell), (entry["column"], entry["value"])
        assert entry["key"] == (tag.upper() if entry["entity"] in ("assets", "jobs") else entry["value"])
    assert {e["kind"] for e in truth["entries"] if e["personal"]} == PERSONAL | {NUMBER[split]}
    assert {e["kind"] for e in truth["entries"] if not e["personal"]} == REFERENCE
    numbers = [re.sub(r"\W", "", e["value"]) for e in truth["entries"] if e["kind"] == NUMBER[split]]
    if split == "dev19":
        assert numbers and all(_mod11(d) for d in numbers)
    else:  # the islands' social security numbers: a Manx NI number, Jersey's JY, Guernsey's GY
        assert numbers and all(re.fullmatch(r"(M[AWX]\d{6}[A-D]|JY\d{6}[A-D]|GY\d{6})", d.upper()) for d in numbers)
    assert all(re.fullmatch(r"\d{4,5}", e["value"]) for e in truth["entries"] if e["kind"] == "keysafe")


@pytest.mark.parametrize("split", SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = sleep_export.generate(tmp_path, split, rows=25, seed=5)
    untouched = score(truth["entries"], sleep_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values()), untouched["reference"]
    emptied = score(truth["entries"], sleep_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    for split in SPLITS:
        sleep_export.generate(tmp_path / "a" / split, split, rows=30, seed=3)
        sleep_export.generate(tmp_path / "b" / split, split, rows=30, seed=3)
        for name in (f"data/{PORTAL[split]}", f"data/{LOANS[split]}", f"data/{STORE[split]}", "truth.json",
                     "mapping.yaml"):
            assert (tmp_path / "a" / split / name).read_bytes() == (tmp_path / "b" / split / name).read_bytes(), name
    people = [export_common.held_out_people(sleep_scene.people, "dev19", s, 3, 30) for s in SPLITS]
    words = [export_common.name_words(ps) for ps in people]
    assert not words[0] & words[1]
    planted = []
    for split in SPLITS:
        truth = sleep_export.generate(tmp_path / split, split, rows=30, seed=3)
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]
    assert all(w.encode("cp1252") for w in planted[0])  # dev19's names are all writable in Windows-1252


def _flat(value: object) -> set[str]:
    if isinstance(value, dict):
        return {s for k, v in value.items() for s in {str(k)} | _flat(v)}
    if isinstance(value, (list, tuple, set)):
        return {s for v in value for s in _flat(v)}
    return {str(value)}


def test_the_splits_share_no_template_place_role_or_layout() -> None:
    dev, fresh = sleep_text.TEXT["dev19"], sleep_text.TEXT["fresh17"]
    phrases = [{re.sub(r"\{\w+\}", "", t).strip(" .,;:-|~/").lower() for ts in text.values() for t in ts}
               for text in (dev, fresh)]
    assert not (phrases[0] & phrases[1]) - {""}
    for table in ("TOWNS", "STREETS", "HOUSES", "FLATS", "HOME_MAIL", "TRUST", "UNITS", "WARDS", "GP_PRACTICES",
                  "MAILBOXES", "HELPLINES", "JOB_TITLES", "STAFF_DOMAIN", "LOGIN_DOMAIN", "NICKNAMES", "RELATIONS",
                  "COURIERS", "LICENSING"):
        # a relation's sex and a town's dialling code are codes, not vocabulary: their words are compared
        values = [set(getattr(v, table)) if table in ("RELATIONS", "TOWNS") else _flat(getattr(v, table))
                  for v in (sleep_london, sleep_islands)]
        assert not values[0] & values[1], table
    roles = [_flat(v.ROLES) - set(v.ROLES) for v in (sleep_london, sleep_islands)]
    assert not roles[0] & roles[1]
    districts = [{d for spec in v.TOWNS.values() for d in spec[-2]} for v in (sleep_london, sleep_islands)]
    assert not districts[0] & districts[1] and all(d[:2] in ("IM", "JE", "GY") for d in districts[1])
    for columns in (sleep_rows.PORTAL_COLS, sleep_rows.STORE_COLS, sleep_jobs.KEYS):
        assert not set(columns["dev19"].values()) & set(columns["fresh17"].values())
    for table in (PORTAL, LOANS, STORE, SHEET, sleep_kit.STATUS, sleep_kit.LOAN_TYPE, sleep_kit.LOAN_STATUS,
                  sleep_kit.STORE_TYPE, sleep_kit.STORE_STATUS, sleep_kit.ASSET_NO, sleep_kit.LOAN_NO,
                  sleep_kit.STORE_NO, sleep_kit.COURIER_REF):
        codes = [set(c) if isinstance(c, dict) else _flat(c) for c in (table["dev19"], table["fresh17"])]
        assert not codes[0] & codes[1], table  # a code table's keys (its values are the product's codes)


def test_the_splits_share_no_number_shape(tmp_path: Path) -> None:
    """Phones, hospital, national and staff numbers, logins: written in shapes (digits and letters as # and @) the
    other split never uses."""
    shapes = []
    for split in SPLITS:
        truth = sleep_export.generate(tmp_path / split, split, rows=40, seed=9)
        shapes.append({(e["kind"], re.sub(r"[A-Za-z]", "@", re.sub(r"\d", "#", e["value"])))
                       for e in truth["entries"] if e["kind"] in ("phone", "hospital_number", "nhs", "national_id",
                                                                    "staff_id", "dob")})
    assert not shapes[0] & shapes[1], sorted(shapes[0] & shapes[1])


@pytest.mark.parametrize("split", SPLITS)
def test_the_real_cli_maps_the_three_files_with_every_row_accounted(tmp_path: Path, split: str) -> None:
    export = tmp_path / "export"
    sleep_export.generate(export, split, rows=20, seed=5)
    files = [export / "data" / name for name in (PORTAL[split], LOANS[split], STORE[split])]
    report = mapping_check(tmp_path, files, export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    stem = {name: name.rsplit(".", 1)[0] for name in (PORTAL[split], LOANS[split])}
    assert {name: t["rows_read"] for name, t in tables.items()} == {stem[PORTAL[split]]: 20, stem[LOANS[split]]: 30,
                                                                    SHEET[split]: 30}
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] == 60
