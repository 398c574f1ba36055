"""Incident reports as web systems export them: the form's rich text as HTML, reporters' sign-offs, a ward's
acknowledgement of a safety notice, the audit column's login joined after the record, a patient's record number
with its label in brackets, a maker's engineer with their mobile in an aside, and the dataset's own people whose
surnames are everyday words."""

from __future__ import annotations

import pytest

from intake.anonymisation import DetectorConfig, TextDetector, Vocabulary
from intake.anonymisation.dataset_terms import collect_terms
from intake.anonymisation.findings import detection_text


def found(detector: TextDetector, text: str, entity: str = "PERSON") -> list[str]:
    return [text[f.start:f.end] for f in detector.analyze([text])[0] if f.entity_type == entity]


def test_html_is_read_as_it_renders_and_offsets_stay_the_originals() -> None:
    text = '<p style="margin:0cm">Not harmed. BH</p><p>Told <strong>Mrs</strong> Okafor&nbsp;today</p>'
    plain = detection_text(text)
    assert len(plain) == len(text)
    assert "\n" in plain[plain.index("BH"):] and "<" not in plain and "&nbsp;" not in plain
    # an e-mail address in angle brackets is no tag
    assert detection_text("From: Ann Lee <a.lee@nhs.net>") == "From: Ann Lee <a.lee@nhs.net>"


@pytest.mark.parametrize("text,names", [
    ('<p style="margin:0cm">Screen cracked. Not used since. E791986. HS</p> | <p>Patient reviewed</p>', ["HS"]),
    ("I CLAMPED THE LINE. <strong>MR</strong> JONES IS 49 AND WAS NOT HARMED. BH</p>", ["JONES", "BH"]),
    ("i was setting up the pump for <strong>mrs</strong> ram (rn 5835819) when it froze", ["ram"]),
    ("central station lost <strong>Mrs</strong> Narayanan&#39;s monitor", ["Narayanan"]),
])
def test_names_and_sign_offs_in_rich_text_are_found(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text) == names


@pytest.mark.parametrize("text,mark", [
    ("ACK BH 04/11", "BH"), ("ack'd JO 12/3", "JO"), ("Acknowledged: KW", "KW"),
    # before the date, letters that spell a word English has are the mark too
    ("Inspect latch | ACK MUG 26/01", "MUG"), ("Replace pack | ack AIM 18/06", "AIM"),
    # a role's letters, a log's operator column folded in without a space
    ("signed out to ward, agency nurse KT", "KT"), ("handed to Sister KT for sign off", "KT"),
    ("cycle 3322 OK op:cw", "cw"),
])
def test_a_wards_acknowledgement_is_signed_with_initials(detector: TextDetector, text: str, mark: str) -> None:
    assert found(detector, text) == [mark]


@pytest.mark.parametrize("text", ["ACK ICU 04/11", "ack received from Baxter", "nurse on ward aware",
                                  "Sister in charge said", "Nurse ICU aware"])
def test_an_acknowledgement_without_initials_names_no_one(detector: TextDetector, text: str) -> None:
    assert found(detector, text) == []


@pytest.mark.parametrize("text,login", [
    ("Graded Low. | No harm | singhj", "singhj"), ("Low | 2021/004 | jsmith2", "jsmith2"),
    ("done | amcbride", "amcbride"), ("SMITHJ", "SMITHJ"),
    ("No harm | ramanathv", "ramanathv"),  # a surname cut at the system's limit on a login's length
])
def test_a_login_joined_as_a_field_of_its_own_is_found(detector: TextDetector, text: str, login: str) -> None:
    assert found(detector, text) == [login]


@pytest.mark.parametrize("text", ["| complete |", "Low | alaris", "done | inprogress", "No harm | nff", "x | admin1",
                                  "x | postcode", "Pass | electrical"])
def test_a_status_a_maker_or_an_abbreviation_in_a_joined_field_is_no_login(detector: TextDetector, text: str) -> None:
    assert found(detector, text) == []


@pytest.mark.parametrize("text,phone", [
    ("Their engineer Bob Lane (07502 752225, b.lane@icumed.com) attended", "07502 752225"),
    ("engineer (07647507123, b.lane@icumed.com)", "07647507123"),
    ("(0161) 496 0000", "(0161) 496 0000"),
])
def test_a_mobile_opening_an_aside_in_brackets_is_found(detector: TextDetector, text: str, phone: str) -> None:
    assert found(detector, text, "PHONE_NUMBER") == [phone]


