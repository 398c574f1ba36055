"""Identifier probe: patients' numbers against the numbers that must be kept, per note and dataset-wide.

    .venv/bin/python benchmarks/id_probe.py [--results FILE]

Two hospitals' notes (benchmarks/id_probe_data/set_a.json, set_b.json: 250 notes each, written by a helper who
had not read the detectors, independently of each other): each hospital writes its patients' numbers in one or
two schemes, after many labels or none, and its serials, asset, job, order, part and lot numbers often take the
same shape. Every note carries the spans of its personal values and of the numbers to keep. Set A was read while
tuning; set B was not (only these counts).

Per set: patient (and accession) numbers found by the per-note detectors (pass 2) and after pass 3 (the values
found looked for everywhere, the schemes learnt from them: anonymisation/id_schemes.py), with the code fields
emulated by the notes' own asset, serial and job numbers (a migration reads those from the mapping's code fields;
"no code fields" leaves the veto to the numbers the notes themselves label as something else); numbers to keep
that either pass took.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from intake.anonymisation import Vocabulary
from intake.anonymisation.deny_list import KnownValues
from intake.anonymisation.engine import DetectorConfig, TextDetector
from intake.anonymisation.findings import Finding
from intake.anonymisation.id_schemes import PROPAGATED, CodeShapes, SchemeFinder, known_values, learn

DATA = Path(__file__).parent / "id_probe_data"  # committed; benchmarks/data/ holds generated, ignored data
SETS = {"set_a": "tuned on", "set_b": "held out"}
PERSONAL = ("hospital_number", "accession")
CODE_FIELDS = {"no code fields": (), "code fields: asset, serial, job": ("asset", "serial", "job")}


def _hit(span: dict[str, Any], found: Sequence[Finding]) -> bool:
    return any(f.start < span["end"] and span["start"] < f.end for f in found)


def evaluate(records: list[dict[str, Any]], detector: TextDetector) -> dict[str, Any]:
    texts = [r["text"] for r in records]
    per_note = detector.analyze(texts)
    found = {(t[f.start:f.end].strip(), f.entity_type) for t, fs in zip(texts, per_note, strict=True)
             for f in fs if f.entity_type in PROPAGATED}
    out: dict[str, Any] = {"notes": len(records), "identifiers_found": len(found)}
    labelled = CodeShapes()  # what the notes label as something else, as the chunks keep it
    for text in texts:
        labelled.add_labelled(text)
    for label, kinds in CODE_FIELDS.items():
        shapes = CodeShapes()
        shapes.add([r["text"][k["start"]:k["end"]] for r in records for k in r["keep"] if k["kind"] in kinds])
        taken = shapes.counts()
        for shape, count in labelled.counts().items():
            taken[shape] = taken.get(shape, 0) + count
        schemes = learn(found, taken)
        finder, values = SchemeFinder(schemes), KnownValues(known_values(found))
        counts: Counter[str] = Counter()
        for record, first in zip(records, per_note, strict=True):
            text = record["text"]
            later = [f for f in finder.find(text) + values.find(text) if not any(f.overlaps(g) for g in first)]
            for span in record["spans"]:
                if span["kind"] in PERSONAL:
                    counts[f"{span['kind']}/planted"] += 1
                    counts[f"{span['kind']}/pass2"] += _hit(span, first)
                    counts[f"{span['kind']}/pass3"] += _hit(span, first) or _hit(span, later)
            for span in record["keep"]:
                counts["keep/planted"] += 1
                counts["keep/lost_pass2"] += _hit(span, first)
                counts["keep/lost_pass3"] += _hit(span, first) or _hit(span, later)
        out[label] = {"schemes_learnt": len(schemes), **dict(sorted(counts.items()))}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()
    detector = TextDetector(DetectorConfig(vocabulary=Vocabulary.load()))
    started = time.perf_counter()
    results = {name: {"role": role, **evaluate(json.loads((DATA / f"{name}.json").read_text("utf-8")), detector)}
               for name, role in SETS.items()}
    for name, result in results.items():
        print(f"{name} ({result['role']}): {result['notes']} notes, {result['identifiers_found']} identifiers found")
        for label in CODE_FIELDS:
            r = result[label]
            print(f"  {label:32} patient numbers {r['hospital_number/pass2']}/{r['hospital_number/planted']} -> "
                  f"{r['hospital_number/pass3']} after pass 3; kept numbers lost {r['keep/lost_pass2']} -> "
                  f"{r['keep/lost_pass3']} of {r['keep/planted']}; schemes learnt {r['schemes_learnt']}")
    print(f"({time.perf_counter() - started:.1f} s)")
    if args.results:
        args.results.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
