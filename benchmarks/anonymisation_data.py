"""The anonymisation benchmark's paths and its part 1 input: the generated EquipTrack export (read through
intake's connectors) and the generator's ground truth of every personal value."""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
SHARED = Path(os.environ.get("INTAKE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def generated_dataset(rows: int, jobs: int, seed: int) -> tuple[Path, str]:
    """The generator's dataset (waits for the generator module if another helper is still writing it)."""
    out = Path(os.environ.get("INTAKE_BENCH_DIR", "/tmp/intake-bench")) / f"equiptrack-{rows}-{jobs}-s{seed}"
    for _attempt in range(60):
        try:
            from benchmarks.generator import generate_equiptrack
            break
        except ImportError:
            print("waiting for benchmarks/generator ...", flush=True)
            time.sleep(30)
    else:
        raise SystemExit("the generator never appeared; cannot run part 1")
    if not (out / "generation.json").exists():
        generate_equiptrack(out, assets=rows, jobs=jobs, seed=seed, jobs_format="csv")
    return out, "benchmarks.generator (Faker en_GB, seeded)"


def read_tables(folder: Path) -> dict[str, list[pa.RecordBatch]]:
    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    tables: dict[str, list[pa.RecordBatch]] = {}
    for name in ("assets.csv", "jobs.csv"):
        with open_source(None, folder / name, settings=ConnectorSettings()) as source:
            for table in source.tables():
                reader = source.read(table)
                tables[table] = list(reader)
                if reader.rows_rejected:
                    print(f"  warning: {reader.rows_rejected} rows of {table} rejected by the connector")
    return tables


def load_truth(folder: Path) -> dict[tuple[str, int, str], list[tuple[str, int, int]]]:
    truth: dict[tuple[str, int, str], list[tuple[str, int, int]]] = defaultdict(list)
    with (folder / "truth.jsonl").open(encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            if t["row"] == 0 or t["column"] is None:
                continue  # banner lines are outside the tables we anonymise
            truth[(t["table"], t["row"], t["column"])].append((t["entity_type"], t["start"], t["end"]))
    return truth
