"""Deployments against a real `prefect server start`: prefect.yaml with a process worker, and `intake serve`."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    DeploymentFilter,
    DeploymentFilterId,
    FlowRunFilter,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import FlowRun, StateType
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.states import Scheduled

from intake.flows.serve import build_deployments
from intake.registry.models import Dataset, DatasetState
from intake.retention import complete_migration
from intake.users import SERVICE_USER
from tests.flows.servers import PROJECT, background, process_env, run, serving, wait_final
from tests.retention.conftest import RegistryFactory, store_artefacts
from tests.services import webhook_receiver

pytestmark = pytest.mark.slow

PREFECT_YAML = PROJECT / "deployments" / "prefect.yaml"
FLOWS = {"receive-dataset", "migration-run", "complete-migration", "open-fault-hold", "close-fault-hold",
         "retention-sweep"}


def test_prefect_yaml_deploys_every_flow_and_a_process_worker_runs_one(prefect_server, ctx, as_user,
                                                                        tmp_path: Path):
    # A dataset past its deletion date, with real artefacts in the vault.
    made = RegistryFactory(ctx).dataset()
    complete_migration(as_user("eve"), made.dataset_id)
    with ctx.registry.session() as session:
        session.get(Dataset, made.dataset_id).delete_after = datetime(2020, 1, 1, tzinfo=UTC)
    store_artefacts(ctx, made.dataset_id)
    # The worker as deployments/README.md documents it: INTAKE_CONFIG naming the configuration file, which names
    # the home explicitly, and INTAKE_ACTOR=intake-service, the identity init made.
    config = tmp_path / "etc" / "intake.toml"
    config.parent.mkdir()
    config.write_text(f"home = {json.dumps(str(ctx.settings.home))}\n")
    env = process_env(prefect_server.api_url, tmp_path / "client", {
        "INTAKE_PROJECT_DIR": str(PROJECT), "INTAKE_CONFIG": str(config), "INTAKE_ACTOR": SERVICE_USER})
    env.pop("INTAKE_HOME", None)
    prefect = [sys.executable, "-m", "prefect"]
    subprocess.run([*prefect, "work-pool", "create", "intake-process", "--type", "process", "--overwrite"],
                   env=env, cwd=PROJECT, check=True, capture_output=True, timeout=60)
    deployed = subprocess.run([*prefect, "--no-prompt", "deploy", "--all", "--prefect-file", str(PREFECT_YAML)],
                              env=env, cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert deployed.returncode == 0, deployed.stdout[-3000:] + deployed.stderr[-3000:]

    with temporary_settings(updates={PREFECT_API_URL: prefect_server.api_url}), \
            get_client(sync_client=True) as client:
        deployments = {d.name: d for d in client.read_deployments() if d.work_pool_name == "intake-process"}
        assert set(deployments) == FLOWS | {"migration-run-dask"}
        assert {client.read_flow(d.flow_id).name for d in deployments.values()} == FLOWS
        assert client.read_work_pool("intake-process").type == "process"
        for name, deployment in deployments.items():
            properties = deployment.parameter_openapi_schema["properties"]
            undocumented = [p for p, spec in properties.items() if not spec.get("description")]
            assert not undocumented, f"{name}: parameters without a description in the UI form: {undocumented}"
        [schedule] = deployments["retention-sweep"].schedules
        assert schedule.schedule.cron == "30 2 * * *" and schedule.schedule.timezone == "Europe/London"
        assert deployments["migration-run"].parameters == {"mapping": "equiptrack"}

    # On schedule: the server's scheduler has put the nightly sweep on the calendar, at 02:30 London time.
    scheduled = scheduled_runs(prefect_server.api_url, deployments["retention-sweep"].id)
    london = {r.expected_start_time.astimezone(ZoneInfo("Europe/London")).strftime("%H:%M") for r in scheduled}
    assert london == {"02:30"}
    # 02:30 comes: the next run the scheduler created is due now, and the worker runs it and deletes.
    nightly = min(scheduled, key=lambda r: r.expected_start_time)
    assert nightly.auto_scheduled and nightly.parameters.get("dry_run") is False and "actor" not in nightly.parameters
    with temporary_settings(updates={PREFECT_API_URL: prefect_server.api_url}), \
            get_client(sync_client=True) as client:
        client.set_flow_run_state(nightly.id, Scheduled(scheduled_time=datetime.now(UTC)), force=True)
    assert not any(e.action == "retention.sweep" for e in ctx.audit.events())
    with background([*prefect, "worker", "start", "--pool", "intake-process", "--limit", "1"], env,
                    tmp_path / "worker.log"):
        flow_run = wait_final(prefect_server.api_url, nightly.id, timeout=180)
    assert flow_run.state.is_completed(), (tmp_path / "worker.log").read_text()[-4000:]
    assert flow_run.deployment_id == deployments["retention-sweep"].id and flow_run.auto_scheduled
    with ctx.registry.session() as session:
        assert session.get(Dataset, made.dataset_id).state is DatasetState.DELETED
    sweeps = [e for e in ctx.audit.events() if e.action == "retention.sweep"]
    assert [(e.actor, e.role, e.outcome) for e in sweeps] == [(SERVICE_USER, "service", "ok")]

    # A forced failure reaches the DPO: the same worker set-up, its actor never registered (issue 18's nightly
    # PermissionDenied that nobody was told of), notices to a webhook receiver on loopback.
    with webhook_receiver() as inbox:
        failing = {**env, "INTAKE_ACTOR": "never-registered", "INTAKE_NOTIFICATIONS__WEBHOOK_URL": inbox.url}
        with background([*prefect, "worker", "start", "--pool", "intake-process", "--limit", "1"], failing,
                        tmp_path / "failing-worker.log"):
            failed = run(prefect_server.api_url, "retention-sweep/retention-sweep", {})
        assert failed.state.is_failed(), (tmp_path / "failing-worker.log").read_text()[-4000:]
        [notice] = inbox.received
    assert notice["event"] == "retention.sweep_failed" and notice["details"]["error"] == "PermissionDenied"
    assert notice["details"]["actor"] == "never-registered"


def scheduled_runs(api_url: str, deployment_id: object, timeout: float = 150) -> list[FlowRun]:
    """The flow runs the server's scheduler created for a deployment (it runs every minute or so)."""
    deadline = time.monotonic() + timeout
    with temporary_settings(updates={PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        while True:
            runs = client.read_flow_runs(
                deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
                flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(
                    any_=[StateType.SCHEDULED]))))
            if runs:
                return runs
            assert time.monotonic() < deadline, "the scheduler created no run of the nightly sweep"
            time.sleep(2)


