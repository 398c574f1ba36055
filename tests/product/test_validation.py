"""Validation through the transform: each rule, each reject reason, every reason of a row, state across batches."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.clock import FixedClock
from intake.product import ROW_NUMBER_COLUMN, TransformError, builtin_mapping, parse_mapping, transform_to_tables
from intake.product.transform import TransformResult
from intake.product.validation import UniqueKeys
from tests.product.legacy import ASSET_COLUMNS, JOB_COLUMNS, asset_row, batch, job_row

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))


def run(assets: list[dict[str, str]] | list[list[dict[str, str]]], jobs: list[dict[str, str]] | None = None,
        clock: FixedClock = CLOCK) -> TransformResult:
    """EquipTrack mapping over the given rows; a list of lists of assets means one batch per inner list."""
    asset_batches = [batch(ASSET_COLUMNS, part) for part in assets] if assets and isinstance(assets[0], list) \
        else [batch(ASSET_COLUMNS, assets)]  # type: ignore[arg-type]
    return transform_to_tables({"assets": asset_batches, "jobs": [batch(JOB_COLUMNS, jobs or [])]},
                               builtin_mapping("equiptrack"), clock=clock)


def reasons(result: TransformResult, table: str = "assets") -> dict[int, list[tuple[str, str | None]]]:
    """row number -> [(code, field)] of the rejects of one table."""
    out: dict[int, list[tuple[str, str | None]]] = {}
    for record in result.rejects.to_pylist():
        if record["source_table"] == table:
            out[record["row_number"]] = [(r["code"], r["field"]) for r in record["reasons"]]
    return out


def test_a_clean_row_is_loaded() -> None:
    result = run([asset_row("EQ1")])
    assert result.entities["assets"].num_rows == 1
    assert result.rejects.num_rows == 0
    counts = result.reconciliation.tables["assets"]
    assert (counts.rows_read, counts.rows_loaded, counts.rows_merged, counts.rows_rejected) == (1, 1, 0, 0)


def test_empty_row_has_that_reason_only() -> None:
    empty = dict.fromkeys(ASSET_COLUMNS, "")
    assert reasons(run([asset_row("EQ1"), empty])) == {2: [("empty_row", None)]}


def test_missing_required_key() -> None:
    found = reasons(run([asset_row("")]))[1]
    assert ("missing_required", "asset_id") in found
    assert ("missing_required", "asset_number") in found


def test_placeholder_in_a_required_column_counts_as_missing() -> None:
    assert ("missing_required", "asset_id") in reasons(run([asset_row("NA")]))[1]


def test_invalid_value_names_field_and_column() -> None:
    result = run([asset_row("EQ1", Purchase_Date="31/02/2019")])
    record = result.rejects.to_pylist()[0]
    assert record["reasons"] == [{
        "code": "invalid_value", "entity": "assets", "field": "acquisition_date", "column": "Purchase Date",
        "message": "assets.acquisition_date (column 'Purchase Date') could not be read as a date"}]
    assert record["source_key"] == "EQ1"


def test_unknown_code_of_a_lookup() -> None:
    assert reasons(run([asset_row("EQ1", Status="Z")])) == {1: [("unknown_code", "status")]}


def test_lookup_ignores_case_and_placeholder_takes_the_default() -> None:
    result = run([asset_row("EQ1", Status="a"), asset_row("EQ2", Status="NA")])
    assert result.entities["assets"].column("status").to_pylist() == ["in_service", "unknown"]


def test_negative_cost_is_out_of_range() -> None:
    assert reasons(run([asset_row("EQ1", Purchase_Cost="-£5.00")])) == {1: [("out_of_range", "acquisition_cost")]}


def test_date_before_1900_is_out_of_range() -> None:
    assert reasons(run([asset_row("EQ1", Purchase_Date="01/01/1850")])) == {1: [("out_of_range", "acquisition_date")]}


def test_future_date_is_judged_against_the_injected_clock() -> None:
    row = asset_row("EQ1", Purchase_Date="01/01/2027")
    assert reasons(run([row])) == {1: [("future_date", "acquisition_date")]}
    later = FixedClock(datetime(2027, 6, 1, tzinfo=UTC))
    assert run([row], clock=later).entities["assets"].num_rows == 1


def test_dates_not_in_the_future_only_where_the_schema_says_so() -> None:
    result = run([asset_row("EQ1", Warranty_Expiry="01/01/2030", Next_PPM_Due="01/01/2027")])
    assert result.rejects.num_rows == 0


def test_completion_before_raising_is_out_of_order() -> None:
    jobs = [job_row("J1", "EQ1", Date_Raised="2024-01-02 09:00:00", Date_Completed="2024-01-01 09:00:00")]
    assert reasons(run([asset_row("EQ1")], jobs), "jobs") == {1: [("dates_out_of_order", "completed_at")]}


def test_completion_recorded_as_a_date_only_on_the_day_raised_is_in_order() -> None:
    jobs = [job_row("J1", "EQ1", Date_Raised="2024-01-02 14:00:00", Date_Completed="02/01/2024")]
    assert run([asset_row("EQ1")], jobs).rejects.num_rows == 0


def test_every_reason_of_a_row_is_kept_in_order() -> None:
    row = asset_row("EQ1", Status="Z", Purchase_Date="31/02/2019", Purchase_Cost="-£5",
                    **{"PPM Frequency (months)": "x"})
    assert reasons(run([row]))[1] == [
        ("unknown_code", "status"), ("invalid_value", "acquisition_date"), ("out_of_range", "acquisition_cost"),
        ("invalid_value", "interval_months")]


def test_identical_duplicate_rows_are_merged_not_rejected() -> None:
    result = run([asset_row("EQ1"), asset_row("EQ2"), asset_row("EQ1")])
    counts = result.reconciliation.tables["assets"]
    assert (counts.rows_loaded, counts.rows_merged, counts.rows_rejected) == (2, 1, 0)
    assert result.entities["assets"].column("asset_number").to_pylist() == ["EQ1", "EQ2"]


def test_conflicting_duplicate_is_rejected_pointing_at_the_first_row() -> None:
    result = run([asset_row("EQ1"), asset_row("EQ2"), asset_row("eq1", Serial_No="OTHER")])
    record = result.rejects.to_pylist()[0]
    assert (record["row_number"], record["related_row"]) == (3, 1)
    assert [r["code"] for r in record["reasons"]] == ["duplicate_key"]


def test_duplicates_are_found_across_batches() -> None:
    result = run([[asset_row("EQ1"), asset_row("EQ2")], [asset_row("EQ2", Serial_No="X"), asset_row("EQ1")]])
    counts = result.reconciliation.tables["assets"]
    assert (counts.rows_loaded, counts.rows_merged, counts.rows_rejected) == (2, 1, 1)
    assert [(r["row_number"], r["related_row"]) for r in result.rejects.to_pylist()] == [(3, 2)]


def test_a_duplicate_of_a_rejected_row_is_loaded() -> None:
    result = run([asset_row("EQ1", Status="Z"), asset_row("EQ1")])
    assert reasons(result) == {1: [("unknown_code", "status")]}
    assert result.entities["assets"].num_rows == 1


def test_job_referring_to_an_unknown_asset() -> None:
    result = run([asset_row("EQ1")], [job_row("J1", "EQ1"), job_row("J2", "EQ404")])
    assert reasons(result, "jobs") == {2: [("missing_reference", "asset_id")]}


def test_job_referring_to_a_rejected_asset() -> None:
    result = run([asset_row("EQ1", Status="Z")], [job_row("J1", "EQ1")])
    assert reasons(result, "jobs") == {1: [("rejected_reference", "asset_id")]}


def test_job_numbers_are_unique() -> None:
    result = run([asset_row("EQ1")], [job_row("J1", "EQ1"), job_row("J1", "EQ1", Outcome="Failed")])
    assert reasons(result, "jobs") == {2: [("duplicate_key", "job_id")]}


def test_unique_values_other_than_the_key(medimaint_db: object) -> None:
    from tests.product.legacy import read_sqlite_tables

    tables = read_sqlite_tables(medimaint_db)  # type: ignore[arg-type]
    result = transform_to_tables(tables, builtin_mapping("medimaint"), clock=CLOCK)
    equipment = {r["row_number"]: [(x["code"], x["field"]) for x in r["reasons"]]
                 for r in result.rejects.to_pylist() if r["source_table"] == "tblEquipment"}
    assert equipment[6] == [("duplicate_value", "asset_number")]


def test_row_numbers_from_the_reader_are_used() -> None:
    rows = batch(ASSET_COLUMNS, [asset_row("EQ1"), asset_row("EQ2", Status="Z")])
    rows = rows.append_column(ROW_NUMBER_COLUMN, pa.array([7, 9], pa.int64()))
    result = transform_to_tables({"assets": [rows], "jobs": [batch(JOB_COLUMNS, [])]}, builtin_mapping("equiptrack"),
                                 clock=CLOCK)
    assert result.rejects.column("row_number").to_pylist() == [9]


def test_rows_are_numbered_across_batches() -> None:
    result = run([[asset_row("EQ1"), asset_row("EQ2")], [asset_row("EQ3"), asset_row("EQ4", Status="Z")]])
    assert result.rejects.column("row_number").to_pylist() == [4]


def test_rejects_and_logs_hold_no_data_values(caplog: pytest.LogCaptureFixture) -> None:
    secret = "Patient PERSON_SECRET1 rang 07700 900123"
    row = asset_row("EQ1", Status="Z", Notes=secret, Purchase_Date="31/02/2019", Contact_Tel="07700 900123")
    with caplog.at_level(logging.DEBUG, logger="intake"):
        result = run([row])
    text = str(result.rejects.to_pylist()) + caplog.text + result.reconciliation.to_json() \
        + result.reconciliation.to_markdown()
    for value in ("PERSON_SECRET1", "07700", "31/02/2019", "'Z'"):
        assert value not in text


def test_on_invalid_null_keeps_the_row_and_counts_the_nulled_value() -> None:
    mapping = parse_mapping("""
