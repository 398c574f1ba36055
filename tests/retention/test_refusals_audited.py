"""Refusals that change nothing are audited too (by error type and ids, never a message that may quote a
reference or a value): a row refused where it is loaded, a lifecycle or hold step refused by the record's state,
a signer confirmation refused by the two-person rule."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from intake.authorisation import check_still_authorised, confirm_signer
from intake.authorisation.errors import ConsentNeedsTwoPeople
from intake.errors import StateTampered
from intake.registry.models import Authorisation, DatasetState, Purpose, Signer
from intake.retention import complete_migration, place_legal_hold, release_legal_hold
from intake.retention.errors import HoldStateError, LifecycleError


def refused(ctx, action: str) -> list[dict]:
    return [json.loads(e.details) for e in ctx.audit.events() if e.action == action and e.outcome == "refused"]


def test_a_row_refused_where_it_is_loaded_is_audited_once_by_table_and_id(ctx, as_user, factory, clock) -> None:
    made = factory.dataset(withdrawn_at=clock.now())
    with ctx.registry.engine.begin() as conn:
        conn.execute(text("UPDATE authorisations SET state = 'active', withdrawn_at = NULL, withdrawn_by = NULL "
                          "WHERE reference = :ref"), {"ref": made.authorisation_reference})
        auth_id = conn.execute(select(Authorisation.id).where(
            Authorisation.reference == made.authorisation_reference)).scalar_one()

    with pytest.raises(StateTampered):
        check_still_authorised(as_user("eve"), made.dataset_id, Purpose.MIGRATION)

    events = [e for e in ctx.audit.events() if e.action == "state.refused"]
    assert len(events) == 1 and events[0].outcome == "refused"
    assert json.loads(events[0].details)["rows"] == [["authorisations", auth_id]]
    assert made.authorisation_reference not in events[0].details


def test_lifecycle_and_hold_refusals_are_audited(ctx, as_user, factory) -> None:
    quarantined = factory.dataset(state=DatasetState.QUARANTINED)
    with pytest.raises(LifecycleError):
        complete_migration(as_user("eve"), quarantined.dataset_id)
    assert refused(ctx, "migration.complete") == [{"reason": "LifecycleError"}]

    dora = as_user("dora")
    with pytest.raises(HoldStateError):
        place_legal_hold(dora, dataset_id=quarantined.dataset_id, reason="  ")
    hold = place_legal_hold(dora, dataset_id=quarantined.dataset_id, reason="claim")
    release_legal_hold(dora, hold.id, reason="settled")
    with pytest.raises(HoldStateError):
        release_legal_hold(dora, hold.id, reason="settled again")
    assert [r["reason"] for r in refused(ctx, "legal_hold.place")] == ["HoldStateError"]
    assert refused(ctx, "legal_hold.release") == [{"reason": "HoldStateError", "hold_id": hold.id}]


def test_confirming_ones_own_signer_key_is_refused_and_audited(ctx, factory) -> None:
    customer_id = factory.customer()  # the key is added by 'ada'
    with ctx.registry.session() as session:
        key_id = session.scalars(select(Signer.key_id).where(Signer.customer_id == customer_id)).one()
    with pytest.raises(ConsentNeedsTwoPeople):
        confirm_signer(ctx, key_id, "read back by phone to the customer")
    assert refused(ctx, "signers.confirm") == [{"reason": "ConsentNeedsTwoPeople", "key_id": key_id[:16]}]
