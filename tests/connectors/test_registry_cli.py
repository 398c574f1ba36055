"""The format registry (detection, extension by a new source) and the `intake sources` commands."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from intake.cli import app
from intake.config import ConnectorSettings
from intake.connectors import SOURCES, BatchReader, SourceFormat, detect_format, open_source, register_source
from intake.connectors.base import SourceBase
from intake.connectors.errors import UnsupportedFormat
from intake.connectors.header import BANNER_REASON


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("assets.csv", b"", "csv"),
        ("ASSETS.TSV", b"", "csv"),
        ("jobs.xlsx", b"PK\x03\x04", "xlsx"),
        ("legacy.xls", b"", "xls"),
        ("legacy.accdb", b"", "access"),
        ("export.zip", b"", "zip"),
        ("medimaint.db", b"", "sql"),
        ("events.ndjson", b"", "jsonl"),
        ("blob", b"PAR1....", "parquet"),
        ("blob", b"\x00\x01\x00\x00Standard Jet DB\x00", "access"),
        ("blob", b"SQLite format 3\x00", "sql"),
        ("blob", b"PK\x03\x04", "zip"),
        ("blob", b'{"a": 1}\n', "jsonl"),
        ("blob", b"a,b\n1,2\n", "csv"),
        ("postgresql+psycopg://u@h/db", b"", "sql"),
    ],
)
def test_formats_are_detected_by_extension_then_content(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


def test_unknown_formats_are_refused_with_the_known_ones_listed() -> None:
    with pytest.raises(UnsupportedFormat, match=r"\.csv"):
        detect_format("scan.pdf", b"%PDF-1.4")
    with pytest.raises(UnsupportedFormat, match="registered formats"):
        open_source("dbase", io.BytesIO(b"x"), name="x.dbf", settings=ConnectorSettings())


def test_a_source_is_never_opened_with_limits_nobody_chose(tmp_path: Path) -> None:
    """The connector limits (zip bombs, field and workbook sizes) are the configured ones: a caller that names none
    is refused before anything is read, rather than given the defaults."""
    path = tmp_path / "assets.csv"
    path.write_bytes(b"a,b\n1,2\n")
    with pytest.raises(TypeError, match="settings"):
        open_source(None, path)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="settings"):
        open_source(None, path, settings=None)  # type: ignore[arg-type]


class _CountingReader(BatchReader):
    def _batches(self) -> Iterator[pa.RecordBatch]:
        yield pa.record_batch({"n": pa.array([str(i) for i in range(10)])})


class _CountingSource(SourceBase):
    format = "counting"

    def __init__(self, name: str, settings: ConnectorSettings) -> None:
        self.name = name
        self.settings = settings

    def tables(self) -> list[str]:
        return ["numbers"]

    def read(self, table: str, rejects: Any = None) -> _CountingReader:
        return _CountingReader(self.name, table, pa.schema([("n", pa.string())]), self.settings, rejects)


def test_a_new_source_registers_itself_and_gets_batching_for_free() -> None:
    register_source(SourceFormat(
        name="counting", description="test source", extensions=(".count",),
        open=lambda location, *, name, settings, **options: _CountingSource(name, settings),
    ))
    try:
        with open_source(None, io.BytesIO(b""), name="x.count", settings=ConnectorSettings(batch_rows=4)) as source:
            reader = source.read("numbers")
            assert [b.num_rows for b in reader] == [4, 4, 2]
            assert reader.rows_read == 10
    finally:
        del SOURCES["counting"]


runner = CliRunner()


def test_sources_list_shows_every_registered_format() -> None:
    result = runner.invoke(app, ["--json", "sources", "list"])
    assert result.exit_code == 0, result.output
    formats = {row["format"] for row in json.loads(result.output)}
    assert {"csv", "xlsx", "xls", "access", "sql", "parquet", "parquet_package", "jsonl", "zip"} <= formats


def test_sources_inspect_shows_structure_and_counts_never_values(tmp_path: Path, cli_home: Path) -> None:
    path = tmp_path / "assets.csv"
    path.write_bytes(b"Banner\r\nEquipment No,Engineer\r\nEQ1,John Smith\r\nEQ2,Jane Doe,07700900123\r\n")
    result = runner.invoke(app, ["--json", "sources", "inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert "John" not in result.output and "Jane" not in result.output and "07700" not in result.output
    [table] = json.loads(result.output[result.output.index("["):])
    assert table == {"table": "assets", "columns": ["Equipment No:string", "Engineer:string"], "rows_read": 1,
                     "rows_rejected": 2, "reject_reasons": {BANNER_REASON: 1, "expected 2 fields, found 3": 1}}
    plain = runner.invoke(app, ["sources", "inspect", str(path)])
    assert plain.exit_code == 0 and "rows_rejected" in plain.output


def test_sources_inspect_reports_errors_without_a_traceback(tmp_path: Path, cli_home: Path) -> None:
    missing = runner.invoke(app, ["sources", "inspect", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 1
    assert "does not exist: check the path" in " ".join(missing.output.split())
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    unknown = runner.invoke(app, ["sources", "inspect", str(tmp_path / "x.pdf")])
    assert unknown.exit_code == 1 and "UnsupportedFormat" in unknown.output
