"""Legacy files of both sample layouts, written by the tests, and small readers giving all-string batches.

The readers stand in for the connectors (same contract: every legacy column a string, empty cells null),
so the product tests do not depend on connector details; `test_round_trip` also runs the real connectors.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa

ASSET_COLUMNS = ["Equipment No", "Serial No", "Description", "Manufacturer", "Model", "Category Code", "Site",
                 "Department", "Location", "Status", "Risk", "Purchase Date", "Purchase Cost", "Warranty Expiry",
                 "Supplier", "Responsible Engineer", "Contact Tel", "PPM Frequency (months)", "Last PPM",
                 "Next PPM Due", "Notes", "Last Modified By"]
JOB_COLUMNS = ["Job No", "Equipment No", "Job Type", "Date Raised", "Date Completed", "Fault Description",
               "Outcome", "Engineer", "Labour Hours", "Parts Cost", "Requested By"]


def asset_row(number: str, **values: str) -> dict[str, str]:
    """A valid EquipTrack asset row; keyword arguments (spaces as underscores) override columns."""
    row = {
        "Equipment No": number, "Serial No": f"SN-{number}", "Description": "Infusion Pump",
        "Manufacturer": "B. Braun", "Model": "Infusomat Space", "Category Code": "13-215",
        "Site": "Royal Infirmary", "Department": "ICU", "Location": "Ward 7", "Status": "A", "Risk": "High",
        "Purchase Date": "14/03/2019", "Purchase Cost": "", "Warranty Expiry": "14/03/2022",
        "Supplier": "Medequip Ltd", "Responsible Engineer": "PERSON_0a1b2c3d", "Contact Tel": "PHONE_11aa22bb",
        "PPM Frequency (months)": "", "Last PPM": "", "Next PPM Due": "", "Notes": "",
        "Last Modified By": "PERSON_9f8e7d6c",
    }
    for key, value in values.items():
        row[key.replace("_", " ")] = value
    return row


def job_row(number: str, asset: str, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "Job No": number, "Equipment No": asset, "Job Type": "PPM", "Date Raised": "2024-01-02 09:00:00",
        "Date Completed": "2024-01-02 10:30:00", "Fault Description": "Annual check",
        "Outcome": "Passed", "Engineer": "PERSON_e1e1e1e1", "Labour Hours": "1", "Parts Cost": "",
        "Requested By": "PERSON_r1r1r1r1 (Ward 7)",
    }
    for key, value in values.items():
        row[key.replace("_", " ")] = value
    return row


def batch(columns: list[str], rows: list[dict[str, Any]]) -> pa.RecordBatch:
    """All-string batch; '' and None become null as the connectors deliver empty cells."""
    arrays = [pa.array([_text(r.get(c)) for r in rows], pa.string()) for c in columns]
    return pa.RecordBatch.from_arrays(arrays, names=columns)


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- layout A files --------------------------------------------------------------------------------------


def write_equiptrack_assets_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """Windows-1252 CSV with two banner lines, the header, data and some blank lines."""
    out = io.StringIO()
    out.write("EquipTrack Asset Register Export\r\n")
    out.write("Exported 14/10/2026 09:12 by PERSON_5e5e5e5e\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ASSET_COLUMNS)
    for number, row in enumerate(rows):
        writer.writerow([row[c] for c in ASSET_COLUMNS])
        if number % 4 == 3:
            out.write("\r\n")
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


def write_equiptrack_jobs_xlsx(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Sheet 'Jobs': banner rows 1-2, row 3 blank, header on row 4; dates as datetime cells or text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Jobs"
    sheet.append(["EquipTrack Job History"])
    sheet.append(["Generated 14/10/2026 09:15"])
    sheet.append([])
    sheet.append(JOB_COLUMNS)
    for row in rows:
        sheet.append([row[c] if row[c] != "" else None for c in JOB_COLUMNS])
    book.save(path)
    return path


def read_equiptrack_assets_csv(path: Path) -> Iterator[pa.RecordBatch]:
    lines = path.read_bytes().decode("cp1252").splitlines()[2:]
    records = [r for r in csv.reader(lines) if r]
    header, data = records[0], records[1:]
    yield batch(header, [dict(zip(header, r, strict=True)) for r in data])


def read_equiptrack_jobs_xlsx(path: Path) -> Iterator[pa.RecordBatch]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Jobs"].iter_rows(min_row=4, values_only=True))
    book.close()
    header = [str(c) for c in rows[0]]
    data = [dict(zip(header, r, strict=True)) for r in rows[1:] if any(c is not None for c in r)]
    yield batch(header, data)


# --- layout B file ---------------------------------------------------------------------------------------

MEDIMAINT_SCHEMA = """
CREATE TABLE tblSite (SiteID INTEGER PRIMARY KEY, SiteName TEXT, Address TEXT, Postcode TEXT);
CREATE TABLE tblLocation (LocID INTEGER PRIMARY KEY, SiteID INTEGER, Building TEXT, Dept TEXT, Room TEXT);
CREATE TABLE tblManufacturer (MfrID INTEGER PRIMARY KEY, MfrName TEXT, Phone TEXT, Email TEXT, ContactName TEXT);
CREATE TABLE tblModel (ModelID INTEGER PRIMARY KEY, MfrID INTEGER, ModelName TEXT, DeviceType TEXT, UMDNS TEXT);
CREATE TABLE tblStaff (StaffID INTEGER PRIMARY KEY, FirstName TEXT, Surname TEXT, JobTitle TEXT, Phone TEXT,
                       Email TEXT);
