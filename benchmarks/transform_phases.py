"""The transform benchmark's phases, each run in a process of its own: the baseline (CSV read -> Parquet write),
the pipeline (CSV read -> transform -> import package) and the transform alone on batches in memory."""

from __future__ import annotations

import csv
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

CLOCK_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
BLOCK = 1 << 24  # CSV read block: ~16 MB of text per batch


def read_csv(path: Path) -> pacsv.CSVStreamingReader:
    """Streaming CSV reader with every column as text, as the connectors deliver legacy tables."""
    with open(path, encoding="utf-8", newline="") as handle:
        columns = next(csv.reader(handle))
    return pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=BLOCK),
                          convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(columns, pa.string()),
                                                               strings_can_be_null=False))


def phase_baseline(folder: Path) -> dict[str, float]:
    out = folder / "baseline"
    out.mkdir(exist_ok=True)
    start = time.perf_counter()
    rows = 0
    for name in ("assets", "jobs"):
        reader = read_csv(folder / f"{name}.csv")
        with pq.ParquetWriter(out / f"{name}.parquet", reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                rows += batch.num_rows
    return {"seconds": time.perf_counter() - start, "rows": rows}


def phase_pipeline(folder: Path) -> dict[str, object]:
    from intake.clock import FixedClock
    from intake.product import LocalFolderPackageWriter, builtin_mapping, write_package

    target = folder / "package"
    shutil.rmtree(target, ignore_errors=True)
    start = time.perf_counter()
    result = write_package({"assets": lambda: read_csv(folder / "assets.csv"),
                            "jobs": lambda: read_csv(folder / "jobs.csv")},
                           builtin_mapping("equiptrack"), LocalFolderPackageWriter(target), dataset_id="bench",
                           authorisation_reference="AUTH-BENCH", clock=FixedClock(CLOCK_AT), spool_dir=folder)
    seconds = time.perf_counter() - start
    recon = result.reconciliation
    return {"seconds": seconds, "rows": recon.rows_read, "balanced": recon.balanced,
            "tables": {name: t.to_dict() for name, t in recon.tables.items()},
            "entities": {name: e.rows for name, e in recon.entities.items()}}


def phase_transform(folder: Path) -> dict[str, object]:
    from intake.clock import FixedClock
    from intake.product import builtin_mapping, transform

    class Discard:
        def write_entity(self, entity: str, batch: pa.RecordBatch) -> None:
            pass

        def write_rejects(self, batch: pa.RecordBatch) -> None:
            pass

    batches = {name: list(read_csv(folder / f"{name}.csv")) for name in ("assets", "jobs")}
    start = time.perf_counter()
    recon = transform(batches, builtin_mapping("equiptrack"), Discard(), clock=FixedClock(CLOCK_AT))
    return {"seconds": time.perf_counter() - start, "rows": recon.rows_read}


PHASES = {"baseline": phase_baseline, "pipeline": phase_pipeline, "transform": phase_transform}
