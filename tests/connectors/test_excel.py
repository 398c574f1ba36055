"""Excel: .xlsx streamed (banner rows, dates, numbers, every sheet) and .xls written by xlwt."""

from __future__ import annotations

import io
from datetime import datetime, time
from pathlib import Path

import openpyxl
import pytest
import xlwt

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.errors import SourceReadError
from intake.connectors.header import BANNER_REASON
from tests.connectors.conftest import read_one


def equiptrack_jobs(path: Path) -> Path:
    book = openpyxl.Workbook()
    jobs = book.active
    jobs.title = "Jobs"
    jobs.append(["EquipTrack Job History"])
    jobs.append(["Generated 14/10/2026 09:12"])
    jobs.append([])
    jobs.append(["Job No", "Equipment No", "Date Raised", "Date Completed", "Labour Hours", "Parts Cost", None,
                 "Job No"])
    jobs.append(["J0001234", "EQ004512", datetime(2024, 3, 14), datetime(2024, 3, 15, 9, 30), 1.5, "£12.50",
                 None, "dup"])
    jobs.append(["J0001235", "EQ004513", "14/03/2019", None, 0.1 + 0.2, 1234.5, None, None])
    jobs.append([])
    jobs.append(["J0001236", "EQ004514", datetime(2019, 3, 14), time(8, 15), 2, True, None, None, "stray note"])
    jobs.append(["J0001237", "EQ004515", None, None, 10**12, 7, None, None])
    other = book.create_sheet("Sites")
    other.append(["Site", "Postcode"])
    other.append(["General", "LS1 4AP"])
    book.create_sheet("Empty")
    book.save(path)
    return path


def test_xlsx_every_sheet_is_a_table_with_header_below_banner_rows(tmp_path: Path) -> None:
    path = equiptrack_jobs(tmp_path / "jobs.xlsx")
    with open_source(None, path, settings=ConnectorSettings()) as source:
        assert source.format == "xlsx"
        assert source.tables() == ["Jobs", "Sites", "Empty"]
        jobs = read_one(path, table="Jobs")
        sites = read_one(path, table="Sites")
        empty = read_one(path, table="Empty")
    assert jobs.columns == ["Job No", "Equipment No", "Date Raised", "Date Completed", "Labour Hours", "Parts Cost",
                            "column_7", "Job No_2"]
    assert jobs.rows[0] == {"Job No": "J0001234", "Equipment No": "EQ004512", "Date Raised": "2024-03-14",
                            "Date Completed": "2024-03-15T09:30:00", "Labour Hours": "1.5", "Parts Cost": "£12.50",
                            "column_7": None, "Job No_2": "dup"}
    assert jobs.rows[1]["Date Raised"] == "14/03/2019"  # text stays text
    assert jobs.rows[1]["Labour Hours"] == "0.3"  # no float noise
    assert jobs.rows[1]["Parts Cost"] == "1234.5"
    assert jobs.rows[2]["Labour Hours"] == "1000000000000"
    # banner rows and a value right of the last column are rejects on their sheet rows, not dropped silently
    assert jobs.where() == [(1, BANNER_REASON), (2, BANNER_REASON),
                            (8, "row has values beyond the last of the 8 columns")]
    assert jobs.rejects[1].raw == "Generated 14/10/2026 09:12"  # for the vault's reject file only
    assert jobs.reader.rows_read + jobs.reader.rows_rejected == 6  # every non-blank row but the header
    assert sites.rows == [{"Site": "General", "Postcode": "LS1 4AP"}]
    assert empty.columns == [] and empty.reader.rows_read == 0


