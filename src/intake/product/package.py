"""Import package: one Parquet file per entity, rejects, reconciliation and a manifest, written atomically.

The entity files are written straight into a `PackageSink` while the transform streams (several grow at once,
`open_file`), the others handed to it whole (`write_file`), each hashed on the way; `manifest.json` goes last
and then the sink commits. Any failure aborts the sink, so a half-written package is never visible.

Sinks: intake.product.package_sinks (the protocol), the connectors' DeliverySink (local, S3, vault).
"""

from __future__ import annotations

import contextlib
import json
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from intake.clock import Clock, SystemClock
from intake.file_hashes import Digest, HashingWriter, hashed_chunks, sha256_file
from intake.product.errors import PackageError
from intake.product.mapping import Mapping
from intake.product.neutralise import NeutraliseCounts, neutralise_batch
from intake.product.package_sinks import MANIFEST, PackageSink
from intake.product.reconciliation import Reconciliation
from intake.product.schema import ENTITIES, SCHEMA_VERSION
from intake.product.transform import ROW_NUMBER_COLUMN, TableSource, transform
from intake.product.validation import REJECTS_SCHEMA

PACKAGE_FORMAT = "intake-product-package/1"
REJECTS_FILE = "rejects.parquet"
RECONCILIATION_JSON = "reconciliation.json"
RECONCILIATION_MD = "reconciliation.md"


