"""benchmarks/theatres_export.py, fast: the files are what a continental vendor's tool writes (semicolons,
ISO-8859-1, CRLF, decimal commas), every truth entry points at the value it was planted in and at the record the
mapping carries it to, the scoring finds every planted value when nothing is anonymised and none when everything
is, a seed gives the same bytes, the two splits share no people or vocabulary, and the real CLI maps the three
files with the mapping's query (the costs converted, the tracking table folded into the assets' notes)."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import export_common  # noqa: E402
import theatres_export  # noqa: E402
import theatres_scene  # noqa: E402
import theatres_text  # noqa: E402
import theatres_vocab  # noqa: E402
from leakage_score import score  # noqa: E402

from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

FILES = ("equipment.csv", "tickets.csv", "scope_tracking.csv")
KEYS = {"equipment.csv": "Equip No", "tickets.csv": "Ticket No", "scope_tracking.csv": "Scope No"}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("theatres")
    return out, theatres_export.generate(out, "dev9", rows=40, seed=3)


def _rows(out: Path, name: str) -> list[dict[str, str]]:
    text = (out / "data" / name).read_bytes().decode("iso-8859-1")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_files_are_what_a_continental_tool_writes(export: tuple[Path, dict[str, Any]]) -> None:
    out, truth = export
    raw = {name: (out / "data" / name).read_bytes() for name in FILES}
    with pytest.raises(UnicodeDecodeError):
        b"".join(raw.values()).decode("utf-8")  # accented names in ISO-8859-1, not UTF-8
    assert all(data.count(b"\r\n") >= 2 and data.splitlines()[0].count(b";") >= 3 for data in raw.values())
    rows = {name: _rows(out, name) for name in FILES}
    assert {name: len(rows[name]) for name in ("equipment.csv", "tickets.csv")} == truth["rows"]
    assert any("," in r["Cost (£)"] for r in rows["equipment.csv"])  # decimal commas
    assert any("\n" in r["Action Taken"] for r in rows["tickets.csv"])  # quoted multi-line cells
    assert rows["scope_tracking.csv"] and {r["Scope No"] for r in rows["scope_tracking.csv"]} <= {
        r["Equip No"] for r in rows["equipment.csv"]}


def test_truth_points_at_the_planted_value_and_its_record(export: tuple[Path, dict[str, Any]]) -> None:
    out, truth = export
    rows = {name: _rows(out, name) for name in FILES}
    for entry in truth["entries"]:
        row = rows[entry["file"]][entry["row"] - 2]
        assert entry["value"] in row[entry["column"]], entry["column"]
        if entry["entity"] in ("assets", "jobs"):
            assert row[KEYS[entry["file"]]] == entry["key"]
        else:
            assert not entry["personal"] and entry["key"] == entry["value"]
    personal = {e["kind"] for e in truth["entries"] if e["personal"]}
    assert {"name", "initials", "login", "staff_id", "hospital_number", "phone", "email", "dob"} <= personal
    kept = {e["kind"] for e in truth["entries"] if not e["personal"]}
    assert {"theatre", "hospital", "instrument", "procedure", "maker", "model", "incident_no", "tray"} <= kept


@pytest.mark.parametrize("split", theatres_export.SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = theatres_export.generate(tmp_path, split, rows=20, seed=5)
    untouched = score(truth["entries"], theatres_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], theatres_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_nothing(
        tmp_path: Path, export: tuple[Path, dict[str, Any]]) -> None:
    out, _ = export
    theatres_export.generate(tmp_path, "dev9", rows=40, seed=3)
    for name in (*(f"data/{f}" for f in FILES), "truth.json", "mapping.yaml"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    people = [export_common.held_out_people(theatres_scene.people, "dev9", s, 3, 40)
              for s in theatres_export.SPLITS]
    words = [{w.lower() for p in ps for w in " ".join(p).replace("-", " ").split()} for ps in people]
    assert not words[0] & words[1]
    reserved = theatres_scene.reserved_words()
    assert not words[0] & reserved and not words[1] & reserved
    # (the tracking column's and the lists' forms share their plainest shape: "{mrn}", "Mr X's list")
    for family in (theatres_text.FAULT, theatres_text.CAPS, theatres_text.HSDU, theatres_text.WORK,
                   theatres_text.UPDATES, theatres_text.EMAIL, theatres_text.ASSET, theatres_text.STAFFNO_FORMS,
                   theatres_vocab.HOSPITALS,
                   theatres_vocab.THEATRES, theatres_vocab.INSTRUMENTS, theatres_vocab.PROCEDURES,
                   theatres_vocab.MAILBOXES, theatres_vocab.WASHERS, theatres_vocab.LOCALES):
        a, b = family["dev9"], family["fresh7"]
        assert a != b if isinstance(a, str) else not set(a) & set(b)


def test_the_real_cli_maps_the_three_files_with_the_query_and_rejects_nothing(tmp_path: Path) -> None:
    export = tmp_path / "export"
    theatres_export.generate(export, "fresh7", rows=20, seed=5)
    report = mapping_check(tmp_path, [export / "data" / name for name in FILES], export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: (t["rows_read"], t["rows_rejected"]) for name, t in tables.items()} == {
        "equipment": (20, 0), "tickets": (60, 0)}
    assert (report["entities"]["assets"], report["entities"]["jobs"]) == (20, 60)
