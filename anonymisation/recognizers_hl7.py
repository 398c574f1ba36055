"""What an HL7 v2 message pasted into a ticket says about a patient ("PID|1||4512398^^^RXH^MR||SMITH^JOHN||19650312
|M|||12 Oak Rd^^Leeds^^LS1 4AB", "OBR|1|RX4512398|4512398|XR CHEST"): interface faults between a RIS, a PACS, a
laboratory analyser and the patient administration system are logged with the message that failed. A field is
known by its segment and position, not by what it looks like: the patient's identifiers, name, birth date, address
and phones in PID, the next of kin's in NK1, the doctors in PV1, the order's placer and filler numbers (the
accession) in OBR and ORC, the merged record's in MRG. Each field is found whole, components and repetitions too.
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding

# Where a segment opens: at a line's start or after the space or carriage return a paste left between segments.
_SEGMENT = re.compile(r"(?:^|(?<=[\s|]))(?P<seg>PID|NK1|PV1|OBR|ORC|MRG|GT1|IN1)\|")
_ID, _NAME, _DOB, _ADDRESS, _PHONE = "MRN", "PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE_NUMBER"
# Field number -> entity, per HL7 v2.x (2.3 to 2.8 agree on these positions).
FIELDS: dict[str, dict[int, str]] = {
    "PID": {2: _ID, 3: _ID, 4: _ID, 5: _NAME, 6: _NAME, 7: _DOB, 9: _NAME, 11: _ADDRESS, 13: _PHONE, 14: _PHONE,
            18: _ID, 19: _ID, 20: _ID, 21: _ID},
    "NK1": {2: _NAME, 4: _ADDRESS, 5: _PHONE, 6: _PHONE, 30: _NAME, 31: _PHONE, 32: _ADDRESS},
    "PV1": {7: _NAME, 8: _NAME, 9: _NAME, 17: _NAME, 19: _ID, 50: _ID, 52: _NAME},
    "OBR": {2: _ID, 3: _ID, 16: _NAME, 28: _NAME, 32: _NAME, 33: _NAME, 34: _NAME, 35: _NAME},
    "ORC": {2: _ID, 3: _ID, 10: _NAME, 11: _NAME, 12: _NAME},
    "MRG": {1: _ID, 2: _ID, 3: _ID, 5: _ID, 7: _NAME},
    "GT1": {2: _ID, 3: _NAME, 4: _NAME, 5: _ADDRESS, 6: _PHONE, 7: _PHONE, 8: _DOB, 12: _ID},
    "IN1": {16: _NAME, 18: _DOB, 19: _ADDRESS, 36: _ID, 49: _ID},
}
# A segment ends at a line's end or where the next one opens on the same line.
_ANY_SEGMENT = r"(?:MSH|EVN|PID|PD1|NK1|PV1|PV2|OBR|ORC|OBX|NTE|MRG|GT1|IN1|AL1|DG1|ZPI)\|"
_END = re.compile(rf"[\r\n]|\s(?={_ANY_SEGMENT})")
# ... and the segments of coded fields, not an observation's or a note's free text (OBX, NTE)
_CODED = re.compile(r"(?:^|(?<=[\s|]))(?:MSH|EVN|PID|PD1|NK1|PV1|PV2|OBR|ORC|MRG|GT1|IN1|AL1|DG1)\|")
SCORE = 0.85


def find_hl7_fields(text: str) -> list[Finding]:
    if "|" not in text:
        return []
    out = []
    for m in _SEGMENT.finditer(text):
        fields = FIELDS[m.group("seg")]
        end = _END.search(text, m.end())
        stop = end.start() if end else len(text)
        start, number = m.end(), 1
        while start <= stop and number <= max(fields):
            bar = text.find("|", start, stop)
            field_end = stop if bar < 0 else bar
            value = text[start:field_end]
            entity = fields.get(number)
            if entity is not None and value.strip(" ^~&\\"):
                left = start + len(value) - len(value.lstrip(" ^~"))
                right = field_end - (len(value) - len(value.rstrip(" ^~")))
                out.append(Finding(entity, left, right, SCORE, "Hl7FieldRecognizer"))
            if bar < 0:
                break
            start, number = bar + 1, number + 1
    return out


def segment_spans(text: str) -> list[tuple[int, int]]:
    """Where HL7 segments of coded fields stand in the text: there a caret joins a code's components ("XR
    CHEST^Chest X-ray"), and only the name fields hold names."""
    if "|" not in text:
        return []
    out = []
    for m in _CODED.finditer(text):
        end = _END.search(text, m.end())
        out.append((m.start(), end.start() if end else len(text)))
    return out
