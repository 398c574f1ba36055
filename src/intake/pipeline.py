"""Orchestration core: receiving a dataset and the steps of a migration run, as plain functions.

Prefect flows (`intake.flows`) are thin wrappers over these functions and the CLI runs those flows,
so every path is one code path. Nothing here imports Prefect.

Receiving: the authorisation is verified (purpose and every file's SHA-256) before anything is stored,
so refused input leaves no dataset and no artefact behind.

A migration run is a sequence of steps; before each one `checkpoint` re-checks the authorisation
(a withdrawal stops a running run at its next step) and that processing is not restricted. Data
moves between steps only as encrypted vault artefacts; steps exchange ids and counts.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from intake.clock import as_utc
from intake.context import Actor, Context
from intake.errors import IntakeError, NotFound, StateError
from intake.logs import get_logger, log_event
from intake.registry.models import (
    ArtefactKind,
    Authorisation,
    Dataset,
    DatasetState,
    PersonalDataDeclaration,
    Purpose,
    Run,
)

log = get_logger("intake.pipeline")

HASH_BLOCK = 1 << 20


class PipelineError(IntakeError):
    """A pipeline step failed. The message names the step and the dataset, never a data value."""


class RunStopped(PipelineError):
    """A run stopped before a step: consent withdrawn, expired, or processing restricted."""


class DatasetBlocked(PipelineError):
    """Personal data was found in a dataset declared free of it; the dataset stays encrypted in quarantine."""


class ReceiveFailed(PipelineError):
    """Storing a received dataset failed after verification; what was stored has been shredded."""


class StepFailed(PipelineError):
    """A library error inside a step, its message withheld. Unlike our own errors (a refusal, a stopped run,
    a bad input) it may be transient (a dropped connection, a full disk), so tasks may retry it."""


class TableInTwoFiles(PipelineError):
    """Two received files hold a table the mapping reads once: the run will not guess how to combine them."""


class EntriesNotRead(PipelineError):
    """An archive holds entries no connector reads: they would silently be left out of the migration."""


# Fingerprints ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FileFingerprint:
    name: str
    path: Path
    sha256: str
    size: int


def fingerprint_file(path: Path) -> FileFingerprint:
    """SHA-256 of a file read in blocks (never whole in memory)."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while block := handle.read(HASH_BLOCK):
            digest.update(block)
            size += len(block)
    return FileFingerprint(path.name, path, digest.hexdigest(), size)


def fingerprint_files(paths: Sequence[Path | str]) -> list[FileFingerprint]:
    if not paths:
        raise PipelineError("no files given: name the files listed in the authorisation")
    resolved = [Path(p) for p in paths]
    missing = [str(p) for p in resolved if not p.is_file()]
    if missing:
        raise PipelineError(f"not a readable file: {', '.join(missing)}; check the path")
    names = [p.name for p in resolved]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise PipelineError(
            f"two files share the name {', '.join(duplicated)}: the authorisation lists files by name, "
            "so each received file needs a distinct name"
        )
    return [fingerprint_file(p) for p in resolved]


def dataset_fingerprint(hashes: Sequence[str]) -> str:
    """SHA-256 over the sorted file hashes: the same files give the same fingerprint in any order."""
    return hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()


# Receiving ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReceivedFile:
    name: str
    artefact_id: str
    sha256: str
    size: int


@dataclass(frozen=True)
class ReceivedDataset:
    dataset_id: str
    authorisation: str
    customer_id: str
    purpose: str
    purpose_reference: str
    state: str
    fingerprint: str
    files: list[ReceivedFile] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def summary(self) -> dict[str, Any]:
        """Ids, names and counts only: safe for Prefect results, logs and CLI output."""
        return {**asdict(self), "total_bytes": self.total_bytes}


def verify_received(ctx: Context, reference: str, purpose: Purpose, fingerprints: Sequence[FileFingerprint],
                    actor: Actor) -> Any:
    """Every authorisation check, including each file's SHA-256; raises (and audits) on refusal."""
    from intake.authorisation import verify_for

    return verify_for(ctx, reference, purpose=purpose, files={f.name: f.sha256 for f in fingerprints}, actor=actor)


def receive_dataset(ctx: Context, reference: str, files: Sequence[Path | str],
                    purpose: Purpose | str = Purpose.MIGRATION, actor: Actor | None = None) -> ReceivedDataset:
    """Verify the authorisation, then encrypt each file into the vault quarantine and record the dataset.

    Nothing is stored before verification succeeds. If storing fails part-way, the dataset's scope is
    shredded and the dataset marked deleted, so no readable copy remains.
    """
    actor = actor or ctx.authorise("dataset.receive", authorisation=reference)
    fingerprints = fingerprint_received(ctx, reference, files, actor)
    verified = verify_received(ctx, reference, Purpose(purpose), fingerprints, actor)
    return store_received(ctx, verified, fingerprints, actor)


def fingerprint_received(ctx: Context, reference: str, files: Sequence[Path | str],
                         actor: Actor) -> list[FileFingerprint]:
    """fingerprint_files, with a refusal (a missing or unreadable file, two files of one name) audited."""
    try:
        return fingerprint_files(files)
    except PipelineError:
        ctx.record(actor, "dataset.receive", outcome="refused", authorisation=reference,
                   reason="unreadable input file", files=len(files))
        raise


