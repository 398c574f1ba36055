"""benchmarks/audiology_export.py, fast: the export is the department's register (dev22 a semicolon CSV in UTF-16 with
a byte-order mark; fresh20 its SQLite database with a client table), the repair and postal-battery log (dev22 an .xlsx
below title rows and a merged group row, the four rows intake rejects and the truth counts; fresh20 a macro-enabled
.xlsm with a title row) and the quality records (dev22 a pg_dump with COPY blocks) or the makers' repair orders
(fresh20 JSON lines with nested objects and an events array), which intake's connectors read; the truth points at real
cells read through those connectors (joined client and staff rows by the record that joins them, nested keys by their
dotted paths); every kind is planted; NHS and H&C numbers carry their check digits; the scoring finds every planted
value when nothing is anonymised and none when everything is; a seed gives the same bytes; the two splits share no
people, no planted name word, no template, place, layout or number shape; and the real CLI maps the three files, every
row accounted."""

from __future__ import annotations

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

import audiology_export  # noqa: E402
import audiology_kit  # noqa: E402
import audiology_mapping  # noqa: E402
import audiology_midlands  # noqa: E402
import audiology_rows  # noqa: E402
import audiology_scene  # noqa: E402
import audiology_text  # noqa: E402
import audiology_ulster  # noqa: E402
import export_common  # noqa: E402
from audiology_rows import BANNER, COLUMNS, JOB_ROLES, RECORDS, REGISTER, REPAIRS, table_file  # noqa: E402
from endoscopy_files import read_tables  # noqa: E402
from leakage_score import score  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

SPLITS = audiology_rows.SPLITS
PERSONAL = {"name", "initials", "phone", "email", "login", "dob", "address", "postcode", "hospital_number",
            "staff_id", "nhs", "school"}
REFERENCE = {"maker", "model", "device_type", "hospital", "clinic", "room", "booth", "team", "clinic_site", "town",
             "standard", "reading", "frequency", "cert_no", "error_code", "part_number", "service_report", "battery",
             "charity", "date", "extension", "role_mailbox", "helpline", "job_title", "serial"}
FORMATS = {"dev22": ("csv", "xlsx", "sql_dump"), "fresh20": ("sql", "xlsx", "jsonl")}
HOSPITAL_NO = {"dev22": r"Z\d{6}", "fresh20": r"AH\d{7}"}


def _formats(data: Path) -> dict[str, tuple[str, dict[str, tuple[int, int]]]]:
    out = {}
    for path in sorted(data.iterdir()):
        with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
            tables = {}
            for table in source.tables():
                reader = source.read(table)
                tables[table.rsplit(":", 1)[-1]] = (sum(batch.num_rows for batch in reader), reader.rows_rejected)
            out[path.name] = (source.format, tables)
    return out


@pytest.mark.parametrize("split", SPLITS)
def test_the_three_files_are_what_intakes_connectors_read(tmp_path: Path, split: str) -> None:
    truth = audiology_export.generate(tmp_path, split, rows=40, seed=3)
    data = tmp_path / "data"
    formats = _formats(data)
    names = (REGISTER[split], REPAIRS[split], RECORDS[split])
    assert {name: fmt for name, (fmt, _) in formats.items()} == dict(zip(names, FORMATS[split], strict=True))
    read = {t: n for _, tables in formats.values() for t, (n, _) in tables.items()}
    sizes = audiology_export.sizes(split, 40)
    assert {COLUMNS[split][r][0]: sizes[r if r != "register" else "assets"] for r in ("register", *JOB_ROLES[split])} \
        .items() <= read.items()
    assert sum(r for _, tables in formats.values() for _, r in tables.values()) == BANNER[split] == truth["banner_rows"]
    assert sum(truth["rows"].values()) == 40 * 4
    if split == "dev22":  # UTF-16 with a mark, semicolons, CR LF and quoted line breaks; merged labels; COPY blocks
        raw = (data / REGISTER[split]).read_bytes()
        assert raw.startswith(b"\xff\xfe")
        text = raw.decode("utf-16")
        assert text.startswith("Asset ID;Category;") and text.endswith("\r\n") and re.search(r';"[^";]*\r\n', text)
        from openpyxl import load_workbook

        book = load_workbook(data / REPAIRS[split])
        assert len(book["Repairs"].merged_cells.ranges) == 1 + len(audiology_rows.GROUP_ROW)
        dump = (data / RECORDS[split]).read_text(encoding="utf-8")
        assert dump.startswith("--\n-- PostgreSQL database dump") and "COPY public.radio_aid_loan (" in dump
        assert "\\N" in dump and "\n\\.\n" in dump
    else:  # SQLite's own file; Excel's macro-enabled content type; one JSON object a line
        assert (data / REGISTER[split]).read_bytes().startswith(b"SQLite format 3\x00")
        con = sqlite3.connect(data / REGISTER[split])
        assert con.execute("SELECT count(*) FROM device").fetchone()[0] == 40
        con.close()
        with zipfile.ZipFile(data / REPAIRS[split]) as z:
            assert b"sheet.macroEnabled.main+xml" in z.read("[Content_Types].xml")
            assert all(i.date_time == (2026, 11, 27, 8, 14, 0) for i in z.infolist())
        lines = (data / RECORDS[split]).read_text(encoding="utf-8").splitlines()
        assert len(lines) == sizes["rma"] and all(json.loads(line)["orderNo"] for line in lines)


