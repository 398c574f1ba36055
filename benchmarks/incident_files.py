"""The files of `incident_export.py`: the incident system's `incidents.csv` (UTF-8 without a BOM, commas, CR LF
records, quoted cells holding the editor's HTML over several lines), the Medical Devices Safety Officer's
`fsn_tracker.xlsx` (openpyxl: banner rows above the header, date cells, wrapped text, the same bytes for a seed),
their columns, the hand-written mapping that reads both, and reading them back as intake's connectors do."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import incident_kit as kx
from export_common import save_workbook
from incident_fleet import TRACKER, WORKBOOK
from incident_rows import INCIDENTS

INCIDENT_COLUMNS = [
    "Incident ID", "Reported", "Incident date", "Location", "Specialty", "Category", "Reporter", "Reporter job title",
    "Reporter contact", "Handler", "Device type", "Manufacturer", "Model", "Serial number", "Asset tag",
    "Lot / batch", "UDI", "Severity", "Description", "Immediate action taken", "Investigation findings",
    "MHRA reference", "Yellow Card", "Duty of candour", "Closed", "Last modified by"]
TRACKER_COLUMNS = [
    "FSN ref", "Received", "Manufacturer", "Affected model(s)", "Issue", "Device", "Model", "Serial no.", "Asset tag",
    "Site", "Location", "Device status", "Action required", "Ward acknowledgement", "Completed by", "Date completed",
    "Comments"]
NULLS = ["", "-", "n/a", "N/A", "TBC", "none"]

MAPPING = f"""\
# Hand-written mapping for benchmarks/incident_export.py's export: the web incident system's incidents.csv (the
# narratives are the editor's HTML) and the Medical Devices Safety Officer's FSN action tracker (fsn_tracker.xlsx,
# one row per notice and affected asset, below banner rows). The tracker's devices become assets, the incidents
# jobs on them, their reporters contacts with their job titles.
format: intake-mapping/1
system: incident-bench
title: Medical device incidents (web incident system CSV) with the field safety notice tracker (Excel)
null_values: {json.dumps(NULLS)}
lookups:
  status: {{values: {json.dumps(kx.STATUS)}, ignore_case: true, default: unknown}}
  category: {{values: {json.dumps(kx.CATEGORY)}, ignore_case: true, default: other}}
tables:
  - table: {TRACKER}
    source_key: Asset tag
    outputs:
      - {{entity: sites, derive: {{key: [Site], match: exact}}, fields: {{name: Site}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, Location], match: exact}}
        fields: {{site_id: {{ref: sites}}, ward: Location, name: Location}}
      - {{entity: manufacturers, derive: {{key: [Manufacturer], match: exact}}, fields: {{name: Manufacturer}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, Model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: Model, device_type: Device}}
      - entity: assets
        id: {{from: Asset tag, convert: [upper]}}
        fields:
          asset_number: {{from: Asset tag, convert: [upper]}}
          serial_number: "Serial no."
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          status: {{from: Device status, lookup: status, default: unknown}}
          responsible_engineer: Completed by
          notes: {{from: [FSN ref, Issue, Action required, Ward acknowledgement, Comments], join: " | "}}
  - table: incidents
    source_key: Incident ID
    outputs:
      - entity: contacts
        namespace: reporters
        derive: {{key: [Reporter], match: exact}}
        fields: {{name: Reporter, role: {{value: requester}}, job_title: Reporter job title}}
      - entity: jobs
        id: Incident ID
        fields:
          job_number: Incident ID
          asset_id: {{id: assets, from: Asset tag, convert: [upper]}}
          job_type: {{from: Category, lookup: category}}
          status: {{from: Closed, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}}
          raised_at: {{from: Reported, convert: [{{datetime: [uk]}}]}}
          completed_at: {{from: Closed, convert: [{{datetime: [uk]}}], on_invalid: null}}
          fault_description: {{from: [Location, Device type, Description, Immediate action taken], join: " | "}}
          outcome: {{from: [Investigation findings, Severity, MHRA reference, "Lot / batch", UDI, Last modified by],
                    join: " | "}}
          engineer: Handler
          requested_by: Reporter
          requester_phone: Reporter contact
"""


def banners(split: str) -> list[str]:
    """The rows above the tracker's header (blank ones as ""), as the safety officer typed them."""
    if split == "dev15":
        return ["MEDICAL DEVICES - FIELD SAFETY NOTICE ACTION TRACKER", "Add new FSNs at the bottom. Do not delete "
                "rows - mark as complete. Wards MUST acknowledge within 5 working days", ""]
    return ["FSN / Customer Advisory Notice tracker", "", "Source: MHRA alerts, CAS and makers' letters (updated "
            "weekly)", ""]


def header_row(split: str) -> int:
    """The sheet row (1-based) of the tracker's header."""
    return len(banners(split)) + 1


def write_csv(path: Path, records: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=INCIDENT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    path.write_bytes(buf.getvalue().encode("utf-8"))


_STAMP = (2025, 11, 28, 16, 42, 0)


def write_workbook(path: Path, split: str, records: list[dict[str, Any]]) -> int:
    """The tracker below its banner rows; the number of banner rows that hold text. The file's timestamps are
    fixed, so that a seed gives the same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = TRACKER
    top = banners(split)
    written = 0
    for r, text in enumerate(top, start=1):
        if text:
            ws.cell(row=r, column=1, value=text).font = Font(bold=True, size=14 if r == 1 else 10)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
            written += 1
    header = len(top) + 1
    fill = PatternFill("solid", fgColor="FFD9E1F2")
    for c, name in enumerate(TRACKER_COLUMNS, start=1):
        cell = ws.cell(row=header, column=c, value=name)
        cell.font, cell.fill = Font(bold=True), fill
        ws.column_dimensions[cell.column_letter].width = min(45, max(11, len(name) + 4))
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, record in enumerate(records, start=header + 1):
        for c, name in enumerate(TRACKER_COLUMNS, start=1):
            value = record[name]
            if value == "" or value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            elif name in ("Issue", "Action required", "Ward acknowledgement", "Comments"):
                cell.alignment = wrap
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    ws.auto_filter.ref = f"A{header}:{ws.cell(row=header, column=len(TRACKER_COLUMNS)).column_letter}" \
                         f"{header + len(records)}"
    book.properties.creator = "Medical Devices Safety Officer"
    book.properties.created = dt.datetime(2021, 3, 1, 9, 0)
    save_workbook(book, path, _STAMP)
    return written


def read_tables(export: Path) -> dict[str, list[dict[str, str]]]:
    """Both tables as intake's connectors read them (the tracker below its header, the CSV), every value as text,
    blank as ""."""
    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    out: dict[str, list[dict[str, str]]] = {}
    for name in (INCIDENTS, WORKBOOK):
        path = export / "data" / name
        with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
            for table in source.tables():
                reader = source.read(table)
                rows = [row for batch in reader for row in batch.to_pylist()]
                key = "incidents" if name == INCIDENTS else table
                out[key] = [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
    return out
