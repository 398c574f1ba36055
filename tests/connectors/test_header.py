"""Header detection and banner accounting: a first row of values is data (never column names), real headers
are still found, and every non-blank line above a header is a reject rather than silently dropped."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from benchmarks.generator.equiptrack import ASSET_COLUMNS, JOB_COLUMNS
from intake.connectors.header import BANNER_REASON, looks_like_labels
from tests.connectors.conftest import read_one

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample-equiptrack"

REPRO = "Jane Smith,Ward 5,07700 900123,Infusion pump\r\nJohn Doe,Ward 7,07700 900456,Syringe driver\r\n"
GENERATED = ["column_1", "column_2", "column_3", "column_4"]


def write_csv(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def write_xlsx(tmp_path: Path, rows: list[list[object]], name: str = "export.xlsx") -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_a_headerless_csv_keeps_its_first_row_and_never_names_columns_after_values(tmp_path: Path) -> None:
    read = read_one(write_csv(tmp_path, REPRO))
    assert read.columns == GENERATED
    assert (read.reader.rows_read, read.reader.rows_rejected) == (2, 0)
    assert read.rows[0] == {"column_1": "Jane Smith", "column_2": "Ward 5", "column_3": "07700 900123",
                            "column_4": "Infusion pump"}


def test_a_headerless_sheet_keeps_its_first_row(tmp_path: Path) -> None:
    rows = [["Jane Smith", "Ward 5", "07700 900123", "Infusion pump"],
            ["John Doe", "Ward 7", "07700 900456", "Syringe driver"]]
    read = read_one(write_xlsx(tmp_path, rows))
    assert read.columns == GENERATED
    assert (read.reader.rows_read, read.reader.rows_rejected) == (2, 0)
    assert read.rows[0]["column_1"] == "Jane Smith"


# First rows where a single cell gives the row away (the old rule needed half the cells to be numbers or dates).
FIRST_ROWS = {
    "person name": ["Jane Smith", "Infusion pump", "General"],
    "surname first": ["Smith, Jane", "Infusion pump", "General"],
    "initial and surname": ["J Patel", "Infusion pump", "General"],
    "e-mail": ["Infusion pump", "j.smith@example.nhs.uk", "General"],
    "phone with extension": ["Infusion pump", "General", "0113 496 0123 ext 456"],
    "nhs number": ["Infusion pump", "943 476 5919", "General"],
    "postcode": ["Infusion pump", "General", "LS1 4AP"],
    "date with month name": ["Infusion pump", "14-Mar-19", "General"],
    "code shaped like the column": ["EQ004512", "Infusion pump", "General"],
}
FOLLOWING = [["EQ004513", "Monitor", "Royal"], ["EQ004514", "Defibrillator", "St Mary's"],
             ["EQ004515", "Ventilator", "Royal"]]


@pytest.mark.parametrize("first", list(FIRST_ROWS.values()), ids=list(FIRST_ROWS))
def test_one_value_like_cell_makes_the_first_row_data(tmp_path: Path, first: list[str]) -> None:
    read = read_one(write_csv(tmp_path, csv_text([first, *FOLLOWING])))
    assert read.columns == GENERATED[:3]
    assert read.reader.rows_read == 4
    assert list(read.rows[0].values()) == first
    sheet = read_one(write_xlsx(tmp_path, [first, *FOLLOWING]))
    assert sheet.columns == GENERATED[:3] and sheet.reader.rows_read == 4


def test_values_recurring_in_their_columns_make_the_first_row_data(tmp_path: Path) -> None:
    text = "Monitor,ICU,Active\r\nPump,ICU,Active\r\nPump,Theatre,Spare\r\n"
    read = read_one(write_csv(tmp_path, text))
    assert read.columns == GENERATED[:3] and read.reader.rows_read == 3


@pytest.mark.parametrize(
    "header",
    [
        ["Equipment No", "Serial No", "Responsible Engineer", "Contact Tel"],
        ["Job No", "Job Type", "Engineer", "Requested By"],
        ["Device", "Location", "Status", "Notes"],
        ["Address Line 1", "Phone 2", "Grace Period", "Last Modified By"],
    ],
)
def test_real_headers_are_still_detected(tmp_path: Path, header: list[str]) -> None:
    data = [["EQ004512", "SN-1", "Jane Smith", "07700 900123"], ["EQ004513", "SN-2", "Ann Lee", "0113 496 0123"],
            ["EQ004514", "SN-3", "J Patel", "07700 900999"]]
    read = read_one(write_csv(tmp_path, csv_text([header, *data])))
    assert read.columns == header
    assert (read.reader.rows_read, read.reader.rows_rejected) == (3, 0)
    sheet = read_one(write_xlsx(tmp_path, [header, *data]))
    assert sheet.columns == header and sheet.reader.rows_read == 3


def test_a_header_repeated_on_every_page_is_still_a_header() -> None:
    header = ["Device", "Location", "Status"]
    assert looks_like_labels(header, [["Pump", "ICU", "Active"], header, ["Monitor", "Ward 7", "Spare"], header])


def test_the_shipped_equiptrack_sample_reads_as_before_with_its_banners_accounted_for() -> None:
    counts = json.loads((SAMPLE / "generation.json").read_text())["counts"]
    assets = read_one(SAMPLE / "assets.csv")
    assert assets.columns == list(ASSET_COLUMNS)
    assert assets.reader.rows_read == counts["assets.rows"]
    assert assets.where() == [(1, BANNER_REASON), (2, BANNER_REASON)]
    jobs = read_one(SAMPLE / "jobs.xlsx", table="Jobs")
    assert jobs.columns == list(JOB_COLUMNS)
    assert jobs.reader.rows_read == counts["jobs.rows"]
    assert jobs.where() == [(1, BANNER_REASON), (2, BANNER_REASON)]
    # the banner names the user who exported the file: that goes to the vault's reject file, never a reason
    assert assets.rejects[1].raw.startswith("Exported ")
    assert {r.reason for r in [*assets.rejects, *jobs.rejects]} == {BANNER_REASON}


def test_a_data_row_above_the_header_is_a_reject_not_lost(tmp_path: Path) -> None:
    text = ("Asset Register\r\n,,\r\nEQ000999\r\n\r\nEquipment No,Site,Status\r\nEQ000001,General,A\r\n"
            "\r\nEQ000002,Royal,S\r\n")
    read = read_one(write_csv(tmp_path, text))
    assert read.columns == ["Equipment No", "Site", "Status"]
    assert read.where() == [(1, BANNER_REASON), (3, BANNER_REASON)]
    assert read.rejects[1].raw == "EQ000999"
    # every non-blank line but the header is read or rejected
    non_blank = [line for line in text.split("\r\n") if line.strip(",")]
    assert read.reader.rows_read + read.reader.rows_rejected == len(non_blank) - 1


def test_a_data_row_above_the_sheet_header_is_a_reject_not_lost(tmp_path: Path) -> None:
    rows: list[list[object]] = [["EquipTrack Job History"], [], ["J0000999"], [None, "   "],
                                ["Job No", "Equipment No", "Hours"], ["J0000001", "EQ000001", 1.5]]
    read = read_one(write_xlsx(tmp_path, rows))
    assert read.columns == ["Job No", "Equipment No", "Hours"]
    assert read.where() == [(1, BANNER_REASON), (3, BANNER_REASON)]
    assert read.rejects[1].raw == "J0000999"
    assert read.reader.rows_read + read.reader.rows_rejected == 3


def test_header_row_option_makes_rows_above_it_banner_rejects(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["a", "b"], ["x", "y"], ["c", "d"]])
    read = read_one(path, header_row=2)
    assert read.columns == ["x", "y"]
    assert read.where() == [(1, BANNER_REASON)]


def test_without_a_header_every_line_is_data_or_a_reject(tmp_path: Path) -> None:
    read = read_one(write_csv(tmp_path, "Asset list\r\n" + REPRO))
    assert read.columns == GENERATED
    assert read.reader.rows_read == 2
    assert read.where() == [(1, "expected 4 fields, found 1")]  # the title is counted, as a reject