def store_received(ctx: Context, verified: Any, fingerprints: Sequence[FileFingerprint],
                   actor: Actor) -> ReceivedDataset:
    """Record the dataset (quarantined) and encrypt each verified file into the vault under its scope."""
    from intake.vault import Vault

    fingerprint = dataset_fingerprint([f.sha256 for f in fingerprints])
    with ctx.registry.session() as session:
        dataset = Dataset(
            customer_id=verified.customer_id, authorisation_id=verified.id, purpose=verified.purpose,
            purpose_reference=verified.purpose_reference, state=DatasetState.QUARANTINED, received_by=actor.name,
            received_at=ctx.clock.now(), fingerprint=fingerprint,
        )
        session.add(dataset)
        session.flush()
        dataset_id = dataset.id

    vault = Vault.from_context(ctx)
    stored: list[ReceivedFile] = []
    try:
        for fp in fingerprints:
            with fp.path.open("rb") as source:
                art = vault.put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.RAW, name=fp.name,
                                source=source, actor=actor)
            if art.plaintext_sha256 != fp.sha256:
                raise ReceiveFailed(
                    f"{fp.path} changed while it was being received (its SHA-256 no longer matches the one "
                    "verified against the authorisation): make sure nothing writes to it and receive again"
                )
            stored.append(ReceivedFile(fp.name, art.id, fp.sha256, fp.size))
    except BaseException as exc:
        _discard_dataset(ctx, vault, dataset_id, actor, reason=type(exc).__name__)
        if isinstance(exc, IntakeError) or not isinstance(exc, Exception):
            raise
        raise ReceiveFailed(
            f"storing dataset {dataset_id} failed ({type(exc).__name__}); nothing was kept: "
            "check the vault settings and receive again"
        ) from None

    ctx.record(actor, "dataset.receive", dataset_id=dataset_id, authorisation=verified.reference,
               purpose=Purpose(verified.purpose).value, files=len(stored), bytes=sum(f.size for f in stored),
               fingerprint=fingerprint)
    log_event(log, "dataset.received", dataset_id=dataset_id, files=len(stored))
    return ReceivedDataset(
        dataset_id=dataset_id, authorisation=verified.reference, customer_id=verified.customer_id,
        purpose=Purpose(verified.purpose).value, purpose_reference=verified.purpose_reference,
        state=DatasetState.QUARANTINED.value, fingerprint=fingerprint, files=stored,
    )


def _discard_dataset(ctx: Context, vault: Any, dataset_id: str, actor: Actor, reason: str) -> None:
    """Crypto-shred a half-received dataset; the row stays (deleted) so the audit trail is complete."""
    try:
        vault.shred(dataset_id, actor)
    finally:
        now = ctx.clock.now()
        with ctx.registry.session() as session:
            dataset = session.get(Dataset, dataset_id)
            if dataset is not None:
                dataset.state = DatasetState.DELETED
                dataset.deletion_started_at = now
                dataset.deleted_at = now
                dataset.deletion_rule = "receive_failed"
        ctx.record(actor, "dataset.receive", dataset_id=dataset_id, outcome="failed", reason=reason)


# Datasets ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DatasetView:
    id: str
    customer_id: str
    authorisation: str
    purpose: str
    purpose_reference: str
    state: str
    received_by: str
    received_at: str
    fingerprint: str
    completed_at: str | None
    delete_after: str | None
    deleted_at: str | None


def _dataset_view(dataset: Dataset, reference: str) -> DatasetView:
    def iso(value: Any) -> str | None:
        return as_utc(value).isoformat() if value else None

    return DatasetView(
        id=dataset.id, customer_id=dataset.customer_id, authorisation=reference, purpose=dataset.purpose.value,
        purpose_reference=dataset.purpose_reference, state=dataset.state.value, received_by=dataset.received_by,
        received_at=iso(dataset.received_at) or "", fingerprint=dataset.fingerprint,
        completed_at=iso(dataset.completed_at), delete_after=iso(dataset.delete_after),
        deleted_at=iso(dataset.deleted_at),
    )


def list_datasets(ctx: Context, state: DatasetState | None = None) -> list[DatasetView]:
    ctx.authorise("dataset.list")
    with ctx.registry.session() as session:
        query = (select(Dataset, Authorisation.reference)
                 .join(Authorisation, Dataset.authorisation_id == Authorisation.id)
                 .order_by(Dataset.received_at, Dataset.id))
        if state is not None:
            query = query.where(Dataset.state == state)
        return [_dataset_view(d, ref) for d, ref in session.execute(query)]


def show_dataset(ctx: Context, dataset_id: str) -> dict[str, Any]:
    """A dataset with its artefacts (ids, kinds, names, sizes) and runs (states and counts)."""
    ctx.authorise("dataset.list", dataset_id=dataset_id)
    from intake.registry.models import Artefact

    with ctx.registry.session() as session:
        row = session.execute(
            select(Dataset, Authorisation.reference)
            .join(Authorisation, Dataset.authorisation_id == Authorisation.id)
            .where(Dataset.id == dataset_id)
        ).first()
        if row is None:
            raise NotFound(f"no dataset with id {dataset_id}: `intake datasets list` shows the ids")
        artefacts = session.scalars(
            select(Artefact).where(Artefact.dataset_id == dataset_id).order_by(Artefact.created_at, Artefact.name)
        ).all()
        runs = session.scalars(select(Run).where(Run.dataset_id == dataset_id).order_by(Run.started_at)).all()
        return {
            **asdict(_dataset_view(row[0], row[1])),
            "artefacts": [
                {"id": a.id, "kind": a.kind.value, "name": a.name, "plaintext_size": a.plaintext_size,
                 "deleted": a.deleted_at is not None}
                for a in artefacts
            ],
            "runs": [
                {"id": r.id, "flow": r.flow, "state": r.state, "started_by": r.started_by,
                 "started_at": as_utc(r.started_at).isoformat(),
                 "ended_at": as_utc(r.ended_at).isoformat() if r.ended_at else None,
                 "summary": json.loads(r.summary or "{}")}
                for r in runs
            ],
        }


