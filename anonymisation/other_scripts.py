"""Words written in a script other than Latin: people's names, as far as a UK equipment export goes.

A patient's, relative's or colleague's name is sometimes typed in its own script ("spoke to Иван Петров",
"Γιώργος rang", "王伟 reported the fault"). No English model, name list or dictionary reads those words, so
nothing else would find them, while equipment, places, units and codes are written in Latin letters. A run of
such words is therefore taken for a name; Greek needs three letters, because single Greek letters are units and
symbols ("10 μA", "Ω", "ΔP"). A whole sentence in another script is redacted with the names in it: a note in
Russian or Chinese cannot be told apart from a name by these rules, and redacting it is the safe side.
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding

# Letters of the scripts named below, as code-point ranges (Python's re has no \p{Script}; RE2's candidate
# filter uses the same ranges).
_RANGES = (
    ("0370", "03FF"), ("1F00", "1FFF"),  # Greek
    ("0400", "052F"), ("1C80", "1C8F"), ("2DE0", "2DFF"), ("A640", "A69F"),  # Cyrillic
    ("0530", "058F"),  # Armenian
    ("0590", "05FF"),  # Hebrew
    ("0600", "06FF"), ("0750", "077F"), ("08A0", "08FF"), ("FB50", "FDFF"), ("FE70", "FEFF"),  # Arabic
    ("0900", "0DFF"),  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala
    ("0E00", "0EFF"),  # Thai, Lao
    ("10A0", "10FF"),  # Georgian
    ("1100", "11FF"), ("3130", "318F"), ("AC00", "D7AF"),  # Hangul
    ("3040", "30FF"), ("3400", "4DBF"), ("4E00", "9FFF"), ("F900", "FAFF"),  # Kana, CJK ideographs
)
_CLASS = "".join(f"\\u{a}-\\u{b}" for a, b in _RANGES)
# The same class for RE2 (pyarrow's regex functions), which spells code points \x{...}.
RE2_CLASS = "".join(f"\\x{{{a}}}-\\x{{{b}}}" for a, b in _RANGES)

_LETTER = f"[{_CLASS}]"
_WORD = f"(?:{_LETTER}+(?:['\u2019\\-]{_LETTER}+)*)"
# Words joined by spaces or a middle dot; bounded by no other letter or digit, so "ΔP" and "μA" are not words here.
_RUN_RE = re.compile(rf"(?<!\w){_WORD}(?:[ \u00b7\u30fb]{_WORD})*(?!\w)")
_GREEK = re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]")
MIN_LETTERS = 2
MIN_GREEK_LETTERS = 3
SCORE = 0.85
RECOGNIZER = "OtherScriptNameRecognizer"


def _letters(span: str) -> int:
    return sum(1 for c in span if c.isalpha())


def find_other_script_names(text: str) -> list[Finding]:
    """A finding per run of words in a non-Latin script, long enough not to be a symbol."""
    if text.isascii():
        return []
    out = []
    for m in _RUN_RE.finditer(text):
        span = m.group(0)
        need = MIN_GREEK_LETTERS if _GREEK.search(span) else MIN_LETTERS
        if _letters(span) >= need:
            out.append(Finding("PERSON", m.start(), m.end(), SCORE, RECOGNIZER))
    return out
