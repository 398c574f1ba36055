"""The files of `labinv_export.py`: the lab manager's Excel 97-2003 workbook (three sheets below banner rows,
written with xlwt: dates as date cells, costs and old numeric tags as numbers, line breaks inside cells), the
Spanish partner's `inventario.csv` (UTF-8 with Excel's BOM, comma-separated, CR LF records, multi-line quoted
cells), their columns and codes, the hand-written mapping that reads both, and reading them back as intake's
connectors do."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import labinv_kit as kx

WORKBOOK = "LabInventory.xls"
CSV_FILE = "inventario.csv"
INVENTORY, SERVICE, LOANS, INVENTARIO = "Inventory", "Service log", "Loans", "inventario"
INVENTORY_COLUMNS = [
    "Asset tag", "Item", "Manufacturer", "Model", "Serial no.", "Site", "Building", "Lab / room", "PI",
    "Day-to-day contact", "Contact tel / email", "Service provider", "Provider contact", "Supplier",
    "Grant / cost centre", "Purchased", "Cost (£)", "Status", "Last service", "Next service due", "Cal cert no.",
    "Notes"]
SERVICE_COLUMNS = [
    "Log no.", "Date", "Asset tag", "Item", "Type", "Reported by", "Contact", "Problem / reason",
    "Engineer / company", "Work done / notes", "Cert no.", "Cost (£)", "Completed"]
LOAN_COLUMNS = [
    "Loan no.", "Asset tag", "Item", "Borrower", "Staff / student no.", "Borrower contact", "Purpose / participant",
    "Out", "Due back", "Returned", "Checked in by", "Notes"]
ES_COLUMNS = [
    "Nº Inventario", "Descripción", "Marca", "Modelo", "Nº de serie", "Centro", "Edificio", "Servicio", "Ubicación",
    "Responsable", "Contacto", "Servicio técnico", "Proveedor", "Fecha de alta", "Importe (€)", "Estado",
    "Próxima revisión", "Observaciones", "Incidencias", "Usuario modificación", "Fecha modificación"]
COLUMNS = {INVENTORY: INVENTORY_COLUMNS, SERVICE: SERVICE_COLUMNS, LOANS: LOAN_COLUMNS, INVENTARIO: ES_COLUMNS}
SHEETS = (INVENTORY, SERVICE, LOANS)
NULLS = ["", "-", "n/a", "N/A", "?", "tbc", "TBC", "none"]

MAPPING = f"""\
# Hand-written mapping for benchmarks/labinv_export.py's export: the research labs' inventory workbook
# (LabInventory.xls: Inventory, Service log, Loans, each below banner rows) and the Spanish partner hospital's
# inventario.csv. Both inventories become assets; service visits and loans become jobs.
format: intake-mapping/1
system: labinv-bench
title: Research and laboratory equipment inventory (Excel 97-2003) with a partner hospital's inventario.csv
null_values: {json.dumps(NULLS)}
lookups:
  status: {{values: {json.dumps(kx.STATUS)}, ignore_case: true, default: unknown}}
  estado: {{values: {json.dumps(kx.ES_STATUS, ensure_ascii=False)}, ignore_case: true, default: unknown}}
  job_type: {{values: {json.dumps(kx.JOB_TYPE)}, ignore_case: true, default: other}}
