"""A dataset's identifier schemes: learnt from the hospital numbers its labels gave away, refused when too common a
shape or the equipment's, and found without a label unless another label stands before them."""

from __future__ import annotations

import pyarrow as pa
import pytest

from intake.anonymisation.deny_list import DenyList
from intake.anonymisation.id_schemes import CODE_VETO, CodeShapes, SchemeFinder, known_values, learn, scheme_of
from intake.anonymisation.patterns import PatternScanner
from intake.anonymisation.vocabulary import Vocabulary


@pytest.mark.parametrize(("value", "shape"), [
    ("RX1234567", "RX|7|"), ("rx 1234567", "RX|7|"), ("RX123 4567", "RX|7|"), ("K506446J", "K|6|A"),
    ("40-118-273", "|8|"), ("4011 8273", "|8|"), ("40118273", "|8|"), ("00118273", "|z8|"), ("1234567", "|7|"),
    ("17/044213", "|2/6|"), ("RX1 3660814", "RX|8|"),
])
def test_a_number_has_a_shape_of_its_letters_digits_and_check_letter_not_of_how_it_was_typed(
        value: str, shape: str) -> None:
    assert scheme_of(value) == shape


@pytest.mark.parametrize("value", [
    "123456",  # six bare digits: anybody's (a job, an asset)
    "12345",
    "12/03/2024", "2024-03-12", "03-12-24",  # dates
    "01632960123", "0161 4960000",  # phones
    "pump 1234567",  # not one number
    "AB12",
])
def test_a_shape_too_common_to_learn_is_none(value: str) -> None:
    assert scheme_of(value) is None


FOUND = [("RX1234567", "MRN"), ("rx7654321", "MRN"), ("RX1111111", "MRN"), ("40118273", "MRN"),
         ("40118274", "MRN")]


def test_a_scheme_is_learnt_from_three_distinct_values_that_the_code_fields_do_not_share() -> None:
    assert learn(FOUND, {}) == (("RX|7|", "MRN"),)  # two 8-digit numbers are not a scheme yet
    assert learn([*FOUND, ("4011 8275", "MRN")], {}) == (("RX|7|", "MRN"), ("|8||4.4", "MRN"))  # and how typed
    assert learn([*FOUND, ("RX1234567", "MRN"), ("rx1234567", "MRN")][3:], {}) == ()  # one value thrice is one
    assert learn(FOUND, {"RX|7|": CODE_VETO}) == ()  # the serials take that shape: equipment's as much as anybody's
    assert learn(FOUND, {"RX|7|": CODE_VETO - 1}) == (("RX|7|", "MRN"),)
    assert learn([("RX1234567", "PHONE_NUMBER"), ("RX1234568", "PHONE_NUMBER"), ("RX1234569", "PHONE_NUMBER")],
                 {}) == ()  # only identifiers that name someone by themselves


def test_code_shapes_keep_few_values_per_shape_however_many_serials() -> None:
    shapes = CodeShapes()
    shapes.add(f"SN{n:07d}" for n in range(10_000))
    shapes.add(["asset 40118273 bay 2", "12/03/2024", "E00012", "00123456"])
    assert shapes.counts() == {"SN|7|": CODE_VETO, "|8|": 1, "|z8|": 1}
    assert all(len(v) <= CODE_VETO for v in shapes.values.values())


def test_free_text_tells_the_shapes_its_equipment_orders_and_events_take() -> None:
    shapes = CodeShapes()
    for text in ["s/n 40118273 replaced", "Datix incident 12345678 raised", "pump 00671869 back to library",
                 "IR(ME)R incident no. INC 1234567", "serial: SN1234567", "hosp no 12345678", "asset# 00123456"]:
        shapes.add_labelled(text)
    assert shapes.counts() == {"INC|7|": 1, "SN|7|": 1, "|8|": 2, "|z8|": 2}  # not the hospital number's own label
    merged = CodeShapes()
    merged.add_pairs(shapes.pairs())
    merged.add_pairs(shapes.pairs())  # another chunk saw the same numbers: still two values
    assert merged.counts() == shapes.counts()


