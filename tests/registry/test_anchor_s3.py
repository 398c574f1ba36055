"""Audit anchors in an S3 bucket with Object Lock, through the real CLI against moto's S3 server over HTTP: each
anchor is a new object locked in compliance mode; the locked version cannot be deleted; overwriting or deleting the
key only stacks a version or a delete marker on it, which `audit verify` still reads; a consistent rewrite of the
registry is named by the S3 anchor it disagrees with."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from typer.testing import CliRunner

from intake.registry.anchor import FORMAT
from tests.conftest import invoke
from tests.registry.test_anchor_cli import refusal, rewrite, start, verify
from tests.services import AwsEndpoint

PREFIX = "anchors/reg-a/"


@pytest.fixture
def s3(aws: AwsEndpoint) -> Any:
    return boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)


def configure(monkeypatch: pytest.MonkeyPatch, aws: AwsEndpoint, bucket: str) -> None:
    monkeypatch.setenv("INTAKE_ANCHORS__S3_BUCKET", bucket)
    monkeypatch.setenv("INTAKE_ANCHORS__S3_PREFIX", PREFIX)
    monkeypatch.setenv("INTAKE_ANCHORS__RETENTION_DAYS", "30")
    monkeypatch.setenv("INTAKE_VAULT__S3_ENDPOINT_URL", aws.url)
    monkeypatch.setenv("INTAKE_VAULT__AWS_REGION", aws.region)


@pytest.fixture
def locked_bucket(s3: Any, aws: AwsEndpoint, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A bucket created with Object Lock enabled (which also turns versioning on), as deployments/README.md says."""
    bucket = f"anchors-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": aws.region},
                     ObjectLockEnabledForBucket=True)
    configure(monkeypatch, aws, bucket)
    yield bucket


def versions(s3: Any, bucket: str) -> list[dict]:
    return s3.list_object_versions(Bucket=bucket, Prefix=PREFIX).get("Versions", [])


def test_each_anchor_is_a_new_object_locked_in_compliance_mode(
    runner: CliRunner, tmp_path: Path, s3: Any, locked_bucket: str
) -> None:
    before = datetime.now(UTC)
    home = start(runner, tmp_path)
    stored = versions(s3, locked_bucket)
    assert len({v["Key"] for v in stored}) == len(stored) == 3  # one new object per command that changed the log
    assert not (home / "audit-anchors.jsonl").exists()  # S3 is the location, not the home
    for version in stored:
        head = s3.head_object(Bucket=locked_bucket, Key=version["Key"], VersionId=version["VersionId"])
        assert head["ObjectLockMode"] == "COMPLIANCE"
        until = head["ObjectLockRetainUntilDate"]  # S3 keeps it to the second
        assert before + timedelta(days=30, seconds=-1) <= until <= datetime.now(UTC) + timedelta(days=30)
        body = s3.get_object(Bucket=locked_bucket, Key=version["Key"], VersionId=version["VersionId"])["Body"].read()
        assert FORMAT.encode() in body
    ok = invoke(runner, "--json", "audit", "verify")
    assert ok.exit_code == 0, ok.output
    assert '"anchors": 3' in ok.stdout and f"s3://{locked_bucket}/{PREFIX}" in ok.stdout


def test_a_locked_anchor_cannot_be_deleted_and_overwriting_it_hides_nothing(
    runner: CliRunner, tmp_path: Path, s3: Any, locked_bucket: str
) -> None:
    start(runner, tmp_path)
    first = sorted(versions(s3, locked_bucket), key=lambda v: v["Key"])[0]
    key, version = first["Key"], first["VersionId"]
    # moto enforces compliance mode on deleting a version, as S3 does, the bypass header included.
    for bypass in (False, True):
        with pytest.raises(ClientError) as refused:
            s3.delete_object(Bucket=locked_bucket, Key=key, VersionId=version, BypassGovernanceRetention=bypass)
        assert refused.value.response["Error"]["Code"] == "AccessDenied"
    # Overwriting in place is not possible either: a put makes a new version and the locked one stays as it was.
    original = s3.get_object(Bucket=locked_bucket, Key=key, VersionId=version)["Body"].read()
    s3.put_object(Bucket=locked_bucket, Key=key, Body=b'{"forged": true}\n')
    assert s3.get_object(Bucket=locked_bucket, Key=key, VersionId=version)["Body"].read() == original
    said = verify(runner)
    assert f"s3://{locked_bucket}/{key} version" in said and "is not an audit anchor line" in said, said


def test_consistent_rewrite_is_named_by_the_s3_anchor_even_behind_delete_markers(
    runner: CliRunner, tmp_path: Path, s3: Any, locked_bucket: str
) -> None:
    home = start(runner, tmp_path)
    for stored in versions(s3, locked_bucket):
        s3.delete_object(Bucket=locked_bucket, Key=stored["Key"])  # a delete marker: the listing looks empty
    assert not s3.list_objects_v2(Bucket=locked_bucket, Prefix=PREFIX).get("Contents")

    def blame_ada(events: list[dict]) -> list[dict]:
        events[refusal(events)]["actor"] = "ada"
        return events

    rewrite(home, blame_ada)
    said = verify(runner)
    assert "were rewritten after the anchor written at" in said and f"(s3://{locked_bucket}/{PREFIX}" in said, said


def test_a_bucket_without_object_lock_is_refused_saying_what_to_do(
    runner: CliRunner, tmp_path: Path, s3: Any, aws: AwsEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = f"plain-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": aws.region})
    configure(monkeypatch, aws, bucket)
    init = invoke(runner, "init")
    assert init.exit_code == 0  # the home is made; the anchor failure is reported, not hidden
    assert "audit anchor not written" in " ".join(init.output.split())
    result = invoke(runner, "audit", "anchor")
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "AnchorUnavailable" in said
    assert "create the bucket with Object Lock enabled" in said
    assert not s3.list_objects_v2(Bucket=bucket).get("Contents")
