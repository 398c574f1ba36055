"""One detected span of personal data inside a text, as every detector returns it."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from intake.anonymisation.vocabulary import Vocabulary, compact

# Hex characters of a pseudonym token, at least: 64 bits, so that tens of thousands of people in one
# customer's data get distinct tokens (32 bits collide from about 77,000 values on: joins would merge people).
MIN_TOKEN_LENGTH = 16

# Broad NER labels: a checksum- or pattern-validated entity overlapping one of these wins whatever the scores.
GENERIC_TYPES = frozenset({"DATE_TIME", "ORGANIZATION", "NRP", "LOCATION", "AGE"})
# Our own pseudonym tokens ("PERSON_3f9a2c1b7d4e5a60", 16 to 64 hex characters) are never personal data.
# Not \b: two tokens may touch where a replaced span ended on a space ("PERSON_3f9a…MRN_…").
PSEUDONYM_RE = re.compile(rf"(?<![A-Z_])[A-Z][A-Z_]{{1,20}}_[0-9a-f]{{{MIN_TOKEN_LENGTH},64}}(?![0-9a-f])")


@dataclass(frozen=True, slots=True)
class Finding:
    """A span [start, end) of a text holding an entity, with the detector's confidence."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str = ""

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end


def resolve_overlaps(findings: list[Finding], text: str | None = None) -> list[Finding]:
    """Non-overlapping findings, sorted by start.

    Overlapping spans of the same entity type are merged (union, best score) so that a name found by two
    detectors with slightly different borders is replaced once. Between different types the higher score
    wins (a specific entity always beats a broad NER label such as DATE_TIME), then the longer span. With the
    `text`, a name cut where an address starts loses the spaces at the cut: a space replaced with the name would
    join its pseudonym to the next one ("Mr PERSON_…ADDRESS_…"), which no longer reads as a pseudonym.
    """
    if not findings:
        return []
    # A "name" inside a street address is the street's name ("12 Lynda Bridge"), and one inside an e-mail address
    # its local part ("jane.doe@..."): the whole address wins, or its domain would be left behind.
    # A name running into one ("Stu Buxton <s" of "<s.buxton@...>") keeps only its part before or after it.
    containers = [f for f in findings if f.entity_type in ("ADDRESS", "EMAIL_ADDRESS")]
    if containers:
        findings = [cut for f in findings
                    for cut in ([f] if f.entity_type != "PERSON" else _outside(f, containers, text))]
    merged: list[Finding] = []
    # Score and recognizer name break ties: Presidio's recognizer order varies between processes (hash seeds), the
    # findings must not.
    for f in sorted(findings, key=lambda x: (x.entity_type, x.start, -x.end, -x.score, x.recognizer)):
        last = merged[-1] if merged else None
        if last is not None and last.entity_type == f.entity_type and f.start < last.end:
            merged[-1] = Finding(
                last.entity_type, last.start, max(last.end, f.end), max(last.score, f.score),
                last.recognizer if last.score >= f.score else f.recognizer,
            )
        else:
            merged.append(f)
    ranked = sorted(merged, key=lambda x: (x.entity_type in GENERIC_TYPES, -x.score, -(x.end - x.start), x.start))
    kept: list[Finding] = []
    for f in ranked:
        if not any(f.overlaps(k) for k in kept):
            kept.append(f)
        elif f.entity_type == "ADDRESS":
            # a home around a postcode or a key safe's code that won keeps its other parts: the street must not go
            # with the span that lost ("5 Lightcliffe Road\nHalifax\nHX3 7WZ\nKey safe 2495")
            kept += _pieces_outside(f, [k for k in kept if f.overlaps(k)], text)
    return sorted(kept, key=lambda x: x.start)


