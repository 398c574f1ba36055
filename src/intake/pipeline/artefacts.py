"""Encrypted Parquet and rejects between a run's steps, chunk planning, work-file clean-up and stored reports."""

from __future__ import annotations

import json
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from intake.context import Actor, Context
from intake.pipeline.runs import RunInfo
from intake.registry.models import (
    ArtefactKind,
    Run,
    RunState,
)


@dataclass(frozen=True)
class TableRef:
    """One table of the dataset, stored as an encrypted Parquet artefact with one row group per chunk."""

    source_file: str
    table: str
    artefact_id: str
    rows: int
    rejected: int
    row_groups: tuple[int, ...]  # rows in each row group

    @property
    def key(self) -> str:
        return f"{self.source_file}/{self.table}"


@dataclass(frozen=True)
class Chunk:
    """Rows [first_row, first_row + rows) of a table: one row group of its encrypted Parquet artefact."""

    table: TableRef
    index: int
    row_group: int
    first_row: int
    rows: int

    @property
    def key(self) -> str:
        return f"{self.table.key}#{self.index:05d}"


def plan_chunks(tables: Sequence[TableRef]) -> list[Chunk]:
    chunks: list[Chunk] = []
    for table in tables:
        first = 0
        for group, rows in enumerate(table.row_groups):
            chunks.append(Chunk(table, group, group, first, rows))
            first += rows
    return chunks


class ParquetIntoVault:
    """Writes record batches to an encrypted Parquet artefact, `group_rows` rows per row group."""

    def __init__(self, vault: Any, run: RunInfo, name: str, schema: Any, actor: Actor, group_rows: int,
                 kind: ArtefactKind = ArtefactKind.INTERMEDIATE) -> None:
        import pyarrow.parquet as pq

        self._writer = vault.writer(scope=run.dataset_id, dataset_id=run.dataset_id, kind=kind, name=name,
                                    actor=actor)
        self._parquet = pq.ParquetWriter(self._writer, schema, compression="zstd")
        self.schema = schema
        self.group_rows = group_rows
        self._pending: list[Any] = []
        self._pending_rows = 0
        self.row_groups: list[int] = []

    def write(self, batch: Any) -> None:
        if batch.num_rows == 0:
            return
        self._pending.append(batch)
        self._pending_rows += batch.num_rows
        while self._pending_rows >= self.group_rows:
            self._flush(self.group_rows)

    def _flush(self, rows: int) -> None:
        import pyarrow as pa

        table = pa.Table.from_batches(self._pending, schema=self.schema)
        head, tail = table.slice(0, rows), table.slice(rows)
        self._parquet.write_table(head, row_group_size=max(rows, 1))
        self.row_groups.append(head.num_rows)
        self._pending = tail.to_batches()
        self._pending_rows = tail.num_rows

    def close(self) -> Any:
        """Finish the file; returns the recorded artefact (ArtefactInfo)."""
        if self._pending_rows:
            self._flush(self._pending_rows)
        if not self.row_groups:  # an empty table still gets a (single, empty) row group
            import pyarrow as pa

            self._parquet.write_table(pa.Table.from_batches([], schema=self.schema))
            self.row_groups.append(0)
        self._parquet.close()
        self._writer.close()
        return self._writer.artefact

    def abort(self) -> None:
        self._writer.abort()

    def __enter__(self) -> ParquetIntoVault:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is not None:
            self.abort()


def read_chunk(vault: Any, chunk: Chunk, actor: Actor, columns: Sequence[str] | None = None) -> Any:
    """The chunk's rows as a pyarrow Table (one row group, so memory is bounded by chunk_rows)."""
    import pyarrow.parquet as pq

    with vault.open(chunk.table.artefact_id, actor=actor) as handle:
        return pq.ParquetFile(handle).read_row_group(chunk.row_group, columns=list(columns) if columns else None)


def read_table_batches(vault: Any, artefact_id: str, actor: Actor, columns: Sequence[str] | None = None
                       ) -> Generator[Any, None, None]:
    """Every record batch of an encrypted Parquet artefact (only `columns`, if given), one row group at a time."""
    import pyarrow.parquet as pq

    with vault.open(artefact_id, actor=actor) as handle:
        parquet = pq.ParquetFile(handle)
        for group in range(parquet.num_row_groups):
            yield from parquet.read_row_group(group, columns=list(columns) if columns is not None else None
                                              ).to_batches()


class VaultRejects:
    """A reject sink writing each reject (with its raw row: customer data) as JSON lines into the vault.

    Only counts by reason leave this object; the rows stay encrypted.
    """

    def __init__(self, vault: Any, run: RunInfo, name: str, actor: Actor) -> None:
        self._vault, self._run, self._name, self._actor = vault, run, name, actor
        self._writer: Any = None
        self.count = 0
        self.reasons: dict[str, int] = {}

    def add(self, reject: Any) -> None:
        if self._writer is None:
            self._writer = self._vault.writer(scope=self._run.dataset_id, dataset_id=self._run.dataset_id,
                                              kind=ArtefactKind.INTERMEDIATE, name=self._name, actor=self._actor)
        record = {"source": reject.source, "table": reject.table, "row": reject.row_number, "reason": reject.reason,
                  "raw": getattr(reject, "raw", None)}
        self._writer.write((json.dumps(record, ensure_ascii=False) + "\n").encode())
        self.count += 1
        reason = _reason_class(reject.reason)
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    def close(self) -> str | None:
        if self._writer is None:
            return None
        self._writer.close()
        return self._writer.artefact.id

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.abort()


def _reason_class(reason: str) -> str:
    """The kind of a reject reason without row-specific detail, for counts in reports."""
    return reason.split(":", 1)[0].strip()[:80]


def work_name(run: RunInfo, *parts: str) -> str:
    """Artefact names of a run's intermediate files; `cleanup_work` deletes them when the run ends."""
    return "/".join(("run-" + run.run_id, "work", *parts))


def rejects_name(run: RunInfo, *parts: str) -> str:
    return "/".join(("run-" + run.run_id, "rejects", *parts))


def cleanup_work(ctx: Context, dataset_id: str, run_id: str | None = None) -> int:
    """Delete intermediate work files: of run `run_id`, or (None) of every run of the dataset not running."""
    from intake.vault import Vault
    from intake.vault.errors import ArtefactNotFound, KeyDestroyed

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    with ctx.registry.session() as session:
        running = set(session.scalars(
            select(Run.id).where(Run.dataset_id == dataset_id, Run.state == RunState.RUNNING)))
    deleted = 0
    for artefact in vault.artefacts(dataset_id):
        if artefact.kind is not ArtefactKind.INTERMEDIATE or "/work/" not in artefact.name:
            continue
        owner = artefact.name.split("/", 1)[0].removeprefix("run-")
        if (owner != run_id) if run_id is not None else (owner in running):
            continue
        try:
            vault.delete_artefact(artefact.id, actor)
            deleted += 1
        except (ArtefactNotFound, KeyDestroyed):
            pass
    return deleted


def store_report(ctx: Context, run: RunInfo, name: str, text: str) -> str:
    """Keep a report encrypted in the vault (kind REPORT) beside the dataset; returns the artefact id."""
    from intake.vault import Vault

    info = Vault.from_context(ctx).put(scope=run.dataset_id, dataset_id=run.dataset_id, kind=ArtefactKind.REPORT,
                                       name=f"run-{run.run_id}/reports/{name}", source=text.encode(),
                                       actor=ctx.actor())
    return str(info.id)
