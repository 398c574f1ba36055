"""Schema-aware anonymisation: the mapping's data roles decide, and the dataset's own terms are used
everywhere (pass 1 collects them, pass 2 anonymises with them)."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest

from intake.anonymisation import AnonymisationSession, Vocabulary
from intake.anonymisation.dataset_terms import DatasetTerms, collect_terms, person_names
from intake.anonymisation.deny_list import DenyList
from intake.anonymisation.roles import apply_roles
from intake.config import AnonymisationSettings
from tests.anonymisation.conftest import notes_anonymised

SECRET = bytes(range(32))
TABLE = pa.table({
    "Ward": ["Nightingale Ward", "Seacole Unit", "Florence Ward", "jane.bloggs@example.nhs.uk"],
    "Raised By": ["Bay 5", "Zebedee Quillfeather", "N/A", "SMITH, Jane / R Patel"],
    "Tel": ["07700 900123", "ext 4412", "0113 496 0000", None],
    "Fault": ["screen cracked, per quillfeather z on Nightingale Ward", "no fault found",
              "zebedee quillfeather reports alarm", "Returned to Seacole Unit"],
})
ROLES = {
    "Ward": {"role": "reference", "fields": ["locations.ward"]},
    "Raised By": {"role": "person", "entity": "PERSON", "fields": ["jobs.requested_by"]},
    "Tel": {"role": "person", "entity": "PHONE_NUMBER", "fields": ["jobs.requester_phone"]},
    "Fault": {"role": "free_text", "fields": ["jobs.fault_description"]},
}


@pytest.fixture(scope="module")
def base() -> Vocabulary:
    return Vocabulary.load()


def anonymise(vocabulary: Vocabulary) -> tuple[dict[str, list[str | None]], dict[str, object]]:
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=vocabulary, processes=1) as session:
        classification = apply_roles(session.profile("jobs", TABLE.to_batches()), ROLES)
        outcome = session.anonymise_chunk(SECRET, "jobs", classification, TABLE.to_batches())
        out = pa.Table.from_batches(outcome.batches).to_pydict()
        return out, {"counts": outcome.counts, "rescan": outcome.rescan, "classification": classification}


def test_person_fields_are_replaced_whole_and_reference_fields_kept(base: Vocabulary) -> None:
    out, info = anonymise(base)
    # Person field: every value but the placeholder replaced, whatever it looks like; one token per person.
    assert out["Raised By"][2] == "N/A"
    assert all(v.startswith("PERSON_") for v in (out["Raised By"][0], out["Raised By"][1]))
    assert out["Raised By"][3].count("PERSON_") == 2 and "Patel" not in out["Raised By"][3]
    # The numbers of a person's contact field; an extension there is an internal number, kept as the policy keeps
    # it everywhere (it reaches a desk or a role; INTERNAL_NUMBER: keep).
    assert [v[:6] if v else v for v in out["Tel"]] == ["PHONE_", "ext 44", "PHONE_", None]
    assert out["Tel"][1] == "ext 4412"
    # Reference field: wards named after people kept; an e-mail address typed into it is not.
    assert out["Ward"][:3] == ["Nightingale Ward", "Seacole Unit", "Florence Ward"]
    assert "@" not in out["Ward"][3]
    assert info["rescan"].clean
    classification = info["classification"]
    assert classification.column("Ward").role == "reference" and classification.column("Raised By").role == "person"


def test_pass_one_names_are_caught_in_free_text_in_any_spelling(base: Vocabulary) -> None:
    terms = collect_terms(TABLE.column("Raised By").to_pylist(), TABLE.column("Ward").to_pylist(), base)
    assert "Zebedee Quillfeather" in terms.persons and "Jane SMITH" in terms.persons
    assert "Bay 5" not in terms.persons  # a place typed into a person field is no one's name
    out, _ = anonymise(terms.vocabulary(base))
    text = " ".join(v for v in out["Fault"] if v).lower()
    assert "quillfeather" not in text and "zebedee" not in text
    assert "Nightingale Ward" in out["Fault"][0] and out["Fault"][3] == "Returned to Seacole Unit"


def test_a_reference_value_that_is_a_person_elsewhere_is_not_allowed(base: Vocabulary) -> None:
    terms = collect_terms(["Florence Ward"], ["Florence Ward", "Seacole Unit"], base)
    assert terms.persons == ("Florence Ward",) and terms.references == ("Seacole Unit",)


@pytest.mark.parametrize("cell,names", [
    ("Dr J. Smith", ["J. Smith"]),
    ("SMITH, Jane", ["Jane SMITH"]),
    ("A Okafor / B Nowak", ["A Okafor", "B Nowak"]),
    ("Sister Ní Bhriain", ["Ní Bhriain"]),
    # a job title of several words opens the cell: the name after it ("teacher of the deaf" is no one's name)
    ("Teacher of the Deaf Jyoti Tailor", ["Jyoti Tailor"]), ("teacher of the deaf Neville", ["Neville"]),
    ("Teacher of the Deaf", []),
    ("Main Theatres", []),
    ("07700 900123", []),
    ("unknown", []),
    ("Young", []),  # an everyday word alone would redact every note that uses it
    ("Quillfeather", ["Quillfeather"]),
    # a title, job or relation before the name, as callers are logged
    ("charge nurse Chi Keung", ["Chi Keung"]),
    ("the f1 dr Quillfeather", ["Quillfeather"]),
    ("next of kin Nuwan Solanki", ["Nuwan Solanki"]),
    ("his wife (Ragnhild)", ["Ragnhild"]),
    ("pt's daughter Mrs Quillfeather", ["Quillfeather"]),
    ("ward clerk", []),
    # a job's whole word that is nobody's name, with what it is of, before or in brackets after the name
    ("Physiologist Lere", ["Lere"]), ("sleep physiologist Agnieszka", ["Agnieszka"]),
    ("Lere (sleep physiologist)", ["Lere"]), ("EBME tech Zeynep", ["Zeynep"]), ("Mary Porter", ["Mary Porter"]),
    # an organisation typed where the caller's name goes is nobody's name, unless a first name opens it
    ("Hollybank House", ["Hollybank House"]),  # "House" is a surname too: kept a name, failing closed
    ("Chidi Ward", ["Chidi Ward"]), ("Chidi Baxter", ["Chidi Baxter"]),
    ("Ashgrove Court", []),
    ("The Limes Surgery", []),
    ("St Clare's Nursing Home", []),
    ("Home Therapies Team", []),
    ("Dr Ahmed & Partners", []),
    ("Drs Khan, Patel and Partners", []),
    ("Tom Ward", ["Tom Ward"]),
    ("Dave Court", ["Dave Court"]),
    # a job or title word closing the cell is the surname
    ("Mary Porter", ["Mary Porter"]), ("Melissa Lord", ["Melissa Lord"]), ("Chidi Hill", ["Chidi Hill"]),
    # a role in brackets beside the name, either way round, is no part of it (joined, "Rheolwr Ward Menzies" made
    # "Menzies (Rheolwr" a name in notes and the job title went with it)
    ("Rheolwr Ward (Quillfeather)", ["Quillfeather"]), ("Quillfeather (Ward Manager)", ["Quillfeather"]),
    ("Nyrs Staff (Quillfeather)", ["Quillfeather"]),
    ("Angela Little (Biomedical Engineer)", ["Angela Little"]),  # the job alone would be spread as a name
    ("Biomedical Engineer", []), ("Staff Nurse", []),
    # a newborn named after the mother: the mother's name, never "Baby", "of" or the slash's halves
    ("Baby of Quillfeather", ["Quillfeather"]), ("B/O Quillfeather", ["Quillfeather"]),
    ("Twin 1 of Quillfeather", ["Quillfeather"]), ("Baby Quillfeather", ["Quillfeather"]),
    # a job's title of qualifiers and a head word before the name
    ("Maternity Support Worker Quillfeather", ["Quillfeather"]), ("Infant Feeding Lead Amy Quillfeather",
                                                                  ["Amy Quillfeather"]),
])
def test_person_names_from_person_field_cells(base: Vocabulary, cell: str, names: list[str]) -> None:
    assert person_names(cell, base) == names


def test_terms_do_not_depend_on_the_order_values_arrive_in(base: Vocabulary) -> None:
    values = ["Zebedee Quillfeather", "SMITH, Jane", "R Patel", "Bay 5"]
    one = collect_terms(values, ["Ward 7", "Seacole Unit"], base)
    two = collect_terms(list(reversed(values)), ["Seacole Unit", "Ward 7", "Ward 7"], base)
    assert one == two and one.digest == two.digest
    assert DatasetTerms.from_json(one.to_json()) == one


def test_names_found_in_free_text_are_replaced_where_the_detectors_missed_them(base: Vocabulary) -> None:
    notes = pa.array(["Mrs Zebedee Quillfeather rang about the pump", "no fault found"])
    with AnonymisationSession(AnonymisationSettings(), vocabulary=base, processes=1) as session:
        anonymiser = session.anonymiser(SECRET)
        anonymiser.anonymise_batch("jobs", apply_roles(session.profile("jobs", []), {
            "Notes": {"role": "free_text"}}), pa.record_batch({"Notes": notes}))
    assert anonymiser.revealed.names == {"Zebedee Quillfeather"}

    later = DatasetTerms(tuple(sorted(anonymiser.revealed.names))).vocabulary(base)
    scrubber = AnonymisationSession(AnonymisationSettings(), vocabulary=later, processes=1).anonymiser(SECRET)
    counts = scrubber.counts.for_column("jobs", "Other")
    out = scrubber.replace_known_names("jobs", "Other", pa.array(["pump collected by QUILLFEATHER Z", "ok", None]),
                                       counts)
    assert "QUILLFEATHER" not in out[0].as_py() and out[0].as_py().startswith("pump collected by PERSON_")
    assert out.to_pylist()[1:] == ["ok", None] and counts.changed_values == 1


def test_pass_three_takes_the_birth_date_beside_a_name_it_finds(base: Vocabulary) -> None:
    """A name pass 2 missed, found by pass 3 beside a date alone with it in brackets: the date is the person's
    birth date, replaced with the name; also where pass 2 had found the other half. A job's own date stays."""
    later = DatasetTerms(("Zebedee Quillfeather", "Archibald Wolstenholme")).vocabulary(base)
    scrubber = AnonymisationSession(AnonymisationSettings(), vocabulary=later, processes=1).anonymiser(SECRET)
    out = scrubber.replace_known_names("jobs", "Other", pa.array([
        "pt data cleared from memory (Zebedee Quillfeather 08/05/22) - witnessed",
        "pt data cleared from memory (PERSON_0a70d8b7966eb674 Wolstenholme 22.07.2008) - witnessed",
        "Quillfeather 12/03/2024 replaced battery"]), scrubber.counts.for_column("jobs", "Other")).to_pylist()
    assert "08/05/22" not in out[0] and "22.07.2008" not in out[1] and "Wolstenholme" not in out[1]
    assert out[2].endswith(" 12/03/2024 replaced battery") and "Quillfeather" not in out[2]


