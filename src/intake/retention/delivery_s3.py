"""Delivered packages in S3 (retention/deliveries.py): listed per package with every object version, delete
marker and unfinished multipart upload under a prefix, and removed with all of them (a versioned bucket keeps an
overwritten or deleted object readable until its versions are gone; an upload never completed still holds its
parts)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from intake.config import Settings
from intake.file_hashes import sha256_stream
from intake.retention.errors import DeletionNotVerified

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class S3Place:
    """Packages under `s3://bucket/<base>` (base ends in "/"): all of them, or only the package `only`."""

    bucket: str
    base: str
    only: str | None = None

    @property
    def prefix(self) -> str:
        return f"{self.base}{self.only}/" if self.only else self.base


def s3_place(settings: Settings, url: str) -> tuple[Any, str, str]:
    """A client for the delivery bucket of an `s3://bucket/prefix` URL, the bucket, and the key prefix ending
    in "/" (a dataset's deliveries here, one package in handover.py)."""
    bucket, _, prefix = url.removeprefix("s3://").partition("/")
    return client(settings), bucket, prefix.rstrip("/") + "/"


def client(settings: Settings) -> Any:
    import boto3

    return boto3.client("s3", endpoint_url=settings.vault.s3_endpoint_url, region_name=settings.vault.aws_region)


def versions(s3: Any, bucket: str, prefix: str) -> list[dict[str, Any]]:
    """Every object version and delete marker under `prefix`."""
    found: list[dict[str, Any]] = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=prefix):
        found += [{**v, "marker": False} for v in page.get("Versions", [])]
        found += [{**m, "marker": True, "Size": 0} for m in page.get("DeleteMarkers", [])]
    return [v for v in found if v["Key"].startswith(prefix)]


def uploads(s3: Any, bucket: str, prefix: str) -> list[dict[str, str]]:
    """Every unfinished multipart upload under `prefix` (a writer killed mid-file leaves one)."""
    found: list[dict[str, str]] = []
    for page in s3.get_paginator("list_multipart_uploads").paginate(Bucket=bucket, Prefix=prefix):
        found += [{"Key": u["Key"], "UploadId": u["UploadId"]} for u in page.get("Uploads", [])
                  if u["Key"].startswith(prefix)]
    return found


def listing(s3: Any, place: S3Place) -> list[dict[str, Any]]:
    """What the place holds per package: live files and bytes, versions (delete markers included), unfinished
    uploads and the manifest's SHA-256; names and sizes, no content."""
    packages: dict[str, dict[str, Any]] = defaultdict(lambda: {"files": 0, "bytes": 0, "versions": 0,
                                                               "unfinished_uploads": 0, "manifest_sha256": None})
    for version in versions(s3, place.bucket, place.prefix):
        package, _, rest = version["Key"][len(place.base):].partition("/")
        entry = packages[package]
        entry["versions"] += 1
        if version.get("IsLatest") and not version["marker"]:
            entry["files"] += 1
            entry["bytes"] += int(version["Size"])
            if rest == MANIFEST:
                body = s3.get_object(Bucket=place.bucket, Key=version["Key"], VersionId=version["VersionId"])["Body"]
                entry["manifest_sha256"] = sha256_stream(body)
    for upload in uploads(s3, place.bucket, place.prefix):
        packages[upload["Key"][len(place.base):].partition("/")[0]]["unfinished_uploads"] += 1
    return [{"package": name, "location": f"s3://{place.bucket}/{place.base}{name}/", "store": "s3", **entry}
            for name, entry in sorted(packages.items())]


def remove(s3: Any, place: S3Place, dataset_id: str) -> None:
    """Delete every version and delete marker under the place and abort its unfinished uploads; verified."""
    where = f"s3://{place.bucket}/{place.prefix}"
    found = versions(s3, place.bucket, place.prefix)  # collected first: deleting while paginating could skip
    for start in range(0, len(found), 1000):
        objects = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in found[start:start + 1000]]
        answer = s3.delete_objects(Bucket=place.bucket, Delete={"Objects": objects, "Quiet": True})
        if answer.get("Errors"):
            raise DeletionNotVerified(
                f"dataset {dataset_id}: {len(answer['Errors'])} delivered object version(s) under {where} could not "
                f"be deleted ({answer['Errors'][0].get('Code')}): check object lock and the delete permissions; "
                "the dataset stays in state deleting and the next sweep retries")
    for upload in uploads(s3, place.bucket, place.prefix):
        s3.abort_multipart_upload(Bucket=place.bucket, **upload)
    left, open_uploads = versions(s3, place.bucket, place.prefix), uploads(s3, place.bucket, place.prefix)
    if left or open_uploads:
        raise DeletionNotVerified(
            f"dataset {dataset_id}: {len(left)} delivered object version(s) and {len(open_uploads)} unfinished "
            f"upload(s) remain under {where}; the dataset stays in state deleting and the next sweep retries")
