# ruff: noqa: E501  (dump scripts have long lines: they are quoted as their tools write them)
"""SQL dump scripts are read, never run: pg_dump's three plain forms (made by the real pg_dump against the test
PostgreSQL), SQLite's own dumper, a mysqldump script with its escapes, conditional comments, triggers and computed
columns, and a SQL Server script saved as UTF-16. Every row is read or rejected with its reason."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.base import detect_format
from intake.connectors.errors import SourceReadError
from tests.services import postgres_bin

NOTE = "Zoë's pump; (bay 3)\n\ttab \\ back"


def read(path: Path, **settings: int) -> dict[str, tuple[list[str], list[dict[str, str | None]], list[str]]]:
    out = {}
    with open_source(None, path, name=path.name, settings=ConnectorSettings(**settings)) as source:
        for table in source.tables():
            reader = source.read(table)
            rows = reader.read_all().to_pylist()
            assert reader.rows_read == len(rows)
            out[table] = (reader.schema.names, rows, [f"{r.row_number}: {r.reason}" for r in reader.rejects])
    return out


@pytest.mark.parametrize("form", [[], ["--inserts"], ["--column-inserts", "--rows-per-insert=2"]])
def test_pg_dump_plain_scripts_in_each_form(postgres_url: str, tmp_path: Path, form: list[str]) -> None:
    engine = sa.create_engine(postgres_url)
    with engine.begin() as db:
        db.execute(sa.text("DROP SCHEMA IF EXISTS dumpcase CASCADE; CREATE SCHEMA dumpcase"))
        db.execute(sa.text("CREATE TABLE dumpcase.assets (id int GENERATED ALWAYS AS IDENTITY, name text, "
                           "notes text, cost numeric(10,2), seen date, twice numeric GENERATED ALWAYS AS (cost * 2) "
                           "STORED)"))
        db.execute(sa.text("INSERT INTO dumpcase.assets (name, notes, cost, seen) VALUES "
                           "(:name, :notes, 1.5, '2021-01-02'), (NULL, '', -2, NULL), ('$$x$$', 'a\\.b', 0, NULL)"),
                   {"name": "Łukasz", "notes": NOTE})
        # "key" is no reserved word in PostgreSQL, so pg_dump does not quote it: a column, not MySQL's KEY line
        db.execute(sa.text("CREATE TYPE dumpcase.kind AS ENUM ('a', 'b'); CREATE TABLE dumpcase.settings (key "
                           "character varying(64) PRIMARY KEY, index dumpcase.kind, period text, value text)"))
        db.execute(sa.text("INSERT INTO dumpcase.settings VALUES ('loan_days', 'a', 'x', '90')"))
        db.execute(sa.text("CREATE FUNCTION dumpcase.f() RETURNS int AS $body$ BEGIN INSERT INTO dumpcase.assets "
                           "(name) VALUES ('not a row'); RETURN 1; END; $body$ LANGUAGE plpgsql"))
    url = sa.engine.make_url(postgres_url)
    script = subprocess.run([str(postgres_bin() / "pg_dump"), "-h", str(url.host), "-p", str(url.port), "-U",
                             str(url.username), "-n", "dumpcase", *form, str(url.database)],
                            capture_output=True, check=True).stdout
    path = tmp_path / "cmms.sql"
    path.write_bytes(script)
    tables = read(path)
    assert tables["settings"] == (["key", "index", "period", "value"],
                                  [{"key": "loan_days", "index": "a", "period": "x", "value": "90"}], [])
    names, rows, rejects = tables["assets"]
    assert names == ["id", "name", "notes", "cost", "seen"] and rejects == []  # the computed column is left out
    assert rows == [{"id": "1", "name": "Łukasz", "notes": NOTE, "cost": "1.50", "seen": "2021-01-02"},
                    {"id": "2", "name": None, "notes": None, "cost": "-2.00", "seen": None},
                    {"id": "3", "name": "$$x$$", "notes": "a\\.b", "cost": "0.00", "seen": None}]


def test_sqlite_dumps_old_and_new(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "t.db") as db:
        db.execute('CREATE TABLE "asset list" (id INTEGER PRIMARY KEY, notes TEXT, tag BLOB, price REAL)')
        db.executemany('INSERT INTO "asset list" VALUES (?, ?, ?, ?)', [(1, NOTE, b"\x00\xab", 1.5),
                                                                         (2, None, None, -3.0)])
        old = "\n".join(db.iterdump())
    (tmp_path / "old.sql").write_text(old, encoding="utf-8")
    # the sqlite3 shell (3.33 on) writes a line break as replace('...\n...', '\n', char(10))
    new = old.replace(f"'{NOTE.replace(chr(39), chr(39) * 2)}'",
                      "replace('" + NOTE.replace("'", "''").replace("\n", "\\n") + "','\\n',char(10))")
    assert "replace(" in new
    (tmp_path / "new.sql").write_text(new, encoding="utf-8")
    for name in ("old.sql", "new.sql"):
        _, rows, rejects = read(tmp_path / name)["asset list"]
        assert rows == [{"id": "1", "notes": NOTE, "tag": "00ab", "price": "1.5"},
                        {"id": "2", "notes": None, "tag": None, "price": "-3.0"}] and not rejects


MYSQLDUMP = r"""-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: cmms
-- ------------------------------------------------------
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `assets`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `assets` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(255) DEFAULT NULL COMMENT 'as (shown); on labels',
  `notes` text,
  `cost` decimal(10,2) DEFAULT NULL,
  `twice` decimal(10,2) GENERATED ALWAYS AS ((`cost` * 2)) VIRTUAL,
  `created` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_name` (`name`)
) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
LOCK TABLES `assets` WRITE;
/*!40000 ALTER TABLE `assets` DISABLE KEYS */;
INSERT INTO `assets` (`id`, `name`, `notes`, `cost`, `created`) VALUES (1,'Pump; (big)','O\'Neill said:\nok \\ done\r\n\"q\"',-12.50,'2021-03-04 10:22:11'),(2,'',NULL,0.00,'0000-00-00 00:00:00'),(3,'x',NOW(),1.00,NULL);
INSERT INTO `assets` (`id`, `name`, `notes`, `cost`, `created`) VALUES (4,_utf8mb4'Zoë',0x4142,1e3,'2021-01-01'),(5,_binary 'AB',NULL,NULL,NULL);
/*!40000 ALTER TABLE `assets` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `stamp` BEFORE INSERT ON `assets` FOR EACH ROW BEGIN INSERT INTO audit VALUES (1); END */;;
CREATE PROCEDURE p() BEGIN INSERT INTO audit VALUES (2); SELECT 1; END ;;
DELIMITER ;
# a comment MySQL allows
DROP TABLE IF EXISTS `staff`;
CREATE TABLE `staff` (`id` int, `first` varchar(10), `last` varchar(10));
LOCK TABLES `staff` WRITE;
INSERT INTO `staff` VALUES (1,'Ann','Smith'),(2,'Bo'),(3,'Cy','Wu');
UNLOCK TABLES;
-- Dump completed on 2026-12-01 10:00:00
"""


def test_a_mysqldump_script(tmp_path: Path) -> None:
    path = tmp_path / "cmms.sql"
    path.write_text(MYSQLDUMP, encoding="utf-8")
    tables = read(path)
    assert list(tables) == ["assets", "staff"]  # nothing from the trigger's or procedure's bodies
    names, rows, rejects = tables["assets"]
    assert names == ["id", "name", "notes", "cost", "created"]
    assert rows == [{"id": "1", "name": "Pump; (big)", "notes": "O'Neill said:\nok \\ done\r\n\"q\"", "cost": "-12.50",
                     "created": "2021-03-04 10:22:11"},
                    {"id": "2", "name": None, "notes": None, "cost": "0.00", "created": "0000-00-00 00:00:00"},
                    {"id": "4", "name": "Zoë", "notes": "4142", "cost": "1e3", "created": "2021-01-01"},
                    {"id": "5", "name": "AB", "notes": None, "cost": None, "created": None}]
    assert rejects == ["3: a value is computed by NOW(), not stored in the dump"]
    names, rows, rejects = tables["staff"]
    assert [r["last"] for r in rows] == ["Smith", "Wu"] and rejects == ["2: the row has 2 values for 3 columns"]


SQL_SERVER = """USE [CMMS]
GO
/****** Object:  Table [dbo].[Assets]    Script Date: 03/12/2026 10:00:00 ******/
SET ANSI_NULLS ON
GO
CREATE TABLE [dbo].[Assets](
\t[AssetID] [int] IDENTITY(1,1) NOT NULL,
\t[Desc]] x] [nvarchar](255) NULL,
\t[Bought] [datetime] NULL,
\t[Total]  AS ([AssetID]*(2)),
 CONSTRAINT [PK_Assets] PRIMARY KEY CLUSTERED
(
\t[AssetID] ASC
)WITH (PAD_INDEX = OFF) ON [PRIMARY]
) ON [PRIMARY]
GO
SET IDENTITY_INSERT [dbo].[Assets] ON
GO
INSERT [dbo].[Assets] ([AssetID], [Desc]] x], [Bought]) VALUES (1, N'Łukasz''s ECG', CAST(N'2021-03-04T00:00:00.000' AS DateTime))
GO
INSERT [dbo].[Assets] ([AssetID], [Desc]] x], [Bought]) VALUES (2, N'line
two', NULL)
GO
"""


def test_a_sql_server_script_saved_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "export"  # no extension: told apart by its content
    path.write_bytes(b"\xff\xfe" + SQL_SERVER.replace("\n", "\r\n").encode("utf-16-le"))
    assert detect_format(path.name, path.read_bytes()[:4096]) == "sql_dump"
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        reader = source.read("Assets")
        assert reader.schema.names == ["AssetID", "Desc] x", "Bought"]
        assert reader.read_all().to_pylist() == [
            {"AssetID": "1", "Desc] x": "Łukasz's ECG", "Bought": "2021-03-04T00:00:00.000"},
            {"AssetID": "2", "Desc] x": "line\r\ntwo", "Bought": None}]


def test_an_extensionless_utf8_script_is_recognised(tmp_path: Path) -> None:
    head = MYSQLDUMP.encode()[:4096]
    assert detect_format("cmms_export", head) == "sql_dump"


def test_a_dump_cut_short_inside_a_value_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.sql"
    path.write_text(MYSQLDUMP[:MYSQLDUMP.index("ok \\\\ done")], encoding="utf-8")
    with pytest.raises(SourceReadError, match="cut short"):
        read(path)


def test_unquoted_or_empty_values_are_rejects_naming_no_value_and_the_next_rows_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bare.sql"
    path.write_text("CREATE TABLE t (a text, b text);\n"
                    "INSERT INTO t VALUES (1, Smith), (2, 'ok'), (3, Jones(4)), (4, 'fine'), (5,), (6, 'last');",
                    encoding="utf-8")
    _, rows, rejects = read(path)["t"]
    assert rows == [{"a": "2", "b": "ok"}, {"a": "4", "b": "fine"}, {"a": "6", "b": "last"}]
    assert [r.split(":")[0] for r in rejects] == ["1", "3", "5"]  # every row read or rejected, in order
    assert not any("mith" in r or "ones" in r for r in rejects)  # the customer's words are not repeated


def test_an_over_long_value_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "long.sql"
    path.write_text("CREATE TABLE t (a text, b text);\nINSERT INTO t VALUES ('" + "x" * 5000 + "', 'b'), ('ok', 'c');",
                    encoding="utf-8")
    _, rows, rejects = read(path, max_field_bytes=1024)["t"]
    assert rows == [{"a": "ok", "b": "c"}]
    assert rejects == ["1: field 'a' is longer than the 1024-byte limit (connectors.max_field_bytes)"]
