"""UK identifiers by pattern: NHS number (modulus 11), National Insurance number, postcode and dates of birth by
context. Phones, e-mails, hospital numbers and street addresses have a module each (recognizers_phone,
recognizers_email, recognizers_mrn, recognizers_address); recognizer_registry wraps them all for Presidio.

Each detector is a plain function text -> list[Finding] (used directly by the fast structured and re-scan
paths). Context words are looked for in the raw text around the match, so they work without lemmas and with any
spaCy pipeline.
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding, names_beside_numbers
from intake.anonymisation.id_schemes import after_other_label
from intake.anonymisation.name_cues import COURTESY, HONORIFICS, ROLES_ONE


def context_before(text: str, start: int, pattern: re.Pattern[str], window: int = 40) -> bool:
    return bool(pattern.search(text, max(0, start - window), start))


# -- NHS number ------------------------------------------------------------------------------------------
# 3-3-4 with spaces (one or two, as typed), dashes or nothing; not a mixture ("943 476-5919" is something else).
NHS_RE = re.compile(r"(?<![\w.])(\d{3})( {1,2}|-)?(\d{3})((?(2)(?: {1,2}|-)|))(\d{4})(?![\w])")
NHS_CONTEXT = re.compile(r"(?i)\bnhs\b|national health|health service|\bchi\b|\bh\s?&\s?c\b|health and care")
# The number's own label right before it ("NHS no 485 777 3456", "CHI: 0304511234", "H&C number"): ten digits there
# are that number even when mistyped, and a mistyped one still points at the patient.
NHS_LABEL = re.compile(
    r"(?i)(?:\bnhs|\bchi|\bc\.h\.i|\bh\s?&\s?c)\.?\s*(?:no\.?|num|number|#)?\s*(?:is\s+)?[:=./-]?\s*$")
# The label run into the number ("CHI1203451234", "NHS4857773456") or in brackets after it ("1203451234 (CHI)").
_NHS_GLUED = re.compile(r"(?i)(?<![\w])(?:nhs|chi)(?P<n>\d{10})(?!\w)|(?<![\w./])(?P<m>\d{10})\s*\((?:nhs|chi)\)")
NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2, 1)


def nhs_checksum_ok(digits: str) -> bool:
    """Modulus 11: the weighted sum of the ten digits (weights 10..1) is a multiple of 11."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    return sum(int(d) * w for d, w in zip(digits, NHS_WEIGHTS, strict=True)) % 11 == 0


# Ten digits grouped any other way ("943 4765 919"): only right after the number's own label.
NHS_ANY_GROUPING = re.compile(r"(?<![\w./])\d(?:[ ./-]?\d){9}(?![\w/]|\.\d)")


# Scotland's CHI number: the date of birth (DDMMYY), four digits, modulus 11 like an NHS number; written as a
# date is ("120465 4321", "12 04 65 4321", "120465-4321"). A valid date and check digit need no label, but an
# incident's or a call's number is a date and four digits too ("CAD 230824-0695": 24 Aug 2023, the 695th call):
# after such a label it is that, and with a hyphen it is a CHI number only beside a patient.
CHI_RE = re.compile(r"(?<![\w./-])(\d{2})( ?)(\d{2})\2(\d{2})([ -]?)(\d{4})(?![\w/]|[.-]\d)")
_EVENT_LABEL = re.compile(r"(?i)\b(?:cad|inc|incident|call|job|ref|wo|log|case|datix|event|for|at scene)\b\W{0,4}$")
_PATIENT_NEAR = re.compile(r"(?i)\b(?:pt|patient|chi|dob|mr|mrs|ms|miss|mx)\b")


def _chi_shaped(text: str, m: re.Match[str]) -> bool:
    day, month = int(m.group(1)), int(m.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12) or not nhs_checksum_ok(
            m.group(1) + m.group(3) + m.group(4) + m.group(6)):
        return False
    before = text[max(0, m.start() - 40):m.start()]
    if _EVENT_LABEL.search(before[-16:]) or after_other_label(text, m.start()):
        return False
    return m.group(5) != "-" or bool(_PATIENT_NEAR.search(before))


