"""Server mode wired into intake (issue 19): intake connects with its own login, acts as the person sudo
authenticated (SET ROLE), and writes roles, holds and audit events through the database's functions, so the
database enforces that person's rights and stamps them as the actor; `intake audit verify` stays clean.

The CLI runs in this process as root with SUDO_USER set, as sudo sets it (the real sudo path is
tests/core/test_identity.py); the database is the suite's real PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner, Result

from intake.config import Settings, load_settings
from intake.context import Context
from intake.errors import DatabaseRefused, PermissionDenied
from intake.registry.audit_tables import AuditEvent
from intake.registry.db import Registry
from intake.registry.guarded import lift_hold
from intake.registry.models import Customer, Hold, HoldOutcome, Role
from intake.registry.server import SERVICE, STAFF, WORKER, apply_server_roles, create_login
from intake.registry.state_key import StateKeyFile
from intake.users import SERVICE_USER, add_user, initialise
from tests.services import empty_registry

pytestmark = pytest.mark.postgres
CUSTOMER = "Northshire Hospitals NHS Trust"


@dataclass
class Server:
    home: Path
    owner_url: str
    service_url: str
    customer_id: str


@pytest.fixture
def server(postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A registry set up as deployments/README.md says: bootstrapped by the admin with the owner's URL, then the
    server roles, one login per person, the worker's and intake's own."""
    from intake.cli.common import state

    empty_registry(postgres_url, (SERVICE, "ada", "eve", "dan", "sue", SERVICE_USER, "zed"))
    home = tmp_path / "home"
    admin = Context(settings=Settings(home=home, database_url=postgres_url), actor="ada")
    initialise(admin)
    add_user(admin, "eve", [Role.ENGINEER])
    add_user(admin, "dan", [Role.DPO])
    add_user(admin, "sue", [Role.SUPPORT])
    with admin.registry.session() as session:
        customer = Customer(name=CUSTOMER, created_at=datetime(2026, 3, 2, tzinfo=UTC))
        session.add(customer)
        session.flush()
        customer_id = customer.id
    apply_server_roles(admin.registry.engine)
    create_login(admin.registry.engine, SERVICE, "pw-service", SERVICE)
    for name in ("ada", "eve", "dan", "sue"):
        create_login(admin.registry.engine, name, f"pw-{name}", STAFF)
    create_login(admin.registry.engine, SERVICE_USER, "pw-worker", WORKER)
    admin.close()
    service_url = make_url(postgres_url).set(username=SERVICE, password="pw-service").render_as_string(
        hide_password=False)
    monkeypatch.setenv("INTAKE_HOME", str(home))
    monkeypatch.setenv("INTAKE_DATABASE_URL", service_url)
    monkeypatch.setenv("INTAKE_SERVER_MODE", "true")
    monkeypatch.delenv("INTAKE_CONFIG", raising=False)
    monkeypatch.delenv("INTAKE_ACTOR", raising=False)
    state.context = None
    yield Server(home, postgres_url, service_url, customer_id)
    if state.context is not None:
        state.context.close()
    state.context = None


def run(*args: str, sudo_user: str | None = None, actor: str | None = None) -> Result:
    """The CLI as `sudo -u <service> intake ...` leaves it: SUDO_USER set by sudo, nothing else of the caller's."""
    from intake.cli import app
    from intake.cli.common import state

    if state.context is not None:
        state.context.close()
    state.context = None
    env = {"SUDO_USER": sudo_user, "INTAKE_ACTOR": actor}
    return CliRunner().invoke(app, ["--json", *args], env=env)


def events(owner_url: str) -> list[AuditEvent]:
    registry = Registry(owner_url)
    try:
        with registry.session() as session:
            return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
    finally:
        registry.dispose()


