"""Scan and anonymisation, chunk by chunk, with one anonymisation session per process and configuration."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from intake.context import Context
from intake.pipeline.artefacts import (
    Chunk,
    TableRef,
    cleanup_work,
    read_chunk,
    read_table_batches,
    run_target,
    store_report,
    work_name,
)
from intake.pipeline.errors import DatasetBlocked, step_errors
from intake.pipeline.ingest import mapping_table, resolve_mapping
from intake.pipeline.runs import RunInfo, end_run
from intake.registry.models import RunState

_session_lock = threading.RLock()


_sessions: dict[str, Any] = {}


def anonymisation_session(ctx: Context, terms: Any = None) -> Any:
    """One AnonymisationSession per process, configuration and dataset terms (the spaCy model loads once per
    session). `terms`: the dataset's DatasetTerms (pipeline.terms), whose people join the deny-list and whose
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
    from intake.pipeline.artefact_cache import forget_all

    with _session_lock:
        for session in _sessions.values():
            session.close()
        _sessions.clear()
    forget_all()


def profile_tables(ctx: Context, run: RunInfo, tables: Sequence[TableRef]) -> dict[str, dict[str, Any]]:
    """Classify every table's columns from a sample of its first rows (table key -> classification dict).

    Keyed by `TableRef.key` (file and table): two files may hold tables of one name ("Sheet1"), and each
    is classified from its own sample. A column the mapping reads takes the data role of the product fields it
    feeds (person, free text, reference: product.roles), whatever its sample looked like."""
    from intake.anonymisation.roles import apply_roles
    from intake.product.roles import mapping_column_roles
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    mapping = resolve_mapping(run.mapping)
    classifications: dict[str, dict[str, Any]] = {}
    for table in tables:
        with step_errors("scan", run.dataset_id):
            classification = profile_table(ctx, vault, table, actor)
        classification = apply_roles(classification, mapping_column_roles(mapping, mapping_table(mapping, table.table)))
        classifications[table.key] = classification.to_dict()
    return classifications


def profile_table(ctx: Context, vault: Any, table: TableRef, actor: Any) -> Any:
    """One table's columns classified from a sample of its first rows, by their values and names alone."""
    with _session_lock:
        batches = read_table_batches(vault, table.artefact_id, actor)
        try:
            return profile_batches(ctx, table.table, batches)
        finally:
            batches.close()


def profile_batches(ctx: Context, name: str, batches: Any) -> Any:
    """Columns classified from record batches (a table's own, or a nested table opened by intake.nested)."""
    session = anonymisation_session(ctx)
    with _session_lock:
        return session.profile(name, batches)


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
    found_id: str | None = None  # encrypted: the full names and identifiers it revealed (pipeline.terms.store_found)


def anonymise_chunk(ctx: Context, run: RunInfo, chunk: Chunk, classification: dict[str, Any],
                    ner_sample: int, terms_id: str | None = None, findings_id: str | None = None) -> ChunkResult:
    """Anonymise one chunk with the customer's secret and re-scan its output as it is written.

    Pure in its inputs: any process running it writes the same tokens (HMAC under the customer secret). The
    session does the work in one of its worker processes (or here, on a Dask worker); the vault, the registry
    and the audit log stay in this process. `terms_id`: the dataset's terms (pipeline.terms), read from the vault;
    `findings_id`: the free-text findings of the global distinct-value pass (pipeline.distinct).
    """
    import pyarrow as pa

    from intake.anonymisation import TableClassification
    from intake.connectors.vault_sinks import VaultParquetSink
    from intake.pipeline.distinct import chunk_findings
    from intake.pipeline.terms import load_dataset_terms, store_found
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    session = anonymisation_session(ctx, load_dataset_terms(ctx, terms_id))
    table_name = chunk.table.table
    with step_errors("anonymise", run.dataset_id):
        secret = vault.customer_secret(run.customer_id, actor)
        rows = read_chunk(vault, chunk, actor)
        classified = TableClassification.from_dict(classification)
        known = chunk_findings(ctx, findings_id, rows, table_name, classified, session.policy)
        batches = rows.to_batches() or [pa.RecordBatch.from_pylist([], schema=rows.schema)]
        del rows
        outcome = session.anonymise_chunk(secret, table_name, classified, batches, ner_sample, known)
        del batches
        counts, rescan = _labelled(outcome.counts, outcome.rescan, table_name, chunk.table.key)
        name = work_name(run, "anonymised", chunk.table.source_file, table_name, f"{chunk.index:05d}.parquet")
        with VaultParquetSink(run_target(vault, run, name, actor), schema=outcome.batches[0].schema,
                              group_rows=max(chunk.rows, 1)) as out:
            for batch in outcome.batches:
                out.write(batch)
            info = out.close()
        found_id = store_found(ctx, run, chunk.key, outcome.revealed)
    return ChunkResult(chunk.key, chunk.table.key, chunk.index, info.id, chunk.rows, counts, rescan, found_id)


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


def block_dataset(ctx: Context, run: RunInfo, report: Any, stage: str) -> DatasetBlocked:
    """Declared free of personal data but it has some: report stored, run and dataset BLOCKED, work deleted."""
    ids = [store_report(ctx, run, "findings.json", report.to_json()),
           store_report(ctx, run, "findings.md", report.to_markdown())]
    end_run(ctx, run, RunState.BLOCKED, {"blocked_at": stage, "findings_reports": ids, "found": report.totals()})
    cleanup_work(ctx, run.dataset_id, run.run_id)
    ctx.record(ctx.actor(), "dataset.block", dataset_id=run.dataset_id, run_id=run.run_id, stage=stage,
               personal_columns=len(report.personal_columns()), **{f"found_{k}": v for k, v in report.totals().items()})
    return DatasetBlocked(
        f"dataset {run.dataset_id} was declared to contain no personal data (authorisation {run.authorisation}) "
        f"but the {stage} found {report.summary()}. It is blocked and stays encrypted in quarantine; nothing was "
        "processed further. Ask the customer for a corrected authorisation or a cleaned file"
    )
