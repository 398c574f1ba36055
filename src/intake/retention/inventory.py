"""What a deletion is about to remove outside the vault, recorded before anything is removed.

Delivered packages in a folder or S3 and run spools leave no registry row behind once removed: a sweep interrupted
after removing them, and resumed, would find nothing there and certify nothing. So the first attempt records the
listing (locations, counts, sizes; no content) as an audit event, `retention.delete_inventory`, before the
deletion destroys anything, and the certificate is built from that listing merged with what the final attempt
removed. The audit log is append-only and hash-chained, so the listing outlives every attempt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from intake.context import Actor, Context
from intake.registry.audit_tables import AuditEvent
from intake.retention.deliveries import outside_vault, recorded_locations
from intake.retention.spools import list_spools

INVENTORY_ACTION = "retention.delete_inventory"


@dataclass(frozen=True)
class Inventory:
    deliveries: list[dict[str, Any]] = field(default_factory=list)  # folder and S3 packages (not the vault's)
    spools: list[dict[str, Any]] = field(default_factory=list)


def recorded_inventory(ctx: Context, dataset_id: str) -> Inventory | None:
    """The listing an earlier attempt recorded for this dataset's deletion, if any."""
    with ctx.registry.session() as session:
        event = session.scalar(select(AuditEvent).where(
            AuditEvent.dataset_id == dataset_id, AuditEvent.action == INVENTORY_ACTION, AuditEvent.outcome == "ok")
            .order_by(AuditEvent.seq.desc()).limit(1))
        details = json.loads(event.details or "{}") if event is not None else None
    if details is None:
        return None
    return Inventory(list(details.get("deliveries", [])), list(details.get("spools", [])))


def take_inventory(ctx: Context, actor: Actor, dataset_id: str) -> Inventory:
    """Before anything is removed: the listing recorded by an earlier attempt, else list now and record it."""
    recorded = recorded_inventory(ctx, dataset_id)
    if recorded is not None:
        return recorded
    found = Inventory(outside_vault(ctx.settings, dataset_id, recorded_locations(ctx, dataset_id)),
                      list_spools(ctx, dataset_id))
    ctx.record(actor, INVENTORY_ACTION, dataset_id=dataset_id, deliveries=found.deliveries, spools=found.spools)
    return found


def merged(listed: Iterable[dict[str, Any]], removed: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every entry of the recorded listing and of what this attempt removed, once per (store, location): what was
    removed now as it was found when removed, what an earlier attempt removed as it was listed before."""
    removed = list(removed)
    now = {(entry.get("store"), entry.get("location")): entry for entry in removed}
    out, seen = [], set()
    for entry in [*listed, *removed]:
        key = (entry.get("store"), entry.get("location"))
        if key not in seen:
            seen.add(key)
            out.append(now.get(key, entry))
    return out
