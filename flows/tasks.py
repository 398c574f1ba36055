"""Prefect tasks: each calls one function of the core and keeps nothing of the data.

Every task that touches data is a `data_task`: no result persistence, no cache (a cache key hashes the
inputs, and a cached result would be stored), and exceptions that could quote data are replaced by
their type (`intake.pipeline.step_errors`). Arguments are ids, names, paths and small plans; results
are ids and counts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from prefect import Task, task
from prefect.cache_policies import NO_CACHE

from intake import pipeline
from intake.errors import IntakeError
from intake.flows.artifacts import Progress, received_bytes
from intake.flows.settings import flow_context
from intake.pipeline import decisions
from intake.registry.models import Purpose

if TYPE_CHECKING:  # importing the flows loads no anonymisation module; only running a task does
    from intake.anonymisation.residual import ResidualEstimate

P = ParamSpec("P")
R = TypeVar("R")


def retry_unexpected_failures(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect's retry_condition_fn: retry only what may go away (a library error, e.g. a dropped connection).

    Our own errors say whether they may: an IntakeError is retried iff it is `transient` (S3 or KMS throttled
    or unreachable, a locked registry). The others are deterministic answers: a refusal or a stopped run
    (RunStopped) would only be given again, and audited as refused again, by a retry. Library errors reach here
    as StepFailed (their message withheld by `step_errors`), which may be transient, so they are retried.
    """
    try:
        error = state.result(raise_on_failure=False)
    except Exception:  # no exception to look at (e.g. a crash): retrying is what retries are for
        return True
    if isinstance(error, IntakeError):
        return error.transient or isinstance(error, pipeline.StepFailed)
    return True


def data_task(name: str, retries: int = 0, retry_delay_seconds: float = 2.0,
              **options: Any) -> Callable[[Callable[P, R]], Task[P, R]]:
    """A task whose inputs, outputs and errors never reach Prefect's storage or logs as values.

    `retries` apply to unexpected failures only (`retry_unexpected_failures`)."""

    def decorate(fn: Callable[P, R]) -> Task[P, R]:
        @functools.wraps(fn)
        def withheld(*args: P.args, **kwargs: P.kwargs) -> R:
            with pipeline.step_errors(name):
                return fn(*args, **kwargs)

        # The decorator-factory form: Prefect's overloads type no call with both a function and options.
        return task(
            name=name, persist_result=False, cache_policy=NO_CACHE, retries=retries,
            retry_delay_seconds=retry_delay_seconds, retry_condition_fn=retry_unexpected_failures,
            log_prints=False, **options,
        )(withheld)

    return decorate


# receive-dataset ---------------------------------------------------------------------------------

@data_task("authorise-receive")
def authorise_receive(authorisation: str, actor: str | None) -> str:
    ctx = flow_context(actor)
    return ctx.authorise("dataset.receive", authorisation=authorisation).name


@data_task("fingerprint-files", retries=1)
def fingerprint_files(files: list[str], authorisation: str, actor: str | None) -> list[pipeline.FileFingerprint]:
    ctx = flow_context(actor)
    paths = [Path(f) for f in files]
    progress = Progress(f"fingerprint-{authorisation}", "Fingerprinting the received files (SHA-256)",
                        sum(p.stat().st_size for p in paths if p.is_file()))
    fingerprints = pipeline.fingerprint_received(ctx, authorisation, paths, ctx.actor(), on_read=progress.advance)
    progress.finish()
    return fingerprints


@data_task("verify-authorisation")
def verify_authorisation(authorisation: str, purpose: str, fingerprints: list[pipeline.FileFingerprint],
                         actor: str | None) -> Any:
    ctx = flow_context(actor)
    return pipeline.verify_received(ctx, authorisation, Purpose(purpose), fingerprints, ctx.actor())


@data_task("encrypt-into-quarantine")
def store_received(verified: Any, fingerprints: list[pipeline.FileFingerprint],
                   actor: str | None) -> pipeline.ReceivedDataset:
    ctx = flow_context(actor)
    progress = Progress(f"quarantine-{verified.reference}", "Encrypting the received files into quarantine",
                        sum(f.size for f in fingerprints))
    received = pipeline.store_received(ctx, verified, fingerprints, ctx.actor(), on_read=progress.advance)
    progress.finish()
    return received


# lifecycle: completion and fault holds -------------------------------------------------------------