# Errors inside steps -----------------------------------------------------------------------------

@contextmanager
def step_errors(step: str, dataset_id: str | None = None) -> Iterator[None]:
    """Turn a library error into a PipelineError that names the step but withholds the original message.

    Third-party messages can quote data (a CSV parser shows the offending line), and whatever a step
    raises ends up in Prefect's state messages and logs. IntakeErrors pass through: ours never quote data.
    """
    try:
        yield
    except IntakeError:
        raise
    except Exception as exc:
        where = f" of dataset {dataset_id}" if dataset_id else ""
        log_event(log, "pipeline.step_failed", step=step, dataset_id=dataset_id, error=type(exc).__name__)
        raise StepFailed(
            f"step {step}{where} failed with {type(exc).__name__} (its message is withheld because it may "
            "quote data); rerun with the same inputs to retry, or ask an engineer with vault access to investigate"
        ) from None


ProgressCallback = Callable[[float], None]


def no_progress(_fraction: float) -> None:
    return None


# Migration runs: bookkeeping ---------------------------------------------------------------------

RUN_FLOW = "migration-run"
RUNNABLE_STATES = (DatasetState.QUARANTINED, DatasetState.PROCESSING, DatasetState.PROCESSED)


@dataclass(frozen=True)
class RunInfo:
    """What every step of a run needs to know; ids and the declaration only (safe to pass to tasks)."""

    run_id: str
    dataset_id: str
    customer_id: str
    authorisation: str
    personal_data: str
    mapping: str
    actor: str


def start_run(ctx: Context, dataset_id: str, mapping: str, actor: Actor | None = None) -> RunInfo:
    """Refuse what may not run; close runs a crash left 'running'; record the new run; dataset PROCESSING."""
    actor = actor or ctx.authorise("migration.run", dataset_id=dataset_id)
    verified = _check_authorised(ctx, dataset_id, actor)
    _check_processing_allowed(ctx, dataset_id)
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        dataset = session.get(Dataset, dataset_id)
        if dataset is None:
            raise NotFound(f"no dataset with id {dataset_id}: `intake datasets list` shows the ids")
        if dataset.state is DatasetState.BLOCKED:
            raise DatasetBlocked(
                f"dataset {dataset_id} is blocked: personal data was found although its authorisation declared "
                "none. It stays encrypted in quarantine; the customer must send a new authorisation that declares "
                "it (or a dataset without it), see the findings report"
            )
        if dataset.state not in RUNNABLE_STATES:
            raise StateError(
                f"dataset {dataset_id} is {dataset.state.value}: a migration run needs a received dataset "
                "(quarantined, or processed to run again)"
            )
        before = dataset.state
        abandoned = session.scalars(
            select(Run).where(Run.dataset_id == dataset_id, Run.state == "running").order_by(Run.started_at)
        ).all()
        for old in abandoned:
            summary = json.loads(old.summary or "{}")
            if before is DatasetState.PROCESSING:
                before = DatasetState(summary.get("state_before", DatasetState.QUARANTINED.value))
            summary["reason"] = "a later run found it still running: its process was killed or lost"
            old.state, old.ended_at, old.summary = "abandoned", now, json.dumps(summary)
        if before is DatasetState.PROCESSING:  # no run row says what it was: treat it as never processed
            before = DatasetState.QUARANTINED
        run = Run(dataset_id=dataset_id, flow=RUN_FLOW, state="running", started_by=actor.name, started_at=now,
                  summary=json.dumps({"mapping": mapping, "state_before": before.value, "steps": []}))
        session.add(run)
        dataset.state = DatasetState.PROCESSING
        session.flush()
        info = RunInfo(run.id, dataset_id, dataset.customer_id, verified.reference,
                       PersonalDataDeclaration(verified.personal_data).value, mapping, actor.name)
    ctx.record(actor, "migration.run", dataset_id=dataset_id, run_id=info.run_id, mapping=mapping,
               abandoned_runs=len(abandoned))
    return info


def _check_authorised(ctx: Context, dataset_id: str, actor: Actor) -> Any:
    from intake.authorisation import check_still_authorised

    return check_still_authorised(ctx, dataset_id, Purpose.MIGRATION, actor=actor)


def _check_processing_allowed(ctx: Context, dataset_id: str) -> None:
    from intake.retention.holds import ensure_processing_allowed

    ensure_processing_allowed(ctx, dataset_id)


