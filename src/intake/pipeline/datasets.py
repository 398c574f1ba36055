"""Datasets as users list and show them: ids, states, dates and artefact names, never a data value."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from intake.clock import as_utc
from intake.context import Context
from intake.errors import NotFound
from intake.registry.models import (
    Authorisation,
    Dataset,
    DatasetState,
    Run,
)


@dataclass(frozen=True)
class DatasetView:
    id: str
    customer_id: str
    authorisation: str
    purpose: str
    purpose_reference: str
    state: str
    received_by: str
    received_at: str
    fingerprint: str
    completed_at: str | None
    delete_after: str | None
    deleted_at: str | None


def _dataset_view(dataset: Dataset, reference: str) -> DatasetView:
    def iso(value: Any) -> str | None:
        return as_utc(value).isoformat() if value else None

    return DatasetView(
        id=dataset.id, customer_id=dataset.customer_id, authorisation=reference, purpose=dataset.purpose.value,
        purpose_reference=dataset.purpose_reference, state=dataset.state.value, received_by=dataset.received_by,
        received_at=iso(dataset.received_at) or "", fingerprint=dataset.fingerprint,
        completed_at=iso(dataset.completed_at), delete_after=iso(dataset.delete_after),
        deleted_at=iso(dataset.deleted_at),
    )


def list_datasets(ctx: Context, state: DatasetState | None = None) -> list[DatasetView]:
    ctx.authorise("dataset.list")
    with ctx.registry.session() as session:
        query = (select(Dataset, Authorisation.reference)
                 .join(Authorisation, Dataset.authorisation_id == Authorisation.id)
                 .order_by(Dataset.received_at, Dataset.id))
        if state is not None:
            query = query.where(Dataset.state == state)
        return [_dataset_view(d, ref) for d, ref in session.execute(query)]


def show_dataset(ctx: Context, dataset_id: str) -> dict[str, Any]:
    """A dataset with its artefacts (ids, kinds, names, sizes), runs (states and counts) and delivered packages."""
    ctx.authorise("dataset.list", dataset_id=dataset_id)
    from intake.registry.models import Artefact

    with ctx.registry.session() as session:
        row = session.execute(
            select(Dataset, Authorisation.reference)
            .join(Authorisation, Dataset.authorisation_id == Authorisation.id)
            .where(Dataset.id == dataset_id)
        ).first()
        if row is None:
            raise NotFound(f"no dataset with id {dataset_id}: `intake datasets list` shows the ids")
        artefacts = session.scalars(
            select(Artefact).where(Artefact.dataset_id == dataset_id).order_by(Artefact.created_at, Artefact.name)
        ).all()
        runs = session.scalars(select(Run).where(Run.dataset_id == dataset_id).order_by(Run.started_at)).all()
        detail: dict[str, Any] = {
            **asdict(_dataset_view(row[0], row[1])),
            "artefacts": [
                {"id": a.id, "kind": a.kind.value, "name": a.name, "plaintext_size": a.plaintext_size,
                 "deleted": a.deleted_at is not None}
                for a in artefacts
            ],
            "runs": [
                {"id": r.id, "flow": r.flow, "state": r.state, "started_by": r.started_by,
                 "started_at": as_utc(r.started_at).isoformat(),
                 "ended_at": as_utc(r.ended_at).isoformat() if r.ended_at else None,
                 "summary": json.loads(r.summary or "{}")}
                for r in runs
            ],
        }
    from intake.delivered import list_packages

    return {**detail, "packages": list_packages(ctx, dataset_id)}