CREATE TABLE tblEquipment (EquipID INTEGER PRIMARY KEY, AssetTag TEXT, SerialNumber TEXT, ModelID INTEGER,
                           LocID INTEGER, StatusCode INTEGER, RiskClass TEXT, InstallDate TEXT, Cost REAL,
                           WarrantyEnd TEXT, OwnerStaffID INTEGER, NextPPM TEXT);
CREATE TABLE tblWorkOrder (WOID INTEGER PRIMARY KEY, EquipID INTEGER, WOType TEXT, Opened TEXT, Closed TEXT,
                           Problem TEXT, Resolution TEXT, EngineerStaffID INTEGER, Hours REAL, PartsCost REAL,
                           CallerName TEXT, CallerExt TEXT);
CREATE TABLE tblPPMSchedule (SchedID INTEGER PRIMARY KEY, EquipID INTEGER, IntervalMonths INTEGER, LastDone TEXT,
                             NextDue TEXT);
CREATE TABLE tblContract (ContractID INTEGER PRIMARY KEY, EquipID INTEGER, SupplierName TEXT, StartDate TEXT,
                          EndDate TEXT, AnnualCost REAL);
"""

MEDIMAINT_ROWS: dict[str, list[tuple[Any, ...]]] = {
    "tblSite": [(1, "Royal Infirmary", "1 Hospital Road, Leeds", "LS1 3EX"),
                (2, "General Hospital", "2 Park Lane, Leeds", "LS2 9JT")],
    "tblLocation": [(10, 1, "Main Block", "ICU", "Bay 3"), (11, 1, "Main Block", "Theatres", "Theatre 2"),
                    (12, 2, "East Wing", "Renal", "Room 4")],
    "tblManufacturer": [(1, "B. Braun", "0114 225 9000", "service@bbraun.example", "PERSON_77aa77aa"),
                        (2, "Philips Healthcare", "01483 792 004", None, None)],
    "tblModel": [(100, 1, "Infusomat Space", "Infusion Pump", "13-215"),
                 (101, 2, "IntelliVue MX450", "Patient Monitor", "12-636"),
                 (102, 2, "IntelliVue MX400", "Patient Monitor", "12-636")],
    "tblStaff": [(1, "PERSON_aa11aa11", "PERSON_bb22bb22", "Senior Technician", "PHONE_1", "EMAIL_1"),
                 (2, "PERSON_cc33cc33", "PERSON_dd44dd44", "Engineer", "PHONE_2", None),
                 (3, "PERSON_ee55ee55", None, "Ward Manager", None, None)],
    "tblEquipment": [
        (1000, "mm-0001", "S1", 100, 10, 1, "IIb", "2019-03-14", 1234.5, "2022-03-14", 3, "2026-06-01"),
        (1001, "MM-0002", "S2", 101, 11, 2, "IIa", "2020-01-02", 8000.0, None, None, None),
        (1002, "MM-0003", "S3", 102, 12, 4, "I", "2021-05-06", None, None, 3, None),
        (1003, "MM-0004", "S4", 100, 99, 1, "IIb", "2019-03-14", 10.0, None, None, None),  # LocID 99: missing
        (1004, "MM-0005", "S5", 100, 10, 1, "IV", "2019-03-14", 20.0, None, None, None),  # class IV: unknown
        (1005, "MM-0002", "S6", 101, 11, 1, "IIa", "2020-01-02", 30.0, None, None, None),  # AssetTag repeated
        (1006, "MM-0007", "S7", 100, 10, 3, "III", "2018-11-30", 99.99, "2019-11-30", 1, "2026-09-30"),
    ],
    "tblPPMSchedule": [(1, 1000, 12, "2025-06-01", "2026-06-01"), (2, 1001, 6, None, None),
                       (3, 1003, 12, None, None)],  # asset 1003 was rejected
    "tblWorkOrder": [
        (1, 1000, "PM", "2024-01-02 09:00:00", "2024-01-02 10:30:00", "Annual PPM", "Passed", 1, 1.5, 0.0,
         "PERSON_ff66ff66", "x2201"),
        (2, 1001, "CM", "2024-02-03T14:00:00", None, "Screen cracked", None, 2, None, 120.0, None, None),
        (3, 1004, "CM", "2024-02-03 14:00:00", "2024-02-04 09:00:00", "Alarm", "Repaired", 1, 2.0, 45.5, None,
         None),  # asset 1004 rejected
        (4, 1002, "INSP", "2024-03-01 08:00:00", "2024-02-01 08:00:00", "Check", "Passed", 2, 0.5, None, None,
         None),  # closed before opened
        (5, 1006, "XX", "2024-03-01 08:00:00", None, "?", None, None, None, None, None, None),  # unknown type
        (6, 1006, "CM", "2024-03-05 11:00:00", "2024-03-05 12:00:00", "Battery", "Replaced", 7, 1.0, 12.5,
         None, None),  # engineer 7 not in tblStaff
    ],
    "tblContract": [(1, 1000, "Medequip Ltd", "2024-01-01", "2024-12-31", 500.0),
                    (2, 1001, "Medequip Limited", "2024-01-01", "2024-12-31", 750.0),
                    (3, 1006, "Acme Services", "2025-01-01", "2025-12-31", 100.0)],
}


def write_medimaint_db(path: Path, rows: dict[str, list[tuple[Any, ...]]] | None = None) -> Path:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(MEDIMAINT_SCHEMA)
        for table, values in (rows or MEDIMAINT_ROWS).items():
            if values:
                marks = ",".join("?" * len(values[0]))
                connection.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
        connection.commit()
    finally:
        connection.close()
    return path


def read_sqlite_tables(path: Path) -> dict[str, list[pa.RecordBatch]]:
    """Every table as all-string batches (integers as '12', reals as '1234.5')."""
    connection = sqlite3.connect(path)
    try:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        tables: dict[str, list[pa.RecordBatch]] = {}
        for name in names:
            cursor = connection.execute(f"SELECT * FROM {name}")
            columns = [d[0] for d in cursor.description]
            tables[name] = [batch(columns, [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()])]
        return tables
    finally:
        connection.close()
