"""The hand-written mapping of `paeds_export.py`: two DuckDB queries over the dump's tables (also run by
`raw_package` for the baseline) and the YAML around them.

The device query joins the model, maker, supplier, charity, location, site and staff tables in, folds each loan
into a line (the child, their hospital and NHS numbers, date of birth, home, school, the carers with their phones
and e-mails, access notes, the loan's notes and the calls logged on it) and the audit trigger's rows into a history
(the device's id read out of the row's jsonb with a regular expression). The job query folds the actions (who,
what, parts as the jsonb stands) into the outcome and sums hours and parts costs.
"""

from __future__ import annotations

import json

import paeds_kit as kx

DEVICES_QUERY = """\
SELECT d.*, mk.name AS maker, m.model, m.device_type, m.emdn_code, m.mdr_class, s.name AS site_name, l.building,
  l.area, l.room, sup.name AS supplier, 'funded by ' || f.name AS funder,
  nullif(concat_ws(' ', k.forename, k.surname), '') AS keeper, k.mobile AS keeper_mobile,
  nullif(concat_ws(' ', e.forename, e.surname), '') AS link_engineer, ln.loan_history, au.history
FROM devices d
LEFT JOIN device_models m ON m.id = d.model_id
LEFT JOIN organisations mk ON mk.id = m.manufacturer_id
LEFT JOIN organisations sup ON sup.id = d.supplier_id
LEFT JOIN organisations f ON f.id = d.funded_by_id
LEFT JOIN locations l ON l.id = d.location_id
LEFT JOIN sites s ON s.id = l.site_id
LEFT JOIN staff k ON k.id = d.keeper_id
LEFT JOIN staff e ON e.id = d.engineer_id
LEFT JOIN (
  SELECT lo.device_id, string_agg(concat_ws('; ',
      'loan ' || left(lo.issued_at, 10) || coalesce(' to ' || left(lo.returned_at, 10), ' (still out)'),
      concat_ws(' ', p.forename, p.surname), p.hospital_no, 'NHS ' || p.nhs_number, 'DOB ' || p.date_of_birth,
      concat_ws(', ', p.address_line1, p.town, p.postcode), 'tel ' || p.home_phone, p.school,
      'issued by ' || nullif(concat_ws(' ', st.forename, st.surname), ''), c.family, p.access_notes, lo.notes,
      cl.calls), ' || ' ORDER BY lo.issued_at, TRY_CAST(lo.id AS INTEGER)) AS loan_history
  FROM loans lo
  JOIN patients p ON p.id = lo.patient_id
  LEFT JOIN staff st ON st.id = lo.issued_by_id
  LEFT JOIN (SELECT patient_id, string_agg(concat_ws(' ', relationship || ':', full_name, phone, email), ', '
                                           ORDER BY TRY_CAST(id AS INTEGER)) AS family
             FROM carers GROUP BY patient_id) c ON c.patient_id = lo.patient_id
  LEFT JOIN (SELECT loan_id, string_agg(concat_ws(' ', left(called_at, 16), logged_by, note), ' / '
                                        ORDER BY called_at, TRY_CAST(id AS INTEGER)) AS calls
             FROM loan_calls GROUP BY loan_id) cl ON cl.loan_id = lo.id
  GROUP BY lo.device_id) ln ON ln.device_id = d.id
LEFT JOIN (
  SELECT regexp_extract(row_data, '"id": ([0-9]+)', 1) AS device_id,
    string_agg(concat_ws(' ', left(action_tstamp_tx, 16), application_name, changed_fields), ' || '
               ORDER BY action_tstamp_tx, TRY_CAST(event_id AS BIGINT)) AS history
  FROM logged_actions WHERE table_name = 'devices' GROUP BY 1) au ON au.device_id = d.id
ORDER BY TRY_CAST(d.id AS INTEGER)
"""
JOBS_QUERY = """\
SELECT j.*, d.asset_tag, left(j.raised_at, 19) AS raised, left(j.completed_at, 19) AS completed,
  nullif(concat_ws(' ', e.forename, e.surname), '') AS engineer_name, a.work_done, a.hours, a.cost
FROM jobs j
JOIN devices d ON d.id = j.device_id
LEFT JOIN staff e ON e.id = j.engineer_id
LEFT JOIN (
  SELECT ja.job_id,
    string_agg(concat_ws(' - ', left(ja.action_at, 16),
                         coalesce(nullif(concat_ws(' ', s.forename, s.surname), ''),
                                  concat_ws(' ', o.contact_name, '(' || o.name || ')')),
                         ja.action, 'parts ' || ja.parts), chr(10)
               ORDER BY ja.action_at, TRY_CAST(ja.id AS INTEGER)) AS work_done,
    sum(TRY_CAST(ja.hours AS DOUBLE)) AS hours, sum(TRY_CAST(ja.parts_cost AS DECIMAL(12, 2))) AS cost
  FROM job_actions ja
  LEFT JOIN staff s ON s.id = ja.engineer_id
  LEFT JOIN organisations o ON o.id = ja.contractor_id
  GROUP BY ja.job_id) a ON a.job_id = j.id
ORDER BY TRY_CAST(j.id AS INTEGER)
"""


