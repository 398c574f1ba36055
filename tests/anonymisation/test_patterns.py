"""The pattern scan's vectorised candidate filter: a superset of what its detectors find, and no wider than that
needs (record numbers are not phone or NHS numbers)."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.anonymisation.patterns import STRAY_ENTITIES, PatternScanner
from intake.anonymisation.structured import candidate_mask
from intake.anonymisation.vocabulary import Vocabulary

VALUES = ["0113 496 0123", "(0113) 496 0123", "01632960123", "+44 7700 900123", "+44 (0)113 496 0123",
          "07700 900 123", "943 476 5919", "9434765919", "943-476-5919", "ext 4521", "extension no. 4521",
          "pager 1234", "bleep 1234", "x4521", "Ext. 2345", "0113 496 0123 ext 4521",
          "12 04 65 2597", "120465 3984", "(mob 07581 360823)", "+353 87 000 0000"]
AROUND = ["", " ", "Tel ", "NHS ", "call: ", "(", ")", ".", ",", "-", "+", "_", "a", "Q", "EQ", "é", "Ж", "7", "0",
          "٣", "\u00a0", "/", "#"]


@pytest.fixture(scope="module")
def scanner(vocabulary: Vocabulary) -> PatternScanner:
    return PatternScanner(vocabulary, threshold=0.0)  # every finding, however weak, must pass the filter


def passes(text: str) -> bool:
    return bool(candidate_mask(pa.array([text]), STRAY_ENTITIES)[0].as_py())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.sampled_from(AROUND), value=st.sampled_from(VALUES), after=st.sampled_from(AROUND),
       context=st.sampled_from(["", "Contact ", "patient NHS no ", "rang "]))
def test_every_value_a_detector_finds_passes_the_filter(scanner: PatternScanner, before: str, value: str,
                                                        after: str, context: str) -> None:
    text = context + before + value + after
    if scanner.find(text):
        assert passes(text), "a finding the candidate filter would have hidden"


@pytest.mark.parametrize("text", ["EQ001001", "J0100001", "13778214153", "A0113496012"])
def test_record_and_serial_numbers_are_not_candidates(text: str) -> None:
    assert not passes(text)


@pytest.mark.parametrize("text", ["Tel 0113 496 0123", "NHS 943 476 5919", "0044 113 496 0123"])
def test_stray_contact_numbers_are_found_in_any_column(vocabulary: Vocabulary, text: str) -> None:
    found = PatternScanner(vocabulary).scan_array(pa.array([text, "EQ001001"]))
    assert list(found) == [text]


@pytest.mark.parametrize("text", ["bleep via pager 4521", "extension no. 4521", "x4521", "ebme.helpdesk@example.org"])
def test_internal_extensions_and_role_mailboxes_are_kept(vocabulary: Vocabulary, text: str) -> None:
    # They reach a switchboard or a team, not a person: kept in every column.
    assert PatternScanner(vocabulary).scan_array(pa.array([text])) == {}
