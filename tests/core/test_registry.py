"""Migrations upgrade an empty SQLite and an empty PostgreSQL database to the models' schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from intake.registry.db import MIGRATIONS, SCHEMA_HEAD, Registry, at_head, upgrade
from intake.registry.models import Base
from tests.services import empty_registry


def _assert_schema_matches_models(registry: Registry) -> None:
    insp = inspect(registry.engine)
    for table in Base.metadata.sorted_tables:
        assert insp.has_table(table.name), table.name
        columns = {c["name"] for c in insp.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    with registry.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() is not None


def test_sqlite_upgrade_from_empty_uses_wal(tmp_path: Path) -> None:
    registry = Registry(f"sqlite:///{tmp_path / 'reg.db'}")
    registry.upgrade()
    registry.upgrade()  # idempotent
    _assert_schema_matches_models(registry)
    with registry.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    registry.dispose()


def test_schema_head_is_alembics_head_and_an_older_registry_is_upgraded(tmp_path: Path) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD  # a new migration moves it
    registry = Registry(f"sqlite:///{tmp_path / 'reg.db'}")
    upgrade(registry.engine, "0003")  # a registry from before the newest migration
    assert not at_head(registry.engine)
    registry.upgrade()
    assert at_head(registry.engine)
    _assert_schema_matches_models(registry)
    registry.dispose()


@pytest.mark.postgres
def test_postgresql_upgrade_from_empty(postgres_url: str) -> None:
    empty_registry(postgres_url)
    registry = Registry(postgres_url)
    registry.upgrade()
    _assert_schema_matches_models(registry)
    registry.dispose()


@pytest.mark.postgres
def test_audit_and_users_work_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from intake.clock import FixedClock
    from intake.config import Settings
    from intake.context import Context
    from intake.errors import StateTampered
    from intake.registry.models import Role
    from intake.users import add_user, initialise

    empty_registry(postgres_url)
    # The registry as every command opens it: rows sealed under the home's state key, checked on load.
    ctx = Context(settings=Settings(home=tmp_path / "h", database_url=postgres_url), actor="root",
                  clock=FixedClock(datetime(2026, 1, 1, tzinfo=UTC)))
    initialise(ctx)
    add_user(ctx, "eve", [Role.ENGINEER])
    events = ctx.audit.events()
    assert ctx.audit.verify().events == len(events)
    assert [e.action for e in events if e.action != "state.write"] == [
        "init", "users.add", "vault.create_kek", "users.add"]
    assert [e.action for e in events].count("state.write") == 3  # each change of users/roles, in its transaction
    assert ctx.verify_state() == 6  # three users (root, intake-service, eve) and their roles
    with ctx.registry.engine.begin() as conn:
        conn.execute(text("UPDATE user_roles SET role = 'admin' WHERE user_name = 'eve'"))
    with pytest.raises(StateTampered, match="user_roles eve/admin"):
        ctx.verify_state()
    ctx.close()


def test_a_locked_registry_is_reported_as_such_and_transient(ctx, monkeypatch) -> None:
    import sqlite3

    import intake.registry.db as db
    from intake.context import Context
    from intake.errors import RegistryUnavailable
    from intake.registry.models import Role
    from intake.users import add_user, list_users

    monkeypatch.setattr(db, "SQLITE_BUSY_MS", 200)
    path = ctx.settings.registry_url.split("///", 1)[1]
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write
    other = Context(settings=ctx.settings, actor="ada", clock=ctx.clock, migrate=False)
    try:
        with pytest.raises(RegistryUnavailable, match="is locked by another intake process") as info:
            add_user(other, "zed", [Role.ENGINEER])
        assert info.value.transient and info.value.exit_code == 75
        assert "SELECT" not in str(info.value)  # the driver's message (and any statement) is never quoted
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        other.close()
    assert "zed" not in [u.name for u in list_users(ctx)]


def test_an_unreachable_registry_server_is_reported_as_such_when_a_command_starts() -> None:
    from intake.errors import RegistryUnavailable

    registry = Registry("postgresql+psycopg://intake:secret@127.0.0.1:1/intake")  # nothing listens on port 1
    with pytest.raises(RegistryUnavailable) as caught:
        registry.upgrade()
    assert "cannot be reached (tried 5 times over 7.5 s" in str(caught.value) and "secret" not in str(caught.value)
    assert caught.value.transient
    registry.dispose()


def test_a_registry_server_back_within_seconds_is_waited_for(postgres_url: str) -> None:
    """A server restarting (or a worker booted before its database) is back in seconds: the command waits for it.
    Here a loopback forwarder to the real server starts listening 1.5 s after the command began."""
    import socket
    import threading
    import time

    from sqlalchemy.engine import make_url

    from tests.services import free_port

    real = make_url(postgres_url)
    port = free_port()
    stop = threading.Event()

    def pipe(a: socket.socket, b: socket.socket) -> None:
        with a, b:
            while data := a.recv(65536):
                b.sendall(data)

    def forwarder() -> None:
        time.sleep(1.5)
        with socket.create_server(("127.0.0.1", port)) as server:
            server.settimeout(0.2)
            while not stop.is_set():
                try:
                    client, _ = server.accept()
                except TimeoutError:
                    continue
                upstream = socket.create_connection((real.host, real.port))
                for a, b in ((client, upstream), (upstream, client)):
                    threading.Thread(target=pipe, args=(a.dup(), b.dup()), daemon=True).start()
                client.close()
                upstream.close()

    thread = threading.Thread(target=forwarder, daemon=True)
    thread.start()
    started = time.monotonic()
    registry = Registry(real.set(port=port).render_as_string(hide_password=False))
    try:
        registry.upgrade()
        with registry.session() as session:
            assert session.execute(text("SELECT 1")).scalar() == 1
        assert time.monotonic() - started >= 1.5  # it did wait, and did not give up
    finally:
        registry.dispose()
        stop.set()
        thread.join(timeout=5)
