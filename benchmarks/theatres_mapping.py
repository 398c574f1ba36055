"""The layout of `theatres_export.py`'s three files (their columns), the codes of the vendor's system (statuses,
ticket categories) and the hand-written mapping of its export, which converts the decimal-comma costs and folds
each scope's tracking rows into its asset's notes."""

from __future__ import annotations

import json

STATUS = {"Active": "in_service", "Spare": "in_store", "Faulty": "under_repair", "Quarantined": "under_repair",
          "Condemned": "condemned"}
CATEGORY = {"Breakdown": "repair", "User damage": "repair", "PPM": "ppm", "Decon issue": "other",
            "Acceptance": "inspection"}

MAPPING = f"""\
# Hand-written mapping for benchmarks/theatres_export.py's export (three ';'-separated ISO-8859-1 files).
# The costs carry a decimal comma; each scope's tracking rows are folded into its asset's notes.
format: intake-mapping/1
system: theatres-equipment-bench
title: Theatres and anaesthetics equipment (vendor export, semicolon CSV)
null_values: [""]
lookups:
  status: {{values: {json.dumps(STATUS)}, ignore_case: true, default: unknown}}
  category: {json.dumps(CATEGORY)}
tables:
  - table: equipment
    query: |
      SELECT e.*, replace(replace(e."Cost (£)", '.', ''), ',', '.') AS cost,
        t.tracked
      FROM equipment e
      LEFT JOIN (SELECT "Scope No" AS scope,
                        string_agg(concat_ws(' ', "Date", "Washer", 'cycle ' || "Cycle", "Procedure", "Patient",
                                             nullif("Checked by", '')), ' || ' ORDER BY "Date") AS tracked
                 FROM scope_tracking GROUP BY "Scope No") t ON t.scope = e."Equip No"
    source_key: Equip No
    outputs:
      - {{entity: sites, derive: {{key: [Site], match: exact}}, fields: {{name: Site}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, Theatre / Area], match: exact}}
        fields: {{site_id: {{ref: sites}}, name: Theatre / Area, department: Specialty}}
      - {{entity: manufacturers, derive: {{key: [Manufacturer], match: exact}}, fields: {{name: Manufacturer}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, Model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: Model, device_type: Description}}
      - entity: assets
        id: Equip No
        fields:
          asset_number: Equip No
          serial_number: Serial No
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          owner: Owner
          contact_phone: Owner Tel
          status: {{from: Status, lookup: status, default: unknown}}
          acquisition_date: {{from: Purchase Date, convert: [{{date: [uk]}}], on_invalid: null}}
          acquisition_cost: {{from: cost, convert: [{{decimal: 2}}], on_invalid: null}}
          notes: {{from: [Comments, tracked], join: " | "}}
          last_modified_by: Edited By
  - table: tickets
    source_key: Ticket No
    outputs:
      - entity: jobs
        id: Ticket No
        fields:
          job_number: Ticket No
          asset_id: {{id: assets, from: Equip No}}
          job_type: {{from: Category, lookup: category}}
          status: {{from: Closed, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}}
          raised_at: {{from: Raised, convert: [{{datetime: [uk]}}]}}
          completed_at: {{from: Closed, convert: [{{datetime: [uk]}}], on_invalid: null}}
          fault_description: {{from: [Problem, Incident Ref], join: " | Incident: "}}
          outcome: {{from: [Action Taken, Updates], join: "\\n"}}
          engineer: Engineer
          requested_by: Raised By
          requester_phone: Contact
"""

EQUIPMENT = ["Equip No", "Description", "Manufacturer", "Model", "Serial No", "Theatre / Area", "Specialty", "Site",
             "Owner", "Owner Tel", "Purchase Date", "Cost (£)", "Status", "Comments", "Edited By"]
TICKETS = ["Ticket No", "Equip No", "Raised", "Raised By", "Contact", "Category", "Problem", "Action Taken",
           "Updates", "Engineer", "Closed", "Incident Ref"]
TRACKING = ["Scope No", "Cycle", "Washer", "Date", "Patient", "Procedure", "Theatre", "Checked by"]