def test_pass_three_leaves_a_labelled_things_name_that_a_note_made_a_name(base: Vocabulary) -> None:
    """A note's "refit to Evora Nasal" revealed a name; where a field's label says the words are a mask's, they
    stay, and so does the size a mark of the dataset spells ("MW"); a vehicle's call sign too ("Sierra 13")."""
    later = DatasetTerms(("Evora Nasal", "Sierra", "Zebedee Quillfeather"),
                         identifiers=(("MW", "PERSON"),)).vocabulary(base)
    scrubber = AnonymisationSession(AnonymisationSettings(), vocabulary=later, processes=1).anonymiser(SECRET)
    cells = ["Mask: Evora Nasal M-L | Loan 2024-01-02", "Mask: DreamWear Nasal MW | ok",
             "Allocated to Sierra 13 05 Mar", "refit to Evora Nasal booked", "Monitor: Midwife Zebedee Quillfeather",
             "spoke to Sierra"]
    out = scrubber.replace_known_names("jobs", "Other", pa.array(cells),
                                       scrubber.counts.for_column("jobs", "Other")).to_pylist()
    assert out[:3] == cells[:3]
    assert "Evora" not in out[3] and "Quillfeather" not in out[4] and "Sierra" not in out[5]


def test_pass_three_does_not_replace_everywhere_a_revealed_name_that_is_a_maker_or_a_device(base: Vocabulary) -> None:
    """A note made "Marsden" (the dataset's maker) or "Toco" (a monitor's transducer) a name once: not a name
    caught in every row; a person's name is, though it shares a word with a ward ("Bailey Ward")."""
    from intake.pipeline.known_names import new_names

    allowed = base.with_allowed(["Marsden", "Bailey Ward"])
    assert new_names({"Marsden", "Toco", "Bailey", "Jo Marsden", "Zebedee Quillfeather"}, ["Zebedee Quillfeather"],
                     allowed) == {"Bailey", "Jo Marsden"}


