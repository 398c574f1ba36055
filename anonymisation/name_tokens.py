"""Words as the name rules read them: each token's text, span and shape worked out once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from intake.anonymisation.vocabulary import fold

# Codes with digits ("LU0", "MX450", "2BP") are one token, never part of a name.
_TOKEN_RE = re.compile(r"[^\W_]*\d[^\W_]*|[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*\.?|[^\w\s]")


class Token(NamedTuple):  # a tuple: built millions of times, faster than a frozen dataclass
    text: str  # without a trailing full stop
    start: int
    end: int
    dot: bool
    # Worked out once here: the rules ask about every token several times, once per text per detector.
    key: str  # fold()ed
    is_word: bool  # starts with a letter, no digit
    is_initial: bool  # one capital letter
    is_capitalised: bool  # a word of two or more letters with a capital first
    is_upper: bool  # two or more characters, all capitals


def _word_key(word: str) -> str:
    return word.lower() if word.isascii() and word.isalpha() else fold(word)


_WordShape = tuple[str, bool, bool, bool, bool]  # key, is_word, is_initial, is_capitalised, is_upper
_SHAPES: dict[str, _WordShape] = {}
_SHAPES_SIZE = 30_000  # distinct words, about 8 MB: the common ones come back at once after a clear


def _shape(word: str) -> _WordShape:
    is_word = word.isalpha() or (word[:1].isalpha() and not any(c.isdigit() for c in word))
    longer = len(word) > 1
    return (_word_key(word), is_word, not longer and word.isupper(), longer and is_word and word[0].isupper(),
            longer and word.isupper())


def tokenize(text: str) -> list[Token]:
    # A word's shape is worked out once: the same few thousand words make up most of the texts.
    out = []
    shapes = _SHAPES
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        dot = len(word) > 1 and word.endswith(".")
        if dot:
            word = word[:-1]
        shape = shapes.get(word)
        if shape is None:
            if len(shapes) >= _SHAPES_SIZE:
                shapes.clear()
            shape = shapes[word] = _shape(word)
        start = m.start()
        out.append(Token(word, start, start + len(word), dot, *shape))
    return out


def phone_at(toks: Sequence[Token], j: int) -> bool:
    """A number starts at toks[j], as phone numbers are typed: "07700 900123", "+44 7700 900123", "(01274) 496123"."""
    if j >= len(toks):
        return False
    text = toks[j].text
    return text[:1].isdigit() or (text in ("+", "(") and j + 1 < len(toks) and toks[j + 1].text[:1].isdigit())


def phrase_key(words: Sequence[Token]) -> str:
    """The words as an allowed phrase is kept (fold()ed): an ampersand between them is no part of it ("Mary Seacole
    Sleep & Ventilation Unit" is "mary seacole sleep ventilation unit"). Any other mark still parts the words: a
    phrase matched across commas and bars allowed names in fresh18 (stop 54)."""
    return " ".join(w.key for w in words if w.key or w.text != "&")
