"""Staff initials where they sign a note: "replaced, tested OK /SM", "CHECKED BY LB", "[JB] cleaned", "done by JMcK".

Within a hospital a pair of initials names one member of staff as surely as the name does, and logs are signed
that way. Where a short capitalised token stands says it is initials rather than an abbreviation: where an entry
ends (after a slash, a dash or the last sentence), where it opens (before a colon, in brackets, before the date,
after a label such as "Engineer:"), after what somebody did ("checked by", "replaced battery (JB)"). The token has
two to five letters, at least two of them capitals ("SM", "DMcK", "DabO", "SO'H"), and is no word the vocabulary
knows (a maker, a ward, a device) nor one of the abbreviations notes write in that place ("/NFF", "NB:", "by ICU").
"""

from __future__ import annotations

import re
from collections.abc import Container

from intake.anonymisation.findings import Finding
from intake.anonymisation.vocabulary import Vocabulary, fold

# Letters of any alphabet ("JÓG", "DabO"), one apostrophe inside for an O' surname ("SO'H").
_MARK = r"(?:[^\W\d_]{1,3}['\u2019][^\W\d_]{1,3}|[^\W\d_]{2,5})"
_END = r"(?=[ \t]*(?:$|\n|\|))"  # a line's end, or a bar between joined fields
_DATE = r"\d{1,2}[/.-]\d{1,2}"
# The writer's mark where it ends an entry: after a slash ("tested OK /SM"), alone after the last sentence
# ("repaired. MNF"), after a dash ("tested OK - JB", "-MK").
_END_MARKS = (
    re.compile(rf"(?:(?<=\s)|^)/({_MARK})(?=[ \t]*(?:$|\n|[.,;)|]))", re.MULTILINE),
    re.compile(rf"(?<=[.!;] )({_MARK}){_END}", re.MULTILINE),
    re.compile(rf"(?:(?<=\s)|^)[-\u2013\u2014] ?({_MARK}){_END}", re.MULTILINE),
)
# Where it opens an entry: before a colon or a dash ("[phone] CR: parts ordered", "15/01 RG: ...", "12/03/21 JB -
# replaced"), in brackets ("[JB] cleaned"), before the date ("JB 12/03/21: replaced"); after a label ("Engineer:
# MÓC", "signed JB"). Abbreviations stand there too.
_OPEN_MARKS = (
    re.compile(rf"(?:^|(?<=\] )|(?<=\d ))({_MARK})(?::| [-\u2013])(?= )", re.MULTILINE),
    re.compile(rf"(?:^|(?<=\d ))\[({_MARK})\]", re.MULTILINE),
    re.compile(rf"^({_MARK})(?= {_DATE})", re.MULTILINE),
    re.compile(rf"(?i:\b(?:eng|engineer|tech|technician|initials|signed|sig))\.?:? ({_MARK})(?![\w'\u2019-])"),
)
# In brackets or after a comma closing an entry, only after what somebody did ("replaced battery (JB)", "cleaned
# with Tristel, AA; missing charger"): "pump alarming (OCC)" is the alarm's code.
_DONE = re.compile(r"(?i)\b(?:\w+ed|done|ok|checked|pass(?:ed)?|fitted|returned|swapped)\b")
_AFTER_DONE = (
    re.compile(rf"\(({_MARK})\){_END}", re.MULTILINE),
    re.compile(rf"(?<=, )({_MARK})(?=[ \t]*(?:$|\n|\||;))", re.MULTILINE),
)
_BY = re.compile(
    r"(?i:\b(?:checked|tested|signed(?: off)?|done|seen|completed|verified|authori[sz]ed|approved|logged|raised|"
    r"inspected|serviced|repaired|fitted|calibrated|reviewed|witnessed|entered|updated|closed|booked(?: in)?)"
    rf"\s+by:?\s+)({_MARK})\b(?![-/.]\w)")
