"""The hand-written mapping of `endoscopy_export.py`'s export, as a customer's engineer would write it: DuckDB queries
over the traceability system's register (assets, with maker, model and place), its scope uses joined to the register
by serial (jobs: the patient, the nurse and the cycle folded into the fault description), the washers' cycles joined
by serial (jobs; fresh19's JSON files unioned, nested keys and the log array folded), and the unit's registers of
repairs (dev21 with the field engineer joined from the contacts table), water tests and look-backs (jobs); the
package's text fields the baseline lays out; the queries run on the files as intake reads them."""

from __future__ import annotations

import json
from pathlib import Path

import endoscopy_kit as kx
from endoscopy_files import register
from endoscopy_rows import CYCLES, MEMBERS, RECORDS, TABLES, TRACE

NULLS = ["", "NULL", "-", "n/a"]
LABELS = {"dev21": {"use": "Scope use", "cycle": "AER cycle", "repair": "Repair", "water": "Water test",
                    "lookback": "Look-back"},
          "fresh19": {"use": "EPISODE", "cycle": "REPROCESS", "repair": "MFR REPAIR", "water": "RINSE WATER",
                      "lookback": "LOOKBACK"}}


def nz(expr: str) -> str:
    """A value as text, blank or the log's "NULL" read as NULL (the query sees the file's raw text)."""
    return f"NULLIF(NULLIF(trim(CAST({expr} AS VARCHAR)), ''), 'NULL')"


def labelled(parts: list[tuple[str, str]]) -> str:
    return "concat_ws(' | ',\n        " + ",\n        ".join(
        f"'{label}: ' || {nz(expr)}" for label, expr in parts) + ")"


def _c(split: str, role: str, alias: str) -> dict[str, str]:
    """A table's columns by role, quoted and prefixed with the alias (a nested key as DuckDB struct access)."""
    return {r: f"{alias}." + ".".join(f'"{p}"' for p in c.split(".")) for r, c in TABLES[split][role][1].items()}


def _t(split: str, role: str) -> str:
    return f'"{TABLES[split][role][0]}"'


def _day(split: str, expr: str) -> str:
    """A register's date: dev21's database stamps as they are; fresh19's dates typed into the workbook two ways
    ("02/06/2024", "02-Jun-24") read with both patterns and written ISO."""
    if split == "dev21":
        return f"CAST({expr} AS VARCHAR)"
    return (f"strftime(coalesce(try_strptime(trim({expr}), '%d/%m/%Y'), try_strptime(trim({expr}), '%d-%b-%y')), "
            f"'%Y-%m-%d')")


def _done(codes: dict[str, str]) -> str:
    return ", ".join(f"'{s}'" for s, v in codes.items() if v == "completed")


def _assets_query(split: str) -> str:
    r = _c(split, "register", "r")
    return f"""SELECT {r['tag']} AS asset_no, {r['serial']} AS serial, {r['maker']} AS maker, {r['model']} AS model,
        {r['type']} AS device_type, {r['status']} AS status,
        concat_ws(' / ', {r['site']}, {r['unit']}, {r['room']}) AS location, {r['unit']} AS department,
        {r['room']} AS room, {nz(r['keeper'])} AS owner, {nz(r['tel'])} AS phone,
        CAST({r['bought']} AS VARCHAR) AS installed, {nz(r['notes'])} AS notes, {nz(r['user'])} AS modified_by
      FROM {_t(split, 'register')} r"""


def _uses_query(split: str) -> str:
    u, r = _c(split, "use", "u"), _c(split, "register", "r")
    dev = split == "dev21"
    fault = labelled([("Procedure", u["proc"]), ("Room", u["room"]), ("Patient", u["name"]),
                      ("Hospital no" if dev else "Unit no", u["hosp"]), ("NHS no" if dev else "CHI", u["num"]),
                      ("DOB", u["dob"]), ("Nurse", u["nurse"]), ("Decon cycle" if dev else "Run", u["cycle"])])
    return f"""SELECT {u['no']} AS job_no, upper({r['tag']}) AS asset_no, '{LABELS[split]['use']}' AS job_type,
        {u['status']} AS status, CAST({u['at']} AS VARCHAR) AS raised,
        CASE WHEN {u['status']} IN ({_done(kx.USE_STATUS[split])}) THEN CAST({u['at']} AS VARCHAR) END AS done,
        {fault} AS fault, concat_ws(' | ', {nz(u['notes'])}, 'Entered by: ' || {nz(u['user'])}) AS outcome,
        {nz(u['endo'])} AS requester
      FROM {_t(split, 'use')} u LEFT JOIN {_t(split, 'register')} r ON {r['serial']} = {u['serial']}"""


