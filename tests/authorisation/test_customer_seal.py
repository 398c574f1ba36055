"""Customers are sealed (issue 23): registration matches a signer's key to the manifest's customer by the customer
row's name, so renaming rows in SQL (another customer's row given this customer's name) must not let that other
customer's trusted key authorise this customer's data. The edited row is refused where registration loads it and
named by `audit verify`; customers from before their seals (migration 0006) are adopted once, at the upgrade."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from intake.authorisation import UntrustedSigner, add_signer
from intake.context import Context
from intake.errors import StateTampered
from intake.registry.db import alembic_config
from intake.users import add_user, initialise
from tests.authorisation.conftest import CUSTOMER, OTHER_CUSTOMER, confirm_as
from tests.conftest import ROLE_USERS


def sql(ctx: Context, statement: str, **params: object) -> None:
    """What someone with write access to the database does, bypassing intake."""
    with ctx.registry.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_customers_renamed_in_sql_are_refused_at_registration_and_named(ctx, auths) -> None:
    other = auths.new_key("other-customer")
    key = add_signer(ctx, OTHER_CUSTOMER, "customer", "Head of EBME", other.keys.public_key.read_bytes())
    confirm_as(ctx, "dora", key.key_id)
    forged = auths.write(signer=other)  # names CUSTOMER, signed with the other customer's trusted key
    with pytest.raises(UntrustedSigner):
        auths.register(forged)

    # The other customer's row takes this customer's name: its key now looks bound to CUSTOMER.
    sql(ctx, "UPDATE customers SET name = 'renamed' WHERE name = :n", n=CUSTOMER)
    sql(ctx, "UPDATE customers SET name = :n WHERE name = :o", n=CUSTOMER, o=OTHER_CUSTOMER)

    with pytest.raises(StateTampered, match=r"registry row customers \S+ was changed outside intake") as refused:
        auths.register(forged)
    assert CUSTOMER not in str(refused.value) and "renamed" not in str(refused.value)  # ids, never names
    assert not [e for e in ctx.audit.events() if e.action == "authorisation.register" and e.outcome == "ok"]
    state_refused = [e for e in ctx.audit.events() if e.action == "state.refused"]
    assert state_refused and state_refused[-1].actor == "eve" and '"customers"' in state_refused[-1].details

    with pytest.raises(StateTampered) as named:  # what `intake audit verify` runs
        ctx.verify_state()
    said = str(named.value)
    assert "2 registry row(s)" in said and said.count("registry row customers ") == 2
    assert CUSTOMER not in said and OTHER_CUSTOMER not in said


def test_a_customers_retention_months_edited_in_sql_is_named(ctx, auths) -> None:
    sql(ctx, "UPDATE customers SET retention_months = 120 WHERE name = :n", n=CUSTOMER)
    with pytest.raises(StateTampered, match=r"1 registry row\(s\).*registry row customers \S+ was changed outside"):
        ctx.verify_state()


def test_customers_from_before_their_seals_are_adopted_once_at_the_upgrade(settings, clock) -> None:
    from alembic import command

    admin = Context(settings=settings, actor="ada", clock=clock)
    initialise(admin)
    for name, role in ROLE_USERS.items():
        add_user(admin, name, [role])  # state events exist already: the log is not new
    command.downgrade(alembic_config(admin.registry.engine), "0005")  # as a registry before customers' seals
    made = datetime(2026, 1, 5, tzinfo=UTC)
    sql(admin, "INSERT INTO customers (id, name, retention_months, created_at) VALUES ('c-1', :n, 12, :at), "
               "('c-2', :o, NULL, :at)", n=CUSTOMER, o=OTHER_CUSTOMER, at=made)
    admin.close()

    upgraded = Context(settings=settings, actor="ada", clock=clock)  # upgrades to head and adopts them
    try:
        assert upgraded.verify_state() >= 2 + 2 * len(ROLE_USERS)
        with upgraded.registry.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, version, seal FROM customers ORDER BY id")).all()
        assert [(r.id, r.version) for r in rows] == [("c-1", 1), ("c-2", 1)] and all(r.seal for r in rows)
        adopted = [json.loads(e.details)["rows"] for e in upgraded.audit.events() if e.action == "state.write"][-1]
        assert sorted((table, key, op) for table, key, _v, op, _s in adopted) == [
            ("customers", "c-1", "adopt"), ("customers", "c-2", "adopt")]

        # Once the log records customers, one without a seal was written outside intake: never adopted.
        sql(upgraded, "INSERT INTO customers (id, name, created_at) VALUES ('c-3', 'Inserted Trust', :at)", at=made)
        initialise(upgraded)  # what the admin runs after restoring a state key: adopts nothing now
        versioned = [json.loads(e.details) for e in upgraded.audit.events() if e.action == "state.versioned"]
        assert versioned == [{"rows": 0, "refused": 1}]
        with pytest.raises(StateTampered, match="registry row customers c-3 has no seal"):
            upgraded.verify_state()
    finally:
        upgraded.close()
