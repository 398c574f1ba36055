"""Delivered import packages are copies of the dataset too: the deletion of a dataset removes them and the
certificate lists what was removed (package, files, bytes, the manifest's SHA-256) and that nothing is left.

By default packages are kept encrypted in the dataset's vault scope (intake/vault_packages.py): they are
artefacts, deleted and crypto-shredded with the dataset like the rest of it. A configured delivery location
holds them in plaintext instead: `delivery_path`, a local folder (`<delivery_path>/<dataset id>`: committed
packages, staging folders of runs that died, anything else put there), or `delivery_url`, under
`<delivery_url>/<dataset id>/` in S3, where every object version, delete marker and unfinished upload goes
(retention/delivery_s3.py). All of it goes. The settings may have changed since a package was delivered, so
the places are also taken from where each of the dataset's runs recorded its package (the run's summary): the
local folder is emptied whatever the settings, and every folder or S3 prefix a run delivered to is emptied too.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from intake import vault_packages
from intake.config import Settings
from intake.file_hashes import sha256_file
from intake.registry.models import Run
from intake.retention import delivery_s3
from intake.retention.delivery_s3 import S3Place, s3_place
from intake.retention.errors import DeletionNotVerified

if TYPE_CHECKING:
    from intake.context import Context

MANIFEST = "manifest.json"
RUN_PREFIX = "run-"  # a package is named after the run that delivered it (pipeline/deliver.py)

__all__ = ["MANIFEST", "delivery_folder", "delivery_location", "list_deliveries", "outside_vault",
           "recorded_locations", "remove_deliveries", "s3_place"]


def delivery_folder(settings: Settings, dataset_id: str) -> Path:
    return settings.deliveries_path / dataset_id


def delivery_location(settings: Settings, dataset_id: str) -> str:
    """Where a dataset's packages are written (pipeline/deliver.py) and deleted from (here): under `delivery_url`
    when set, else in the dataset's folder under `delivery_path` when set, else in the dataset's vault scope
    ("vault:<dataset id>"); a package's location is this plus "/<package>"."""
    if settings.delivery_url:
        return f"{settings.delivery_url.rstrip('/')}/{dataset_id}"
    if settings.delivery_path is not None:
        return str(delivery_folder(settings, dataset_id))
    return vault_packages.dataset_location(dataset_id)


def recorded_locations(ctx: Context, dataset_id: str) -> list[str]:
    """Where the dataset's runs recorded their packages (the run summaries' "package"), vault ones excepted: a
    package delivered under an earlier `delivery_url`/`delivery_path` is found there."""
    with ctx.registry.session() as session:
        summaries = session.scalars(select(Run.summary).where(Run.dataset_id == dataset_id)).all()
    found: list[str] = []
    for text in summaries:
        try:
            summary = json.loads(text or "{}")
        except ValueError:
            continue
        package = summary.get("package") if isinstance(summary, dict) else None
        if isinstance(package, str) and package and not vault_packages.is_location(package):
            found.append(package)
    return found


@dataclass(frozen=True)
class FolderPlace:
    """Packages in a local folder: all of it (the dataset's folder), or only the package `only` in it."""

    folder: Path
    only: str | None = None

    @property
    def target(self) -> Path:
        return self.folder / self.only if self.only else self.folder


