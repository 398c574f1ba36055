"""Every change to a sealed row is a versioned state event in the audit log: a row deleted with SQL (a legal hold,
a role) is named by `audit verify` and stops the sweep; a row written back with an older state, or the log's
state events and their index edited, are named too; normal operations keep every check passing; a registry from
before versions is versioned when it is upgraded."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from intake.authorisation import withdraw
from intake.cli import app
from intake.context import Context
from intake.errors import StateTampered
from intake.registry.chain import event_hash
from intake.registry.models import DatasetState, Role, User, UserRole
from intake.retention import (
    complete_migration,
    place_legal_hold,
    place_restriction,
    release_legal_hold,
    release_restriction,
    sweep,
)
from intake.users import grant, revoke
from tests.retention.conftest import store_artefacts


def sql(ctx: Context, statement: str, **params: object) -> None:
    """What someone with write access to the database does, bypassing intake."""
    with ctx.registry.engine.begin() as conn:
        conn.execute(text(statement), params)


def select_one(ctx: Context, statement: str, **params: object) -> dict:
    with ctx.registry.engine.connect() as conn:
        return dict(conn.execute(text(statement), params).mappings().one())


def vault_files(ctx: Context, dataset_id: str) -> list:
    folder = ctx.settings.vault_path / dataset_id
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_legal_hold_deleted_in_sql_is_named_and_the_sweep_deletes_nothing(ctx, as_user, factory, clock) -> None:
    dora = as_user("dora")
    made = factory.dataset()
    complete_migration(as_user("eve"), made.dataset_id)
    store_artefacts(ctx, made.dataset_id)
    hold = place_legal_hold(dora, dataset_id=made.dataset_id, reason="claim")
    clock.advance(timedelta(days=200))  # past its retention: only the hold keeps it

    sql(ctx, "DELETE FROM holds WHERE id = :id", id=hold.id)

    with pytest.raises(StateTampered, match=f"registry row holds {hold.id} was deleted outside intake"):
        ctx.verify_state()
    with pytest.raises(StateTampered, match=f"holds {hold.id} was deleted outside intake"):
        sweep(dora)
    assert factory.get(made.dataset_id).state is DatasetState.COMPLETED
    assert len(vault_files(ctx, made.dataset_id)) >= 4  # nothing destroyed
    refused = [e for e in ctx.audit.events() if e.action == "retention.sweep"][-1]
    assert refused.outcome == "refused" and json.loads(refused.details)["reason"] == "state_tampered"


def test_a_role_deleted_in_sql_is_named_by_audit_verify(cli_home) -> None:
    ctx = Context(actor="ada")
    try:
        sql(ctx, "DELETE FROM user_roles WHERE user_name = 'sam' AND role = 'support'")
    finally:
        ctx.close()
    bad = CliRunner().invoke(app, ["--as", "dora", "audit", "verify"])
    assert bad.exit_code == 1
    said = " ".join(bad.output.split())
    assert "registry row user_roles sam/support was deleted outside intake" in said


def test_a_role_revoked_then_written_back_in_sql_gives_no_rights(ctx, as_user) -> None:
    granted = select_one(ctx, "SELECT * FROM user_roles WHERE user_name = 'eve'")
    revoke(ctx, "eve", Role.ENGINEER)
    columns = ", ".join(granted)
    sql(ctx, f"INSERT INTO user_roles ({columns}) VALUES ({', '.join(':' + c for c in granted)})", **granted)

    with pytest.raises(StateTampered, match=r"user_roles eve/engineer was deleted through intake \(audit event"):
        as_user("eve").authorise("dataset.receive")
    with pytest.raises(StateTampered, match="user_roles eve/engineer"):
        ctx.verify_state()


def test_a_hold_released_then_written_back_open_is_refused(ctx, as_user, factory) -> None:
    dora = as_user("dora")
    made = factory.dataset()
    hold = place_legal_hold(dora, dataset_id=made.dataset_id, reason="claim")
    open_row = select_one(ctx, "SELECT closed_at, closed_by, outcome, version, seal FROM holds WHERE id = :id",
                          id=hold.id)
    release_legal_hold(dora, hold.id, reason="settled")
    sql(ctx, "UPDATE holds SET closed_at = :closed_at, closed_by = :closed_by, outcome = :outcome, "
             "version = :version, seal = :seal WHERE id = :id", id=hold.id, **open_row)

    with pytest.raises(StateTampered, match=f"holds {hold.id} was altered outside intake: its state .* older"):
        ctx.verify_state()


def test_normal_operations_keep_every_check_passing(ctx, as_user, factory, clock) -> None:
    dora = as_user("dora")
    kept, due = factory.dataset(), factory.dataset()
    withdraw(as_user("sam"), kept.authorisation_reference, "customer letter")
    legal = place_legal_hold(dora, dataset_id=kept.dataset_id, reason="claim")
    restriction = place_restriction(dora, dataset_id=kept.dataset_id, reason="accuracy contested")
    release_restriction(dora, restriction.id, reason="corrected")
    revoke(ctx, "sam", Role.SUPPORT)
    grant(ctx, "sam", Role.SUPPORT)  # the same key again: its count continues
    complete_migration(as_user("eve"), due.dataset_id)
    store_artefacts(ctx, due.dataset_id)
    clock.advance(timedelta(days=200))
    report = sweep(dora)
    assert [d.dataset_id for d in report.deleted] == [due.dataset_id]
    assert kept.dataset_id in report.held
    release_legal_hold(dora, legal.id, reason="settled")

    assert ctx.verify_state() >= 10
    assert ctx.audit.verify().events == len(ctx.audit.events())
    head = select_one(ctx, "SELECT version, op FROM state_heads WHERE table_name = 'user_roles' "
                           "AND row_key = 'sam/support'")
    assert head == {"version": 3, "op": "insert"}  # granted, revoked, granted again
    assert select_one(ctx, "SELECT version FROM user_roles WHERE user_name = 'sam'")["version"] == 3


def test_a_state_event_removed_from_the_log_is_named_even_when_the_chain_is_rehashed(ctx, as_user) -> None:
    """An attacker who deletes the event recording a role's revocation and recomputes every later hash keeps the
    plain hash chain valid, but not the state events' MAC chain, which needs the state key."""
    revoke(ctx, "sam", Role.SUPPORT)
    grant(ctx, "eve", Role.SUPPORT)  # a later state change
    with ctx.registry.engine.begin() as conn:
        rows = conn.execute(text("SELECT * FROM audit_events ORDER BY seq")).mappings().all()
        victim = max(r["seq"] for r in rows if r["action"] == "state.write" and '"delete"' in r["details"])
        conn.execute(text("DELETE FROM audit_events WHERE seq >= :s"), {"s": victim})
        prev = rows[victim - 2]["hash"]
        for seq, row in enumerate((r for r in rows if r["seq"] > victim), start=victim):
            at = datetime.fromisoformat(row["at"])  # SQLite hands the column back as text
            digest = event_hash(seq, at, row["actor"], row["role"], row["action"], row["dataset_id"],
                                row["outcome"], row["details"], prev)
            conn.execute(text("INSERT INTO audit_events (seq, at, actor, role, action, dataset_id, outcome, details, "
                              "prev_hash, hash) VALUES (:seq, :at, :actor, :role, :action, :dataset_id, :outcome, "
                              ":details, :prev, :hash)"), {**row, "seq": seq, "prev": prev, "hash": digest})
            prev = digest
    assert ctx.audit.verify().events == len(rows) - 1  # the plain chain is whole again

    with pytest.raises(StateTampered, match=r"audit event \d+ \(a state change\) was not written by intake"):
        ctx.verify_state()