def open_holds(owner_url: str) -> list[tuple[str, str, str]]:
    engine = create_engine(owner_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT id, kind, opened_by FROM holds WHERE closed_at IS NULL ORDER BY opened_at"))]
    finally:
        engine.dispose()


def test_inside_a_security_definer_function_the_actor_is_the_role_the_caller_set(server: Server) -> None:
    service = create_engine(server.service_url)
    eve = create_engine(make_url(server.owner_url).set(username="eve", password="pw-eve"))
    try:
        # intake's own login has no rights of its own (NOINHERIT): not even the schema's functions.
        with pytest.raises(DBAPIError, match="does not exist"), service.begin() as conn:
            conn.execute(text("SELECT intake_actor()"))
        with service.begin() as conn:
            conn.execute(text('SET ROLE "dan"'))
            assert conn.execute(text("SELECT intake_actor(), session_user")).one() == ("dan", SERVICE)
            # intake_audit_append is SECURITY DEFINER (it runs as the owner); it still sees the caller's SET ROLE.
            seq = conn.execute(text("SELECT intake_audit_append('dpo', 'probe', NULL, 'ok', '{}')")).scalar_one()
            assert conn.execute(text("SELECT intake_has_role('dpo'), intake_has_role('admin')")).one() == (True, False)
        with pytest.raises(DBAPIError, match="permission denied to set role"), eve.begin() as conn:
            conn.execute(text("SELECT set_config('role', 'dan', false)"))  # a person cannot become another
        with pytest.raises(DBAPIError, match="permission denied to set role"), eve.begin() as conn:
            conn.execute(text('SET ROLE "dan"'))
    finally:
        service.dispose()
        eve.dispose()
    assert [e.actor for e in events(server.owner_url) if e.seq == seq] == ["dan"]


def test_the_dpo_places_and_lifts_a_legal_hold_and_the_database_names_the_dpo(server: Server) -> None:
    placed = run("holds", "legal", "place", "--customer", CUSTOMER, "--reason", "litigation", "--reference",
                 "LM-7", sudo_user="dan")
    assert placed.exit_code == 0, placed.output
    hold_id = json.loads(placed.stdout)["id"]
    assert open_holds(server.owner_url) == [(hold_id, "legal", "dan")]

    released = run("holds", "legal", "release", hold_id, "--reason", "settled", "--yes", sudo_user="dan")
    assert released.exit_code == 0, released.output
    assert open_holds(server.owner_url) == []
    log = events(server.owner_url)
    by_action = {e.action: e for e in log}
    # The database's own events (hold.place, hold.lift) and intake's, all stamped with the DPO's login.
    for action in ("hold.place", "hold.lift", "legal_hold.place", "legal_hold.release"):
        assert by_action[action].actor == "dan", action
    # The state events of those writes came through the function too, as the DPO.
    assert {e.actor for e in log[-6:] if e.action == "state.write"} == {"dan"}

    verified = run("audit", "verify", sudo_user="ada")
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.stdout)["events"] == len(log)


def test_an_engineer_places_nothing_and_cannot_become_someone_else(server: Server) -> None:
    refused = run("holds", "legal", "place", "--customer", CUSTOMER, "--reason", "x", sudo_user="eve")
    assert refused.exit_code == 1 and "legal_hold.manage" in refused.output
    claimed = run("--as", "dan", "holds", "legal", "place", "--customer", CUSTOMER, "--reason", "x", sudo_user="eve")
    assert claimed.exit_code == 1 and "authenticated by sudo" in claimed.output
    # Run by the service account itself, only the service's own identity may be named: never a person.
    named = run("holds", "legal", "place", "--customer", CUSTOMER, "--reason", "x", actor="dan")
    assert named.exit_code == 1 and "name only the service's own identity" in named.output
    assert open_holds(server.owner_url) == []
    refusal = [e for e in events(server.owner_url) if e.outcome == "refused"]
    # each refusal recorded against who was authenticated: eve's hold, eve naming dan, the service naming dan
    assert sorted((e.actor, e.action) for e in refusal) == [
        ("eve", "identity"), ("eve", "legal_hold.manage"), ("intake_service", "identity")]


def test_a_login_the_service_may_not_act_as_is_refused_with_what_to_do(server: Server) -> None:
    assert run("audit", "anchor", sudo_user="ada").exit_code == 0  # the log as anchored so far
    unknown = run("users", "whoami", sudo_user="zed")
    assert unknown.exit_code == 1
    said = " ".join(unknown.output.split())
    assert "may not act as 'zed'" in said and "intake server add-login zed" in said
    # Refused before it could act as anyone, and audited all the same: by the login that tried, naming whom for.
    [refused] = [e for e in events(server.owner_url) if e.action == "identity.acting"]
    assert (refused.actor, refused.outcome, json.loads(refused.details)["wanted"]) == ("intake_service", "refused",
                                                                                       "zed")
    verified = run("audit", "verify", sudo_user="ada")
    assert verified.exit_code == 0, verified.output  # the database's own event keeps the chain whole