def _indent(sql: str) -> str:
    return "".join("      " + line + "\n" for line in sql.splitlines())


MAPPING = f"""\
# Hand-written mapping for benchmarks/paeds_export.py's export: one pg_dump (plain format) of a children's
# hospital's medical-devices library system. The device query joins models, makers, suppliers, charities,
# locations, sites and staff in and folds each loan (the child, the family, the calls) and the audit trigger's rows
# into the notes; the job query folds the actions and their parts into the outcome.
format: intake-mapping/1
system: paeds-library-pgdump-bench
title: Children's hospital medical-devices library (pg_dump plain format)
null_values: ["", "n/a"]
lookups:
  status: {json.dumps(kx.STATUSES)}
  risk: {json.dumps(kx.RISKS)}
  job_type: {json.dumps(kx.JOB_TYPES)}
  job_status: {json.dumps(kx.JOB_STATUSES)}
ignore_tables:
  app_users: the application's logins and password digests; who changed a record is on the record
  attachments: scanned forms, empty in this export
  settings: the application's own settings, no equipment data
tables:
  - table: devices
    query: |
{_indent(DEVICES_QUERY)}    source_key: asset_tag
    outputs:
      - {{entity: sites, derive: {{key: [site_name], match: exact}}, fields: {{name: site_name}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, building, area, room], match: exact}}
        fields: {{site_id: {{ref: sites}}, building: building, department: area, room: room,
                 name: {{from: [area, room], join: ", "}}}}
      - {{entity: manufacturers, derive: {{key: [maker], match: exact}}, fields: {{name: maker}}}}
      - {{entity: suppliers, derive: {{key: [supplier], match: exact}}, fields: {{name: supplier}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: model, device_type: device_type,
                 category_code: emdn_code, category_scheme: {{value: EMDN}}}}
      - entity: assets
        id: asset_tag
        fields:
          asset_number: asset_tag
          serial_number: serial_number
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          supplier_id: {{ref: suppliers}}
          owner: keeper
          responsible_engineer: link_engineer
          contact_phone: keeper_mobile
          status: {{from: status, lookup: status, default: unknown}}
          risk_class: {{from: risk_category, lookup: risk}}
          device_class: mdr_class
          acquisition_date: {{from: purchase_date, convert: [{{date: [iso]}}], on_invalid: null}}
          acquisition_cost: {{from: purchase_cost, convert: [decimal], on_invalid: null}}
          warranty_expiry: {{from: warranty_until, convert: [{{date: [iso]}}], on_invalid: null}}
          last_ppm_date: {{from: last_ppm, convert: [{{date: [iso]}}], on_invalid: null}}
          next_ppm_due: {{from: next_ppm, convert: [{{date: [iso]}}], on_invalid: null}}
          notes: {{from: [notes, funder, loan_history, history], join: " | "}}
          last_modified_by: updated_by
  - table: jobs
    query: |
{_indent(JOBS_QUERY)}    source_key: job_no
    outputs:
      - entity: jobs
        id: job_no
        fields:
          job_number: job_no
          asset_id: {{id: assets, from: asset_tag}}
          job_type: {{from: job_type, lookup: job_type}}
          status: {{from: status, lookup: job_status}}
          raised_at: {{from: raised, convert: [{{datetime: [iso]}}]}}
          completed_at: {{from: completed, convert: [{{datetime: [iso]}}], on_invalid: null}}
          fault_description: fault
          outcome: work_done
          engineer: engineer_name
          requested_by: reported_by
          requester_phone: reporter_contact
          labour_hours: {{from: hours, convert: [number], on_invalid: null}}
          parts_cost: {{from: cost, convert: [decimal], on_invalid: null}}
"""