def checkpoint(ctx: Context, run: RunInfo, step: str, record: bool = True) -> None:
    """Before every step (and every chunk, with record=False): the authorisation still holds and processing
    is not restricted. A withdrawal or restriction stops the run here: the run is recorded as stopped and
    RunStopped raised."""
    actor = ctx.actor()
    try:
        _check_authorised(ctx, run.dataset_id, actor)
        _check_processing_allowed(ctx, run.dataset_id)
    except IntakeError as exc:
        end_run(ctx, run, "stopped", {"stopped_before": step, "reason": type(exc).__name__})
        raise RunStopped(f"run {run.run_id} of dataset {run.dataset_id} stopped before step {step}: {exc}") from None
    if record:
        _update_summary(ctx, run, lambda summary: summary.setdefault("steps", []).append(step))


def _update_summary(ctx: Context, run: RunInfo, change: Callable[[dict[str, Any]], Any]) -> None:
    """Change the run row's summary (JSON) in place: steps passed, notes found on the way."""
    with ctx.registry.session() as session:
        row = session.get(Run, run.run_id)
        if row is None:
            return
        summary = json.loads(row.summary or "{}")
        change(summary)
        row.summary = json.dumps(summary)


def end_run(ctx: Context, run: RunInfo, state: str, counts: dict[str, Any] | None = None) -> None:
    """Close the run row. A completed run leaves the dataset PROCESSED, a blocked one BLOCKED; any other end
    (failed, stopped, cancelled) returns it to its state before the run. Deletion states are never touched."""
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        row = session.get(Run, run.run_id)
        if row is None or row.state != "running":
            return  # already ended (a stopped run also fails its flow; the first end wins)
        summary = json.loads(row.summary or "{}")
        summary.update(counts or {})
        row.state, row.ended_at, row.summary = state, now, json.dumps(summary, default=str)
        before = DatasetState(summary.get("state_before", DatasetState.QUARANTINED.value))
        dataset_state = {"completed": DatasetState.PROCESSED, "blocked": DatasetState.BLOCKED}.get(state, before)
        dataset = session.get(Dataset, run.dataset_id)
        if dataset is not None and dataset.state is DatasetState.PROCESSING:
            dataset.state = dataset_state
    actor = ctx.actor()
    outcome = "ok" if state == "completed" else ("refused" if state in ("stopped", "blocked") else "failed")
    reserved = {"dataset_id", "outcome", "run_id", "actor", "action"}
    ctx.record(actor, f"migration.run.{state}", dataset_id=run.dataset_id, outcome=outcome, run_id=run.run_id,
               **{k: v for k, v in (counts or {}).items() if k not in reserved and isinstance(v, int | str | bool)})


# Migration runs: encrypted Parquet between steps -------------------------------------------------

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
                       ) -> Iterator[Any]:
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


# Migration runs: steps ---------------------------------------------------------------------------

def work_name(run: RunInfo, *parts: str) -> str:
    """Artefact names of a run's intermediate files; `cleanup_work` deletes them when the run ends."""
    return "/".join(("run-" + run.run_id, "work", *parts))


def rejects_name(run: RunInfo, *parts: str) -> str:
    return "/".join(("run-" + run.run_id, "rejects", *parts))


@dataclass(frozen=True)
class Ingested:
    tables: list[TableRef]
    rows: int
    rejected: int
    reject_reasons: dict[str, int]
    rejects_artefacts: list[str]
    # table key -> {column: reason}: columns a connector could not read (Access OLE objects), named in the
    # run's summary so they are never lost silently. Column names only.
    columns_not_read: dict[str, dict[str, str]] = field(default_factory=dict)


def mapping_table(mapping: Any, table: str) -> str:
    """The mapping table a source table is read as, by the transform's own rule (exact name, else ignoring case
    and a file extension); the source table's name when the mapping does not know it."""
    from intake.product.transform import resolve_tables

    [target] = resolve_tables({table: ()}, mapping)
    return target


def _claim_table(claimed: dict[str, tuple[str, str]], target: str, source_file: str, table: str,
                 run: RunInfo) -> None:
    """Refuse a mapped table found in two files.

    Why refuse rather than concatenate: a table name in two files may be two parts of one table, or two
    different things (an older export sent as well, a "Sheet1" in two workbooks). Concatenating a second copy
    doubles every asset and the reconciliation still balances, so nobody would notice; picking one drops the
    other's rows. Only the customer knows which it is. A refusal before anything is processed costs one
    round trip; a wrong guess costs a wrong migration.
    """
    first = claimed.setdefault(target, (source_file, table))
    if first == (source_file, table):
        return
    raise TableInTwoFiles(
        f"mapping '{run.mapping}' reads table '{target}' from one place, but dataset {run.dataset_id} has it in "
        f"two files: {first[0]} (table '{first[1]}') and {source_file} (table '{table}'). They are not merged or "
        "chosen between silently: if they are parts of one export, ask the customer for one file holding all "
        "rows; if one is not meant for the migration, ask for the dataset without it (either way with a new "
        "authorisation); or use a mapping that reads them as separate tables"
    )


def unread_entries(source: Any) -> dict[str, str]:
    """Archive entries no connector reads (nested archives included): "archive/entry" -> reason."""
    return source.unread_entries() if hasattr(source, "unread_entries") else {}


def _refuse_unread_entries(run: RunInfo, file: str, unread: dict[str, str]) -> None:
    if not unread:
        return
    names = ", ".join(sorted(unread))
    raise EntriesNotRead(
        f"{file} holds {len(unread)} entr{'y' if len(unread) == 1 else 'ies'} in no table format intake reads "
        f"({names}). They would not be migrated and no reconciliation would count them, so dataset "
        f"{run.dataset_id} is not processed. If they hold data, ask the customer to export it "
        "as CSV, Excel or a database file; if they hold none (a README, a PDF), ask for the archive without them; "
        "either way the new archive needs a new authorisation"
    )


