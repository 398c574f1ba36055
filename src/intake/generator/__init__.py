"""Seeded generator of realistic legacy exports with a ground truth of every personal value.

    from intake.generator import generate_equiptrack, generate_medimaint
    ds = generate_equiptrack("out/a", assets=10_000, jobs=40_000, seed=7)   # assets.csv + jobs.xlsx
    ds = generate_medimaint("out/b", assets=10_000, jobs=40_000, seed=7)    # medimaint.db
    ds.paths, ds.truth_path, ds.nonpersonal_path, ds.counts, ds.sha256

Same seed, same sizes -> byte-identical files. Command line: python -m intake.generator --help.
"""

from __future__ import annotations

from intake.generator.dataset import GeneratedDataset, GeneratorError
from intake.generator.equiptrack import generate_equiptrack
from intake.generator.medimaint import generate_medimaint

__all__ = ["GeneratedDataset", "GeneratorError", "generate_equiptrack", "generate_medimaint"]
