"""Delivered import packages are copies of the dataset too: the deletion of a dataset removes them and the
certificate lists what was removed (package, files, bytes, the manifest's SHA-256) and that nothing is left.

Packages live in the dataset's delivery folder (`Settings.deliveries_path / <dataset id>`): committed packages,
staging folders of runs that died, anything else put there. All of it goes.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from intake.config import Settings
from intake.retention.errors import DeletionNotVerified


def delivery_folder(settings: Settings, dataset_id: str) -> Path:
    return settings.deliveries_path / dataset_id


def list_deliveries(settings: Settings, dataset_id: str) -> list[dict[str, Any]]:
    """What the dataset's delivery folder holds, per package (or stray entry): names, sizes, no content."""
    folder = delivery_folder(settings, dataset_id)
    if not folder.is_dir():
        return []
    out = []
    for entry in sorted(folder.iterdir()):
        files = [p for p in entry.rglob("*") if p.is_file()] if entry.is_dir() else [entry]
        manifest = entry / "manifest.json" if entry.is_dir() else None
        out.append({
            "package": entry.name,
            "files": len(files),
            "bytes": sum(p.stat().st_size for p in files),
            "manifest_sha256": hashlib.sha256(manifest.read_bytes()).hexdigest()
            if manifest is not None and manifest.is_file() else None,
        })
    return out


def remove_deliveries(settings: Settings, dataset_id: str) -> list[dict[str, Any]]:
    """Remove the dataset's delivery folder; returns what it held. Raises DeletionNotVerified if anything stays."""
    folder = delivery_folder(settings, dataset_id)
    held = list_deliveries(settings, dataset_id)
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        raise DeletionNotVerified(
            f"dataset {dataset_id}: its delivery folder {folder} could not be removed completely (permissions?); "
            "the dataset stays in state deleting and the next sweep retries"
        )
    return held