def test_a_name_word_that_notes_write_as_an_abbreviation_is_never_caught_alone(base: Vocabulary) -> None:
    """"Pat Quillfeather" is caught in any spelling, but "PAT" alone is the test, "OGD" alone the procedure."""
    keys = DatasetTerms(("Pat Quillfeather", "Ogd Zebedee")).vocabulary(base).deny_keys
    assert {"pat quillfeather", "quillfeather", "zebedee"} <= keys and not {"pat", "ogd"} & keys


def test_pass_three_leaves_a_teams_mailbox_whole_though_a_person_is_called_by_its_role_word(base: Vocabulary) -> None:
    """A requester typed as "Physio" joins the deny-list; the physiotherapy team's mailbox is still the team's."""
    later = DatasetTerms(("Physio", "Zebedee Quillfeather")).vocabulary(base)
    scrubber = AnonymisationSession(AnonymisationSettings(), vocabulary=later, processes=1).anonymiser(SECRET)
    counts = scrubber.counts.for_column("jobs", "Other")
    out = scrubber.replace_known_names("jobs", "Other", pa.array(
        ["To: physio.godalming@hartleyhealth.co.uk re loan", "asked Physio to collect"]), counts)
    assert out[0].as_py() == "To: physio.godalming@hartleyhealth.co.uk re loan"
    assert "Physio" not in out[1].as_py()


def test_a_number_in_a_person_field_keeps_its_type_and_the_rest_is_the_person(base: Vocabulary) -> None:
    table = pa.table({"Raised By": ["J Smith 07700 900123", "Bay 5"]})
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=base, processes=1) as session:
        classification = apply_roles(session.profile("jobs", table.to_batches()), {"Raised By": ROLES["Raised By"]})
        outcome = session.anonymise_chunk(SECRET, "jobs", classification, table.to_batches())
    [first, second] = pa.Table.from_batches(outcome.batches).column("Raised By").to_pylist()
    assert first.startswith("PERSON_") and " PHONE_" in first and "Smith" not in first and "900123" not in first
    assert second.startswith("PERSON_")
    entities = outcome.counts.column("jobs", "Raised By").entities
    assert entities["PHONE_NUMBER"] == 1 and entities["PERSON"] == 2


def test_an_internal_number_in_a_contact_field_is_kept_as_in_the_notes(base: Vocabulary) -> None:
    """Extensions and bleeps as contact fields and notes write them, a Welsh one ("est.", estyniad) too; a phone
    number beside them is still replaced."""
    table = pa.table({"Tel": ["Bleep 6302", "est. 37057", "x1107", "Extension 2744", "07700 900123"],
                      "Fault": ["call est. 37057 when done", "bleeper 620 paged",
                                # the word before the number is no name's last word, in any case
                                "stiff, reported to Gareth Evans est. 01275", "REPORTED TO GARETH EVANS EST. 66638",
                                "ok"]})
    roles = {"Tel": ROLES["Tel"], "Fault": ROLES["Fault"]}
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=base, processes=1) as session:
        classification = apply_roles(session.profile("jobs", table.to_batches()), roles)
        outcome = session.anonymise_chunk(SECRET, "jobs", classification, table.to_batches())
    out = pa.Table.from_batches(outcome.batches).to_pydict()
    assert out["Tel"][:4] == ["Bleep 6302", "est. 37057", "x1107", "Extension 2744"]
    assert out["Tel"][4].startswith("PHONE_")
    assert out["Fault"][:2] == ["call est. 37057 when done", "bleeper 620 paged"]
    assert [re.sub(r"PERSON_\w+ ", "", v) for v in out["Fault"][2:4]] == [
        "stiff, reported to est. 01275", "REPORTED TO EST. 66638"]


