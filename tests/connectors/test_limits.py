"""Hostile files are refused or rejected within bounded memory and time, each read in a subprocess whose peak
memory is measured: a generated 200 MB column in a tiny SQLite file, a stored blob over the field limit, a
CSV 100,000 columns wide, workbooks whose one cell or shared-strings table inflates past the limits, a JSON
Lines line of 300 MB, a SQL dump value of 300 MB, a Parquet page that inflates to 300 MB, a zip bomb; and an
.xls over its size limit (xlrd reads it whole) refused before it is read."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlwt

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.xlsx_guard import OversizedWorkbook

MAX_RSS_MB = 500
CHILD = """
import json, sys
from pathlib import Path
from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.base import RejectCollector
from intake.errors import IntakeError
settings = ConnectorSettings(max_field_bytes=1 << 20)
out = {"rows": 0, "rejected": 0, "error": None, "reasons": []}
try:
    with Path(sys.argv[1]).open("rb") as handle, open_source(None, handle, name=Path(sys.argv[1]).name,
                                                              settings=settings) as source:
        for table in source.tables():
            reader = source.read(table)
            for batch in reader:
                out["rows"] += batch.num_rows
            out["rejected"] += reader.rows_rejected
            out["reasons"] += sorted(reader.reject_reasons)
            out["raw_bytes"] = sum(len(r.raw or "") for r in reader.rejects)
except IntakeError as exc:
    out["error"] = type(exc).__name__
    out["message"] = str(exc)
# VmHWM, not ru_maxrss: a child's ru_maxrss starts from its parent's at fork (a large test runner).
hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
out["max_rss_mb"] = int(hwm.split()[1]) / 1024
print(json.dumps(out))
"""


def read_in_child(path: Path) -> dict[str, object]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = time.monotonic() - started
    return result


def test_a_generated_column_is_refused_without_computing_it(tmp_path: Path) -> None:
    path = tmp_path / "tiny.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE assets (id INTEGER PRIMARY KEY, tag TEXT, "
                   "junk BLOB GENERATED ALWAYS AS (zeroblob(200000000)) VIRTUAL)")
        db.executemany("INSERT INTO assets (tag) VALUES (?)", [("EQ1",), ("EQ2",)])
    assert path.stat().st_size < 50_000
    result = read_in_child(path)
    assert result["error"] == "GeneratedColumns" and "junk" in str(result["message"])
    assert result["max_rss_mb"] < MAX_RSS_MB


def test_a_stored_blob_over_the_field_limit_is_rejected_without_being_fetched(tmp_path: Path) -> None:
    path = tmp_path / "blobs.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, tag TEXT, picture BLOB)")
        db.execute("INSERT INTO photos (tag, picture) VALUES ('EQ1', zeroblob(40000000))")
        db.execute("INSERT INTO photos (tag, picture) VALUES ('EQ2', x'0102')")
    result = read_in_child(path)
    assert result["error"] is None and result["rows"] == 1 and result["rejected"] == 1
    assert any("picture" in r for r in result["reasons"])  # type: ignore[union-attr]
    assert result["raw_bytes"] < 1000  # the 40 MB value (80 MB as hex) is not in the reject
    assert result["max_rss_mb"] < MAX_RSS_MB


def test_a_stored_text_over_the_field_limit_is_rejected_without_being_loaded(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE jobs (id INTEGER PRIMARY KEY, notes TEXT)")
        db.execute("INSERT INTO jobs (notes) VALUES (printf('%.*c', 600000000, 'x'))")  # 600 MB of text
        db.execute("INSERT INTO jobs (notes) VALUES ('pump ok')")
    result = read_in_child(path)
    assert result["error"] is None and result["rows"] == 1 and result["rejected"] == 1
    assert result["max_rss_mb"] < MAX_RSS_MB  # the value is measured by its stored size, never read


def test_a_table_100000_columns_wide_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ",".join(f"c{n}" for n in range(100_000))
    path.write_text(header + "\n" + ",".join("x" for _ in range(100_000)) + "\n")
    result = read_in_child(path)
    assert result["error"] == "TooManyColumns" and "100000 columns" in str(result["message"])
    assert result["seconds"] < 60 and result["max_rss_mb"] < MAX_RSS_MB


def test_a_large_sqlite_database_is_read_page_by_page_not_whole(tmp_path: Path) -> None:
    """A stream (the vault's decrypting reader in a run) is read through SQLite's own paging: the database is
    never copied whole into memory, so its size does not bound what can be read."""
    path = tmp_path / "large.db"
    filler = "x" * 250
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE jobs (id INTEGER PRIMARY KEY, notes TEXT)")
        db.executemany("INSERT INTO jobs (notes) VALUES (?)", ((f"{n} {filler}",) for n in range(2_200_000)))
    assert path.stat().st_size > MAX_RSS_MB << 20  # larger than the memory the read may use
    result = read_in_child(path)
    assert result["error"] is None and result["rows"] == 2_200_000 and result["rejected"] == 0
    assert result["max_rss_mb"] < MAX_RSS_MB


MB = 1 << 20
SHEET_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def write_xlsx(path: Path, sheet: Callable[[IO[bytes]], None], shared: Callable[[IO[bytes]], None]) -> None:
    """A minimal workbook whose sheet and shared strings are streamed in, as a hostile writer would."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
        book.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                      f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
                      'Target="xl/workbook.xml"/></Relationships>')
        book.writestr("xl/workbook.xml", f'<workbook {SHEET_NS.decode()} xmlns:r="{rel}"><sheets>'
                      '<sheet name="Assets" sheetId="1" r:id="rId1"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                      f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
                      f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" '
                      'Target="sharedStrings.xml"/></Relationships>')
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b"<worksheet " + SHEET_NS + b"><sheetData>")
            sheet(part)
            part.write(b"</sheetData></worksheet>")
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b"<sst " + SHEET_NS + b">")
            shared(part)
            part.write(b"</sst>")


