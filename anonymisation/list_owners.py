"""Whose operating list it is: "before Mr Soriano's list", "on the etxeberria list", "FERREIRA LIST CANCELLED",
"the Haworth all day list".

Theatre staff name a session by the surgeon who operates in it, so a fault report says whose list it broke into.
The word before "list" (past a day or a session: "Weds PM", "all day") is the surgeon when a title stands before
it, or when it is a name or a word in no list after "the", "on", "for", "before", "after", "from" or "during";
never a word that qualifies a list ("the waiting list", "the PPM list", "the trauma list", "the eye list").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake.anonymisation.findings import Finding
from intake.anonymisation.name_cues import PARTICLES, RARE, possessive_stem
from intake.anonymisation.name_tokens import Token, tokenize

if TYPE_CHECKING:
    from intake.anonymisation.contextual_names import ContextualNames

_SESSION = frozenset({"am", "pm", "all", "day", "half", "morning", "afternoon", "evening", "mon", "monday", "tue",
                      "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs", "thursday", "fri",
                      "friday", "sat", "saturday", "sun", "sunday", "weekend", "extra", "late", "long"})
_BEFORE = frozenset({"the", "on", "for", "before", "after", "from", "during", "into", "off", "in", "to"})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "mx"})
# What a list is of rather than whose: a specialty, an urgency, a kind of session, a document.
_QUALIFIERS = frozenset({
    "waiting", "theatre", "theatres", "emergency", "trauma", "elective", "emerg", "cepod", "ncepod", "ppm", "day",
    "case", "cases", "eye", "eyes", "ortho", "orthopaedic", "orthopaedics", "plastics", "gynae", "gyn", "urology",
    "uro", "ent", "breast", "vascular", "colorectal", "general", "paeds", "paediatric", "dental", "maxfax", "cardiac",
    "neuro", "spinal", "obstetric", "endoscopy", "scope", "lap", "private", "nhs", "shopping", "parts", "check",
    "pick", "price", "contact", "mailing", "distribution", "asset", "equipment", "job", "jobs", "task", "spares",
    "next", "first", "last", "whole", "entire", "same", "new", "old", "this", "that", "his", "her", "their", "our",
    "morning", "afternoon", "evening", "local", "la", "ga", "list", "lists", "kit", "stock", "order", "defect",
    "snag", "fault", "faults", "recall", "loan", "inventory", "register", "cleaning", "decon", "tray", "set",
})


def _owner(toks: list[Token], j: int, ctx: ContextualNames) -> tuple[int, int] | None:
    """(start, end) of the surgeon named by toks[j] (and a particle or a title before it), or None."""
    tok = toks[j]
    stem = possessive_stem(tok)
    word = stem or tok
    if not word.is_word or word.key in _QUALIFIERS or word.key in _SESSION or word.key in ctx.not_names \
            or ctx.vocab.is_allowed_term(word.text):
        return None
    start = word.start
    k = j - 1
    while k >= 0 and toks[k].key in PARTICLES and toks[k].is_word:  # "the dela cruz list"
        start, k = toks[k].start, k - 1
    if k >= 0 and toks[k].key in _TITLES:
        # after a title any word but an everyday one in lower case: "mr macaraegs list", the possessive's s
        # glued on without its apostrophe
        return None if word.key in ctx.english and word.text.islower() else (start, word.end)
    if k < 0 or toks[k].key not in _BEFORE or not (ctx.known_name(word, RARE) or ctx.unknown_word(word)):
        return None
    return start, word.end


def find_list_owners(text: str, ctx: ContextualNames) -> list[Finding]:
    low = text.lower()
    if "list" not in low:
        return []
    toks = tokenize(text)
    out = []
    for i, tok in enumerate(toks):
        if tok.key not in ("list", "lists") or i == 0:
            continue
        j = i - 1
        while j > 0 and toks[j].key in _SESSION:
            j -= 1
        span = _owner(toks, j, ctx)
        if span is not None:
            out.append(Finding("PERSON", span[0], span[1], 0.7, "ContextNameRecognizer"))
    return out
