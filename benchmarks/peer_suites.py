"""Run other projects' test expectations against our analyzer, as a peer review of its recognizers.

Suites (data under ../shared/data, never edited, never used for tuning):
- Presidio's recognizer test cases (presidio-tests/presidio_analyzer_recognizer_cases.json) and its context
  sentences (context_sentences_tests.txt);
- scrubadub's before/after redaction pairs and GB postcode cases (scrubadub-tests/).

Prints pass rates per suite and entity type, lists every failure with the deliberate difference that explains
it (or "UNEXPLAINED"), and writes benchmarks/results/peer_suites.json.

    .venv/bin/python benchmarks/peer_suites.py
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from peer_suites_cases import ROOT, load_context_cases, load_presidio_cases, load_scrubadub_cases
from peer_suites_explain import DELIBERATE
from peer_suites_run import UK_RELEVANT, make_detector, run_context, run_presidio, run_scrubadub, summarise


def main() -> int:
    detector = make_detector()
    results = (run_presidio(detector, load_presidio_cases()) + run_context(detector, load_context_cases())
               + run_scrubadub(detector, load_scrubadub_cases()))
    summary = summarise(results)
    uk = [r for r in results if r.entity in UK_RELEVANT]
    summary["uk_relevant"] = {"cases": len(uk), "passed": sum(r.passed for r in uk),
                              "pass_rate": round(sum(r.passed for r in uk) / len(uk), 4) if uk else None}
    for suite, s in summary.items():
        print(f"{suite:18s} {s['passed']}/{s['cases']} passed ({(s['pass_rate'] or 0):.1%})"
              + (f"; failures explained {s['failed_explained']}, unexplained {s['failed_unexplained']}"
                 if "failed_explained" in s else ""))
        for entity, v in s.get("by_entity", {}).items():
            print(f"    {entity:26s} {v['passed']}/{v['cases']}")
    print("\nDeliberate differences used:")
    used = sorted({r.explanation for r in results if not r.passed and r.explanation})
    for key in used:
        n = sum(1 for r in results if r.explanation == key and not r.passed)
        print(f"  {key} ({n} cases): {DELIBERATE.get(key, '')}")
    unexplained = [r for r in results if not r.passed and not r.explanation]
    print(f"\nUnexplained failures: {len(unexplained)}")
    for r in unexplained:
        print(f"  [{r.suite}] {r.entity}: {r.text!r} expected {r.expected} got {r.got} {r.note}")
    out = ROOT / "benchmarks" / "results" / "peer_suites.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "summary": summary,
        "deliberate_differences": {k: DELIBERATE[k] for k in used if k in DELIBERATE},
        "failures": [asdict(r) for r in results if not r.passed],
    }, indent=2, ensure_ascii=False))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
