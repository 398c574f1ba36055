"""The delivery sink: a package of files written through a local, S3 or vault target, hashed into a manifest and
made visible all at once by `commit()`, or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from intake.connectors.delivery_targets import MANIFEST, _LocalTarget, _S3Target, _VaultTarget
from intake.connectors.errors import DeliveryError
from intake.connectors.vault_sinks import PARQUET_COMPRESSION
from intake.file_hashes import HashingWriter

if TYPE_CHECKING:
    from intake.context import Actor
    from intake.vault import Vault


@dataclass
class DeliveredFile:
    path: str
    size: int
    sha256: str


@dataclass
class Delivery:
    """A committed delivery: where it is and what it holds."""

    location: str
    package: str
    files: list[DeliveredFile]
    manifest: dict[str, Any] = field(default_factory=dict)


class DeliverySink:
    """Deliver a package of files atomically: `commit()` makes it visible; anything else leaves nothing."""

    def __init__(self, target: _LocalTarget | _S3Target | _VaultTarget, package: str) -> None:
        self._target = target
        self.package = package
        self.location = target.location
        self.files: dict[str, DeliveredFile] = {}
        self._state: Literal["open", "committed", "aborted"] = "open"

    @classmethod
    def local(cls, folder: str | Path, package: str) -> DeliverySink:
        _check_name(package)
        return cls(_LocalTarget(Path(folder), package), package)

    @classmethod
    def s3(
        cls,
        bucket: str,
        prefix: str,
        package: str,
        *,
        client: Any = None,
        endpoint_url: str | None = None,
        region: str | None = None,
        sse_kms_key_id: str | None = None,
    ) -> DeliverySink:
        _check_name(package)
        if client is None:
            import boto3

            client = boto3.client("s3", endpoint_url=endpoint_url, region_name=region)
        extra = {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": sse_kms_key_id} if sse_kms_key_id else {}
        return cls(_S3Target(client, bucket, prefix, package, extra), package)

    @classmethod
    def vault(cls, vault: Vault, dataset_id: str, package: str, actor: Actor) -> DeliverySink:
        """Into the dataset's vault scope: every file encrypted under the dataset's data key as it is written."""
        _check_name(package)
        return cls(_VaultTarget(vault, dataset_id, package, actor), package)

    @classmethod
    def to(cls, destination: str | Path, package: str, **s3_options: Any) -> DeliverySink:
        """`s3://bucket/prefix` or a local folder."""
        text = str(destination)
        if text.startswith("s3://"):
            bucket, _, prefix = text[5:].partition("/")
            return cls.s3(bucket, prefix, package, **s3_options)
        return cls.local(destination, package)

    def open(self, relpath: str) -> BinaryIO:
        """A writable binary file inside the package; its size and SHA-256 go into the manifest on close."""
        self._check_open()
        relpath = _check_relpath(relpath)
        if relpath in self.files or relpath == MANIFEST:
            raise DeliveryError(f"{relpath} is already part of delivery {self.package} (or is reserved)")

        def done(size: int, digest: str) -> None:
            self.files[relpath] = DeliveredFile(relpath, size, digest)

        return HashingWriter(self._target.open(relpath), done)  # type: ignore[return-value]

    def write_bytes(self, relpath: str, data: bytes) -> DeliveredFile:
        with self.open(relpath) as handle:
            handle.write(data)
        return self.files[relpath]

    def write_parquet(self, relpath: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> int:
        """Write batches as one Parquet file; returns the row count."""
        rows = 0
        with self.open(relpath) as handle:
            writer = pq.ParquetWriter(handle, schema, compression=PARQUET_COMPRESSION)
            try:
                for batch in batches:
                    writer.write_batch(batch)
                    rows += batch.num_rows
            finally:
                writer.close()
        return rows

    def commit(self, manifest: dict[str, Any] | None = None) -> Delivery:
        """Write manifest.json last and make the package visible."""
        self._check_open()
        files = [self.files[p] for p in sorted(self.files)]
        document = {
            **(manifest or {}),
            "package": self.package,
            "delivered_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in files],
        }
        try:
            self._target.publish(json.dumps(document, indent=2, sort_keys=True).encode("utf-8"))
        except BaseException:
            self.abort()
            raise
        self._state = "committed"
        return Delivery(self.location, self.package, files, document)

    def abort(self) -> None:
        """Remove everything written so far; nothing of the package stays visible."""
        if self._state != "open":
            return
        self._state = "aborted"
        self._target.discard()

    def _check_open(self) -> None:
        if self._state != "open":
            raise DeliveryError(f"delivery {self.package} is already {self._state}")

    def __enter__(self) -> DeliverySink:
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        if self._state == "open":
            self.abort()


def _check_name(package: str) -> None:
    if not package or "/" in package or "\\" in package or package.startswith(".") or package in ("..",):
        raise DeliveryError(f"invalid package name '{package}': use a plain name without '/' or a leading '.'")


def _check_relpath(relpath: str) -> str:
    path = PurePosixPath(relpath.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts or path.parts[0].startswith("."):
        raise DeliveryError(f"invalid file name '{relpath}' in a delivery: use a relative path without '..'")
    return str(path)