# Teams and places that check things too ("checked by EBME", "by ICU"): never initials.
TEAMS = frozenset({
    "ebme", "bme", "mes", "mdso", "it", "ict", "icu", "itu", "hdu", "amu", "ccu", "nicu", "scbu", "ed", "ae", "ane",
    "or", "ot", "qa", "qc", "fm", "gp", "ooh", "nhs", "hse", "ce", "ul", "iec", "iso", "en", "pals", "ipc", "hsdu",
})
# What else notes write in capitals where a mark could stand ("/NFF", "NB:", "rate /HR", "ETA:").
NOTE_ABBREVIATIONS = TEAMS | frozenset({
    "ok", "na", "nff", "ber", "ppm", "esd", "est", "tbc", "tba", "eta", "asap", "fyi", "nb", "ps", "re", "ref",
    "po", "wo", "cm", "pm", "am", "uk", "bs", "usb", "pc", "os", "ip", "ups", "ac", "dc", "ecg", "ekg", "eeg", "bp",
    "nibp", "spo", "co", "ph", "us", "mri", "ct", "xr", "iv", "id", "sn", "pn", "hr", "hrs", "min", "mins", "sec",
    "secs", "day", "wk", "mth", "yr", "kg", "ml", "mmhg", "kpa", "lpm", "pt", "pts", "rx", "tx", "sw", "hw", "todo",
    "fao", "attn", "cc", "bcc", "tel", "fax", "mob", "ext", "dob", "mrn", "wip", "faq", "req", "obs", "info",
    "psu", "pcb", "lcd", "led", "hepa", "uv", "batt",
})
# What a slash or the end of an entry may hold besides a mark: a unit ("rate /HR"), an outcome ("tested /NFF").
# "NB", "CT" or "AC" open a line as abbreviations, but nobody ends an entry with them: there they are initials.
END_ABBREVIATIONS = TEAMS | frozenset({
    "ok", "na", "nff", "ber", "ppm", "esd", "est", "tbc", "tba", "eta", "asap", "fyi", "wip", "todo", "info",
    "hr", "hrs", "min", "mins", "sec", "secs", "day", "wk", "mth", "yr", "kg", "ml", "mmhg", "kpa", "lpm", "pm",
    "am", "ecg", "ekg", "eeg", "nibp", "spo", "mri", "usb", "ups", "uk", "psu", "pcb", "lcd", "led", "hepa", "uv",
    "batt",
})
SCORE = 0.7
RECOGNIZER = "InitialsRecognizer"


_NEXT_WORD = re.compile(r"[ \t]*[^\W\d_]")


def _initials(text: str, m: re.Match[str], vocabulary: Vocabulary, english: Container[str], where: str) -> bool:
    """`where`: "by" (after "checked by"), "open" (where an entry opens, after a label, after what was done) or
    "end" (where an entry ends: fewer abbreviations stand there)."""
    token = m.group(1)
    key = fold(token)
    abbreviations = TEAMS if where == "by" else NOTE_ABBREVIATIONS if where == "open" else END_ABBREVIATIONS
    if not token[0].isupper() or sum(c.isupper() for c in token) < 2 or key in vocabulary.allow_tokens \
            or key in vocabulary.indicators:
        return False
    # A fada or other accent makes a token no English word or abbreviation ("TÓM", "MÓB", "OÓH"); two capital
    # letters where a mark stands are initials even when they spell a little word ("AT", "ER"), unless listed.
    plain = token.isascii()
    if plain and key in abbreviations:
        return False
    everyday = plain and (key in vocabulary.common_words or key in english)
    # "CHECKED BY AN 25/04" is initials, "CHECKED BY AN ENGINEER" English in capitals: a word follows. Where a
    # mark stands alone, an English word in capitals ("DONE", "NOTE:") is that word.
    if where == "by":
        return not everyday or not _NEXT_WORD.match(text, m.end(1))
    return not (everyday and len(key) > 2)


def find_initials(text: str, vocabulary: Vocabulary, english: Container[str]) -> list[Finding]:
    """`english`: the everyday English words (nergate.english_frequencies)."""
    if text == text.lower():
        return []  # a mark has two capitals; many notes have none, and ten patterns would read them for nothing
    found = [(m, "end") for pattern in _END_MARKS for m in pattern.finditer(text)]
    found += [(m, "open") for pattern in _OPEN_MARKS for m in pattern.finditer(text)]
    found += [(m, "open") for pattern in _AFTER_DONE for m in pattern.finditer(text) if _DONE.search(
        text, max(text.rfind(c, 0, m.start()) for c in "\n;|") + 1, m.start())]
    if "by" in text.lower():
        found += [(m, "by") for m in _BY.finditer(text)]
    spans = {m.span(1) for m, where in found if _initials(text, m, vocabulary, english, where)}
    return [Finding("PERSON", s, e, SCORE, RECOGNIZER) for s, e in sorted(spans)]
