"""Names and cells of legacy sources as text: unique column names, all-string schemas, cell formatting, the
oversized-field reason and table names from file names."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pyarrow as pa


def unique_column_names(raw: list[Any]) -> list[str]:
    """Header cells to usable, unique column names: blanks become column_<n> (1-based), repeats get _2, _3..."""
    names: list[str] = []
    seen: set[str] = set()
    for position, cell in enumerate(raw, start=1):
        base = "" if cell is None else str(cell).strip()
        if not base:
            base = f"column_{position}"
        candidate, suffix = base, 2
        while candidate.casefold() in seen:
            candidate, suffix = f"{base}_{suffix}", suffix + 1
        seen.add(candidate.casefold())
        names.append(candidate)
    return names


def string_schema(names: list[str]) -> pa.Schema:
    return pa.schema([pa.field(name, pa.string()) for name in names])


def format_value(value: Any) -> str | None:
    """A cell of a legacy source as text, without float noise; dates as ISO 8601. Empty text becomes null."""
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)


def oversized_reason(column: str, limit: int) -> str:
    return f"field '{column}' is longer than the {limit}-byte limit (connectors.max_field_bytes)"


def file_stem(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/"))
    stem, dot, _ = base.rpartition(".")
    return stem if dot and stem else base
