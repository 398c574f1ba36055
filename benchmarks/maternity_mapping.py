"""The hand-written mapping of `maternity_export.py`'s export, as a customer's engineer would write it: DuckDB queries
that join the EBME database's equipment to its locations (assets), its work orders to the staff table and their log
entries (jobs), the CTG central station's files unioned and joined to the equipment by serial number (jobs), and the
EPR's loan log with the woman, her baby and home folded into the job's fault description; the package's text fields
the baseline lays out; the queries run on the files as intake reads them (the baseline's view of the mapped cells)."""

from __future__ import annotations

import json
from pathlib import Path

import maternity_kit as kx
from maternity_files import register
from maternity_jobs import CTG_KEYS, EPR_COLS
from maternity_rows import DUMP, EPR, MEMBERS, TABLES, ZIP

NULLS = ["", "NULL", "-", "n/a"]


def _q(path: str, alias: str = "t") -> str:
    """A nested key's dotted path as DuckDB struct access on the table alias, cast to text."""
    return "CAST(" + alias + "." + ".".join(f'"{p}"' for p in path.split(".")) + " AS VARCHAR)"


def nz(expr: str) -> str:
    """A value as text, blank or the SSMS export's "NULL" read as NULL (the query sees the file's raw text)."""
    return f"NULLIF(NULLIF(trim(CAST({expr} AS VARCHAR)), ''), 'NULL')"


def labelled(parts: list[tuple[str, str]]) -> str:
    """concat_ws of "Label: value" for each non-blank value (`expr` SQL)."""
    return "concat_ws(' | ',\n        " + ",\n        ".join(
        f"'{label}: ' || {nz(expr)}" for label, expr in parts) + ")"


def _done(codes: dict[str, str]) -> str:
    return ", ".join(f"'{s}'" for s, v in codes.items() if v == "completed")


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _assets_query(split: str) -> str:
    (eq, e), (lo, lc) = TABLES[split]["equip"], TABLES[split]["loc"]
    return f"""SELECT e.{e['tag']} AS asset_no, e.{e['serial']} AS serial, e.{e['maker']} AS maker,
        e.{e['model']} AS model, e.{e['type']} AS device_type, e.{e['status']} AS status,
        concat_ws(' / ', l.{lc['site']}, l.{lc['unit']}, l.{lc['area']}) AS location, l.{lc['unit']} AS department,
        l.{lc['area']} AS ward, e.{e['keeper']} AS owner, e.{e['tel']} AS phone, e.{e['bought']} AS installed,
        e.{e['notes']} AS notes, e.{e['user']} AS modified_by
      FROM "{eq}" e LEFT JOIN "{lo}" l ON l.{lc['id']} = e.{e['loc']}"""


def _wo_query(split: str) -> str:
    (wo, w), (st, s), (lg, g) = (TABLES[split][r] for r in ("wo", "staff", "log"))
    return f"""SELECT w.{w['no']} AS job_no, upper(w.{w['tag']}) AS asset_no, w.{w['type']} AS job_type,
        w.{w['status']} AS status, w.{w['raised']} AS raised,
        CASE WHEN w.{w['status']} IN ({_done(kx.WO_STATUS[split])}) THEN w.{w['done']} END AS done,
        w.{w['fault']} AS fault, w.{w['caller']} AS requester, w.{w['contact']} AS phone,
        concat_ws(' ', s.{s['given']}, s.{s['surname']}) AS engineer, s.{s['title']} AS engineer_title,
        CAST(w.{w['hours']} AS VARCHAR) AS hours,
        (SELECT string_agg(concat_ws(' ', g.{g['at']}, g.{g['by']}, g.{g['text']}), ' | ' ORDER BY g.{g['id']})
           FROM "{lg}" g WHERE g.{g['no']} = w.{w['no']}) AS outcome
      FROM "{wo}" w LEFT JOIN "{st}" s ON s.{s['id']} = w.{w['eng']}"""


