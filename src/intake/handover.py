"""Hand-over of an import package to the product: an explicit, audited copy to a folder the engineer names.

The delivered package stays where retention can delete it (the dataset's delivery location, inside the
owner-only home or under `delivery_url`). `intake migration fetch DATASET --to FOLDER` copies the latest
delivered package out of it, and only while the dataset may still be processed: the authorisation holds (not
withdrawn, purpose migration), no restriction is open, the dataset is not being deleted. The folder must be
new or empty; it is made 0700 and every file 0600, and the copy is verified against the package's manifest
(every file, size and SHA-256) before the command reports success. The audit event names the package, the
folder, the file count and bytes. A copy handed over is outside intake's retention from then on: the audit log
is the record of where it went.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select

from intake.context import Context
from intake.errors import IntakeError, NotFound, StateError
from intake.registry.models import DatasetState, Purpose, Run, RunState

FETCHABLE = (DatasetState.PROCESSED, DatasetState.COMPLETED)


class HandoverError(IntakeError):
    """The package cannot be handed over to the named folder (not empty, not writable, copy does not verify)."""


def latest_package(ctx: Context, dataset_id: str) -> str:
    """Where the dataset's latest delivered package is (a folder, or an s3:// prefix)."""
    from intake.retention.holds import get_dataset

    with ctx.registry.session() as session:
        dataset = get_dataset(session, dataset_id)
        if dataset.state not in FETCHABLE:
            raise StateError(f"dataset {dataset_id} is {dataset.state.value}: only a delivered migration "
                             "(processed or completed) has a package to hand over")
        runs = session.scalars(select(Run).where(Run.dataset_id == dataset_id, Run.state == RunState.COMPLETED)
                               .order_by(Run.started_at.desc())).all()
    for run in runs:
        package = json.loads(run.summary or "{}").get("package")
        if package:
            return str(package)
    raise NotFound(f"dataset {dataset_id} has no delivered package: run `intake migration run` first")


def fetch_package(ctx: Context, dataset_id: str, target: Path) -> dict[str, Any]:
    from intake.authorisation import check_still_authorised
    from intake.retention.holds import ensure_processing_allowed

    actor = ctx.authorise("migration.fetch", dataset_id)
    check_still_authorised(ctx, dataset_id, Purpose.MIGRATION, actor=actor)
    ensure_processing_allowed(ctx, dataset_id)
    package = latest_package(ctx, dataset_id)
    target = target.expanduser().absolute()
    _prepare(target)
    try:
        if package.startswith("s3://"):
            _download(ctx, package, target)
        else:
            _copy(Path(package), target)
        from intake.product import verify_package

        manifest = verify_package(target)
    except BaseException as exc:
        shutil.rmtree(target, ignore_errors=True)  # nothing half-copied is left for the product to import
        if isinstance(exc, IntakeError | OSError):
            ctx.record(actor, "migration.fetch", dataset_id, outcome="failed", package=package,
                       error=type(exc).__name__)
        raise
    files = sorted(p for p in target.iterdir() if p.is_file())
    size = sum(p.stat().st_size for p in files)
    ctx.record(actor, "migration.fetch", dataset_id, package=package, target=str(target), files=len(files),
               bytes=size, manifest_created_at=manifest.get("created_at"))
    return {"dataset_id": dataset_id, "package": package, "target": str(target), "files": len(files),
            "bytes": size, "verified": True}


def _prepare(target: Path) -> None:
    if target.exists():
        if not target.is_dir() or any(target.iterdir()):
            raise HandoverError(f"{target} exists and is not an empty folder: name a new or empty one")
    else:
        target.mkdir(mode=0o700, parents=True)
    os.chmod(target, 0o700)


def _copy(source: Path, target: Path) -> None:
    if not source.is_dir():
        raise HandoverError(f"the delivered package {source} is gone (deleted by retention?): nothing to hand over")
    for item in sorted(source.iterdir()):
        if item.is_file():
            _private_copy(item.open("rb"), target / item.name)


def _download(ctx: Context, package: str, target: Path) -> None:
    from intake.retention.deliveries import s3_place

    client, bucket, prefix = s3_place(ctx.settings, package)
    keys = [o["Key"] for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            for o in page.get("Contents", [])]
    if not keys:
        raise HandoverError(f"the delivered package {package} is gone (deleted by retention?): nothing to hand over")
    for key in keys:
        name = key[len(prefix):]
        if name and "/" not in name:
            _private_copy(client.get_object(Bucket=bucket, Key=key)["Body"], target / name)


def _private_copy(source: Any, path: Path) -> None:
    """Stream `source` (a binary file object) into a new file readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "wb") as out, source:
        shutil.copyfileobj(source, out, 1 << 20)
