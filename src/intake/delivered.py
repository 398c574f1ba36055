"""A dataset's delivered import packages: which completed run delivered which package, which of them still exist
where, and the choice of one by its run for the hand-over (handover.py).

A package's location is recorded in its run's summary; what exists is read from wherever packages are kept
(retention/deliveries.py: the vault, the local delivery folder, the S3 delivery prefix). The listing joins the
two, so a package whose run is known but whose files are gone (deleted by retention) shows as gone, and a copy no
completed run delivered (a killed run's staging folder, a package delivered under other settings) still shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from intake.clock import as_utc
from intake.errors import IntakeError, NotFound, StateError
from intake.registry.models import DatasetState, Run, RunState

if TYPE_CHECKING:
    from intake.context import Context

FETCHABLE = (DatasetState.PROCESSED, DatasetState.COMPLETED)
RUN_PREFIX = "run-"  # a package is named after the run that delivered it (pipeline/deliver.py)
MIN_PREFIX = 4


class AmbiguousRun(IntakeError):
    """A run id prefix names several runs of the dataset."""


@dataclass(frozen=True)
class Delivered:
    """One completed run's package: the run, where the package was delivered, and when."""

    run_id: str
    location: str
    delivered_at: datetime | None


def delivered_runs(ctx: Context, dataset_id: str, *, fetchable: bool = True) -> list[Delivered]:
    """The dataset's completed runs that delivered a package, newest first. With `fetchable`, refused unless the
    dataset is in a state that has a package to hand over."""
    from intake.retention.holds import get_dataset

    with ctx.registry.session() as session:
        dataset = get_dataset(session, dataset_id)
        if fetchable and dataset.state not in FETCHABLE:
            raise StateError(f"dataset {dataset_id} is {dataset.state.value}: only a delivered migration "
                             "(processed or completed) has a package to hand over")
        runs = session.scalars(select(Run).where(Run.dataset_id == dataset_id, Run.state == RunState.COMPLETED)
                               .order_by(Run.started_at.desc())).all()
        found = [(run.id, json.loads(run.summary or "{}").get("package"), run.ended_at) for run in runs]
    return [Delivered(run_id, str(location), as_utc(ended) if ended else None)
            for run_id, location, ended in found if location]


def choose(dataset_id: str, delivered: list[Delivered], run: str | None = None) -> Delivered:
    """The latest delivered package, or the one of the run `run` names: its id, a unique start of it (as tables
    show ids cut short) or its package name ("run-<id>")."""
    if not delivered:
        raise NotFound(f"dataset {dataset_id} has no delivered package: run `intake migration run` first")
    if run is None:
        return delivered[0]
    start = run.strip().rstrip("\u2026. ").removeprefix(RUN_PREFIX)
    exact = [d for d in delivered if d.run_id == start]
    matches = exact or ([d for d in delivered if d.run_id.startswith(start)] if len(start) >= MIN_PREFIX else [])
    if not matches:
        raise NotFound(f"no delivered package of dataset {dataset_id} comes from a run starting with '{start}' (at "
                       f"least {MIN_PREFIX} characters): `intake migration packages {dataset_id}` lists them")
    if len(matches) > 1:
        raise AmbiguousRun(f"'{start}' starts the ids of {len(matches)} runs of dataset {dataset_id}: give more of "
                           f"it (`intake migration packages {dataset_id}`)")
    return matches[0]


def list_packages(ctx: Context, dataset_id: str) -> list[dict[str, Any]]:
    """Every package of the dataset, newest run first: the run that delivered it (none for a copy no completed run
    recorded), where it is, when it was delivered, and what of it exists now (files, bytes, manifest SHA-256;
    `present` false once deleted). Names and sizes only, never content."""
    from intake.retention.deliveries import list_deliveries

    ctx.authorise("dataset.list", dataset_id=dataset_id)
    existing = {_key(entry["location"]): entry for entry in list_deliveries(ctx, dataset_id)}
    rows = []
    for item in delivered_runs(ctx, dataset_id, fetchable=False):
        entry = existing.pop(_key(item.location), None)
        rows.append(_row(item.run_id, item.location, item.delivered_at, entry))
    rows += [_row(None, entry["location"], None, entry) for entry in existing.values()]
    return rows


def _key(location: str) -> str:
    return location.rstrip("/")


def _row(run_id: str | None, location: str, delivered_at: datetime | None,
         entry: dict[str, Any] | None) -> dict[str, Any]:
    return {"run": run_id, "package": location, "store": (entry or {}).get("store") or _store(location),
            "delivered_at": delivered_at, "present": entry is not None,
            "files": (entry or {}).get("files", 0), "bytes": (entry or {}).get("bytes", 0),
            "manifest_sha256": (entry or {}).get("manifest_sha256")}


def _store(location: str) -> str:
    from intake import vault_packages

    if vault_packages.is_location(location):
        return "vault"
    return "s3" if location.startswith("s3://") else "folder"
