"""UK pattern detectors: NHS number (modulus 11), National Insurance number, postcode, phone numbers and
extensions, dates of birth by context, hospital/MRN numbers by configurable patterns, e-mail addresses and
street addresses.

Each detector is a plain function text -> list[Finding] (used directly by the fast structured and re-scan
paths), wrapped as a Presidio recognizer for the analyzer. Context words are looked for in the raw text
around the match, so they work without lemmas and with any spaCy pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from intake.anonymisation.findings import Finding
from intake.anonymisation.recognizers_ids import find_staff_ids, find_vehicle_registrations
from intake.anonymisation.recognizers_ie import find_celtic_addresses
from intake.anonymisation.vocabulary import Vocabulary, default_vocabulary

Detector = Callable[[str], list[Finding]]


def context_before(text: str, start: int, pattern: re.Pattern[str], window: int = 40) -> bool:
    return bool(pattern.search(text, max(0, start - window), start))


# -- NHS number ------------------------------------------------------------------------------------------
# 3-3-4 with spaces (one or two, as typed), dashes or nothing; not a mixture ("943 476-5919" is something else).
NHS_RE = re.compile(r"(?<![\w.])(\d{3})( {1,2}|-)?(\d{3})((?(2)(?: {1,2}|-)|))(\d{4})(?![\w])")
NHS_CONTEXT = re.compile(r"(?i)\bnhs\b|national health|health service|\bchi\b|\bh\s?&\s?c\b|health and care")
# The number's own label right before it ("NHS no 485 777 3456", "CHI: 0304511234", "H&C number"): ten digits there
# are that number even when mistyped, and a mistyped one still points at the patient.
NHS_LABEL = re.compile(r"(?i)(?:\bnhs|\bchi|\bh\s?&\s?c)\.?\s*(?:no\.?|num|number|#)?\s*[:=.-]?\s*$")
NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2, 1)


def nhs_checksum_ok(digits: str) -> bool:
    """Modulus 11: the weighted sum of the ten digits (weights 10..1) is a multiple of 11."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    return sum(int(d) * w for d, w in zip(digits, NHS_WEIGHTS, strict=True)) % 11 == 0


def find_nhs_numbers(text: str) -> list[Finding]:
    out = []
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
POSTCODE_CONTEXT = re.compile(r"(?i)post\s?code|postal|address|lives?\b|living|home|resident|\bat\b")


def find_postcodes(text: str) -> list[Finding]:
    out = []
    for m in POSTCODE_RE.finditer(text):
        score = 0.6
        if context_before(text, m.start(), POSTCODE_CONTEXT, 60):
            score = 0.85
        out.append(Finding("UK_POSTCODE", m.start(), m.end(), score, "UkPostcodeRecognizer"))
    return out


# -- phone numbers -------------------------------------------------------------------------------------------
# "0044" is how the international prefix is dialled from a UK line, and is written that way too.
_PHONE_START = re.compile(r"(?<![\w+])(\+ ?44 ?(?:\(0\) ?)?|00 ?44 ?(?:\(0\) ?)?|\(0|0)(?=\d)")
_PHONE_GROUP = re.compile(r"(\d+)(\)?)")
PHONE_CONTEXT = re.compile(
    r"(?i)\b(?:tel|telephone|phone|phoned|mob|mobile|call|called|ring|rang|contact|fax|number|no|on)\b"
)


def _national_digits(prefix: str, groups: str) -> str:
    digits = re.sub(r"\D", "", groups)
    if prefix.startswith("+"):
        return "0" + digits
    return "0" + digits


# Words before a catalogue number: "Part 040-001595-00", "REF 2130-9-0133", "P/N 0100-12345-67".
_PART_CONTEXT = re.compile(r"(?i)\b(?:part|parts|p/n|pn|ref|cat|catalogue|catalog|item|order|lot|batch|sku)\b"
                           r"\.?\s*(?:no\.?|number|#)?\s*:?\s*$")


