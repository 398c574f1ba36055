"""Where someone lives: street addresses in the abbreviations people type, and homes written without a number."""

from __future__ import annotations

import pytest

from intake.anonymisation.recognizers_address import find_street_addresses


def spans(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_street_addresses(text)]


@pytest.mark.parametrize("text,expected", [
    ("pt at 22 Mill Cl, Hebden", "22 Mill Cl, Hebden"), ("scene 7 Park Tce", "7 Park Tce"),
    ("home 3 Market Pde", "3 Market Pde"), ("5 Elm Av, Ripon", "5 Elm Av, Ripon"),
    ("job at 7 Rose Cottages, Hebden", "7 Rose Cottages, Hebden"),
])
def test_street_words_as_people_abbreviate_them(text: str, expected: str) -> None:
    assert spans(text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("pt address: Rose Cottage, Mill Lane, Hebden", "Rose Cottage, Mill Lane, Hebden"),
    ("lives at The Old Rectory, Church Road. Pump ok", "The Old Rectory, Church Road"),
    ("lives at Rose Cottage, Mill Lane and has 2 dogs", "Rose Cottage, Mill Lane"),
    ("Address: Low Farm, Skipton", "Low Farm, Skipton"),
])
def test_a_home_said_to_be_one_needs_no_house_number(text: str, expected: str) -> None:
    assert spans(text) == [expected]


@pytest.mark.parametrize("text", ["IP address: router lane 3", "email address: changed", "pt lives at home with wife",
                                  "server address: mill road gateway", "address changed to Ward 5"])
def test_other_addresses_and_homes_without_a_street_are_not_homes(text: str) -> None:
    assert spans(text) == []