format: intake-mapping/1
system: lenient
tables:
  - table: assets
    outputs:
      - entity: assets
        id: Equipment No
        fields:
          asset_number: Equipment No
          status: {value: in_service}
          acquisition_date: {from: Purchase Date, convert: [date], on_invalid: null}
""")
    rows = batch(ASSET_COLUMNS, [asset_row("EQ1", Purchase_Date="31/02/2019"), asset_row("EQ2")])
    result = transform_to_tables({"assets": [rows]}, mapping, clock=CLOCK)
    assert result.entities["assets"].column("acquisition_date").to_pylist()[0] is None
    assert result.rejects.num_rows == 0
    assert result.reconciliation.values_nulled == {"assets.acquisition_date": 1}


def test_source_tables_must_match_the_mapping() -> None:
    mapping = builtin_mapping("equiptrack")
    assets = [batch(ASSET_COLUMNS, [asset_row("EQ1")])]
    with pytest.raises(TransformError, match="the source has no table 'jobs'"):
        transform_to_tables({"assets": assets}, mapping, clock=CLOCK)
    with pytest.raises(TransformError, match="'Parts' are not in mapping"):
        transform_to_tables({"assets": assets, "jobs": [], "Parts": []}, mapping, clock=CLOCK)
    result = transform_to_tables({"assets.csv": assets, "Jobs": []}, mapping, clock=CLOCK)
    assert result.entities["assets"].num_rows == 1


def test_a_missing_column_names_the_column_and_mapping_line() -> None:
    columns = [c for c in ASSET_COLUMNS if c != "Risk"]
    assets = batch(columns, [asset_row("EQ1")])
    with pytest.raises(TransformError, match=r"no column 'Risk' \(named on line \d+ of mapping equiptrack.yaml\)"):
        transform_to_tables({"assets": [assets], "jobs": []}, builtin_mapping("equiptrack"), clock=CLOCK)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 1)), min_size=1, max_size=300))
def test_within_a_batch_the_first_row_of_each_key_is_loaded_and_later_rows_point_at_it(
        rows: list[tuple[int, int]]) -> None:
    """UniqueKeys.check against a plain Python model: many repeats of few keys in one batch."""
    keys = np.array([k for k, _ in rows], dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    content = np.array([c for _, c in rows], dtype=np.uint64)
    row_numbers = np.arange(10, 10 + len(rows), dtype=np.int64)
    check = UniqueKeys().check(keys, np.ones(len(rows), dtype=bool), row_numbers, content)
    first: dict[int, int] = {}
    for i, (key, value) in enumerate(rows):
        if key not in first:
            first[key] = i
            assert check.new[i] and not check.merged[i] and not check.conflict[i] and check.related_row[i] == -1
            continue
        earlier = first[key]
        assert not check.new[i]
        assert check.related_row[i] == row_numbers[earlier]
        assert check.merged[i] == (value == rows[earlier][1]) and check.conflict[i] == (value != rows[earlier][1])
