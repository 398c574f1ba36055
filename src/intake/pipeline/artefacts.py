"""A run's encrypted Parquet and rejects between its steps (where they go and reading them back), chunk planning,
work-file clean-up and stored reports. The connectors' vault sinks (intake.connectors.vault_sinks) write them."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from intake.context import Actor, Context
from intake.pipeline.runs import RunInfo
from intake.registry.models import (
    ArtefactKind,
    Run,
    RunState,
)

if TYPE_CHECKING:
    from intake.connectors.vault_sinks import VaultTarget


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


def run_target(vault: Any, run: RunInfo, name: str, actor: Actor,
               kind: ArtefactKind = ArtefactKind.INTERMEDIATE) -> VaultTarget:
    """Where a run's artefact goes (the dataset's scope), for the vault sinks that write every table and the
    rejects between the steps: VaultParquetSink and VaultRejectSink."""
    from intake.connectors.vault_sinks import VaultTarget

    return VaultTarget(vault, scope=run.dataset_id, dataset_id=run.dataset_id, kind=kind, name=name, actor=actor)


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
