"""Initials that spell a placeholder or a role's abbreviation ("NA", "G.P.", "FM"): in a field of who did the work
they are somebody's mark where one of the dataset's people has those initials (Nasra Aden, Gareth Parry, Fraser
McAllister), caught where the notes sign with a mark and in the person field itself; without such a person they
stay what they spell."""

from __future__ import annotations

import pyarrow as pa
import pytest

from intake.anonymisation import AnonymisationSession, Vocabulary
from intake.anonymisation.dataset_terms import collect_terms
from intake.anonymisation.deny_list import DenyList
from intake.anonymisation.roles import apply_roles
from intake.config import AnonymisationSettings

# An endoscopy unit's cycle log: who ran each cycle, in initials as often as in full.
SIGNERS = ["R.P.", "JM", "G.P.", "NA", "rg", "FM", "RM", "Gareth Parry", "Aden Nasra", "McAllister, Fraser",
           "Rhian Morgan", "NULL"]


@pytest.fixture(scope="module")
def base() -> Vocabulary:
    return Vocabulary.load()


def test_a_placeholder_or_a_role_in_a_field_of_signers_is_a_mark_where_a_person_has_those_initials(
        base: Vocabulary) -> None:
    assert collect_terms(SIGNERS, [], base).marks == ("fm", "gp", "jm", "na", "rg", "rm", "rp")
    # nobody of the dataset is called so: "NA" is a blank, "G.P." a doctor, "FM" facilities management
    assert collect_terms(["R.P.", "JM", "G.P.", "NA", "FM", "Rhodri Pritchard"], [], base).marks == ("jm", "rp")


@pytest.mark.parametrize("text,marks", [
    ("leak tested 17/09 - ok. na", ["na"]),
    ("see lookback. G.P.; leak tested 22/07 - ok. G.P.", ["G.P.", "G.P."]),
    ("COMPETENT USERS SIGNED OFF 13/02: NA (48310169), G.P., NASRA ADEN", ["NA", "G.P.", "NASRA ADEN"]),
    ("signed off on OER-Pro by NA, refresher due 12/10", ["NA"]),
    ("printer jammed, cycle record written up by hand - G.P. 03/08/2023", ["G.P."]),
    ("elevator channel blocked - brushed and re-run na0810; printer jammed", ["na"]),
    ("repeat w23.632896 clear, washer back in use na -- filters changed", ["na"]),
    ("fitted new tyre + tube 886-0241. FM", ["FM"]),
    # where a mark does not stand, what the letters spell
    ("pt to see their G.P. about it", []),
    ("refer to FM for the door", []),
    ("lot NA 12 pending", []),
    # a room's number is no date: "RM" (a midwife, and Rhian Morgan's mark) before it is the room's
    ("Clark electrode kept in Rm 3.33", []), ("kept in Rm 3.12", []), ("- RM 03.12.2023", ["RM"]),
])
def test_a_proven_mark_where_the_notes_sign(base: Vocabulary, text: str, marks: list[str]) -> None:
    deny = DenyList(collect_terms(SIGNERS, [], base).vocabulary(base))
    found = sorted(deny.find(text), key=lambda f: f.start)
    assert [text[f.start:f.end].rstrip(".") for f in found] == [m.rstrip(".") for m in marks]


def test_the_field_of_signers_gives_its_proven_marks_a_token(base: Vocabulary) -> None:
    """"NA" in the operator column is Nasra Aden where the dataset names her, and a blank where it does not;
    "N/A" and "NULL" are blanks either way."""
    table = pa.table({"Operator": ["NA", "N/A", "Aden Nasra", "JM", "NULL"]})
    roles = {"Operator": {"role": "person", "entity": "PERSON", "fields": ["jobs.requested_by"]}}

    def operators(vocabulary: Vocabulary) -> list[str | None]:
        with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=vocabulary,
                                  processes=1) as session:
            classification = apply_roles(session.profile("jobs", table.to_batches()), roles)
            batches = session.anonymise_chunk(bytes(range(32)), "jobs", classification, table.to_batches()).batches
        return pa.Table.from_batches(batches).column("Operator").to_pylist()

    proven = operators(collect_terms(table.column("Operator").to_pylist(), [], base).vocabulary(base))
    assert str(proven[0]).startswith("PERSON_") and proven[1] == "N/A" and proven[4] == "NULL"
    blank = operators(collect_terms(["NA", "N/A", "Joan Moss", "JM"], [], base).vocabulary(base))
    assert blank[0] == "NA" and str(blank[3]).startswith("PERSON_")