def ingest(ctx: Context, run: RunInfo, chunk_rows: int, progress: ProgressCallback = no_progress,
           source_options: dict[str, dict[str, Any]] | None = None) -> Ingested:
    """Read every received file (decrypted on the fly) into encrypted Parquet, one row group per chunk.

    Every row ends up in a table or in the rejects (encrypted, with its reason). Refused before anything
    is processed further: archive entries no connector reads (`EntriesNotRead`) and a table the mapping
    reads found in two files (`TableInTwoFiles`). Columns a connector cannot read are named in the run's
    summary. `source_options` maps a file name to connector options (format, header_line, sheet names...).
    """
    from intake.connectors import open_source
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    mapping = resolve_mapping(run.mapping)
    mapped = {t.table for t in mapping.tables}
    raws = sorted((a for a in vault.artefacts(run.dataset_id) if a.kind is ArtefactKind.RAW), key=lambda a: a.name)
    if not raws:
        raise PipelineError(f"dataset {run.dataset_id} has no received files left in the vault: receive it again")
    total = sum(a.plaintext_size for a in raws) or 1
    done = 0
    tables: list[TableRef] = []
    reasons: dict[str, int] = {}
    rejects_ids: list[str] = []
    claimed: dict[str, tuple[str, str]] = {}
    columns_not_read: dict[str, dict[str, str]] = {}
    for raw in raws:
        options = dict((source_options or {}).get(raw.name, {}))
        fmt = options.pop("format", None)
        with step_errors("ingest", run.dataset_id), vault.open(raw.id, actor=actor) as handle, \
                open_source(fmt, handle, name=raw.name, settings=ctx.settings.connectors, **options) as source:
            names = source.tables()
            _refuse_unread_entries(run, raw.name, unread_entries(source))
            for table in names:
                if (target := mapping_table(mapping, table)) in mapped:
                    _claim_table(claimed, target, raw.name, table, run)
                rejects = VaultRejects(vault, run, rejects_name(run, "ingest", raw.name, f"{table}.jsonl"), actor)
                try:
                    reader = source.read(table, rejects=rejects)
                    with ParquetIntoVault(vault, run, work_name(run, "ingest", raw.name, f"{table}.parquet"),
                                          reader.schema, actor, chunk_rows) as out:
                        for batch in reader:
                            out.write(batch)
                        info = out.close()
                except BaseException:
                    rejects.abort()
                    raise
                if (rejects_id := rejects.close()) is not None:
                    rejects_ids.append(rejects_id)
                for reason, count in rejects.reasons.items():
                    reasons[reason] = reasons.get(reason, 0) + count
                ref = TableRef(raw.name, table, info.id, reader.rows_read, reader.rows_rejected,
                               tuple(out.row_groups))
                tables.append(ref)
                if dropped := dict(getattr(reader, "dropped_columns", None) or {}):
                    columns_not_read[ref.key] = dropped
        done += raw.plaintext_size
        progress(done / total)
    if columns_not_read:
        _update_summary(ctx, run, lambda summary: summary.update(columns_not_read=columns_not_read))
        log_event(log, "pipeline.columns_not_read", dataset_id=run.dataset_id, run_id=run.run_id,
                  tables=len(columns_not_read), columns=sum(len(c) for c in columns_not_read.values()))
    return Ingested(tables, sum(t.rows for t in tables), sum(t.rejected for t in tables), reasons, rejects_ids,
                    columns_not_read)


def cleanup_work(ctx: Context, dataset_id: str, run_id: str | None = None) -> int:
    """Delete intermediate work files: of run `run_id`, or (None) of every run of the dataset not running."""
    from intake.vault import Vault
    from intake.vault.errors import ArtefactNotFound, KeyDestroyed

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    with ctx.registry.session() as session:
        running = set(session.scalars(select(Run.id).where(Run.dataset_id == dataset_id, Run.state == "running")))
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


# Scan and anonymisation (chunked) ----------------------------------------------------------------

_session_lock = threading.RLock()
_sessions: dict[str, Any] = {}


def anonymisation_session(ctx: Context, terms: Any = None) -> Any:
    """One AnonymisationSession per process, configuration and dataset terms (the spaCy model loads once per
    session). `terms`: the dataset's DatasetTerms (schema_policy), whose people join the deny-list and whose
    reference values are allowed.

    Inside a daemonic process (a Dask worker) chunks are anonymised in-process: such processes cannot start
    the session's worker processes.
    """
    from intake.anonymisation import AnonymisationSession

    settings = ctx.settings.anonymisation
    key = settings.model_dump_json() + (terms.digest if terms is not None else "")
    with _session_lock:
        session = _sessions.get(key)
        if session is None:
            processes = 1 if multiprocessing.current_process().daemon else settings.processes
            vocabulary = terms.vocabulary(AnonymisationSession.base_vocabulary(settings)) if terms else None
            session = _sessions[key] = AnonymisationSession(settings, vocabulary=vocabulary, processes=processes)
        return session


def close_sessions() -> None:
    """End the worker processes of this process's sessions (and free their models and caches)."""
    from intake.schema_policy import forget_dataset_terms

    with _session_lock:
        for session in _sessions.values():
            session.close()
        _sessions.clear()
    forget_dataset_terms()


