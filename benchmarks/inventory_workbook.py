"""The workbook of `inventory_export.py` (inventory.xlsx): three sheets with banner rows above a header on row 9,
their columns, the codes and the hand-written mapping that reads them; writing the sheets with fixed times and
reading them back."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from export_common import save_workbook

WORKBOOK = "inventory.xlsx"
HEADER_ROW = 9
REGISTER, ORDERS, LOANS = "Equipment Register", "Work Orders", "Loans & Decon"
REGISTER_COLUMNS = [
    "Asset No", "Barcode", "Old Asset No", "Description", "Category", "UMDNS Code", "Manufacturer", "Model",
    "Serial No", "Site", "Building", "Floor", "Department", "Ward/Unit", "Room", "Responsible Person",
    "Resp. Engineer", "Contact Tel", "Contact Email", "Supplier", "Service Agent", "Purchase Order",
    "Purchase Cost", "Purchase Date", "Install Date", "Warranty Expiry", "Contract Type", "Status", "Risk Class",
    "PPM Interval (months)", "Last PPM", "Next PPM Due", "PAT Test ID", "Last PAT Date", "Firmware",
    "Condition Score", "Replacement Year", "Funding Source", "Comments", "Inspection Notes", "Created By",
    "Created On", "Last Modified By", "Last Modified On", "Disposal Ref"]
ORDER_COLUMNS = [
    "WO No", "Asset No", "Job Type", "Priority", "Logged", "Requested By", "Requester Contact", "Fault Description",
    "Incident Ref", "Incident Notes", "Assigned Engineer", "Vendor FSR", "Work Carried Out", "Parts Used",
    "Labour", "Parts Cost", "Completed", "Signed Off By", "Status"]
LOAN_COLUMNS = [
    "Loan Ref", "Asset No", "Loan Type", "Loan Date", "Due Back", "Returned", "Patient / Borrower",
    "Patient Details", "Issued By", "Issuing Ward", "Decon Status", "Decon By", "Decon Notes", "Return Condition"]
STATUS = {"In Use": "in_service", "In Service": "in_service", "Spare": "in_store",
          "Stores": "in_store", "With Vendor": "under_repair", "Awaiting Repair": "under_repair",
          "Condemned": "condemned", "On Loan": "on_loan"}
JOB_TYPE = {"PPM": "ppm", "Breakdown": "repair", "Repair": "repair", "Inspection": "inspection",
            "Calibration": "calibration", "Acceptance": "acceptance", "Modification": "other"}

MAPPING = f"""\
# Hand-written mapping for benchmarks/inventory_export.py's workbook (inventory.xlsx, three sheets, header row 9).
format: intake-mapping/1
system: inventory-export-bench
title: CMMS inventory workbook (Equipment Register, Work Orders, Loans & Decon)
null_values: ["", "NA", "N/A", "None", "unknown", "-", "TBC"]
lookups:
  status: {{values: {json.dumps(STATUS)}, ignore_case: true, default: unknown}}
  risk: {{values: {{"High": high, "Med": medium, "Medium": medium, "Low": low}}, ignore_case: true}}
  job_type: {json.dumps(JOB_TYPE)}
