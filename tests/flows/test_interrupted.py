"""Against a real Prefect server with `intake serve`: a cancelled run and a run whose process is killed
mid-delivery leave no delivery behind, and a rerun through the API completes."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest
from prefect import flow
from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.states import Cancelling, Running, State

from benchmarks.generator import generate_equiptrack
from intake import pipeline, vault_packages
from intake.anonymisation.errors import WorkerProcessLost
from intake.flows import migration, tasks
from intake.registry.models import Dataset, DatasetState, Run
from intake.vault import Vault
from tests.flows.packages import packages, read_package
from tests.flows.servers import run, serving, wait_final

pytestmark = pytest.mark.slow


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def flow_run_process(server: psutil.Process) -> psutil.Process:
    """The subprocess the runner started for the flow run (it loads the flow and runs the engine)."""
    for child in server.children(recursive=True):
        try:
            if "prefect.engine" in " ".join(child.cmdline()):
                return child
        except psutil.NoSuchProcess:
            continue
    raise AssertionError("no flow-run process found under intake serve")


def test_cancelled_and_killed_runs_leave_no_delivery_and_a_rerun_completes(
        prefect_server, ctx, as_user, authorise, intake_env, tmp_path: Path):
    export = generate_equiptrack(tmp_path / "export", assets=300, jobs=900, seed=4)
    files = [str(p) for p in export.paths.values()]
    received = pipeline.receive_dataset(as_user("eve"), authorise([Path(f) for f in files]), files)
    dataset_id = received.dataset_id
    deliveries = ctx.settings.deliveries_path / dataset_id
    parameters = {"dataset_id": dataset_id, "actor": "eve", "chunk_rows": 100}
    api = prefect_server.api_url

    def runs() -> list[Run]:
        with ctx.registry.session() as session:
            return list(session.query(Run).filter_by(dataset_id=dataset_id).order_by(Run.started_at))

    def published() -> list[str]:
        """What a reader could take for a delivery: vault packages with a manifest, visible folder entries."""
        held = vault_packages.packages(Vault.from_context(ctx), dataset_id)
        visible = [p.name for p in deliveries.iterdir() if not p.name.startswith(".")] if deliveries.is_dir() else []
        return [name for name, files in held.items() if vault_packages.MANIFEST in files] + visible

    def steps_of_last_run() -> list[str]:
        found = runs()
        return json.loads(found[-1].summary).get("steps", []) if found else []

    env = {**intake_env, "INTAKE_ANONYMISATION__PROCESSES": "1"}
    with serving(api, tmp_path / "serve", env) as server, \
            temporary_settings(updates={PREFECT_API_URL: api}), get_client(sync_client=True) as client:
        log = tmp_path / "serve" / "serve.log"

        # 1. Cancelled while anonymising.
        cancelled = run(api, "migration-run/migration-run", parameters, timeout=0)
        wait_until(lambda: "anonymise" in steps_of_last_run(), 120, "the first run to reach anonymisation")
        client.set_flow_run_state(cancelled.id, Cancelling(message="cancelled by the test"), force=True)
        final = wait_final(api, cancelled.id)
        assert final.state.is_cancelled(), log.read_text()[-4000:]
        wait_until(lambda: runs()[-1].state != "running", 30, "the cancelled run to be closed by its hook")
        assert runs()[-1].state == "cancelled"
        assert published() == []

        # 2. The flow-run process killed (SIGKILL) while the package is being written.
        killed = run(api, "migration-run/migration-run", parameters, timeout=0)
        wait_until(lambda: len(runs()) == 2 and "transform, validate and deliver" in steps_of_last_run(), 180,
                   "the second run to start delivering")
        os.kill(flow_run_process(psutil.Process(server.pid)).pid, signal.SIGKILL)
        final = wait_final(api, killed.id)
        assert final.state.is_crashed() or final.state.is_failed(), final.state
        assert published() == []  # whatever it had written has no manifest, never a delivery

        # 3. A rerun through the API completes and is the only delivery; leftovers are gone.
        rerun = run(api, "migration-run/migration-run", parameters, timeout=240)
        assert rerun.state.is_completed(), log.read_text()[-4000:]

    states = [r.state for r in runs()]
    assert states[0] == "cancelled" and states[1] in ("crashed", "abandoned") and states[-1] == "completed"
    # The killed run's unpublished files were discarded by the rerun: one package, the rerun's.
    assert packages(ctx, dataset_id) == [json.loads(runs()[-1].summary)["package"]]
    assert json.loads(read_package(as_user("eve"), dataset_id)["manifest.json"])["dataset_id"] == dataset_id
    assert not (ctx.settings.home / "spool").exists()  # the package goes straight into its sink: no spool
    with ctx.registry.session() as session:
        assert session.get(Dataset, dataset_id).state is DatasetState.PROCESSED


@pytest.mark.usefixtures("flows_as")
@pytest.mark.parametrize(("prefect_state", "recorded"), [(Running, "failed"), (Cancelling, "cancelled")])
def test_a_chunk_error_while_the_run_is_being_cancelled_ends_it_as_cancelled(
        ctx, as_user, authorise, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        prefect_state: Callable[[], State], recorded: str):
    """The runner signals a cancelled run's whole process group, so an anonymisation worker may die before the
    flow is stopped and its chunk fail with an ordinary error: the run was cancelled, not failed."""
    export = generate_equiptrack(tmp_path / "export", assets=20, jobs=40, seed=4)
    files = [str(p) for p in export.paths.values()]
    dataset_id = pipeline.receive_dataset(as_user("eve"), authorise([Path(f) for f in files]), files).dataset_id
    run = tasks.start_run(dataset_id, "equiptrack", "eve")

    @flow
    def stand_in() -> None:
        """Only a flow run for the API to hold a state for."""

    with get_client(sync_client=True) as client:
        flow_run = client.create_flow_run(stand_in, state=prefect_state())
    monkeypatch.setenv("PREFECT__FLOW_RUN_ID", str(flow_run.id))
    migration._close_run(run, WorkerProcessLost("a worker process ended"))

    with ctx.registry.session() as session:
        row = session.get(Run, run.run_id)
        assert row is not None and row.state == recorded
        assert session.get(Dataset, dataset_id).state is DatasetState.QUARANTINED