def profile_tables(ctx: Context, run: RunInfo, tables: Sequence[TableRef]) -> dict[str, dict[str, Any]]:
    """Classify every table's columns from a sample of its first rows (table key -> classification dict).

    Keyed by `TableRef.key` (file and table): two files may hold tables of one name ("Sheet1"), and each
    is classified from its own sample. A column the mapping reads takes the data role of the product fields it
    feeds (person, free text, reference: schema_policy), whatever its sample looked like."""
    from intake.anonymisation.roles import apply_roles
    from intake.schema_policy import mapping_column_roles
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    session = anonymisation_session(ctx)
    mapping = resolve_mapping(run.mapping)
    classifications: dict[str, dict[str, Any]] = {}
    for table in tables:
        with step_errors("scan", run.dataset_id), _session_lock:
            batches = read_table_batches(vault, table.artefact_id, actor)
            try:
                classification = session.profile(table.table, batches)
            finally:
                batches.close()
        classification = apply_roles(classification, mapping_column_roles(mapping, table.table))
        classifications[table.key] = classification.to_dict()
    return classifications


def scan_report(ctx: Context, classifications: dict[str, dict[str, Any]]) -> Any:
    """The findings report of the sample scan (before anonymisation)."""
    from intake.anonymisation import TableClassification, build_report

    session = anonymisation_session(ctx)
    return build_report({t: TableClassification.from_dict(c) for t, c in classifications.items()}, None, None,
                        session.policy, title="Personal data scan", scope="sample")


@dataclass
class ChunkResult:
    """What one anonymised chunk produced: an encrypted Parquet part, counts and its re-scan (redacted).

    Counts and re-scan are labelled with the table key (file and table), like the classifications."""

    key: str
    table: str  # the table key (TableRef.key)
    index: int
    artefact_id: str
    rows: int
    counts: Any  # AnonymisationCounts
    rescan: Any  # RescanResult
    names_id: str | None = None  # encrypted list of the full names its free text revealed (schema_policy)


def anonymise_chunk(ctx: Context, run: RunInfo, chunk: Chunk, classification: dict[str, Any],
                    ner_sample: int, terms_id: str | None = None) -> ChunkResult:
    """Anonymise one chunk with the customer's secret and re-scan its output as it is written.

    Pure in its inputs: any process running it writes the same tokens (HMAC under the customer secret). The
    session does the work in one of its worker processes (or here, on a Dask worker); the vault, the registry
    and the audit log stay in this process. `terms_id`: the dataset's terms (schema_policy), read from the vault.
    """
    import pyarrow as pa

    from intake.anonymisation import TableClassification
    from intake.schema_policy import load_dataset_terms, store_found_names
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    session = anonymisation_session(ctx, load_dataset_terms(ctx, terms_id))
    table_name = chunk.table.table
    with step_errors("anonymise", run.dataset_id):
        secret = vault.customer_secret(run.customer_id, actor)
        rows = read_chunk(vault, chunk, actor)
        batches = rows.to_batches() or [pa.RecordBatch.from_pylist([], schema=rows.schema)]
        del rows
        outcome = session.anonymise_chunk(secret, table_name, TableClassification.from_dict(classification),
                                          batches, ner_sample)
        del batches
        counts, rescan = _labelled(outcome.counts, outcome.rescan, table_name, chunk.table.key)
        name = work_name(run, "anonymised", chunk.table.source_file, table_name, f"{chunk.index:05d}.parquet")
        with ParquetIntoVault(vault, run, name, outcome.batches[0].schema, actor, max(chunk.rows, 1)) as out:
            for batch in outcome.batches:
                out.write(batch)
            info = out.close()
        names_id = store_found_names(ctx, run, chunk.key, outcome.names)
    return ChunkResult(chunk.key, chunk.table.key, chunk.index, info.id, chunk.rows, counts, rescan, names_id)


def _labelled(counts: Any, rescan: Any, table: str, label: str) -> tuple[Any, Any]:
    """Counts and re-scan of a chunk under the table key. The anonymiser and the re-scan work with the
    source table's name (the policy's "table.column" overrides use it); the report needs the key."""
    from dataclasses import replace

    from intake.anonymisation import AnonymisationCounts
    from intake.anonymisation.rescan import RescanResult

    relabelled = AnonymisationCounts()
    for name, rows in counts.rows.items():
        relabelled.rows[label if name == table else name] += rows
    for (name, column), stats in counts.columns.items():
        stats = replace(stats, table=label) if name == table else stats
        relabelled.columns[(stats.table, column)] = stats
    columns = [replace(c, table=label) if c.table == table else c for c in rescan.columns]
    return relabelled, RescanResult(rescan.threshold, columns)


def merge_rescans(results: Sequence[Any]) -> Any:
    """One RescanResult from the chunks' results (residual counts added, examples kept up to the limit)."""
    from intake.anonymisation.report import MAX_EXAMPLES
    from intake.anonymisation.rescan import ColumnRescan, RescanResult

    columns: dict[tuple[str, str], ColumnRescan] = {}
    threshold = results[0].threshold if results else 0.0
    for result in results:
        for col in result.columns:
            mine = columns.setdefault((col.table, col.column), ColumnRescan(col.table, col.column))
            mine.checked_values += col.checked_values
            mine.ner_sampled += col.ner_sampled
            mine.residual.update(col.residual)
            for entity, examples in col.examples.items():
                shown = mine.examples.setdefault(entity, [])
                shown.extend(e for e in examples if e not in shown and len(shown) < MAX_EXAMPLES)
    return RescanResult(threshold, list(columns.values()))


