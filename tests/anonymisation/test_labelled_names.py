"""A name after the label of a name's field, as forms and folded columns copy it into notes, and before its job in
brackets."""

from __future__ import annotations

import pytest

from intake.anonymisation import Vocabulary
from intake.anonymisation.engine import TextDetector

from .test_contextual_names import found


@pytest.mark.parametrize("text,names", [
    # the label says a name follows, whatever the word is otherwise ("WEST", "Brooks") and in any case
    ("Patient: see record | Surname: WEST | Forename/known as: Kemi | DOB: n/k", ["WEST", "Kemi"]),
    ("surname: perkins", ["perkins"]), ("Maiden name: Brooks", ["Brooks"]), ("Pt name: KNIGHT", ["KNIGHT"]),
    ("Contact name: brooks", ["brooks"]), ("Forename: Oluwaseun", ["Oluwaseun"]),
    ("NOK: wife Mary Brown", ["Mary Brown"]), ("Mrs Ann Jones née Hughes", ["Hughes"]),
    # a field's name opening the field, surname first
    ("Name: Okonkwo, Tunde | DOB 12/03/61", ["Okonkwo, Tunde"]), ("Name: PERKINS", ["PERKINS"]),
    # the value ends where a word no name holds starts
    ("Surname: Smith confirmed loan", ["Smith"]), ("Surname: WARD", ["WARD"]),  # a surname that is a label's word
    # a label, then the role whose name follows; maternity's roles
    ("Baby: Baby of MORGAN | Baby hosp no: n/k", ["MORGAN"]), ("REPLACEMENT REQUESTED VIA ANNP HENRY", ["HENRY"]),
    ("CONTACT SOCIAL WORKER HUNTER BEFORE DISCHARGE", ["HUNTER"]), ("CMW: WRIGHT | GP: n/k", ["WRIGHT"]),
])
def test_a_name_after_its_fields_label(detector: TextDetector, text: str, names: list[str]) -> None:
    assert [n for n in found(detector, text, "PERSON") if n in names] == names


@pytest.mark.parametrize("text", [
    "Device name: Volumat | Asset name: Infusion pump", "Name: Infusion pump", "Model name: Alaris GP",
    "File name: report.pdf", "Name: n/a", "NOK: wife", "spoke to NOK", "Surname: n/k", "first-name field blank",
    # a team or a place typed where the one to contact goes; a role, then where
    "Contact name: EBME helpdesk", "Contact name: Estates", "Caller name: ICU", "Contact name: Sister on Ward 5",
    "Surname: Ward 7",
])
def test_what_a_names_label_does_not_make_a_name(detector: TextDetector, text: str) -> None:
    """A thing's name, a placeholder, a relation alone, a hyphenated word: no one."""
    assert found(detector, text, "PERSON") == []


@pytest.mark.parametrize("text,names", [
    ("operator lock-out: lee (hhd nurse) expired", ["lee"]), ("lent to mark (ward manager)", ["mark"]),
    ("seen by Rose Young (staff nurse)", ["Rose Young"]),
    ("returned to bay (staff nurse)", []), ("key with sister (ward manager)", []), ("the pump (staff nurse)", []),
])
def test_a_name_before_its_job_in_brackets_in_any_case(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text", [
    "Kestrel Ward 12/03/2024 per Obstetric Registrar", "per Infant Feeding Lead", "MATERNITY SUPPORT WORKER PHONED",
    "acceptance please - Maternity Support Worker", "pressure 40 cmH2O verified. SW 2.30", "limit 5 verified. FW 4.11",
])
def test_a_jobs_title_and_a_softwares_version_are_no_one(detector: TextDetector, vocabulary: Vocabulary,
                                                         text: str) -> None:
    """A title of qualifiers and a head word ("Obstetric Registrar"), though no list holds it; "SW 2.30" is the
    software's version, not initials and a date."""
    from intake.anonymisation.allowed import without_allowed

    findings = detector.analyze([text])[0]
    assert [text[f.start:f.end] for f in without_allowed(text, findings, vocabulary)
            if f.entity_type == "PERSON"] == []


def test_a_name_beside_a_job_title_is_still_found(detector: TextDetector, vocabulary: Vocabulary) -> None:
    from intake.anonymisation.allowed import without_allowed

    assert found(detector, "spoke to Sarah Nurse", "PERSON") == ["Sarah"]
    assert found(detector, "Staff Nurse Jones aware", "PERSON") == ["Jones"]
    # a letter signed with the name above the title: "Rose" (a word too) is no qualifier of the title
    text = "Many thanks\nRose\nAnaesthetic Practitioner, HSDU"
    assert [text[f.start:f.end] for f in without_allowed(text, detector.analyze([text])[0], vocabulary)
            if f.entity_type == "PERSON"] == ["Rose"]


def _kept_persons(detector: TextDetector, vocabulary: Vocabulary, text: str) -> list[str]:
    from intake.anonymisation.allowed import without_allowed

    return [text[f.start:f.end] for f in without_allowed(text, detector.analyze([text])[0], vocabulary)
            if f.entity_type == "PERSON"]


@pytest.mark.parametrize("text", [
    "Mask: Amara View S | Loan 2024-01-02", "Mask: Evora Nasal M-L", "Interface: AirFit F20 (M); Patient: n/k",
    "Model: Amara View (S) | Firmware: SW 10.3.0",
    "Allocated to Sierra 13 05 Mar", "ALLOCATED TO DELTA 22 28/09/2020",  # a vehicle's call sign
])
def test_a_things_name_after_its_fields_label_is_kept(detector: TextDetector, vocabulary: Vocabulary,
                                                      text: str) -> None:
    """A mask's or a model's name that reads like a given name ("Amara", "Evora"): the label says it is a thing; a
    call sign's word is one with its number."""
    assert _kept_persons(detector, vocabulary, text) == []


@pytest.mark.parametrize("text,names", [
    ("Device: Mary Smith", ["Mary Smith"]),  # names alone, a first name among them: a person typed there
    ("Monitor: Mr Jones rang", ["Jones"]), ("Model: Amara View (S); Patient: Amara Jones", ["Amara Jones"]),
    ("Mask: Amara View S | Patient: Evora Smith", ["Evora Smith"]),  # the next field's value is not the thing's
    ("spoke to Sierra about pump", ["Sierra"]),  # the word without its number
])
def test_a_person_after_a_things_label_is_still_found(detector: TextDetector, vocabulary: Vocabulary, text: str,
                                                      names: list[str]) -> None:
    assert _kept_persons(detector, vocabulary, text) == names


def test_a_column_of_things_gives_the_dataset_its_products_names_never_a_persons(vocabulary: Vocabulary) -> None:
    """A column a query joins into the notes whose name labels a thing ("Mask", "Interface Type") holds products'
    names, which the notes write elsewhere; not a column of notes or of people about the thing, and never a value
    that is names and initials alone (fail closed: "J Smith" typed into "Mask")."""
    from intake.anonymisation.labelled_things import names_things, thing_names

    columns = ["Mask", "Interface Type", "MonitorModel", "Mask Notes", "Kit Issued By", "Lead Clinician", "Patient"]
    assert [c for c in columns if names_things(c)] == ["Mask", "Interface Type", "MonitorModel"]
    values = ["Amara View S", "AirFit F20 (M)", "Vitera", "J Smith", "Mary Smith", "Smith, Jane", "Mr Jones",
              "refit booked"]
    assert thing_names(values, vocabulary) == {"Amara View S", "AirFit F20 (M)", "Vitera"}
