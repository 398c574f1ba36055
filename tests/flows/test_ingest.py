"""The run's first steps over awkward deliveries: tables of one name in two files, archive entries no connector
reads, and columns a connector leaves out. Plain pipeline functions (the flows' tasks call exactly these)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from intake import pipeline
from intake.connectors.base import SOURCES, SourceBase, SourceFormat
from intake.context import Context
from intake.registry.models import Run
from intake.vault import Vault

ENGINEERS = ["Jane Smith", "Rajesh Patel", "Olusegun Adeyemi", "Siobhan O'Neill", "Tomasz Kowalski",
             "Margaret Hughes", "Priya Sharma", "David Thompson"]


@pytest.fixture
def eve(as_user: Callable[[str], Context]) -> Context:
    return as_user("eve")


def receive(eve: Context, authorise: Any, files: list[Path]) -> pipeline.RunInfo:
    """Receive the files under a signed authorisation and start a run with the equiptrack mapping."""
    received = pipeline.receive_dataset(eve, authorise(files), files)
    return pipeline.start_run(eve, received.dataset_id, "equiptrack")


def workbook(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet.title == "Sheet"  # openpyxl's default; Excel's is "Sheet1"
    sheet.title = "Sheet1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_tables_of_one_name_in_two_files_are_classified_and_anonymised_apart(eve, authorise, tmp_path: Path):
    staff = workbook(tmp_path / "staff.xlsx", ["Equipment No", "Engineer"],
                     [[f"EQ{n:06d}", ENGINEERS[n % len(ENGINEERS)]] for n in range(40)])
    devices = workbook(tmp_path / "devices.xlsx", ["Code", "Description"],
                       [[f"C{n:03d}", "Infusion Pump" if n % 2 else "Patient Monitor"] for n in range(30)])
    run = receive(eve, authorise, [staff, devices])

    ingested = pipeline.ingest(eve, run, chunk_rows=15)
    keys = ["devices.xlsx/Sheet1", "staff.xlsx/Sheet1"]
    assert [t.key for t in ingested.tables] == keys
    classifications = pipeline.profile_tables(eve, run, ingested.tables)
    assert sorted(classifications) == keys  # each from its own sample, not the last file's for both
    columns = {key: {c["column"]: c for c in classified["columns"]} for key, classified in classifications.items()}
    assert set(columns["staff.xlsx/Sheet1"]) == {"Equipment No", "Engineer"}
    assert set(columns["devices.xlsx/Sheet1"]) == {"Code", "Description"}
    assert columns["staff.xlsx/Sheet1"]["Engineer"]["entity_type"] == "PERSON"

    results = [pipeline.anonymise_chunk(eve, run, chunk, classifications[chunk.table.key], ner_sample=100)
               for chunk in pipeline.plan_chunks(ingested.tables)]
    anonymised = pipeline.combine_chunks(eve, classifications, results)

    assert {key: sum(part.rows for part in parts) for key, parts in anonymised.parts.items()} == {
        "devices.xlsx/Sheet1": 30, "staff.xlsx/Sheet1": 40}
    assert anonymised.clean
    report = {t.table: {c.column: c for c in t.columns} for t in anonymised.report.tables}
    assert sorted(report) == keys
    assert report["staff.xlsx/Sheet1"]["Engineer"].changed_values == 40
    assert report["staff.xlsx/Sheet1"]["Engineer"].rescan == "clean"
    assert report["devices.xlsx/Sheet1"]["Description"].changed_values == 0
    vault = Vault.from_context(eve)
    engineers = [value for part in anonymised.parts["staff.xlsx/Sheet1"]
                 for batch in pipeline.read_table_batches(vault, part.artefact_id, eve.actor())
                 for value in batch.column("Engineer").to_pylist()]
    assert len(engineers) == 40 and all(value.startswith("PERSON_") for value in engineers)
    descriptions = {value for part in anonymised.parts["devices.xlsx/Sheet1"]
                    for batch in pipeline.read_table_batches(vault, part.artefact_id, eve.actor())
                    for value in batch.column("Description").to_pylist()}
    assert descriptions == {"Infusion Pump", "Patient Monitor"}


ASSETS = b"Equipment No,Serial No\r\nEQ000001,SN-1\r\nEQ000002,SN-2\r\n"


def zip_file(path: Path, entries: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_archive_entries_no_connector_reads_stop_the_run_by_name(eve, authorise, tmp_path: Path):
    inner = zip_file(tmp_path / "inner.zip", {"sites.csv": b"Site\r\nGeneral\r\n", "floor plan.pdf": b"%PDF-1.4 x"})
    export = zip_file(tmp_path / "export.zip", {"assets.csv": ASSETS, "README.pdf": b"%PDF-1.4 readme",
                                                "more.zip": inner.read_bytes()})
    run = receive(eve, authorise, [export])

    with pytest.raises(pipeline.EntriesNotRead) as refused:
        pipeline.ingest(eve, run, chunk_rows=100)

    message = str(refused.value)
    assert "export.zip/README.pdf" in message and "export.zip/more.zip/floor plan.pdf" in message
    assert "2 entries" in message and "new authorisation" in message  # what to do

    (tmp_path / "readable").mkdir()
    readable = zip_file(tmp_path / "readable" / "export.zip", {"assets.csv": ASSETS})
    ingested = pipeline.ingest(eve, receive(eve, authorise, [readable]), chunk_rows=100)
    assert [(t.table, t.rows) for t in ingested.tables] == [("export.zip/assets.csv:assets", 2)]


class PhotoColumnSource(SourceBase):
    """A legacy export with a column of embedded images no connector can turn into text, read like the Access
    connector reads OLE-object columns: the column is left out of the table and named in `dropped_columns`."""

    format = "photos"

    def __init__(self, data: Any, name: str, settings: Any) -> None:
        self.name = name
        self._csv = SOURCES["csv"].open(data, name=name, settings=settings)

    def tables(self) -> list[str]:
        return self._csv.tables()

    def read(self, table: str, rejects: Any = None) -> PhotoColumnReader:
        return PhotoColumnReader(self._csv.read(table, rejects))

    def close(self) -> None:
        self._csv.close()


class PhotoColumnReader:
    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.source, self.table = inner.source, inner.table
        self.dropped_columns = {"Photo": "binary data (an embedded image) is not exported"}
        self.schema = pa.schema([f for f in inner.schema if f.name not in self.dropped_columns])

    @property
    def rows_read(self) -> int:
        return self._inner.rows_read

    @property
    def rows_rejected(self) -> int:
        return self._inner.rows_rejected

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        for batch in self._inner:
            yield batch.select(self.schema.names)


@pytest.fixture
def photo_format(monkeypatch: pytest.MonkeyPatch) -> None:
    fmt = SourceFormat(name="photos", description="CSV export with an image column (test)", extensions=(".photos",),
                       open=lambda data, *, name, settings, **options: PhotoColumnSource(data, name, settings))
    monkeypatch.setitem(SOURCES, "photos", fmt)


@pytest.mark.usefixtures("photo_format")
def test_columns_a_connector_leaves_out_are_named_in_the_run(ctx, eve, authorise, tmp_path: Path):
    export = tmp_path / "equipment.photos"
    export.write_bytes(b"Equipment No,Photo,Site\r\nEQ000001,89504e470d0a1a0a,General\r\nEQ000002,,Royal\r\n")
    run = receive(eve, authorise, [export])

    ingested = pipeline.ingest(eve, run, chunk_rows=100)

    not_read = {"equipment.photos/equipment": {"Photo": "binary data (an embedded image) is not exported"}}
    assert ingested.columns_not_read == not_read
    [table] = ingested.tables
    vault = Vault.from_context(eve)
    with vault.open(table.artefact_id, actor=eve.actor()) as handle:
        assert pq.ParquetFile(handle).schema_arrow.names == ["Equipment No", "Site"]
    with ctx.registry.session() as session:
        summary = json.loads(session.get(Run, run.run_id).summary)
    assert summary["columns_not_read"] == not_read  # recorded as soon as it is known, whatever happens next
