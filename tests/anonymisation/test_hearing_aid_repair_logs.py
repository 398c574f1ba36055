"""How an audiology department's repair log writes its people down: the technician's mark glued to the time
("HC14:26", "t.m.17:12"), dotted initials that spell a greeting undotted ("t.h."), the patient's address over the
lines of a form's field, an engineer's registration number; and the hearing-aid makers it sends aids to, which
are no one's name."""

from __future__ import annotations

import pytest

from intake.anonymisation.engine import TextDetector

from .test_contextual_names import found


@pytest.mark.parametrize("text,marks", [
    ("NFF - battery flat! new size 10 given. HC14:26 / sent to Phonak for repair", ["HC"]),
    ("nff - battery flat! new pr44 given. t.m.17:12 / sent to cochlear", ["t.m."]),
    ("tel 07700 900123 NA x2, LM. R.C.15:07 | Returned by: post", ["R.C."]),
    ("fan fault on start up, reported to the helpline. t.h.", ["t.h."]),
    ("tel 0121 496 0000 na x2, lm. ta13:45\nmum rang", ["ta"]),
    ("returned to sender - no answer. | Sent by: TA", ["TA"]), ("Sent by: hs", ["hs"]),
    ("Sent by: post", []), ("sent by courier", []), ("done. pm12:30 |", []),
    # a time after a word or an abbreviation, and the dotted abbreviations notes write, stay
    ("seen. at14:26 | ok", []), ("ok. ECG14:26 |", []), ("seen at 10 a.m. ok", []), ("n.a. |", []),
])
def test_a_technicians_mark_glued_to_the_time_or_dotted(detector: TextDetector, text: str, marks: list[str]) -> None:
    assert found(detector, text, "PERSON") == marks


@pytest.mark.parametrize("text,address", [
    ("DOB: 1932 | Address: Rosedene\r\nLichfield Road\r\nSedgley | Postcode: WV14 6BT",
     "Rosedene\r\nLichfield Road\r\nSedgley"),
    ("DOB: 2010 | Address: Flat 21\r\n14 Penn Road\r\nSedgley | Postcode: WV3 0AB",
     "Flat 21\r\n14 Penn Road\r\nSedgley"),
    ("Home address:\n4 Elm Close\nWalsall WS1 2AB\nTel: 01922 000000", "4 Elm Close"),
    # the postcode's line ends the address, a key safe's code after it
    ("DOB: 1938 | Address: 5 Lightcliffe Road\nHalifax\nHX3 7WZ\nKey safe 2495 | Carer", "5 Lightcliffe Road"),
])
def test_a_forms_address_over_several_lines_is_one_address(detector: TextDetector, text: str, address: str) -> None:
    assert found(detector, text, "ADDRESS") == [address]


@pytest.mark.parametrize("text", ["address:\nward 5\nbed 3", "Address: confirmed with mum\nbattery sent 12/03",
                                  "pt address: changed\nsee notes"])
def test_lines_after_an_address_label_that_name_no_street_or_house(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "ADDRESS") == []


def test_an_engineers_registration_number(detector: TextDetector) -> None:
    text = "Next due: 2023-01-01 | Engineer reg: E7103714 | Login: sys"
    assert found(detector, text, "STAFF_ID") == ["E7103714"]
    assert found(detector, "engineer reg AB12 CDE", "STAFF_ID") == []  # the engineer's van


@pytest.mark.parametrize("maker", ["Phonak", "Sonova", "Oticon", "Widex", "Interacoustics", "Amplivox"])
def test_hearing_aid_makers_are_no_ones_name(detector: TextDetector, maker: str) -> None:
    assert found(detector, f"aid sent to {maker} for repair, spoke to Jo Bloggs", "PERSON") == ["Jo Bloggs"]
