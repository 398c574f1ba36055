"""Withdrawn consent cannot be brought back by writing an older, validly sealed copy of the authorisation row back
with SQL: the row's version is behind the audit log's, so receiving refuses and `audit verify` names it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from intake.authorisation import withdraw
from intake.errors import StateTampered
from intake.pipeline import receive_dataset


@pytest.fixture
def registered(auths):
    signed = auths.write()
    auths.register(signed)
    return signed


COLUMNS = ("state", "withdrawn_at", "withdrawn_by", "version", "seal")


def row_values(ctx, reference: str) -> dict:
    with ctx.registry.engine.connect() as conn:
        return dict(conn.execute(text(f"SELECT {', '.join(COLUMNS)} FROM authorisations WHERE reference = :r"),
                                 {"r": reference}).mappings().one())


def write_back(ctx, reference: str, values: dict) -> None:
    """What someone with write access to the database does, bypassing intake."""
    with ctx.registry.engine.begin() as conn:
        conn.execute(text(f"UPDATE authorisations SET {', '.join(f'{c} = :{c}' for c in COLUMNS)} "
                          "WHERE reference = :reference"), {**values, "reference": reference})


def test_consent_withdrawn_then_written_back_in_sql_is_refused_at_receive_and_named(
        ctx, as_user, registered, dataset_dir) -> None:
    files = sorted(dataset_dir.iterdir())
    receive_dataset(as_user("eve"), registered.reference, files)  # consent holds: received
    before = row_values(ctx, registered.reference)
    withdraw(as_user("sam"), registered.reference, "customer letter of 2026-03-02")
    assert ctx.verify_state() > 0  # a withdrawal through intake keeps every check passing
    assert row_values(ctx, registered.reference)["version"] == before["version"] + 1

    write_back(ctx, registered.reference, before)  # the old values with their old, valid seal

    with pytest.raises(StateTampered, match=r"registry row authorisations \S+ was altered outside intake: its "
                                            r"state \(version \d+\) is older than the audit log's") as refused:
        receive_dataset(as_user("eve"), registered.reference, files)
    assert registered.reference not in str(refused.value)  # named by id, never by its values
    with pytest.raises(StateTampered, match=r"registry row authorisations .* older than the audit log's"):
        ctx.verify_state()
    received = [e for e in ctx.audit.events() if e.action == "dataset.receive" and e.outcome == "ok"]
    assert len(received) == 1
    refusals = [e for e in ctx.audit.events() if e.action == "state.refused"]
    assert refusals and refusals[0].actor == "eve" and '"authorisations"' in refusals[0].details
