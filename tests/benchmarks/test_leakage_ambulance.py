"""benchmarks/ambulance_export.py, fast: the JSON lines are what an API writes (nested objects, an array of log
entries, escapes, left-out nulls), every truth entry points at the value it was planted in and at the record the
mapping carries it to, the scoring finds every planted value when nothing is anonymised and none when everything
is, a seed gives the same bytes, the two splits share no people, places or phrasing, and the real CLI maps both
files with the mapping's queries."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import ambulance_export  # noqa: E402
import ambulance_scene  # noqa: E402
import ambulance_text  # noqa: E402
import ambulance_vocab  # noqa: E402
import export_common  # noqa: E402
from leakage_score import score  # noqa: E402

from tests.benchmarks.mapping_check import mapping_check  # noqa: E402

FILES = ("assets.jsonl", "jobs.jsonl")


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("ambulance")
    return out, ambulance_export.generate(out, "dev8", rows=40, seed=3)


def _at(obj: Any, path: str) -> Any:
    """The value at "reportedBy.name" or "updates[1].text"."""
    for part in re.findall(r"\[\d+\]|[^.\[\]]+", path):
        obj = obj[int(part[1:-1])] if part.startswith("[") else obj[part]
    return obj


def test_the_files_are_json_lines_as_an_api_writes_them(export: tuple[Path, dict[str, Any]]) -> None:
    out, truth = export
    raw = {name: (out / "data" / name).read_text(encoding="utf-8").splitlines() for name in FILES}
    lines = {name: [json.loads(t) for t in raw[name]] for name in FILES}
    assert {name: len(v) for name, v in lines.items()} == truth["rows"]
    assert all(isinstance(a["location"]["station"], dict) for a in lines["assets.jsonl"])
    assert any(j["updates"] for j in lines["jobs.jsonl"] if "updates" in j)  # an array of log objects
    assert any("\\u" in t for name in FILES for t in raw[name])  # some lines written with escapes
    assert any("reportedBy" not in j for j in lines["jobs.jsonl"])  # null keys sometimes left out


def test_truth_points_at_the_planted_value_and_its_record(export: tuple[Path, dict[str, Any]]) -> None:
    out, truth = export
    lines = {name: ambulance_export.read_lines(out, name) for name in FILES}
    keys = {"assets.jsonl": "assetId", "jobs.jsonl": "jobId"}
    for entry in truth["entries"]:
        obj = lines[entry["file"]][entry["row"] - 1]
        assert entry["value"] in _at(obj, entry["column"]), entry["column"]
        if entry["entity"] in ("assets", "jobs"):
            assert obj[keys[entry["file"]]] == entry["key"]
        else:
            assert not entry["personal"] and entry["key"] == entry["value"]
    personal = {e["kind"] for e in truth["entries"] if e["personal"]}
    assert {"name", "staff_id", "phone", "email", "nhs", "dob", "address", "postcode", "w3w", "epr_ref", "login",
            "initials"} <= personal
    kept = {e["kind"] for e in truth["entries"] if not e["personal"]}
    assert {"station", "fleet_no", "fleet_reg", "call_sign", "incident_no", "hospital", "maker", "model", "serial",
            "version", "job_title", "team", "mailbox", "standard"} <= kept
    names = [e["value"] for e in truth["entries"] if e["kind"] == "name"]
    assert any(v.islower() for v in names) and any(v.isupper() for v in names)


@pytest.mark.parametrize("split", ambulance_export.SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    """Laid out as the package is, with nothing anonymised every personal value leaks in its own record and every
    reference value is kept; with every cell emptied nothing leaks and nothing is kept."""
    truth = ambulance_export.generate(tmp_path, split, rows=20, seed=5)
    untouched = score(truth["entries"], ambulance_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], ambulance_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_nothing(
        tmp_path: Path, export: tuple[Path, dict[str, Any]]) -> None:
    out, _ = export
    ambulance_export.generate(tmp_path, "dev8", rows=40, seed=3)
    for name in ("data/assets.jsonl", "data/jobs.jsonl", "truth.json", "mapping.yaml"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    people = [export_common.held_out_people(ambulance_scene.people, "dev8", s, 3, 40)
              for s in ambulance_export.SPLITS]
    words = [{w.lower() for p in ps for w in " ".join(p).replace("-", " ").split()} for ps in people]
    assert not words[0] & words[1]
    reserved = ambulance_scene.reserved_words()
    assert not words[0] & reserved and not words[1] & reserved
    for family in (ambulance_text.CREW, ambulance_text.EOC, ambulance_text.WORKSHOP, ambulance_text.DOWNLOAD,
                   ambulance_text.UPDATE, ambulance_text.EMAIL, ambulance_text.ASSET, ambulance_text.ROLES,
                   ambulance_text.ED_ROLES, ambulance_text.RELATIVES, ambulance_text.COLLAR_FORMS,
                   ambulance_vocab.STATIONS, ambulance_vocab.TOWNS, ambulance_vocab.HOSPITALS, ambulance_vocab.STREETS,
                   ambulance_vocab.POSTCODES, ambulance_vocab.W3W_WORDS, ambulance_vocab.MAILBOXES,
                   ambulance_vocab.LOCALES):
        a, b = family["dev8"], family["fresh6"]
        assert a != b if isinstance(a, str) else not set(a) & set(b)
    pools = [{w for given, sur in ambulance_vocab.POOLS[s].values() for w in given + sur}
             for s in ambulance_export.SPLITS]
    assert not pools[0] & pools[1]


def test_the_real_cli_maps_both_files_with_the_queries_and_rejects_nothing(tmp_path: Path) -> None:
    """`intake mapping check` (what a customer's engineer runs) reads the nested JSON lines, flattens them with the
    mapping's queries (struct fields, the updates array folded into text) and loads every asset and job."""
    export = tmp_path / "export"
    ambulance_export.generate(export, "fresh6", rows=20, seed=5)
    report = mapping_check(tmp_path, [export / "data" / name for name in FILES], export / "mapping.yaml")
    assert report["ok"], report["problems"]
    tables = {t["table"]: t for t in report["tables"]}
    assert {name: (t["rows_read"], t["rows_rejected"]) for name, t in tables.items()} == {
        "assets": (20, 0), "jobs": (60, 0)}
    assert (report["entities"]["assets"], report["entities"]["jobs"]) == (20, 60)