def after_catalogue_word(text: str, start: int) -> bool:
    """A catalogue word ("part", "order no", "REF") right before `start`: what follows is no phone number."""
    return bool(_PART_CONTEXT.search(text[max(0, start - 20):start]))


def _not_phone_grouping(text: str, start: int, end: int) -> bool:
    """A national-format number grouped as no UK number is ("098-436024-70": a last group of one or two digits),
    or with a catalogue word right before it, is a part or order number."""
    groups = re.split(r"[ -]", text[start:end].replace("(", "").replace(")", ""))
    if len(groups) > 1 and len(groups[-1]) < 3:
        return True
    return after_catalogue_word(text, start)


def find_uk_phones(text: str) -> list[Finding]:
    """UK landline and mobile numbers in the ways people type them, with an optional extension."""
    out: list[Finding] = []
    pos = 0
    while True:
        m = _PHONE_START.search(text, pos)
        if not m:
            break
        prefix = m.group(1)
        i = m.end()
        digits = ""
        best_end = -1
        open_paren = prefix.startswith("(")
        while True:
            g = _PHONE_GROUP.match(text, i)
            if not g:
                break
            if g.group(2) and not open_paren:
                break
            digits += g.group(1)
            i = g.end()
            if g.group(2):
                open_paren = False
            count = len(digits) + 1  # the leading 0 of the national format
            if count > 11:
                break
            if count in (10, 11) and not open_paren:
                best_end = i
            if i < len(text) and text[i] in " -" and i + 1 < len(text) and text[i + 1].isdigit():
                i += 1
                continue
            break
        if best_end < 0 or (best_end < len(text) and (text[best_end].isalnum() or text[best_end] == "_")):
            pos = m.end()
            continue
        national = _national_digits(prefix, text[m.end():best_end])
        if national[1] not in "1235789" or len(set(national[1:])) == 1 or (
                not prefix.startswith(("+", "00")) and _not_phone_grouping(text, m.start(), best_end)):
            pos = best_end
            continue
        span_text = text[m.start():best_end]
        if prefix.startswith(("+", "00")):
            score = 0.85
        elif prefix.startswith("("):
            score = 0.8
        elif " " in span_text or "-" in span_text:
            score = 0.75
        else:
            score = 0.55
        # An extension after the number is the switchboard's internal number, kept like any other extension
        # (EXTENSION, policy): the number before it is the person's line or the switchboard, redacted either way.
        end = best_end
        if score < 0.8 and context_before(text, m.start(), PHONE_CONTEXT, 25):
            score = min(0.95, score + 0.25)
        out.append(Finding("PHONE_NUMBER", m.start(), end, score, "UkPhoneRecognizer"))
        pos = end
    return out


EXTENSION_RE = re.compile(
    r"(?<![\w])(?:(?i:ext|extn|extension|bleep|bleeper|pager)\.?:?\s?(?:no\.?\s?)?\d{3,5}|x\d{3,5})(?![\w])"
)


def find_extensions(text: str) -> list[Finding]:
    """Internal extensions and bleeps, as their own entity type INTERNAL_NUMBER: they reach a hospital
    switchboard or a role, not a person, so the default policy keeps them (`INTERNAL_NUMBER: keep`); a policy
    that names another operator replaces them. A full number's own extension stays in find_uk_phones."""
    return [
        Finding("INTERNAL_NUMBER", m.start(), m.end(), 0.7, "ExtensionRecognizer")
        for m in EXTENSION_RE.finditer(text)
    ]


# -- e-mail --------------------------------------------------------------------------------------------------
EMAIL_RE = re.compile(r"(?<![\w.+'-])[A-Za-z0-9][A-Za-z0-9._%+'-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]{2,}(?![\w-])")
OBFUSCATED_EMAIL_RE = re.compile(
    r"(?<![\w.])[A-Za-z0-9][A-Za-z0-9._%+-]*\s+(?:at|\[at\]|\(at\))\s+(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])"
)