def find_nhs_numbers(text: str) -> list[Finding]:
    out = []
    for m in CHI_RE.finditer(text):
        if _chi_shaped(text, m):
            out.append(Finding("UK_NHS", m.start(), m.end(), 0.85, "UkNhsRecognizer"))
    for m in _NHS_GLUED.finditer(text):
        group = "n" if m.group("n") else "m"
        out.append(Finding("UK_NHS", m.start(group), m.end(group), 0.85, "UkNhsRecognizer"))
    for m in NHS_ANY_GROUPING.finditer(text):
        if NHS_RE.fullmatch(m.group()) is None and NHS_LABEL.search(text[max(0, m.start() - 20):m.start()]):
            out.append(Finding("UK_NHS", m.start(), m.end(), 0.85, "UkNhsRecognizer"))
    for m in NHS_RE.finditer(text):
        if (m.group(2) == "-") != (m.group(4) == "-"):
            continue
        digits = m.group(1) + m.group(3) + m.group(5)
        if not nhs_checksum_ok(digits):
            if NHS_LABEL.search(text[max(0, m.start() - 20):m.start()]) and len(set(digits)) > 1:
                out.append(Finding("UK_NHS", m.start(), m.end(), 0.85, "UkNhsRecognizer"))
            continue
        if context_before(text, m.start(), NHS_CONTEXT, 30):
            score = 0.95
        elif after_other_label(text, m.start()):
            continue  # "serial no 1305430468": one ten-digit number in eleven passes the check
        elif m.group(2):
            score = 0.65  # written 3-3-4 like an NHS number
        else:
            score = 0.5
        out.append(Finding("UK_NHS", m.start(), m.end(), score, "UkNhsRecognizer"))
    return out


# -- National Insurance number ------------------------------------------------------------------------------
NINO_RE = re.compile(
    r"(?<![\w])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ ]?(\d{2}[ ]?\d{2}[ ]?\d{2}|\d{3}[ ]?\d{3})[ ]?([A-D])(?![\w])",
    re.IGNORECASE,
)
NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
NINO_CONTEXT = re.compile(r"(?i)national\s+insurance|\bni\b|\bnino\b|\bn\.i\.")


def find_ninos(text: str) -> list[Finding]:
    out = []
    for m in NINO_RE.finditer(text):
        if m.group(1).upper() in NINO_BAD_PREFIXES:
            continue
        matched = m.group(0)
        score = 0.85 if matched == matched.upper() else 0.6
        if context_before(text, m.start(), NINO_CONTEXT, 60):
            score = 0.95
        out.append(Finding("UK_NINO", m.start(), m.end(), score, "UkNinoRecognizer"))
    return out


# -- postcode ------------------------------------------------------------------------------------------------
POSTCODE_PATTERN = (
    r"GIR ?0AA"
    r"|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]? ?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[A-PR-UWYZ][0-9]{2} ?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]? ?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[A-PR-UWYZ][A-HK-Y][0-9]{2} ?[0-9][ABD-HJLNP-UW-Z]{2}"
)
POSTCODE_RE = re.compile(rf"(?<![\w])(?:{POSTCODE_PATTERN})(?![\w])", re.IGNORECASE)
# Words before a home address: where someone lives, or where equipment was taken to or fetched from.
POSTCODE_CONTEXT = re.compile(
    r"(?i)post\s?code|postal|address|lives?\b|living|home|resident|\bat\b|deliver|collect|drop(?:ped)?\s+off|"
    r"\bc/o\b|\bvisit|\boutside\b|\bopposite\b|\baddr\b|\bdlvr\b|\bdel(?:\.|\s)?\s*to\b|\bmoved\s+to\b|\bpick\s?-?up\b"
    r"|\binstall"
)


def find_postcodes(text: str) -> list[Finding]:
    out = []
    for m in POSTCODE_RE.finditer(text):
        score = 0.6
        if context_before(text, m.start(), POSTCODE_CONTEXT, 60):
            score = 0.85
        out.append(Finding("UK_POSTCODE", m.start(), m.end(), score, "UkPostcodeRecognizer"))
    return out


