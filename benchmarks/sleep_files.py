"""The files of `sleep_export.py` and their hand-written mapping: the device portal's tab-separated export (dev19
Windows-1252 with CR LF; fresh17 UTF-8 with LF below a two-line title banner, which intake rejects and the truth
counts), the clinic system's loan history as JSON lines with nested objects (dev19 UTF-8 as is, LF; fresh17 ASCII
with \\u escapes, CR LF) and the loan store's Excel 97-2003 sheet (dev19 date cells; fresh17 dates typed as text);
the mapping's DuckDB queries, which fold the patient, their numbers and home into the asset's notes and the nested
patient, ids and events into the job; reading the files back as intake's connectors do and running those queries
on them (the baseline's view of the mapped cells)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import sleep_kit as kx
from export_common import dump_query
from sleep_jobs import KEYS
from sleep_rows import LOANS, PORTAL, PORTAL_COLS, SHEET, STORE, STORE_COLS

NULLS = ["", "-", "N/A", "n/a", "null"]
TITLE = {"fresh17": ["Islands Respiratory and Sleep Network - remote monitoring export",
                     f"Patients and devices as at {kx.END:%d %B %Y}"]}


def nz(column: str) -> str:
    return f"NULLIF(trim(CAST(\"{column}\" AS VARCHAR)), '')"


def labelled(parts: list[tuple[str, str]]) -> str:
    """concat_ws of "Label: value" for each non-blank value (`expr` SQL)."""
    return "concat_ws(' | ',\n        " + ",\n        ".join(
        f"'{label}: ' || NULLIF(trim(CAST({expr} AS VARCHAR)), '')" for label, expr in parts) + ")"


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _done(codes: dict[str, str]) -> str:
    return ", ".join(f"'{s}'" for s, v in codes.items() if v == "completed")


def _portal_query(split: str) -> str:
    k = {role: f'"{c}"' for role, c in PORTAL_COLS[split].items()}
    notes = labelled([("Patient", k["patient"]), ("Surname", k["surname"]), ("Forename/known as", k["given"]),
                      ("DOB", k["dob"]), ("Hosp no", k["hosp"]),
                      ("NHS no" if split == "dev19" else "Social security no", k["num"]), ("Email", k["email"]),
                      ("Address", k["addr"]), ("Postcode", k["pc"]), ("Mask", k["mask"]), ("Settings", k["set"]),
                      ("Notes", k["notes"]), ("Firmware", k["fw"])])
    c = PORTAL_COLS[split]
    return f"""SELECT {k['tag']} AS asset_no, {k['serial']} AS serial, {k['maker']} AS maker, {k['model']} AS model,
        {k['type']} AS device_type, {k['unit']} AS location, {k['status']} AS status, {nz(c['phone'])} AS phone,
        {nz(c['setup'])} AS installed, {nz(c['user'])} AS modified_by, {notes} AS notes
      FROM {stem(PORTAL[split])}"""


def _loans_query(split: str) -> str:
    k = {role: f'"{key}"' for role, key in KEYS[split].items()}  # quoted: "by", "when", "user" are SQL words
    p, ids, loan, staff = k["patient"], f"{k['patient']}.{k['ids']}", k["loan"], k["staff"]
    fault = labelled([("Patient", f"{p}.{k['name']}"), ("Hosp no", f"{ids}.{k['hosp']}"),
                      ("NHS no" if split == "dev19" else "SS no", f"{ids}.{k['num']}"), ("GP", f"{p}.{k['gp']}"),
                      ("Mask", f"{loan}.{k['mask']}"), ("Serial", f"{loan}.{k['serial']}")])
    events = (f"array_to_string(list_transform({k['events']}, lambda e: concat_ws(' ', e.{k['at']}, e.{k['by']}, "
              f"e.{k['text']})), ' | ')")
    return f"""SELECT {k['no']} AS job_no, {loan}.{k['tag']} AS asset_no, {k['type']} AS job_type,
        {k['status']} AS status, {k['opened']} AS raised,
        CASE WHEN {k['status']} IN ({_done(kx.LOAN_STATUS[split])}) THEN {k['closed']} END AS done,
        concat_ws(' | ', NULLIF(trim({k['notes']}), ''), {fault}) AS fault,
        concat_ws(' | ', NULLIF({events}, ''), 'Login: ' || {staff}.{k['login']}) AS outcome,
        {staff}.{k['sname']} AS engineer, {p}.{k['name']} AS requester, {p}.{k['phone']} AS phone
      FROM {stem(LOANS[split])}"""


def _store_query(split: str) -> str:
    k = STORE_COLS[split]
    when = nz(k["when"])
    fault = labelled([("Item", f'"{k["item"]}"'), ("Handed over by/to", f'"{k["party"]}"'),
                      ("Courier ref", f'"{k["cref"]}"'), ("Driver", f'"{k["driver"]}"')])
    return f"""SELECT "{k['no']}" AS job_no, "{k['asset']}" AS asset_no, "{k['type']}" AS job_type,
        "{k['status']}" AS status, {when} AS raised,
        CASE WHEN "{k['status']}" IN ({_done(kx.STORE_STATUS[split])}) THEN {when} END AS done,
        concat_ws(' | ', {nz(k['notes'])}, {fault}) AS fault,
        concat_ws(' | ', {nz(k['decon'])}, 'Cleaned by: ' || {nz(k['cleaner'])}) AS outcome,
        {nz(k['checker'])} AS engineer, {nz(k['patient'])} AS requester, {nz(k['tel'])} AS phone
      FROM "{SHEET[split]}\""""


