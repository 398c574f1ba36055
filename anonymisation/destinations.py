"""Places that read like people: where a patient was conveyed, and the town that closes a hospital's name.

Ambulance and transfer notes name hospitals the way crews say them: "conveyed to Stepping Hill", "diverted to
Wythenshawe", "transfer from Queen's Hospital Burton". A model or a surname list reads "Stepping Hill" or "Burton"
as a person, and a full name found in one note is then replaced in every other (pass 3), so one reading destroys a
hospital across the package. Nobody is conveyed or admitted to a person, and a single word straight after
"Hospital" is its town; a span that opens with a known first name stays a name (fail closed: "conveyed to Mary
Seacole" may be a ward, but it may be a person too).
"""

from __future__ import annotations

import re

from intake.anonymisation.name_tokens import Token

# Verbs a patient is the object of, and a transfer's ends; not "taken to" or "transferred to" (a device is taken
# to an engineer, a call transferred to one).
_CONVEYED = re.compile(
    r"(?i)(?:\b(?:conveyed|conveying|conveyance|transported|admitted|diverted|en\s?route|enroute|rtb)\s+(?:back\s+)?"
    r"(?:to|into)|\b(?:inter[- ]?(?:hospital|facility|site)\s+)?transfer\s+(?:from|to)"
    # "transfer from Macclesfield District General to X": the first end a hospital, so the second is one too
    r"|\btransfer\s+from\s[^.;:\n]{0,40}?\b(?:hospital|hosp|general|infirmary|royal|district|dgh|ed|a&e)\b"
    r"[^.;:\n]{0,20}?\sto)\s+(?:the\s+)?$"
)
_HOSPITAL_WORDS = frozenset({"hospital", "hosp", "infirmary"})


def conveyed_to(text: str, start: int, words: list[Token], first_name: set[str] | frozenset[str]) -> bool:
    """The span is where a patient was conveyed, admitted or transferred, and opens with no first name."""
    return bool(_CONVEYED.search(text, max(0, start - 80), start)) and words[0].key not in first_name


def hospital_town(span: str, before: list[Token], words: list[Token]) -> bool:
    """One word straight after "Hospital" (as capitalised as it, or all lower case): "Queen's Hospital Burton"."""
    if len(words) != 1 or not before or before[-1].key not in _HOSPITAL_WORDS or before[-1].dot:
        return False
    word = before[-1].text
    return (span.islower() and word.islower()) or (word[:1].isupper() and span[:1].isupper())


# Where equipment went or came from: "returned to Florence Ward", "collected from Victoria Ward". A first name and
# a capitalised place word that is a surname too ("Ward") name a ward there; not after someone was spoken to or
# heard from ("spoke to Florence Ward", "email from Florence Ward"), where it is a person.
_MOVED = re.compile(
    r"(?i)\b(?:returned|delivered|taken|moved|sent|brought|loaned|lent|issued|collected|fetched|picked\s+up|"
    r"removed|borrowed|transferred|relocated|installed|located|kept|stored|left|back|found|used|seen)\s+"
    r"(?:it\s+|them\s+|back\s+)?(?:to|from|on|onto|into|in|at)\s+(?:the\s+)?$"
    r"|(?i:\b(?:on|at|in)\s+)$")


def ward_named_after_someone(text: str, start: int, words: list[Token], first_name: set[str] | frozenset[str],
                             places: set[str] | frozenset[str]) -> bool:
    """The span is a first name and a capitalised place word where something was taken to or found."""
    return (len(words) == 2 and words[0].key in first_name and words[1].text[:1].isupper()
            and words[1].key in places and bool(_MOVED.search(text, max(0, start - 40), start)))
