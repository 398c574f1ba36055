"""The files of `oxygen_export.py` and their hand-written mapping: the portal's JSON lines, the drivers' run sheet
(CSV), the engineers' visit log (an .xlsx workbook, date cells, the same bytes for a seed); the mapping's DuckDB
queries, which flatten the portal's objects and fold the patient, the relatives, the referral and the notes into the
asset's notes, the drop's address and access into the job's fault; reading the files back as intake's connectors do
and running those same queries on them (the baseline's view of the mapped cells)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import oxygen_kit as kx
from export_common import dump_query, save_workbook, sheet_rows
from oxygen_rows import PORTAL, RUNS, SHEET, VISIT_COLUMNS, VISITS
from oxygen_runs import COLUMNS as RUN_COLUMNS

NULLS = ["", "-", "N/A", "n/a", "null"]


def nz(column: str) -> str:
    return f"NULLIF(trim(CAST(\"{column}\" AS VARCHAR)), '')"


def labelled(parts: list[tuple[str, str]]) -> str:
    """concat_ws of "Label: value" for each non-blank value."""
    return "concat_ws(' | ',\n        " + ",\n        ".join(
        f"'{label}: ' || NULLIF(trim(CAST({expr} AS VARCHAR)), '')" for label, expr in parts) + ")"


def _cw(sep: str, *exprs: str) -> str:
    return f"concat_ws('{sep}', {', '.join(exprs)})"


_WALES_NOTES = labelled([
    ("Patient", "patient.displayName"), ("NHS no", "patient.nhsNumber"), ("DOB", "patient.dateOfBirth"),
    ("Home", "concat_ws(', ', patient.address.houseName, patient.address.street, patient.address.locality, "
             "patient.address.town, patient.address.postcode)"),
    ("Tel", "patient.phone"), ("Mobile", "patient.mobile"), ("Email", "patient.email"),
    ("Key safe", "patient.keySafe"), ("Language", "patient.language"),
    ("Contacts", "array_to_string(list_transform(patient.contacts, lambda x: "
                 "concat_ws(' ', x.relationship, x.name, x.phone)), '; ')"),
    ("Referrer e-mail", "clinical.referrer.email"),
    ("Referred from", "concat_ws(', ', clinical.hospital, clinical.ward)"),
    ("GP", "concat_ws(', ', clinical.gp.name, clinical.gp.practice)"), ("Setting", "equipment.setting"),
    ("Cylinder", "equipment.cylinderSize"), ("Hours/day", "clinical.prescription.hoursPerDay"),
    ("Risk", "clinical.riskNotes"), ("Installer", "installNotes"),
    ("Commissioner", "contract.commissioner"), ("Provider", "contract.provider")])
_SCOTLAND_NOTES = labelled([
    ("Client", _cw(" ", nz("Title"), nz("Forename"), nz("Surname"))), ("CHI", '"CHI Number"'), ("DOB", '"DOB"'),
    ("Address", _cw(", ", *(nz(c) for c in ("Address Line 1", "Address Line 2", "Town", "Postcode")))),
    ("Door entry", '"Door Entry"'), ("Home tel", '"Home Tel"'), ("Mobile", '"Mobile"'),
    ("Email", '"Email Address"'), ("Key safe", '"Key Safe"'),
    ("NOK", _cw(" ", nz("Next of Kin"), "'(' || " + nz("NOK Relationship") + " || ')'", nz("NOK Tel"))),
    ("Key holder", _cw(" ", nz("Key Holder"), nz("Key Holder Tel"))),
    ("Referred", _cw(", ", nz("Referring Hospital"), nz("Ward / Clinic"))),
    ("Clinician email", '"Clinician Email"'), ("GP", _cw(", ", nz("GP"), nz("GP Practice"))),
    ("Flow/setting", '"Flow / Setting"'), ("Cylinder", '"Cylinder"'), ("Hours per day", '"Hours Per Day"'),
    ("Smoker in household", '"Smoker In Household"'), ("Risk", '"Risk Assessment Notes"'),
    ("Installation", '"Installation Comments"'), ("Health board", '"Health Board"'), ("Provider", '"Provider"')])
PORTAL_QUERY = {
    "dev17": f"""SELECT equipment.assetNo AS asset_no, equipment.serialNo AS serial, equipment.manufacturer AS maker,
        equipment.model AS model, equipment.category AS device_type, location, status,
        clinical.referrer.name AS owner, clinical.referrer.role AS owner_title,
        coalesce(patient.phone, patient.mobile) AS phone, installedOn AS installed, createdBy AS modified_by,
        {_WALES_NOTES} AS notes
      FROM installations""",
    "fresh15": f"""SELECT "Equipment ID" AS asset_no, "Serial Number" AS serial, "Manufacturer" AS maker,
        "Model" AS model, "Equipment Type" AS device_type, "Current Location" AS location, "Status" AS status,
        {nz("Referring Clinician")} AS owner, {nz("Clinician Designation")} AS owner_title,
        coalesce({nz("Home Tel")}, {nz("Mobile")}) AS phone, {nz("Date Installed")} AS installed,
        "Created By" AS modified_by,
        {_SCOTLAND_NOTES} AS notes
      FROM installations"""}

RUN_QUERY = {
    "dev17": f"""SELECT "Order No" AS job_no, "Asset No" AS asset_no, "Job" AS job_type, "Status" AS status,
        "Run Date" AS raised, "Run Date" || ' ' || {nz("Time")} AS done,
        concat_ws(' | ', "Job" || ': ' || "Del" || ' x ' || "Product" || ' out, ' || "Coll" || ' back',
          'Deliver to: ' || {_cw(", ", nz("Address"), nz("Post Code"))}, 'Drop ' || "Drop") AS fault,
        concat_ws(' | ', 'Signed for: ' || {nz("Signed For")}, {nz("Driver Notes")}) AS outcome,
        "Driver" AS engineer, "Patient" AS requester, "Tel" AS phone, NULL AS hours
      FROM run_sheet""",
    "fresh15": f"""SELECT "Delivery Ref" AS job_no, "Equipment" AS asset_no, "Type" AS job_type,
        "Outcome" AS status, "Date" AS raised, "Date" || ' ' || {nz("Arrived")} AS done,
        concat_ws(' | ', "Type" || ' ' || "Full" || ' full / ' || "Empty" || ' empty ' || "Cyl Size",
          'Address: ' || {_cw(", ", *(nz(c) for c in ("Addr 1", "Addr 2", "Town", "Postcode")))},
          'Access: ' || {nz("Access")}, "Route" || ' stop ' || "Stop") AS fault,
        concat_ws(' | ', 'Recipient: ' || {nz("Recipient")}, {nz("Comments")}) AS outcome,
        "Courier" AS engineer, "Customer Name" AS requester, "Contact No" AS phone, NULL AS hours
      FROM run_sheet"""}


def _done(split: str) -> str:
    return ", ".join(f"'{k}'" for k, v in kx.VISIT_STATUS[split].items() if v == "completed")


VISIT_QUERY = {
    "dev17": f"""SELECT "Ref" AS job_no, "Asset" AS asset_no, "Visit Type" AS job_type, "Result" AS status,
        "Logged" AS raised, CASE WHEN "Result" IN ({_done("dev17")}) THEN "Date" END AS done,
        "Reason for visit" AS fault,
        concat_ws(' | ', {nz("Work carried out")}, 'Parts: ' || {nz("Parts")}, 'Signed: ' || {nz("Eng sign")},
          'Logged by: ' || {nz("Logged by")}) AS outcome,
        "Engineer" AS engineer, "Reported by" AS requester, "Contact tel" AS phone, "Hrs" AS hours
      FROM {SHEET["dev17"]}""",
    "fresh15": f"""SELECT "Visit No" AS job_no, "Equipment ID" AS asset_no, "Type" AS job_type, "Status" AS status,
        "Requested" AS raised, CASE WHEN "Status" IN ({_done("fresh15")}) THEN "Attended" END AS done,
        "Reason" AS fault,
        concat_ws(' | ', {nz("Notes")}, 'Parts fitted: ' || {nz("Parts Fitted")}, 'Initials: ' || {nz("Initials")},
          'Input by: ' || {nz("Input By")}) AS outcome,
        "Technician" AS engineer, "Caller" AS requester, "Caller Tel" AS phone, "Time On Site" AS hours
      FROM {SHEET["fresh15"]}"""}


def _indent(sql: str, spaces: int = 6) -> str:
    return "\n".join(" " * spaces + line.strip() if i else line for i, line in enumerate(sql.splitlines()))


def _jobs_table(name: str, sql: str, namespace: str) -> str:
    return f"""  - table: {name}
    query: |
      {_indent(sql)}
    source_key: job_no
    outputs:
      - entity: contacts
        namespace: {namespace}
        derive: {{key: [engineer], match: exact}}
        fields: {{name: engineer, role: {{value: engineer}}}}
      - entity: jobs
        id: job_no
        fields:
          job_number: job_no
          asset_id: {{id: assets, from: asset_no, convert: [upper]}}
          job_type: {{from: job_type, lookup: job_type}}
          status: {{from: status, lookup: job_status}}
          raised_at: {{from: raised, convert: [{{datetime: [iso, uk]}}]}}
          completed_at: {{from: done, convert: [{{datetime: [iso, uk]}}], on_invalid: null}}
          fault_description: fault
          outcome: outcome
          engineer: engineer
          engineer_contact_id: {{ref: contacts}}
          requested_by: requester
          requester_phone: phone
          labour_hours: {{from: hours, convert: [number], on_invalid: null}}
