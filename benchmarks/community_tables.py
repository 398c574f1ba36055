"""The archive of `community_export.py` (renalcare.zip): its four tables and their columns, the codes and the
hand-written mapping whose queries join them; writing the tables as UTF-8 CSVs with a byte-order mark into a zip
with fixed entry times, and reading them back."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

ARCHIVE = "renalcare.zip"
COLUMNS = {
    "contacts": ["ContactID", "Type", "Title", "Forenames", "Surname", "Known As", "Relationship", "Organisation",
                 "Address", "Postcode", "Home Tel", "Mobile", "Email", "DOB", "NHS Number", "Hospital No"],
    "equipment": ["Asset No", "Serial No", "Manufacturer", "Model", "Equipment Type", "Site", "Location",
                  "Placement", "Patient ID", "Keyworker ID", "Installed", "Status", "Notes"],
    "jobs": ["Job Ref", "Asset No", "Raised", "Raised By ID", "Raised By", "Callback", "Category", "Fault",
             "Engineer", "Visit Notes", "Completed", "Status"],
    "device_history": ["Event ID", "Asset No", "Date", "Event", "User", "Detail"],
}
STATUS = {"Live": "in_service", "In store": "in_store", "With supplier": "under_repair", "Condemned": "condemned",
          "On loan": "on_loan"}
CATEGORY = {"PPM": "ppm", "Breakdown": "repair", "Water test": "inspection", "Install": "acceptance",
            "Collection": "other", "FSN": "other"}

MAPPING = f"""\
# Hand-written mapping for benchmarks/community_export.py's export (renalcare.zip: four CSV tables).
# Tables inside an archive are named "archive.zip/entry.csv:entry": the queries quote those names.
format: intake-mapping/1
system: community-renal-bench
title: Community renal and equipment service (contacts, equipment, jobs, device history)
null_values: [""]
lookups:
  status: {{values: {json.dumps(STATUS)}, ignore_case: true, default: unknown}}
  category: {json.dumps(CATEGORY)}
tables:
  - table: equipment
    query: |
      WITH c AS (SELECT * FROM "{ARCHIVE}/contacts.csv:contacts")
      SELECT e.*,
        nullif(concat_ws(' ', nullif(p.Title, ''), nullif(p.Forenames, ''), nullif(p.Surname, '')), '')
          AS patient_name,
        nullif(concat_ws(', ', nullif(p.Address, ''), nullif(p.Postcode, '')), '') AS patient_address,
        coalesce(nullif(p.Mobile, ''), nullif(p."Home Tel", '')) AS patient_phone,
        nullif(concat_ws(' ', nullif(k.Forenames, ''), nullif(k.Surname, '')), '') AS keyworker,
        h.history
      FROM "{ARCHIVE}/equipment.csv:equipment" e
      LEFT JOIN c p ON p.ContactID = e."Patient ID"
      LEFT JOIN c k ON k.ContactID = e."Keyworker ID"
      LEFT JOIN (SELECT "Asset No" AS hist_asset,
                        string_agg(concat_ws(' ', "Date", "Event", nullif("User", ''), nullif(Detail, '')), ' || '
                                   ORDER BY "Event ID") AS history
                 FROM "{ARCHIVE}/device_history.csv:device_history" GROUP BY "Asset No") h
        ON h.hist_asset = e."Asset No"
    source_key: Asset No
    outputs:
      - {{entity: sites, derive: {{key: [Site], match: exact}}, fields: {{name: Site}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, Location], match: exact}}
        fields: {{site_id: {{ref: sites}}, ward: Location, name: Location}}
      - {{entity: manufacturers, derive: {{key: [Manufacturer], match: exact}}, fields: {{name: Manufacturer}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, Model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: Model, device_type: Equipment Type}}
      - entity: assets
        id: Asset No
        fields:
          asset_number: Asset No
          serial_number: Serial No
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          owner: keyworker
          contact_phone: patient_phone
          status: {{from: Status, lookup: status, default: unknown}}
          acquisition_date: {{from: Installed, convert: [{{date: [uk, iso]}}], on_invalid: null}}
          notes: {{from: [Notes, patient_name, patient_address, history], join: " | "}}
  - table: jobs
    query: |
      SELECT j.*,
        coalesce(nullif(concat_ws(' ', nullif(c.Title, ''), nullif(c.Forenames, ''), nullif(c.Surname, '')), ''),
                 nullif(c.Organisation, ''), nullif(j."Raised By", '')) AS caller,
        coalesce(nullif(j.Callback, ''), nullif(c.Mobile, ''), nullif(c."Home Tel", '')) AS callback_no
      FROM "{ARCHIVE}/jobs.csv:jobs" j LEFT JOIN "{ARCHIVE}/contacts.csv:contacts" c ON c.ContactID = j."Raised By ID"
    source_key: Job Ref
    outputs:
      - entity: jobs
        id: Job Ref
        fields:
          job_number: Job Ref
          asset_id: {{id: assets, from: Asset No}}
          job_type: {{from: Category, lookup: category}}
          status: {{from: Completed, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}}
          raised_at: {{from: Raised, convert: [{{datetime: [uk, iso]}}]}}
          completed_at: {{from: Completed, convert: [{{datetime: [uk, iso]}}], on_invalid: null}}
          fault_description: Fault
          outcome: Visit Notes
          engineer: Engineer
          requested_by: caller
          requester_phone: callback_no
"""

FIXED = (2026, 12, 4, 18, 30, 0)


def _archive(tables: dict[str, list[dict[str, str]]]) -> bytes:
    """The tables as UTF-8 CSVs with a byte-order mark and CRLF line ends, in a zip with fixed entry times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, records in tables.items():
            buf = io.StringIO()
            writer = csv.DictWriter(buf, COLUMNS[name], lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(records)
            info = zipfile.ZipInfo(f"{name}.csv", date_time=FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buf.getvalue().encode("utf-8-sig"))
    return out.getvalue()


def read_tables(export: Path) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(export / "data" / ARCHIVE) as archive:
        return {name: list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8-sig"), newline="")))
                for name in COLUMNS}