def _pieces_outside(f: Finding, winners: list[Finding], text: str | None) -> list[Finding]:
    out, pos = [], f.start
    for w in sorted(winners, key=lambda x: x.start):
        out.append((pos, max(pos, w.start)))
        pos = max(pos, w.end)
    out.append((pos, f.end))
    pieces = []
    for start, end in out:
        if text is not None:
            start, end = _without_cut(text, start, end, _AT_A_CUT + "\r\n")
            if not any(ch.isalnum() for ch in text[start:end]):
                continue
        if end > start:
            pieces.append(Finding(f.entity_type, start, end, f.score, f.recognizer))
    return pieces


def _outside(name: Finding, containers: list[Finding], text: str | None) -> list[Finding]:
    for a in containers:
        if name.overlaps(a):
            if a.start <= name.start and name.end <= a.end:
                return []
            start, end = part_outside(name, a, text)
            if end <= start:
                return []
            return _outside(Finding(name.entity_type, start, end, name.score, name.recognizer), containers, text)
    return [name]


# What stands between a name and what cut it ("Rose Cottage, Mill Lane, Ashby": the name's part is "Ashby").
_AT_A_CUT = " \t,;:-("


def part_outside(name: Finding, other: Finding, text: str | None) -> tuple[int, int]:
    """The span of `name` before or after `other`, which overlaps it; with the `text`, without the spaces and
    punctuation at the cut, so that its replacement keeps them."""
    start, end = (name.start, other.start) if name.start < other.start else (other.end, name.end)
    return (start, end) if text is None else _without_cut(text, start, end, _AT_A_CUT)


def _without_cut(text: str, start: int, end: int, cut: str) -> tuple[int, int]:
    part = text[start:end]
    return start + len(part) - len(part.lstrip(cut)), end - len(part) + len(part.rstrip(cut))


# Spaces and hyphens as word processors, spreadsheets and e-mail clients type them (no-break, thin and narrow
# spaces; non-breaking hyphens, the minus sign; full-width digits), mapped one character to one so that offsets
# stay those of the original: "07700\u00a0900123" is the same phone number, "14\u00a0Oak Avenue" the same home.
# En and em dashes stay: a long dash says something a hyphen does not ("condemned \u2013 Ragnhild" signs an entry),
# and the rules that need them read them as they are. A carriage return before a line break (Windows, a dump's
# "\r\n") is a space at the line's end: the rules read line ends by "\n".
_PLAIN_TYPING = str.maketrans(
    {**{c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                      "\u202f\u205f\u3000\u200b\u2060\ufeff\r"},
     **{c: "-" for c in "\u2010\u2011\u2012\u2015\u2212\ufe63\uff0d"},
     **{chr(0xFF10 + d): str(d) for d in range(10)}, "\uff20": "@", "\uff0b": "+"})
_UNPLAIN = re.compile("[\r\u00a0\u1680\u2000-\u200b\u2010-\u2012\u2015\u202f\u205f\u2060\u2212\u3000\ufe63\ufeff\uff0b"
                      "\uff0d\uff10-\uff20]")


# Web systems export a form's rich text as HTML ("...not harmed. BH</p><p>Told the nurse"). Read as it renders: a
# block's tag ends a line (a sign-off before "</p>" ends its entry), an inline tag ("<strong>Mrs</strong> Okafor")
# is a space, "&nbsp;" a space; same length, so offsets stay the original's. Only HTML's own tag names, and no
# "@" inside: "<a.smith@nhs.net>" is an e-mail address in a header, never a tag.
_BLOCK_TAGS = "p|div|br|li|ul|ol|tr|td|th|table|tbody|thead|h[1-6]|blockquote|hr|pre"
_INLINE_TAGS = "span|strong|b|i|em|u|font|a|sup|sub|small|big|code|mark|s|strike|del|ins"
_HTML_TAG = re.compile(rf"</?(?:(?P<block>{_BLOCK_TAGS})|{_INLINE_TAGS})(?=[\s/>])[^<>@]{{0,300}}>|&nbsp;",
                       re.IGNORECASE)


def _as_rendered(m: re.Match[str]) -> str:
    width = m.end() - m.start()
    return "\n" + " " * (width - 1) if m.group("block") else " " * width


