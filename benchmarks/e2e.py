"""End-to-end benchmark: receive + migration run of a generated EquipTrack export, beside the pyarrow floor.

What runs (each measured part in its own process, so memory is per part):
  data       benchmarks.generator's EquipTrack export (assets.csv + jobs.csv, Windows-1252, banners, duplicates,
             blank lines, personal data in engineer/contact/notes/fault columns) with its ground truth; cached
             by seed and size under benchmarks/data/ (git-ignored).
  floor      pyarrow reads the same two CSVs (streaming, every column as text) and writes Parquet.
  migrate    a fresh intake home in a temporary folder (admin + engineer, a customer signing key, a signed
             authorisation with evidence covering the files, personal data "may_contain"), then the
             receive-dataset and migration-run flows through `intake.flows.local.run_flow`: the code path of
             `intake datasets receive` / `intake migration run`, on Prefect's ephemeral local API.
Stage times come from the flow's Prefect task runs (start/end): receive (fingerprint, verify, encrypt into the
vault), ingest, profile/scan (includes starting the anonymisation worker processes and loading their spaCy model),
anonymise + re-scan (the global distinct-value pass, where there is one, or else the first chunk, started to findings
combined; chunks run in parallel), transform + validate
+ deliver, and other (start-run, authorisation checkpoints, storing reports, end-run cleanup, Prefect).
Peak memory: the parent samples RSS of the whole process tree of the migrate process with psutil (main
process, anonymisation workers or Dask workers, Prefect's ephemeral API server) every 0.2 s and reports the peak of the
sum with and without the Prefect server; the main process also reports its exact VmHWM.

Anonymisation quality is measured on the delivered import package against the generator's ground truth
(method in QUALITY_METHOD below).

Options: --linearity adds a 10x smaller input in the same invocation and reports the time ratio; --dask runs
the migration again on a local 2-worker Dask cluster (prefect-dask, `intake.flows.migration.with_dask`) on
the same received dataset and checks the delivered Parquet files are identical.

    .venv/bin/python benchmarks/e2e.py [--scale 1m] [--linearity] [--dask [--dask-scale 100k]]

Writes benchmarks/results/e2e.json and e2e.png (or --results PATH, PATH with .png).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from e2e_dask import measure_dask
from e2e_data import DATA, DEFAULT_SEED, ROOT, SCALES
from e2e_floor import phase_budget, phase_floor
from e2e_flows import phase_migrate
from e2e_measure import linearity, measure
from e2e_report import FLOOR_TARGET, MEMORY_TARGET_MB, plot, print_table

RESULTS = ROOT / "benchmarks" / "results" / "e2e.json"


def sizes(args: argparse.Namespace) -> tuple[int, int]:
    assets, jobs = SCALES[args.scale]
    return (args.assets or assets), (args.jobs or jobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=SCALES, default="1m", help="asset rows; jobs are 3x (at most 5M)")
    parser.add_argument("--assets", type=int, help="asset rows (overrides --scale)")
    parser.add_argument("--jobs", type=int, help="job rows (overrides --scale)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--linearity", action="store_true", help="also run a 10x smaller input and report the ratio")
    parser.add_argument("--dask", action="store_true", help="also run the migration on a local 2-worker Dask cluster")
    parser.add_argument("--dask-scale", choices=[*SCALES, "main"], default="100k",
                        help="size of the --dask comparison ('main': the main run's size, on its received dataset)")
    parser.add_argument("--chunk-rows", type=int, default=50_000, help="rows per scan/anonymise chunk (CLI default)")
    parser.add_argument("--processes", type=int,
                        help="anonymisation worker processes (default: intake's setting, 2)")
    parser.add_argument("--rescan-threshold", type=float,
                        help="re-scan score that stops a run (intake's setting, default 0.6); 1.0 measures a run "
                             "the re-scan would refuse, with the same work done")
    parser.add_argument("--eval-rows", type=int, default=1_000_000,
                        help="evaluate quality on at most this many source rows (systematic sample)")
    parser.add_argument("--no-quality", action="store_true", help="skip the precision/recall evaluation")
    parser.add_argument("--floor-repeat", type=int, default=2, help="floor runs; the fastest counts")
    parser.add_argument("--data-dir", type=Path, default=DATA, help="cache of generated datasets")
    parser.add_argument("--workdir", type=Path, help="intake homes and deliveries (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (homes, vaults, packages)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="JSON path; the plot goes beside it (.png)")
    parser.add_argument("--budget-sample", type=int, default=5_000,
                        help="distinct free-text values plain Presidio is timed on (0: skip the detection budget)")
    parser.add_argument("--phase", choices=("floor", "migrate", "budget"), help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:
        config = json.loads(args.config.read_text())
        phases = {"floor": phase_floor, "migrate": phase_migrate, "budget": phase_budget}
        result = phases[args.phase](config)
        Path(config["result"]).write_text(json.dumps(result, default=str))
        return 0

    assets, jobs = sizes(args)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="intake-e2e-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "benchmark": "e2e", "at": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
        "parameters": {"assets": assets, "jobs": jobs, "seed": args.seed, "chunk_rows": args.chunk_rows,
                       "processes": args.processes or "intake default",
                       "rescan_threshold": args.rescan_threshold or "intake default (0.6)", "linearity": args.linearity,
                       "dask": args.dask, "eval_rows": args.eval_rows},
        "execution": "receive-dataset and migration-run Prefect flows via intake.flows.local.run_flow (the CLI's "
                     "code path) on Prefect's ephemeral local API, default ThreadPoolTaskRunner(2) sending "
                     "each chunk to one of 2 anonymisation worker processes; each measured part in its own process",
        "targets": {"e2e_vs_floor": f"<= {FLOOR_TARGET:.0f}x", "peak_memory_mb": f"< {MEMORY_TARGET_MB}",
                    "linearity": "10x rows -> <= ~10x time"},
        "runs": {},
    }
    partial = args.results.with_suffix(".partial.json")
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        results["runs"]["main"] = measure("main", assets, jobs, args, workdir)
        # An hour's run is not lost if a later part fails: the finished runs so far, replaced at the end.
        partial.write_text(json.dumps(results, indent=2, default=str) + "\n")
        if args.linearity:
            small = measure("small", max(assets // 10, 1), max(jobs // 10, 1), args, workdir)
            results["runs"]["small"] = small
            results["linearity"] = linearity(results["runs"]["main"], small)
        if args.dask:
            dask_assets, dask_jobs = (assets, jobs) if args.dask_scale == "main" else SCALES[args.dask_scale]
            main_run = results["runs"]["main"]
            same = (dask_assets, dask_jobs) == (assets, jobs) and main_run["outcome"] == "delivered"
            reuse = main_run if same else None
            results["dask"] = measure_dask(dask_assets, dask_jobs, args, workdir, reuse)
    finally:
        if not args.keep:  # vaults, homes and packages of this run (the generated data stays cached)
            for label in ("main", "small", "dask"):
                shutil.rmtree(workdir / label, ignore_errors=True)
            if args.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)
    main_run = results["runs"]["main"]
    results["summary"] = {
        "e2e_seconds": main_run["e2e_seconds"], "floor_seconds": round(main_run["floor"]["seconds"], 2),
        "e2e_vs_floor": main_run["e2e_vs_floor"], "within_floor_target": main_run["e2e_vs_floor"] <= FLOOR_TARGET,
        "rows_per_second": main_run["rows_per_second"],
        "peak_memory_mb": main_run["memory"]["peak_without_prefect_server_mb"],
        "peak_memory_with_prefect_server_mb": main_run["memory"]["peak_total_mb"],
        "within_memory_target": max(r["memory"]["peak_without_prefect_server_mb"]
                                    for r in results["runs"].values()) < MEMORY_TARGET_MB,
        "bottleneck_stage": max(main_run["stages_seconds"], key=main_run["stages_seconds"].get),
        "linearity_time_ratio": results.get("linearity", {}).get("e2e_time_ratio"),
        "dask_identical": results.get("dask", {}).get("identical"),
        "outcome": main_run["outcome"],
        "benchmark_seconds": round(time.perf_counter() - started, 1),
    }
    args.results.write_text(json.dumps(results, indent=2, default=str) + "\n")
    partial.unlink(missing_ok=True)
    plot(results, args.results.with_suffix(".png"))
    print_table(results)
    print(f"wrote {args.results} and {args.results.with_suffix('.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
