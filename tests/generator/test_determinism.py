from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from benchmarks.generator import generate_equiptrack, generate_medimaint

ROOT = Path(__file__).resolve().parents[2]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("jobs_format", ["xlsx", "csv"])
def test_same_seed_gives_byte_identical_equiptrack_files(tmp_path, jobs_format):
    a = generate_equiptrack(tmp_path / "a", 700, 600, seed=21, jobs_format=jobs_format)
    b = generate_equiptrack(tmp_path / "b", 700, 600, seed=21, jobs_format=jobs_format)
    c = generate_equiptrack(tmp_path / "c", 700, 600, seed=22, jobs_format=jobs_format)
    assert digests(a.out_dir) == digests(b.out_dir)
    assert len(digests(a.out_dir)) == 5
    differing = {k for k, v in digests(c.out_dir).items() if digests(a.out_dir)[k] != v}
    assert {"assets.csv", f"jobs.{jobs_format}", "truth.jsonl"} <= differing
    assert a.sha256 == {name: digests(a.out_dir)[name] for name in a.paths}


def test_same_seed_gives_byte_identical_sqlite(tmp_path):
    a = generate_medimaint(tmp_path / "a", 700, 600, seed=21)
    b = generate_medimaint(tmp_path / "b", 700, 600, seed=21)
    assert digests(a.out_dir) == digests(b.out_dir)
    again = generate_medimaint(tmp_path / "a", 700, 600, seed=21)  # regenerating in place replaces the db
    assert digests(again.out_dir) == digests(b.out_dir)


def test_committed_samples_are_what_make_samples_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "examples" / "make_samples.py")
    assert spec and spec.loader
    make_samples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_samples)
    for name in make_samples.SAMPLES:
        committed = ROOT / "examples" / name
        assert committed.is_dir(), f"run examples/make_samples.py to create {name}"
    make_samples.make(tmp_path)
    for name in make_samples.SAMPLES:
        assert digests(tmp_path / name) == digests(ROOT / "examples" / name), name
