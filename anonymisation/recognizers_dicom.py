"""What imaging systems write about a patient, as engineers paste it from modality, worklist and PACS logs.

DICOM writes a person's name as `SURNAME^GIVEN^MIDDLE^PREFIX^SUFFIX` ("OKAFOR^CHIDI", "SMITH^JANE^^^MRS"): nothing
else in equipment data joins words with carets (a count is "10^9/L", digits first), so a caret between two words is
a name wherever it stands. A log names its attributes by keyword ("PatientName=", "AccessionNumber=") or by tag
("(0010,0020)", dcmdump's "(0010,0020) LO [RX123456]"): after them the value is the patient's whatever its shape.
An accession number names one patient's examination, so it is pseudonymised as a hospital number is (MRN).
Birth dates ("PatientBirthDate=19650312") are recognizers_uk's, which knows DICOM's date and these labels.
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding
from intake.anonymisation.recognizers_hl7 import find_hl7_fields, segment_spans

_PART = r"[^\W\d_][^\W\d_'\u2019-]*(?:['\u2019-][^\W\d_]+)*"
_CAPITALISED = r"[A-Z][^\W\d_'\u2019-]*(?:['\u2019-][^\W\d_]+)*"
_PARTICLES = (r"(?i:(?:van|von|der|den|de|del|della|dela|delos|delas|di|da|du|la|le|las|los|st|san|santa|al|el|bin"
              r"|ben|ibn|abu|ap|mac|mc|ni|nic|ua|dos|das|ter|ten|op)\s+){0,3}")
# "SMITH^JANE", "VAN DER BERG^JAN^PIET", "DELA CRUZ^CHERRY", "O'NEILL^MARY-ANN^^^MRS": surname (after its
# particles), caret, given name, up to three more components (middle name, prefix, suffix), any of them empty.
DICOM_NAME = re.compile(
    rf"(?<![\w^]){_PARTICLES}{_PART}\^{_PART}(?: {_PART}(?=\^))?(?:\^(?:{_PART}\.?)?){{0,3}}(?![\w^])")
# A value after its attribute: after a tag ("(0010,0020)"), dcmdump's two-letter value representation, "=" or ":"
# and square brackets, each if written; after a keyword ("PatientID=", "Patient's Name:"), "=" or ":" at least.
_TAG_VALUE = r"\s*(?:[A-Z]{2}\s+)?[=:]?\s*\[?"  # dcmdump's value representations are in capitals
_KEY_VALUE = r"\s*[=:]\s*\[?"
_NAME_ATTRIBUTE = re.compile(
    rf"(?:\((?:0010,0010|0008,0090|0008,1050|0008,1070|0032,1032)\){_TAG_VALUE}|\b(?i:Patient'?s?\s?Name"
    rf"|ReferringPhysician'?s?Name|PerformingPhysician'?s?Name|Operators?'?\s?Name|OtherPatientNames){_KEY_VALUE})"
    rf"(?P<v>{_PART}(?:\^{_PART}?)*(?:,? (?![A-Za-z]+=){_CAPITALISED}){{0,2}})")
_ID_ATTRIBUTE = re.compile(
    rf"(?:\((?:0010,0020|0010,1000|0008,0050)\){_TAG_VALUE}|\b(?:Patient'?s?\s?ID|OtherPatientIDs|Accession\s?Number)"
    rf"{_KEY_VALUE})(?P<v>[A-Za-z]{{0,4}}[0-9][A-Za-z0-9/-]{{3,20}})", re.IGNORECASE)
# "acc 24R555111", "Acc no: RAD1234567", "acc# 98765432", "accession number RAD0001234", "RIS no 24R555111", "CRIS
# number ...", "exam no 12345678", "Study ID 98765432", "req no 24R555111": five digits at least, so an accessory's
# part number ("acc 12") is none.
_ACCESSION = re.compile(
    r"(?i:(?:\bacc(?:ession|n)?(?:[\s._]*(?:no|num|number))?|\bacn|\bc?ris\s*(?:no|num|number|ref|id)|\bexam(?:ination)?\s*"
    r"(?:no|num|number|id|ref)|\bstudy\s*(?:id|no|num|number|ref)"
    # the radiology request, the PACS's own id, the episode or visit the examination belongs to
    r"|\b(?:request|req|rq|pacs|episode|procedure|visit|encounter|attendance|image)\s*(?:no|num|number|id|ref)"
    r"|\bc?ris\s+event(?:\s*(?:no|num|number|id))?"
    # a patient's specimen in the laboratory ("Spec: 24H123456", "lab no 24H123456"); not a water sample's
    r"|\bspecimen(?:\s*(?:no|num|number|id))?|\bspec\s*(?:no|num|number|id)|\bspec(?=\s*:\s*\d{2}[A-Z]\d{5})"
    r"|\blab\s*(?:no|num|number)|\ba/n|\b(?:accessions|studies|exams|specimens)(?:\s+(?:nos|numbers))?)\b\.?"
    r"(?:\s*[:#=]?\s*\[?|-(?=\d{5}))"  # "Accession Number [4512398]", "ACC-4512398"
    r")"
    # a year in the middle as some systems write it ("RJZ-2024-0012345", "XR-24-001234", "CT/24/012345",
    # "2024-0012345"), a site's or a modality's letters apart ("RAD-1234567"), a check letter after
    r"(?P<v>[A-Z]{0,4}\d{0,2}[A-Z]?\d{5,12}[A-Z]?|[A-Z]{1,4}([-/])(?:(?:19|20)?\d{2}\2)?\d{4,10}"
    r"|(?:19|20)\d{2}-\d{4,8}|\d{2}-[A-Z]{1,3}-\d{5,8}"
    # whatever else a system makes of letters, digits and dashes after the label, five digits in it at least
    # ("2024R0012345", "CT24-001234", "24RXH00123"); not a date ("acc 12/03/2024")
    r"|(?!\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?![\w/-]))(?=[A-Z0-9-]*?\d(?:[A-Z-]*\d){4})[A-Z0-9][A-Z0-9-]{4,22}[A-Z0-9])"
    r"(?![\w-]|/(?![A-Z]{0,4}\d{0,2}[A-Z]?\d{5}))",
    re.IGNORECASE)
# A study's or an image's instance UID after its label: one examination of one patient (not the standard's own
# class UIDs under 1.2.840.10008, which name a kind of object).
_INSTANCE_UID = re.compile(
    r"(?i:\b(?:study|series|sop)[ _]?(?:instance[ _]?)?uid|\bsuid)\b\s*[:#=]?\s*"
    r"(?P<v>(?!1\.2\.840\.10008\.)[12](?:\.\d+){4,})")


# What a DICOM service did with a study, then the study's accession number without a label ("C-STORE 23R123456
# rejected", "MPPS N-SET failure for 25R703102", "Study RAD7654321 for"): five digits at least, letters allowed.
_AFTER_SERVICE = re.compile(
    r"(?i:\b(?:c-(?:store|find|move|get|echo)|n-(?:set|create|action|get)|mpps|study|exam(?:ination)?"
    r"|worklist\s+entry)(?:\s+(?:failure|failed|error|rejected|request))?(?:\s+(?:for|of|on))?\s+)"
    r"(?P<v>(?=[A-Za-z0-9]*\d{5})[A-Za-z]{0,4}\d[A-Za-z0-9]{4,14})(?![\w/.-])")
# The patient's ID right after their DICOM name ("Duplicate study PENNY^CRYSTAL J486499 merged").
_AFTER_NAME = re.compile(r"[ \t]+(?P<v>(?=[A-Z0-9]*\d{5})[A-Z]{0,4}\d[A-Z0-9]{4,14})(?![\w/.-])")


# A patient's specimen after what the laboratory or the ward calls it ("Sample ID 24H123456", "bloods sent
# (24H123456)", "specimen id: H24-123456", WinPath's "B,24.0123456.X", "H/24/123456"): in the shapes laboratory
# systems give their numbers (the year's two digits beside a letter), which a water sample's "WQ-2024-1234" or a
# part number has not.
_SPECIMEN = re.compile(
    r"(?i:\b(?:spec(?:imen)?s?|samples?|labs?|lab\s?no|path(?:ology)?|bloods?|biochem(?:istry)?|haem(?:atology)?"
    r"|micro(?:biology)?|cultures?)\b(?:\s+(?:no|num|number|id|ref|barcode|sent|taken|label(?:led)?))?\.?"
    r"\s*[:#=(]?\s*)"
    r"(?P<v>\d{2}[A-Z]\d{5,7}|[A-Z]\d{2}[-/.]\d{5,7}|[A-Z],\d{2}\.\d{6,8}\.[A-Z]|[A-Z]/\d{2}/\d{5,7})"
    r"(?![\w/-])")
# A washer's or a water system's sample, which the same laboratory numbers alike ("Washer 4 | Lab sample: W23.489497 |
# Result: TVC 0 cfu/100ml"): the water's, unless a patient is spoken of too.
_WATER_NEAR = re.compile(r"(?i)\b(?:water|rinse|tvc|cfu|washer|aer|legionella|pseudomonas|endotoxin|dialysate"
                         r"|ro plant)\b")
_PATIENT_NEAR = re.compile(r"(?i)\b(?:pt|patient|mr|mrs|ms|miss|dob|nhs|mrn|hosp(?:ital)? no|bloods?)\b")


def _a_water_sample(text: str, m: re.Match[str]) -> bool:
    window = text[max(0, m.start() - 80):m.end() + 80]
    return _WATER_NEAR.search(window) is not None and _PATIENT_NEAR.search(window) is None


# The next of a list of them ("24R555111, 24R555112 and 24R555113", "RAD1234567 / RAD1234568"): a list holds one
# kind of number, so the next counts when it has the first one's shape (letters and digits in the same places).
_NEXT_IN_LIST = re.compile(
    r"(?:\s*[,;/&+]\s*|\s+(?:and|or|&)\s+|[ \t]+)(?P<v>[A-Za-z]{0,4}\d[A-Za-z0-9-]{4,16})(?![\w/-])")


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", re.sub(r"[A-Za-z]", "A", value))


def _listed(text: str, spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    out = set(spans)
    for start, end in spans:
        shape = _shape(text[start:end])
        while (m := _NEXT_IN_LIST.match(text, end)) is not None and _shape(m.group("v")) == shape:
            out.add(m.span("v"))
            end = m.end("v")
    return out


def find_dicom_names(text: str) -> list[Finding]:
    """Person names in DICOM's caret form anywhere, and the value of a name attribute in any form."""
    if "^" not in text and "(" not in text and "=" not in text and ":" not in text:
        return []
    spans = {m.span() for m in DICOM_NAME.finditer(text)} if "^" in text else set()
    if spans and (segments := segment_spans(text)):
        # in a pasted HL7 message only its name fields hold names: "XR CHEST^Chest X-ray" is an order's code
        names = [f for f in find_hl7_fields(text) if f.entity_type == "PERSON"]
        spans = {(s, e) for s, e in spans if not any(a <= s < b for a, b in segments)
                 or any(f.start <= s < f.end for f in names)}
    spans |= {m.span("v") for m in _NAME_ATTRIBUTE.finditer(text)}
    return [Finding("PERSON", s, e, 0.85, "DicomNameRecognizer") for s, e in _outermost(spans)]


def find_dicom_identifiers(text: str) -> list[Finding]:
    """Patient IDs and accession numbers after their attribute or label, after what a DICOM service did with the
    study, or right after the patient's DICOM name (MRN)."""
    if not any(c.isdigit() for c in text):
        return []
    spans = {m.span("v") for m in _ID_ATTRIBUTE.finditer(text)} | {m.span("v") for m in _ACCESSION.finditer(text)} \
        | {m.span("v") for m in _SPECIMEN.finditer(text) if not _a_water_sample(text, m)} \
        | {m.span("v") for m in _INSTANCE_UID.finditer(text)}
    spans |= {m.span("v") for m in _AFTER_SERVICE.finditer(text)}
    if "^" in text:
        spans |= {after.span("v") for m in DICOM_NAME.finditer(text) if (after := _AFTER_NAME.match(text, m.end()))}
    return [Finding("MRN", s, e, 0.85, "DicomIdRecognizer") for s, e in _outermost(_listed(text, spans))]


def _outermost(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (x[0], -x[1])):
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out