def places(settings: Settings, dataset_id: str,
           recorded: Iterable[str] = ()) -> tuple[list[FolderPlace], list[S3Place]]:
    """Every place the dataset's packages may be: its folder under the delivery folder and under `delivery_url`,
    and each recorded package location: its dataset's folder or prefix ("<...>/<dataset id>/run-<id>"), or the
    package alone when it was delivered elsewhere. A location not naming a run's package is not ours to delete."""
    folders = {_key(delivery_folder(settings, dataset_id)): FolderPlace(delivery_folder(settings, dataset_id))}
    buckets: dict[S3Place, None] = {}
    if settings.delivery_url:
        bucket, _, prefix = delivery_location(settings, dataset_id).removeprefix("s3://").partition("/")
        buckets[S3Place(bucket, prefix.rstrip("/") + "/")] = None
    for location in recorded:
        if location.startswith("s3://"):
            bucket, _, key = location.removeprefix("s3://").partition("/")
            parts = key.strip("/").split("/")
            if bucket and parts[-1].startswith(RUN_PREFIX):
                parent = "".join(f"{part}/" for part in parts[:-1])
                buckets[S3Place(bucket, parent, None if parts[-2:-1] == [dataset_id] else parts[-1])] = None
        elif "://" not in location and Path(location).name.startswith(RUN_PREFIX):
            path = Path(location)
            place = FolderPlace(path.parent, None if path.parent.name == dataset_id else path.name)
            folders.setdefault(_key(place.target), place)
    whole = {_key(place.folder) for place in folders.values() if place.only is None}
    kept = [place for place in folders.values() if place.only is None or _key(place.folder) not in whole]
    wide = {(p.bucket, p.base) for p in buckets if p.only is None}
    return kept, [p for p in buckets if p.only is None or (p.bucket, p.base) not in wide]


def _key(path: Path) -> str:
    return os.path.realpath(path)


def list_deliveries(ctx: Context, dataset_id: str) -> list[dict[str, Any]]:
    """Every copy of the dataset's packages that exists now, per package (or stray entry): its location, store
    ("vault", "folder", "s3"), names and sizes, no content. Vault packages are listed whatever the settings, like
    the local folder and the places runs recorded: packages delivered before a change of `delivery_url` or
    `delivery_path` are copies too."""
    from intake.vault import Vault

    held = vault_packages.certificate_entries(Vault.from_context(ctx), dataset_id, include_deleted=False)
    return held + outside_vault(ctx.settings, dataset_id, recorded_locations(ctx, dataset_id))


def outside_vault(settings: Settings, dataset_id: str, recorded: Iterable[str] = ()) -> list[dict[str, Any]]:
    """What the delivery folders and S3 places of the dataset hold now (as `remove_deliveries` would report it);
    removes nothing."""
    folders, buckets = places(settings, dataset_id, recorded)
    held: list[dict[str, Any]] = []
    for folder in folders:
        held += _local(folder)
    if buckets:
        s3 = delivery_s3.client(settings)
        for bucket in buckets:
            held += delivery_s3.listing(s3, bucket)
    return held


def remove_deliveries(settings: Settings, dataset_id: str, recorded: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Remove every delivery of the dataset, in the places of the current settings and wherever its runs
    recorded a package (`recorded_locations`); returns what they held. Raises DeletionNotVerified if anything
    stays."""
    folders, buckets = places(settings, dataset_id, recorded)
    held: list[dict[str, Any]] = []
    for folder in folders:
        held += _local(folder)
        target = folder.target
        if target.is_file():
            target.unlink()
        elif target.exists():
            shutil.rmtree(target, ignore_errors=True)
        if target.exists():
            raise DeletionNotVerified(
                f"dataset {dataset_id}: its delivery folder {target} could not be removed completely "
                "(permissions?); the dataset stays in state deleting and the next sweep retries"
            )
    if buckets:
        s3 = delivery_s3.client(settings)
        for bucket in buckets:
            held += delivery_s3.listing(s3, bucket)
            delivery_s3.remove(s3, bucket, dataset_id)
    return held


def _local(place: FolderPlace) -> list[dict[str, Any]]:
    if not place.folder.is_dir():
        return []
    entries = [place.target] if place.only else sorted(place.folder.iterdir())
    out = []
    for entry in entries:
        if not entry.exists():
            continue
        files = [p for p in entry.rglob("*") if p.is_file()] if entry.is_dir() else [entry]
        manifest = entry / MANIFEST if entry.is_dir() else None
        out.append({
            "package": entry.name,
            "location": str(entry),
            "store": "folder",
            "files": len(files),
            "bytes": sum(p.stat().st_size for p in files),
            "manifest_sha256": sha256_file(manifest)
            if manifest is not None and manifest.is_file() else None,
        })
    return out