def test_the_state_index_edited_is_named(ctx) -> None:
    sql(ctx, "UPDATE state_heads SET version = version + 5 WHERE table_name = 'users' AND row_key = 'eve'")
    with pytest.raises(StateTampered, match=r"index of the audit log \(state_heads\) was edited for 1 row"):
        ctx.verify_state()


def test_a_registry_from_before_versions_is_versioned_when_upgraded(settings, clock) -> None:
    """Rows sealed under migration 0002's seals (no version) get version 1 and one state event on upgrade; a row
    whose old seal no longer holds is left refused."""
    from intake.registry.db import Registry, upgrade
    from intake.registry.seal import _values
    from intake.registry.state_key import StateKeyFile

    keys = StateKeyFile(settings.state_key_file)
    keys.create()
    key = keys.load()
    old = Registry(settings.registry_url)
    upgrade(old.engine, "0004")
    users = [User(name=n, created_at=clock.now(), active=True) for n in ("ada", "eve")]
    roles = [UserRole(user_name="ada", role=Role.ADMIN, granted_by="ada", granted_at=clock.now()),
             UserRole(user_name="eve", role=Role.ENGINEER, granted_by="ada", granted_at=clock.now())]
    with old.engine.begin() as conn:
        for user in users:
            conn.execute(text("INSERT INTO users (name, created_at, active, seal) VALUES (:n, :at, 1, :s)"),
                         {"n": user.name, "at": clock.now(), "s": key.mac(["users", _values(user)])})
        for role in roles:
            seal = key.mac(["user_roles", _values(role)])
            conn.execute(text("INSERT INTO user_roles (user_name, role, granted_by, granted_at, seal) "
                              "VALUES (:u, :r, 'ada', :at, :s)"), {"u": role.user_name, "r": role.role.value,
                                                                    "at": clock.now(), "s": seal})
        conn.execute(text("UPDATE user_roles SET role = 'admin' WHERE user_name = 'eve'"))  # edited before upgrade
    old.dispose()

    ctx = Context(settings=settings, actor="ada", clock=clock)  # upgrades to the newest schema
    try:
        versions = select_one(ctx, "SELECT version FROM users WHERE name = 'eve'")
        assert versions == {"version": 1}
        adopted = [json.loads(e.details) for e in ctx.audit.events() if e.action == "state.write"]
        assert len(adopted) == 1 and {r[3] for r in adopted[0]["rows"]} == {"adopt"}
        assert len(adopted[0]["rows"]) == 3  # both users and ada's role; not eve's edited role
        assert ctx.actor().roles == frozenset({Role.ADMIN})
        with pytest.raises(StateTampered, match="user_roles eve/admin has no version") as named:
            ctx.verify_state()
        assert "1 registry row(s)" in str(named.value)
    finally:
        ctx.close()
