"""Columns of every type are anonymised and re-scanned: dictionary-encoded strings, numbers and decimals are
read as text, types nothing can read stop the run unless dropped, and every batch keeps one schema."""

from __future__ import annotations

import decimal
import random

import pyarrow as pa
import pytest

from intake.anonymisation import AnonymisationSession, ColumnKind, TableClassification
from intake.anonymisation.errors import UnscannableColumn
from intake.anonymisation.policy import OperatorSpec, Policy
from tests.anonymisation.conftest import nhs_number, token


def run(session: AnonymisationSession, table: pa.Table, secret: bytes, size: int = 40,
        classification: TableClassification | None = None):
    classification = classification or session.profile("t", table.to_batches(max_chunksize=size))
    anonymiser = session.anonymiser(secret)
    rescanner = session.rescanner("t", classification)
    out = []
    for batch in table.to_batches(max_chunksize=size):
        anonymised = anonymiser.anonymise_batch("t", classification, batch)
        rescanner.update(anonymised)
        out.append(anonymised)
    return classification, anonymiser, rescanner.result(), out


def rescan_raw(session: AnonymisationSession, table: pa.Table, classification: TableClassification):
    """The re-scan over data no operator touched (as if the anonymiser had passed it through)."""
    rescanner = session.rescanner("t", classification)
    for batch in table.to_batches(max_chunksize=40):
        rescanner.update(batch)
    return rescanner.result()


def test_dictionary_encoded_strings_are_anonymised_and_rescanned(session: AnonymisationSession,
                                                                   secret: bytes) -> None:
    values = ["Medical Supplies Ltd"] * 58 + ["call 07700 900123", "jane.doe@example.com"]
    table = pa.table({"Supplier": pa.array(values).dictionary_encode(),
                      "Engineer": pa.array(["Jane Doe", "John Smith", "Aisha Khan"] * 20).dictionary_encode()})
    classification, _, result, out = run(session, table, secret)
    assert classification.column("Engineer").entity_type == "PERSON"
    supplier = pa.Table.from_batches(out).column("Supplier").to_pylist()
    assert supplier[0] == "Medical Supplies Ltd"
    assert supplier[-2].startswith("call PHONE_") and supplier[-1].startswith("EMAIL_")
    assert pa.Table.from_batches(out).column("Engineer")[0].as_py() == token("Jane Doe", "PERSON", secret)
    assert all(b.schema.field("Supplier").type == pa.string() for b in out)
    assert result.clean
    raw = rescan_raw(session, table, classification)
    assert {c.column for c in raw.residual_columns()} == {"Supplier", "Engineer"}


def test_nhs_numbers_stored_as_numbers(session: AnonymisationSession, secret: bytes) -> None:
    rng = random.Random(4)
    numbers = [int(nhs_number(rng)) for _ in range(60)]
    table = pa.table({"Patient NHS No": pa.array(numbers, pa.int64()),
                      "Labour Hours": pa.array([1.5, 2.0, 0.25] * 20, pa.float64())})
    classification, _, result, out = run(session, table, secret)
    assert classification.column("Patient NHS No").entity_type == "UK_NHS"
    nhs = pa.Table.from_batches(out).column("Patient NHS No").to_pylist()
    assert nhs[0] == token(str(numbers[0]), "UK_NHS", secret)
    assert not set(map(str, numbers)) & set(nhs)
    assert pa.Table.from_batches(out).column("Labour Hours").to_pylist() == table.column("Labour Hours").to_pylist()
    assert all(b.schema.field("Labour Hours").type == pa.float64() for b in out)  # numbers stay numbers
    assert result.clean
    # Passed through unchanged, the numbers are found: the re-scan reads number columns too.
    raw = rescan_raw(session, table, classification)
    assert [(c.column, set(c.residual)) for c in raw.residual_columns()] == [("Patient NHS No", {"UK_NHS"})]


def test_personal_values_in_number_columns_are_emptied(session: AnonymisationSession, secret: bytes) -> None:
    """A card number in a numeric column of references: a token cannot be stored in the column, so the cell is
    emptied; the column keeps its type and every other value."""
    refs = [100_000 + i for i in range(57)] + [4111111111111111, 5500005555555559, 100_057]
    cost = [decimal.Decimal("12.50")] * 59 + [decimal.Decimal("4111111111111111")]
    table = pa.table({"Payment Ref": pa.array(refs, pa.int64()), "Cost": pa.array(cost, pa.decimal128(20, 2))})
    classification, anonymiser, result, out = run(session, table, secret)
    assert classification.column("Payment Ref").kind == ColumnKind.NOT_PERSONAL
    got = pa.Table.from_batches(out)
    assert got.column("Payment Ref").to_pylist() == [*refs[:57], None, None, 100_057]
    assert got.column("Cost").to_pylist() == [*cost[:59], None]  # decimals are read too
    assert all(b.schema.field("Payment Ref").type == pa.int64() for b in out)
    counts = anonymiser.counts.column("t", "Payment Ref")
    assert counts.entities["CREDIT_CARD"] == 2 and counts.changed_values == 2
    assert result.clean
    raw = rescan_raw(session, table, classification)
    assert {c.column for c in raw.residual_columns()} == {"Payment Ref", "Cost"}


@pytest.mark.parametrize("column", [
    pa.array([b"\x89PNG", b"JFIF"] * 20, pa.binary()),
    pa.array([{"name": "Jane Doe", "tel": "07700 900123"}] * 40),
    pa.array([["Jane Doe", "John Smith"]] * 40),
])
def test_types_nothing_can_read_stop_the_run_unless_dropped(session: AnonymisationSession, secret: bytes,
                                                            column: pa.Array) -> None:
    table = pa.table({"Equipment No": [f"EQ{i:06d}" for i in range(40)], "Attachment": column})
    with pytest.raises(UnscannableColumn) as raised:
        run(session, table, secret)
    message = str(raised.value)
    assert "'Attachment'" in message and "table 't'" in message and str(column.type) in message
    assert "drop_column" in message and "Jane" not in message
    with pytest.raises(UnscannableColumn):
        rescan_raw(session, table, session.profile("t", table.to_batches()))
    session.policy = Policy(entities=session.policy.entities, columns={"t.Attachment": OperatorSpec("drop_column")})
    _, _, result, out = run(session, table, secret)
    assert all(b.schema.names == ["Equipment No"] for b in out) and result.clean


def test_every_batch_has_one_schema(session: AnonymisationSession, secret: bytes) -> None:
    """large_string input (Parquet, pandas) comes out as string whether a batch had anything to replace or not."""
    values = ["Medical Supplies Ltd"] * 40 + ["call 07700 900123"] + ["Medical Supplies Ltd"] * 39
    notes = ["Battery replaced and unit passed its checks."] * 40 + ["Spoke to Jane Doe about the pump alarm."] * 40
    table = pa.table({"Supplier": pa.array(values, pa.large_string()), "Notes": pa.array(notes, pa.large_string()),
                      "Comments": pa.array([None] * 80, pa.large_string())})
    _, _, result, out = run(session, table, secret, size=40)
    assert len(out) == 2
    assert out[0].schema == out[1].schema
    assert out[0].schema.field("Supplier").type == pa.string()
    assert out[0].schema.field("Notes").type == pa.string()
    assert result.clean