tables:
  - table: {INVENTORY}
    source_key: Asset tag
    outputs:
      - {{entity: sites, derive: {{key: [Site], match: exact}}, fields: {{name: Site}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, Building, "Lab / room"], match: exact}}
        fields: {{site_id: {{ref: sites}}, building: Building, room: "Lab / room",
                 name: {{from: [Building, "Lab / room"], join: ", "}}}}
      - {{entity: manufacturers, derive: {{key: [Manufacturer], match: exact}}, fields: {{name: Manufacturer}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, Model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: Model, device_type: Item}}
      - {{entity: suppliers, derive: {{key: [Supplier], match: exact}}, fields: {{name: Supplier}}}}
      - entity: assets
        id: {{from: Asset tag, convert: [upper]}}
        fields:
          asset_number: {{from: Asset tag, convert: [upper]}}
          serial_number: "Serial no."
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          supplier_id: {{ref: suppliers}}
          owner: {{from: [PI, "Day-to-day contact"], join: " / "}}
          responsible_engineer: Service provider
          contact_phone: {{from: ["Contact tel / email", "Provider contact"], join: " / "}}
          status: {{from: Status, lookup: status, default: unknown}}
          acquisition_date: {{from: Purchased, convert: [{{date: [iso, uk, month_name, month_year]}}],
                             on_invalid: null}}
          acquisition_cost: {{from: "Cost (£)", convert: [currency], on_invalid: null}}
          last_ppm_date: {{from: Last service, convert: [{{date: [iso, uk]}}], on_invalid: null}}
          next_ppm_due: {{from: Next service due, convert: [{{date: [iso, uk]}}], on_invalid: null}}
          notes: {{from: [Notes, "Grant / cost centre", "Cal cert no."], join: " | "}}
  - table: {INVENTARIO}
    source_key: Nº Inventario
    outputs:
      - {{entity: sites, derive: {{key: [Centro], match: exact}}, fields: {{name: Centro}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, Edificio, Servicio, Ubicación], match: exact}}
        fields: {{site_id: {{ref: sites}}, building: Edificio, department: Servicio, room: Ubicación,
                 name: {{from: [Servicio, Ubicación], join: " - "}}}}
      - {{entity: manufacturers, derive: {{key: [Marca], match: exact}}, fields: {{name: Marca}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, Modelo], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: Modelo, device_type: Descripción}}
      - {{entity: suppliers, derive: {{key: [Proveedor], match: exact}}, fields: {{name: Proveedor}}}}
      - entity: assets
        id: {{from: Nº Inventario, convert: [upper]}}
        fields:
          asset_number: {{from: Nº Inventario, convert: [upper]}}
          serial_number: Nº de serie
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          supplier_id: {{ref: suppliers}}
          owner: Responsable
          contact_phone: Contacto
          responsible_engineer: Servicio técnico
          status: {{from: Estado, lookup: estado, default: unknown}}
          acquisition_date: {{from: Fecha de alta, convert: [{{date: [uk, iso, month_name, month_year]}}],
                             on_invalid: null}}
          acquisition_cost: {{from: "Importe (€)", convert: [{{replace: {{pattern: ".", regex: false}}}},
                             {{replace: {{pattern: ",", replacement: ".", regex: false}}}},
                             {{currency: {{symbols: ["€", EUR], rate: 0.86}}}}], on_invalid: null}}
          next_ppm_due: {{from: Próxima revisión, convert: [{{date: [uk, iso]}}], on_invalid: null}}
          notes: {{from: [Observaciones, Incidencias], join: " | "}}
          last_modified_by: Usuario modificación
  - table: {SERVICE}
    source_key: Log no.
    outputs:
      - entity: jobs
        id: Log no.
        on_duplicate: merge_identical
        fields:
          job_number: Log no.
          asset_id: {{id: assets, from: Asset tag, convert: [upper]}}
          job_type: {{from: Type, lookup: job_type}}
          status: {{from: Completed, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}}
          raised_at: {{from: Date, convert: [{{datetime: [iso, uk, month_name]}}]}}
          completed_at: {{from: Completed, convert: [{{datetime: [iso, uk, month_name]}}], on_invalid: null}}
          fault_description: Problem / reason
          outcome: {{from: ["Work done / notes", "Cert no."], join: " | cert "}}
          engineer: Engineer / company
          requested_by: Reported by
          requester_phone: Contact
          parts_cost: {{from: "Cost (£)", convert: [currency], on_invalid: null}}
  - table: {LOANS}
    source_key: Loan no.
    outputs:
      - entity: jobs
        id: Loan no.
        fields:
          job_number: Loan no.
          asset_id: {{id: assets, from: Asset tag, convert: [upper]}}
          job_type: {{value: other}}
          status: {{from: Returned, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}}
          raised_at: {{from: Out, convert: [{{datetime: [iso, uk]}}]}}
          completed_at: {{from: Returned, convert: [{{datetime: [iso, uk]}}], on_invalid: null}}
          fault_description: {{from: [Item, "Purpose / participant"], join: " - "}}
          outcome: Notes
          engineer: Checked in by
          requested_by: {{from: [Borrower, "Staff / student no."], join: " "}}
          requester_phone: Borrower contact
"""


def banners(split: str, sheet: str) -> list[str]:
    """The rows above a sheet's header (blank ones as ""), as the lab manager typed them."""
    if split == "dev14":
        return {INVENTORY: ["KINGSMERE - RESEARCH EQUIPMENT INVENTORY", "Maintained by the Lab Manager - select ALL "
                            "columns before sorting!!", "Last updated 14/11/2025", ""],
                SERVICE: ["Service / repair / calibration log - add new visits at the bottom", ""],
                LOANS: ["EQUIPMENT LOANS - sign out AND back in"]}[sheet]
    return {INVENTORY: ["Tynecastle Centre for Translational Medicine", "Shared equipment register (v7, do not "
                        "circulate outside the institute)", "", "Revised 02/10/2025", ""],
            SERVICE: ["Service and calibration history"],
            LOANS: ["Equipment loans register", "Please record every return", ""]}[sheet]


def write_workbook(path: Path, split: str, sheets: dict[str, list[dict[str, Any]]]) -> int:
    """The three sheets below their banner rows; the number of banner rows that hold text."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    day = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    wrap = xlwt.easyxf("align: wrap on, vert top")
    bold = xlwt.easyxf("font: bold on")
    written = 0
    for title in SHEETS:
        ws = book.add_sheet(title)
        top = banners(split, title)
        for r, text in enumerate(top):
            if text:
                ws.write(r, 0, text, bold)
                written += 1
        header = len(top)
        for c, name in enumerate(COLUMNS[title]):
            ws.write(header, c, name, bold)
            ws.col(c).width = 256 * min(40, max(10, len(name) + 4))
        for r, record in enumerate(sheets[title], start=header + 1):
            for c, name in enumerate(COLUMNS[title]):
                value = record[name]
                if value == "" or value is None:
                    continue
                if isinstance(value, dt.date):
                    ws.write(r, c, value if isinstance(value, dt.datetime) else
                             dt.datetime.combine(value, dt.time()), day)
                elif isinstance(value, str) and "\n" in value:
                    ws.write(r, c, value, wrap)
                else:
                    ws.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    path.write_bytes(buf.getvalue())
    return written


def header_row(split: str, sheet: str) -> int:
    """The sheet row (1-based) of a sheet's header."""
    return len(banners(split, sheet)) + 1


def write_csv(path: Path, records: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ES_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def read_tables(export: Path) -> dict[str, list[dict[str, str]]]:
    """Every table as intake's connectors read it (the workbook's sheets below their headers, the CSV), every value
    as text, blank as ""."""
    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    out: dict[str, list[dict[str, str]]] = {}
    for name in (WORKBOOK, CSV_FILE):
        path = export / "data" / name
        with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
            for table in source.tables():
                reader = source.read(table)
                rows = [row for batch in reader for row in batch.to_pylist()]
                key = INVENTARIO if name == CSV_FILE else table
                out[key] = [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
    return out
