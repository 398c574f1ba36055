"""The hand-written mapping of `audiology_export.py`'s export, as a customer's engineer would write it: DuckDB queries
over the register (assets, with maker, model and place; the patient a device is issued to folded into the notes: dev22
from the register's own columns, fresh20 joined from the client table), the repairs joined to the aid by serial, the
postal batteries to the patient's device by NHS or H&C number, the calibrations (dev22 with the engineer joined from
the staff table), dev22's booth checks, the radio-aid loans and fresh20's makers' repair orders (nested keys and the
events array folded); the package's text fields the baseline lays out; the queries run on the files as intake reads
them."""

from __future__ import annotations

import json
from pathlib import Path

import audiology_kit as kx
from audiology_rows import COLUMNS, JOB_ROLES, RECORDS, REGISTER, REPAIRS
from endoscopy_files import register

NULLS = ["", "N/A", "-", "n/a"]
LABELS = {"dev22": {"repair": "HA repair", "battery": "Postal batteries", "cal": "Calibration",
                    "booth": "Booth check", "loan": "Radio aid loan"},
          "fresh20": {"repair": "REPAIR CLINIC", "battery": "BATTERIES", "cal": "CALIBRATION", "loan": "FM LOAN",
                      "rma": "MAKER REPAIR"}}
STATES = {"repair": kx.REPAIR_STATUS, "battery": kx.BATTERY_STATUS, "cal": kx.CAL_STATUS, "booth": kx.BOOTH_STATUS,
          "loan": kx.LOAN_STATUS, "rma": kx.RMA_STATUS}


def nz(expr: str) -> str:
    """A value as text, blank read as NULL (the query sees the file's raw text)."""
    return f"NULLIF(trim(CAST({expr} AS VARCHAR)), '')"


def labelled(parts: list[tuple[str, str]]) -> str:
    return "NULLIF(concat_ws(' | ',\n        " + ",\n        ".join(
        f"'{label}: ' || {nz(expr)}" for label, expr in parts) + "), '')"


def _c(split: str, role: str, alias: str) -> dict[str, str]:
    """A table's columns by role, quoted and prefixed with the alias (a nested key as DuckDB struct access)."""
    def path(c: str) -> str:
        return ".".join(f'"{p}"' for p in (c.split(".") if role == "rma" else [c]))
    return {r: f"{alias}.{path(c)}" for r, c in COLUMNS[split][role][1].items()}


def _t(split: str, role: str) -> str:
    return f'"{COLUMNS[split][role][0]}"'


def _done(split: str, role: str) -> str:
    return ", ".join(f"'{s}'" for s, v in STATES[role][split].items() if v == "completed")


def _digits(expr: str) -> str:
    return f"regexp_replace(CAST({expr} AS VARCHAR), '[^0-9]', '', 'g')"


def _assets_query(split: str) -> str:
    r = _c(split, "register", "r")
    if split == "dev22":
        patient = labelled([("Ear", r["side"]), ("Patient", r["pt"]), ("Hospital no", r["hosp"]), ("NHS no", r["num"]),
                            ("DOB", r["dob"]), ("Address", r["addr"]), ("Postcode", r["pc"]),
                            ("Parent/carer", r["carer"]), ("School", r["school"])])
        join, phone = "", nz(r["tel"])
    else:
        c = _c(split, "client", "c")
        patient = labelled([("Ear", r["side"]), ("Client", f"concat_ws(' ', {c['title']}, {c['first']}, {c['last']})"),
                            ("H&C", c["num"]), ("Hospital no", c["hosp"]), ("DOB", c["dob"]),
                            ("Address", f"concat_ws(', ', {c['addr1']}, {c['addr2']}, {c['town']}, {c['pc']})"),
                            ("Home tel", c["tel"]), ("Mobile", c["mob"]),
                            ("Carer", f"concat_ws(' ', {c['carer']}, {c['carertel']})"), ("School", c["school"]),
                            ("GP", c["gp"]), ("Alerts", c["alerts"])])
        join, phone = f"LEFT JOIN {_t(split, 'client')} c ON {c['id']} = {r['client']}", "NULL"
    return f"""SELECT upper({r['tag']}) AS asset_no, {r['serial']} AS serial, {r['maker']} AS maker,
        {r['model']} AS model, {r['type']} AS device_type, {r['status']} AS status,
        concat_ws(' / ', {r['site']}, {r['clinic']}, {r['room']}) AS location, {r['clinic']} AS department,
        {nz(r['room'])} AS room, {nz(r['by'])} AS owner, {phone} AS phone, {nz(r['acquired'])} AS installed,
        {nz(r['due'])} AS next_due, concat_ws(' | ', {nz(r['notes'])}, {patient}) AS notes,
        {nz(r['user'])} AS modified_by
      FROM {_t(split, 'register')} r {join}"""


