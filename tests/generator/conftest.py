"""Small generated datasets shared by the generator tests (generated once per session)."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from benchmarks.generator import GeneratedDataset, generate_equiptrack, generate_medimaint
from benchmarks.generator.equiptrack import HEADER_ROW

ASSETS, JOBS, SEED = 3000, 2500, 11


@pytest.fixture(scope="session")
def equiptrack_xlsx(tmp_path_factory: pytest.TempPathFactory) -> GeneratedDataset:
    return generate_equiptrack(tmp_path_factory.mktemp("eq-xlsx"), ASSETS, JOBS, SEED, "xlsx")


@pytest.fixture(scope="session")
def equiptrack_csv(tmp_path_factory: pytest.TempPathFactory) -> GeneratedDataset:
    return generate_equiptrack(tmp_path_factory.mktemp("eq-csv"), ASSETS, JOBS, SEED, "csv")


@pytest.fixture(scope="session")
def medimaint(tmp_path_factory: pytest.TempPathFactory) -> GeneratedDataset:
    return generate_medimaint(tmp_path_factory.mktemp("mm"), ASSETS, JOBS, SEED)


def read_cp1252_csv(path: Path, header_line: int) -> tuple[list[str], list[str], list[list[str]]]:
    """(lines above the header, header, data rows) the way a careful reader sees them: blank lines skipped."""
    text = path.read_bytes().decode("cp1252")
    reader = csv.reader(io.StringIO(text, newline=""))
    above = [next(reader) for _ in range(header_line - 1)]
    header = next(reader)
    rows = [row for row in reader if row]
    return [",".join(r) for r in above], header, rows


def xlsx_rows(path: Path) -> Iterator[tuple]:
    wb = load_workbook(path, read_only=True)
    try:
        yield from wb["Jobs"].iter_rows(values_only=True)
    finally:
        wb.close()


def table_cells(dataset: GeneratedDataset) -> dict[tuple[str, str], dict[str, list]]:
    """(file, table) -> column -> list of cell values (index = row - 1), for every table of the dataset."""
    out: dict[tuple[str, str], dict[str, list]] = {}
    for name, path in dataset.paths.items():
        if name.endswith(".csv"):
            header_line = 3 if name == "assets.csv" else 4
            _, header, rows = read_cp1252_csv(path, header_line)
            table = path.stem
            out[(name, table)] = {col: [r[i] for r in rows] for i, col in enumerate(header)}
        elif name.endswith(".xlsx"):
            rows = list(xlsx_rows(path))
            header = rows[HEADER_ROW - 1]
            data = [tuple(r) + (None,) * (len(header) - len(r)) for r in rows[HEADER_ROW:]]
            out[(name, "Jobs")] = {col: [r[i] for r in data] for i, col in enumerate(header)}
        else:
            conn = sqlite3.connect(path)
            try:
                tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
                for table in tables:
                    cur = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
                    cols = [d[0] for d in cur.description]
                    rows = cur.fetchall()
                    out[(name, table)] = {col: [r[i] for r in rows] for i, col in enumerate(cols)}
            finally:
                conn.close()
    return out
