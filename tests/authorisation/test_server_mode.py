"""Server mode (issue 19): on PostgreSQL the database itself refuses a staff login that edits roles, holds or the
audit log directly; the SECURITY DEFINER functions apply permissions.py's rules and stamp the session's login."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from intake.clock import FixedClock
from intake.config import Settings
from intake.context import Context
from intake.errors import AuditChainBroken
from intake.registry.db import Registry
from intake.registry.models import Role
from intake.registry.server import STAFF, WORKER, apply_server_roles, create_login, session_login
from intake.users import add_user, initialise
from tests.services import empty_registry

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(postgres_url: str, tmp_path: Path) -> Iterator[tuple[Context, dict[str, Engine]]]:
    empty_registry(postgres_url)
    registry = Registry(postgres_url)
    clock = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    ctx = Context(settings=Settings(home=tmp_path / "h", database_url=postgres_url), actor="ada", clock=clock,
                  registry=registry)
    initialise(ctx)
    add_user(ctx, "eve", [Role.ENGINEER])
    add_user(ctx, "dan", [Role.DPO])
    add_user(ctx, "sue", [Role.SUPPORT])
    apply_server_roles(registry.engine)
    apply_server_roles(registry.engine)  # idempotent: an administrator re-applies it after every upgrade
    engines: dict[str, Engine] = {}
    for name in ("ada", "eve", "dan", "sue"):
        create_login(registry.engine, name, f"pw-{name}", STAFF)
    create_login(registry.engine, "intake-service", "pw-worker", WORKER)
    for name in ("ada", "eve", "dan", "sue", "intake-service"):
        engines[name] = create_engine(make_url(postgres_url).set(username=name, password=f"pw-{name}"))
    try:
        yield ctx, engines
    finally:
        for engine in engines.values():
            engine.dispose()
        registry.dispose()


def _denied(engine: Engine, sql: str, params: dict[str, object] | None = None) -> str:
    with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
        conn.execute(text(sql), params or {})
    return str(caught.value.orig)


def _run(engine: Engine, sql: str, params: dict[str, object] | None = None) -> None:
    with engine.begin() as conn:
        conn.execute(text(sql), params or {})


def test_a_staff_login_cannot_edit_roles_holds_or_the_audit_log_directly(server) -> None:
    ctx, engines = server
    _run(engines["dan"], "SELECT intake_place_hold('h1', 'legal', NULL, NULL, 'LM-1', 'litigation')")
    for who in ("eve", "ada", "dan"):
        engine = engines[who]
        assert "permission denied" in _denied(engine, "UPDATE user_roles SET role = 'admin'")
        assert "permission denied" in _denied(
            engine, "INSERT INTO user_roles (user_name, role, granted_by, granted_at) VALUES (:u, 'dpo', :u, now())",
            {"u": who})
        assert "permission denied" in _denied(engine, "DELETE FROM holds")
        assert "permission denied" in _denied(engine, "UPDATE holds SET closed_at = now()")
        assert "permission denied" in _denied(engine, "UPDATE audit_events SET actor = 'x'")
        assert "permission denied" in _denied(engine, "DELETE FROM audit_events")
        assert "permission denied" in _denied(engine, "TRUNCATE audit_events")
    with engines["eve"].connect() as conn:  # reading stays allowed: `intake holds list`, `users list`
        assert conn.execute(text("SELECT count(*) FROM holds WHERE closed_at IS NULL")).scalar_one() == 1
    ctx.audit.verify()


def test_the_functions_apply_the_role_table_and_stamp_the_session_login(server) -> None:
    ctx, engines = server
    # Nobody grants themselves a role, not even an admin; an engineer grants nothing.
    assert "nobody grants a role to themselves" in _denied(engines["ada"], "SELECT intake_grant_role('ada', 'dpo')")
    assert "only an admin" in _denied(engines["eve"], "SELECT intake_grant_role('eve', 'admin')")
    assert "only an admin" in _denied(engines["eve"], "SELECT intake_grant_role('sue', 'engineer')")
    assert "service role" in _denied(engines["ada"], "SELECT intake_grant_role('eve', 'service')")
    _run(engines["ada"], "SELECT intake_grant_role('eve', 'support')")

    # A legal hold is placed and lifted by the DPO only: not by the admin, not by an engineer.
    assert "dpo role" in _denied(engines["ada"], "SELECT intake_place_hold('h0', 'legal', NULL, NULL, 'LM-0', '')")
    _run(engines["dan"], "SELECT intake_place_hold('h1', 'legal', NULL, NULL, 'LM-1', 'litigation')")
    assert "dpo role" in _denied(engines["ada"], "SELECT intake_lift_hold('h1', 'resolved')")
    assert "dpo role" in _denied(engines["eve"], "SELECT intake_lift_hold('h1', 'resolved')")
    _run(engines["dan"], "SELECT intake_lift_hold('h1', 'resolved')")
    with engines["dan"].connect() as conn:
        opened_by, closed_by = conn.execute(text("SELECT opened_by, closed_by FROM holds WHERE id = 'h1'")).one()
        granted_by = conn.execute(
            text("SELECT granted_by FROM user_roles WHERE user_name = 'eve' AND role = 'support'")).scalar_one()
        actors = conn.execute(text("SELECT actor, action FROM audit_events WHERE action IN "
                                   "('users.grant', 'hold.place', 'hold.lift') ORDER BY seq")).all()
    assert (opened_by, closed_by, granted_by) == ("dan", "dan", "ada")
    assert [tuple(a) for a in actors] == [("ada", "users.grant"), ("dan", "hold.place"), ("dan", "hold.lift")]

    # The actor is the login, whatever a caller would like to write: there is no actor parameter to pass.
    _run(engines["eve"], "SELECT intake_audit_append('engineer', 'migration.run', NULL, 'ok', '{\"run\":\"r1\"}')")
    assert session_login(engines["eve"]) == "eve"
    # Events appended by the database chain onto those intake wrote, and `intake audit verify` accepts them.
    result = ctx.audit.verify()
    assert result.events == ctx.audit.count()
    assert ctx.audit.events(limit=1)[0].actor == "eve"


def test_a_rewritten_function_event_is_still_caught_by_verify(server) -> None:
    ctx, engines = server
    _run(engines["sue"], "SELECT intake_audit_append('support', 'fault.read', NULL, 'ok', '{}')")
    with ctx.registry.engine.begin() as conn:  # the schema owner can still edit; the chain names it
        conn.execute(text("UPDATE audit_events SET actor = 'eve' WHERE actor = 'sue'"))
    with pytest.raises(AuditChainBroken, match="modified"):
        ctx.audit.verify()


def test_the_worker_login_writes_what_a_sweep_writes_and_nothing_more(server) -> None:
    _ctx, engines = server
    worker = engines["intake-service"]
    _run(worker, "SELECT intake_audit_append('service', 'retention.sweep', NULL, 'ok', '{}')")
    _run(worker, "UPDATE datasets SET state = state")
    assert "permission denied" in _denied(worker, "UPDATE user_roles SET role = 'admin'")
    assert "permission denied" in _denied(
        worker, "INSERT INTO users (name, created_at, active) VALUES ('x', now(), true)")
    assert "permission denied" in _denied(worker, "UPDATE authorisations SET state = 'active'")
    assert "permission denied" in _denied(worker, "DELETE FROM holds")
    assert "permission denied" in _denied(worker, "SELECT intake_grant_role('eve', 'admin')")
    assert "permission denied" in _denied(worker, "SELECT intake_lift_hold('h1', 'resolved')")


def test_a_non_ascii_audit_field_is_refused_rather_than_hashed_differently(server) -> None:
    ctx, engines = server
    refused = _denied(engines["eve"], "SELECT intake_audit_append('engineer', 'x', NULL, 'ok', '{\"r\":\"é\"}')")
    assert "ASCII" in refused
    ctx.audit.verify()


def test_an_administrator_sets_up_server_mode_with_the_cli(postgres_url: str) -> None:
    from typer.testing import CliRunner

    from intake.cli import app

    owner = create_engine(postgres_url)
    try:
        empty_registry(postgres_url)
        runner = CliRunner()
        env = {"INTAKE_OWNER_URL": postgres_url, "INTAKE_LOGIN_PASSWORD": "pw-kim"}
        for _twice in range(2):
            done = runner.invoke(app, ["server", "init-db"], env=env)
            assert done.exit_code == 0, done.output
        done = runner.invoke(app, ["server", "add-login", "kim"], env=env)
        assert done.exit_code == 0, done.output
        refused = runner.invoke(app, ["server", "add-login", "Robert'); DROP"], env=env)
        assert refused.exit_code == 1 and "cannot be a database login" in refused.output
        kim = create_engine(make_url(postgres_url).set(username="kim", password="pw-kim"))
        try:
            assert session_login(kim) == "kim"
            assert "permission denied" in _denied(kim, "DELETE FROM audit_events")
            assert "only an admin" in _denied(kim, "SELECT intake_grant_role('kim', 'admin')")
        finally:
            kim.dispose()
    finally:
        owner.dispose()
