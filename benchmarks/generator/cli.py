"""Command line, from the project root:
python -m benchmarks.generator --layout equiptrack|medimaint --assets N --jobs M --seed S --out DIR."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .dataset import GeneratedDataset, GeneratorError
from .equiptrack import generate_equiptrack
from .medimaint import generate_medimaint


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks.generator",
                                description="Generate a synthetic legacy export with a ground truth of every "
                                            "personal value (same seed and sizes give identical files).")
    p.add_argument("--layout", choices=("equiptrack", "medimaint"), required=True)
    p.add_argument("--assets", type=int, required=True, help="asset rows (10k to 5M is the intended range)")
    p.add_argument("--jobs", type=int, required=True, help="job / work-order rows")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True, help="output folder (created if missing)")
    p.add_argument("--jobs-format", choices=("auto", "xlsx", "csv"), default="auto",
                   help="equiptrack only: jobs.xlsx or jobs.csv; auto = xlsx up to 100,000 jobs")
    return p


def run(args: argparse.Namespace) -> GeneratedDataset:
    if args.layout == "equiptrack":
        return generate_equiptrack(args.out, args.assets, args.jobs, args.seed, args.jobs_format)
    return generate_medimaint(args.out, args.assets, args.jobs, args.seed)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        dataset = run(args)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    rows = dataset.rows
    summary = {"layout": dataset.layout, "files": {k: str(v) for k, v in dataset.paths.items()},
               "truth": str(dataset.truth_path), "nonpersonal": str(dataset.nonpersonal_path),
               "counts": dataset.counts, "seconds": round(dataset.seconds, 3),
               "rows_per_second": round(rows / dataset.seconds) if dataset.seconds else None}
    print(json.dumps(summary, indent=2))
    return 0
