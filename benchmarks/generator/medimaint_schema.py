"""MediMaint's SQL layout: the tables of medimaint.db and their columns, the columns that never hold personal
data, and reading a table back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .truth import NonPersonalColumn

DB_FILE = "medimaint.db"
SCHEMA = """
CREATE TABLE tblSite (SiteID INTEGER PRIMARY KEY, SiteName TEXT NOT NULL, Address TEXT, Postcode TEXT);
CREATE TABLE tblLocation (LocID INTEGER PRIMARY KEY, SiteID INTEGER NOT NULL REFERENCES tblSite(SiteID),
    Building TEXT, Dept TEXT, Room TEXT);
CREATE TABLE tblManufacturer (MfrID INTEGER PRIMARY KEY, MfrName TEXT NOT NULL, Phone TEXT, Email TEXT,
    ContactName TEXT);
CREATE TABLE tblModel (ModelID INTEGER PRIMARY KEY, MfrID INTEGER NOT NULL REFERENCES tblManufacturer(MfrID),
    ModelName TEXT NOT NULL, DeviceType TEXT, UMDNS TEXT);
CREATE TABLE tblStaff (StaffID INTEGER PRIMARY KEY, FirstName TEXT, Surname TEXT, JobTitle TEXT, Phone TEXT,
    Email TEXT);
CREATE TABLE tblEquipment (EquipID INTEGER PRIMARY KEY, AssetTag TEXT NOT NULL, SerialNumber TEXT,
    ModelID INTEGER REFERENCES tblModel(ModelID), LocID INTEGER REFERENCES tblLocation(LocID),
    StatusCode INTEGER, RiskClass TEXT, InstallDate TEXT, Cost REAL, WarrantyEnd TEXT,
    OwnerStaffID INTEGER REFERENCES tblStaff(StaffID), NextPPM TEXT);
CREATE TABLE tblWorkOrder (WOID INTEGER PRIMARY KEY, EquipID INTEGER NOT NULL REFERENCES tblEquipment(EquipID),
    WOType TEXT, Opened TEXT, Closed TEXT, Problem TEXT, Resolution TEXT,
    EngineerStaffID INTEGER REFERENCES tblStaff(StaffID), Hours REAL, PartsCost REAL, CallerName TEXT,
    CallerExt TEXT);
CREATE TABLE tblPPMSchedule (SchedID INTEGER PRIMARY KEY, EquipID INTEGER NOT NULL REFERENCES tblEquipment(EquipID),
    IntervalMonths INTEGER, LastDone TEXT, NextDue TEXT);
CREATE TABLE tblContract (ContractID INTEGER PRIMARY KEY,
    EquipID INTEGER NOT NULL REFERENCES tblEquipment(EquipID), SupplierName TEXT, StartDate TEXT, EndDate TEXT,
    AnnualCost REAL);
"""
TABLES = ("tblSite", "tblLocation", "tblManufacturer", "tblModel", "tblStaff", "tblEquipment", "tblWorkOrder",
          "tblPPMSchedule", "tblContract")


def nonpersonal_columns() -> list[NonPersonalColumn]:
    """Columns whose values may look personal but are not (nonpersonal.json): a detection in them is a false
    positive."""
    kinds = (("tblSite", "SiteName", "SITE"), ("tblSite", "Address", "ADDRESS"),
             ("tblSite", "Postcode", "POSTCODE"),
             ("tblLocation", "Building", "LOCATION"), ("tblLocation", "Dept", "DEPARTMENT"),
             ("tblLocation", "Room", "LOCATION"), ("tblManufacturer", "MfrName", "MANUFACTURER"),
             ("tblModel", "ModelName", "MODEL"), ("tblModel", "DeviceType", "DEVICE_TYPE"),
             ("tblEquipment", "AssetTag", "IDENTIFIER"), ("tblEquipment", "SerialNumber", "SERIAL"),
             ("tblContract", "SupplierName", "SUPPLIER"))
    return [NonPersonalColumn(DB_FILE, table, column, kind) for table, column, kind in kinds]


def iter_table(path: Path, table: str) -> Iterator[tuple]:
    """Rows of one table in key order (for tests and benchmarks reading the truth back)."""
    if table not in TABLES:
        raise KeyError(table)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield from conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
    finally:
        conn.close()
