"""A patient named right after "pt" before their identifiers, and a first name signing the end of an entry."""

from __future__ import annotations

import pytest

from intake.anonymisation import Vocabulary
from intake.anonymisation.engine import DetectorConfig, TextDetector

from .test_contextual_names import found


@pytest.mark.parametrize("text,names", [
    ("had to use hand held. pt wood dob 1938 no harm.", ["wood"]),  # a surname that is also a word, after "pt"
    ("pt home dob 1938 on file", []),  # no name at all there
    ("returned to ward. Siobhan", ["Siobhan"]), ("tested ok. Siobhan\nnext entry", ["Siobhan"]),
    ("Tested. Will", []), ("fitted new filter. Braun", []), ("PPM done. Ok", []),  # words and makers
])
def test_names_where_an_entry_says_who(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text,names", [
    ("castors greased.\n\nFrom: Amber <a.smith@trust.nhs.uk>\nSent: 18 May 2024", ["Amber"]),
    ("To: EBME Helpdesk <ebme.helpdesk@trust.nhs.uk>; Will Ward <will.ward@nhs.net>", ["Will Ward"]),
    ("From: SMITH, Mary <mary.smith@nhs.net>", ["SMITH, Mary"]),
    ("reply to <x.y@nhs.net> please", []),  # a sentence, not a display name
])
def test_the_name_an_email_header_shows_before_a_persons_address(detector: TextDetector, text: str,
                                                                 names: list[str]) -> None:
    """Everyday words there ("Amber", "Will Ward") are the person's name: the address says a person is meant,
    unless it is a team's mailbox."""
    assert found(detector, text, "PERSON") == names


def test_a_name_before_a_patients_identifiers_keeps_to_its_sentence(detector: TextDetector) -> None:
    """The anonymiser checks its own output, where "MRN_d8a0..." (its token) still labels a hospital number: the
    words before it are a name only within the sentence, and "K-number" is a label's word ("borrowed from
    Addenbrooke's. K-number" was replaced as one, the hospital with it)."""
    text = "borrowed from Addenbrooke's. K-number MRN_d8a0dcc5d35e8cd2 returned"
    assert found(detector, text, "PERSON") == []
    assert found(detector, "pt Hope Bishop MRN_d8a0dcc5d35e8cd2 conveyed", "PERSON") == ["Hope Bishop"]


@pytest.mark.parametrize("text,names", [
    # a relative or neighbour named between the relation and what they did, even by a rare English word
    ("PT'S NEIGHBOUR SAM PHONED ABOUT A BAG", ["SAM"]), ("PT'S DAUGHTER PADDY PHONED ABOUT A BAG", ["PADDY"]),
    ("pt's carer Sam phoned about pads", ["Sam"]),
    # whoever was rang on a number, though no list knows the name
    ("RANG TOPE ON 07700 900123", ["TOPE"]), ("rang tope on 07700 900123", ["tope"]),
    ("Dafydd on 07700 900301", ["Dafydd"]), ("Reception on 0161 496 0000", []), ("Will on 2 occasions", []),
    ("pt sangha, sunita (12-03-1961) at home", ["sangha, sunita"]), ("pt smith, conveyed to RSH", ["smith"]),
    # not a standard after a nurse's surname, nor capitals after a surname that is not
    ("PPM done by Sr Kowalski, IEC 60601-1 pass", ["Kowalski"]), ("seen by Sr Kowalski, NFF", ["Kowalski"]),
    # not the words between a relation and a verb, nor a team or a supplier rang on a number
    ("pt's daughter also phoned", []), ("ward sister urgently phoned", []), ("pts wife today called", []),
    ("neighbour phoned re noise", []), ("RANG EBME ON 4455", []), ("rang stores on 4455", []),
    ("called supplier on 0800 123 4567", []),
])
def test_relatives_and_people_called_on_a_number(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text,name,born", [
    ("pt data cleared from memory (baby Thompson 13/01/22) - witnessed by staff nurse", "Thompson", "13/01/22"),
    ("cleared from memory (baby raja 22/07/24)", "raja", "22/07/24"),
    ("loan to baby of Okafor born 12/01/25", "Okafor", "12/01/25"),
])
def test_a_newborn_named_after_the_family_and_born_that_day(detector: TextDetector, text: str, name: str,
                                                           born: str) -> None:
    assert found(detector, text, "PERSON")[:1] == [name]
    assert found(detector, text, "DATE_OF_BIRTH") == [born]


