"""Packages delivered before the operator changed the delivery setting (`delivery_path`, then `delivery_url`) are
copies still: the withdrawal's sweep deletes them where each run recorded them, every S3 version and unfinished
upload included, and the deletion certificate lists them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import boto3
import pytest

from benchmarks.generator import generate_equiptrack
from intake.authorisation import withdraw
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.retention import sweep, verify_certificate_file

pytestmark = pytest.mark.usefixtures("flows_as")


def test_packages_delivered_under_earlier_settings_are_deleted_and_listed(
        ctx, as_user, authorise, aws, clock, tmp_path: Path) -> None:
    s3 = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)
    bucket = "deliveries-moved-test"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": aws.region})
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    settings = ctx.settings
    settings.vault.s3_endpoint_url, settings.vault.aws_region = aws.url, aws.region

    export = generate_equiptrack(tmp_path / "export", assets=60, jobs=120, seed=6)
    files = [str(p) for p in export.paths.values()]
    reference = authorise([Path(f) for f in files])
    dataset_id = receive_dataset_flow(authorisation=reference, files=files, actor="eve")["dataset_id"]
    settings.delivery_path = tmp_path / "old-share"
    first = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)
    assert Path(first["package"]).parent == tmp_path / "old-share" / dataset_id
    clock.advance(timedelta(hours=1))
    settings.delivery_path, settings.delivery_url = None, f"s3://{bucket}/old-imports"
    second = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)
    base = f"old-imports/{dataset_id}/"
    assert second["package"].startswith(f"s3://{bucket}/{base}run-")
    # An upload a killed writer never completed holds parts of the package too.
    key = f"{second['package'].removeprefix(f's3://{bucket}/')}entities/extra.parquet"
    upload = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    s3.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=1, Body=b"PAR1 part of a package")
    s3.put_object(Bucket=bucket, Key=f"elsewhere/{dataset_id}.txt", Body=b"not a delivery")
    settings.delivery_url = None  # back to the default: packages kept in the vault

    withdraw(as_user("dora"), reference, reason="customer withdrew consent by letter")
    report = sweep(as_user("dora"))

    assert [d.dataset_id for d in report.deleted] == [dataset_id]
    assert not (tmp_path / "old-share" / dataset_id).exists()
    versions = s3.list_object_versions(Bucket=bucket, Prefix=base)
    assert not versions.get("Versions") and not versions.get("DeleteMarkers")
    assert not s3.list_multipart_uploads(Bucket=bucket).get("Uploads")
    assert s3.get_object(Bucket=bucket, Key=f"elsewhere/{dataset_id}.txt")["Body"].read() == b"not a delivery"
    body = verify_certificate_file(report.deleted[0].certificate_file, settings=settings)
    listed = {d["location"].rstrip("/"): d for d in body["deliveries"]}
    assert set(listed) == {first["package"].rstrip("/"), second["package"].rstrip("/")}
    assert listed[first["package"]]["store"] == "folder" and listed[first["package"]]["manifest_sha256"]
    in_s3 = listed[second["package"].rstrip("/")]
    assert in_s3["store"] == "s3" and in_s3["manifest_sha256"] and in_s3["unfinished_uploads"] == 1
    assert "delivery_object_versions_removed" in body["verification"]["checks"]