"""


def mapping(split: str) -> str:
    job_types = {**kx.RUN_TYPE[split], **kx.VISIT_TYPE[split]}
    job_status = {**kx.RUN_STATUS[split], **kx.VISIT_STATUS[split]}
    return f"""\
# Hand-written mapping for benchmarks/oxygen_export.py's export ({split}): a home oxygen service's supplier portal
# (installations.jsonl: items on loan to patients, the patient, their contacts, the referral and the notes folded
# into the asset's notes by the query), the drivers' run sheet (run_sheet.csv: deliveries and collections of
# cylinders become jobs, the drop's address and access in the fault) and the engineers' visit log
# (engineer_visits.xlsx: installs, services, breakdowns and removals become jobs).
format: intake-mapping/1
system: oxygen-portal-bench
title: Home oxygen and respiratory equipment service (supplier portal, run sheet, engineers' visit log)
null_values: {json.dumps(NULLS)}
lookups:
  status: {{values: {json.dumps(kx.STATUS[split], ensure_ascii=False)}, ignore_case: true, default: unknown}}
  job_type: {{values: {json.dumps(job_types)}, ignore_case: true, default: other}}
  job_status: {{values: {json.dumps(job_status)}, ignore_case: true, default: open}}
tables:
  - table: installations
    query: |
      {_indent(PORTAL_QUERY[split])}
    source_key: asset_no
    outputs:
      - {{entity: locations, derive: {{key: [location], match: exact}}, fields: {{name: location}}}}
      - {{entity: manufacturers, derive: {{key: [maker], match: exact}}, fields: {{name: maker}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: model, device_type: device_type}}
      - entity: contacts
        namespace: referrers
        derive: {{key: [owner], match: exact}}
        fields: {{name: owner, role: {{value: staff}}, job_title: owner_title}}
      - entity: assets
        id: {{from: asset_no, convert: [upper]}}
        fields:
          asset_number: {{from: asset_no, convert: [upper]}}
          serial_number: serial
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          status: {{from: status, lookup: status, default: unknown}}
          owner: owner
          owner_contact_id: {{ref: contacts}}
          contact_phone: phone
          acquisition_date: {{from: installed, convert: [{{date: [iso, uk]}}], on_invalid: null}}
          notes: notes
          last_modified_by: modified_by
{_jobs_table("run_sheet", RUN_QUERY[split], "drivers")}{_jobs_table(SHEET[split], VISIT_QUERY[split], "engineers")}"""


# The package's text fields and the query column each is read from (the baseline lays its cells out so).
FIELDS = {"installations": {"assets": {"asset_number": "asset_no", "serial_number": "serial", "owner": "owner",
                                       "contact_phone": "phone", "notes": "notes", "last_modified_by": "modified_by"},
                            "locations": {"name": "location"}, "manufacturers": {"name": "maker"},
                            "device_models": {"name": "model", "device_type": "device_type"},
                            "contacts": {"name": "owner", "job_title": "owner_title"}},
          "jobs": {"jobs": {"job_number": "job_no", "fault_description": "fault", "outcome": "outcome",
                            "engineer": "engineer", "requested_by": "requester", "requester_phone": "phone"},
                   "contacts": {"name": "engineer"}}}


# --- writing ------------------------------------------------------------------------------------------------------
def write_portal(path: Path, split: str, lines: list[dict[str, Any]]) -> None:
    if split == "dev17":  # the API: compact, ASCII escapes, LF
        text = "".join(json.dumps(o, ensure_ascii=True, separators=(",", ":")) + "\n" for o in lines)
    else:  # the CSV-shaped export: spaced, UTF-8, CR LF
        text = "".join(json.dumps(o, ensure_ascii=False) + "\r\n" for o in lines)
    path.write_bytes(text.encode("utf-8"))


def write_runs(path: Path, split: str, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    if split == "dev17":
        w = csv.DictWriter(out, RUN_COLUMNS[split], lineterminator="\n")
    else:
        w = csv.DictWriter(out, RUN_COLUMNS[split], quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig" if split == "dev17" else "cp1252"))


_STAMP = (2025, 11, 28, 16, 40, 0)


def write_visits(path: Path, split: str, rows: list[dict[str, Any]]) -> None:
    """The engineers' log, one sheet from A1, date cells formatted day-first; fixed timestamps: a seed gives the
    same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = SHEET[split]
    columns = VISIT_COLUMNS[split]
    for c, column in enumerate(columns, start=1):
        ws.cell(row=1, column=c, value=column).font = Font(bold=True)
    sheet_rows(ws, columns, rows)
    ws.freeze_panes = "A2"
    book.properties.creator = "Service Manager"
    book.properties.created = dt.datetime(2025, 11, 28, 16, 30)
    save_workbook(book, path, _STAMP)


# --- reading back -------------------------------------------------------------------------------------------------
def query_tables(export: Path, split: str) -> dict[str, list[dict[str, str]]]:
    """The mapping's three queries run on the files as intake's connectors read them: rows of text, NULL as ""."""
    query = dump_query(*(export / "data" / name for name in (PORTAL, RUNS, VISITS)))
    return {key: query(sql) for key, sql in (("installations", PORTAL_QUERY[split]), ("run_sheet", RUN_QUERY[split]),
                                             ("visits", VISIT_QUERY[split]))}
