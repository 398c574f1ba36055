"""The fault investigation workspace: support reads the fault dataset it received with SQL (DuckDB), in memory.

The received files are decrypted from the vault and read by their connectors into Arrow tables in this process;
nothing is written in plaintext (DuckDB runs in memory with file system access, extensions and temp files
disabled, and its configuration locked, so a query cannot read or write a file). By default the tables are the
dataset *pseudonymised* by the anonymiser (the same tokens a migration would give, so rows still join); raw
values need `raw=True` with a reason, kept encrypted with the dataset (the audit has its artefact id and hash),
and expire after their minutes even in an idle shell. Each query is audited by the SHA-256 of its text; the
text itself, which may quote a value ("WHERE name = ..."), is kept encrypted with the dataset and deleted with
it. Results are shown, or saved only as an encrypted artefact of the same dataset. What a workspace loads is
bounded (`connectors.fault_workspace_max_rows`, `--table`): fault_access.py.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from intake.context import Actor, Context
from intake.errors import IntakeError, NotFound, StateError
from intake.fault_access import WATCH_SECONDS, ExpiryWatch, RowBudget, store_reason
from intake.registry.models import ArtefactKind, Dataset, DatasetState, Purpose

MAX_QUERY_CHARS = 20_000
RAW_MINUTES_DEFAULT = 15
RAW_MINUTES_MAX = 60
MEMORY_LIMIT = "2GB"
_GONE = (DatasetState.DELETING, DatasetState.DELETED)


class QueryRefused(IntakeError):
    """The query is not valid SQL for the workspace, or asks for what the workspace does not allow."""


@dataclass(frozen=True)
class QueryResult:
    table: pa.Table
    view: str  # pseudonymised | raw
    tables: dict[str, int]  # workspace table -> rows
    saved_artefact_id: str | None = None


def _dataset(ctx: Context, dataset_id: str) -> Dataset:
    with ctx.registry.session() as session:
        dataset = session.get(Dataset, dataset_id)
        if dataset is None:
            raise NotFound(f"no dataset {dataset_id}: `intake datasets list` shows them")
        if dataset.purpose is not Purpose.FAULT_INVESTIGATION:
            raise StateError(f"dataset {dataset_id} was received for {dataset.purpose.value}: the fault workspace "
                             "opens fault datasets only (purpose limitation)")
        if dataset.state in _GONE:
            raise StateError(f"dataset {dataset_id} is {dataset.state.value}: nothing is left to read")
        return dataset


def _table_name(file: str, table: str, taken: set[str]) -> str:
    """A SQL-friendly name: the table's own ("assets", and "contracts" for the archive entry
    "package.zip/contracts.parquet:contracts"), else file + table when two files hold the same name, else the
    whole path, else numbered."""
    def clean(text: str) -> str:
        return "".join(c if c.isalnum() else "_" for c in text.lower()).strip("_") or "t"

    own = table.rsplit(".", 1)[0] if table == file else table
    if table.startswith(f"{file}/") and ":" in table:  # an archive's entry (zip source): its table's own name
        own = table.rsplit(":", 1)[1]
    first = clean(own)
    candidates = itertools.chain([first, f"{clean(file.rsplit('.', 1)[0])}_{first}", clean(table)],
                                 (f"{first}_{n}" for n in itertools.count(2)))
    name = next(c for c in candidates if c not in taken)
    taken.add(name)
    return name


def _nested_as_text(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Nested columns (lists, structs, maps: the `reasons` of a product package's rejects) as JSON text, for the
    pseudonymised view: the anonymiser scans text in full and refuses what it cannot read (fail closed)."""
    nested = [i for i, f in enumerate(batch.schema) if pa.types.is_nested(f.type)]
    if not nested:
        return batch
    arrays, fields = list(batch.columns), list(batch.schema)
    for i in nested:
        arrays[i] = pa.array([None if v is None else json.dumps(v, ensure_ascii=False, default=str)
                              for v in batch.column(i).to_pylist()], pa.string())
        fields[i] = pa.field(fields[i].name, pa.string())
    return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))