def test_the_admin_cannot_grant_themself_a_role_nor_lift_a_legal_hold(server: Server) -> None:
    # intake lets an admin manage users; the database refuses the self-grant, and intake audits the refusal.
    selfish = run("users", "grant", "ada", "dpo", sudo_user="ada")
    assert selfish.exit_code == 1 and "nobody grants a role to themselves" in selfish.output
    granted = run("users", "grant", "eve", "support", sudo_user="ada")
    assert granted.exit_code == 0, granted.output
    assert json.loads(granted.stdout)["roles"] == ["engineer", "support"]
    log = events(server.owner_url)
    assert [(e.actor, e.outcome) for e in log if e.action == "users.grant"] == [
        ("ada", "refused"), ("ada", "ok"), ("ada", "ok")]  # the refusal; the database's event and intake's
    revoked = run("users", "revoke", "eve", "support", sudo_user="ada")
    assert revoked.exit_code == 0 and json.loads(revoked.stdout)["roles"] == ["engineer"], revoked.output
    added = run("users", "add", "kim", "--role", "support", sudo_user="ada")
    assert added.exit_code == 0 and json.loads(added.stdout)["roles"] == ["support"], added.output
    # The DPO manages no users: intake says so first, and the database would too.
    assert run("users", "grant", "eve", "dpo", sudo_user="dan").exit_code == 1

    placed = run("holds", "legal", "place", "--customer", CUSTOMER, "--reason", "litigation", sudo_user="dan")
    hold_id = json.loads(placed.stdout)["id"]
    # Even past intake's own check (legal_hold.manage), the database refuses the admin.
    key = StateKeyFile(Settings(home=server.home).state_key_file)
    ada = Registry(server.service_url, state_key=key.load, acting="ada")
    try:
        with pytest.raises(DatabaseRefused, match="lifted by the dpo role"), ada.session() as session:
            hold = session.get(Hold, hold_id)
            assert hold is not None
            lift_hold(session, hold, HoldOutcome.RELEASED, "ada", datetime.now(UTC))
    finally:
        ada.dispose()
    assert [h[0] for h in open_holds(server.owner_url)] == [hold_id]
    assert run("audit", "verify", sudo_user="ada").exit_code == 0


def test_the_worker_runs_as_its_own_login_and_verify_stays_clean(server: Server) -> None:
    placed = run("holds", "legal", "place", "--customer", CUSTOMER, "--reason", "litigation", sudo_user="dan")
    hold_id = json.loads(placed.stdout)["id"]
    owner = create_engine(server.owner_url)
    try:
        with owner.begin() as conn:  # the review date has passed (an unsealed column: a reminder only)
            conn.execute(text("UPDATE holds SET review_by = now() - interval '1 day' WHERE id = :id"), {"id": hold_id})
        swept = run("retention", "sweep", "--yes", actor=SERVICE_USER)
        assert swept.exit_code == 0, swept.output
        with owner.connect() as conn:  # the worker's login may set the reminder, and nothing else of a hold
            assert conn.execute(text("SELECT review_notified_at IS NOT NULL FROM holds")).scalar_one()
    finally:
        owner.dispose()
    reminded = [e for e in events(server.owner_url) if e.action == "legal_hold.review_due"]
    assert [(e.actor, e.role) for e in reminded] == [(SERVICE_USER, "service")]
    verified = run("audit", "verify", sudo_user="dan")
    assert verified.exit_code == 0, verified.output


