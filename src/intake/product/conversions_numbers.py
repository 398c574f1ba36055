"""Conversions of text to numbers: plain and whole numbers, exact amounts, money, scaled values, quantities
with units, and yes/no values."""

from __future__ import annotations

import re
from decimal import Decimal as PyDecimal

import pyarrow as pa
import pyarrow.compute as pc

from intake.product.conversions_base import Conversion, Converted, _failed, _str_list, register_conversion
from intake.product.schema import BOOLEAN, FLOAT, INTEGER, MONEY

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