@pytest.mark.parametrize("text,number", [
    ("i was setting up the pump for miss Ellie Crane (rn 4733560) when", "4733560"),
    ("FOR MR JOHN SMITH (RN 4418988) WHEN", "4418988"),
])
def test_a_record_number_with_its_label_in_brackets_after_a_name(detector: TextDetector, text: str,
                                                                 number: str) -> None:
    assert found(detector, text, "MRN") == [number]


@pytest.mark.parametrize("text", ["Sister Mary Jones (ext 97969) said", "Dave Smith (job 1234567) fitted it",
                                  "engineer John Smith (SR 21683151)"])
def test_an_extension_a_job_or_a_call_in_brackets_after_a_name_stays(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "MRN") == [] and found(detector, text, "STAFF_ID") == []


@pytest.mark.parametrize("text,names", [
    ("fixed. Tunde happy | cert CAL-1", ["Tunde"]),
    ("Hope (ST4) aware and reviewed", ["Hope"]),
    ("Kemi (HCA) said it was charged", ["Kemi"]),
    ("told the nurse in charge (royston Smith) and Matron", ["royston Smith"]),
    ("his wife (Maureen) rang", ["Maureen"]),
    ("PATIENT REVIEWED BY THE ST4 (HOPE), OBS STABLE", ["HOPE"]),
    ("I have done a reflection with Bev.", ["Bev"]),
    ("Replace battery pack | acked by Pam 22/10 | done", ["Pam"]),
    ("Replace battery pack | ack'd by Pam 22/10 | done", ["Pam"]), ("ok'd by Pam", ["Pam"]),
])
def test_who_accepted_the_work_and_names_a_role_or_relation_says_are_people(
        detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text) == names


@pytest.mark.parametrize("text", ["Battery happy now", "fixed. Customer happy", "scan table not locking in CT2 (ED)",
                                  "sister (Theatre 3) rang", "pump (Alaris) failed"])
def test_things_that_are_happy_or_bracketed_are_no_people(detector: TextDetector, text: str) -> None:
    assert found(detector, text) == []


@pytest.fixture(scope="module")
def dataset_detector(vocabulary: Vocabulary) -> TextDetector:
    terms = collect_terms(["Rocco Walker", "MARSH, Hunter", "Sam Bond", "Grace Okoro"], [], vocabulary)
    return TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary)))


@pytest.mark.parametrize("text,names", [
    ("says never had one. walker rocco pd625712", ["walker rocco"]),
    ("NO SUCTION FOR ROCCO MARSH. SISTER RANG", ["ROCCO MARSH"]),
    ("pt data cleared (Rocco bond 23/09/2013)", ["Rocco bond"]),
    ("fixed. Grace happy", ["Grace"]),  # an everyday word the dataset knows as somebody's, before "happy"
])
def test_a_surname_of_the_datasets_people_beside_their_name_joins_it_in_any_case(
        dataset_detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(dataset_detector, text) == names


def test_the_same_everyday_words_alone_stay(dataset_detector: TextDetector) -> None:
    assert found(dataset_detector, "earth bond 0.08 ohm, walker frame checked, marsh gas") == []


def test_a_files_extension_is_never_part_of_a_name(detector: TextDetector) -> None:
    # "pdf cfh" read as a name was propagated and replaced the extension of every path in the dataset
    assert found(detector, r"report saved to \\hhg-fs01\clineng\reports\CE06783.pdf cfh") == ["cfh"]
    assert found(detector, "see J.Smith about it") == ["J.Smith"]


@pytest.mark.parametrize("text,marks", [
    ("report saved to \\\\hhg-fs01\\clineng\\reports\\CE24253.pdf PB\nTest\tResult", ["PB"]),
    ("see manual.pdf for details", []), ("saved to x.pdf OK", []),
])
def test_a_mark_after_the_file_an_entry_saved_signs_it(detector: TextDetector, text: str, marks: list[str]) -> None:
    assert found(detector, text) == marks


@pytest.mark.parametrize("text,marks", [
    ("Screen cracked. Not used since. E637965. ABS | Patient reviewed", ["ABS"]),
    ("Miss Ward is 93 and was not harmed. ABS", ["Ward", "ABS"]),
    # a word English writes often, an abbreviation, a note all in capitals
    ("Tested ok. PAD |", []), ("Screen cracked. Not used since. AIM |", []), ("all fine. ECG |", []),
    ("NOT USED SINCE. ABS |", []),
])
def test_three_capitals_alone_after_the_last_sentence_are_a_mark_though_a_rare_word(
        detector: TextDetector, text: str, marks: list[str]) -> None:
    assert found(detector, text, "PERSON") == marks
