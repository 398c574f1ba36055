"""The files of `renal_export.py` and their hand-written mapping: the fleet portal's Parquet register, the renal IT
system's pipe-delimited extract (a trailer line `TRL|n` or `EOF|n`, fresh16 a `HDR|` banner line too: intake rejects
those lines, the truth counts them), the technicians' .xlsx log (dev18) or the POCT middleware's CSV (fresh16); the
mapping's DuckDB queries, which fold the patient, the home and its access into the asset's notes; reading the files
back as intake's connectors do and running those queries on them (the baseline's view of the mapped cells)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import renal_kit as kx
from export_common import dump_query, save_workbook, sheet_rows
from renal_rows import EXTRACT, EXTRACT_COLS, FLEET, FLEET_COLS, SHEET, THIRD, THIRD_COLS

NULLS = ["", "-", "N/A", "null"]
BANNER = {"dev18": 0, "fresh16": 1}  # lines above the extract's header
TRAILER = {"dev18": "TRL|{n}", "fresh16": "EOF|{n}"}


def nz(column: str) -> str:
    return f"NULLIF(trim(CAST(\"{column}\" AS VARCHAR)), '')"


def labelled(parts: list[tuple[str, str]]) -> str:
    return "concat_ws(' | ',\n        " + ",\n        ".join(f"'{label}: ' || {nz(col)}" for label, col in parts) + ")"


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _fleet_query(split: str) -> str:
    k = FLEET_COLS[split]
    notes = labelled([("Patient", k["patient"]), ("Hosp no", k["hosp"]), ("National no", k["num"]),
                      ("DOB", k["dob"]), ("Address", k["addr"]), ("Postcode", k["pc"]), ("Access", k["access"]),
                      ("Notes", k["notes"]), ("Software", k["version"])])
    return f"""SELECT "{k['tag']}" AS asset_no, "{k['serial']}" AS serial, "{k['maker']}" AS maker,
        "{k['model']}" AS model, "{k['type']}" AS device_type, "{k['loc']}" AS location, "{k['status']}" AS status,
        {nz(k['phone'])} AS phone, CAST("{k['installed']}" AS VARCHAR) AS installed,
        {nz(k['user'])} AS modified_by, {notes} AS notes
      FROM {stem(FLEET[split])}"""


def _extract_query(split: str) -> str:
    """The baseline's view of the extract, which the mapping maps directly (`_extract_table`): a query would hide
    the reader's rejects (the trailer and banner lines) from the run's summary."""
    k = EXTRACT_COLS[split]
    return f"""SELECT "{k['no']}" AS job_no, "{k['asset']}" AS asset_no, {nz(k['desc'])} AS fault,
        concat_ws(' | ', {nz(k['outcome'])}, {nz(k['user'])}) AS outcome,
        {nz(k['staff'])} AS engineer, {nz(k['patient'])} AS requester, {nz(k['tel'])} AS phone
      FROM {stem(EXTRACT[split])}"""


def _extract_table(split: str) -> str:
    k = EXTRACT_COLS[split]
    return f"""  - table: {stem(EXTRACT[split])}
    source_key: {k['no']}
    outputs:
      - entity: contacts
        namespace: renal_it
        derive: {{key: [{k['staff']}], match: exact}}
        fields: {{name: {k['staff']}, role: {{value: engineer}}}}
      - entity: jobs
        id: {k['no']}
        fields:
          job_number: {k['no']}
          asset_id: {{id: assets, from: {k['asset']}, convert: [upper]}}
          job_type: {{from: {k['type']}, lookup: job_type}}
          status: {{from: {k['status']}, lookup: job_status}}
          raised_at: {{from: {k['raised']}, convert: [{{datetime: [iso, uk]}}]}}
          completed_at: {{from: {k['closed']}, convert: [{{datetime: [iso, uk]}}], on_invalid: null}}
          fault_description: {k['desc']}
          outcome: {{from: [{k['outcome']}, {k['user']}], join: " | "}}
          engineer: {k['staff']}
          engineer_contact_id: {{ref: contacts}}
          requested_by: {k['patient']}
          requester_phone: {k['tel']}
"""


def _third_query(split: str) -> str:
    k = THIRD_COLS[split]
    done = ", ".join(f"'{s}'" for s, v in kx.LOG_STATUS[split].items() if v == "completed")
    hours = f"TRY_CAST({nz(k['hours'])} AS DOUBLE)" + (" / 60" if split == "fresh16" else "")
    table = SHEET if split == "dev18" else stem(THIRD[split])
    return f"""SELECT "{k['no']}" AS job_no, "{k['asset']}" AS asset_no, "{k['type']}" AS job_type,
        "{k['status']}" AS status, {nz(k['when'])} AS raised,
        CASE WHEN "{k['status']}" IN ({done}) THEN {nz(k['when'])} END AS done, {nz(k['fault'])} AS fault,
        concat_ws(' | ', {nz(k['work'])}, 'Initials: ' || {nz(k['ini'])}) AS outcome,
        {nz(k['tech'])} AS engineer, {nz(k['reporter'])} AS requester, {nz(k['tel'])} AS phone, {hours} AS hours
      FROM "{table}\""""


