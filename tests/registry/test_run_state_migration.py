"""Migration 0007 makes a run's state a RunState column without changing what is stored: a registry at 0006 with
runs in every state upgrades with the same strings in `runs.state`, its sealed rows (and their seals and versions)
untouched and still verifying, and its runs read back as RunState members; a run whose state is none of them stops
the upgrade before anything is changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from intake.clock import FixedClock
from intake.config import Settings
from intake.context import Context
from intake.errors import StateError
from intake.pipeline import RunInfo, end_run
from intake.registry.db import SCHEMA_HEAD, Registry, alembic_config, at_head, upgrade
from intake.registry.models import Role, Run, RunState
from intake.registry.seal import SEALED
from intake.registry.state_key import StateKeyFile
from intake.users import add_user, initialise
from tests.retention.conftest import RegistryFactory
from tests.services import empty_registry

BEFORE = "0006"
USERS = {"eve": Role.ENGINEER, "dora": Role.DPO}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def settings_at(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a registry on SQLite, or on the PostgreSQL server of the test session."""
    if request.param == "sqlite":
        yield Settings(home=tmp_path / "home")
        return
    url = request.getfixturevalue("postgres_url")
    empty_registry(url)
    yield Settings(home=tmp_path / "home", database_url=url)
    empty_registry(url)


def old_context(settings: Settings, clock: FixedClock) -> Context:
    """The registry as an intake at migration 0006 left it: initialised, with users, and sealed rows."""
    registry = Registry(settings.registry_url, state_key=StateKeyFile(settings.state_key_file).load, clock=clock,
                        actor="ada")
    upgrade(registry.engine, BEFORE)
    ctx = Context(settings=settings, actor="ada", clock=clock, registry=registry, migrate=False)
    initialise(ctx)
    for name, role in USERS.items():
        add_user(ctx, name, [role])
    return ctx


def runs_as_stored(ctx: Context) -> dict[str, str]:
    with ctx.registry.engine.connect() as conn:
        return {r.id: r.state for r in conn.execute(text("SELECT id, state FROM runs"))}


def seals(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    """Every sealed table's seals and versions (read with SQL: nothing is checked or adopted)."""
    with ctx.registry.engine.connect() as conn:
        return {model.__tablename__: sorted((str(seal), str(version)) for seal, version in conn.execute(
                    select(model.seal, model.version)))  # type: ignore[attr-defined]
                for model in SEALED}


def version(ctx: Context) -> str | None:
    with ctx.registry.engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def add_runs(ctx: Context, dataset_id: str) -> dict[RunState, str]:
    """One run in each state, written by the ORM as an intake at 0006 wrote them (state as a plain string)."""
    ids = {}
    with ctx.registry.session() as session:
        for state in RunState:
            run = Run(dataset_id=dataset_id, flow="migration-run", state=state.value, started_by="eve",
                      started_at=ctx.clock.now(), summary=json.dumps({"state_before": "processed"}))
            session.add(run)
            session.flush()
            ids[state] = run.id
    return ids


def test_a_registry_at_0006_with_runs_upgrades_with_the_same_strings_and_its_seals_still_verify(
        settings_at: Settings, clock: FixedClock) -> None:
    old = old_context(settings_at, clock)
    made = RegistryFactory(old).dataset()
    ids = add_runs(old, made.dataset_id)
    with old.registry.engine.begin() as conn:  # and one written with SQL, as the old column allowed
        conn.execute(text("INSERT INTO runs (id, dataset_id, flow, state, started_by, started_at, summary) "
                          "VALUES ('sql-run', :d, 'migration-run', 'running', 'eve', :at, '{}')"),
                     {"d": made.dataset_id, "at": clock.now()})
    sealed_rows = old.verify_state()
    stored, sealed = runs_as_stored(old), seals(old)
    events = old.audit.verify().events
    assert version(old) == BEFORE and not at_head(old.registry.engine)
    old.close()

    ctx = Context(settings=settings_at, actor="ada", clock=clock)  # upgrades, as every command does
    try:
        assert version(ctx) == SCHEMA_HEAD == "0007"
        assert runs_as_stored(ctx) == stored  # the same strings, row for row
        assert sorted(set(stored.values())) == sorted(s.value for s in RunState)
        assert seals(ctx) == sealed  # no seal or version rewritten: runs are not sealed
        assert ctx.verify_state() == sealed_rows
        assert ctx.audit.verify().events == events  # the upgrade recorded nothing
        with ctx.registry.session() as session:
            runs = {r.id: r.state for r in session.scalars(select(Run))}
            running = set(session.scalars(select(Run.id).where(Run.state == RunState.RUNNING)))
        assert all(type(state) is RunState for state in runs.values())
        assert {ids[state]: state for state in RunState}.items() <= runs.items()
        assert running == {ids[RunState.RUNNING], "sql-run"}

        # A run ended after the upgrade is stored as the same string the old column held.
        end_run(ctx, RunInfo("sql-run", made.dataset_id, made.customer_id, "", "", "", "ada"), RunState.STOPPED)
        assert runs_as_stored(ctx)["sql-run"] == "stopped"
        assert ctx.verify_state() == sealed_rows
    finally:
        ctx.close()


def test_downgrading_0007_keeps_the_strings(settings_at: Settings, clock: FixedClock) -> None:
    from alembic import command

    ctx = Context(settings=settings_at, actor="ada", clock=clock)
    initialise(ctx)
    made = RegistryFactory(ctx).dataset()
    add_runs(ctx, made.dataset_id)
    stored = runs_as_stored(ctx)
    command.downgrade(alembic_config(ctx.registry.engine), BEFORE)
    assert version(ctx) == BEFORE and runs_as_stored(ctx) == stored
    ctx.registry.upgrade()
    assert version(ctx) == SCHEMA_HEAD and runs_as_stored(ctx) == stored
    ctx.verify_state()
    ctx.close()


def test_a_run_in_no_known_state_stops_the_upgrade_before_anything_changes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'reg.db'}"
    registry = Registry(url)
    upgrade(registry.engine, BEFORE)
    bare = create_engine(url)  # without intake's foreign key checks: a run of no dataset is enough here
    with bare.begin() as conn:
        conn.execute(text("INSERT INTO runs (id, dataset_id, flow, state, started_by, started_at, summary) "
                          "VALUES ('r', 'd', 'migration-run', 'paused', 'eve', '2026-01-01', '{}')"))
    bare.dispose()
    with pytest.raises(StateError, match=r"runs hold states that are not run states: \['paused'\]"):
        upgrade(registry.engine)
    with registry.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == BEFORE
        assert conn.execute(text("SELECT state FROM runs")).scalars().all() == ["paused"]
    with registry.engine.begin() as conn:
        conn.execute(text("DELETE FROM runs"))  # corrected (it had no dataset either, which the copy would refuse)
    upgrade(registry.engine)
    assert at_head(registry.engine)
    registry.dispose()
