"""Every task that touches data keeps nothing: no result persistence, no cache, errors withheld."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from prefect import Task, flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from sqlalchemy import select

from intake import pipeline
from intake.authorisation import withdraw
from intake.flows import tasks
from intake.flows.migration import results_or_settle, with_dask
from intake.flows.settings import ENFORCED, OFFLINE_ENVIRONMENT, apply_offline_environment
from intake.pipeline import PipelineError, RunStopped
from intake.registry.audit_tables import AuditEvent


def test_every_task_keeps_no_result_and_no_cache():
    found = [value for value in vars(tasks).values() if isinstance(value, Task)]
    assert len(found) >= 15
    for found_task in found:
        assert found_task.persist_result is False and found_task.cache_policy is NO_CACHE, found_task.name


def test_prefect_runs_offline_and_persists_nothing_by_default():
    from prefect.settings import get_current_settings

    for name in ENFORCED:
        assert os.environ[name] == OFFLINE_ENVIRONMENT[name]
    assert os.environ["DO_NOT_TRACK"] == "1" and os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    current = get_current_settings()
    assert current.results.persist_by_default is False and current.tasks.default_persist_result is False
    assert current.server.analytics_enabled is False


@tasks.data_task("parse-cell")
def parse_cell(text: str) -> int:
    return int(text)  # ValueError quotes the text: "invalid literal for int() with base 10: '...'"


@flow(persist_result=False)
def parse_flow(text: str) -> int:
    return parse_cell(text)


def test_a_library_error_is_reported_by_type_without_its_message():
    with pytest.raises(PipelineError) as raised:
        parse_flow("Jane Smythe 07700 900123")
    assert "ValueError" in str(raised.value) and "Smythe" not in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_telemetry_stays_off_whatever_the_inherited_environment_says(tmp_path: Path):
    inherited = {"DO_NOT_TRACK": "0", "PREFECT_SERVER_ANALYTICS_ENABLED": "true",
                 "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "true"}
    env = dict(inherited)
    apply_offline_environment(env)
    assert env == {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                   "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false"} | {
        name: value for name, value in OFFLINE_ENVIRONMENT.items() if name not in inherited}

    # A flow process started with the opposite exported: what Prefect itself then sees.
    probe = ("import json, os, intake.flows\n"
             "from prefect.settings import get_current_settings\n"
             "s = get_current_settings()\n"
             "print(json.dumps([os.environ['DO_NOT_TRACK'], s.server.analytics_enabled,"
             " s.cloud.enable_orchestration_telemetry]))\n")
    process_env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "DO_NOT_TRACK"}
    seen = subprocess.run([sys.executable, "-c", probe], env={**process_env, **inherited,
                                                               "PREFECT_HOME": str(tmp_path / "prefect")},
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(seen.stdout.strip().splitlines()[-1]) == ["1", False, False]


def test_the_documented_worker_command_keeps_the_worker_offline():
    project = Path(__file__).resolve().parents[2]
    for doc in (project / "deployments" / "prefect.yaml", project / "deployments" / "README.md"):
        text = doc.read_text()
        command = text[:text.index("prefect worker start")].rsplit("\n", 2)[-2:]
        for setting in ("DO_NOT_TRACK=1", "PREFECT_SERVER_ANALYTICS_ENABLED=false",
                        "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY=false"):
            assert setting in "".join(command), f"{doc.name}: the worker command does not set {setting}"


attempts: dict[str, int] = {}


@tasks.data_task("flaky-read", retries=1, retry_delay_seconds=0)
def flaky_read(key: str) -> str:
    attempts[key] = attempts.get(key, 0) + 1
    if attempts[key] == 1:
        raise ConnectionResetError("the registry connection dropped")  # transient: worth a retry
    return "read"


@flow(persist_result=False)
def flaky_flow(key: str) -> str:
    return flaky_read(key)


def test_an_unexpected_failure_is_retried():
    assert flaky_flow("first") == "read" and attempts["first"] == 2


@flow(persist_result=False)
def checkpoint_flow(run: pipeline.RunInfo) -> None:
    tasks.checkpoint(run, "scan")


@pytest.mark.usefixtures("flows_as")
def test_a_stopped_run_is_not_retried_or_refused_twice(ctx, as_user, authorise, tmp_path: Path):
    export = tmp_path / "assets.csv"
    export.write_bytes(b"Equipment No,Serial No\r\nEQ000001,SN-1\r\n")
    reference = authorise([export])
    received = pipeline.receive_dataset(as_user("eve"), reference, [export])
    run = pipeline.start_run(as_user("eve"), received.dataset_id, "equiptrack")
    withdraw(as_user("dora"), reference, reason="customer letter of 2026-11-01")

    with pytest.raises(RunStopped):
        checkpoint_flow(run)

    with ctx.registry.session() as session:
        refusals = session.scalars(select(AuditEvent).where(
            AuditEvent.dataset_id == received.dataset_id, AuditEvent.outcome == "refused",
            AuditEvent.action == "authorisation.verify")).all()
        stopped = session.scalars(select(AuditEvent).where(
            AuditEvent.dataset_id == received.dataset_id, AuditEvent.action == "migration.run.stopped")).all()
    assert len(refusals) == 1 and len(stopped) == 1  # one check, one refusal: no retry of a deliberate stop


@task(persist_result=False, cache_policy=NO_CACHE)
def chunk(folder: str, name: str, seconds: float, fail: bool = False) -> str:
    (Path(folder) / f"{name}.started").touch()
    time.sleep(seconds)
    if fail:
        raise ValueError(f"chunk {name} failed")
    (Path(folder) / f"{name}.finished").touch()
    return name


@flow(persist_result=False, task_runner=ThreadPoolTaskRunner(max_workers=2))
def chunks_flow(folder: str) -> dict[str, Any]:
    futures = [chunk.submit(folder, "failing", 0.0, fail=True), chunk.submit(folder, "running", 0.5)]
    futures += [chunk.submit(folder, f"queued-{n}", 1.0) for n in range(4)]
    try:
        results_or_settle(futures, lambda: None)
    except ValueError as exc:
        # What the migration flow's cleanup (close the run, delete its work files) would find, right here
        # inside the flow: Prefect itself waits for its task threads only after the flow function returns.
        return {"error": str(exc), "started": {p.stem for p in Path(folder).glob("*.started")},
                "finished": {p.stem for p in Path(folder).glob("*.finished")}}
    return {}


def test_after_a_failed_chunk_no_chunk_is_still_running_when_the_error_is_raised(tmp_path: Path):
    seen = chunks_flow(str(tmp_path))

    assert seen["error"] == "chunk failing failed"
    assert "running" in seen["finished"]  # waited for: the run's cleanup comes after it, not during it
    assert seen["started"] - {"failing"} == seen["finished"]  # nothing started is still writing
    assert len(seen["started"]) < 6  # chunks still queued were cancelled rather than run


def test_a_local_dask_cluster_serves_its_dashboard_on_loopback_only():
    # The dashboard (when bokeh is installed) shows task names and progress: never on every interface.
    runner = with_dask(n_workers=2).task_runner
    assert runner.cluster_kwargs["dashboard_address"].rsplit(":", 1)[0] == "127.0.0.1"
