"""A dataset's own identifier schemes: learnt from the numbers its labels gave away, found where no label stands.

A hospital writes its patients' numbers one or two ways ("RX" and seven digits, eight digits, "40-118-273").
Where a note labels one ("hosp no RX1234567", "(MRN 40118273)"), the detectors catch it; the same number, or
another of the same shape, in a note without a label ("pt Okafor RX7654321 seen", a list of numbers) says
nothing by itself. After the chunks have run (pass 3), every labelled value is looked for everywhere, and so is
every shape that
- the dataset's labelled numbers show at least MIN_VALUES times (a scheme, not one odd number),
- is distinctive: a letter prefix, a grouping, or seven digits and more, none of them a date's or a phone's,
- the dataset's equipment does not take: a shape that two values of its code fields (serials, asset and part
  numbers) or two numbers its notes label as something else ("s/n 40118273", "incident 12345678") share is as
  likely equipment as a patient, and is not learnt,
unless a word just before the number says it is something else ("s/n", "PO", "asset", "ext").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from intake.anonymisation.findings import Finding

# Entity types whose values identify a person by themselves and are looked for everywhere once found.
PROPAGATED = frozenset({"MRN", "STAFF_ID"})
SCHEME_RECOGNIZER = "DatasetSchemeRecognizer"
MIN_VALUES = 3
MIN_DIGITS = 6
MIN_BARE_DIGITS = 7
# Code values sharing a shape before that shape is taken for equipment's.
CODE_VETO = 2
_SHAPE = re.compile(r"(?P<prefix>[A-Za-z]{0,3})[ -]?(?P<body>\d+(?:[ /-]\d+)*)(?P<suffix>[A-Za-z]?)")
_GROUPS = re.compile(r"\d+|[ /-]")
# Day, month and year in some order: a date's layout, not a number scheme's.
_DATE_LAYOUTS = frozenset({(2, 2, 4), (4, 2, 2), (2, 2, 2), (1, 2, 4), (2, 1, 4), (1, 1, 4), (4, 1, 1)})
# A word just before the number (one of the three before it on its line) that says it is no patient's:
# equipment, orders, calls, phones, versions, results.
_OTHER_LABELS = frozenset({
    "sn", "s/n", "sno", "ser", "serial", "asset", "assets", "tag", "barcode", "inv", "inventory", "equip",
    "equipment", "part", "parts", "prt", "p/n", "pn", "cat", "catalogue", "lot", "batch", "po", "order", "invoice",
    "quote", "job", "jobs", "wo", "w/o", "ticket", "call", "logged", "incident", "inc", "datix", "cad", "rma",
    "ext", "extn", "bleep", "tel", "phone", "mob", "mobile", "fax", "model", "firmware", "fw", "sw", "software",
    "version", "ver", "ip", "mac", "contract", "qty", "kg", "ecn", "uid", "imei", "device", "board", "pcb", "module",
    "iec", "iso", "en", "bs", "din", "astm", "htm", "hbn", "standard",
    "err", "error", "code", "cert", "certificate", "closed", "swapped", "replaced", "fitted", "spare", "loaner",
})
# The equipment a number right after it belongs to ("pump 00671869", "host monitor 21036103").
_DEVICE_WORDS = frozenset({
    "pump", "pumps", "monitor", "driver", "defib", "defibrillator", "ventilator", "vent", "concentrator",
    "incubator", "nebuliser", "scanner", "probe", "charger", "battery", "machine", "mattress", "hoist", "trolley",
    "scales", "analyser", "handset", "printer", "laptop", "pc", "kit", "set", "scope", "cassette", "cartridge",
})
_LABEL_WORD = re.compile(r"[A-Za-z][A-Za-z/.#]*")
_LABELLED_OTHER = re.compile(
    rf"(?i)(?<![\w/])(?:{'|'.join(re.escape(w) for w in sorted(_OTHER_LABELS | _DEVICE_WORDS, key=len, reverse=True))})"
    r"(?![\w/])[\s.:#=/-]{0,3}(?:(?:no|num|number)\b[\s.:#=-]{0,3})?"
    r"(?P<n>[A-Za-z]{0,3}[ -]{0,2}\d+(?:[ /-]\d+)*[A-Za-z]?)(?![\w/-])")
_LOOK_BACK = 40
_WORDS = re.compile(r"[\s,;]+")
_GROUPED = re.compile(r"\d[ -]\d")
# Pre-filter for the values worth a look: six digits at least, a separator apart at most.
DIGITS_RE2 = r"\d(?:[ /-]?\d){5}"


def scheme_of(value: str) -> str | None:
    """A value's shape: its letters (in capitals), its digits, whether a check letter closes it ("RX|7|" for
    "RX1234567" and "rx 123 4567", "K|6|A"); a number without letters says whether it opens with a zero ("|z8|":
    a padded code's, "00123456") or not ("|8|": "40118273", "4011 8273"). Spaces and hyphens between the digits
    are how a number was typed, not its scheme; a slash is ("|2/6|": "17/044213"). None when the shape is not
    distinctive enough to learn."""
    m = _SHAPE.fullmatch(value.strip())
    if m is None:
        return None
    prefix, body, suffix = m.group("prefix").upper(), m.group("body"), m.group("suffix")
    groups = [len(g) for g in re.findall(r"\d+", body)]
    digits = sum(groups)
    if digits < MIN_DIGITS:
        return None
    if not prefix and (
            digits < MIN_BARE_DIGITS  # a short number is anybody's
            or (body.startswith("0") and digits in (10, 11))  # "01632 960123" is a phone's
            or (tuple(groups) in _DATE_LAYOUTS and len(groups) > 1)):  # "12/03/2024" a date's
        return None
    if "/" in body:
        layout = "".join(f"{len(t)}" if t[0].isdigit() else t for t in _GROUPS.findall(body))
    else:
        layout = ("z" if not prefix and body.startswith("0") else "") + str(digits)
    return f"{prefix}|{layout}|{'A' if suffix else ''}"


class CodeShapes:
    """The shapes the equipment's numbers take (code fields' values, or of their words; numbers the notes label as
    something else), each with up to CODE_VETO of its distinct values: all that the veto needs, in bounded memory
    however many serials the dataset holds."""

    def __init__(self) -> None:
        self.values: dict[str, set[str]] = {}

    def add(self, values: Iterable[str]) -> None:
        for value in values:
            scheme = scheme_of(value)
            words = [(value, scheme)] if scheme is not None else [(w, scheme_of(w)) for w in _WORDS.split(value)]
            self.add_pairs((shape, word.upper()) for word, shape in words if shape is not None)

    def counts(self) -> dict[str, int]:
        return {shape: len(seen) for shape, seen in sorted(self.values.items())}

    def pairs(self) -> list[tuple[str, str]]:
        """(shape, value) pairs, to be merged with another's (`add_pairs`) without counting a value twice."""
        return sorted((shape, value) for shape, seen in self.values.items() for value in seen)

    def add_pairs(self, pairs: Iterable[tuple[str, str]]) -> None:
        for shape, value in pairs:
            seen = self.values.setdefault(shape, set())
            if len(seen) < CODE_VETO:
                seen.add(value)

    def add_labelled(self, text: str) -> None:
        """The numbers the text labels as something else ("s/n 40118273", "incident 12345678", "pump 00671869"):
        a free-text column tells which shapes the dataset's own equipment, orders and events take, as a code
        field does."""
        if any(c.isdigit() for c in text):
            self.add(m.group("n") for m in _LABELLED_OTHER.finditer(text))


