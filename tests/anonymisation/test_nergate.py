"""The NER gate: which texts the model reads, and that skipping the others loses no name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from benchmarks.generator import generate_equiptrack
from intake.anonymisation import DetectorConfig, TextDetector, Vocabulary
from intake.anonymisation.nergate import EVERYDAY, MOSTLY_A_WORD, NerGate, english_frequencies
from intake.config import AnonymisationSettings

RESCAN_THRESHOLD = AnonymisationSettings().rescan_threshold


@pytest.fixture(scope="module")
def gate(vocabulary: Vocabulary) -> NerGate:
    return NerGate(vocabulary)


@pytest.mark.parametrize("text", [
    "PPM - annual - Philips IntelliVue MX450.",               # brand, model, abbreviation
    "Moved from Day Surgery Bay 10 to Ward 7.",               # places, "Day" and "Ward" are surnames too
    "Post-incident inspection 22/03/2024.",                   # a compound word at a sentence start
    "Contact Emily Duncan on 0116 496 0943 before removing.",  # a name the rules find themselves
    "Sister PERSON_3370bafbefb17d44 in bed 11: fluid ingress.",  # our own token is no name
    "Will not power on; Case cracked.",                       # frequent English words that are names too
    "Checked by Mr Smith.",
])
def test_texts_the_rules_decide_skip_the_model(gate: NerGate, text: str) -> None:
    assert not gate.needs_ner(text)


@pytest.mark.parametrize("text", [
    "Hill to collect the pump from theatres.",       # a surname that is also a word, no rule decides it
    "Handed over to Quorndon stores.",               # a word no list knows
    "Found Chidubem Okafor's badge in the drawer.",  # a name missing from every gazetteer
])
def test_texts_with_an_undecided_word_go_to_the_model(gate: NerGate, text: str) -> None:
    assert gate.needs_ner(text)


def test_asking_for_other_ner_entities_sends_every_capitalised_text(vocabulary: Vocabulary) -> None:
    """The vocabulary tells names from words, not places from words: with LOCATION asked for, the model reads."""
    places = NerGate.for_entities(vocabulary, ["PERSON", "LOCATION"])
    assert places.needs_ner("Moved from Day Surgery Bay 10 to Ward 7.")
    assert not places.needs_ner("pump serviced, no fault found.")
    assert not NerGate.for_entities(vocabulary, ["PERSON", "PHONE_NUMBER"]).needs_ner(
        "Moved from Day Surgery Bay 10 to Ward 7.")


def test_the_english_word_list_comes_from_the_installed_package() -> None:
    words = english_frequencies()
    assert words["treatment"] >= EVERYDAY and words["will"] >= MOSTLY_A_WORD
    assert "okonkwo" not in words


@pytest.mark.parametrize("word", ["john", "michael", "lucas", "christian", "alexander"])
def test_a_frequent_name_that_no_dictionary_lists_in_lower_case_is_no_everyday_word(word: str) -> None:
    # Subtitles say "john" as often as "cord": the frequency list alone would let every lower-case John pass.
    assert word not in english_frequencies()


@pytest.mark.parametrize("word", ["kit", "grant", "dawn", "will", "max", "april", "parts", "swapped", "held", "ed"])
def test_words_that_are_names_too_stay_everyday_words(word: str) -> None:
    assert word in english_frequencies()


def test_skipping_the_model_loses_no_name_in_generated_maintenance_notes(
    tmp_path: Path, vocabulary: Vocabulary, detector: TextDetector
) -> None:
    """Every note the gate lets skip the model gets the same person findings as when the model reads it. Only
    findings strong enough to stop a run at re-scan count: what the model alone proposes from words the
    vocabulary knows ("Loan Pool", capped at 0.55 without a known name) is what the gate is there to avoid."""
    data = generate_equiptrack(tmp_path, 600, 1800, 11, "csv")
    notes: set[str] = set()
    for name, column in (("assets.csv", "Notes"), ("jobs.csv", "Fault Description"), ("jobs.csv", "Requested By")):
        text = data.paths[name].read_bytes().decode("cp1252")
        lines = text.splitlines(keepends=True)
        header = next(i for i, line in enumerate(lines) if line.startswith(("Equipment No,", "Job No,")))
        notes |= {row[column] for row in csv.DictReader(io.StringIO("".join(lines[header:]))) if row.get(column)}
    skipped = sorted(t for t in notes if not detector.needs_ner(t))
    assert len(skipped) > len(notes) / 2  # the gate is worth having
    gated = detector.analyze(skipped)
    forced = TextDetector(DetectorConfig(vocabulary=vocabulary), analyzer=detector.analyzer)
    forced.gate = NerGate.for_entities(vocabulary, ["PERSON", "LOCATION"])  # reads every capitalised text
    with_model = forced.analyze(skipped)
    lost = [
        text for text, a, b in zip(skipped, gated, with_model, strict=True)
        if any(f.entity_type == "PERSON" and f.score >= RESCAN_THRESHOLD
               and not any(g.start < f.end and f.start < g.end for g in a) for f in b)
    ]
    assert not lost, f"{len(lost)} of {len(skipped)} notes lose a person finding without the model"
