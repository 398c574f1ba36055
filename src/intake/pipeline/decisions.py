"""The migration run's decisions between its steps: block the dataset, fail closed, stop, or complete.

The flow (flows/migration.py) only calls these in order. Each decision that ends the run does all of it here:
the run row and its details, the dataset's state, the run's work files removed, the audit event (end_run), and
then the typed error the flow fails with is raised. Returning means the run goes on.
"""

from __future__ import annotations

from typing import Any

from intake.context import Context
from intake.errors import IntakeError
from intake.pipeline.anonymise import Anonymised, block_dataset, found_personal_data, merge_rescans
from intake.pipeline.artefacts import cleanup_work
from intake.pipeline.deliver import Delivered
from intake.pipeline.ingest import Ingested
from intake.pipeline.residual import stop_if_residual_too_high
from intake.pipeline.runs import RunInfo, end_run
from intake.registry.models import PersonalDataDeclaration, RunState


def after_scan(ctx: Context, run: RunInfo, report: Any, stage: str) -> None:
    """A dataset declared free of personal data in which the `stage` ("scan": the sample scan, "full scan": the
    anonymisation's) found some is blocked: it stays encrypted in quarantine and DatasetBlocked is raised."""
    if run.personal_data == PersonalDataDeclaration.NONE.value and found_personal_data(report):
        raise block_dataset(ctx, run, report, stage)


def after_rescan(ctx: Context, run: RunInfo, anonymised: Anonymised, reports: dict[str, str]) -> None:
    """Fail closed: when the re-scan of the anonymised output still finds personal data, nothing is transformed or
    delivered. The run ends FAILED at "re-scan", its row naming the findings reports (`reports`: their ids) and
    the residual counts per entity type, and ResidualPersonalData is raised."""
    if anonymised.clean:
        return
    from intake.anonymisation import ResidualPersonalData  # the flows import no anonymisation module

    found = ResidualPersonalData(merge_rescans([part.rescan for parts in anonymised.parts.values() for part in parts]))
    _fail(ctx, run, {"error": type(found).__name__, "failed_at": "re-scan", "findings_reports": list(reports.values()),
                     "residual": residual_totals(found.result)})
    raise found


def after_residual(ctx: Context, run: RunInfo, estimate: Any, reports: dict[str, str]) -> None:
    """Stop when the independent check's estimate is above the configured rate: the run ends FAILED at "residual
    check", its row naming the run's reports so far, and ResidualRiskTooHigh is raised."""
    try:
        stop_if_residual_too_high(ctx, estimate)
    except IntakeError as exc:
        _fail(ctx, run, {"error": type(exc).__name__, "failed_at": "residual check",
                         "reports": list(reports.values())})
        raise


def run_summary(run: RunInfo, ingested: Ingested, anonymised: Anonymised, delivered: Delivered, residual: Any,
                reports: dict[str, str]) -> dict[str, Any]:
    """What a completed run returns (the flow's result): ids and counts only, and the ids of its reports."""
    return {
        "dataset_id": run.dataset_id,
        "run_id": run.run_id,
        "package": delivered.package,
        "rows_read": ingested.rows,
        "rows_rejected_reading": ingested.rejected,
        "rows_anonymised": anonymised.rows,
        "personal_data_found": anonymised.report.totals(),
        "names_propagated": sum(delivered.names_propagated.values()),
        "residual_estimate": ({"sampled": residual.sampled, "flagged": residual.flagged,
                               "upper_bound": round(residual.upper_bound, 4)} if residual is not None else None),
        "rows_rejected": delivered.rows_rejected,
        "balanced": delivered.balanced,
        "entities": delivered.entity_rows,
        "columns_not_read": ingested.columns_not_read,
        "reports": reports,
    }


def complete_run(ctx: Context, run: RunInfo, summary: dict[str, Any]) -> None:
    """The run ends COMPLETED (dataset PROCESSED), its row holding the summary without the report ids (the vault
    lists the reports), and its work files are removed."""
    end_run(ctx, run, RunState.COMPLETED, {k: v for k, v in summary.items() if k != "reports"})
    cleanup_work(ctx, run.dataset_id, run.run_id)


def residual_totals(result: Any) -> dict[str, int]:
    """Residual findings per entity type over all columns of a RescanResult (counts only)."""
    totals: dict[str, int] = {}
    for column in result.residual_columns():
        for entity, count in column.residual.items():
            totals[entity] = totals.get(entity, 0) + count
    return totals


def _fail(ctx: Context, run: RunInfo, details: dict[str, Any]) -> None:
    """End the run FAILED with `details` (the dataset back in its state before the run) and remove its work."""
    end_run(ctx, run, RunState.FAILED, details)
    cleanup_work(ctx, run.dataset_id, run.run_id)
