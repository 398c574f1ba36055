"""Addresses written the Welsh, Irish and Scottish Gaelic way, and Irish Eircodes.

Welsh, Irish and Gaelic put the street word first ("98 Heol y Bont", "12 Bóthar na Trá", "3 Sràid a' Mhuilinn"),
so recognizers_address's house number + name + street word never matches them. An Eircode ("H91 PX7N", "D02 X285")
names one dwelling; its letters are too few to tell it from a model code alone ("T10 PACK"), so it counts only
beside an address (a street found just before it, or an address word such as "at" or "lives" before it).
Both are ADDRESS findings, redacted as addresses are.
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding
from intake.anonymisation.recognizers_uk import POSTCODE_CONTEXT, context_before

STREET_FIRST = ("heol", "ffordd", "stryd", "lôn", "lon", "rhodfa", "cilgant", "teras", "clos", "maes", "bóthar",
                "bothar", "sráid", "sraid", "ascaill", "lána", "lana", "cearnóg", "cearnog", "rathad", "sràid",
                # named after the land, in Welsh ("22 Cae Mawr", "5 Bryn Teg", "3 Llys Glas") and Irish ("8 Páirc
                # an Rí", "2 Céide Mhuire")
                "cae", "bryn", "llys", "parc", "cwrt", "gerddi", "allt", "nant", "coed", "erw", "cwm", "llwyn",
                "golwg", "tŷ", "páirc", "pairc", "céide", "ceide", "cúirt", "cuirt", "plás", "radharc",
                "cnoc", "gairdíní", "gairdini")
_WORD = r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*"
_ARTICLE = r"(?:y|yr|'r|na|an|a|a'|de|an[ \t]+t)"
# An address keeps to its line, as in recognizers_address.
STREET_FIRST_RE = re.compile(
    r"(?<![\w/])(?:\d+/\d+,?[ \t]+|(?i:flat|fflat|apartment|apt|unit)\.?[ \t]+\d+[A-Za-z]?,?[ \t]+)?\d{1,4}[A-Za-z]?,?"
    rf"[ \t]+(?i:{'|'.join(STREET_FIRST)})(?:['\u2019]r)?[ \t]+(?:(?i:{_ARTICLE})[ \t]+)?{_WORD}(?:[ \t]+{_WORD})?"
    rf"(?:,[ \t]*{_WORD}(?:[ \t]+{_WORD})?)?(?![\w])"
)
EIRCODE_RE = re.compile(r"(?<![\w])(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}(?![\w])", re.IGNORECASE)
_ADDRESS_WORDS = re.compile(r"(?i)\b(?:eircode|address|lives?|living|home|resident|at)\b|\b(?:Co\.?|County) [A-Z]"
                            r"|\bDublin \d{1,2}\b")
SCORE = 0.75


def find_celtic_addresses(text: str) -> list[Finding]:
    """Street-word-first addresses, each with the Eircode right after it if there is one; and Eircodes after
    an address word."""
    if not any(ch.isdigit() for ch in text):
        return []
    out: list[Finding] = []
    for m in STREET_FIRST_RE.finditer(text):
        end = m.end()
        code = EIRCODE_RE.match(text, end + 1) if text[end:end + 1] in (" ", ",") else None
        if m.group(0).islower() and not code and not _ADDRESS_WORDS.search(text, max(0, m.start() - 25), m.start()) \
                and not context_before(text, m.start(), POSTCODE_CONTEXT, 25):
            continue  # in lower case only beside an address word or an Eircode, as for English streets
        out.append(Finding("ADDRESS", m.start(), code.end() if code else end, SCORE, "CelticAddressRecognizer"))
    for m in EIRCODE_RE.finditer(text):
        if any(f.start <= m.start() < f.end for f in out):
            continue
        if _ADDRESS_WORDS.search(text, max(0, m.start() - 60), m.start()):
            out.append(Finding("ADDRESS", m.start(), m.end(), SCORE, "EircodeRecognizer"))
    return sorted(out, key=lambda f: f.start)
