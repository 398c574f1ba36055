"""Street addresses: house number, street name and street word, with the town after a comma."""

from __future__ import annotations

import re
from functools import lru_cache

from intake.anonymisation.address_towns import place_keys
from intake.anonymisation.department_words import ROLE_MAILBOX_WORDS
from intake.anonymisation.findings import Finding, names_beside_numbers
from intake.anonymisation.initials import TEAMS
from intake.anonymisation.name_cues import CALENDAR_WORDS
from intake.anonymisation.place_words import HOSPITAL_QUALIFIERS
from intake.anonymisation.recognizers_ie import STREET_FIRST_RE
from intake.anonymisation.recognizers_uk import POSTCODE_CONTEXT, POSTCODE_PATTERN, POSTCODE_RE, context_before
from intake.anonymisation.vocabulary import Vocabulary, default_vocabulary, fold, town_keys

# -- street addresses ----------------------------------------------------------------------------------------
# A street named in one word with its street word run in ("12 Kirkgate", "4 Kingsway"), but not a thing named so
# ("size 3 Airway", "2 Gateway").
_NOT_STREETS = r"(?:Airway|Gateway|Hallway|Doorway|Anyway|Halfway|Stairway|Subway|Runway|Railway|Highway|Fairway" \
               r"|Pathway|Someway|Midway|Getaway|Takeaway|Walkway|Headway|Underway)\b"
