"""Sinks: Arrow batches to the vault as encrypted Parquet, rejects to the vault, and atomic deliveries.

- `VaultTarget` names where one artefact goes in the vault (vault, scope, dataset, kind, name, actor); both vault
  sinks take one.
- `VaultParquetSink` streams the batches of one table into one encrypted Parquet artefact (`vault.writer`);
  the artefact exists only if the sink is closed without an error.
- `VaultRejectSink` keeps every reject (source, table, row, reason and the raw row content) in the vault as
  Parquet or CSV: the raw content is customer data, so rejects never go to plain disk. It counts rejects by
  reason for reports (reasons carry no values).
- `DeliverySink` writes a package of files (an import package) to a local folder or an S3 prefix so that
  readers see all of it or nothing. Local: files are written under a hidden staging folder
  `.staging-<package>-<token>` beside the target, `manifest.json` is written last, and the folder is renamed to
  the package name (an atomic rename on one filesystem). S3 (no rename): files are uploaded under the package
  prefix and `manifest.json` is written last; readers look for the manifest, and a package without one is
  incomplete. An aborted delivery (an exception inside the `with` block, or no `commit()`) deletes everything it
  wrote, every version of it, so nothing is left visible. The manifest lists every file with size and SHA-256.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import secrets
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from intake.connectors.base import Reject, TableReader
from intake.connectors.errors import DeliveryError, SinkError

if TYPE_CHECKING:
    from intake.context import Actor
    from intake.registry.models import ArtefactKind
    from intake.vault import ArtefactInfo, Vault, VaultWriter

MANIFEST = "manifest.json"
PARQUET_COMPRESSION = "zstd"


# ---------------------------------------------------------------------------------------------- vault sinks


@dataclass(frozen=True)
class VaultTarget:
    """Where one artefact goes in the vault, and who writes it."""

    vault: Vault
    scope: str
    dataset_id: str | None
    kind: ArtefactKind
    name: str
    actor: Actor

    def writer(self) -> VaultWriter:
        return self.vault.writer(scope=self.scope, dataset_id=self.dataset_id, kind=self.kind, name=self.name,
                                 actor=self.actor)


class VaultParquetSink:
    """One table's batches -> one encrypted Parquet artefact in the vault."""

    def __init__(self, target: VaultTarget, *, schema: pa.Schema) -> None:
        self.name = target.name
        self.schema = schema
        self.rows_written = 0
        self.artefact: ArtefactInfo | None = None
        self._writer = target.writer()
        try:
            self._parquet = pq.ParquetWriter(self._writer, schema, compression=PARQUET_COMPRESSION)
        except BaseException:
            self._writer.abort()
            raise

    def write(self, batch: pa.RecordBatch) -> None:
        if batch.schema != self.schema:
            self.abort()
            raise SinkError(
                f"a batch for {self.name} does not match the sink's schema (columns or types differ); "
                "the partial artefact was discarded"
            )
        try:
            self._parquet.write_batch(batch)
        except BaseException:
            self.abort()
            raise
        self.rows_written += batch.num_rows

    def close(self) -> ArtefactInfo:
        """Finish the Parquet file and commit the artefact."""
        if self.artefact is not None:
            return self.artefact
        try:
            self._parquet.close()
        except BaseException:
            self._writer.abort()
            raise
        self._writer.close()
        self.artefact = self._writer.artefact
        return self.artefact

    def abort(self) -> None:
        with contextlib.suppress(Exception):  # the writer is being discarded anyway
            self._parquet.close()
        self._writer.abort()

    def __enter__(self) -> VaultParquetSink:
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_table_to_vault(reader: TableReader, target: VaultTarget) -> ArtefactInfo:
    """Stream a table reader into one encrypted Parquet artefact."""
    with VaultParquetSink(target, schema=reader.schema) as sink:
        for batch in reader:
            sink.write(batch)
    assert sink.artefact is not None
    return sink.artefact


REJECT_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("table", pa.string()),
        pa.field("row_number", pa.int64()),
        pa.field("reason", pa.string()),
        pa.field("raw", pa.string()),
    ]
)


