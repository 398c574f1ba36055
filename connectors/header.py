"""Is the first full row of a legacy table a row of column labels, or already a row of data?

Getting this wrong one way leaks a customer's values into column names (which reach reports) and loses that
row; the other way only turns a header into one more data row that validation rejects. So a candidate row is
taken as data as soon as one of its cells looks like a value rather than a label:

- a typed value: a number, date, time, amount, phone number, NHS number, e-mail address, postcode or National
  Insurance number (labels such as "Contact Tel" or "Purchase Date" name these, they never are one);
- a person's name: "Firstname Surname" with the first name and the surname both in general name lists (Faker's
  person providers for the languages of the UK's health workforce), "J Smith", "Dr Patel", "SMITH, Jane";
- a cell shaped like the values below it in its column, when that column has a distinctive shape (codes such as
  "EQ004512", "Ward 5", typed spreadsheet cells): a label row's cells are words, not codes;
- values that recur below in their own columns ("ICU", "Active"), in at least two columns (or half of them),
  unless the whole row recurs (a header repeated on every page of a report).

A spreadsheet cell that is not text (a number, a date, a boolean) is a typed value.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

# Faker person providers whose names count as names (Latin-script lists of the UK's health workforce).
NAME_LOCALES = (
    "en", "en_GB", "en_US", "en_IE", "ga_IE", "en_IN", "en_PK", "en_NG", "en_NZ", "en_AU", "pl_PL", "ro_RO",
    "pt_PT", "es_ES", "it_IT", "fr_FR", "de_DE", "nl_NL", "yo_NG", "tw_GH", "ig_NG", "lt_LT",
)
# Reject reason of a non-blank line above the header: it may be a data row, so it is accounted for, never dropped.
BANNER_REASON = "line above the header (banner), not read as data"
# Column shapes below the candidate: the share of a column's values that must share one shape to compare.
DOMINANT_SHARE = 2 / 3

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TYPED_PATTERNS = (
    # numbers, amounts, percentages, numeric dates and times, phone and NHS numbers, UMDNS codes
    re.compile(r"^[\s£$€+(-]*\d[\d\s.,:/()+-]*%?(?:\s*(?:ext|extn|ext\.|x)\s*\d{1,6}\)?)?$", re.IGNORECASE),
    re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"),  # ISO datetime
    re.compile(rf"^\d{{1,2}}(?:st|nd|rd|th)?[\s/.-]*{_MONTH}[\s/.,-]*\d{{2,4}}$", re.IGNORECASE),  # 14-Mar-19
    re.compile(rf"^{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}$", re.IGNORECASE),  # March 14, 2019
    re.compile(rf"^{_MONTH}[\s/-]+\d{{4}}$", re.IGNORECASE),  # Mar 2019
    re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE),  # e-mail
    re.compile(r"^(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}$", re.IGNORECASE),  # UK postcode
    re.compile(r"^[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]$", re.IGNORECASE),  # National Insurance
)
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sister", "nurse", "sr"})
_JOINED = re.compile(r"\s*/\s*|\s+&\s+|\s+and\s+")
_WORD = re.compile(r"^[^\W\d_]+(?:['\u2019-][^\W\d_]+)*$")


def is_typed_value(cell: Any) -> bool:
    """A value no label is: a non-text spreadsheet cell, or text that is a number, date, phone, e-mail..."""
    if cell is None:
        return False
    if not isinstance(cell, str):
        return True
    text = cell.strip()
    return bool(text) and any(pattern.match(text) for pattern in _TYPED_PATTERNS)


@lru_cache(maxsize=1)
def name_gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), case-folded, from Faker's person providers of NAME_LOCALES."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in NAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        for attr, into in (("first_names", first), ("first_names_male", first), ("first_names_female", first),
                           ("last_names", last)):
            names = getattr(provider, attr, ())
            into.update(str(name).casefold() for name in names)  # dicts (weighted lists) iterate their keys
    return frozenset(first), frozenset(last)


def _is_word(token: str) -> bool:
    return len(token) > 1 and bool(_WORD.match(token)) and (token[0].isupper())


def looks_like_person(cell: Any) -> bool:
    """ "Jane Smith", "JANE SMITH", "Jane A. Smith", "J Smith", "Dr Patel", "Smith, Jane" (names in the lists)."""
    if not isinstance(cell, str):
        return False
    text = cell.strip()
    if not text or len(text) > 60:
        return False
    parts = [part for part in _JOINED.split(text) if part.strip()]
    if len(parts) > 1:  # "A Smith / B Jones"
        return any(looks_like_person(part) for part in parts)
    if text.count(",") == 1:  # "Smith, Jane"
        surname, _, given = (part.strip() for part in text.partition(","))
        given_first = given.split()[0] if given else ""
        if not (_is_word(surname) and _is_word(given_first)):
            return False
        first, last = name_gazetteer()
        return surname.casefold() in last and given_first.casefold() in first
    tokens = [token.rstrip(".") for token in text.split()]
    if not 2 <= len(tokens) <= 4 or not _is_word(tokens[-1]):
        return False
    head, middle = tokens[0], tokens[1:-1]
    initials = all(len(t) == 1 and t.isalpha() and t.isupper() for t in middle)
    if head.casefold() in _TITLES or (len(head) == 1 and head.isalpha() and head.isupper()):
        shaped, forename = initials, None  # "Dr Patel", "Dr A. Patel", "J Smith", "J. R. Smith"
    else:
        shaped = _is_word(head) and all(_is_word(t) or (len(t) == 1 and t.isupper()) for t in middle)
        forename = head
    if not shaped:
        return False
    first, last = name_gazetteer()  # loaded only for cells shaped like a name
    return tokens[-1].casefold() in last and (forename is None or forename.casefold() in first)


def shape(cell: Any) -> str:
    """Character classes with runs collapsed ("EQ004512" -> "A9", "Ward 5" -> "Aa 9"); a type for other cells."""
    if cell is None:
        return ""
    if not isinstance(cell, str):
        return f"<{type(cell).__name__}>"
    out: list[str] = []
    for char in cell.strip():
        if char.isdigit():
            cls = "9"
        elif char.isalpha():
            cls = "A" if char.isupper() else "a"
        elif char.isspace():
            cls = " "
        else:
            cls = char
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


def _distinctive(kind: str) -> bool:
    """Shapes labels do not have: digits, an e-mail's @, a typed spreadsheet cell."""
    return "9" in kind or "@" in kind or kind.startswith("<")


