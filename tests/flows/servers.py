"""Processes around a real Prefect server: `intake serve` (python -m intake.flows.serve) and a process worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL, temporary_settings

from intake.flows.serve import stop_process
from intake.flows.settings import apply_offline_environment

PROJECT = Path(__file__).resolve().parents[2]


def process_env(api_url: str, prefect_home: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    apply_offline_environment(env)
    env.update({
        "PREFECT_API_URL": api_url,
        "PREFECT_HOME": str(prefect_home),
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_WORKER_PREFETCH_SECONDS": "1",
        "PREFECT_LOGGING_LEVEL": "INFO",
        **extra,
    })
    return env


def deployment_names(api_url: str) -> set[str]:
    with temporary_settings(updates={PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        return {f"{client.read_flow(d.flow_id).name}/{d.name}" for d in client.read_deployments()}


@contextmanager
def background(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        process = subprocess.Popen(command, env=env, cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        yield process
    finally:
        stop_process(process, grace=20)


@contextmanager
def serving(api_url: str, home: Path, env: dict[str, str], timeout: float = 90) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m intake.flows.serve --api-url ...` until every deployment is registered."""
    home.mkdir(parents=True, exist_ok=True)
    log = home / "serve.log"
    command = [sys.executable, "-m", "intake.flows.serve", "--api-url", api_url, "--no-sweep-schedule", "--limit", "2"]
    with background(command, process_env(api_url, home, env), log) as process:
        deadline = time.monotonic() + timeout
        while "migration-run/migration-run" not in deployment_names(api_url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"intake serve did not start: {log.read_text()[-3000:]}")
            time.sleep(0.5)
        time.sleep(1.0)  # the runner starts polling right after registering the deployments
        yield process


def run(api_url: str, name: str, parameters: dict[str, Any], timeout: float = 150) -> FlowRun:
    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        return run_deployment(name, parameters=parameters, timeout=timeout, poll_interval=1, as_subflow=False)


def wait_final(api_url: str, flow_run_id: Any, timeout: float = 120) -> FlowRun:
    deadline = time.monotonic() + timeout
    with temporary_settings(updates={PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        while True:
            flow_run = client.read_flow_run(flow_run_id)
            if flow_run.state is not None and flow_run.state.is_final():
                return flow_run
            if time.monotonic() > deadline:
                raise AssertionError(f"flow run {flow_run_id} still {flow_run.state} after {timeout} s")
            time.sleep(0.5)
