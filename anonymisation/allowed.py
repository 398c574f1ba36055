"""A guessed name inside an allowed phrase is part of that phrase: "Royal Sussex" in "sent from Royal Sussex
County Hospital", "Garrett Ward" in "Elizabeth Garrett Ward".

The detectors decide word by word, and a hospital or ward named after a person or a place reads like a name. The
dataset's own reference values (its sites, wards, makers and models: dataset_terms) and the shipped vocabulary
say otherwise for the whole phrase. A guessed finding (a name, place or organisation: never an identifier
recognisable from its shape, never a known person of the dataset's deny-list) lying entirely inside an
occurrence of an allowed phrase is dropped. The anonymiser, its self-check and the re-scan all apply it, so they
agree on what stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from intake.anonymisation.findings import Finding
from intake.anonymisation.name_tokens import tokenize
from intake.anonymisation.vocabulary import Vocabulary

GUESSED = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP", "ADDRESS"})
MAX_PHRASE_WORDS = 8
KNOWN = "DenyListRecognizer"  # a person the dataset names: never excused by a phrase


def allowed_spans(text: str, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """Where an allowed phrase of two or more words stands in the text (start, end)."""
    if not vocabulary.allow_phrases:
        return []
    words = tokenize(text)
    spans = []
    for i in range(len(words)):
        for j in range(min(len(words), i + MAX_PHRASE_WORDS), i + 1, -1):
            if " ".join(w.key for w in words[i:j]) in vocabulary.allow_phrases:
                spans.append((words[i].start, words[j - 1].end))
                break
    return spans


def without_allowed(text: str, findings: Iterable[Finding], vocabulary: Vocabulary) -> tuple[Finding, ...]:
    """The findings but the guessed ones lying entirely inside an allowed phrase."""
    findings = tuple(findings)
    if not any(f.entity_type in GUESSED and f.recognizer != KNOWN for f in findings):
        return findings
    spans = allowed_spans(text, vocabulary)
    if not spans:
        return findings
    return tuple(
        f for f in findings
        if f.entity_type not in GUESSED or f.recognizer == KNOWN
        or not any(start <= f.start and f.end <= end for start, end in spans)
    )