def _cycle_select(split: str, c: dict[str, str], notes: str) -> str:
    return f"""SELECT {nz(c['no'])} AS job_no, {nz(c['serial'])} AS serial, {nz(c['result'])} AS status,
          {nz(c['start'])} AS raised, {nz(c['end'])} AS finished,
          {labelled([("Machine", c['washer']), ("Programme", c['prog']), ("Leak test", c['leak']),
                     ("Fault", c['fault']), ("Operator ID", c['opid'])])} AS fault,
          concat_ws(' | ', {notes}, 'Released by: ' || {nz(c['auth'])}) AS outcome, {nz(c['op'])} AS requester"""


def _cycles_query(split: str) -> str:
    c = _c(split, "cycle", "t")
    if split == "dev21":
        inner = _cycle_select(split, c, nz(c["notes"])) + f'\n        FROM "{TABLES[split]["cycle"][0]}" t'
    else:
        k = TABLES[split]["cycle"][1]["notes"]
        notes = (f"NULLIF(array_to_string(list_transform(t.\"{k}\", lambda a: concat_ws(' ', a.\"at\", a.\"by\", "
                 f"a.\"text\")), ' | '), '')")
        inner = "\n        UNION ALL\n        ".join(
            _cycle_select(split, c, notes) + f'\n        FROM "{m.rsplit(".", 1)[0]}" t' for m in MEMBERS)
    r = _c(split, "register", "r")
    return f"""SELECT cy.job_no, upper({r['tag']}) AS asset_no, '{LABELS[split]['cycle']}' AS job_type, cy.status,
        cy.raised, CASE WHEN cy.status IN ({_done(kx.CYCLE_RESULT[split])}) THEN cy.finished END AS done,
        cy.fault, cy.outcome, cy.requester
      FROM ({inner}) cy
      LEFT JOIN {_t(split, 'register')} r ON {r['serial']} = cy.serial"""


def _repairs_query(split: str) -> str:
    p = _c(split, "repair", "p")
    fault = labelled([("Fault", p["fault"]), ("Maker ref", p["rma"]), ("Packed by", p["packed"])])
    if split == "dev21":
        f = _c(split, "fse", "f")
        engineer, join = f["name"], f"LEFT JOIN {_t(split, 'fse')} f ON CAST({f['id']} AS VARCHAR) = " \
                                    f"CAST({p['eng']} AS VARCHAR)"
        extra = f", 'FSE mobile: ' || {nz(f['mobile'])}, 'FSE e-mail: ' || {nz(f['email'])}"
    else:
        engineer, join, extra = p["eng"], "", ""
    return f"""SELECT {p['no']} AS job_no, upper(trim({p['tag']})) AS asset_no,
        '{LABELS[split]['repair']}' AS job_type, {p['status']} AS status, {_day(split, p['sent'])} AS raised,
        CASE WHEN {p['status']} IN ({_done(kx.REPAIR_STATUS[split])}) THEN {_day(split, p['back'])} END AS done,
        {fault} AS fault, concat_ws(' | ', {nz(p['notes'])}, 'Loan scope: ' || {nz(p['loan'])}{extra}) AS outcome,
        {nz(engineer)} AS engineer
      FROM {_t(split, 'repair')} p {join}"""


def _water_query(split: str) -> str:
    w = _c(split, "water", "w")
    fault = labelled([("Washer", w["washer"]), ("Lab sample", w["sample"]), ("Result", w["result"]),
                      ("Sampled by", w["by"])])
    return f"""SELECT {w['no']} AS job_no, upper(trim({w['tag']})) AS asset_no,
        '{LABELS[split]['water']}' AS job_type, {w['status']} AS status, {_day(split, w['taken'])} AS raised,
        CASE WHEN {w['status']} IN ({_done(kx.WATER_STATUS[split])}) THEN {_day(split, w['taken'])} END AS done,
        {fault} AS fault, concat_ws(' | ', {nz(w['notes'])}, 'Lab: ' || {nz(w['lab'])}) AS outcome,
        {nz(w['by'])} AS requester, {nz(w['labtel'])} AS phone
      FROM {_t(split, 'water')} w"""


def _lookback_query(split: str) -> str:
    b = _c(split, "lookback", "b")
    return f"""SELECT {b['no']} AS job_no, upper(trim({b['tag']})) AS asset_no,
        '{LABELS[split]['lookback']}' AS job_type, {b['status']} AS status, {_day(split, b['raised'])} AS raised,
        {_day(split, b['closed'])} AS done,
        {labelled([("Incident", b['datix']), ("Patients", b['patients'])])} AS fault, {nz(b['actions'])} AS outcome,
        {nz(b['by'])} AS requester
      FROM {_t(split, 'lookback')} b"""


def queries(split: str) -> dict[str, str]:
    return {"assets": _assets_query(split), "use": _uses_query(split), "cycle": _cycles_query(split),
            "repair": _repairs_query(split), "water": _water_query(split), "lookback": _lookback_query(split)}


