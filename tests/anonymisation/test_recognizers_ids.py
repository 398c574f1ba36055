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
    ("emp no. 004412 on shift", "004412"), ("C/N 4412 attended", "4412"), ("C#4412 attended", "4412"),
    ("staff: 4412", "4412"),
    # a student's or trainee's on a training record
    ("student no 22104512 trained on pump", "22104512"), ("Student ID S2210451 - competency", "S2210451"),
    ("matric no. 2210451", "2210451"),
    # a continental vendor's labels
    ("Pers.-Nr. 40412 OP-Pflege", "40412"), ("Personalnr. 40412", "40412"), ("Mitarbeiter-Nr. 40412", "40412"),
    ("MA-Nr. 40412", "40412"), ("Benutzer: 40412", "40412"), ("matricule 40412", "40412"), ("emp4412", "4412"),
    # whoever was logged on, by their number
    ("Staff code E104421 used the pump", "E104421"), ("Op ID 55812 logged the fault", "55812"),
    ("operator no. 48812 reported alarm", "48812"), ("user id 30455612 locked out", "30455612"),
    ("reported by staff member 10448231", "10448231"), ("employee ref 20417733", "20417733"),
    ("ID card no 558821 left on desk", "558821"),
    ("logged in as 20418834", "20418834"), ("user: 20418834", "20418834"), ("eng no 4471 attended", "4471"),
    ("tech ID 4471", "4471"), ("surgeon code 4471 on list", "4471"), ("consultant code C1234567", "C1234567"),
    # a point-of-care device's operator, a door's card, an NMC PIN by its shape
    ("Operator: 004512 failed QC", "004512"), ("operator 123456 locked out", "123456"),
    ("staff 123456 trained", "123456"), ("swipe card 123456 lost", "123456"), ("PIN 12A3456E", "12A3456E"),
    ("Lock-out on i-STAT; op 49512", "49512"), ("J Hale (OP 49512) locked out", "49512"),
])
def test_staff_numbers_after_their_label(text: str, expected: str) -> None:
    assert [text[f.start:f.end] for f in find_staff_ids(text)] == [expected]


@pytest.mark.parametrize("text,expected", [
    ("collar 4412/5510", ["4412", "5510"]), ("c/n 4412 & 5510, 6610", ["4412", "5510", "6610"]),
    ("crew 4412 and 5510", ["4412", "5510"]), ("crew 2 on scene", []), ("crew 1430 arrived", []),
])
def test_a_crews_numbers_after_one_label(text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_staff_ids(text)] == expected


@pytest.mark.parametrize("text", ["staff 2 on nights", "staff 1200 hrs", "badge 12 missing", "part no 12345678",
                                  "user 2 on nights", "tech 2 fitted", "engineer no 1 fault",
                                  "operator manual 2019 edition", "operator 1 of 3", "PIN 1234 for the pump",
                                  "op 2 in theatre 4", "student nurse 3 on ward", "student 2 shadowing",
                                  "badges 40412 ordered", "Mitarbeiter im OP 3"])
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


