"""Towns are places, not people: read from phonenumbers' area-code descriptions (towns.py)."""

from __future__ import annotations

import pytest

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


def test_a_town_in_a_home_address_is_still_redacted(detector: TextDetector) -> None:
    text = "Patient lives at 12 Acacia Avenue, Kirkcaldy KY1 4AB."
    assert found(detector, text, "ADDRESS") == ["12 Acacia Avenue, Kirkcaldy"]


def test_a_matter_handed_over_from_a_person_still_names_them(detector: TextDetector) -> None:
    assert found(detector, "handed over from kirsty, pump checked", "PERSON") == ["kirsty"]