def load_tables(ctx: Context, dataset: Dataset, actor: Actor, raw: bool,
                only: Collection[str] | None = None) -> dict[str, pa.Table]:
    """Every received file's tables (or those named in `only`), decrypted and read in memory; pseudonymised unless
    `raw`. At most `connectors.fault_workspace_max_rows` rows are read: past them, WorkspaceTooLarge."""
    from intake.anonymisation import AnonymisationSession
    from intake.pipeline.ingest import received_sources
    from intake.vault import Vault

    tables: dict[str, pa.Table] = {}
    taken: set[str] = set()
    files = 0
    budget = RowBudget(ctx.settings.connectors.fault_workspace_max_rows)
    session = None if raw else AnonymisationSession(ctx.settings.anonymisation, processes=1)
    try:
        anonymiser = None if session is None else session.anonymiser(
            Vault.from_context(ctx).customer_secret(dataset.customer_id, actor))
        for file, source in received_sources(ctx, dataset.id, actor):
            files += 1
            for table in source.tables():
                name = _table_name(file, table, taken)
                if budget.exceeded or (only is not None and name not in only):
                    continue  # its name only: to say which tables there are
                reader = source.read(table)
                batches = []
                for batch in reader:
                    if not budget.take(batch.num_rows):
                        break  # nothing more is read: the refusal comes once every table is named
                    batches.append(batch)
                if budget.exceeded:
                    continue
                if session is not None and anonymiser is not None and batches:
                    batches = [_nested_as_text(b) for b in batches]
                    classification = session.profile(table, functools.partial(iter, batches))
                    batches = [anonymiser.anonymise_batch(table, classification, b) for b in batches]
                # An empty table keeps the reader's columns (a product package writes every entity, rows or
                # none; a CSV may hold its header only): DuckDB cannot register a table without columns.
                schema = batches[0].schema if batches else reader.schema
                if len(schema):  # a file with no columns at all holds nothing a query could read
                    tables[name] = pa.Table.from_batches(batches, schema)
    finally:
        if session is not None:
            session.close()
    if not files:
        raise StateError(f"dataset {dataset.id} has no received files left in the vault")
    if budget.exceeded:
        tables.clear()
        raise budget.refusal(dataset.id, taken, only is not None)
    if only is not None and (unknown := set(only) - set(tables)):
        raise QueryRefused(f"dataset {dataset.id} has no table {', '.join(sorted(unknown))} (--table): its tables "
                           f"are {', '.join(sorted(taken))}")
    return tables


def run_query(tables: dict[str, pa.Table], sql: str) -> pa.Table:
    """Run one query over the tables in a sandboxed in-memory DuckDB."""
    import duckdb

    con = duckdb.connect(":memory:", config={
        "enable_external_access": False, "temp_directory": "", "memory_limit": MEMORY_LIMIT, "threads": 2,
        "lock_configuration": True})
    try:
        for name, table in tables.items():
            con.register(name, table)
        relation = con.sql(sql)
        return relation.to_arrow_table() if relation is not None else pa.table({})
    except duckdb.Error as exc:
        # DuckDB's message can quote a value from the query or the data: say only its kind.
        raise QueryRefused(f"the query was refused by DuckDB ({type(exc).__name__}): check its SQL against "
                           f"the tables {', '.join(sorted(tables))} (`intake fault tables DATASET`)") from None
    finally:
        con.close()


