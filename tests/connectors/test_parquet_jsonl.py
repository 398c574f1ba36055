"""Parquet files, the product Parquet package, and JSON lines: types kept, malformed lines rejected."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.errors import SourceReadError, UnsupportedFormat
from tests.connectors.conftest import read_one


def assets_table(rows: int = 30) -> pa.Table:
    return pa.table({
        "asset_id": pa.array([f"A{i}" for i in range(rows)]),
        "cost": pa.array([i * 1.5 for i in range(rows)], pa.float64()),
        "installed": pa.array([None if i % 7 == 0 else 18000 + i for i in range(rows)], pa.date32()),
    })


def test_parquet_keeps_types_and_streams_bounded_batches(tmp_path: Path) -> None:
    path = tmp_path / "assets.parquet"
    pq.write_table(assets_table(), path, row_group_size=10)
    read = read_one(path, settings=ConnectorSettings(batch_rows=4))
    assert read.table.schema == assets_table().schema
    assert read.table.equals(assets_table())
    assert max(read.batch_sizes) == 4
    assert read.reader.rows_read == read.reader.expected_rows == 30


def test_parquet_from_a_stream_and_damaged_parquet(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    pq.write_table(assets_table(), buffer)
    assert read_one(io.BytesIO(buffer.getvalue()), name="x.parquet").reader.rows_read == 30
    damaged = tmp_path / "damaged.parquet"
    damaged.write_bytes(buffer.getvalue()[:200])
    with pytest.raises(SourceReadError, match=r"damaged\.parquet"):
        open_source(None, damaged, settings=ConnectorSettings())


def test_product_parquet_package_folder_reads_each_entity(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    pq.write_table(assets_table(5), package / "assets.parquet")
    pq.write_table(pa.table({"job_id": ["J1", "J2"]}), package / "jobs.parquet")
    (package / "manifest.json").write_text(json.dumps({"format": "product-v1", "entities": ["assets", "jobs"]}))
    with open_source(None, package, settings=ConnectorSettings()) as source:
        assert source.format == "parquet_package"
        assert source.tables() == ["assets", "jobs"]
        assert source.manifest["format"] == "product-v1"
        assert source.read("jobs").read_all().column("job_id").to_pylist() == ["J1", "J2"]
    (package / "manifest.json").unlink()
    with pytest.raises(UnsupportedFormat, match=r"manifest\.json"):
        open_source(None, package, settings=ConnectorSettings())


def test_jsonl_types_merge_and_malformed_lines_are_rejected_by_line(tmp_path: Path) -> None:
    lines = [
        '{"id": 1, "name": "pump", "cost": 10}',
        "",
        '{"id": 2, "name": "monitor", "cost": 12.5, "tags": ["a", "b"]}',
        '{"id": 3, "name": "bad json", ',
        "[1, 2, 3]",
        '{"id": 4, "name": null, "cost": null, "extra": {"k": true}}',
        '{"id": "5", "name": "mixed id type"}',
    ]
    path = tmp_path / "events.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": 6, "name": "\xff"}\n')
    read = read_one(path, settings=ConnectorSettings(batch_rows=2))
    assert read.columns == ["id", "name", "cost", "tags", "extra"]
    types = dict(zip(read.table.schema.names, read.table.schema.types, strict=True))
    assert types["cost"] == pa.float64()  # int + float -> float
    assert types["tags"] == pa.list_(pa.string())
    assert types["id"] == pa.string()  # a number here, text there: kept as the JSON of each value
    assert [r["id"] for r in read.rows] == ["1", "2", "4", "5"]
    assert read.rows[2]["extra"] == {"k": True}
    assert read.where() == [(4, "line is not valid JSON"), (5, "line is not a JSON object"),
                            (8, "line is not valid UTF-8")]
    assert read.reader.rows_read + read.reader.rows_rejected == 7
    assert read.reader.mixed_columns == ["id"]


def test_jsonl_over_long_lines_are_rejected_and_reading_continues(tmp_path: Path) -> None:
    path = tmp_path / "long.ndjson"
    path.write_text('{"a": 1}\n{"a": "' + "x" * 100_000 + '"}\n{"a": 3}\n')
    read = read_one(path, settings=ConnectorSettings(max_field_bytes=1024))
    assert read.where() == [(2, "line is longer than 32768 bytes")]
    assert [r["a"] for r in read.rows] == [1, 3]


def test_jsonl_a_line_nested_too_deep_is_rejected_and_reading_continues(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text('{"a": 1}\n{"a": ' + "[" * 20_000 + "]" * 20_000 + '}\n{"a": 3}\n')
    read = read_one(path)
    assert read.where() == [(2, "line nests values deeper than Python's JSON reader allows")]
    assert [r["a"] for r in read.rows] == [1, 3]


def test_jsonl_is_recognised_by_content(tmp_path: Path) -> None:
    with open_source(None, io.BytesIO(b'{"a": 1}\n{"a": 2}\n'), name="export", settings=ConnectorSettings()) as source:
        assert source.format == "jsonl"