@pytest.mark.parametrize("text", ["baby monitor alarming", "baby scales calibrated", "on baby unit"])
def test_a_babys_equipment_is_no_person(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


@pytest.mark.parametrize("text,mark", [
    # a query joined the action's fields with dashes: the mark set off by a bracket, a slash or a second dash
    ("results on \\\\fs01\\medphys\\MDL-10618.pdf - (js) - parts [{\"qty\": 2}]", "js"),
    ("results on \\\\fs01\\medphys\\EQ201030.pdf - - ss - parts [{\"qty\": 2}]", "ss"),
    ("results on \\\\fs01\\medphys\\MDL-10186.pdf - /AB - parts", "AB"),
    ("card thru door, no answer. - lp - parts [{\"qty\": 1}]", "lp"),
    ("results on \\\\fs01\\medphys\\MDL-10201.pdf - LP - parts [{\"qty\": 1}]", "LP"),  # after the file, a dash
])
def test_a_mark_between_joined_fields(detector: TextDetector, text: str, mark: str) -> None:
    assert found(detector, text, "PERSON") == [mark]


@pytest.mark.parametrize("text", ["pump - (OCC) - alarm", "cable - (in) - fitted", "screen - LCD - replaced",
                                  "saved as report.pdf - LCD - replaced", "cert.pdf - ok - done"])
def test_an_alarm_code_or_a_word_between_dashes_is_no_mark(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


@pytest.mark.parametrize("text,name,born", [
    # a name, a comma and a date alone in brackets, as a form's patient line: one given name with an old date,
    # a whole name, surname first with its comma, or a title, with any date
    ("pt data cleared (Jade, 04/12/1944) before sending to Philips.", "Jade", "04/12/1944"),
    ("pt data cleared (shekoni, iyabode, 03.08.03) before sending", "shekoni, iyabode", "03.08.03"),
    ("memory wiped (Ms Shekoni, 03.08.03) then boxed", "Shekoni", "03.08.03"),
    ("pt data cleared (Hope Price, 24.11.53) before sending", "Hope Price", "24.11.53"),
])
def test_a_name_and_its_birth_date_alone_in_brackets(detector: TextDetector, text: str, name: str, born: str) -> None:
    assert found(detector, text, "PERSON") == [name]
    assert found(detector, text, "DATE_OF_BIRTH") == [born]


@pytest.mark.parametrize("text,born", [
    # a patient's name with a date alone in brackets after it is their birth, however young they are
    ("bed rail snapped on CCU while Mrs Kowalczyk (08.01.05) was getting out, nae injury.", ["08.01.05"]),
    ("bed rail snapped while pt Tomasz Kowalczyk (22 nov 09) was getting out", ["22 nov 09"]),
    # a signer's name so dates the entry
    ("seen by Dr Ahmed (03.08.23)", []), ("reviewed by Sarah Jones (12/03/2024)", []),
])
def test_a_date_alone_in_brackets_after_a_patients_name(detector: TextDetector, text: str, born: list[str]) -> None:
    assert found(detector, text, "DATE_OF_BIRTH") == born


def test_a_whole_name_and_a_birth_year_alone_in_brackets(detector: TextDetector) -> None:
    """The birth date generalised to its year, beside a surname that is a job's word too."""
    assert found(detector, "pt data cleared (Porter Eleanor, 1950) before sending", "PERSON") == ["Porter Eleanor"]
    assert found(detector, "returned (Philips, 2019)", "PERSON") == []


@pytest.mark.parametrize("text", [
    "returned to maker (Philips, 12/03/21)",  # a maker and when
    "cable (replaced, 12/03/21)",  # what was done and when
    "(Dr Ahmed, 03.08.23) signed",  # a doctor signs an entry: the date is the entry's
])
def test_a_thing_or_an_entry_with_its_date_in_brackets_is_no_birth(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "DATE_OF_BIRTH") == []
    assert "Philips" not in found(detector, text, "PERSON") and "replaced" not in found(detector, text, "PERSON")


@pytest.mark.parametrize("text,names", [
    ("tel msg from Ann (dr stone's sec): the pump", ["Ann", "stone's"]),  # the possessive ends the name
    ("spoke to dr patel's sec", ["patel's"]),
    ("sent to Philips. witnessed Felicity F PO 4591119491", ["Felicity"]),
    ("witnessed rutendo dube", ["rutendo dube"]),
    ("witnessed the fall", []),
])
def test_a_surname_in_the_possessive_after_a_title_and_a_witness(detector: TextDetector, text: str,
                                                                  names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text,mark", [
    ("call back on 01483 555019\ntaken by (DH) 2019-03-30T11:36", "DH"),
    ("taken by (jb) 2019-11-07", "jb"),
    ("passed to (km) for action", "km"),
])
def test_a_mark_in_brackets_after_by_or_to(detector: TextDetector, text: str, mark: str) -> None:
    assert mark in found(detector, text, "PERSON")


@pytest.mark.parametrize("text", ["sent by (post)", "reported by (ICU)", "DAUGHTER INFORMED BY PHONE",
                                  "CHECKED BY DONE", "Signed by:"])
def test_a_word_or_a_team_in_brackets_after_by_is_no_mark(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


@pytest.mark.parametrize("text,names", [
    ("pt data cleared (Mr Porter, 1950) before sending", ["Porter"]),  # a job's word is a surname after "Mr"
    ("Mrs Cook called re hoist", ["Cook"]),
    ("Clinical Nurse Specialist rang", []), ("Nurse Porter took it to theatres", []),
    # the job the title opens is no part of the name after it, in any case
    ("risk assessment by Nurse Endoscopist Gareth Evans", ["Gareth Evans"]),
    ("WITHOUT ASKING NURSE ENDOSCOPIST GARETH EVANS (BLEEP 2231)", ["GARETH EVANS"]),
    ("without asking nurse endoscopist gareth evans", ["gareth evans"]),
    ("Consultant Radiologist Smith reviewed", ["Smith"]),
])
def test_a_job_word_after_a_courtesy_title_is_the_surname(detector: TextDetector, text: str,
                                                           names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text,names", [
    ("emailed theatres.guildford@trust.nhs.uk and frank (frank.ix@trust.nhs.uk) re loan", ["frank"]),
    ("cc smith (j.smith@nhs.net)", ["smith"]),
    ("sent to EBME helpdesk (ebme.helpdesk@nhs.net)", []), ("the pump (pump.alerts@nhs.net)", []),
])
def test_a_name_its_own_address_spells(detector: TextDetector, text: str, names: list[str]) -> None:
    """Whatever the case and whether or not the word is everyday, the address after it says whose name it is."""
    assert found(detector, text, "PERSON") == names


def test_an_engineers_initials_sign_the_work_where_an_entry_ends(vocabulary: Vocabulary) -> None:
    """The engineer fields name the engineers in full; where a note's entry ends their initials are theirs, in any
    case ("Faraday cage checked. ag."), though no person field holds the initials themselves. An everyday word or
    an abbreviation made of someone's initials stays ("Oscar King": "ok"), and so does the mark mid-sentence."""
    from intake.anonymisation.dataset_terms import collect_terms
    from intake.anonymisation.person_marks import engineer_marks

    assert engineer_marks(["Anna M. Grey", "OSCAR KING", "Dr Tom Kerr", "jsmith"], vocabulary) == {"ag", "amg", "tk"}
    terms = collect_terms(["Anna Grey", "Tom Kerr", "Oscar King"], [], vocabulary,
                          engineers=["Anna Grey", "Tom Kerr", "Oscar King"])
    detector = TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary)))
    for text, mark in [("Coldhead swapped, He 62.4% after top up. Faraday cage checked. ag.\nnext entry", "ag"),
                       ("colour Doppler checked. (tk)", "tk"), ("PPM done, IR(ME)R checks passed. AG", "AG")]:
        assert found(detector, text, "PERSON") == [mark], text
    for text in ["tested, all ok", "ag probe checked on the tk unit"]:
        assert found(detector, text, "PERSON") == [], text
    assert found(TextDetector(DetectorConfig(vocabulary=vocabulary)), "Faraday cage checked. ag.", "PERSON") == []