def test_served_deployments_run_through_the_api(prefect_server, ctx, authorise, intake_env, tmp_path: Path):
    export = tmp_path / "assets.csv"
    export.write_bytes(b"Equipment No,Serial No\r\nEQ000001,SN-1\r\n")
    reference = authorise([export])
    assert not ctx.settings.anchor_file.exists()  # nothing here ran the CLI

    with serving(prefect_server.api_url, tmp_path / "serve", intake_env):
        flow_run = run(prefect_server.api_url, "receive-dataset/receive-dataset",
                       {"authorisation": reference, "files": [str(export)], "actor": "eve"})
        assert flow_run.state.is_completed(), (tmp_path / "serve" / "serve.log").read_text()[-4000:]
        assert deployment_parameters_are_ids_and_paths(prefect_server.api_url, flow_run.id)

    with ctx.registry.session() as session:
        [dataset] = session.query(Dataset).all()
        assert dataset.state is DatasetState.QUARANTINED and dataset.received_by == "eve"
    # The worker anchored the audit chain as the run ended (its completion hook runs just after the state is set).
    received = max(e.seq for e in ctx.audit.events() if e.action == "dataset.receive")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not anchored_up_to(ctx.settings.anchor_file, received):
        time.sleep(0.2)
    assert anchored_up_to(ctx.settings.anchor_file, received)


def anchored_up_to(anchor_file: Path, seq: int) -> bool:
    lines = anchor_file.read_text().splitlines() if anchor_file.exists() else []
    return any(json.loads(line)["anchor"]["seq"] >= seq for line in lines)


def test_a_deployment_run_cannot_name_another_actor(prefect_server, ctx, authorise, intake_env, tmp_path: Path):
    """Whoever reaches the Prefect UI could type any name: the run acts as the worker ('eve' here) or not at all."""
    export = tmp_path / "assets.csv"
    export.write_bytes(b"Equipment No,Serial No\r\nEQ000001,SN-1\r\n")
    reference = authorise([export])

    with serving(prefect_server.api_url, tmp_path / "serve", intake_env):
        flow_run = run(prefect_server.api_url, "receive-dataset/receive-dataset",
                       {"authorisation": reference, "files": [str(export)], "actor": "dave"})
    assert flow_run.state.is_failed()
    with ctx.registry.session() as session:
        assert session.query(Dataset).count() == 0
    [refused] = [e for e in ctx.audit.events() if e.action == "flow.actor"]
    assert (refused.actor, refused.outcome) == ("eve", "refused")