class _SinkOutput:
    """Parquet writers per entity (and rejects), each writing straight into a file the sink opened, hashed on the
    way for the manifest.

    Batches are written by a background thread (Parquet encoding releases the GIL), so writing overlaps
    the transform of the next batch; the queue is bounded, so memory stays bounded.
    """

    def __init__(self, opener: Callable[[str], BinaryIO], queue_batches: int = 8) -> None:
        self.opener = opener
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._handles: dict[str, HashingWriter] = {}
        self.rows: dict[str, int] = {}
        self.neutralised = NeutraliseCounts()
        self._queue: queue.Queue[tuple[str, pa.Schema, pa.RecordBatch] | None] = queue.Queue(queue_batches)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name="intake-package-writer", daemon=True)
        self._thread.start()
        self._stopped = False

    def _writer(self, file_name: str, schema: pa.Schema) -> pq.ParquetWriter:
        if file_name not in self._writers:
            handle = self._handles[file_name] = HashingWriter(self.opener(file_name))
            self._writers[file_name] = pq.ParquetWriter(handle, schema, **_parquet_options(schema))
        return self._writers[file_name]

    def written(self, file_name: str) -> dict[str, Any]:
        """Size and SHA-256 of a file written into the sink (after `close`)."""
        handle = self._handles[file_name]
        return {"sha256": handle.sha256, "bytes": handle.size}

    def _drain(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # keep consuming so the producer never blocks; the error is raised to it
            name, schema, batch = item
            try:
                self._writer(name, schema).write_batch(batch)
            except BaseException as exc:  # handed to the transform's thread
                self._error = exc

    def _put(self, name: str, schema: pa.Schema, batch: pa.RecordBatch) -> None:
        if self._error is not None:
            raise self._error
        self.rows[name] = self.rows.get(name, 0) + batch.num_rows
        self._queue.put((name, schema, batch))

    # Every delivered batch passes here: text a spreadsheet would execute is neutralised (see neutralise.py).
    def write_entity(self, entity: str, batch: pa.RecordBatch) -> None:
        safe = neutralise_batch(batch, entity, self.neutralised)
        self._put(f"{entity}.parquet", ENTITIES[entity].arrow_schema(), safe)

    def write_rejects(self, batch: pa.RecordBatch) -> None:
        self._put(REJECTS_FILE, REJECTS_SCHEMA, neutralise_batch(batch, "rejects", self.neutralised))

    def _stop(self) -> None:
        if not self._stopped:
            self._stopped = True
            self._queue.put(None)
            self._thread.join()

    def close(self) -> None:
        self._stop()
        if self._error is not None:
            raise self._error
        for entity in ENTITIES:  # every entity has a file, empty if nothing was mapped to it
            self._writer(f"{entity}.parquet", ENTITIES[entity].arrow_schema())
            self.rows.setdefault(f"{entity}.parquet", 0)
        self._writer(REJECTS_FILE, REJECTS_SCHEMA)
        self.rows.setdefault(REJECTS_FILE, 0)
        for writer in self._writers.values():
            writer.close()
        for handle in self._handles.values():
            handle.close()

    def abandon(self) -> None:
        self._stop()
        for writer in self._writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        for handle in self._handles.values():
            with contextlib.suppress(Exception):
                handle.close()


def _parquet_options(schema: pa.Schema) -> dict[str, Any]:
    """Dictionary-encode the columns that repeat; ids are unique random hex, where a dictionary only costs."""
    repeating = [f.name for f in schema if not (f.name.endswith("_id") and pa.types.is_string(f.type))]
    return {"use_dictionary": repeating}


@dataclass
class PackageResult:
    manifest: dict[str, Any]
    reconciliation: Reconciliation


def _hashed(chunks: Iterable[bytes], record: dict[str, Any]) -> Iterator[bytes]:
    """The chunks on their way to the sink; their SHA-256 and size land in the manifest's `record`."""
    def done(digest: Digest) -> None:
        record["sha256"] = digest.sha256
        record["bytes"] = digest.size

    return hashed_chunks(chunks, done)


def write_package(sources: MappingABC[str, TableSource], mapping: Mapping, sink: PackageSink, *,
                  dataset_id: str, authorisation_reference: str, clock: Clock | None = None,
                  source_files: MappingABC[str, MappingABC[str, str]] | None = None,
                  reader_rejects: MappingABC[str, int] | None = None,
                  row_number_column: str = ROW_NUMBER_COLUMN, queries_done: bool = False) -> PackageResult:
    """Transform `sources` with `mapping` and write the import package through `sink`.

    `source_files` optionally names, per source table, the file it came from and its SHA-256
    ({"assets": {"file": "assets.csv", "sha256": "..."}}) for the manifest's lineage. The entity files go
    straight into the sink (`open_file`); nothing of the package is written anywhere else.
    """
    output: _SinkOutput | None = None
    # Everything after the sink was handed over is guarded: whatever fails, the sink is aborted.
    try:
        clock = clock or SystemClock()
        output = _SinkOutput(sink.open_file)
        reconciliation = transform(sources, mapping, output, clock=clock, reader_rejects=reader_rejects,
                                   row_number_column=row_number_column, queries_done=queries_done)
        output.close()
        _refuse_lost_tables(reconciliation)
        files: dict[str, dict[str, Any]] = {}
        for name, record in [*((f"{e}.parquet", {"kind": "entity", "entity": e}) for e in ENTITIES),
                             (REJECTS_FILE, {"kind": "rejects"})]:
            files[name] = {**record, "rows": output.rows[name], **output.written(name)}
        for name, text in ((RECONCILIATION_JSON, reconciliation.to_json()),
                           (RECONCILIATION_MD, reconciliation.to_markdown())):
            files[name] = {"kind": "reconciliation"}
            sink.write_file(name, _hashed([text.encode()], files[name]))
        manifest = _manifest(mapping, reconciliation, files, dataset_id=dataset_id,
                             authorisation_reference=authorisation_reference, clock=clock,
                             source_files=source_files or {}, neutralised=output.neutralised)
        sink.write_file(MANIFEST, [json.dumps(manifest, indent=2, sort_keys=False).encode()])
        sink.commit()
    except BaseException:
        if output is not None:
            output.abandon()
        sink.abort()
        raise
    return PackageResult(manifest, reconciliation)


def _refuse_lost_tables(reconciliation: Reconciliation) -> None:
    """A source table whose every row was rejected is a mapping that does not fit the data (a lookup that knows
    none of the codes, a date format that matches no date), not a migration: no package is delivered."""
    for table in reconciliation.tables.values():
        if table.rows_read and not (table.rows_loaded or table.rows_merged):
            reasons = ", ".join(f"{code} {count}" for code, count in sorted(table.reasons.items()))
            raise PackageError(
                f"every one of the {table.rows_read} rows of table '{table.table}' was rejected ({reasons}), so no "
                "package was delivered: check the mapping against the data with `intake mapping check MAPPING "
                "--dataset DATASET`, which shows the reasons by column"
            )


def _manifest(mapping: Mapping, reconciliation: Reconciliation, files: dict[str, dict[str, Any]], *,
              dataset_id: str, authorisation_reference: str, clock: Clock,
              source_files: MappingABC[str, MappingABC[str, str]],
              neutralised: NeutraliseCounts | None = None) -> dict[str, Any]:
    entities: dict[str, Any] = {}
    for entity in ENTITIES:
        record = reconciliation.entities.get(entity)
        entities[entity] = {
            "file": f"{entity}.parquet",
            "rows": files[f"{entity}.parquet"]["rows"],
            "lineage": {
                "from_tables": dict(record.from_tables) if record else {},
                "derived_from": dict(record.derived_from) if record else {},
            },
        }
    sources: dict[str, Any] = {}
    for name, table in reconciliation.tables.items():
        sources[name] = {"rows_read": table.rows_read, "rows_loaded": table.rows_loaded,
                         "rows_merged": table.rows_merged, "rows_rejected": table.rows_rejected,
                         **{k: str(v) for k, v in source_files.get(name, {}).items() if k in ("file", "sha256")}}
    return {
        "format": PACKAGE_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "dataset_id": dataset_id,
        "authorisation_reference": authorisation_reference,
        "created_at": clock.now().isoformat(),
        "mapping": {"system": mapping.system, "file": mapping.source, "sha256": mapping.sha256},
        "balanced": reconciliation.balanced,
        "entities": entities,
        "rejects": {"file": REJECTS_FILE, "rows": files[REJECTS_FILE]["rows"]},
        "sources": sources,
        "ignored_tables": dict(mapping.ignore_tables),
        # Cells prefixed with ' because a spreadsheet would execute them: counts per file and field, no values.
        "neutralised_formulas": (neutralised or NeutraliseCounts()).as_dict(),
        "contents": files,
    }


def verify_package(folder: str | Path) -> dict[str, Any]:
    """Check a package folder against its manifest (every file present, size and SHA-256 equal)."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise PackageError(f"{folder} has no readable {MANIFEST}; it is not a complete package") from None
    if manifest.get("format") != PACKAGE_FORMAT:
        raise PackageError(f"{folder}/{MANIFEST} is not an {PACKAGE_FORMAT} manifest")
    for name, record in manifest["contents"].items():
        path = folder / name
        if not path.is_file():
            raise PackageError(f"package file {name} listed in the manifest is missing from {folder}")
        if sha256_file(path) != record["sha256"]:
            raise PackageError(f"package file {name} in {folder} does not match its SHA-256 in the manifest; "
                               "the package was altered or damaged: write it again")
    return manifest