@pytest.mark.parametrize("text,expected", [
    ("suction cup torn at ///filled.soap.home", ["///filled.soap.home"]),
    ("w3w: crisp.filled.index", ["crisp.filled.index"]),
    ("pin https://w3w.co/crisp.filled.index sent", ["crisp.filled.index"]),
    ("what three words filled.soap.home", ["filled.soap.home"]), ("w3w filled soap home", ["filled soap home"]),
    ("w3w//filled.soap.home", ["filled.soap.home"]), ("w3w not given by caller", []),
    # ending a sentence, "///" typed short, "3 words" as a label (not in a sentence), no web address's "//"
    ("pt found at ///filled.soap.home.", ["///filled.soap.home"]), ("given as //crisp.filled.index", [
        "//crisp.filled.index"]), ("3 words: index home raft", ["index home raft"]), ("said three words", []),
    ("see https://intranet//team.site.home", []), ("w3w index.home.raft.co", []),
    ("what3words location is index.home.raft", ["index.home.raft"]),
    ("located at filled.soap.home by the barn", ["filled.soap.home"]),
    ("FILE SAVED AS LOG.TXT.BAK", []),
    ("NEAR Buxton, GRID SJ 4348268587", ["SJ 4348268587"]),
    ("OS grid ref SK 05233 08923", ["SK 05233 08923"]),
    ("found at SJ 78459 31071 on the moor", ["SJ 78459 31071"]),
    # no label and no "///", or digits not split evenly: a file name, a domain, a model, a part number
    ("see report.final.docx and nhs.net.uk", []), ("loaded com.philips.intellivue", []),
    ("sent to a.b.c@example.com", []),
    ("model SK 200 fitted", []),
    ("part SJ123 4567", []),
    # a serial number's or a reference's letters before eight digits
    ("PPM completed. SN 13129201, asset 00665160", []), ("CAT NO 74248957 ordered", []),
    ("hire co ref HR892368 logged", []), ("s/n of faulty NT 2534 7345", []),
    # in a control room's capitals; latitude and longitude in Britain's and Ireland's ranges, not a reading
    ("LOCATION FILLED.COUNT.SOAP", ["FILLED.COUNT.SOAP"]), ("W3W: FILLED COUNT SOAP", ["FILLED COUNT SOAP"]),
    ("W3W NOT GIVEN BY CALLER", []), ("met crew at Filled.Count.Soap by the gate", ["Filled.Count.Soap"]),
    ("w3w: Filled Count Soap", ["Filled Count Soap"]), ("see Report.Final.Docx", []),
    ("Filled.count.soap - crew on scene", ["Filled.count.soap"]),
    ("pt found at 51.507351, -0.127758 by the canal", ["51.507351, -0.127758"]),
    ("lat 53.48 long -2.24", ["53.48 long -2.24"]), ("flow 51.5, 0.1 ml", []), ("ECG 12.5, -0.25 mV", []),
])
def test_what3words_and_grid_references_are_addresses(text: str, expected: list[str]) -> None:
    from intake.anonymisation.recognizers_location import find_scene_locations

    assert [text[f.start:f.end] for f in find_scene_locations(text)] == expected


def test_a_registration_in_brackets_after_a_private_car() -> None:
    text = "crew member followed in own car (MA71 FAM)"
    assert [text[f.start:f.end] for f in find_vehicle_registrations(text)] == ["MA71 FAM"]


@pytest.mark.parametrize("text,expected", [
    ("crew: collar 4471 and collar no. 44712", ["4471", "44712"]), ("c/no 48748 attended", ["48748"]),
    ("white collar 2 fitted", []),
])
def test_an_ambulance_crews_collar_number_is_a_staff_number(text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_staff_ids(text)] == expected


@pytest.mark.parametrize("text,expected", [
    # a clinician's public registration after the register's name; a crew member's number after their role
    ("HCPC PA12345", ["PA12345"]), ("HCPC reg PA 12345", ["PA 12345"]), ("NMC PIN 12A3456B", ["12A3456B"]),
    ("GMC 1234567", ["1234567"]), ("emp 44521", ["44521"]), ("para 4521", ["4521"]),
    ("Tech 4521 fitted pads", ["4521"]),
    # a theatre team's member by role and number; an operating department practitioner's HCPC registration
    ("ODP 44123 checked", ["44123"]), ("scrub nurse (44123)", ["44123"]), ("HCA #4412 fetched", ["4412"]),
    ("HCPC ODP12345", ["ODP12345"]), ("ODP 2024 audit", []), ("scrub 1430 start", []),
    ("tech 2019 model", []), ("para 1430 on scene", []), ("GMC approved", []), ("NMC guidance 2018", []),
    ("pin 1234 for door", []), ("tech 12 fitted", []), ("Emp 5% battery", []),
])
def test_registrations_and_numbers_after_a_role_name_one_person(text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_staff_ids(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("user id jsmith2", ["jsmith2"]), ("login: j.smith", ["j.smith"]), ("logged in as SMITHJ to check", ["SMITHJ"]),
    ("username: kpatel", ["kpatel"]),
    ("login failed on startup", []), ("user: admin", []), ("login screen frozen", []), ("Login ID service1", []),
    ("user name and password reset", []), ("user error", []),
])
def test_a_login_after_its_label_but_not_a_shared_account(detector: TextDetector, text: str,
                                                           expected: list[str]) -> None:
    assert found(detector, text, "PERSON") == expected


def test_a_hospital_number_in_brackets_opening_an_entry_before_the_name(detector: TextDetector) -> None:
    assert found(detector, "(12345678) Mrs Adeyemi pump alarm", "MRN") == ["12345678"]
    assert found(detector, "(2019) Smith report filed", "MRN") == []
