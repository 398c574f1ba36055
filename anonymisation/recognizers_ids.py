"""Staff numbers and vehicle registrations, found by their label.

A badge, payroll or ESR (the NHS Electronic Staff Record) number names one member of staff; a vehicle registration
names its keeper (a patient's car on a home-loan form, a member of staff's on a parking or courier note). Neither
has a shape that equipment data lacks (serial numbers and alarm codes look the same: Presidio's registration
recognizer takes "PT12 OCC" for a car), so each counts only right after its label. Staff numbers are pseudonymised
(STAFF_ID: the same member of staff keeps one token), registrations redacted (UK_VEHICLE_REGISTRATION).
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding, names_beside_numbers

# "payroll 20418834", "Badge no: E10442", "ESR 1234-5678", an ambulance crew's "collar 4471" or "c/no 4471";
# "staff", "pay" or "assignment" only with what they label ("staff no 4471", not "staff 2 on nights"); an operator's
# or user's number ("Op ID 55812", "user id 30455612") names whoever was logged on.
_ID_WORD = r"(?:number|num|no|id)\b"
_STAFF = re.compile(
    rf"(?i:\b(?:(?:payroll|badge|esr|employee|personnel|smart\s?card|collar)(?:\s+(?:{_ID_WORD}|ref\b|code\b))?"
    rf"|c/no|c/n\b|c(?=#)|(?:staff|pay|assignment|emp|crew|operator|op|user|id\s+card)\s+{_ID_WORD}"
    # a student's or trainee's number on a training record: "student no 22104512", "matric 2210451"
    rf"|(?:student|trainee|learner|apprentice)\s+{_ID_WORD}|matric(?:ulation|ule)?\b(?:\s+{_ID_WORD})?"
    # a continental vendor's: "Pers.-Nr. 40412", "Personalnummer", "Mitarbeiter-Nr.", "MA-Nr.", "Benutzer-ID"
    rf"|pers(?:onal)?\.?-?\s?(?:nr|nummer)\b|mitarbeiter(?:-?\s?(?:nr|nummer|id)\b)?|ma-nr\b"
    rf"|benutzer(?:-?\s?(?:id|nr|kennung)\b)?|personeelsnummer\b|(?:n[u\u00fa]m(?:ero)?\.?\s+)?empleado\b"
    # whoever did the work or was logged on, by their number: "eng no 4471", "surgeon code C1234567", "Engineer reg:
    # E7103714"
    rf"|(?:eng|engineer|tech|technician|surgeon|consultant|anaesthetist|clinician|nurse|scrub)\s+(?:{_ID_WORD}|code\b"
    rf"|reg(?:istration)?\b)"
    rf"|logged\s+(?:in|on)\s+as\b|user(?=\s*[:#])"
    rf"|(?:staff|emp)\s+(?:ref|code|member)\b|staff\s?id\b|staff(?=\s*[:#])|emp(?=\.?\s*[:#]?\s*\d)"
    # a point-of-care device's or a system's operator, a door's card: "Operator: 004512", "op 49512 locked out"
    rf"|(?:operator|op|staff)(?=\s*[:#]|\s+\d{{5}})|(?:swipe|access|proximity|prox)\s+card(?:\s+{_ID_WORD})?))"
    r"\.?\s*(?:is\s+)?[:#=.-]?\s*"
    # not the end of a longer word ("badges 40412"), but glued to "emp" ("emp4412")
    r"(?:(?<=[Ee][Mm][Pp])|(?<![A-Za-z]))"
    r"(?P<id>(?:[A-Za-z]{1,3}[ -]?\d{3,10}|\d{4,12}(?:[ -]\d{2,8}){0,2}|\d{2,6}(?:[ -]\d{2,8}){1,2})"
    r"(?:-\d{1,2})?)(?![\w-])"
)
# Current ("LV12 ABC"), prefix ("A123 BCD"), suffix ("ABC 123D") and Northern Irish ("ABZ 1234") plates.
_PLATE = re.compile(
    r"(?<![\w-])(?:[A-Z]{2}\d{2} ?[A-Z]{3}|[A-Z]\d{1,3} ?[A-Z]{3}|[A-Z]{3} ?\d{1,3}[A-Z]|[A-Z]{3} ?\d{1,4})(?![\w-])"
)
_VEHICLE_CONTEXT = re.compile(
    r"(?i)\b(?:reg(?:istration)?|vrn|number\s?plate|licen[cs]e\s+plate|vehicle|car|van|taxi|motorbike)\b"
    r"(?:\s+(?:no|num|number|mark))?\.?\s*(?:is\s+)?[:#=.(-]?\s*$"
)


# More numbers after one: "collar 4412/5510", "c/n 4412 and 5510"; a crew's numbers without a label but with
# "crew" before them ("crew 4412 and 5510"), four digits only when no time or year.
_MORE_NUMBERS = re.compile(r"[ \t]*(?:/|&|,|\band\b)[ \t]*(?P<id>\d{4,8})(?![\w/.:-])")
_CREW = re.compile(r"(?i:\bcrew(?:\s+(?:members?|nos?))?)\s*[:=-]?\s*(?P<id>\d{4,6})(?![\w/.:-])")


# A clinician's entry in a public register names them: HCPC ("HCPC reg PA12345", "HCPC ODP12345"), an NMC PIN
# ("12A3456B"), a GMC number (seven digits); only after the register's name.
_REGISTRATION = re.compile(
    r"(?i:\b(?:hcpc|nmc|gmc)(?:\s+(?:reg(?:istration)?|pin|no|number|num|ref))*)\.?\s*[:#=-]?\s*"
    r"(?P<id>[A-Za-z]{2,3}\s?\d{5,6}|\d{2}[A-Za-z]\d{4}[A-Za-z]|\d{7})(?![\w-])"
    # an NMC PIN's own shape after "PIN" alone ("PIN 12A3456E")
    r"|(?i:\bpin\b)\.?\s*[:#=-]?\s*(?P<pin>\d{2}[A-Za-z]\d{4}[A-Za-z])(?![\w-])")
# An ambulance crew member's number after their role ("para 4521", "Tech 4521 fitted pads"): four digits only when
# no time or year.
# A theatre team's member by role and number too ("ODP 44123", "scrub nurse (44123)", "HCA #4412").
_ROLE_NUMBER = re.compile(r"(?i:\b(?:para(?:medic)?|tech(?:nician)?|eca|emt|aap|ecsw|medic|crew\s?mate|odp|hca"
                          r"|scrub(?:\s+nurse)?|(?:theatre|recovery|anaesthetic)\s+nurse|porter)\b)\.?"
                          r"[ \t]*[#(]?(?P<id>\d{4,6})\)?(?![\w/.:%-])")


def find_staff_ids(text: str) -> list[Finding]:
    if not any(ch.isdigit() for ch in text):
        return []
    spans = [m.span("id") for m in _STAFF.finditer(text)]
    spans += [m.span("id") if m.group("id") else m.span("pin") for m in _REGISTRATION.finditer(text)]
    spans += [m.span("id") for m in _ROLE_NUMBER.finditer(text) if not _time_or_year(m.group("id"))]
    spans += [m.span("id") for m in _CREW.finditer(text) if not _time_or_year(m.group("id"))]
    for _start, end in list(spans):
        while (more := _MORE_NUMBERS.match(text, end)) is not None and not _time_or_year(more.group("id")):
            end = more.end("id")
            spans.append(more.span("id"))
    return [Finding("STAFF_ID", s, e, 0.85, "StaffIdRecognizer") for s, e in sorted(set(spans))]


def find_vehicle_registrations(text: str) -> list[Finding]:
    if not any(ch.isdigit() for ch in text):
        return []
    return [Finding("UK_VEHICLE_REGISTRATION", m.start(), m.end(), 0.85, "VehicleRegistrationRecognizer")
            for m in _PLATE.finditer(text) if _VEHICLE_CONTEXT.search(text[max(0, m.start() - 30):m.start()])]


# A member of staff's number written right after their name ("Mrs X #44191", "X (41335)", "X c/no 48748", "X
# 45379", an ESR number "X (48123456)", an HCPC registration "X (RA123456)"): the number names the person as much
# as the name does; a patient's record number ("Archie Entwistle PD024281"). Four digits bare
# only when they are neither a time nor a year ("J Smith 4412", not "Mr X 1430" or "X 2019"); never part of a
# date, a phone or a decimal, but the sentence may end after it ("home visit X 1878455. Bloods taken").
_BESIDE_NAME = re.compile(
    r"[ \t]*(?:(?:#|\(|(?i:c/no|collar(?:\s+no)?|staff\s+no|no)\.?[ \t]*#?)[ \t]*(?P<marked>\d{4,8})\)?"
    r"|\((?P<code>[A-Za-z]{1,3}\d{5,8})\)|(?P<bare>\d{4,8})|(?P<record>[A-Za-z]{1,3}\d{5,9}[A-Za-z]?)"
    # a patient record's own short label before its number, in brackets ("Mr Penhaligon (RN 4471123)", "(Hosp
    # 1234567)"); only those labels: after a name a job's, an order's or a call's number is written the same way
    # ("Dave (job 1234567)", "(SR 21683151)", "(ext 97969)")
    r"|\((?i:rn|mrn|hn|hosp|pid|pt|crn|urn|nhc|k)\.?:?[ \t]?(?P<labelled>\d{5,10})\))(?![\w/:-]|\.\w|\s\d)"
)


def _time_or_year(digits: str) -> bool:
    return len(digits) == 4 and ((int(digits[:2]) < 24 and int(digits[2:]) < 60) or digits[:2] in ("19", "20"))


# A crew member's number written before the name ("4412 J SMITH", "crew #44191 Jones"): four digits only when no
# time or year, never the end of a date, a range or a decimal.
_BEFORE_NAME = re.compile(r"(?<![\w/.:,-])#?(?P<id>\d{4,6})[ \t]+$")
# A patient's hospital number in brackets opening the entry before their name ("(12345678) Mrs Adeyemi").
_BRACKETED_BEFORE_NAME = re.compile(r"(?<![\w/.:,-])\((?P<id>\d{6,10})\)[ \t]+(?:(?i:mr|mrs|ms|miss|mx|pt)\.?[ \t]+)?$")


# A login in brackets after the name it belongs to ("signed for by Màiri (oneillm2)", "Ewan (ewan.crawford)"):
# letters with a digit, a dot or an underscore in them, which no word in brackets has.
_LOGIN_AFTER_NAME = re.compile(r"[ \t]*\((?P<login>[a-z]{2,15}(?:[._][a-z]{2,20}\d{0,4}|\d{1,4}))\)")


def with_staff_numbers(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings and, beside each name, the staff or collar number written with it (STAFF_ID), or its login."""
    out = list(findings)
    if "(" in text:
        for f in findings:
            login = _LOGIN_AFTER_NAME.match(text, f.end) if f.entity_type == "PERSON" else None
            if login is not None and not any(o.start < login.end("login") and login.start("login") < o.end
                                             for o in findings):
                out.append(Finding("PERSON", login.start("login"), login.end("login"), 0.7, "ContextNameRecognizer"))
    names = names_beside_numbers(text, findings)
    for f in names:
        m = _BESIDE_NAME.match(text, f.end)
        if m is None:
            continue
        group = next(g for g in ("marked", "code", "record", "labelled", "bare") if m.group(g))
        if group == "bare" and _time_or_year(m.group("bare")):
            continue
        start, end = m.start(group), m.end(group)
        if not any(o.start < end and start < o.end for o in findings):
            # a letter code unbracketed after a name is a record's number ("Archie Entwistle PD024281"): the patient's
            out.append(Finding("MRN", start, end, 0.7, "MrnRecognizer") if group in ("record", "labelled")
                       else Finding("STAFF_ID", start, end, 0.7, "StaffIdRecognizer"))
    for f in names:
        before = _BEFORE_NAME.search(text, max(0, f.start - 12), f.start)
        if before is not None and not _time_or_year(before.group("id")):
            start, end = before.span("id")
            if not any(o.start < end and start < o.end for o in out):
                out.append(Finding("STAFF_ID", start, end, 0.7, "StaffIdRecognizer"))
        bracketed = _BRACKETED_BEFORE_NAME.search(text, max(0, f.start - 20), f.start)
        if bracketed is not None:
            start, end = bracketed.span("id")
            if not any(o.start < end and start < o.end for o in out):
                out.append(Finding("MRN", start, end, 0.7, "MrnRecognizer"))
    return out