class VaultRejectSink:
    """A RejectSink that stores every reject, with its raw content, as one encrypted artefact.

    The artefact is created on the first reject; `close()` commits it and returns it (None when there were no
    rejects). `count` and `reasons` are safe to report.
    """

    def __init__(
        self,
        target: VaultTarget,
        *,
        file_format: Literal["parquet", "csv"] = "parquet",
        buffer_rows: int = 10_000,
    ) -> None:
        self._target = target
        self.file_format = file_format
        self.count = 0
        self.reasons: Counter[str] = Counter()
        self.by_table: Counter[str] = Counter()
        self.artefact: ArtefactInfo | None = None
        self._buffer: list[Reject] = []
        self._buffer_rows = buffer_rows
        self._writer: Any = None
        self._format_writer: Any = None

    def add(self, reject: Reject) -> None:
        self.count += 1
        self.reasons[reject.reason] += 1
        self.by_table[f"{reject.source}:{reject.table}"] += 1
        self._buffer.append(reject)
        if len(self._buffer) >= self._buffer_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        if self._writer is None:
            self._writer = self._target.writer()
            if self.file_format == "csv":
                self._format_writer = pacsv.CSVWriter(self._writer, REJECT_SCHEMA)
            else:
                self._format_writer = pq.ParquetWriter(self._writer, REJECT_SCHEMA, compression=PARQUET_COMPRESSION)
        batch = pa.RecordBatch.from_pydict(
            {
                "source": [r.source for r in self._buffer],
                "table": [r.table for r in self._buffer],
                "row_number": [r.row_number for r in self._buffer],
                "reason": [r.reason for r in self._buffer],
                "raw": [r.raw for r in self._buffer],
            },
            schema=REJECT_SCHEMA,
        )
        try:
            self._format_writer.write_batch(batch)
        except BaseException:
            self.abort()
            raise
        self._buffer = []

    def close(self) -> ArtefactInfo | None:
        self._flush()
        if self._writer is None or self.artefact is not None:
            return self.artefact
        self._format_writer.close()
        self._writer.close()
        self.artefact = self._writer.artefact
        return self.artefact

    def abort(self) -> None:
        self._buffer = []
        if self._writer is not None:
            with contextlib.suppress(Exception):  # discarded anyway
                self._format_writer.close()
            self._writer.abort()

    def summary(self) -> dict[str, Any]:
        """Counts only: safe for reports, audit details and logs."""
        return {
            "rejected": self.count,
            "by_reason": dict(self.reasons),
            "by_table": dict(self.by_table),
            "artefact_id": self.artefact.id if self.artefact else None,
        }

    def __enter__(self) -> VaultRejectSink:
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


# ---------------------------------------------------------------------------------------------- deliveries


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


class _HashingWriter(io.RawIOBase):
    """Counts and hashes what passes through to `inner`."""

    def __init__(self, inner: BinaryIO, on_close: Any) -> None:
        self._inner = inner
        self._hash = hashlib.sha256()
        self.size = 0
        self._on_close = on_close

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self._inner.write(view)
        self._hash.update(view)
        self.size += len(view)
        return len(view)

    def tell(self) -> int:
        return self.size

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
            self._on_close(self.size, self._hash.hexdigest())
        super().close()