def detection_text(text: str) -> str:
    """What the detectors read: the text typed plainly, HTML as it renders and with pseudonyms steady; the same
    length, so every finding's offsets are the original text's."""
    if _UNPLAIN.search(text):
        text = text.translate(_PLAIN_TYPING)
    if "<" in text or "&nbsp;" in text:
        text = _HTML_TAG.sub(_as_rendered, text)
    return steady_pseudonyms(text)


def steady_pseudonyms(text: str) -> str:
    """The text with each pseudonym token's digest zeroed, same length ("PERSON_0000000000000000").

    The model reads a token's spelling: with the digest in it, whether "Heather" beside "PERSON_1b22..." is a
    name depended on the run's secret, so two runs over the same data redacted differently. Zeroed, the model
    sees the same text every run, and offsets stay those of the original.
    """
    if "_" not in text:
        return text
    return PSEUDONYM_RE.sub(lambda m: (head := m.group(0).rsplit("_", 1)[0]) + "_" + "0" * (
        len(m.group(0)) - len(head) - 1), text)


_ADDRESS_RE = re.compile(r"[\w.+%'-]*\w@[\w-]+(?:\.[\w-]+)+")


def drop_in_domains(text: str, findings: list[Finding]) -> list[Finding]:
    """Findings other than inside an e-mail address ("scot" of "@nhs.scot", "eoc" of "eoc.duty@" are no person):
    the address is judged whole by the e-mail detector, which replaces a person's and keeps a team's."""
    if "@" not in text or not findings:
        return findings
    domains = [(m.start(), m.end()) for m in _ADDRESS_RE.finditer(text)]
    return [f for f in findings if f.entity_type == "EMAIL_ADDRESS" or not any(
        s <= f.start and f.end <= e for s, e in domains)]


# How a GP practice named after its partners ends ("Dr Ahmed & Partners", "Drs Khan, Patel and Partners"), and
# what follows the partners' names in it.
AND_PARTNERS = r"(?:&|\+|\band\b)\s*(?:partners|ptnrs)\b"
_PRACTICE_TAIL = re.compile(rf"(?:\s*,\s*[^\W\d_][\w'\u2019-]*){{0,3}}\s*{AND_PARTNERS}", re.IGNORECASE)
# ... or after the one doctor whose surgery it is, capitalised as a name is ("Dr Oyelaran's Surgery"; a patient's
# "surgery" is an operation)
_DOCTORS_SURGERY = re.compile(r"(?:['\u2019]s)?\s+(?:Surgery|Practice|Medical\s+(?:Centre|Practice)|Health\s+Centre)\b")
_DOCTOR_BEFORE = re.compile(r"(?i)\bdrs?\.?\s+$")
_DOCTORS_SURGERY_END = re.compile(r"['\u2019]s\s+(?:Surgery|Practice|Medical\s+(?:Centre|Practice)|Health\s+Centre)$")
# ... or the partners alone after "Drs" ("GP: Drs Mostyn and Caradog", "drs khan, patel & roy have a copy"): a
# practice; two doctors by name are "Dr X and Dr Y"
_PARTNER = r"[^\W\d_][\w'\u2019-]*"
_DRS_PARTNERS = re.compile(rf"(?i)\bdrs\.?\s+{_PARTNER}(?:\s*,\s*{_PARTNER}){{0,3}}\s*(?:&|\band\b)\s*{_PARTNER}")