@data_task("complete-migration")
def complete_migration(dataset_id: str, actor: str | None) -> dict[str, Any]:
    from intake.retention.lifecycle import complete_migration as complete

    done = complete(flow_context(actor), dataset_id)
    return {"dataset_id": done.dataset_id, "completed_at": done.completed_at.isoformat(),
            "delete_after": done.delete_after.isoformat(), "months": done.months}


@data_task("open-fault-hold")
def open_fault_hold(dataset_id: str, ticket: str, actor: str | None) -> dict[str, Any]:
    from intake.retention.fault_holds import open_fault_hold as open_hold

    hold = open_hold(flow_context(actor), dataset_id, ticket)
    return {"hold_id": hold.id, "dataset_id": hold.dataset_id, "ticket": hold.reference,
            "opened_by": hold.opened_by, "opened_at": hold.opened_at.isoformat()}


@data_task("close-fault-hold")
def close_fault_hold(dataset_id: str, outcome: str, actor: str | None) -> dict[str, Any]:
    from intake.retention.fault_holds import close_fault_hold as close_hold

    closed = close_hold(flow_context(actor), dataset_id, outcome)
    return {"hold_id": closed.hold.id, "dataset_id": closed.dataset_id, "ticket": closed.hold.reference,
            "outcome": closed.hold.outcome.value if closed.hold.outcome else outcome,
            "delete_after": closed.delete_after.isoformat()}


# retention-sweep ---------------------------------------------------------------------------------

@data_task("delete-due-datasets")
def retention_sweep(dry_run: bool, wait_seconds: float, actor: str | None) -> dict[str, Any]:
    from intake.audit_anchor import anchor_scheduled
    from intake.retention.sweep import sweep

    ctx = flow_context(actor)
    try:
        report = sweep(ctx, dry_run=dry_run, wait=wait_seconds)
    finally:
        # The daily anchor (issue 19): the chain's head signed outside the registry even on a day with no command.
        anchor_failed = anchor_scheduled(ctx)
    if anchor_failed is not None:
        raise anchor_failed
    return {
        **report.summary(),
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat() if report.finished_at else None,
        "deleted_datasets": [
            {"dataset_id": d.dataset_id, "customer_id": d.customer_id, "rule": d.rule,
             "certificate_id": d.certificate_id, "certificate_file": str(d.certificate_file),
             "artefacts": d.artefacts, "resumed": d.resumed}
            for d in report.deleted
        ],
        "due_datasets": list(report.due),
        "held_datasets": list(report.held),
        "flagged_datasets": list(report.flagged),
        "newly_flagged": list(report.newly_flagged),
        "failures": [{"dataset_id": f.dataset_id, "error": f.error, "message": f.message} for f in report.failed],
    }


# migration-run -----------------------------------------------------------------------------------

@data_task("start-run")
def start_run(dataset_id: str, mapping: str, actor: str | None) -> pipeline.RunInfo:
    ctx = flow_context(actor)
    actor_obj = ctx.authorise("migration.run", dataset_id=dataset_id)
    run = pipeline.start_run(ctx, dataset_id, mapping, actor_obj)
    # Leftovers of killed runs are never a delivery, but they are removed before this run writes its own.
    pipeline.cleanup_work(ctx, dataset_id)
    pipeline.discard_stale_staging(ctx, run)
    return run


@data_task("check-authorisation", retries=2)
def checkpoint(run: pipeline.RunInfo, step: str) -> None:
    pipeline.checkpoint(flow_context(run.actor), run, step)


@data_task("ingest")
def ingest(run: pipeline.RunInfo, chunk_rows: int) -> pipeline.Ingested:
    ctx = flow_context(run.actor)
    progress = Progress(f"ingest-{run.run_id}", "Reading the received files into encrypted Parquet", 1000,
                        unit="bytes", artifact=f"ingest-progress-{run.dataset_id}",
                        count_total=received_bytes(ctx, run.dataset_id))
    result = pipeline.ingest(ctx, run, chunk_rows, progress.set_fraction)
    progress.finish()
    return result


@data_task("profile-columns")
def profile(run: pipeline.RunInfo, tables: list[pipeline.TableRef]) -> dict[str, dict[str, Any]]:
    return pipeline.profile_tables(flow_context(run.actor), run, tables)


@data_task("scan-report")
def scan_report(run: pipeline.RunInfo, classifications: dict[str, dict[str, Any]]) -> Any:
    return pipeline.scan_report(flow_context(run.actor), classifications)


