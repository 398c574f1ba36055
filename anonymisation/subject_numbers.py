"""A number a table keeps for each of the people it is about: a wheelchair service's "Service No" beside its client,
a clinic's "Unit No" beside the patient, an insurer's member number. No label says so ("Service No" is a job's
number in most maintenance systems, "CW518528" looks like any asset code), but the table does: the number is
written exactly where the person is, and the same person always has the same number. An asset's or a job's number
is written on every row, a person or not, and the same person reports many jobs under different numbers.

The rule needs evidence that the person's absence matters: rows without the person (and so without the number),
or people named on several rows with one number each. A table of one row per person, all present, proves nothing
(a contacts table's own id) and is left alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from intake.anonymisation.classification import ColumnClassification, ColumnKind
from intake.anonymisation.column_names import names_equipment
from intake.anonymisation.structured import is_scannable_type, placeholder_mask, plain_strings

# Whose number it can be: columns that identify a person.
_SUBJECTS = ("UK_NHS", "MRN", "NATIONAL_ID", "UK_NINO", "PERSON")
# A code, not an extension or a count: five digits or more, a short letter prefix at most ("CW518528", "K-0042113").
_CODE = r"^[A-Za-z]{0,4}[ /-]?\d{5,12}[A-Za-z]?$"
_MIN_PEOPLE = 10
_AGREE = 0.99  # share of rows where the number is present exactly when the person is
_ONE_EACH = 0.95  # share of the people with a single number


@dataclass(frozen=True)
class Tie:
    column: str
    subject: str
    reason: str


def _present(strings: pa.Array) -> list[bool]:
    return pc.invert(placeholder_mask(strings)).to_pylist()


def _is_code_column(strings: pa.Array, present: list[bool]) -> bool:
    codes = pc.fill_null(pc.match_substring_regex(strings, _CODE), False).to_pylist()
    n = sum(present)
    return n >= _MIN_PEOPLE and sum(1 for p, c in zip(present, codes, strict=True) if p and c) >= 0.9 * n


def _tie(subject: str, people: list[str | None], present_s: list[bool], numbers: list[str | None],
         present_c: list[bool]) -> str | None:
    rows = len(people)
    agree = sum(1 for a, b in zip(present_s, present_c, strict=True) if a == b)
    if agree < _AGREE * rows:
        return None
    both_absent = sum(1 for a, b in zip(present_s, present_c, strict=True) if not a and not b)
    numbers_of: dict[str, set[str]] = defaultdict(set)
    rows_of: dict[str, int] = defaultdict(int)
    for person, number, a, b in zip(people, numbers, present_s, present_c, strict=True):
        if a and b and person is not None and number is not None:
            numbers_of[person.casefold()].add(number.casefold())
            rows_of[person.casefold()] += 1
    if len(numbers_of) < _MIN_PEOPLE:
        return None
    single = sum(1 for v in numbers_of.values() if len(v) == 1)
    distinct_numbers = len({n for v in numbers_of.values() for n in v})
    if single < _ONE_EACH * len(numbers_of) or distinct_numbers < 0.5 * len(numbers_of):
        return None
    repeated = sum(1 for p, v in numbers_of.items() if rows_of[p] > 1 and len(v) == 1)
    if both_absent < max(3, 0.02 * rows) and repeated < 3:
        return None
    return (f"written exactly where '{subject}' is ({agree / rows:.0%} of sampled rows) and one per person "
            f"({single / len(numbers_of):.0%} of {len(numbers_of)}): that person's own number")


def subject_numbers(sample: pa.Table, columns: dict[str, ColumnClassification]) -> list[Tie]:
    """The not-personal code columns of the sample that are the number of the people one of its identifier columns
    names."""
    subjects = [c for entity in _SUBJECTS for c, cls in columns.items()
                if cls.kind is ColumnKind.IDENTIFIER and cls.entity_type == entity]
    if not subjects or sample.num_rows < _MIN_PEOPLE:
        return []
    texts = {c: plain_strings(sample.column(c)) for c in subjects}
    present = {c: _present(t) for c, t in texts.items()}
    people = {c: t.to_pylist() for c, t in texts.items()}
    out = []
    for name, cls in columns.items():
        if cls.kind is not ColumnKind.NOT_PERSONAL or not is_scannable_type(sample.column(name).type) \
                or names_equipment(name):
            continue  # a loan table's "loan.assetTag": one device a patient, still the device's number
        strings = plain_strings(sample.column(name))
        has = _present(strings)
        if not _is_code_column(strings, has):
            continue
        numbers = strings.to_pylist()
        for subject in subjects:
            reason = _tie(subject, people[subject], present[subject], numbers, has)
            if reason is not None:
                out.append(Tie(name, subject, reason))
                break
    return out
