"""HL7 v2 messages pasted into interface-fault tickets: the patient's fields found by segment and position, whole,
the order's placer and filler numbers too; a code's caret is no name, and a segment that is none is no message."""

from __future__ import annotations

from intake.anonymisation.engine import TextDetector
from intake.anonymisation.recognizers_hl7 import find_hl7_fields

from .test_contextual_names import found

ORM = ("MSH|^~\\&|RIS|RXH|PACS|RXH|20240312101500||ORM^O01|MSG00123|P|2.3\r"
       "PID|1||4512398^^^RXH^MR~9434765919^^^NHS^NH||SMITH^JOHN^^^MR||19650312|M|||12 Oak Rd^^Leeds^^LS1 4AB||"
       "07700 900123\r"
       "PV1|1|O|XR^^^RXH||||C123^PATEL^ANIL||||||||||||V20240312\r"
       "ORC|NW|RX4512398|4512398\r"
       "OBR|1|RX4512398|4512398|XR CHEST^Chest X-ray|||20240312101500")


def test_the_patients_fields_and_the_orders_numbers_by_their_place_in_the_segment() -> None:
    got = [(f.entity_type, ORM[f.start:f.end]) for f in find_hl7_fields(ORM)]
    assert got == [
        ("MRN", "4512398^^^RXH^MR~9434765919^^^NHS^NH"), ("PERSON", "SMITH^JOHN^^^MR"), ("DATE_OF_BIRTH", "19650312"),
        ("ADDRESS", "12 Oak Rd^^Leeds^^LS1 4AB"), ("PHONE_NUMBER", "07700 900123"), ("PERSON", "C123^PATEL^ANIL"),
        ("MRN", "V20240312"), ("MRN", "RX4512398"), ("MRN", "4512398"), ("MRN", "RX4512398"), ("MRN", "4512398")]


def test_segments_pasted_on_one_line_and_an_orders_code_is_no_name(detector: TextDetector) -> None:
    text = ("Interface error: MSH|^~\\&|RIS|RXH PID|1||4512398||JONES^MARY||19700101|F "
            "OBR|1|45123|45124|XR CHEST^Chest X-ray")
    assert found(detector, text, "PERSON") == ["JONES^MARY"]
    assert found(detector, text, "DATE_OF_BIRTH") == ["19700101"]
    assert "XR CHEST^Chest X-ray" in text and not any("CHEST" in n for n in found(detector, text, "PERSON"))
    # an observation's free text keeps its caret names
    assert found(detector, "OBX|1|ST|NOTE||seen by SMITH^JOHN", "PERSON") == ["SMITH^JOHN"]


def test_text_that_only_looks_like_a_segment_is_none() -> None:
    assert find_hl7_fields("a | b | c") == [] and find_hl7_fields("PIDS|1||4512398") == []
    assert find_hl7_fields("ORU rejected, see PID|1|||") == []