def test_a_known_name_inside_an_e_mail_address_does_not_split_the_address(base: Vocabulary) -> None:
    later = DatasetTerms(("Jane Doe",)).vocabulary(base)
    table = pa.table({"Fault": ["Booked by Jane Doe (jane.doe@kingsmead-riverside.nhs.uk)", "ok"]})
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=later, processes=1) as session:
        classification = apply_roles(session.profile("jobs", table.to_batches()), {"Fault": ROLES["Fault"]})
        outcome = session.anonymise_chunk(SECRET, "jobs", classification, table.to_batches())
    [text, _] = pa.Table.from_batches(outcome.batches).column("Fault").to_pylist()
    assert "kingsmead" not in text and "EMAIL_" in text and text.startswith("Booked by PERSON_")


def test_a_name_guessed_inside_the_datasets_own_place_names_stays_part_of_the_place(base: Vocabulary) -> None:
    terms = collect_terms(["Zebedee Quillfeather"], ["Royal Sussex County Hospital", "Elizabeth Garrett Ward"], base)
    table = pa.table({"Fault": ["sent from Royal Sussex County Hospital for repair",
                                "returned to Elizabeth Garrett Ward by Zebedee Quillfeather",
                                "Mr Elizabeth Garrett called"]})  # outside the phrase the name is a name
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=terms.vocabulary(base),
                              processes=1) as session:
        classification = apply_roles(session.profile("jobs", table.to_batches()), {"Fault": ROLES["Fault"]})
        outcome = session.anonymise_chunk(SECRET, "jobs", classification, table.to_batches())
    first, second, third = pa.Table.from_batches(outcome.batches).column("Fault").to_pylist()
    assert first == "sent from Royal Sussex County Hospital for repair"
    assert second.startswith("returned to Elizabeth Garrett Ward by PERSON_")
    assert "Garrett" not in third and outcome.rescan.clean


def test_internal_numbers_are_kept_by_default_and_replaced_when_the_policy_says(base: Vocabulary) -> None:
    from intake.anonymisation.policy import load_policy, parse_policy

    table = pa.table({"Fault": ["rang sister on ext 4412, bleep 2231", "no fault found"]})
    default = load_policy()
    strict = parse_policy({"version": 1, "entities": {
        **{k: v.to_dict() for k, v in default.entities.items()}, "INTERNAL_NUMBER": "pseudonymise"}}, "strict")
    outputs = []
    for policy in (default, strict):
        with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=base, policy=policy,
                                  processes=1) as session:
            classification = apply_roles(session.profile("jobs", table.to_batches()), {"Fault": ROLES["Fault"]})
            outcome = session.anonymise_chunk(SECRET, "jobs", classification, table.to_batches())
            assert outcome.rescan.clean
            outputs.append(pa.Table.from_batches(outcome.batches).column("Fault").to_pylist()[0])
    assert outputs[0] == "rang sister on ext 4412, bleep 2231"
    assert "4412" not in outputs[1] and "2231" not in outputs[1] and "EXT_" in outputs[1]


def test_job_titles_in_free_text_are_kept_and_the_name_after_one_is_not(base: Vocabulary) -> None:
    table = pa.table({"Fault": ["dropped, informed Practice Educator", "informed Ward Manager Quillfeather"]})
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=base, processes=1) as session:
        classification = apply_roles(session.profile("jobs", table.to_batches()), {"Fault": ROLES["Fault"]})
        outcome = session.anonymise_chunk(SECRET, "jobs", classification, table.to_batches())
    first, second = pa.Table.from_batches(outcome.batches).column("Fault").to_pylist()
    assert first == "dropped, informed Practice Educator"
    assert second.startswith("informed Ward Manager PERSON_")


def test_a_distinctive_first_name_of_a_dataset_person_is_caught_alone_not_an_everyday_one(base: Vocabulary) -> None:
    from intake.anonymisation.deny_list import DenyList

    terms = collect_terms(["Ragnhild Quillfeather", "SMITH Max", "Will Jones"], [], base)
    deny = DenyList(terms.vocabulary(base))
    text = "Thanks RAGNHILD, pump set to max rate; will recheck"
    assert [text[f.start:f.end] for f in deny.find(text)] == ["RAGNHILD"]


def test_a_dataset_persons_first_name_rarely_a_word_is_caught_alone_in_any_case(base: Vocabulary) -> None:
    """Names English books use ("jane", "camilla") are still rarely words; "frank" or "kit" often are, and a note's
    words ("cal" for calibration) are never taken for a first name."""
    from intake.anonymisation.deny_list import DenyList

    terms = collect_terms(["Camilla Ferrars", "Jane Okonjo", "Frank Iweala", "Cal Whitlow"], [], base)
    deny = DenyList(terms.vocabulary(base))
    text = "vitality auth covers 14 days only - camilla chasing; jane + Dev to collect; frank blood; annual cal due"
    assert [text[f.start:f.end] for f in deny.find(text)] == ["camilla", "jane"]