def queries(split: str) -> dict[str, str]:
    return {"portal": _portal_query(split), "loans": _loans_query(split), "store": _store_query(split)}


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
"""


def mapping(split: str) -> str:
    q = queries(split)
    job_types = {**kx.LOAN_TYPE[split], **kx.STORE_TYPE[split]}
    job_status = {**kx.LOAN_STATUS[split], **kx.STORE_STATUS[split]}
    return f"""\
# Hand-written mapping for benchmarks/sleep_export.py's export ({split}): a sleep and respiratory physiology
# service's device portal ({PORTAL[split]}: CPAP/APAP, NIV, oximeters, sleep-study kits and actigraphs, the patient
# each is on loan to, their numbers and home folded into the asset's notes by the query), the clinic system's loan
# history ({LOANS[split]}: nested patient, ids and events folded into the job) and the loan store's movements
# ({STORE[split]}, sheet {SHEET[split]}: returns, decontamination, courier deliveries and collections).
format: intake-mapping/1
system: sleep-service-bench
title: Sleep and respiratory physiology loan pool (device portal, loan history, loan store)
null_values: {json.dumps(NULLS)}
lookups:
  status: {{values: {json.dumps(kx.STATUS[split])}, ignore_case: true, default: unknown}}
  job_type: {{values: {json.dumps(job_types)}, ignore_case: true, default: other}}
  job_status: {{values: {json.dumps(job_status)}, ignore_case: true, default: open}}
tables:
  - table: {stem(PORTAL[split])}
    query: |
      {_indent(q["portal"])}
    source_key: asset_no
    outputs:
      - {{entity: locations, derive: {{key: [location], match: exact}}, fields: {{name: location}}}}
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
          contact_phone: phone
          acquisition_date: {{from: installed, convert: [{{date: [iso, uk]}}], on_invalid: null}}
          notes: notes
          last_modified_by: modified_by
{_jobs_table(stem(LOANS[split]), q["loans"], "physiologists")}{_jobs_table(SHEET[split], q["store"], "store")}"""


# The package's text fields and the query column each is read from (the baseline lays its cells out so).
FIELDS = {"portal": {"assets": {"asset_number": "asset_no", "serial_number": "serial", "contact_phone": "phone",
                                "notes": "notes", "last_modified_by": "modified_by"},
                     "locations": {"name": "location"}, "manufacturers": {"name": "maker"},
                     "device_models": {"name": "model", "device_type": "device_type"}},
          "jobs": {"jobs": {"job_number": "job_no", "fault_description": "fault", "outcome": "outcome",
                            "engineer": "engineer", "requested_by": "requester", "requester_phone": "phone"},
                   "contacts": {"name": "engineer"}}}


# --- writing ------------------------------------------------------------------------------------------------------
def write_portal(path: Path, split: str, rows: list[dict[str, str]]) -> None:
    end = "\r\n" if split == "dev19" else "\n"
    out = io.StringIO()
    for line in TITLE.get(split, []):
        out.write(line + end)
    w = csv.DictWriter(out, list(PORTAL_COLS[split].values()), delimiter="\t", lineterminator=end)
    w.writeheader()
    w.writerows(rows)
    # dev19: the portal's Windows export, strict so that a name it cannot write fails here, not in intake
    path.write_bytes(out.getvalue().encode("cp1252" if split == "dev19" else "utf-8"))


def write_loans(path: Path, split: str, lines: list[dict[str, Any]]) -> None:
    if split == "dev19":
        text = "".join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n" for o in lines)
    else:
        text = "".join(json.dumps(o, ensure_ascii=True) + "\r\n" for o in lines)
    path.write_bytes(text.encode("utf-8"))


def write_store(path: Path, split: str, rows: list[dict[str, Any]]) -> None:
    """One sheet, the header on its first row; dev19's dates are date cells."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(SHEET[split])
    bold = xlwt.easyxf("font: bold on")
    stamp = xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM")
    columns = list(STORE_COLS[split].values())
    for c, column in enumerate(columns):
        ws.write(0, c, column, bold)
        ws.col(c).width = 256 * min(40, max(10, len(column) + 4))
    for r, record in enumerate(rows, start=1):
        for c, column in enumerate(columns):
            value = record.get(column)
            if value is None or value == "":
                continue
            ws.write(r, c, value, stamp) if isinstance(value, dt.datetime) else ws.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    path.write_bytes(buf.getvalue())


# --- reading back -------------------------------------------------------------------------------------------------
def query_tables(export: Path, split: str) -> dict[str, list[dict[str, str]]]:
    """The mapping's three queries run on the files as intake's connectors read them: rows of text, NULL as ""."""
    query = dump_query(*(export / "data" / name for name in (PORTAL[split], LOANS[split], STORE[split])))
    return {key: query(sql) for key, sql in queries(split).items()}
