"""The e2e benchmark's --dask variant: the migration on a local 2-worker Dask cluster beside the single-process
run of the same received dataset, and the two delivered packages compared file by file."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from e2e_data import SOURCE_TABLES, ensure_dataset
from e2e_process import child_env, run_child


def compare_packages(local: Path, distributed: Path) -> dict[str, Any]:
    """Each Parquet file of the two packages compared column by column (never more than a column in memory)."""
    import pyarrow.parquet as pq

    from benchmarks.generator.dataset import file_sha256

    files = sorted({p.name for p in local.glob("*.parquet")} | {p.name for p in distributed.glob("*.parquet")})
    out: dict[str, Any] = {}
    for name in files:
        a, b = local / name, distributed / name
        if not (a.is_file() and b.is_file()):
            out[name] = {"equal": False, "reason": "missing in one package"}
            continue
        schema_a, schema_b = pq.read_schema(a), pq.read_schema(b)
        rows_a, rows_b = pq.ParquetFile(a).metadata.num_rows, pq.ParquetFile(b).metadata.num_rows
        equal = schema_a.equals(schema_b) and rows_a == rows_b
        differing = []
        if equal:
            for column in schema_a.names:
                if not pq.read_table(a, columns=[column]).equals(pq.read_table(b, columns=[column])):
                    differing.append(column)
        out[name] = {"equal": equal and not differing, "rows": rows_a, "rows_dask": rows_b,
                     "differing_columns": differing, "same_file_bytes": file_sha256(a) == file_sha256(b)}
    return out



def measure_dask(assets: int, jobs: int, args: argparse.Namespace, workdir: Path,
                 reuse: dict[str, Any] | None) -> dict[str, Any]:
    """The migration on a 2-worker Dask cluster beside the single-process run of the same received dataset."""
    data, manifest, _ = ensure_dataset(assets, jobs, args.seed, args.data_dir)
    home_dir = workdir / "dask"
    shutil.rmtree(home_dir, ignore_errors=True)
    config: dict[str, Any] = {"files": [str(data / f) for _, f, _ in SOURCE_TABLES], "workdir": str(home_dir),
                              "chunk_rows": args.chunk_rows, "dask": True}
    if reuse is not None:  # the main run received this dataset and ran it locally: run Dask in its home
        config.update({"dataset_id": reuse["migration"]["summary"]["dataset_id"], "local": False})
        home = Path(reuse["home"])
    else:
        home = home_dir / "home"
    print(f"[dask] {assets:,} assets + {jobs:,} jobs on a local 2-worker Dask cluster"
          + (" (beside the main run's single-process run)" if reuse else ""), flush=True)
    run, sampler = run_child("migrate", config, home_dir, child_env(home, args), sample=True)
    local = reuse["migration"] if reuse else run["migration"]
    distributed = run["dask"]
    if local.get("error") or distributed.get("error"):
        errors = {"single_process": local.get("error"), "dask": distributed.get("error")}
        print(f"[dask] a run did not deliver: {errors}", flush=True)
        return {"assets": assets, "jobs": jobs, "identical": None, "errors": errors,
                "single_process_seconds": round(local["seconds"], 2), "dask_seconds": round(distributed["seconds"], 2)}
    files = compare_packages(Path(local["fetched"]), Path(distributed["fetched"]))
    same_counts = {key: local["summary"][key] == distributed["summary"][key]
                   for key in ("rows_read", "rows_anonymised", "personal_data_found", "rows_rejected", "entities")}
    same_findings = local["findings"] == distributed["findings"]
    identical = all(f["equal"] for f in files.values()) and all(same_counts.values()) and same_findings
    memory = sampler.summary({"dask_migration": distributed["window"]}) if sampler else {}
    result = {
        "assets": assets, "jobs": jobs, "source_rows": sum(manifest["counts"][f"{t}.rows"] for t in ("assets", "jobs")),
        "workers": 2, "threads_per_worker": 1,
        "single_process_seconds": round(local["seconds"], 2), "dask_seconds": round(distributed["seconds"], 2),
        "single_process_stages": {k: round(v["seconds"], 2) for k, v in local["stages"].items()},
        "dask_stages": {k: round(v["seconds"], 2) for k, v in distributed["stages"].items()},
        "identical": identical, "same_counts": same_counts, "same_findings_counts": same_findings,
        "parquet_files": files, "memory": memory,
        "note": "same received dataset and customer secret, so the same tokens are expected; files compared column "
                "by column (same_file_bytes also compares the bytes, which may differ only in Parquet metadata)",
    }
    print(f"[dask] single process {local['seconds']:.1f}s, Dask {distributed['seconds']:.1f}s; identical output: "
          f"{identical}", flush=True)
    return result
