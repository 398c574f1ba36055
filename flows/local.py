"""Running flows from the `intake` command line: same flows, in this process, as the CLI's user.

The CLI does not need a Prefect server: with none configured, Prefect runs the flow against a
temporary local API whose database lives under <intake home>/prefect. When `intake serve` is running
for the same home, its server is used instead, so CLI runs show in its UI. `submit_flow` sends a run to that
server's worker instead, as a recorded request (intake.run_requests).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from intake.config import Settings
from intake.context import Context
from intake.errors import StateError
from intake.flows.dispatch import synchronous

SERVER_FILE = "server.json"


class WorkerRunRefused(StateError):
    """Server mode: a person's run is not sent to the worker (--on-worker); it runs in the CLI, as them."""


def prefect_home(settings: Settings) -> Path:
    return settings.home / "prefect"


def record_server(home: Path, api_url: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / SERVER_FILE).write_text(json.dumps({"api_url": api_url, "pid": os.getpid()}))


def forget_server(home: Path) -> None:
    (home / SERVER_FILE).unlink(missing_ok=True)


def running_server(home: Path) -> str | None:
    """The API URL of the server `intake serve` started for this home, if it answers."""
    try:
        api_url = json.loads((home / SERVER_FILE).read_text())["api_url"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not str(api_url).startswith("http://127.0.0.1:"):
        return None
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=1) as response:  # noqa: S310 (loopback URL)
            return str(api_url) if response.status == 200 else None
    except (urllib.error.URLError, OSError):
        return None


def prepare_prefect(settings: Settings, verbose: bool = False) -> bool:
    """Point Prefect at this intake home before it is imported (later calls change nothing). True when a
    running server will be used, False when Prefect will start a temporary local API for this command."""
    if "prefect" in sys.modules:
        from prefect.settings import PREFECT_API_URL

        return bool(PREFECT_API_URL.value())
    home = prefect_home(settings)
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    if not verbose:
        # The CLI prints a refusal or failure as one line; Prefect's console tracebacks of the same error
        # would bury it. Logs still reach the Prefect API (and UI) through its own handler.
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    if "PREFECT_API_URL" not in os.environ and (url := running_server(home)):
        os.environ["PREFECT_API_URL"] = url
    return bool(os.environ.get("PREFECT_API_URL"))


def run_flow(name: str, ctx: Context, **parameters: Any) -> Any:
    """Run flow `name` (e.g. "receive-dataset") in this process as the CLI's actor; errors propagate."""
    prepare_prefect(ctx.settings)
    from intake.flows.settings import use_context_factory

    flow = flows()[name]

    def factory(actor: str | None) -> Context:
        if actor in (None, ctx.actor_name):
            return ctx
        return Context(settings=ctx.settings, actor=actor, clock=ctx.clock, registry=ctx.registry, migrate=False)

    with use_context_factory(factory):
        return flow(**parameters, actor=ctx.actor_name)


def submit_flow(name: str, ctx: Context, **parameters: Any) -> dict[str, Any]:
    """Start deployment `name` (served by `intake serve` or a Prefect worker) for ctx's actor without waiting.

    The actor's request is recorded first (intake.run_requests) and the run carries only its id: the worker
    redeems it once, for exactly these parameters, and acts as the person the OS proved here.

    Not in server mode: there the worker connects with its own minimal database login, which may not redeem a
    person's request (run_requests) nor act as them, so the run would be sent and then fail on the worker. It is
    refused here, before anything is recorded or sent."""
    if ctx.settings.server_mode:
        raise WorkerRunRefused(
            f"'{name}' cannot be sent to the worker in server mode (--on-worker): the worker's own database login "
            "cannot act for a person, so the run would fail there. Run the same command without --on-worker: it "
            "runs here, as you, with your database rights"
        )
    prepare_prefect(ctx.settings)
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():  # a temporary local API has no worker: the run would wait forever
        raise StateError("no Prefect server to send the run to: start `intake serve` (or set PREFECT_API_URL to the "
                         "server the worker polls), or run without --on-worker")

    from intake.run_requests import request_run

    request = request_run(ctx, name, parameters)
    flow_run = synchronous(run_deployment(f"{name}/{name}",
                                          parameters={**parameters, "actor": request.actor_parameter}, timeout=0))
    return {"flow_run_id": str(flow_run.id), "flow_run_name": flow_run.name, "request_id": request.id,
            "acting_for": request.requested_by, "request_expires_at": request.expires_at}


def flows() -> dict[str, Any]:
    from intake.flows.lifecycle import close_fault_hold_flow, complete_migration_flow, open_fault_hold_flow
    from intake.flows.migration import migration_run_flow
    from intake.flows.receive import receive_dataset_flow
    from intake.flows.sweep import retention_sweep_flow

    return {f.name: f for f in (receive_dataset_flow, migration_run_flow, complete_migration_flow,
                                open_fault_hold_flow, close_fault_hold_flow, retention_sweep_flow)}
