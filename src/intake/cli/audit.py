from __future__ import annotations

import json
from typing import Annotated

import typer

from intake.cli.common import context, emit, expand_dataset_id, handle_errors, message, when
from intake.errors import AuditChainBroken, StateTampered

app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


@app.command("verify")
@handle_errors
def verify(
    expect_head: Annotated[
        str | None, typer.Option(help="Head hash from an earlier verify, to prove nothing was cut from the end")
    ] = None,
) -> None:
    """Verify the whole chain, then that it agrees with every signed anchor kept outside the registry, then the
    registry's sealed rows; exit 1 naming the first event that was edited, deleted or reordered, the anchor a
    rewritten or cut log disagrees with, or every row changed outside intake."""
    from intake.audit_anchor import check_anchors

    ctx = context()
    actor = ctx.authorise("audit.read")
    result = ctx.audit.verify(expect_head=expect_head)
    try:
        anchors = check_anchors(ctx, result.events)
        if result.events and not anchors.anchors:
            # Every command that writes an event anchors the chain, so a home with events and no anchor has lost
            # them (or predates them): fail closed rather than vouch for a chain nothing outside it confirms.
            raise AuditChainBroken(
                f"no signed anchor found at {anchors.location} for a log of {result.events} events: restore the "
                "anchors from backup, or, for a home created before anchors existed, have an admin or the DPO run "
                "`intake audit anchor` once and verify again"
            )
        rows = ctx.verify_state()
    except (StateTampered, AuditChainBroken) as exc:
        ctx.record(actor, "audit.verify", outcome="failed", events=result.events, error=type(exc).__name__)
        raise
    ctx.record(actor, "audit.verify", events=result.events, sealed_rows=rows, anchors=anchors.anchors)
    vouched = (f"agrees with {anchors.anchors} signed anchors at {anchors.location} (newest "
               f"{when(anchors.newest_at) if anchors.newest_at else '-'})")
    message(f"audit log verified: {result.events} events, head {result.head_hash}; {vouched}; {rows} sealed "
            "registry rows unchanged since intake wrote them")
    emit({"events": result.events, "head_hash": result.head_hash, "sealed_rows": rows, "anchors": anchors.anchors,
          "anchor_location": anchors.location, "newest_anchor_at": anchors.newest_at})


@app.command("anchor")
@handle_errors
def anchor() -> None:
    """Sign the audit chain's head with the service key and store it outside the registry now (every command
    that changes the log does this too; the daily sweep as well)."""
    from intake.audit_anchor import write_anchor
    from intake.registry.anchor_store import anchor_store

    ctx = context()
    actor = ctx.authorise("audit.anchor")
    ctx.record(actor, "audit.anchor")
    written = write_anchor(ctx, create_key=True)
    location = anchor_store(ctx.settings).location
    if written is None:
        raise AuditChainBroken("the audit log is empty: nothing to anchor")
    message(f"anchored audit event {written.seq} (head {written.head_hash}) at {location}")
    emit({"seq": written.seq, "head_hash": written.head_hash, "at": written.at, "location": location})


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
