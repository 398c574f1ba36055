"""benchmarks/paeds_export.py, fast: the export is one pg_dump plain-format file that intake's SQL dump reader reads
whole (every table, nothing rejected), the scoring finds every planted value when nothing is
anonymised and none when everything is, a seed gives the same bytes, the two splits share no people, no planted
name word, no template and no role or relation word, and the real CLI maps the dump with the mapping's queries."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import export_common  # noqa: E402
import paeds_export  # noqa: E402
import paeds_people  # noqa: E402
import paeds_text  # noqa: E402
import paeds_vocab  # noqa: E402
from leakage_score import score  # noqa: E402

from intake.config import ConnectorSettings  # noqa: E402
from intake.connectors import open_source  # noqa: E402
from tests.benchmarks.mapping_check import mapping_check  # noqa: E402


def _read(dump: Path, table: str) -> tuple[int, int, int]:
    with open_source(None, dump, name=dump.name, settings=ConnectorSettings()) as source:
        reader = source.read(table)
        return sum(batch.num_rows for batch in reader), reader.rows_read, reader.rows_rejected


def test_the_dump_is_pg_dumps_and_every_mapped_table_reads_whole(tmp_path: Path) -> None:
    paeds_export.generate(tmp_path, "dev12", rows=30, seed=3)
    dump = tmp_path / "data" / "paeds_dump.sql"
    text = dump.read_text(encoding="utf-8")
    assert text.startswith("--\n-- PostgreSQL database dump\n") and "\\restrict " in text
    assert "SELECT pg_catalog.set_config('search_path', '', false);" in text and "COPY public.devices (" in text
    assert "\\r\\n" in text and "\\N" in text and "\n\\.\n" in text and "$body$" in text
    with open_source(None, dump, name=dump.name, settings=ConnectorSettings()) as source:
        assert source.format == "sql_dump"
        tables = set(source.tables())
    assert {"devices", "jobs", "loans", "loan_calls", "patients", "carers", "logged_actions", "staff"} <= tables
    for table in sorted(tables):
        rows, read, rejected = _read(dump, table)
        assert rows == read and rejected == 0, table
    notes = "\n".join(r for r in text.splitlines() if r.startswith(tuple("0123456789")))
    assert "\\t" in notes and "\\\\" in notes  # a pasted table's tabs, a UNC path's backslashes


@pytest.mark.parametrize("split", paeds_export.SPLITS)
def test_scoring_finds_every_planted_value_left_in_and_none_taken_out(tmp_path: Path, split: str) -> None:
    truth = paeds_export.generate(tmp_path, split, rows=20, seed=5)
    untouched = score(truth["entries"], paeds_export.raw_package(tmp_path, lambda v: v))
    assert all(v["leak_rate_own_record"] == 1.0 and v["record_missing"] == 0 for v in untouched["personal"].values())
    assert all(v["kept_rate"] == 1.0 for v in untouched["reference"].values())
    emptied = score(truth["entries"], paeds_export.raw_package(tmp_path, lambda v: ""))
    assert emptied["personal"]["ALL"]["leak_anywhere"] == 0
    assert all(v["kept"] == 0 for v in emptied["reference"].values())


def test_the_same_seed_gives_the_same_bytes_and_the_splits_share_no_people(tmp_path: Path) -> None:
    paeds_export.generate(tmp_path / "a", "dev12", rows=30, seed=3)
    paeds_export.generate(tmp_path / "b", "dev12", rows=30, seed=3)
    for name in ("data/paeds_dump.sql", "truth.json", "mapping.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    people = [export_common.held_out_people(paeds_people.people, "dev12", s, 3, 30) for s in paeds_export.SPLITS]
    words = [{w.lower() for p in ps for w in " ".join(p).replace("-", " ").split()} for ps in people]
    assert not words[0] & words[1]
    planted = []
    for split in paeds_export.SPLITS:
        truth = paeds_export.generate(tmp_path / split, split, rows=30, seed=3)
        planted.append({w for e in truth["entries"] if e["kind"] == "name"
                        for w in e["value"].lower().replace("-", " ").split()})
    assert not planted[0] & planted[1]


def test_the_splits_share_no_template_role_or_place() -> None:
    for family in (paeds_text.FAULT, paeds_text.CAPS, paeds_text.ACTION, paeds_text.DEVICE, paeds_text.LOAN,
                   paeds_text.CALL, paeds_text.ACCESS, paeds_text.REPORTER):
        assert not (set(family["dev12"]) & set(family["fresh10"])) - {""}

    def words(split: str) -> set[str]:
        roles = [w for ws in paeds_text.ROLES[split].values() for w in ws]
        roles += [r[0] for r in paeds_text.RELATIONS[split].values()] + [paeds_text.SOCIAL[split][0]]
        roles += [male for word, male in paeds_text.MALE_ROLES.items() if word in roles]
        return {w for r in roles for w in re.split(r"[\s-]+", r.lower())}
    assert not words("dev12") & words("fresh10")
    for table in (paeds_vocab.TOWNS, paeds_vocab.STREETS, paeds_vocab.SCHOOLS, paeds_vocab.CHARITIES,
                  paeds_vocab.EPONYMS, paeds_vocab.MAILBOXES, paeds_vocab.JOB_TITLES):
        assert not set(table["dev12"]) & set(table["fresh10"])
    places = [{w for s, t, ps in paeds_vocab.SITES[split] for w in (s, t, *(x for p in ps for x in p[1:]))}
              for split in paeds_export.SPLITS]
    assert not places[0] & places[1]


def test_the_real_cli_maps_the_dump_with_the_queries_and_rejects_nothing(tmp_path: Path) -> None:
    export = tmp_path / "export"
    paeds_export.generate(export, "fresh10", rows=20, seed=5)
    report = mapping_check(tmp_path, [export / "data" / "paeds_dump.sql"], export / "mapping.yaml")
    assert report["ok"], report["problems"]
    assert report["entities"]["assets"] == 20 and report["entities"]["jobs"] > 0