def queries(split: str) -> dict[str, str]:
    return {"fleet": _fleet_query(split), "extract": _extract_query(split), "third": _third_query(split)}


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
    q = queries(split)
    job_types = {**kx.EXTRACT_TYPE[split], **kx.LOG_TYPE[split]}
    job_status = {**kx.EXTRACT_STATUS[split], **kx.LOG_STATUS[split]}
    third = SHEET if split == "dev18" else stem(THIRD[split])
    return f"""\
# Hand-written mapping for benchmarks/renal_export.py's export ({split}): a renal service's dialysis fleet portal
# ({FLEET[split]}: machines at units and in patients' homes, the patient and the home's access folded into the
# asset's notes by the query), the renal IT system's pipe-delimited job extract ({EXTRACT[split]}: installs,
# removals, water sampling, disinfection, home visits) and {THIRD[split]} (breakdowns, maintenance, POCT QC
# failures, operator lock-outs).
format: intake-mapping/1
system: renal-fleet-bench
title: Renal service equipment (fleet portal, renal IT extract, {THIRD[split]})
null_values: {json.dumps(NULLS)}
lookups:
  status: {{values: {json.dumps(kx.STATUS[split])}, ignore_case: true, default: unknown}}
  job_type: {{values: {json.dumps(job_types)}, ignore_case: true, default: other}}
  job_status: {{values: {json.dumps(job_status)}, ignore_case: true, default: open}}
tables:
  - table: {stem(FLEET[split])}
    query: |
      {_indent(q["fleet"])}
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
{_extract_table(split)}{_jobs_table(third, q["third"], "technicians")}"""


# The package's text fields and the query column each is read from (the baseline lays its cells out so).
FIELDS = {"fleet": {"assets": {"asset_number": "asset_no", "serial_number": "serial", "contact_phone": "phone",
                               "notes": "notes", "last_modified_by": "modified_by"},
                    "locations": {"name": "location"}, "manufacturers": {"name": "maker"},
                    "device_models": {"name": "model", "device_type": "device_type"}},
          "jobs": {"jobs": {"job_number": "job_no", "fault_description": "fault", "outcome": "outcome",
                            "engineer": "engineer", "requested_by": "requester", "requester_phone": "phone"},
                   "contacts": {"name": "engineer"}}}


# --- writing ------------------------------------------------------------------------------------------------------
def write_fleet(path: Path, split: str, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    k = FLEET_COLS[split]
    fields = [pa.field(c, pa.date32() if c == k["installed"] else pa.string()) for c in k.values()]
    table = pa.Table.from_pylist(rows, schema=pa.schema(fields))
    pq.write_table(table, path, compression="snappy" if split == "dev18" else "zstd")


def write_extract(path: Path, split: str, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    end = "\n" if split == "dev18" else "\r\n"
    if BANNER[split]:
        out.write(f"HDR|RITS|{kx.END:%Y%m%d}|JOBS{end}")
    w = csv.DictWriter(out, list(EXTRACT_COLS[split].values()), delimiter="|", lineterminator=end)
    w.writeheader()
    w.writerows(rows)
    out.write(TRAILER[split].format(n=len(rows)) + end)
    path.write_bytes(out.getvalue().encode("utf-8"))


_STAMP = (2025, 11, 28, 17, 5, 0)


def write_third(path: Path, split: str, rows: list[dict[str, Any]]) -> None:
    columns = list(THIRD_COLS[split].values())
    if split == "fresh16":  # the middleware's CSV: UTF-8 with a BOM, CR LF, every field quoted
        out = io.StringIO()
        w = csv.DictWriter(out, columns, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
        path.write_bytes(out.getvalue().encode("utf-8-sig"))
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = SHEET
    for c, column in enumerate(columns, start=1):
        ws.cell(row=1, column=c, value=column).font = Font(bold=True)
    sheet_rows(ws, columns, rows)
    book.properties.creator = "Renal Technical Services"
    book.properties.created = dt.datetime(2025, 11, 28, 17, 0)
    save_workbook(book, path, _STAMP)


# --- reading back -------------------------------------------------------------------------------------------------
def query_tables(export: Path, split: str) -> dict[str, list[dict[str, str]]]:
    """The mapping's three queries run on the files as intake's connectors read them: rows of text, NULL as ""."""
    query = dump_query(*(export / "data" / name for name in (FLEET[split], EXTRACT[split], THIRD[split])))
    return {key: query(sql) for key, sql in queries(split).items()}