def _valid_domain(address: str) -> bool:
    from intake.anonymisation.engine import offline_tld_extractor

    domain = address.rsplit("@", 1)[-1] if "@" in address else address.split()[-1]
    return bool(offline_tld_extractor()(domain).suffix)


# Words of a shared departmental mailbox's local part ("ebme.helpdesk@", "medical.physics@"): it reaches a
# team, not a person, and is kept. Generic company mailboxes ("info@", "sales@") are not hospital roles and are
# still reported, as Presidio does.
ROLE_MAILBOX_WORDS = frozenset({
    "helpdesk", "help", "desk", "ebme", "physics", "medical", "engineering", "team", "dept", "department", "admin",
    "enquiries", "enquiry", "support", "service", "services", "servicedesk", "noreply", "reception",
    "office", "estates", "procurement", "pharmacy", "theatres", "ward", "switchboard", "bookings", "accounts",
    "finance", "it", "ict", "clinical", "biomedical", "bme", "mes", "equipment", "library",
    "devices", "device", "faults", "fault", "medphys", "repairs", "repair", "loans", "loan", "stores", "workshop",
    "maintenance", "calibration", "safety", "alerts", "contracts", "orders", "purchasing", "quality",
    "medicaldevices", "medical-devices", "mdsm", "mdso", "ppm", "tech", "technical", "electronics", "renal", "icu",
    "biomed", "medeng", "clineng", "clin", "facilities", "helpline", "hotline",
    "central", "duty", "oncall", "nursing", "radiology", "pathology", "lab", "labs", "laboratory", "imaging",
    "cardiology", "respiratory", "critical", "care", "emergency", "outpatients", "maternity", "midwifery",
    "paediatrics", "neonatal", "theatre", "surgery", "governance", "risk", "incidents", "datix", "infection",
    "control", "ipc", "decontamination", "sterile", "hsdu", "transport", "portering", "porters", "security",
    "catering", "logistics", "supplies", "supply", "asset", "assets", "inventory", "operations", "ops",
    "appointments", "referrals", "records", "informatics", "digital", "systems", "telecoms", "network",
    "training", "education", "research", "audit", "compliance", "complaints", "pals", "safeguarding", "dpo", "ig",
    "privacy", "foi", "and", "of",
    # departments as their mailboxes abbreviate them ("decon.team@", "cssd@", "endo.unit@")
    "decon", "steri", "ssd", "cssd", "endo", "endoscopy", "physio", "physiotherapy", "haem", "haematology",
    "biochem", "pharm", "rad", "xray", "mri", "ct", "ed", "ae", "amu", "ccu", "hdu", "itu", "nicu", "scbu", "opd",
    "unit", "admissions", "discharge", "bed", "site", "managers", "nurses", "matrons", "coordinator",
    "coordinators", "oncology", "dialysis", "audiology", "ophthalmology", "dental", "orthopaedics", "urology",
    "gynaecology", "stroke", "rehab", "medicine", "anaesthetics", "recovery", "daycase", "daysurgery",
})
_LOCAL_PARTS = re.compile(r"[._+-]")


def _role_word(word: str) -> bool:
    if word in ROLE_MAILBOX_WORDS or word.isdigit():
        return True
    # "clinengineering", "clinicalphysics": two role words written as one
    return any(word[:i] in ROLE_MAILBOX_WORDS and word[i:] in ROLE_MAILBOX_WORDS for i in range(2, len(word) - 1))


def is_role_mailbox(address: str) -> bool:
    """The local part is department or function words, with at most two short codes of the organisation or site
    beside them ("ebme.bcu@", "ggc.clinicalphysics@", "rch-tr.ebme@") that are no one's name: no person can hide
    in it."""
    words = [w for w in _LOCAL_PARTS.split(address.split("@", 1)[0].lower()) if w]
    codes = [w for w in words if not _role_word(w)]
    if not words or len(codes) == len(words) or len(codes) > 2:
        return False
    vocabulary = default_vocabulary()
    return all(2 <= len(w) <= 4 and w.isalpha() and w not in vocabulary.first_names and w not in vocabulary.last_names
               for w in codes)


