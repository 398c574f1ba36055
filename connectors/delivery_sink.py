"""The delivery sink: a package of files written through a local, S3 or vault target, hashed into a manifest and
made visible all at once by `commit()`, or not at all. It is the product's `PackageSink` (write_file, open_file,
commit, abort: intake/product/package_sinks.py), so `write_package` writes through it directly, and it owns the
clean-up of what a killed process left in a local folder (`discard_stale`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from intake.connectors.delivery_targets import (
    MANIFEST,
    _LocalTarget,
    _S3Target,
    _VaultTarget,
    discard_stale_staging,
)
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
    """A committed delivery: where it is and what it holds (`files`: none from a sink that does not stamp the
    manifest, whose caller hashed and listed them itself)."""

    location: str
    package: str
    files: list[DeliveredFile]
    manifest: dict[str, Any] = field(default_factory=dict)


class DeliverySink:
    """Deliver a package of files atomically: `commit()` makes it visible; anything else leaves nothing.

    The manifest gets the delivery's own fields (package, delivered_at, and files with size and SHA-256) added to
    what the caller gives; `stamp_manifest=False` publishes a manifest written with `write_file` byte for byte
    (the product's own package folders: LocalFolderPackageWriter, whose manifest `verify_package` reads as is),
    and hashes nothing (that manifest lists the files, hashed by its writer on their way in).
    """

    def __init__(self, target: _LocalTarget | _S3Target | _VaultTarget, package: str, *,
                 stamp_manifest: bool = True) -> None:
        self._target = target
        self.package = package
        self.location = target.location
        self.files: dict[str, DeliveredFile] = {}  # closed files, hashed (a stamping sink's)
        self._opened: set[str] = set()  # every file name opened so far, closed or not
        self._state: Literal["open", "committed", "aborted"] = "open"
        self._stamp = stamp_manifest
        self._manifest: bytes | None = None  # manifest.json given to write_file, published by commit

    @classmethod
    def local(cls, folder: str | Path, package: str, *, replace: bool = False,
              stamp_manifest: bool = True) -> DeliverySink:
        """Into `folder/package`, written in a hidden staging folder beside it and renamed into place on commit.
        An existing package there is refused at once, or with `replace` swapped for this one on commit."""
        _check_name(package)
        return cls(_LocalTarget(Path(folder), package, replace), package, stamp_manifest=stamp_manifest)

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

    @staticmethod
    def discard_stale(folder: str | Path, keep: Iterable[str] = (), *, prefix: str = "") -> int:
        """Remove what local deliveries into `folder` of packages named `prefix...` left when their process was
        killed (staging folders, never visible as packages), except for the packages in `keep`, still being
        written. Returns how many were removed."""
        return discard_stale_staging(Path(folder), set(keep), prefix)

    def open(self, relpath: str) -> BinaryIO:
        """A writable binary file inside the package, opened once; its size and SHA-256 go into the manifest on
        close (a stamping sink's)."""
        self._check_open()
        relpath = _check_relpath(relpath)
        if relpath == MANIFEST:
            raise DeliveryError(f"{MANIFEST} is written by commit: give it to write_file or to commit")
        # A second open of a name would truncate or replace the first file, maybe still being written.
        if relpath in self._opened:
            raise DeliveryError(f"{relpath} was already opened in this delivery: each file is written once")
        self._opened.add(relpath)
        handle = self._target.open(relpath)
        if not self._stamp:
            return handle  # the caller's manifest lists this file with the digest it took: not hashed twice

        def done(size: int, digest: str) -> None:
            self.files[relpath] = DeliveredFile(relpath, size, digest)

        return HashingWriter(handle, done)  # type: ignore[return-value]

    def open_file(self, name: str) -> BinaryIO:
        """`open`, as a `PackageSink`: the package's entity files are written straight into the sink."""
        return self.open(name)

    def write_file(self, name: str, chunks: Iterable[bytes]) -> None:
        """A whole file of the package, as a `PackageSink`; manifest.json is kept for `commit`, which publishes
        it last."""
        if name == MANIFEST:
            self._check_open()
            if self._manifest is not None:
                raise DeliveryError(f"{MANIFEST} was already given to delivery {self.package}")
            self._manifest = b"".join(chunks)
            return
        with self.open(name) as handle:
            for chunk in chunks:
                handle.write(chunk)

    def write_bytes(self, relpath: str, data: bytes) -> DeliveredFile | None:
        """One whole file; what it is (None from a sink that does not stamp the manifest, so hashes nothing)."""
        with self.open(relpath) as handle:
            handle.write(data)
        return self.files.get(relpath)

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
        """Write manifest.json last and make the package visible. `manifest`: its fields, else the manifest given
        to `write_file`."""
        self._check_open()
        if not self._stamp and manifest is None and self._manifest is None:
            # The caller's manifest is the package's only list of its files: without it, nothing is published.
            self.abort()
            raise DeliveryError(f"delivery {self.package} was given no {MANIFEST}: nothing was published")
        files = [self.files[p] for p in sorted(self.files)]
        document = manifest if manifest is not None else json.loads(self._manifest or b"{}")
        if self._stamp:
            document = {**document, "package": self.package,
                        "delivered_at": datetime.now(UTC).isoformat(timespec="seconds"),
                        "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in files]}
        if not self._stamp and manifest is None and self._manifest is not None:
            body = self._manifest  # the package's own manifest, byte for byte
        else:
            body = json.dumps(document, indent=2, sort_keys=True).encode("utf-8")
        try:
            self._target.publish(body)
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
