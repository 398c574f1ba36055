"""The files of `maternity_export.py`, written as the systems that made them write them: the CTG central station's
archive of JSON lines (dev20 compact UTF-8 with LF, a file a year; fresh18 `\\u`-escaped ASCII with CR LF, a file a
ward), the maternity EPR's loan log (dev20 saved from SSMS's results grid: UTF-8 with a BOM, CR LF, `NULL` for
blanks, quotes only where needed; fresh18 a report export: three title lines above a semicolon-separated header,
LF, CR LF inside the notes), and the medical physics database as an SQLite script (dev20 the sqlite3 shell's
`.dump`, line breaks as `replace(...,'\\n',char(10))`; fresh18 DB Browser for SQLite's "Export SQL", quoted names,
column lists, line breaks kept raw inside the quotes); and how they are read back as intake's connectors read them."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import maternity_kit as kx
from maternity_jobs import EPR_COLS
from maternity_rows import TABLES

STAMP = (2025, 11, 3, 9, 12, 0)  # when the archive was made: fixed, so that a seed gives the same bytes
BANNER_LINES = {"fresh18": ["Maternity Equipment Loans - register export",
                            f"Run {kx.END:%d/%m/%Y} 07:00 by Maternity Systems Team",
                            "Parameters: all units; all statuses"]}
# SQL types of the EBME database's columns by role (the rest TEXT)
TYPES = {"id": "INTEGER", "loc": "INTEGER", "eng": "INTEGER", "hours": "REAL"}


def write_zip(path: Path, split: str, members: dict[str, list[dict[str, Any]]]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, lines in members.items():
            if split == "dev20":
                text = "".join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n" for o in lines)
            else:
                text = "".join(json.dumps(o, ensure_ascii=True) + "\r\n" for o in lines)
            z.writestr(zipfile.ZipInfo(name, date_time=STAMP), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    path.write_bytes(buf.getvalue())


def write_epr(path: Path, split: str, rows: list[dict[str, str]]) -> None:
    columns = list(EPR_COLS[split].values())
    out = io.StringIO()
    if split == "dev20":  # SSMS "Save Results As": NULL for an empty cell, quotes only around separators
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(columns)
        w.writerows([r[c] if r[c] else "NULL" for c in columns] for r in rows)
        path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
        return
    for line in BANNER_LINES[split]:
        out.write(line + "\n")
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(columns)
    w.writerows([r[c] for c in columns] for r in rows)
    path.write_bytes(out.getvalue().encode("utf-8"))


def _sql_value(split: str, value: Any) -> str:
    if value is None or value == "":
        return "NULL"
    if isinstance(value, (int, float)):
        return repr(value)
    text = "'" + str(value).replace("'", "''") + "'"
    if split == "dev20" and ("\n" in text or "\r" in text):  # the sqlite3 shell spells line breaks out
        if "\r" in text:
            text = f"replace({text},'\\r',char(13))"
        return f"replace({text},'\\n',char(10))".replace("\r", "\\r").replace("\n", "\\n")
    return text


def _create(split: str, role: str) -> str:
    name, cols = TABLES[split][role]
    key = cols["no"] if role == "wo" else cols["tag"] if role == "equip" and split == "dev20" else cols["id"]
    if split == "dev20":  # the shell writes the CREATE TABLE as it was typed
        body = ", ".join(f"{c} {TYPES.get(r, 'TEXT')}{' PRIMARY KEY' if c == key else ''}" for r, c in cols.items())
        return f"CREATE TABLE {name}({body});"
    lines = [f'\t"{c}"\t{TYPES.get(r, "TEXT")}' for r, c in cols.items()]
    auto = " AUTOINCREMENT" if TYPES.get(next(r for r, c in cols.items() if c == key)) == "INTEGER" else ""
    return f'CREATE TABLE IF NOT EXISTS "{name}" (\n' + ",\n".join(lines) + f',\n\tPRIMARY KEY("{key}"{auto})\n);'


def write_dump(path: Path, split: str, tables: dict[str, list[dict[str, Any]]]) -> None:
    out: list[str] = []
    order = ["loc", "staff", "equip", "wo", "log"]
    if split == "dev20":
        out += ["PRAGMA foreign_keys=OFF;", "BEGIN TRANSACTION;"]
        for role in order:
            name, cols = TABLES[split][role]
            out.append(_create(split, role))
            out += [f"INSERT INTO {name} VALUES(" + ",".join(_sql_value(split, r.get(k)) for k in cols) + ");"
                    for r in tables[role]]
        out += ["CREATE INDEX wo_log_wo ON wo_log(wo_no);", "COMMIT;"]
    else:  # DB Browser: every CREATE first, then each table's INSERTs with the column list
        out += ["BEGIN TRANSACTION;"] + [_create(split, role) for role in order]
        for role in order:
            name, cols = TABLES[split][role]
            names = ",".join(f'"{c}"' for c in cols.values())
            out += [f'INSERT INTO "{name}" ({names}) VALUES (' + ",".join(_sql_value(split, r.get(k)) for k in cols)
                    + ");" for r in tables[role]]
        out += ['CREATE INDEX IF NOT EXISTS "ix_JobNotes_JobRef" ON "JobNotes" ("JobRef");', "COMMIT;"]
    path.write_bytes(("\n".join(out) + "\n").encode("utf-8"))


def register(*paths: Path) -> Callable[[str], list[dict[str, str]]]:
    """Runs queries on the files as intake's connectors read them, each table under its own name (a table inside
    the archive by its entry's own name, as a mapping names it); every value as text, NULL as ""."""
    import duckdb
    import pyarrow as pa

    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    con = duckdb.connect()
    for path in paths:
        with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
            for name in source.tables():
                reader = source.read(name)
                con.register(name.rsplit(":", 1)[-1], pa.Table.from_batches(list(reader), schema=reader.schema))

    def query(sql: str) -> list[dict[str, str]]:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [{k: "" if v is None else str(v) for k, v in zip(names, row, strict=True)} for row in cur.fetchall()]

    return query


def read_tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of a file as intake's connector reads it: rows of Python values (nested JSON as dicts and lists),
    by the table's full name."""
    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    out: dict[str, list[dict[str, Any]]] = {}
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        for name in source.tables():
            out[name] = [r for batch in source.read(name) for r in batch.to_pylist()]
    return out