@pytest.mark.parametrize("text,marks", [
    ("(JS) pump checked", ["JS"]), ("12/03/24 JS tested", ["JS"]), ("JS+KL fitted new motor", ["JS", "KL"]),
    ("JS / KL attended", ["JS", "KL"]),
    # a pair with one who is nobody of the dataset, a day's half after the date, a bracket round a word
    ("flow 3 kl/hr checked", []), ("12/03 PM visit booked", []), ("(ok) pump", []),
])
def test_an_engineers_initials_in_brackets_after_a_date_or_beside_a_colleagues(
        vocabulary: Vocabulary, text: str, marks: list[str]) -> None:
    from intake.anonymisation.dataset_terms import collect_terms

    names = ["John Smith", "Kate Lowe", "Anna Brown"]
    terms = collect_terms(names, [], vocabulary, engineers=names)
    assert found(TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary))), text, "PERSON") == marks


def test_initials_a_person_field_holds_open_an_entry_too(vocabulary: Vocabulary) -> None:
    """A sign-off column holding "NB" and "CT" says somebody signs so: where an entry opens before its colon the
    letters are theirs, though elsewhere they are a note's abbreviations."""
    from intake.anonymisation.dataset_terms import collect_terms

    terms = collect_terms(["NB", "CT", "Nia Bevan"], [], vocabulary)
    detector = TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary)))
    text = "2024-06-04T20:34:50 [phone] NB: parts ordered P/N 208-9860\n12/03 CT: rang ward re CT scanner"
    assert found(detector, text, "PERSON") == ["NB", "CT"]
    assert found(detector, "ref AC: 240V supply, see CT scanner", "PERSON") == []


