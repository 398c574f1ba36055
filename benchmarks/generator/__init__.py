"""Seeded generator of realistic legacy exports with a ground truth of every personal value.

    from benchmarks.generator import generate_equiptrack, generate_medimaint
    ds = generate_equiptrack("out/a", assets=10_000, jobs=40_000, seed=7)   # assets.csv + jobs.xlsx
    ds = generate_medimaint("out/b", assets=10_000, jobs=40_000, seed=7)    # medimaint.db
    ds.paths, ds.truth_path, ds.nonpersonal_path, ds.counts, ds.sha256

Same seed, same sizes -> byte-identical files. Command line, from the project root: python -m benchmarks.generator
--help. Test and benchmark tooling, not part of the installed `intake` package: the tests, the benchmarks and
examples/make_samples.py (which writes the committed examples/sample-*) import it from the project root.
"""

from __future__ import annotations

from .dataset import GeneratedDataset, GeneratorError
from .equiptrack import generate_equiptrack
from .medimaint import generate_medimaint

__all__ = ["GeneratedDataset", "GeneratorError", "generate_equiptrack", "generate_medimaint"]
