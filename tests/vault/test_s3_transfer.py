"""The vault's S3 store writes through boto3's managed transfer (upload_fileobj), against moto's server on
127.0.0.1: nothing visible before commit, nothing left after abort, and failures classified."""

from __future__ import annotations

import os
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from intake.registry.models import new_id
from intake.vault import StoreError
from intake.vault.s3_store import S3Store
from tests.services import AwsEndpoint

MIB = 1 << 20


@pytest.fixture
def s3(aws: AwsEndpoint) -> Any:
    return boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)


def store(aws: AwsEndpoint, bucket: str, kms_key: str | None = None) -> S3Store:
    return S3Store(bucket, "tenant-a/", aws.url, aws.region, kms_key)


def uploads(s3: Any, bucket: str) -> list[str]:
    return [u["Key"] for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]


def test_a_multipart_object_is_sent_by_the_managed_transfer_and_visible_only_after_commit(
    aws: AwsEndpoint, s3: Any, s3_bucket: str, kms_key: str
) -> None:
    target = store(aws, s3_bucket, kms_key)
    calls: list[str] = []
    target.client.meta.events.register("before-call.s3.*", lambda model, **_: calls.append(model.name))
    sink = target.create("scope/a.ikv")
    data = os.urandom(17 * MIB + 3)
    for start in range(0, len(data), MIB):
        sink.write(memoryview(data)[start : start + MIB])
    assert s3.list_objects_v2(Bucket=s3_bucket).get("KeyCount", 0) == 0  # nothing visible before commit
    sink.commit()

    assert calls.count("UploadPart") == 3 and calls[-1] == "CompleteMultipartUpload"
    head = s3.head_object(Bucket=s3_bucket, Key="tenant-a/scope/a.ikv")
    assert head["ServerSideEncryption"] == "aws:kms" and kms_key in head["SSEKMSKeyId"]
    assert s3.get_object(Bucket=s3_bucket, Key="tenant-a/scope/a.ikv")["Body"].read() == data
    assert uploads(s3, s3_bucket) == []


def test_an_aborted_multipart_write_leaves_no_object_and_no_unfinished_upload(
    aws: AwsEndpoint, s3: Any, s3_bucket: str
) -> None:
    target = store(aws, s3_bucket)
    sink = target.create("scope/b.ikv")
    for _ in range(20):  # two parts sent, the third pending
        sink.write(b"\1" * MIB)
    sink.abort()
    assert target.count("scope/") == 0
    assert uploads(s3, s3_bucket) == [] and s3.list_objects_v2(Bucket=s3_bucket).get("KeyCount", 0) == 0


def test_a_missing_bucket_is_a_terminal_store_error_naming_the_bucket(aws: AwsEndpoint) -> None:
    missing = f"no-such-bucket-{new_id()[:8]}"
    sink = store(aws, missing).create("scope/c.ikv")
    sink.write(b"ciphertext")
    with pytest.raises(StoreError, match=f"s3://{missing}/tenant-a/scope/c.ikv failed \\(NoSuchBucket\\): check "
                                         "the bucket") as written:
        sink.commit()
    assert not written.value.transient
    with pytest.raises(StoreError, match=f"s3://{missing}/") as read:
        store(aws, missing).open("scope/c.ikv")
    assert not read.value.transient


def test_throttling_is_a_transient_store_error_that_says_to_try_again(aws: AwsEndpoint, s3_bucket: str) -> None:
    target = store(aws, s3_bucket)

    def slow_down(**_: Any) -> None:
        raise ClientError({"Error": {"Code": "SlowDown", "Message": "Please reduce your request rate."},
                           "ResponseMetadata": {"HTTPStatusCode": 503}}, "PutObject")

    target.client.meta.events.register("before-call.s3.PutObject", slow_down)
    sink = target.create("scope/d.ikv")
    sink.write(b"ciphertext")
    with pytest.raises(StoreError, match=r"\(SlowDown\): the service said it was busy .*try again") as busy:
        sink.commit()
    assert busy.value.transient


def test_a_bug_during_an_upload_propagates_as_itself(aws: AwsEndpoint, s3: Any, s3_bucket: str) -> None:
    target = store(aws, s3_bucket)

    def bug(**_: Any) -> None:
        raise TypeError("a bug of ours")

    target.client.meta.events.register("before-call.s3.PutObject", bug)
    sink = target.create("scope/e.ikv")
    sink.write(b"ciphertext")
    with pytest.raises(TypeError, match="a bug of ours"):
        sink.commit()
    assert s3.list_objects_v2(Bucket=s3_bucket).get("KeyCount", 0) == 0