def test_a_dataset_persons_surname_that_is_also_a_town_is_caught_alone(base: Vocabulary) -> None:
    from intake.anonymisation.deny_list import DenyList

    assert not base.stands_alone("Bellingham")  # a town of the shipped list: alone it is a place
    for person in (["Ruth Bellingham"], ["Bellingham"]):  # a whole name, or a surname column's value
        deny = DenyList(collect_terms(person, [], base).vocabulary(base))
        text = "caller: Dev bellingham re: loan"
        assert [text[f.start:f.end] for f in deny.find(text)] == ["bellingham"]


def test_a_dataset_person_before_a_street_word_is_a_street_only_right_beside_it(base: Vocabulary) -> None:
    from intake.anonymisation.deny_list import DenyList

    deny = DenyList(collect_terms(["Amelia-Rose Whitfield", "Selby"], [], base).vocabulary(base))
    for text, names in (("no info re amelia-rose (court order)", ["amelia-rose"]), ("Selby Road closed", []),
                        ("selby rang", ["selby"])):
        assert [text[f.start:f.end] for f in deny.find(text)] == names


def test_a_dataset_persons_everyday_word_name_capitalised_inside_a_sentence(base: Vocabulary) -> None:
    """"Joy", "West", "Frank" are words, never caught alone in lower case; capitalised inside a sentence, with no
    other capitalised word beside them but the person's own, they are the person. Not opening a sentence, not in a
    place's name, not a month, not a job's title."""
    from intake.anonymisation.deny_list import DenyList

    deny = DenyList(collect_terms(["Joy Okafor", "Dev West", "Frank Iweala", "May Stone", "Eli Porter"],
                                  ["West Middlesex Hospital"], base).vocabulary(base))
    for text, names in (("caller: Dev (put through to West)", ["Dev", "West"]), ("spoke to Frank re loan", ["Frank"]),
                        ("Joy rang re pump", []), ("pump ok. Joy aware", []), ("frank blood in line", []),
                        ("sent to West Middlesex Hospital", []), ("due in May", []), ("handed to Porter", []),
                        ("Call sign West 2 on scene", []),  # a numbered thing
                        # alone after a dash where an entry ends, in any case: the person signing it off
                        ("hsat ess 3/24 - west | next", ["west"]), ("RETURNED BY POST -- WEST", ["WEST"]),
                        ("facing west", []), ("west - east corridor", [])):
        assert [text[f.start:f.end] for f in deny.find(text)] == names, text


def test_a_teams_words_typed_into_a_person_field_are_not_caught_capitalised(base: Vocabulary) -> None:
    """"Lucy Home Ventilation" in a person field is a name and her team read as one name; the team's words are in no
    name list, so a job title that holds them ("Home Ventilation Nurse Specialist") stays."""
    from intake.anonymisation.deny_list import DenyList

    deny = DenyList(collect_terms(["Lucy Home Ventilation"], [], base).vocabulary(base))
    text = "Kind regards, Home Ventilation Nurse Specialist"
    assert [text[f.start:f.end] for f in deny.find(text)] == []


def test_a_place_typed_into_a_person_field_stays_the_datasets_place(base: Vocabulary) -> None:
    """Who raised a job is often a ward or a team ("Wey Ward", "Kathryn/Physiotherapy", "Vikram on Wey Ward"): what
    the reference fields call a place stays one in the notes, and the place after a name is no surname."""
    from intake.anonymisation.deny_list import DenyList

    terms = collect_terms(["Vikram on Wey Ward", "Kathryn/Physiotherapy", "Radiotherapy", "Wey Ward", "Chidi Ward",
                           "Jane Okafor on Radiotherapy"], ["Wey Ward", "Radiotherapy", "Physiotherapy"], base)
    assert terms.persons == ("Chidi Ward", "Jane Okafor", "Kathryn", "Vikram")
    assert terms.references == ("Physiotherapy", "Radiotherapy", "Wey Ward")
    text = "lead replaced, all Wey Ward units checked; back to Radiotherapy. vikram aware, chidi ward rang"
    assert [text[f.start:f.end] for f in DenyList(terms.vocabulary(base)).find(text)] == ["vikram", "chidi ward"]
    # a unit named after a person is still the unit; a first name and a surname that is a place word, a person
    terms = collect_terms(["Rosalind Franklin Day Unit", "Florence Ward"], ["Rosalind Franklin Day Unit",
                                                                           "Florence Ward"], base)
    assert terms.persons == ("Florence Ward",) and terms.references == ("Rosalind Franklin Day Unit",)


def test_a_dataset_person_in_the_possessive_is_caught_and_the_possessive_kept(base: Vocabulary) -> None:
    from intake.anonymisation.deny_list import DenyList

    deny = DenyList(collect_terms(["John Sigfreðsdóttir", "Geraldine Changaz"], [], base).vocabulary(base))
    text = "john sigfreðsdóttir's bleep not answering, changaz's too; john unavailable"
    assert [text[f.start:f.end] for f in deny.find(text)] == ["john sigfreðsdóttir", "changaz", "john"]


def test_a_dataset_persons_first_name_inside_a_longer_reference_term_is_left_to_the_term(base: Vocabulary) -> None:
    from intake.anonymisation.deny_list import DenyList

    terms = collect_terms(["Sara Lopes", "Grace Otieno"], ["Sara Stedy", "Grace Darling Ward"], base)
    deny = DenyList(terms.vocabulary(base))
    text = "Loan Sara Stedy to Grace Darling Ward; Sara rang, grace otieno aware"
    assert [text[f.start:f.end] for f in deny.find(text)] == ["Sara", "grace otieno"]
    # a name found in one row's free text (pass 3's) inside a site's long name, in any case
    found = DatasetTerms(("Alfred Jessop",), ("Sir Alfred Jessop Children's Hospital",)).vocabulary(base)
    text = "collecting from sir alfred jessop children's hospital (ex Sir Alfred Jessop Children's Hospital); " \
           "Alfred Jessop rang"
    assert [text[f.start:f.end] for f in DenyList(found).find(text)] == ["Alfred Jessop"]


