from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

import pyarrow.csv as pacsv
import pytest

from benchmarks.generator import GeneratorError, generate_equiptrack
from benchmarks.generator.equiptrack import ASSET_COLUMNS, HEADER_ROW, JOB_COLUMNS
from tests.generator.conftest import ASSETS, JOBS, read_cp1252_csv, table_cells, xlsx_rows


def test_assets_csv_is_windows_1252_with_banner_and_crlf(equiptrack_csv):
    raw = equiptrack_csv.paths["assets.csv"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the pound sign is the single byte 0xA3, as Windows writes it
    assert b"\xa3" in raw
    text = raw.decode("cp1252")
    lines = text.split("\r\n")
    assert lines[0] == "EquipTrack Asset Register Export"
    assert re.fullmatch(r"Exported 14/10/2026 09:12 by .+", lines[1])
    assert lines[2] == ",".join(ASSET_COLUMNS)
    assert "\n" not in text.replace("\r\n", "")
    assert "" in lines[3:-1]  # blank lines inside the data


def test_assets_rows_duplicates_and_blank_lines_match_the_counts(equiptrack_csv):
    counts = equiptrack_csv.counts
    _, header, rows = read_cp1252_csv(equiptrack_csv.paths["assets.csv"], 3)
    assert header == list(ASSET_COLUMNS)
    assert len(rows) == ASSETS == counts["assets.rows"]
    assert all(len(r) == len(header) for r in rows)
    numbers = Counter(r[0] for r in rows)
    assert len(numbers) == counts["assets.unique"]
    assert sum(n - 1 for n in numbers.values()) == counts["assets.duplicate_rows"] > 0
    duplicated = {k for k, n in numbers.items() if n > 1}
    by_number = {}
    for r in rows:
        if r[0] in duplicated:
            assert by_number.setdefault(r[0], r) == r  # a careless join repeats the whole row
    text = equiptrack_csv.paths["assets.csv"].read_bytes().decode("cp1252")
    assert text.split("\r\n")[3:-1].count("") == counts["assets.blank_lines"] > 0


def test_assets_have_the_mess_of_a_real_export(equiptrack_csv):
    cols = table_cells(equiptrack_csv)[("assets.csv", "assets")]
    dates = cols["Purchase Date"]
    assert any(re.fullmatch(r"\d\d/\d\d/\d{4}", d) for d in dates)
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
    assert any(re.fullmatch(r"\d\d-[A-Z][a-z]{2}-\d\d", d) for d in dates)
    assert {"", "unknown"} <= set(dates)
    costs = cols["Purchase Cost"]
    assert any(c.startswith("£") and "," in c for c in costs)
    assert any(re.fullmatch(r"\d+(\.\d+)?", c) for c in costs)
    assert "" in costs
    assert {"B. Braun", "B Braun", "B.BRAUN"} & set(cols["Manufacturer"])
    assert len({m for m in cols["Manufacturer"] if "braun" in m.lower()}) >= 3
    assert "NA" in cols["Status"]
    assert set(cols["Status"]) <= {"A", "S", "R", "C", "L", "NA"}
    assert all(re.fullmatch(r"\d\d-\d{3}", c) for c in cols["Category Code"] if c)
    assert set(cols["PPM Frequency (months)"]) <= {"", "6", "12", "24"}


def test_jobs_xlsx_has_banner_rows_and_header_on_row_4(equiptrack_xlsx):
    rows = list(xlsx_rows(equiptrack_xlsx.paths["jobs.xlsx"]))
    assert rows[0][0] == "EquipTrack Job History"
    assert str(rows[1][0]).startswith("Generated ")
    assert all(v is None for v in rows[2])
    assert tuple(rows[HEADER_ROW - 1]) == JOB_COLUMNS
    assert len(rows) - HEADER_ROW == JOBS == equiptrack_xlsx.counts["jobs.rows"]
    data = rows[HEADER_ROW:]
    raised = [r[3] for r in data]
    assert sum(isinstance(v, datetime) for v in raised) > 0.9 * len(raised)
    assert any(isinstance(v, str) for v in raised)  # a few typed in as text
    assert all(isinstance(r[8], float | int) for r in data)  # labour hours are numbers


def test_jobs_csv_mirrors_the_sheet_layout(equiptrack_csv):
    above, header, rows = read_cp1252_csv(equiptrack_csv.paths["jobs.csv"], HEADER_ROW)
    assert above[0] == "EquipTrack Job History" and above[2] == ""
    assert header == list(JOB_COLUMNS)
    assert len(rows) == JOBS


def test_jobs_point_at_assets_except_a_few_orphans(equiptrack_csv):
    cells = table_cells(equiptrack_csv)
    assets = set(cells[("assets.csv", "assets")]["Equipment No"])
    jobs = cells[("jobs.csv", "jobs")]["Equipment No"]
    orphans = [e for e in jobs if e not in assets]
    assert 0 < len(orphans) < 0.01 * len(jobs)
    assert len(set(cells[("jobs.csv", "jobs")]["Job No"])) == len(jobs)


def test_pyarrow_reads_the_assets_file_as_the_benchmark_floor_does(equiptrack_csv):
    table = pacsv.read_csv(equiptrack_csv.paths["assets.csv"],
                           read_options=pacsv.ReadOptions(skip_rows=2, encoding="cp1252"),
                           convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(ASSET_COLUMNS,
                                                                                           "string")))
    assert table.num_rows == ASSETS
    assert table.column_names == list(ASSET_COLUMNS)


def test_assets_do_not_depend_on_the_jobs_requested(tmp_path):
    a = generate_equiptrack(tmp_path / "a", 500, 100, seed=3, jobs_format="csv")
    b = generate_equiptrack(tmp_path / "b", 500, 900, seed=3, jobs_format="xlsx")
    assert a.paths["assets.csv"].read_bytes() == b.paths["assets.csv"].read_bytes()


def test_bad_requests_are_refused(tmp_path):
    with pytest.raises(GeneratorError, match="between 1 and"):
        generate_equiptrack(tmp_path, 0, 10)
    with pytest.raises(GeneratorError, match="jobs format"):
        generate_equiptrack(tmp_path, 10, 10, jobs_format="ods")
    with pytest.raises(GeneratorError, match="Excel sheet"):
        generate_equiptrack(tmp_path, 10, 2_000_000, jobs_format="xlsx")
    (tmp_path / "file").write_text("x")
    with pytest.raises(GeneratorError, match="not a folder"):
        generate_equiptrack(tmp_path / "file", 10, 10)


def test_ten_thousand_rows_generate_with_exact_counts(tmp_path):
    dataset = generate_equiptrack(tmp_path, 10_000, 10_000, seed=1, jobs_format="csv")
    assert dataset.counts["assets.rows"] == 10_000 and dataset.counts["jobs.rows"] == 10_000
