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
    assert json.loads(event.details)["view"] == "raw" and "confirm who reported" in event.details


def test_queries_cannot_reach_files_and_only_support_may_query(ctx, as_user, fault_dataset, tmp_path) -> None:
    target = tmp_path / "leak.csv"
    for sql in ("SELECT * FROM read_csv('/etc/passwd')", f"COPY jobs TO '{target}'",
                "SET enable_external_access = true", "INSTALL httpfs"):
        with pytest.raises(QueryRefused, match="refused by DuckDB"):
            query(as_user("sam"), fault_dataset, sql)
    assert not target.exists()
    for user in ("eve", "dora", "ada"):
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