def test_a_dataset_persons_name_glued_to_a_number_is_a_model(base: Vocabulary) -> None:
    from intake.anonymisation.deny_list import DenyList

    deny = DenyList(collect_terms(["Ida Kowalska"], [], base).vocabulary(base))
    text = "tested with Fluke IDA-5; Ida rang"
    assert [text[f.start:f.end] for f in deny.find(text)] == ["Ida"]


def test_staff_numbers_hashed_into_ids_are_left_to_the_hash_and_delivered_ones_are_replaced(base: Vocabulary) -> None:
    """A crew number the mapping only hashes into a contact's id is never delivered: pseudonymised in this table
    and not in the one it joins, the join would break. Delivered in a field, it is replaced."""
    table = pa.table({"Crew 1": [str(4000 + i) for i in range(40)], "Crew 2": [str(5000 + i) for i in range(40)]})
    roles = {"Crew 1": {"role": "code", "fields": ["jobs.engineer_contact_id"]},
             "Crew 2": {"role": "code", "fields": ["jobs.crew_number"]}}
    with AnonymisationSession(AnonymisationSettings(), vocabulary=base, processes=1) as session:
        batches = table.to_batches()
        classification = apply_roles(session.profile("jobs", lambda: iter(batches)), roles)
    assert classification.column("Crew 1").entity_type is None and classification.column("Crew 1").reasons
    assert classification.column("Crew 2").entity_type == "STAFF_ID"


def test_values_of_personal_columns_are_caught_where_they_are_copied(base: Vocabulary) -> None:
    """A patient's number and a signing mark known from the dataset's own columns: the number in any case and
    not inside a longer one, the mark only in capitals as written; abbreviations and short numbers never."""
    terms = collect_terms(["JK", "SK.", "(AM)", "OK", "Donal Mulcahy"], [], base,
                          identifiers=[("M1343770", "MRN"), ("4471", "STAFF_ID"), ("n/a", "MRN"),
                                       ("Okonkwo, Tunde / 8984398", "MRN"), ("bleep 4471", "PHONE_NUMBER")])
    assert terms.identifiers == (("JK", "PERSON"), ("M1343770", "MRN"), ("Okonkwo, Tunde / 8984398", "MRN"),
                                 ("SK", "PERSON"))
    assert DatasetTerms.from_json(terms.to_json()) == terms
    deny = DenyList(terms.vocabulary(base))
    text = "cycle 29970 m1343770 XM1343770 SK. || Okonkwo, Tunde / 8984398 jk checked, AM list, bleep 4471"
    assert [(f.entity_type, text[f.start:f.end]) for f in deny.find(text) if f.recognizer == "KnownValueRecognizer"
            ] == [("MRN", "m1343770"), ("PERSON", "SK"), ("MRN", "Okonkwo, Tunde / 8984398")]


def test_marks_of_person_fields_count_where_an_entry_ends_whatever_they_spell(base: Vocabulary) -> None:
    """A tracking table's "Checked by" holds "AC", "am." and "(ig)": folded into the notes, each closes an entry
    there and is somebody's mark, though "AC" and "am" are also an abbreviation and a word; elsewhere in a sentence,
    after a time, or as a placeholder or a team ("n/a", "EBME") they stay readable."""
    terms = collect_terms(["AC", "am.", "(ig)", "n/a", "EBME", "Jo Bloggs", "ok"], [], base)
    assert terms.marks == ("ac", "am", "ig") and ("AC", "PERSON") not in terms.identifiers
    assert DatasetTerms.from_json(terms.to_json()) == terms
    deny = DenyList(terms.vocabulary(base))
    text = "cycle 77752 M2124570 AC || cycle 77753 M2124571 am. || AC mains lead ok, 10:30 am || seen (ig)\nok"
    assert [text[f.start:f.end] for f in deny.find(text) if f.recognizer == "KnownValueRecognizer"] == [
        "AC", "am", "ig"]


def test_marks_of_person_fields_count_where_a_clause_of_a_log_ends(base: Vocabulary) -> None:
    """A technicians' log whose Initials column says "WS" and "TS" sign the work, written in lower case inside a
    longer entry: before the next sentence, a dash or a slash the mark is theirs; a word, a unit after its number
    or the mark inside a sentence stays readable."""
    terms = collect_terms(["WS", "TS", "TO"], [], base)
    deny = DenyList(terms.vocabulary(base))
    text = ("swapped probe, passed qc l1-l3 ws. ran disinfect cycle -- passed to Sam ts -- called helpline / "
            "flow 12 ts / sent to / ws probe ok, humidity up. TS, pt on nights")
    assert [text[f.start:f.end] for f in sorted(deny.find(text), key=lambda f: f.start)
            if f.recognizer == "KnownValueRecognizer"] == ["ws", "ts", "TS"]
    # an exported log's entries, each stamped with its time and its author's mark ("AH" is a word too)
    log = collect_terms(["AH", "HW", "EOC", "KMT"], [], base)
    # an ambulance service's control room ("EOC") is no mark, and three letters are no mark where a clause ends
    # or after a time stamp: a team's as often
    stamped = ("2019-01-21T17:28:00 AH rescheduled | 2019-02-25 17:58 hw closed | ah well at 10:30 am | "
               "2019-02-25 18:02 EOC chased, reported to EOC. Spare sent 2019-02-25 18:02 kmt rang, kmt. ok")
    assert [stamped[f.start:f.end] for f in DenyList(log.vocabulary(base)).find(stamped)
            if f.recognizer == "KnownValueRecognizer"] == ["AH", "hw"]


