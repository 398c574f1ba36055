"""benchmarks/community_export.py, fast: the zip of CSV tables is what it says, every truth entry points at the
cell it was planted in and at a record the mapping's joins carry it to, a seed gives the same bytes, the two
splits share no people or phrasing, and the real CLI maps the archive with its queries."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import community_export  # noqa: E402
import community_scene  # noqa: E402
import community_text  # noqa: E402

from tests.benchmarks.mapping_check import mapping_check  # noqa: E402


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("community")
    return out, community_export.generate(out, "dev7", rows=20, seed=3)


def test_the_archive_holds_four_csv_tables_with_a_bom_crlf_and_multi_line_notes(
        export: tuple[Path, dict[str, Any]]) -> None:
    out, truth = export
    with zipfile.ZipFile(out / "data" / "renalcare.zip") as archive:
        raw = {name: archive.read(name) for name in archive.namelist()}
    assert sorted(raw) == ["contacts.csv", "device_history.csv", "equipment.csv", "jobs.csv"]
    assert all(data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data for data in raw.values())
    tables = community_export.read_tables(out)
    assert any("\n" in row["Visit Notes"] for row in tables["jobs"])  # quoted multi-line notes
    assert {f"renalcare.zip/{name}.csv": len(tables[name]) for name in ("equipment", "jobs")} == truth["rows"]


def test_truth_points_at_the_planted_cell_and_a_record_the_joins_reach(export: tuple[Path, dict[str, Any]]) -> None:
    out, truth = export
    tables = community_export.read_tables(out)
    equipment = {r["Asset No"]: r for r in tables["equipment"]}
    jobs = {r["Job Ref"]: r for r in tables["jobs"]}
    for entry in truth["entries"]:
        table = entry["file"].removeprefix("renalcare.zip/").removesuffix(".csv")
        row = tables[table][entry["row"] - 2]
        assert entry["value"] in row[entry["column"]], entry["column"]
        if table == "contacts":  # a joined value: its contact is the asset's patient or keyworker, the job's caller
            joins = {"assets": lambda k: (equipment[k]["Patient ID"], equipment[k]["Keyworker ID"]),
                     "jobs": lambda k: (jobs[k]["Raised By ID"],)}
            assert row["ContactID"] in joins[entry["entity"]](entry["key"])
        elif entry["entity"] == "assets":
            assert row["Asset No"] == entry["key"]
        elif entry["entity"] == "jobs":
            assert row["Job Ref"] == entry["key"]
        else:
            assert not entry["personal"] and entry["key"] == entry["value"]
    personal = {e["kind"] for e in truth["entries"] if e["personal"]}
    assert {"name", "phone", "email", "nhs", "hospital_number", "dob", "address", "postcode"} <= personal
    kept = {e["kind"] for e in truth["entries"] if not e["personal"]}
    assert {"care_home", "ward", "site", "maker", "model", "water_part", "alarm_code", "version", "mailbox"} <= kept
    names = {e["value"] for e in truth["entries"] if e["kind"] == "name"}
    assert names & {"Hope", "Grace", "Summer", "Joy", "Baker", "Bishop", "Mason", "Cook"}  # names that are words
    assert any(v.islower() for v in names) and any("-" in v for v in names)


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people_or_phrasing(
        tmp_path: Path, export: tuple[Path, dict[str, Any]]) -> None:
    out, _ = export
    community_export.generate(tmp_path, "dev7", rows=20, seed=3)
    for name in ("data/renalcare.zip", "truth.json", "mapping.yaml"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    dev = community_export.split_people("dev7", 3, 20)
    fresh = community_export.split_people("fresh5", 3, 20)
    words = [{w.lower() for p in ps for w in " ".join(p).replace("-", " ").split()} for ps in (dev, fresh)]
    assert not words[0] & words[1]
    assert not words[0] & community_scene.reserved_words() and not words[1] & community_scene.reserved_words()
    for family in (community_text.VISIT, community_text.FAULT, community_text.THEATRE, community_text.HISTORY,
                   community_text.FORWARD, community_text.SIGNATURE, community_text.STREETS, community_text.TOWNS,
                   community_text.CARE_HOMES, community_text.GP_SURGERIES, community_text.POSTCODES,
                   community_text.ROLES, community_text.RELATIVES, community_text.LOCALES):
        a, b = family["dev7"], family["fresh5"]
        assert a != b if isinstance(a, str) else not set(a) & set(b)
    pools = [{w for given, sur in community_text.POOLS[s].values() for w in given + sur} for s in ("dev7", "fresh5")]
    assert not pools[0] & pools[1]


def test_the_real_cli_maps_the_archive_with_its_queries_and_rejects_nothing(tmp_path: Path) -> None:
    """`intake mapping check` (what a customer's engineer runs) reads the four tables out of the zip, runs both
    join queries and loads every asset and job."""
    community_export.generate(tmp_path / "export", "fresh5", rows=20, seed=5)
    export = tmp_path / "export"
    report = mapping_check(tmp_path, export / "data" / "renalcare.zip", export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: (t["rows_read"], t["rows_rejected"]) for name, t in tables.items()} == {
        "equipment": (20, 0), "jobs": (60, 0)}
    assert (report["entities"]["assets"], report["entities"]["jobs"]) == (20, 60)
