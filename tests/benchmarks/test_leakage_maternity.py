"""benchmarks/maternity_export.py, fast: the export is an SQLite script of the EBME database (dev20 the sqlite3
shell's `.dump` with `replace(...,char(10))` line breaks, fresh18 DB Browser's export with column lists), a zip of
the CTG central station's JSON lines (dev20 nested objects, a file a year; fresh18 flat keys, a file a ward) and the
EPR's loan log as CSV (dev20 SSMS's BOM, CR LF and "NULL"; fresh18 three title lines intake rejects and the truth
counts, semicolons), which intake's connectors read; the truth points at real cells read through those connectors
(nested keys by their dotted paths); every kind is planted; NHS and CHI numbers carry their check digits, a CHI number
its owner's birth date, a baby's hospital number its mother's; the scoring finds every planted value when nothing is
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

import export_common  # noqa: E402
import maternity_export  # noqa: E402
import maternity_grampian  # noqa: E402
import maternity_jobs  # noqa: E402
import maternity_kit  # noqa: E402
import maternity_midlands  # noqa: E402
import maternity_rows  # noqa: E402
import maternity_scene  # noqa: E402
import maternity_text  # noqa: E402
from leakage_score import score  # noqa: E402
from maternity_files import read_tables  # noqa: E402
from maternity_rows import BANNER, DUMP, EPR, MEMBERS, TABLES, ZIP  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

SPLITS = maternity_rows.SPLITS
PERSONAL = {"name", "initials", "phone", "email", "login", "dob", "address", "postcode", "keysafe",
            "hospital_number", "staff_id", "baby_tag"}
NUMBER = {"dev20": "nhs", "fresh18": "chi"}
REFERENCE = {"asset_number", "serial", "maker", "model", "device_type", "unit", "ward", "hospital", "bed",
             "gp_practice", "setting", "reading", "error_code", "software_version", "part_number", "date", "extension",
             "helpline", "role_mailbox", "job_title"}


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
    truth = maternity_export.generate(tmp_path, split, rows=40, seed=3)
    data = tmp_path / "data"
    formats = _formats(data)
    assert {name: fmt for name, (fmt, _) in formats.items()} == {ZIP[split]: "zip", EPR[split]: "csv",
                                                                DUMP[split]: "sql_dump"}
    dump = formats[DUMP[split]][1]
    assert {t: dump[t][0] for t in (TABLES[split]["equip"][0], TABLES[split]["wo"][0])} == {
        TABLES[split]["equip"][0]: 40, TABLES[split]["wo"][0]: 40} and all(r == 0 for _, r in dump.values())
    members = formats[ZIP[split]][1]
    assert sorted(members) == sorted(f"{ZIP[split]}/{m}:{m.rsplit('.', 1)[0]}" for m in MEMBERS[split])
    assert sum(n for n, _ in members.values()) == 40 and all(r == 0 for _, r in members.values())
    assert list(formats[EPR[split]][1].values()) == [(40, BANNER[split])]
    raw, script = (data / EPR[split]).read_bytes(), (data / DUMP[split]).read_text(encoding="utf-8")
    if split == "dev20":  # SSMS: a BOM, CR LF, NULL; the sqlite3 shell's dump with its spelt-out line breaks
        assert raw.startswith(b"\xef\xbb\xbfLoan Ref,Equipment ID,") and b",NULL," in raw and raw.endswith(b"\r\n")
        assert script.startswith("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n") and "',char(10))" in script
    else:  # three title lines, then a semicolon-separated header; DB Browser's quoted names and column lists
        lines = raw.decode("utf-8").split("\n")
        assert lines[0].startswith("Maternity Equipment Loans") and lines[3].startswith("LoanNo;Item Tag;")
        assert b"\r\n" in raw  # inside the multi-line notes only
        assert 'CREATE TABLE IF NOT EXISTS "Devices"' in script and 'INSERT INTO "Jobs" ("JobNo",' in script
    # the script is one SQLite itself runs, to the same rows the connector reads
    con = sqlite3.connect(":memory:")
    con.executescript(script)
    for role, (name, _cols) in TABLES[split].items():
        assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == dump[name][0], role
    with zipfile.ZipFile(data / ZIP[split]) as z:
        assert all(i.date_time == (2025, 11, 3, 9, 12, 0) for i in z.infolist())
    assert truth["banner_rows"] == BANNER[split] and sum(truth["rows"].values()) == 160


def test_the_central_station_keeps_nested_objects_and_an_annotations_array(tmp_path: Path) -> None:
    import pyarrow as pa

    for split in SPLITS:
        maternity_export.generate(tmp_path / split, split, rows=20, seed=6)
        path = tmp_path / split / "data" / ZIP[split]
        k = maternity_jobs.CTG_KEYS[split]
        with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
            schema = source.read(source.tables()[0]).schema
        assert pa.types.is_list(schema.field(k["notes"]).type)
        if split == "dev20":
            patient = schema.field("episode").type.field("patient").type
            assert pa.types.is_struct(patient) and {patient.field(i).name for i in range(patient.num_fields)} == {
                "name", "mrn", "nhsNumber", "dob"}
        else:
            assert all(not pa.types.is_struct(f.type) for f in schema)


def _at(obj: Any, path: str) -> Any:
    """A nested key's value by its dotted path ("episode.patient.mrn", "annotations[1].text")."""
    for part in path.split("."):
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        obj = obj[m.group(1)][int(m.group(2))] if m else obj[part]
    return obj


