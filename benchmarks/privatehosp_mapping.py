"""The hand-written mapping of `privatehosp_export.py`: two DuckDB queries over the script's tables (also run by
`raw_package` for the baseline) and the YAML around them.

The asset query joins the model, maker, supplier, room, department, site, owner, link engineer and contract in, and
folds the loans to patients (the patient as the loans desk typed them, their numbers, date of birth, home, phone,
insurer and membership number or NHS number, the consultant, who issued it, the loan's notes), the incidents the
device was in and the audit trail's changes into the notes. The job query folds the notes of the job (engineers'
notes, phone messages, e-mails), the contractor's engineer, the order and the failure cause into the outcome, and
the incident the job was raised for into the fault.
"""

from __future__ import annotations

import json

import privatehosp_kit as kx

ASSETS_QUERY = """\
SELECT a.*, m.ModelName AS model, m.DeviceType AS device_type, m.GMDNCode AS gmdn, m.RiskClass AS risk,
  mk.CompanyName AS maker, sup.CompanyName AS supplier, s.SiteName AS site_name, d.DepartmentName AS department,
  d.Building AS building, r.RoomName AS room,
  nullif(concat_ws(' ', o.Title, o.Forename, o.Surname), '') AS owner_name,
  coalesce(o.Mobile, 'ext ' || o.Extension) AS owner_phone,
  nullif(concat_ws(' ', e.Forename, e.Surname), '') AS engineer_name,
  'PO ' || a.PurchaseOrderNo AS bought_on, 'contract ' || c.ContractNo || ' (' || c.CoverType || ')' AS contract,
  ln.loans, inc.incidents, au.history
FROM Assets a
LEFT JOIN Models m ON m.ModelID = a.ModelID
LEFT JOIN Companies mk ON mk.CompanyID = m.ManufacturerID
LEFT JOIN Companies sup ON sup.CompanyID = a.SupplierID
LEFT JOIN Rooms r ON r.RoomID = a.RoomID
LEFT JOIN Departments d ON d.DepartmentID = r.DepartmentID
LEFT JOIN Sites s ON s.SiteID = d.SiteID
LEFT JOIN Staff o ON o.StaffID = a.OwnerStaffID
LEFT JOIN Staff e ON e.StaffID = a.LinkEngineerID
LEFT JOIN Contracts c ON c.ContractID = a.ContractID
LEFT JOIN (
  SELECT l.AssetID, string_agg(concat_ws('; ',
      'loan ' || left(l.IssuedOn, 10) || coalesce(' to ' || left(l.ReturnedOn, 10), ' (not back)'),
      l.PatientName, l.PatientNo, 'DOB ' || l.DateOfBirth, l.AddressLine, l.Postcode, 'tel ' || l.ContactPhone,
      l.FundingType, nullif(concat_ws(' ', l.InsurerName, l.MembershipNo), ''), 'NHS no ' || l.NHSNumber,
      'consultant ' || nullif(concat_ws(' ', cs.Title, cs.Surname), ''),
      'issued by ' || nullif(concat_ws(' ', ib.Forename, ib.Surname), ''), l.Notes),
    ' || ' ORDER BY l.IssuedOn, TRY_CAST(l.LoanID AS INTEGER)) AS loans
  FROM PatientLoans l
  LEFT JOIN Staff cs ON cs.StaffID = l.ConsultantID
  LEFT JOIN Staff ib ON ib.StaffID = l.IssuedByID
  GROUP BY l.AssetID) ln ON ln.AssetID = a.AssetID
LEFT JOIN (
  SELECT i.AssetID, string_agg(concat_ws(' ', 'incident ' || i.IncidentRef, left(i.OccurredAt, 16), i.Category,
      '(' || i.Harm || '):', i.Description, '- action: ' || i.ActionTaken, '- reported by ' || i.ReportedBy),
    ' || ' ORDER BY i.OccurredAt, TRY_CAST(i.IncidentID AS INTEGER)) AS incidents
  FROM Incidents i GROUP BY i.AssetID) inc ON inc.AssetID = a.AssetID
LEFT JOIN (
  SELECT RecordID, string_agg(concat_ws(' ', left(ChangedOn, 16), ChangedBy, FieldName || ':',
      coalesce(OldValue, '(none)') || ' -> ' || coalesce(NewValue, '(none)')), ' || '
    ORDER BY ChangedOn, TRY_CAST(AuditID AS BIGINT)) AS history
  FROM AuditTrail WHERE TableName = 'Assets' GROUP BY RecordID) au ON au.RecordID = a.AssetID
ORDER BY TRY_CAST(a.AssetID AS INTEGER)
"""
JOBS_QUERY = """\
SELECT w.*, a.AssetTag, left(w.RaisedOn, 19) AS raised, left(w.CompletedOn, 19) AS completed,
  nullif(concat_ws(' ', e.Forename, e.Surname), '') AS engineer_name,
  concat_ws(' | ', w.FaultDescription, 'raised for incident ' || i.IncidentRef) AS fault,
  nullif(concat_ws(chr(10), nt.notes,
    'contractor: ' || nullif(concat_ws(' ', c.CompanyName, c.ServiceContact, c.ServiceMobile), ''),
    'PO ' || w.PONumber, 'cause: ' || w.FailureCause), '') AS work_done
FROM WorkOrders w
JOIN Assets a ON a.AssetID = w.AssetID
LEFT JOIN Staff e ON e.StaffID = w.AssignedToID
LEFT JOIN Companies c ON c.CompanyID = w.ContractorID
LEFT JOIN Incidents i ON i.WorkOrderID = w.WorkOrderID
LEFT JOIN (
  SELECT WorkOrderID, string_agg(concat_ws(' ', left(EnteredOn, 16), EnteredBy, '[' || NoteType || ']', NoteText),
    chr(10) ORDER BY EnteredOn, TRY_CAST(NoteID AS INTEGER)) AS notes
  FROM WorkOrderNotes GROUP BY WorkOrderID) nt ON nt.WorkOrderID = w.WorkOrderID
ORDER BY TRY_CAST(w.WorkOrderID AS INTEGER)
"""