tables:
  - table: {REGISTER}
    source_key: Asset No
    outputs:
      - {{entity: sites, derive: {{key: [Site], match: exact}}, fields: {{name: Site}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, Building, Department, Ward/Unit, Room], match: exact}}
        fields: {{site_id: {{ref: sites}}, building: Building, department: Department, ward: Ward/Unit, room: Room,
                 name: {{from: [Ward/Unit, Room], join: " "}}}}
      - {{entity: manufacturers, derive: {{key: [Manufacturer], match: exact}}, fields: {{name: Manufacturer}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, Model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: Model, device_type: Description,
                 category_code: UMDNS Code, category_scheme: {{value: UMDNS}}}}
      - {{entity: suppliers, derive: {{key: [Supplier], match: exact}}, fields: {{name: Supplier}}}}
      - entity: assets
        id: {{from: Asset No, convert: [upper]}}
        fields:
          asset_number: {{from: Asset No, convert: [upper]}}
          serial_number: Serial No
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          supplier_id: {{ref: suppliers}}
          owner: Responsible Person
          responsible_engineer: Resp. Engineer
          contact_phone: {{from: [Contact Tel, Contact Email], join: " / "}}
          status: {{from: Status, lookup: status, default: unknown}}
          risk_class: {{from: Risk Class, lookup: risk, on_invalid: null}}
          acquisition_date: {{from: Purchase Date, convert: [{{date: [iso, uk, month_name, month_year]}}],
                             on_invalid: null}}
          acquisition_cost: {{from: Purchase Cost, convert: [currency], on_invalid: null}}
          warranty_expiry: {{from: Warranty Expiry, convert: [{{date: [iso, uk, month_name]}}], on_invalid: null}}
          last_ppm_date: {{from: Last PPM, convert: [{{date: [iso, uk, month_name]}}], on_invalid: null}}
          next_ppm_due: {{from: Next PPM Due, convert: [{{date: [iso, uk, month_name]}}], on_invalid: null}}
          notes: {{from: [Comments, Inspection Notes], join: " | "}}
          last_modified_by: Last Modified By
  - table: {ORDERS}
    source_key: WO No
    outputs:
      - entity: jobs
        id: WO No
        on_duplicate: merge_identical
        fields:
          job_number: WO No
          asset_id: {{id: assets, from: Asset No, convert: [upper]}}
          job_type: {{from: Job Type, lookup: job_type}}
          status: {{from: Completed, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}}
          raised_at: {{from: Logged, convert: [{{datetime: [iso, uk, month_name]}}]}}
          completed_at: {{from: Completed, convert: [{{datetime: [iso, uk, month_name]}}], on_invalid: null}}
          fault_description: {{from: [Fault Description, Incident Ref, Incident Notes], join: " -- "}}
          outcome: {{from: [Work Carried Out, Vendor FSR], join: " | FSR: "}}
          engineer: Assigned Engineer
          requested_by: Requested By
          requester_phone: Requester Contact
          labour_hours: {{from: Labour, convert: [{{unit: {{quantity: duration, to: hours, default_unit: hours}}}}],
                         on_invalid: null}}
          parts_cost: {{from: Parts Cost, convert: [currency], on_invalid: null}}
  - table: {LOANS}
    source_key: Loan Ref
    outputs:
      - entity: jobs
        id: Loan Ref
        fields:
          job_number: Loan Ref
          asset_id: {{id: assets, from: Asset No, convert: [upper]}}
          job_type: {{value: other}}
          status: {{from: Returned, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}}
          raised_at: {{from: Loan Date, convert: [{{datetime: [iso, uk, month_name]}}]}}
          completed_at: {{from: Returned, convert: [{{datetime: [iso, uk, month_name]}}], on_invalid: null}}
          fault_description: {{from: [Loan Type, Patient / Borrower, Patient Details], join: " - "}}
          outcome: {{from: [Decon Status, Decon Notes, Return Condition], join: "; "}}
          requested_by: Issued By
          engineer: Decon By
"""

FIXED_TIME = dt.datetime(2026, 11, 30, 17, 5, 0)

NULLS = {"NA", "N/A", "None", "unknown", "-", "TBC"}


def write_workbook(path: Path, sheets: dict[str, list[dict[str, Any]]], exporter: str) -> int:
    """The sheets below their banner rows (the export's user named in one), saved with fixed times; the number of
    banner rows written."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    banners = 0
    for title, columns in ((REGISTER, REGISTER_COLUMNS), (ORDERS, ORDER_COLUMNS), (LOANS, LOAN_COLUMNS)):
        ws = book.create_sheet(title)
        banner = [f"{title.upper()} - Full export", f"Exported by: {exporter}",
                  f"Export date: {FIXED_TIME:%d/%m/%Y %H:%M}",
                  "", "Filter: All sites; Status <> Disposed", "Hexley Teaching Hospitals NHS Trust",
                  f"Records: {len(sheets[title])}"]
        for r, text in enumerate(banner, start=1):
            if text:
                ws.cell(row=r, column=1, value=text)
                banners += 1
        for c, name in enumerate(columns, start=1):
            ws.cell(row=HEADER_ROW, column=c, value=name)
        for r, record in enumerate(sheets[title], start=HEADER_ROW + 1):
            for c, name in enumerate(columns, start=1):
                if record[name] != "":
                    ws.cell(row=r, column=c, value=record[name])
    book.properties.created = book.properties.modified = FIXED_TIME
    save_workbook(book, path, (2026, 11, 30, 17, 5, 0))  # FIXED_TIME: a seed always gives the same bytes
    return banners


def read_sheets(export: Path) -> dict[str, list[dict[str, str]]]:
    """Each sheet's rows below the header, as the cells' text ("" for blank)."""
    from openpyxl import load_workbook

    book = load_workbook(export / "data" / WORKBOOK, read_only=True)
    out: dict[str, list[dict[str, str]]] = {}
    for ws in book.worksheets:
        rows = list(ws.iter_rows(min_row=HEADER_ROW, values_only=True))
        header = [str(v) for v in rows[0]]
        out[ws.title] = [{h: "" if v is None else str(v) for h, v in zip(header, r, strict=False)} for r in rows[1:]]
    book.close()
    return out
