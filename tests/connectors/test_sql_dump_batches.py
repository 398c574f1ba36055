# ruff: noqa: E501  (dump scripts have long lines: they are quoted as their tools write them)
"""SQL Server scripts whose batches hold several statements: SSMS 2016 and earlier write no GO between a table's
INSERTs (SET IDENTITY_INSERT ... ON, then every INSERT, in one batch), and SQL Server also takes statements ended
by ";" on one line or by nothing at all. Every INSERT row of such a script is read or rejected: for every script
built here, rows read + rejects == INSERT rows written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from intake.connectors.sql_dump_lexer import CHUNK
from tests.connectors.test_sql_dump import MYSQLDUMP, SQL_SERVER, read

HEAD = """USE [CMMS]
GO
/****** Object:  Table [dbo].[Assets]    Script Date: 03/12/2016 10:00:00 ******/
SET ANSI_NULLS ON
GO
CREATE TABLE [dbo].[Assets](
\t[AssetID] [int] IDENTITY(1,1) NOT NULL,
\t[Name] [nvarchar](50) NULL,
\t[Notes] [nvarchar](max) NULL,
\t[Bought] [datetime] NULL,
\t[Cost] [money] NULL
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
CREATE TABLE [dbo].[Staff](
\t[Code] [nvarchar](10) NOT NULL,
\t[Name] [nvarchar](50) NULL,
\t[Started] [datetime] NULL
) ON [PRIMARY]
GO
CREATE TABLE [dbo].[Visits](
\t[Code] [nvarchar](10) NOT NULL,
\t[At] [datetime] NULL
) ON [PRIMARY]
GO"""


def asset(n: int) -> tuple[str, dict[str, str | None]]:
    """An Assets INSERT (N'' strings with CR LF and doubled quotes, CAST(N'...' AS DateTime)) and its row."""
    bought = None if n == 3 else f"2016-0{n}-02T10:20:30.000"
    notes = f"O'Brien's pump {n}\r\nINSERT [dbo].[Assets] VALUES (9)\r\nGO\r\nit's ok; (bay {n})"
    sql = (f"INSERT [dbo].[Assets] ([AssetID], [Name], [Notes], [Bought], [Cost]) VALUES ({n}, N'Pump ''{n}''', "
           f"N'{notes.replace(chr(39), chr(39) * 2)}', "
           f"{'NULL' if bought is None else f'CAST(N{chr(39)}{bought}{chr(39)} AS DateTime)'}, {-n}.5000)")
    return sql, {"AssetID": str(n), "Name": f"Pump '{n}'", "Notes": notes, "Bought": bought, "Cost": f"{-n}.5000"}


def staff(n: int) -> tuple[str, dict[str, str | None]]:
    sql = (f"INSERT [dbo].[Staff] ([Code], [Name], [Started]) VALUES (N'S{n}', N'Ann ''{n}''\r\nWard {n}', "
           f"CAST(N'2015-12-0{n}T08:00:00.000' AS DateTime))")
    return sql, {"Code": f"S{n}", "Name": f"Ann '{n}'\r\nWard {n}", "Started": f"2015-12-0{n}T08:00:00.000"}


def visit(n: int) -> str:
    """Visits: the third row's value is computed (a reject), the others are read."""
    return f"INSERT [dbo].[Visits] ([Code], [At]) VALUES (N'V{n}', {'GETDATE()' if n == 3 else 'NULL'})"


def batches(layout: str) -> list[str]:
    """The data part of a script in `layout`, as lines."""
    assets, people, visits = [asset(n)[0] for n in range(1, 6)], [staff(n)[0] for n in range(1, 6)], [visit(n) for n in range(1, 6)]
    on, off = "SET IDENTITY_INSERT [dbo].[Assets] ON ", "SET IDENTITY_INSERT [dbo].[Assets] OFF"
    if layout == "ssms2016":  # one batch: no GO between the statements, no ";"
        return [on, "", *assets, off, *people, *visits, "GO"]
    if layout == "ssms18":  # GO after every statement
        return [line for statement in [on, *assets, off, *people, *visits] for line in (statement, "GO")]
    if layout == "semicolons":  # several statements on one line, each ended by ";"
        return [f"{on}; " + "; ".join(assets) + f"; {off};", "; ".join(people) + ";", "; ".join(visits) + ";", "GO"]
    if layout == "one_line":  # several statements on one line with nothing between them but a space
        return [" ".join([on, *assets, off]), " ".join(people), " ".join(visits), "GO"]
    raise AssertionError(layout)


LAYOUTS = ["ssms2016", "ssms18", "semicolons", "one_line"]
ENCODINGS = {"utf16_crlf": ("utf-16-le", "\r\n"), "utf8_crlf": ("utf-8", "\r\n"), "utf8_lf": ("utf-8", "\n")}


def write_script(path: Path, lines: list[str], encoding: str, newline: str) -> Path:
    """Lines joined by `newline` (line breaks inside values stay as written); UTF-16 with its BOM, as SSMS saves."""
    text = newline.join(lines) + newline
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le") if encoding == "utf-16-le" else text.encode("utf-8"))
    return path


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_batch_of_inserts_without_go_is_read_whole(tmp_path: Path, layout: str, encoding: str) -> None:
    path = write_script(tmp_path / "cmms.sql", [*HEAD.split("\n"), *batches(layout)], *ENCODINGS[encoding])
    tables = read(path)
    assert list(tables) == ["Assets", "Staff", "Visits"]
    assert tables["Assets"] == (["AssetID", "Name", "Notes", "Bought", "Cost"], [asset(n)[1] for n in range(1, 6)], [])
    assert tables["Staff"] == (["Code", "Name", "Started"], [staff(n)[1] for n in range(1, 6)], [])
    _, rows, rejects = tables["Visits"]
    assert [r["Code"] for r in rows] == ["V1", "V2", "V4", "V5"]
    assert rejects == ["3: a value is computed by GETDATE(), not stored in the dump"]


def test_a_batch_without_go_ends_at_the_next_go_and_the_next_batch_is_read(tmp_path: Path) -> None:
    lines = [*HEAD.split("\n"), "SET IDENTITY_INSERT [dbo].[Assets] ON", asset(1)[0], asset(2)[0],
             "SET IDENTITY_INSERT [dbo].[Assets] OFF", "GO", "SET IDENTITY_INSERT [dbo].[Assets] ON", asset(3)[0],
             "SET IDENTITY_INSERT [dbo].[Assets] OFF", "GO", staff(1)[0], "GO", asset(4)[0], asset(5)[0], "GO"]
    tables = read(write_script(tmp_path / "cmms.sql", lines, "utf-16-le", "\r\n"))
    assert [r["AssetID"] for r in tables["Assets"][1]] == ["1", "2", "3", "4", "5"]
    assert [r["Code"] for r in tables["Staff"][1]] == ["S1"]


ROUTINES = """USE [CMMS]
GO
SET ANSI_NULLS ON
GO
CREATE PROCEDURE [dbo].[AddLog] @msg nvarchar(50) AS
BEGIN
\tSET NOCOUNT ON;
\tUPDATE [dbo].[Visits] SET [At] = GETDATE()
\tINSERT INTO [dbo].[Log] ([Msg]) VALUES (@msg)
\tINSERT INTO [dbo].[Log] ([Msg]) VALUES (N'fixed')
END
GO
CREATE TRIGGER [dbo].[trg] ON [dbo].[Visits] AFTER INSERT AS
INSERT INTO [dbo].[Log] ([Msg]) VALUES (N'visit');
INSERT INTO [dbo].[Log] ([Msg]) VALUES (N'again')
GO
ALTER TABLE [dbo].[Visits] ENABLE TRIGGER [trg]
GO
INSERT [dbo].[Visits] ([Code], [At]) VALUES (N'V1', NULL)
INSERT [dbo].[Visits] ([Code], [At]) VALUES (N'V2', NULL)
GO
"""


def test_the_inserts_of_a_procedure_or_a_trigger_are_no_rows(tmp_path: Path) -> None:
    """SQL Server's CREATE PROCEDURE / TRIGGER takes its whole batch: its INSERTs, with ";" or without, are code."""
    path = write_script(tmp_path / "routines.sql", ROUTINES.split("\n")[:-1], "utf-16-le", "\r\n")
    assert read(path) == {"Visits": (["Code", "At"], [{"Code": "V1", "At": None}, {"Code": "V2", "At": None}], [])}


def scripts(tmp_path: Path) -> list[tuple[Path, dict[str, int]]]:
    """Every script these tests build, with the INSERT rows it holds per table."""
    built: list[tuple[Path, dict[str, int]]] = []
    five = {"Assets": 5, "Staff": 5, "Visits": 5}
    for layout in LAYOUTS:
        for encoding, (codec, newline) in ENCODINGS.items():
            lines = [*HEAD.split("\n"), *batches(layout)]
            built.append((write_script(tmp_path / f"{layout}_{encoding}.sql", lines, codec, newline), five))
    mysql = tmp_path / "mysqldump.sql"
    mysql.write_text(MYSQLDUMP, encoding="utf-8")
    built.append((mysql, {"assets": 5, "staff": 3}))
    server = tmp_path / "server.sql"
    server.write_bytes(b"\xff\xfe" + SQL_SERVER.replace("\n", "\r\n").encode("utf-16-le"))
    built.append((server, {"Assets": 2}))
    with sqlite3.connect(tmp_path / "t.db") as db:
        db.execute("CREATE TABLE t (a INTEGER, b TEXT)")
        db.executemany("INSERT INTO t VALUES (?, ?)", [(n, f"line\ninsert into t values ({n});\ngo") for n in range(7)])
        dump = "\n".join(db.iterdump())
    (tmp_path / "sqlite.sql").write_text(dump, encoding="utf-8")
    built.append((tmp_path / "sqlite.sql", {"t": 7}))
    built.append((write_script(tmp_path / "routines.sql", ROUTINES.split("\n"), "utf-8", "\n"), {"Visits": 2}))
    return built


def test_every_insert_row_written_is_read_or_rejected(tmp_path: Path) -> None:
    for path, written in scripts(tmp_path):
        tables = read(path)
        assert {table: len(rows) + len(rejects) for table, (_, rows, rejects) in tables.items()} == written, path.name


@pytest.mark.parametrize("after", ["GO", "INSERT"])
def test_a_statement_just_past_the_edge_of_the_lexer_buffer_is_not_missed(tmp_path: Path, after: str) -> None:
    """A line break ending a long multi-row INSERT as the last bytes of the lexer's first 1 MB buffer, then a GO
    line or the next INSERT: the index pass, skipping the INSERT's rows, must stop at either."""
    for shift in range(9):  # the buffer ends `shift` bytes after the line break
        def lines(pad: int, shift: int = shift) -> list[str]:
            rows = f"(N'V1', NULL), (N'V2', N'{'y' * pad}')"
            return [*HEAD.split("\n"), f"INSERT [dbo].[Visits] ([Code], [At]) VALUES {rows}",
                    *(["GO"] if after == "GO" else []), visit(3), visit(4).replace("NULL", "N'2016'"), visit(5), "GO"]
        text = "\n".join(lines(0))
        pad = CHUNK - shift - (text.index(" VALUES (N'V1'") + len(" VALUES (N'V1', NULL), (N'V2', N'')\n"))
        path = write_script(tmp_path / f"edge{shift}.sql", lines(pad), "utf-8", "\n")
        assert path.read_bytes()[CHUNK - shift - 1:CHUNK - shift + 1] in (b"\nG", b"\nI")
        tables = read(path)
        assert [r["Code"] for r in tables["Visits"][1]] == ["V1", "V2", "V4", "V5"], shift
        assert len(tables["Visits"][2]) == 1, shift