# -- dates of birth ------------------------------------------------------------------------------------------
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501
# Welsh months, as bilingual forms and Welsh-speaking staff write a date ("17 Rhagfyr 1953", "1 Ionawr 1959")
_WELSH_MONTH = r"(?:ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)"
# A hyphen only after a word may open a date ("dob-12/3/61"): after a digit it is a range or a part number.
DATE_RE = re.compile(
    r"(?:(?<![\w/.])|(?<=[Dd][Oo][Bb]))(?<!\d-)(?:"  # "DOB12/03/61": the label run into the date
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"  # "1961/03/12", "1961-3-12": year first
    r"|\d{1,2} \d{1,2} (?:19|20)\d{2}"  # "12 03 1961": typed with spaces
    r"|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d{2}"  # "dob 11061933": typed without separators
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # "PatientBirthDate=19650312": DICOM's dates
    rf"|\d{{1,2}}{_MONTH}(?:\d{{4}}|\d{{2}})"  # "12MAR1961", as patient-record systems print it
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?: of)?[ -]{_MONTH}\.?,?[ -](?:\d{{4}}|['\u2019]?\d{{2}})"
    rf"|{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:af|ain|ydd|fed)? {_WELSH_MONTH} \d{{4}}"  # "1af Mawrth 1950": Welsh ordinals too
    r")(?![\w/])",
    re.IGNORECASE,
)
# "age 67 (12/03/1956)": a date in brackets after an age is when the person was born.
DOB_BEFORE = re.compile(r"(?i)\bd[./]?\s?o[./]?\s?b\b\.?|date\s+of\s+birth|birth\s?date|\bborn\b|\bb\.\s*$|birthday"
                        # a Spanish partner's notes: "f. nac.", "fecha de nacimiento", "nacido el"
                        r"|\bf(?:echa|ec)?\.?\s?(?:de\s+)?nac(?:imiento)?\b\.?|\bnacid[oa]\s+(?:el\s+)?"
                        # a continental vendor's: "geb. 12.03.1965", "Geb.-Datum", "Geburtsdatum", "date de naissance"
                        r"|\bgeb(?:urts)?\.?-?\s?(?:datum\b)?|\bgeboren\b|\bgeboortedatum\b|\bdate\s+de\s+naissance\b"
                        r"|\bn[\u00e9e]e?\s+le\b"
                        r"|\(0010,0030\)(?:\s*[A-Z]{2})?"
                        r"|\baged?\s+\d{1,3}\s*(?:y(?:ea)?rs?(?:\s+old)?|yo)?\s*\($")
DOB_AFTER = re.compile(r"(?i)birthday|\(dob\)|\bborn\b")
# "Pt Mary Jones, 20.05.1950" or "pt Mary Jones (20.05.1950)": a date right after the patient's name (one to four
# words, none a word of the sentence around it) is when they were born; "pt seen by J Smith, 12/03/2024" is not a name.
_PATIENT_NAME_BEFORE = re.compile(
    r"(?i)\b(?:pt|patient)\b[.:]?\s*(?:[^\W\d_][\w'\u2019-]*\.?\s+){0,3}[^\W\d_][\w'\u2019-]*\s*(?:,|\()\s*$")
# Without the comma or bracket ("Pt: J Smith 12/03/1961"), or after a title rather than "patient" ("Mrs Smith,
# 12/03/1961"), only a date too old to be the job's ("12/03/2024" after an engineer's name is when they came).
_PERSON_BEFORE_OLD_DATE = re.compile(
    r"(?i)\b(?:pt|patient|mr|mrs|ms|miss|mx|master)\b[.:]?\s*(?:[^\W\d_][\w'\u2019-]*\.?\s+){0,3}"
    r"[^\W\d_][\w'\u2019-]*\s*[,(]?\s*$"
    r"|\b(?:pt|patient)\b[.:]?\s*[,(]?\s*$")  # "pt 12/03/1961 NHS ...": the patient's date, no name between
# Titles a patient is given on a form; not "Dr", who signs entries ("(Dr Ahmed 12/03/24)").
_YEAR_AT_END = re.compile(r"(\d{2,4})$")
OLD_YEAR = 2005  # no job a note records is this old; a date before it beside a person is their birth
_SENTENCE_WORDS = frozenset({"seen", "by", "at", "in", "on", "to", "with", "for", "was", "is", "has", "had", "and",
                             "the", "a", "an", "from", "of", "after", "before", "since", "until", "visit", "visited"})


# Six digits right after "DOB" are the date typed without separators and with a two-digit year ("DOB 120356"), or
# with spaces ("dob - 12 03 61"); elsewhere six digits are a serial's or a job's.
_DOB_SIX = re.compile(r"(?i)\bd[./]?\s?o[./]?\s?b\b\.?\s*[:=-]?\s*(?P<d>(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}"
                      r"|(?:0?[1-9]|[12]\d|3[01]) (?:0?[1-9]|1[0-2]) \d{2})(?![\d/.-]| \d)")


def find_dates_of_birth(text: str) -> list[Finding]:
    """Dates with a birth context; "DOB" speaks for the first date after it only ("DOB 03/04/1961 next cal
    21/01/2023": the calibration date is no one's birthday)."""
    out = [Finding("DATE_OF_BIRTH", m.start("d"), m.end("d"), 0.9, "DateOfBirthRecognizer")
           for m in _DOB_SIX.finditer(text)]
    for m in DATE_RE.finditer(text):
        # No number between the context and the date: not even what is left of a date already generalised to
        # its year ("DOB 1961 next cal 21/01/2023"), or the anonymiser's self-check would take the next one.
        before = [c for c in DOB_BEFORE.finditer(text, max(0, m.start() - 45), m.start())
                  if not any(ch.isdigit() for ch in text[c.end():m.start()]) and (c.group()[-1] != "(" or c.end()
                                                                                 == m.start())]
        if before or _birth_word_after(text, m.end()) or _after_patient_name(text, m.start()) or (
                old_date(m.group()) and _after_patient_name(text, m.start(), _PERSON_BEFORE_OLD_DATE)):
            out.append(Finding("DATE_OF_BIRTH", m.start(), m.end(), 0.9, "DateOfBirthRecognizer"))
    return out


def old_date(date: str) -> bool:
    found = _YEAR_AT_END.search(date) or re.match(r"\d{4}", date)
    if found is None:
        return False
    year = int(found.group(1) if found.re is _YEAR_AT_END else found.group())
    return year < OLD_YEAR if year >= 100 else year >= 30  # "61" is 1961; "24" is 2024


def _after_patient_name(text: str, start: int, before: re.Pattern[str] = _PATIENT_NAME_BEFORE) -> bool:
    m = before.search(text, max(0, start - 60), start)
    if m is None:
        return False
    words = re.findall(r"[^\W\d_]+", m.group().lower())[1:]
    # "patient transferred, 12/03/2024": a verb is no part of a name
    return not any(w in _SENTENCE_WORDS or (len(w) > 4 and w.endswith(("ed", "ing"))) for w in words)


def _birth_word_after(text: str, end: int) -> bool:
    """"12/01/1990 (DOB)", "03/04/61 born": a birth word just after the date, in the same sentence, and not one
    that speaks for a date of its own ("Next service 14 Aug 2020. Pt born 12/1/1990")."""
    after = DOB_AFTER.search(text, end, end + 20)
    if after is None or re.search(r"[.;]\s", text[end:after.start()]):
        return False
    return DATE_RE.search(text, after.end(), after.end() + 12) is None


# A date too old to be the job's right after a person's name, the two set apart as a form's fields are ("Sunita
# Sangha | 12/03/1961 | ...", "SANGHA - 12/03/1961", "Jane Doe; 12.03.61"): when that person was born.
_FIELD_BREAK = re.compile(r"[ \t]*(?:[,;|(\-\u2013]|\s)[ \t]*(?:\(?[ \t]*)")


# A name and a date alone in brackets ("event log in memory (Archie Entwistle 09/04/2021)", "(pt J Smith 3/2/24)")
# name the patient by birth date however young; so does a date after a newborn's name ("baby Jones 02/01/2025").
_BRACKET_OPENS = re.compile(r"\((?:(?P<word>[^\W\d_]+|[A-Z][A-Z_]{1,20}_[0-9a-f]{16,64})\.?[ \t]+)?$")
_BRACKET_CLOSES = re.compile(r"[ \t]*\)")
_NEWBORN = re.compile(r"(?i)\b(?:baby(?:[ \t]+of)?|infant|twin)[ \t]+$")
_NEWBORN_NAMED = re.compile(r"(?i)(?:baby|infant|twin)[ \t]")
_WHOLE_NAME = re.compile(r"[^\W\d_]{2,}(?:['\u2019-][^\W\d_]+)*(?:,?[ \t]+[^\W\d_]{2,}(?:['\u2019-][^\W\d_]+)*)+"
                         r"|[^\W\d_]{2,}[ \t]+[A-Z]")  # "(Amelia N. 09/11/2015)": a given name, the surname's initial


def _bracketed_with_name(text: str, start: int, end: int, date_end: int) -> bool:
    """A whole name (no initial: "(J Smith 12/03/24)" signs an entry; "SHEKONI, Iyabode" is whole), or a name
    after a word, a title or the other half's pseudonym ("(Ms Shekoni, 03.08.03)", "(Archie Whitfield 08/05/22)"
    with one half found, "(PERSON_... Whitfield 08/05/22)" where a later pass found the other), and a date, alone
    in brackets."""
    opens = _BRACKET_OPENS.search(text, max(0, start - 90), start)
    before = (opens.group("word") or "").lower() if opens is not None else ""
    # a doctor or a nurse signs an entry so ("(Dr Ahmed, 03.08.23)"): the date is the entry's
    named = len(before) > 1 and (before in COURTESY or (before not in HONORIFICS and before not in ROLES_ONE))
    return opens is not None and (named or _WHOLE_NAME.fullmatch(text, start, end) is not None) \
        and _BRACKET_CLOSES.match(text, date_end) is not None


# A patient's name and a date alone in brackets after it ("while Mrs Kowalczyk (08.01.05) was getting out", "pt Amara
# Obi (22 nov 09)"): however young, the patient's birth; a signer's name so dates the entry ("Dr Ahmed (03.08.23)").
_PATIENT_BEFORE = re.compile(rf"(?i)\b(?:{'|'.join(sorted(COURTESY))}|pt|patient|client|resident)\.?[ \t]+$")
_DATE_ALONE_OPENS = re.compile(r"[ \t]*\([ \t]*")


def _patient_bracketed(text: str, start: int, end: int, date_start: int, date_end: int) -> bool:
    opens = _DATE_ALONE_OPENS.match(text, end)
    return opens is not None and opens.end() == date_start and _BRACKET_CLOSES.match(text, date_end) is not None \
        and _PATIENT_BEFORE.search(text, max(0, start - 10), start) is not None


def with_birth_dates_after_names(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings and, right after each name, an old date, a date bracketed with the name alone or a newborn's
    (DATE_OF_BIRTH), in place of what else was found there (a bracketed date read as a hospital number, or
    nothing)."""
    out = list(findings)
    for f in names_beside_numbers(text, findings):
        # the full stop of a surname's initial ("Amelia N. 09/11/2015") belongs to the name
        gap = _FIELD_BREAK.match(text, f.end + (text[f.end:f.end + 1] == "." and text[f.end - 2:f.end - 1] == " "))
        date = DATE_RE.match(text, gap.end()) if gap else None
        if date is None or not (old_date(date.group()) or _bracketed_with_name(text, f.start, f.end, date.end())
                                or _patient_bracketed(text, f.start, f.end, date.start(), date.end())
                                or _NEWBORN.search(text, max(0, f.start - 8), f.start)
                                or _NEWBORN_NAMED.match(text, f.start, f.end)):
            continue
        out = [o for o in out if not (o.start < date.end() and date.start() < o.end and o.entity_type != "PERSON")]
        out.append(Finding("DATE_OF_BIRTH", date.start(), date.end(), 0.8, "DateOfBirthRecognizer"))
    return out
