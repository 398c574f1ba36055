"""The e2e benchmark's migrate phase, run in a child process: a fresh intake home, then the receive-dataset and
migration-run flows as the CLI runs them (locally, or the migration on a 2-worker Dask cluster), each stage timed
from the flow's Prefect task runs."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from process_memory import peak_rss_mb

CUSTOMER = "St Elsewhere NHS Foundation Trust"
ADMIN, ENGINEER = "bench-admin", "bench-engineer"
RECEIVE_STAGES = {"fingerprint": ("fingerprint-files",), "verify": ("authorise-receive", "verify-authorisation"),
                  "encrypt": ("encrypt-into-quarantine",)}
MIGRATION_STAGES = {"ingest": ("ingest",), "profile_scan": ("profile-columns", "scan-report"),
                    "anonymise_rescan": ("analyse-free-text", "anonymise-chunk", "combine-findings"),
                    "transform_validate_deliver": ("transform-validate-deliver",)}
STAGE_ORDER = ("receive", "ingest", "profile_scan", "anonymise_rescan", "transform_validate_deliver", "other")


def set_up_home(files: list[Path], signing_dir: Path) -> tuple[Any, str]:
    """Users, a trusted customer key and a registered signed authorisation covering `files`; engineer context."""
    from intake.authorisation import add_signer, confirm_signer, make_sample_authorisation, register
    from intake.clock import SystemClock
    from intake.config import load_settings
    from intake.context import Context
    from intake.registry.models import PersonalDataDeclaration, Purpose, Role
    from intake.users import add_user, initialise

    settings = load_settings()
    admin = Context(settings=settings, actor=ADMIN)
    initialise(admin)
    add_user(admin, ENGINEER, [Role.ENGINEER])
    engineer = Context(settings=settings, actor=ENGINEER, registry=admin.registry, migrate=False)
    sample = make_sample_authorisation(files, CUSTOMER, Purpose.MIGRATION, signing_dir, SystemClock(),
                                       personal_data=PersonalDataDeclaration.MAY_CONTAIN)
    key = add_signer(admin, CUSTOMER, "customer", "Head of Clinical Engineering (benchmark)",
                     sample.public_key.read_bytes())
    confirm_signer(engineer, key.key_id, "benchmark: the key was made here")
    register(engineer, sample.manifest, sample.signature, sample.evidence)
    return engineer, sample.reference


def engineer_context() -> Any:
    from intake.config import load_settings
    from intake.context import Context

    return Context(settings=load_settings(), actor=ENGINEER)


def start_prefect() -> tuple[float, str]:
    """Start Prefect's ephemeral API now, so its start-up is not charged to the first stage."""
    from intake.config import load_settings
    from intake.flows.local import prepare_prefect

    prepare_prefect(load_settings())
    from prefect.client.orchestration import get_client
    from prefect.server.api.server import SubprocessASGIServer

    started = time.perf_counter()
    with get_client(sync_client=True) as client:
        client.hello()
    return time.perf_counter() - started, SubprocessASGIServer().api_url


