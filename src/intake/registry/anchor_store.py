"""Where audit anchors are kept: an append-only local file, or an S3 bucket with Object Lock in compliance mode.

The local file stops someone who can write the registry but not the service's home (a PostgreSQL administrator,
a restored backup); the service account itself could rewrite it. In the S3 location each anchor is a new object
locked in compliance mode until its retention ends: nobody, the bucket's owner and the account's root included,
can delete that version or shorten its lock. Overwriting the key or deleting it only adds a version or a delete
marker on top, so the reader lists every version and reads each one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from intake.aws_errors import AWS_ERRORS, aws_error
from intake.clock import as_utc
from intake.config import Settings
from intake.errors import AnchorUnavailable
from intake.registry.anchor import Anchor, append_local, parse_anchor, read_local
from intake.vault.ed25519 import PublicKey

LOCK_MODE = "COMPLIANCE"


class AnchorStore(Protocol):
    location: str

    def put(self, anchor: Anchor, line: str) -> None: ...

    def read(self, trusted: PublicKey) -> Iterator[Anchor]: ...


class LocalAnchorStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)

    def put(self, anchor: Anchor, line: str) -> None:
        try:
            append_local(self.path, line)
        except OSError as exc:
            raise AnchorUnavailable(f"cannot append to the audit anchor file {self.path} ({exc.strerror}): check "
                                    "that it belongs to the service account and the disk has room") from None

    def read(self, trusted: PublicKey) -> Iterator[Anchor]:
        if not self.path.exists():
            return iter(())
        try:
            return iter(list(read_local(self.path, trusted)))
        except (OSError, UnicodeDecodeError) as exc:
            raise AnchorUnavailable(f"cannot read the audit anchor file {self.path} ({type(exc).__name__}): "
                                    "restore it from backup") from None


class S3AnchorStore:
    def __init__(self, bucket: str, prefix: str, retention: timedelta, client: Any) -> None:
        self.bucket = bucket
        self.prefix = prefix if not prefix or prefix.endswith("/") else prefix + "/"
        self.retention = retention
        self.client = client
        self.location = f"s3://{bucket}/{self.prefix}"

    @classmethod
    def from_settings(cls, settings: Settings) -> S3AnchorStore:
        import boto3
        from botocore.config import Config

        client = boto3.client("s3", endpoint_url=settings.vault.s3_endpoint_url, region_name=settings.vault.aws_region,
                              config=Config(retries={"max_attempts": 3, "mode": "standard"}))
        return cls(str(settings.anchors.s3_bucket), settings.anchors.s3_prefix,
                   timedelta(days=settings.anchors.retention_days), client)

    def key(self, anchor: Anchor) -> str:
        # Sorted by sequence number, then time; unique per writer and moment (a clash only adds a version).
        return f"{self.prefix}{anchor.seq:012d}-{as_utc(anchor.at).strftime('%Y%m%dT%H%M%S%fZ')}.json"

    def put(self, anchor: Anchor, line: str) -> None:
        key = self.key(anchor)
        try:
            self.client.put_object(
                Bucket=self.bucket, Key=key, Body=(line + "\n").encode("ascii"), ContentType="application/json",
                ObjectLockMode=LOCK_MODE, ObjectLockRetainUntilDate=self.retain_until(),
            )
        except AWS_ERRORS as exc:  # classified: throttling or an unreachable endpoint is worth another try
            raise aws_error(AnchorUnavailable, f"writing the audit anchor {self.location}"
                            f"{key.removeprefix(self.prefix)}", exc, _said(exc)) from None

    def retain_until(self) -> datetime:
        return datetime.now(UTC) + self.retention  # S3 compares with its own clock, not the registry's

    def read(self, trusted: PublicKey) -> Iterator[Anchor]:
        try:
            versions = [(v["Key"], v["VersionId"]) for page in self.client.get_paginator("list_object_versions")
                        .paginate(Bucket=self.bucket, Prefix=self.prefix) for v in page.get("Versions", [])]
            bodies = [(key, version, self.client.get_object(Bucket=self.bucket, Key=key, VersionId=version)["Body"]
                       .read()) for key, version in versions]
        except AWS_ERRORS as exc:
            raise aws_error(AnchorUnavailable, f"reading the audit anchors at {self.location}", exc,
                            _said(exc)) from None
        for key, version, body in bodies:
            yield parse_anchor(body.decode("ascii", "replace"), trusted, f"s3://{self.bucket}/{key} version {version}")


def _said(exc: Exception) -> str:
    """What S3 answered, by its error code: never the request, which holds nothing secret but is long."""
    code = getattr(exc, "response", {}).get("Error", {}).get("Code") if hasattr(exc, "response") else None
    if code == "InvalidRequest":
        return ("the bucket refused an Object Lock write (InvalidRequest): create the bucket with Object Lock "
                "enabled (deployments/README.md, 'Audit anchors')")
    if code in {"NoSuchBucket", "AccessDenied"}:
        return f"{code}: check anchors.s3_bucket and that the service's credentials may put, list and get objects"
    return f"{code or type(exc).__name__}: check the S3 endpoint, credentials and bucket"


def anchor_store(settings: Settings) -> AnchorStore:
    if settings.anchors.s3_bucket:
        return S3AnchorStore.from_settings(settings)
    return LocalAnchorStore(settings.anchor_file)
