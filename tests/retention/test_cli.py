"""The retention, holds, fault and migration-complete commands, run through the real CLI.

`fault open/close`, `migration complete` and `retention sweep` run the same Prefect flows as a deployment
(against Prefect's test server here)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from sqlalchemy import text
from typer.testing import CliRunner

from intake.cli import app
from intake.registry.models import ArtefactKind, DatasetState, Purpose
from tests.retention.conftest import store_artefacts
from tests.services import webhook_receiver

LONG_AGO = datetime(2020, 1, 6, 10, 0, tzinfo=UTC)  # the CLI runs on the system clock


def as_json(result: typer.testing.Result) -> object:
    return json.loads(result.stdout[result.stdout.index("{") if result.stdout.lstrip()[0] == "{" else
                                    result.stdout.index("["):])


@pytest.mark.usefixtures("prefect_harness")
def test_fault_hold_commands_and_permissions(cli, factory) -> None:
    made = factory.dataset(purpose=Purpose.FAULT_INVESTIGATION, state=DatasetState.QUARANTINED)
    refused = cli("fault", "open", made.dataset_id, "--ticket", made.purpose_reference, actor="eve")
    assert refused.exit_code == 1 and "fault.open needs one of the roles support" in refused.stderr
    opened = cli("--json", "fault", "open", made.dataset_id, "--ticket", made.purpose_reference, actor="sam")
    assert opened.exit_code == 0, opened.output
    assert as_json(opened)["reference"] == made.purpose_reference
    listed = cli("--json", "holds", "list", "--dataset", made.dataset_id, actor="eve")
    assert [h["kind"] for h in as_json(listed)] == ["fault"]
    bad = cli("fault", "close", made.dataset_id, "--outcome", "released", actor="sam")
    assert bad.exit_code == 2  # not a choice: usage error
    closed = cli("--json", "fault", "close", made.dataset_id, "--outcome", "resolved", actor="sam")
    assert closed.exit_code == 0, closed.output
    assert as_json(closed)["outcome"] == "resolved"


@pytest.mark.usefixtures("prefect_harness")
def test_migration_complete_shows_the_deletion_date(cli, factory) -> None:
    made = factory.dataset()
    refused = cli("migration", "complete", made.dataset_id, actor="sam")
    assert refused.exit_code == 1
    done = cli("--json", "migration", "complete", made.dataset_id, actor="eve")
    assert done.exit_code == 0, done.output
    result = as_json(done)
    completed = datetime.fromisoformat(result["completed_at"])
    assert result["months"] == 6 and datetime.fromisoformat(result["delete_after"]).month == (
        (completed.month + 5) % 12 + 1)
    again = cli("migration", "complete", made.dataset_id, actor="eve")
    assert again.exit_code == 1 and "was completed on" in again.stderr


@pytest.mark.usefixtures("prefect_harness")
def test_legal_hold_list_and_sweep_commands(cli, ctx, factory, tmp_path: Path) -> None:
    held = factory.dataset(withdrawn_at=LONG_AGO)
    due = factory.dataset(withdrawn_at=LONG_AGO)
    for made in (held, due):
        store_artefacts(ctx, made.dataset_id)

    refused = cli("holds", "legal", "place", "--dataset", held.dataset_id, "--reason", "claim", actor="sam")
    assert refused.exit_code == 1 and "legal_hold.manage" in refused.stderr
    no_reason = cli("holds", "legal", "place", "--dataset", held.dataset_id, "--reason", " ")
    assert no_reason.exit_code == 1 and "needs a reason" in no_reason.stderr
    placed = cli("--json", "holds", "legal", "place", "--dataset", held.dataset_id, "--reason", "claim",
                 "--reference", "LM-1")
    assert placed.exit_code == 0, placed.output
    hold_id = as_json(placed)["id"]

    listing = cli("--json", "retention", "list", actor="sam")
    assert listing.exit_code == 0, listing.output
    status = {row["dataset_id"]: row for row in as_json(listing)}
    assert status[held.dataset_id]["status"] == "held" and status[due.dataset_id]["status"] == "due"
    assert status[due.dataset_id]["rule"] == "consent_withdrawn"
    table = cli("retention", "list", actor="sam")
    assert table.exit_code == 0 and "held" in table.stdout and "due" in table.stdout
    # For cron and monitoring: due for years and not held is overdue (exit 3); a held one is not.
    overdue = cli("--json", "retention", "list", "--overdue", actor="sam")
    assert overdue.exit_code == 3 and [r["dataset_id"] for r in as_json(overdue)] == [due.dataset_id]

    dry = cli("--json", "retention", "sweep", "--dry-run")
    assert dry.exit_code == 0 and as_json(dry)["due"] == [due.dataset_id]
    dry_table = cli("retention", "sweep", "--dry-run")
    assert dry_table.exit_code == 0 and "1 due, 1 held by legal hold" in dry_table.stdout
    assert "would be" in dry_table.stdout
    assert cli("retention", "sweep", "--yes", actor="eve").exit_code == 1
    swept = cli("--json", "retention", "sweep", "--yes")
    assert swept.exit_code == 0, swept.output
    assert cli("retention", "list", "--overdue", actor="sam").exit_code == 0  # nothing overdue any more
    report = as_json(swept)
    assert [d["dataset_id"] for d in report["deleted"]] == [due.dataset_id]
    assert report["held"] == [held.dataset_id]

    shown = cli("retention", "certificate", "show", due.dataset_id)
    assert shown.exit_code == 0, shown.output
    document = json.loads(shown.stdout)
    assert document["certificate"]["dataset_id"] == due.dataset_id
    assert cli("retention", "certificate", "show", due.dataset_id, actor="eve").exit_code == 1

    certificate = Path(report["deleted"][0]["certificate_file"])
    verified = cli("retention", "certificate", "verify", str(certificate), actor="nobody")
    assert verified.exit_code == 0 and "valid" in verified.stdout
    pem = tmp_path / "service.pem"
    assert cli("retention", "certificate", "public-key", "--out", str(pem)).exit_code == 0
    tampered = tmp_path / "tampered.json"
    edited = json.loads(certificate.read_text())
    edited["certificate"]["artefact_count"] = 1
    tampered.write_text(json.dumps(edited))
    failed = cli("retention", "certificate", "verify", str(tampered), "--public-key", str(pem), actor="nobody")
    assert failed.exit_code == 1 and "CertificateInvalid" in failed.stderr

    released = cli("holds", "legal", "release", hold_id, "--reason", "settled", "--yes")
    assert released.exit_code == 0, released.output
    swept_again = as_json(cli("--json", "retention", "sweep", "--yes"))
    assert [d["dataset_id"] for d in swept_again["deleted"]] == [held.dataset_id]


@pytest.mark.usefixtures("prefect_harness")
def test_sweep_with_a_failed_deletion_prints_its_report_and_exits_1(cli, ctx, factory) -> None:
    broken, fine = factory.dataset(withdrawn_at=LONG_AGO), factory.dataset(withdrawn_at=LONG_AGO)
    stored = {made.dataset_id: store_artefacts(ctx, made.dataset_id) for made in (broken, fine)}
    output = next(a for a in stored[broken.dataset_id] if a.kind is ArtefactKind.OUTPUT)
    # A folder where the encrypted object was: the store cannot remove it, as with a failing disk or mount.
    blocking = ctx.settings.vault_path.joinpath(*output.location.split("/"))
    blocking.unlink()
    blocking.mkdir()
    (blocking / "busy").write_bytes(b"")

    table = cli("retention", "sweep", "--yes")
    assert table.exit_code == 1, table.output
    assert "deleted 1, held 0, flagged 0 (0 new), failed 1" in table.stdout
    assert "failed" in table.stdout and "IsADirectoryError" in table.stdout and "certificate" in table.stdout

    again = cli("--json", "retention", "sweep", "--yes")  # the half-deleted dataset is retried and fails again
    assert again.exit_code == 1
    report = as_json(again)
    assert [(f["dataset_id"], f["error"]) for f in report["failed"]] == [(broken.dataset_id, "IsADirectoryError")]
    assert report["deleted"] == [] and report["dry_run"] is False

    (blocking / "busy").unlink()
    blocking.rmdir()
    resumed = cli("--json", "retention", "sweep", "--yes")
    assert resumed.exit_code == 0, resumed.output
    [deleted] = as_json(resumed)["deleted"]
    assert deleted["dataset_id"] == broken.dataset_id and deleted["resumed"] is True
    assert Path(deleted["certificate_file"]).is_file()


def test_restriction_commands(cli, factory) -> None:
    made = factory.dataset()
    placed = cli("--json", "holds", "restrict", "place", "--customer", made.customer_id, "--reason", "art. 18")
    assert placed.exit_code == 0, placed.output
    hold = as_json(placed)
    assert hold["kind"] == "restriction" and hold["dataset_id"] is None
    listed = as_json(cli("--json", "holds", "list", "--customer", made.customer_id, actor="eve"))
    assert [h["id"] for h in listed] == [hold["id"]]
    wrong_kind = cli("holds", "legal", "release", hold["id"], "--reason", "x", "--yes")
    assert wrong_kind.exit_code == 1 and "no legal hold" in wrong_kind.stderr
    assert cli("holds", "restrict", "release", hold["id"], "--reason", "done").exit_code == 0
    assert as_json(cli("--json", "holds", "list", actor="eve")) == []


def test_cron_tells_the_dpo_of_a_sweep_that_never_ran(cli, factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A missed sweep cannot report itself: `retention list --overdue --notify` from cron does, on the channels."""
    made = factory.dataset(withdrawn_at=LONG_AGO)
    with webhook_receiver() as inbox:
        monkeypatch.setenv("INTAKE_NOTIFICATIONS__WEBHOOK_URL", inbox.url)
        assert cli("retention", "list", "--overdue", actor="sam").exit_code == 3
        assert inbox.received == []  # without --notify, the exit code alone
        assert cli("retention", "list", "--overdue", "--notify", actor="sam").exit_code == 3
        [notice] = [n for n in inbox.received if n["event"] == "retention.overdue"]
    assert notice["details"]["dataset_ids"] == [made.dataset_id]


