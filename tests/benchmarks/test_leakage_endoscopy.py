"""benchmarks/endoscopy_export.py, fast: the export is the traceability system (dev21 an .xlsx workbook, the register
below two title rows intake rejects and the truth counts; fresh19 its SQLite database), the washers' cycles (dev21 a
tab-separated Windows-1252 log with CR LF, NULL and quoted multi-line comments; fresh19 JSON lines in a zip, a file a
washer, nested objects and a log array) and the unit's registers (dev21 a mysqldump; fresh19 an Excel 97-2003
workbook, a title row above the look-back sheet), which intake's connectors read; the truth points at real cells
read through those connectors (nested keys by their dotted paths); every kind is planted; NHS and CHI numbers carry
their check digits, a CHI number its owner's birth date; the scoring finds every planted value when nothing is
anonymised and none when everything is; a seed gives the same bytes; the two splits share no people, no planted name
word, no template, place, layout or number shape; and the real CLI maps the three files, every row accounted."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import endoscopy_borders  # noqa: E402
import endoscopy_export  # noqa: E402
import endoscopy_kit  # noqa: E402
import endoscopy_mapping  # noqa: E402
import endoscopy_rows  # noqa: E402
import endoscopy_scene  # noqa: E402
import endoscopy_text  # noqa: E402
import endoscopy_wales  # noqa: E402
import export_common  # noqa: E402
from endoscopy_files import read_tables  # noqa: E402
from endoscopy_rows import BANNER, CYCLES, MEMBERS, RECORDS, TABLES, TRACE  # noqa: E402
from leakage_score import score  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

SPLITS = endoscopy_rows.SPLITS
PERSONAL = {"name", "initials", "phone", "email", "login", "dob", "address", "postcode", "hospital_number",
            "staff_id"}
NUMBER = {"dev21": "nhs", "fresh19": "chi"}
REFERENCE = {"asset_number", "serial", "maker", "model", "device_type", "unit", "ward", "hospital", "room", "washer",
             "procedure", "error_code", "part_number", "service_report", "water_sample", "reading", "cycle_no",
             "incident_no", "gp_practice", "date", "extension", "role_mailbox", "helpline", "job_title"}
FORMATS = {"dev21": ("xlsx", "csv", "sql_dump"), "fresh19": ("sql", "zip", "xls")}


def _formats(data: Path) -> dict[str, tuple[str, dict[str, tuple[int, int]]]]:
    out = {}
    for path in sorted(data.iterdir()):
        with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
            tables = {}
            for table in source.tables():
                reader = source.read(table)
                tables[table] = (sum(batch.num_rows for batch in reader), reader.rows_rejected)
            out[path.name] = (source.format, tables)
    return out


@pytest.mark.parametrize("split", SPLITS)
def test_the_three_files_are_what_intakes_connectors_read(tmp_path: Path, split: str) -> None:
    truth = endoscopy_export.generate(tmp_path, split, rows=40, seed=3)
    data = tmp_path / "data"
    formats = _formats(data)
    assert {name: fmt for name, (fmt, _) in formats.items()} == dict(zip(
        (TRACE[split], CYCLES[split], RECORDS[split]), FORMATS[split], strict=True))
    trace, records = formats[TRACE[split]][1], formats[RECORDS[split]][1]
    register, use = TABLES[split]["register"][0], TABLES[split]["use"][0]
    assert {t: n for t, (n, _) in trace.items()} == {register: 40, use: 40}
    sizes = endoscopy_export.sizes(40)
    assert {TABLES[split][r][0]: sizes[r] for r in ("repair", "water", "lookback")}.items() <= \
        {t: n for t, (n, _) in records.items()}.items()
    rejected = sum(r for _, r in trace.values()) + sum(r for _, r in records.values())
    cycles = formats[CYCLES[split]][1]
    assert sum(n for n, _ in cycles.values()) == 40 and all(r == 0 for _, r in cycles.values())
    assert rejected == BANNER[split] == truth["banner_rows"]
    if split == "dev21":  # the register's two title rows; the log's Windows-1252, tabs, CR LF, NULL, quoted breaks
        assert trace[register][1] == 2
        raw = (data / CYCLES[split]).read_bytes()
        assert raw.startswith(b"Cycle No\tMachine\t") and b"\tNULL\t" in raw and raw.endswith(b"\r\n")
        assert re.search(rb'\t"[^"\t]*\n', raw)
        raw.decode("cp1252")
        dump = (data / RECORDS[split]).read_text(encoding="utf-8")
        assert dump.startswith("-- MySQL dump") and "LOCK TABLES `lookbacks` WRITE;" in dump and "\\n" in dump
    else:  # the SQLite file SQLite itself opens; the archive's fixed times; the look-back sheet's title row
        assert (data / TRACE[split]).read_bytes().startswith(b"SQLite format 3\x00")
        con = sqlite3.connect(data / TRACE[split])
        assert con.execute(f'SELECT count(*) FROM "{use}"').fetchone()[0] == 40
        con.close()
        assert sorted(cycles) == sorted(f"{CYCLES[split]}/{m}:{m.rsplit('.', 1)[0]}" for m in MEMBERS)
        with zipfile.ZipFile(data / CYCLES[split]) as z:
            assert all(i.date_time == (2025, 10, 31, 7, 2, 0) for i in z.infolist())
        assert (data / RECORDS[split]).read_bytes().startswith(b"\xd0\xcf\x11\xe0")
        assert records[TABLES[split]["lookback"][0]][1] == 1
    assert sum(truth["rows"].values()) == 40 + 40 + 40 + 40


def test_the_washers_json_keeps_nested_objects_and_a_log_array(tmp_path: Path) -> None:
    import pyarrow as pa

    endoscopy_export.generate(tmp_path, "fresh19", rows=20, seed=6)
    path = tmp_path / "data" / CYCLES["fresh19"]
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        schema = source.read(source.tables()[0]).schema
    assert pa.types.is_list(schema.field("log").type)
    operator = schema.field("operator").type
    assert pa.types.is_struct(operator) and {operator.field(i).name for i in range(operator.num_fields)} == {
        "name", "badge"}


def _at(obj: Any, path: str) -> Any:
    """A nested key's value by its dotted path ("operator.badge", "log[1].text")."""
    for part in path.split("."):
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        obj = obj[m.group(1)][int(m.group(2))] if m else obj[part]
    return obj


