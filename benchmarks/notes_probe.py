"""Notes probe: people (names and initials) and home addresses in free text, against the look-alikes to keep.

    .venv/bin/python benchmarks/notes_probe.py [--results FILE] [--probe people|address] [--show]

Two labelled sets per probe, each written by a helper who had not read the detectors, independently of the other
(benchmarks/people_probe_data/, benchmarks/address_probe_data/):
- people: six organisations per set, each with the values its person fields hold (staff in full, sign-off columns
  of initials), its reference fields' values, and 40-50 notes in which every name and initials is labelled, with the
  abbreviations, codes, makers, wards and roles beside them that must stay. Each organisation's notes are read as a
  migration reads them: with the dataset's terms (dataset_terms.collect_terms over its person and reference values,
  the person values as the engineers' names), and without them (the detectors alone), to show what pass 1 adds.
- address: notes and cells with home addresses labelled by their parts (house, street, flat, locality, postcode),
  beside hospitals', suppliers' and depots' addresses, wards, rooms and models that must stay.
Set A was read while tuning (`--show` prints its misses and losses, never set B's); set B was not: only its counts.

A labelled substring counts once per occurrence; found if any finding overlaps it, lost (a keep) likewise.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from intake.anonymisation import Vocabulary
from intake.anonymisation.allowed import without_allowed
from intake.anonymisation.dataset_terms import collect_terms
from intake.anonymisation.engine import DetectorConfig, TextDetector
from intake.anonymisation.findings import Finding

HERE = Path(__file__).parent
SETS = {"set_a": "tuned on", "set_b": "held out"}


def _occurrences(text: str, value: str) -> list[tuple[int, int]]:
    out, at = [], text.find(value)
    while at >= 0:
        out.append((at, at + len(value)))
        at = text.find(value, at + 1)
    return out


def _hit(span: tuple[int, int], found: Sequence[Finding]) -> bool:
    return any(f.start < span[1] and span[0] < f.end for f in found)


def _score(notes: list[dict[str, Any]], per_note: Iterable[Sequence[Finding]], counts: Counter[str],
           misses: list[str] | None) -> None:
    for note, found in zip(notes, per_note, strict=True):
        text, wrong = note["text"], []
        for value, kind in note["personal"]:
            for span in _occurrences(text, value):
                counts[f"{kind}/planted"] += 1
                if _hit(span, found):
                    counts[f"{kind}/found"] += 1
                else:
                    wrong.append(f"MISSED {kind} {value!r}")
        for value, kind in note["keep"]:
            for span in _occurrences(text, value):
                counts[f"keep/{kind}/planted"] += 1
                if _hit(span, found):
                    counts[f"keep/{kind}/lost"] += 1
                    wrong.append(f"LOST {kind} {value!r}")
        if wrong and misses is not None:
            misses.append(f"{text!r}\n    " + "; ".join(wrong))


def _detect(detector: TextDetector, vocabulary: Vocabulary, texts: list[str]) -> list[tuple[Finding, ...]]:
    return [without_allowed(t, f, vocabulary) for t, f in zip(texts, detector.analyze(texts), strict=True)]


def people(datasets: list[dict[str, Any]], base: Vocabulary, misses: list[str] | None) -> dict[str, Any]:
    alone = TextDetector(DetectorConfig(vocabulary=base))
    out: dict[str, Any] = {}
    for label in ("with the dataset's terms", "detectors alone"):
        counts: Counter[str] = Counter()
        for dataset in datasets:
            texts = [n["text"] for n in dataset["notes"]]
            if label == "detectors alone":
                vocabulary, detector = base, alone
            else:
                values = [*dataset["people"], *dataset["person_field_values"]]
                vocabulary = collect_terms(values, dataset["reference_values"], base,
                                           engineers=dataset["people"]).vocabulary(base)
                detector = TextDetector(DetectorConfig(vocabulary=vocabulary))
            _score(dataset["notes"], _detect(detector, vocabulary, texts), counts,
                   misses if label != "detectors alone" else None)
        out[label] = dict(sorted(counts.items()))
    return out


def addresses(notes: list[dict[str, Any]], base: Vocabulary, misses: list[str] | None) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    _score(notes, _detect(TextDetector(DetectorConfig(vocabulary=base)), base, [n["text"] for n in notes]), counts,
           misses)
    return {"detectors alone": dict(sorted(counts.items()))}


def _summary(counts: dict[str, int]) -> str:
    kinds = sorted({k.split("/")[0] for k in counts if not k.startswith("keep/")})
    found = ", ".join(f"{k} {counts.get(f'{k}/found', 0)}/{counts[f'{k}/planted']}" for k in kinds)
    planted = sum(v for k, v in counts.items() if k.startswith("keep/") and k.endswith("/planted"))
    lost = sum(v for k, v in counts.items() if k.startswith("keep/") and k.endswith("/lost"))
    return f"found {found}; kept {planted - lost}/{planted}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, help="write the figures as JSON here")
    parser.add_argument("--probe", choices=("people", "address"), help="only this probe")
    parser.add_argument("--show", action="store_true", help="print set A's misses and losses")
    args = parser.parse_args()
    base = Vocabulary.load()
    started = time.perf_counter()
    results: dict[str, Any] = {}
    for probe, evaluate in (("people", people), ("address", addresses)):
        if args.probe not in (None, probe):
            continue
        for name, role in SETS.items():
            path = HERE / f"{probe}_probe_data" / f"{name}.json"
            misses: list[str] | None = [] if args.show and name == "set_a" else None
            data = json.loads(path.read_text("utf-8"))
            result = results.setdefault(probe, {})[name] = {"role": role, **evaluate(
                data["datasets"] if probe == "people" else data, base, misses)}
            for label, counts in result.items():
                if label != "role":
                    print(f"{probe} {name} ({role}), {label}: {_summary(counts)}")
            for line in misses or ():
                print("  " + line)
    print(f"({time.perf_counter() - started:.1f} s)")
    if args.results:
        args.results.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
