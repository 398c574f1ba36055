"""Hospitals that read like people and mailboxes that name a place stay as written; the people beside them do not.

One wrong reading costs more than one cell: a full name found in one note is replaced in every other (pass 3), so a
hospital taken for a person once is destroyed across the whole package.
"""

from __future__ import annotations

import pytest

from intake.anonymisation.engine import DetectorConfig, TextDetector
from intake.anonymisation.recognizers_email import find_emails, is_role_mailbox
from intake.anonymisation.vocabulary import Vocabulary

from .test_contextual_names import found


@pytest.mark.parametrize("text", [
    "pt Amber Moss conveyed to Stepping Hill. Crew informed",
    "diverted to Wythenshawe, no beds",
    "vent alarmed during inter-hospital transfer from Harefield to Papworth",
    "vehicle 1172 off road at queen's hospital burton, sm aware",
    "VENT FAULT EN ROUTE QUEEN'S HOSPITAL BURTON WITH PT",
    "during transfer from samuel johnson community hospital to macclesfield",
    "alarmed during transfer from Macclesfield District General to Stepping Hill. Crew aware",
    # a ward named after someone, where equipment went or was found ("Ward" is a surname too)
    "pump returned to Florence Ward", "pump found on Florence Ward", "loan pump collected from Victoria Ward",
    "can someone look at the LUCAS 3.1 please",  # a model and its version
    "school set - stays at Ribbleton Avenue Infant School in term time",  # a school, where a child's kit is kept
    "sent to Endo Room 3", "Room: Endo Room 1 | Patient: n/k",  # a unit's short name opening a room's
])
def test_a_hospital_where_a_patient_was_taken_is_no_person(detector: TextDetector, text: str) -> None:
    assert [n for n in found(detector, text, "PERSON") if n.lower() not in ("amber moss",)] == []


@pytest.mark.parametrize("text,names", [
    ("pt conveyed to Mary Smith's house", ["Mary Smith"]),  # a first name opens it: fail closed
    ("LP15 taken to Smith in workshop", ["Smith"]),  # a device is taken to an engineer
    ("call transferred to Jones", ["Jones"]),
    ("spoke to hospital, Burton said ok", ["Burton"]),  # the comma ends the hospital's name
    ("spoke to Florence Ward about pump", ["Florence Ward"]), ("email from Victoria Ward re loan", ["Victoria Ward"]),
    # the GP, then the practice: no given name after the comma
    ("GP: Dr Sharma, Humberstone Road Surgery | Interpreter: none", ["Sharma"]),
    ("GP: Dr Sharma, Hazelmere Medical Group", ["Sharma"]), ("pt MANSOUR, Layla", ["MANSOUR, Layla"]),
    # a procedure's abbreviation before the comma is no surname; the name after it is written surname first
    ("bite damage - pt bit scope during OGD, Varghese Venkat aware", ["Varghese Venkat"]),
    ("Okonkwo Tunde rang re pump", ["Okonkwo Tunde"]),
])
def test_people_after_the_same_words_are_still_found(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text", ["chased Fleet re tail lift", "CHASED FLEET", "spoke to Procurement re order",
                                  # a laboratory's or a support department's name, in brackets after a role too
                                  "without asking Clinical Scientist (Microbiology)",
                                  "AE CLINICAL SCIENTIST (MICROBIOLOGY) informed", "results from Histopathology",
                                  # a maker's short name
                                  "scope sent by fuji, ok"])
