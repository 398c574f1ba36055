"""Examples in reports and errors show a value's shape, never enough of it to recognise the value."""

from __future__ import annotations

import pytest

from intake.anonymisation import redact_example


@pytest.mark.parametrize("value,expected", [
    ("QQ 12 34 56 C", "A 9 9 9 A"),  # National Insurance number, spaced
    ("AB123456C", "A9A"),
    ("943 476 5919", "9 9 9"),  # NHS number, spaced
    ("943-476-5919", "9-9-9"),
    ("4111 1111 1111 1111", "9 9 9 9"),  # card number
    ("07700 900123", "9 9"),  # phone numbers
    ("+44 7700 900123", "+9 9 9"),
    ("(0113) 496 0123", "(9) 9 9"),
    ("Jane Doe", "Aa Aa"),
    ("Jo Li", "Aa Aa"),  # same shape as a longer name: no length shown
    ("DOE, Jane", "A, Aa"),
    ("J. Doe", "A. Aa"),  # an initial is a case class, not the letter
    ("jane.doe@example.com", "a.a@a.a"),
    ("12 Acacia Avenue", "9 Aa Aa"),
    ("Łukasz Nowak", "Aa Aa"),
])
def test_redacted_examples_show_a_shape_without_letters_digits_or_lengths(value: str, expected: str) -> None:
    redacted = redact_example(value)
    assert redacted == expected
    assert not any(ch.isalnum() and ch not in "Aa9" for ch in redacted)


def test_long_examples_are_cut() -> None:
    redacted = redact_example("Jane Doe, " * 10)
    assert len(redacted) <= 40 and redacted.startswith("Aa Aa, Aa Aa")
