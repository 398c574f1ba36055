"""Where two findings overlap: what each keeps, and that the pseudonyms replacing them stay readable as such."""

from __future__ import annotations

from intake.anonymisation.engine import TextDetector
from intake.anonymisation.findings import PSEUDONYM_RE, Finding, resolve_overlaps


def test_a_name_cut_where_an_address_starts_keeps_no_space() -> None:
    text = "HOME VISIT MR SIMMONS K239157. BLOODS"
    name = Finding("PERSON", 14, 29, 0.9, "TitleNameRecognizer")  # "SIMMONS K239157"
    code = Finding("ADDRESS", 22, 29, 0.75, "CelticAddressRecognizer")
    kept = resolve_overlaps([name, code], text)
    assert [(f.entity_type, text[f.start:f.end]) for f in kept] == [("PERSON", "SIMMONS"), ("ADDRESS", "K239157")]


def test_a_name_cut_where_an_address_ends_keeps_no_comma() -> None:
    text = "delivered to Rose Cottage, Mill Lane, Ashby"
    name = Finding("PERSON", 32, 43, 0.85, "GazetteerNameRecognizer")  # "Lane, Ashby" read as "SURNAME, First"
    home = Finding("ADDRESS", 13, 36, 0.7, "StreetAddressRecognizer")
    kept = resolve_overlaps([name, home], text)
    assert [(f.entity_type, text[f.start:f.end]) for f in kept] == [
        ("ADDRESS", "Rose Cottage, Mill Lane"), ("PERSON", "Ashby")]


def test_the_detector_leaves_the_space_between_a_name_and_what_follows(detector: TextDetector) -> None:
    text = "HOME VISIT MR SIMMONS K239157. BLOODS TAKEN"
    spans = [text[f.start:f.end] for f in detector.analyze([text])[0]]
    assert "SIMMONS" in spans and not any(s != s.strip() for s in spans)


def test_pseudonyms_that_touch_are_each_a_pseudonym() -> None:
    text = "HOME VISIT MR PERSON_3f9a2c1b7d4e5a60MRN_0a1b2c3d4e5f6a7b. Bloods"
    assert [m.group(0) for m in PSEUDONYM_RE.finditer(text)] == ["PERSON_3f9a2c1b7d4e5a60", "MRN_0a1b2c3d4e5f6a7b"]


def test_the_detector_finds_no_name_in_touching_pseudonyms(detector: TextDetector) -> None:
    text = "HOME VISIT MR PERSON_3f9a2c1b7d4e5a60MRN_0a1b2c3d4e5f6a7b. Bloods"
    assert [f for f in detector.analyze([text])[0] if f.entity_type == "PERSON"] == []
