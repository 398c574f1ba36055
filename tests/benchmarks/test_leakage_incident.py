"""benchmarks/incident_export.py, fast: the export is a web incident system's CSV (UTF-8 without a BOM, CR LF
records, quoted multi-line cells holding the editor's HTML) and an FSN tracker workbook below banner rows, which
intake's connectors read whole (every data row, the banners as rejects, nothing else rejected); the truth points at
real cells; every kind is planted; the scoring finds every planted value when nothing is anonymised and none when
everything is; a seed gives the same bytes; the two splits share no people, no planted name word, no template, no
role or relation word, no writing layout and no place; and the real CLI maps both files with the mapping."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import export_common  # noqa: E402
import incident_export  # noqa: E402
import incident_files as fx  # noqa: E402
import incident_html  # noqa: E402
import incident_notes  # noqa: E402
import incident_people  # noqa: E402
import incident_text  # noqa: E402
import incident_vocab  # noqa: E402
from incident_fleet import TRACKER, WORKBOOK  # noqa: E402
from incident_rows import INCIDENTS  # noqa: E402
from leakage_score import score  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

PERSONAL = {"name", "initials", "phone", "email", "login", "nhs", "hospital_number", "dob", "address", "postcode"}
REFERENCE = {"incident_id", "mhra_ref", "fsn_ref", "lot", "udi", "asset_tag", "serial", "maker", "model",
             "device_type", "ward", "site", "committee", "job_title", "severity", "date", "time", "setting",
             "software_version", "error_code", "extension", "bleep", "role_mailbox", "town", "org_phone"}
NARRATIVES = ("Description", "Immediate action taken", "Investigation findings")


def _records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _sheet(path: Path) -> list[list[str]]:
    """The tracker's cells as openpyxl reads them: text as is, dates as their ISO date, blanks as ""."""
    import datetime as dt

    from openpyxl import load_workbook

    ws = load_workbook(path)[TRACKER]
    return [["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime) else str(v) for v in row]
            for row in ws.iter_rows(values_only=True)]


def _expected_rows(truth: dict) -> dict[str, int]:
    return {("incidents" if name == INCIDENTS else name.split(":", 1)[1]): n for name, n in truth["rows"].items()}


def test_the_files_are_an_html_carrying_csv_and_a_tracker_workbook_that_intake_reads_whole(tmp_path: Path) -> None:
    truth = incident_export.generate(tmp_path, "dev15", rows=40, seed=3)
    data = tmp_path / "data"
    assert sorted(p.name for p in data.iterdir()) == [WORKBOOK, INCIDENTS]
    raw = (data / INCIDENTS).read_bytes()
    assert raw.startswith(b"Incident ID,Reported,") and b"\r\n" in raw  # no BOM, CR LF records
    records = _records(data / INCIDENTS)
    text = "\n".join(r[c] for r in records for c in NARRATIVES)
    for tag in ("<p>", "</p>", "<br", "<strong>", "<ul>", "<li>", "&amp;", "&#39;", "&quot;"):
        assert tag in text, tag
    assert re.search(r"<strong>(Mr|Mrs|Ms|Miss|MR|MRS|MS|MISS|mr|mrs|ms|miss)</strong> ", text)  # a title cut off
    assert sum("\n" in r["Description"] for r in records) > 5  # multi-line quoted cells
    plain = [re.sub(r"<[^>]*>|&#?\w+;", " ", r["Description"]) for r in records]
    assert sum(p == p.upper() for p in plain) > 2  # shouting reporters
    assert sum(p == p.lower() for p in plain) > 2  # all lower case
    assert (data / WORKBOOK).read_bytes().startswith(b"PK")
    sheet = _sheet(data / WORKBOOK)
    assert sheet[fx.header_row("dev15") - 1] == fx.TRACKER_COLUMNS and sheet[0][0].startswith("MEDICAL DEVICES")
    read = {}
    for name in (INCIDENTS, WORKBOOK):
        with open_source(None, data / name, name=name, settings=ConnectorSettings()) as source:
            assert source.format == ("csv" if name == INCIDENTS else "xlsx")
            for table in source.tables():
                reader = source.read(table)
                rows = sum(batch.num_rows for batch in reader)
                read["incidents" if name == INCIDENTS else table] = (rows, reader.rows_rejected)
    assert {t: rows for t, (rows, _) in read.items()} == _expected_rows(truth)
    assert sum(rejected for _, rejected in read.values()) == truth["banner_rows"] > 0  # the banners, nothing else
    tables = fx.read_tables(tmp_path)
    assert set(tables["incidents"][0]) == set(fx.INCIDENT_COLUMNS)
    assert set(tables[TRACKER][0]) == set(fx.TRACKER_COLUMNS)


@pytest.mark.parametrize("split", incident_export.SPLITS)
def test_the_truth_points_at_real_cells_and_every_kind_is_planted(tmp_path: Path, split: str) -> None:
    truth = incident_export.generate(tmp_path, split, rows=80, seed=4)
    records = _records(tmp_path / "data" / INCIDENTS)
    sheet = _sheet(tmp_path / "data" / WORKBOOK)
    header = sheet[fx.header_row(split) - 1]
    for entry in truth["entries"]:
        if entry["file"] == INCIDENTS:
            row, key = records[entry["row"] - 2], "Incident ID"
        else:
            assert entry["file"] == f"{WORKBOOK}:{TRACKER}"
            row, key = dict(zip(header, sheet[entry["row"] - 1], strict=True)), "Asset tag"
        assert entry["value"] in row[entry["column"]], (entry["column"], entry["value"])
        if entry["entity"] in ("assets", "jobs"):
            assert entry["key"] == row[key].upper()
    assert {e["kind"] for e in truth["entries"] if e["personal"]} == PERSONAL
    assert {e["kind"] for e in truth["entries"] if not e["personal"]} == REFERENCE


def test_planted_values_survive_the_editor_and_look_right(tmp_path: Path) -> None:
    truth = incident_export.generate(tmp_path, "dev15", rows=60, seed=6)
    entries = truth["entries"]
    for e in entries:
        if e["column"] in NARRATIVES and e["kind"] != "udi":
            assert not re.search(r"[<>]", e["value"]), e  # a value is never cut by a tag
    for e in (e for e in entries if e["kind"] == "nhs"):
        d = [int(c) for c in re.sub(r"\D", "", e["value"])]
        assert len(d) == 10 and (11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11) % 11 == d[9]
    for e in (e for e in entries if e["kind"] == "udi"):
        m = re.fullmatch(r"\(01\)(\d{14})\(17\)\d{6}\(10\)(\S+)", e["value"], re.IGNORECASE)
        assert m, e["value"]
        body = [int(c) for c in m.group(1)]
        assert sum(x * (3 if i % 2 == 0 else 1) for i, x in enumerate(reversed(body[:13]))) % 10 == \
            (10 - body[13]) % 10
    assert any(e["kind"] == "extension" and e["column"] == "Reporter contact" for e in entries)


@pytest.mark.parametrize("split", incident_export.SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = incident_export.generate(tmp_path, split, rows=25, seed=5)
    untouched = score(truth["entries"], incident_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], incident_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    incident_export.generate(tmp_path / "a", "dev15", rows=30, seed=3)
    incident_export.generate(tmp_path / "b", "dev15", rows=30, seed=3)
    for name in (f"data/{INCIDENTS}", f"data/{WORKBOOK}", "truth.json", "mapping.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    people = [export_common.held_out_people(incident_people.people, "dev15", s, 3, 30)
              for s in incident_export.SPLITS]
    words = [{w.lower() for p in ps for w in " ".join(p).replace("-", " ").split()} for ps in people]
    assert not words[0] & words[1]
    planted = []
    for split in incident_export.SPLITS:
        truth = incident_export.generate(tmp_path / split, split, rows=30, seed=3)
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]


def _values(value: object) -> set[str]:
    if isinstance(value, dict):
        return {str(v) for v in value.values()}
    if isinstance(value, str):
        return {value}
    assert isinstance(value, list)
    return {str(v) for v in value}


def test_the_splits_share_no_template_role_relation_layout_or_place() -> None:
    for family in (incident_text.DESC, incident_text.ACTION, incident_notes.FINDINGS, incident_notes.CANDOUR,
                   incident_notes.ISSUE, incident_notes.ASKS, incident_notes.ACK, incident_notes.COMMENTS):
        assert not (set(family["dev15"]) & set(family["fresh13"])) - {""}
    layouts = [set(incident_html.LAYOUTS[s].values()) for s in incident_export.SPLITS]
    assert not layouts[0] & layouts[1]

    def words(split: str) -> set[str]:
        roles = [w for ws in incident_notes.ROLES[split].values() for w in ws]
        roles += [r[0] for r in incident_notes.RELATIONS[split].values()]
        return {w for r in roles for w in re.split(r"[\s()-]+", r.lower()) if w}
    assert not words("dev15") & words("fresh13")
    for table in (incident_vocab.TOWNS, incident_vocab.STREETS, incident_vocab.MAILBOXES, incident_vocab.COMMITTEES,
                  incident_vocab.SPECIALTIES, incident_vocab.NICKNAMES, incident_vocab.TRUST, incident_vocab.DOMAIN):
        values = [_values(table[s]) for s in incident_export.SPLITS]
        assert not values[0] & values[1]
    titles = [{t for ts in incident_vocab.JOB_TITLES[s].values() for t in ts} for s in incident_export.SPLITS]
    assert not titles[0] & titles[1]
    places = [{w for site, town, wards in incident_vocab.SITES[s] for w in (site, town, *wards)}
              for s in incident_export.SPLITS]
    assert not places[0] & places[1]


def test_the_real_cli_maps_both_files_with_every_row_accounted(tmp_path: Path) -> None:
    export = tmp_path / "export"
    truth = incident_export.generate(export, "fresh13", rows=20, seed=5)
    report = mapping_check(tmp_path, [export / "data" / INCIDENTS, export / "data" / WORKBOOK],
                           export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: t["rows_read"] for name, t in tables.items()} == _expected_rows(truth)
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] == 60
