"""The body of a deletion certificate: what was deleted (artefacts, deliveries, the data key), under which rule,
when, by whom, and the checks that found nothing readable left. Signed and written by certificates.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select

from intake.clock import as_utc
from intake.context import Actor, Context
from intake.registry.audit_tables import AuditEvent
from intake.registry.models import Artefact, Authorisation, DataKey, Dataset, new_id
from intake.retention.rules import RetentionDecision

# What the certificate says of the copies engineers took for the product: intake wrote them where they named, and
# deletes none of them.
HANDED_OVER_NOTE = ("copies handed over to the product (`intake migration fetch`) are outside intake's retention: "
                    "intake did not delete them; the folders are listed from the audit log")


def _iso(value: datetime | None) -> str | None:
    return as_utc(value).isoformat() if value else None


def handed_over(session: Any, dataset_id: str) -> list[dict[str, Any]]:
    """Every successful hand-over of the dataset's packages written to a folder, from the audit log: when, by whom,
    which run, where, how many files and bytes (reads in memory left nothing behind)."""
    rows = session.scalars(select(AuditEvent).where(
        AuditEvent.dataset_id == dataset_id, AuditEvent.action == "migration.fetch", AuditEvent.outcome == "ok")
        .order_by(AuditEvent.seq))
    out = []
    for event in rows:
        details = json.loads(event.details or "{}")
        if details.get("target"):
            out.append({"at": _iso(event.at), "by": event.actor, "run": details.get("run"),
                        "target": details["target"], "files": details.get("files"), "bytes": details.get("bytes")})
    return out


def certificate_body(ctx: Context, actor: Actor, decision: RetentionDecision, artefacts: list[Artefact],
                     deliveries: list[dict[str, Any]], spools: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    now = ctx.clock.now()
    in_s3 = bool(ctx.settings.delivery_url) or any(d.get("store") == "s3" for d in deliveries)
    with ctx.registry.session() as session:
        dataset = session.get(Dataset, decision.dataset_id)
        assert dataset is not None
        authorisation = session.get(Authorisation, dataset.authorisation_id)
        key = session.get(DataKey, decision.dataset_id)
        data_key = None if key is None else {
            "scope": key.scope, "provider": key.provider, "destroyed_at": _iso(key.destroyed_at),
        }
        return {
            "certificate_id": new_id(),
            "dataset_id": dataset.id,
            "customer_id": dataset.customer_id,
            "authorisation_reference": authorisation.reference if authorisation else None,
            "purpose": dataset.purpose.value,
            "purpose_reference": dataset.purpose_reference,
            "rule": decision.rule.value if decision.rule else (dataset.deletion_rule or "unknown"),
            "rule_detail": decision.reason,
            "due_at": _iso(decision.due_at),
            "received_at": _iso(dataset.received_at),
            "deletion_started_at": _iso(dataset.deletion_started_at),
            "deleted_at": now.isoformat(),
            "artefacts": [
                {"id": a.id, "kind": a.kind.value, "name": a.name, "store": a.store, "size": a.size,
                 "ciphertext_sha256": a.ciphertext_sha256, "deleted_at": _iso(a.deleted_at)}
                for a in artefacts
            ],
            "artefact_count": len(artefacts),
            "ciphertext_bytes": sum(a.size for a in artefacts),
            "data_key": data_key,
            "key_destroyed": data_key is None or data_key["destroyed_at"] is not None,
            # Import packages: shredded with the dataset's vault scope ("store": "vault"), or removed from the
            # configured delivery location.
            "deliveries": deliveries,
            # Run spools (the package in plaintext while a run of an older version wrote it) that such runs
            # killed mid-delivery left (retention/spools.py).
            "spools": spools or [],
            "handed_over": handed_over(session, dataset.id),
            "handed_over_note": HANDED_OVER_NOTE,
            "verification": {"nothing_readable": True, "checked_at": now.isoformat(),
                             "checks": ["vault.verify_unreadable", "artefacts_marked_deleted", "data_key_destroyed",
                                        "delivery_folder_removed", "recorded_delivery_locations_removed",
                                        "run_spools_removed"]
                             + (["delivery_object_versions_removed"] if in_s3 else [])},
            "issued_by": actor.name,
        }