def test_the_worker_deletes_a_due_dataset_as_its_own_login(server: Server) -> None:
    from tests.retention.conftest import RegistryFactory, store_artefacts

    admin = Context(settings=Settings(home=server.home, database_url=server.owner_url, server_mode=False),
                    actor="ada")
    try:  # made by the owner, as a receive would: a dataset whose consent was withdrawn, with real artefacts
        made = RegistryFactory(admin).dataset(withdrawn_at=admin.clock.now())
        store_artefacts(admin, made.dataset_id)
    finally:
        admin.close()
    swept = run("retention", "sweep", "--yes", actor=SERVICE_USER)
    assert swept.exit_code == 0, swept.output
    owner = create_engine(server.owner_url)
    try:
        with owner.connect() as conn:
            state = conn.execute(text("SELECT state FROM datasets WHERE id = :id"), {"id": made.dataset_id}).scalar()
            certificates = conn.execute(text("SELECT count(*) FROM deletion_certificates")).scalar_one()
    finally:
        owner.dispose()
    assert (state, certificates) == ("deleted", 1)
    deleted = [e for e in events(server.owner_url) if e.dataset_id == made.dataset_id and e.outcome == "ok"]
    assert deleted and {e.actor for e in deleted if e.action != "state.write"} >= {SERVICE_USER}
    verified = run("audit", "verify", sudo_user="dan")
    assert verified.exit_code == 0, verified.output


def test_a_person_with_their_own_login_has_the_same_limits(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    dan_url = make_url(server.owner_url).set(username="dan", password="pw-dan").render_as_string(hide_password=False)
    monkeypatch.setenv("INTAKE_DATABASE_URL", dan_url)
    placed = run("holds", "legal", "place", "--customer", CUSTOMER, "--reason", "litigation", sudo_user="dan")
    assert placed.exit_code == 0, placed.output
    # dan's login cannot act as anyone else, whatever the OS says.
    other = run("users", "whoami", sudo_user="ada")
    assert other.exit_code == 1 and "may not act as 'ada'" in " ".join(other.output.split())
    dan = create_engine(dan_url)
    try:
        for sql in ("UPDATE holds SET closed_at = now()", "UPDATE user_roles SET role = 'admin'",
                    "UPDATE audit_events SET actor = 'ada'"):
            with pytest.raises(DBAPIError, match="permission denied"), dan.begin() as conn:
                conn.execute(text(sql))
    finally:
        dan.dispose()
    assert run("audit", "verify", sudo_user="dan").exit_code == 0


def test_root_naming_a_person_in_server_mode_is_refused(server: Server) -> None:
    with pytest.raises(PermissionDenied, match="name only the service's own identity"):
        Context(actor="dan")


def test_server_mode_is_a_strict_setting(server: Server) -> None:
    from intake.errors import ConfigError

    with pytest.raises(ConfigError, match="server_mode needs database_url"):
        load_settings(database_url=None)
    with pytest.raises(ConfigError, match="set server_mode = true"):
        load_settings(server_mode=False)  # the service login without server mode could do nothing


def test_support_opens_and_closes_a_fault_hold_through_the_database(server: Server,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from intake.audit_anchor import write_anchor
    from intake.registry.models import Purpose
    from intake.retention.fault_holds import close_fault_hold, open_fault_hold
    from tests.retention.conftest import RegistryFactory

    admin = Context(settings=Settings(home=server.home, database_url=server.owner_url, server_mode=False),
                    actor="ada")
    try:
        made = RegistryFactory(admin).dataset(purpose=Purpose.FAULT_INVESTIGATION)
    finally:
        admin.close()
    monkeypatch.setenv("SUDO_USER", "sue")
    sue = Context()
    try:
        opened = open_fault_hold(sue, made.dataset_id, made.purpose_reference)
        close_fault_hold(sue, made.dataset_id, HoldOutcome.RESOLVED)
        write_anchor(sue)  # as the CLI does where a command that appended audit events ends
    finally:
        sue.close()
    owner = create_engine(server.owner_url)
    try:
        with owner.connect() as conn:
            row = conn.execute(text("SELECT opened_by, closed_by, outcome FROM holds WHERE id = :id"),
                               {"id": opened.id}).one()
    finally:
        owner.dispose()
    assert tuple(row) == ("sue", "sue", "resolved")
    assert [e.actor for e in events(server.owner_url) if e.action in ("hold.place", "hold.lift")] == ["sue", "sue"]
    assert run("audit", "verify", sudo_user="dan").exit_code == 0