def shared_rows(part: IO[bytes]) -> None:
    for row in range(1, 4):
        part.write(b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (row, row, row - 1))


def test_a_workbook_whose_shared_string_inflates_to_300_mb_is_refused_unread(tmp_path: Path) -> None:
    def shared(part: IO[bytes]) -> None:
        part.write(b"<si><t>tag</t></si><si><t>")
        for _ in range(300):
            part.write(b"x" * MB)
        part.write(b"</t></si><si><t>EQ2</t></si>")

    write_xlsx(tmp_path / "shared.xlsx", shared_rows, shared)
    assert (tmp_path / "shared.xlsx").stat().st_size < 1 * MB
    result = read_in_child(tmp_path / "shared.xlsx")
    assert result["error"] == "OversizedWorkbook" and "sharedStrings.xml" in str(result["message"])
    assert result["seconds"] < 60 and result["max_rss_mb"] < MAX_RSS_MB


def test_a_workbook_with_a_300_mb_inline_cell_is_refused_unread(tmp_path: Path) -> None:
    def sheet(part: IO[bytes]) -> None:
        part.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>notes</t></is></c></row>'
                   b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
        for _ in range(300):
            part.write(b"q" * MB)
        part.write(b"</t></is></c></row>")

    write_xlsx(tmp_path / "inline.xlsx", sheet, lambda part: None)
    result = read_in_child(tmp_path / "inline.xlsx")
    assert result["error"] == "OversizedWorkbook" and "worksheets/sheet1.xml" in str(result["message"])
    assert result["seconds"] < 60 and result["max_rss_mb"] < MAX_RSS_MB


def test_a_workbook_with_millions_of_shared_strings_is_refused_unread(tmp_path: Path) -> None:
    """Four million short strings in a 125 MB table took 800 MB in openpyxl: the count is bounded too."""
    def shared(part: IO[bytes]) -> None:
        for n in range(1_100_000):
            part.write(b"<si><t>%d</t></si>" % n)

    write_xlsx(tmp_path / "many.xlsx", shared_rows, shared)
    result = read_in_child(tmp_path / "many.xlsx")
    assert result["error"] == "OversizedWorkbook" and "1000000 strings" in str(result["message"])
    assert result["seconds"] < 60 and result["max_rss_mb"] < MAX_RSS_MB


def test_a_json_lines_line_of_300_mb_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    with path.open("wb") as out:
        out.write(b'{"tag": "EQ1"}\n{"tag": "EQ2", "notes": "')
        for _ in range(300):
            out.write(b"y" * MB)
        out.write(b'"}\n{"tag": "EQ3"}\n')
    result = read_in_child(path)
    assert result["error"] is None and result["rows"] == 2 and result["rejected"] == 1
    assert result["raw_bytes"] < MB
    assert result["seconds"] < 60 and result["max_rss_mb"] < MAX_RSS_MB