def _mod11(d: str) -> bool:
    return len(d) == 10 and (11 - sum(int(x) * (10 - i) for i, x in enumerate(d[:9])) % 11) % 11 == int(d[9])


def _tables(export: Path, split: str) -> dict[str, list[dict[str, Any]]]:
    """Every table by the truth's `file` name: archive entries, the script's tables, the CSV."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in (export / "data").iterdir():
        for name, rows in read_tables(path).items():
            out[name.rsplit(":", 1)[0] if path.name == ZIP[split] else f"{DUMP[split]}:{name}"
                if path.name == DUMP[split] else EPR[split]] = rows
    return out


@pytest.mark.parametrize("split", SPLITS)
def test_the_truth_points_at_real_cells_and_every_kind_is_planted(tmp_path: Path, split: str) -> None:
    truth = maternity_export.generate(tmp_path, split, rows=80, seed=4)
    tables = _tables(tmp_path, split)
    t = {role: (f"{DUMP[split]}:{name}", cols) for role, (name, cols) in TABLES[split].items()}
    engineer_of = {r[t["wo"][1]["no"]]: str(r[t["wo"][1]["eng"]]) for r in tables[t["wo"][0]]}
    for e in truth["entries"]:
        row = tables[e["file"]][e["row"] - 1]
        cell = _at(row, e["column"]) if e["file"].startswith(ZIP[split]) else row[e["column"]]
        assert e["value"] in str(cell), (e["file"], e["column"], e["value"])
        if e["entity"] not in ("assets", "jobs"):
            assert e["key"] == e["value"]
        elif e["file"] == t["equip"][0]:
            assert e["key"] == row[t["equip"][1]["tag"]]
        elif e["file"] == t["wo"][0] or e["file"] == t["log"][0]:
            assert e["key"] == row[t["wo"][1]["no"] if e["file"] == t["wo"][0] else t["log"][1]["no"]]
        elif e["file"] == t["staff"][0]:  # the engineer joined in: planted in the job they did
            assert engineer_of[e["key"]] == str(row[t["staff"][1]["id"]])
        elif e["file"] == EPR[split]:
            assert e["key"] == row[maternity_jobs.EPR_COLS[split]["ref"]]
        else:
            assert e["key"] == _at(row, maternity_jobs.CTG_KEYS[split]["id"])
    assert {e["kind"] for e in truth["entries"] if e["personal"]} == PERSONAL | {NUMBER[split]}
    assert {e["kind"] for e in truth["entries"] if not e["personal"]} == REFERENCE
    numbers = [re.sub(r"\D", "", e["value"]) for e in truth["entries"] if e["kind"] == NUMBER[split]]
    assert numbers and all(_mod11(d) for d in numbers)
    if split == "fresh18":  # a CHI number starts with its owner's date of birth, its ninth digit the sex
        assert all(dt.datetime.strptime(d[:6], "%d%m%y") for d in numbers)
    # a baby's hospital number is its mother's with a suffix: the mother's shape (fresh18's check letter right),
    # and most babies' mothers are named with theirs somewhere in the export
    hosp = [e["value"].upper().replace(" ", "").replace("-", "") for e in truth["entries"]
            if e["kind"] == "hospital_number"]
    babies = {h: re.sub(r"(/B\d|B\d|/0\d|\.\d)$", "", h) for h in hosp if re.search(r"(/B\d|B\d|/0\d|\.\d)$", h)}
    mothers = {h for h in hosp if h not in babies}
    assert babies and all(re.fullmatch(r"L\d{7}" if split == "dev20" else r"G\d{6}[A-Z]", m)
                          for m in [*babies.values(), *mothers])
    if split == "fresh18":
        assert all(m[-1] == maternity_scene.Scene._check_letter(m[1:-1]) for m in [*babies.values(), *mothers])
    assert sum(m in mothers for m in babies.values()) > len(babies) / 2
    assert all(re.fullmatch(r"\d{4,5}", e["value"]) for e in truth["entries"] if e["kind"] == "keysafe")


@pytest.mark.parametrize("split", SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = maternity_export.generate(tmp_path, split, rows=25, seed=5)
    untouched = score(truth["entries"], maternity_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values()), untouched["reference"]
    emptied = score(truth["entries"], maternity_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    for split in SPLITS:
        maternity_export.generate(tmp_path / "a" / split, split, rows=30, seed=3)
        maternity_export.generate(tmp_path / "b" / split, split, rows=30, seed=3)
        for name in (f"data/{ZIP[split]}", f"data/{EPR[split]}", f"data/{DUMP[split]}", "truth.json", "mapping.yaml"):
            assert (tmp_path / "a" / split / name).read_bytes() == (tmp_path / "b" / split / name).read_bytes(), name
    people = [export_common.held_out_people(maternity_scene.people, "dev20", s, 3, 30) for s in SPLITS]
    assert not export_common.name_words(people[0]) & export_common.name_words(people[1])
    planted = []
    for split in SPLITS:
        truth = json.loads((tmp_path / "a" / split / "truth.json").read_text(encoding="utf-8"))
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]
    assert not planted[0] & maternity_scene.reserved_words() and not planted[1] & maternity_scene.reserved_words()


def _flat(value: object) -> set[str]:
    if isinstance(value, dict):
        return {s for k, v in value.items() for s in {str(k)} | _flat(v)}
    if isinstance(value, (list, tuple, set)):
        return {s for v in value for s in _flat(v)}
    return {str(value)}


def test_the_splits_share_no_template_place_role_or_layout() -> None:
    dev, fresh = maternity_text.TEXT["dev20"], maternity_text.TEXT["fresh18"]
    phrases = [{re.sub(r"\{\w+\}", "", t).strip(" .,;:-|~/[]()").lower() for ts in text.values() for t in ts}
               for text in (dev, fresh)]
    assert not (phrases[0] & phrases[1]) - {""}
    vocab = (maternity_midlands, maternity_grampian)
    for table in ("TOWNS", "STREETS", "BLOCKS", "FLATS", "HOME_MAIL", "OVERSEAS", "TRUST", "HOSPITALS", "UNITS",
                  "WARDS", "BEDS", "GP_PRACTICES", "MAILBOXES", "HELPLINES", "JOB_TITLES", "STAFF_DOMAIN",
                  "LOGIN_DOMAIN", "NICKNAMES", "RELATIONS", "LANGUAGES", "INTERPRETING"):
        # a relation's sex and a town's dialling code are codes, not vocabulary: their words are compared
        values = [set(getattr(v, table)) if table in ("RELATIONS", "TOWNS") else _flat(getattr(v, table))
                  for v in vocab]
        assert not values[0] & values[1], table
    roles = [_flat(v.ROLES) - set(v.ROLES) for v in vocab]
    assert not roles[0] & roles[1]
    districts = [{d for spec in v.TOWNS.values() for d in spec[0]} for v in vocab]
    codes = [{spec[1] for spec in v.TOWNS.values()} for v in vocab]
    assert not districts[0] & districts[1] and not codes[0] & codes[1]
    for columns in ([c for _, cols in TABLES[s].values() for c in cols.values()] + [n for n, _ in TABLES[s].values()]
                    for s in SPLITS), (maternity_jobs.EPR_COLS[s].values() for s in SPLITS), \
            (maternity_jobs.CTG_KEYS[s].values() for s in SPLITS):
        a, b = (set(c) for c in columns)
        assert not a & b
    for table in (ZIP, EPR, DUMP, MEMBERS, maternity_kit.STATUS, maternity_kit.CTG_TYPE, maternity_kit.CTG_STATUS,
                  maternity_kit.LOAN_TYPE, maternity_kit.LOAN_STATUS, maternity_kit.WO_TYPE, maternity_kit.WO_STATUS,
                  maternity_kit.ASSET_NO, maternity_kit.CTG_NO, maternity_kit.LOAN_NO, maternity_kit.WO_NO):
        pair = [set(c) if isinstance(c, dict) else _flat(c) for c in (table["dev20"], table["fresh18"])]
        assert not pair[0] & pair[1], table  # a code table's keys (its values are the product's codes)


def test_the_splits_share_no_number_shape(tmp_path: Path) -> None:
    """Phones, hospital, NHS/CHI, staff and tag numbers, dates of birth: written in shapes (digits and letters as #
    and @) the other split never uses. Key safe codes are four or five digits everywhere: not compared."""
    shapes = []
    for split in SPLITS:
        truth = maternity_export.generate(tmp_path / split, split, rows=60, seed=9)
        shapes.append({(e["kind"], re.sub(r"[A-Za-z]", "@", re.sub(r"\d", "#", e["value"])))
                       for e in truth["entries"] if e["kind"] in ("phone", "hospital_number", "nhs", "chi",
                                                                    "staff_id", "dob", "baby_tag")})
    assert not shapes[0] & shapes[1], sorted(shapes[0] & shapes[1])


@pytest.mark.parametrize("split", SPLITS)
def test_the_real_cli_maps_the_three_files_with_every_row_accounted(tmp_path: Path, split: str) -> None:
    export = tmp_path / "export"
    maternity_export.generate(export, split, rows=20, seed=5)
    files = [export / "data" / name for name in (ZIP[split], EPR[split], DUMP[split])]
    report = mapping_check(tmp_path, files, export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: t["rows_read"] for name, t in tables.items()} == {
        TABLES[split]["equip"][0]: 20, TABLES[split]["wo"][0]: 20, "ctg_technical_events": 20,
        EPR[split].rsplit(".", 1)[0]: 20}
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] == 60
