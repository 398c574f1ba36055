"""The code that opens someone's home: a key safe's, a door's, a gate's or a lock box's ("key safe 4412", "KEYSAFE:
0606", "door code is 1234#", "code for the key box 7613"). Community equipment services write them beside the
client's address and in the engineers' notes, so that whoever visits can get in: with the address they are a
way into a vulnerable person's home, and are redacted (ACCESS_CODE). A code of a thing ("error code 1234", "part
code 12-4412") has no such word before it and stays.
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding

# A key safe, key box, lock box or key vault (Welsh "blwch allweddi"); "k/s" as community notes shorten it; where a
# key is kept in a safe ("key in safe by back door", "keys are in the safe").
_SAFE = (r"key\s?-?safe|k\.\s?safe|key\s?-?box|lock\s?-?box|key\s?-?vault|k/s|blwch\s+allwedd(?:i|au)?"
         r"|keys?\s+(?:is\s+|are\s+|kept\s+|left\s+)?(?:in|inside)\s+(?:the\s+|a\s+)?(?:key\s?-?)?safe")
# What is locked: a key safe, a door, gate or entry code; "ks" as notes shorten a key safe too.
_LOCK = (rf"{_SAFE}|ks(?=\s*(?:code|no|num|number|[:#=-]|\d))|(?:pad|combination\s+|combi\s+)lock|safe(?=\s+code)"
         r"|key\s?-?pad|key\s?-?code|(?:controlled|secure)\s+entry|(?:entry\s?-?phone|buzzer|intercom|key|lock)(?=\s+code)"
         r"|(?:front\s+|back\s+|main\s+|street\s+|stair\s+|close\s+)?door(?:\s+entry(?:\s+system)?)?"
         r"|gate|entry|access|alarm|entrance")
# The code itself: digits, at most a letter either side, a key or hash as typed on the pad ("C1234", "1234#").
_CODE = r"['\"]?(?P<code>[A-Za-z]?\d{3,8}[A-Za-z]?#?)"
# A key safe's digits typed apart, as read off its buttons ("1 9 4 5", "31 41", "1-2-3-4"): only after a key safe,
# where no other number is written that way.
_SPACED = re.compile(
    rf"(?i:\b(?:{_SAFE}|key\s?-?pad)(?:\s+(?:code|no\.?|number|combination|combo|pin))?(?:\s+is)?\s*[:#=-]?\s*)"
    r"(?P<code>\d(?:[ -]\d){3,7}|\d\d(?:[ -]\d\d){1,3})(?![\w/.-]*\d)")
_LABELLED = re.compile(
    rf"(?i:\b(?:{_LOCK})(?:\s+(?:code|no\.?|num(?:ber)?|combination|combo|pin))?(?:\s+(?:is|=|was|now|of|changed\s+to))?"
    r"(?:\s*\(|\s*[:#=-]\s*|\s+))"
    rf"{_CODE}(?![\w/.-]*\d)")
# "code 1234 for the key safe", "use code 1234 at front door", "code for key box 4412": the code before or after
# "code", the lock after.
# ... or a key safe straight after it ("PIN 4412 for key safe", "code: 4412 key safe", "Access info: 4412 keysafe")
_CODE_THEN_LOCK = re.compile(
    rf"(?i:(?<!error\s)(?<!fault\s)\b(?:code|pin|access(?:\s+(?:info|details))?)\s*(?:is\s+)?[:#=-]?\s*){_CODE}"
    rf"(?=\s+(?i:(?:for|to|on|of|at)\s+(?:the\s+)?(?:{_LOCK})|(?:{_SAFE})\b))")
# glued to its key safe, as typed in a hurry ("KEYSAFE4412")
_GLUED = re.compile(r"(?i:\b(?:key\s?-?safe|key\s?-?box|lock\s?-?box))(?P<code>\d{3,8}#?)(?![\w/.-]*\d)")
_CODE_FOR_LOCK = re.compile(
    rf"(?i:\bcode\s+(?:(?:for|to|on|of)\s+(?:the\s+)?(?:{_LOCK})|to\s+get\s+in)(?:\s+(?:is|=))?\s*[:#=-]?\s*)"
    rf"{_CODE}(?![\w/.-]*\d)")
# a key safe's code a few words after it: "KEY SAFE BY BACK DOOR, CODE 7672", or after a comma, a colon or a dash
# there ("key safe by back door, 5999", "keysafe left of porch - 5999"); not any door's ("by the door, code 1234"),
# nor another code ("key safe 7613, error code 1234")
_SAFE_THEN_CODE = re.compile(
    rf"(?i:\b(?:{_SAFE})\b[^.;\n\d]{{0,40}}?(?:[.;]\s+)?"
    r"(?<!error\s)(?<!fault\s)(?<!alarm\s)(?<!part\s)(?<!product\s)(?<!item\s)(?<!status\s)(?<!reason\s)"
    r"(?:\b(?:code|number|combination|combo)\s*(?:is\s+|changed\s+to\s+|now\s+)?[:#=-]?\s*"
    r"|(?:,|\s*[:\u2013-])\s*(?=\d{3,8}\b)))"
    # the digits as read off its buttons too ("key safe by front door code 1 2 3 4")
    r"['\"]?(?P<code>[A-Za-z]?\d{3,8}[A-Za-z]?#?|\d(?:[ -]\d){3,7})(?![\w/.-]*\d)")
# The code, then what it opens: in brackets ("Code: 1234 (keysafe)") or said after it ("1234 is the key safe code").
_CODE_THEN_BRACKETED_LOCK = re.compile(rf"(?i:\bcode\s*[:#=-]?\s*){_CODE}(?=\s*\(\s*(?:{_LOCK})\s*\))")
_CODE_IS_LOCKS = re.compile(
    rf"(?<![\w/.-])(?P<code>\d{{4,8}})\s+(?i:is|=)\s+(?i:the\s+)?(?i:{_SAFE}|door|gate|porch)\s+(?i:code|number)\b")
# Another lock's code after one ("keysafe 1234 / gate 5678"): there the gate's number is a code too.
_NEXT_LOCK = re.compile(r"\s*(?:[/,;&]|\band\b)\s*(?i:(?:front|back|side|main)\s+)?(?i:door|gate|entry|alarm|porch)"
                        rf"\s*[:#=-]?\s*{_CODE}(?![\w/.-]*\d)")
# a door, gate or entry needs "code" after it: "door 1234" is a room's number, "entry 12345" a log's
_BARE_LOCK = re.compile(r"(?i)^(?:(?:front|back|main|street)\s+)?(?:door|gate|entry|access|alarm"
                        r"|entrance)\s*[:#=-]?\s*\(?$")
# a year after a key safe ("key safe, 2019") is when it was fitted, unless a code's word says otherwise ("code 1945")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_CODE_WORD = re.compile(r"(?i)\b(?:code|pin|no|num|number|combination|combo)\b")


def find_access_codes(text: str) -> list[Finding]:
    if not any(ch.isdigit() for ch in text):
        return []
    lowered = text.lower()
    if not any(w in lowered for w in ("key", "safe", "lock", "code", "k/s", "ks", "entry", "#", "blwch")):
        return []
    out = []
    for m in _LABELLED.finditer(text):
        label = text[m.start():m.start("code")]
        if _BARE_LOCK.match(label.strip()) and not m.group("code").endswith("#"):  # "entry 4412#": typed on a pad
            continue
        out.append(Finding("ACCESS_CODE", m.start("code"), m.end("code"), 0.8, "AccessCodeRecognizer"))
    for regex in (_CODE_THEN_LOCK, _CODE_FOR_LOCK, _SAFE_THEN_CODE, _SPACED, _CODE_THEN_BRACKETED_LOCK, _CODE_IS_LOCKS,
                  _GLUED):
        for m in regex.finditer(text):
            if not _YEAR.fullmatch(m.group("code")) or _CODE_WORD.search(m.group(0)):
                out.append(Finding("ACCESS_CODE", m.start("code"), m.end("code"), 0.8, "AccessCodeRecognizer"))
    for f in list(out):
        nxt = _NEXT_LOCK.match(text, f.end)
        if nxt is not None and not _YEAR.fullmatch(nxt.group("code")):
            out.append(Finding("ACCESS_CODE", nxt.start("code"), nxt.end("code"), 0.8, "AccessCodeRecognizer"))
    return list({(f.start, f.end): f for f in out}.values())
