"""The S3 object store: ciphertext objects under a bucket prefix, SSE-KMS requested on top."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from intake.aws_errors import AWS_ERRORS, aws_error
from intake.config import Settings
from intake.errors import ConfigError
from intake.s3_upload import PART_SIZE, StreamingUpload
from intake.vault.errors import StoreError
from intake.vault.scopes import check_location
from intake.vault.stores import ObjectSink, ObjectSource, register_store

S3_PART_SIZE = PART_SIZE  # multipart part size of the managed transfer: bounds upload memory
S3_READ_WINDOW = 8 << 20  # the largest ranged GET of a sequential scan
CHECK_SETTINGS = "check the bucket, credentials and vault.s3_endpoint_url settings"


def _s3_problem(exc: Exception, what: str) -> StoreError:
    return aws_error(StoreError, f"S3 {what}", exc, CHECK_SETTINGS)


class _S3Sink:
    """Ciphertext streamed into one object by boto3's managed transfer (intake/s3_upload.py): nothing is
    spooled to disk, and nothing is visible before `commit`."""

    def __init__(self, store: S3Store, key: str) -> None:
        self._where = f"s3://{store.bucket}/{key}"
        self._upload = StreamingUpload(store.client, store.bucket, key, store.encryption_args(), store.part_size)

    def write(self, data: bytes | memoryview) -> None:
        try:
            self._upload.write(data)
        except AWS_ERRORS as exc:
            self.abort()
            raise _s3_problem(exc, f"upload of {self._where}") from None

    def commit(self) -> None:
        try:
            self._upload.finish()
        except AWS_ERRORS as exc:
            self.abort()
            raise _s3_problem(exc, f"upload of {self._where}") from None

    def abort(self) -> None:
        self._upload.abort()


class _S3Source:
    """Ranged GETs of one object version.

    A read at a new position fetches just the bytes asked for (one chunk); reads that continue where
    the previous one ended double the window of the next GET, up to `read_window`, so a sequential
    scan streams through few requests while random access (Parquet, zip) transfers only what it needs.
    """

    def __init__(self, store: S3Store, key: str) -> None:
        self._store, self._key = store, key
        try:
            head = store.client.head_object(Bucket=store.bucket, Key=key)
        except AWS_ERRORS as exc:
            raise _s3_problem(exc, f"reading s3://{store.bucket}/{key}") from None
        self.size = int(head["ContentLength"])
        self._version = head.get("VersionId")
        self._body: Any = None
        self._pos = self._window_end = 0
        self._last_end = -1
        self._run = 0

    def _open_window(self, offset: int, length: int) -> None:
        self._close_body()
        self._run = self._run + 1 if offset == self._last_end else 0
        window = min(max(length, self._store.read_window), length << min(self._run, 16))
        end = min(self.size, offset + window)
        args: dict[str, Any] = {"Bucket": self._store.bucket, "Key": self._key, "Range": f"bytes={offset}-{end - 1}"}
        if self._version and self._version != "null":
            args["VersionId"] = self._version
        try:
            self._body = self._store.client.get_object(**args)["Body"]
        except AWS_ERRORS as exc:
            raise _s3_problem(exc, f"reading s3://{self._store.bucket}/{self._key}") from None
        self._pos, self._window_end = offset, end

    def read_at(self, offset: int, length: int) -> bytes:
        length = max(0, min(length, self.size - offset))
        if length == 0:
            return b""
        if self._body is None or offset != self._pos or offset + length > self._window_end:
            self._open_window(offset, length)
        parts: list[bytes] = []
        remaining = length
        try:
            while remaining > 0:
                data = self._body.read(remaining)
                if not data:
                    break
                parts.append(data)
                remaining -= len(data)
        except AWS_ERRORS as exc:
            self._close_body()
            raise _s3_problem(exc, f"reading s3://{self._store.bucket}/{self._key}") from None
        self._pos += length - remaining
        self._last_end = self._pos
        if self._pos >= self._window_end:
            self._close_body()
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _close_body(self) -> None:
        if self._body is not None:
            with contextlib.suppress(Exception):
                self._body.close()
            self._body = None

    def close(self) -> None:
        self._close_body()


class S3Store:
    """Objects in an S3 bucket under a prefix; SSE-KMS is requested on top of the vault's own encryption."""

    name = "s3"

    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None, region: str | None = None,
                 sse_kms_key_id: str | None = None, client: Any = None, part_size: int = S3_PART_SIZE,
                 read_window: int = S3_READ_WINDOW) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix if not prefix or prefix.endswith("/") else prefix + "/"
        self.sse_kms_key_id = sse_kms_key_id
        self.part_size = max(part_size, 5 << 20)
        self.read_window = read_window
        self.client = client or boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region,
            config=Config(retries={"max_attempts": 5, "mode": "standard"}),
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> S3Store:
        vault = settings.vault
        if not vault.s3_bucket:
            raise ConfigError("vault.store is 's3' but vault.s3_bucket is not set: set INTAKE_VAULT__S3_BUCKET")
        return cls(vault.s3_bucket, vault.s3_prefix, vault.s3_endpoint_url, vault.aws_region, vault.s3_sse_kms_key_id)

    def encryption_args(self) -> dict[str, str]:
        args = {"ServerSideEncryption": "aws:kms"}
        if self.sse_kms_key_id:
            args["SSEKMSKeyId"] = self.sse_kms_key_id
        return args

    def key(self, location: str) -> str:
        check_location(location)
        return self.prefix + location

    def create(self, location: str) -> ObjectSink:
        return _S3Sink(self, self.key(location))

    def open(self, location: str) -> ObjectSource:
        return _S3Source(self, self.key(location))

    def _versions(self, prefix: str, exact: str | None = None) -> Iterator[dict[str, str]]:
        paginator = self.client.get_paginator("list_object_versions")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
            for entry in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]:
                if exact is None or entry["Key"] == exact:
                    yield {"Key": entry["Key"], "VersionId": entry["VersionId"]}

    def _uploads(self, prefix: str) -> Iterator[dict[str, str]]:
        # Unfinished multipart uploads hold parts too: ciphertext, but still ours to remove.
        paginator = self.client.get_paginator("list_multipart_uploads")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
            for upload in page.get("Uploads", []):
                yield {"Key": upload["Key"], "UploadId": upload["UploadId"]}

    def _delete_versions(self, prefix: str, exact: str | None = None) -> int:
        removed = 0
        try:
            # Collect first: deleting while paginating could skip entries.
            entries = list(self._versions(prefix, exact))
            for start in range(0, len(entries), 1000):
                batch = entries[start : start + 1000]
                response = self.client.delete_objects(
                    Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True}
                )
                if response.get("Errors"):
                    first = response["Errors"][0]
                    raise StoreError(
                        f"S3 refused to delete {len(response['Errors'])} object versions under s3://{self.bucket}/"
                        f"{prefix} ({first.get('Code')}): check object lock and the delete permissions"
                    )
                removed += len(batch)
            for upload in self._uploads(prefix):
                if exact is None or upload["Key"] == exact:
                    self.client.abort_multipart_upload(Bucket=self.bucket, **upload)
                    removed += 1
        except AWS_ERRORS as exc:
            raise _s3_problem(exc, f"deleting s3://{self.bucket}/{prefix}") from None
        return removed

    def delete(self, location: str) -> int:
        key = self.key(location)
        return self._delete_versions(key, exact=key)

    def delete_prefix(self, prefix: str) -> int:
        return self._delete_versions(self.prefix + prefix)

    def count(self, prefix: str) -> int:
        try:
            return sum(1 for _ in self._versions(self.prefix + prefix)) + sum(
                1 for _ in self._uploads(self.prefix + prefix)
            )
        except AWS_ERRORS as exc:
            raise _s3_problem(exc, f"listing s3://{self.bucket}/{self.prefix + prefix}") from None

    def describe(self, location: str) -> str:
        return f"s3://{self.bucket}/{self.key(location)}"


register_store(S3Store.name, S3Store.from_settings)
