"""Neutralise spreadsheet formulas in delivered text (OWASP "CSV injection"), vectorised with pyarrow.compute.

A delivered package is often opened in a spreadsheet, which executes a cell that looks like a formula:
`=cmd|' /C calc'!A0` (DDE), `=HYPERLINK(...)`, `+SUM(1,2)`, `@SUM(A1)`. Following the OWASP guidance, such a
cell gets a leading single quote `'`, which spreadsheets show as text and never evaluate.

Reference values must survive verbatim, so the test is precise rather than "starts with one of = + - @":

- a leading `=`, tab (0x09) or carriage return (0x0D): always a formula lead, neutralised;
- a leading `+`, `-` or `@`: neutralised only when the rest is formula syntax, i.e. it consists entirely of
  formula tokens (numbers, cell references like `A1` / `$B$2`, function calls `NAME(`, DDE `NAME|`, quoted
  strings, operators and brackets), its first token can start an expression, and it is active: it holds a
  function call, a DDE link, a cell reference, or an operator other than `-` (so `-2+3` is neutralised).
  A bare word makes it text: `@home`, `+ve`, `- see notes`, `-20C freezer` stay as they are, and so do
  numbers and phone numbers (`-5`, `+44 1632 960123`, `+44-20-7946-0958`, `+44 (0)20 7946 0958`);
- but a DDE link or a call of a function reaching outside the sheet (the OWASP list: DDE, RTD, HYPERLINK,
  WEBSERVICE, IMPORTXML, IMPORTDATA, IMPORTFEED, IMPORTHTML, IMPORTRANGE, IMAGE, CALL, REGISTER, REGISTER.ID, EXEC,
  SQL.REQUEST) anywhere after a leading `+`, `-` or `@` is neutralised whatever precedes it, as long as it is not the
  tail of a longer word: `+ve+cmd|' /C calc'!A0`, `+ve+RTD("a",,"b")` are, `-recall (see notes)` is not.

Every string in a delivered column is checked, nested ones too (the rejects' `reasons[].column` and `.message`,
any list or struct column).

Only counts leave this module (per field), never a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

RULE = "owasp-csv-injection/1"
QUOTE = "'"

_NAME = r"[A-Za-z_][A-Za-z0-9_.]*"
_REF = r"\$?[A-Za-z]{1,3}\$?[0-9]+"
_NUMBER = r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?%?"
_STRING = r"\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'"
_FUNCTION = _NAME + r"\("
_DDE = _NAME + r"\|"
_SHEET = _NAME + "!"
_TOKEN = rf"(?:{_STRING}|{_FUNCTION}|{_DDE}|{_SHEET}|{_REF}|{_NUMBER}|TRUE|FALSE|[-+*/^&=<>:,;!()%{{}}]|\s+)"
# The first token after the sign must be able to start an expression: an operand, a bracket or a unary sign.
_STARTS = rf"^[+\-@]\s*(?:[-+(]\s*)*(?:{_STRING}|{_FUNCTION}|{_DDE}|{_SHEET}|{_REF}|{_NUMBER}|TRUE|FALSE)"

ALWAYS = r"^[=\t\r]"  # a leading '=', tab or carriage return
SIGN_LEAD = r"^[+\-@]"
ALL_TOKENS = rf"^[+\-@]{_TOKEN}+$"
# Active: a function call, DDE link, sheet reference or an operator other than '-' after the sign; or a cell
# reference that is not the exponent of a number (the character before it is not part of a word or number).
ACTIVE = rf"^[+\-@].*?(?:{_FUNCTION}|{_DDE}|{_SHEET}|[+*/^&=<>])|^[+\-@](?:.*[^A-Za-z0-9_$.])?{_REF}"
# Whatever comes before them, a DDE link ("cmd|' /C calc'!A0") or a call of a function that reaches outside the
# sheet makes a +/-/@ cell a formula: to a spreadsheet a bare word before it ("+ve+cmd|...") is a defined name.
# The name is preceded by the sign or by a character that cannot be part of a name ("+ve+RTD(", "+a RTD("); a '.'
# may precede it ("_xlfn.WEBSERVICE(").
OUTSIDE_FUNCTIONS = ("DDE", "RTD", "HYPERLINK", "WEBSERVICE", "IMPORTXML", "IMPORTDATA", "IMPORTHTML", "IMPORTFEED",
                     "IMPORTRANGE", "IMAGE", "CALL", "REGISTER", "REGISTER.ID", "EXEC", "SQL.REQUEST")
_OUTSIDE = "(?i:" + "|".join(name.replace(".", r"\.") for name in OUTSIDE_FUNCTIONS) + ")"
DANGEROUS = rf"^[+\-@](?:.*?{_DDE}.*!|(?:.*?[^A-Za-z0-9_])?{_OUTSIDE}\s*\()"


def formula_mask(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """True where a string cell would be executed by a spreadsheet (null cells are False)."""
    always = pc.match_substring_regex(values, ALWAYS)
    signed = pc.and_(
        pc.and_(pc.match_substring_regex(values, ALL_TOKENS), pc.match_substring_regex(values, _STARTS)),
        pc.match_substring_regex(values, ACTIVE),
    )
    dangerous = pc.match_substring_regex(values, DANGEROUS)
    return pc.fill_null(pc.or_(pc.or_(always, signed), dangerous), False)


def _leads(values: pa.Array | pa.ChunkedArray) -> bool:
    """Cheap first pass: does any cell start with one of the formula lead characters at all?"""
    return bool(pc.any(pc.match_substring_regex(values, r"^[=+\-@\t\r]")).as_py())


def neutralise_array(values: pa.Array | pa.ChunkedArray) -> tuple[pa.Array | pa.ChunkedArray, int]:
    """The array with every formula cell prefixed by `'`, and how many cells were changed."""
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)) or not _leads(values):
        return values, 0
    mask = formula_mask(values)
    count = int(pc.sum(mask).as_py() or 0)
    if count == 0:
        return values, 0
    quoted = pc.utf8_replace_slice(values, start=0, stop=0, replacement=QUOTE)
    return pc.if_else(mask, quoted, values), count


@dataclass
class NeutraliseCounts:
    """Cells neutralised, per file (entity or rejects) and field: counts only."""

    cells: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, part: str, column: str, count: int) -> None:
        if count:
            fields = self.cells.setdefault(part, {})
            fields[column] = fields.get(column, 0) + count

    @property
    def total(self) -> int:
        return sum(sum(fields.values()) for fields in self.cells.values())

    def as_dict(self) -> dict[str, object]:
        return {"rule": RULE, "total": self.total,
                "cells": {part: dict(sorted(fields.items())) for part, fields in sorted(self.cells.items())}}


def neutralise_nested(values: pa.Array | pa.ChunkedArray, name: str,
                      counts: dict[str, int]) -> pa.Array | pa.ChunkedArray:
    """`values` with every string in it neutralised, at any depth of lists and structs; the cells changed are added
    to `counts` per path (`reasons[].message`). An array with nothing to change is returned as it is."""
    if isinstance(values, pa.ChunkedArray):
        chunks = [neutralise_nested(chunk, name, counts) for chunk in values.chunks]
        if all(new is old for new, old in zip(chunks, values.chunks, strict=True)):
            return values
        return pa.chunked_array(chunks, type=values.type)
    kind = values.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        safe, count = neutralise_array(values)
        if count:
            counts[name] = counts.get(name, 0) + count
        return safe
    if pa.types.is_struct(kind):
        return _struct(values, name, counts)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_map(kind):
        return _list(values, name, counts)
    return values


def _struct(values: pa.StructArray, name: str, counts: dict[str, int]) -> pa.Array:
    children = values.flatten()  # each field sliced as the struct is, with the struct's nulls
    safe = [neutralise_nested(child, f"{name}.{kind.name}", counts) for child, kind in zip(children, values.type,
                                                                                            strict=True)]
    if all(new is old for new, old in zip(safe, children, strict=True)):
        return values
    mask = pc.invert(values.is_valid()) if values.null_count else None
    return pa.StructArray.from_arrays(safe, fields=list(values.type), mask=mask)


def _list(values: pa.ListArray | pa.LargeListArray | pa.MapArray, name: str, counts: dict[str, int]) -> pa.Array:
    offsets = values.offsets  # of a sliced array: into all of `values.values`, from offsets[0] on
    start = offsets[0].as_py()
    # Every value from the first list's start to the last one's end, those behind null lists too, as the offsets say.
    items = values.values.slice(start, offsets[-1].as_py() - start)
    safe = neutralise_nested(items, f"{name}[]", counts)
    if safe is items:
        return values
    offsets = pc.subtract(offsets, start)
    mask = pc.invert(values.is_valid()) if values.null_count else None
    if pa.types.is_map(values.type):
        return pa.MapArray.from_arrays(offsets, safe.field(0), safe.field(1), type=values.type, mask=mask)
    cls = pa.LargeListArray if pa.types.is_large_list(values.type) else pa.ListArray
    return cls.from_arrays(offsets, safe, type=values.type, mask=mask)


def neutralise_batch(batch: pa.RecordBatch, part: str, counts: NeutraliseCounts) -> pa.RecordBatch:
    """The batch with every string neutralised, in top-level columns and nested in list, map and struct columns;
    the counts are added to `counts` per field (`reasons[].message` for a nested one)."""
    columns: list[pa.Array] = []
    changed = False
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        found: dict[str, int] = {}
        safe = neutralise_nested(column, name, found)
        for path, count in found.items():
            counts.add(part, path, count)
        changed = changed or safe is not column
        columns.append(safe)
    if not changed:
        return batch
    return pa.RecordBatch.from_arrays(columns, schema=batch.schema)
