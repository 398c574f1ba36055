"""The peer suites run against our analyzer: each case's pass or fail (with its explanation), and pass rates per
suite and entity type."""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from peer_suites_cases import SCRUBADUB_TYPES
from peer_suites_explain import explain_presidio, explain_scrubadub


@dataclass
class CaseResult:
    suite: str
    entity: str
    text: str
    passed: bool
    expected: list[list[int]]
    got: list[list[int]]
    note: str = ""
    explanation: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def make_detector() -> Any:
    from intake.anonymisation.engine import DetectorConfig, TextDetector, build_analyzer

    config = DetectorConfig()
    analyzer = build_analyzer(config.settings(), config.vocabulary)
    entities = tuple(sorted(analyzer.get_supported_entities("en")))
    return TextDetector(DetectorConfig(entities=entities), analyzer=analyzer)


def run_presidio(detector: Any, cases: list[dict[str, Any]]) -> list[CaseResult]:
    results = []
    findings = detector.analyze([c["text"] for c in cases])
    for case, found in zip(cases, findings, strict=True):
        got = sorted([f.start, f.end] for f in found if f.entity_type == case["entity"])
        expected = sorted(case["expected"])
        passed = len(got) == case["expected_len"] and (not expected or got == expected)
        key = "" if passed else explain_presidio(case, got)
        results.append(CaseResult("presidio", case["entity"], case["text"], passed, expected, got,
                                  note=f"{case['file']}::{case['function']}", explanation=key))
    return results


def run_context(detector: Any, cases: list[dict[str, Any]]) -> list[CaseResult]:
    results = []
    for case, found in zip(cases, detector.analyze([c["text"] for c in cases]), strict=True):
        got = sorted([f.start, f.end] for f in found if f.entity_type == case["entity"])
        passed = bool(got)
        key = ""
        if not passed:
            key = "US_SSN" if case["entity"] == "US_SSN" else "CONTEXT_NON_UK"
            if case["entity"] in ("UK_NHS", "UK_NINO", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "IP_ADDRESS"):
                key = ""
        results.append(CaseResult("presidio-context", case["entity"], case["text"], passed, [], got, explanation=key))
    return results


def run_scrubadub(detector: Any, cases: list[dict[str, Any]]) -> list[CaseResult]:
    results = []
    for case, found in zip(cases, detector.analyze([c["text"] for c in cases]), strict=True):
        spans = case["spans"]
        if spans is None:
            results.append(CaseResult("scrubadub", "?", case["text"], False, [], [], note="unalignable",
                                      explanation=explain_scrubadub(case) or "DOB_NO_CONTEXT_WORD"))
            continue
        if not spans:
            # Nothing to redact (or the detector was disabled in scrubadub's test): we must find no PII.
            relevant = [f for f in found if f.entity_type in SCRUBADUB_TYPES.values()]
            passed = not relevant or case["function"] == "test_disable_email"
            results.append(CaseResult("scrubadub", "NONE", case["text"], passed, [],
                                      [[f.start, f.end] for f in relevant], note=case["function"],
                                      explanation="" if passed else explain_scrubadub(case)))
            continue
        for kind, start, end in spans:
            entity = SCRUBADUB_TYPES.get(kind, kind)
            hit = [f for f in found if f.start < end and start < f.end and f.entity_type == entity]
            passed = bool(hit)
            results.append(CaseResult("scrubadub", entity, case["text"], passed, [[start, end]],
                                      [[f.start, f.end] for f in hit], note=case["function"],
                                      explanation="" if passed else explain_scrubadub(case)))
    return results


UK_RELEVANT = ("UK_NHS", "UK_NINO", "UK_POSTCODE", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IP_ADDRESS",
               "DATE_OF_BIRTH")


def summarise(results: list[CaseResult]) -> dict[str, Any]:
    by: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: {"cases": 0, "passed": 0}))
    for r in results:
        cell = by[r.suite][r.entity]
        cell["cases"] += 1
        cell["passed"] += int(r.passed)
    out: dict[str, Any] = {}
    for suite, ents in by.items():
        total = sum(v["cases"] for v in ents.values())
        passed = sum(v["passed"] for v in ents.values())
        failed = [r for r in results if r.suite == suite and not r.passed]
        explained = sum(1 for r in failed if r.explanation)
        out[suite] = {"cases": total, "passed": passed, "pass_rate": round(passed / total, 4) if total else None,
                      "failed_explained": explained, "failed_unexplained": len(failed) - explained,
                      "by_entity": {k: dict(v) for k, v in sorted(ents.items())}}
    return out