class _LocalTarget:
    def __init__(self, folder: Path, package: str) -> None:
        self.folder = folder
        self.final = folder / package
        self.location = str(self.final)
        if self.final.exists():
            raise DeliveryError(f"delivery {self.final} already exists: choose a new package name or remove it")
        # A package holds customer data (pseudonymised, and whatever the anonymiser missed): owner-only, like
        # the vault, whatever the umask. The parent folders are created the same way.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.staging = folder / f".staging-{package}-{secrets.token_hex(4)}"
        self.staging.mkdir(mode=0o700)

    def open(self, relpath: str) -> BinaryIO:
        path = self.staging / relpath
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        return os.fdopen(fd, "wb")

    def publish(self, manifest: bytes) -> None:
        with self.open(MANIFEST) as handle:
            handle.write(manifest)
            handle.flush()
            os.fsync(handle.fileno())
        if self.final.exists():
            raise DeliveryError(f"delivery {self.final} appeared while staging: nothing was published")
        os.rename(self.staging, self.final)
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class _S3Upload(io.RawIOBase):
    """A streaming multipart upload of one object (a single PUT for small objects)."""

    PART = 8 << 20

    def __init__(self, client: Any, bucket: str, key: str, on_done: Any, extra: dict[str, str] | None = None) -> None:
        self._client = client
        self._bucket = bucket
        self._key = key
        self._extra = extra or {}  # e.g. SSE-KMS, on the object's creation
        self._buffer = bytearray()
        self._upload_id: str | None = None
        self._parts: list[dict[str, Any]] = []
        self._on_done = on_done

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self._buffer += view
        if len(self._buffer) >= self.PART:
            self._send_part()
        return len(view)

    def _send_part(self) -> None:
        if self._upload_id is None:
            self._upload_id = self._client.create_multipart_upload(Bucket=self._bucket, Key=self._key,
                                                                   **self._extra)["UploadId"]
        number = len(self._parts) + 1
        answer = self._client.upload_part(Bucket=self._bucket, Key=self._key, UploadId=self._upload_id,
                                          PartNumber=number, Body=bytes(self._buffer))
        self._parts.append({"PartNumber": number, "ETag": answer["ETag"]})
        self._buffer.clear()

    def close(self) -> None:
        if self.closed:
            return
        if self._upload_id is None:
            answer = self._client.put_object(Bucket=self._bucket, Key=self._key, Body=bytes(self._buffer),
                                             **self._extra)
        else:
            if self._buffer:
                self._send_part()
            answer = self._client.complete_multipart_upload(
                Bucket=self._bucket, Key=self._key, UploadId=self._upload_id, MultipartUpload={"Parts": self._parts}
            )
        self._on_done(self._key, answer.get("VersionId"))
        super().close()

    def abort(self) -> None:
        if self._upload_id is not None:
            self._client.abort_multipart_upload(Bucket=self._bucket, Key=self._key, UploadId=self._upload_id)
        super().close()


class _S3Target:
    def __init__(self, client: Any, bucket: str, prefix: str, package: str,
                 extra: dict[str, str] | None = None) -> None:
        self.client = client
        self.bucket = bucket
        self.extra = extra or {}
        self.base = f"{prefix.rstrip('/') + '/' if prefix.strip('/') else ''}{package}/"
        self.location = f"s3://{bucket}/{self.base}"
        existing = client.list_objects_v2(Bucket=bucket, Prefix=self.base, MaxKeys=1).get("KeyCount", 0)
        if existing:
            raise DeliveryError(f"delivery {self.location} already has objects: choose a new package name")
        self.written: list[tuple[str, str | None]] = []
        self._open: list[_S3Upload] = []

    def _done(self, key: str, version: str | None) -> None:
        self.written.append((key, version))

    def open(self, relpath: str) -> BinaryIO:
        upload = _S3Upload(self.client, self.bucket, self.base + relpath, self._done, self.extra)
        self._open.append(upload)
        return upload  # type: ignore[return-value]

    def publish(self, manifest: bytes) -> None:
        answer = self.client.put_object(Bucket=self.bucket, Key=self.base + MANIFEST, Body=manifest,
                                        ContentType="application/json", **self.extra)
        self.written.append((self.base + MANIFEST, answer.get("VersionId")))

    def discard(self) -> None:
        for upload in self._open:
            if not upload.closed:
                upload.abort()
        for key, version in self.written:
            if version and version != "null":
                self.client.delete_object(Bucket=self.bucket, Key=key, VersionId=version)
            else:
                self.client.delete_object(Bucket=self.bucket, Key=key)


class DeliverySink:
    """Deliver a package of files atomically: `commit()` makes it visible; anything else leaves nothing."""

    def __init__(self, target: _LocalTarget | _S3Target, package: str) -> None:
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

        return _HashingWriter(self._target.open(relpath), done)  # type: ignore[return-value]

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
