"""A dataset's deletion date moved out with one SQL UPDATE (only `delete_after`, nothing else) is refused where it
is used, the sweep and the retention listing, and named by `audit verify`; the dataset and its vault objects stay
until the DPO has looked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import text

from intake.context import Context
from intake.errors import StateTampered
from intake.registry.models import DatasetState
from intake.retention import complete_migration, list_retention, sweep
from tests.retention.conftest import RegistryFactory, store_artefacts


@pytest.fixture
def factory(ctx: Context) -> Iterator[RegistryFactory]:
    yield RegistryFactory(ctx)


def sql(ctx: Context, statement: str, **params: object) -> None:
    """What someone with write access to the database does, bypassing intake."""
    with ctx.registry.engine.begin() as conn:
        conn.execute(text(statement), params)


def delete_after(ctx: Context, dataset_id: str) -> object:
    with ctx.registry.engine.connect() as conn:
        return conn.execute(text("SELECT delete_after FROM datasets WHERE id = :id"), {"id": dataset_id}).scalar()


def test_a_deletion_date_moved_out_in_sql_is_refused_by_the_sweep_and_listing_and_named(
        ctx, as_user, factory, clock) -> None:
    made = factory.dataset()
    complete_migration(as_user("eve"), made.dataset_id)
    stored = store_artefacts(ctx, made.dataset_id)
    due = delete_after(ctx, made.dataset_id)
    assert due is not None
    clock.advance(timedelta(days=200))  # past its retention: the sweep would delete it now

    sql(ctx, "UPDATE datasets SET delete_after = '2099-12-31 00:00:00.000000' WHERE id = :id", id=made.dataset_id)

    with pytest.raises(StateTampered, match=f"registry row datasets {made.dataset_id} was changed outside intake"):
        list_retention(as_user("dora"))
    with pytest.raises(StateTampered, match=f"datasets {made.dataset_id} was changed outside intake"):
        sweep(as_user("dora"))
    with pytest.raises(StateTampered, match=f"registry row datasets {made.dataset_id} was changed outside") as named:
        ctx.verify_state()
    assert "1 registry row(s)" in str(named.value) and "2099" not in str(named.value)  # named, never its values
    refused = [e for e in ctx.audit.events() if e.action == "retention.sweep"][-1]
    assert refused.outcome == "refused" and json.loads(refused.details)["reason"] == "state_tampered"

    sql(ctx, "UPDATE datasets SET delete_after = :due WHERE id = :id", due=due, id=made.dataset_id)
    assert ctx.verify_state() > 0  # the row as intake left it passes again: the seal covers exactly that column
    with ctx.registry.session() as session:
        from intake.registry.models import Dataset

        dataset = session.get(Dataset, made.dataset_id)
        assert dataset is not None and dataset.state is DatasetState.COMPLETED
    vault_files = [p for p in (ctx.settings.vault_path / made.dataset_id).rglob("*") if p.is_file()]
    assert len(vault_files) >= len(stored)  # nothing acted on the edited row
