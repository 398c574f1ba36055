"""Vectorised conversions of legacy columns (Arrow string arrays) to product values.

A conversion is a small class: constructed once from the mapping file's parameters (which it checks,
raising ValueError/TypeError with a readable message), then called on whole Arrow arrays. Conversions get
text already trimmed, blanks as nulls (the engine prepares every source column so); after a step that
can leave spaces (`replace`, `extract`), add `trim`. It returns the
converted array and a mask of rows whose value was present but could not be converted; those rows are
rejected by validation (or nulled, if the mapping says so). Placeholders such as "NA" become nulls, which
are not errors.

Extension point: subclass `Conversion` and `register_conversion` it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal as PyDecimal
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.product.schema import BOOLEAN, DATE, FLOAT, INTEGER, MONEY, TIMESTAMP

DEFAULT_NULL_VALUES = ("", "NA", "N/A", "None", "null", "unknown", "-", "--", "n.a.", "?")


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


# --- text ----------------------------------------------------------------------------------------------


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


# --- numbers and money ---------------------------------------------------------------------------------

_THOUSANDS = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_NUMBER_RE = rf"^[+-]?(?:{_THOUSANDS}(?:\.\d*)?|\.\d+)$"
_SCIENTIFIC_RE = r"^[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$"


def _any(mask: pa.Array) -> bool:
    return bool(pc.any(mask).as_py())


def _number_text(values: pa.Array) -> tuple[pa.Array, pa.Array | None]:
    """(plain decimal text without thousands separators or a trailing dot, scientific-notation text or None).

    Each clean-up runs only when some value needs it: most columns hold plain numbers.
    """
    text = values
    plain_ok = pc.match_substring_regex(text, _NUMBER_RE)
    plain = pc.if_else(plain_ok, text, pa.scalar(None, pa.string()))
    if _any(pc.match_substring(plain, ",")):
        plain = pc.replace_substring(plain, ",", "")
    if _any(pc.ends_with(plain, ".")):
        plain = pc.replace_substring_regex(plain, r"\.$", "")
    scientific = None
    if _any(pc.and_(pc.is_valid(text), pc.invert(plain_ok))):
        sci_ok = pc.match_substring_regex(text, _SCIENTIFIC_RE)
        if _any(sci_ok):
            scientific = pc.if_else(sci_ok, text, pa.scalar(None, pa.string()))
    return plain, scientific


_GROUPED_RE = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$"


def _without_separators(values: pa.Array) -> pa.Array:
    """Thousands separators removed; a value with commas in the wrong places becomes null."""
    commas = pc.match_substring(values, ",")
    if not _any(commas):
        return values
    misplaced = pc.and_(commas, pc.invert(pc.match_substring_regex(values, _GROUPED_RE)))
    return pc.if_else(misplaced, pa.scalar(None, pa.string()), pc.replace_substring(values, ",", ""))


def _parse_float(values: pa.Array) -> pa.Array:
    try:  # usual case: every value is a plain number, one cast
        out = pc.cast(_without_separators(values), FLOAT)
        return pc.if_else(pc.is_finite(out), out, pa.scalar(None, FLOAT))  # "nan", "inf" are not amounts
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    plain, scientific = _number_text(values)
    out = pc.cast(plain, FLOAT)
    if scientific is not None:
        out = pc.coalesce(out, pc.cast(scientific, FLOAT))
    return pc.if_else(pc.is_finite(out), out, pa.scalar(None, FLOAT))


def _parse_decimal(values: pa.Array, scale: int) -> pa.Array:
    """Exact decimal parse as decimal128(18, scale), rounded half away from zero; too large -> null."""
    target = pa.decimal128(18, scale)
    try:  # usual case: plain amounts with at most `scale` decimals, one cast
        return pc.cast(_without_separators(values), target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    plain, scientific = _number_text(values)
    try:  # usual case: every value fits the target exactly, one cast
        out = pc.cast(plain, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        out = _careful_decimal(plain, scale, target)
    if scientific is not None:
        from_float = pc.cast(scientific, FLOAT)
        in_range = pc.less(pc.abs(from_float), 1e16)
        from_float = pc.if_else(in_range, pc.round(from_float, scale, round_mode="half_towards_infinity"), None)
        out = pc.coalesce(out, pc.cast(from_float, target))
    return out


def _careful_decimal(plain: pa.Array, scale: int, target: pa.DataType) -> pa.Array:
    """Values with more decimals than `scale` (rounded) or too large for the target (null)."""
    if _any(pc.greater(pc.binary_length(plain), 16)):
        # integer part beyond 16 digits cannot be held: null (reported invalid) rather than fail the batch
        too_big = pc.match_substring_regex(plain, r"^[+-]?\d{17,}")
        plain = pc.if_else(too_big, pa.scalar(None, pa.string()), plain)
    if _any(pc.match_substring_regex(plain, rf"\.\d{{{scale + 1}}}")):
        plain = pc.replace_substring_regex(plain, r"^([+-]?\d*\.\d{10})\d+$", r"\1")
        wide = pc.cast(plain, pa.decimal128(38, 10))
        out = pc.cast(pc.round(wide, scale, round_mode="half_towards_infinity"), target)
    else:
        out = pc.cast(plain, target)
    return out


@register_conversion
class Number(Conversion):
    """Decimal numbers as float64: "1234.5", "1,234.5", "1.2e3"."""

    name = "number"
    output = FLOAT
    kind = "number"

    def __call__(self, values: pa.Array) -> Converted:
        out = _parse_float(values)
        return Converted(out, _failed(values, out))


@register_conversion
class Integer(Conversion):
    """Whole numbers as int32: "12", "12.0", "1,200"."""

    name = "integer"
    output = INTEGER
    kind = "whole number"

    def __call__(self, values: pa.Array) -> Converted:
        floats = _parse_float(values)
        whole = pc.and_(pc.equal(pc.floor(floats), floats), pc.less_equal(pc.abs(floats), 2**31 - 1))
        out = pc.cast(pc.if_else(whole, floats, pa.scalar(None, FLOAT)), INTEGER)
        return Converted(out, _failed(values, out))


@register_conversion
class Decimal(Conversion):
    """Exact decimal numbers (money without a currency sign), rounded to `scale` places."""

    name = "decimal"
    output = MONEY
    kind = "amount"
    scalar = "scale"

    def __init__(self, scale: int = 2) -> None:
        if scale != MONEY.scale:
            raise ValueError(f"the product format holds amounts with {MONEY.scale} decimal places")
        self.scale = scale

    def __call__(self, values: pa.Array) -> Converted:
        out = _parse_decimal(values, self.scale)
        return Converted(out, _failed(values, out))


@register_conversion
class Currency(Conversion):
    """Money text: "£1,234.50", "1234.5", "GBP 12", "(12.00)" (negative), "-£5" -> decimal pounds.

    Only the column's own currency marks are read (`symbols`, default £ and GBP): an amount marked in another
    currency ("$12", "€12", "MXN 300") is invalid, never loaded as pounds. For a column in another currency, name
    its marks and `rate`, the pounds one unit is worth (`{currency: {symbols: [MXN, $], rate: 0.043}}`)."""

    name = "currency"
    output = MONEY
    kind = "amount"

    def __init__(self, symbols: list[str] | None = None, rate: float | str = 1) -> None:
        self.symbols = _str_list(symbols if symbols is not None else ["£", "GBP"], "symbols")
        self._strip = "|".join(re.escape(s) for s in sorted(self.symbols, key=len, reverse=True))
        try:
            self.rate = PyDecimal(str(rate))
        except ArithmeticError:
            raise ValueError(f"rate must be a number, not {rate!r}") from None
        if not self.rate.is_finite() or self.rate <= 0:
            raise ValueError("rate must be a positive number: the pounds one unit of the column's currency is worth")

    def __call__(self, values: pa.Array) -> Converted:
        text = values
        negative_paren = None
        if _any(pc.starts_with(text, "(")):
            negative_paren = pc.match_substring_regex(text, r"^\(.*\)$")
            text = pc.replace_substring_regex(text, r"^\((.*)\)$", r"\1")
        if "£" in self.symbols:
            text = pc.replace_substring(text, "£", "")  # the usual symbol, by the fast literal kernel
        if _any(pc.match_substring_regex(text, r"[^0-9.,+-]")):
            text = pc.replace_substring_regex(text, rf"(?i)(?:{self._strip})|\s", "")
        if negative_paren is not None:
            text = pc.if_else(negative_paren, pc.binary_join_element_wise("-", text, ""), text)
        if self.rate == 1:
            out = _parse_decimal(text, MONEY.scale)
        else:
            amounts = _parse_decimal(text, 6).cast(pa.decimal128(24, 6))
            converted = pc.multiply(amounts, pa.scalar(self.rate.quantize(PyDecimal("0.000001")),
                                                       pa.decimal128(12, 6)))
            out = pc.round(converted, ndigits=MONEY.scale, round_mode="half_towards_infinity").cast(MONEY)
        return Converted(out, _failed(values, out))


@register_conversion
class Scale(Conversion):
    """Multiplies numbers by a factor (e.g. pence to pounds: 0.01)."""

    name = "scale"
    input = "number"
    output = FLOAT
    scalar = "factor"

    def __init__(self, factor: float) -> None:
        if not isinstance(factor, int | float) or isinstance(factor, bool):
            raise ValueError("scale factor must be a number")
        self.factor = float(factor)

    def __call__(self, values: pa.Array) -> Converted:
        return Converted(pc.multiply(pc.cast(values, FLOAT), self.factor))


UNITS: dict[str, dict[str, tuple[float, tuple[str, ...]]]] = {
    "duration": {
        "hours": (1.0, ("h", "hr", "hrs", "hour", "hours")),
        "minutes": (1 / 60, ("m", "min", "mins", "minute", "minutes")),
        "seconds": (1 / 3600, ("s", "sec", "secs", "second", "seconds")),
    },
    "interval": {
        "months": (1.0, ("m", "mo", "mth", "mths", "month", "months")),
        "years": (12.0, ("y", "yr", "yrs", "year", "years")),
        "weeks": (12 / 52, ("w", "wk", "wks", "week", "weeks")),
    },
}


@register_conversion
class Unit(Conversion):
    """Quantities with optional units -> one unit: "1.5", "1.5h", "90 min", "1:30" -> hours."""

    name = "unit"
    output = FLOAT
    kind = "quantity"

    def __init__(self, quantity: str, to: str, default_unit: str | None = None) -> None:
        if quantity not in UNITS:
            raise ValueError(f"unknown quantity '{quantity}'; known: {', '.join(UNITS)}")
        units = UNITS[quantity]
        if to not in units:
            raise ValueError(f"unknown unit '{to}' for {quantity}; known: {', '.join(units)}")
        default_unit = default_unit or to
        if default_unit not in units:
            raise ValueError(f"unknown unit '{default_unit}' for {quantity}; known: {', '.join(units)}")
        self.quantity, self.to, self.default_unit = quantity, to, default_unit
        aliases: list[str] = []
        factors: list[float] = []
        for factor, names in units.values():
            for alias in names:
                aliases.append(alias)
                factors.append(factor / units[to][0])
        aliases.append("")
        factors.append(units[default_unit][0] / units[to][0])
        self._aliases = pa.array(aliases, pa.string())
        self._factors = pa.array(factors, FLOAT)

    def __call__(self, values: pa.Array) -> Converted:
        text = values
        # plain numbers (the usual case) in the default unit, in one cast
        plain = pc.match_substring_regex(text, r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
        out = pc.multiply(pc.cast(pc.if_else(plain, text, pa.scalar(None, pa.string())), FLOAT),
                          self._factors[-1].as_py())
        rest = pc.and_(pc.is_valid(text), pc.invert(plain))
        if _any(rest):
            out = pc.replace_with_mask(out, rest, self._with_units(pc.utf8_lower(text.filter(rest))))
        return Converted(out, _failed(values, out))

    def _with_units(self, text: pa.Array) -> pa.Array:
        parts = pc.extract_regex(text, r"^(?P<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?P<unit>[a-z]*)\.?$")
        number = pc.cast(pc.struct_field(parts, ["num"]), FLOAT)
        position = pc.index_in(pc.struct_field(parts, ["unit"]), value_set=self._aliases)
        out = pc.multiply(number, pc.take(self._factors, position))
        if self.quantity == "duration":
            clock = pc.extract_regex(text, r"^(?P<h>\d+):(?P<m>[0-5]\d)$")
            hours = pc.add(pc.cast(pc.struct_field(clock, ["h"]), FLOAT),
                           pc.divide(pc.cast(pc.struct_field(clock, ["m"]), FLOAT), 60.0))
            out = pc.coalesce(out, pc.divide(hours, float(UNITS["duration"][self.to][0])))
        return out


@register_conversion
class Boolean(Conversion):
    """Y/N, Yes/No, True/False, 1/0 (case-insensitive) -> booleans."""

    name = "boolean"
    output = BOOLEAN
    kind = "yes/no value"

    def __init__(self, true: list[str] | None = None, false: list[str] | None = None) -> None:
        true_values = [v.lower() for v in _str_list(true or ["y", "yes", "true", "t", "1"], "true")]
        false_values = [v.lower() for v in _str_list(false or ["n", "no", "false", "f", "0"], "false")]
        if set(true_values) & set(false_values):
            raise ValueError("a value cannot be both true and false")
        self._keys = pa.array(true_values + false_values, pa.string())
        self._flags = pa.array([True] * len(true_values) + [False] * len(false_values), BOOLEAN)

    def __call__(self, values: pa.Array) -> Converted:
        probe = pc.utf8_lower(values)
        out = pc.take(self._flags, pc.index_in(probe, value_set=self._keys))
        return Converted(out, _failed(values, out))


# --- dates ---------------------------------------------------------------------------------------------

_TIME = r"(?:[T ]+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?(?:Z|[+-]00:?00)?"
DATE_FORMATS: dict[str, str] = {
    "iso": r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME + "$",
    "uk": r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})" + _TIME + "$",
    "us": r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})" + _TIME + "$",
    # "14 March 2019", "14-Mar-19", "14 de julio de 2010", "14 févr. 2019": English, Spanish and French names.
    "month_name": r"^(?P<d>\d{1,2})(?:st|nd|rd|th|er)?[\s/-]*(?:de\s+)?(?P<mon>\pL{3,10})\.?(?:\s+de)?"
    r"[\s/,-]*(?P<y>\d{4}|\d{2})" + _TIME + "$",
    # A month without its day ("03/2021", "Julio de 2010", "March 2019"): the first of the month.
    "month_year": r"^(?:(?P<m>\d{1,2})[/.-]|(?P<mon>\pL{3,10})\.?(?:\s+de)?[\s/,-]*)(?P<y>\d{4})$",
    "compact": r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$",
    "excel_serial": r"^(?P<serial>\d{5}(?:\.\d+)?)$",
}
DEFAULT_DATE_FORMATS = ("iso", "uk", "month_name", "month_year")
# Fixed-width layouts parsed straight from the bytes with numpy (the usual zero-padded values): letters are
# digit fields (Y year, M month, D day, h hour, m minute, s second); other characters are separators, where
# "/" also accepts "." and "-", and " " also accepts "T".
_FAST_LAYOUTS: dict[str, tuple[str, ...]] = {
    "iso": ("YYYY-MM-DD", "YYYY-MM-DD hh:mm:ss", "YYYY-MM-DD hh:mm"),
    "uk": ("DD/MM/YYYY", "DD/MM/YYYY hh:mm", "DD/MM/YYYY hh:mm:ss"),
}
_SEPARATORS = {"/": b"/.-", "-": b"-", " ": b" T", ":": b":"}
_TABLE_YEARS = (1800, 2300)
_TABLE_MONTHS = np.arange((_TABLE_YEARS[0] - 1970) * 12, (_TABLE_YEARS[1] - 1970) * 12 + 1)
_TABLE_DAYS = _TABLE_MONTHS.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _month_table(year: np.ndarray, month: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(days since 1970 of the 1st, days in the month) per row: a table look-up, with numpy's calendar
    for years outside 1800-2299."""
    month_index = (year - 1970) * 12 + (month - 1)
    position = month_index - _TABLE_MONTHS[0]
    inside = (position >= 0) & (position < len(_TABLE_MONTHS) - 1)
    safe = np.where(inside, position, 0)
    first = _TABLE_DAYS[safe]
    length = _TABLE_DAYS[safe + 1] - first
    if not inside.all():
        outside = ~inside
        start = month_index[outside].astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
        following = (month_index[outside] + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
        first, length = first.copy(), length.copy()
        first[outside], length[outside] = start, following - start
    return first, length


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
# Spanish and French names and their usual abbreviations (with and without accents); no name means two months.
_OTHER_MONTHS = {
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "set": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "dic": 12,
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
}
_NAMED = {**{m: i for i, m in enumerate(_MONTHS, 1)}, **{m[:3]: i for i, m in enumerate(_MONTHS, 1)}, "sept": 9,
          **_OTHER_MONTHS}
_MONTH_NAMES = pa.array(list(_NAMED), pa.string())
_MONTH_NUMBERS = pa.array(list(_NAMED.values()), pa.int64())
_EXCEL_EPOCH = np.datetime64("1899-12-30", "s")


def _has_empty(parts: pa.StructArray, name: str) -> bool:
    """Whether an optional group of the format matched nothing in some value (RE2 gives "")."""
    return bool(pc.any(pc.equal(pc.struct_field(parts, [name]), "")).as_py())


def _int_field(parts: pa.StructArray, name: str) -> np.ndarray:
    if parts.type.get_field_index(name) < 0:  # a layout without that part (no time of day)
        return np.zeros(len(parts), dtype=np.int64)
    text = pc.struct_field(parts, [name])
    text = pc.if_else(pc.equal(text, ""), "0", text)
    return pc.cast(text, pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)


class _DateParser:
    """Strict parse of mixed-format date/time text into seconds since 1970 (no calendar roll-over)."""

    def __init__(self, formats: list[str] | None, two_digit_year_pivot: int) -> None:
        formats = _str_list(formats, "formats") if formats is not None else list(DEFAULT_DATE_FORMATS)
        if not formats:
            raise ValueError("formats must name at least one format")
        for fmt in formats:
            if fmt not in DATE_FORMATS:
                raise ValueError(f"unknown date format '{fmt}'; known: {', '.join(DATE_FORMATS)}")
        if not isinstance(two_digit_year_pivot, int) or not 0 <= two_digit_year_pivot <= 100:
            raise ValueError("two_digit_year_pivot must be a whole number from 0 to 100")
        self.formats, self.pivot = formats, two_digit_year_pivot

    def seconds(self, values: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(seconds since epoch int64, parsed mask, invalid mask)."""
        text = values
        n = len(text)
        lengths = pc.binary_length(text).fill_null(0).to_numpy(zero_copy_only=False)
        present = lengths > 0
        secs = np.zeros(n, dtype=np.int64)
        parsed = np.zeros(n, dtype=bool)
        for fmt in self.formats:
            for layout in _FAST_LAYOUTS.get(fmt, ()):
                self._fast(text, lengths, layout, present & ~parsed, secs, parsed)
            todo = present & ~parsed
            if not todo.any():
                break
            index = np.flatnonzero(todo)
            subset = text if len(index) == n else text.take(pa.array(index))
            # a cheap match first: the costly capture runs only on values of this format
            hit = _to_bool(pc.match_substring_regex(subset, DATE_FORMATS[fmt]))
            if not hit.any():
                continue
            index = index[hit]
            parts = pc.extract_regex(subset.filter(pa.array(hit)), DATE_FORMATS[fmt])
            matched = np.ones(len(index), dtype=bool)
            if fmt == "excel_serial":
                serial = pc.cast(pc.struct_field(parts, ["serial"]), FLOAT).fill_null(0).to_numpy()
                ok = matched & (serial >= 1)
                value = _EXCEL_EPOCH.astype(np.int64) + np.round(serial * 86400).astype(np.int64)
            else:
                ok, value = self._calendar(parts, matched)
            secs[index[ok]] = value[ok]
            parsed[index[ok]] = True
        return secs, parsed, present & ~parsed

    @staticmethod
    def _fast(text: pa.Array, lengths: np.ndarray, layout: str, todo: np.ndarray,
              secs: np.ndarray, parsed: np.ndarray) -> None:
        """Values of exactly the layout's width, decoded from their bytes; strict (no 31/02 -> 03/03)."""
        width = len(layout)
        index = np.flatnonzero(todo & (lengths == width))
        if len(index) == 0:
            return
        subset = text if len(index) == len(text) else text.take(pa.array(index))
        offsets = np.frombuffer(subset.buffers()[1], dtype=np.int32)[subset.offset: subset.offset + len(subset) + 1]
        data = np.frombuffer(subset.buffers()[2], dtype=np.uint8)[offsets[0]: offsets[-1]]
        if len(data) != width * len(index):  # nulls in the subset: lengths were not all `width`
            return
        chars = data.reshape(len(index), width)
        digit_at = [i for i, symbol in enumerate(layout) if symbol in "YMDhms"]
        digits = chars[:, digit_at] - np.uint8(48)  # bytes below "0" wrap round to large values
        ok = (digits <= 9).all(axis=1)
        for position, symbol in enumerate(layout):
            if symbol not in "YMDhms":
                allowed = _SEPARATORS.get(symbol, symbol.encode())
                column = chars[:, position]
                if len(allowed) == 1:
                    ok &= column == allowed[0]
                else:
                    ok &= np.isin(column, np.frombuffer(allowed, dtype=np.uint8))
        fields: dict[str, np.ndarray] = {}
        for symbol in "YMDhms":
            places = [j for j, i in enumerate(digit_at) if layout[i] == symbol]
            if places:
                number = np.zeros(len(index), dtype=np.int64)
                for place in places:
                    number = number * 10 + digits[:, place]
                fields[symbol] = number
        year, month, day = fields["Y"], fields["M"], fields["D"]
        hour, minute, second = fields.get("h", 0), fields.get("m", 0), fields.get("s", 0)
        ok &= (month >= 1) & (month <= 12) & (year >= 1)
        first, length = _month_table(np.where(ok, year, 1970), np.where(ok, month, 1))
        ok &= (day >= 1) & (day <= length) & (hour < 24) & (minute < 60) & (second < 60)
        if ok.any():
            value = (first + day - 1) * 86400 + hour * 3600 + minute * 60 + second
            secs[index[ok]] = value[ok]
            parsed[index[ok]] = True

    def _calendar(self, parts: pa.StructArray, matched: np.ndarray) -> tuple[np.ndarray, ...]:
        year = _int_field(parts, "y")
        two_digit = _to_bool(pc.less_equal(pc.utf8_length(pc.struct_field(parts, ["y"])), 2))
        year = np.where(two_digit, np.where(year < self.pivot, 2000 + year, 1900 + year), year)
        month = _int_field(parts, "m")
        if parts.type.get_field_index("mon") >= 0:  # a named month where the value has one
            names = pc.utf8_lower(pc.struct_field(parts, ["mon"]))
            named = pc.take(_MONTH_NUMBERS, pc.index_in(names, value_set=_MONTH_NAMES)).fill_null(0).to_numpy()
            month = np.where(month == 0, named, month)
        day = _int_field(parts, "d")
        day = np.where(day == 0, 1, day) if parts.type.get_field_index("d") < 0 or _has_empty(parts, "d") else day
        hour, minute, second = (_int_field(parts, g) for g in ("H", "M", "S"))
        ok = matched & (year >= 1) & (year <= 9999) & (month >= 1) & (month <= 12)
        first, length = _month_table(np.where(ok, year, 1970), np.where(ok, month, 1))
        ok &= (day >= 1) & (day <= length) & (hour < 24) & (minute < 60) & (second < 60)
        value = (first + day - 1) * 86400 + hour * 3600 + minute * 60 + second
        return ok, value


@register_conversion
class Date(Conversion):
    """Dates in mixed formats: "14/03/2019", "2019-03-14", "14-Mar-19", "14 March 2019", "14 de julio de 2010",
    "14 févr. 2019", and a month without its day ("03/2021", "Julio de 2010": the 1st); any time is dropped.

    UK day-first order; impossible dates ("31/02/2019") are invalid, never rolled over. Two-digit years
    below `two_digit_year_pivot` are 20xx, the others 19xx.
    """

    name = "date"
    output = DATE
    kind = "date"
    scalar = "formats"

    def __init__(self, formats: list[str] | None = None, two_digit_year_pivot: int = 69) -> None:
        self.parser = _DateParser(formats, two_digit_year_pivot)

    def __call__(self, values: pa.Array) -> Converted:
        secs, parsed, invalid = self.parser.seconds(values)
        days = np.floor_divide(secs, 86400).astype(np.int32)
        return Converted(pa.array(days, DATE, mask=~parsed), invalid)


@register_conversion
class DateTime(Conversion):
    """Date and time in mixed formats (as `date`); a date without a time is midnight."""

    name = "datetime"
    output = TIMESTAMP
    kind = "date/time"
    scalar = "formats"

    def __init__(self, formats: list[str] | None = None, two_digit_year_pivot: int = 69) -> None:
        self.parser = _DateParser(formats, two_digit_year_pivot)

    def __call__(self, values: pa.Array) -> Converted:
        secs, parsed, invalid = self.parser.seconds(values)
        return Converted(pa.array(secs * 1000, TIMESTAMP, mask=~parsed), invalid)


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
