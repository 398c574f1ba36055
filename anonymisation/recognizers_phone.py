"""UK phone numbers as people type them (+44, 0044, brackets, odd groupings, an extension after them) and the
internal extensions and bleeps that are kept (INTERNAL_NUMBER)."""

from __future__ import annotations

import re

import phonenumbers

from intake.anonymisation.findings import Finding
from intake.anonymisation.recognizers_uk import NHS_LABEL, context_before, nhs_checksum_ok
from intake.anonymisation.vocabulary import Vocabulary, default_vocabulary, fold, town_keys

# -- phone numbers -------------------------------------------------------------------------------------------
# "0044" is how the international prefix is dialled from a UK line, and is written that way too.
# "(+44) 7700 900123" and "+44-7700-900-123" are the same number typed by other hands.
# "0 7855 328 429": the trunk 0 typed apart from the number; "(0)7700 900123": bracketed as after +44, without it.
_PHONE_START = re.compile(
    r"(?<![\w+])(\(\+ ?44\) ?(?:\(0\) ?)?|\+ ?44[ -]?(?:\(0\) ?)?|00 ?44 ?(?:\(0\) ?)?|\(0\) ?|\(0|0 (?=[1-9]\d{3})|0)"
    r"(?=\d)"
)
_PHONE_GROUP = re.compile(r"(\d+)(\)?)")
PHONE_CONTEXT = re.compile(
    r"(?i)\b(?:tel|telephone|phone|phoned|mob|mobile|call|called|ring|rang|contact|fax|number|no|on"
    r"|tel[eé]fono|tlf|tfno|m[oó]vil|llamar|al"  # a Spanish inventory's "llamar a Luis al 612 345 678"
    r"|localiza[rd]?o?|contactar|contacto|avisar)\b"  # "se localiza a su hija en el 612 345 678"
)


def _national_digits(prefix: str, groups: str) -> str:
    return "0" + re.sub(r"\D", "", groups)


# Words before a catalogue number: "Part 040-001595-00", "REF 2130-9-0133", "P/N 0100-12345-67".
# An order's number too: "PO 4506026026", "bought on po 4588012184" (SAP's purchase orders are ten digits, as a
# North American phone number is).
_PART_CONTEXT = re.compile(r"(?i)\b(?:part|parts|p/n|pn|ref|cat|catalogue|catalog|item|order|lot|batch|sku|po|p\.o"
                           r"|purchase\s+order|invoice|inv|requisition|req)\b"
                           r"\.?\s*(?:no\.?|number|#)?\s*:?\s*$")


def after_catalogue_word(text: str, start: int) -> bool:
    """A catalogue word ("part", "order no", "REF") right before `start`: what follows is no phone number."""
    return bool(_PART_CONTEXT.search(text[max(0, start - 20):start]))


_MOBILE_AFTER = re.compile(r"(?i)\s*\(?(?:mob|mobile|cell|phone|tel)\b")


def _not_phone_grouping(text: str, start: int, end: int) -> bool:
    """A national-format number grouped as no UK number is ("098-436024-70": a last group of one or two digits),
    or with a catalogue word right before it, is a part or order number."""
    groups = re.split(r"[ .-]", text[start:end].replace("(", "").replace(")", ""))
    if len(groups) > 1 and len(groups[-1]) < 3:
        # A mobile number grouped oddly ("077 009 001 23") is still one when the note says it is a phone.
        return not (groups[0].startswith("07") and (context_before(text, start, PHONE_CONTEXT, 25) or
                                                  _MOBILE_AFTER.match(text, end)))
    if "." in text[start:end] and not context_before(text, start, PHONE_CONTEXT, 25) and not groups[0].startswith("07"):
        return True  # "0161.496.01" reads as a version or a reading unless a phone word says otherwise
    return after_catalogue_word(text, start)


# An organisation's own line: a freephone number (080) or a UK business-rate one (084, 087: eleven digits), which no
# person has, or a landline or non-geographic number right after the name of a desk that answers it ("FLEET DESK
# 01332 861000", "via switchboard 0300 123 4567"). Not every 03 number: trusts give staff direct lines on them. A
# mobile is always someone's; Irish mobiles (083-089, ten digits: "087 123 4567") stay phones.
_BUSINESS_RATE = ("084", "087")
_ORGANISATION_DESK = re.compile(
    r"(?i)\b(?:switchboard|help\s?desk|service\s?desk|fleet\s?desk|control\s+room|eoc|reception|helpline|hotline"
    r"|main\s+(?:line|number|switchboard)|customer\s+services?|tech(?:nical)?\s+support|support\s+line"
    r"|service\s+line|out\s+of\s+hours(?:\s+line)?|ooh\s+line"
    # a maker's support under its service contract ("GE contract, support 0330 013 2104")
    r"|(?:contract\s*,?\s*)?support|service\s+contract)"
    r"\s*(?:(?:no|number|line|tel|phone|on|via)\b\.?\s*|[:#=(-]\s*)*$"
)


