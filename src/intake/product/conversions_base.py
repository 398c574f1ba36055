"""The conversion protocol and its registry, with the Arrow helpers every family of conversions shares.

A conversion is a `Conversion` subclass registered by name (`register_conversion`); `make_conversion` builds one
from a mapping file's parameters. The helpers (trimming, the mask of values a parse lost, checks of regular
expressions and lists of names) live here so that the text, number and date conversions use one copy of each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


@dataclass
class Converted:
    values: pa.Array
    invalid: np.ndarray | None = None  # bool per row: present in the source but not convertible


def present_mask(values: pa.Array) -> np.ndarray:
    return _to_bool(pc.is_valid(values))


def _to_bool(mask: pa.Array | pa.ChunkedArray) -> np.ndarray:
    if isinstance(mask, pa.ChunkedArray):
        mask = mask.combine_chunks()
    return mask.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def _failed(before: pa.Array, after: pa.Array) -> np.ndarray:
    """Rows present before a parse (empty text counts as absent) and null after it.

    The engine hands conversions trimmed text with blanks as nulls, so whitespace needs no second look.
    """
    present = pc.is_valid(before)
    if pa.types.is_string(before.type):
        present = pc.and_(present, pc.greater(pc.binary_length(before), 0))
    return _to_bool(pc.and_(present, pc.is_null(after)))


def _edges(values: pa.Array) -> np.ndarray | None:
    """First and last byte of every non-empty value (None when there is none)."""
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32)[values.offset: values.offset + len(values) + 1]
    data_buffer = values.buffers()[2]
    if data_buffer is None:
        return None
    data = np.frombuffer(data_buffer, dtype=np.uint8)
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    if not filled.any():
        return None
    return np.concatenate([data[starts[filled]], data[ends[filled] - 1]])


def trim(values: pa.Array) -> pa.Array:
    """Whitespace trimmed from both ends (Unicode spaces such as NBSP too).

    Only the first and last byte of each value are looked at first: text already clean is returned as
    is, without a copy; the fast ASCII kernel is used when no value starts or ends with a non-ASCII byte
    (every Unicode space is non-ASCII).
    """
    if len(values) == 0 or values.null_count == len(values) or not pa.types.is_string(values.type):
        return pc.utf8_trim_whitespace(values) if len(values) and pa.types.is_string(values.type) else values
    edges = _edges(values)
    if edges is None or ((edges > 0x20) & (edges < 0x80)).all():
        return values
    if (edges < 0x80).all():
        trimmed = pc.ascii_trim_whitespace(values)
        after = _edges(trimmed)
        if after is None or (after < 0x80).all():
            return trimmed
    return pc.utf8_trim_whitespace(values)


class Conversion:
    """Base class; subclasses set the class attributes and implement `__call__`."""

    name: ClassVar[str]
    input: ClassVar[str] = "text"  # "text", "number" or "any"
    output: ClassVar[pa.DataType | None] = None  # None: same type as the input
    kind: ClassVar[str] = "value"  # word used in reject reasons: "could not be read as a <kind>"
    scalar: ClassVar[str | None] = None  # parameter a bare YAML scalar sets, e.g. {split: "/"}

    def __call__(self, values: pa.Array) -> Converted:
        raise NotImplementedError


CONVERSIONS: dict[str, type[Conversion]] = {}


def register_conversion(cls: type[Conversion]) -> type[Conversion]:
    CONVERSIONS[cls.name] = cls
    return cls


def make_conversion(name: str, params: dict[str, Any]) -> Conversion:
    """Build a conversion from mapping-file parameters; ValueError/TypeError explain what is wrong."""
    try:
        cls = CONVERSIONS[name]
    except KeyError:
        raise ValueError(f"unknown conversion '{name}'; known: {', '.join(sorted(CONVERSIONS))}") from None
    return cls(**params)


def _check_regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression: {exc}") from None
    return pattern


def _str_list(value: Any, what: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ValueError(f"{what} must be a list of strings")
    return [str(v) for v in value]
