"""A name found in part is redacted whole, in any script: the half a detector left beside a finding joins it,
and names typed in Cyrillic, Greek, Arabic or Chinese are found while units and symbols in Greek letters stay."""

from __future__ import annotations

import pyarrow as pa
import pytest

from intake.anonymisation import TextDetector, Vocabulary
from intake.anonymisation.dataset_terms import collect_terms
from intake.anonymisation.operators import pseudonym
from intake.anonymisation.patterns import PatternScanner
from intake.anonymisation.vocabulary import fold


def people(detector: TextDetector, text: str) -> list[str]:
    return [text[f.start:f.end] for f in detector.analyze([text])[0] if f.entity_type == "PERSON"]


@pytest.mark.parametrize("text,expected", [
    ("condemned, Dolores van Geest (ext 1974) reports it again.", ["Dolores van Geest"]),
    ("function checked. antonia brown's bleep not answering", ["antonia brown"]),
    ("spoke to Rose Smith on Jenner Unit", ["Rose Smith"]),
    # a Gaelic or Welsh particle brings the lenited surname no list holds
    ("Contact Gráinne Ní Bhriain on the ward", ["Gráinne Ní Bhriain"]),
    ("spoke to Aoife Nic Giolla Phádraig", ["Aoife Nic Giolla Phádraig"]),
    ("per Dafydd ap Gwilym, porters", ["Dafydd ap Gwilym"]),
    # two people in one phrase, and a first name before the person's own bleep
    ("Tara / Jane Smith reported intermittent alarm", ["Tara", "Jane Smith"]),
    ("battery not holding charge - Ísis bleep 1656", ["Ísis"]),
    ("obs charting out. Kez x4003", ["Kez"]),  # the extension glued to its "x"
])
def test_the_half_of_a_name_beside_a_finding_joins_it(detector: TextDetector, text: str,
                                                       expected: list[str]) -> None:
    assert people(detector, text) == expected


@pytest.mark.parametrize("text,kept", [
    ("sarah will call back about the pump", "will"),
    ("tell sarah bay's empty", "bay"),
    ("spoke to Sarah o Theatre 2", "Theatre"),
    ("Mark Jones / Ward 4", "Ward"), ("sent to Baxter / Mark Jones", "Baxter"), ("SHO bleep 1234", "SHO"),
    ("rang ward. ICU x4471 aware", "ICU"), ("rang ward. Pharmacy x2345", "Pharmacy"),
    ("Dr. - GILBERT L / Fisher & Paykel Airvo 2", "Fisher"),
])
def test_words_beside_a_name_that_are_no_name_stay(detector: TextDetector, text: str, kept: str) -> None:
    assert all(kept not in p for p in people(detector, text))


@pytest.mark.parametrize("text,expected", [
    ("spoke to Иван Петров about the pump", ["Иван Петров"]),
    ("pump returned, see Γιώργος", ["Γιώργος"]),
    ("محمد علي reported screen cracked", ["محمد علي"]),
    ("monitor fault reported by 王伟 on nights", ["王伟"]),
])
def test_names_in_other_scripts_are_found(detector: TextDetector, text: str, expected: list[str]) -> None:
    assert people(detector, text) == expected


def test_greek_letters_as_units_and_symbols_are_kept(detector: TextDetector) -> None:
    assert people(detector, "leakage 10 μA, ΔP ok, 5 Ω, β-blocker pump; λ 850 nm") == []


def test_names_in_other_scripts_keep_their_identity_and_reach_the_rescan(vocabulary: Vocabulary) -> None:
    # Each name its own key and pseudonym (dropping the letters gave every Cyrillic name the same one).
    assert fold("Γιώργος ΠΑΠΑΔΌΠΟΥΛΟΣ") == "γιωργος παπαδοπουλος"
    assert len({pseudonym(n, "PERSON", b"k" * 32) for n in ("Иван Петров", "Ольга Смирнова")}) == 2
    terms = collect_terms(["Иван Петров", "Ahmed Khan"], [], vocabulary)
    assert "Иван Петров" in terms.persons
    scanner = PatternScanner(terms.vocabulary(vocabulary))
    hits = scanner.scan_array(pa.array(["ask Иван, he has the key", "no names here"]))
    assert list(hits) == ["ask Иван, he has the key"]


@pytest.mark.parametrize("text,expected", [
    ("Thanks\nJane Smith\nStaff Nurse\nFfôn/Tel: 029 2074 7747", ["Jane Smith"]),
    ("Diolch / Thanks\nRhys Evans\nNyrs Staff", ["Rhys Evans"]),
])
def test_a_name_ends_its_line_and_welsh_signature_words_stay(detector: TextDetector, text: str,
                                                              expected: list[str]) -> None:
    assert people(detector, text) == expected
