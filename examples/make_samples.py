"""Regenerate the committed sample legacy exports: python examples/make_samples.py [OUT_DIR].

Deterministic: the same generator code writes byte-identical samples (tests/generator checks the committed ones).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmarks.generator, when run as python examples/make_samples.py
    sys.path.insert(0, str(ROOT))

from benchmarks.generator import generate_equiptrack, generate_medimaint  # noqa: E402

SEED = 2026
ASSETS = 300
JOBS = 1200
SAMPLES = ("sample-equiptrack", "sample-medimaint")

README = """# {name}

Synthetic "{layout}" legacy export made by `examples/make_samples.py` (seed {seed}, {assets} assets,
{jobs} jobs). Every person, phone number, NHS number and address is invented: phones are in Ofcom's drama
ranges and NHS numbers in the 999 test range.

- data: {data}
- `truth.jsonl`: one JSON line per personal value (file, table, row, column, entity_type, value, start, end)
- `nonpersonal.json`: columns that look personal but are not (manufacturers, models, places): detections there are
  false positives
- `generation.json`: seed, sizes, SHA-256 of the data files, counts
"""


def make(root: Path) -> None:
    eq = generate_equiptrack(root / SAMPLES[0], ASSETS, JOBS, SEED, "xlsx")
    mm = generate_medimaint(root / SAMPLES[1], ASSETS, JOBS, SEED)
    for dataset, name in ((eq, SAMPLES[0]), (mm, SAMPLES[1])):
        data = ", ".join(f"`{n}`" for n in dataset.paths)
        (root / name / "README.md").write_text(README.format(name=name, layout=dataset.layout, seed=SEED,
                                                             assets=ASSETS, jobs=JOBS, data=data), encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    make(target)
    print(f"samples written under {target}")