@pytest.mark.parametrize(("text", "found"), [
    ("pt okafor rx 7654329 seen on ward", ["rx 7654329"]),
    ("label showed PENNINGTON Arthur RX765 4329 14 May 1990", ["RX765 4329"]),
    ("recall (batch 1384499): RX 2345678, Rx2345679", ["RX 2345678", "Rx2345679"]),
    ("s/n of faulty RX2345678", []),
    ("swapped for pump RX2345678", []),
    ("RX2345678 discharged home with pump", ["RX2345678"]),
    ("loans: RX2345678, RX2345679", ["RX2345678", "RX2345679"]),
    ("s/n RX2345678 replaced", []),  # a serial's label before it
    ("PO: RX2345678 raised", []),
    ("asset no. RX2345678", []),
    ("see job RX2345678", []),
    ("token PERSON_RX2345678ab", []),  # inside a longer word
    ("RX23456789", []),  # a digit more is another shape
    ("ref RX2345678/2", []),
])
def test_a_learnt_scheme_is_found_without_a_label_unless_another_label_says_what_it_is(
        text: str, found: list[str]) -> None:
    finder = SchemeFinder([("RX|7|", "MRN")])
    assert [text[f.start:f.end] for f in finder.find(text)] == found
    assert all(f.entity_type == "MRN" for f in finder.find(text))


def test_a_bare_scheme_takes_its_numbers_plain_or_grouped_as_its_labelled_ones_were_and_no_other_number() -> None:
    finder = SchemeFinder([("|8||2.3.3,4.4", "MRN")])
    text = ("40118279 seen 20240312, rechecked 12032024; RiO 4011 8280, 40-118-281; rang 01632 960543 "
            "and 07700 900084; asset 00118273; 12-03-2024; adaptor 22-8841-03; checks to 60601-2-24")
    assert [text[f.start:f.end] for f in finder.find(text)] == ["40118279", "4011 8280", "40-118-281"]
    assert [f.start for f in SchemeFinder([("|8|", "MRN")]).find(text)] == [0]


def test_known_values_are_looked_for_as_written_and_without_separators_and_never_short() -> None:
    assert known_values([("40-118-273", "MRN"), ("4471", "STAFF_ID"), ("E123456", "STAFF_ID"),
                         ("01632 960123", "PHONE_NUMBER")]) == (
        ("40-118-273", "MRN"), ("40118273", "MRN"), ("E123456", "STAFF_ID"))


def test_the_vocabulary_carries_the_schemes_to_every_detector() -> None:
    vocabulary = Vocabulary(id_schemes=(("K|6|A", "MRN"),))
    text = "pump back from k506446j's home, asset K506447 kept"
    assert [text[f.start:f.end] for f in DenyList(vocabulary).find(text)] == ["k506446j"]
    scanner = PatternScanner(vocabulary)
    assert [(f.entity_type, text[f.start:f.end]) for f in scanner.find(text)] == [("MRN", "k506446j")]
    found = scanner.scan_array(pa.array([text, "nothing here 1234"]))
    assert list(found) == [text]


def test_what_chunks_revealed_merges_the_same_in_any_order() -> None:
    from intake.anonymisation.findings import Finding
    from intake.anonymisation.revealed import Revealed

    first, second = Revealed(), Revealed()
    first.replaced("hosp no RX1234567", [Finding("MRN", 8, 17, 0.85, "MrnRecognizer")])
    second.replaced("pt RX7654321", [Finding("MRN", 3, 12, 0.9, "DatasetSchemeRecognizer")])  # a scheme's: no
    first.free_text(["s/n 40118273 fitted"])
    second.free_text(["serial 40118274 fitted", "s/n 40118273 fitted"])
    second.names.add("Quorra Vantablack")
    first.marks.add("JB")
    one, other = Revealed(), Revealed()
    for merged, parts in ((one, (first, second)), (other, (second, first))):
        for part in parts:
            merged.merge(Revealed.from_json(part.to_json()))
    assert one.to_json() == other.to_json()
    assert one.identifiers == {("RX1234567", "MRN")} and one.names == {"Quorra Vantablack"} and one.marks == {"JB"}
    assert one.other_numbers.counts() == {"|8|": 2}
    assert not Revealed()
