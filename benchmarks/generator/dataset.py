"""What a generator run returns and records: files, truth, counts, and the generator's errors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from intake.errors import IntakeError
from intake.file_hashes import sha256_file

TRUTH_FILE = "truth.jsonl"
NONPERSONAL_FILE = "nonpersonal.json"
MANIFEST_FILE = "generation.json"
MAX_ROWS = 5_000_000
_STREAMS = ("people", "assets", "jobs", "assets-text", "jobs-text", "pools", "sites", "misc")


class GeneratorError(IntakeError):
    """A generation request cannot be met (bad size, format or folder)."""


@dataclass(frozen=True)
class GeneratedDataset:
    layout: str
    out_dir: Path
    paths: dict[str, Path]  # data file name -> path (the files a customer would send)
    truth_path: Path  # JSON lines, one per personal value (format in benchmarks.generator.truth)
    nonpersonal_path: Path  # columns whose detections are false positives
    counts: dict[str, int]
    sha256: dict[str, str] = field(default_factory=dict)  # data file name -> hex digest
    seconds: float = 0.0  # wall time of generation (not written to the manifest: it is not deterministic)

    @property
    def rows(self) -> int:
        return sum(v for k, v in self.counts.items() if k.endswith(".rows"))


def check_sizes(assets: int, jobs: int) -> None:
    for name, value in (("assets", assets), ("jobs", jobs)):
        if not 1 <= value <= MAX_ROWS:
            raise GeneratorError(f"--{name} must be between 1 and {MAX_ROWS:,} rows (got {value}); "
                                 "choose a size in that range.")


def prepare_out_dir(out_dir: Path | str) -> Path:
    path = Path(out_dir)
    if path.exists() and not path.is_dir():
        raise GeneratorError(f"output path {path} exists and is not a folder; pass a folder path.")
    path.mkdir(parents=True, exist_ok=True)
    return path


def seed_streams(seed: int) -> dict[str, int]:
    """Independent integer seeds per purpose, so assets do not change when the jobs count changes."""
    if seed < 0:
        raise GeneratorError(f"seed must be a non-negative integer (got {seed}).")
    children = np.random.SeedSequence(seed).spawn(len(_STREAMS))
    return {name: int(child.generate_state(1, dtype=np.uint64)[0]) for name, child in zip(_STREAMS, children,
                                                                                          strict=True)}


file_sha256 = sha256_file  # the name benchmarks/e2e_dask.py imports


def finish(layout: str, out_dir: Path, paths: dict[str, Path], counts: dict[str, int], seed: int,
           parameters: dict[str, object], seconds: float) -> GeneratedDataset:
    """Hashes the data files and writes the deterministic manifest beside them."""
    sha = {name: sha256_file(path) for name, path in paths.items()}
    manifest = {"layout": layout, "seed": seed, "parameters": parameters, "files": sha,
                "truth": TRUTH_FILE, "nonpersonal": NONPERSONAL_FILE, "counts": counts}
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return GeneratedDataset(layout=layout, out_dir=out_dir, paths=paths, truth_path=out_dir / TRUTH_FILE,
                            nonpersonal_path=out_dir / NONPERSONAL_FILE, counts=counts, sha256=sha,
                            seconds=seconds)