def test_logins_of_person_fields_are_caught_where_they_are_copied(base: Vocabulary) -> None:
    """An "Acknowledged" column of logins, read only by the mapping's query, and an "Updated By" column: each login
    names its person wherever a note copies it; shared accounts, words and teams stay readable."""
    terms = collect_terms(["fbishop", "SMITHJ", "Jo Bloggs", "admin", "ebme1", "estates", "ward7", "44127831"], [],
                          base, identifiers=[("rmarsh1", "PERSON"), ("j.hart", "USERNAME"), ("M1343770", "MRN")])
    assert {v for v, e in terms.identifiers if e == "PERSON"} == {"fbishop", "SMITHJ", "rmarsh1", "j.hart"}
    assert ("44127831", "STAFF_ID") in terms.identifiers  # a staff number typed into a person field
    # a record number beside the name in a person field is the patient's, wherever a note copies it
    beside = collect_terms(["Chidi Adeyemi / M7243851", "8954819 Arnel Bautista", "Bed 4 (ward 12)"], [], base,
                           identifiers=[("D. Georgiou / M3731870", "PERSON")])
    assert {v for v, e in beside.identifiers if e == "MRN"} == {"M7243851", "8954819", "M3731870"}
    deny = DenyList(terms.vocabulary(base))
    text = "merged by RMARSH1 || locked fbishop || admin reset, ward7 ok, j.hart aware"
    assert [text[f.start:f.end] for f in deny.find(text) if f.recognizer == "KnownValueRecognizer"] == [
        "RMARSH1", "fbishop", "j.hart"]


def test_known_values_are_looked_up_by_word_whatever_their_number() -> None:
    """A dataset's fifty thousand patient numbers: each found as written, not inside a longer number; the
    candidate filter lets every cell holding one through with one alternative, not fifty thousand."""
    from intake.anonymisation.deny_list import KnownValues
    from intake.anonymisation.patterns import deny_candidate_pattern

    numbers = [f"M{4000000 + 7 * i}" for i in range(50_000)]
    known = KnownValues((*((n, "MRN") for n in numbers), ("40-118-273", "MRN")))
    text = f"scope used on {numbers[123].lower()}, then X{numbers[7]} and 40-118-273"
    assert [text[f.start:f.end] for f in known.find(text)] == [numbers[123].lower(), "40-118-273"]
    pattern = deny_candidate_pattern([], [*numbers, "40-118-273"])
    assert pattern is not None and len(pattern) < 1000
    cells = pa.array([text, "no number here", "pump 4-1-8, bay 12"])
    assert pa.compute.match_substring_regex(cells, pattern).to_pylist() == [True, False, False]


def test_a_known_mark_inside_a_reference_term_is_kept(base: Vocabulary) -> None:
    """Someone signs "RP" and the theatre has a "11101 RP" scope: the model stays whole in its reference column
    and in the notes (its number is no staff number beside a name), and "/RP" signing a note is still theirs."""
    terms = collect_terms(["RP", "Jane Smith"], ["11101 RP"], base)
    table = pa.table({"Model": ["11101 RP", "Perseus A500"] * 10, "Notes": ["11101 RP scope ok /RP", "fine"] * 10})
    roles = {"Model": {"role": "reference", "fields": ["device_models.name"]},
             "Notes": {"role": "free_text", "fields": ["jobs.outcome"]}}
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=terms.vocabulary(base),
                              processes=1) as session:
        classification = apply_roles(session.profile("jobs", table.to_batches()), roles)
        out = pa.Table.from_batches(session.anonymise_chunk(SECRET, "jobs", classification,
                                                            table.to_batches()).batches).to_pydict()
    assert out["Model"][0] == "11101 RP"
    assert out["Notes"][0].startswith("11101 RP scope ok /PERSON_")
    # a mark that is an allowed term alone ("BD" is a maker) is inside no longer term for a comma after it
    marked = DenyList(DatasetTerms((), ("11101 RP",), (("BD", "PERSON"),)).vocabulary(base))
    text = "returned to loan store by BD, not holding vacuum"
    assert [text[f.start:f.end] for f in marked.find(text)] == ["BD"]


def test_a_dotted_login_of_a_dataset_person_goes_whole(base: Vocabulary) -> None:
    """"lovely.lim" copied from a log: the dataset knows Lovely Lim, so the whole login goes, not only "lim";
    a web domain or a file name stays."""
    terms = collect_terms(["Lovely Lim"], [], base)
    out = notes_anonymised(terms.vocabulary(base),
                           ["mismatch (SMITH^JO) lovely.lim || next", "see report.pdf on nhs.net"] * 10)
    assert "lovely" not in out[0] and "lim" not in out[0]
    assert out[1] == "see report.pdf on nhs.net"


