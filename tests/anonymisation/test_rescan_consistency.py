"""The fail-closed re-scan stops a run only for personal data the anonymiser leaves in place on purpose (a
policy that keeps values), never because the two disagree: the anonymiser checks its output with the
re-scan's own detectors and replaces what they still find."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pytest

from benchmarks.generator import generate_equiptrack
from intake.anonymisation import AnonymisationSession, ColumnKind, TableClassification
from intake.anonymisation.policy import OperatorSpec, Policy
from intake.config import ConnectorSettings
from intake.connectors import open_source


def secret_for(label: str) -> bytes:
    return hashlib.sha256(label.encode()).digest()


def read_tables(folder: Path) -> dict[str, pa.Table]:
    """Every table of the export, read by the connectors as a migration reads it."""
    tables = {}
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".csv", ".xlsx"):
            continue
        with open_source(None, path, settings=ConnectorSettings()) as source:
            for name in source.tables():
                tables[name] = pa.Table.from_batches(list(source.read(name)))
    return tables


def anonymise_and_rescan(session: AnonymisationSession, name: str, table: pa.Table, secret: bytes,
                         classification: TableClassification | None = None, chunk: int = 150):
    """As the pipeline does: the classification passed on as a dict, each chunk anonymised and re-scanned."""
    if classification is None:
        classification = TableClassification.from_dict(session.profile(name, table.to_batches()).to_dict())
    anonymiser = session.anonymiser(secret)
    rescanner = session.rescanner(name, classification)
    out = []
    for batch in table.to_batches(max_chunksize=chunk):
        anonymised = anonymiser.anonymise_batch(name, classification, batch)
        rescanner.update(anonymised)
        out.append(anonymised)
    return rescanner.result(), pa.Table.from_batches(out)


# Seeds 1 and 5 stopped with ResidualPersonalData (Jobs.Fault Description, PERSON) under this secret: the first
# pass missed "Wei" in "COLLINS, Wei" and "Rose" in "A Rose / ...", and the re-scan's NER saw them next to the
# tokens. Which secret makes the re-scan notice depends on the tokens, so several seeds are run.
@pytest.mark.parametrize("seed", [1, 2, 3, 5, 7, 8])
def test_generated_exports_pass_the_rescan(session: AnonymisationSession, tmp_path: Path, seed: int) -> None:
    export = generate_equiptrack(tmp_path / "export", 200, 400, seed=seed, jobs_format="xlsx")
    tables = read_tables(export.out_dir)
    assert set(tables) == {"assets", "Jobs"}
    for name, table in tables.items():
        result, out = anonymise_and_rescan(session, name, table, secret_for("s7"))
        assert result.clean, (seed, name, [(c.column, dict(c.residual)) for c in result.residual_columns()])
        assert out.num_rows == table.num_rows


def test_names_the_first_pass_missed_are_replaced(session: AnonymisationSession) -> None:
    notes = ["Pressure alarm sounding continuously. Contact COLLINS, Wei 01154960350",
             "Printer not printing. Marilyn Horton to be informed, vincent_gardner@btinternet.com asked for update."]
    filler = ["Battery replaced and unit tested, passed electrical safety checks.",
              "Screen cracked on the front panel, replaced the display unit."] * 20
    table = pa.table({"Fault Description": notes + filler})
    classification = session.profile("Jobs", table.to_batches())
    assert classification.column("Fault Description").kind == ColumnKind.FREE_TEXT
    for label in ("s1", "s3", "s5", "s6"):  # secrets under which the re-scan saw "Wei" before
        result, out = anonymise_and_rescan(session, "Jobs", table, secret_for(label), classification)
        cells = out.column("Fault Description").to_pylist()
        assert "Wei" not in cells[0] and "COLLINS" not in cells[0] and "0115" not in cells[0]
        assert "Horton" not in cells[1] and "vincent" not in cells[1]
        assert cells[2:] == filler  # text without personal data is left as it was
        assert result.clean


def test_a_column_of_places_that_turns_into_text_gets_the_ner(session: AnonymisationSession) -> None:
    """Classified from rows of short place names, the column later holds sentences: the re-scan runs the NER
    on such a batch, so the anonymiser does too (before, names there reached the output unseen)."""
    short = pa.table({"Location": ["Ward 7", "ICU Bay 3", "Theatre 2"] * 20})
    classification = session.profile("assets", short.to_batches())
    assert classification.column("Location").kind == ColumnKind.NOT_PERSONAL
    wordy = pa.table({"Location": [
        "Moved to Ward 7 after Jane Doe asked for it to be checked",
        "Left in ICU Bay 3 by John Smith for the night shift",
        "Collected from Theatre 2 by Aisha Khan this morning",
    ] * 20})
    for label in ("s0", "s1"):
        result, out = anonymise_and_rescan(session, "assets", pa.concat_tables([short, wordy]), secret_for(label),
                                           classification, chunk=60)
        cells = out.column("Location").to_pylist()
        assert cells[:60] == short.column("Location").to_pylist()
        assert not [c for c in cells[60:] if any(n in c for n in ("Jane", "Doe", "John", "Smith", "Aisha", "Khan"))]
        assert cells[60].startswith("Moved to Ward 7 after PERSON_")
        assert result.clean
        [location] = [c for c in result.columns if c.column == "Location"]
        # The re-scan's NER sample takes the sentences the model would still read (none: every name was found)
        assert location.ner_sampled == len({c for c in cells[60:] if session.text.needs_ner(c)})


def test_a_policy_that_leaves_values_in_place_still_stops_the_run(session: AnonymisationSession) -> None:
    """The anonymiser never hides a weak policy from the re-scan: a mask keeping every digit fails closed."""
    session.policy = Policy(entities={**session.policy.entities,
                                      "PHONE_NUMBER": OperatorSpec("mask", {"keep_last": 20})})
    table = pa.table({"Contact Tel": ["0113 496 0123", "07700 900123", "0114 225 9000"] * 20})
    result, out = anonymise_and_rescan(session, "assets", table, secret_for("s0"))
    assert out.column("Contact Tel").to_pylist()[:3] == ["0113 496 0123", "07700 900123", "0114 225 9000"]
    assert not result.clean
    assert {c.column for c in result.residual_columns()} == {"Contact Tel"}


def test_the_rescan_keeps_what_the_anonymiser_keeps_on_purpose(session: AnonymisationSession) -> None:
    """A GP practice named after its partners is kept by the detectors: the re-scan must not stop the run for it
    (it did, one finding in a 900-job export, before both shared one list of what is never personal)."""
    table = pa.table({"Fault": ["Dr Ahmed & Partners asked for a hoist review for Mrs Okafor",
                                "dr okafor and partners rang re hoist, pt Ms Yip"] * 3})
    result, out = anonymise_and_rescan(session, "jobs", table, secret_for("practice"))
    assert result.clean, [(c.column, dict(c.residual)) for c in result.residual_columns()]
    faults = out.column("Fault").to_pylist()
    assert faults[0].startswith("Dr Ahmed & Partners") and faults[1].startswith("dr okafor and partners")
    assert not any("Okafor" in v or "Yip" in v for v in faults[:2])
