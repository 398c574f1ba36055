"""Where two findings overlap: what each keeps, and that the pseudonyms replacing them stay readable as such."""

from __future__ import annotations

from intake.anonymisation.engine import DetectorConfig, TextDetector
from intake.anonymisation.findings import PSEUDONYM_RE, Finding, resolve_overlaps
from intake.anonymisation.vocabulary import Vocabulary


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


def test_a_home_around_a_postcode_that_wins_keeps_its_other_parts() -> None:
    """An address over several lines that lost to the postcode and the key safe's code inside it is not dropped
    whole: the street would be left readable."""
    text = "Address: 5 Lightcliffe Road\nHalifax\nHX3 7WZ\nKey safe 2495 | Carer"
    home = Finding("ADDRESS", 9, 57, 0.7, "StreetAddressRecognizer")
    postcode = Finding("UK_POSTCODE", 36, 43, 0.85, "UkPostcodeRecognizer")
    code = Finding("ACCESS_CODE", 53, 57, 0.8, "AccessCodeRecognizer")
    kept = resolve_overlaps([home, postcode, code], text)
    assert [(f.entity_type, text[f.start:f.end]) for f in kept] == [
        ("ADDRESS", "5 Lightcliffe Road\nHalifax"), ("UK_POSTCODE", "HX3 7WZ"), ("ADDRESS", "Key safe"),
        ("ACCESS_CODE", "2495")]


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


def test_a_name_the_model_reads_across_joined_fields_is_judged_field_by_field(detector: TextDetector) -> None:
    """A mapping joins fields with bars; the model once read "cb | Firmware Version" as one name, and the dataset's
    propagation then replaced every "Firmware" label. No name crosses a bar: each part stands on its own, a part
    only with a known name in it."""
    text = "seen with hui (wife). cb | Firmware Version: SW 10.3.0"
    names = [text[f.start:f.end] for f in detector.analyze([text])[0] if f.entity_type == "PERSON"]
    assert not any("|" in n or "Firmware" in n for n in names) and "cb" in names
    two = "Spoke to John Smith | Jane Doe rang"
    assert [two[f.start:f.end] for f in detector.analyze([two])[0]] == ["John Smith", "Jane Doe"]


def test_a_records_label_is_no_surname(detector: TextDetector) -> None:
    text = "DOB: 12/03/1975 | Hosp no: M8568892 | Unit No.: 4471234"
    assert [(f.entity_type, text[f.start:f.end]) for f in detector.analyze([text])[0]] == [
        ("DATE_OF_BIRTH", "12/03/1975"), ("MRN", "M8568892"), ("MRN", "4471234")]


def test_a_month_beside_its_day_or_year_is_the_dates_not_somebodys(vocabulary: Vocabulary) -> None:
    """Three-word names are signed "jan", "nov" or "mar", and Jan, May and June are given names: beside a day or a
    year the letters are the date's month. The person is still found where no date holds them."""
    from intake.anonymisation.dataset_terms import DatasetTerms

    marks = TextDetector(DetectorConfig(vocabulary=DatasetTerms((), (), (), ("jan", "nov", "may")).vocabulary(
        vocabulary)))
    texts = ["booked 7 Jan Home Ventilation Service", "pt deceased 15 nov - daughter returning kit",
             "review on 3 Jan", "next due May 2025", "call from 21st Nov", "seen by Jan Kowalski 3 Jan",
             "probe fitted. nov", "seen by May 2 times", "booked 2 Mar Mary Smith for review"]
    found = [[t[f.start:f.end] for f in fs if f.entity_type == "PERSON"] for t, fs in zip(
        texts, marks.analyze(texts), strict=True)]
    assert found == [[], [], [], [], [], ["Jan Kowalski"], ["nov"], ["May"], ["Mary Smith"]]
