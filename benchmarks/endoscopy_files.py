"""The files of `endoscopy_export.py`, written as the systems that made them write them. dev21: the traceability
system's Excel workbook (two sheets, the register below two title rows, dates as date cells), the washers' cycle log
(tab-separated, Windows-1252, CR LF, `NULL` for blanks, multi-line comments quoted, machine and hand-typed times
mixed) and the unit's MySQL database as `mysqldump` writes it (backticks, LOCK TABLES, extended INSERTs,
`mysql_real_escape_string` escapes). fresh19: the traceability system's own SQLite database file, the washers'
JSON lines in a zip (a file a washer, nested objects) and the registers as an Excel 97-2003 workbook (three sheets,
dates typed as text, a title row above the look-back sheet's header); and how they are read back as intake reads
them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from endoscopy_rows import BANNER_LINES, TABLES
from export_common import save_workbook

STAMP = (2025, 10, 31, 7, 2, 0)  # when the files were made: fixed, so that a seed gives the same bytes
_ESCAPES = {"\0": "\\0", "\n": "\\n", "\r": "\\r", "\\": "\\\\", "'": "\\'", '"': '\\"', "\x1a": "\\Z"}


def _columns(split: str, role: str) -> list[tuple[str, str]]:
    return list(TABLES[split][role][1].items())


def write_trace_xlsx(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for role in ("register", "use"):
        name, cols = TABLES["dev21"][role]
        ws = book.create_sheet(name)
        top = 1
        if role == "register":
            for line in BANNER_LINES["dev21"]:
                ws.cell(row=top, column=1, value=line)
                top += 1
        for c, column in enumerate(cols.values(), start=1):
            ws.cell(row=top, column=c, value=column)
        for r, record in enumerate(tables[role], start=top + 1):
            for c, key in enumerate(cols, start=1):
                value = record.get(key)
                if value is None or value == "":
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = "dd/mm/yyyy hh:mm" if isinstance(value, dt.datetime) else "dd/mm/yyyy"
    save_workbook(book, path, STAMP)


def write_cycle_log(path: Path, rows: list[dict[str, Any]]) -> None:
    """The washers' log as the decon unit's PC exports it: tabs, Windows-1252, CR LF, NULL for a blank."""
    cols = _columns("dev21", "cycle")
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\r\n")
    w.writerow([c for _, c in cols])
    w.writerows([str(r[k]) if r.get(k) not in (None, "") else "NULL" for k, _ in cols] for r in rows)
    path.write_bytes(out.getvalue().encode("cp1252"))  # strict: a value it cannot write fails here


def _mysql(value: Any) -> str:
    if value is None or value == "":
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + "".join(_ESCAPES.get(c, c) for c in str(value)) + "'"


def write_mysql(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    out = ["-- MySQL dump 10.13  Distrib 8.0.36, for Win64 (x86_64)", "--",
           "-- Host: 10.41.8.22    Database: decon_registers",
           "-- ------------------------------------------------------", "-- Server version\t8.0.36", "",
           "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;", "/*!50503 SET NAMES utf8mb4 */;",
           "/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;", "/*!40103 SET TIME_ZONE='+00:00' */;",
           "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;", ""]
    ints = {"engineer_id", "fse_id"}
    for role in ("fse", "repair", "water", "lookback"):
        name, cols = TABLES["dev21"][role]
        key = next(iter(cols.values()))
        lines = [f"  `{c}` {'int' if c in ints else 'varchar(40)' if c == key else 'text'}"
                 f"{' NOT NULL' if c == key else ' DEFAULT NULL'}" for c in cols.values()]
        out += ["--", f"-- Table structure for table `{name}`", "--", "", f"DROP TABLE IF EXISTS `{name}`;",
                f"CREATE TABLE `{name}` (", ",\n".join([*lines, f"  PRIMARY KEY (`{key}`)"]),
                ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;", "", "--",
                f"-- Dumping data for table `{name}`", "--", "", f"LOCK TABLES `{name}` WRITE;",
                f"/*!40000 ALTER TABLE `{name}` DISABLE KEYS */;"]
        rows = tables[role]
        for start in range(0, len(rows), 50):  # extended INSERTs, as the net buffer cuts them
            values = ",".join("(" + ",".join(_mysql(r.get(k)) for k in cols) + ")" for r in rows[start:start + 50])
            out.append(f"INSERT INTO `{name}` VALUES {values};")
        out += [f"/*!40000 ALTER TABLE `{name}` ENABLE KEYS */;", "UNLOCK TABLES;", ""]
    out += ["/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;", "", "-- Dump completed on 2025-10-31  7:02:11"]
    path.write_bytes(("\n".join(out) + "\n").encode("utf-8"))


def write_trace_db(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    """The fresh19 traceability system's SQLite database, built in a scratch file and copied."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "t.db"
        con = sqlite3.connect(scratch)
        for role, pk in (("register", "scope_id"), ("use", "episode_ref")):
            name, cols = TABLES["fresh19"][role]
            names = ([pk] if role == "register" else []) + list(cols.values())
            body = ", ".join(f'"{c}" {"INTEGER PRIMARY KEY" if c == pk and role == "register" else "TEXT"}'
                             f'{" PRIMARY KEY" if c == pk and role == "use" else ""}' for c in names)
            con.execute(f'CREATE TABLE "{name}" ({body})')
            keys = (["id"] if role == "register" else []) + list(cols)
            con.executemany(f'INSERT INTO "{name}" VALUES ({",".join("?" * len(keys))})',
                            [[r.get(k) if r.get(k) != "" else None for k in keys] for r in tables[role]])
        con.commit()
        con.close()
        path.write_bytes(scratch.read_bytes())


def write_zip(path: Path, members: dict[str, list[dict[str, Any]]]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, lines in members.items():
            text = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in lines)
            z.writestr(zipfile.ZipInfo(name, date_time=STAMP), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    path.write_bytes(buf.getvalue())


def write_xls(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    bold = xlwt.easyxf("font: bold on")
    for role in ("repair", "water", "lookback"):
        name, cols = TABLES["fresh19"][role]
        ws = book.add_sheet(name)
        top = 0
        if role == "lookback":
            for line in BANNER_LINES["fresh19"]:
                ws.write(top, 0, line, bold)
                top += 1
        for c, column in enumerate(cols.values()):
            ws.write(top, c, column, bold)
        for r, record in enumerate(tables[role], start=top + 1):
            for c, key in enumerate(cols):
                value = record.get(key)
                if value is not None and value != "":
                    ws.write(r, c, value)
    raw = io.BytesIO()
    book.save(raw)
    path.write_bytes(raw.getvalue())


def register(*paths: Path) -> Callable[[str], list[dict[str, str]]]:
    """Runs queries on the files as intake's connectors read them, each table under its own name (a sheet, a
    table, an archive's entry by its stem, the CSV by its stem); every value as text, NULL as ""."""
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
    """Every table of a file as intake's connector reads it, by the table's full name."""
    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    out: dict[str, list[dict[str, Any]]] = {}
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        for name in source.tables():
            out[name] = [r for batch in source.read(name) for r in batch.to_pylist()]
    return out