_COUNTRY_ARMS = frozenset({"uk", "gb", "ireland", "europe", "emea", "nordic", "international"})
_BRACKET_BEFORE = re.compile(r"([\w&.'-]+(?:[ \t]+[\w&.'-]+){0,2})[ \t]*\([ \t]*$")
_ON_BEFORE = re.compile(r"([\w&.'-]+(?:[ \t]+[\w&.'-]+){0,2})[ \t]+(?i:on|tel|t|helpline|support)[ \t]*[:.]?[ \t]*$")


# "now in Otley (01943 ...)", "moved to Otley 01943 ...": where somebody lives; but "reported to Maico 01922 ..." is
# the maker rung.
_IN_A_PLACE = frozenset({"in", "at", "near", "nr"})
_MOVES = frozenset({"moved", "moving", "move", "moves", "relocated", "relocating", "gone", "going", "went"})
_NAME_BEFORE = re.compile(r"([\w&.'-]+(?:[ \t]+[\w&.'-]+){0,2})[ \t]*[:,-]?[ \t]*$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]+$")


def _person_before(text: str, before: re.Match[str], vocabulary: Vocabulary) -> bool:
    words = [fold(w) for w in before.group(1).split()]
    word = _WORD_BEFORE.search(text, max(0, before.start(1) - 20), before.start(1))
    return words[0] in vocabulary.first_names or any(w in vocabulary.titles for w in words) or (
        word is not None and fold(word.group(1)) in vocabulary.titles)


# ... or right before what it is for: "tel 01248 384 000 for ward if needed", "ring 0300 123 4567 for switchboard"
_FOR_DESK = re.compile(
    r"[ \t]+(?i:for|to\s+get)[ \t]+(?:the[ \t]+|an?[ \t]+)?(?i:ward|wards|unit|switchboard|reception|department|dept"
    r"|desk|team|depot|office|helpdesk|help\s?desk|bookings|enquiries|control"
    # what a service's line is rung for ("ring 01902 695 110 for batteries")
    r"|batteries|repairs?|spares|appointments?|appts?|advice|supplies|orders|deliver(?:y|ies)|collections?|refills?"
    r"|queries)\b")
# ... and nobody's name before it: the number right after "tel" or "ring" ("ring Jo on 01632 960123 for the unit" is
# Jo's)
_DIAL_BEFORE = re.compile(r"(?i)(?:^|[^\w])(?:tel|telephone|phone|ph|call|ring|dial)\.?[ \t]*[:.-]?[ \t]*$")


def _organisation_line(text: str, start: int, national: str, end: int, vocabulary: Vocabulary | None = None,
                       ) -> bool:
    """`vocabulary`: whose makers and suppliers are known (the shipped lists; the dataset's own, see
    with_organisation_lines)."""
    vocabulary = vocabulary or default_vocabulary()
    if national.startswith("080") or (national.startswith(_BUSINESS_RATE) and len(national) == 11):
        return True
    if national.startswith("07"):
        return False
    if _ORGANISATION_DESK.search(text, max(0, start - 30), start) or (
            _FOR_DESK.match(text, end) and _DIAL_BEFORE.search(text, max(0, start - 12), start)):
        return True
    # "from Baxter (0345 601 0433)", "chased Siemens on 0113 496 0543": in brackets or after "on" right after a
    # maker's name, the maker's own line
    before = _BRACKET_BEFORE.search(text, max(0, start - 40), start + (text[start:start + 1] == "(")) \
        or _ON_BEFORE.search(text, max(0, start - 50), start)
    # "logged with Canon Medical 0345 603 2150": a number right after a maker's name, unless a person's given name
    # or title opens it ("Jane Baxter 0345 ...": Baxter is a maker too)
    if before is None:
        before = _NAME_BEFORE.search(text, max(0, start - 40), start)
        if before is not None and _person_before(text, before, vocabulary):
            return False
    if before is None:
        return False
    words = before.group(1).split()
    # a maker's arm in a country ("Agfa HealthCare UK (020 ...)", "Philips Ireland on 01 ...") is the maker's
    if len(words) > 1 and fold(words[-1]) in _COUNTRY_ARMS:
        words.pop()
        earlier = _WORD_BEFORE.search(text, max(0, before.start(1) - 20), before.start(1))
        words[:0] = [earlier.group(1)] if earlier else []  # "moved to Otley UK 01943 ...": still where one went
    if any(fold(" ".join(words[k:])) in town_keys() for k in range(len(words))):
        return False  # "..., Skipton (01756 123456)": the end of somebody's address
    # the maker's name of one to three words ("Fisher & Paykel (0800 ...)", "Breas Medical (0345 ...)"), not a
    # person's surname after their given name or title ("Jane Eaton 01632 960123")
    for k in range(len(words)):
        if vocabulary.is_allowed_term(" ".join(words[k:])) or (k == len(words) - 1
                                                               and fold(words[k]) in vocabulary.allow_tokens):
            previous = fold(words[k - 1]) if k else ""
            lives = previous in _IN_A_PLACE or (previous == "to" and k >= 2 and fold(words[k - 2]) in _MOVES)
            return previous not in vocabulary.first_names and previous not in vocabulary.titles and not lives
    return False


