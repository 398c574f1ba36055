"""Staff numbers and vehicle registrations are found right after their label, and only there."""

from __future__ import annotations

import pytest

from intake.anonymisation.engine import TextDetector
from intake.anonymisation.recognizers_ids import find_staff_ids, find_vehicle_registrations

from .test_contextual_names import found


@pytest.mark.parametrize("text,expected", [
    ("payroll 20418834 re loan", "20418834"), ("Badge no: E10442", "E10442"), ("ESR 1234-5678", "1234-5678"),
    ("staff no 4471", "4471"), ("staff id: ab12345", "ab12345"), ("employee number 00123456", "00123456"),
    ("assignment number 20418834-2", "20418834-2"), ("smartcard 1234 5678 9012", "1234 5678 9012"),
])
def test_staff_numbers_after_their_label(text: str, expected: str) -> None:
    assert [text[f.start:f.end] for f in find_staff_ids(text)] == [expected]


@pytest.mark.parametrize("text", ["staff 2 on nights", "staff 1200 hrs", "badge 12 missing", "part no 12345678"])
def test_numbers_without_a_staff_label_are_kept(text: str) -> None:
    assert find_staff_ids(text) == []


@pytest.mark.parametrize("text,expected", [
    ("patient transport van reg LV12 ABC", "LV12 ABC"), ("car reg: AB51 XYZ parked", "AB51 XYZ"),
    ("courier van YK65HFD", "YK65HFD"), ("NI car ABZ 1234", "ABZ 1234"), ("reg no. A123 BCD", "A123 BCD"),
])
def test_vehicle_registrations_after_their_label(text: str, expected: str) -> None:
    assert [text[f.start:f.end] for f in find_vehicle_registrations(text)] == [expected]


def test_codes_shaped_like_plates_are_kept(detector: TextDetector) -> None:
    """Presidio's recognizer takes an alarm code or a serial number for a car; ours wants the label."""
    for text in ("PT12 OCC alarm", "model MX450 serial AB12CDE", "car park level 2 AB12"):
        assert found(detector, text, "UK_VEHICLE_REGISTRATION") == []
    assert found(detector, "patient's car reg LV12 ABC blocking the bay", "UK_VEHICLE_REGISTRATION") == ["LV12 ABC"]
    assert found(detector, "payroll 20418834 re loan", "STAFF_ID") == ["20418834"]
