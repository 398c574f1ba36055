"""The migration run's global distinct-value pass (intake.anonymisation.distinct): the free-text columns of every
table read whole, their distinct values analysed once by the session's workers, the findings kept encrypted in
the vault as one work artefact, and each chunk given the findings of its own values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from intake.context import Context
from intake.logs import get_logger, log_event
from intake.pipeline.anonymise import anonymisation_session
from intake.pipeline.artefact_cache import ArtefactCache
from intake.pipeline.artefacts import TableRef, read_table_batches, work_name
from intake.pipeline.errors import step_errors
from intake.pipeline.runs import RunInfo
from intake.registry.models import ArtefactKind

log = get_logger("intake.pipeline")

FINDINGS_NAME = "free-text-findings.parquet"


def _parse_findings(data: bytes) -> Any:
    from intake.anonymisation.distinct import DistinctFindings

    return DistinctFindings.from_parquet(data)


_findings = ArtefactCache(_parse_findings)  # one run's chunks in this process share the findings


def analyse_free_text(ctx: Context, run: RunInfo, tables: Sequence[TableRef],
                      classifications: dict[str, dict[str, Any]], terms_id: str | None = None) -> str | None:
    """Every distinct value of the tables' free-text columns analysed once; returns the artefact id of the
    findings (None when no table has a free-text column)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from intake.anonymisation import TableClassification
    from intake.anonymisation.distinct import analysable, distinct_strings, free_text_columns
    from intake.pipeline.terms import load_dataset_terms
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    session = anonymisation_session(ctx, load_dataset_terms(ctx, terms_id))
    parts: list[pa.Array] = []
    with step_errors("anonymise", run.dataset_id):
        for table in tables:
            classification = TableClassification.from_dict(classifications[table.key])
            for column in free_text_columns(table.table, classification, session.policy):
                parts.append(distinct_strings(read_table_batches(vault, table.artefact_id, actor, [column]), column))
        if not parts:
            return None
        values = analysable(pc.unique(pa.chunked_array(parts, type=pa.string())))
        findings = session.analyse_distinct(values)
        info = vault.put(scope=run.dataset_id, dataset_id=run.dataset_id, kind=ArtefactKind.INTERMEDIATE,
                         name=work_name(run, FINDINGS_NAME), source=findings.to_parquet(), actor=actor)
    log_event(log, "pipeline.distinct_analysed", dataset_id=run.dataset_id, run_id=run.run_id, values=len(findings),
              bytes=findings.nbytes)
    return str(info.id)


def chunk_findings(ctx: Context, findings_id: str | None, rows: Any, table: str, classification: Any,
                   policy: Any) -> dict[str, Any] | None:
    """The free-text answers for a chunk's values (value -> findings, gate), from analyse_free_text's artefact."""
    if findings_id is None:
        return None
    from intake.anonymisation.distinct import free_text_columns

    findings = _findings.get(ctx, findings_id)
    known: dict[str, Any] = {}
    for column in free_text_columns(table, classification, policy):
        if column in rows.schema.names:
            known.update(findings.for_values(rows.column(column).combine_chunks()))
    return known