def _select(split: str, role: str, alias: str, asset: str, raised: str, done: str, fault: str, outcome: str,
            extra: str, tail: str) -> str:
    c = _c(split, role, alias)
    return f"""SELECT {c['no']} AS job_no, {asset} AS asset_no, '{LABELS[split][role]}' AS job_type,
        {c['status'] if 'status' in c else c['result']} AS status, {raised} AS raised,
        CASE WHEN {c['status'] if 'status' in c else c['result']} IN ({_done(split, role)}) THEN {done} END AS done,
        {fault} AS fault, {outcome} AS outcome{extra}
      FROM {_t(split, role)} {alias} {tail}"""


def _repairs_query(split: str) -> str:
    p, r = _c(split, "repair", "p"), _c(split, "register", "r")
    dev = split == "dev22"
    fault = labelled([("Fault", p["fault"]), ("Ear", p["side"])] + ([] if dev else [
        ("Client", p["pt"]), ("H&C", p["num"]), ("Send back to", p["addr"]), ("Contact", p["tel"])]) + (
        [("NHS no", p["num"]), ("DOB", p["dob"]), ("Address", p["addr"]), ("Postcode", p["pc"])] if dev else []))
    outcome = f"concat_ws(' | ', {nz(p['action'])}, {nz(p['notes'])}, 'Maker ref: ' || {nz(p['mref'])}" + (
        f", 'Returned by: ' || {nz(p['how'])}, 'Logged by: ' || {nz(p['user'])})" if dev else ")")
    extra = f",\n        {nz(p['tech'])} AS engineer" + (
        f", {nz(p['pt'])} AS requester, {nz(p['tel'])} AS phone" if dev else "")
    return _select(split, "repair", "p", f"upper({r['tag']})", nz(p["in"]), nz(p["out"]), fault, outcome, extra,
                   f"LEFT JOIN {_t(split, 'register')} r ON {r['serial']} = {p['serial']}")


def _batteries_query(split: str) -> str:
    b = _c(split, "battery", "b")
    dev = split == "dev22"
    if dev:
        r = _c(split, "register", "r")
        owners = f"""SELECT {_digits(r['num'])} AS k, min(upper({r['tag']})) AS tag FROM {_t(split, 'register')} r
          WHERE {r['num']} IS NOT NULL GROUP BY 1"""
    else:
        r, c = _c(split, "register", "d"), _c(split, "client", "c")
        owners = f"""SELECT {_digits(c['num'])} AS k, min(upper({r['tag']})) AS tag FROM {_t(split, 'register')} d
          JOIN {_t(split, 'client')} c ON {c['id']} = {r['client']} GROUP BY 1"""
    fault = labelled([("Patient", b["pt"]), ("Number", b["num"]), ("Address", b["addr"])] +
                     ([("Postcode", b["pc"])] if dev else []) + [("Battery", b["size"]), ("Packs", b["packs"])])
    outcome = f"concat_ws(' | ', {nz(b['notes'])}, 'Sent by: ' || {nz(b['by'])})"
    return _select(split, "battery", "b", "o.tag", nz(b["date"]), nz(b["sent"] if dev else b["date"]), fault,
                   outcome, "", f"LEFT JOIN ({owners}) o ON o.k = {_digits(b['num'])}")