def find_emails(text: str) -> list[Finding]:
    out = []
    if "@" in text:
        for m in EMAIL_RE.finditer(text):
            candidate = m.group(0).rstrip(".")
            if _valid_domain(candidate) and not is_role_mailbox(candidate):
                out.append(Finding("EMAIL_ADDRESS", m.start(), m.start() + len(candidate), 0.95, "EmailRecognizer"))
    if " at " in text or "[at]" in text or "(at)" in text:
        for m in OBFUSCATED_EMAIL_RE.finditer(text):
            if _valid_domain(m.group(0)):
                out.append(Finding("EMAIL_ADDRESS", m.start(), m.end(), 0.6, "EmailRecognizer"))
    return out


# -- dates of birth ------------------------------------------------------------------------------------------
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501
DATE_RE = re.compile(
    r"(?<![\w/.-])(?:"
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ -]{_MONTH}\.?,?[ -](?:\d{{4}}|\d{{2}})"
    rf"|{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    r")(?![\w/])",
    re.IGNORECASE,
)
DOB_BEFORE = re.compile(r"(?i)\bd\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s?date|\bborn\b|\bb\.\s*$|birthday")
DOB_AFTER = re.compile(r"(?i)birthday|\(dob\)|\bborn\b")


def find_dates_of_birth(text: str) -> list[Finding]:
    """Dates with a birth context; "DOB" speaks for the first date after it only ("DOB 03/04/1961 next cal
    21/01/2023": the calibration date is no one's birthday)."""
    out = []
    for m in DATE_RE.finditer(text):
        # No number between the context and the date: not even what is left of a date already generalised to
        # its year ("DOB 1961 next cal 21/01/2023"), or the anonymiser's self-check would take the next one.
        before = [c for c in DOB_BEFORE.finditer(text, max(0, m.start() - 45), m.start())
                  if not any(ch.isdigit() for ch in text[c.end():m.start()])]
        if before or _birth_word_after(text, m.end()):
            out.append(Finding("DATE_OF_BIRTH", m.start(), m.end(), 0.9, "DateOfBirthRecognizer"))
    return out


def _birth_word_after(text: str, end: int) -> bool:
    """"12/01/1990 (DOB)", "03/04/61 born": a birth word just after the date, in the same sentence, and not one
    that speaks for a date of its own ("Next service 14 Aug 2020. Pt born 12/1/1990")."""
    after = DOB_AFTER.search(text, end, end + 20)
    if after is None or re.search(r"[.;]\s", text[end:after.start()]):
        return False
    return DATE_RE.search(text, after.end(), after.end() + 12) is None


# -- hospital numbers ---------------------------------------------------------------------------------------
MRN_CONTEXT = re.compile(
    r"(?i)\bmrn\b|medical\s+record|hospital\s+(?:no|num|number|id)|hosp\.?\s+no|unit\s+(?:no|number)|"
    r"patient\s+(?:id|no|number)|\bpt\.?\s*(?:id|no|num|number)\b|case\s+(?:no|number)|\bpas\b|\bk\s?no\b|"
    r"\bchart\s+(?:no|num|number)|health\s+record|\bhrn\b|\bihi\b"
)


