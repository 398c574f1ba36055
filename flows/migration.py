"""migration-run: scan, anonymise (fail closed), transform, validate and deliver a received dataset.

The scan and anonymisation run chunk by chunk as mapped tasks, so the flow's task runner decides where:
threads of this process by default, or a Dask cluster with `with_dask()` (prefect-dask), with the same
output either way. Nothing of the data passes through Prefect: tasks exchange artefact ids and counts.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import math
import os
from collections.abc import Callable, Sequence
from typing import Any

from prefect import Flow, flow, get_run_logger
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from intake import pipeline
from intake.flows import artifacts, tasks
from intake.flows.artifacts import Progress, publish_delivery, publish_findings, publish_migration
from intake.flows.settings import anchor_run, flow_context
from intake.pipeline import decisions
from intake.registry.models import RunState

DEFAULT_CHUNK_ROWS = 50_000
DASK_ADDRESS_ENV = "INTAKE_DASK_ADDRESS"


def _on_cancelled_or_crashed(flow: Flow[Any, Any], flow_run: Any, state: Any) -> None:
    """The run's process is gone: close its Run row and remove its staging (runs in the runner's process)."""
    parameters = flow_run.parameters or {}
    dataset_id = parameters.get("dataset_id")
    if not dataset_id:
        return
    ctx = flow_context(parameters.get("actor"))
    end = RunState.CANCELLED if state.is_cancelled() or state.is_cancelling() else RunState.CRASHED
    pipeline.abandon_runs(ctx, dataset_id, end, reason=f"flow run {flow_run.id} {end}")


# Prefect types task_runner as TaskRunner[PrefectFuture[Any]], invariant, which no concrete runner matches
# (PrefectHQ/prefect#16938): hence the ignores here and in with_dask.
@flow(name="migration-run", flow_run_name="migration-{dataset_id}", persist_result=False, log_prints=False,
      on_completion=[anchor_run], on_failure=[anchor_run],
      task_runner=ThreadPoolTaskRunner(max_workers=2),  # type: ignore[arg-type]
      on_cancellation=[_on_cancelled_or_crashed], on_crashed=[_on_cancelled_or_crashed])
def migration_run_flow(
    dataset_id: str,
    mapping: str = "equiptrack",
    actor: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> dict[str, Any]:
    """Migrate a received dataset into an import package of the product format.

    Before every step the customer's authorisation is checked again (a withdrawal stops the run at its
    next step) and processing must not be restricted. A dataset declared free of personal data in which
    personal data is found is blocked and stays encrypted in quarantine. The import package is staged and
    committed last: a failed or cancelled run leaves no partial delivery.

    Args:
        dataset_id: Id of the received dataset, as shown by `intake datasets list`.
        mapping: Mapping of the legacy system to the product format: a built-in name (equiptrack, medimaint)
            or the path of a mapping YAML file readable by the worker.
        actor: The engineer running the migration; default: INTAKE_ACTOR of the process running the flow.
        chunk_rows: Rows per chunk of the scan and anonymisation steps (chunks run in parallel on the task runner).
    """
    run = tasks.start_run(dataset_id, mapping, actor)
    try:
        summary = _migrate(run, chunk_rows)
    except BaseException as exc:
        _close_run(run, exc)
        raise
    finally:
        pipeline.close_sessions()
    return summary


def _close_run(run: pipeline.RunInfo, exc: BaseException) -> None:
    """Record how the run ended (stopped and blocked runs are already closed; the first end wins)."""
    counts = {"error": type(exc).__name__}
    try:
        if isinstance(exc, Exception) and not _cancel_requested():
            tasks.end_run(run, RunState.FAILED, counts)
        else:  # cancelled or interrupted: no new task runs while the process is being stopped
            ctx = flow_context(run.actor)
            pipeline.end_run(ctx, run, RunState.CANCELLED, counts)
            pipeline.cleanup_work(ctx, run.dataset_id, run.run_id)
    except Exception as cleanup:  # the rerun closes it as abandoned; the original error matters more
        log = get_run_logger()
        log.warning("could not record the end of run %s: %s", run.run_id, type(cleanup).__name__)


def _cancel_requested() -> bool:
    """Whether this flow run is being cancelled. The runner stops a cancelled run by signalling its whole
    process group, so an anonymisation worker may die first and its chunk fail with an ordinary error before
    the flow itself is stopped: that run was cancelled, not failed, and no failure is notified."""
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run

    if not flow_run.id:
        return False
    try:
        with get_client(sync_client=True) as client:
            state = client.read_flow_run(flow_run.id).state
    except Exception:  # the API unreachable: the error stands as the run's end
        return False
    return state is not None and (state.is_cancelling() or state.is_cancelled())


def _migrate(run: pipeline.RunInfo, chunk_rows: int) -> dict[str, Any]:
    """The run's steps in order; each decision between them (block, fail closed, stop, complete) is the core's
    (intake.pipeline.decisions), which ends the run itself when it must and raises the run's error."""
    tasks.checkpoint(run, "ingest")
    ingested = tasks.ingest(run, chunk_rows)

    tasks.checkpoint(run, "scan")
    classifications: dict[str, dict[str, Any]] = {}
    for table in artifacts.counted(ingested.tables, f"profile-{run.run_id}", "Profiling the columns (sample scan)",
                                   "tables", f"profile-progress-{run.dataset_id}"):  # one at a time, as profile_tables
        classifications.update(tasks.profile(run, [table]))
    scanned = tasks.scan_report(run, classifications)
    publish_findings(run.run_id, run.dataset_id, scanned, "scan")
    tasks.after_scan(run, scanned, "scan")

    tasks.checkpoint(run, "anonymise")
    # pass 1: who is named anywhere, what is a place, which values of the queries' inputs are personal
    with artifacts.stage(f"terms-{run.run_id}", "Pass 1: finding who is named anywhere (dataset terms)"):
        terms_id = tasks.collect_terms(run, ingested.tables, ingested.query_inputs, classifications)
    anonymised = _anonymise_chunks(run, ingested, classifications, terms_id)
    pipeline.close_sessions()  # the NER workers and their caches are not needed past this point: free their memory
    publish_findings(run.run_id, run.dataset_id, anonymised.report, "findings")
    tasks.after_scan(run, anonymised.report, "full scan")
    reports = {
        "findings_json": tasks.store_report(run, "findings.json", anonymised.report.to_json()),
        "findings_md": tasks.store_report(run, "findings.md", anonymised.report.to_markdown()),
        "review_json": tasks.store_review(run, anonymised, terms_id),  # raw values: `intake migration review`
    }
    tasks.after_rescan(run, anonymised, reports)  # fail closed: the run row says where the findings reports are

    with artifacts.stage(f"residual-{run.run_id}", "Independent residual check"):
        residual = tasks.residual_check(run, anonymised, terms_id)  # an independent detector's estimate
    if residual is not None:
        reports["residual_json"] = tasks.store_report(run, "residual.json", json.dumps(residual.to_dict(), indent=2))
        reports["residual_md"] = tasks.store_report(run, "residual.md", residual.to_markdown())
    tasks.after_residual(run, residual, reports)

    tasks.checkpoint(run, "transform, validate and deliver")
    delivered = tasks.deliver(run, ingested, anonymised, terms_id)
    publish_delivery(run.run_id, run.dataset_id, delivered, anonymised.report)
    reports["reconciliation_json"] = tasks.store_report(run, "reconciliation.json", delivered.reconciliation_json)
    reports["reconciliation_md"] = tasks.store_report(run, "reconciliation.md", delivered.reconciliation_markdown)
    summary = decisions.run_summary(run, ingested, anonymised, delivered, residual, reports)
    tasks.complete_run(run, summary)
    publish_migration(run.dataset_id, ingested, anonymised, delivered, reports)
    return summary


