"""The codes of `ambulance_export.py`'s system (asset statuses, job types) and the hand-written mapping of its
export, whose DuckDB queries flatten the API's nested objects and fold each job's updates into its outcome."""

from __future__ import annotations

import json

STATUS = {"IN_SERVICE": "in_service", "SPARE": "in_store", "QUARANTINE": "under_repair",
          "AWAITING_REPAIR": "under_repair", "CONDEMNED": "condemned"}
JOB_TYPES = {"FAULT": "repair", "DAMAGE": "repair", "EVENT_DOWNLOAD": "inspection", "PPM": "ppm", "RECALL": "other"}

MAPPING = f"""\
# Hand-written mapping for benchmarks/ambulance_export.py's export (assets.jsonl + jobs.jsonl from the API).
# Nested objects are read with DuckDB's struct access; a struct cannot be a field itself, so each is flattened.
format: intake-mapping/1
system: ambulance-devices-bench
title: Ambulance trust medical devices and fleet equipment (JSON lines from the API)
null_values: [""]
lookups:
  status: {{values: {json.dumps(STATUS)}, ignore_case: true, default: unknown}}
  job_type: {json.dumps(JOB_TYPES)}
tables:
  - table: assets
    query: |
      SELECT assetId, serial, make, model, category, status, commissioned, notes,
        'SW ' || software AS software_txt,
        location.station.name AS station, location.station.code AS station_code,
        coalesce('Fleet ' || location.vehicle.fleetNo, location.store) AS loc_name,
        location.vehicle.reg AS reg, location.vehicle.type AS vehicle_type,
        custodian.name AS custodian_name, custodian.staffNo AS custodian_no,
        custodian.mobile AS custodian_mobile, custodian.email AS custodian_email,
        audit.modifiedBy AS modified_by
      FROM assets
    source_key: assetId
    outputs:
      - {{entity: sites, derive: {{key: [station], match: exact}}, fields: {{name: station, code: station_code}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, loc_name], match: exact}}
        fields: {{site_id: {{ref: sites}}, name: loc_name, room: reg, department: vehicle_type}}
      - {{entity: manufacturers, derive: {{key: [make], match: exact}}, fields: {{name: make}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: model, device_type: category}}
      - entity: assets
        id: assetId
        fields:
          asset_number: assetId
          serial_number: serial
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          owner: {{from: [custodian_name, custodian_no], join: " "}}
          contact_phone: {{from: [custodian_mobile, custodian_email], join: " / "}}
          status: {{from: status, lookup: status, default: unknown}}
          acquisition_date: {{from: commissioned, convert: [{{date: [iso]}}], on_invalid: null}}
          notes: {{from: [software_txt, notes], join: " | "}}
          last_modified_by: modified_by
  - table: jobs
    query: |
      SELECT jobId, assetId, jobType, opened, closed, fault, workDone, engineer,
        reportedBy.name AS reporter, reportedBy.collarNo AS collar, reportedBy.role AS reporter_role,
        reportedBy.phone AS reporter_phone,
        'Call sign ' || vehicle.callSign AS call_sign, 'CAD ' || incident.cad AS cad,
        array_to_string(list_transform(updates, lambda u: concat_ws(' ', u.at, u.by, u.text)), chr(10)) AS log
      FROM jobs
    source_key: jobId
    outputs:
      - {{entity: contacts, namespace: reporters, derive: {{key: [reporter], match: exact}},
         fields: {{name: reporter, role: {{value: requester}}, job_title: reporter_role, phone: reporter_phone}}}}
      - entity: jobs
        id: jobId
        fields:
          job_number: jobId
          asset_id: {{id: assets, from: assetId}}
          job_type: {{from: jobType, lookup: job_type}}
          status: {{from: closed, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}}
          raised_at: {{from: opened, convert: [{{datetime: [iso]}}]}}
          completed_at: {{from: closed, convert: [{{datetime: [iso]}}], on_invalid: null}}
          fault_description: {{from: [call_sign, cad, fault], join: " | "}}
          outcome: {{from: [workDone, log], join: "\\n"}}
          engineer: engineer
          requested_by: {{from: [reporter, collar], join: " "}}
          requester_phone: reporter_phone
"""
