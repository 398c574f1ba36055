"""Vault fixtures: registry rows for datasets (the vault only needs them to exist) and a vault per store."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import boto3
import pytest

from intake.context import Actor, Context
from intake.registry.models import new_id
from intake.vault import Vault
from tests.services import AwsEndpoint
from tests.vault.rows import make_dataset_row


@pytest.fixture
def make_dataset(ctx: Context) -> Callable[[], str]:
    """Factory: a registered dataset id (with its customer, signer and authorisation rows)."""
    return lambda: make_dataset_row(ctx)


@pytest.fixture
def dataset_id(make_dataset: Callable[[], str]) -> str:
    return make_dataset()


@pytest.fixture
def actor(ctx: Context) -> Actor:
    return ctx.actor()


@pytest.fixture
def vault(ctx: Context) -> Vault:
    """A vault on the default local store and local key file, with small chunks so tests cross boundaries."""
    return Vault(ctx, chunk_size=4096)


@pytest.fixture
def s3_bucket(aws: AwsEndpoint) -> Iterator[str]:
    """A fresh versioned bucket on the moto server."""
    s3 = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)
    name = f"vault-{new_id()[:8]}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": aws.region})
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    yield name


@pytest.fixture
def kms_key(aws: AwsEndpoint) -> str:
    kms = boto3.client("kms", endpoint_url=aws.url, region_name=aws.region)
    return kms.create_key(Description="intake vault test KEK")["KeyMetadata"]["KeyId"]