def _anonymise_chunks(run: pipeline.RunInfo, ingested: pipeline.Ingested,
                      classifications: dict[str, dict[str, Any]], terms_id: str | None) -> pipeline.Anonymised:
    """Chunks mapped as tasks, after the global distinct-value pass; the re-scan's NER sample is spread over a
    table's chunks."""
    ctx = flow_context(run.actor)
    ner_sample = ctx.settings.anonymisation.rescan_ner_sample
    chunks = pipeline.plan_chunks(ingested.tables)
    per_table = {t.key: max(len(t.row_groups), 1) for t in ingested.tables}
    # Each distinct free-text value analysed once for the whole dataset, not once per chunk and worker.
    with artifacts.stage(f"free-text-{run.run_id}", "Analysing the free text of the whole dataset"):
        findings_id = tasks.analyse_free_text(run, ingested.tables, classifications, terms_id)
    futures = [
        tasks.anonymise_chunk.submit(run, chunk, classifications[chunk.table.key],
                                     min(ner_sample, max(100, math.ceil(ner_sample / per_table[chunk.table.key]))),
                                     terms_id, findings_id)
        for chunk in chunks
    ]
    progress = Progress(f"anonymise-{run.run_id}", "Anonymising and re-scanning chunks", sum(c.rows for c in chunks),
                        unit="rows", artifact=f"anonymise-progress-{run.dataset_id}")
    results = results_or_settle(futures, lambda: None, lambda result: progress.advance(result.rows))
    progress.finish()
    return tasks.combine_chunks(run, classifications, results)


