"""`intake serve`: every flow as a deployment, served from this process (the embedded setup).

With no Prefect API configured, a Prefect server is started on 127.0.0.1 first (its database under
<intake home>/prefect), so the UI at http://127.0.0.1:<port> shows each deployment with a parameter
form and the retention sweep's daily schedule. With PREFECT_API_URL (or --api-url) the deployments are
served against that server instead; `deployments/prefect.yaml` is the alternative for work pools.

`python -m intake.flows.serve` does the same as `intake serve`.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from prefect import serve
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.schedules import Cron
from prefect.settings import PREFECT_API_URL, temporary_settings

from intake.errors import ConfigError
from intake.flows import settings as flow_settings
from intake.flows.dispatch import synchronous
from intake.flows.lifecycle import close_fault_hold_flow, complete_migration_flow, open_fault_hold_flow
from intake.flows.local import forget_server, record_server
from intake.flows.migration import configured_flow
from intake.flows.receive import receive_dataset_flow
from intake.flows.sweep import SWEEP_CRON, SWEEP_TIMEZONE, retention_sweep_flow

TAGS = ["intake"]
DEFAULT_PORT = 4200


class DeploymentOptions(TypedDict):
    """What every deployment shares: typed, so that each key is checked against Flow.to_deployment's own."""

    tags: list[str]
    entrypoint_type: EntrypointType


def build_deployments(schedule_sweep: bool = True) -> list[RunnerDeployment]:
    """The six deployments, named like their flows. Entrypoints are module paths, so any cwd works."""
    common: DeploymentOptions = {"tags": TAGS, "entrypoint_type": EntrypointType.MODULE_PATH}
    sweep_schedules = [Cron(SWEEP_CRON, timezone=SWEEP_TIMEZONE)] if schedule_sweep else None
    return [synchronous(deployment) for deployment in (
        receive_dataset_flow.to_deployment("receive-dataset", **common),
        configured_flow().to_deployment("migration-run", **common),  # on Dask when INTAKE_DASK_ADDRESS is set
        complete_migration_flow.to_deployment("complete-migration", **common),
        open_fault_hold_flow.to_deployment("open-fault-hold", **common),
        close_fault_hold_flow.to_deployment("close-fault-hold", **common),
        retention_sweep_flow.to_deployment("retention-sweep", schedules=sweep_schedules, **common),
    )]


def serve_deployments(limit: int | None = 4, schedule_sweep: bool = True) -> None:
    """Block, running deployment runs as subprocesses of this process, until interrupted."""
    serve(*build_deployments(schedule_sweep), limit=limit, print_starting_message=True)


# A local Prefect server -------------------------------------------------------------------------

@dataclass(frozen=True)
class PrefectServer:
    api_url: str
    home: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")

    @property
    def database(self) -> Path:
        return self.home / "prefect.db"


def server_environment(home: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    flow_settings.apply_offline_environment(env)
    env.pop("PREFECT_API_URL", None)
    env["PREFECT_HOME"] = str(home)
    env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = f"sqlite+aiosqlite:///{home / 'prefect.db'}"
    return env


def wait_for_health(api_url: str, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ConfigError(f"the Prefect server exited with code {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:  # noqa: S310 (loopback URL)
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise ConfigError(f"the Prefect server at {api_url} did not become healthy within {timeout:.0f} s")


@contextmanager
def local_prefect_server(home: Path, port: int = DEFAULT_PORT, timeout: float = 90.0,
                         log_file: Path | None = None) -> Iterator[PrefectServer]:
    """`prefect server start` on 127.0.0.1 (analytics off), stopped when the block ends."""
    home.mkdir(parents=True, exist_ok=True)
    api_url = f"http://127.0.0.1:{port}/api"
    log_path = log_file or home / "server.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=server_environment(home), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        wait_for_health(api_url, timeout, process)
        yield PrefectServer(api_url, home, process)
    finally:
        stop_process(process)


def stop_process(process: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    """SIGTERM the process group started for a server or runner, SIGKILL it if it lingers."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)


def run(api_url: str | None, home: Path, port: int, limit: int | None, schedule_sweep: bool) -> None:
    """Serve against `api_url`, or against a local server started first when there is none."""
    api_url = api_url or os.environ.get("PREFECT_API_URL") or None
    server = nullcontext(None) if api_url else local_prefect_server(home, port)
    with server as started:
        url = started.api_url if started is not None else api_url
        if started is not None:
            record_server(home, started.api_url)  # CLI runs for this home use it (intake.flows.local)
            print(f"Prefect UI: {started.ui_url}  (database {started.database})", flush=True)
        try:
            with temporary_settings(updates={PREFECT_API_URL: url}):
                os.environ["PREFECT_API_URL"] = str(url)  # the flow-run subprocesses inherit it
                serve_deployments(limit=limit, schedule_sweep=schedule_sweep)
        finally:
            if started is not None:
                forget_server(home)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m intake.flows.serve", description=__doc__)
    parser.add_argument("--api-url", default=None, help="Prefect API to serve against (default: PREFECT_API_URL)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="Port of the local server when one is started")
    parser.add_argument("--limit", type=int, default=4, help="Flow runs executed at once")
    parser.add_argument("--no-sweep-schedule", action="store_true", help="Serve the sweep without its daily cron")
    args = parser.parse_args(argv)
    from intake.config import load_settings
    from intake.flows.local import prefect_home

    home = prefect_home(load_settings())
    run(args.api_url, home, args.port, args.limit, not args.no_sweep_schedule)


if __name__ == "__main__":
    main()
