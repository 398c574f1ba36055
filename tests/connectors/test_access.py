"""Microsoft Access through mdbtools, on a real Jet 4 database written by Access (see data/README.md)."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.errors import SourceReadError
from tests.connectors.conftest import DATA, read_one

MDB = DATA / "merchant_taylors.mdb"

ROOT = Path(__file__).resolve().parents[2]

if shutil.which("mdb-export") is None and os.environ.get("CI"):
    pytest.fail("mdbtools is not installed although CI must test Access files: .ci/run installs it", pytrace=False)
needs_mdbtools = pytest.mark.skipif(shutil.which("mdb-export") is None, reason="mdbtools not installed")


def test_ci_says_it_is_ci_so_a_missing_tool_or_service_fails_instead_of_skipping() -> None:
    """The guards here, in tests/conftest.py (PostgreSQL) and for the shared data fail only when CI is set, and a
    runner need not set it: .ci/run does, before it runs the suite."""
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "export CI=1" in lines and lines.index("export CI=1") < lines.index("make test")


def test_without_mdbtools_these_tests_fail_under_ci_and_skip_elsewhere(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(Path(__file__)), "-k",
               "fixture_is_the_documented_file"]
    base = {k: v for k, v in os.environ.items() if k != "CI"} | {"PATH": str(tmp_path)}  # no mdb-export on it
    elsewhere = subprocess.run(command, cwd=ROOT, env=base, capture_output=True, text=True, timeout=300, check=False)
    assert elsewhere.returncode == 0 and "1 skipped" in elsewhere.stdout, elsewhere.stdout[-2000:]
    under_ci = subprocess.run(command, cwd=ROOT, env=base | {"CI": "1"}, capture_output=True, text=True,
                              timeout=300, check=False)
    assert under_ci.returncode != 0 and "mdbtools is not installed although CI" in under_ci.stdout


@needs_mdbtools
def test_fixture_is_the_documented_file() -> None:
    digest = hashlib.sha256(MDB.read_bytes()).hexdigest()
    assert digest == "25e6ab494c34d61017f67e05c63b5e6685fe344f322297064e6993174ac17430"


@needs_mdbtools
def test_every_user_table_is_read_as_text_with_iso_dates() -> None:
    with open_source(None, MDB, settings=ConnectorSettings()) as source:
        assert source.format == "access"
        assert source.tables() == ["merchant_taylors"]  # system tables (MSys*) are not user data
    read = read_one(MDB)
    assert read.columns == ["Id No", "Surname", "Forenames", "How Admitted", "Forenames_Master_or_Father",
                            "Surname_Master_or_Father", "Notes", "Date of order of Court", "Freedom", "Livery",
                            "Remarks", "Source Ref"]
    assert read.reader.rows_read == read.reader.expected_rows == 20
    assert read.reader.rows_rejected == 0
    first = read.rows[0]
    assert first["Id No"] == "1" and first["Surname"] == "Aaron" and first["Source Ref"] == "MF 324"
    assert first["Forenames_Master_or_Father"] is None  # NULL stays null
    assert [r["Id No"] for r in read.rows][:8] == ["1", "2", "3", "4", "5", "6", "7", "19"]
    assert read.rows[-1]["Id No"] == "25491"
    assert read.reader.dropped_columns == {}


@needs_mdbtools
def test_a_database_from_a_stream_is_read_through_memory_not_disk() -> None:
    read = read_one(io.BytesIO(MDB.read_bytes()), name="upload.mdb")
    assert read.reader.rows_read == 20


@needs_mdbtools
def test_content_is_recognised_without_an_extension() -> None:
    with open_source(None, io.BytesIO(MDB.read_bytes()), name="export", settings=ConnectorSettings()) as source:
        assert source.format == "access"


@needs_mdbtools
def test_a_damaged_database_is_a_clear_error(tmp_path: Path) -> None:
    truncated = tmp_path / "broken.mdb"
    truncated.write_bytes(MDB.read_bytes()[:2048])
    with pytest.raises(SourceReadError, match=r"broken\.mdb"):
        source = open_source(None, truncated, settings=ConnectorSettings())
        for table in source.tables():
            list(source.read(table))
    junk = tmp_path / "junk.mdb"
    junk.write_bytes(b"not an access database at all" * 100)
    with pytest.raises(SourceReadError, match=r"junk\.mdb is not a readable Access database"):
        open_source(None, junk, settings=ConnectorSettings())