def results_or_settle(futures: Sequence[PrefectFuture[Any]], on_result: Callable[[], Any],
                      on_each: Callable[[Any], Any] = lambda _: None) -> list[Any]:
    """Every future's result as it completes. On the first failure the futures not started are cancelled and
    the running ones waited for before the error is raised: the run's cleanup (work files deleted, NER
    sessions closed) must not race chunks still writing encrypted work files, which would be left orphaned.

    When the flow itself is being stopped (a BaseException such as a cancellation), nothing is waited for:
    the process is going away, and the flow's cancellation hook cleans up from the runner's process.
    """
    results = []
    try:
        for future in as_completed(list(futures)):
            results.append(future.result())
            on_result()
            on_each(results[-1])
    except BaseException as exc:
        settle(futures, wait=isinstance(exc, Exception))
        raise
    return results


def settle(futures: Sequence[PrefectFuture[Any]], wait: bool = True) -> None:
    """Cancel the chunks a thread pool has not started; with `wait`, wait for every other one to finish.

    Dask futures are not cancelled: a task already running on a worker goes on (and writes its work file)
    after its future is cancelled, and the client cannot tell running from queued, so each is waited for.
    Chunks still queued then stop at their own checkpoint when the run was stopped.
    """
    running = []
    for future in futures:
        wrapped = getattr(future, "wrapped_future", None)
        if isinstance(wrapped, concurrent.futures.Future) and wrapped.cancel():  # False once it has started
            continue
        running.append(future)
    if not wait:
        return
    for future in running:
        with contextlib.suppress(Exception):  # its own failure, if any, does not replace the first one
            future.wait()


def with_dask(address: str | None = None, n_workers: int = 2, threads_per_worker: int = 1) -> Flow[Any, Any]:
    """The migration flow on a Dask cluster: an existing one at `address`, or a local one started per run."""
    from prefect_dask import DaskTaskRunner

    if address:
        runner = DaskTaskRunner(address=address)
    else:
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": n_workers, "threads_per_worker": threads_per_worker,
                                                "processes": True,
                                                # loopback only: the dashboard shows task names and progress
                                                "dashboard_address": "127.0.0.1:0"})
    return migration_run_flow.with_options(task_runner=runner)  # type: ignore[arg-type]  # prefect#16938


def configured_flow() -> Flow[Any, Any]:
    """The flow `intake serve` deploys: on the Dask cluster named by INTAKE_DASK_ADDRESS when set."""
    address = os.environ.get(DASK_ADDRESS_ENV)
    return with_dask(address) if address else migration_run_flow


def __getattr__(name: str) -> Any:
    # `flows/migration.py:migration_run_dask_flow` (deployments/prefect.yaml): built on first access so
    # importing this module does not import Dask.
    if name == "migration_run_dask_flow":
        return with_dask(os.environ.get(DASK_ADDRESS_ENV))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

