"""Ingest: every received file read by its connector into encrypted Parquet, one row group per chunk."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from intake.context import Context
from intake.logs import get_logger, log_event
from intake.pipeline.artefacts import (
    TableRef,
    read_table_batches,
    rejects_name,
    run_target,
    work_name,
)
from intake.pipeline.errors import (
    EntriesNotRead,
    PipelineError,
    ProgressCallback,
    TableInTwoFiles,
    no_progress,
    step_errors,
)
from intake.pipeline.runs import RunInfo, _update_summary
from intake.registry.models import (
    ArtefactKind,
)

log = get_logger("intake.pipeline")


@dataclass(frozen=True)
class Ingested:
    tables: list[TableRef]
    rows: int
    rejected: int  # lines the readers rejected, of every table read: those only queries read too
    reject_reasons: dict[str, int]
    rejects_artefacts: list[str]
    # table key -> {column: reason}: columns a connector could not read (Access OLE objects), named in the
    # run's summary so they are never lost silently. Column names only.
    columns_not_read: dict[str, dict[str, str]] = field(default_factory=dict)
    # Tables only the mapping's queries read: not anonymised themselves, but their personal values are looked for
    # wherever the queries copied them (pipeline.terms.collect_dataset_terms).
    query_inputs: list[TableRef] = field(default_factory=list)


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
    from intake.connectors.vault_sinks import VaultParquetSink, VaultRejectSink
    from intake.product.transform import table_name_key
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    mapping = resolve_mapping(run.mapping)
    mapped = {t.table for t in mapping.tables}
    queried = {table_name_key(name): name for name in mapping.read_by_queries()}
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
                elif (read := queried.get(table_name_key(table))) is not None:
                    _claim_table(claimed, read, raw.name, table, run)
                rejects_at = rejects_name(run, "ingest", raw.name, f"{table}.jsonl")
                rejects = VaultRejectSink(run_target(vault, run, rejects_at, actor), file_format="jsonl")
                try:
                    reader = source.read(table, rejects=rejects)
                    stored_at = work_name(run, "ingest", raw.name, f"{table}.parquet")
                    with VaultParquetSink(run_target(vault, run, stored_at, actor), schema=reader.schema,
                                          group_rows=chunk_rows) as out:
                        for batch in reader:
                            out.write(batch)
                        info = out.close()
                except BaseException:
                    rejects.abort()
                    raise
                if (stored := rejects.close()) is not None:
                    rejects_ids.append(stored.id)
                for reason, count in rejects.reasons.items():
                    reasons[reason] = reasons.get(reason, 0) + count
                ref = TableRef(raw.name, table, info.id, reader.rows_read, reader.rows_rejected,
                               tuple(out.row_groups))
                tables.append(ref)
                if dropped := dict(getattr(reader, "dropped_columns", None) or {}):
                    columns_not_read[ref.key] = dropped
        done += raw.plaintext_size
        progress(done / total)
    # Counted on the tables as read, before the queries replace those they read: a line a reader rejected is one
    # source row, however many queries (or joins of one query) then read its table, and a query table's rows are
    # only what its query returned.
    rejected = sum(t.rejected for t in tables)
    query_inputs: list[TableRef] = []
    if queried:
        with step_errors("ingest", run.dataset_id):
            tables, query_inputs = _query_tables(ctx, run, mapping, tables, chunk_rows)
    if columns_not_read:
        _update_summary(ctx, run, lambda summary: summary.update(columns_not_read=columns_not_read))
        log_event(log, "pipeline.columns_not_read", dataset_id=run.dataset_id, run_id=run.run_id,
                  tables=len(columns_not_read), columns=sum(len(c) for c in columns_not_read.values()))
    return Ingested(tables, sum(t.rows for t in tables), rejected, reasons, rejects_ids, columns_not_read,
                    query_inputs)


def _query_tables(ctx: Context, run: RunInfo, mapping: Any, tables: list[TableRef], chunk_rows: int
                  ) -> tuple[list[TableRef], list[TableRef]]:
    """The mapping's query tables, computed from the export's tables as read and stored as they are (so they are
    anonymised with the roles of the fields they feed, like any table), and the tables only queries read, which
    go no further than pass 1 (their work files are removed with the run's)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from intake.connectors.vault_sinks import VaultParquetSink
    from intake.product.queries import run_query
    from intake.product.transform import query_inputs, superseded_by_queries
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    by_name = {ref.table: ref for ref in tables}
    loaded: dict[str, pa.Table] = {}

    def table(name: str, streamed: bool) -> pa.Table | pa.RecordBatchReader:
        """A table a query scans once is streamed from the vault, decrypted batch by batch (memory bounded by
        the engine's limit); one it scans twice is read whole, once for every query that needs it so."""
        artefact_id = by_name[name].artefact_id
        if streamed:
            with vault.open(artefact_id, actor=actor) as handle:
                schema = pq.ParquetFile(handle).schema_arrow
            return pa.RecordBatchReader.from_batches(schema, read_table_batches(vault, artefact_id, actor))
        if name not in loaded:
            with vault.open(artefact_id, actor=actor) as handle:
                loaded[name] = pq.read_table(handle)
        return loaded[name]

    computed: list[TableRef] = []
    queries = query_inputs(by_name, mapping)
    for name, inputs in queries.items():
        query = mapping.table(name).query
        reader = run_query(name, query, {read: table(source, read in query.streamed)
                                         for read, source in inputs.items()},
                           memory_limit=ctx.settings.connectors.query_memory_limit)
        with VaultParquetSink(run_target(vault, run, work_name(run, "query", f"{name}.parquet"), actor),
                              schema=reader.schema, group_rows=chunk_rows) as out:
            for batch in reader:
                out.write(batch)
            info = out.close()
        computed.append(TableRef(f"query:{name}", name, info.id, sum(out.row_groups), 0, tuple(out.row_groups)))
    superseded = superseded_by_queries(by_name, mapping)
    log_event(log, "pipeline.query_tables", dataset_id=run.dataset_id, run_id=run.run_id, tables=len(computed),
              rows=sum(t.rows for t in computed), superseded=len(superseded))
    return ([ref for ref in tables if ref.table not in superseded] + computed,
            [ref for ref in tables if ref.table in superseded])


def received_sources(ctx: Context, dataset_id: str, actor: Any) -> Iterator[tuple[str, Any]]:
    """Each received file of a dataset, by name, decrypted on the fly and opened by its connector: for reading it
    in memory outside a run (`intake fault query`, `intake mapping check --dataset`)."""
    from intake.connectors import open_source
    from intake.vault import Vault

    vault = Vault.from_context(ctx)
    for raw in sorted(vault.artefacts(dataset_id, kind=ArtefactKind.RAW), key=lambda a: a.name):
        with vault.open(raw.id, actor=actor) as handle, \
                open_source(None, handle, name=raw.name, settings=ctx.settings.connectors) as source:
            yield raw.name, source


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
