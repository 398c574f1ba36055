"""An insured patient's membership number with a private medical insurer, found after the insurer's name or a
membership or policy label ("Bupa 12345678", "AXA Health memb no G12345678", "policy no 1234567890", "member
number VH 1234 5678"). The number names the patient to the insurer as surely as a hospital number does, so it is
pseudonymised like one (MRN). The insurer's name is a company's and stays.
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding

# UK private medical insurers and the schemes patients quote; a membership label alone counts too.
_INSURERS = (r"bupa|axa(?:\s+(?:ppp|health))?|aviva|vitality(?:\s?health)?|wpa|cigna|simply\s?health|allianz"
             r"|freedom\s+health|healix|saga|benenden|cs\s+healthcare|exeter|general\s+medical|hospital\s+saturday"
             r"|national\s+friendly|(?:health|medical)\s+insurer")
_LABEL = (r"memb(?:ership)?\.?(?:\s+(?:no|number|num|id|ref))?\.?|member\s+(?:no|number|num|id|ref)\.?"
          r"|policy\s+(?:no|number|num|ref)\.?|policy(?=\s*[:#]?\s*[A-Z]{0,2}\s?\d)|scheme\s+(?:no|number)\.?")
_NUMBER = (r"(?P<id>[A-Z]{1,2}[ -]?\d(?:[ -]?\d){4,11}(?:[/-]\d{1,2})?[A-Z]{0,2}|\d{3,6}(?:[ -]?\d{2,5}){1,2}"
           r"(?:[/-]\d{1,2})?|\d{6,12}(?:[/-]\d{1,2})?)")
_MEMBERSHIP = re.compile(
    rf"(?i:\b(?:(?:{_INSURERS})\)?(?:\s+(?:{_LABEL}|ref\b\.?|no\b\.?|number\b|id\b))?|{_LABEL}))\s*[:#=-]?\s*"
    rf"(?-i:{_NUMBER})(?![\w/-])")
# A phone number after an insurer's name is its helpline (a leading 0 and ten or eleven digits); a date is a date.
_PHONE = re.compile(r"0\d{9,10}")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")


def find_insurance_numbers(text: str) -> list[Finding]:
    if not any(ch.isdigit() for ch in text):
        return []
    out = []
    for m in _MEMBERSHIP.finditer(text):
        number = m.group("id")
        digits = "".join(ch for ch in number if ch.isdigit())
        if len(digits) >= (5 if number[0].isalpha() else 6) and not _PHONE.fullmatch(digits) \
                and not _DATE.fullmatch(number):
            out.append(Finding("MRN", m.start("id"), m.end("id"), 0.8, "InsuranceNumberRecognizer"))
    return out