def drop_practice_names(text: str, findings: list[Finding]) -> list[Finding]:
    """Guessed names that are part of a GP practice's name ("Dr Ahmed & Partners", "Dr Oyelaran's Surgery", "Drs
    Mostyn and Caradog"), which is an organisation's public name: the dataset's known people (the deny-list) stay
    found there too."""
    if not findings:
        return findings
    low = text.lower()
    partners = "partners" in low or "ptnrs" in low
    named = [m.span() for m in _DRS_PARTNERS.finditer(text)] if "drs" in low else []
    if not partners and not named and "Surgery" not in text and "Practice" not in text and "Centre" not in text:
        return findings
    return [f for f in findings if f.entity_type != "PERSON" or f.recognizer == "DenyListRecognizer"
            or not ((partners and _PRACTICE_TAIL.match(text, f.end)) or (
                (_DOCTORS_SURGERY.match(text, f.end) or _DOCTORS_SURGERY_END.search(text, f.start, f.end))
                and _DOCTOR_BEFORE.search(text, max(0, f.start - 6), f.start))
                or any(start <= f.start and f.end <= end for start, end in named))]


def drop_pseudonyms(text: str, findings: list[Finding]) -> list[Finding]:
    """Findings that do not touch one of our pseudonym tokens."""
    if not findings or "_" not in text:
        return findings
    tokens = [(m.start(), m.end()) for m in PSEUDONYM_RE.finditer(text)]
    if not tokens:
        return findings
    return [f for f in findings if not any(f.start < e and s < f.end for s, e in tokens)]


# A software or firmware version written like an IP address ("SW 2.1.0.6", "firmware v10.2.0.1").
_VERSION_BEFORE = re.compile(
    r"(?i)\b(?:sw|s/w|software|fw|f/w|firmware|ver|version|build|rev|release|v)\.?[ \t]*:?[ \t]*v?$")


def drop_versions(text: str, findings: list[Finding]) -> list[Finding]:
    """IP addresses that are a version number after its label, or four parts of a longer dotted number (a DICOM
    UID "1.2.840.10008.5.1.4.1.1.2", an OID)."""
    return [f for f in findings if f.entity_type != "IP_ADDRESS"
            or not (_VERSION_BEFORE.search(text, max(0, f.start - 12), f.start) or _DOTTED_MORE.search(
                text, max(0, f.start - 2), f.start) or _DOTTED_MORE.match(text, f.end))]


_DOTTED_MORE = re.compile(r"\d\.|\.\d")


# Whose address it is, when the text says it is a person's ("my ip", "user's laptop", "home router").
_PERSONS_ADDRESS = re.compile(r"(?i)\b(?:my|your|his|her|their|user'?s?|home|personal|laptop|mobile|phone)\b")


def drop_device_addresses(text: str, findings: list[Finding]) -> list[Finding]:
    """IPv4 addresses of a private network (10/8, 172.16/12, 192.168/16, loopback, link-local): on a hospital's
    network they are a modality's, a PACS's or a printer's, which engineers need, unless the words before say whose
    device it is ("my ip: 192.168.0.1"). A public address stays personal."""
    out = []
    for f in findings:
        if f.entity_type == "IP_ADDRESS" and device_address(text[f.start:f.end]) \
                and not _PERSONS_ADDRESS.search(text, max(0, f.start - 24), f.start):
            continue
        out.append(f)
    return out


def device_address(value: str) -> bool:
    """An IPv4 address of a private network, loopback or link-local: a device's on the customer's network."""
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    return address.version == 4 and (address.is_private or address.is_loopback or address.is_link_local)


def drop_not_personal(text: str, findings: list[Finding]) -> list[Finding]:
    """What no detector reports, for the anonymiser and the re-scan alike: a finding touching one of our
    pseudonyms, inside an e-mail domain or a GP practice's name, a version number read as an IP address, a
    device's address on a private network, a file's extension, or a record's label read as a surname."""
    return drop_months(text, drop_labels(text, drop_extensions(text, drop_device_addresses(text, drop_versions(
        text, drop_practice_names(text, drop_in_domains(text, drop_pseudonyms(text, findings))))))))