def _ctg_query(split: str) -> str:
    k = CTG_KEYS[split]
    (eq, e) = TABLES[split]["equip"]
    notes = (f"array_to_string(list_transform(t.\"{k['notes']}\", lambda a: concat_ws(' ', a.\"{k['time']}\", "
             f"a.\"{k['by']}\", a.\"{k['text']}\")), ' | ')")
    fault = labelled([("Bed", _q(k["bed"])), ("Unit", _q(k["ward"])), ("Monitor", _q(k["model"])),
                      ("Software", _q(k["sw"])), ("Patient", _q(k["name"])),
                      ("Hosp no" if split == "dev20" else "Unit no", _q(k["hosp"])),
                      ("NHS no" if split == "dev20" else "CHI", _q(k["num"])), ("DOB", _q(k["dob"])),
                      ("Gestation", _q(k["gest"])), ("EDD", _q(k["edd"]))])
    parts = [f"""SELECT {_q(k['id'])} AS job_no, {_q(k['serial'])} AS serial, {_q(k['type'])} AS job_type,
          {_q(k['state'])} AS status, {_q(k['at'])} AS raised, {_q(k['clear'])} AS cleared,
          concat_ws(' | ', {_q(k['msg'])}, {fault}) AS fault,
          concat_ws(' | ', NULLIF({notes}, ''), 'Acknowledged: ' || {_q(k['login'])}) AS outcome,
          {_q(k['ackname'])} AS requester
        FROM "{_stem(member)}" t""" for member in MEMBERS[split]]
    union = "\n        UNION ALL\n        ".join(parts)
    return f"""SELECT ev.job_no, upper(e.{e['tag']}) AS asset_no, ev.job_type, ev.status, ev.raised,
        CASE WHEN ev.status IN ({_done(kx.CTG_STATUS[split])}) THEN ev.cleared END AS done,
        ev.fault, ev.outcome, ev.requester
      FROM ({union}) ev
      JOIN "{eq}" e ON e.{e['serial']} = ev.serial"""


def _loans_query(split: str) -> str:
    k = {role: f'"{c}"' for role, c in EPR_COLS[split].items()}
    fault = labelled([("Item", k["item"]), ("Make/model", k["make"]), ("Reason", k["reason"]), ("Woman", k["mother"]),
                      ("Hosp no" if split == "dev20" else "Unit no", k["hosp"]),
                      ("NHS no" if split == "dev20" else "CHI", k["num"]), ("DOB", k["mdob"]),
                      ("Baby", k["baby"]), ("Baby hosp no", k["bhosp"]),
                      ("Baby NHS no" if split == "dev20" else "Baby CHI", k["bnum"]), ("Baby DOB", k["bdob"]),
                      ("Address", k["addr"]), ("Postcode", k["pc"]), ("Email", k["email"]), ("CMW", k["cmw"]),
                      ("GP", k["gp"]), ("Interpreter", k["interp"]), ("Alerts", k["alert"]), ("Due", k["due"])])
    return f"""SELECT {k['ref']} AS job_no, upper(trim({k['equip']})) AS asset_no, {k['reason']} AS job_type,
        {k['status']} AS status, {k['issued']} AS raised,
        CASE WHEN {k['status']} IN ({_done(kx.LOAN_STATUS[split])}) THEN {k['back']} END AS done,
        {fault} AS fault, concat_ws(' | ', {nz(k['notes'])}, 'Last edited by: ' || {nz(k['edited'])})
        AS outcome, {k['issuer']} AS engineer, {k['mother']} AS requester, {k['phone']} AS phone
      FROM "{_stem(EPR[split])}\""""


def queries(split: str) -> dict[str, str]:
    return {"assets": _assets_query(split), "wo": _wo_query(split), "ctg": _ctg_query(split),
            "loans": _loans_query(split)}


def _indent(sql: str, spaces: int = 6) -> str:
    return "\n".join(" " * spaces + line.strip() if i else line for i, line in enumerate(sql.splitlines()))


def _jobs(name: str, sql: str, types: str, states: str, extra: str = "", contacts: str = "") -> str:
    return f"""  - table: {name}
    query: |
      {_indent(sql)}
    source_key: job_no
    outputs:{contacts}
      - entity: jobs
        id: job_no
        fields:
          job_number: job_no
          asset_id: {{id: assets, from: asset_no}}
          job_type: {{from: job_type, lookup: {types}}}
          status: {{from: status, lookup: {states}}}
          raised_at: {{from: raised, convert: [{{datetime: [iso, uk, month_name]}}]}}
          completed_at: {{from: done, convert: [{{datetime: [iso, uk, month_name]}}], on_invalid: null}}
          fault_description: fault
          outcome: outcome
          requested_by: requester{extra}
"""


def _contacts(namespace: str, title: str = "") -> str:
    job_title = f", job_title: {title}" if title else ""
    return f"""
      - entity: contacts
        namespace: {namespace}
        derive: {{key: [engineer], match: exact}}
        fields: {{name: engineer, role: {{value: engineer}}{job_title}}}"""