def test_a_sql_dump_value_of_300_mb_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "long.sql"
    with path.open("wb") as out:
        out.write(b"CREATE TABLE `t` (`tag` text, `notes` text);\nINSERT INTO `t` VALUES ('EQ1',NULL),('EQ2','")
        for _ in range(300):
            out.write(b"y" * (MB - 2) + b"\\'")
        out.write(b"'),('EQ3','ok');\n")
    result = read_in_child(path)
    assert result["error"] is None and result["rows"] == 2 and result["rejected"] == 1
    assert result["reasons"] == ["field 'notes' is longer than the 1048576-byte limit (connectors.max_field_bytes)"]
    assert result["raw_bytes"] < 2 * MB
    assert result["seconds"] < 120 and result["max_rss_mb"] < MAX_RSS_MB


def test_a_parquet_page_inflating_to_300_mb_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "page.parquet"
    pq.write_table(pa.table({"tag": ["EQ1", "EQ2"], "notes": ["ok", "w" * (300 * MB)]}), path, compression="zstd")
    assert path.stat().st_size < 1 * MB
    result = read_in_child(path)
    assert result["error"] == "OversizedParquetPage" and "'notes'" in str(result["message"])
    assert result["seconds"] < 60 and result["max_rss_mb"] < MAX_RSS_MB


def test_a_parquet_value_over_the_field_limit_is_rejected_like_any_other_source(tmp_path: Path) -> None:
    path = tmp_path / "value.parquet"
    pq.write_table(pa.table({"tag": ["EQ1", "EQ2", None], "notes": ["ok", "n" * (5 * MB), None],
                             "photo": [b"1", None, b"2" * (2 * MB)]}), path)
    result = read_in_child(path)
    assert result["error"] is None and result["rows"] == 1 and result["rejected"] == 2
    assert sorted(result["reasons"]) == [  # type: ignore[arg-type]
        "field 'notes' is longer than the 1048576-byte limit (connectors.max_field_bytes)",
        "field 'photo' is longer than the 1048576-byte limit (connectors.max_field_bytes)"]
    assert result["max_rss_mb"] < MAX_RSS_MB


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive, \
            archive.open("assets.csv", "w", force_zip64=True) as entry:
        entry.write(b"tag,notes\n")
        for _ in range(2_000):
            entry.write(b"EQ1," + b"0" * MB + b"\n")
    result = read_in_child(path)
    assert result["error"] == "ZipBombError"
    assert result["seconds"] < 60 and result["max_rss_mb"] < MAX_RSS_MB


class OnePassStream(io.RawIOBase):  # a stream that cannot seek (a pipe or socket), counting the bytes read
    def __init__(self, data: bytes) -> None:
        self._inner, self.bytes_read = io.BytesIO(data), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self.bytes_read += (count := self._inner.readinto(buffer))
        return count


def test_an_xls_over_its_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A real workbook just over a 1 MB connectors.xls_max_bytes is refused from a path or a seekable stream (by
    its size), or from a one-pass stream after at most one byte past the limit; under the limit it is read."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Assets")
    for row in range(20_000):
        for col, value in enumerate((f"EQ{row:06d}", f"SN-{row * 7919:09d}", row * 1.5, "Infusion pump")):
            sheet.write(row, col, value)
    path = tmp_path / "legacy.xls"
    book.save(str(path))
    data = path.read_bytes()
    assert MB < len(data) < 2 * MB
    message = r"legacy\.xls: an \.xls workbook over 1048576 bytes .* raise connectors\.xls_max_bytes"
    one_pass = OnePassStream(data)
    for location in (path, io.BytesIO(data), one_pass):
        with pytest.raises(OversizedWorkbook, match=message):
            open_source(None, location, name="legacy.xls", settings=ConnectorSettings(xls_max_bytes=MB))
    assert one_pass.bytes_read == MB + 1
    with open_source(None, path, settings=ConnectorSettings(xls_max_bytes=len(data))) as source:
        assert sum(batch.num_rows for batch in source.read("Assets")) == 20_000  # no header row: every row is data
