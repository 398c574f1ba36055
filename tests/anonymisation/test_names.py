"""People are found in free text; manufacturers, models, devices and places are not taken for people."""

from __future__ import annotations

import pytest

from intake.anonymisation import TextDetector, Vocabulary
from intake.anonymisation.names import NameRules


def persons(detector: TextDetector, text: str) -> list[str]:
    return [text[f.start:f.end] for f in detector.analyze([text])[0] if f.entity_type == "PERSON"]


@pytest.mark.parametrize("text", [
    "B. Braun Infusomat Space pump alarming on Ward 7.",
    "Philips IntelliVue MX450 screen cracked, GE Healthcare engineer attended.",
    "Dräger Evita V500 failed self test in ICU Bay 3; Draeger notified.",
    "Baxter Colleague returned from Nightingale Ward.",
    "Smiths Medical Graseby 3000 sent to St James's Hospital for repair.",
    "Welch Allyn thermometer and Karl Storz light source checked in Theatre 2.",
    "B.BRAUN Perfusor Space; PHILIPS Healthcare quote received.",
    "District Nurse Base 16 loan pool.",
])
def test_equipment_and_places_are_not_people(detector: TextDetector, text: str) -> None:
    assert persons(detector, text) == []


@pytest.mark.parametrize("text,expected", [
    ("Spoke to Sister Jane Doe on Ward 7 about the pump.", ["Jane Doe"]),
    ("Pt Mrs Aisha KHAN fell; Dr. A. Patel informed.", ["Aisha KHAN", "A. Patel"]),
    ("Called John Smith re Baxter pump.", ["John Smith"]),
    ("Reported by SMITH, John at handover.", ["SMITH, John"]),
    ("Loaned to Mr Baxter for home use.", ["Baxter"]),  # a title makes even a brand name a person
    ("Engineer: Karen Walsh attended Philips monitor.", ["Karen Walsh"]),
])
def test_people_in_notes_are_found_without_their_titles(detector: TextDetector, text: str, expected: list[str]) -> None:
    assert persons(detector, text) == expected


def test_deny_list_names_are_always_caught(detector: TextDetector) -> None:
    text = "priyanka venkataraman checked it; P. Venkataraman signed; VENKATARAMAN, Priyanka approved"
    found = persons(detector, text)
    assert "priyanka venkataraman" in found
    assert "P. Venkataraman" in found
    assert "VENKATARAMAN, Priyanka" in found


def test_customer_can_extend_the_allow_list() -> None:
    vocab = Vocabulary.load()
    rules = NameRules(vocab)
    text = "Returned to Hartley Morgan for service."  # a fictional manufacturer named like a person
    assert [text[f.start:f.end] for f in rules.find(text)] == ["Hartley Morgan"]
    extended = NameRules(vocab.with_allowed(["Hartley Morgan"]))
    assert extended.find(text) == []
