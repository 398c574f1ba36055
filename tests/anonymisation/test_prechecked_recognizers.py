"""Recognizers that skip their slow matching for texts it could find nothing in: the same findings as Presidio's own."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import IbanRecognizer, IpRecognizer, PhoneRecognizer

from intake.anonymisation.engine import build_analyzer
from intake.anonymisation.presidio_adapters import InternationalPhoneRecognizer
from intake.anonymisation.recognizers_phone import after_catalogue_word

# UK numbers written nationally ("0113 496 0123") are find_uk_phones' alone, by design: not compared here.
TEXTS = [
    "Rep on +1 212 555 0199 ext 12 for the loan pump",
    "US office (212) 555-0199, ask for service",
    "Dublin depot +353 1 234 5678",
    "Call 212.555.0199 after 5pm",
    "Patient NHS no 943 476 5919 moved to ward 3",
    "pt Debra Nash (999-916-8469) moved to ICU",
    "NHS 9434765919, DOB 04-Jan-2001",
    "serial 8876256656 fitted",
    "Left msg on +44 306 999 0784",
    "no number here at all",
]


def spans(results: list, text: str) -> list[tuple[str, str]]:
    return sorted((r.entity_type, text[r.start:r.end]) for r in results)


@pytest.mark.parametrize("text", TEXTS)
def test_same_findings_as_presidios_phone_recognizer(text: str) -> None:
    """The same, less what ours refuses on purpose after the matcher: a number after a catalogue or order word,
    and ten bare digits with no phone word before them ("NHS 9434765919", "serial 8876256656")."""
    ours = InternationalPhoneRecognizer()
    full = PhoneRecognizer(supported_regions=InternationalPhoneRecognizer.REGIONS, leniency=2)
    expected = [r for r in full.analyze(text, ["PHONE_NUMBER"]) if not after_catalogue_word(text, r.start)
                and not ours._bare_digits_without_context(text, r.start, r.end)]
    assert spans(ours.analyze(text, ["PHONE_NUMBER"]), text) == spans(expected, text)


@pytest.mark.parametrize("text", TEXTS[:4])
def test_north_american_and_international_numbers_found(text: str) -> None:
    assert InternationalPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])


@pytest.mark.parametrize("digits,valid", [("999 973 0361", False), ("(999-916-8469", False), ("401 023 2137", False),
                                          ("212 555 0199", True), ("909 876 5432", True)])
def test_nhs_shaped_numbers_are_valid_in_no_region(digits: str, valid: bool) -> None:
    assert InternationalPhoneRecognizer._valid_somewhere(digits) is valid


@pytest.fixture(scope="module")
def loaded() -> dict[str, EntityRecognizer]:
    """The analyzer's recognizers by name, as build_analyzer set them up."""
    return {r.name: r for r in build_analyzer().registry.recognizers}


@pytest.mark.parametrize("text", [
    "Refund to GB82 WEST 1234 5698 7654 32 please", "iban gb82west12345698765432", "DE89370400440532013000",
    "Server 10.0.0.12 down", "dns on 192.168.1.1/24", "fe80::1ff:fe23:4567:890a link", "::1", "::ffff:10.0.0.1",
    "Kelvin sign \u212a", "no address or account here", "v2.3 firmware", "at 13:32 the alarm",
])
def test_iban_and_ip_recognizers_find_what_presidios_own_find(loaded: dict[str, EntityRecognizer], text: str) -> None:
    for name, plain in (("IbanRecognizer", IbanRecognizer()), ("IpRecognizer", IpRecognizer())):
        plain.global_regex_flags = loaded[name].global_regex_flags  # as the registry loaded it
        entity = plain.supported_entities
        assert spans(loaded[name].analyze(text, entity), text) == spans(plain.analyze(text, entity), text)
