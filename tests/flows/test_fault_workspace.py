"""Support reads the fault dataset it received: SQL over it in memory, pseudonymised unless a reason is given,
every query audited, nothing written in plaintext, no file reachable from a query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake.errors import PermissionDenied, StateError
from intake.fault_workspace import QueryRefused, query
from intake.pipeline.receive import receive_dataset
from intake.registry.models import Purpose
from tests.flows.signing import AuthorisationMaker

JOBS = ("Job Ref,Asset Tag,Reported By,Contact,Problem\r\n"
        "J1,EQ1,Jane Smith,07700 900123,pump alarms; spoke to Jane Smith on ward 7\r\n"
        "J2,EQ2,Tom Hughes,07700 900456,screen cracked\r\n"
        "J3,EQ1,Jane Smith,07700 900123,alarm again\r\n")


@pytest.fixture
def fault_dataset(ctx, as_user, tmp_path: Path) -> str:
    export = tmp_path / "export"
    export.mkdir()
    (export / "jobs.csv").write_text(JOBS, encoding="utf-8")
    reference = AuthorisationMaker(ctx, tmp_path / "auth")([export / "jobs.csv"], purpose=Purpose.FAULT_INVESTIGATION)
    return receive_dataset(as_user("sam"), reference, [export / "jobs.csv"], Purpose.FAULT_INVESTIGATION).dataset_id


def test_support_queries_the_pseudonymised_view_and_rows_still_join(ctx, as_user, fault_dataset) -> None:
    result = query(as_user("sam"), fault_dataset, 'SELECT "Reported By" AS who, count(*) AS jobs, '
                   'max("Problem") AS problem FROM jobs GROUP BY who ORDER BY jobs DESC')
    rows = result.table.to_pylist()
    assert result.view == "pseudonymised" and result.tables == {"jobs": 3}
    assert [r["jobs"] for r in rows] == [2, 1]  # the same person has the same token: grouping still works
    text = json.dumps(rows)
    for value in ("Jane", "Smith", "Tom Hughes", "07700"):
        assert value not in text
    assert "pump alarms" in text or "alarm again" in text  # the fault itself stays readable

    [event] = [e for e in ctx.audit.events() if e.action == "fault.query"]
    details = json.loads(event.details)
    assert (event.actor, details["view"], details["rows"]) == ("sam", "pseudonymised", 2)
    assert "Reported By" not in event.details  # the query text is kept encrypted, the audit has its hash


def test_raw_values_need_a_reason_which_is_audited(ctx, as_user, fault_dataset) -> None:
    sam = as_user("sam")
    with pytest.raises(QueryRefused, match="--reason"):
        query(sam, fault_dataset, "SELECT * FROM jobs", raw=True)
    result = query(sam, fault_dataset, 'SELECT "Reported By" FROM jobs WHERE "Job Ref" = \'J2\'', raw=True,
                   reason="customer asked us to confirm who reported J2")
    assert result.table.to_pylist() == [{"Reported By": "Tom Hughes"}]
    event = [e for e in ctx.audit.events() if e.action == "fault.query"][-1]
    [opened] = [json.loads(e.details) for e in ctx.audit.events() if e.action == "fault.workspace"]
    # The reason may name a patient: the audit (which outlives the dataset) has its artefact's id, not its text.
    assert json.loads(event.details)["view"] == "raw" and "confirm who reported" not in event.details
    assert json.loads(event.details)["reason_artefact_id"] == opened["reason_artefact_id"]


def test_queries_cannot_reach_files_and_only_support_may_query(ctx, as_user, fault_dataset, tmp_path) -> None:
    target = tmp_path / "leak.csv"
    for sql in ("SELECT * FROM read_csv('/etc/passwd')", f"COPY jobs TO '{target}'",
                "SET enable_external_access = true", "INSTALL httpfs"):
        with pytest.raises(QueryRefused, match="refused by DuckDB"):
            query(as_user("sam"), fault_dataset, sql)
    assert not target.exists()
    for user in ("eve", "ada"):  # the DPO, who supervises investigations, may read them (fault.read)
        with pytest.raises(PermissionDenied):
            query(as_user(user), fault_dataset, "SELECT 1")


def test_results_are_saved_only_encrypted_in_the_dataset(ctx, as_user, fault_dataset) -> None:
    from intake.vault import Vault

    result = query(as_user("sam"), fault_dataset, "SELECT * FROM jobs", save_as="all-jobs")
    vault = Vault.from_context(ctx)
    [saved] = [a for a in vault.artefacts(fault_dataset) if a.id == result.saved_artefact_id]
    assert saved.name == "fault-results/all-jobs.parquet"
    for path in ctx.settings.vault_path.rglob("*"):
        assert not path.is_file() or b"PAR1" not in path.read_bytes()[:4]


def test_migration_datasets_are_not_opened_in_the_fault_workspace(ctx, as_user, tmp_path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "jobs.csv").write_text(JOBS, encoding="utf-8")
    reference = AuthorisationMaker(ctx, tmp_path / "auth")([export / "jobs.csv"])
    dataset = receive_dataset(as_user("eve"), reference, [export / "jobs.csv"]).dataset_id
    with pytest.raises(StateError, match="purpose limitation"):
        query(as_user("sam"), dataset, "SELECT 1")


def test_a_workspace_loads_once_and_its_raw_view_ends_after_its_minutes(ctx, as_user, clock, fault_dataset) -> None:
    from datetime import timedelta

    from intake.fault_workspace import Workspace

    sam = as_user("sam")
    with pytest.raises(QueryRefused, match="1 to 60 minutes"):
        Workspace(sam, fault_dataset, raw=True, reason="confirm the caller on J2 for the customer", minutes=240)
    workspace = Workspace(sam, fault_dataset, raw=True, reason="confirm the caller on J2 for the customer",
                          minutes=10)
    first = workspace.run('SELECT "Reported By" AS who FROM jobs WHERE "Job Ref" = \'J2\'')
    assert first.table.to_pylist() == [{"who": "Tom Hughes"}] and first.view == "raw"
    clock.advance(timedelta(minutes=9))
    assert workspace.run("SELECT count(*) AS n FROM jobs").table.to_pylist() == [{"n": 3}]
    clock.advance(timedelta(minutes=1))
    with pytest.raises(QueryRefused, match="raw access expired"):
        workspace.run("SELECT count(*) FROM jobs")
    assert workspace.tables == {}  # the raw values are dropped from memory, not just hidden
    with pytest.raises(QueryRefused, match="closed"):
        workspace.run("SELECT 1")

    events = [e for e in ctx.audit.events() if e.action in ("fault.workspace", "fault.query")]
    assert [(e.action, e.outcome) for e in events] == [
        ("fault.workspace", "ok"), ("fault.query", "ok"), ("fault.query", "ok"), ("fault.query", "refused"),
        ("fault.query", "refused")]
    opened = json.loads(events[0].details)
    assert opened["view"] == "raw" and opened["expires_at"].startswith("2026-11-02T09:40")
    assert "reason" not in opened and opened["reason_artefact_id"] and opened["rows"] == 3
    assert "confirm the caller" not in json.dumps([e.details for e in ctx.audit.events()])


def test_a_workspace_stops_answering_when_support_loses_the_right(ctx, as_user, fault_dataset) -> None:
    from intake.fault_workspace import Workspace
    from intake.registry.models import Role
    from intake.users import revoke

    workspace = Workspace(as_user("sam"), fault_dataset)
    assert workspace.run("SELECT count(*) AS n FROM jobs").table.to_pylist() == [{"n": 3}]
    revoke(ctx, "sam", Role.SUPPORT)
    with pytest.raises(PermissionDenied):
        workspace.run("SELECT count(*) AS n FROM jobs")


def test_the_shell_runs_a_script_of_statements_and_stops_at_the_first_refusal(ctx, cli, fault_dataset) -> None:
    script = ('SELECT "Job Ref" AS job,\n  "Reported By" AS who\nFROM jobs ORDER BY job;\n'
              ".save first-look\n"
              "SELECT count(*) AS n FROM jobs;\n"
              "SELECT * FROM read_csv('/etc/passwd');\n"
              "SELECT 'never run' AS x;\n")
    result = cli("--json", "fault", "shell", fault_dataset, actor="sam", input=script)
    assert result.exit_code == 1, result.output
    outputs = [json.loads(chunk) for chunk in result.stdout.replace("]\n[", "]\x00[").split("\x00") if chunk.strip()
               if chunk.lstrip().startswith("[")]
    assert [r["job"] for r in outputs[0]] == ["J1", "J2", "J3"]
    assert outputs[0][0]["who"] == outputs[0][2]["who"] != "Jane Smith"  # pseudonymised, still joinable
    assert {"n": 3} in outputs[-1] and "never run" not in result.stdout
    assert "refused by DuckDB" in result.stderr
    queries = [json.loads(e.details) for e in ctx.audit.events() if e.action == "fault.query"]
    assert [q.get("saved_artefact_id") is not None for q in queries] == [False, True, False, False]
    assert sum(1 for e in ctx.audit.events() if e.action == "fault.workspace") == 1  # loaded once


def test_the_shell_refuses_an_unfinished_statement_and_unknown_commands(cli, fault_dataset) -> None:
    unfinished = cli("fault", "shell", fault_dataset, actor="sam", input="SELECT count(*) FROM jobs\n")
    assert unfinished.exit_code == 1 and "no closing ';'" in unfinished.stderr
    unknown = cli("fault", "shell", fault_dataset, actor="sam", input=".drop jobs\n")
    assert unknown.exit_code == 1 and ".help lists them" in unknown.stderr
    leaving = cli("fault", "shell", fault_dataset, actor="sam", input=".help\n.quit\nSELECT 1;\n")
    assert leaving.exit_code == 0 and ".save NAME" in leaving.stdout and "1 row(s)" not in leaving.stdout


def test_the_shell_on_a_terminal_prompts_goes_on_after_a_refusal_and_keeps_no_history(ctx, fault_dataset,
                                                                                      tmp_path) -> None:
    """The real command in a pseudo-terminal, as support types into it."""
    import os
    import pty
    import re
    import select
    import subprocess
    import sys

    home = tmp_path / "os-home"
    home.mkdir()
    env = {**os.environ, "INTAKE_HOME": str(ctx.settings.home), "HOME": str(home), "COLUMNS": "140",
           "TERM": "xterm"}
    env.pop("INTAKE_CONFIG", None)
    primary, secondary = pty.openpty()
    process = subprocess.Popen([str(Path(sys.executable).parent / "intake"), "--as", "sam", "fault", "shell",
                                fault_dataset], stdin=secondary, stdout=secondary, stderr=secondary, env=env,
                               close_fds=True)
    os.close(secondary)
    shown = b""

    def until(text: bytes) -> str:
        nonlocal shown
        start = len(shown)
        while text not in shown[start:]:
            ready, _, _ = select.select([primary], [], [], 120)
            if not ready:
                process.kill()
                raise AssertionError(f"no {text!r} within 120 s: {shown[-2000:]!r}")
            shown += os.read(primary, 65536)
        return " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown[start:].decode(errors="replace")).split())

    opening = until(b"fault> ")
    assert "pseudonymised view" in opening and "jobs (3 rows)" in opening
    os.write(primary, b"SELECT count(*) AS n\n")
    until(b"...> ")  # the statement goes on until its ';'
    os.write(primary, b"FROM jobs;\n")
    assert "1 row(s), pseudonymised view" in until(b"fault> ")
    os.write(primary, b"SELECT * FROM nowhere;\n")
    assert "QueryRefused" in until(b"fault> ")  # reported, and the shell goes on
    os.write(primary, b".quit\n")
    assert process.wait(60) == 0
    os.close(primary)
    assert not any(home.iterdir())  # no history file: a query may quote a customer's value