def _mod11(d: str) -> bool:
    return len(d) == 10 and (11 - sum(int(x) * (10 - i) for i, x in enumerate(d[:9])) % 11) % 11 == int(d[9])


def _tables(export: Path, split: str) -> dict[str, list[dict[str, Any]]]:
    """Every table by the truth's `file` name: the archive's entries, the CSV, a workbook's or database's tables."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in (export / "data").iterdir():
        for name, rows in read_tables(path).items():
            key = name.rsplit(":", 1)[0] if path.suffix == ".zip" else path.name if path.name == CYCLES[split] \
                else f"{path.name}:{name}"
            out[key] = rows
    return out


@pytest.mark.parametrize("split", SPLITS)
def test_the_truth_points_at_real_cells_and_every_kind_is_planted(tmp_path: Path, split: str) -> None:
    truth = endoscopy_export.generate(tmp_path, split, rows=80, seed=4)
    tables = _tables(tmp_path, split)
    keys = {endoscopy_rows.table_file(split, role): TABLES[split][role][1].get("no") for role in
            ("use", "repair", "water", "lookback")}
    keys[endoscopy_rows.table_file(split, "register")] = TABLES[split]["register"][1]["tag"]
    repairs = tables[endoscopy_rows.table_file(split, "repair")]
    for e in truth["entries"]:
        row = tables[e["file"]][e["row"] - 1]
        cell = _at(row, e["column"]) if ".zip/" in e["file"] else row[e["column"]]
        assert e["value"] in str(cell), (e["file"], e["column"], e["value"])
        if e["entity"] not in ("assets", "jobs"):
            assert e["key"] == e["value"]
        elif e["file"] in keys:
            assert e["key"] == row[keys[e["file"]]], (e["file"], e["column"])
        elif e["file"] == endoscopy_rows.table_file(split, "fse"):  # the field engineer joined into the repair
            cols = TABLES[split]["repair"][1]
            assert any(r[cols["no"]] == e["key"] and str(r[cols["eng"]]) == str(row["fse_id"]) for r in repairs)
        else:
            assert e["key"] == _at(row, TABLES[split]["cycle"][1]["no"])
    assert {e["kind"] for e in truth["entries"] if e["personal"]} == PERSONAL | {NUMBER[split]}
    assert {e["kind"] for e in truth["entries"] if not e["personal"]} == REFERENCE
    numbers = [re.sub(r"\D", "", e["value"]) for e in truth["entries"] if e["kind"] == NUMBER[split]]
    assert numbers and all(_mod11(d) for d in numbers)
    if split == "fresh19":  # a CHI number starts with its owner's date of birth
        assert all(dt.datetime.strptime(d[:6], "%d%m%y") for d in numbers)
    hosp = {re.sub(r"[\s-]", "", e["value"]).upper() for e in truth["entries"] if e["kind"] == "hospital_number"}
    assert all(re.fullmatch(r"W\d{7}" if split == "dev21" else r"BG\d{6}", h) for h in hosp)
    glued = [e["value"] for e in truth["entries"] if e["kind"] == "initials" and re.search(r"\d", e["value"])]
    assert glued  # initials with the time glued on, one word


@pytest.mark.parametrize("split", SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = endoscopy_export.generate(tmp_path, split, rows=25, seed=5)
    untouched = score(truth["entries"], endoscopy_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values()), untouched["reference"]
    emptied = score(truth["entries"], endoscopy_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    for split in SPLITS:
        endoscopy_export.generate(tmp_path / "a" / split, split, rows=30, seed=3)
        endoscopy_export.generate(tmp_path / "b" / split, split, rows=30, seed=3)
        for name in (f"data/{TRACE[split]}", f"data/{CYCLES[split]}", f"data/{RECORDS[split]}", "truth.json",
                     "mapping.yaml"):
            assert (tmp_path / "a" / split / name).read_bytes() == (tmp_path / "b" / split / name).read_bytes(), name
    people = [export_common.held_out_people(endoscopy_scene.people, "dev21", s, 3, 30) for s in SPLITS]
    assert not export_common.name_words(people[0]) & export_common.name_words(people[1])
    planted = []
    for split in SPLITS:
        truth = json.loads((tmp_path / "a" / split / "truth.json").read_text(encoding="utf-8"))
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]
    assert not planted[0] & endoscopy_scene.reserved_words() and not planted[1] & endoscopy_scene.reserved_words()


def _flat(value: object) -> set[str]:
    if isinstance(value, dict):
        return {s for k, v in value.items() for s in {str(k)} | _flat(v)}
    if isinstance(value, (list, tuple, set)):
        return {s for v in value for s in _flat(v)}
    return {str(value)}


def test_the_splits_share_no_template_place_role_or_layout() -> None:
    dev, fresh = endoscopy_text.TEXT["dev21"], endoscopy_text.TEXT["fresh19"]
    phrases = [{re.sub(r"\{\w+\}", "", t).strip(" .,;:-|~/[]()").lower() for ts in text.values() for t in ts}
               for text in (dev, fresh)]
    assert not (phrases[0] & phrases[1]) - {""}
    vocab = (endoscopy_wales, endoscopy_borders)
    for table in ("TOWNS", "STREETS", "HOUSES", "FLATS", "HOME_MAIL", "TRUST", "HOSPITALS", "UNITS", "WARDS", "ROOMS",
                  "WASHERS", "GP_PRACTICES", "MAILBOXES", "HELPLINES", "JOB_TITLES", "STAFF_DOMAIN", "LOGIN_DOMAIN",
                  "NICKNAMES", "RELATIONS"):
        values = [set(getattr(v, table)) if table in ("RELATIONS", "TOWNS") else _flat(getattr(v, table))
                  for v in vocab]
        assert not values[0] & values[1], table
    procedures = [_flat(list(v.PROCEDURES.values())) for v in vocab]
    roles = [_flat(v.ROLES) - set(v.ROLES) for v in vocab]
    assert not procedures[0] & procedures[1] and not roles[0] & roles[1]
    districts = [{d for spec in v.TOWNS.values() for d in spec[0]} for v in vocab]
    codes = [{spec[1] for spec in v.TOWNS.values()} for v in vocab]
    assert not districts[0] & districts[1] and not codes[0] & codes[1]
    columns = [{c for _, cols in TABLES[s].values() for c in cols.values()} | {n for n, _ in TABLES[s].values()}
               for s in SPLITS]
    assert not (columns[0] & columns[1]) - {""}
    for table in (TRACE, CYCLES, RECORDS, endoscopy_kit.STATUS, endoscopy_kit.USE_STATUS,
                  endoscopy_kit.CYCLE_RESULT, endoscopy_kit.REPAIR_STATUS, endoscopy_kit.WATER_STATUS,
                  endoscopy_kit.LOOKBACK_STATUS, endoscopy_kit.ASSET_NO, endoscopy_kit.USE_NO, endoscopy_kit.CYCLE_NO,
                  endoscopy_kit.REPAIR_NO, endoscopy_kit.WATER_NO, endoscopy_kit.LOOKBACK_NO):
        pair = [set(c) if isinstance(c, dict) else _flat(c) for c in (table["dev21"], table["fresh19"])]
        assert not pair[0] & pair[1], table  # a code table's keys (its values are the product's codes)
    labels = [set(endoscopy_mapping.LABELS[s].values()) for s in SPLITS]  # the jobs' type labels
    assert not labels[0] & labels[1]


def test_the_splits_share_no_number_shape(tmp_path: Path) -> None:
    """Phones, hospital, NHS/CHI and staff numbers, dates of birth: written in shapes (digits and letters as # and
    @) the other split never uses."""
    shapes = []
    for split in SPLITS:
        truth = endoscopy_export.generate(tmp_path / split, split, rows=60, seed=9)
        shapes.append({(e["kind"], re.sub(r"[A-Za-z]", "@", re.sub(r"\d", "#", e["value"])))
                       for e in truth["entries"] if e["kind"] in ("phone", "hospital_number", "nhs", "chi",
                                                                    "staff_id", "dob")})
    assert not shapes[0] & shapes[1], sorted(shapes[0] & shapes[1])


@pytest.mark.parametrize("split", SPLITS)
def test_the_real_cli_maps_the_three_files_with_every_row_accounted(tmp_path: Path, split: str) -> None:
    export = tmp_path / "export"
    endoscopy_export.generate(export, split, rows=20, seed=5)
    files = [export / "data" / name for name in (TRACE[split], CYCLES[split], RECORDS[split])]
    report = mapping_check(tmp_path, files, export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    sizes = endoscopy_export.sizes(20)
    assert {name: t["rows_read"] for name, t in tables.items()} == {
        TABLES[split]["register"][0]: 20, TABLES[split]["use"][0]: 20, "washer_cycles": 20,
        **{TABLES[split][r][0]: sizes[r] for r in ("repair", "water", "lookback")}}
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] == 60
