"""Where the personal values are in a person or identifier column's cells: the spans each cell gets a token for
(one per person where a cell names several, a number typed beside a name keeping its own type), and which
distinct values of a column are one name, or plainly another entity than their column's."""

from __future__ import annotations

import re
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from intake.anonymisation.findings import Finding, by_start
from intake.anonymisation.structured import PLACEHOLDERS, as_strings, full_match_mask
from intake.anonymisation.vocabulary import Vocabulary

SPLIT_NAMES = re.compile(r"(\s*/\s*|\s*&\s*|\s*;\s*|\s+and\s+|\s*\+\s*|\s*\n\s*)")
PLACEHOLDER_CELLS = frozenset(PLACEHOLDERS)
Findings = Callable[[list[str | None]], dict[str, tuple[Finding, ...]]]


def name_shaped_parts(values: list[str]) -> frozenset[str]:
    """The trimmed parts of these cells, split where a cell names several people, that are one name each: one
    vectorised match for the column (a regex compiled per cell cost more than the rest of the column)."""
    parts = {p.strip() for v in values for p in SPLIT_NAMES.split(v)[0::2]} - {""}
    if not parts:
        return frozenset()
    array = pa.array(sorted(parts), type=pa.string())
    return frozenset(pc.filter(array, full_match_mask(array, "PERSON")).to_pylist())


def cells(retyped: dict[str, str], column_entity: str, person: Callable[[str], tuple[Finding, ...]],
          marks: frozenset[str] = frozenset()) -> Findings:
    """The findings of an identifier column's cells: a value plainly of another type whole as that type, a
    person's cell as `person` says, placeholders ("n/a", "-") left alone but for the dataset's `marks` (fold()ed
    initials: "NA" is Nasra Aden's where the dataset says so)."""

    def find(values: list[str | None]) -> dict[str, tuple[Finding, ...]]:
        out: dict[str, tuple[Finding, ...]] = {}
        for value in values:
            if value is None:
                continue
            key = value.strip().lower()
            if key in PLACEHOLDER_CELLS and (column_entity != "PERSON" or key not in marks):
                continue
            entity = retyped.get(value, column_entity)
            found = person(value) if entity == "PERSON" else (whole_cell(value, entity),)
            if found:
                out[value] = found
        return out

    return find


def split_names(value: str, skip: Callable[[str], bool] | None = None) -> list[Finding]:
    """One PERSON finding per part of the cell split where it names several people ("A Smith / B Jones"), but
    for blank parts and those `skip` says are no person."""
    parts = SPLIT_NAMES.split(value)
    found: list[Finding] = []
    pos = 0
    for k, part in enumerate(parts):
        start, pos = pos, pos + len(part)
        if k % 2 == 1 or not part.strip() or (skip is not None and skip(part)):
            continue
        lead = len(part) - len(part.lstrip())
        found.append(Finding("PERSON", start + lead, start + lead + len(part.strip()), 1.0, "column"))
    return found


def name_parts(value: str) -> tuple[Finding, ...]:
    """One finding per person named in a person field's cell ("A Smith / B Jones"), else the whole cell."""
    return tuple(split_names(value)) or (whole_cell(value, "PERSON"),)


def around(typed: list[Finding], parts: tuple[Finding, ...], value: str) -> tuple[Finding, ...]:
    """The typed findings, and each part's text outside them as PERSON: together they cover every word."""
    out = list(typed)
    for part in parts:
        pos = part.start
        for f in sorted(typed, key=by_start):
            if f.end <= pos or f.start >= part.end:
                continue
            out.extend(_words(value, pos, f.start))
            pos = max(pos, f.end)
        out.extend(_words(value, pos, part.end))
    return tuple(sorted(out, key=by_start))


def _words(value: str, start: int, end: int) -> list[Finding]:
    piece = value[start:end]
    if not any(ch.isalnum() for ch in piece):
        return []
    lead = len(piece) - len(piece.lstrip(" \t,;:-()"))
    trail = len(piece) - len(piece.rstrip(" \t,;:-()"))
    return [Finding("PERSON", start + lead, end - trail, 1.0, "column")]


def whole_cell(value: str, entity: str) -> Finding:
    lead = len(value) - len(value.lstrip())
    return Finding(entity, lead, lead + len(value.strip()), 1.0, "column")


def retyped_values(array: pa.Array, column_entity: str) -> dict[str, str]:
    """Values that are plainly another entity than their column's (an e-mail typed into a phone column); an
    extension or a bleep in a contact's field is the INTERNAL_NUMBER it is anywhere else, which reaches a desk or
    a role and which the policy keeps by default ("ext 4412", "Bleep 2231")."""
    distinct = pc.unique(as_strings(array).drop_null())
    trimmed = pc.utf8_trim_whitespace(distinct)
    out: dict[str, str] = {}
    for entity in ("EMAIL_ADDRESS", "UK_NHS", "UK_NINO", "PHONE_NUMBER", "EXTENSION"):
        if entity == column_entity:
            continue
        mask = full_match_mask(trimmed, entity)
        for value in pc.filter(distinct, mask).to_pylist():
            out.setdefault(value, "INTERNAL_NUMBER" if entity == "EXTENSION" else entity)
    return out


def whole_cell_ok(array: pa.Array, entity: str, vocab: Vocabulary) -> set[str]:
    """Distinct values of a person column that are one name (or login) and get one token."""
    if entity != "PERSON":
        return set()
    distinct = pc.unique(pc.utf8_trim_whitespace(as_strings(array)).drop_null())
    ok = pc.or_(full_match_mask(distinct, "PERSON"), full_match_mask(distinct, "USERNAME"))
    named = set(pc.filter(distinct, ok).to_pylist())
    raw = pc.unique(as_strings(array).drop_null()).to_pylist()
    return {v for v in raw if v.strip() in named and not vocab.is_allowed_term(v)}
