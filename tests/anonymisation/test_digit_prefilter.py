"""The detector's digit pre-filter (engine.NEEDS_A_DIGIT): a text without a digit skips the recognizers that need
one, and finds exactly what it found when every recognizer ran: over every example text of the detector tests
and the notes corpus, and over texts built to tempt those recognizers without a digit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from intake.anonymisation import DetectorConfig, TextDetector
from intake.anonymisation.vocabulary import Vocabulary
from tests.anonymisation.notes_corpus import NOTES, parsed

pytestmark = pytest.mark.slow

TESTS = Path(__file__).resolve().parent


def arabic(digits: str) -> str:
    """The digits in Arabic-Indic script (Python's \\d reads them as digits)."""
    return "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in digits)


def wide(digits: str) -> str:
    """The digits full-width, as East Asian input methods type them."""
    return "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in digits)


# Digit-free texts near the skipped recognizers' shapes: numbers in words, other scripts' digits (which do count
# as digits), e-mail addresses written out, labels without their number, dates with month names only.
TEMPTING = [
    "phone Jane Doe on oh seven seven double oh", "NHS number to follow", "NI number AB CD EF G",
    "postcode SW one A", "DOB March, born in the spring", "card ending four two", "staff id pending",
    "reg plate ABC DEF", "ext. pending, bleep Sister Kaur", "MRN unknown for Mr Patel", "jane.doe at nhs.net",
    f"call {arabic('07700 900123')} for Ahmed", f"NHS {wide('943 476 5919')} for Mrs Smith",
    f"born {wide('12/03/1956')}", "IBAN GB",
    "Patient Amelia Watson, date of birth unknown", "fe80::1ff:fe23:4567:890a", "ward seven, bay twelve",
]


def example_texts() -> list[str]:
    """Every string literal of three words or more in the detector tests, the notes corpus and TEMPTING."""
    texts = set(TEMPTING) | {parsed(n)[0] for n in NOTES}
    for path in TESTS.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value.split()) >= 3:
                texts.add(node.value)
    return sorted(texts)


def test_texts_without_a_digit_find_what_every_recognizer_found(vocabulary: Vocabulary,
                                                                 detector: TextDetector) -> None:
    every = TextDetector(DetectorConfig(vocabulary=vocabulary), prefilter=False)
    texts = example_texts()
    assert len(texts) > 500
    assert detector._digit_free != detector.entities and every._digit_free == every.entities
    assert detector.analyze(texts) == every.analyze(texts)
    digit_free = [t for t, d in zip(texts, detector._has_digit(texts), strict=True) if not d]
    assert len(digit_free) > 200
    assert any(detector.analyze(digit_free))  # names are still found in them


def test_digits_of_any_script_count_and_a_custom_mrn_pattern_is_never_skipped(vocabulary: Vocabulary,
                                                                               detector: TextDetector) -> None:
    assert detector._has_digit([arabic("07700"), wide("943"), "no digit", "7"]) == [True, True, False, True]
    assert "MRN" not in detector._digit_free and "PERSON" in detector._digit_free
    config = DetectorConfig(vocabulary=vocabulary, mrn_patterns=(r"\bPAT-[A-Z]{5}\b",))
    custom = TextDetector(config)
    assert "MRN" in custom._digit_free
    texts = ["hospital no PAT-ABCDE for Mr Jones", "MRN PAT-QWERT, seen by Dr Okafor"]
    assert custom.analyze(texts) == TextDetector(config, prefilter=False).analyze(texts)