def _indent(sql: str) -> str:
    return "".join("      " + line + "\n" for line in sql.splitlines())


MAPPING = f"""\
# Hand-written mapping for benchmarks/privatehosp_export.py's export: one SQL Server Management Studio script
# (schema and data, UTF-16) of a private hospital group's clinical-engineering CMMS. The asset query joins models,
# makers, suppliers, rooms, departments, sites, staff and contracts in and folds the loans to patients, the
# incidents and the audit trail into the notes; the job query folds the job's notes, the contractor and the
# incident it was raised for into the outcome and the fault.
format: intake-mapping/1
system: privatehosp-ssms-bench
title: Private hospital group clinical engineering CMMS (SQL Server script)
null_values: ["", "n/a"]
lookups:
  status: {json.dumps(kx.STATUSES)}
  risk: {json.dumps(kx.RISKS)}
  job_type: {json.dumps(kx.JOB_TYPES)}
  job_status: {json.dumps(kx.JOB_STATUSES)}
ignore_tables:
  Users: the application's logins and password hashes; who changed a record is on the record
  SystemSettings: the application's own settings, no equipment data
tables:
  - table: Assets
    query: |
{_indent(ASSETS_QUERY)}    source_key: AssetTag
    outputs:
      - {{entity: sites, derive: {{key: [site_name], match: exact}}, fields: {{name: site_name}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, building, department, room], match: exact}}
        fields: {{site_id: {{ref: sites}}, building: building, department: department, room: room,
                 name: {{from: [department, room], join: ", "}}}}
      - {{entity: manufacturers, derive: {{key: [maker], match: exact}}, fields: {{name: maker}}}}
      - {{entity: suppliers, derive: {{key: [supplier], match: exact}}, fields: {{name: supplier}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: model, device_type: device_type,
                 category_code: gmdn, category_scheme: {{value: GMDN}}}}
      - entity: assets
        id: AssetTag
        fields:
          asset_number: AssetTag
          serial_number: SerialNo
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          supplier_id: {{ref: suppliers}}
          owner: owner_name
          responsible_engineer: engineer_name
          contact_phone: owner_phone
          status: {{from: Status, lookup: status, default: unknown}}
          risk_class: {{from: risk, lookup: risk}}
          acquisition_date: {{from: PurchaseDate, convert: [{{date: [iso]}}], on_invalid: null}}
          acquisition_cost: {{from: PurchaseCost, convert: [decimal], on_invalid: null}}
          warranty_expiry: {{from: WarrantyExpiry, convert: [{{date: [iso]}}], on_invalid: null}}
          last_ppm_date: {{from: LastPPM, convert: [{{date: [iso]}}], on_invalid: null}}
          next_ppm_due: {{from: NextPPM, convert: [{{date: [iso]}}], on_invalid: null}}
          notes: {{from: [Notes, bought_on, contract, loans, incidents, history], join: " | "}}
          last_modified_by: LastModifiedBy
  - table: WorkOrders
    query: |
{_indent(JOBS_QUERY)}    source_key: WONumber
    outputs:
      - entity: jobs
        id: WONumber
        fields:
          job_number: WONumber
          asset_id: {{id: assets, from: AssetTag}}
          job_type: {{from: JobType, lookup: job_type}}
          status: {{from: Status, lookup: job_status}}
          raised_at: {{from: raised, convert: [{{datetime: [iso]}}]}}
          completed_at: {{from: completed, convert: [{{datetime: [iso]}}], on_invalid: null}}
          fault_description: fault
          outcome: work_done
          engineer: engineer_name
          requested_by: RaisedBy
          requester_phone: ContactNo
          labour_hours: {{from: LabourHours, convert: [number], on_invalid: null}}
          parts_cost: {{from: PartsCost, convert: [decimal], on_invalid: null}}
"""
