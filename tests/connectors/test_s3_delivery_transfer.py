"""S3 deliveries write through boto3's managed transfer (upload_fileobj) on moto's server: SSE-KMS on every object,
multipart for big files, and an aborted package leaves no object, version or unfinished multipart upload."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from intake.connectors.sinks import DeliverySink
from intake.registry.models import new_id
from tests.services import AwsEndpoint

MIB = 1 << 20


@pytest.fixture
def s3(aws: AwsEndpoint) -> Any:
    return boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)


@pytest.fixture
def bucket(aws: AwsEndpoint, s3: Any) -> str:
    name = f"deliveries-{new_id()[:8]}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": aws.region})
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


def test_every_delivered_object_is_sse_kms_and_big_files_go_multipart(aws: AwsEndpoint, s3: Any, bucket: str) -> None:
    key_id = boto3.client("kms", endpoint_url=aws.url, region_name=aws.region).create_key()["KeyMetadata"]["KeyId"]
    client = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)
    calls: list[str] = []
    client.meta.events.register("before-call.s3.*", lambda model, **_: calls.append(model.name))
    with DeliverySink.s3(bucket, "imports", "pkg", client=client, sse_kms_key_id=key_id) as sink:
        sink.write_bytes("small.txt", b"hello")
        with sink.open("big.bin") as handle:
            for _ in range(17):
                handle.write(b"\2" * MIB)
        sink.commit()
    assert calls.count("UploadPart") == 3 and calls.count("CompleteMultipartUpload") == 1
    for key in ("imports/pkg/small.txt", "imports/pkg/big.bin", "imports/pkg/manifest.json"):
        head = s3.head_object(Bucket=bucket, Key=key)
        assert head["ServerSideEncryption"] == "aws:kms" and key_id in head["SSEKMSKeyId"]
    assert s3.head_object(Bucket=bucket, Key="imports/pkg/big.bin")["ContentLength"] == 17 * MIB


def test_an_aborted_package_leaves_no_object_version_or_unfinished_upload(
    aws: AwsEndpoint, s3: Any, bucket: str
) -> None:
    options = {"endpoint_url": aws.url, "region": aws.region}
    sink = DeliverySink.to(f"s3://{bucket}/imports", "pkg", **options)
    with pytest.raises(RuntimeError, match="stopped"), sink:
        sink.write_bytes("done.txt", b"a finished file")
        handle = sink.open("half.bin")
        for _ in range(20):  # two parts sent, the rest pending
            handle.write(b"\3" * MIB)
        raise RuntimeError("stopped")
    versions = s3.list_object_versions(Bucket=bucket, Prefix="imports/")
    assert versions.get("Versions", []) == [] and versions.get("DeleteMarkers", []) == []
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
