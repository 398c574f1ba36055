"""Where only a person stands, a word of a person the dataset knows is that person, though it is an everyday word
("Amber", "rich") or a town ("Selby"); a mark there is a mark, though it spells a maker's "AG". The same words
elsewhere stay."""

from __future__ import annotations

import pytest

from intake.anonymisation import Vocabulary
from intake.anonymisation.dataset_terms import collect_terms
from tests.anonymisation.conftest import notes_anonymised

PEOPLE = ["Amber Rich", "Jo Selby", "Rob Bishop", "Stuart Buxton", "Jun Hao Lau", "Hamish Livingston"]


@pytest.fixture(scope="module")
def anonymised() -> dict[str, str]:
    cells = [
        "Test send to PACS ok. Amber\nAG / accepted by Band 6 Akinola",
        "05/04/2025 08:27 - FSE booked: rich 07700 900123",
        "Physics QA by selby: CT number of water 0",
        "pt to be rebooked. bishop ext 15967",
        "moved to Curie Suite. Rich (Rad:)",
        "CALLED ESTATES EXT 53609. SELBY",
        "From: Stu Buxton <s.buxton@imaging-fse.co.uk>",
        "Replaced tube, tested.\nAK",
        # the same words where no person stands
        "amber light on, rich text report attached", "Selby Road entrance closed", "bishop's move: none",
        "Replaced tube, tested.\nCT", "Replaced tube, tested.\nUSS", "Replaced tube, tested.\nMR",
        "ordered from Baxter, ETA 07 Jun 2024", "ex Golden Jubilee National Hospital (Livingston)",
        "FSN to ward from Baxter (0345 601 0433)", "To: ClinicalPhysicsQEUH@ggc.scot.nhs.uk",
    ]
    base = Vocabulary.load()
    terms = collect_terms(PEOPLE, ["Curie Suite", "Golden Jubilee National Hospital"], base)
    return dict(zip(cells, notes_anonymised(terms.vocabulary(base), cells * 4), strict=False))


@pytest.mark.parametrize("cell,gone,kept", [
    ("Test send to PACS ok. Amber\nAG / accepted by Band 6 Akinola", ["Amber", "AG "], ["PACS ok.", "accepted by"]),
    ("05/04/2025 08:27 - FSE booked: rich 07700 900123", ["rich", "07700"], ["FSE booked: "]),
    ("Physics QA by selby: CT number of water 0", ["selby"], ["Physics QA by ", ": CT number"]),
    ("pt to be rebooked. bishop ext 15967", ["bishop"], ["ext 15967"]),
    ("moved to Curie Suite. Rich (Rad:)", ["Rich"], ["Curie Suite", "(Rad:)"]),
    ("CALLED ESTATES EXT 53609. SELBY", ["SELBY"], ["ESTATES EXT 53609"]),
    ("Replaced tube, tested.\nAK", ["AK"], ["Replaced tube"]),
])
def test_a_dataset_person_or_a_mark_where_only_a_person_stands(anonymised: dict[str, str], cell: str,
                                                               gone: list[str], kept: list[str]) -> None:
    out = anonymised[cell]
    assert not any(word in out for word in gone) and all(part in out for part in kept)


def test_a_name_beside_an_e_mail_address_does_not_swallow_it(anonymised: dict[str, str]) -> None:
    out = anonymised["From: Stu Buxton <s.buxton@imaging-fse.co.uk>"]
    assert out.startswith("From: PERSON_") and " <EMAIL_" in out and out.endswith(">") and "buxton" not in out


@pytest.mark.parametrize("cell", ["amber light on, rich text report attached", "Selby Road entrance closed",
                                  "bishop's move: none", "Replaced tube, tested.\nCT", "Replaced tube, tested.\nUSS",
                                  "Replaced tube, tested.\nMR",
                                  # a month beside a number though Jun Hao Lau is a person of the dataset; a maker
                                  # before an abbreviation; a town in brackets after a hospital though a person is
                                  # called Livingston; a maker's line; a team's mailbox in CamelCase
                                  "ordered from Baxter, ETA 07 Jun 2024",
                                  "ex Golden Jubilee National Hospital (Livingston)",
                                  "FSN to ward from Baxter (0345 601 0433)", "To: ClinicalPhysicsQEUH@ggc.scot.nhs.uk"])
def test_the_same_words_elsewhere_stay(anonymised: dict[str, str], cell: str) -> None:
    assert anonymised[cell] == cell
