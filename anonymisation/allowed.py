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

from collections.abc import Iterable, Sequence

from intake.anonymisation.findings import Finding
from intake.anonymisation.labelled_things import thing_spans
from intake.anonymisation.name_cues import TITLE_HEADS
from intake.anonymisation.name_tokens import Token, phrase_key, tokenize
from intake.anonymisation.nergate import english_frequencies
from intake.anonymisation.vocabulary import Vocabulary

GUESSED = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP", "ADDRESS"})
MAX_PHRASE_WORDS = 8
KNOWN = "DenyListRecognizer"  # a person the dataset names: never excused by a phrase
_WORD_OVER_NAME = 1_000


def allowed_spans(text: str, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """Where an allowed phrase of two or more words stands in the text (start, end), a job's title
    (job_title_spans) and a labelled thing's name (labelled_things)."""
    words = tokenize(text)
    spans = [*job_title_spans(text, words, vocabulary), *thing_spans(text, words, vocabulary)]
    if not vocabulary.allow_phrases:
        return spans
    for i in range(len(words)):
        for j in range(min(len(words), i + MAX_PHRASE_WORDS), i + 1, -1):
            if words[i].key and words[j - 1].key and phrase_key(words[i:j]) in vocabulary.allow_phrases:
                spans.append((words[i].start, words[j - 1].end))
                break
    return spans


def job_title_spans(text: str, words: Sequence[Token], vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """A job's title of two to four words written alike, a head word closing it ("Obstetric Registrar", "Maternity
    Support Worker", "Infant Feeding Lead", "neonatal nurse"), no word of it a name the lists know: no shipped list
    holds every service's titles, and their words are capitalised as names are. "Sarah Nurse" is a person."""
    spans = []
    for j, head in enumerate(words):
        if head.key not in TITLE_HEADS or j == 0:
            continue
        i = j
        # the title's words side by side on one line: "Rose\nAnaesthetic Practitioner" signs a letter, name above title
        while i > 0 and j - i < 3 and _qualifier(words[i - 1], head, vocabulary) \
                and not text[words[i - 1].end:words[i].start].strip(" \t"):
            i -= 1
        if i < j:
            spans.append((words[i].start, head.end))
    return spans


def _qualifier(tok: Token, head: Token, vocabulary: Vocabulary) -> bool:
    same_case = (tok.is_upper == head.is_upper) and (tok.is_capitalised == head.is_capitalised) \
        and (tok.text.islower() == head.text.islower())
    if not (tok.is_word and len(tok.text) > 2 and same_case and not tok.dot) or tok.key in vocabulary.titles \
            or tok.key in TITLE_HEADS:
        return False
    # a name-list word that English uses far more as a word is the title's ("Infant Feeding Lead")
    return not (tok.key in vocabulary.first_names or tok.key in vocabulary.last_names) \
        or english_frequencies().get(tok.key, 0) >= _WORD_OVER_NAME


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