def _cal_query(split: str) -> str:
    c = _c(split, "cal", "c")
    fault = labelled([("Type", c["stage"]), ("Standard", c["std"]), ("Certificate", c["cert"])])
    if split == "dev22":
        s = _c(split, "staff", "s")
        outcome = (f"concat_ws(' | ', {nz(c['readings'])}, {nz(c['notes'])}, 'Next due: ' || {nz(c['due'])}, "
                   f"'Engineer reg: ' || {nz(s['reg'])}, 'Login: ' || {nz(s['login'])}, "
                   f"'Mobile: ' || {nz(s['mobile'])}, 'E-mail: ' || {nz(s['email'])})")
        return _select(split, "cal", "c", f"upper({c['tag']})", nz(c["date"]), nz(c["date"]), fault, outcome,
                       f",\n        {nz(s['name'])} AS engineer",
                       f"LEFT JOIN {_t(split, 'staff')} s ON CAST({s['id']} AS VARCHAR) = CAST({c['eng']} AS VARCHAR)")
    outcome = f"concat_ws(' | ', {nz(c['readings'])}, {nz(c['notes'])}, 'Next due: ' || {nz(c['due'])})"
    return _select(split, "cal", "c", f"upper({c['tag']})", nz(c["date"]), nz(c["date"]), fault, outcome,
                   f",\n        {nz(c['eng'])} AS engineer", "")


def _booth_query(split: str) -> str:
    c, s = _c(split, "booth", "c"), _c(split, "staff", "s")
    fault = labelled([("Booth", c["booth"]), ("Octave band levels", c["ambient"])])
    outcome = (f"concat_ws(' | ', {nz(c['notes'])}, 'Login: ' || {nz(s['login'])}, 'Reg: ' || {nz(s['reg'])}, "
               f"'Mobile: ' || {nz(s['mobile'])}, 'E-mail: ' || {nz(s['email'])})")
    return _select(split, "booth", "c", f"upper({c['tag']})", nz(c["date"]), nz(c["date"]), fault, outcome,
                   f",\n        {nz(s['name'])} AS engineer",
                   f"LEFT JOIN {_t(split, 'staff')} s ON CAST({s['id']} AS VARCHAR) = CAST({c['by']} AS VARCHAR)")


def _loan_query(split: str) -> str:
    c = _c(split, "loan", "l")
    dev = split == "dev22"
    fault = labelled([("Child", c["child"]), ("DOB", c["dob"]), ("Number", c["num"]), ("School", c["school"]),
                      ("Parent/carer", c["carer"]), ("Carer phone", c["carertel"]), ("Due back", c["due"])])
    extra = f",\n        {nz(c['tod'])} AS requester" + (f", {nz(c['todtel'])} AS phone" if dev else ", NULL AS phone")
    return _select(split, "loan", "l", f"upper(trim({c['tag']}))", nz(c["out"]), nz(c["back"]), fault,
                   nz(c["notes"]), extra, "")


def _rma_query(split: str) -> str:
    m, r = _c(split, "rma", "m"), _c(split, "register", "r")
    fault = labelled([("Maker", m["maker"]), ("Model", m["model"]), ("End user", m["enduser"]),
                      ("Clinic ref", m["clinicref"]), ("Clinic", m["clinic"]), ("Fault code", m["code"]),
                      ("Fault", m["text"])])
    events = m["notes"]
    outcome = (f"NULLIF(array_to_string(list_transform({events}, lambda e: concat_ws(' ', e.\"at\", e.\"by\", "
               f"e.\"text\")), ' | '), '')")
    last = f"{events}[-1].\"at\""
    return _select(split, "rma", "m", f"upper({r['tag']})", f"replace(CAST({m['created']} AS VARCHAR), 'Z', '')",
                   f"replace(CAST({last} AS VARCHAR), 'Z', '')", fault, outcome, "",
                   f"LEFT JOIN {_t(split, 'register')} r ON {r['serial']} = {m['serial']}")


QUERIES = {"repair": _repairs_query, "battery": _batteries_query, "cal": _cal_query, "booth": _booth_query,
           "loan": _loan_query, "rma": _rma_query}


def queries(split: str) -> dict[str, str]:
    return {"assets": _assets_query(split), **{role: QUERIES[role](split) for role in JOB_ROLES[split]}}


def _indent(sql: str, spaces: int = 6) -> str:
    return "\n".join(" " * spaces + line.strip() if i else line for i, line in enumerate(sql.splitlines()))


