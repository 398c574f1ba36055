"""Conversions of text to text: case, white space, placeholders, patterns, splitting and presence."""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from intake.product.conversions_base import (
    Conversion,
    Converted,
    _check_regex,
    _failed,
    _str_list,
    register_conversion,
    trim,
)

DEFAULT_NULL_VALUES = ("", "NA", "N/A", "None", "null", "unknown", "-", "--", "n.a.", "?")


@register_conversion
class Trim(Conversion):
    """Leading and trailing white space removed (every column is trimmed before its conversions anyway)."""

    name = "trim"

    def __call__(self, values: pa.Array) -> Converted:
        return Converted(trim(values))


@register_conversion
class Upper(Conversion):
    """Upper case ("ab-12" -> "AB-12")."""

    name = "upper"

    def __call__(self, values: pa.Array) -> Converted:
        return Converted(pc.utf8_upper(values))


@register_conversion
class Lower(Conversion):
    """Lower case."""

    name = "lower"

    def __call__(self, values: pa.Array) -> Converted:
        return Converted(pc.utf8_lower(values))


@register_conversion
class Title(Conversion):
    """Title case ("WARD 7" -> "Ward 7")."""

    name = "title"

    def __call__(self, values: pa.Array) -> Converted:
        return Converted(pc.utf8_title(values))


@register_conversion
class CollapseSpaces(Conversion):
    """Runs of white space (tabs, line breaks) become one space; ends trimmed."""

    name = "collapse_spaces"

    def __call__(self, values: pa.Array) -> Converted:
        return Converted(trim(pc.replace_substring_regex(values, r"\s+", " ")))


@register_conversion
class NullValues(Conversion):
    """Placeholders ("NA", "None", "unknown", "-", blank) become nulls; compared trimmed, ignoring case."""

    name = "null_values"
    scalar = "values"

    def __init__(self, values: list[str] | None = None, ignore_case: bool = True) -> None:
        self.values = _str_list(values if values is not None else list(DEFAULT_NULL_VALUES), "values")
        self.ignore_case = bool(ignore_case)
        keys = [v.strip().lower() if self.ignore_case else v.strip() for v in self.values]
        self._set = pa.array(sorted(set(keys)), pa.string())

    def __call__(self, values: pa.Array) -> Converted:
        probe = trim(values)
        if self.ignore_case:
            probe = pc.utf8_lower(probe)
        hit = pc.is_in(probe, value_set=self._set)
        return Converted(pc.if_else(hit, pa.scalar(None, values.type), values))


@register_conversion
class Replace(Conversion):
    """Replaces every match of `pattern` (a regular expression unless `regex: false`) by `replacement`."""

    name = "replace"

    def __init__(self, pattern: str, replacement: str = "", regex: bool = True) -> None:
        self.pattern = _check_regex(pattern) if regex else pattern
        self.replacement, self.regex = str(replacement), bool(regex)

    def __call__(self, values: pa.Array) -> Converted:
        fn = pc.replace_substring_regex if self.regex else pc.replace_substring
        return Converted(fn(values, self.pattern, self.replacement))


@register_conversion
class KeepIfMatches(Conversion):
    """Keeps values matching a regular expression; others become null (not an error)."""

    name = "keep_if_matches"
    scalar = "pattern"

    def __init__(self, pattern: str) -> None:
        self.pattern = _check_regex(pattern)

    def __call__(self, values: pa.Array) -> Converted:
        hit = pc.match_substring_regex(values, self.pattern)
        return Converted(pc.if_else(hit, values, pa.scalar(None, values.type)))


@register_conversion
class DropIfMatches(Conversion):
    """Values matching a regular expression become null (not an error)."""

    name = "drop_if_matches"
    scalar = "pattern"

    def __init__(self, pattern: str) -> None:
        self.pattern = _check_regex(pattern)

    def __call__(self, values: pa.Array) -> Converted:
        hit = pc.match_substring_regex(values, self.pattern)
        return Converted(pc.if_else(hit, pa.scalar(None, values.type), values))


@register_conversion
class Extract(Conversion):
    """First capture group of a regular expression; values that do not match are invalid unless optional."""

    name = "extract"
    scalar = "pattern"

    def __init__(self, pattern: str, optional: bool = False) -> None:
        if re.compile(_check_regex(pattern)).groups < 1:
            raise ValueError("extract needs a pattern with a capture group")
        self.pattern, self.optional = pattern, bool(optional)
        self._whole = f"(?s)^.*?(?:{pattern}).*$"

    def __call__(self, values: pa.Array) -> Converted:
        hit = pc.match_substring_regex(values, self.pattern)
        picked = pc.replace_substring_regex(values, self._whole, r"\1")
        out = pc.if_else(hit, picked, pa.scalar(None, pa.string()))
        out = pc.if_else(pc.equal(out, ""), pa.scalar(None, pa.string()), out)
        return Converted(out, None if self.optional else _failed(values, out))


@register_conversion
class Split(Conversion):
    """One part of a value split on a separator ("A Smith / B Jones" -> part 0 "A Smith")."""

    name = "split"
    scalar = "separator"

    def __init__(self, separator: str, index: int = 0, regex: bool = False) -> None:
        if not isinstance(index, int) or index < 0:
            raise ValueError("split index must be a whole number >= 0")
        self.separator = _check_regex(separator) if regex else str(separator)
        self.index, self.regex = index, bool(regex)

    def __call__(self, values: pa.Array) -> Converted:
        fn = pc.split_pattern_regex if self.regex else pc.split_pattern
        parts = fn(values.fill_null(""), self.separator)
        picked = pc.list_slice(parts, self.index, self.index + 1, return_fixed_size_list=True).flatten()
        out = trim(picked)
        return Converted(pc.if_else(pc.equal(out, ""), pa.scalar(None, pa.string()), out))


@register_conversion
class IfPresent(Conversion):
    """A constant chosen by whether the value is present, e.g. a completion date -> 'completed'/'open'."""

    name = "if_present"
    input = "any"
    output = pa.string()

    def __init__(self, then: str, otherwise: str | None = None) -> None:
        self.then, self.otherwise = str(then), None if otherwise is None else str(otherwise)

    def __call__(self, values: pa.Array) -> Converted:
        return Converted(pc.if_else(pc.is_valid(values), self.then, pa.scalar(self.otherwise, pa.string())))
