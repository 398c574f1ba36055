"""Spools are copies of the dataset too: older versions wrote a run's import package in plaintext Parquet to the
run's spool folder, `<home>/spool/<run id>`, before handing it to its sink, and such a run whose process was killed
left it there. Runs now write the package straight into its sink and make no spool, but what older versions left
may still be there until the next run's start removes it (pipeline/deliver.py discard_stale_staging). So deleting
a dataset removes the spool folder of every run of the dataset, whatever its state, and the certificate lists each
one removed (run, location, files, bytes; names and sizes only): every copy of the dataset is deleted.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from intake.config import Settings
from intake.registry.models import Run
from intake.retention.errors import DeletionNotVerified

if TYPE_CHECKING:
    from intake.context import Context


def spools_folder(settings: Settings) -> Path:
    return settings.home / "spool"


def spool_folder(settings: Settings, run_id: str) -> Path:
    """Where an older version spooled run `run_id`'s package while writing it."""
    return spools_folder(settings) / run_id


def _runs(ctx: Context, dataset_id: str) -> list[str]:
    with ctx.registry.session() as session:
        return list(session.scalars(select(Run.id).where(Run.dataset_id == dataset_id).order_by(Run.started_at,
                                                                                                Run.id)))


def _entry(run_id: str, folder: Path) -> dict[str, Any]:
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else [folder]
    return {"run": run_id, "location": str(folder), "store": "spool", "files": len(files),
            "bytes": sum(p.stat().st_size for p in files if not p.is_symlink())}


def list_spools(ctx: Context, dataset_id: str) -> list[dict[str, Any]]:
    """The spool of every run of the dataset that exists now (names and sizes only); removes nothing."""
    found = []
    for run_id in _runs(ctx, dataset_id):
        folder = spool_folder(ctx.settings, run_id)
        if folder.exists() or folder.is_symlink():
            found.append(_entry(run_id, folder))
    return found


def remove_spools(ctx: Context, dataset_id: str) -> list[dict[str, Any]]:
    """Remove the spool of every run of the dataset; returns what each held. Raises DeletionNotVerified if one
    stays."""
    removed = []
    for run_id in _runs(ctx, dataset_id):
        folder = spool_folder(ctx.settings, run_id)
        if not folder.exists() and not folder.is_symlink():
            continue
        removed.append(_entry(run_id, folder))
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
        else:
            folder.unlink(missing_ok=True)
        if folder.exists() or folder.is_symlink():
            raise DeletionNotVerified(
                f"dataset {dataset_id}: the spool folder {folder} of run {run_id} could not be removed completely "
                "(permissions?); the dataset stays in state deleting and the next sweep retries")
    return removed
