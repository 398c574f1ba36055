"""Hospital (MRN) numbers: by the customer's patterns beside a context word, after their labels in any spelling,
straight after "pt"/"patient", after a patient's name (in brackets or not), prefixed by a trust's code, or joined
to the patient's NHS number."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from intake.anonymisation.findings import Finding
from intake.anonymisation.id_schemes import after_other_label
from intake.anonymisation.recognizers_uk import context_before, find_nhs_numbers

# -- hospital numbers ---------------------------------------------------------------------------------------
MRN_CONTEXT = re.compile(
    r"(?i)\bmrn\b|medical\s+record|hospital\s+(?:no|num|number|id)|hosp\.?\s+no|unit\s+(?:no|number)|"
    r"patient\s+(?:id|no|number)|\bpt\.?\s*(?:id|no|num|number)\b|case\s+(?:no|number)|\bpas\b|\bk\s?no\b|"
    r"\bchart\s+(?:no|num|number)|health\s+record|\bhrn\b|\bihi\b|\bnhc\b|\bhistoria\b"
)


@lru_cache(maxsize=16)
def _mrn_regexes(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


# Hospital numbers in digits: 6 to 10 of them, or grouped "40-118-273", "40 118 273", "40/118/273".
_GROUPED_ID = r"\d{6,10}|\d{2,4}(?P<sep>[ /-])\d{3,4}(?:(?P=sep)\d{3,4})?"
# A number written right after its label ("hosp no: 12345678", "MRN# RX1 1234567", "K-number K1234567"), in
# any case: whatever its shape, the label says what it is, a check letter after it too ("BH 214781H"). Digits
# only need 6 to 10 of them (Irish hospitals' MRNs have 6), which a ward number, a bleep or a year never has;
# after "unit no", which equipment uses too, 7. An ambulance crew's patient care record ("ePR 6529648", "PCR no
# 1234567") points at one patient as a hospital number does, and so does a year's series after its label ("case note
# no: 17/044213"). "PID" is how patient administration and imaging systems label the patient's identifier.
MRN_LABELLED = re.compile(
    r"(?i)(?:\bmrn|medical\s+record\s+(?:no|num|number)|hospital\s+(?:no|num|number|id)|hosp\.?\s*(?:no|num|number)"
    r"|\bhosp(?:ital)?(?=\s*#|\s*:(?!\s*0\d{2,4}[ -]\d{3})|[ \t]+[A-Za-z]{0,3}[ -]{0,2}\d{5})"
    r"|\bh/\s?no|\bh\s?/\s?n|\bhn"
    r"|\bcase\s*notes?\s+(?:no|num|number)"
    r"|\bnotes\s+(?:no|num|number)"
    r"|(?P<unit>unit)\s+(?:no|num|number)|patient\s+(?:id|no|number|ref|record\s+(?:no|num|number))"
    r"|\bpt\.?\s*(?:id|no|num|number|ref)"
    # a continental vendor's system: "Pat.-Nr.", "Pat-ID", "PatID", "Fall-Nr." (the case's number); not "PAT", the
    # portable appliance test whose labels are numbered
    r"|\b(?!(?-i:PAT))pat\.?-?\s?(?:id|nr|no)|\bfall-?nr"
    r"|\bpas\s+(?:no|num|number|id)|\bpas(?=\s*[:#]|[ \t]+\d{6})"
    r"|\bpid|\bk[\s-]?(?:no|number)|\bcrn|\burn|\brxh?\s+no|\bchart\s+(?:no|num|number)"
    # patient administration and community systems, and how they name the patient ("client ID", "CNN")
    r"|\b(?:rio|systm\s?one|emis|lorenzo|ipms?|client|service\s+user|community|comm)(?:\s+(?:id|no|num|number|ref))?"
    # social care's case systems and how they name the person ("Mosaic ID", "LAS ID", "SU no", "Person ID")
    r"|\b(?:mosaic|carefirst|frameworki|framework-i|liquidlogic)(?:\s+(?:id|no|num|number|ref))?"
    r"|\b(?:las|paris|s1|su|person|social\s+care|adult\s+social\s+care|asc)\s+(?:id|no|num|number|ref)"
    # hospitals' patient administration systems, by name before their number ("Medway no", "Trak no.", "Epic MRN")
    r"|\b(?:medway|trak(?:care)?|cerner|millennium|epic|careflow|maxims|pims|oasis|meditech|evolve|sunrise)"
    r"\s+(?:id|no|num|number|ref|mrn|pid)"
    r"|\bcid|\bcnn|\bid\s+band|\bpts?'?\s+(?:hosp(?:ital)?\s+)?(?:no|num|number)(?:\s+is)?"
    r"|\bhealth\s+record\s+(?:no|num|number)|\bhrn|\bihi|\be?pcr|\beprf?|\bprf|\bcase\s*notes?"
    r"|\b(?:mr|ur|trust)\s+(?:no|num|number|id)|patient\s+identifier|\bwristband"
    # a record number's "RN" before seven digits and more; a nurse's PIN has letters ("RN 6441073", not "RN 12A3456E")
    r"|\brn(?=\s*[:#]?\s*\d{7,10}(?![\w/-]))"
    # a Spanish partner's: the historia clínica's number ("NHC 1234567", "historia 1234567", "nº de historia")
    r"|\bnhc|\bn\.\s?h\.\s?c|\bhistoria(?:\s+cl[ií]nica)?|\bn[º°]\s?(?:de\s+)?historia)\b\.?\s*(?:is\s+|of\s+)?"
    r"(?:(?:no|num|number|ref)\b\.?\s*)?[:#=.-]{0,2}\s*"
    r"(?!(?:ext|extn|tel|bleep|blp|mob|fax)\b|x\d)"  # "Raigmore Hospital\nExt 64494": a line, not a number's
    rf"(?P<id>[A-Z]{{1,3}}\d{{0,2}}[ -]?\d{{5,10}}[A-Z]?|[A-Z]{{2,4}}/\d{{5,10}}"  # a hospital's letters, a slash
    rf"|[A-Z]{{1,3}}[ -]{{0,2}}(?:\d{{5,10}}|\d{{3,4}}[ -]\d{{3,4}})[A-Z]?"  # as typed: "RX  4074224", "RX324 9080"
    rf"|(?:{_GROUPED_ID})[A-Z]?|\d{{2,4}}-\d{{2,4}}-\d{{1,4}}"
    r"|\d{2,4}/\d{5,8}|\d{2,3} \d{2,3} \d{3,4})"  # the last as read out over the phone: "56 78 901"
    r"(?![\w/-])"
)
# A letter's number, prefixed by that letter: "K number K1234567", "D no: D123456", "M-number M0012345".
MRN_LETTER_NUMBER = re.compile(
    r"(?i)\b(?P<letter>[a-z])[\s-]?(?:no|num|number)\b\.?\s*[:#=.-]{0,2}\s*(?P<id>(?P=letter)\d{5,9})(?![\w/-])")
# Straight after "pt"/"patient" with no label between ("loan to patient 40-118-273"): a number only a patient
# record carries there, in one piece or in three groups (two, "100-150", are a range), or one capital and six to
# nine digits ("previous pt M2124570", "pt m2124570" in a note typed in lower case; a trust's two or three, "pt
# RX123456"; a check letter after them, "pt K506446J"), unless a part is being ordered
# or fitted ("replaced pt M2124570").
MRN_AFTER_PT = re.compile(
    r"(?i:(?<!replaced )(?<!ordered )(?<!fitted )(?<!new )(?<!spare )\b(?:pt|patient)\s*[:#]?\s*)"
    r"(?P<id>\d{6,10}|\d{2,4}(?P<sep>[ /-])\d{3,4}(?P=sep)\d{3,4}|\d{4} \d{4}|[A-Za-z]\d{6,9}[A-Za-z]?"
    r"|[A-Za-z]{2,3}[ -]{0,2}(?:\d{6,9}|\d{3}[ -]\d{4}))"
    r"(?![\w/-])"
)
# The patient's number right after their name, no bracket ("pt Rodel Soriano 8981204 no harm", "patient
# sáenz, begoña M2124570", "home visit Ms Hale 6123456"): up to four words without a digit between "pt" or a
# courtesy title and the number.
MRN_AFTER_PATIENT_NAME = re.compile(
    r"(?i:\b(?:pt|patient|mr|mrs|ms|miss|mx)\b\.?)[ \t]+"
    r"(?:[^\W\d_][^\W\d_'\u2019.-]*(?:['\u2019.-][^\W\d_]+)*\.?,?[ \t]+){1,4}"
    r"(?P<id>\d{6,10}|[A-Za-z]{1,3}\d{6,9}|[A-Za-z]\d{6,9}[A-Za-z])(?![\w/-])"
)
# Words that say the number after them is something else: its own label, or a thing beside the patient.
_OTHER_NUMBER = re.compile(r"(?i)\b(?:nhs|no|num|number|tel|phone|mob|mobile|ext|bleep|dob|born|aged?|weight|kg|bed|"
                           r"bay|ward|room|asset|serial|sn|ref|job|tag|id|chi|cad|inc|incident|datix|tray|set|scope)\b")
# A number in brackets after the patient's name ("pt J Smith (92-234-279)", "patient Okafor, A. (RX1234567)"): how a
# record names the patient's hospital number beside the name. Six digits at least, so a model ("(MX450)") is none.
# No digit between: "defib'd pt x3 at scene (230212-7918)" counts shocks, and the bracket holds the incident.
MRN_AFTER_PATIENT = re.compile(r"(?i)\b(?:pt|patient)\b[^()\n\d]{1,40}?\((?P<id>[a-z]{0,3}\d(?:[ -]?\d){5,11})\)")
# A trust's three-character NHS organisation code (R + two letters or digits: "RX1", "RTH") before a 7 to 10
# digit number is how some trusts write their hospital numbers: "RX1 3660814", "rwv 921 3638" in a lower-case note;
# not a return's, a reference's or a quote's letters ("RMA-6353892", "REF 1234567").
MRN_TRUST_PREFIXED = re.compile(r"(?<![\w-])(?!(?i:rma|ref|rfq|rpt|req)[ -]?\d)(?:R[A-Z0-9]{2}|r[a-z]{2})[ -]?"
                                r"(?P<id>\d{7,10}|\d{3}[ -]\d{4})(?![\w-])")
# A newborn's hospital number, the mother's with the baby's or twin's suffix ("L1234567/B1", "l2354302-b1",
# "RX1234567/T2"): the suffix says whose it is, label or none.
MRN_NEWBORN = re.compile(r"(?<![\w/-])(?:[A-Za-z]{1,3}\d{5,9}|\d{6,10})[/-](?:[Bb](?:aby)?|[Tt](?:win)?)[ -]?[1-4]"
                         r"(?![\w/-])")
# ... only where a newborn is spoken of: a part's revision has the same shape ("fuse 1234567/T1", "123456-B2")
_NEWBORN_NEAR = re.compile(r"(?i)\b(?:baby|babytag|babies|twins?|triplets?|infant|neonat\w*|newborn|bo|b/o|cot|mother"
                           r"|mum|maternity|postnatal|nicu|scbu|nnu)\b")
# A baby security system's tag on one newborn ("Hugs tag 40812", "BABY SECURITY TAG 42603", "Last alarm: tag 40034
# (Baby of ...)", "babytag BT-44812", "infant security band 10423"): it identifies the baby as a wristband does. A
# tag's number with nothing newborn near it is an asset's, and never one after "asset", "equipment", "PAT" or "barcode".
MRN_BABY_TAG = re.compile(
    r"(?i)(?<!asset )(?<!asset-)(?<!equipment )(?<!pat )(?<!property )(?<!inventory )(?<!barcode )(?<!rfid )"
    r"(?<!ebme )(?<!service )(?<!id )(?:\b|(?<=baby))(?:tag|band|bracelet)\s*(?:no\.?|number|id)?\s*[:#]?\s*"
    r"(?P<id>[A-Z]{0,3}-?\d{4,8})(?![\w/-])")
_SECURITY_TAG = re.compile(r"(?i)\b(?:hugs|cuddles|halo|security|abduction|infant protection)\s+$")
# A patient in the same text: then "unit no" is the patient's unit number, not a device's, six digits too.
_PATIENT_NEAR = re.compile(r"(?i)\b(?:pt|patient|client|mr|mrs|ms|miss|dob|d\.o\.b|nhs)\b")


# A patient's identifiers travel together: a bare number joined to an NHS number by a slash, comma or bar
# ("NHS 943 476 5919 / 86-217-346", "RHX0076123, 943 476 5919") is that patient's hospital number.
_BESIDE_NHS_AFTER = re.compile(
    r"(?:[ \t]*[/,;|\u2013-][ \t]*|[ \t]+\(?|[ \t]*\()"  # a bar, a dash, a space, brackets ("5919 (86217346)")
    r"(?P<id>[A-Z]{0,3}\d{6,10}|[A-Z]{0,3}\d{2,4}(?P<sep>[ -])\d{3,4}(?P=sep)\d{3,4})(?![\w/-])")
_BESIDE_NHS_BEFORE = re.compile(
    r"(?<![\w/-])(?P<id>[A-Z]{0,3}\d{6,10}|[A-Z]{0,3}\d{2,4}(?P<sep>[ -])\d{3,4}(?P=sep)\d{3,4})[ \t]*[/,;|][ \t]*"
    r"(?:nhs\s*(?:no\.?|number)?\s*:?\s*)?$", re.IGNORECASE)


def _beside_nhs_numbers(text: str) -> list[tuple[int, int]]:
    spans = []
    for nhs in find_nhs_numbers(text):
        if nhs.score < 0.65:
            continue
        after = _BESIDE_NHS_AFTER.match(text, nhs.end)
        if after is not None:
            spans.append(after.span("id"))
        before = _BESIDE_NHS_BEFORE.search(text, max(0, nhs.start - 40), nhs.start)
        if before is not None:
            spans.append(before.span("id"))
    return spans


def find_mrns(text: str, patterns: Sequence[str]) -> list[Finding]:
    """Hospital numbers by the customer's patterns; only with a context word, as the shapes are too common."""
    out = []
    for rx in _mrn_regexes(tuple(patterns)):
        for m in rx.finditer(text):
            if context_before(text, m.start(), MRN_CONTEXT, 35):
                out.append(Finding("MRN", m.start(), m.end(), 0.85, "MrnRecognizer"))
    if any(ch.isdigit() for ch in text):
        for rx, whole in ((MRN_NEWBORN, True), (MRN_BABY_TAG, False), (MRN_LABELLED, False), (MRN_LETTER_NUMBER, False),
                          (MRN_TRUST_PREFIXED, True),
                          (MRN_AFTER_PATIENT, False), (MRN_AFTER_PT, False), (MRN_AFTER_PATIENT_NAME, False)):
            for m in rx.finditer(text):
                if rx is MRN_LABELLED and m.group("unit") and len(m.group("id")) < 7 and not _PATIENT_NEAR.search(text):
                    continue
                if rx in (MRN_NEWBORN, MRN_BABY_TAG) and not _NEWBORN_NEAR.search(
                        text, max(0, m.start() - 60), m.end() + 60) and not _SECURITY_TAG.search(
                        text, max(0, m.start() - 20), m.start()):
                    continue
                if rx is MRN_AFTER_PATIENT_NAME and (_OTHER_NUMBER.search(text, m.start(), m.start("id"))
                                                     or after_other_label(text, m.start("id"))):
                    continue
                s, e = m.span(0) if whole else m.span("id")
                if not any(f.start < e and s < f.end for f in out):
                    out.append(Finding("MRN", s, e, 0.85, "MrnRecognizer"))
        if sum(ch.isdigit() for ch in text) >= 16:
            for s, e in _beside_nhs_numbers(text):
                if not any(f.start < e and s < f.end for f in out):
                    out.append(Finding("MRN", s, e, 0.8, "MrnRecognizer"))
    return out
