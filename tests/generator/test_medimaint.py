from __future__ import annotations

import re
import sqlite3

from benchmarks.generator.medimaint_schema import TABLES
from tests.generator.conftest import ASSETS, JOBS

EXPECTED_COLUMNS = {
    "tblSite": ["SiteID", "SiteName", "Address", "Postcode"],
    "tblLocation": ["LocID", "SiteID", "Building", "Dept", "Room"],
    "tblManufacturer": ["MfrID", "MfrName", "Phone", "Email", "ContactName"],
    "tblModel": ["ModelID", "MfrID", "ModelName", "DeviceType", "UMDNS"],
    "tblStaff": ["StaffID", "FirstName", "Surname", "JobTitle", "Phone", "Email"],
    "tblEquipment": ["EquipID", "AssetTag", "SerialNumber", "ModelID", "LocID", "StatusCode", "RiskClass",
                     "InstallDate", "Cost", "WarrantyEnd", "OwnerStaffID", "NextPPM"],
    "tblWorkOrder": ["WOID", "EquipID", "WOType", "Opened", "Closed", "Problem", "Resolution", "EngineerStaffID",
                     "Hours", "PartsCost", "CallerName", "CallerExt"],
    "tblPPMSchedule": ["SchedID", "EquipID", "IntervalMonths", "LastDone", "NextDue"],
    "tblContract": ["ContractID", "EquipID", "SupplierName", "StartDate", "EndDate", "AnnualCost"],
}


def connect(dataset):
    return sqlite3.connect(dataset.paths["medimaint.db"])


def test_tables_have_the_layout_columns(medimaint):
    conn = connect(medimaint)
    try:
        for table in TABLES:
            cols = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            assert cols == EXPECTED_COLUMNS[table], table
        assert set(TABLES) == set(EXPECTED_COLUMNS)
    finally:
        conn.close()


def test_foreign_keys_hold_and_keys_run_from_one(medimaint):
    conn = connect(medimaint)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        declared = {(t, fk[2]) for t in TABLES for fk in conn.execute(f"PRAGMA foreign_key_list({t})")}
        assert ("tblWorkOrder", "tblEquipment") in declared and ("tblEquipment", "tblModel") in declared
        for table in TABLES:
            (n, lo, hi) = conn.execute(f"SELECT COUNT(*), MIN(rowid), MAX(rowid) FROM {table}").fetchone()
            assert n == medimaint.counts[f"{table}.rows"] > 0
            assert (lo, hi) == (1, n), table
        assert medimaint.counts["tblEquipment.rows"] == ASSETS
        assert medimaint.counts["tblWorkOrder.rows"] == JOBS
    finally:
        conn.close()


def test_codes_dates_and_types_follow_the_layout(medimaint):
    conn = connect(medimaint)
    try:
        assert {s for (s,) in conn.execute("SELECT DISTINCT StatusCode FROM tblEquipment")} == {1, 2, 3, 4}
        risks = {r for (r,) in conn.execute("SELECT DISTINCT RiskClass FROM tblEquipment")}
        assert risks - {None} <= {"I", "IIa", "IIb", "III"}
        assert {t for (t,) in conn.execute("SELECT DISTINCT WOType FROM tblWorkOrder")} == {"PM", "CM", "INSP"}
        for (opened, closed) in conn.execute("SELECT Opened, Closed FROM tblWorkOrder"):
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:00", opened)
            assert closed is None or closed >= opened
        install = [d for (d,) in conn.execute("SELECT InstallDate FROM tblEquipment")]
        assert None in install and all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in install if d)
        assert conn.execute("SELECT typeof(Cost) FROM tblEquipment WHERE Cost IS NOT NULL").fetchone() == ("real",)
        problems = [p for (p,) in conn.execute("SELECT Problem FROM tblWorkOrder")]
        assert any(not p.isascii() for p in problems)
    finally:
        conn.close()


def test_same_firm_appears_under_several_names(medimaint):
    conn = connect(medimaint)
    try:
        names = [n for (n,) in conn.execute("SELECT MfrName FROM tblManufacturer")]
    finally:
        conn.close()
    assert len(names) > 37  # more rows than canonical manufacturers
