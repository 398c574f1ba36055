from __future__ import annotations

import json
from typing import Annotated

import typer

from intake.cli.common import context, emit, expand_dataset_id, handle_errors, message
from intake.errors import StateTampered

app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


@app.command("verify")
@handle_errors
def verify(
    expect_head: Annotated[
        str | None, typer.Option(help="Head hash from an earlier verify, to prove nothing was cut from the end")
    ] = None,
) -> None:
    """Verify the whole chain, then the registry's sealed rows; exit 1 naming the first event that was edited,
    deleted or reordered, or every row changed outside intake."""
    ctx = context()
    actor = ctx.authorise("audit.read")
    result = ctx.audit.verify(expect_head=expect_head)
    try:
        rows = ctx.verify_state()
    except StateTampered:
        ctx.record(actor, "audit.verify", outcome="failed", events=result.events, error="StateTampered")
        raise
    ctx.record(actor, "audit.verify", events=result.events, sealed_rows=rows)
    message(f"audit log verified: {result.events} events, head {result.head_hash}; {rows} sealed registry rows "
            "unchanged since intake wrote them")
    emit({"events": result.events, "head_hash": result.head_hash, "sealed_rows": rows})


@app.command("list")
@handle_errors
def list_(
    dataset: Annotated[str | None, typer.Option(help="Only events of this dataset id",
                                                callback=expand_dataset_id)] = None,
    last: Annotated[int, typer.Option(help="How many of the most recent events")] = 50,
) -> None:
    """Show recent audit events."""
    ctx = context()
    ctx.authorise("audit.read")
    events = ctx.audit.events(dataset_id=dataset, limit=last)
    emit(
        [
            {
                "seq": e.seq, "at": e.at, "actor": e.actor, "role": e.role, "action": e.action,
                "dataset": e.dataset_id, "outcome": e.outcome, "details": json.loads(e.details),
            }
            for e in events
        ],
        title="audit events",
    )