def test_a_department_chased_is_no_person(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


def test_a_makers_name_that_opens_with_letters_is_the_maker(detector: TextDetector) -> None:
    """"GN ReSound": the letters are the maker's, once what the vocabulary allows is taken out (as the anonymiser
    does), in any case."""
    from intake.anonymisation.allowed import without_allowed

    for text in ["aid sent to gn resound for repair", "REPORTED TO GN RESOUND, LOANER ISSUED"]:
        kept = without_allowed(text, detector.analyze([text])[0], detector.config.vocabulary)
        assert [f for f in kept if f.entity_type == "PERSON"] == [], text


def test_a_name_inside_a_mailbox_is_judged_with_the_whole_address(detector: TextDetector) -> None:
    text = "log sent to eoc.duty@msas.nhs.uk and to sarah.jones@msas.nhs.uk"
    assert found(detector, text, "PERSON") == []
    assert found(detector, text, "EMAIL_ADDRESS") == ["sarah.jones@msas.nhs.uk"]


@pytest.mark.parametrize("text,person", [
    ("avisado a laboratorio.hematologia@salud.es y a j.garcia@salud.es", "j.garcia@salud.es"),  # a Spanish service's
    ("booked via microscopy.booking@uni.ac.uk, confirmed by m.okafor@uni.ac.uk", "m.okafor@uni.ac.uk"),
    ("contact svuh.infantfeeding@nhs.net or j.okafor@nhs.net", "j.okafor@nhs.net"),  # a maternity team's
    ("emailed mvh.fsn-returns@nhs.net, cc field.jones@nhs.net", "field.jones@nhs.net"),  # devices team's returns
    ("book via bctv.batteries@nhs.net, cc a.khan@nhs.net", "a.khan@nhs.net"),  # what a service sends out
])
def test_a_laboratorys_or_a_spanish_services_mailbox_is_a_teams(detector: TextDetector, text: str, person: str
                                                                ) -> None:
    assert found(detector, text, "EMAIL_ADDRESS") == [person]


def test_a_mailbox_naming_one_of_the_datasets_places_is_a_teams() -> None:
    """"makeready.kingsway@" at a station the dataset calls Kingsway: the station's mailbox (a site's name in no
    name list beside a role word is one even when the dataset does not name it)."""
    address = "makeready.kingsway@msas.nhs.uk"
    assert is_role_mailbox(address) and is_role_mailbox(address, frozenset({"kingsway"}))
    assert not is_role_mailbox("makeready.kowalczyk@msas.nhs.uk")  # a surname the name lists know
    assert not is_role_mailbox("jane.kingsway@msas.nhs.uk", frozenset({"kingsway"}))  # no role word: a person's
    places = Vocabulary.load().with_allowed(["Kingsway"]).allow_tokens
    assert find_emails(f"sent to {address}", places) == []
    det = TextDetector(DetectorConfig(vocabulary=Vocabulary.load().with_allowed(["Kingsway"])))
    assert found(det, f"log sent to {address}", "EMAIL_ADDRESS") == []


def test_after_an_article_a_word_in_no_name_list_is_a_thing_though_the_dataset_named_it() -> None:
    """A history line read "Mrs Cheung Diasafe" as a name; the water filter it names is still "the diasafe"."""
    from intake.anonymisation.dataset_terms import DatasetTerms

    vocabulary = DatasetTerms(("Cheung Diasafe", "Mary Brathwaite"), ()).vocabulary(Vocabulary.load())
    det = TextDetector(DetectorConfig(vocabulary=vocabulary))
    assert found(det, "since the diasafe plus filter was done", "PERSON") == []
    assert found(det, "checked diasafe filter", "PERSON") == ["diasafe"]  # no article: fail closed
    assert found(det, "Cheung Diasafe rang", "PERSON") == ["Cheung Diasafe"]
    assert found(det, "the Mary Brathwaite pump", "PERSON") == ["Mary Brathwaite"]
    assert found(det, "Wedi siarad â Brathwaite ar y ffôn", "PERSON") == ["Brathwaite"]  # Welsh "with", no article


@pytest.mark.parametrize("text", ["spoke to pts son who says", "spoke to pts daughter re alarm"])
def test_pts_is_the_patients(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


@pytest.mark.parametrize("text,names", [
    ("spoke to Sarah Jones Ward 5 re pump", ["Sarah Jones"]),  # "Ward 5" is a place of its own
    ("Sarah Jones Unit 4 said it alarms", ["Sarah Jones"]),
    ("spoke to Jones Ward 5", ["Jones"]),
    ("returned to the Elizabeth Garrett Anderson Wing", []),  # the model reads "Elizabeth Garrett" alone
    ("Collected from Daisy Hill Hospital. F121 on screen", []),
])
def test_a_numbered_place_word_names_no_place_after_a_person(detector: TextDetector, text: str,
                                                               names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text,names", [
    ("off road at Royal Stoke, para moss aware", ["moss"]), ("TL Moss aware", ["Moss"]),
    ("eca frost aware of fault", ["frost"]), ("EOC AWAITING SM MOSS TO CONFIRM", ["MOSS"]),
    ("pt handed to charge nurse wood at chesterfield royal ed", ["wood"]),
    ("EOC LEFT MSG WITH SAM", ["SAM"]), ("left msg with Amber", ["Amber"]),
])
def test_a_crew_role_or_a_message_left_points_at_a_name_that_is_also_a_word(
        detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text", ["tech bench at the back", "nurse station at ward 4", "left msg with EBME"])
def test_no_name_where_the_words_after_a_role_are_things(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


@pytest.mark.parametrize("text", [
    "funded by Ellie's Fund", "bought w/ Max's Fund money", "the Lewis Foundation paid for it",
    "funded by The Joshua Tree", "referred to The Christie for the loan",
])
def test_a_charity_named_after_someone_is_no_person(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


@pytest.mark.parametrize("text,names", [
    ("spoke to Charity Osei re loan", ["Charity Osei"]),  # "Charity" is a given name: no place word
    ("The Joshua Tree paid, Joshua Tree rang", ["Joshua Tree", "Joshua Tree"]),  # opening a note, or no article
])
def test_people_beside_the_same_words_are_still_found(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text", ["scan table not locking in CT2 (ED)", "John rang; he has told RIS team",
                                  "told PACS", "told MPE, RPA aware"])
def test_a_teams_letters_in_capitals_are_no_person(detector: TextDetector, text: str) -> None:
    assert [n for n in found(detector, text, "PERSON") if n != "John"] == []


@pytest.mark.parametrize("text,names", [("told Ed Jones", ["Ed Jones"]), ("CALLED ED RE PUMP", ["ED"])])
def test_a_name_spelt_like_a_team_is_still_found(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


def test_a_code_the_datasets_reference_fields_hold_stays_in_the_notes(vocabulary: Vocabulary) -> None:
    """An ambulance's registration is a location of the fleet's equipment, a site's line is the site's: written in a
    note, they stay as their own fields keep them. Another registration, and a name, are still judged as ever."""
    references = vocabulary.with_allowed(["YX21 ABC", "Kingsway Station", "0113 496 0000"])
    detector = TextDetector(DetectorConfig(vocabulary=references))
    text = "vehicle YX21ABC off road at Kingsway Station, site on 0113 496 0000; spare vehicle YX22 ABC, crew Jo Bloggs"
    found_types = {text[f.start:f.end]: f.entity_type for f in detector.analyze([text])[0]}
    assert found_types == {"YX22 ABC": "UK_VEHICLE_REGISTRATION", "Jo Bloggs": "PERSON"}