def _filled(cell: Any) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _key(cell: Any) -> str:
    return cell.strip() if isinstance(cell, str) else repr(cell)


def looks_like_labels(candidate: Sequence[Any], following: Sequence[Sequence[Any]]) -> bool:
    """True when `candidate` reads as a header row over the rows `following` it (a sample of them)."""
    cells = [(i, cell) for i, cell in enumerate(candidate) if _filled(cell)]
    if not cells:
        return False
    if any(is_typed_value(cell) or looks_like_person(cell) for _, cell in cells):
        return False
    row_key = tuple(_key(cell) if _filled(cell) else "" for cell in candidate)
    repeated_row = any(
        tuple(_key(c) if _filled(c) else "" for c in row[: len(candidate)]) == row_key for row in following
    )
    recurring = 0
    for i, cell in cells:
        below = [row[i] for row in following if i < len(row) and _filled(row[i])]
        if len(below) >= 2:
            kinds = Counter(shape(value) for value in below)
            kind, count = kinds.most_common(1)[0]
            if count >= DOMINANT_SHARE * len(below) and _distinctive(kind) and shape(cell) == kind:
                return False
        if not repeated_row and _key(cell) in {_key(value) for value in below}:
            recurring += 1
    return not (recurring >= 2 or (recurring and recurring * 2 >= len(cells)))