# A month after its day or before its year is the date's ("booked 7 Jan", "pt deceased 15 nov", "due May 2025"),
# though Jan, May and June are given names and "jan" or "nov" somebody's initials.
_MONTH = re.compile(r"(?i)(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
                    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY_BEFORE = re.compile(r"(?:^|[^\w/.:-])(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[ \t]*-?[ \t]*$")
_YEAR_AFTER = re.compile(r"[ \t]*[-,']?[ \t]*(?:19|20)?\d\d(?![\w/.:])")
_MONTH_OPENS = re.compile(rf"{_MONTH.pattern}[ \t]+(?=\w)")


def drop_months(text: str, findings: list[Finding]) -> list[Finding]:
    """... and a name read from the month on loses it ("booked 2 Mar Mary Seacole Unit": "Mary")."""
    out = []
    for f in findings:
        if f.entity_type == "PERSON" and _DAY_BEFORE.search(text, max(0, f.start - 8), f.start):
            if _MONTH.fullmatch(text, f.start, f.end):
                continue
            opens = _MONTH_OPENS.match(text, f.start, f.end)
            if opens is not None:
                f = Finding(f.entity_type, opens.end(), f.end, f.score, f.recognizer)
        elif f.entity_type == "PERSON" and _MONTH.fullmatch(text, f.start, f.end) and _YEAR_AFTER.match(text, f.end):
            continue
        out.append(f)
    return out


# The short labels of a record's numbers, before "no:" ("Hosp no: M8568892", "Unit No.: 123456"): "Hosp" is a
# surname in the name lists, and read as one it would be propagated to every label of the dataset.
_LABEL_WORD = re.compile(r"(?i)(?:hosp|hospital|unit|case|ref|chart|k|pas|crn|pt|staff|job|asset|serial)$")
_NUMBER_LABEL_AFTER = re.compile(r"(?i)[ \t]*(?:no|nr|num|number|id)\b\.?[ \t]*[:#]")


def drop_labels(text: str, findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.entity_type != "PERSON" or not _LABEL_WORD.fullmatch(text[f.start:f.end])
            or not _NUMBER_LABEL_AFTER.match(text, f.end)]


# Where the value itself is the person: their name, their birth date.
_ALWAYS_PERSONAL = frozenset({"PERSON", "DATE_OF_BIRTH"})


def drop_references(text: str, findings: list[Finding], vocabulary: Vocabulary) -> list[Finding]:
    """A number or code that is, whole, one of the dataset's reference values is that reference, kept in the notes
    as in its own field: a fleet vehicle's registration the locations name ("vehicle YX21 ABC off road"), a
    site's line or mailbox. A name is judged by the deny and allow lists (deny_list.py), never here."""
    if not findings or not vocabulary.allow_compact:
        return findings
    return [f for f in findings if f.entity_type in _ALWAYS_PERSONAL
            or compact(text[f.start:f.end]) not in vocabulary.allow_compact]


# A file's extension, glued to its name by the dot ("CE06783.pdf cfh": the mark is "cfh", not "pdf cfh"); a name
# read over it would be propagated and replace the extension of every file path in the dataset.
_EXTENSION = re.compile(r"(?i)(?<=\w\.)(?:pdf|docx?|xlsx?|xlsm|csv|txt|rtf|odt|ods|pptx?|jpe?g|png|gif|bmp|tiff?|"
                        r"zip|msg|eml|dcm|xml|html?|log|json)\b[ \t]*")


def drop_extensions(text: str, findings: list[Finding]) -> list[Finding]:
    if "." not in text:
        return findings
    out = []
    for f in findings:
        m = _EXTENSION.match(text, f.start) if f.entity_type == "PERSON" else None
        if m is None:
            out.append(f)
        elif m.end() < f.end:
            out.append(Finding(f.entity_type, m.end(), f.end, f.score, f.recognizer))
    return out


def names_beside_numbers(text: str, findings: list[Finding]) -> list[Finding]:
    """The names found, where the text has a digit for what is written beside a name (a staff number, a birth date,
    a house number): else none, and the caller has nothing to add."""
    if not any(c.isdigit() for c in text):
        return []
    return [f for f in findings if f.entity_type == "PERSON"]


def by_start(f: Finding) -> int:
    """Sort key: findings in the order of the text."""
    return f.start