@dataclass
class Anonymised:
    report: Any  # FindingsReport
    parts: dict[str, list[ChunkResult]]  # table key -> chunk results in row order
    rows: int
    clean: bool


def combine_chunks(ctx: Context, classifications: dict[str, dict[str, Any]],
                   results: Sequence[ChunkResult]) -> Anonymised:
    """Merge the chunks' counts and re-scans (in chunk order, so any runner gives the same report)."""
    from intake.anonymisation import AnonymisationCounts, TableClassification, build_report

    ordered = sorted(results, key=lambda r: r.key)
    counts = AnonymisationCounts()
    parts: dict[str, list[ChunkResult]] = {}
    for result in ordered:
        counts.merge(result.counts)
        parts.setdefault(result.table, []).append(result)
    rescans = {table: merge_rescans([r.rescan for r in chunk_results]) for table, chunk_results in parts.items()}
    session = anonymisation_session(ctx)
    report = build_report({t: TableClassification.from_dict(c) for t, c in classifications.items()}, counts,
                          rescans, session.policy, title="Personal data findings", scope="full")
    clean = all(r.clean for r in rescans.values())
    return Anonymised(report, parts, sum(r.rows for r in ordered), clean)


def found_personal_data(report: Any) -> bool:
    """Whether a report shows personal data: a personal column or any entity counted."""
    return bool(report.has_personal_data or report.totals())


# Reports -----------------------------------------------------------------------------------------

def store_report(ctx: Context, run: RunInfo, name: str, text: str) -> str:
    """Keep a report encrypted in the vault (kind REPORT) beside the dataset; returns the artefact id."""
    from intake.vault import Vault

    info = Vault.from_context(ctx).put(scope=run.dataset_id, dataset_id=run.dataset_id, kind=ArtefactKind.REPORT,
                                       name=f"run-{run.run_id}/reports/{name}", source=text.encode(),
                                       actor=ctx.actor())
    return str(info.id)


def block_dataset(ctx: Context, run: RunInfo, report: Any, stage: str) -> DatasetBlocked:
    """Declared free of personal data but it has some: report stored, run and dataset BLOCKED, work deleted."""
    ids = [store_report(ctx, run, "findings.json", report.to_json()),
           store_report(ctx, run, "findings.md", report.to_markdown())]
    end_run(ctx, run, "blocked", {"blocked_at": stage, "findings_reports": ids, "found": report.totals()})
    cleanup_work(ctx, run.dataset_id, run.run_id)
    ctx.record(ctx.actor(), "dataset.block", dataset_id=run.dataset_id, run_id=run.run_id, stage=stage,
               personal_columns=len(report.personal_columns()), **{f"found_{k}": v for k, v in report.totals().items()})
    return DatasetBlocked(
        f"dataset {run.dataset_id} was declared to contain no personal data (authorisation {run.authorisation}) "
        f"but the {stage} found {report.summary()}. It is blocked and stays encrypted in quarantine; nothing was "
        "processed further. Ask the customer for a corrected authorisation or a cleaned file"
    )


# Transform, validate and deliver (staged, committed last) ----------------------------------------

@dataclass(frozen=True)
class Delivered:
    package: str  # where the committed import package is
    manifest: dict[str, Any]
    reconciliation_json: str
    reconciliation_markdown: str
    balanced: bool
    rows_read: int
    rows_rejected: int
    entity_rows: dict[str, int]
    # cells where names found elsewhere in the dataset were replaced at delivery, per "table key/column"
    names_propagated: dict[str, int] = field(default_factory=dict)


def resolve_mapping(mapping: str) -> Any:
    """A built-in mapping by system name, or a mapping YAML file by path."""
    from intake.product import builtin_mapping, builtin_mappings, load_mapping

    if mapping in builtin_mappings():
        return builtin_mapping(mapping)
    path = Path(mapping)
    if not path.is_file():
        raise PipelineError(
            f"mapping '{mapping}' is neither a built-in mapping ({', '.join(builtin_mappings())}) nor a readable "
            "mapping file: give a system name or the path of a mapping YAML"
        )
    return load_mapping(path)


def delivery_folder(ctx: Context, run: RunInfo) -> Path:
    return ctx.settings.deliveries_path / run.dataset_id


def spool_folder(ctx: Context, run: RunInfo) -> Path:
    return ctx.settings.home / "spool" / run.run_id


