"""The files of `audiology_export.py`, written as the systems that made them write them. dev22: the audiology
system's equipment register as its report writer saves "CSV (semicolon, Unicode)" (UTF-16 little-endian with a byte-
order mark, CR LF, addresses as multi-line quoted cells), the repair and postal-battery workbook (.xlsx: the repair
sheet below a title row and a row of merged group labels, the battery sheet below a title and a "Printed" line, date
cells) and the department's quality database as `pg_dump` 17 plain format writes it (COPY blocks in COPY's text
escaping, `\\N` for NULL). fresh20: the register's own SQLite database file (device, client, calibration), the repair
tracker as a macro-enabled workbook (.xlsm, a title row above the repair log) and the makers' portal's repair orders
as JSON lines."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from audiology_rows import BANNER_LINES, COLUMNS, GROUP_ROW
from export_common import save_workbook

STAMP = (2026, 11, 27, 8, 14, 0)  # when the files were made: fixed, so that a seed always gives the same bytes
_COPY = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
PG_TYPES = {"staff_id": "integer", "engineer_id": "integer", "checked_by": "integer", "cal_date": "date",
            "next_due": "date", "checked_on": "date", "loaned_on": "date", "due_back": "date", "returned_on": "date"}


def _cols(split: str, role: str) -> list[tuple[str, str]]:
    return list(COLUMNS[split][role][1].items())


def write_register_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    cols = _cols("dev22", "register")
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow([c for _, c in cols])
    w.writerows(["" if r.get(k) is None else str(r[k]).replace("\n", "\r\n") for k, _ in cols] for r in rows)
    path.write_bytes(b"\xff\xfe" + out.getvalue().encode("utf-16-le"))


def _sheet(book: Any, split: str, role: str, rows: list[dict[str, Any]], banner: list[str], merged: bool) -> None:
    from openpyxl.styles import Alignment, Font

    name, cols = COLUMNS[split][role]
    ws = book.create_sheet(name)
    bold = Font(bold=True)
    top = 1
    for line in banner:
        ws.cell(row=top, column=1, value=line).font = bold
        if merged:
            ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=len(cols))
        top += 1
    if merged and role == "repair":
        for label, a, z in GROUP_ROW:
            cell = ws.cell(row=top, column=a, value=label)
            cell.font, cell.alignment = bold, Alignment(horizontal="center")
            ws.merge_cells(start_row=top, start_column=a, end_row=top, end_column=z)
        top += 1
    for c, column in enumerate(cols.values(), start=1):
        ws.cell(row=top, column=c, value=column).font = bold
    for r, record in enumerate(rows, start=top + 1):
        for c, key in enumerate(cols, start=1):
            value = record.get(key)
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True)


def write_repairs_xlsx(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for role in ("repair", "battery"):
        _sheet(book, "dev22", role, tables[role], BANNER_LINES["dev22"][role], True)
    save_workbook(book, path, STAMP)


def write_tracker_xlsm(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    """The repair tracker as Excel saves a macro-enabled workbook (the macroEnabled content type; the VBA project
    itself is not carried: intake reads the cells)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for role in ("repair", "battery", "loan"):
        _sheet(book, "fresh20", role, tables[role], BANNER_LINES["fresh20"].get(role, []), False)
    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    modified = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*STAMP).encode()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                          b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*", rb"\g<1>" + modified, content)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=STAMP), content, zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())


def _copy(value: Any) -> str:
    if value is None or value == "":
        return "\\N"
    return "".join(_COPY.get(c, c) for c in str(value))


def write_pgdump(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    out = ["--", "-- PostgreSQL database dump", "--", "", "-- Dumped from database version 16.6",
           "-- Dumped by pg_dump version 17.2", "", "SET statement_timeout = 0;", "SET lock_timeout = 0;",
           "SET idle_in_transaction_session_timeout = 0;", "SET transaction_timeout = 0;",
           "SET client_encoding = 'UTF8';", "SET standard_conforming_strings = on;",
           "SELECT pg_catalog.set_config('search_path', '', false);", "SET check_function_bodies = false;",
           "SET xmloption = content;", "SET client_min_messages = warning;", "SET row_security = off;", "",
           "SET default_tablespace = '';", "", "SET default_table_access_method = heap;", ""]
    roles = ("staff", "cal", "booth", "loan")
    for role in roles:
        name, cols = COLUMNS["dev22"][role]
        key = next(iter(cols.values()))
        body = ",\n".join(f"    {c} {PG_TYPES.get(c, 'character varying(24)' if c == key else 'text')}"
                          f"{' NOT NULL' if c == key else ''}" for c in cols.values())
        out += ["--", f"-- Name: {name}; Type: TABLE; Schema: public; Owner: audqa", "--", "",
                f"CREATE TABLE public.{name} (", body, ");", "", "", f"ALTER TABLE public.{name} OWNER TO audqa;", ""]
    for role in roles:
        name, cols = COLUMNS["dev22"][role]
        out += ["--", f"-- Data for Name: {name}; Type: TABLE DATA; Schema: public; Owner: audqa", "--", "",
                f"COPY public.{name} ({', '.join(cols.values())}) FROM stdin;"]
        out += ["\t".join(_copy(r.get(k)) for k in cols) for r in tables[role]]
        out += ["\\.", "", ""]
    for role in roles:
        name, cols = COLUMNS["dev22"][role]
        key = next(iter(cols.values()))
        out += ["--", f"-- Name: {name} {name}_pkey; Type: CONSTRAINT; Schema: public; Owner: audqa", "--", "",
                f"ALTER TABLE ONLY public.{name}", f"    ADD CONSTRAINT {name}_pkey PRIMARY KEY ({key});", "", ""]
    for table, column in (("calibration", "engineer_id"), ("booth_check", "checked_by")):
        out += ["--", f"-- Name: {table} {table}_{column}_fkey; Type: FK CONSTRAINT; Schema: public; Owner: audqa",
                "--", "", f"ALTER TABLE ONLY public.{table}", f"    ADD CONSTRAINT {table}_{column}_fkey FOREIGN KEY "
                f"({column}) REFERENCES public.staff(staff_id);", "", ""]
    out += ["--", "-- PostgreSQL database dump complete", "--", ""]
    path.write_bytes(("\n".join(out) + "\n").encode("utf-8"))


def write_sqlite(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    """fresh20's register database, built in a scratch file and copied."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "t.db"
        con = sqlite3.connect(scratch)
        for role, pk in (("client", "client_id"), ("register", "id"), ("cal", "cal_no")):
            name, cols = COLUMNS["fresh20"][role]
            names = ([pk] if role == "register" else []) + list(cols.values())
            keys = (["id"] if role == "register" else []) + list(cols)
            body = ", ".join(f'"{c}" {"INTEGER" if c in (pk, "client_id") and role != "cal" else "TEXT"}'
                             f'{" PRIMARY KEY" if c == pk else ""}' for c in names)
            con.execute(f'CREATE TABLE "{name}" ({body})')
            con.executemany(f'INSERT INTO "{name}" VALUES ({",".join("?" * len(keys))})',
                            [[r.get(k) if r.get(k) != "" else None for k in keys] for r in tables[role]])
        con.commit()
        con.close()
        path.write_bytes(scratch.read_bytes())


def write_ndjson(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_bytes("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in rows).encode("utf-8"))
