"""Initials in the dataset's person fields ("JK", "(dp)"): who signs so, and which of those marks are caught
wherever a note writes them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from intake.anonymisation.name_cues import WORD_MARK
from intake.anonymisation.nergate import english_frequencies
from intake.anonymisation.vocabulary import Vocabulary, fold

_MARK = re.compile(r"[/(\[]?\s*([A-Z]{2,3}|[a-z]{2,3}|(?:[A-Z]\.){1,2}[A-Z]|(?:[a-z]\.){1,2}[a-z])\s*[.)\]]?")
# What a person field holds in two or three letters that is nobody's mark: a placeholder, or a word that ends a
# sentence as often as not ("plugged in", "switched on").
# The placeholders among them are somebody's initials as often ("NA": Nasra Aden), where the dataset says so
# (proven_marks).
_PLACEHOLDER_MARKS = frozenset({"na", "nk", "unk", "nil", "tbc", "tba", "tbd"})
_NO_MARK = _PLACEHOLDER_MARKS | {"in", "on", "up", "out", "off", "it", "so", "ok", "no", "go", "do", "be", "we", "yes",
                                 "now", "too", "one", "two", "and"}


def _whole_marks(person_values: Iterable[str]) -> Iterator[str]:
    """The two or three letters a person field's cell holds whole ("JK", "SK.", "/AM", "(dp)", "G.P."), undotted."""
    for value in person_values:
        m = _MARK.fullmatch(value.strip()) if value else None
        if m is not None:
            yield m.group(1).replace(".", "")


def _spelt(words: list[str]) -> set[str]:
    """The initials a name of two or three fold()ed words is signed with: first and last, and all of them."""
    return {words[0][0] + words[-1][0], "".join(w[0] for w in words)}


def person_marks(person_values: Iterable[str], vocabulary: Vocabulary) -> set[str]:
    """Initials a person field holds as written ("JK", "SK.", "/AM", "(dp)"), in capitals or in lower case: the
    dataset says that someone signs so. Not a title, a team or a role, nor a placeholder."""
    from intake.anonymisation.initials import ROLE_ABBREVIATIONS

    out = set()
    for mark in _whole_marks(person_values):
        key = mark.lower()
        if key not in _NO_MARK and key not in ROLE_ABBREVIATIONS and key not in vocabulary.titles:
            out.add(mark)
    return out


def proven_marks(person_values: Iterable[str], names: Iterable[str], vocabulary: Vocabulary) -> set[str]:
    """The fold()ed initials a person field holds whole though they spell a placeholder or a role's or team's
    abbreviation ("NA", "G.P.", "FM"), where one of the dataset's people has those initials ("Nasra Aden", "Gareth
    Parry", "McAllister, Fraser"): in a field of who did the work they are that person's mark. Not a title or a
    word ("Dr", "in")."""
    from intake.anonymisation.initials import ROLE_ABBREVIATIONS

    held = {key for mark in _whole_marks(person_values)
            if (key := mark.lower()) in _PLACEHOLDER_MARKS or key in ROLE_ABBREVIATIONS}
    if not held:
        return set()
    spelt = set()
    for name in names:
        words = [w for w in fold(name).split() if w.isalpha() and w not in vocabulary.titles]
        if 2 <= len(words) <= 3:  # either order: person fields write "PARRY, Gareth" and "Aden Nasra" alike
            spelt |= _spelt(words) | {words[-1][0] + words[0][0]}
    return held & spelt


def signing_marks(marks: Iterable[str], vocabulary: Vocabulary) -> set[str]:
    """The person fields' marks (`person_marks`) that are caught wherever a note writes them: a note signed so
    anywhere in the dataset is theirs. In capitals, and never two or three letters the notes write for something
    else (an abbreviation, a word, a term of the vocabulary): "AM", "OK", "ICU" stay readable there."""
    from intake.anonymisation.initials import END_ABBREVIATIONS, NOTE_ABBREVIATIONS

    everyday = english_frequencies()
    out = set()
    for mark in marks:
        key = mark.lower()
        if not mark.isupper() or key in everyday or key in NOTE_ABBREVIATIONS or key in END_ABBREVIATIONS \
                or key in vocabulary.allow_tokens or key in vocabulary.indicators or key in vocabulary.common_words:
            continue
        out.add(mark)
    return out


def engineer_marks(names: Iterable[str], vocabulary: Vocabulary) -> set[str]:
    """The initials of the engineers the dataset names in full ("Oluwaseun Ogunbiyi": "oo", "Anna M. Grey": "ag",
    "amg"), fold()ed: engineers sign their work so where an entry ends ("Faraday cage checked. ag."). Not a
    two- or three-letter word, abbreviation, title or team the notes write there ("ok", "nff", "ICU")."""
    from intake.anonymisation.initials import END_ABBREVIATIONS, NOTE_ABBREVIATIONS, ROLE_ABBREVIATIONS

    everyday = english_frequencies()
    out = set()
    for name in names:
        words = [w for w in fold(name).split() if w not in vocabulary.titles]
        if len(words) < 2 or not all(w.isalpha() for w in words) or len(words) > 3:
            continue
        for mark in _spelt(words):
            if everyday.get(mark, 0) < WORD_MARK and mark not in _NO_MARK and mark not in ROLE_ABBREVIATIONS \
                    and mark not in NOTE_ABBREVIATIONS and mark not in END_ABBREVIATIONS \
                    and mark not in vocabulary.titles and mark not in vocabulary.allow_tokens:
                out.add(mark)
    return out


def entry_marks(found: Iterable[str], vocabulary: Vocabulary) -> set[str]:
    """The fold()ed marks the rules found signing a note ("Sent by: TA", "fitted new battery JB"), as a person
    field's marks are (`person_marks`): where another entry ends or opens they are that person's too, even those
    that spell a word ("no note with it - ta"). Not a term the dataset's reference fields or a reviewer allow, nor
    three letters that open a maker's or a model's name: notes shorten those so ("back from Oly", "sent to Oly")."""
    brands = {t[:3] for t in vocabulary.allow_tokens if len(t) > 4 and t.isalpha()}
    return {key for m in person_marks(found, vocabulary)
            if not vocabulary.is_allowed_term(m) and (key := fold(m)) not in brands}


def everyday_marks(marks: Iterable[str]) -> set[str]:
    """The fold()ed marks that English uses as words often (name_cues.WORD_MARK): where a clause ends inside a sentence
    ("sent to / from") those are the word. A placeholder is none ("na" counts as a word for the foreign phrases
    books quote)."""
    everyday = english_frequencies()
    return {m for m in marks if everyday.get(m, 0) >= WORD_MARK and m not in _PLACEHOLDER_MARKS}
