"""How theatre staff write: whose operating list broke, the patient on the table by number, log entries stamped
the continental way; and what must stay readable there (instruments named after surgeons, washers, models)."""

from __future__ import annotations

import pytest

from intake.anonymisation.engine import TextDetector

from .test_contextual_names import found


@pytest.mark.parametrize("text,names", [
    ("cuff not holding pressure on the etxeberria list, tourniquet time recorded", ["etxeberria"]),
    ("light flickering during TURP on the Haworth list", ["Haworth"]),
    ("wrong set picked for mr macaraegs list", ["macaraegs"]),
    ("CV-190 failed before Mr Soriano's list", ["Soriano"]),
    ("delayed - the dela cruz list", ["dela cruz"]),
    ("after the Smith all day list", ["Smith"]),
    # what a list is of, not whose
    ("moved to the waiting list", []), ("on the trauma list", []), ("before the Weds PM list", []),
    ("checked the parts list", []), ("ortho list on Monday", []),
])
def test_whose_operating_list_it_was(detector: TextDetector, text: str, names: list[str]) -> None:
    assert [n.removesuffix("'s") for n in found(detector, text, "PERSON")] == names


@pytest.mark.parametrize("text,numbers", [
    ("previous pt M2124570 quarantined", ["M2124570"]), ("scope returned. Pt M1234567", ["M1234567"]),
    ("diathermy cut out. pt Rodel Soriano 8981204 no harm", ["8981204"]),
    ("patient sáenz, begoña M2124570 ok", ["M2124570"]),
    # a part, or a number its own words say is something else
    ("replaced pt M2124570 and tested", []), ("pt moved to bay 4 1234567", []),
    ("patient NHS no 707700 900 123", []),
])
def test_a_patients_number_after_pt_or_their_name(detector: TextDetector, text: str, numbers: list[str]) -> None:
    assert found(detector, text, "MRN") == numbers


def test_logins_after_a_continental_time_stamp(detector: TextDetector) -> None:
    text = ("[07.09. 02:49 mdimacul] rang theatre no answer // [08.09. 10:02 SORIANJO] chased Olympus // "
            "[09.09. 11:00 aoife.mulcahy] awaiting part // [10.09. 09:00 EBME] collected")
    assert found(detector, text, "PERSON") == ["mdimacul", "SORIANJO", "aoife.mulcahy"]


@pytest.mark.parametrize("text", [
    "Tray returned missing Kocher forceps, Langenbeck retractor and Mayo scissors",
    "Macintosh blade and Magill forceps checked",
    "scope came back from AER 3 with tip damage",  # a washer and its number, not initials
    "A.T.S. 4000 failed pre-use check",  # a model's dotted letters before its number
    "used blankets, reported to HCA",
    "To: EBME Theatres <anaes.dept@trust.nhs.uk>",  # a department's mailbox and its display name
])
def test_instruments_machines_and_mailboxes_of_a_theatre_stay_readable(detector: TextDetector, text: str) -> None:
    assert [f for f in detector.analyze([text])[0] if f.entity_type != "INTERNAL_NUMBER"] == []


def test_a_role_after_a_name_is_no_initials(detector: TextDetector) -> None:
    assert found(detector, "Bair hugger blowing cold. Rose Young (HCA)", "PERSON") == ["Rose Young"]


@pytest.mark.parametrize("text", [
    "15.04.2019 WD2 cycle 29970 Dupuytren's fasciectomy 8981204 dob 19.03.15",
    "during Hartmann's reversal on the list", "Nissen fundoplication done", "pt has Parkinson's disease",
    "cycle 07711 TURP NHS 9250290810",  # a procedure's abbreviation before the patient's number is no name
    "scope came back from aer 3 with tip damage",
])
def test_procedures_named_after_surgeons_and_abbreviated_stay_readable(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == [] and found(detector, text, "STAFF_ID") == []


@pytest.mark.parametrize("text,names", [
    ("URGENT: PT BAKER, FAITH M1234567 TRANSFERRED", ["BAKER, FAITH"]), ("pt hill, joy dob 1938", ["hill, joy"]),
    ("pt sangha, sunita 1234567 seen", ["sangha, sunita"]),
    ("PPM done by Sr Kowalski, IEC 60601-1 pass", ["Kowalski"]),
])
def test_a_given_name_that_is_a_word_before_the_patients_identifiers(detector: TextDetector, text: str,
                                                                     names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names
