"""Vectorised conversions of legacy columns (Arrow string arrays) to product values.

A conversion is a small class: constructed once from the mapping file's parameters (which it checks,
raising ValueError/TypeError with a readable message), then called on whole Arrow arrays. Conversions get
text already trimmed, blanks as nulls (the engine prepares every source column so); after a step that
can leave spaces (`replace`, `extract`), add `trim`. It returns the
converted array and a mask of rows whose value was present but could not be converted; those rows are
rejected by validation (or nulled, if the mapping says so). Placeholders such as "NA" become nulls, which
are not errors.

Extension point: subclass `Conversion` and `register_conversion` it.

This module is the conversions' public face, importable as one: the protocol and registry are in
`conversions_base`, the conversions in `conversions_text`, `conversions_numbers` and `conversions_dates`.
Its own job is `default_parser_for`, the conversion that reads a typed field when the mapping names none.
"""

from __future__ import annotations

import pyarrow as pa

from intake.product.conversions_base import (
    CONVERSIONS,
    Conversion,
    Converted,
    make_conversion,
    present_mask,
    register_conversion,
    trim,
)
from intake.product.schema import BOOLEAN, DATE, FLOAT, INTEGER, MONEY, TIMESTAMP

# Each family registers its conversions when imported, and the registry keeps that order: text, numbers, dates,
# as when they were one module. The splits stop the import sorter from putting them in alphabetical order.
# isort: split
from intake.product.conversions_text import (
    DEFAULT_NULL_VALUES,
    CollapseSpaces,
    DropIfMatches,
    Extract,
    IfPresent,
    KeepIfMatches,
    Lower,
    NullValues,
    Replace,
    Split,
    Title,
    Trim,
    Upper,
)

# isort: split
from intake.product.conversions_numbers import UNITS, Boolean, Currency, Decimal, Integer, Number, Scale, Unit

# isort: split
from intake.product.conversions_dates import DATE_FORMATS, DEFAULT_DATE_FORMATS, Date, DateTime

__all__ = [
    "CONVERSIONS",
    "DATE_FORMATS",
    "DEFAULT_DATE_FORMATS",
    "DEFAULT_NULL_VALUES",
    "UNITS",
    "Boolean",
    "CollapseSpaces",
    "Conversion",
    "Converted",
    "Currency",
    "Date",
    "DateTime",
    "Decimal",
    "DropIfMatches",
    "Extract",
    "IfPresent",
    "Integer",
    "KeepIfMatches",
    "Lower",
    "NullValues",
    "Number",
    "Replace",
    "Scale",
    "Split",
    "Title",
    "Trim",
    "Unit",
    "Upper",
    "default_parser_for",
    "make_conversion",
    "present_mask",
    "register_conversion",
    "trim",
]


def default_parser_for(arrow_type: pa.DataType) -> Conversion | None:
    """The conversion applied when a mapping leaves a text column feeding a typed field."""
    if arrow_type == DATE:
        return Date()
    if arrow_type == TIMESTAMP:
        return DateTime()
    if arrow_type == MONEY:
        return Currency()
    if arrow_type == FLOAT:
        return Number()
    if arrow_type == INTEGER:
        return Integer()
    if arrow_type == BOOLEAN:
        return Boolean()
    return None