def test_xlsx_a_row_of_group_labels_over_merged_cells_is_no_header(tmp_path: Path) -> None:
    """A repair log's title, then "JOB" over two columns, "PATIENT" over three...: the labels of the columns are
    the row below the group labels, and the title and the group row are rejects, not dropped."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Hearing aid repairs 2024"])
    sheet.append(["JOB", None, "PATIENT", None, None, "HEARING AID", None, "REPAIR"])
    sheet.append(["Job No", "Date In", "Patient", "NHS No", "Postcode", "Make", "Serial", "Outcome"])
    for k in range(6):
        sheet.append([f"R{1000 + k}", datetime(2024, 3, 1 + k), f"Patient {k}", f"943 476 59{k}{k}", "B15 2TT",
                      "Phonak", f"18{k}2X4", "retubed"])
    for column in ("A2:B2", "C2:E2", "F2:G2"):
        sheet.merge_cells(column)
    book.save(tmp_path / "repairs.xlsx")
    repairs = read_one(tmp_path / "repairs.xlsx")
    assert repairs.columns == ["Job No", "Date In", "Patient", "NHS No", "Postcode", "Make", "Serial", "Outcome"]
    assert len(repairs.rows) == 6 and repairs.rows[0]["Job No"] == "R1000"
    assert repairs.where() == [(1, BANNER_REASON), (2, BANNER_REASON)]


def test_xlsx_from_a_stream_in_small_batches(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Id", "Value"])
    for i in range(50):
        sheet.append([i, f"v{i}"])
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_one(io.BytesIO(buffer.getvalue()), name="values.xlsx",
                    settings=ConnectorSettings(batch_rows=8))
    assert read.reader.rows_read == 50
    assert max(read.batch_sizes) == 8
    assert read.rows[49] == {"Id": "49", "Value": "v49"}


def test_xlsx_oversized_cells_are_rejected(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Id", "Notes"])
    sheet.append([1, "x" * 5000])
    sheet.append([2, "ok"])
    book.save(tmp_path / "big.xlsx")
    read = read_one(tmp_path / "big.xlsx", settings=ConnectorSettings(max_field_bytes=1024))
    assert read.where() == [(2, "field 'Notes' is longer than the 1024-byte limit (connectors.max_field_bytes)")]
    assert read.rows == [{"Id": "2", "Notes": "ok"}]
    with open_source(None, tmp_path / "big.xlsx", settings=ConnectorSettings(max_field_bytes=1024)) as source:
        reader = source.read("Sheet")
        list(reader)
    # the reject keeps the start of its row, never the whole oversized value (a 300 MB cell made a 300 MB reject)
    assert [len(r.raw or "") for r in reader.rejects] == [1024]


def test_xls_written_by_xlwt_is_read_with_dates_and_numbers(tmp_path: Path) -> None:
    book = xlwt.Workbook()
    assets = book.add_sheet("Assets")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    assets.write(0, 0, "Asset Register")
    for col, title in enumerate(["Equipment No", "Purchase Date", "Cost", "Active"]):
        assets.write(2, col, title)
    assets.write(3, 0, "EQ1")
    assets.write(3, 1, datetime(2019, 3, 14), date_style)
    assets.write(3, 2, 1234.5)
    assets.write(3, 3, True)
    assets.write(4, 0, "EQ2")
    assets.write(4, 2, 12.0)
    book.add_sheet("Jobs").write(0, 0, "Job No")
    path = tmp_path / "legacy.xls"
    book.save(str(path))
    with open_source(None, path, settings=ConnectorSettings()) as source:
        assert source.format == "xls"
        assert source.tables() == ["Assets", "Jobs"]
    read = read_one(path)
    assert read.columns == ["Equipment No", "Purchase Date", "Cost", "Active"]
    assert read.where() == [(1, BANNER_REASON)]
    assert read.rows == [
        {"Equipment No": "EQ1", "Purchase Date": "2019-03-14", "Cost": "1234.5", "Active": "true"},
        {"Equipment No": "EQ2", "Purchase Date": None, "Cost": "12", "Active": None},
    ]
    # the same workbook from a stream, recognised by its content without an extension
    assert read_one(io.BytesIO(path.read_bytes()), name="legacy-export").reader.rows_read == 2


@pytest.mark.parametrize("name", ["broken.xlsx", "broken.xls"])
def test_damaged_workbooks_are_a_clear_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 not really a workbook" if name.endswith("x") else b"\xd0\xcf\x11\xe0 nothing")
    with pytest.raises(SourceReadError, match=name):
        open_source(None, path, settings=ConnectorSettings())
