"""Delivered import packages are copies of the dataset too: the deletion of a dataset removes them and the
certificate lists what was removed (package, files, bytes, the manifest's SHA-256) and that nothing is left.

By default packages are kept encrypted in the dataset's vault scope (intake/vault_packages.py): they are
artefacts, deleted and crypto-shredded with the dataset like the rest of it. A configured delivery location
holds them in plaintext instead: `delivery_path`, a local folder (`<delivery_path>/<dataset id>`: committed
packages, staging folders of runs that died, anything else put there), or `delivery_url`, under
`<delivery_url>/<dataset id>/` in S3, where every object version and delete marker goes (a versioned bucket
keeps an overwritten or deleted object readable until its versions are gone). All of it goes; the local
folder is emptied whatever the settings, so packages delivered there before are not forgotten.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake import vault_packages
from intake.config import Settings
from intake.retention.errors import DeletionNotVerified

if TYPE_CHECKING:
    from intake.context import Context

MANIFEST = "manifest.json"


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


def list_deliveries(ctx: Context, dataset_id: str) -> list[dict[str, Any]]:
    """Every copy of the dataset's packages that exists now, per package (or stray entry): its location, store
    ("vault", "folder", "s3"), names and sizes, no content. Vault packages are listed whatever the settings, like
    the local folder: packages delivered before a change of `delivery_url`/`delivery_path` are copies too."""
    from intake.vault import Vault

    settings = ctx.settings
    held = vault_packages.certificate_entries(Vault.from_context(ctx), dataset_id, include_deleted=False)
    held += _local(settings, dataset_id)
    if settings.delivery_url:
        client, bucket, base = _s3(settings, dataset_id)
        held += _s3_list(client, bucket, base, _versions(client, bucket, base))
    return held


def remove_deliveries(settings: Settings, dataset_id: str) -> list[dict[str, Any]]:
    """Remove every delivery of the dataset; returns what they held. Raises DeletionNotVerified if anything stays."""
    held = _local(settings, dataset_id)
    folder = delivery_folder(settings, dataset_id)
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        raise DeletionNotVerified(
            f"dataset {dataset_id}: its delivery folder {folder} could not be removed completely (permissions?); "
            "the dataset stays in state deleting and the next sweep retries"
        )
    if settings.delivery_url:
        client, bucket, base = _s3(settings, dataset_id)
        versions = _versions(client, bucket, base)
        held += _s3_list(client, bucket, base, versions)
        _s3_remove(client, bucket, base, versions, dataset_id)
    return held


def _local(settings: Settings, dataset_id: str) -> list[dict[str, Any]]:
    folder = delivery_folder(settings, dataset_id)
    if not folder.is_dir():
        return []
    out = []
    for entry in sorted(folder.iterdir()):
        files = [p for p in entry.rglob("*") if p.is_file()] if entry.is_dir() else [entry]
        manifest = entry / MANIFEST if entry.is_dir() else None
        out.append({
            "package": entry.name,
            "location": str(entry),
            "store": "folder",
            "files": len(files),
            "bytes": sum(p.stat().st_size for p in files),
            "manifest_sha256": hashlib.sha256(manifest.read_bytes()).hexdigest()
            if manifest is not None and manifest.is_file() else None,
        })
    return out


# -- S3 ----------------------------------------------------------------------------------------------------
def s3_place(settings: Settings, url: str) -> tuple[Any, str, str]:
    """A client for the delivery bucket of an `s3://bucket/prefix` URL, the bucket, and the key prefix ending
    in "/" (a dataset's deliveries here, one package in handover.py)."""
    import boto3

    bucket, _, prefix = url.removeprefix("s3://").partition("/")
    client = boto3.client("s3", endpoint_url=settings.vault.s3_endpoint_url, region_name=settings.vault.aws_region)
    return client, bucket, prefix.rstrip("/") + "/"


def _s3(settings: Settings, dataset_id: str) -> tuple[Any, str, str]:
    return s3_place(settings, delivery_location(settings, dataset_id))


def _versions(client: Any, bucket: str, base: str) -> list[dict[str, Any]]:
    """Every object version and delete marker under `base`."""
    found: list[dict[str, Any]] = []
    for page in client.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=base):
        found += [{**v, "marker": False} for v in page.get("Versions", [])]
        found += [{**m, "marker": True, "Size": 0} for m in page.get("DeleteMarkers", [])]
    return found


def _s3_list(client: Any, bucket: str, base: str, versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    packages: dict[str, dict[str, Any]] = defaultdict(lambda: {"files": 0, "bytes": 0, "versions": 0,
                                                               "manifest_sha256": None})
    for version in versions:
        package, _, rest = version["Key"][len(base):].partition("/")
        entry = packages[package]
        entry["versions"] += 1
        if version.get("IsLatest") and not version["marker"]:
            entry["files"] += 1
            entry["bytes"] += int(version["Size"])
            if rest == MANIFEST:
                body = client.get_object(Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])["Body"]
                entry["manifest_sha256"] = hashlib.sha256(body.read()).hexdigest()
    return [{"package": name, "location": f"s3://{bucket}/{base}{name}/", "store": "s3", **entry}
            for name, entry in sorted(packages.items())]


def _s3_remove(client: Any, bucket: str, base: str, versions: list[dict[str, Any]], dataset_id: str) -> None:
    for start in range(0, len(versions), 1000):
        objects = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in versions[start:start + 1000]]
        answer = client.delete_objects(Bucket=bucket, Delete={"Objects": objects, "Quiet": True})
        if answer.get("Errors"):
            raise DeletionNotVerified(
                f"dataset {dataset_id}: {len(answer['Errors'])} delivered object version(s) under s3://{bucket}/"
                f"{base} could not be deleted ({answer['Errors'][0].get('Code')}); the next sweep retries")
    left = _versions(client, bucket, base)
    if left:
        raise DeletionNotVerified(
            f"dataset {dataset_id}: {len(left)} delivered object version(s) remain under s3://{bucket}/{base}; "
            "the dataset stays in state deleting and the next sweep retries")
