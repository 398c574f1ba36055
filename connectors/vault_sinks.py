"""Vault sinks: a table's batches to one encrypted Parquet artefact, and every reject (raw content included) to
one encrypted artefact, so that customer data never lands on plain disk."""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from intake.connectors.base import Reject, TableReader
from intake.connectors.errors import SinkError

if TYPE_CHECKING:
    from intake.context import Actor
    from intake.registry.models import ArtefactKind
    from intake.vault import ArtefactInfo, Vault, VaultWriter

PARQUET_COMPRESSION = "zstd"


@dataclass(frozen=True)
class VaultTarget:
    """Where one artefact goes in the vault, and who writes it."""

    vault: Vault
    scope: str
    dataset_id: str | None
    kind: ArtefactKind
    name: str
    actor: Actor

    def writer(self) -> VaultWriter:
        return self.vault.writer(scope=self.scope, dataset_id=self.dataset_id, kind=self.kind, name=self.name,
                                 actor=self.actor)


class VaultParquetSink:
    """One table's batches -> one encrypted Parquet artefact in the vault."""

    def __init__(self, target: VaultTarget, *, schema: pa.Schema) -> None:
        self.name = target.name
        self.schema = schema
        self.rows_written = 0
        self.artefact: ArtefactInfo | None = None
        self._writer = target.writer()
        try:
            self._parquet = pq.ParquetWriter(self._writer, schema, compression=PARQUET_COMPRESSION)
        except BaseException:
            self._writer.abort()
            raise

    def write(self, batch: pa.RecordBatch) -> None:
        if batch.schema != self.schema:
            self.abort()
            raise SinkError(
                f"a batch for {self.name} does not match the sink's schema (columns or types differ); "
                "the partial artefact was discarded"
            )
        try:
            self._parquet.write_batch(batch)
        except BaseException:
            self.abort()
            raise
        self.rows_written += batch.num_rows

    def close(self) -> ArtefactInfo:
        """Finish the Parquet file and commit the artefact."""
        if self.artefact is not None:
            return self.artefact
        try:
            self._parquet.close()
        except BaseException:
            self._writer.abort()
            raise
        self._writer.close()
        self.artefact = self._writer.artefact
        return self.artefact

    def abort(self) -> None:
        with contextlib.suppress(Exception):  # the writer is being discarded anyway
            self._parquet.close()
        self._writer.abort()

    def __enter__(self) -> VaultParquetSink:
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_table_to_vault(reader: TableReader, target: VaultTarget) -> ArtefactInfo:
    """Stream a table reader into one encrypted Parquet artefact."""
    with VaultParquetSink(target, schema=reader.schema) as sink:
        for batch in reader:
            sink.write(batch)
    assert sink.artefact is not None
    return sink.artefact


REJECT_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("table", pa.string()),
        pa.field("row_number", pa.int64()),
        pa.field("reason", pa.string()),
        pa.field("raw", pa.string()),
    ]
)


class VaultRejectSink:
    """A RejectSink that stores every reject, with its raw content, as one encrypted artefact.

    The artefact is created on the first reject; `close()` commits it and returns it (None when there were no
    rejects). `count` and `reasons` are safe to report.
    """

    def __init__(
        self,
        target: VaultTarget,
        *,
        file_format: Literal["parquet", "csv"] = "parquet",
        buffer_rows: int = 10_000,
    ) -> None:
        self._target = target
        self.file_format = file_format
        self.count = 0
        self.reasons: Counter[str] = Counter()
        self.by_table: Counter[str] = Counter()
        self.artefact: ArtefactInfo | None = None
        self._buffer: list[Reject] = []
        self._buffer_rows = buffer_rows
        self._writer: Any = None
        self._format_writer: Any = None

    def add(self, reject: Reject) -> None:
        self.count += 1
        self.reasons[reject.reason] += 1
        self.by_table[f"{reject.source}:{reject.table}"] += 1
        self._buffer.append(reject)
        if len(self._buffer) >= self._buffer_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        if self._writer is None:
            self._writer = self._target.writer()
            if self.file_format == "csv":
                self._format_writer = pacsv.CSVWriter(self._writer, REJECT_SCHEMA)
            else:
                self._format_writer = pq.ParquetWriter(self._writer, REJECT_SCHEMA, compression=PARQUET_COMPRESSION)
        batch = pa.RecordBatch.from_pydict(
            {
                "source": [r.source for r in self._buffer],
                "table": [r.table for r in self._buffer],
                "row_number": [r.row_number for r in self._buffer],
                "reason": [r.reason for r in self._buffer],
                "raw": [r.raw for r in self._buffer],
            },
            schema=REJECT_SCHEMA,
        )
        try:
            self._format_writer.write_batch(batch)
        except BaseException:
            self.abort()
            raise
        self._buffer = []

    def close(self) -> ArtefactInfo | None:
        self._flush()
        if self._writer is None or self.artefact is not None:
            return self.artefact
        self._format_writer.close()
        self._writer.close()
        self.artefact = self._writer.artefact
        return self.artefact

    def abort(self) -> None:
        self._buffer = []
        if self._writer is not None:
            with contextlib.suppress(Exception):  # discarded anyway
                self._format_writer.close()
            self._writer.abort()

    def summary(self) -> dict[str, Any]:
        """Counts only: safe for reports, audit details and logs."""
        return {
            "rejected": self.count,
            "by_reason": dict(self.reasons),
            "by_table": dict(self.by_table),
            "artefact_id": self.artefact.id if self.artefact else None,
        }

    def __enter__(self) -> VaultRejectSink:
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
