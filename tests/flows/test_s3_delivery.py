"""Packages delivered to S3 (`delivery_url`, SSE-KMS) on a moto server: written atomically and encrypted at rest,
then deleted with every version by the sweep and listed in the deletion certificate."""

from __future__ import annotations

from pathlib import Path

import boto3
import pytest

from benchmarks.generator import generate_equiptrack
from intake.authorisation import withdraw
from intake.delivered import list_packages
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.handover import fetch_package
from intake.retention import sweep, verify_certificate_file

pytestmark = pytest.mark.usefixtures("flows_as")


def test_s3_delivery_is_encrypted_and_every_version_is_deleted(ctx, as_user, authorise, aws, tmp_path: Path) -> None:
    s3 = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)
    kms = boto3.client("kms", endpoint_url=aws.url, region_name=aws.region)
    bucket = "deliveries-s3-test"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": aws.region})
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    key_id = kms.create_key(Description="deliveries")["KeyMetadata"]["KeyId"]
    settings = ctx.settings
    settings.delivery_url, settings.delivery_sse_kms_key_id = f"s3://{bucket}/imports", key_id
    settings.vault.s3_endpoint_url, settings.vault.aws_region = aws.url, aws.region

    export = generate_equiptrack(tmp_path / "export", assets=60, jobs=120, seed=5)
    files = [str(p) for p in export.paths.values()]
    reference = authorise([Path(f) for f in files])
    dataset_id = receive_dataset_flow(authorisation=reference, files=files, actor="eve")["dataset_id"]
    summary = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)

    base = f"imports/{dataset_id}/"
    assert summary["package"].startswith(f"s3://{bucket}/{base}run-")
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=base)["Contents"]]
    assert any(k.endswith("/manifest.json") for k in keys) and any(k.endswith(".parquet") for k in keys)
    for k in keys:
        head = s3.head_object(Bucket=bucket, Key=k)
        assert head["ServerSideEncryption"] == "aws:kms" and key_id in head["SSEKMSKeyId"]
    assert not settings.deliveries_path.joinpath(dataset_id).exists()  # nothing in the local folder
    # The hand-over downloads the package from S3 into an owner-only folder and verifies it against its manifest.
    handed = fetch_package(as_user("eve"), dataset_id, tmp_path / "handover")
    assert handed["verified"] and handed["files"] == len(keys)
    # Listed where the dataset's packages are listed: the copy in S3, by its run.
    [listed] = list_packages(as_user("sam"), dataset_id)
    assert (listed["package"].rstrip("/"), listed["store"], listed["present"], listed["files"]) == (
        summary["package"].rstrip("/"), "s3", True, len(keys))
    # An old version left behind by an overwrite must go too.
    s3.put_object(Bucket=bucket, Key=keys[0], Body=b"overwritten")

    withdraw(as_user("dora"), reference, reason="customer withdrew consent by letter")
    report = sweep(as_user("dora"))
    assert [d.dataset_id for d in report.deleted] == [dataset_id]
    versions = s3.list_object_versions(Bucket=bucket, Prefix=base)
    assert not versions.get("Versions") and not versions.get("DeleteMarkers")

    body = verify_certificate_file(report.deleted[0].certificate_file, settings=settings)  # verifies offline
    [package] = body["deliveries"]
    assert package["location"].startswith(f"s3://{bucket}/{base}run-")
    assert package["files"] == len(keys) and package["versions"] == len(keys) + 1 and package["manifest_sha256"]
    assert "delivery_object_versions_removed" in body["verification"]["checks"]
    assert [p["present"] for p in list_packages(as_user("sam"), dataset_id)] == [False]
