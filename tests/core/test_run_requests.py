"""A person's run on the worker is a recorded request, redeemed once by the worker: for the same flow and the
exact parameters, before it expires, by one flow run; every refusal audited, an edited request refused."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text

from intake.errors import PermissionDenied, StateTampered
from intake.run_requests import VALID_FOR, redeem, request_run

PARAMETERS = {"dataset_id": "d-1", "mapping": "equiptrack", "chunk_rows": 50_000}


def refusals(ctx) -> list[dict]:
    return [json.loads(e.details) for e in ctx.audit.events() if e.action == "run.redeem" and e.outcome == "refused"]


def test_the_worker_acts_for_whoever_recorded_the_request_and_only_once(ctx, as_user) -> None:
    request = request_run(as_user("eve"), "migration-run", PARAMETERS)
    assert request.actor_parameter == f"request:{request.id}"
    worker = as_user("ada")  # whoever the worker runs as: the request, not the worker, says who acts
    with_actor = {**PARAMETERS, "actor": request.actor_parameter}  # the carrier itself is not hashed
    assert redeem(worker, request.id, "migration-run", with_actor, "run-1") == "eve"
    assert redeem(worker, request.id, "migration-run", with_actor, "run-1") == "eve"  # the run's own tasks
    with pytest.raises(PermissionDenied, match="already used by another run"):
        redeem(worker, request.id, "migration-run", with_actor, "run-2")
    [recorded] = [e for e in ctx.audit.events() if e.action == "run.request"]
    assert recorded.actor == "eve" and json.loads(recorded.details)["flow"] == "migration-run"
    ok = [json.loads(e.details) for e in ctx.audit.events() if e.action == "run.redeem" and e.outcome == "ok"]
    assert ok[0]["acting_for"] == "eve" and [r["reason"] for r in refusals(ctx)] == [
        "it was already used by another run"]


@pytest.mark.parametrize("flow,parameters,problem", [
    ("receive-dataset", PARAMETERS, "made for flow 'migration-run'"),
    ("migration-run", {**PARAMETERS, "dataset_id": "d-2"}, "parameters are not those requested"),
    ("migration-run", {**PARAMETERS, "mapping": "/tmp/other.yaml"}, "parameters are not those requested"),
])
def test_a_request_is_for_one_flow_and_its_exact_parameters(ctx, as_user, flow, parameters, problem) -> None:
    request = request_run(as_user("eve"), "migration-run", PARAMETERS)
    with pytest.raises(PermissionDenied, match=problem):
        redeem(as_user("ada"), request.id, flow, parameters, "run-1")
    assert len(refusals(ctx)) == 1


def test_an_expired_or_unknown_request_is_refused(ctx, as_user, clock) -> None:
    request = request_run(as_user("eve"), "migration-run", PARAMETERS)
    clock.advance(VALID_FOR + timedelta(seconds=1))
    with pytest.raises(PermissionDenied, match="expired"):
        redeem(as_user("ada"), request.id, "migration-run", PARAMETERS, "run-1")
    with pytest.raises(PermissionDenied, match="no such request"):
        redeem(as_user("ada"), "not-a-request", "migration-run", PARAMETERS, "run-1")


def test_only_registered_staff_record_requests(ctx, as_user) -> None:
    with pytest.raises(PermissionDenied, match=r"run\.request"):
        request_run(as_user("mallory"), "migration-run", PARAMETERS)
    assert not [e for e in ctx.audit.events() if e.action == "run.request" and e.outcome == "ok"]


def test_a_request_edited_in_the_database_is_refused(ctx, as_user) -> None:
    request = request_run(as_user("sam"), "migration-run", PARAMETERS)
    with ctx.registry.engine.begin() as conn:  # someone with write access makes it the DPO's
        conn.execute(text("UPDATE run_requests SET requested_by = 'dora' WHERE id = :id"), {"id": request.id})
    with pytest.raises(StateTampered, match="run_requests"):
        redeem(as_user("ada"), request.id, "migration-run", PARAMETERS, "run-1")
