"""Examples in reports and errors show a value's shape, never enough of it to recognise the value."""

from __future__ import annotations

import pytest

from intake.anonymisation import redact_example


@pytest.mark.parametrize("value,expected", [
    ("QQ 12 34 56 C", "Q* ** ** ** *"),  # National Insurance number, spaced
    ("AB123456C", "A********"),
    ("943 476 5919", "94* *** ****"),  # NHS number, spaced
    ("943-476-5919", "94*-***-****"),
    ("4111 1111 1111 1111", "41** **** **** ****"),  # card number
    ("07700 900123", "07*** ******"),  # phone numbers
    ("+44 7700 900123", "+44 **** ******"),
    ("(0113) 496 0123", "(01**) *** ****"),
    ("Jane Doe", "J*** ***"),
    ("DOE, Jane", "D**, ****"),
    ("jane.doe@example.com", "j***.***@*******.***"),
    ("12 Acacia Avenue", "12 ****** ******"),
    ("1 Acacia Avenue", "1 ****** ******"),  # a number's digits only: not the first letter after it
])
def test_redacted_examples_keep_at_most_the_first_letter_or_two_digits(value: str, expected: str) -> None:
    assert redact_example(value) == expected


def test_long_examples_are_cut() -> None:
    redacted = redact_example("Jane Doe " * 10)
    assert len(redacted) == 40 and redacted.endswith("...") and redacted.startswith("J*** ***")
