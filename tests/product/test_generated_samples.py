"""The shipped mappings over the generator's sample exports, read by the real connectors.

The generator knows what it put in (unique assets, repeated rows); the reconciliation must agree exactly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import benchmarks.generator as generator
import intake.connectors as connectors
from intake.clock import FixedClock
from intake.config import ConnectorSettings
from intake.connectors.header import BANNER_REASON
from intake.product import LocalFolderPackageWriter, builtin_mapping, verify_package, write_package

AFTER_EXPORT = FixedClock(datetime(2027, 1, 1, tzinfo=UTC))  # the samples are exported in October 2026


def readers(paths: dict[str, Path]) -> tuple[dict[str, object], list[object]]:
    opened, tables = [], {}
    for path in paths.values():
        source = connectors.open_source(None, path, settings=ConnectorSettings())
        opened.append(source)
        for table in source.tables():
            tables[table] = source.read(table)
    return tables, opened


def test_equiptrack_sample(tmp_path: Path) -> None:
    sample = generator.generate_equiptrack(tmp_path / "in", assets=600, jobs=1800, seed=11)
    tables, opened = readers(sample.paths)
    try:
        result = write_package(tables, builtin_mapping("equiptrack"), LocalFolderPackageWriter(tmp_path / "pkg"),
                               dataset_id="DS", authorisation_reference="A", clock=AFTER_EXPORT)
    finally:
        for source in opened:
            source.close()
    recon = result.reconciliation
    assets, jobs = recon.tables["assets"], recon.tables["jobs"]
    assert recon.balanced
    assert (assets.rows_read, assets.rows_loaded, assets.rows_merged, assets.rows_rejected) == (
        sample.counts["assets.rows"], sample.counts["assets.unique"], sample.counts["assets.duplicate_rows"], 0)
    assert jobs.rows_read == sample.counts["jobs.rows"]
    assert set(jobs.reasons) <= {"missing_reference"}  # only the jobs of assets missing from the register
    assert recon.entities["manufacturers"].rows < recon.entities["device_models"].rows < assets.rows_loaded
    verify_package(tmp_path / "pkg")
    # The connectors account for the banner lines above each header as rejects of their own (row numbers and
    # reason, the exporting user's name only in the reject's raw text): none of them is a data row.
    banner = BANNER_REASON
    for reader in tables.values():
        assert [(r.row_number, r.reason) for r in reader.rejects] == [(1, banner), (2, banner)]


def test_medimaint_sample(tmp_path: Path) -> None:
    sample = generator.generate_medimaint(tmp_path / "in", assets=600, jobs=1800, seed=11)
    tables, opened = readers(sample.paths)
    try:
        result = write_package(tables, builtin_mapping("medimaint"), LocalFolderPackageWriter(tmp_path / "pkg"),
                               dataset_id="DS", authorisation_reference="A", clock=AFTER_EXPORT)
    finally:
        for source in opened:
            source.close()
    recon = result.reconciliation
    assert recon.balanced
    for table, counts in recon.tables.items():
        assert counts.rows_read == sample.counts[f"{table}.rows"]
        assert counts.rows_rejected == 0, (table, dict(counts.reasons))
    verify_package(tmp_path / "pkg")