def find_uk_phones(text: str) -> list[Finding]:
    """UK landline and mobile numbers in the ways people type them, with an optional extension; not an
    organisation's own line (find_organisation_lines)."""
    return [Finding("PHONE_NUMBER", s, e, score, "UkPhoneRecognizer") for s, e, score, org in _phone_spans(text)
            if not org]


def with_organisation_lines(text: str, findings: list[Finding], vocabulary: Vocabulary) -> list[Finding]:
    """The phone numbers right after a maker or supplier the dataset itself names ("chased Eaton on 0113 496 0543",
    "logged with Chattanooga 01344 387 400"), which the shipped lists may not know: that organisation's line,
    kept (INTERNAL_NUMBER) as find_organisation_lines keeps those of the makers it knows."""
    if not vocabulary.allow_phrases:
        return findings
    out = []
    people_end = {p.end for p in findings if p.entity_type == "PERSON"}
    for f in findings:
        if f.entity_type == "PHONE_NUMBER" and f.recognizer in ("UkPhoneRecognizer", "PhoneRecognizer") \
                and not any(f.start - k in people_end for k in range(1, 4)):
            m = _PHONE_START.match(text, f.start)
            national = _national_digits(m.group(1), text[m.end():f.end]) if m else ""
            if len(national) >= 10 and _organisation_line(text, f.start, national, f.end, vocabulary):
                f = Finding("INTERNAL_NUMBER", f.start, f.end, 0.7, "OrganisationLineRecognizer")
        out.append(f)
    return out


def find_organisation_lines(text: str) -> list[Finding]:
    """An organisation's own line, kept like an extension (INTERNAL_NUMBER): it reaches a desk, not a person."""
    return [Finding("INTERNAL_NUMBER", s, e, 0.7, "OrganisationLineRecognizer") for s, e, _score, org in
            _phone_spans(text) if org]


# Another country's number that phonenumbers' matcher (valid numbers only: InternationalPhoneRecognizer) passes
# over, a made-up or new range ("+1 (555) 010-2345", "+353 87 000 0000"), is still somebody's line. After its "+"
# and a country code other than 44 a possible length is enough; after "00" (also how serial numbers start) or as
# a North American 3-3-4 without one (also an NHS number's grouping), only after a phone word.
_FOREIGN = re.compile(r"(?<![\w+])(\+|00)\s?(?!44)[1-9]\d{0,2}(?:[\s.-]?\(\d{1,4}\))?(?:[\s.-]?\d{2,4}){2,5}(?!\d)")
_NANP = re.compile(r"(?<![\w-])\(?[2-9]\d{2}\)?[\s.-]\d{3}[\s.-]\d{4}(?![\w-])")
# A Spanish number without its +34, grouped as Spain writes it ("612 345 678", "912 34 56 78"), after a phone word.
_SPANISH = re.compile(r"(?<![\w+-])[6789]\d{2}(?:[ .]\d{3}[ .]\d{3}|[ .]\d{2}[ .]\d{2}[ .]\d{2}|\d{6})(?![\w-]|[.,]\d)")
# A note in Spanish ("muestra del paciente", "avisar a su hija"): there a mobile's 6xx/7xx grouped as Spain writes it
# needs no phone word before it ("Luis Pérez (608 922 963)").
_IN_SPANISH = re.compile(r"(?i)\b(?:el|la|los|las|del|con|para|por|que|una?|paciente|muestra|familia|avisad[oa]|"
                         r"equipo|hija|hijo|esposa|esposo|cambia|llamar)\b")