def test_monitoring_fails_when_a_row_was_edited_to_hide_an_overdue_dataset(cli, ctx, factory) -> None:
    """`retention list --overdue` is what cron runs: a dataset edited to "deleted" in SQL must not turn it green."""
    made = factory.dataset(withdrawn_at=LONG_AGO)
    assert cli("retention", "list", "--overdue", actor="sam").exit_code == 3
    with ctx.registry.engine.begin() as conn:
        conn.execute(text("UPDATE datasets SET state = 'deleted', deleted_at = :at WHERE id = :id"),
                     {"at": datetime.now(UTC), "id": made.dataset_id})

    for command in (["retention", "list", "--overdue"], ["retention", "list"], ["holds", "list", "--review-due"]):
        listed = cli(*command, actor="sam")
        assert listed.exit_code == 1, (command, listed.output)
        assert f"datasets {made.dataset_id}" in " ".join(listed.stderr.split())
    refused = [json.loads(e.details) for e in ctx.audit.events() if e.outcome == "refused"]
    assert [r["reason"] for r in refused[-3:]] == ["state_tampered"] * 3


def test_legal_hold_review_commands_and_the_monitoring_exit_code(cli, factory) -> None:
    made = factory.dataset()
    bad_date = cli("holds", "legal", "place", "--dataset", made.dataset_id, "--reason", "claim",
                   "--review-by", "2020-01-01")
    assert bad_date.exit_code == 1 and "not in the future" in bad_date.stderr
    placed = cli("--json", "holds", "legal", "place", "--dataset", made.dataset_id, "--reason", "claim",
                 "--review-by", "2099-06-30")
    assert placed.exit_code == 0, placed.output
    hold = as_json(placed)
    assert hold["review_by"].startswith("2099-06-30")
    assert cli("holds", "list", "--review-due", actor="eve").exit_code == 0
    # A hold whose review date has passed (the CLI runs on the system clock: the date is moved back instead).
    old = as_json(cli("--json", "holds", "legal", "place", "--customer", made.customer_id, "--reason", "inquiry"))
    with factory.ctx.registry.session() as session:
        from intake.registry.models import Hold

        session.get(Hold, old["id"]).review_by = LONG_AGO
    due = cli("--json", "holds", "list", "--review-due", actor="eve")
    assert due.exit_code == 3 and [h["id"] for h in as_json(due)] == [old["id"]]
    assert "past their review date" in cli("holds", "list", "--review-due", actor="eve").output
    refused = cli("holds", "legal", "review", old["id"], "--reason", "still open", actor="sam")
    assert refused.exit_code == 1 and "legal_hold.manage" in refused.stderr
    reviewed = cli("--json", "holds", "legal", "review", old["id"], "--reason", "still open",
                   "--review-by", "2099-01-01")
    assert reviewed.exit_code == 0, reviewed.output
    assert as_json(reviewed)["review_by"].startswith("2099-01-01")
    assert cli("holds", "list", "--review-due", actor="eve").exit_code == 0


