"""Each conversion of the registry on whole Arrow arrays: values, nulls and the invalid mask."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.product.conversions import CONVERSIONS, Conversion, Converted, make_conversion, register_conversion


def run(name: str, cells: list[str | None], **params: object) -> tuple[list[object], list[bool]]:
    converted = make_conversion(name, dict(params))(pa.array(cells, pa.string()))
    invalid = converted.invalid.tolist() if converted.invalid is not None else [False] * len(cells)
    return converted.values.to_pylist(), invalid


def test_trim_upper_lower_title_collapse() -> None:
    assert run("trim", ["  a b ", None])[0] == ["a b", None]
    assert run("upper", ["eq0012"])[0] == ["EQ0012"]
    assert run("lower", ["ICU"])[0] == ["icu"]
    assert run("title", ["infusion pump"])[0] == ["Infusion Pump"]
    assert run("collapse_spaces", ["  Ward   7\t east "])[0] == ["Ward 7 east"]


def test_trim_removes_unicode_spaces_too() -> None:
    assert run("trim", ["\u00a0Ward 7\u2009", " ICU\t"])[0] == ["Ward 7", "ICU"]


def test_placeholders_become_null_without_being_errors() -> None:
    values, invalid = run("null_values", ["NA", " none ", "-", "Unknown", "N/A", "", "Ward 7"])
    assert values == [None, None, None, None, None, None, "Ward 7"]
    assert invalid == [False] * 7
    assert run("null_values", ["TBC", "NA"], values=["TBC"])[0] == [None, "NA"]


def test_replace_keep_and_drop_by_pattern() -> None:
    assert run("replace", ["01632-960-001"], pattern="-", replacement=" ")[0] == ["01632 960 001"]
    assert run("keep_if_matches", ["Ward 7", "ICU Bay 3"], pattern="(?i)^ward\\b")[0] == ["Ward 7", None]
    assert run("drop_if_matches", ["Ward 7", "ICU Bay 3"], pattern="(?i)^ward\\b")[0] == [None, "ICU Bay 3"]


def test_extract_takes_the_first_group_and_flags_non_matching_values() -> None:
    values, invalid = run("extract", ["Ward 7", "ICU", "ward 12 east", None], pattern=r"(?i)ward\s*(\d+)")
    assert values == ["7", None, "12", None]
    assert invalid == [False, True, False, False]
    assert run("extract", ["ICU"], pattern=r"(\d+)", optional=True)[1] == [False]


def test_split_picks_one_part_of_two_names_in_a_cell() -> None:
    cells = ["A Smith / B Jones", "C Brown", None, ""]
    assert run("split", cells, separator="/")[0] == ["A Smith", "C Brown", None, None]
    assert run("split", cells, separator="/", index=1)[0] == ["B Jones", None, None, None]


def test_if_present_maps_presence_to_constants() -> None:
    assert run("if_present", ["2024-01-01", None], then="completed", otherwise="open")[0] == ["completed", "open"]


def test_currency_reads_pounds_in_the_forms_exports_use() -> None:
    values, invalid = run("currency", ["£1,234.50", "1234.5", "GBP 12", "(12.00)", "-£5", "£ 1 234.50",
                                       "12.345", "1.5e3", None])
    assert values == [Decimal("1234.50"), Decimal("1234.50"), Decimal("12.00"), Decimal("-12.00"),
                      Decimal("-5.00"), Decimal("1234.50"), Decimal("12.35"), Decimal("1500.00"), None]
    assert invalid == [False] * 9


def test_an_amount_in_another_currency_is_never_loaded_as_pounds() -> None:
    values, invalid = run("currency", ["$12", "€12", "MXN 300", "USD 5", "£12"])
    assert values == [None, None, None, None, Decimal("12.00")] and invalid == [True] * 4 + [False]


def test_a_column_in_another_currency_is_converted_at_its_rate() -> None:
    values, invalid = run("currency", ["$1,000", "MXN 300", "(100)", "2,345.67", "£5"], symbols=["MXN", "$"],
                          rate="0.043")
    assert values == [Decimal("43.00"), Decimal("12.90"), Decimal("-4.30"), Decimal("100.86"), None]
    assert invalid == [False, False, False, False, True]  # a pound sign in a peso column is a question, not pesos
    for rate in (0, -1, "x"):
        with pytest.raises(ValueError, match="rate must be"):
            make_conversion("currency", {"rate": rate})


def test_currency_flags_malformed_amounts() -> None:
    values, invalid = run("currency", ["1,2", "£12.3.4", "twelve", "(-5)", "99999999999999999"])
    assert values == [None] * 5
    assert invalid == [True] * 5


def test_decimal_rounds_half_away_from_zero_to_pence() -> None:
    values, invalid = run("decimal", ["1234.56000000001", "0.005", "-0.005", "2", "x"])
    assert values == [Decimal("1234.56"), Decimal("0.01"), Decimal("-0.01"), Decimal("2.00"), None]
    assert invalid == [False, False, False, False, True]


def test_number_and_integer() -> None:
    assert run("number", ["1.5", "+5", ".5", "1,234", "1e3", "5.", "abc"]) == (
        [1.5, 5.0, 0.5, 1234.0, 1000.0, 5.0, None], [False] * 6 + [True])
    assert run("integer", ["12", "12.0", "1,200", "12.5", "x"]) == (
        [12, 12, 1200, None, None], [False, False, False, True, True])


def test_words_a_number_parser_might_accept_are_not_numbers() -> None:
    assert run("number", ["nan", "inf", "1e400", "0x10", "1_000"])[1] == [True] * 5
    assert run("decimal", ["nan", "1,2", "12,345.5"]) == ([None, None, Decimal("12345.50")], [True, True, False])


def test_scale_multiplies_numbers() -> None:
    converted = make_conversion("scale", {"factor": 0.01})(pa.array([1250.0, None]))
    assert converted.values.to_pylist() == [12.5, None]


def test_boolean_yes_no() -> None:
    assert run("boolean", ["Y", "n", "Yes", "FALSE", "1", "maybe", None]) == (
        [True, False, True, False, True, None, None], [False] * 5 + [True, False])
    assert run("boolean", ["on", "off"], true=["on"], false=["off"])[0] == [True, False]


def test_unit_normalises_durations_to_hours() -> None:
    values, invalid = run("unit", ["1.5", "90 min", "1:30", "2h", "2 hrs", "45 MIN", "3 days"],
                          quantity="duration", to="hours")
    assert values == [1.5, 1.5, 1.5, 2.0, 2.0, 0.75, None]
    assert invalid == [False] * 6 + [True]


def test_unit_normalises_intervals_to_months() -> None:
    assert run("unit", ["12", "1 year", "6 months", "2 yrs"], quantity="interval", to="months")[0] == [
        12.0, 12.0, 6.0, 24.0]


def test_date_reads_mixed_uk_and_iso_formats_in_one_column() -> None:
    values, invalid = run("date", ["14/03/2019", "2019-03-14", "14-Mar-19", "14 March 2019", "14/3/2019",
                                   "14.03.2019", "2019-03-14T10:22:05", "14/03/2019 10:22", "1st Sept 2019",
                                   None])
    assert values == [date(2019, 3, 14)] * 8 + [date(2019, 9, 1), None]
    assert invalid == [False] * 10


def test_date_rejects_impossible_dates_instead_of_rolling_over() -> None:
    values, invalid = run("date", ["31/02/2019", "2019-02-29", "29/02/2020", "00/01/2019", "14/13/2019",
                                   "28/06/2021 (invoiced) 16/07/2021 (installed)"])
    assert values == [None, None, date(2020, 2, 29), None, None, None]
    assert invalid == [True, True, False, True, True, True]


def test_date_two_digit_years_pivot() -> None:
    assert run("date", ["14-Mar-19", "14-Mar-70"])[0] == [date(2019, 3, 14), date(1970, 3, 14)]
    assert run("date", ["14-Mar-70"], two_digit_year_pivot=80)[0] == [date(2070, 3, 14)]


def test_date_formats_are_chosen_in_order() -> None:
    assert run("date", ["03/04/2019"], formats=["us"])[0] == [date(2019, 3, 4)]
    assert run("date", ["03/04/2019"], formats=["uk", "us"])[0] == [date(2019, 4, 3)]
    assert run("date", ["2019-03-14"], formats=["uk"])[1] == [True]
    assert run("date", ["20190314"], formats=["compact"])[0] == [date(2019, 3, 14)]


def test_excel_serial_dates() -> None:
    assert run("date", ["43538"], formats=["excel_serial"])[0] == [date(2019, 3, 14)]
    assert run("datetime", ["43538.5"], formats=["excel_serial"])[0] == [datetime(2019, 3, 14, 12, 0)]


def test_datetime_keeps_times_and_rejects_impossible_ones() -> None:
    values, invalid = run("datetime", ["2019-03-14 10:22:00", "2019-03-14T10:22", "14/03/2019 10:22",
                                       "2019-03-14", "2019-03-14 24:00:00", "2019-03-14 10:61"])
    assert values == [datetime(2019, 3, 14, 10, 22), datetime(2019, 3, 14, 10, 22),
                      datetime(2019, 3, 14, 10, 22), datetime(2019, 3, 14), None, None]
    assert invalid == [False] * 4 + [True, True]


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["{d:%d/%m/%Y}", "{d:%Y-%m-%d}", "{d.day}-{d:%b}-{d:%Y}", "{d.day} {d:%B} {d:%Y}",
                        "{d.day}/{d.month}/{d:%Y}"]))
def test_any_valid_date_in_any_default_format_reads_back(day: date, pattern: str) -> None:
    assert run("date", [pattern.format(d=day)])[0] == [day]


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=Decimal("-99999999"), max_value=Decimal("99999999"), places=2))
def test_any_amount_written_as_pounds_reads_back(amount: Decimal) -> None:
    text = f"£{abs(amount):,.2f}"
    text = f"-{text}" if amount < 0 else text
    assert run("currency", [text])[0] == [amount]


def test_dates_in_a_sliced_array_are_read_at_the_right_rows() -> None:
    days = pa.array([(date(2019, 1, 1) + timedelta(days=i)).strftime("%d/%m/%Y") for i in range(10)])
    converted = make_conversion("date", {})(days.slice(3, 4))
    assert converted.values.to_pylist() == [date(2019, 1, 4 + i) for i in range(4)]


@pytest.mark.parametrize(("name", "params", "message"), [
    ("dates", {}, "unknown conversion 'dates'"),
    ("date", {"formats": ["european"]}, "unknown date format 'european'"),
    ("date", {"two_digit_year_pivot": 200}, "two_digit_year_pivot"),
    ("split", {"separator": "/", "index": -1}, "index must be a whole number"),
    ("unit", {"quantity": "distance", "to": "miles"}, "unknown quantity"),
    ("unit", {"quantity": "duration", "to": "fortnights"}, "unknown unit"),
    ("keep_if_matches", {"pattern": "("}, "invalid regular expression"),
    ("boolean", {"true": ["y"], "false": ["y"]}, "both true and false"),
    ("decimal", {"scale": 3}, "2 decimal places"),
])
def test_bad_parameters_are_explained(name: str, params: dict[str, object], message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        make_conversion(name, params)


def test_a_registered_conversion_is_available_to_mappings() -> None:
    @register_conversion
    class Reverse(Conversion):
        name = "test_reverse"

        def __call__(self, values: pa.Array) -> Converted:
            return Converted(pa.array([v[::-1] if v else v for v in values.to_pylist()], pa.string()))

    try:
        assert run("test_reverse", ["abc"])[0] == ["cba"]
    finally:
        del CONVERSIONS["test_reverse"]


def test_dates_in_english_spanish_and_french_and_months_without_a_day() -> None:
    from intake.product.conversions import Date

    values = pa.array(["14 de julio de 2010", "14 févr. 2019", "1er mars 2020", "14-Mar-19", "03/2021",
                       "Julio de 2010", "déc 2019", "31/02/2019", "13/2021", "Smarch 2019"])
    converted = Date()(values)
    assert [str(d) if d else None for d in converted.values.to_pylist()] == [
        "2010-07-14", "2019-02-14", "2020-03-01", "2019-03-14", "2021-03-01", "2010-07-01", "2019-12-01",
        None, None, None]
    assert list(converted.invalid) == [False] * 7 + [True] * 3  # impossible dates stay invalid