def _indent(sql: str, spaces: int = 6) -> str:
    return "\n".join(" " * spaces + line.strip() if i else line for i, line in enumerate(sql.splitlines()))


def _jobs(name: str, sql: str, states: str, extra: str = "", contacts: str = "") -> str:
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
          job_type: {{from: job_type, lookup: job_type}}
          status: {{from: status, lookup: {states}}}
          raised_at: {{from: raised, convert: [{{datetime: [iso, uk, month_name]}}]}}
          completed_at: {{from: done, convert: [{{datetime: [iso, uk, month_name]}}], on_invalid: null}}
          fault_description: fault
          outcome: outcome{extra}
"""


def mapping(split: str) -> str:
    q = queries(split)
    lookups = {"use_status": kx.USE_STATUS, "cycle_status": kx.CYCLE_RESULT, "repair_status": kx.REPAIR_STATUS,
               "water_status": kx.WATER_STATUS, "lookback_status": kx.LOOKBACK_STATUS}
    lines = "\n".join(f"  {name}: {{values: {json.dumps(codes[split], ensure_ascii=False)}, ignore_case: true, "
                      f"default: open}}" for name, codes in lookups.items())
    types = {LABELS[split][k]: v for k, v in kx.JOB_TYPE[split].items()}
    engineer = """
          engineer: engineer
          engineer_contact_id: {ref: contacts}"""
    contacts = """
      - entity: contacts
        namespace: field_engineers
        derive: {key: [engineer], match: exact}
        fields: {name: engineer, role: {value: engineer}}"""
    return f"""\
# Hand-written mapping for benchmarks/endoscopy_export.py's export ({split}): an endoscopy and decontamination
# service's traceability system ({TRACE[split]}: the register of scopes and kit, every scope use joined to it by
# serial with the patient folded into the fault description), the washers' cycles ({CYCLES[split]}: joined by the
# scope's serial) and the unit's registers ({RECORDS[split]}: repairs, water tests, look-backs).
format: intake-mapping/1
system: endoscopy-decontamination-bench
title: Endoscopy and decontamination (traceability, washer cycles, repairs, water tests, look-backs)
null_values: {json.dumps(NULLS)}
lookups:
  status: {{values: {json.dumps(kx.STATUS[split])}, ignore_case: true, default: unknown}}
  job_type: {{values: {json.dumps(types)}, ignore_case: true, default: other}}
{lines}
tables:
  - table: {TABLES[split]['register'][0]}
    query: |
      {_indent(q["assets"])}
    source_key: asset_no
    outputs:
      - entity: locations
        derive: {{key: [location], match: exact}}
        fields: {{name: location, department: department, room: room}}
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
{_jobs(TABLES[split]['use'][0], q['use'], 'use_status', '''
          requested_by: requester''')}\
{_jobs('washer_cycles', q['cycle'], 'cycle_status', '''
          requested_by: requester''')}\
{_jobs(TABLES[split]['repair'][0], q['repair'], 'repair_status', engineer, contacts)}\
{_jobs(TABLES[split]['water'][0], q['water'], 'water_status', '''
          requested_by: requester
          requester_phone: phone''')}\
{_jobs(TABLES[split]['lookback'][0], q['lookback'], 'lookback_status', '''
          requested_by: requester''')}"""


_JOB = {"job_number": "job_no", "fault_description": "fault", "outcome": "outcome"}
# The package's text fields and the query column each is read from (the baseline lays its cells out so).
FIELDS = {"assets": {"assets": {"asset_number": "asset_no", "serial_number": "serial", "owner": "owner",
                                "contact_phone": "phone", "notes": "notes", "last_modified_by": "modified_by"},
                     "locations": {"name": "location", "department": "department", "room": "room"},
                     "manufacturers": {"name": "maker"},
                     "device_models": {"name": "model", "device_type": "device_type"}},
          "use": {"jobs": {**_JOB, "requested_by": "requester"}},
          "cycle": {"jobs": {**_JOB, "requested_by": "requester"}},
          "repair": {"jobs": {**_JOB, "engineer": "engineer"}, "contacts": {"name": "engineer"}},
          "water": {"jobs": {**_JOB, "requested_by": "requester", "requester_phone": "phone"}},
          "lookback": {"jobs": {**_JOB, "requested_by": "requester"}}}


def files(export: Path, split: str) -> list[Path]:
    return [export / "data" / name for name in (TRACE[split], CYCLES[split], RECORDS[split])]


def query_tables(export: Path, split: str) -> dict[str, list[dict[str, str]]]:
    """The mapping's six queries run on the files as intake's connectors read them: rows of text, NULL as ""."""
    query = register(*files(export, split))
    return {key: query(sql) for key, sql in queries(split).items()}