def test_irreversible_commands_are_confirmed_by_typing_the_id_or_by_yes(cli, factory) -> None:
    made = factory.dataset()
    hold = as_json(cli("--json", "holds", "legal", "place", "--dataset", made.dataset_id, "--reason", "claim"))
    # No terminal to ask on (a script): refused as a usage error until --yes is given; nothing done.
    unconfirmed = cli("holds", "legal", "release", hold["id"], "--reason", "settled")
    assert unconfirmed.exit_code == 2 and "--yes" in unconfirmed.stderr
    assert cli("retention", "sweep").exit_code == 2
    assert [h["id"] for h in as_json(cli("--json", "holds", "list", actor="eve"))] == [hold["id"]]
    assert cli("retention", "sweep", "--dry-run").exit_code == 0  # deletes nothing: nothing to confirm


def test_a_person_at_a_terminal_confirms_by_typing_the_id(cli, factory, monkeypatch) -> None:
    made = factory.dataset()
    hold = as_json(cli("--json", "holds", "legal", "place", "--dataset", made.dataset_id, "--reason", "claim"))
    monkeypatch.setattr("intake.cli.common.can_ask", lambda: True)  # the runner's stdin is no terminal
    mistyped = CliRunner().invoke(app, ["--as", "dora", "holds", "legal", "release", hold["id"], "--reason", "x"],
                                  input="wrong-id\n")
    assert mistyped.exit_code == 1 and "nothing was done" in mistyped.output
    assert [h["id"] for h in as_json(cli("--json", "holds", "list", actor="eve"))] == [hold["id"]]
    typed = CliRunner().invoke(app, ["--as", "dora", "holds", "legal", "release", hold["id"], "--reason", "x"],
                               input=f"{hold['id']}\n")
    assert typed.exit_code == 0, typed.output
    assert as_json(cli("--json", "holds", "list", actor="eve")) == []
