"""Where someone was, written as a what3words address, an Ordnance Survey grid reference or a latitude/longitude.

Ambulance and community notes give a patient's scene or home that way ("found at ///filled.soap.home", "GRID SJ
43482 68587"): as precise as a street address, and replaced as one (ADDRESS). A what3words address counts with its
"///" (or its web address, "w3w.co/..."), its label, or unlabelled when all three words are lower-case words that no
file name, domain or package name would end or open with, so that "report.final.docx" or "nhs.net.uk" is none.
A grid reference counts after its label, or unlabelled with at least six digits split evenly (eastings and
northings), so that a model ("SK 200") or a part number is none. A latitude and longitude in decimal degrees
("51.507351, -0.127758", "lat 51.5072 long -0.1276") count in Britain and Ireland's ranges (latitude 49 to 60,
longitude -10 to 1): with four decimals at least unlabelled (a place to ten metres; "51.5, 0.1" is a reading),
two after their labels.
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding
from intake.anonymisation.id_schemes import after_other_label

# "3 words" is a label only before its colon ("3 words: index home raft"), not in a sentence ("said three words")
_W3W_LABEL = (r"\b(?:w3w|what[\s-]?(?:3|three)[\s-]?words|(?:3|three)[\s-]?word\s+address|3wa"
              r"|(?:3|three)[\s-]?words(?=\s*[:=]))\b\s*"
              r"(?:address|ref|location|loc)?\s*(?:is\s+)?[:=-]?\s*/{0,3}\s?")
# The words may end a sentence ("found at ///filled.soap.home."); "//" is "///" typed short.
_W3W = re.compile(
    r"(?i)(?:(?:///|(?<![:\w/])//)\s?|\b(?:https?://)?(?:map\.)?(?:w3w\.co|what3words\.com)/(?:///)?"
    rf"|{_W3W_LABEL})(?P<words>[^\W\d_]{{2,}}\.[^\W\d_]{{2,}}\.[^\W\d_]{{2,}})(?!\w|\.\w)"
)
# After its label, the three words typed with spaces ("w3w filled soap home"), unless they are a sentence.
_W3W_SPACED = re.compile(rf"(?i:{_W3W_LABEL})(?P<words>[a-z]{{2,}} [a-z]{{2,}} [a-z]{{2,}}"
                         r"|[A-Z]{2,} [A-Z]{2,} [A-Z]{2,}|[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+)(?!\w|\.\w)")
_SENTENCE_WORDS = frozenset({"not", "no", "none", "unknown", "given", "by", "caller", "to", "the", "a", "an", "of",
                             "at", "and", "on", "in", "for", "is", "was", "used", "via", "sent", "see", "from"})
# in lower case (the first letter capitalised where a sentence opens: "Filled.count.soap"), in the capitals a
# control room types ("LOCATION FILLED.COUNT.SOAP") or as a phone's keyboard capitalises each word ("Filled.Count.Soap")
_W3W_BARE = re.compile(r"(?<![\w@/.])(?P<words>[A-Za-z][a-z]{2,}\.[a-z]{3,}\.[a-z]{3,}|[A-Z]{3,}\.[A-Z]{3,}\.[A-Z]{3,}"
                       r"|[A-Z][a-z]{2,}\.[A-Z][a-z]{2,}\.[A-Z][a-z]{2,})(?![\w@/]|\.\w)")
# What opens or ends a domain, a file or a software package name rather than a place's three words.
_NOT_PLACE_WORDS = frozenset({
    "com", "org", "net", "gov", "edu", "nhs", "scot", "wales", "uk", "co", "ac", "int", "info", "www", "http",
    "https", "txt", "log", "csv", "pdf", "doc", "docx", "xls", "xlsx", "zip", "exe", "bin", "cfg", "ini", "xml",
    "json", "dat", "bak", "tmp", "old", "jpg", "png", "msg", "eml", "htm", "html", "java", "py", "sys", "dll",
})
# 100 km squares: the first letter is one of H, J, N, O, S, T; the second any letter but I.
_SQUARE = r"[HJNOST][A-HJ-Z]"
_GRID_LABELLED = re.compile(
    rf"(?i)\b(?:grid(?:\s+ref(?:erence)?)?|os\s*(?:grid\s*)?ref(?:erence)?|ngr|osgr)\b\.?\s*[:=-]?\s*"
    rf"(?P<ref>{_SQUARE}\s?\d{{2,5}}\s?\d{{2,5}})(?!\w)"
)
_LATITUDE, _LONGITUDE = r"(?:49|5\d|60)\.", r"(?:[-\u2212](?:10|\d)|[01])\."
_COORDINATES = re.compile(
    rf"(?<![\w.-])(?P<ref>{_LATITUDE}\d{{4,8}}\s*\u00b0?\s*N?\s*[,;/]?\s*{_LONGITUDE}\d{{4,8}}\s*\u00b0?\s*[WE]?)"
    r"(?![\w.])")
_COORDINATES_LABELLED = re.compile(
    rf"(?i)\blat(?:itude)?\.?\s*[:=]?\s*(?P<ref>{_LATITUDE}\d{{2,8}}\s*\u00b0?\s*N?\s*[,;/]?\s*"
    rf"(?:lon(?:g(?:itude)?)?|lng)\.?\s*[:=]?\s*{_LONGITUDE}\d{{2,8}})(?![\w.])")
# "SN 13129201", "NO 74248957", "SR 21683151": a serial number's, a number's or a maker's service request's label
# before its digits, not a 100 km square.
_NUMBER_LABEL = re.compile(r"(?:SN|NO|SR)\s")
_REF_BEFORE = re.compile(r"(?i)\bref\.?\s*[:#]?\s*$")  # "hire co ref HR892368": a reference ("grid ref" is labelled)
_GRID_BARE = re.compile(rf"(?<![\w/-])(?P<ref>{_SQUARE}\s?(?P<digits>\d{{6,10}}|\d{{3,5}}\s\d{{3,5}}))(?![\w/-])")


def _even(digits: str) -> bool:
    parts = digits.split()
    return (len(parts) == 2 and len(parts[0]) == len(parts[1])) or (len(parts) == 1 and len(parts[0]) % 2 == 0)


def find_scene_locations(text: str) -> list[Finding]:
    out: list[Finding] = []
    low = text.lower()
    if "w3w" in low or "words" in low or "3wa" in low:
        out += [Finding("ADDRESS", m.start("words"), m.end(), 0.8, "What3WordsRecognizer")
                for m in _W3W_SPACED.finditer(text)
                if not _SENTENCE_WORDS.intersection(m.group("words").lower().split())]
    if "." in text:
        for m in _W3W.finditer(text):
            before = text[max(0, m.start("words") - 3):m.start("words")]
            start = m.start() if text[m.start()] == "/" and not before.endswith(" ") else m.start("words")
            out.append(Finding("ADDRESS", start, m.end(), 0.85, "What3WordsRecognizer"))
        taken = [(f.start, f.end) for f in out]
        for m in _W3W_BARE.finditer(text):
            words = m.group("words").lower().split(".")
            if not _NOT_PLACE_WORDS.intersection(words) and not any(s <= m.start() < e for s, e in taken):
                out.append(Finding("ADDRESS", m.start(), m.end(), 0.7, "What3WordsRecognizer"))
    if any(c.isdigit() for c in text):
        labelled = [(m.start("ref"), m.end("ref")) for m in _GRID_LABELLED.finditer(text)]
        bare = [(m.start("ref"), m.end("ref")) for m in _GRID_BARE.finditer(text)
                if _even(m.group("digits")) and (m.start("ref"), m.end("ref")) not in labelled
                and not _NUMBER_LABEL.match(text, m.start("ref")) and not after_other_label(text, m.start("ref"))
                and not _REF_BEFORE.search(text, max(0, m.start("ref") - 8), m.start("ref"))]
        out += [Finding("ADDRESS", s, e, 0.85, "GridReferenceRecognizer") for s, e in (*labelled, *bare)]
        if "." in text:
            spans = {(m.start("ref"), m.end("ref")) for r in (_COORDINATES_LABELLED, _COORDINATES)
                     for m in r.finditer(text)}
            out += [Finding("ADDRESS", s, e, 0.8, "CoordinatesRecognizer") for s, e in sorted(spans)
                    if not any(a <= s < b for a, b in spans if (a, b) != (s, e) and b - a > e - s)]
    return out
