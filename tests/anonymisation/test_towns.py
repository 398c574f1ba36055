"""Towns are places, not people: read from phonenumbers' area-code descriptions (towns.py)."""

from __future__ import annotations

import pytest

from intake.anonymisation import DetectorConfig, Vocabulary
from intake.anonymisation.engine import TextDetector
from intake.anonymisation.towns import uk_irish_towns

from .test_contextual_names import found


def test_the_towns_of_every_nation_are_read() -> None:
    towns = uk_irish_towns()
    assert len(towns) > 600  # about 800 area codes, some sharing a town
    # England, Scotland, Wales, Northern Ireland, Ireland; the shared codes' lists split into their towns
    assert {"Scarborough", "Kirkcaldy", "Aberystwyth", "Enniskillen", "Letterkenny", "Donegal", "Fort William"} <= towns
    assert not any("/" in t or "(" in t for t in towns)
    assert "Northern Ireland" not in towns


@pytest.mark.parametrize("text", [
    "spoke with IT - unit came over from Kirkcaldy, s/w 2.3.2, asks if upgrade due",
    "call from Haverfordwest site re the pump", "transferred to Letterkenny last week",
])
def test_towns_after_a_cue_are_kept(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


def test_a_town_that_is_also_a_name_stays_a_name(detector: TextDetector) -> None:
    assert found(detector, "spoke to Lincoln about the pump", "PERSON") == ["Lincoln"]
    assert found(detector, "spoke to Ashley re loan", "PERSON") == ["Ashley"]


def test_the_town_of_a_home_address_stays_and_the_home_goes(detector: TextDetector) -> None:
    """The street, the house and the postcode are the home; the town after them is where thousands live, kept where
    a shipped list knows it as a place (the area codes' towns, GeoNames' places), in any of the forms' layouts,
    and no name detector takes it back ("Sowerby" is a surname too)."""
    text = "Patient lives at 12 Acacia Avenue, Kirkcaldy KY1 4AB."
    assert found(detector, text, "ADDRESS") == ["12 Acacia Avenue"]
    assert found(detector, text, "UK_POSTCODE") == ["KY1 4AB"]
    for text, home in [("new address 14 moor lane, Sowerby Bridge. chair to collect", "14 moor lane"),
                       ("Client Address: 14 Moor Lane\nShipley\nBD18 3QX", "14 Moor Lane"),
                       ("lives at Rose Cottage, Mill Lane, Hebden Bridge", "Rose Cottage, Mill Lane"),
                       ("Deliver to 12 Acacia Avenue, Harlow. Steps at front", "12 Acacia Avenue")]:
        assert found(detector, text, "ADDRESS") == [home], text
        assert all(f.entity_type == "UK_POSTCODE" or f.end <= text.index(home) + len(home)
                   for f in detector.analyze([text])[0]), text
    # words after the street that no list knows as a place are still the address, failing closed
    assert found(detector, "12 Acacia Avenue, John Smith said", "ADDRESS") == ["12 Acacia Avenue, John Smith"]
    assert found(detector, "Grange Farm, Smithville PA9 1AB", "ADDRESS") == ["Grange Farm, Smithville"]


def test_a_matter_handed_over_from_a_person_still_names_them(detector: TextDetector) -> None:
    assert found(detector, "handed over from kirsty, pump checked", "PERSON") == ["kirsty"]


def test_an_address_a_column_holds_is_caught_everywhere_but_for_its_town(vocabulary: Vocabulary) -> None:
    """An address column only a query reads is a known identifier: a note copying it loses the home, not the town
    the home is in."""
    from intake.anonymisation.dataset_terms import collect_terms

    terms = collect_terms([], [], vocabulary, identifiers=[("12 Moor Lane\nKeighley\nBD21 1AB", "ADDRESS"),
                                                            ("Rose Cottage, Smithville", "ADDRESS")])
    assert {("12 Moor Lane", "ADDRESS"), ("Rose Cottage, Smithville", "ADDRESS")} <= set(terms.identifiers)
    assert not any("Keighley" in value for value, _ in terms.identifiers)
    detector = TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary)))
    text = "Address: 12 Moor Lane\nKeighley\nBD21 1AB | GP: Spring Hall"
    assert found(detector, text, "ADDRESS") == ["12 Moor Lane"]


def test_a_town_in_lower_case_after_in_or_near_is_where_not_who(detector: TextDetector) -> None:
    """"lancaster" and "blackburn" are surnames too; after "in" or "near" they are where something is. After "to"
    they may be who ("handed to lancaster"): still a name there."""
    for text in ["tt for holiday in lancaster next week", "staying near blackburn till may"]:
        assert found(detector, text, "PERSON") == [], text
    assert found(detector, "handed to lancaster", "PERSON") == ["lancaster"]
    assert found(detector, "staying with siobhan in leeds", "PERSON") == ["siobhan"]


def test_a_place_of_several_words_is_no_name_and_stays_after_its_redacted_address(detector: TextDetector) -> None:
    """"Sowerby Bridge" reads as a surname and a word: as a place of the shipped lists it is the place wherever it
    stands, and beside the anonymiser's own "[REDACTED]" (the output is checked again) it stays the town. A place
    that is a given name and a surname too ("Stanton Drew") is still a name outside an address."""
    assert found(detector, "moved to Sowerby Bridge last year", "PERSON") == []
    assert found(detector, "Address: [REDACTED]\nSowerby Bridge\n[REDACTED] | Carer", "PERSON") == []
    assert found(detector, "Address: [REDACTED]\nSowerby Bridge\n[REDACTED] | Carer", "ADDRESS") == []
    assert found(detector, "spoke to Stanton Drew about it", "PERSON") == ["Stanton Drew"]


def test_a_word_of_a_place_of_several_words_is_the_places(detector: TextDetector) -> None:
    """"brierley" is a surname too; with "hill" after it, it is Brierley Hill, where the clinic is. Alone, it is
    still a name."""
    assert found(detector, "used tues/thurs at brierley hill health and social care centre", "PERSON") == []
    assert found(detector, "Mr Brierley rang", "PERSON") == ["Brierley"]