@pytest.mark.parametrize("text,marks", [
    ("decon sign-off MOW / store tech Jane Smith | Cleaned by: x", ["MOW"]),  # a rare word's letters, co-signed
    ("sign-off NOT done / chased", []), ("signed off ALL / ok", []), ("sign-off ECG / ok", []),
])
def test_a_mark_after_a_sign_off_label_before_the_other_signer(detector: TextDetector, text: str,
                                                                marks: list[str]) -> None:
    assert [m for m in found(detector, text, "PERSON") if m != "Jane Smith"] == marks


@pytest.mark.parametrize("text,marks", [
    ("CT attended St Enda's Ward re bed alarm", ["CT"]), ("CT's job - chamber replaced", ["CT"]),
    ("released by ah for urgent list", ["ah"]), ("on till 8 then WP covering", ["WP"]),
    # the scanner, the word, a way of doing
    ("CT is down, engineer booked", []), ("ct scanner in room 2 serviced", []), ("done by me", []),
    ("ah well, tested again", []),
])
def test_a_mark_the_sign_off_column_holds_where_a_person_acts_though_it_spells_a_word(
        vocabulary: Vocabulary, text: str, marks: list[str]) -> None:
    """A sign-off column holding "CT", "AH" and "WP" says somebody signs so: opening a clause before what only a
    person does, after "by" and handing over a shift, the letters are theirs even where they spell an
    abbreviation or a word."""
    from intake.anonymisation.dataset_terms import collect_terms

    terms = collect_terms(["CT", "AH", "WP", "John Smith"], [], vocabulary)
    assert found(TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary))), text, "PERSON") == marks


