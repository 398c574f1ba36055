"""Prefect tasks: each calls one function of the core and keeps nothing of the data.

Every task that touches data is a `data_task`: no result persistence, no cache (a cache key hashes the
inputs, and a cached result would be stored), and exceptions that could quote data are replaced by
their type (`intake.pipeline.step_errors`). Arguments are ids, names, paths and small plans; results
are ids and counts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from intake.flows.settings import flow_context
from prefect import Task, task
from prefect.cache_policies import NO_CACHE

from intake import pipeline
from intake.registry.models import Purpose

P = ParamSpec("P")
R = TypeVar("R")


def data_task(name: str, retries: int = 0, retry_delay_seconds: float = 2.0,
              **options: Any) -> Callable[[Callable[P, R]], Task[P, R]]:
    """A task whose inputs, outputs and errors never reach Prefect's storage or logs as values."""
    return task(  # type: ignore[return-value]
        name=name, persist_result=False, cache_policy=NO_CACHE, retries=retries,
        retry_delay_seconds=retry_delay_seconds, log_prints=False, **options,
    )


# receive-dataset ---------------------------------------------------------------------------------

@data_task("authorise-receive")
def authorise_receive(authorisation: str, actor: str | None) -> str:
    ctx = flow_context(actor)
    return ctx.authorise("dataset.receive", authorisation=authorisation).name


@data_task("fingerprint-files", retries=1)
def fingerprint_files(files: list[str]) -> list[pipeline.FileFingerprint]:
    with pipeline.step_errors("fingerprint-files"):
        return pipeline.fingerprint_files([Path(f) for f in files])


@data_task("verify-authorisation")
def verify_authorisation(authorisation: str, purpose: str, fingerprints: list[pipeline.FileFingerprint],
                         actor: str | None) -> Any:
    ctx = flow_context(actor)
    with pipeline.step_errors("verify-authorisation"):
        return pipeline.verify_received(ctx, authorisation, Purpose(purpose), fingerprints, ctx.actor())


@data_task("encrypt-into-quarantine")
def store_received(verified: Any, fingerprints: list[pipeline.FileFingerprint],
                   actor: str | None) -> pipeline.ReceivedDataset:
    ctx = flow_context(actor)
    with pipeline.step_errors("encrypt-into-quarantine"):
        return pipeline.store_received(ctx, verified, fingerprints, ctx.actor())


# lifecycle: completion and fault holds -------------------------------------------------------------

@data_task("complete-migration")
def complete_migration(dataset_id: str, actor: str | None) -> dict[str, Any]:
    from intake.retention.lifecycle import complete_migration as complete

    done = complete(flow_context(actor), dataset_id)
    return {"dataset_id": done.dataset_id, "completed_at": done.completed_at.isoformat(),
            "delete_after": done.delete_after.isoformat(), "months": done.months}


@data_task("open-fault-hold")
def open_fault_hold(dataset_id: str, ticket: str, actor: str | None) -> dict[str, Any]:
    from intake.retention.holds import open_fault_hold as open_hold

    hold = open_hold(flow_context(actor), dataset_id, ticket)
    return {"hold_id": hold.id, "dataset_id": hold.dataset_id, "ticket": hold.reference,
            "opened_by": hold.opened_by, "opened_at": hold.opened_at.isoformat()}


@data_task("close-fault-hold")
def close_fault_hold(dataset_id: str, outcome: str, actor: str | None) -> dict[str, Any]:
    from intake.retention.holds import close_fault_hold as close_hold

    closed = close_hold(flow_context(actor), dataset_id, outcome)
    return {"hold_id": closed.hold.id, "dataset_id": closed.dataset_id, "ticket": closed.hold.reference,
            "outcome": closed.hold.outcome.value if closed.hold.outcome else outcome,
            "delete_after": closed.delete_after.isoformat()}


# retention-sweep ---------------------------------------------------------------------------------

@data_task("delete-due-datasets")
def retention_sweep(dry_run: bool, wait_seconds: float, actor: str | None) -> dict[str, Any]:
    from intake.retention.sweep import sweep

    report = sweep(flow_context(actor), dry_run=dry_run, wait=wait_seconds)
    return {
        **report.summary(),
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat() if report.finished_at else None,
        "deleted_datasets": [
            {"dataset_id": d.dataset_id, "rule": d.rule, "certificate_id": d.certificate_id,
             "certificate_file": str(d.certificate_file), "artefacts": d.artefacts, "resumed": d.resumed}
            for d in report.deleted
        ],
        "due_datasets": list(report.due),
        "held_datasets": list(report.held),
        "flagged_datasets": list(report.flagged),
        "newly_flagged": list(report.newly_flagged),
        "failures": [{"dataset_id": f.dataset_id, "error": f.error, "message": f.message} for f in report.failed],
    }
