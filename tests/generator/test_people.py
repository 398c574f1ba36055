from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generator.people import PeopleFactory, is_valid_nhs_number, is_valid_nino, make_cast, nhs_check_digit


def test_nhs_check_digit_matches_the_published_example():
    # 943 476 5919 is the NHS's own worked example of a valid number
    assert nhs_check_digit("943476591") == 9
    assert is_valid_nhs_number("943 476 5919")
    assert not is_valid_nhs_number("943 476 5918")


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_generated_nhs_numbers_pass_modulus_11_and_stay_in_the_test_range(seed):
    people = PeopleFactory(seed)
    for _ in range(200):
        text = people.nhs_number()
        digits = re.sub(r"\D", "", text)
        assert is_valid_nhs_number(text), text
        assert digits.startswith("999")  # NHS England's range for test data: never a real patient


def test_ninos_are_well_formed():
    people = PeopleFactory(3)
    values = [people.nino() for _ in range(500)]
    assert all(is_valid_nino(v) for v in values)
    assert not is_valid_nino("ZZ 12 34 56 A")  # ZZ is never issued


def test_phones_use_ofcom_drama_ranges_in_varied_formats():
    people = PeopleFactory(4)
    phones = [people.phone() for _ in range(2000)]
    drama = re.compile(r"^(0113|0114|0115|0116|0117|0118|0121|0131|0141|0151|0161)4960\d{3}$|^01914980\d{3}$"
                       r"|^02079460\d{3}$|^02920180\d{3}$|^02890180\d{3}$|^01632960\d{3}$|^03069990\d{3}$"
                       r"|^07700900\d{3}$")
    for phone in phones:
        number = phone.split(" ext")[0].split(" x")[0].split(" (ext")[0]
        digits = re.sub(r"\D", "", number.replace("(0)", ""))
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        assert drama.match(digits), phone
    assert any(p.startswith("+44") for p in phones)
    assert any(p.startswith("(") for p in phones)
    assert any("ext" in p or " x" in p for p in phones)
    assert any(re.fullmatch(r"\d{11}", p) for p in phones)


def _cp1252_round_trips(text: str) -> bool:
    try:
        return text.encode("cp1252").decode("cp1252") == text
    except UnicodeEncodeError:
        return False


def test_everyone_is_windows_1252_encodable():
    """assets.csv is written in Windows-1252: a name outside it would break the export or be mangled."""
    people = PeopleFactory(5)
    cast = make_cast(people, 100_000)
    everyone = [p.full for p in cast.engineers + cast.clinical + cast.users]
    names = list(people.first_names + people.last_names)
    assert everyone and names
    assert [n for n in everyone + names if not _cp1252_round_trips(n)] == []
    # the lists do carry accented names (so the check is not vacuous), and a name outside cp1252 fails it
    assert any(not n.isascii() for n in names)
    assert not _cp1252_round_trips("Łukasz Wiśniewski")


def test_same_seed_same_people():
    a, b = PeopleFactory(42), PeopleFactory(42)
    assert [a.person() for _ in range(50)] == [b.person() for _ in range(50)]
    assert [a.phone() for _ in range(50)] == [b.phone() for _ in range(50)]
    assert PeopleFactory(43).persons(50) != PeopleFactory(42).persons(50)
