"""The file of `wheelchair_export.py`: the service manager's workbook of the two SharePoint lists as "Export to
Excel" left them (openpyxl: a sheet "owssvr" for the equipment list and one for the repairs list, each an Excel
table from row 1, date and date-time cells, yes/no as booleans, numbers as numbers, the same bytes for a seed),
their columns, the hand-written mapping and reading the sheets back as intake's connector does."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import wheelchair_kit as kx
from export_common import save_workbook, sheet_rows
from wheelchair_rows import EQUIPMENT, REPAIRS, WORKBOOK

EQUIPMENT_COLUMNS = [
    "Asset No", "Item", "Make", "Model", "Serial No", "Size / Config", "Location", "Status", "Client", "NHS Number",
    "Service No", "Date of Birth", "Client Address", "Client Tel", "Carer / Parent", "GP Practice", "Prescriber",
    "Prescriber Role", "Issue Date", "Review Date", "Decontaminated", "Notes", "ID", "Created", "Created By",
    "Modified", "Modified By", "Item Type", "Path"]
REPAIR_COLUMNS = [
    "Job No", "Asset No", "Job Type", "Reported By", "Contact No", "Fault", "Engineer", "Visit Date", "Work Done",
    "Parts Used", "Cost", "Status", "Signed Off", "ID", "Created", "Created By", "Modified", "Modified By",
    "Item Type", "Path"]
COLUMNS = {EQUIPMENT: EQUIPMENT_COLUMNS, REPAIRS: REPAIR_COLUMNS}
NULLS = ["", "-", "n/a", "N/A", "TBC"]
# The equipment list's columns the mapping writes into the asset's notes, each after its label.
NOTE_PARTS = [("Config", "Size / Config"), ("Issued to", "Client"), ("NHS no", "NHS Number"),
              ("Service no", "Service No"), ("DOB", "Date of Birth"), ("Address", "Client Address"),
              ("Carer/parent", "Carer / Parent"), ("GP", "GP Practice"), ("Issued", "Issue Date"),
              ("Review due", "Review Date"), ("Notes", "Notes"), ("SharePoint", "Path"), ("Type", "Item Type")]


def _notes_sql() -> str:
    parts = ",\n             ".join(f"'{label}: ' || \"{column}\"" for label, column in NOTE_PARTS)
    return f"concat_ws(' | ',\n             {parts})"


MAPPING = f"""\
# Hand-written mapping for benchmarks/wheelchair_export.py's export: the wheelchair and posture service's
# SharePoint lists exported to Excel (wheelchair_service.xlsx: the equipment list on sheet "owssvr", the
# repairs list on "Repairs"). Items become assets (the client they are issued to, the client's details and the
# list's notes kept in the asset's notes, the prescriber as owner), repairs become jobs on them.
format: intake-mapping/1
system: wheelchair-sharepoint-bench
title: Wheelchair and posture service equipment and repairs (SharePoint lists exported to Excel)
null_values: {json.dumps(NULLS)}
lookups:
  status: {{values: {json.dumps(kx.STATUS)}, ignore_case: true, default: unknown}}
  job_type: {{values: {json.dumps(kx.JOB_TYPE)}, ignore_case: true, default: other}}
  job_status: {{values: {json.dumps(kx.JOB_STATUS)}, ignore_case: true, default: open}}
tables:
  - table: equipment
    query: |
      SELECT *, {_notes_sql()} AS "Migrated notes"
      FROM {EQUIPMENT}
    source_key: Asset No
    outputs:
      - entity: locations
        derive: {{key: [Location], match: exact}}
        fields: {{name: Location}}
      - {{entity: manufacturers, derive: {{key: [Make], match: exact}}, fields: {{name: Make}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, Model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: Model, device_type: Item}}
      - entity: contacts
        namespace: prescribers
        derive: {{key: [Prescriber], match: exact}}
        fields: {{name: Prescriber, role: {{value: staff}}, job_title: Prescriber Role}}
      - entity: assets
        id: {{from: Asset No, convert: [upper]}}
        fields:
          asset_number: {{from: Asset No, convert: [upper]}}
          serial_number: Serial No
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          status: {{from: Status, lookup: status, default: unknown}}
          owner: Prescriber
          owner_contact_id: {{ref: contacts}}
          contact_phone: Client Tel
          acquisition_date: {{from: Created, convert: [{{date: [iso, uk]}}], on_invalid: null}}
          notes: Migrated notes
          last_modified_by: Modified By
  - table: {REPAIRS}
    source_key: Job No
    outputs:
      - entity: contacts
        namespace: engineers
        derive: {{key: [Engineer], match: exact}}
        fields: {{name: Engineer, role: {{value: engineer}}}}
      - entity: jobs
        id: Job No
        fields:
          job_number: Job No
          asset_id: {{id: assets, from: Asset No, convert: [upper]}}
          job_type: {{from: Job Type, lookup: job_type}}
          status: {{from: Status, lookup: job_status}}
          raised_at: {{from: Created, convert: [{{datetime: [iso, uk]}}]}}
          completed_at: {{from: Visit Date, convert: [{{datetime: [iso, uk]}}], on_invalid: null}}
          fault_description: Fault
          outcome: {{from: [Work Done, Parts Used, Signed Off, Created By], join: " | "}}
          engineer: Engineer
          engineer_contact_id: {{ref: contacts}}
          requested_by: Reported By
          requester_phone: Contact No
          parts_cost: {{from: Cost, convert: [currency], on_invalid: null}}
"""

_STAMP = (2025, 11, 28, 17, 5, 0)


def write_workbook(path: Path, sheets: dict[str, list[dict[str, Any]]]) -> None:
    """Both lists, each an Excel table from A1 as SharePoint's export makes it. The file's timestamps are fixed, so
    that a seed gives the same bytes."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for number, (name, records) in enumerate(sheets.items(), start=1):
        ws = book.create_sheet(name)
        columns = COLUMNS[name]
        for c, column in enumerate(columns, start=1):
            ws.cell(row=1, column=c, value=column)
            ws.column_dimensions[get_column_letter(c)].width = min(40, max(10, len(column) + 3))
        sheet_rows(ws, columns, records)
        last = f"{get_column_letter(len(columns))}{len(records) + 1}"
        table = Table(displayName=f"Table_owssvr{'_' + str(number) if number > 1 else ''}", ref=f"A1:{last}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(table)
    book.properties.creator = "SharePoint"
    book.properties.created = dt.datetime(2025, 11, 28, 17, 0)
    save_workbook(book, path, _STAMP)


def read_tables(export: Path) -> dict[str, list[dict[str, str]]]:
    """Both sheets as intake's connector reads them, every value as text, blank as ""."""
    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    path = export / "data" / WORKBOOK
    out: dict[str, list[dict[str, str]]] = {}
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        for table in source.tables():
            rows = [row for batch in source.read(table) for row in batch.to_pylist()]
            out[table] = [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
    return out


def migrated_notes(r: dict[str, str]) -> str:
    """The mapping query's notes of an equipment row (the baseline's copy of it)."""
    return " | ".join(f"{label}: {r[column]}" for label, column in NOTE_PARTS if r.get(column, "") != "")
