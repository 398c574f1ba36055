"""The e2e benchmark at one size: floor, receive + migration run with the tree's memory sampled, quality of the
delivered package and the detection budget; and the linearity of two sizes."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from e2e_data import SOURCE_TABLES, ensure_dataset
from e2e_evaluate import evaluate, nonpersonal_false_positives
from e2e_floor import detection_budget
from e2e_flows import STAGE_ORDER
from e2e_process import child_env, run_child


def stage_table(run: dict[str, Any]) -> dict[str, float]:
    stages = {"receive": run["receive"]["seconds"]}
    stages.update({name: s["seconds"] for name, s in run["migration"]["stages"].items()})
    return {name: round(stages.get(name, 0.0), 2) for name in STAGE_ORDER}


def measure(label: str, assets: int, jobs: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    data, manifest, generated = ensure_dataset(assets, jobs, args.seed, args.data_dir)
    rows = {t: manifest["counts"][f"{t}.rows"] for t in ("assets", "jobs")}
    source_rows = sum(rows.values())
    source_bytes = sum((data / f).stat().st_size for _, f, _ in SOURCE_TABLES)
    load_before = os.getloadavg()
    print(f"[{label}] {assets:,} assets + {jobs:,} jobs = {source_rows:,} rows, {source_bytes / 1e6:,.0f} MB of CSV"
          + (f" (generated in {generated:.0f}s)" if generated else " (cached)"), flush=True)
    home_dir = workdir / label
    shutil.rmtree(home_dir, ignore_errors=True)  # a fresh intake home every time
    floors = []
    for attempt in range(args.floor_repeat):
        floor, _ = run_child("floor", {"data": str(data), "out_dir": str(home_dir / f"floor-{attempt}")},
                             home_dir)
        shutil.rmtree(home_dir / f"floor-{attempt}", ignore_errors=True)
        floors.append(floor)
    floor = min(floors, key=lambda f: f["seconds"])
    floor["all_seconds"] = [round(f["seconds"], 2) for f in floors]
    print(f"[{label}] floor (pyarrow CSV -> Parquet): {floor['seconds']:.1f}s", flush=True)

    home = home_dir / "home"
    config = {"files": [str(data / f) for _, f, _ in SOURCE_TABLES], "workdir": str(home_dir),
              "chunk_rows": args.chunk_rows}
    run, sampler = run_child("migrate", config, home_dir, child_env(home, args), sample=True)
    windows = {"receive": run["receive"]["window"], "migration": run["migration"]["window"],
               **{k: v["window"] for k, v in run["migration"]["stages"].items() if "window" in v}}
    stages = stage_table(run)
    e2e = run["receive"]["seconds"] + run["migration"]["seconds"]
    memory = sampler.summary(windows) if sampler else {}
    memory["main_process_vmhwm_mb"] = round(run["main_process_max_rss_mb"], 1)
    result: dict[str, Any] = {
        "assets": assets, "jobs": jobs, "source_rows": source_rows, "source_rows_by_table": rows,
        "source_bytes": source_bytes, "data": str(data), "truth_values": manifest["counts"].get("truth.total"),
        "floor": floor,
        "setup_seconds": round(run["setup_seconds"], 2),
        "prefect_startup_seconds": round(run["prefect_startup_seconds"], 2),
        "receive": run["receive"], "migration": run["migration"],
        "stages_seconds": stages,
        "e2e_seconds": round(e2e, 2),
        "rows_per_second": round(source_rows / e2e, 1),
        "rows_per_second_by_stage": {k: round(source_rows / v, 1) for k, v in stages.items() if v > 0},
        "e2e_vs_floor": round(e2e / floor["seconds"], 2),
        "memory": memory,
        "memory_timeseries": {"columns": ["seconds", "total_mb", "without_prefect_server_mb", "main_process_mb",
                                          "worker_processes_mb"],
                              "t0": sampler.samples[0][0] if sampler and sampler.samples else None,
                              "points": sampler.timeseries() if sampler else []},
        "home": str(home),
        "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }
    print(f"[{label}] end-to-end {e2e:.1f}s = {e2e / floor['seconds']:.1f}x floor; stages "
          + ", ".join(f"{k} {v:.1f}s" for k, v in stages.items())
          + f"; peak memory {memory.get('peak_without_prefect_server_mb', 0):,.0f} MB "
            f"(+ Prefect server: {memory.get('peak_total_mb', 0):,.0f} MB)", flush=True)
    error = run["migration"].get("error")
    result["outcome"] = "delivered" if error is None else f"{error['type']}: {error['message']}"
    if error is not None:
        print(f"[{label}] the migration run did not deliver: {result['outcome']}", flush=True)
        if error["type"] == "ResidualPersonalData":
            print(f"[{label}] the fail-closed re-scan refused the output; --rescan-threshold 1.0 measures the "
                  "same work through to delivery", flush=True)
    elif not args.no_quality:
        package = Path(run["migration"]["fetched"])
        result["quality"] = evaluate(data, package, args.eval_rows)
        result["quality"]["nonpersonal_columns"] = nonpersonal_false_positives(data, run["migration"]["findings"],
                                                                               rows)
        overall = result["quality"]["overall"]
        print(f"[{label}] quality: recall {overall['recall']}, precision {overall['precision']} "
              f"({result['quality']['seconds']:.0f}s to evaluate)", flush=True)
    if error is None and args.budget_sample:
        result["detection_budget"] = budget = detection_budget(run, floor["seconds"], data, args.budget_sample,
                                                               home_dir)
        print(f"[{label}] the floor target leaves {budget['target_microseconds_per_distinct_value']} us of a core per "
              f"distinct free-text value ({budget['distinct_total']:,}); measured per value (us): "
              f"{budget['microseconds_per_value']}, projected alone: {budget['projected_vs_floor']}x the floor",
              flush=True)
    return result


def linearity(main_run: dict[str, Any], small: dict[str, Any]) -> dict[str, Any]:
    """Time ratios of the main run to the 10x smaller one, beside their rows ratio."""
    return {
        "rows_ratio": round(main_run["source_rows"] / small["source_rows"], 2),
        "e2e_time_ratio": round(main_run["e2e_seconds"] / small["e2e_seconds"], 2),
        "migration_time_ratio": round(main_run["migration"]["seconds"] / small["migration"]["seconds"], 2),
        "stage_time_ratios": {s: round(main_run["stages_seconds"][s] / small["stages_seconds"][s], 2)
                              for s in STAGE_ORDER if small["stages_seconds"][s] > 0},
        "note": "fixed costs (worker start and spaCy model load, Prefect task overhead) weigh more in the "
                "small run, so a ratio below the rows ratio is expected",
    }
