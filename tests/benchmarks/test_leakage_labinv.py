"""benchmarks/labinv_export.py, fast: the export is an Excel 97-2003 workbook of three sheets below banner rows and
a Spanish CSV with multi-line cells, which intake's connectors read whole (every data row, the banners as rejects,
nothing else rejected); the truth points at real cells; the scoring finds every planted value when nothing is
anonymised and none when everything is; a seed gives the same bytes; the two splits share no people, no planted
name word, no template and no role, relation word or place; and the real CLI maps both files with the mapping."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import labinv_export  # noqa: E402
import labinv_people  # noqa: E402
import labinv_text  # noqa: E402
import labinv_vocab  # noqa: E402
import labinv_workbook as wb  # noqa: E402
from leakage_score import score  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402


def _sheet_cells(path: Path) -> dict[str, list[list[str]]]:
    """Each sheet's cells as xlrd reads them: text as is, numbers without ".0", dates left as Excel numbers."""
    import xlrd

    book = xlrd.open_workbook(str(path))
    out = {}
    for sheet in book.sheets():
        rows = []
        for r in range(sheet.nrows):
            rows.append([str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
                         for v in sheet.row_values(r)])
        out[sheet.name] = rows
    return out


def _csv_records(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _expected_rows(truth: dict) -> dict[str, int]:
    return {(wb.INVENTARIO if name == wb.CSV_FILE else name.split(":", 1)[1]): n for name, n in truth["rows"].items()}


def test_the_files_are_an_xls_workbook_and_a_spanish_csv_that_intake_reads_whole(tmp_path: Path) -> None:
    truth = labinv_export.generate(tmp_path, "dev14", rows=30, seed=3)
    data = tmp_path / "data"
    assert sorted(p.name for p in data.iterdir()) == ["LabInventory.xls", "inventario.csv"]
    assert (data / wb.WORKBOOK).read_bytes().startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    raw = (data / wb.CSV_FILE).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfN\xc2\xba Inventario,") and b"\r\n" in raw
    assert any("\n" in r["Incidencias"] for r in _csv_records(data / wb.CSV_FILE))
    read = {}
    for name in (wb.WORKBOOK, wb.CSV_FILE):
        with open_source(None, data / name, name=name, settings=ConnectorSettings()) as source:
            assert source.format == ("xls" if name == wb.WORKBOOK else "csv")
            for table in source.tables():
                reader = source.read(table)
                rows = sum(batch.num_rows for batch in reader)
                read[wb.INVENTARIO if name == wb.CSV_FILE else table] = (rows, reader.rows_rejected)
    assert {t: rows for t, (rows, _) in read.items()} == _expected_rows(truth)
    assert sum(rejected for _, rejected in read.values()) == truth["banner_rows"] > 0  # the banners, nothing else
    tables = wb.read_tables(tmp_path)
    assert set(tables[wb.INVENTORY][0]) == set(wb.INVENTORY_COLUMNS)
    assert set(tables[wb.INVENTARIO][0]) == set(wb.ES_COLUMNS)


def test_the_truth_points_at_real_cells(tmp_path: Path) -> None:
    truth = labinv_export.generate(tmp_path, "fresh12", rows=80, seed=4)
    sheets = _sheet_cells(tmp_path / "data" / wb.WORKBOOK)
    records = _csv_records(tmp_path / "data" / wb.CSV_FILE)
    keys = {wb.INVENTORY: "Asset tag", wb.SERVICE: "Log no.", wb.LOANS: "Loan no.", wb.INVENTARIO: "Nº Inventario"}
    for entry in truth["entries"]:
        if entry["file"] == wb.CSV_FILE:
            sheet, row = wb.INVENTARIO, records[entry["row"] - 2]
        else:
            sheet = entry["file"].split(":", 1)[1]
            header = sheets[sheet][wb.header_row("fresh12", sheet) - 1]
            row = dict(zip(header, sheets[sheet][entry["row"] - 1], strict=True))
        assert entry["value"] in row[entry["column"]], (entry["column"], entry["value"])
        if entry["entity"] in ("assets", "jobs"):
            assert entry["key"] == row[keys[sheet]]
    service = sheets[wb.SERVICE][wb.header_row("fresh12", wb.SERVICE):]
    assert truth["duplicate_rows"] == len(service) - len({tuple(r) for r in service})
    kinds = {e["kind"] for e in truth["entries"] if e["personal"]}
    assert {"name", "phone", "email", "initials", "orcid", "staff_id", "student_id", "login", "nhs",
            "hospital_number", "national_id", "dob", "address", "postcode"} <= kinds
    references = {e["kind"] for e in truth["entries"] if not e["personal"]}
    assert {"lab", "maker", "model", "grant", "cost_centre", "cal_cert", "ukas_lab", "role_mailbox", "org_phone",
            "eponym", "job_title", "extension", "site"} <= references


@pytest.mark.parametrize("split", labinv_export.SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = labinv_export.generate(tmp_path, split, rows=25, seed=5)
    untouched = score(truth["entries"], labinv_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], labinv_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    labinv_export.generate(tmp_path / "a", "dev14", rows=30, seed=3)
    labinv_export.generate(tmp_path / "b", "dev14", rows=30, seed=3)
    for name in ("data/LabInventory.xls", "data/inventario.csv", "truth.json", "mapping.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    people = [labinv_people.split_people(s, 3, 30) for s in labinv_export.SPLITS]
    words = [{w.lower() for group in ps.values() for p in group for w in " ".join(p).replace("-", " ").split()}
             for ps in people]
    assert not words[0] & words[1]
    planted = []
    for split in labinv_export.SPLITS:
        truth = labinv_export.generate(tmp_path / split, split, rows=30, seed=3)
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]


def test_the_splits_share_no_template_role_relation_or_place() -> None:
    for family in (labinv_text.NOTE, labinv_text.CAPS, labinv_text.FAULT, labinv_text.WORK, labinv_text.EMAIL,
                   labinv_text.BODY, labinv_text.SIG, labinv_text.LOAN, labinv_text.BACK, labinv_text.OBS,
                   labinv_text.INC, labinv_text.FIRMA):
        assert not (set(family["dev14"]) & set(family["fresh12"])) - {"", "{email}"}  # blank, or only a pasted e-mail

    def words(split: str) -> set[str]:
        roles = [w for ws in labinv_text.ROLES[split].values() for w in ws]
        roles += [r[0] for r in (*labinv_text.RELATIONS[split].values(), *labinv_text.ES_RELATIONS[split].values())]
        roles.append(labinv_text.STUDENT_MARK[split])
        return {w for r in roles for w in re.split(r"[\s()-]+", r.lower()) if w}
    assert not words("dev14") & words("fresh12")
    for table in (labinv_vocab.TOWNS, labinv_vocab.STREETS, labinv_vocab.ES_STREETS, labinv_vocab.ES_TOWNS,
                  labinv_vocab.EPONYMS, labinv_vocab.ES_EPONYMS, labinv_vocab.MAILBOXES, labinv_vocab.ES_MAILBOXES,
                  labinv_vocab.JOB_TITLES, labinv_vocab.ES_JOB_TITLES, labinv_vocab.STUDIES):
        assert not set(table["dev14"]) & set(table["fresh12"])
    places = [{w for sites in (labinv_vocab.SITES[split], labinv_vocab.ES_SITES[split]) for s, t, ps in sites
               for w in (s, *(x for p in ps for x in p))} for split in labinv_export.SPLITS]
    assert not places[0] & places[1]


def test_the_real_cli_maps_both_files_with_every_row_accounted(tmp_path: Path) -> None:
    export = tmp_path / "export"
    truth = labinv_export.generate(export, "fresh12", rows=20, seed=5)
    report = mapping_check(tmp_path, [export / "data" / wb.WORKBOOK, export / "data" / wb.CSV_FILE],
                           export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: t["rows_read"] for name, t in tables.items()} == _expected_rows(truth)
    assert sum(t["rows_rejected"] for t in tables.values()) == 0
    assert tables[wb.SERVICE]["rows_merged"] == truth["duplicate_rows"]
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] == 60
