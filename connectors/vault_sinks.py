"""Vault sinks: a table's batches to one encrypted Parquet artefact, and every reject (raw content included) to
one encrypted artefact, so that customer data never lands on plain disk. The pipeline's steps and the connectors
use these two sinks and no other."""

from __future__ import annotations

import contextlib
import json
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
    """One table's batches -> one encrypted Parquet artefact in the vault.

    `group_rows`: rows per row group, whatever the batches' sizes (the last group holds the rest); the pipeline
    reads a table back one row group per chunk, so `row_groups` records the rows of each. None: one row group per
    batch, as the source batched it. Empty batches are skipped, and a table without rows still gets one empty
    row group, so that every stored table has at least one chunk to plan and its schema to read back.
    """

    def __init__(self, target: VaultTarget, *, schema: pa.Schema, group_rows: int | None = None) -> None:
        if group_rows is not None and group_rows < 1:
            raise SinkError(f"rows per row group for {target.name} must be at least 1, not {group_rows}")
        self.name = target.name
        self.schema = schema
        self.group_rows = group_rows
        self.rows_written = 0
        self.row_groups: list[int] = []  # rows in each row group written so far
        self.artefact: ArtefactInfo | None = None
        self._pending: list[pa.RecordBatch] = []
        self._pending_rows = 0
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
        if batch.num_rows == 0:
            return
        self._pending.append(batch)
        self._pending_rows += batch.num_rows
        group = self.group_rows or self._pending_rows
        try:
            while self._pending_rows >= group:
                self._flush(group)
        except BaseException:
            self.abort()
            raise

    def _flush(self, rows: int) -> None:
        """Write the first `rows` pending rows as one row group; keep the rest pending."""
        table = pa.Table.from_batches(self._pending, schema=self.schema)
        head, tail = table.slice(0, rows), table.slice(rows)
        self._parquet.write_table(head, row_group_size=max(rows, 1))
        self.row_groups.append(head.num_rows)
        self.rows_written += head.num_rows
        self._pending = tail.to_batches()
        self._pending_rows = tail.num_rows

    def close(self) -> ArtefactInfo:
        """Write what is pending, finish the Parquet file and commit the artefact."""
        if self.artefact is not None:
            return self.artefact
        try:
            if self._pending_rows:
                self._flush(self._pending_rows)
            if not self.row_groups:  # an empty table still gets a (single, empty) row group
                self._parquet.write_table(pa.Table.from_batches([], schema=self.schema))
                self.row_groups.append(0)
            self._parquet.close()
        except BaseException:
            self.abort()
            raise
        self._writer.close()
        self.artefact = self._writer.artefact
        return self.artefact

    def abort(self) -> None:
        self._pending, self._pending_rows = [], 0
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


def write_table_to_vault(reader: TableReader, target: VaultTarget, group_rows: int | None = None) -> ArtefactInfo:
    """Stream a table reader into one encrypted Parquet artefact."""
    with VaultParquetSink(target, schema=reader.schema, group_rows=group_rows) as sink:
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


def reason_class(reason: str) -> str:
    """The kind of a reject reason without row-specific detail (what follows a colon), for counts in reports."""
    return reason.split(":", 1)[0].strip()[:80]


def _json_line(reject: Reject) -> str:
    # The key is "row", not REJECT_SCHEMA's "row_number": the runs' rejects have always been stored with these keys,
    # and rejects kept from earlier runs and new ones read the same.
    record = {"source": reject.source, "table": reject.table, "row": reject.row_number, "reason": reject.reason,
              "raw": reject.raw}
    return json.dumps(record, ensure_ascii=False) + "\n"


class VaultRejectSink:
    """A RejectSink that stores every reject, with its raw content, as one encrypted artefact.

    Formats: Parquet or CSV (REJECT_SCHEMA), or JSON lines (one object per reject: source, table, row, reason,
    raw), the format of a run's rejects. The artefact is created on the first reject; `close()` commits it and
    returns it (None when there were no rejects). `count`, `reasons` (by reason class, `reason_class`) and
    `by_table` are safe to report.
    """

    def __init__(
        self,
        target: VaultTarget,
        *,
        file_format: Literal["parquet", "csv", "jsonl"] = "parquet",
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
        self._format_writer: Any = None  # Parquet and CSV: the Arrow writer over the vault writer

    def add(self, reject: Reject) -> None:
        self.count += 1
        self.reasons[reason_class(reject.reason)] += 1
        self.by_table[f"{reject.source}:{reject.table}"] += 1
        self._buffer.append(reject)
        if len(self._buffer) >= self._buffer_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        try:
            if self._writer is None:
                self._writer = self._target.writer()
                if self.file_format == "csv":
                    self._format_writer = pacsv.CSVWriter(self._writer, REJECT_SCHEMA)
                elif self.file_format == "parquet":
                    self._format_writer = pq.ParquetWriter(self._writer, REJECT_SCHEMA,
                                                           compression=PARQUET_COMPRESSION)
            if self._format_writer is None:
                self._writer.write("".join(_json_line(r) for r in self._buffer).encode())
            else:
                self._format_writer.write_batch(_reject_batch(self._buffer))
        except BaseException:
            self.abort()
            raise
        self._buffer = []

    def close(self) -> ArtefactInfo | None:
        self._flush()
        if self._writer is None or self.artefact is not None:
            return self.artefact
        if self._format_writer is not None:
            self._format_writer.close()
        self._writer.close()
        self.artefact = self._writer.artefact
        return self.artefact

    def abort(self) -> None:
        self._buffer = []
        if self._writer is not None:
            if self._format_writer is not None:
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


def _reject_batch(rejects: list[Reject]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict(
        {
            "source": [r.source for r in rejects],
            "table": [r.table for r in rejects],
            "row_number": [r.row_number for r in rejects],
            "reason": [r.reason for r in rejects],
            "raw": [r.raw for r in rejects],
        },
        schema=REJECT_SCHEMA,
    )