@pytest.mark.parametrize("text,marks", [
    ("REIG 1 kHz 20 dB\n", []), ("6 kHz @ 70 dB HL -2.0 dB\n", []), ("RETSPL 1000 Hz within ±3 dB |", []),
    ("chased parts db / ward aware", ["db"]),
    # a document's number is no time the mark was glued to
    ("hoist changed, tested to MHRA DB2006(05)", []), ("re-run db0810; printer jammed", ["db"]),
])
def test_a_unit_after_its_number_is_nobodys_mark(vocabulary: Vocabulary, text: str, marks: list[str]) -> None:
    from intake.anonymisation.dataset_terms import collect_terms

    terms = collect_terms(["Dorcas Blenkinsop"], [], vocabulary, engineers=["Dorcas Blenkinsop"])
    found_marks = found(TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary))), text, "PERSON")
    assert [m for m in found_marks if m.lower() == "db"] == marks


@pytest.mark.parametrize("text,names", [
    ("her daughter lovely says the company number is not answering", ["lovely"]),
    ("DAUGHTER LOVELY INFORMED BY PHONE", ["LOVELY"]), ("son dean collected the pump", ["dean"]),
    # a word the relation is described by, and a first name nobody of the dataset has
    ("her daughter well, ward aware", []), ("son happy with the loan", []), ("the wife aware", []),
])
def test_a_relations_first_name_in_any_case_where_the_dataset_names_them(
        vocabulary: Vocabulary, text: str, names: list[str]) -> None:
    """A first name English uses as a word ("Lovely", "Dean") is caught alone only beside what names a person: after
    a relation, in lower case or capitals too, where one of the dataset's people has that first name."""
    from intake.anonymisation.dataset_terms import collect_terms

    terms = collect_terms(["Lovely Moyo", "Dean Walker"], [], vocabulary)
    assert found(TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary))), text, "PERSON") == names
    assert found(TextDetector(DetectorConfig(vocabulary=vocabulary)), "son dean collected the pump", "PERSON") == []


def test_a_mark_a_person_field_holds_is_no_unit_after_its_number(vocabulary: Vocabulary) -> None:
    from intake.anonymisation.dataset_terms import collect_terms

    terms = collect_terms(["DB", "KW"], [], vocabulary)
    detector = TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary)))
    assert found(detector, "RECEIVER CHANGED, REIG 2 KHZ 21 DB | PT RANG", "PERSON") == []
    assert found(detector, "AMBIENT 24 DB(A), LOAD 3 KW", "PERSON") == []
    assert found(detector, "Receiver changed, checked DB | pt rang", "PERSON") == ["DB"]


def test_a_mark_a_person_field_holds_is_no_readings_name_before_its_number(vocabulary: Vocabulary) -> None:
    """"THD 2.4%" is total harmonic distortion, though Tom Harold Dunn signs "THD" where an entry ends."""
    from intake.anonymisation.dataset_terms import collect_terms

    terms = collect_terms(["Tom Harold Dunn", "Jo Bloggs"], [], vocabulary,
                          engineers=["Tom Harold Dunn", "Jo Bloggs"])
    detector = TextDetector(DetectorConfig(vocabulary=terms.vocabulary(vocabulary)))
    for text in ["replaced receiver, THD 0.5%", "REIG checked; THD 2.4%; SPL 94 dB", "THD: 1.9 % ok"]:
        assert "THD" not in found(detector, text, "PERSON"), text
    assert found(detector, "replaced receiver, THD 0.5% - THD", "PERSON") == ["THD"]
    assert found(detector, "JB: 2 hrs on site", "PERSON") == ["JB"]  # the time somebody spent
