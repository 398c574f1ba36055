"""Zip archives: tables of every entry (nested too), zip-bomb limits, unsafe paths refused."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.errors import SourceReadError, UnsafeArchivePath, ZipBombError
from intake.connectors.header import BANNER_REASON

CSV = b"Report\r\nEquipment No,Site\r\nEQ1,General\r\nEQ2,Royal,extra\r\nEQ3,Royal\r\n"


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Jobs"
    book.active.append(["Job No", "Hours"])
    book.active.append(["J1", 1.5])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_every_entry_is_read_with_archive_qualified_table_names(tmp_path: Path) -> None:
    inner = zip_bytes({"sites.csv": b"Site,Postcode\nGeneral,LS1 4AP\n"})
    path = tmp_path / "export.zip"
    path.write_bytes(zip_bytes({"data/assets.csv": CSV, "jobs.xlsx": xlsx_bytes(), "inner.zip": inner,
                                "notes.pdf": b"%PDF-1.4 not a table", "empty/": b""}))
    with open_source(None, path, settings=ConnectorSettings(batch_rows=2)) as source:
        assert source.format == "zip"
        assert source.tables() == ["export.zip/data/assets.csv:assets", "export.zip/jobs.xlsx:Jobs",
                                   "export.zip/inner.zip/sites.csv:sites"]
        assert source.skipped == {"notes.pdf": "not a readable table format"}
        assets = source.read("export.zip/data/assets.csv:assets")
        rows = assets.read_all().to_pylist()
        assert rows == [{"Equipment No": "EQ1", "Site": "General"}, {"Equipment No": "EQ3", "Site": "Royal"}]
        assert [(r.source, r.table, r.row_number, r.reason) for r in assets.rejects] == [
            ("export.zip/data/assets.csv", "export.zip/data/assets.csv:assets", 1, BANNER_REASON),
            ("export.zip/data/assets.csv", "export.zip/data/assets.csv:assets", 4, "expected 2 fields, found 3")]
        assert source.read("export.zip/jobs.xlsx:Jobs").read_all().to_pylist() == [{"Job No": "J1", "Hours": "1.5"}]
        assert source.read("export.zip/inner.zip/sites.csv:sites").read_all().num_rows == 1


def test_unread_entries_name_every_level_of_nested_archives(tmp_path: Path) -> None:
    inner = zip_bytes({"sites.csv": b"Site\nGeneral\n", "scan.png": b"\x89PNG not a table"})
    path = tmp_path / "export.zip"
    path.write_bytes(zip_bytes({"assets.csv": CSV, "inner.zip": inner, "notes.pdf": b"%PDF-1.4 not a table"}))
    with open_source(None, path, settings=ConnectorSettings()) as source:
        assert source.unread_entries() == {"export.zip/notes.pdf": "not a readable table format",
                                           "export.zip/inner.zip/scan.png": "not a readable table format"}
        assert source.skipped == {"notes.pdf": "not a readable table format"}


def test_a_zipped_product_package_reads_each_parquet_from_a_stream() -> None:
    parquet = io.BytesIO()
    pq.write_table(pa.table({"asset_id": ["A1", "A2"], "cost": [1.5, 2.0]}), parquet)
    archive = zip_bytes({"manifest.json": json.dumps({"entities": ["assets"]}).encode(),
                         "assets.parquet": parquet.getvalue()})
    with open_source(None, io.BytesIO(archive), name="fault-123.zip", settings=ConnectorSettings()) as source:
        assert source.tables() == ["fault-123.zip/assets.parquet:assets"]
        assert source.manifest_entry == "manifest.json"
        table = source.read("fault-123.zip/assets.parquet:assets").read_all()
        assert table.schema.field("cost").type == pa.float64()


def test_too_many_entries_is_a_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    path.write_bytes(zip_bytes({f"f{i}.csv": b"a\n1\n" for i in range(6)}))
    with pytest.raises(ZipBombError, match="6 entries, more than 5"):
        open_source(None, path, settings=ConnectorSettings(zip_max_entries=5))


def test_a_high_compression_ratio_is_a_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    path.write_bytes(zip_bytes({"zeros.csv": b"a\n" + b"0" * (8 << 20)}))
    with pytest.raises(ZipBombError, match=r"zeros\.csv"):
        open_source(None, path, settings=ConnectorSettings(zip_max_ratio=200))
    # the same archive is accepted when the ratio limit allows it
    with open_source(None, path, settings=ConnectorSettings(zip_max_ratio=5000)) as source:
        assert len(source.tables()) == 1


def test_a_declared_total_over_the_limit_is_a_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    path.write_bytes(zip_bytes({"a.csv": b"x\n" * 3000, "b.csv": b"y\n" * 3000}))
    with pytest.raises(ZipBombError, match="zip_max_total_bytes"):
        open_source(None, path, settings=ConnectorSettings(zip_max_total_bytes=10_000))


def test_nested_archives_count_against_one_total(tmp_path: Path) -> None:
    inner = zip_bytes({"a.csv": b"x\n" * 4000}, method=zipfile.ZIP_STORED)  # ~8 kB inside
    path = tmp_path / "nested.zip"
    path.write_bytes(zip_bytes({"inner.zip": inner}, method=zipfile.ZIP_STORED))
    # the outer archive alone is under 12 kB, but outer + inner are over it
    with open_source(None, path, settings=ConnectorSettings(zip_max_total_bytes=12_000)) as source, \
            pytest.raises(ZipBombError, match=r"inner\.zip"):
        source.tables()


def test_an_entry_whose_header_understates_its_size_is_refused(tmp_path: Path) -> None:
    data = bytearray(zip_bytes({"a.csv": b"id\n" + b"1\n" * 50_000}))
    # shrink the declared uncompressed size in the local header (offset 22) and the central directory (24)
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 1000)
    struct.pack_into("<I", data, central + 24, 1000)
    path = tmp_path / "lying.zip"
    path.write_bytes(bytes(data))
    with open_source(None, path, settings=ConnectorSettings()) as source, \
            pytest.raises((SourceReadError, ZipBombError)):
        for table in source.tables():
            list(source.read(table))


@pytest.mark.parametrize("name", ["../evil.csv", "/etc/evil.csv", "C:/evil.csv", "data/../../evil.csv",
                                  "..\\evil.csv"])
def test_entries_escaping_the_archive_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "traversal.zip"
    path.write_bytes(zip_bytes({"ok.csv": b"a\n1\n", name: b"a\n1\n"}))
    with pytest.raises(UnsafeArchivePath, match="points outside the archive"):
        open_source(None, path, settings=ConnectorSettings())


def test_symbolic_links_are_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("link.csv")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    path = tmp_path / "links.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UnsafeArchivePath, match="symbolic link"):
        open_source(None, path, settings=ConnectorSettings())


def test_encrypted_and_damaged_archives_are_clear_errors(tmp_path: Path) -> None:
    data = bytearray(zip_bytes({"secret.csv": b"a\n1\n"}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the "encrypted" flag bit
        at = data.index(signature) + offset
        struct.pack_into("<H", data, at, struct.unpack_from("<H", data, at)[0] | 0x1)
    path = tmp_path / "locked.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(SourceReadError, match="encrypted"):
        open_source(None, path, settings=ConnectorSettings())
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(SourceReadError, match="not a readable zip archive"):
        open_source(None, broken, settings=ConnectorSettings())