def test_the_portal_json_keeps_nested_objects_and_an_events_array(tmp_path: Path) -> None:
    import pyarrow as pa

    audiology_export.generate(tmp_path, "fresh20", rows=20, seed=6)
    path = tmp_path / "data" / RECORDS["fresh20"]
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        schema = source.read(source.tables()[0]).schema
    assert pa.types.is_list(schema.field("events").type)
    user = schema.field("endUser").type
    assert pa.types.is_struct(user) and {user.field(i).name for i in range(user.num_fields)} == {"name", "clinicRef"}


def _at(obj: Any, path: str) -> Any:
    """A nested key's value by its dotted path ("endUser.name", "events[1].text")."""
    for part in path.split("."):
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        obj = obj[m.group(1)][int(m.group(2))] if m else obj[part]
    return obj


def _mod11(d: str) -> bool:
    return len(d) == 10 and (11 - sum(int(x) * (10 - i) for i, x in enumerate(d[:9])) % 11) % 11 == int(d[9])


def _tables(export: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table by the truth's `file` name: a workbook's or database's tables, the flat files by name."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in (export / "data").iterdir():
        for name, rows in read_tables(path).items():
            flat = path.suffix in (".csv", ".ndjson")
            out[path.name if flat else f"{path.name}:{name.rsplit(':', 1)[-1]}"] = rows
    return out


def _joined(split: str, role: str, tables: dict[str, list[dict[str, Any]]], row: dict[str, Any]) -> set[str]:
    """The records a client (fresh20) or staff (dev22) row is joined into: the devices or the jobs naming its id."""
    if role == "client":
        cols = COLUMNS[split]["register"][1]
        return {r[cols["tag"]] for r in tables[table_file(split, "register")] if r[cols["client"]] == row["client_id"]}
    out = set()
    for job, column in (("cal", "eng"), ("booth", "by")):
        cols = COLUMNS[split][job][1]
        out |= {r[cols["no"]] for r in tables[table_file(split, job)] if r[cols[column]] == row["staff_id"]}
    return out


@pytest.mark.parametrize("split", SPLITS)
def test_the_truth_points_at_real_cells_and_every_kind_is_planted(tmp_path: Path, split: str) -> None:
    truth = audiology_export.generate(tmp_path, split, rows=80, seed=4)
    tables = _tables(tmp_path)
    keys = {table_file(split, role): COLUMNS[split][role][1]["no"] for role in JOB_ROLES[split]}
    keys[table_file(split, "register")] = COLUMNS[split]["register"][1]["tag"]
    joins = {table_file(split, role): role for role in ("client", "staff") if role in COLUMNS[split]}
    for e in truth["entries"]:
        row = tables[e["file"]][e["row"] - 1]
        cell = _at(row, e["column"]) if e["file"].endswith(".ndjson") else row[e["column"]]
        assert e["value"] in str(cell), (e["file"], e["column"], e["value"])
        if e["entity"] not in ("assets", "jobs"):
            assert e["key"] == e["value"]
        elif e["file"] in joins:
            assert e["key"] in _joined(split, joins[e["file"]], tables, row), (e["file"], e["column"])
        else:
            key = _at(row, keys[e["file"]]) if e["file"].endswith(".ndjson") else row[keys[e["file"]]]
            assert e["key"] == key, (e["file"], e["column"])
    assert {e["kind"] for e in truth["entries"] if e["personal"]} == PERSONAL
    assert {e["kind"] for e in truth["entries"] if not e["personal"]} == REFERENCE
    numbers = [re.sub(r"\D", "", e["value"]) for e in truth["entries"] if e["kind"] == "nhs"]
    assert numbers and all(_mod11(d) for d in numbers)
    assert all(320 <= int(d[:3]) <= 399 for d in numbers) == (split == "fresh20")
    hosp = {re.sub(r"\s", "", e["value"]).upper() for e in truth["entries"] if e["kind"] == "hospital_number"}
    assert hosp and all(re.fullmatch(HOSPITAL_NO[split], h) for h in hosp)
    glued = [e["value"] for e in truth["entries"] if e["kind"] == "initials" and re.search(r"\d", e["value"])]
    assert glued  # initials with the time glued on, one word


@pytest.mark.parametrize("split", SPLITS)
def test_every_job_finds_its_asset_and_every_source_row_is_one_record(tmp_path: Path, split: str) -> None:
    truth = audiology_export.generate(tmp_path, split, rows=30, seed=8)
    done = audiology_mapping.query_tables(tmp_path, split)
    assert len(done["assets"]) == 30 and len({r["asset_no"] for r in done["assets"]}) == 30
    jobs = [r for role in JOB_ROLES[split] for r in done[role]]
    assert len(jobs) == 90 == sum(truth["rows"].values()) - 30
    assert all(r["asset_no"] for r in jobs) and len({r["job_no"] for r in jobs}) == 90
    batteries = done["battery"]  # found by the patient's NHS or H&C number: a device issued to that patient
    issued = {r["asset_no"]: r["notes"] for r in done["assets"]}
    assert all(re.sub(r"\D", "", r["fault"].split("Number: ")[1].split(" |")[0]) in
               re.sub(r"\D", "", issued[r["asset_no"]]) for r in batteries)


@pytest.mark.parametrize("split", SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = audiology_export.generate(tmp_path, split, rows=25, seed=5)
    untouched = score(truth["entries"], audiology_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values()), untouched["reference"]
    emptied = score(truth["entries"], audiology_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    for split in SPLITS:
        audiology_export.generate(tmp_path / "a" / split, split, rows=30, seed=3)
        audiology_export.generate(tmp_path / "b" / split, split, rows=30, seed=3)
        for name in (f"data/{REGISTER[split]}", f"data/{REPAIRS[split]}", f"data/{RECORDS[split]}", "truth.json",
                     "mapping.yaml"):
            assert (tmp_path / "a" / split / name).read_bytes() == (tmp_path / "b" / split / name).read_bytes(), name
    people = [export_common.held_out_people(audiology_scene.people, "dev22", s, 3, 30) for s in SPLITS]
    assert not export_common.name_words(people[0]) & export_common.name_words(people[1])
    planted = []
    for split in SPLITS:
        truth = json.loads((tmp_path / "a" / split / "truth.json").read_text(encoding="utf-8"))
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]
    assert not planted[0] & audiology_scene.reserved_words() and not planted[1] & audiology_scene.reserved_words()
    assert audiology_export.generate(tmp_path / "c", "dev22", rows=30, seed=4)["entries"] != json.loads(
        (tmp_path / "a" / "dev22" / "truth.json").read_text(encoding="utf-8"))["entries"]


def _flat(value: object) -> set[str]:
    if isinstance(value, dict):
        return {s for k, v in value.items() for s in {str(k)} | _flat(v)}
    if isinstance(value, (list, tuple, set)):
        return {s for v in value for s in _flat(v)}
    return {str(value)}


def test_the_splits_share_no_template_place_role_or_layout() -> None:
    dev, fresh = audiology_text.TEXT["dev22"], audiology_text.TEXT["fresh20"]
    phrases = [{re.sub(r"\{\w+\}", "", t).strip(" .,;:-|~/[]()").lower() for ts in text.values() for t in ts}
               for text in (dev, fresh)]
    assert not (phrases[0] & phrases[1]) - {""}
    vocab = (audiology_midlands, audiology_ulster)
    for table in ("TOWNS", "STREETS", "HOUSES", "FLATS", "HOME_MAIL", "TRUST", "HOSPITALS", "CLINICS", "ROOMS",
                  "BOOTHS", "TEAMS", "CLINIC_SITES", "SITE_TOWNS", "SCHOOLS", "GP_PRACTICES", "CHARITIES",
                  "MAILBOXES", "HELPLINES", "JOB_TITLES", "STAFF_DOMAIN", "LOGIN_DOMAIN", "NICKNAMES", "RELATIONS"):
        values = [set(getattr(v, table)) if table in ("RELATIONS", "TOWNS") else _flat(getattr(v, table))
                  for v in vocab]
        assert not values[0] & values[1], table
    roles = [_flat(v.ROLES) - set(v.ROLES) for v in vocab]
    assert not roles[0] & roles[1]
    districts = [{d for spec in v.TOWNS.values() for d in spec[0]} for v in vocab]
    assert not districts[0] & districts[1]
    columns = [{c for _, cols in COLUMNS[s].values() for c in cols.values()} | {n for n, _ in COLUMNS[s].values()}
               for s in SPLITS]
    assert not columns[0] & columns[1], columns[0] & columns[1]
    code_tables: tuple[dict[str, Any], ...] = (
        REGISTER, REPAIRS, RECORDS, audiology_kit.STATUS, audiology_kit.REPAIR_STATUS, audiology_kit.BATTERY_STATUS,
        audiology_kit.CAL_STATUS, audiology_kit.LOAN_STATUS, audiology_kit.ASSET_NO, audiology_kit.REPAIR_NO,
        audiology_kit.BATTERY_NO, audiology_kit.CAL_NO, audiology_kit.LOAN_NO, audiology_kit.FREQS,
        audiology_kit.STAGES)
    for codes in code_tables:
        pair = [set(c) if isinstance(c, dict) else _flat(c) for c in (codes["dev22"], codes["fresh20"])]
        assert not pair[0] & pair[1], codes
    labels = [set(audiology_mapping.LABELS[s].values()) for s in SPLITS]  # the jobs' type labels
    assert not labels[0] & labels[1]


def test_the_splits_share_no_number_shape(tmp_path: Path) -> None:
    """Phones, hospital, NHS/H&C and staff numbers, dates of birth: written in shapes (digits and letters as # and
    @) the other split never uses."""
    shapes = []
    for split in SPLITS:
        truth = audiology_export.generate(tmp_path / split, split, rows=60, seed=9)
        shapes.append({(e["kind"], re.sub(r"[^\W\d_]", "@", re.sub(r"\d", "#", e["value"])))
                       for e in truth["entries"] if e["kind"] in ("phone", "hospital_number", "nhs", "staff_id",
                                                                    "dob")})
    assert not shapes[0] & shapes[1], sorted(shapes[0] & shapes[1])


@pytest.mark.parametrize("split", SPLITS)
def test_the_real_cli_maps_the_three_files_with_every_row_accounted(tmp_path: Path, split: str) -> None:
    export = tmp_path / "export"
    audiology_export.generate(export, split, rows=20, seed=5)
    files = [export / "data" / name for name in (REGISTER[split], REPAIRS[split], RECORDS[split])]
    report = mapping_check(tmp_path, files, export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    sizes = audiology_export.sizes(split, 20)
    assert {name: t["rows_read"] for name, t in tables.items()} == {
        COLUMNS[split]["register"][0]: 20, **{f"{role}_jobs": sizes[role] for role in JOB_ROLES[split]}}
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] == 60
