"""Server mode (issue 19): a legal hold's review date is set by the DPO only. No staff login may UPDATE
holds.review_by itself (an engineer could otherwise push a hold's review out for ever); intake's review goes
through the database's SECURITY DEFINER function, which checks the DPO role and stamps the session's login."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner, Result

from intake.config import Settings
from intake.context import Context
from intake.registry.audit_tables import AuditEvent
from intake.registry.db import Registry
from intake.registry.models import Customer, Role
from intake.registry.server import SERVICE, STAFF, WORKER, apply_server_roles, create_login
from intake.users import SERVICE_USER, add_user, initialise
from tests.services import empty_registry

pytestmark = pytest.mark.postgres
CUSTOMER = "Northshire Hospitals NHS Trust"
PEOPLE = ("ada", "eve", "dan")


@pytest.fixture
def owner_url(postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A server-mode registry as deployments/README.md sets it up: admin ada, engineer eve, DPO dan, one customer;
    the CLI runs as intake's service login, acting for whoever SUDO_USER names."""
    from intake.cli.common import state

    empty_registry(postgres_url, (SERVICE, *PEOPLE, SERVICE_USER))
    home = tmp_path / "home"
    admin = Context(settings=Settings(home=home, database_url=postgres_url), actor="ada")
    initialise(admin)
    add_user(admin, "eve", [Role.ENGINEER])
    add_user(admin, "dan", [Role.DPO])
    with admin.registry.session() as session:
        session.add(Customer(name=CUSTOMER, created_at=datetime(2026, 3, 2, tzinfo=UTC)))
    apply_server_roles(admin.registry.engine)
    create_login(admin.registry.engine, SERVICE, "pw-service", SERVICE)
    for name in PEOPLE:
        create_login(admin.registry.engine, name, f"pw-{name}", STAFF)
    create_login(admin.registry.engine, SERVICE_USER, f"pw-{SERVICE_USER}", WORKER)
    admin.close()
    service_url = make_url(postgres_url).set(username=SERVICE, password="pw-service")
    monkeypatch.setenv("INTAKE_HOME", str(home))
    monkeypatch.setenv("INTAKE_DATABASE_URL", service_url.render_as_string(hide_password=False))
    monkeypatch.setenv("INTAKE_SERVER_MODE", "true")
    monkeypatch.delenv("INTAKE_CONFIG", raising=False)
    monkeypatch.delenv("INTAKE_ACTOR", raising=False)
    state.context = None
    yield postgres_url
    if state.context is not None:
        state.context.close()
    state.context = None


def run(*args: str, sudo_user: str) -> Result:
    from intake.cli import app
    from intake.cli.common import state

    if state.context is not None:
        state.context.close()
    state.context = None
    return CliRunner().invoke(app, ["--json", *args], env={"SUDO_USER": sudo_user, "INTAKE_ACTOR": None})


def login(owner_url: str, name: str) -> Engine:
    return create_engine(make_url(owner_url).set(username=name, password=f"pw-{name}"))


def review_by(owner_url: str, hold_id: str) -> datetime:
    engine = create_engine(owner_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT review_by FROM holds WHERE id = :id"), {"id": hold_id}).scalar_one()
    finally:
        engine.dispose()


def place(owner_url: str) -> str:
    placed = run("holds", "legal", "place", "--customer", CUSTOMER, "--reason", "litigation", "--review-by",
                 "2030-01-01", sudo_user="dan")
    assert placed.exit_code == 0, placed.output
    return str(json.loads(placed.stdout)["id"])


def test_no_staff_login_writes_a_review_date_directly_and_only_the_dpo_through_the_function(owner_url: str) -> None:
    hold_id = place(owner_url)
    before = review_by(owner_url, hold_id)
    for name in PEOPLE:  # the DPO too: a review goes through intake, audited, never a bare UPDATE
        engine = login(owner_url, name)
        try:
            with pytest.raises(DBAPIError, match="permission denied"), engine.begin() as conn:
                conn.execute(text("UPDATE holds SET review_by = now() + interval '100 years'"))
            if name != "dan":
                with pytest.raises(DBAPIError, match="reviewed by the dpo role"), engine.begin() as conn:
                    conn.execute(text("SELECT intake_review_hold(:id, now() + interval '100 years')"),
                                 {"id": hold_id})
        finally:
            engine.dispose()
    assert review_by(owner_url, hold_id) == before
    worker = login(owner_url, SERVICE_USER)  # the scheduled sweep still marks a review reminder as sent
    try:
        with worker.begin() as conn:
            conn.execute(text("UPDATE holds SET review_notified_at = now() WHERE id = :id"), {"id": hold_id})
    finally:
        worker.dispose()


def test_the_dpo_reviews_a_legal_hold_through_intake_and_an_engineer_cannot(owner_url: str) -> None:
    hold_id = place(owner_url)
    refused = run("holds", "legal", "review", hold_id, "--reason", "x", "--review-by", "2099-01-01", sudo_user="eve")
    assert refused.exit_code == 1 and "legal_hold.manage" in refused.output
    reviewed = run("holds", "legal", "review", hold_id, "--reason", "litigation continues", "--review-by",
                   "2031-06-30", sudo_user="dan")
    assert reviewed.exit_code == 0, reviewed.output
    assert review_by(owner_url, hold_id).date().isoformat() == "2031-06-30"
    registry = Registry(owner_url)
    try:
        with registry.session() as session:
            log = list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
    finally:
        registry.dispose()
    # The database's own event and intake's, both stamped with the DPO's login.
    assert [(e.actor, e.outcome) for e in log if e.action in ("hold.review", "legal_hold.review")] == [
        ("dan", "ok"), ("dan", "ok")]
    verified = run("audit", "verify", sudo_user="ada")
    assert verified.exit_code == 0, verified.output
