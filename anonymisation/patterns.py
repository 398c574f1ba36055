"""Pattern and rule detection without NER: cheap enough to run over every cell of every column.

Used for columns classified as not personal (to catch a phone number or a name typed into the wrong column),
and by the re-scan of anonymised output. Only findings at or above the threshold count, so that plain
10-digit serial numbers or dates are not taken for NHS numbers or dates of birth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.anonymisation.deny_list import DenyList
from intake.anonymisation.findings import Finding, detection_text, resolve_overlaps
from intake.anonymisation.name_growth import settle
from intake.anonymisation.names import shared_name_rules
from intake.anonymisation.other_scripts import RE2_CLASS
from intake.anonymisation.recognizer_registry import Detector, pattern_detectors
from intake.anonymisation.structured import as_strings, candidate_mask, full_match_mask
from intake.anonymisation.vocabulary import Vocabulary, fold

# Entities looked for in every cell. Postcodes and street addresses are left out on purpose: in
# equipment data they are mostly sites' and suppliers' addresses, which are not personal data.
STRAY_ENTITIES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "UK_NHS", "UK_NINO", "CREDIT_CARD", "PERSON", "DATE_OF_BIRTH",
                  "MRN", "STAFF_ID", "UK_VEHICLE_REGISTRATION", "NATIONAL_ID")
_CARD_RE = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def find_credit_cards(text: str) -> list[Finding]:
    out = []
    for m in _CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 13 <= len(digits) <= 19 and digits[0] in "3456" and _luhn(digits):
            out.append(Finding("CREDIT_CARD", m.start(), m.end(), 0.6, "CreditCardRecognizer"))
    return out


# Entity types whose values are recognisable from the cell alone: a cell of an identifier column that still
# is one (an NHS number in an NHS number column, even stored as a number) is personal data left behind, even
# where the pattern scan alone would call a bare ten-digit number too weak to count.
WHOLE_CELL_ENTITIES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "UK_NHS", "UK_NINO", "UK_POSTCODE", "CREDIT_CARD",
                       "IP_ADDRESS")


def whole_cell_findings(array: pa.Array, entity: str | None) -> dict[str, tuple[Finding, ...]]:
    """Distinct cells that are, whole, a value of the identifier column's entity type."""
    if entity not in WHOLE_CELL_ENTITIES:
        return {}
    strings = as_strings(array)
    hits = pc.unique(pc.filter(strings, full_match_mask(strings, entity))).to_pylist()
    out: dict[str, tuple[Finding, ...]] = {}
    for value in hits:
        lead = len(value) - len(value.lstrip())
        out[value] = (Finding(entity, lead, lead + len(value.strip()), 1.0, "IdentifierColumn"),)
    return out


CACHE_SIZE = 200_000


@lru_cache(maxsize=4)
def shared_scanner(
    vocabulary: Vocabulary, mrn_patterns: tuple[str, ...] = (), threshold: float = 0.6
) -> PatternScanner:
    """One scanner per configuration in this process: the anonymiser checks its output with it, and the re-scan
    of that output then finds its answers in the same cache instead of scanning every value twice."""
    return PatternScanner(vocabulary, mrn_patterns, threshold)


def deny_candidate_pattern(words: Iterable[str], values: Iterable[str] = (), numbers: bool = False) -> str | None:
    """RE2 pattern matching a cell that may hold a deny-listed name: one of its words in any case, or a letter
    with an accent or in another script (the detector folds accents: "Zébédée" is "zebedee", "Γιώργος" "γιωργος");
    or one of the dataset's known personal values, as written; with `numbers`, any number of five digits and more
    (the dataset's identifier schemes)."""
    values = list(values)
    # A known value with digits has five of them at least, a separator apart at most ("40-118-273"): one alternative
    # for all, however many there are; the words of the others join the names' words.
    numbered = numbers or any(any(c.isdigit() for c in v) for v in values)
    words = {*words, *(w for v in values if not any(c.isdigit() for c in v) for w in fold(v).split() if len(w) > 1)}
    ordered = sorted(words, key=lambda w: (-len(w), w))
    if not ordered and not numbered:
        return None
    parts = [rf"\b(?:{'|'.join(re.escape(w) for w in ordered)})\b"] if ordered else []
    if numbered:
        parts.append(r"[0-9](?:[ /-]?[0-9]){4}")
    return rf"(?i){'|'.join(parts)}|[\x{{00C0}}-\x{{024F}}{RE2_CLASS}]"


class PatternScanner:
    """All non-NER detectors; findings at or above `threshold` only."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        mrn_patterns: Sequence[str] = (),
        threshold: float = 0.6,
        entities: Sequence[str] = STRAY_ENTITIES,
    ) -> None:
        self.threshold = threshold
        self.entities = tuple(entities)
        self.rules = shared_name_rules(vocabulary)
        self.deny = DenyList(vocabulary)
        detectors = pattern_detectors(mrn_patterns, vocabulary)
        detectors["CREDIT_CARD"] = [find_credit_cards]
        self._detectors: list[Detector] = [d for e in self.entities if e != "PERSON" for d in detectors.get(e, [])]
        self._cache: dict[str, tuple[Finding, ...]] = {}
        self._deny_candidate = deny_candidate_pattern(vocabulary.deny_words, (v for v, _ in vocabulary.deny_values),
                                                      bool(vocabulary.id_schemes))

    def find(self, text: str) -> tuple[Finding, ...]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        found: list[Finding] = []
        steady = detection_text(text)  # a digest of letters only would read as a word
        for detector in self._detectors:
            found.extend(detector(steady))
        if "PERSON" in self.entities:
            found.extend(self.rules.find(steady))
        # Known staff are looked for whatever entity types the caller wants: their names are always caught.
        found.extend(self.deny.find(steady))
        settled = resolve_overlaps(settle(steady, found, self.rules), steady)
        result = tuple(f for f in settled if f.score >= self.threshold)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()  # a long-lived worker moves on to other data: start afresh
        self._cache[text] = result
        return result

    def scan_array(self, array: pa.Array) -> dict[str, tuple[Finding, ...]]:
        """Distinct values of the column that hold findings -> their findings (only candidates are looked at)."""
        strings = as_strings(array)
        mask = candidate_mask(strings, self.entities)
        if self._deny_candidate is not None:
            # The PERSON filter wants capitals; a known name is caught in any case ("zebedee quillfeather").
            deny = pc.fill_null(pc.match_substring_regex(strings, self._deny_candidate), False)
            mask = pc.or_(mask, deny)
        idx = np.flatnonzero(mask.to_numpy(zero_copy_only=False))
        if not idx.size:
            return {}
        candidates = pc.unique(pc.take(strings, pa.array(idx))).to_pylist()
        return self.scan_values(v for v in candidates if v)

    def scan_values(self, values: Iterable[str]) -> dict[str, tuple[Finding, ...]]:
        out = {}
        for value in values:
            found = self.find(value)
            if found:
                out[value] = found
        return out
