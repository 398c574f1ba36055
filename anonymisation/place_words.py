"""Words that say a span names a place, an organisation, a measure or a procedure rather than a person: "St"
and "Co." before a name, "Port" and "Fort" opening a town's, "Royal" and "Queen" opening a hospital's, a
hospital's qualifiers ("Children's", "General"), units after a number, occupations and eponymous procedures."""

from __future__ import annotations

import re

SAINT = frozenset({"st", "saint", "ste"})
COUNTY = frozenset({"co", "county", "contae"})
UNITS = frozenset({"h", "hr", "hrs", "hour", "hours", "m", "min", "mins", "minutes", "d", "days", "km", "miles",
                    "l", "ml", "kg", "mg", "mm", "cm", "v", "a", "w", "kw", "bar", "kpa", "mmhg", "psi", "db", "hz",
                    "khz", "mhz", "ma", "mv", "kv", "ms", "lb", "lbs", "mb", "gb", "lux", "pa", "bpm", "rpm", "mph",
                    "nm", "cc", "gy", "mgy", "msv", "ppm"})
# A reading's number and its unit or a percentage after a measure's letters ("THD 2.4%", "SPL: 94 dB"): those letters
# name the measure, whoever signs so. Not a time: "JB: 2 hrs on site" is who spent it.
_READING_AFTER = re.compile(r"[ \t]*[:=]?[ \t]*[-+\u00b1]?\d+(?:[.,]\d+)?[ \t]*(%|[A-Za-z]{1,4}\b)")
_READING_UNITS = UNITS - {"h", "hr", "hrs", "hour", "hours", "m", "min", "mins", "minutes", "d", "days"}


def reading_after(text: str, end: int) -> bool:
    m = _READING_AFTER.match(text, end)
    return m is not None and (m.group(1) == "%" or m.group(1).lower() in _READING_UNITS)


PORT = frozenset({"port", "fort"})  # words that open a town's name
ROYAL = frozenset({"king", "queen", "prince", "princess", "duke", "duchess", "countess", "earl", "lady", "royal"})
HOSPITAL_QUALIFIERS = frozenset({"university", "children", "childrens", "children s", "general", "memorial",
                                  "community", "district", "royal", "county", "teaching", "maternity", "women",
                                  "womens", "women s", "cottage", "specialist", "infirmary", "care", "health",
                                  "medical", "treatment", "day", "rehabilitation", "birthing", "cancer", "heart",
                                  "eye", "dental", "renal", "surgical", "mental", "nursing", "education",
                                  "research", "diagnostic", "outpatient", "outpatients"})
OCCUPATION = re.compile(r"(?:ist|ician|grapher)$")
# What is named after a surgeon or physician rather than done to a person: "Dupuytren's fasciectomy", "Nissen
# fundoplication", "Hartmann's reversal", "Parkinson's disease". Not "operation" or "repair": a patient has those.
EPONYMOUS = re.compile(r"(?:ectomy|otomy|ostomy|plasty|pexy|plication|rrhaphy|desis|reversal|disease|syndrome|"
                        r"contracture)$")
# What stands before a word in the middle of a sentence: a word, a number, a comma or a bracket, then a space.
_MID_SENTENCE = re.compile(r"[\w,)/&]\s+$")


def capital_article(text: str, start: int) -> bool:
    """The span at `start` opens with "The", or follows it, in the middle of a sentence: a thing's or a place's
    name ("funded by The Joshua Tree", "referred to The Christie"), as nobody's name is written."""
    at = start if text.startswith("The ", start) else start - 4 if text[max(0, start - 4):start] == "The " else -1
    return at > 0 and bool(_MID_SENTENCE.search(text, max(0, at - 3), at))
