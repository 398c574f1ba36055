"""The contract every registered legacy source passes, whatever its format: every row is accounted for (read or
rejected), batches respect `batch_rows`, every column is text, non-ASCII text survives, an empty table is a table
with its columns and no rows, and a file read from a stream (as the vault hands it over) reads as from its path.

A new source format joins the registry and this suite at once: `test_every_legacy_format_is_covered` fails until
a writer for it is added to WRITERS. Reject positions and text encodings: test_contract_rejects.py.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlwt

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.base import SOURCES
from tests.connectors.conftest import DATA

COLUMNS = ["Equipment No", "Description", "Notes"]
ROWS = [[f"EQ{n:04d}", ["Syringe Driver", "Zoë's pump", "Łukasz — ECG", "São Paulo monitor"][n % 4],
         f"note {n}; ünïcödé ✓"] for n in range(23)]
BATCH_ROWS = 7

Writer = Callable[[Path, list[list[str]]], Path]


def write_csv(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "assets.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def write_xlsx(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "assets.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "assets"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_xls(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "assets.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("assets")
    for r, row in enumerate([COLUMNS, *rows]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_jsonl(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "assets.jsonl"
    path.write_text("".join(json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) + "\n"
                            for row in rows), encoding="utf-8")
    return path


def write_parquet(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "assets.parquet"
    columns = {name: [row[i] for row in rows] for i, name in enumerate(COLUMNS)}
    pq.write_table(pa.table(columns, schema=pa.schema([(c, pa.string()) for c in COLUMNS])), path)
    return path


def write_sqlite(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "assets.db"
    with sqlite3.connect(path) as db:
        db.execute('CREATE TABLE assets ("Equipment No" TEXT PRIMARY KEY, "Description" TEXT, "Notes" TEXT)')
        db.executemany("INSERT INTO assets VALUES (?, ?, ?)", rows)
    return path


def write_zip(folder: Path, rows: list[list[str]]) -> Path:
    inner = write_csv(folder, rows)
    path = folder / "assets.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(inner, "assets.csv")
    inner.unlink()
    return path


def write_sql_dump(folder: Path, rows: list[list[str]]) -> Path:
    """As SQLite's own dumper writes a database out (CREATE TABLE and one INSERT per row)."""
    with sqlite3.connect(write_sqlite(folder, rows)) as db:
        script = "\n".join(db.iterdump())
    path = folder / "assets.sql"
    path.write_text(script, encoding="utf-8")
    return path


WRITERS: dict[str, Writer] = {"csv": write_csv, "xlsx": write_xlsx, "xls": write_xls, "jsonl": write_jsonl,
                              "parquet": write_parquet, "sql": write_sqlite, "zip": write_zip,
                              "sql_dump": write_sql_dump}
# Formats whose files this suite cannot write: read from a real shipped file instead.
SHIPPED = {"access": DATA / "merchant_taylors.mdb"}
NOT_LEGACY = {"parquet_package"}  # the product's own package: read by the fault workspace, not a legacy export


def read_all(location: object, name: str) -> tuple[list[str], list[list[str | None]], list[int], int, int, bool]:
    settings = ConnectorSettings(batch_rows=BATCH_ROWS)
    with open_source(None, location, name=name, settings=settings) as source:
        tables = source.tables()
        reader = source.read(tables[0])
        batches = list(reader)
        table = pa.Table.from_batches(batches, schema=reader.schema)
        all_text = all(pa.types.is_string(f.type) or pa.types.is_large_string(f.type) for f in reader.schema)
        rows = [list(r.values()) for r in table.to_pylist()]
        return (reader.schema.names, rows, [b.num_rows for b in batches], reader.rows_read, reader.rows_rejected,
                all_text)


def test_every_legacy_format_is_covered() -> None:
    assert set(SOURCES) - NOT_LEGACY == set(WRITERS) | set(SHIPPED)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_rows_batches_types_and_text_survive(fmt: str, tmp_path: Path) -> None:
    path = WRITERS[fmt](tmp_path, ROWS)
    names, rows, sizes, read, rejected, all_text = read_all(path, path.name)
    assert names == COLUMNS and all_text
    assert rows == ROWS and read == len(ROWS) and rejected == 0  # every row accounted for, text intact
    assert sizes and max(sizes) <= BATCH_ROWS and sum(sizes) == len(ROWS)
    # As the vault hands a file over: a stream, named after the original file.
    with path.open("rb") as handle:
        assert read_all(io.BytesIO(handle.read()), path.name)[1] == ROWS


@pytest.mark.parametrize("fmt", sorted(set(WRITERS) - {"jsonl"}))  # JSON lines have no header to keep
def test_an_empty_table_has_its_columns_and_no_rows(fmt: str, tmp_path: Path) -> None:
    path = WRITERS[fmt](tmp_path, [])
    names, rows, sizes, read, rejected, all_text = read_all(path, path.name)
    assert names == COLUMNS and all_text and rows == [] and read == 0 and rejected == 0 and sum(sizes) == 0


@pytest.mark.parametrize("fmt", sorted(SHIPPED))
def test_shipped_files_of_formats_we_cannot_write(fmt: str) -> None:
    path = SHIPPED[fmt]
    names, rows, sizes, read, rejected, all_text = read_all(path, path.name)
    assert names and all_text and read == len(rows) > 0 and rejected == 0
    assert max(sizes) <= BATCH_ROWS and sum(sizes) == read
