"""Hostile files are refused or rejected within bounded memory and time, each read in a subprocess whose peak
memory is measured: a generated 200 MB column in a tiny SQLite file, a stored blob over the field limit, a
CSV 100,000 columns wide."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

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