def task_runs(flow_run_id: Any) -> tuple[Any, list[tuple[str, float, float]]]:
    """The flow run and its task runs (name without Prefect's suffix, start and end as epoch seconds).

    Task-run states reach the API as events, a moment after the flow returns: poll until the set is stable.
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs: list[Any] = []
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(flow_run_id)
        previous = -1
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            runs, offset = [], 0
            while True:
                page = client.read_task_runs(
                    flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])), limit=200, offset=offset)
                runs += page
                offset += len(page)
                if len(page) < 200:
                    break
            finished = all(r.end_time is not None for r in runs)
            if finished and len(runs) == previous:
                break
            previous = len(runs) if finished else -1
            time.sleep(0.5)
    out = [(r.name.rsplit("-", 1)[0], r.start_time.timestamp(), r.end_time.timestamp())
           for r in runs if r.start_time is not None and r.end_time is not None]
    return flow_run, sorted(out, key=lambda t: t[1])


def stage_spans(tasks: list[tuple[str, float, float]], stages: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    spans: dict[str, Any] = {}
    for stage, names in stages.items():
        mine = [t for t in tasks if t[0] in names]
        if not mine:
            continue
        start, end = min(t[1] for t in mine), max(t[2] for t in mine)
        spans[stage] = {"seconds": end - start, "task_seconds": sum(t[2] - t[1] for t in mine), "tasks": len(mine),
                        "window": [start, end]}
    return spans


def timed_flow(call: Any) -> dict[str, Any]:
    """Run a flow (returning its state), then read its stage times from Prefect."""
    started_at = time.time()
    started = time.perf_counter()
    state = call()
    wall = time.perf_counter() - started
    error = None
    try:
        result = state.result()
    except Exception as exc:  # intake's messages name steps, columns and counts, never a data value
        result, error = None, {"type": type(exc).__name__, "message": str(exc)}
    flow_run, tasks = task_runs(state.state_details.flow_run_id)
    return {"wall_seconds": wall, "window": [started_at, started_at + wall], "result": result, "tasks": tasks,
            "error": error,
            "flow_run_seconds": flow_run.total_run_time.total_seconds() if flow_run.total_run_time else None}


def run_receive(engineer: Any, reference: str, files: list[Path]) -> dict[str, Any]:
    from intake.flows.local import run_flow

    timed = timed_flow(lambda: run_flow("receive-dataset", engineer, authorisation=reference,
                                        files=[str(f) for f in files], return_state=True))
    if timed["error"]:
        raise SystemExit(f"receive failed: {timed['error']['type']}: {timed['error']['message']}")
    return {"seconds": timed["wall_seconds"], "window": timed["window"], "flow_run_seconds": timed["flow_run_seconds"],
            "steps": stage_spans(timed["tasks"], RECEIVE_STAGES), "dataset_id": timed["result"]["dataset_id"],
            "bytes": timed["result"]["total_bytes"]}


def run_migration(engineer: Any, dataset_id: str, chunk_rows: int, fetch_to: Path,
                  dask: bool = False) -> dict[str, Any]:
    """The migration-run flow as `intake migration run` runs it, or with the Dask task runner; a delivered
    package is then handed over to `fetch_to` as `intake migration fetch` does (outside the timed run: the
    package itself stays encrypted in the vault)."""
    from intake.flows.local import run_flow
    from intake.flows.migration import with_dask
    from intake.flows.settings import use_context_factory

    def call() -> Any:
        if not dask:
            return run_flow("migration-run", engineer, dataset_id=dataset_id, chunk_rows=chunk_rows, return_state=True)
        with use_context_factory(lambda actor: engineer):
            return with_dask(n_workers=2, threads_per_worker=1)(dataset_id=dataset_id, chunk_rows=chunk_rows,
                                                                actor=ENGINEER, return_state=True)

    timed = timed_flow(call)
    stages = stage_spans(timed["tasks"], MIGRATION_STAGES)
    wall = timed["wall_seconds"]
    stages["other"] = {"seconds": max(wall - sum(s["seconds"] for s in stages.values()), 0.0),
                       "note": "start-run, checkpoints, reports, end-run cleanup, Prefect and task-runner overhead"}
    out = {"seconds": wall, "window": timed["window"], "flow_run_seconds": timed["flow_run_seconds"],
           "stages": stages, "error": timed["error"]}
    summary = timed["result"]
    if summary is not None:
        kept = ("dataset_id", "run_id", "package", "rows_read", "rows_rejected_reading", "rows_anonymised",
                "personal_data_found", "rows_rejected", "balanced", "entities")
        out["summary"] = {k: summary.get(k) for k in kept}
        out["findings"] = findings_counts(engineer, summary["reports"]["findings_json"])
        from intake.handover import fetch_package

        out["fetched"] = fetch_package(engineer, dataset_id, fetch_to)["target"]
    return out


def findings_counts(engineer: Any, artefact_id: str) -> dict[str, Any]:
    """The run's findings report without its (redacted) examples: classifications and counts per column."""
    from intake.vault import Vault

    report = json.loads(Vault.from_context(engineer).read_bytes(artefact_id, actor=engineer.actor()))
    return {"totals": report.get("totals", {}), "rescan_clean": report.get("rescan_clean"),
            "columns": [{"table": t["table"], "column": c["column"], "classification": c["classification"],
                         "entity_type": c.get("entity_type"), "entity_counts": c.get("entity_counts", {}),
                         "changed_values": c.get("changed_values", 0), "residual": c.get("residual", {})}
                        for t in report.get("tables", []) for c in t.get("columns", [])]}


def phase_migrate(config: dict[str, Any]) -> dict[str, Any]:
    """Set up (or reuse) the home, receive, run the migration: locally, and/or on Dask."""
    files = [Path(f) for f in config["files"]]
    out: dict[str, Any] = {}
    started = time.perf_counter()
    if config.get("dataset_id"):
        engineer, dataset_id = engineer_context(), config["dataset_id"]
    else:
        engineer, reference = set_up_home(files, Path(config["workdir"]) / "authorisation")
    out["setup_seconds"] = time.perf_counter() - started
    out["prefect_startup_seconds"], api_url = start_prefect()
    if config.get("dask"):
        # Dask workers get this process's Prefect settings: give them the API this process started, or each
        # worker would start an ephemeral API of its own.
        from prefect.settings import PREFECT_API_URL, temporary_settings

        settings = temporary_settings(updates={PREFECT_API_URL: api_url})
    else:
        from contextlib import nullcontext

        settings = nullcontext()
    with settings:
        if not config.get("dataset_id"):
            out["receive"] = run_receive(engineer, reference, files)
            dataset_id = out["receive"]["dataset_id"]
        out["dataset_id"] = dataset_id
        if config.get("local", True):
            out["migration"] = run_migration(engineer, dataset_id, config["chunk_rows"],
                                             Path(config["workdir"]) / "package-local")
        if config.get("dask"):
            out["dask"] = run_migration(engineer, dataset_id, config["chunk_rows"],
                                        Path(config["workdir"]) / "package-dask", dask=True)
    out["main_process_max_rss_mb"] = peak_rss_mb()
    return out