class Workspace:
    """An open investigation: the dataset's tables loaded once, in memory, for many queries (`intake fault shell`).

    Raw values are open for a limited time only (`RAW_MINUTES_MAX`), granted with a reason kept encrypted with the
    dataset (the audit has its id and hash) when the workspace opens; at expiry the tables are dropped from memory
    by a watcher (every `watch_seconds`, by the context's clock), even if no statement comes, and each query is
    refused until a new workspace is opened. Every query re-checks the actor's right and the dataset's state, so a
    revoked role, a deletion or a lifted purpose ends the work. `only`: the workspace tables to load (--table).
    """

    def __init__(self, ctx: Context, dataset_id: str, *, raw: bool = False, reason: str | None = None,
                 minutes: int = RAW_MINUTES_DEFAULT, only: Collection[str] | None = None,
                 watch_seconds: float = WATCH_SECONDS) -> None:
        self.actor = ctx.authorise("fault.read", dataset_id=dataset_id)
        if raw and not (reason and len(reason.strip()) >= 10):
            raise QueryRefused("raw values need --reason (at least 10 characters: why the pseudonymised view is "
                               "not enough), which is audited")
        if raw and not 1 <= minutes <= RAW_MINUTES_MAX:
            raise QueryRefused(f"raw values are opened for 1 to {RAW_MINUTES_MAX} minutes (--minutes)")
        self.ctx, self.dataset_id, self.raw = ctx, dataset_id, raw
        self.reason = " ".join((reason or "").split())[:200] if raw else None
        self.view = "raw" if raw else "pseudonymised"
        self.expires_at = ctx.clock.now() + timedelta(minutes=minutes) if raw else None
        self.tables: dict[str, pa.Table] = {}
        self._watch: ExpiryWatch | None = None
        self.reason_details: dict[str, str] = {}
        opened: dict[str, Any] = {"view": self.view}
        if only is not None:
            opened["tables_asked"] = len(only)
        try:
            dataset = _dataset(ctx, dataset_id)
            if self.reason and self.expires_at:
                # The reason may name a patient: kept with the dataset, the audit (which outlives it) gets its id.
                self.reason_details = store_reason(ctx, self.actor, dataset_id, self.reason, self.expires_at)
                opened |= {**self.reason_details, "expires_at": self.expires_at.isoformat()}
            self.tables = load_tables(ctx, dataset, self.actor, raw, only)
        except IntakeError as exc:
            ctx.record(self.actor, "fault.workspace", dataset_id, outcome="refused", error=type(exc).__name__,
                       **opened)
            raise
        self.counts = {name: t.num_rows for name, t in self.tables.items()}
        # Opening is itself an access: the decrypted dataset is in this process's memory from now on.
        ctx.record(self.actor, "fault.workspace", dataset_id, tables=len(self.counts),
                   rows=sum(self.counts.values()), **opened)
        if self.expires_at is not None:
            self._watch = ExpiryWatch(ctx.clock.now, self.expires_at, self.close, watch_seconds)

    def close(self) -> None:
        """Forget the tables (the raw ones above all) before the process ends; the expiry watch too."""
        self.tables = {}
        if self._watch is not None:
            self._watch.stop()

    @property
    def expired(self) -> bool:
        """Raw access has passed its minutes (the tables are dropped, or are at the next check)."""
        return self.expires_at is not None and self.ctx.clock.now() >= self.expires_at

    def _check(self) -> None:
        self.ctx.authorise("fault.read", dataset_id=self.dataset_id)
        _dataset(self.ctx, self.dataset_id)
        expired = f"raw access expired at {self.expires_at:%Y-%m-%d %H:%M} UTC" if self.expired else ""
        if expired and self.tables:
            self.close()
            raise QueryRefused(f"{expired}: open the workspace again, with a new --reason if raw values are still "
                               "needed")
        if not self.tables:  # closed, or dropped at expiry by the watch while nobody typed
            raise QueryRefused(f"this workspace is closed{f' ({expired})' if expired else ''}: open a new one, "
                               "with a new --reason if raw values are still needed")

    def run(self, sql: str, save_as: str | None = None) -> QueryResult:
        """One query, audited by its hash; its text kept encrypted with the dataset; results saved only encrypted."""
        if not sql.strip() or len(sql) > MAX_QUERY_CHARS:
            raise QueryRefused(f"a query is 1 to {MAX_QUERY_CHARS} characters of SQL")
        from intake.vault import Vault

        ctx, actor, dataset_id = self.ctx, self.actor, self.dataset_id
        digest = hashlib.sha256(sql.encode()).hexdigest()

        def refused(exc: IntakeError) -> None:
            ctx.record(actor, "fault.query", dataset_id, outcome="refused", query_sha256=digest, view=self.view,
                       error=type(exc).__name__)

        try:
            self._check()
        except IntakeError as exc:
            refused(exc)
            raise
        vault = Vault.from_context(ctx)
        kept = vault.put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.REPORT,
                         name=f"fault-queries/{ctx.clock.now():%Y%m%dT%H%M%S}-{digest[:12]}.json",
                         source=json.dumps({"actor": actor.name, "sql": sql, "raw": self.raw, "reason": self.reason,
                                            **self.reason_details}).encode(), actor=actor)
        try:
            result = run_query(self.tables, sql)
        except IntakeError as exc:
            refused(exc)
            raise
        saved = None
        if save_as:
            buffer = io.BytesIO()
            # The view it was saved from goes with it: `intake reports show` says it (reports.py).
            pq.write_table(result.replace_schema_metadata(
                {**(result.schema.metadata or {}), b"intake.fault.view": self.view.encode()}), buffer)
            saved = vault.put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.REPORT,
                              name=f"fault-results/{save_as}.parquet", source=buffer.getvalue(), actor=actor).id
        details: dict[str, Any] = {"query_sha256": digest, "query_artefact_id": kept.id, "view": self.view,
                                   "rows": result.num_rows, "saved_artefact_id": saved}
        if self.reason_details:
            details["reason_artefact_id"] = self.reason_details["reason_artefact_id"]
        ctx.record(actor, "fault.query", dataset_id, **details)
        return QueryResult(result, self.view, dict(self.counts), saved)


def query(ctx: Context, dataset_id: str, sql: str, *, raw: bool = False, reason: str | None = None,
          save_as: str | None = None, only: Collection[str] | None = None) -> QueryResult:
    """Support's one query over a fault dataset (`fault.read`); raw values only with a reason; `only` the tables
    to load (all by default)."""
    if not sql.strip() or len(sql) > MAX_QUERY_CHARS:  # before the dataset is loaded; run() says it again
        raise QueryRefused(f"a query is 1 to {MAX_QUERY_CHARS} characters of SQL")
    workspace = Workspace(ctx, dataset_id, raw=raw, reason=reason, only=only)
    try:
        return workspace.run(sql, save_as)
    finally:
        workspace.close()
