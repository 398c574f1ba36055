"""National identity numbers of other countries that notes copy from a patient's or a visitor's papers, each with
its check: Spain's DNI ("12345678Z") and NIE ("X1234567L"), whose letter is the number modulo 23; and a
researcher's ORCID iD ("0000-0002-1825-0097", modulo 11-2 as ISO 7064 says), which names one person as a staff
number does.

A check letter or digit that fits is what tells them from a part number, a lot or a serial of the same shape: one
shape in 23 (DNI, NIE) or 11 (ORCID) fits by chance.
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding

_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
# Eight digits and the letter, or for a foreigner's NIE X, Y or Z, seven digits and the letter; a hyphen, a dot or a
# space may set the letter apart ("12345678-Z", "X-1234567-L"), and dots may group the digits ("51.208.130-X").
_SPANISH_ID = re.compile(r"(?<![\w.-])(?:(?P<nie>[XYZ])[ .-]?)?(?P<digits>\d{7,8}|\d{1,2}\.\d{3}\.\d{3})[ .-]?"
                         r"(?P<letter>[A-Z])(?![\w-])", re.IGNORECASE)
_ORCID = re.compile(r"(?<![\w-])(?:https?://)?(?:orcid\.org/)?(?P<id>\d{4}-\d{4}-\d{4}-\d{3}[\dX])(?![\w-])",
                    re.IGNORECASE)


def _spanish_id_valid(nie: str | None, digits: str, letter: str) -> bool:
    digits = digits.replace(".", "")
    if nie:
        if len(digits) != 7:
            return False
        digits = str("XYZ".index(nie.upper())) + digits
    elif len(digits) != 8:
        return False
    return _DNI_LETTERS[int(digits) % 23] == letter.upper()


# A social security or insurance number after its label, as the Crown Dependencies and other schemes write it in
# the National Insurance number's shape without its rules ("SS no GY123456", "Soc Sec JY 12 34 56 C"): two letters,
# six digits, a letter perhaps. The label says what it is; no check exists.
_SOCIAL_SECURITY = re.compile(
    r"(?i:\b(?:social\s+security|soc\.?\s*sec\.?|ss|ssn|insurance)(?:\s+(?:no|num|number|ref))?\.?\s*[:#=-]?\s*)"
    r"(?P<id>[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}(?:[ ]?[A-Z])?)(?![\w-])")


def find_national_ids(text: str) -> list[Finding]:
    """Spain's DNI and NIE with a letter that fits; a social security number after its label."""
    return [*(Finding("NATIONAL_ID", m.start(), m.end(), 0.9, "NationalIdRecognizer")
              for m in _SPANISH_ID.finditer(text)
              if _spanish_id_valid(m.group("nie"), m.group("digits"), m.group("letter"))),
            *(Finding("NATIONAL_ID", m.start("id"), m.end("id"), 0.85, "NationalIdRecognizer")
              for m in _SOCIAL_SECURITY.finditer(text))]


def orcid_valid(orcid: str) -> bool:
    digits = orcid.replace("-", "")
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    return digits[-1].upper() == ("X" if check == 10 else str(check))


def find_orcids(text: str) -> list[Finding]:
    """ORCID iDs with a check character that fits, with the orcid.org address around them if any."""
    if "-" not in text:
        return []
    return [Finding("STAFF_ID", m.start(), m.end(), 0.9, "OrcidRecognizer")
            for m in _ORCID.finditer(text) if orcid_valid(m.group("id"))]
