"""The connector contract, continued: a row that cannot be read is a reject at its documented position (the
physical line where the record starts for text files, the sheet row for spreadsheets, the 1-based data row for
database tables, dumps and Parquet), the rows around it are read, and rows read + rejects == rows written;
delimited text in Windows-1252 or UTF-16 with a byte-order mark reads as the same text.

Every format the contract suite writes has a way to write a bad row here (`BAD_ROW_WRITERS`), so a new format
joins this part of the contract too.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from intake.config import ConnectorSettings
from tests.connectors.conftest import Read, read_one
from tests.connectors.test_contract import BATCH_ROWS, COLUMNS, ROWS, WRITERS, write_sql_dump

FIELD_LIMIT = 1024  # the smallest max_field_bytes: an oversized value is a reject in every legacy format
SETTINGS = ConnectorSettings(batch_rows=BATCH_ROWS, max_field_bytes=FIELD_LIMIT)
# A record spanning two physical lines ahead of the bad row: text formats count lines, not records.
GOOD = [[*row[:2], f"{row[2]}\nsecond line"] if n == 2 else row for n, row in enumerate(ROWS)]
EXTRA = ["EQ9999", "Ventilator", "note", "a value past the last column"]
PLACEHOLDER = ["EQBAD", "Ventilator", "note"]
AT = [0, 10, len(GOOD)]  # first, mid-file across a batch boundary, last
SHEETS = {"xlsx", "xls"}

# (folder, good rows, index of the bad row among the written rows) -> (file, expected reject position)
BadRowWriter = Callable[[Path, list[list[str]], int], tuple[Path, int]]


def _line_of(rows: list[list[str]], at: int, header_lines: int) -> int:
    """The physical line where written row `at` starts."""
    return header_lines + 1 + sum(1 + sum(value.count("\n") for value in row) for row in rows[:at])


def _extra_value(fmt: str) -> BadRowWriter:
    """A row with a value beyond the last column, below a header: the line where it starts in delimited text,
    the sheet row in a spreadsheet (a cell's line break does not move the rows below it)."""
    def write(folder: Path, rows: list[list[str]], at: int) -> tuple[Path, int]:
        path = WRITERS[fmt](folder, [*rows[:at], EXTRA, *rows[at:]])
        return path, at + 2 if fmt in SHEETS else _line_of(rows, at, 1)
    return write


def _oversized(fmt: str) -> BadRowWriter:
    """A row with a value over the field limit (database tables, Parquet): the 1-based data row, in primary-key
    order where there is one (its key sorts between its neighbours')."""
    def write(folder: Path, rows: list[list[str]], at: int) -> tuple[Path, int]:
        bad = [f"{rows[at - 1][0]}+" if at else "EQ", "Ventilator", "x" * (FIELD_LIMIT + 1)]
        return WRITERS[fmt](folder, [*rows[:at], bad, *rows[at:]]), at + 1
    return write


def _jsonl_broken_line(folder: Path, rows: list[list[str]], at: int) -> tuple[Path, int]:
    lines = [json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) for row in rows]
    lines.insert(at, '{"Equipment No": "EQ9999", "Description": ')  # cut short
    path = folder / "assets.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path, at + 1


def _dump_row_with_a_value_too_many(folder: Path, rows: list[list[str]], at: int) -> tuple[Path, int]:
    path = write_sql_dump(folder, [*rows[:at], PLACEHOLDER, *rows[at:]])
    script = path.read_text(encoding="utf-8")
    assert script.count("VALUES('EQBAD',") == 1
    path.write_text(script.replace("VALUES('EQBAD',", "VALUES('EQBAD','extra',"), encoding="utf-8")
    return path, at + 1


BAD_ROW_WRITERS: dict[str, BadRowWriter] = {
    "csv": _extra_value("csv"), "zip": _extra_value("zip"), "xlsx": _extra_value("xlsx"),
    "xls": _extra_value("xls"), "jsonl": _jsonl_broken_line, "sql_dump": _dump_row_with_a_value_too_many,
    "parquet": _oversized("parquet"), "sql": _oversized("sql"),
}


def _read(location: object, name: str) -> Read:
    return read_one(location, SETTINGS, name=name)


def test_every_written_format_can_write_a_bad_row() -> None:
    assert set(BAD_ROW_WRITERS) == set(WRITERS)


@pytest.mark.parametrize("at", AT)
@pytest.mark.parametrize("fmt", sorted(BAD_ROW_WRITERS))
def test_a_bad_row_is_a_reject_at_its_position_and_every_row_is_accounted_for(
        fmt: str, at: int, tmp_path: Path) -> None:
    path, expected = BAD_ROW_WRITERS[fmt](tmp_path, GOOD, at)
    read = _read(path, path.name)
    assert [number for number, _ in read.where()] == [expected]
    assert read.rejects[0].table == read.reader.table
    assert read.reader.rows_read == len(GOOD) and read.reader.rows_rejected == 1
    assert read.reader.rows_read + read.reader.rows_rejected == len(GOOD) + 1  # every written row accounted for
    assert [list(row.values()) for row in read.rows] == GOOD
    assert max(read.batch_sizes) <= BATCH_ROWS
    # As the vault hands a file over: a stream, named after the original file; the same positions.
    with path.open("rb") as handle:
        assert _read(io.BytesIO(handle.read()), path.name).where() == read.where()


def _csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # as Windows exports end their lines
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


# Windows-1252 has no Ł or ✓: its own non-ASCII letters and signs instead.
CP1252_ROWS = [[f"EQ{n:04d}", ["Zoë's pump", "Café — ECG", "São Paulo monitor", "Größe 2"][n % 4],
                f"note {n}; naïve façade, £5 or €6"] for n in range(len(ROWS))]
ENCODED = {"cp1252": ("cp1252", CP1252_ROWS), "utf-16 with BOM": ("utf-16", ROWS)}  # Python's utf-16 writes a BOM


@pytest.mark.parametrize("label", sorted(ENCODED))
def test_delimited_text_in_other_encodings_reads_as_the_same_text(label: str, tmp_path: Path) -> None:
    encoding, rows = ENCODED[label]
    good = [[*row[:2], f"{row[2]}\nsecond line"] if n == 2 else row for n, row in enumerate(rows)]
    at = 10
    content = _csv_text([*good[:at], EXTRA, *good[at:]]).encode(encoding)
    assert encoding != "utf-16" or content.startswith(b"\xff\xfe")
    path = tmp_path / "assets.csv"
    path.write_bytes(content)
    for location in (path, io.BytesIO(content)):
        read = _read(location, path.name)
        assert read.columns == COLUMNS
        assert [list(row.values()) for row in read.rows] == good
        assert [number for number, _ in read.where()] == [_line_of(good, at, 1)]
        assert read.reader.rows_read + read.reader.rows_rejected == len(good) + 1
