"""benchmarks/board_dump_export.py, fast: the export is one mysqldump file that intake's SQL dump reader reads
whole (every table, nothing rejected), the scoring finds every planted value when nothing is anonymised and none
when everything is, a seed gives the same bytes, the two splits share no people, and the real CLI maps the dump
with the mapping's queries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import board_dump_export  # noqa: E402
import board_dump_people  # noqa: E402
import export_common  # noqa: E402
from leakage_score import score  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402


def test_the_dump_is_mysqldumps_and_every_table_reads_whole(tmp_path: Path) -> None:
    board_dump_export.generate(tmp_path, "dev11", rows=30, seed=3)
    dump = tmp_path / "data" / "cmms_dump.sql"
    text = dump.read_text(encoding="utf-8")
    assert text.startswith("-- MySQL dump") and "DELIMITER ;;" in text and "\\'" in text and "\\r\\n" in text
    with open_source(None, dump, name=dump.name, settings=ConnectorSettings()) as source:
        assert source.format == "sql_dump" and {"assets", "workorders", "interventions", "staff"} <= set(
            source.tables())
        for table in source.tables():
            reader = source.read(table)
            assert reader.read_all().num_rows == reader.rows_read and reader.rows_rejected == 0, table


@pytest.mark.parametrize("split", board_dump_export.SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = board_dump_export.generate(tmp_path, split, rows=20, seed=5)
    untouched = score(truth["entries"], board_dump_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], board_dump_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    board_dump_export.generate(tmp_path / "a", "dev11", rows=30, seed=3)
    board_dump_export.generate(tmp_path / "b", "dev11", rows=30, seed=3)
    for name in ("data/cmms_dump.sql", "truth.json", "mapping.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    people = [export_common.held_out_people(board_dump_people.people, "dev11", s, 3, 30)
              for s in board_dump_export.SPLITS]
    words = [{w.lower() for p in ps for w in " ".join(p).replace("-", " ").split()} for ps in people]
    assert not words[0] & words[1]


def test_the_real_cli_maps_the_dump_with_the_queries_and_rejects_nothing(tmp_path: Path) -> None:
    export = tmp_path / "export"
    board_dump_export.generate(export, "fresh9", rows=20, seed=5)
    report = mapping_check(tmp_path, [export / "data" / "cmms_dump.sql"], export / "mapping.yaml")
    assert report["ok"], report["problems"]
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] > 0
