"""The town that closes a home's address stays readable: "Deliver to 12 Moor Lane, Sowerby Bridge" becomes
"Deliver to <ADDRESS>, Sowerby Bridge".

A town is where thousands live, coarser than the postcode's district, and a migration's notes need it (which depot
delivers, which community team visits). The house number, the street, a house's name and the postcode are the
home; they stay redacted. The town is kept only where it is one the shipped lists know as a place (the area codes'
towns of towns.py and GeoNames' places of Britain and Ireland of 1,000 people or more, data/places.txt), so that
the words after a street that no list knows as a place ("12 Acacia Ave, John Smith said") are still the address,
failing closed. A place that is a first name too ("Harlow", "Ashley") is the town there: a person named after the
street is named in full.
"""

from __future__ import annotations

import re
from functools import lru_cache

from intake.anonymisation.findings import Finding
from intake.anonymisation.operators import REDACTED
from intake.anonymisation.vocabulary import Vocabulary, fold, shipped_terms, town_keys


@lru_cache(maxsize=1)
def place_keys() -> frozenset[str]:
    """Every place the shipped lists know, folded: towns.py's and data/places.txt's."""
    return town_keys() | frozenset(shipped_terms("places.txt"))


# What stands between a street and its town: a comma, or the next line of a form's address block.
_SEPARATOR = r"[ \t]*,[ \t]*(?:\r?\n[ \t]*)?|[ \t]*\r?\n[ \t]*"
_WORD = r"[^\W\d_][\w'\u2019-]*"
# The town closing an address finding: one to three words ("Hebden Bridge", "Newton le Willows"), then only what
# closes a sentence.
_TAIL = re.compile(rf"(?:{_SEPARATOR})(?P<town>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t.,]*$")
# ... and after one, when the town is a finding of its own.
_BETWEEN = re.compile(_SEPARATOR)
_WORDS = re.compile(rf"(?P<w1>{_WORD})(?:[ \t]+(?P<w2>{_WORD}))?(?:[ \t]+(?P<w3>{_WORD}))?")


def _a_town(words: str, vocabulary: Vocabulary) -> bool:
    """A place of the shipped lists, or one of the dataset's own reference values (a site's town)."""
    key = fold(words)
    return key in place_keys() or key in vocabulary.allow_phrases


def _trimmed(text: str, finding: Finding, vocabulary: Vocabulary) -> Finding:
    m = _TAIL.search(text, finding.start, finding.end)
    if m is None or m.start() == finding.start or not _a_town(m.group("town"), vocabulary):
        return finding
    end = len(text[:m.start()].rstrip(" \t,\r\n"))
    return Finding(finding.entity_type, finding.start, end, finding.score, finding.recognizer) \
        if end > finding.start else finding


def _town_after(text: str, address: Finding, vocabulary: Vocabulary) -> tuple[int, int] | None:
    between = _BETWEEN.match(text, address.end)
    words = _WORDS.match(text, between.end()) if between is not None else None
    if words is None:
        return None
    for group in ("w3", "w2", "w1"):  # the longest place: "Hebden Bridge" before "Hebden"
        if words.group(group) is not None and _a_town(text[words.start():words.end(group)], vocabulary):
            return words.start(), words.end(group)
    return None


# What the redact operator writes for an address: its output is checked again (rewrite.py), where the town after it
# must read as it did beside the address.
_REDACTED = re.compile(re.escape(REDACTED))


def keep_towns(text: str, findings: list[Finding], vocabulary: Vocabulary) -> list[Finding]:
    """The addresses without the town that closes them; no other finding inside that town (a name detector's
    "Sowerby" or a model's "Sowerby Bridge"); and no name that is a place of several words whole, wherever it
    stands ("moved to Hebden Bridge"), but for those that are a given name and a surname too ("Stanton Drew")."""
    out = [_trimmed(text, f, vocabulary) if f.entity_type == "ADDRESS" else f for f in findings]
    homes = [f for f in out if f.entity_type == "ADDRESS"]
    if REDACTED in text:
        homes += [Finding("ADDRESS", m.start(), m.end(), 1.0, "") for m in _REDACTED.finditer(text)]
    towns = [t for f in homes if (t := _town_after(text, f, vocabulary)) is not None]
    return [f for f in out if f.entity_type == "ADDRESS" or not (
        any(start <= f.start and f.end <= end for start, end in towns)
        or (f.entity_type == "PERSON" and _in_a_named_place(text, f, vocabulary)))]


_WORDS_BEFORE = re.compile(rf"(?:(?P<w2>{_WORD})[ \t]+)?(?P<w1>{_WORD})[ \t]+$")


def _in_a_named_place(text: str, f: Finding, vocabulary: Vocabulary) -> bool:
    """The finding is inside a place of several words: whole ("Sowerby Bridge"), or with the words around it
    ("brierley" of "brierley hill health centre")."""
    before = _WORDS_BEFORE.search(text, max(0, f.start - 40), f.start)
    after = _WORDS.match(text, f.end + 1) if text[f.end:f.end + 1] in (" ", "\t") else None
    starts = [f.start] + ([before.start(g) for g in ("w1", "w2") if before.group(g) is not None] if before else [])
    ends = [f.end] + ([after.end(g) for g in ("w1", "w2") if after.group(g) is not None] if after else [])
    return any(_a_named_place(text[s:e], vocabulary) for s in starts for e in ends)


def _a_named_place(span: str, vocabulary: Vocabulary) -> bool:
    words = fold(span).split()
    return len(words) > 1 and " ".join(words) in place_keys() and not (
        words[0] in vocabulary.first_names and words[-1] in vocabulary.last_names)


_PARTS = re.compile(r"[ \t]*(?:,|\r?\n)[ \t]*")


def home_without_towns(value: str, vocabulary: Vocabulary) -> list[str]:
    """A whole address a personal column holds, as what of it is the home: the runs of its lines or comma parts
    between the towns ("12 Moor Lane\\nKeighley\\nBD21 1AB": "12 Moor Lane", "BD21 1AB"); the value whole where
    it names no town."""
    pieces, pos = [], 0
    for sep in _PARTS.finditer(value):
        pieces.append((pos, sep.start()))
        pos = sep.end()
    pieces.append((pos, len(value)))
    runs: list[str] = []
    start: int | None = None
    end = 0
    for a, b in pieces:
        if _a_town(value[a:b], vocabulary):
            if start is not None:
                runs.append(value[start:end])
            start = None
        elif value[a:b].strip():
            start, end = (a if start is None else start), b
    if start is not None:
        runs.append(value[start:end])
    return runs
