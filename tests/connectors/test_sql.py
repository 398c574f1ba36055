"""SQL databases: a medimaint-like SQLite file and a real PostgreSQL server, streamed as text columns."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.errors import SourceReadError, TableNotFound, UnsupportedFormat
from tests.connectors.conftest import read_one


@pytest.fixture
def medimaint(tmp_path: Path) -> Path:
    path = tmp_path / "medimaint.db"
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE tblSite (SiteID INTEGER PRIMARY KEY, SiteName TEXT, Address TEXT, Postcode TEXT);
        CREATE TABLE tblEquipment (EquipID INTEGER PRIMARY KEY, AssetTag TEXT, StatusCode INTEGER,
                                   InstallDate TEXT, Cost REAL, Photo BLOB);
        CREATE TABLE tblWorkOrder (WOID INTEGER PRIMARY KEY, EquipID INTEGER, Problem TEXT, Hours REAL);
        """
    )
    db.executemany("INSERT INTO tblSite VALUES (?, ?, ?, ?)",
                   [(1, "General", "1 High St", "LS1 4AP"), (2, "Royal", None, "")])
    db.executemany("INSERT INTO tblEquipment VALUES (?, ?, ?, ?, ?, ?)",
                   [(i, f"AT{i:05d}", i % 4 + 1, "2019-03-14", 1234.5 if i % 2 else 0.1 + 0.2, b"\x01\xff")
                    for i in range(1, 24)])
    db.executemany("INSERT INTO tblWorkOrder VALUES (?, ?, ?, ?)",
                   [(1, 1, "pump alarm", 1.5), (2, 1, "x" * 5000, 2.0), (3, 2, "ok", None)])
    db.commit()
    db.close()
    return path


def test_sqlite_file_every_table_as_text(medimaint: Path) -> None:
    settings = ConnectorSettings(batch_rows=5, max_field_bytes=1024)
    with open_source(None, medimaint, settings=settings) as source:
        assert source.format == "sql"
        assert source.tables() == ["tblEquipment", "tblSite", "tblWorkOrder"]
        equipment = source.read("tblEquipment")
        batches = list(equipment)
        assert [b.num_rows for b in batches] == [5, 5, 5, 5, 3]
        assert equipment.schema.names == ["EquipID", "AssetTag", "StatusCode", "InstallDate", "Cost", "Photo"]
        first = batches[0].to_pylist()[:2]
        assert first[0] == {"EquipID": "1", "AssetTag": "AT00001", "StatusCode": "2", "InstallDate": "2019-03-14",
                            "Cost": "1234.5", "Photo": "01ff"}
        assert first[1]["Cost"] == "0.30000000000000004"  # the stored double, exactly
        sites = source.read("tblSite").read_all().to_pylist()
        assert sites[1] == {"SiteID": "2", "SiteName": "Royal", "Address": None, "Postcode": None}
        orders = source.read("tblWorkOrder")
        rows = orders.read_all().to_pylist()
        assert [r["WOID"] for r in rows] == ["1", "3"]
        assert [(r.row_number, r.reason) for r in orders.rejects] == [
            (2, "field 'Problem' is longer than the 1024-byte limit (connectors.max_field_bytes)")]
        assert orders.rows_read + orders.rows_rejected == 3


def test_chosen_tables_and_unknown_tables(medimaint: Path) -> None:
    url = f"sqlite:///{medimaint}"
    with open_source(None, url, tables=["tblSite"], settings=ConnectorSettings()) as source:
        assert source.tables() == ["tblSite"]
    with pytest.raises(TableNotFound, match="tblNope"):
        open_source(None, url, tables=["tblNope"], settings=ConnectorSettings())
    with open_source(None, url, settings=ConnectorSettings()) as source, pytest.raises(TableNotFound):
        source.read("tblNope")


def test_sqlite_from_a_stream_is_loaded_in_memory(medimaint: Path) -> None:
    read = read_one(io.BytesIO(medimaint.read_bytes()), name="medimaint.db", table="tblEquipment")
    assert read.reader.rows_read == 23


def test_bad_urls_and_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="driver"):
        open_source("sql", "nosuchdialect://user:secret@host/db", settings=ConnectorSettings())
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite")
    with pytest.raises(SourceReadError, match="not a SQLite database"):
        open_source(None, bogus, settings=ConnectorSettings())
    with pytest.raises(SourceReadError) as caught:
        open_source("sql", "postgresql+psycopg://intake:hunter2@127.0.0.1:1/none", settings=ConnectorSettings())
    assert "hunter2" not in str(caught.value)  # passwords never appear in messages


@pytest.fixture
def postgres_tables(postgres_url: str) -> Iterator[str]:
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS legacy CASCADE"))
        connection.execute(text("CREATE SCHEMA legacy"))
        connection.execute(text(
            "CREATE TABLE legacy.equipment (id integer PRIMARY KEY, tag text, installed date, opened timestamp,"
            " cost numeric(10, 2), hours double precision, active boolean)"))
        connection.execute(text(
            "INSERT INTO legacy.equipment SELECT g, 'AT' || g, DATE '2019-03-14' + g, "
            "TIMESTAMP '2024-03-15 09:30:00', 1234.50, 1.5, g % 2 = 0 FROM generate_series(1, 2500) g"))
        connection.execute(text("CREATE TABLE legacy.sites (id integer PRIMARY KEY, name text)"))
    engine.dispose()
    yield postgres_url
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA legacy CASCADE"))
    engine.dispose()


@pytest.mark.postgres
def test_postgresql_tables_stream_with_a_server_side_cursor(postgres_tables: str) -> None:
    settings = ConnectorSettings(batch_rows=1000)
    with open_source(None, postgres_tables, settings=settings, schema="legacy") as source:
        assert source.tables() == ["equipment", "sites"]
        reader = source.read("equipment")
        batches = list(reader)
        assert [b.num_rows for b in batches] == [1000, 1000, 500]
        first = batches[0].to_pylist()[0]
        assert first == {"id": "1", "tag": "AT1", "installed": "2019-03-15", "opened": "2024-03-15T09:30:00",
                         "cost": "1234.50", "hours": "1.5", "active": "false"}
        assert reader.rows_read == 2500
        assert source.read("sites").read_all().num_rows == 0