EXTRA = {"repair": "\n          engineer: engineer", "cal": "\n          engineer: engineer",
         "booth": "\n          engineer: engineer", "rma": "",
         "loan": "\n          requested_by: requester\n          requester_phone: phone", "battery": ""}


def _jobs(split: str, role: str, sql: str) -> str:
    extra = EXTRA[role]
    if role == "repair" and split == "dev22":
        extra += "\n          requested_by: requester\n          requester_phone: phone"
    return f"""  - table: {role}_jobs
    query: |
      {_indent(sql)}
    source_key: job_no
    outputs:
      - entity: jobs
        id: job_no
        fields:
          job_number: job_no
          asset_id: {{id: assets, from: asset_no}}
          job_type: {{from: job_type, lookup: job_type}}
          status: {{from: status, lookup: {role}_status}}
          raised_at: {{from: raised, convert: [{{datetime: [iso, uk]}}]}}
          completed_at: {{from: done, convert: [{{datetime: [iso, uk]}}], on_invalid: null}}
          fault_description: fault
          outcome: outcome{extra}
"""


def mapping(split: str) -> str:
    q = queries(split)
    lines = "\n".join(f"  {role}_status: {{values: {json.dumps(STATES[role][split], ensure_ascii=False)}, "
                      f"ignore_case: true, default: open}}" for role in JOB_ROLES[split])
    types = {LABELS[split][role]: kx.JOB_TYPE[role] for role in JOB_ROLES[split]}
    jobs = "".join(_jobs(split, role, q[role]) for role in JOB_ROLES[split])
    files = ", ".join((REGISTER[split], REPAIRS[split], RECORDS[split]))
    return f"""\
# Hand-written mapping for benchmarks/audiology_export.py's export ({split}): an audiology department's equipment
# register with the hearing aids and radio-aid kits it has issued ({files});
# repairs, postal batteries, calibrations, checks, loans and makers' repair orders as jobs.
format: intake-mapping/1
system: audiology-bench
title: Audiology equipment, hearing-aid repairs and postal batteries
null_values: {json.dumps(NULLS)}
lookups:
  status: {{values: {json.dumps(kx.STATUS[split])}, ignore_case: true, default: unknown}}
  job_type: {{values: {json.dumps(types)}, ignore_case: true, default: other}}
{lines}
tables:
  - table: {COLUMNS[split]['register'][0]}
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
        id: asset_no
        fields:
          asset_number: asset_no
          serial_number: serial
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          status: {{from: status, lookup: status, default: unknown}}
          owner: owner
          contact_phone: phone
          acquisition_date: {{from: installed, convert: [{{date: [iso, uk]}}], on_invalid: null}}
          next_ppm_due: {{from: next_due, convert: [{{date: [iso, uk]}}], on_invalid: null}}
          notes: notes
          last_modified_by: modified_by
{jobs}"""


_JOB = {"job_number": "job_no", "fault_description": "fault", "outcome": "outcome"}
# The package's text fields and the query column each is read from (the baseline lays its cells out so).
FIELDS = {"assets": {"assets": {"asset_number": "asset_no", "serial_number": "serial", "owner": "owner",
                                "contact_phone": "phone", "notes": "notes", "last_modified_by": "modified_by"},
                     "locations": {"name": "location", "department": "department", "room": "room"},
                     "manufacturers": {"name": "maker"},
                     "device_models": {"name": "model", "device_type": "device_type"}},
          "repair": {"jobs": {**_JOB, "engineer": "engineer", "requested_by": "requester",
                              "requester_phone": "phone"}},
          "battery": {"jobs": _JOB}, "cal": {"jobs": {**_JOB, "engineer": "engineer"}},
          "booth": {"jobs": {**_JOB, "engineer": "engineer"}},
          "loan": {"jobs": {**_JOB, "requested_by": "requester", "requester_phone": "phone"}}, "rma": {"jobs": _JOB}}


def files(export: Path, split: str) -> list[Path]:
    return [export / "data" / name for name in (REGISTER[split], REPAIRS[split], RECORDS[split])]


def query_tables(export: Path, split: str) -> dict[str, list[dict[str, str]]]:
    """The mapping's queries run on the files as intake's connectors read them: rows of text, NULL as ""."""
    query = register(*files(export, split))
    return {key: query(sql) for key, sql in queries(split).items()}
