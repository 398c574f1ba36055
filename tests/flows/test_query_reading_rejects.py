"""Lines a reader rejects in a table only the mapping's queries read are counted in the run's summary and kept in
the rejects artefact, as they are when the table is mapped directly: every source row is accounted."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import pytest

from benchmarks.generator import generate_equiptrack
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.vault import Vault
from tests.flows.packages import read_package

pytestmark = pytest.mark.usefixtures("flows_as")

# assets is only read by queries: twice by the asset register's (a subquery) and joined again by the jobs query.
# Its trailer line is still one source row, rejected once.
ASSETS_QUERY = """\
  - table: asset_register
    query: |
      SELECT * FROM assets
      WHERE "Equipment No" IN (SELECT "Equipment No" FROM assets) OR "Equipment No" IS NULL
"""
JOBS_QUERY = """\
  - table: jobs
    query: |
      SELECT j.* FROM jobs j
      LEFT JOIN (SELECT DISTINCT "Equipment No" AS eq FROM assets) a ON a.eq = j."Equipment No"
"""


def pipe_delimited_with_trailer(source: Path, target: Path) -> int:
    """assets.csv rewritten as a pipe-delimited extract ending in a trailer line (`TRL|n`), which the CSV reader
    rejects as a ragged row. Returns the trailer's line number."""
    with source.open(encoding="cp1252", newline="") as f:
        rows = list(csv.reader(f))
    with target.open("w", encoding="cp1252", newline="") as f:
        csv.writer(f, delimiter="|", lineterminator="\r\n").writerows(rows)
        f.write(f"TRL|{len(rows) - 1}\r\n")
    return len(rows) + 1


def test_reading_rejects_of_tables_read_by_queries_are_counted_and_kept(ctx, as_user, authorise, tmp_path: Path):
    export = generate_equiptrack(tmp_path / "equiptrack", assets=60, jobs=90, seed=7)
    assets = tmp_path / "assets.txt"
    trailer_line = pipe_delimited_with_trailer(export.paths["assets.csv"], assets)
    text = resources.files("intake.product").joinpath("mappings", "equiptrack.yaml").read_text(encoding="utf-8")
    assert text.count("  - table: assets\n") == 1 and text.count("  - table: jobs\n") == 1
    mapping = tmp_path / "equiptrack-queries.yaml"
    mapping.write_text(text.replace("  - table: assets\n", ASSETS_QUERY).replace("  - table: jobs\n", JOBS_QUERY),
                       encoding="utf-8")
    files = [str(assets), str(export.paths["jobs.xlsx"])]
    dataset_id = receive_dataset_flow(authorisation=authorise([Path(f) for f in files]), files=files,
                                      actor="eve")["dataset_id"]

    summary = migration_run_flow(dataset_id=dataset_id, mapping=str(mapping), actor="eve", chunk_rows=40)

    # Each file of the export opens with two banner lines above its header; the extract ends in its trailer line.
    unreadable = 2 + 2 + 1
    assert summary["rows_rejected_reading"] == unreadable
    assert summary["rows_read"] == export.counts["assets.rows"] + export.counts["jobs.rows"]  # every other line
    assert summary["balanced"]
    vault = Vault.from_context(ctx)
    rejects = {a.name.rsplit("/rejects/ingest/", 1)[-1]: a for a in vault.artefacts(dataset_id)
               if "/rejects/ingest/" in a.name}
    assert sorted(rejects) == ["assets.txt/assets.jsonl", "jobs.xlsx/Jobs.jsonl"]
    lines = [json.loads(line) for line in vault.read_bytes(rejects["assets.txt/assets.jsonl"].id,
                                                           actor=ctx.actor()).splitlines()]
    assert [line["row"] for line in lines] == [1, 2, trailer_line]
    assert all(line["reason"] for line in lines) and "banner" not in lines[-1]["reason"]
    # The package's reconciliation counts it too, under the table only the queries read, and no table twice.
    reconciliation = json.loads(read_package(as_user("eve"), dataset_id)["reconciliation.json"])
    assert reconciliation["query_inputs_rejected_by_reader"] == {"assets": 3}
    assert "assets" in reconciliation["ignored_tables"]
    by_reader = {t["table"]: t["rows_rejected_by_reader"] for t in reconciliation["tables"]}
    assert by_reader == {"asset_register": 0, "jobs": 2}
