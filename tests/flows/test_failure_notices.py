"""A failed or crashed migration run reaches the DPO: `migration.failed` on a local webhook receiver, sent by the
run's real end (the flow's failure handling, and the crash hook Prefect calls when the run's process died), both
ending in `pipeline.end_run` (src/intake/pipeline/runs.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from prefect.states import Crashed
from pydantic import SecretStr

from intake import pipeline
from intake.flows import migration
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.registry.models import Dataset, DatasetState, Run
from tests.services import Inbox, webhook_receiver

pytestmark = pytest.mark.usefixtures("flows_as")
MARKER = "Jane Smith 07700 900123"  # what a library's message could quote; never in a notice


@pytest.fixture
def received(ctx, authorise, tmp_path: Path) -> str:
    export = tmp_path / "assets.csv"
    export.write_bytes(b"Equipment No,Serial No,Responsible Engineer\r\nEQ000001,SN-1,Jane Smith\r\n")
    reference = authorise([export])
    return receive_dataset_flow(authorisation=reference, files=[str(export)], actor="eve")["dataset_id"]


@pytest.fixture
def webhook(ctx) -> Iterator[Inbox]:
    with webhook_receiver() as inbox:
        ctx.settings.notifications.webhook_url = SecretStr(inbox.url)
        yield inbox


def run_states(ctx, dataset_id: str) -> list[str]:
    with ctx.registry.session() as session:
        return [r.state for r in session.query(Run).filter_by(dataset_id=dataset_id).order_by(Run.started_at)]


def test_a_failed_migration_run_notifies_the_dpo(ctx, received, webhook, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(*args, **kwargs):
        raise OSError(28, f"No space left on device writing {MARKER}")

    monkeypatch.setattr(pipeline, "ingest", disk_full)
    with pytest.raises(Exception):  # noqa: B017 (the step's error, as the flow raises it)
        migration_run_flow(dataset_id=received, actor="eve")

    assert run_states(ctx, received) == ["failed"]
    [notice] = [n for n in webhook.received if n["event"] == "migration.failed"]
    [run_id] = _run_ids(ctx, received)
    assert notice["details"]["dataset_id"] == received and notice["details"]["run_id"] == run_id
    assert notice["details"]["error"] and "failed" in notice["subject"]
    assert MARKER not in str(webhook.received) and "Jane" not in str(webhook.received)
    sent = [e for e in ctx.audit.events() if e.action == "notify"]
    assert [(e.outcome, '"migration.failed"' in e.details) for e in sent] == [("ok", True)]


def test_a_crashed_migration_run_notifies_the_dpo_from_the_crash_hook(ctx, as_user, received, webhook) -> None:
    # A run whose process died: its row still says running; Prefect calls the flow's on_crashed hook.
    run = pipeline.start_run(as_user("eve"), received, "equiptrack")
    flow_run = SimpleNamespace(id=uuid.uuid4(), parameters={"dataset_id": received, "actor": "eve"})

    migration._on_cancelled_or_crashed(migration_run_flow, flow_run, Crashed(message="process killed"))

    assert run_states(ctx, received) == ["crashed"]
    with ctx.registry.session() as session:
        assert session.get(Dataset, received).state is DatasetState.QUARANTINED
    [notice] = webhook.received
    assert notice["event"] == "migration.failed" and "crashed" in notice["subject"]
    assert (notice["details"]["run_id"], notice["details"]["dataset_id"]) == (run.run_id, received)


def _run_ids(ctx, dataset_id: str) -> list[str]:
    with ctx.registry.session() as session:
        return [r.id for r in session.query(Run).filter_by(dataset_id=dataset_id)]
