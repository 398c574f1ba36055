"""The fault workspace's bounds: what it loads (a row cap, --table), what it shows (--limit), how long raw values
stay in memory (even in an idle shell), and where the reason for them is kept (with the dataset, not in the
audit log, and deleted with the dataset)."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import timedelta
from pathlib import Path

import pytest

from intake.errors import NotFound
from intake.fault_access import MAX_SHOWN_ROWS, TooManyRowsShown, WorkspaceTooLarge
from intake.fault_workspace import QueryRefused, Workspace, query
from intake.pipeline.receive import receive_dataset
from intake.registry.models import Purpose
from tests.flows.signing import AuthorisationMaker

JOBS = ("Job Ref,Asset Tag,Reported By,Contact,Problem\r\n"
        "J1,EQ1,Jane Smith,07700 900123,pump alarms\r\n"
        "J2,EQ2,Tom Hughes,07700 900456,screen cracked\r\n"
        "J3,EQ1,Jane Smith,07700 900123,alarm again\r\n")
CONTACTS = "Name,Phone\r\nJane Smith,07700 900123\r\nTom Hughes,07700 900456\r\n"
TICKET = "FT-2121"
REASON = "Jane Smith called back about J1: confirm her number"


@pytest.fixture
def dataset(ctx, as_user, tmp_path: Path) -> str:
    export = tmp_path / "export"
    export.mkdir()
    (export / "jobs.csv").write_text(JOBS, encoding="utf-8")
    (export / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    files = [export / "jobs.csv", export / "contacts.csv"]
    reference = AuthorisationMaker(ctx, tmp_path / "auth")(files, purpose=Purpose.FAULT_INVESTIGATION,
                                                            purpose_reference=TICKET)
    return receive_dataset(as_user("sam"), reference, files, Purpose.FAULT_INVESTIGATION).dataset_id


def test_a_dataset_larger_than_the_workspace_is_refused_and_fewer_tables_can_be_asked_for(
        ctx, as_user, cli, monkeypatch, dataset) -> None:
    sam = as_user("sam")
    ctx.settings.connectors.fault_workspace_max_rows = 4  # jobs (3 rows) and contacts (2 rows) hold 5
    with pytest.raises(WorkspaceTooLarge) as refused:
        query(sam, dataset, "SELECT count(*) FROM jobs")
    said = str(refused.value)
    assert "more than 4 rows" in said and "connectors.fault_workspace_max_rows" in said
    assert "--table" in said and "contacts, jobs" in said  # which tables to ask for instead
    assert not any(value in said for value in ("Jane", "Tom", "07700"))
    [opened] = [e for e in ctx.audit.events() if e.action == "fault.workspace"]
    assert (opened.outcome, json.loads(opened.details)["error"]) == ("refused", "WorkspaceTooLarge")

    result = query(sam, dataset, "SELECT count(*) AS n FROM jobs", only=["jobs"])
    assert result.table.to_pylist() == [{"n": 3}] and result.tables == {"jobs": 3}
    with pytest.raises(QueryRefused, match="no table nowhere"):
        query(sam, dataset, "SELECT 1", only=["nowhere"])

    monkeypatch.setenv("INTAKE_CONNECTORS__FAULT_WORKSPACE_MAX_ROWS", "4")
    whole = cli("fault", "tables", dataset, actor="sam")
    assert whole.exit_code == 1 and "WorkspaceTooLarge" in whole.stderr
    asked = cli("--json", "fault", "query", dataset, "SELECT count(*) AS n FROM contacts", "--table", "contacts",
                actor="sam")
    assert asked.exit_code == 0, asked.output
    assert json.loads(asked.stdout) == [{"n": 2}]
    listed = cli("--json", "fault", "tables", dataset, "--table", "jobs", actor="sam")
    assert listed.exit_code == 0 and {c["table"] for c in json.loads(listed.stdout)} == {"jobs"}


def test_rows_shown_are_capped_and_a_larger_result_is_kept_encrypted_instead(ctx, cli, dataset) -> None:
    shown = cli("--json", "fault", "query", dataset, "SELECT * FROM jobs", "--limit", str(MAX_SHOWN_ROWS + 1),
                actor="sam")
    assert shown.exit_code == 1 and "TooManyRowsShown" in shown.stderr and "--save-as" in shown.stderr
    assert not [e for e in ctx.audit.events() if e.action == "fault.workspace"]  # refused before loading
    ok = cli("--json", "fault", "query", dataset, "SELECT * FROM jobs", "--limit", str(MAX_SHOWN_ROWS), actor="sam")
    assert ok.exit_code == 0, ok.output
    shell = cli("fault", "shell", dataset, actor="sam", input=f".limit {MAX_SHOWN_ROWS * 10}\n")
    assert shell.exit_code == 1 and "TooManyRowsShown" in shell.stderr
    with pytest.raises(TooManyRowsShown):
        from intake.fault_access import check_shown_rows

        check_shown_rows(0, "--limit")


def test_raw_values_leave_memory_at_expiry_while_nobody_types(ctx, as_user, clock, dataset) -> None:
    workspace = Workspace(as_user("sam"), dataset, raw=True, reason=REASON, minutes=1, watch_seconds=0.01)
    assert workspace.tables and workspace.run("SELECT count(*) AS n FROM jobs").view == "raw"
    clock.advance(timedelta(seconds=59))
    time.sleep(0.2)
    assert workspace.tables  # not yet
    clock.advance(timedelta(seconds=1))
    deadline = time.monotonic() + 10
    while workspace.tables and time.monotonic() < deadline:  # no statement is run: the watch drops them
        time.sleep(0.01)
    assert workspace.tables == {}
    with pytest.raises(QueryRefused, match="raw access expired"):
        workspace.run("SELECT 1")


def test_the_shell_ends_at_its_prompt_once_raw_access_expired(ctx, as_user, clock, monkeypatch, dataset) -> None:
    from intake.cli import fault_shell

    workspace = Workspace(as_user("sam"), dataset, raw=True, reason=REASON, minutes=5, watch_seconds=3600)
    lines = iter(["SELECT count(*) AS n FROM jobs;", "SELECT 1;"])
    prompts: list[bool] = []

    def typed(interactive: bool, continuing: bool) -> str | None:
        prompts.append(continuing)
        return next(lines, None)

    def shown(result: object, limit: int, how: str) -> None:
        clock.advance(timedelta(minutes=5))  # support reads the result, the shell waits past the expiry

    monkeypatch.setattr(fault_shell, "_read", typed)
    monkeypatch.setattr(fault_shell, "show_result", shown)
    assert fault_shell.Shell(workspace, True, 50).loop() == 1
    assert workspace.tables == {} and len(prompts) == 1  # ended at the next prompt: nothing more is read
    assert [e.outcome for e in ctx.audit.events() if e.action == "fault.query"] == ["ok"]


def test_the_raw_access_reason_is_kept_with_the_dataset_and_deleted_with_it(ctx, as_user, dataset) -> None:
    from intake.reports import read_report
    from intake.retention import close_fault_hold, open_fault_hold, sweep
    from intake.vault import Vault

    sam = as_user("sam")
    open_fault_hold(sam, dataset, TICKET)
    query(sam, dataset, 'SELECT "Contact" FROM jobs WHERE "Job Ref" = \'J1\'', raw=True, reason=REASON)
    [opened] = [json.loads(e.details) for e in ctx.audit.events() if e.action == "fault.workspace"]
    everything = json.dumps([(e.action, e.details) for e in ctx.audit.events()])
    assert "Jane" not in everything and "confirm her number" not in everything
    vault = Vault.from_context(ctx)
    [kept] = [a for a in vault.artefacts(dataset) if a.id == opened["reason_artefact_id"]]
    assert kept.name.startswith("fault-queries/") and "-raw-reason-" in kept.name
    stored = vault.read_bytes(kept.id, actor=ctx.actor())
    assert json.loads(stored)["reason"] == REASON and hashlib.sha256(stored).hexdigest() == opened["reason_sha256"]
    assert json.loads(read_report(as_user("dora"), dataset, kept.id)[1])["reason"] == REASON

    close_fault_hold(sam, dataset, "resolved")
    assert [d.dataset_id for d in sweep(as_user("dora")).deleted] == [dataset]
    assert not [a for a in vault.artefacts(dataset) if a.id == kept.id]
    with pytest.raises(NotFound):
        read_report(as_user("dora"), dataset, kept.id)
    everything = json.dumps([(e.action, e.details) for e in ctx.audit.events()])
    assert "Jane" not in everything and kept.id in everything  # the audit keeps the id, never the text