@data_task("collect-dataset-terms")
def collect_terms(run: pipeline.RunInfo, tables: list[pipeline.TableRef], query_inputs: list[pipeline.TableRef],
                  classifications: dict[str, dict[str, Any]]) -> str | None:
    from intake.pipeline.terms import collect_dataset_terms

    return collect_dataset_terms(flow_context(run.actor), run, tables, query_inputs, classifications)


@data_task("independent-residual-check")
def residual_check(run: pipeline.RunInfo, anonymised: pipeline.Anonymised,
                   terms_id: str | None) -> ResidualEstimate | None:
    from intake.pipeline.residual import residual_check as check

    return check(flow_context(run.actor), run, anonymised, terms_id)


@data_task("store-review-proposals", retries=1)
def store_review(run: pipeline.RunInfo, anonymised: pipeline.Anonymised, terms_id: str | None) -> str:
    from intake.pipeline.terms import store_review_proposals

    return store_review_proposals(flow_context(run.actor), run, anonymised, terms_id)


@data_task("analyse-free-text", retries=1)
def analyse_free_text(run: pipeline.RunInfo, tables: list[pipeline.TableRef],
                      classifications: dict[str, dict[str, Any]], terms_id: str | None = None) -> str | None:
    return pipeline.analyse_free_text(flow_context(run.actor), run, tables, classifications, terms_id)


@data_task("anonymise-chunk", retries=1)
def anonymise_chunk(run: pipeline.RunInfo, chunk: pipeline.Chunk, classification: dict[str, Any],
                    ner_sample: int, terms_id: str | None = None, findings_id: str | None = None
                    ) -> pipeline.ChunkResult:
    ctx = flow_context(run.actor)
    pipeline.checkpoint(ctx, run, "anonymise", record=False)  # a withdrawal also stops the remaining chunks
    return pipeline.anonymise_chunk(ctx, run, chunk, classification, ner_sample, terms_id, findings_id)


@data_task("combine-findings")
def combine_chunks(run: pipeline.RunInfo, classifications: dict[str, dict[str, Any]],
                   results: list[pipeline.ChunkResult]) -> pipeline.Anonymised:
    return pipeline.combine_chunks(flow_context(run.actor), classifications, results)


# The run's decisions (intake.pipeline.decisions): each ends the run itself and raises the run's error, or returns.
# Retried like end-run on a transient failure where ending twice is harmless (the first end wins; the run's own
# error is never retried); a block stores its reports first, so it is not.

@data_task("check-scan")
def after_scan(run: pipeline.RunInfo, report: Any, stage: str) -> None:
    decisions.after_scan(flow_context(run.actor), run, report, stage)


@data_task("check-rescan", retries=2)
def after_rescan(run: pipeline.RunInfo, anonymised: pipeline.Anonymised, reports: dict[str, str]) -> None:
    decisions.after_rescan(flow_context(run.actor), run, anonymised, reports)


@data_task("check-residual", retries=2)
def after_residual(run: pipeline.RunInfo, estimate: ResidualEstimate | None, reports: dict[str, str]) -> None:
    decisions.after_residual(flow_context(run.actor), run, estimate, reports)


@data_task("complete-run", retries=2)
def complete_run(run: pipeline.RunInfo, summary: dict[str, Any]) -> None:
    decisions.complete_run(flow_context(run.actor), run, summary)


@data_task("store-report", retries=2)
def store_report(run: pipeline.RunInfo, name: str, text: str) -> str:
    return pipeline.store_report(flow_context(run.actor), run, name, text)


@data_task("transform-validate-deliver")
def deliver(run: pipeline.RunInfo, ingested: pipeline.Ingested, anonymised: pipeline.Anonymised,
            terms_id: str | None = None) -> pipeline.Delivered:
    progress = Progress(f"deliver-{run.run_id}", "Transforming, validating and writing the import package", 1000,
                        unit="rows", artifact=f"deliver-progress-{run.dataset_id}", count_total=anonymised.rows)
    result = pipeline.deliver(flow_context(run.actor), run, ingested, anonymised, progress.set_fraction, terms_id)
    progress.finish()
    return result


@data_task("end-run", retries=2)
def end_run(run: pipeline.RunInfo, state: str, counts: dict[str, Any]) -> None:
    ctx = flow_context(run.actor)
    pipeline.end_run(ctx, run, state, counts)
    pipeline.cleanup_work(ctx, run.dataset_id, run.run_id)
