"""Conversions of text to dates and date/times: the named layouts and their strict, vectorised parse."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.product.conversions_base import Conversion, Converted, _str_list, _to_bool, register_conversion
from intake.product.schema import DATE, FLOAT, TIMESTAMP

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