def learn(found: Iterable[tuple[str, str]], codes: Mapping[str, int]) -> tuple[tuple[str, str], ...]:
    """(shape, entity type) of the schemes the found (value, entity type) pairs show, sorted; see the module. A
    number without letters keeps the groupings its labelled values were typed in ("|8||4.4,2.3.3"): "4011 8273" is
    one of them, a part number's "22-8841-03" is not."""
    values: dict[tuple[str, str], set[str]] = {}
    for value, entity in found:
        scheme = scheme_of(value) if entity in PROPAGATED else None
        if scheme is not None:
            values.setdefault((scheme, entity), set()).add(value.strip().upper())
    out = []
    for (scheme, entity), seen in values.items():
        if len(seen) < MIN_VALUES or codes.get(scheme, 0) >= CODE_VETO:
            continue
        if not scheme.startswith("|") or "/" in scheme:
            out.append((scheme, entity))
            continue
        groupings = sorted({".".join(str(len(g)) for g in re.findall(r"\d+", v)) for v in seen if _GROUPED.search(v)})
        out.append((f"{scheme}|{','.join(groupings)}", entity))
    return tuple(sorted(out))


def known_values(found: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The found values to look for everywhere, as written and without their separators ("40-118-273" and
    "40118273"): those of a learnable length only, so that no short number is taken everywhere for one."""
    out: set[tuple[str, str]] = set()
    for value, entity in found:
        value = value.strip()
        if entity not in PROPAGATED or sum(c.isdigit() for c in value) < MIN_DIGITS:
            continue
        out.add((value, entity))
        compact = re.sub(r"[ /-]", "", value)
        if compact != value and sum(c.isdigit() for c in compact) >= MIN_BARE_DIGITS:
            out.add((compact, entity))
    return tuple(sorted(out))


def _pattern(scheme: str) -> str:
    prefix, layout, suffix, *rest = scheme.split("|")
    if "/" in layout:
        body = "".join(rf"\d{{{t}}}" if t.isdigit() else re.escape(t) for t in re.findall(r"\d+|\D", layout))
    elif prefix:
        body = rf"\d(?:[ -]?\d){{{int(layout) - 1}}}"  # grouped as typed: "RX569 2844"
    else:
        digits, first = int(layout.lstrip("z")), "0" if layout.startswith("z") else "[1-9]"
        forms = [rf"{first}\d{{{digits - 1}}}"] + [  # plain, or in a grouping its labelled values were typed in
            first + r"[ -]".join(rf"\d{{{int(n) - (k == 0)}}}" for k, n in enumerate(g.split(".")))
            for g in (rest[0].split(",") if rest and rest[0] else [])]
        body = f"(?:{'|'.join(forms)})"
    head = rf"(?i:{re.escape(prefix)})[ -]{{0,2}}" if prefix else ""
    tail = "[A-Za-z]?" if suffix else ""
    return head + body + tail


class SchemeFinder:
    """The dataset's learnt schemes, found in text where no word before them says they are something else."""

    def __init__(self, schemes: Iterable[tuple[str, str]]) -> None:
        self.entities: dict[str, str] = {}
        parts = []
        patterns = sorted((-len(p), scheme, entity, p) for scheme, entity in set(schemes) for p in [_pattern(scheme)])
        for i, (_, scheme, entity, pattern) in enumerate(patterns):
            # A bare number is not part of a longer one, even typed in groups ("01632 960543" holds no
            # eight-digit number); after a prefix, the digits are the number's ("RX160 5865 14 May 1990").
            alone = ("", "") if scheme.split("|")[0] else (r"(?<!\d )", r"(?! \d)")
            parts.append(f"{alone[0]}(?P<s{i}>{pattern}){alone[1]}")
            self.entities[f"s{i}"] = entity
        self.regex = re.compile(rf"(?<![\w/.-])(?:{'|'.join(parts)})(?![\w/-]|\.\d)") if parts else None

    def __bool__(self) -> bool:
        return self.regex is not None

    def find(self, text: str) -> list[Finding]:
        if self.regex is None or not any(c.isdigit() for c in text):
            return []
        out = []
        for m in self.regex.finditer(text):
            if after_other_label(text, m.start()) or _a_date(re.sub(r"[ -]", "", m.group(0))):
                continue
            out.append(Finding(self.entities[str(m.lastgroup)], m.start(), m.end(), 0.9, SCHEME_RECOGNIZER))
        return out


def after_other_label(text: str, start: int) -> bool:
    """Whether a word just before `start` says the number there is equipment's, an order's, a call's, a phone's:
    one of the three words before it in its clause, or the device right before it."""
    line = max(text.rfind(c, 0, start) for c in "\n;|,()") + 1  # the clause the number is in
    words = [w.lower().strip(".#") for w in _LABEL_WORD.findall(text, max(line, start - _LOOK_BACK), start)[-3:]]
    return bool(words) and (words[-1] in _DEVICE_WORDS or any(
        w in _OTHER_LABELS or w.replace(".", "") in _OTHER_LABELS for w in words))


def _a_date(token: str) -> bool:
    """Eight digits that read as a date, year first or last ("20240312", "12032024")."""
    if len(token) != 8 or not token.isdigit():
        return False
    for y, mo, d in ((token[:4], token[4:6], token[6:]), (token[4:], token[2:4], token[:2])):
        try:
            if 1900 <= int(y) <= 2100:
                date(int(y), int(mo), int(d))
                return True
        except ValueError:
            continue
    return False
