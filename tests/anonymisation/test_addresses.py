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
    ("RTC outside 14-16 Mill Lane", "14-16 Mill Lane"),  # a range of house numbers, whole
    # northern street words, and a street named in one word with its street word run in
    ("lives at 7 Chapel Fold", "7 Chapel Fold"), ("home visit to 123 Kirkgate, Settle", "123 Kirkgate, Settle"),
    ("pt at 12 Kingsway", "12 Kingsway"),
    # Edinburgh's stair and flat after the number; a one-word street with a place-name ending, with its town
    ("delivered to 14/3 Easter Road, Leith", "14/3 Easter Road, Leith"), ("5 Ashgrove, Newtown", "5 Ashgrove, Newtown"),
    ("home 12 Millbank Crt", "12 Millbank Crt"),
    ("new addr 2 Orchard Clo, Bexhill", "2 Orchard Clo, Bexhill"), ("noise complaint - 33 Elm Grv", "33 Elm Grv"),
    # the number glued to the street's name; lower case after a delivery's or a move's words
    ("dlvr to 23pelham rd nottm", "23pelham rd"), ("17HAWTHORN RD", "17HAWTHORN RD"),
    ("o2 install booked 14/3 - 9 ladysmith rd (bottom flat)", "9 ladysmith rd"), ("pick up 3 high st", "3 high st"),
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


@pytest.mark.parametrize("text", [
    "Guedel size 3 Airway fitted", "PACS 2 Gateway down", "size 5 Woodside fitted", "ward 7 Burnside, Stobhill",
    "IP address: router lane 3", "email address: changed", "pt lives at home with wife",
    "server address: mill road gateway", "address changed to Ward 5", "home at 5mins walk",
    "2 main drive belts replaced", "fitted 2 new castor wheels"])
def test_other_addresses_and_homes_without_a_street_are_not_homes(text: str) -> None:
    assert spans(text) == []


def test_a_houses_name_before_its_street_or_its_postcode_and_a_glasgow_flat() -> None:
    assert spans("2x ZD empties from Glenview, 4 Ardconnel Terr") == ["Glenview, 4 Ardconnel Terr"]
    assert spans("temp address Seaspray, 8 Harbour View") == ["Seaspray, 8 Harbour View"]
    assert spans("Higher Trewint Farm, Altarnun PL15 7RF - farmhouse")[0] == "Higher Trewint Farm, Altarnun"
    assert spans("collect hoist from Flat G/R, 18 Albert Drive") == ["Flat G/R, 18 Albert Drive"]
    assert spans("pt 2 - 3/L 17 Hyndland Rd") == ["3/L 17 Hyndland Rd"]
    # a care home's, a ward's or a day's name before the street is not the home's
    assert spans("now at Hollybank Nursing Home, 101 Skipton Road") == ["101 Skipton Road"]
    assert spans("delivered to Monday, 4 Oak Rd") == ["4 Oak Rd"]
    assert spans("Higher Trewint Farm, Altarnun, pt in") == []


def test_a_flat_is_a_home_in_any_case() -> None:
    assert spans("pt is a regular faller, flat 2, 23 oak road, carer usually rings") == ["flat 2, 23 oak road"]
    assert spans("unit 4, 23 oak road depot") == []  # a unit is a business's
    # a flat in a named building, with the street after it
    assert spans("flat 3 Bridge House, Quay Street") == ["flat 3 Bridge House, Quay Street"]
    assert spans("delivered to Flat 12 Riverside Court today") == ["Flat 12 Riverside Court"]
    assert spans("Unit 4, Trafford Park Industrial Estate") == []


def test_the_street_address_right_after_a_name_is_theirs(detector) -> None:
    from .test_contextual_names import found

    text = "pt is a regular faller - Joe Bloggs, 82 sandbed lane, husband usually rings"
    assert found(detector, text, "ADDRESS") == ["82 sandbed lane"]
    assert found(detector, "spoke to Joe Bloggs, 3 new batteries fitted", "ADDRESS") == []
    # a house named, not numbered, and the village after it, in any case; not a hospital's building
    for text, home in [("loan - pt Morag Baird, Old Manse, Howwood, CHI 0101801234.", "Old Manse"),
                       ("pt morag baird, m, mill cottage, howwood, chi 0101801234", "mill cottage"),
                       ("pt Jane Smith, Mill Cottage, Howwood, PA9 1AB", "Mill Cottage")]:
        assert found(detector, text, "ADDRESS") == [home], text
        assert found(detector, text, "PERSON"), text
    assert found(detector, "seen by Joe Bloggs, Outpatients House, ward 4", "ADDRESS") == []
    # the Welsh way, the street word first, in lower case after the name too
    assert found(detector, "pt Rhys Morgan, 97 clos y wern, penarth", "ADDRESS") == ["97 clos y wern"]
    assert found(detector, "pt moved to 116 stryd fawr, grangetown", "ADDRESS") == ["116 stryd fawr, grangetown"]
    assert found(detector, "nobody home at 6 Rhodfa'r Môr, Aberystwyth", "ADDRESS") == ["6 Rhodfa'r Môr"]


@pytest.mark.parametrize("text,expected", [
    # a house named, not numbered, and its street: a house's word closes the name, or a postcode follows
    ("no access - nobody in at Rose Cottage, Portsmouth Road, card left.", ["Rose Cottage, Portsmouth Road"]),
    ("nobody in at Orchard House, Brooklands Road, Godalming GU7 8WB", ["Orchard House, Brooklands Road"]),
    ("delivered to Mr Watanabe at Little Oaks, Portsmouth Road GU4 1TR, shown how", ["Little Oaks, Portsmouth Road"]),
    # typed in capitals or in lower case, the article with it: a house's word closes the name there
    ("CPM NOT RETURNED - ORCHARD HOUSE, BROOKLANDS ROAD - PLS CHASE", ["ORCHARD HOUSE, BROOKLANDS ROAD"]),
    ("collected from the old rectory, ockham road, family handed it over", ["the old rectory, ockham road"]),
    ("sent to ICU HOUSE, MAIN ROAD", []), ("pump from trust house, main road", []),
    ("left at little oaks, portsmouth road gu4 1tr", []),  # lower case with no house's word: words, not a home
    # a hospital, a department or a person before a street is no home
    ("collected from Daisy Hill Hospital, Mill Road", []), ("returned to Estates, Mill Road GU1 1AA", []),
    ("Spoke to Jane Smith, Mill Road depot", []),
])
def test_a_named_house_and_its_street(text: str, expected: list[str]) -> None:
    assert spans(text) == expected
