"""benchmarks/imaging_export.py, fast: the register is what Excel's "Unicode Text" save writes (UTF-16 LE with a
BOM, tabs, CRLF), the service reports and the PACS log are UTF-8 CSV with quoted multi-line cells, every truth entry
points at the value it was planted in and at the record the mapping carries it to, the scoring finds every planted
value when nothing is anonymised and none when everything is, a seed gives the same bytes, the two splits share no
people or vocabulary, and the real CLI maps the three files with the mapping's query (the PACS log folded into the
assets' notes by AE title, Excel's currency text converted)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import export_common  # noqa: E402
import imaging_export  # noqa: E402
import imaging_scene  # noqa: E402
import imaging_text  # noqa: E402
import imaging_vocab  # noqa: E402
from leakage_score import score  # noqa: E402

from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

FILES = ("register.txt", "service_reports.csv", "pacs_log.csv")
KEYS = {"register.txt": "Asset No", "service_reports.csv": "Report No"}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("imaging")
    return out, imaging_export.generate(out, "dev10", rows=40, seed=3)


def _rows(out: Path) -> dict[str, list[dict[str, str]]]:
    return {name: imaging_export.read(out, name) for name in FILES}


def test_the_files_are_what_excel_and_the_portal_write(export: tuple[Path, dict[str, Any]]) -> None:
    out, truth = export
    register = (out / "data" / "register.txt").read_bytes()
    assert register.startswith(b"\xff\xfe") and register[2:].decode("utf-16-le").startswith("Asset No\tEquipment\t")
    text = register[2:].decode("utf-16-le")
    assert text.count("\r\n") >= 40 and "\n" in text.replace("\r\n", "")  # CRLF rows, line breaks inside cells
    for name in FILES[1:]:
        data = (out / "data" / name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and data.decode("utf-8").count("\r\n") >= 2
    rows = _rows(out)
    assert {name: len(rows[name]) for name in FILES[:2]} == truth["rows"]
    assert any(r["Cost"].startswith("£") and "," in r["Cost"] for r in rows["register.txt"])  # Excel's display
    assert any("\n" in r["Work Carried Out"] for r in rows["service_reports.csv"])  # quoted multi-line cells
    titles = {r["AE Title"] for r in rows["register.txt"] if r["AE Title"]}
    assert len(titles) == sum(1 for r in rows["register.txt"] if r["AE Title"])  # the log's join key is unique
    assert rows["pacs_log.csv"] and {r["Calling AE"] for r in rows["pacs_log.csv"]} <= titles
    assert any("^" in r["Message"] for r in rows["pacs_log.csv"])  # DICOM person names


def test_truth_points_at_the_planted_value_and_its_record(export: tuple[Path, dict[str, Any]]) -> None:
    out, truth = export
    rows = _rows(out)
    asset_of_ae = {r["AE Title"]: r["Asset No"] for r in rows["register.txt"] if r["AE Title"]}
    for entry in truth["entries"]:
        row = rows[entry["file"]][entry["row"] - 2]
        assert entry["value"] in row[entry["column"]], entry["column"]
        if entry["entity"] in ("assets", "jobs"):
            key = asset_of_ae[row["Calling AE"]] if entry["file"] == "pacs_log.csv" else row[KEYS[entry["file"]]]
            assert key == entry["key"]
            assert entry["entity"] == ("jobs" if entry["file"] == "service_reports.csv" else "assets")
        else:
            assert not entry["personal"] and entry["key"] == entry["value"]
    personal = {e["kind"] for e in truth["entries"] if e["personal"]}
    assert {"name", "initials", "login", "staff_id", "hospital_number", "accession", "phone", "email", "dob", "nhs",
            "address"} <= personal
    kept = {e["kind"] for e in truth["entries"] if not e["personal"]}
    assert {"room", "hospital", "eponym", "maker", "model", "ae_title", "ip_address", "helium", "exposure",
            "incident_no", "org_phone", "job_title"} <= kept
    # DICOM person names and dates of birth are planted as the RIS writes them
    assert any(e["value"].isupper() and e["kind"] == "name" and e["file"] == "pacs_log.csv" for e in truth["entries"])
    assert any(e["kind"] == "dob" and e["value"].isdigit() and len(e["value"]) == 8 for e in truth["entries"])


@pytest.mark.parametrize("split", imaging_export.SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = imaging_export.generate(tmp_path, split, rows=20, seed=5)
    untouched = score(truth["entries"], imaging_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], imaging_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_nothing(
        tmp_path: Path, export: tuple[Path, dict[str, Any]]) -> None:
    out, _ = export
    imaging_export.generate(tmp_path, "dev10", rows=40, seed=3)
    for name in (*(f"data/{f}" for f in FILES), "truth.json", "mapping.yaml"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    people = [export_common.held_out_people(imaging_scene.people, "dev10", s, 3, 40)
              for s in imaging_export.SPLITS]
    words = [{w.lower() for p in ps for w in " ".join(p).replace("-", " ").split()} for ps in people]
    assert not words[0] & words[1]
    reserved = imaging_scene.reserved_words()
    assert not words[0] & reserved and not words[1] & reserved
    # (a radiologist is "Dr" in both: the plainest title is shared, the other role words are not)
    for family in (imaging_text.FAULT, imaging_text.CAPS, imaging_text.DOSE, imaging_text.HOME, imaging_text.LOG,
                   imaging_text.WORK, imaging_text.UPDATES, imaging_text.EMAIL, imaging_text.ASSET,
                   imaging_text.RG_TITLES, imaging_text.STAFFNO_FORMS, imaging_vocab.HOSPITALS,
                   imaging_vocab.TOWNS, imaging_vocab.STREETS, imaging_vocab.POSTCODES, imaging_vocab.ROOMS,
                   imaging_vocab.EPONYMS, imaging_vocab.MAILBOXES, imaging_vocab.VENDOR_DESKS, imaging_vocab.SITE_TAGS,
                   imaging_vocab.LOCALES):
        a, b = family["dev10"], family["fresh8"]
        assert a != b if isinstance(a, str) else not set(a) & set(b)


def test_the_real_cli_maps_the_three_files_with_the_query_and_rejects_nothing(tmp_path: Path) -> None:
    export = tmp_path / "export"
    imaging_export.generate(export, "fresh8", rows=20, seed=5)
    report = mapping_check(tmp_path, [export / "data" / name for name in FILES], export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: (t["rows_read"], t["rows_rejected"]) for name, t in tables.items()} == {
        "register": (20, 0), "service_reports": (60, 0)}
    assert (report["entities"]["assets"], report["entities"]["jobs"]) == (20, 60)
