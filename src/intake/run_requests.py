"""Runs on the Prefect worker that act for a person, proven rather than declared.

A deployment run's parameters are whatever was typed into the Prefect UI or API: an `actor` there proves nothing.
So a person's run is requested through the intake CLI, whose identity the OS proves (intake.identity): the
request is recorded in the registry (who, which flow, a hash of the exact parameters, a short expiry) and the
deployment run carries only its id, as `actor="request:<id>"`. The worker redeems it once: same flow, same
parameters, not expired, not used by another flow run; the run then acts as the person who asked, every refusal
audited. Requests are sealed rows (registry/seal.py): one edited outside intake is refused where it is read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from intake.audit import REFUSED
from intake.clock import as_utc
from intake.context import Context
from intake.errors import PermissionDenied
from intake.registry.models import RunRequest

PREFIX = "request:"
VALID_FOR = timedelta(minutes=15)  # long enough for a busy worker to pick the run up, short enough to be useless later


@dataclass(frozen=True)
class RequestView:
    id: str
    flow: str
    requested_by: str
    expires_at: datetime

    @property
    def actor_parameter(self) -> str:
        """What the deployment run's `actor` parameter carries instead of a name."""
        return f"{PREFIX}{self.id}"


def parameters_digest(parameters: dict[str, Any]) -> str:
    """SHA-256 of the run's parameters as JSON (sorted keys), the `actor` that carries the request left out."""
    body = {k: v for k, v in parameters.items() if k != "actor"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def request_run(ctx: Context, flow: str, parameters: dict[str, Any]) -> RequestView:
    """Record the authenticated actor's request to run `flow` with exactly `parameters` on the worker."""
    actor = ctx.authorise("run.request", flow=flow)
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        row = RunRequest(flow=flow, parameters_sha256=parameters_digest(parameters), requested_by=actor.name,
                         requested_at=now, expires_at=now + VALID_FOR)
        session.add(row)
        session.flush()
        view = RequestView(row.id, flow, actor.name, as_utc(row.expires_at))
    ctx.record(actor, "run.request", request_id=view.id, flow=flow, expires_at=view.expires_at.isoformat())
    return view


def redeem(ctx: Context, request_id: str, flow: str, parameters: dict[str, Any], flow_run_id: str) -> str:
    """The actor a deployment run acts for (`ctx` is the worker's own context): the request must be for this
    flow and these parameters, unexpired, and unused by any other flow run. Raises PermissionDenied otherwise."""
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        row = session.get(RunRequest, request_id)
        problem = _problem(row, flow, parameters, flow_run_id, now)
        if row is not None and problem is None and row.flow_run_id is None:
            row.used_at, row.flow_run_id = now, flow_run_id
        requested_by = row.requested_by if row is not None else None
    worker = ctx.actor()
    if problem is not None:
        ctx.record(worker, "run.redeem", outcome=REFUSED, request_id=request_id, flow=flow, reason=problem,
                   flow_run_id=flow_run_id)
        raise PermissionDenied(f"run request {request_id} refused: {problem}. Request the run again with the intake "
                               "CLI (it records who asks); a deployment run cannot name who it acts for")
    assert requested_by is not None
    ctx.record(worker, "run.redeem", request_id=request_id, flow=flow, acting_for=requested_by,
               flow_run_id=flow_run_id)
    return requested_by


def _problem(row: RunRequest | None, flow: str, parameters: dict[str, Any], flow_run_id: str,
             now: datetime) -> str | None:
    if row is None:
        return "no such request"
    if row.flow != flow:
        return f"it was made for flow '{row.flow}', not '{flow}'"
    if row.parameters_sha256 != parameters_digest(parameters):
        return "the run's parameters are not those requested"
    if row.flow_run_id is not None and row.flow_run_id != flow_run_id:
        return "it was already used by another run"
    if row.flow_run_id is None and as_utc(row.expires_at) <= now:
        return f"it expired at {as_utc(row.expires_at).isoformat(timespec='seconds')}"
    return None