@lru_cache(maxsize=16)
def _mrn_regexes(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


# A number written right after its label ("hosp no: 12345678", "MRN# RX1 1234567", "K-number K1234567"), in
# any case: whatever its shape, the label says what it is. Digits only need 6 to 10 of them (Irish hospitals'
# MRNs have 6), which a ward number, a bleep or a year never has; after "unit no", which equipment uses too, 7.
MRN_LABELLED = re.compile(
    r"(?i)(?:\bmrn|medical\s+record\s+(?:no|num|number)|hospital\s+(?:no|num|number|id)|hosp\.?\s*(?:no|num|number)"
    r"|(?P<unit>unit)\s+(?:no|num|number)|patient\s+(?:id|no|number)|\bpt\.?\s*(?:id|no|num|number)"
    r"|\bpas\s+(?:no|num|number|id)|\bk[\s-]?(?:no|number)|\bcrn|\brxh?\s+no|\bchart\s+(?:no|num|number)"
    r"|\bhealth\s+record\s+(?:no|num|number)|\bhrn|\bihi)\b\.?\s*(?:is\s+|of\s+)?[:#=.-]?\s*"
    r"(?P<id>[A-Z]{1,3}\d{0,2}[ -]?\d{5,10}|\d{6,10}|\d{2,4}(?P<sep>[ -])\d{3,4}(?:(?P=sep)\d{3,4})?)(?![\w-])"
)
# A number in brackets after the patient's name ("pt J Smith (92-234-279)", "patient Okafor, A. (RX1234567)"): how a
# record names the patient's hospital number beside the name. Six digits at least, so a model ("(MX450)") is none.
MRN_AFTER_PATIENT = re.compile(r"(?i)\b(?:pt|patient)\b[^()\n]{1,40}?\((?P<id>[a-z]{0,3}\d(?:[ -]?\d){5,11})\)")
# A trust's three-character NHS organisation code (R + two letters or digits: "RX1", "RTH") before a 7 to 10
# digit number is how some trusts write their hospital numbers: "RX1 3660814".
MRN_TRUST_PREFIXED = re.compile(r"(?<![\w-])R[A-Z0-9]{2}[ -]?(?P<id>\d{7,10})(?![\w-])")


def find_mrns(text: str, patterns: Sequence[str]) -> list[Finding]:
    """Hospital numbers by the customer's patterns; only with a context word, as the shapes are too common."""
    out = []
    for rx in _mrn_regexes(tuple(patterns)):
        for m in rx.finditer(text):
            if context_before(text, m.start(), MRN_CONTEXT, 35):
                out.append(Finding("MRN", m.start(), m.end(), 0.85, "MrnRecognizer"))
    if any(ch.isdigit() for ch in text):
        for rx, whole in ((MRN_LABELLED, False), (MRN_TRUST_PREFIXED, True), (MRN_AFTER_PATIENT, False)):
            for m in rx.finditer(text):
                if rx is MRN_LABELLED and m.group("unit") and len(m.group("id")) < 7:
                    continue
                s, e = m.span(0) if whole else m.span("id")
                if not any(f.start < e and s < f.end for f in out):
                    out.append(Finding("MRN", s, e, 0.85, "MrnRecognizer"))
    return out


# -- street addresses ----------------------------------------------------------------------------------------
def _street_regex(vocabulary: Vocabulary, any_case: bool = False) -> re.Pattern[str]:
    types = "|".join(sorted((re.escape(t) for t in vocabulary.street_types), key=len, reverse=True))
    name_word = r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*" if any_case else r"[A-Z][^\W\d_]*(?:['\u2019-][^\W\d_]+)*"
    # The town ends at a word boundary, so that it never eats the letters of a postcode after it ("Leeds LS1").
    return re.compile(
        r"(?<![\w])(?:(?i:flat|apartment|apt|studio|unit)\.?\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+"
        rf"(?:{name_word}\s+){{1,3}}(?i:{types})\.?(?![\w])"
        rf"(?:,\s*{name_word}(?:\s+{name_word})?(?![\w]))?"
    )


@lru_cache(maxsize=4)
def _street_re_for(vocabulary: Vocabulary, any_case: bool = False) -> re.Pattern[str]:
    return _street_regex(vocabulary, any_case)


def find_street_addresses(text: str, vocabulary: Vocabulary | None = None) -> list[Finding]:
    """House number + street name + street word ("12 Acacia Avenue", "97 Lynda Bridge, Smithbury"); in lower
    case or capitals only beside a postcode or an address word ("lives at 4 high st, leeds ls1 4ab"), since
    "fitted 3 new wheels on the road" has the same shape."""
    if not any(ch.isdigit() for ch in text):
        return []
    vocabulary = vocabulary or default_vocabulary()
    out = [Finding("ADDRESS", m.start(), m.end(), 0.75, "StreetAddressRecognizer")
           for m in _street_re_for(vocabulary).finditer(text)]
    for m in _street_re_for(vocabulary, True).finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        if POSTCODE_RE.search(text, m.end(), min(len(text), m.end() + 30)) or context_before(
                text, m.start(), POSTCODE_CONTEXT, 25):
            out.append(Finding("ADDRESS", m.start(), m.end(), 0.7, "StreetAddressRecognizer"))
    return out


# -- Presidio wrappers ---------------------------------------------------------------------------------------
def recognizer_name(recognizer: EntityRecognizer) -> str:
    """A Presidio recognizer's name. Presidio assigns it in __init__ from an if/else that mypy cannot type
    through the untyped package ("Cannot determine type of name"): the one place that says so."""
    return str(recognizer.name)  # type: ignore[has-type]


class FunctionRecognizer(LocalRecognizer):
    """A Presidio recognizer around one of the detector functions above."""

    def __init__(self, name: str, entity: str, detector: Detector) -> None:
        self._detector = detector
        super().__init__(supported_entities=[entity], name=name, supported_language="en")

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not set(entities) & set(self.supported_entities):
            return []
        return [
            RecognizerResult(
                f.entity_type, f.start, f.end, f.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: recognizer_name(self),
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for f in self._detector(text)
        ]


def uk_recognizers(mrn_patterns: Sequence[str], vocabulary: Vocabulary) -> list[LocalRecognizer]:
    patterns = tuple(mrn_patterns)
    return [
        FunctionRecognizer("UkNhsRecognizer", "UK_NHS", find_nhs_numbers),
        FunctionRecognizer("UkNinoRecognizer", "UK_NINO", find_ninos),
        FunctionRecognizer("UkPostcodeRecognizer", "UK_POSTCODE", find_postcodes),
        FunctionRecognizer("UkPhoneRecognizer", "PHONE_NUMBER", find_uk_phones),
        FunctionRecognizer("ExtensionRecognizer", "INTERNAL_NUMBER", find_extensions),
        FunctionRecognizer("EmailRecognizer", "EMAIL_ADDRESS", find_emails),
        FunctionRecognizer("DateOfBirthRecognizer", "DATE_OF_BIRTH", find_dates_of_birth),
        FunctionRecognizer("MrnRecognizer", "MRN", lambda text: find_mrns(text, patterns)),
        FunctionRecognizer(
            "StreetAddressRecognizer", "ADDRESS", lambda text: find_street_addresses(text, vocabulary)
        ),
        FunctionRecognizer("CelticAddressRecognizer", "ADDRESS", find_celtic_addresses),
        FunctionRecognizer("StaffIdRecognizer", "STAFF_ID", find_staff_ids),
        FunctionRecognizer("VehicleRegistrationRecognizer", "UK_VEHICLE_REGISTRATION", find_vehicle_registrations),
    ]


def pattern_detectors(mrn_patterns: Sequence[str], vocabulary: Vocabulary) -> dict[str, list[Detector]]:
    """Entity type -> the detector functions, for paths that skip Presidio (structured values, re-scan)."""
    patterns = tuple(mrn_patterns)
    return {
        "UK_NHS": [find_nhs_numbers],
        "UK_NINO": [find_ninos],
        "UK_POSTCODE": [find_postcodes],
        "PHONE_NUMBER": [find_uk_phones],
        "INTERNAL_NUMBER": [find_extensions],
        "EMAIL_ADDRESS": [find_emails],
        "DATE_OF_BIRTH": [find_dates_of_birth],
        "MRN": [lambda text: find_mrns(text, patterns)],
        "ADDRESS": [lambda text: find_street_addresses(text, vocabulary), find_celtic_addresses],
        "STAFF_ID": [find_staff_ids],
        "UK_VEHICLE_REGISTRATION": [find_vehicle_registrations],
    }
