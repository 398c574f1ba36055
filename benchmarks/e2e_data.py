"""The e2e benchmark's input: benchmarks.generator's EquipTrack export, generated once per size and seed and cached,
and a streaming pyarrow reader of its two CSV files (Windows-1252, banner lines above the header skipped)."""

from __future__ import annotations

import csv
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmarks.generator, when run as python benchmarks/e2e.py
    sys.path.insert(0, str(ROOT))
DATA = ROOT / "benchmarks" / "data"
DEFAULT_SEED = 7
GENERATOR_MAX_ROWS = 5_000_000
# Scale = asset rows; jobs are 3x the assets (capped by the generator's 5M rows per table).
SCALES = {name: (assets, min(3 * assets, GENERATOR_MAX_ROWS)) for name, assets in
          (("10k", 10_000), ("30k", 30_000), ("100k", 100_000), ("300k", 300_000), ("1m", 1_000_000),
           ("5m", 5_000_000))}
# The two source files, the first column of their header line (the banners above it are skipped).
SOURCE_TABLES = (("assets", "assets.csv", "Equipment No"), ("jobs", "jobs.csv", "Job No"))


def dataset_dir(assets: int, jobs: int, seed: int, data_dir: Path) -> Path:
    return data_dir / f"equiptrack-seed{seed}-a{assets}-j{jobs}"


def ensure_dataset(assets: int, jobs: int, seed: int, data_dir: Path) -> tuple[Path, dict[str, Any], float]:
    """The generated export of this size and seed, generated once and reused (generation.json marks it done)."""
    folder = dataset_dir(assets, jobs, seed, data_dir)
    marker = folder / "generation.json"
    wanted = {"assets": assets, "jobs": jobs, "jobs_format": "csv"}
    if marker.is_file():
        manifest = json.loads(marker.read_text())
        if manifest.get("seed") == seed and manifest.get("parameters") == wanted:
            return folder, manifest, 0.0
    from benchmarks.generator import generate_equiptrack

    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    print(f"generating {assets:,} assets + {jobs:,} jobs (seed {seed}) into {folder} ...", flush=True)
    started = time.perf_counter()
    generate_equiptrack(staging, assets=assets, jobs=jobs, seed=seed, jobs_format="csv")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return folder, json.loads(marker.read_text()), time.perf_counter() - started


def header_columns(path: Path, first_column: str) -> tuple[int, list[str]]:
    """Non-blank lines above the header (pyarrow's skip_rows ignores blank ones) and the header's columns."""
    skipped = 0
    with path.open(encoding="cp1252", newline="") as handle:
        for _ in range(20):
            line = handle.readline()
            if not line:
                break
            if line.startswith(first_column + ","):
                return skipped, next(csv.reader([line]))
            if line.strip():
                skipped += 1
    raise SystemExit(f"{path}: no header line starting with {first_column!r} in its first 20 lines")


def open_source_csv(path: Path, first_column: str, columns: list[str] | None = None) -> Any:
    """Streaming pyarrow reader of a generated CSV: Windows-1252, banners skipped, every column as text."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    skip, names = header_columns(path, first_column)
    return pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(encoding="cp1252", skip_rows=skip, block_size=1 << 24),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
                                             include_columns=columns),
    )