def test_a_persons_run_on_the_worker_acts_for_them_through_a_recorded_request_once(
        prefect_server, ctx, as_user, authorise, intake_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The CLI records who asks (the OS proved it) and the run carries only the request's id: a worker running as
    'ada' (an admin, no engineer or support role) runs it for the requester, once, for exactly the requested
    parameters; `intake migration run --on-worker` does all of it from the command line."""
    import json

    from typer.testing import CliRunner

    from benchmarks.generator import generate_equiptrack
    from intake.cli import app
    from intake.cli.common import state
    from intake.clock import SystemClock
    from intake.context import Context
    from intake.pipeline.receive import receive_dataset
    from intake.registry.models import Purpose, Run
    from intake.run_requests import request_run

    export = tmp_path / "jobs.csv"
    export.write_bytes(b"Job Ref,Problem\r\nJ1,pump alarms\r\n")
    reference = authorise([export], purpose=Purpose.FAULT_INVESTIGATION)
    parameters = {"authorisation": reference, "files": [str(export)], "purpose": "fault_investigation"}
    sam = Context(settings=ctx.settings, actor="sam", clock=SystemClock(), registry=ctx.registry, migrate=False)
    request = request_run(sam, "receive-dataset", parameters)
    other = request_run(sam, "receive-dataset", parameters)
    equiptrack = generate_equiptrack(tmp_path / "export", assets=8, jobs=8, seed=3)
    files = list(equiptrack.paths.values())
    dataset_id = receive_dataset(as_user("eve"), authorise(files), files, Purpose.MIGRATION).dataset_id
    monkeypatch.setenv("INTAKE_HOME", str(ctx.settings.home))

    with serving(prefect_server.api_url, tmp_path / "serve", {**intake_env, "INTAKE_ACTOR": "ada"}):
        flow_run = run(prefect_server.api_url, "receive-dataset/receive-dataset",
                       {**parameters, "actor": request.actor_parameter})
        assert flow_run.state.is_completed(), (tmp_path / "serve" / "serve.log").read_text()[-4000:]
        again = run(prefect_server.api_url, "receive-dataset/receive-dataset",
                    {**parameters, "actor": request.actor_parameter})
        changed = run(prefect_server.api_url, "receive-dataset/receive-dataset",
                      {**parameters, "purpose": "migration", "actor": other.actor_parameter})
        with temporary_settings(updates={PREFECT_API_URL: prefect_server.api_url}):
            state.context = None
            result = CliRunner().invoke(app, ["--as", "eve", "--json", "migration", "run", dataset_id,
                                              "--mapping", "equiptrack", "--on-worker"])
            if state.context is not None:
                state.context.close()
            state.context = None
            assert result.exit_code == 0, result.output
            sent = json.loads(result.stdout[result.stdout.index("{"):])
            migrated = wait_final(prefect_server.api_url, sent["flow_run_id"], timeout=240)
    assert again.state.is_failed() and changed.state.is_failed()
    assert migrated.state.is_completed(), (tmp_path / "serve" / "serve.log").read_text()[-4000:]
    with ctx.registry.session() as session:
        [fault] = session.query(Dataset).filter(Dataset.id != dataset_id).all()
        assert fault.received_by == "sam"
        [run_row] = session.query(Run).filter_by(dataset_id=dataset_id).all()
        assert (run_row.started_by, run_row.state) == ("eve", "completed")
    redeemed = [e for e in ctx.audit.events() if e.action == "run.redeem"]
    assert [(e.actor, e.outcome) for e in redeemed] == [("ada", "ok"), ("ada", "refused"), ("ada", "refused"),
                                                         ("ada", "ok")]
    assert "already used" in redeemed[1].details and "parameters are not those requested" in redeemed[2].details
    assert sent["acting_for"] == "eve" and json.loads(redeemed[3].details)["acting_for"] == "eve"


def deployment_parameters_are_ids_and_paths(api_url: str, flow_run_id) -> bool:
    with temporary_settings(updates={PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        parameters = client.read_flow_run(flow_run_id).parameters
    return set(parameters) <= {"authorisation", "files", "purpose", "actor"}


def test_deployments_served_by_intake_serve_cover_every_flow():
    deployments = build_deployments()
    assert {d.name for d in deployments} == FLOWS
    sweep = next(d for d in deployments if d.name == "retention-sweep")
    assert [(s.schedule.cron, s.schedule.timezone) for s in sweep.schedules] == [("30 2 * * *", "Europe/London")]
    with PREFECT_YAML.open() as handle:
        spec = yaml.safe_load(handle)
    assert {d["name"] for d in spec["deployments"]} == FLOWS | {"migration-run-dask"}
