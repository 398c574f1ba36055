"""Staff initials where they sign a note: "replaced, tested OK /SM", "CHECKED BY LB", "done by JMcK".

Within a hospital a pair of initials names one member of staff as surely as the name does, and logs are signed
that way. Two places say a short capitalised token is initials rather than an abbreviation: after a slash that
ends an entry (the writer's mark), and after "by" following what somebody did ("checked by", "signed off by").
The token has two to five letters, at least two of them capitals ("SM", "DMcK", "DabO"), and is no word the
vocabulary knows (a maker, a ward, a device) nor one of the abbreviations notes use in those places ("/NFF",
"by ICU", "by GE").
"""

from __future__ import annotations

import re
from collections.abc import Container

from intake.anonymisation.findings import Finding
from intake.anonymisation.vocabulary import Vocabulary, fold

_MARK = r"[A-Z][A-Za-z]{1,4}"
# After whitespace (or at the start), a slash and the initials, then the end of the entry.
_SLASHED = re.compile(rf"(?:(?<=\s)|^)/({_MARK})(?=[ \t]*(?:$|\n|[.,;)]))", re.MULTILINE)
_BY = re.compile(
    r"(?i:\b(?:checked|tested|signed(?: off)?|done|seen|completed|verified|authori[sz]ed|approved|logged|raised|"
    r"inspected|serviced|repaired|fitted|calibrated|reviewed|witnessed|entered|updated|closed|booked(?: in)?)"
    rf"\s+by:?\s+)({_MARK})\b(?![-/.]\w)")
NOTE_ABBREVIATIONS = frozenset({
    "ok", "na", "nff", "ber", "ppm", "esd", "est", "qa", "qc", "sw", "hw", "it", "ict", "pt", "pts", "rx", "tx",
    "ed", "ae", "ane", "icu", "itu", "hdu", "amu", "ccu", "nicu", "scbu", "or", "ot", "ebme", "bme", "mes", "mdso",
    "fm", "gp", "ooh", "tbc", "tba", "eta", "asap", "fyi", "nb", "ps", "re", "ref", "po", "wo", "cm", "pm", "am",
    "uk", "nhs", "hse", "ce", "ul", "iec", "bs", "en", "iso", "usb", "pc", "os", "ip", "ups", "ac", "dc", "ecg",
    "ekg", "eeg", "bp", "nibp", "spo", "co", "ph", "us", "mri", "ct", "xr", "iv", "id", "sn", "pn", "hr", "hrs",
    "min", "mins", "sec", "secs", "day", "wk", "mth", "yr", "kg", "ml", "mmhg", "kpa", "lpm",
})
SCORE = 0.7
RECOGNIZER = "InitialsRecognizer"


_NEXT_WORD = re.compile(r"[ \t]*[A-Za-z]")


def _initials(text: str, m: re.Match[str], vocabulary: Vocabulary, english: Container[str]) -> bool:
    token = m.group(1)
    key = fold(token)
    if sum(c.isupper() for c in token) < 2 or key in NOTE_ABBREVIATIONS or key in vocabulary.allow_tokens \
            or key in vocabulary.indicators:
        return False
    # "CHECKED BY AN 25/04" is initials, "CHECKED BY AN ENGINEER" English in capitals: a word follows.
    everyday = key in vocabulary.common_words or key in english
    return not everyday or not _NEXT_WORD.match(text, m.end(1))


def find_initials(text: str, vocabulary: Vocabulary, english: Container[str]) -> list[Finding]:
    """`english`: the everyday English words (nergate.english_frequencies)."""
    if "/" not in text and "by" not in text.lower():
        return []
    out = [Finding("PERSON", m.start(1), m.end(1), SCORE, RECOGNIZER)
           for pattern in (_SLASHED, _BY) for m in pattern.finditer(text) if _initials(text, m, vocabulary, english)]
    return sorted(out, key=lambda f: f.start)