def _street_regex(vocabulary: Vocabulary, any_case: bool = False) -> re.Pattern[str]:
    types = "|".join(sorted((re.escape(t) for t in vocabulary.street_types), key=len, reverse=True))
    name_word = r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*" if any_case else r"[A-Z][^\W\d_]*(?:['\u2019-][^\W\d_]+)*"
    # The town ends at a word boundary, so that it never eats the letters of a postcode after it ("Leeds LS1").
    # An address keeps to its line: "ext 6155\n\nThanks\nHilary Brooks" is a number, a sign-off and a name.
    return re.compile(
        r"(?<![\w/])(?:(?:(?P<flat>(?i:flat|apartment|apt|studio))|(?i:unit))\.?[ \t]+\d+[A-Za-z]?,?[ \t]+"
        # a tenement flat as Scots write it before the number of the close: "3f2 62 Marchmont Crescent", "2/1"
        # or Glasgow's, left, right or ground ("Flat 3/L, 17 Hyndland Rd", "G/1")
        r"|(?:(?i:flat)[ \t]+)?(?:\d{1,2}|[Gg])(?:[fF]|/)(?:\d{1,2}|[LRlr]),?[ \t]+)?"
        # "14-16 Mill Lane": a range of numbers too; "14/3 Easter Road": Edinburgh's number of the stair and flat
        # (not a date's day and month: "booked 14 NOV Southbank Sleep Centre")
        r"\d{1,4}(?:[A-Za-z]?(?:-\d{1,4}[A-Za-z]?|/\d{1,2})?,?[ \t]+"
        r"(?!(?i:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?[ \t])"
        # typed in a hurry, the number glued to the street's name ("dlvr to 23pelham rd"), not to a count's unit
        r"|(?=[^\W\d_]{4})(?!(?i:mins|secs|hours|days|weeks|months|years|litres|metres|units|times|boxes|packs)\b))"
        rf"(?:(?:{name_word}[ \t]+){{1,3}}(?i:{types})\.?|(?!{_NOT_STREETS})[A-Z][a-z]{{2,}}(?:gate|way))(?![\w])"
        rf"(?:,[ \t]*(?P<town>{name_word}(?:[ \t]+{name_word})?)(?![\w]))?"
        # a street named in one word with a place-name ending ("5 Ashgrove", "12 Thornfield"): only with its town
        rf"|(?<![\w/])\d{{1,4}}[A-Za-z]?[ \t]+[A-Z][a-z]{{2,}}(?:grove|field|fields|bank|side|croft|mead|dale|brae"
        rf"|crest|holme|wood|hurst)(?![\w]),[ \t]*(?P<town2>{name_word}(?:[ \t]+{name_word})?)(?![\w])"
        # a close named with its article, no street word ("1 The Paddocks, Little Haywood", "3 The Maltings, Ely"):
        # only with its town
        rf"|(?<![\w/])\d{{1,4}}[A-Za-z]?,?[ \t]+The[ \t]+[A-Z][a-z]{{2,}}(?:[ \t]+[A-Z][a-z]{{2,}})?,[ \t]*"
        rf"(?P<town3>{name_word}(?:[ \t]+{name_word})?)(?![\w])"
    )


@lru_cache(maxsize=4)
def _street_re_for(vocabulary: Vocabulary, any_case: bool = False) -> re.Pattern[str]:
    return _street_regex(vocabulary, any_case)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]*$")
_WORD_AFTER = re.compile(r"[ \t]*([^\W\d_]+)")


_NUMBER_BEFORE_STREET = re.compile(r"[\d/-]+[A-Za-z]?,?[ \t]+")


def _inside_a_place(text: str, m: re.Match[str], vocabulary: Vocabulary) -> bool:
    """"Ward 6A, Daisy Hill Hospital": the number is a ward's or a room's, and the "street" opens a hospital's
    name; a place word right before the number or right after the street word says so, or the "street" is whole a
    place the dataset names ("booked 14/11 Southbank Sleep Centre": a date, then the place)."""
    number = _NUMBER_BEFORE_STREET.match(text, m.start(), m.end())
    if number is not None and vocabulary.allow_phrases and fold(
            text[number.end():m.end()].split(",")[0]) in vocabulary.allow_phrases:
        return True
    before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
    if before is not None and fold(before.group(1)) in vocabulary.indicators:
        return True
    after = _WORD_AFTER.match(text, m.end())
    return after is not None and after.group(1)[:1].isupper() and fold(after.group(1)) in vocabulary.indicators


# Where someone lives, said so, and written without a house number: "lives at Rose Cottage, Mill Lane, Hebden",
# "pt address: The Old Rectory, Church Road". The words up to the sentence's end are the address when one of them
# is a street word or a house's (a number-less street alone, "RTC on Mill Lane", is a public road).
_HOME_LABEL = re.compile(
    r"(?i)\b(?:lives|living|resides|residing|staying)\s+at|\b(?:home|pt'?s?|patient'?s?|residential|postal)\s+address\b"
    r"|\b(?:pt'?s?|patient'?s?|client'?s?)\s+home\b(?!\s+(?:visit|loan|oxygen|dialysis|use|care|from))"
    r"|^address\b|(?<!\bip )(?<!\bmac )(?<!mail )(?<!\bweb )(?<!\bserver )\baddress\s*:", re.MULTILINE
)
_HOME_TEXT = re.compile(r"\s*[:=-]?\s*(?P<home>[^\W\d_][^\n.;()@]{2,80}?)(?=\s*(?:$|\n|[.;()]|,?\s+(?:and|but|pt|"
                        r"patient|for|re|who|with|has|had|was|is)\b))", re.MULTILINE)
_POSTCODE_AT_END = re.compile(rf"(?i:{POSTCODE_PATTERN})\s*$")
_HOUSE_WORDS = frozenset({"cottage", "cottages", "house", "farm", "farmhouse", "lodge", "rectory", "vicarage", "manor",
                          "barn", "bungalow", "villa", "hall", "grange", "croft", "mill", "flat", "apartment",
                          "steading", "bothy", "manse", "schoolhouse", "smiddy", "crofthouse", "mains"})


# A form's address field over several lines, to the field's end ("Address: Rosedene\r\nLichfield Road\r\nSedgley |
# Postcode: ..."): every line is the address where one names a street or a house, or opens with its number.
_BLOCK_LINE = re.compile(r"[ \t]*([^\n|:;@]{2,80}?)[ \t\r]*(?:\n|(?=\||$))")
_BLOCK_OPENS = re.compile(r"[ \t]*[:=-]?[ \t]*\r?\n?")
_NUMBERED_LINE = re.compile(r"\d+[A-Za-z]?,?[ \t]+[^\W\d_]")


def _address_block(text: str, start: int, vocabulary: Vocabulary) -> Finding | None:
    colon = _BLOCK_OPENS.match(text, start)
    pos = colon.end() if colon else start
    lines: list[re.Match[str]] = []
    while len(lines) < 6 and (line := _BLOCK_LINE.match(text, pos)) is not None:
        if lines and POSTCODE_RE.fullmatch(line.group(1).strip()):
            break  # the postcode's line ends the address: a key safe's code or a note may follow on the next
        lines.append(line)
        pos = line.end()
        if not text.startswith("\n", line.end() - 1):
            break
    if len(lines) < 2 or not text.startswith("\n", lines[0].end() - 1):
        return None
    # a town's line is no street's, though its name has a street word ("Sowerby Bridge", "Hebden Bridge")
    words = {fold(w) for line in lines if fold(line.group(1)) not in place_keys()
             for w in re.findall(r"[^\W\d_]+", line.group(1))}
    if not (words & _HOUSE_WORDS or words & vocabulary.street_types
            or any(_NUMBERED_LINE.match(line.group(1)) for line in lines)):
        return None
    end = lines[-1].end(1)
    postcode = _POSTCODE_AT_END.search(text, lines[-1].start(1), end)
    if postcode is not None:  # a finding of its own, which would win over the whole
        end = len(text[:postcode.start()].rstrip(" \t,\r\n"))
    return Finding("ADDRESS", lines[0].start(1), end, 0.7, "StreetAddressRecognizer")


def _labelled_homes(text: str, vocabulary: Vocabulary) -> list[Finding]:
    if "ddress" not in text and " at" not in text and " home" not in text:
        return []
    out = []
    for label in _HOME_LABEL.finditer(text):
        block = _address_block(text, label.end(), vocabulary) if "\n" in text else None
        if block is not None:
            out.append(block)
            continue
        m = _HOME_TEXT.match(text, label.end())
        if m is None:
            continue
        home = m.group("home")
        postcode = _POSTCODE_AT_END.search(home)
        if any(c.isdigit() for c in home[:postcode.start() if postcode else len(home)]):
            # a number: the street address rule's, in any case here ("address: matheson, murdo, 3f2 62 marchmont
            # crescent")
            street = _street_re_for(vocabulary, True).search(text, m.start("home"), m.end("home"))
            if street is not None:
                out.append(Finding("ADDRESS", street.start(), street.end(), 0.7, "StreetAddressRecognizer"))
            continue
        words = {fold(w) for w in re.findall(r"[^\W\d_]+", home)}
        if words & _HOUSE_WORDS or words & vocabulary.street_types:
            # the postcode after it is a finding of its own, which would win over the whole
            end = m.start("home") + len(home[:postcode.start()].rstrip(" \t,")) if postcode else m.end("home")
            out.append(Finding("ADDRESS", m.start("home"), end, 0.7, "StreetAddressRecognizer"))
    return out


# A house named, not numbered, and its street: "nobody in at Rose Cottage, Portsmouth Road", "delivered to Mr X at
# Little Oaks, Portsmouth Road GU4 1TR". The name is a home when a house's word closes it or a postcode follows
# the street; a hospital's or a place's building is no home ("Daisy Hill Hospital, Mill Road").
_NAME_WORD = r"[A-Z][a-z'\u2019-]+"
# ... typed in capitals or in lower case too ("ORCHARD HOUSE, BROOKLANDS ROAD", "the old rectory, ockham road"): a
# house's word must close the name there, as a postcode alone says nothing of words whose case says nothing.
_SHAPES = {"title": (_NAME_WORD, "The"), "upper": (r"[A-Z][A-Z'\u2019-]+", "THE"),
           "lower": (r"[a-z][a-z'\u2019-]+", "the")}


@lru_cache(maxsize=12)
def _house_and_street_re(vocabulary: Vocabulary, shape: str = "title") -> re.Pattern[str]:
    types = "|".join(sorted((re.escape(t) for t in vocabulary.street_types), key=len, reverse=True))
    word, the = _SHAPES[shape]
    return re.compile(rf"(?<![\w'\u2019-])(?:{the}[ \t]+)?(?P<house>(?:{word}[ \t]+){{0,2}}{word}),[ \t]+"
                      rf"(?:{word}[ \t]+){{1,3}}(?i:{types})\.?(?![\w])")


# A farm's or a cottage's name and its town, no street between, as rural homes are addressed ("at Hillside Farm,
# Ballymena", "Ivy Cottage, Hebden Bridge"): only where the town is one of the shipped towns (vocabulary.town_keys).
_HOUSE_AND_TOWN = re.compile(
    rf"(?<![\w'\u2019-])(?P<house>(?:{_NAME_WORD}[ \t]+){{0,2}}(?:"
    + "|".join(w.capitalize() for w in sorted(_HOUSE_WORDS))
    + rf")),[ \t]+(?P<town>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)(?![\w'\u2019-])")


def _houses_in_towns(text: str, vocabulary: Vocabulary) -> list[Finding]:
    out = []
    for m in _HOUSE_AND_TOWN.finditer(text):
        town = m.group("town")
        if fold(town) not in town_keys() and not POSTCODE_RE.match(text, m.end("town") + 1):
            # a village no list knows is one before its postcode ("Higher Trewint Farm, Altarnun PL15 7RF")
            if " " not in town or fold(town.split()[0]) not in town_keys():
                continue
            town = town.split()[0]  # "Ballymena Tuesday": the town, then the note
        words = [fold(w) for w in m.group("house").split()]
        if any((w in vocabulary.indicators and w != words[-1]) or w in vocabulary.allow_tokens for w in words) \
                or vocabulary.is_allowed_term(m.group("house")):
            continue  # "Trust House, Leeds": a place's building
        out.append(Finding("ADDRESS", m.start(), m.start("town") + len(town), 0.7, "StreetAddressRecognizer"))
    return out


def _named_houses(text: str, vocabulary: Vocabulary) -> list[Finding]:
    if ", " not in text:
        return []
    out: list[Finding] = []
    for shape in _SHAPES:
        for m in _house_and_street_re(vocabulary, shape).finditer(text):
            words = [fold(w) for w in m.group("house").split()]
            house = words[-1] in _HOUSE_WORDS  # "Orchard House": a house's word, though "house" names places too
            if not house and fold(m.group(0).split()[-1]) in _HOUSE_WORDS:
                continue  # "Jane Smith, Mill Cottage": a person's name, then their house (_houses_after_names)
            if any((w in vocabulary.indicators and not (house and w == words[-1])) or w in vocabulary.allow_tokens
                   or w in TEAMS for w in words) or vocabulary.is_allowed_term(m.group("house")):
                continue  # "Trust House", "ICU HOUSE": a place's or a team's building
            if house or (shape == "title" and POSTCODE_RE.search(text, m.end(), min(len(text), m.end() + 25))):
                out.append(Finding("ADDRESS", m.start(), m.end(), 0.7, "StreetAddressRecognizer"))
    # "Rose Cottage, Portsmouth Road": the street, not the town of that name
    return out + [f for f in _houses_in_towns(text, vocabulary) if not any(o.start == f.start for o in out)]


def with_addresses_after_names(text: str, findings: list[Finding], vocabulary: Vocabulary) -> list[Finding]:
    """The findings and, right after a name and its comma, the street address in any case: where that person
    lives ("pt is a regular faller - NAME, 82 sandbed lane, husband ...")."""
    street = _street_re_for(vocabulary, True)
    out = list(findings)
    out += _houses_after_names(text, findings, vocabulary)
    for f in names_beside_numbers(text, findings):
        if not text.startswith(", ", f.end):
            continue
        m = street.match(text, f.end + 2)
        if m is None:  # the Welsh, Irish or Gaelic way, street word first ("NAME, 97 clos y wern, penarth")
            if (celtic := STREET_FIRST_RE.match(text, f.end + 2)) is not None and not any(
                    o.start < celtic.end() and celtic.start() < o.end for o in findings):
                out.append(Finding("ADDRESS", celtic.start(), celtic.end(), 0.7, "CelticAddressRecognizer"))
            continue
        if _inside_a_place(text, m, vocabulary):
            continue
        end = m.start("town") - 2 if m.group("town") and fold(m.group("town")) not in vocabulary.allow_phrases \
            else m.end()
        if not any(o.start < end and m.start() < o.end for o in findings):
            out.append(Finding("ADDRESS", m.start(), end, 0.7, "StreetAddressRecognizer"))
    return out


# A house's name after a person's and a comma, in any case, and the village or street after it ("pt NAME, Old Manse,
# Howwood", "NAME, j, mill cottage, howwood, chi ..."): where that person lives.
_HOUSE_AFTER_NAME = re.compile(
    r",[ \t]+(?:[^\W\d_],[ \t]+)?(?P<house>(?:[^\W\d_][\w'\u2019-]*[ \t]+){0,2}(?i:" + "|".join(sorted(_HOUSE_WORDS))
    + r"))(?P<place>,[ \t]+[^\W\d_][\w'\u2019-]*(?:[ \t]+[^\W\d_][\w'\u2019-]*){0,2})?(?![\w'\u2019-])")


def _houses_after_names(text: str, findings: list[Finding], vocabulary: Vocabulary) -> list[Finding]:
    if ", " not in text:
        return []
    out = []
    for f in findings:
        if f.entity_type != "PERSON":
            continue
        m = _HOUSE_AFTER_NAME.match(text, f.end)
        if m is None:
            continue
        words = [fold(w) for w in m.group("house").split()]
        if any((w in vocabulary.indicators or w in ROLE_MAILBOX_WORDS) and w != words[-1] for w in words) \
                or vocabulary.is_allowed_term(
                m.group("house")):
            continue  # "NAME, Daisy Hill Hospital": a place's building
        end = m.end("place") if m.group("place") and not _LABEL_WORD.match(m.group("place").lstrip(", \t")) \
            else m.end("house")
        if not any(o.start < end and m.start("house") < o.end for o in findings):
            out.append(Finding("ADDRESS", m.start("house"), end, 0.7, "StreetAddressRecognizer"))
    return out


_LABEL_WORD = re.compile(r"(?i)(?:chi|nhs|dob|mrn|hosp|unit|tel|mob|ph|phone|ward|bed|pt|dn|gp|nok)\b")


# A flat in a named building, and the street after it: "flat 3 Bridge House, Quay Street", "Flat 12 Riverside
# Court". A flat is someone's home, so the building's name is as much their address as a house number.
_BUILDING_WORDS = (r"house|court|mansions|towers?|heights|lodge|buildings|point|block|gardens|place|apartments|flats"
                   r"|wharf|quay|view|hall")
_FLAT_IN_BUILDING = re.compile(
    r"(?<![\w])(?i:flat|apartment|apt|studio)\.?[ \t]+\d+[A-Za-z]?,?[ \t]+"
    rf"(?:[^\W\d_][\w'\u2019-]*[ \t]+){{1,3}}(?i:{_BUILDING_WORDS})(?![\w])")


@lru_cache(maxsize=4)
def _street_after_re(vocabulary: Vocabulary) -> re.Pattern[str]:
    types = "|".join(sorted((re.escape(t) for t in vocabulary.street_types), key=len, reverse=True))
    return re.compile(rf",?[ \t]+(?:[^\W\d_][\w'\u2019-]*[ \t]+){{1,3}}(?i:{types})\.?(?![\w])")


def _flats_in_buildings(text: str, vocabulary: Vocabulary) -> list[Finding]:
    out = []
    for m in _FLAT_IN_BUILDING.finditer(text):
        street = _street_after_re(vocabulary).match(text, m.end())
        out.append(Finding("ADDRESS", m.start(), street.end() if street else m.end(), 0.75,
                           "StreetAddressRecognizer"))
    return out


def find_street_addresses(text: str, vocabulary: Vocabulary | None = None) -> list[Finding]:
    """House number + street name + street word ("12 Acacia Avenue", "97 Lynda Bridge, Smithbury"); in lower
    case or capitals only beside a postcode or an address word ("lives at 4 high st, leeds ls1 4ab"), since
    "fitted 3 new wheels on the road" has the same shape."""
    vocabulary = vocabulary or default_vocabulary()
    labelled = _labelled_homes(text, vocabulary)
    flats = _flats_in_buildings(text, vocabulary) if any(ch.isdigit() for ch in text) else []
    labelled += [f for f in _named_houses(text, vocabulary)
                 if not any(o.start < f.end and f.start < o.end for o in (*labelled, *flats))]
    if not any(ch.isdigit() for ch in text):
        return labelled
    out = labelled + flats + [
        Finding("ADDRESS", m.start(), m.end(), 0.75, "StreetAddressRecognizer")
        for m in _street_re_for(vocabulary).finditer(text) if not _inside_a_place(text, m, vocabulary)
        and not any(f.start < m.end() and m.start() < f.end for f in flats)]
    for m in _street_re_for(vocabulary, True).finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in out) or _inside_a_place(text, m, vocabulary):
            continue
        # A flat or an apartment is someone's home, in any case ("flat 2, 23 oak road")
        if m.group("flat") or POSTCODE_RE.search(text, m.end(), min(len(text), m.end() + 30)) or context_before(
                text, m.start(), POSTCODE_CONTEXT, 25):
            # In lower case the words after a comma are a town only when the vocabulary knows the town
            # ("45 st john's rd, leeds"), not the next clause ("45 st john's rd, collected from ...").
            town = m.group("town")
            end = m.end() if town is None or fold(town) in vocabulary.allow_phrases else text.rindex(
                ",", m.start(), m.start("town"))
            out.append(Finding("ADDRESS", m.start(), end, 0.7, "StreetAddressRecognizer"))
    return [_with_house_before(text, f, vocabulary) for f in out]


# A house's name before its numbered street, where a home is spoken of ("from Glenview, 4 Ardconnel Terr", "temp
# address Seaspray, 8 Harbour View"): the name is as much the address as the number.
_HOUSE_BEFORE = re.compile(r"(?i:\b(?:from|at|to|address|addr|home)\b:?)[ \t]+"
                           r"(?P<house>(?:[A-Z][\w'\u2019-]+[ \t]+){0,2}[A-Z][\w'\u2019-]+),[ \t]*$")


def _with_house_before(text: str, finding: Finding, vocabulary: Vocabulary) -> Finding:
    if not text[finding.start:finding.start + 1].isdigit():
        return finding
    m = _HOUSE_BEFORE.search(text, max(0, finding.start - 60), finding.start)
    if m is None or vocabulary.is_allowed_term(m.group("house")) or any(
            fold(w) in vocabulary.indicators or fold(w) in vocabulary.allow_tokens or fold(w) in CALENDAR_WORDS
            or fold(w) in HOSPITAL_QUALIFIERS for w in m.group("house").split()):
        return finding  # "at Ward 6, 12 ...", a care home or a place's building, the day it was done
    return Finding(finding.entity_type, m.start("house"), finding.end, finding.score, finding.recognizer)