def test_a_person_of_the_dataset_closing_an_entry_in_lower_case(base: Vocabulary) -> None:
    """Amber Gold is a person of the dataset: "... pacs ok. gold" is hers, in lower case and though "gold" is a
    word; "gold standard" and "amber light" stay."""
    terms = collect_terms(["Amber Gold"], [], base)
    cells = ["test send to pacs ok. gold\nag / accepted", "gold standard test passed", "amber light on"]
    out = notes_anonymised(terms.vocabulary(base), cells * 10)
    assert "gold" not in out[0].split("\n")[0]
    assert out[1:3] == cells[1:3]


def test_a_mark_that_signs_an_entry_is_caught_wherever_else_the_notes_write_it(base: Vocabulary) -> None:
    """Pass 3 for initials: the rules find "JB" where it surely signs ("fitted new battery JB"); elsewhere the same
    capitals ("JB rang, pump ok") are that person too, but never an abbreviation the notes write."""
    from intake.anonymisation.person_marks import signing_marks

    notes = pa.array(["fitted new battery JB", "no fault found", "CT scanner booked"])
    with AnonymisationSession(AnonymisationSettings(), vocabulary=base, processes=1) as session:
        anonymiser = session.anonymiser(SECRET)
        anonymiser.anonymise_batch("jobs", apply_roles(session.profile("jobs", []), {
            "Notes": {"role": "free_text"}}), pa.record_batch({"Notes": notes}))
    assert anonymiser.revealed.marks == {"JB"}
    assert signing_marks({"JB", "CT", "OK"}, base) == {"JB"}

    later = DatasetTerms((), (), (("JB", "PERSON"),)).vocabulary(base)
    scrubber = AnonymisationSession(AnonymisationSettings(), vocabulary=later, processes=1).anonymiser(SECRET)
    counts = scrubber.counts.for_column("jobs", "Other")
    out = scrubber.replace_known_names("jobs", "Other", pa.array(
        ["JB rang, pump ok", "jb is lower case", "JBL", "replaced seal JB-0077", "part 12-JB",
         "SW updated to JB 9.1.3", "JB v2 loaded"]), counts)
    # a mark glued to a code is the code's letters, and before a version a product's
    assert out[0].as_py().startswith("PERSON_")
    assert out.to_pylist()[1:] == ["jb is lower case", "JBL", "replaced seal JB-0077", "part 12-JB",
                                   "SW updated to JB 9.1.3", "JB v2 loaded"]


def test_a_mark_a_label_reveals_closes_entries_elsewhere_in_any_case(base: Vocabulary) -> None:
    """A mapping may copy who did the work into the notes ("Sent by: TA"): no person field holds the mark, but the
    rules found it signing. Pass 3 catches it where another entry ends or opens with it, in lower case too, though
    "ta" is a word; inside a sentence the word stays, and so do a role's letters and a term the dataset allows."""
    from intake.anonymisation.person_marks import entry_marks

    notes = pa.array(["batteries posted | Sent by: TA", "aid repaired | Sent by: HS", "loan aid | Sent by: GP"])
    with AnonymisationSession(AnonymisationSettings(), vocabulary=base, processes=1) as session:
        anonymiser = session.anonymiser(SECRET)
        out = anonymiser.anonymise_batch("jobs", apply_roles(session.profile("jobs", []), {
            "Notes": {"role": "free_text"}}), pa.record_batch({"Notes": notes}))
    assert "TA" not in out.column(0)[0].as_py() and {"TA", "HS"} <= anonymiser.revealed.marks
    assert entry_marks(anonymiser.revealed.marks, base) == {"ta", "hs"}
    assert entry_marks({"TA", "HS"}, base.with_allowed(["HS"])) == {"ta"}
    assert entry_marks({"TA", "OLY"}, base) == {"ta"}  # notes shorten Olympus so

    later = DatasetTerms((), (), (), ("db", "hs", "ta")).vocabulary(base)
    scrubber = AnonymisationSession(AnonymisationSettings(), vocabulary=later, processes=1).anonymiser(SECRET)
    cells = ["aid recieved in post, no note with it - ta | Maker ref: SIR808435",
             "tried twice, no answer. hs / pt to ring back", "returned to sender. TA",
             "said ta for the loan aid and left", "ok for HS 2 course", "RETSPL 250 Hz within +/-3 dB | ok"]
    out = scrubber.replace_known_names("jobs", "Other", pa.array(cells), scrubber.counts.for_column("jobs", "Other"))
    for cell, mark in zip(out.to_pylist()[:3], ("ta", "hs", "TA"), strict=True):
        assert "PERSON_" in cell and f" {mark} " not in f" {cell} "
    assert out.to_pylist()[3:] == cells[3:]


def test_a_place_of_the_dataset_is_kept_whole_after_a_date_and_with_its_ampersand(base: Vocabulary) -> None:
    """The dataset's units name people and use "&" ("Mary Seacole Sleep & Ventilation Unit"); after the date a
    booking gives, the day and month are no house number and street, nor the month a name's first word."""
    terms = collect_terms(["Jan Kowalski"], ["Mary Seacole Sleep & Ventilation Unit",
                                              "Hackett Home Ventilation Service", "Southbank Sleep Centre"], base)
    cells = ["seen at Mary Seacole Sleep & Ventilation Unit", "booked 2 Mar Mary Seacole Sleep & Ventilation Unit",
             "booked 19 jan hackett home ventilation service", "BOOKED 14 NOV SOUTHBANK SLEEP CENTRE",
             "booked 14/11 Southbank Sleep Centre"]
    assert notes_anonymised(terms.vocabulary(base), cells * 10)[:5] == cells
    assert "Acacia" not in notes_anonymised(terms.vocabulary(base), ["moved to 14 Acacia Avenue, Leeds"] * 10)[0]
