"""The sweep's lock, resumption and certificates on a PostgreSQL registry (a database of its own)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from intake.clock import FixedClock
from intake.config import Settings
from intake.context import Context
from intake.registry.models import DatasetState, Role
from intake.retention import SweepHooks, SweepLocked, complete_migration, sweep, verify_certificate_file
from intake.users import add_user, initialise
from tests.retention.conftest import RegistryFactory, store_artefacts
from tests.retention.test_resume import delete_events, start_child

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def pg_ctx(postgres_url: str, tmp_path: Path, clock: FixedClock) -> Iterator[Context]:
    name = f"retention_{tmp_path.name.replace('-', '_').lower()[-40:]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_url.rsplit("/", 1)[0] + f"/{name}"
    ctx = Context(settings=Settings(home=tmp_path / "home", database_url=url), actor="ada", clock=clock)
    initialise(ctx)
    for user, role in (("eve", Role.ENGINEER), ("dora", Role.DPO)):
        add_user(ctx, user, [role])
    yield ctx
    ctx.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def due(ctx: Context, count: int) -> list[str]:
    factory = RegistryFactory(ctx)
    engineer = Context(settings=ctx.settings, actor="eve", clock=ctx.clock, registry=ctx.registry, migrate=False)
    ids = []
    for _ in range(count):
        dataset_id = factory.dataset().dataset_id
        complete_migration(engineer, dataset_id)
        store_artefacts(ctx, dataset_id)
        ids.append(dataset_id)
    ctx.clock.advance(timedelta(days=200))  # type: ignore[attr-defined]
    return ids


def dpo(ctx: Context) -> Context:
    return Context(settings=ctx.settings, actor="dora", clock=ctx.clock, registry=ctx.registry, migrate=False)


def test_concurrent_sweeps_on_postgresql_never_double_process(pg_ctx: Context) -> None:
    ids = due(pg_ctx, 2)
    entered, proceed = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def pause(_ds: str) -> None:
        entered.set()
        assert proceed.wait(20)

    thread = threading.Thread(
        target=lambda: results.__setitem__("first", sweep(dpo(pg_ctx), hooks=SweepHooks(after_deletion_started=pause)))
    )
    thread.start()
    try:
        assert entered.wait(20)
        with pytest.raises(SweepLocked):
            sweep(dpo(pg_ctx))
    finally:
        proceed.set()
        thread.join(30)
    assert sorted(d.dataset_id for d in results["first"].deleted) == sorted(ids)  # type: ignore[union-attr]
    for dataset_id in ids:
        assert len(delete_events(pg_ctx, dataset_id)) == 1


def test_killed_sweep_resumes_on_postgresql(pg_ctx: Context) -> None:
    (dataset_id,) = due(pg_ctx, 1)
    child = start_child(pg_ctx, "after_artefact_deleted")
    _out, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err
    report = sweep(dpo(pg_ctx))
    assert [d.dataset_id for d in report.deleted] == [dataset_id] and report.deleted[0].resumed
    body = verify_certificate_file(report.deleted[0].certificate_file, settings=pg_ctx.settings)
    assert body["artefact_count"] == 4 and body["key_destroyed"]
    factory = RegistryFactory(pg_ctx)
    assert factory.get(dataset_id).state is DatasetState.DELETED
