"""Welsh, Irish and Gaelic street-word-first addresses and Eircodes are addresses; look-alikes are not."""

from __future__ import annotations

import pytest

from intake.anonymisation.recognizers_ie import find_celtic_addresses


def addresses(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_celtic_addresses(text)]


@pytest.mark.parametrize("text,expected", [
    ("ON LOAN TO PT AT 98 HEOL Y BONT, PONTYPRIDD CF37 1AB", ["98 HEOL Y BONT, PONTYPRIDD"]),
    ("loaned to patient, APT 12, 70 Ffordd Penrhos, Bangor", ["APT 12, 70 Ffordd Penrhos, Bangor"]),
    ("at 2/1, 12 Bóthar na Trá, Galway H91 RHWD", ["2/1, 12 Bóthar na Trá, Galway H91 RHWD"]),
    ("lives at 7 Sràid a' Mhuilinn", ["7 Sràid a' Mhuilinn"]),
    ("pt lives at Main St H91 PX7N", ["H91 PX7N"]),
    # streets named after the land, and an Eircode after a county
    ("to patient at 22 Cae Mawr, Llandudno LL30 2AB", ["22 Cae Mawr, Llandudno"]),
    ("deliver 3 The Crescent, Ennis, Co. Clare V95 H2X4", ["V95 H2X4"]),
])
def test_street_word_first_and_eircodes(text: str, expected: list[str]) -> None:
    assert addresses(text) == expected


@pytest.mark.parametrize("text", ["order T10 PACK of 5", "ward 12 heol pump", "D02 X285 printed on the label",
                                  "the Cae Mawr site", "fitted 3 Ard cables"])
def test_codes_without_an_address_and_words_without_a_street_are_not_addresses(text: str) -> None:
    assert addresses(text) == []
