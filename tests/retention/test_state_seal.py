"""Registry rows edited outside intake are refused where they are used and named by `audit verify`; withdrawn
consent and deletions cannot be undone by editing the database; the state key is never silently replaced."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from intake.authorisation import check_still_authorised
from intake.cli import app
from intake.context import Context
from intake.errors import PermissionDenied, StateKeyMissing, StateTampered
from intake.registry.models import DatasetState, Purpose
from intake.registry.seal import SEALED
from intake.retention import complete_migration, sweep
from intake.users import initialise
from tests.retention.conftest import store_artefacts


def sql(ctx: Context, statement: str, **params: object) -> None:
    """What someone with write access to the database does, bypassing intake."""
    with ctx.registry.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_consent_reactivated_in_sql_is_refused_where_used_and_named(ctx, as_user, factory, clock) -> None:
    made = factory.dataset(withdrawn_at=clock.now())
    sql(ctx, "UPDATE authorisations SET state = 'active', withdrawn_at = NULL, withdrawn_by = NULL "
             "WHERE reference = :ref", ref=made.authorisation_reference)

    with pytest.raises(StateTampered, match=r"registry row authorisations .* was changed outside intake"):
        check_still_authorised(as_user("eve"), made.dataset_id, Purpose.MIGRATION)
    with pytest.raises(StateTampered) as info:
        ctx.verify_state()
    assert "1 registry row(s)" in str(info.value) and "authorisations" in str(info.value)
    assert made.authorisation_reference not in str(info.value)  # rows are named by id, never by their values


def test_dataset_marked_deleted_in_sql_stops_the_sweep_loudly(ctx, as_user, factory, clock) -> None:
    made = factory.dataset(state=DatasetState.COMPLETED)
    stored = store_artefacts(ctx, made.dataset_id)
    sql(ctx, "UPDATE datasets SET state = 'deleted', deleted_at = :now WHERE id = :id", now=clock.now(),
        id=made.dataset_id)

    with pytest.raises(StateTampered, match=f"datasets {made.dataset_id}"):
        sweep(as_user("dora"))
    refused = [e for e in ctx.audit.events() if e.action == "retention.sweep"]
    assert refused[-1].outcome == "refused" and json.loads(refused[-1].details)["reason"] == "state_tampered"
    vault_files = [p for p in ctx.settings.vault_path.rglob("*") if p.is_file()]
    assert len(vault_files) >= len(stored)  # nothing acted on the edited row


def test_role_inserted_in_sql_gives_no_rights(ctx, as_user, clock) -> None:
    sql(ctx, "INSERT INTO user_roles (user_name, role, granted_by, granted_at) VALUES ('eve', 'admin', 'ada', :at)",
        at=clock.now())
    with pytest.raises(StateTampered, match="user_roles eve/admin has no seal"):
        as_user("eve").authorise("users.manage")


def test_changes_made_through_intake_keep_every_seal_valid(ctx, as_user, factory, clock) -> None:
    made = factory.dataset()
    complete_migration(as_user("eve"), made.dataset_id)
    store_artefacts(ctx, made.dataset_id)
    clock.advance(timedelta(days=185))
    report = sweep(as_user("dora"))
    assert report.deleted and report.deleted[0].dataset_id == made.dataset_id
    assert ctx.verify_state() >= len(SEALED)


def test_audit_verify_names_the_edited_row_and_exits_1(cli_home) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["--as", "dora", "--json", "audit", "verify"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["sealed_rows"] >= 8  # four users, their roles

    ctx = Context(actor="ada")
    try:
        sql(ctx, "UPDATE users SET active = 0 WHERE name = 'sam'")
    finally:
        ctx.close()
    bad = runner.invoke(app, ["--as", "dora", "audit", "verify"])
    assert bad.exit_code == 1
    assert "registry row users sam" in " ".join(bad.output.split())


def test_a_lost_state_key_is_refused_and_never_recreated(ctx, clock) -> None:
    key_file = ctx.settings.state_key_file
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    key_file.unlink()
    fresh = Context(settings=ctx.settings, actor="ada", clock=clock)
    try:
        with pytest.raises(StateKeyMissing, match=r"state\.key is missing: restore it"):
            fresh.actor()
        with pytest.raises(StateKeyMissing):
            initialise(fresh)
    finally:
        fresh.close()
    assert not key_file.exists()


def test_a_registry_from_before_seals_is_sealed_once_by_its_admin(settings, clock) -> None:
    from intake.audit import AuditLog
    from intake.registry.db import Registry
    from intake.registry.models import Role, User, UserRole

    before = Registry(settings.registry_url)  # as intake wrote it before state keys existed: no seals, no versions
    before.upgrade()
    with before.session() as session:
        for name, role in (("ada", Role.ADMIN), ("eve", Role.ENGINEER), ("dora", Role.DPO), ("sam", Role.SUPPORT)):
            user = User(name=name, created_at=clock.now(), active=True)
            user.roles.append(UserRole(role=role, granted_by="ada", granted_at=clock.now()))
            session.add(user)
    AuditLog(before, clock).record("ada", "admin", "init")
    before.dispose()

    engineer = Context(settings=settings, actor="eve", clock=clock)
    admin = Context(settings=settings, actor="ada", clock=clock)
    try:
        with pytest.raises(PermissionDenied, match="needs its admin"):
            initialise(engineer)
        assert not settings.state_key_file.exists()
        initialise(admin)
        assert admin.verify_state() >= 8
        sealed = [e for e in admin.audit.events() if e.action == "state.sealed"]
        assert len(sealed) == 1 and json.loads(sealed[0].details)["rows"] >= 8
        assert admin.audit.verify().events == len(admin.audit.events())
    finally:
        engineer.close()
        admin.close()


def test_seals_wiped_and_key_removed_cannot_be_resealed_under_a_new_key(ctx, clock) -> None:
    """Nulling every seal and removing the key must not let `init` adopt the edited rows under a fresh key: the
    audit log's state events were sealed under the old one."""
    for model in SEALED:
        sql(ctx, f"UPDATE {model.__tablename__} SET seal = NULL")
    ctx.settings.state_key_file.unlink()
    admin = Context(settings=ctx.settings, actor="ada", clock=clock)
    try:
        with pytest.raises(StateKeyMissing, match="is missing: restore it"):
            initialise(admin)
        assert not ctx.settings.state_key_file.exists()
    finally:
        admin.close()