def discard_stale_staging(ctx: Context, run: RunInfo) -> int:
    """Remove what killed runs of this dataset left behind: hidden staging folders and spools (never visible
    as a delivery: a package becomes visible only by the final rename, with its manifest)."""
    import shutil

    with ctx.registry.session() as session:
        running = set(session.scalars(select(Run.id).where(Run.dataset_id == run.dataset_id, Run.state == "running")))
    removed = 0
    folder = delivery_folder(ctx, run)
    for path in folder.glob(".staging-run-*") if folder.is_dir() else []:
        owner = path.name.removeprefix(".staging-run-").rsplit("-", 1)[0]  # DeliverySink adds "-<token>"
        if owner not in running:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    spools = ctx.settings.home / "spool"
    for path in spools.iterdir() if spools.is_dir() else []:
        if path.name not in running:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def deliver(ctx: Context, run: RunInfo, ingested: Ingested, anonymised: Anonymised,
            progress: ProgressCallback = no_progress, terms_id: str | None = None) -> Delivered:
    """Transform the anonymised tables with the mapping, validate, and write the import package.

    First, full names that the free text of some chunk revealed are replaced wherever else they still stand
    (schema_policy.KnownNamesScrubber). The package is written into a hidden staging folder (the connectors'
    DeliverySink) and renamed into place after its manifest, so a failed, cancelled or killed run leaves no
    partial delivery.
    """
    from intake.connectors.sinks import DeliverySink
    from intake.product import write_package
    from intake.schema_policy import known_names_scrubber
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    mapping = resolve_mapping(run.mapping)
    raw_hashes = {a.name: a.plaintext_sha256 for a in vault.artefacts(run.dataset_id) if a.kind is ArtefactKind.RAW}
    total = max(anonymised.rows, 1)
    done = 0
    skip = {t.table: {c.column for c in t.columns if c.role in ("person", "reference")}
            for t in anonymised.report.tables}
    with step_errors("deliver", run.dataset_id):
        scrub = known_names_scrubber(ctx, run, terms_id, [p.names_id for parts in anonymised.parts.values()
                                                          for p in parts if p.names_id], skip)

    def batches(parts: list[ChunkResult]) -> Iterator[Any]:
        nonlocal done
        for part in parts:
            for batch in read_table_batches(vault, part.artefact_id, actor):
                yield scrub(part.table, batch) if scrub is not None else batch
                done += batch.num_rows
                progress(min(done / total, 1.0))

    sources, refs = transform_sources(run, mapping, ingested, anonymised.parts, batches)
    # Lineage and reader rejects are keyed as the transform reports tables: by the mapping's table name.
    source_files = {name: {"file": ref.source_file, "sha256": raw_hashes.get(ref.source_file, "")}
                    for name, ref in refs.items()}
    reader_rejects = {name: ref.rejected for name, ref in refs.items()}
    package = f"run-{run.run_id}"
    destination = delivery_folder(ctx, run) / package
    spool = spool_folder(ctx, run)
    spool.mkdir(parents=True, exist_ok=True)
    try:
        with step_errors("deliver", run.dataset_id):
            sink = DeliverySink.local(delivery_folder(ctx, run), package)
            result = write_package(sources, mapping, sink, dataset_id=run.dataset_id,
                                   authorisation_reference=run.authorisation, clock=ctx.clock,
                                   source_files=source_files, reader_rejects=reader_rejects, spool_dir=spool)
    finally:
        import shutil

        shutil.rmtree(spool, ignore_errors=True)
    reconciliation = result.reconciliation
    entity_rows = {name: int(entity["rows"]) for name, entity in result.manifest.get("entities", {}).items()}
    return Delivered(str(destination), result.manifest, reconciliation.to_json(), reconciliation.to_markdown(),
                     bool(reconciliation.balanced), int(reconciliation.rows_read), int(reconciliation.rows_rejected),
                     entity_rows, scrub.changed() if scrub is not None else {})


def transform_sources(run: RunInfo, mapping: Any, ingested: Ingested, parts: dict[str, list[ChunkResult]],
                      batches: Callable[[list[ChunkResult]], Iterator[Any]]) -> tuple[dict[str, Any],
                                                                                     dict[str, TableRef]]:
    """The anonymised tables as the transform's sources, with the table each came from.

    A mapped table is passed under the mapping's name, from exactly one file (`ingest` refuses two). Tables
    the mapping ignores are not passed (the transform never reads them, and several files may hold one).
    Any other table is passed as well, under its own name (file and name when two files share it), so the
    transform refuses it by name rather than a second one overwriting the first.
    """
    refs = {t.key: t for t in ingested.tables}
    mapped = {t.table for t in mapping.tables}
    names = [refs[key].table for key in parts]
    claimed: dict[str, tuple[str, str]] = {}
    sources: dict[str, Any] = {}
    origins: dict[str, TableRef] = {}
    for key, table_parts in parts.items():
        ref = refs[key]
        target = mapping_table(mapping, ref.table)
        if target in mapping.ignore_tables:
            continue
        if target in mapped:
            _claim_table(claimed, target, ref.source_file, ref.table, run)
            name = target
        else:
            name = ref.table if names.count(ref.table) == 1 else ref.key
        sources[name] = lambda table_parts=table_parts: batches(table_parts)
        origins[name] = ref
    return sources, origins


def abandon_runs(ctx: Context, dataset_id: str, state: str, reason: str) -> list[str]:
    """End every run of the dataset still marked running (its process was cancelled or crashed), and remove
    what it left: staging folders and intermediate work files. Returns the run ids."""
    with ctx.registry.session() as session:
        running = list(session.scalars(select(Run).where(Run.dataset_id == dataset_id, Run.state == "running")))
        infos = [RunInfo(r.id, dataset_id, "", "", "", json.loads(r.summary or "{}").get("mapping", ""), r.started_by)
                 for r in running]
    for info in infos:
        end_run(ctx, info, state, {"reason": reason})
        cleanup_work(ctx, dataset_id, info.run_id)
        discard_stale_staging(ctx, info)
    return [i.run_id for i in infos]
