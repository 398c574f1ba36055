"""The peer suites' cases, read from ../shared/data (never edited, never used for tuning): Presidio's recognizer
cases and context sentences, scrubadub's before/after redaction pairs (aligned into spans) and GB postcodes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    return Path(os.environ.get("INTAKE_SHARED_DATA", ROOT.parent / "shared" / "data"))


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