def mapping(split: str) -> str:
    q = queries(split)
    lookups = {"ctg_type": kx.CTG_TYPE, "ctg_status": kx.CTG_STATUS, "loan_type": kx.LOAN_TYPE,
               "loan_status": kx.LOAN_STATUS, "wo_type": kx.WO_TYPE, "wo_status": kx.WO_STATUS}
    lines = "\n".join(f"  {name}: {{values: {json.dumps(codes[split], ensure_ascii=False)}, ignore_case: true, "
                      f"default: {'other' if 'type' in name else 'open'}}}" for name, codes in lookups.items())
    engineer = """
          engineer: engineer
          engineer_contact_id: {ref: contacts}"""
    return f"""\
# Hand-written mapping for benchmarks/maternity_export.py's export ({split}): a maternity and neonatal service's
# medical physics database ({DUMP[split]}: equipment with its location, work orders with the engineer from the staff
# table and the log entries folded into the outcome), the CTG central station's technical events ({ZIP[split]}: a
# JSON lines file each, unioned, joined to the equipment by serial number; the woman on the monitor and the
# midwives' annotations folded into the job) and the maternity EPR's equipment loans ({EPR[split]}: the woman, her
# baby and home folded into the fault description).
format: intake-mapping/1
system: maternity-equipment-bench
title: Maternity and neonatal equipment (EBME database, CTG central station, EPR loan log)
null_values: {json.dumps(NULLS)}
lookups:
  status: {{values: {json.dumps(kx.STATUS[split])}, ignore_case: true, default: unknown}}
{lines}
tables:
  - table: {TABLES[split]['equip'][0]}
    query: |
      {_indent(q["assets"])}
    source_key: asset_no
    outputs:
      - entity: locations
        derive: {{key: [location], match: exact}}
        fields: {{name: location, department: department, ward: ward}}
      - {{entity: manufacturers, derive: {{key: [maker], match: exact}}, fields: {{name: maker}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: model, device_type: device_type}}
      - entity: assets
        id: {{from: asset_no, convert: [upper]}}
        fields:
          asset_number: {{from: asset_no, convert: [upper]}}
          serial_number: serial
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          status: {{from: status, lookup: status, default: unknown}}
          owner: owner
          contact_phone: phone
          acquisition_date: {{from: installed, convert: [{{date: [iso, uk]}}], on_invalid: null}}
          notes: notes
          last_modified_by: modified_by
{_jobs(TABLES[split]['wo'][0], q['wo'], 'wo_type', 'wo_status', engineer + '''
          requester_phone: phone
          labour_hours: {from: hours, convert: [number], on_invalid: null}''', _contacts('ebme', 'engineer_title'))}\
{_jobs('ctg_technical_events', q['ctg'], 'ctg_type', 'ctg_status')}\
{_jobs(_stem(EPR[split]), q['loans'], 'loan_type', 'loan_status', engineer + '''
          requester_phone: phone''', _contacts('midwives'))}"""


# The package's text fields and the query column each is read from (the baseline lays its cells out so).
FIELDS = {"assets": {"assets": {"asset_number": "asset_no", "serial_number": "serial", "owner": "owner",
                                "contact_phone": "phone", "notes": "notes", "last_modified_by": "modified_by"},
                     "locations": {"name": "location", "department": "department", "ward": "ward"},
                     "manufacturers": {"name": "maker"},
                     "device_models": {"name": "model", "device_type": "device_type"}},
          "wo": {"jobs": {"job_number": "job_no", "fault_description": "fault", "outcome": "outcome",
                          "engineer": "engineer", "requested_by": "requester", "requester_phone": "phone"},
                 "contacts": {"name": "engineer", "job_title": "engineer_title"}},
          "ctg": {"jobs": {"job_number": "job_no", "fault_description": "fault", "outcome": "outcome",
                           "requested_by": "requester"}},
          "loans": {"jobs": {"job_number": "job_no", "fault_description": "fault", "outcome": "outcome",
                             "engineer": "engineer", "requested_by": "requester", "requester_phone": "phone"},
                    "contacts": {"name": "engineer"}}}


def files(export: Path, split: str) -> list[Path]:
    return [export / "data" / name for name in (ZIP[split], EPR[split], DUMP[split])]


def query_tables(export: Path, split: str) -> dict[str, list[dict[str, str]]]:
    """The mapping's four queries run on the files as intake's connectors read them: rows of text, NULL as ""."""
    query = register(*files(export, split))
    return {key: query(sql) for key, sql in queries(split).items()}
