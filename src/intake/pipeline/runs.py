"""Migration runs: the run record, the consent and restriction checkpoint before every step, the run's end."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from intake.context import Actor, Context
from intake.errors import IntakeError, NotFound, StateError
from intake.notify import Notice, notify
from intake.pipeline.errors import DatasetBlocked, RunStopped
from intake.registry.models import (
    Dataset,
    DatasetState,
    PersonalDataDeclaration,
    Purpose,
    Run,
    RunState,
)

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
        before: DatasetState = dataset.state
        abandoned = session.scalars(
            select(Run).where(Run.dataset_id == dataset_id, Run.state == RunState.RUNNING).order_by(Run.started_at)
        ).all()
        for old in abandoned:
            summary = json.loads(old.summary or "{}")
            if before is DatasetState.PROCESSING:
                before = DatasetState(summary.get("state_before", DatasetState.QUARANTINED.value))
            summary["reason"] = "a later run found it still running: its process was killed or lost"
            old.state, old.ended_at, old.summary = RunState.ABANDONED, now, json.dumps(summary)
        if before is DatasetState.PROCESSING:  # no run row says what it was: treat it as never processed
            before = DatasetState.QUARANTINED
        run = Run(dataset_id=dataset_id, flow=RUN_FLOW, state=RunState.RUNNING, started_by=actor.name, started_at=now,
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
        end_run(ctx, run, RunState.STOPPED, {"stopped_before": step, "reason": type(exc).__name__})
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


def end_run(ctx: Context, run: RunInfo, state: RunState | str, counts: dict[str, Any] | None = None) -> None:
    """Close the run row. A completed run leaves the dataset PROCESSED, a blocked one BLOCKED; any other end
    (failed, stopped, cancelled) returns it to its state before the run. Deletion states are never touched."""
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        row = session.get(Run, run.run_id)
        state = RunState(state)
        if row is None or row.state != RunState.RUNNING:
            return  # already ended (a stopped run also fails its flow; the first end wins)
        summary = json.loads(row.summary or "{}")
        summary.update(counts or {})
        row.state, row.ended_at, row.summary = state, now, json.dumps(summary, default=str)
        before = DatasetState(summary.get("state_before", DatasetState.QUARANTINED.value))
        dataset_state = {RunState.COMPLETED: DatasetState.PROCESSED, RunState.BLOCKED: DatasetState.BLOCKED}.get(
            state, before)
        dataset = session.get(Dataset, run.dataset_id)
        if dataset is not None and dataset.state is DatasetState.PROCESSING:
            dataset.state = dataset_state
    actor = ctx.actor()
    outcome = "ok" if state is RunState.COMPLETED else (
        "refused" if state in (RunState.STOPPED, RunState.BLOCKED) else "failed")
    reserved = {"dataset_id", "outcome", "run_id", "actor", "action"}
    ctx.record(actor, f"migration.run.{state}", dataset_id=run.dataset_id, outcome=outcome, run_id=run.run_id,
               **{k: v for k, v in (counts or {}).items() if k not in reserved and isinstance(v, int | str | bool)})
    if state in (RunState.FAILED, RunState.CRASHED):
        notify(ctx, Notice("migration.failed", f"A migration run {state}",
                           f"Run {run.run_id} of dataset {run.dataset_id} (started by '{actor.name}') {state}; the "
                           "dataset is back in its state before the run and its work files are removed.",
                           {"run_id": run.run_id, "dataset_id": run.dataset_id, **{
                               k: v for k, v in (counts or {}).items() if k in ("error", "failed_at")}}))
