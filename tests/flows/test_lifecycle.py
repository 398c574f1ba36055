"""complete-migration, open/close-fault-hold and retention-sweep flows over the retention core."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake.errors import PermissionDenied
from intake.flows.lifecycle import close_fault_hold_flow, complete_migration_flow, open_fault_hold_flow
from intake.flows.receive import receive_dataset_flow
from intake.flows.sweep import retention_sweep_flow
from intake.registry.models import Dataset, DatasetState, Purpose
from intake.retention.errors import DeletionNotVerified, HoldStateError, LifecycleError
from intake.retention.sweep import SweepHooks, sweep
from intake.vault import Vault

pytestmark = pytest.mark.usefixtures("flows_as")


@pytest.fixture
def received(ctx, authorise, tmp_path: Path):
    def receive(purpose: Purpose, ticket: str | None = None) -> str:
        folder = tmp_path / f"export-{purpose.value}"
        folder.mkdir(exist_ok=True)
        path = folder / "assets.csv"
        path.write_bytes(b"Equipment No,Serial No\r\nEQ000001,SN-1\r\n")
        reference = authorise([path], purpose=purpose, purpose_reference=ticket)
        actor = "eve" if purpose is Purpose.MIGRATION else "sam"
        return receive_dataset_flow(authorisation=reference, files=[str(path)], purpose=purpose.value,
                                    actor=actor)["dataset_id"]

    return receive


def set_state(ctx, dataset_id: str, state: DatasetState) -> None:
    with ctx.registry.session() as session:
        session.get(Dataset, dataset_id).state = state


def test_complete_migration_fixes_the_deletion_date(ctx, received, clock):
    dataset_id = received(Purpose.MIGRATION)
    with pytest.raises(LifecycleError):  # not delivered yet
        complete_migration_flow(dataset_id=dataset_id, actor="eve")
    set_state(ctx, dataset_id, DatasetState.PROCESSED)  # as a delivered migration run leaves it
    with pytest.raises(PermissionDenied):
        complete_migration_flow(dataset_id=dataset_id, actor="sam")

    done = complete_migration_flow(dataset_id=dataset_id, actor="eve")

    assert done["months"] == 6
    assert datetime.fromisoformat(done["delete_after"]) == datetime(2027, 5, 2, 9, 30, tzinfo=UTC)
    with ctx.registry.session() as session:
        assert session.get(Dataset, dataset_id).state is DatasetState.COMPLETED


def test_fault_hold_then_sweep_deletes_with_a_certificate(ctx, received, clock):
    dataset_id = received(Purpose.FAULT_INVESTIGATION, ticket="FT-4242")
    with pytest.raises(HoldStateError):
        open_fault_hold_flow(dataset_id=dataset_id, ticket="FT-9999", actor="sam")
    hold = open_fault_hold_flow(dataset_id=dataset_id, ticket="FT-4242", actor="sam")
    assert hold["ticket"] == "FT-4242"

    kept = retention_sweep_flow(actor="dora")
    assert kept["deleted"] == 0  # held while the ticket is open

    closed = close_fault_hold_flow(dataset_id=dataset_id, outcome="resolved", actor="sam")
    assert datetime.fromisoformat(closed["delete_after"]) == clock.now()
    clock.advance(timedelta(minutes=1))

    dry = retention_sweep_flow(dry_run=True, actor="dora")
    assert dry["due_datasets"] == [dataset_id] and dry["deleted"] == 0
    report = retention_sweep_flow(actor="dora")

    [deleted] = report["deleted_datasets"]
    assert deleted["dataset_id"] == dataset_id and deleted["rule"] == "fault_closed"
    assert Path(deleted["certificate_file"]).is_file()
    assert Vault.from_context(ctx).verify_unreadable(dataset_id)
    with ctx.registry.session() as session:
        assert session.get(Dataset, dataset_id).state is DatasetState.DELETED


def test_sweep_needs_the_dpo_or_admin(ctx):
    with pytest.raises(PermissionDenied):
        retention_sweep_flow(actor="eve")


def test_a_failed_deletion_reports_our_message_but_withholds_a_library_s(ctx, received, clock, as_user):
    """The sweep's report becomes a Prefect task result: a library's message (which may quote a path or a
    value) is withheld; ours, which never quote data, are kept."""
    dataset_id = received(Purpose.FAULT_INVESTIGATION, ticket="FT-5151")
    open_fault_hold_flow(dataset_id=dataset_id, ticket="FT-5151", actor="sam")
    close_fault_hold_flow(dataset_id=dataset_id, outcome="resolved", actor="sam")
    clock.advance(timedelta(minutes=1))

    def disk_full(_dataset_id: str) -> None:
        raise OSError(28, "No space left on device", "/vault/Jane Smythe 07700 900123.csv")

    report = sweep(as_user("dora"), hooks=SweepHooks(after_deletion_started=disk_full))
    [failure] = report.failed
    assert (failure.dataset_id, failure.error, failure.message) == (dataset_id, "OSError", "OSError (message withheld)")

    def not_verified(_dataset_id: str) -> None:
        raise DeletionNotVerified(f"dataset {_dataset_id}: an artefact is still readable; run the sweep again")

    report = sweep(as_user("dora"), hooks=SweepHooks(after_deletion_started=not_verified))
    [failure] = report.failed  # the half-deleted dataset is resumed by the next sweep
    assert failure.error == "DeletionNotVerified" and failure.message.startswith(f"dataset {dataset_id}: an artefact")


def test_the_scheduled_sweep_anchors_the_audit_chain(ctx):
    """The daily sweep signs the chain's head outside the registry even on a day when no command ran."""
    from intake.audit_anchor import check_anchors

    assert not ctx.settings.anchor_file.exists()
    retention_sweep_flow(dry_run=True, actor="dora")
    retention_sweep_flow(actor="dora")
    anchors = [json.loads(line)["anchor"] for line in ctx.settings.anchor_file.read_text().splitlines()]
    head = ctx.audit.verify()
    assert len(anchors) == 2 and anchors[-1]["seq"] == head.events and anchors[-1]["head_hash"] == head.head_hash
    assert check_anchors(ctx, head.events).anchors == 2