def find_foreign_phones(text: str) -> list[Finding]:
    if "+" not in text and not PHONE_CONTEXT.search(text) and not _IN_SPANISH.search(text):
        return []
    out = []
    for m in _FOREIGN.finditer(text):
        if m.group(1) == "00" and not context_before(text, m.start(), PHONE_CONTEXT, 25):
            continue
        try:
            number = phonenumbers.parse("+" + m.group(0)[len(m.group(1)):].lstrip())
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number) and not after_catalogue_word(text, m.start()):
            out.append(Finding("PHONE_NUMBER", m.start(), m.end(), 0.6, "ForeignPhoneRecognizer"))
    spanish: bool | None = None
    for m in _SPANISH.finditer(text):
        if any(f.start <= m.start() < f.end for f in out):
            continue
        if not context_before(text, m.start(), PHONE_CONTEXT, 32):
            if spanish is None:
                spanish = len({w.lower() for w in _IN_SPANISH.findall(text)}) >= 2
            if not spanish or m.group(0)[0] not in "67" or m.group(0).isdigit():
                continue  # ungrouped digits only after a phone word ("al 675499982")
        out.append(Finding("PHONE_NUMBER", m.start(), m.end(), 0.6, "ForeignPhoneRecognizer"))
    for m in _NANP.finditer(text):
        if any(f.start <= m.start() < f.end for f in out):
            continue
        if context_before(text, m.start(), PHONE_CONTEXT, 25) and not nhs_checksum_ok(re.sub(r"\D", "", m.group(0))) \
                and not NHS_LABEL.search(text, max(0, m.start() - 20), m.start()):
            out.append(Finding("PHONE_NUMBER", m.start(), m.end(), 0.6, "ForeignPhoneRecognizer"))
    return out


_last_scan: list[tuple[str, list[tuple[int, int, float, bool]]]] = []


def _phone_spans(text: str) -> list[tuple[int, int, float, bool]]:
    """(start, end, score, organisation's line) of each phone number; the last text's answer is kept, as the
    phone and the extension recognizers ask in turn about the same text."""
    if _last_scan and _last_scan[0][0] is text:
        return _last_scan[0][1]
    spans = _scan_phones(text)
    _last_scan[:] = [(text, spans)]
    return spans


def _scan_phones(text: str) -> list[tuple[int, int, float, bool]]:
    out: list[tuple[int, int, float, bool]] = []
    pos = 0
    while True:
        m = _PHONE_START.search(text, pos)
        if not m:
            break
        prefix = m.group(1)
        i = m.end()
        digits = ""
        best_end = -1
        open_paren = prefix.startswith("(") and ")" not in prefix
        while True:
            g = _PHONE_GROUP.match(text, i)
            if not g:
                break
            # a bracket the number did not open closes the text around it ("(mob 07700 900123)"): the number
            # ends before it
            outer = bool(g.group(2)) and not open_paren
            digits += g.group(1)
            i = g.end(1) if outer else g.end()
            closed = bool(g.group(2)) and not outer
            if closed:
                open_paren = False
            count = len(digits) + 1  # the leading 0 of the national format
            if count > 11:
                break
            if count in (10, 11) and not open_paren:
                best_end = i
            if outer:
                break
            if closed and i < len(text) and text[i].isdigit():
                continue  # "(07796)197650": no space after the area code's bracket
            # one separator, or two spaces as a phone keyboard types them ("07006  149008")
            sep = 2 if text.startswith("  ", i) else 1
            if i < len(text) and text[i] in " -.\u2013\u2014" and i + sep < len(text) and text[i + sep].isdigit():
                i += sep
                continue
            break
        if best_end < 0 and prefix == "(0":
            # "(07502 752225, b.lane@...)": the bracket opens an aside that holds the number, not the number's own
            # area code; read the number again from its 0
            pos = m.start() + 1
            continue
        if best_end < 0 or (best_end < len(text) and (text[best_end].isalnum() or text[best_end] == "_")):
            pos = m.end()
            continue
        national = _national_digits(prefix, text[m.end():best_end])
        if national[1] not in "1235789" or len(set(national[1:])) == 1 or (
                not prefix.lstrip("(").startswith(("+", "00")) and _not_phone_grouping(text, m.start(), best_end)):
            pos = best_end
            continue
        span_text = text[m.start():best_end]
        if prefix.lstrip("(").startswith(("+", "00")):
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
        out.append((m.start(), end, score, _organisation_line(text, m.start(), national, end)))
        pos = end
    return out


EXTENSION_RE = re.compile(
    r"(?<![\w])(?:(?i:ext|extn|extension|est|estyniad|bleep|bleeper|pager)\.?:?\s?(?:no\.?\s?)?\d{3,5}|x\d{3,5})(?![\w])"
)


def find_extensions(text: str) -> list[Finding]:
    """Internal extensions and bleeps, as their own entity type INTERNAL_NUMBER: they reach a hospital
    switchboard or a role, not a person, so the default policy keeps them (`INTERNAL_NUMBER: keep`); a policy
    that names another operator replaces them. A full number's own extension stays in find_uk_phones."""
    return [
        Finding("INTERNAL_NUMBER", m.start(), m.end(), 0.7, "ExtensionRecognizer")
        for m in EXTENSION_RE.finditer(text)
    ] + find_organisation_lines(text)
