"""A patient named right after "pt" before their identifiers, and a first name signing the end of an entry."""

from __future__ import annotations

import pytest

from intake.anonymisation.engine import TextDetector

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
