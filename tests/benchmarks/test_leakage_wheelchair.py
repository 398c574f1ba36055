"""benchmarks/wheelchair_export.py, fast: the export is a workbook of two SharePoint lists as "Export to Excel" leaves
them (Excel tables from row 1, person columns in SharePoint's display and multi-person forms, claims logins, the
enhanced rich text columns' HTML, date cells), which intake's connector reads whole; the truth points at real cells;
every kind is planted; the scoring finds every planted value when nothing is anonymised and none when everything is;
a seed gives the same bytes; the two splits share no people, no planted name word, no template, no role or relation
word, no layout and no place; and the real CLI maps the workbook with the mapping."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import export_common  # noqa: E402
import wheelchair_export  # noqa: E402
import wheelchair_files as fx  # noqa: E402
import wheelchair_people  # noqa: E402
import wheelchair_sharepoint  # noqa: E402
import wheelchair_text  # noqa: E402
import wheelchair_vocab  # noqa: E402
from leakage_score import score  # noqa: E402
from wheelchair_rows import EQUIPMENT, REPAIRS, WORKBOOK  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

PERSONAL = {"name", "initials", "phone", "email", "login", "nhs", "hospital_number", "dob", "address", "postcode",
            "keysafe"}
REFERENCE = {"asset_number", "job_number", "maker", "model", "item_type", "size", "location", "gp_practice",
             "job_title", "part_number", "date", "time", "list_path", "list_item_type", "extension", "role_mailbox",
             "repairer", "town"}
RICH = ("Notes", "Work Done")


def _sheets(path: Path) -> dict[str, list[dict[str, str]]]:
    """Every sheet as openpyxl reads it, by header: text as is, dates as intake writes them (ISO), blanks as ""."""
    from openpyxl import load_workbook

    def text(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, dt.datetime):
            return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
        return str(v)

    out = {}
    for ws in load_workbook(path).worksheets:
        rows = [[text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        out[ws.title] = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    return out


def test_the_workbook_is_two_exported_sharepoint_lists_that_intake_reads_whole(tmp_path: Path) -> None:
    truth = wheelchair_export.generate(tmp_path, "dev16", rows=40, seed=3)
    path = tmp_path / "data" / WORKBOOK
    assert path.read_bytes().startswith(b"PK") and [p.name for p in (tmp_path / "data").iterdir()] == [WORKBOOK]
    from openpyxl import load_workbook

    book = load_workbook(path)
    assert book.sheetnames == [EQUIPMENT, REPAIRS]
    assert all(ws.tables for ws in book.worksheets)  # each list an Excel table, as the export makes it
    assert isinstance(book[EQUIPMENT]["X2"].value, dt.datetime)  # "Created" a date-time cell
    sheets = _sheets(path)
    eq, rep = sheets[EQUIPMENT], sheets[REPAIRS]
    assert list(eq[0]) == fx.EQUIPMENT_COLUMNS and list(rep[0]) == fx.REPAIR_COLUMNS
    assert all(re.fullmatch(r"[^,;#]+, [^,;#]+", r["Prescriber"]) for r in eq if r["Prescriber"])
    assert any(re.fullmatch(r"[^,;#]+, [^;#]+;#[^,;#]+, [^;#]+", r["Engineer"]) for r in rep)  # multi-person
    assert all(r["Created By"].startswith("i:0#.f|membership|") for r in rep)
    assert any("#ext#@" in r["Created By"] for r in rep)  # the repairer's engineers as guests
    assert {r["Path"] for r in eq} == {"sites/CAWheelchairService/Lists/Equipment"} and {r["Item Type"] for r in eq} \
        == {"Item"}
    notes = [r["Notes"] for r in eq if r["Notes"]] + [r["Work Done"] for r in rep if r["Work Done"]]
    assert notes and all(re.match(r'<div class="ExternalClass[0-9A-F]{32}">', t) and t.endswith("</div>")
                         for t in notes)
    assert any(re.search(r"\d{4}-\d\d-\d\d", r["Date of Birth"]) for r in eq)  # date cells
    assert any(re.search(r"/", r["Date of Birth"]) for r in eq)  # typed dates
    assert any(r["Decontaminated"] in ("True", "False") for r in eq)
    read = {}
    with open_source(None, path, name=WORKBOOK, settings=ConnectorSettings()) as source:
        assert source.format == "xlsx"
        for table in source.tables():
            reader = source.read(table)
            read[table] = (sum(batch.num_rows for batch in reader), reader.rows_rejected)
    assert read == {EQUIPMENT: (40, 0), REPAIRS: (120, 0)}
    assert truth["rows"] == {f"{WORKBOOK}:{EQUIPMENT}": 40, f"{WORKBOOK}:{REPAIRS}": 120}
    tables = fx.read_tables(tmp_path)
    assert set(tables[EQUIPMENT][0]) == set(fx.EQUIPMENT_COLUMNS)


def test_fresh14_writes_people_with_lookup_ids_between() -> None:
    p, q = ("Ann", "Lee"), ("Bo", "Kay")
    cell = wheelchair_sharepoint.people_cell("fresh14", __import__("random").Random(1), [p, q], {p: 14, q: 27})
    assert "".join(x if isinstance(x, str) else x[0] for x in cell) == "Ann Lee;#14;#Bo Kay;#27"


@pytest.mark.parametrize("split", wheelchair_export.SPLITS)
def test_the_truth_points_at_real_cells_and_every_kind_is_planted(tmp_path: Path, split: str) -> None:
    truth = wheelchair_export.generate(tmp_path, split, rows=80, seed=4)
    sheets = _sheets(tmp_path / "data" / WORKBOOK)
    for entry in truth["entries"]:
        sheet = entry["file"].split(":", 1)[1]
        row = sheets[sheet][entry["row"] - 2]
        assert entry["value"] in row[entry["column"]], (entry["column"], entry["value"])
        if entry["entity"] in ("assets", "jobs"):
            key = "Asset No" if sheet == EQUIPMENT else "Job No"
            assert entry["key"] == row[key].upper()
        if entry["column"] in RICH:
            assert not re.search(r"[<>]", entry["value"]), entry  # a value is never cut by a tag
    assert {e["kind"] for e in truth["entries"] if e["personal"]} == PERSONAL
    assert {e["kind"] for e in truth["entries"] if not e["personal"]} == REFERENCE
    for e in (e for e in truth["entries"] if e["kind"] == "nhs"):
        d = [int(c) for c in re.sub(r"\D", "", e["value"])]
        assert len(d) == 10 and (11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11) % 11 == d[9]
    assert all(re.fullmatch(r"\d{4,5}", e["value"]) for e in truth["entries"] if e["kind"] == "keysafe")


@pytest.mark.parametrize("split", wheelchair_export.SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = wheelchair_export.generate(tmp_path, split, rows=25, seed=5)
    untouched = score(truth["entries"], wheelchair_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], wheelchair_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    wheelchair_export.generate(tmp_path / "a", "dev16", rows=30, seed=3)
    wheelchair_export.generate(tmp_path / "b", "dev16", rows=30, seed=3)
    for name in (f"data/{WORKBOOK}", "truth.json", "mapping.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    people = [export_common.held_out_people(wheelchair_people.people, "dev16", s, 3, 30)
              for s in wheelchair_export.SPLITS]
    words = [{w.lower() for p in ps for w in " ".join(p).replace("-", " ").split()} for ps in people]
    assert not words[0] & words[1]
    planted = []
    for split in wheelchair_export.SPLITS:
        truth = wheelchair_export.generate(tmp_path / split, split, rows=30, seed=3)
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]


def _values(value: object) -> set[str]:
    if isinstance(value, dict):
        return {str(k) for k in value}
    if isinstance(value, (list, tuple)):
        return {str(v) for v in value}
    return {str(value)}


def test_the_splits_share_no_template_role_relation_layout_or_place() -> None:
    for family in (wheelchair_text.NOTES, wheelchair_text.FAULT, wheelchair_text.WORK, wheelchair_text.REPORTED):
        shared = set(family["dev16"]) & set(family["fresh14"])
        assert all(re.fullmatch(r"\{\w+\}", t) for t in shared), shared  # a person alone is no phrase
    layouts = [set(wheelchair_sharepoint.LAYOUTS[s].values()) for s in wheelchair_export.SPLITS]
    assert not layouts[0] & layouts[1]

    def words(split: str) -> set[str]:
        roles = [w for ws in wheelchair_vocab.ROLES[split].values() for w in ws] + list(
            wheelchair_vocab.RELATIONS[split])
        return {w for r in roles for w in re.split(r"[\s()-]+", r.lower()) if w}
    assert not words("dev16") & words("fresh14")
    for table in (wheelchair_vocab.TOWNS, wheelchair_vocab.STREETS, wheelchair_vocab.LOCATIONS,
                  wheelchair_vocab.PRACTICES, wheelchair_vocab.MAILBOXES, wheelchair_vocab.JOB_TITLES,
                  wheelchair_vocab.NICKNAMES, wheelchair_vocab.TRUST, wheelchair_vocab.DOMAIN, wheelchair_vocab.SITE,
                  wheelchair_vocab.LISTS, wheelchair_vocab.REPAIRER, wheelchair_vocab.FLATS,
                  wheelchair_vocab.HOME_MAIL):
        values = [_values(table[s]) for s in wheelchair_export.SPLITS]
        assert not values[0] & values[1], table
    nicknames = [set(wheelchair_vocab.NICKNAMES[s].values()) for s in wheelchair_export.SPLITS]
    assert not nicknames[0] & nicknames[1]


def test_the_real_cli_maps_both_lists_with_every_row_accounted(tmp_path: Path) -> None:
    export = tmp_path / "export"
    wheelchair_export.generate(export, "fresh14", rows=20, seed=5)
    repairs = _sheets(export / "data" / WORKBOOK)[REPAIRS]
    assert all(re.fullmatch(r"[^,;#]+ [^;#]+;#\d+(;#[^,;#]+ [^;#]+;#\d+)*", r["Engineer"]) for r in repairs)
    assert any(r["Engineer"].count(";#") == 3 for r in repairs)  # two engineers, each with their lookup id
    report = mapping_check(tmp_path, export / "data" / WORKBOOK, export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: t["rows_read"] for name, t in tables.items()} == {"equipment": 20, REPAIRS: 60}
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] == 60
