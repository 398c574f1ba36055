"""The ground truth must match the written files to the character, or the benchmark measures nothing."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.generator.people import is_valid_nhs_number, is_valid_nino
from benchmarks.generator.truth import ENTITY_TYPES, json_string, read_truth
from tests.generator.conftest import table_cells

DATASETS = ("equiptrack_xlsx", "equiptrack_csv", "medimaint")
# structured columns: every non-empty cell is personal as a whole
STRUCTURED = {
    "assets": ("Responsible Engineer", "Contact Tel", "Last Modified By"),
    "Jobs": ("Engineer",),
    "jobs": ("Engineer",),
    "tblStaff": ("FirstName", "Surname"),
    "tblWorkOrder": ("CallerName", "CallerExt"),
}


@pytest.mark.parametrize("name", DATASETS)
def test_every_truth_value_is_exactly_where_it_says(name, request):
    dataset = request.getfixturevalue(name)
    cells = table_cells(dataset)
    records = read_truth(dataset.truth_path)
    assert records
    checked = 0
    for rec in records:
        assert list(rec) == ["file", "table", "row", "column", "entity_type", "value", "start", "end"]
        assert rec["entity_type"] in ENTITY_TYPES
        if rec["row"] == 0:  # banner line above the header
            assert rec["column"] is None
            continue
        column = cells[(rec["file"], rec["table"])][rec["column"]]
        text = column[rec["row"] - 1]
        assert isinstance(text, str), rec
        assert text[rec["start"]:rec["end"]] == rec["value"], rec
        checked += 1
    assert checked == len(records) - sum(1 for r in records if r["row"] == 0)


@pytest.mark.parametrize("name", DATASETS)
def test_structured_personal_columns_are_fully_covered(name, request):
    dataset = request.getfixturevalue(name)
    cells = table_cells(dataset)
    covered: dict[tuple[str, str], set[int]] = defaultdict(set)
    for rec in read_truth(dataset.truth_path):
        covered[(rec["table"], rec["column"])].add(rec["row"])
    for (_, table), columns in cells.items():
        for column in STRUCTURED.get(table, ()):
            filled = {i + 1 for i, v in enumerate(columns[column]) if v not in (None, "")}
            assert filled, (table, column)
            assert filled == covered[(table, column)], (table, column)


@pytest.mark.parametrize("name", DATASETS)
def test_identifiers_in_truth_are_valid(name, request):
    records = read_truth(request.getfixturevalue(name).truth_path)
    by_type = Counter(r["entity_type"] for r in records)
    for entity in ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS", "DATE_OF_BIRTH", "UK_POSTCODE", "UK_NINO",
                   "LOCATION"):
        assert by_type[entity] > 0, entity
    for rec in records:
        if rec["entity_type"] == "UK_NHS":
            assert is_valid_nhs_number(rec["value"]), rec
        elif rec["entity_type"] == "UK_NINO":
            assert is_valid_nino(rec["value"]), rec


@pytest.mark.parametrize("name", DATASETS)
def test_nonpersonal_columns_hold_no_personal_value(name, request):
    dataset = request.getfixturevalue(name)
    listed = json.loads(dataset.nonpersonal_path.read_text(encoding="utf-8"))["columns"]
    listed_keys = {(c["table"], c["column"]) for c in listed}
    kinds = {c["kind"] for c in listed}
    assert {"MANUFACTURER", "MODEL"} <= kinds
    cells = table_cells(dataset)
    for c in listed:
        assert c["column"] in cells[(c["file"], c["table"])], c
    truth_keys = {(r["table"], r["column"]) for r in read_truth(dataset.truth_path)}
    assert not listed_keys & truth_keys


def test_free_text_carries_personal_data_at_realistic_rates(equiptrack_csv):
    cells = table_cells(equiptrack_csv)
    records = read_truth(equiptrack_csv.truth_path)
    rows_with = defaultdict(set)
    for r in records:
        rows_with[(r["table"], r["column"])].add(r["row"])
    jobs = len(cells[("jobs.csv", "jobs")]["Fault Description"])
    assets = len(cells[("assets.csv", "assets")]["Notes"])
    assert 0.15 < len(rows_with[("jobs", "Fault Description")]) / jobs < 0.35
    assert 0.05 < len(rows_with[("assets", "Notes")]) / assets < 0.15
    notes_truth = [r for r in records if r["column"] == "Fault Description"]
    assert {r["entity_type"] for r in notes_truth} >= {"PERSON", "PHONE_NUMBER", "UK_NHS", "DATE_OF_BIRTH"}


def test_two_names_in_one_cell_are_two_truth_values(equiptrack_csv):
    per_cell = Counter((r["row"], r["column"]) for r in read_truth(equiptrack_csv.truth_path)
                       if r["column"] == "Responsible Engineer")
    assert any(n == 2 for n in per_cell.values())


def test_values_in_the_wrong_column_are_labelled_by_what_they_are(equiptrack_csv, medimaint):
    assets = read_truth(equiptrack_csv.truth_path)
    assert any(r["column"] == "Contact Tel" and r["entity_type"] == "EMAIL_ADDRESS" for r in assets)
    db = read_truth(medimaint.truth_path)
    assert any(r["column"] == "Email" and r["entity_type"] == "PHONE_NUMBER" for r in db)


def test_banner_user_is_in_the_truth(equiptrack_csv):
    banner = [r for r in read_truth(equiptrack_csv.truth_path) if r["row"] == 0]
    assert len(banner) == 1
    line = equiptrack_csv.paths["assets.csv"].read_bytes().decode("cp1252").split("\r\n")[1]
    assert line[banner[0]["start"]:banner[0]["end"]] == banner[0]["value"]


def test_xlsx_and_csv_jobs_carry_the_same_values(equiptrack_xlsx, equiptrack_csv):
    def jobs_truth(dataset, table):
        return [(r["row"], r["column"], r["entity_type"], r["value"], r["start"], r["end"])
                for r in read_truth(dataset.truth_path) if r["table"] == table]

    assert jobs_truth(equiptrack_xlsx, "Jobs") == jobs_truth(equiptrack_csv, "jobs")
    xlsx = table_cells(equiptrack_xlsx)[("jobs.xlsx", "Jobs")]
    assert any(isinstance(v, datetime) for v in xlsx["Date Raised"])


@given(st.text())
def test_truth_strings_are_exactly_what_json_writes(text):
    assert json_string(text) == json.dumps(text, ensure_ascii=False)
