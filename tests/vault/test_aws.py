"""The vault on S3 with KMS-wrapped data keys, against moto's server over real HTTP on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from intake.clock import FixedClock
from intake.config import Settings, VaultSettings
from intake.context import Context
from intake.registry.models import ArtefactKind, DataKey
from intake.users import initialise
from intake.vault import KeyDestroyed, KeyProviderError, S3Store, Vault, check_keys, rotate_kek
from intake.vault.scopes import scope_prefix
from tests.services import AwsEndpoint
from tests.vault.rows import make_dataset_row

MIB = 1 << 20


def aws_settings(home: Path, aws: AwsEndpoint, bucket: str, kms_key: str, **overrides: object) -> Settings:
    vault = {
        "store": "s3", "s3_bucket": bucket, "s3_prefix": "tenant-a/", "s3_endpoint_url": aws.url,
        "s3_sse_kms_key_id": kms_key, "key_provider": "kms", "kms_key_id": kms_key, "kms_endpoint_url": aws.url,
        "aws_region": aws.region, **overrides,
    }
    return Settings(home=home, vault=VaultSettings(**vault))


@pytest.fixture
def aws_ctx(tmp_path: Path, clock: FixedClock, aws: AwsEndpoint, s3_bucket: str, kms_key: str) -> Iterator[Context]:
    ctx = Context(settings=aws_settings(tmp_path / "home", aws, s3_bucket, kms_key), actor="ada", clock=clock)
    initialise(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def s3(aws: AwsEndpoint):
    return boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)


def versions(s3, bucket: str, prefix: str) -> list[str]:
    page = s3.list_object_versions(Bucket=bucket, Prefix=prefix)
    return [v["Key"] for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]


def test_s3_with_kms_round_trips_a_multipart_object_with_sse_kms_requested(
    aws_ctx: Context, s3, s3_bucket: str, kms_key: str
) -> None:
    dataset_id = make_dataset_row(aws_ctx)
    vault = Vault.from_context(aws_ctx)
    actor = aws_ctx.actor()
    plaintext = os.urandom(19 * MIB + 5)  # more than two 8 MiB multipart parts
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", plaintext, actor)

    assert info.store == "s3" and info.location.startswith(scope_prefix(dataset_id))
    key = "tenant-a/" + info.location
    head = s3.head_object(Bucket=s3_bucket, Key=key)
    assert head["ServerSideEncryption"] == "aws:kms" and kms_key in head["SSEKMSKeyId"]
    assert head["ContentLength"] == info.size
    stored = s3.get_object(Bucket=s3_bucket, Key=key)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == info.ciphertext_sha256
    assert plaintext[:4096] not in stored

    with aws_ctx.registry.session() as session:
        row = session.get(DataKey, dataset_id)
        assert row.provider == "kms" and row.kek_id.endswith(kms_key)
    fresh = Vault.from_context(aws_ctx)  # unwraps through KMS Decrypt
    gets: list[str] = []
    fresh.store.client.meta.events.register("before-call.s3.GetObject", lambda params, **_: gets.append("GET"))
    digest = hashlib.sha256()
    with fresh.open(info.id, actor) as stream:
        while block := stream.read(256 * 1024):
            digest.update(block)
    assert digest.digest() == hashlib.sha256(plaintext).digest()
    assert len(gets) <= 10  # a sequential scan of 20 one-MiB chunks streams through growing ranged GETs


def test_seekable_reads_over_s3_use_ranged_gets_of_only_the_needed_bytes(aws_ctx: Context) -> None:
    dataset_id = make_dataset_row(aws_ctx)
    vault = Vault(aws_ctx, chunk_size=64 * 1024)
    actor = aws_ctx.actor()
    table = pa.table({"n": pa.array(range(600_000), pa.int64()), "s": [f"EQ{i:07d}" for i in range(600_000)]})
    with vault.writer(dataset_id, dataset_id, ArtefactKind.INTERMEDIATE, "assets.parquet", actor) as writer:
        pq.write_table(table, writer, row_group_size=100_000, compression="NONE")
    assert writer.artefact.size > 8 * MIB

    ranges: list[str] = []
    store = vault.store
    assert isinstance(store, S3Store)
    store.client.meta.events.register("before-call.s3.GetObject",
                                      lambda params, **_: ranges.append(params["headers"].get("Range", "")))
    with vault.open(writer.artefact.id, actor) as stream:
        last_group = pq.ParquetFile(stream).read_row_group(5)
    assert last_group.column("s")[0].as_py() == "EQ0500000"
    assert ranges and all(r.startswith("bytes=") for r in ranges)
    fetched = sum(int(r.split("-")[1]) - int(r[6:].split("-")[0]) + 1 for r in ranges)
    assert fetched < writer.artefact.size / 2  # footer and one row group, not the whole object

    with vault.open(writer.artefact.id, actor) as stream:
        assert pq.read_table(stream).equals(table)


def test_shred_on_s3_deletes_every_version_and_a_restored_copy_cannot_be_decrypted(
    aws_ctx: Context, s3, s3_bucket: str
) -> None:
    dataset_id = make_dataset_row(aws_ctx)
    vault = Vault.from_context(aws_ctx)
    actor = aws_ctx.actor()
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", os.urandom(3 * MIB), actor)
    other = vault.put(dataset_id, dataset_id, ArtefactKind.OUTPUT, "out.parquet", b"small", actor)
    key = "tenant-a/" + info.location
    copy_aside = s3.get_object(Bucket=s3_bucket, Key=key)["Body"].read()
    # Older versions and a delete marker, as an overwrite and a careless delete would leave behind.
    s3.put_object(Bucket=s3_bucket, Key=key, Body=copy_aside)
    s3.delete_object(Bucket=s3_bucket, Key="tenant-a/" + other.location)
    s3.put_object(Bucket=s3_bucket, Key="tenant-a/" + scope_prefix(dataset_id) + "orphan.ikv", Body=b"orphan")
    prefix = "tenant-a/" + scope_prefix(dataset_id)
    assert len(versions(s3, s3_bucket, prefix)) == 5

    report = vault.shred(dataset_id, actor)

    assert report.artefacts == 2 and report.objects_removed == 5
    assert versions(s3, s3_bucket, prefix) == []
    assert vault.verify_unreadable(dataset_id)
    s3.put_object(Bucket=s3_bucket, Key=key, Body=copy_aside)  # a backup is restored
    with pytest.raises(KeyDestroyed, match=f"dataset {dataset_id} was crypto-shredded on 2026-03-02"):
        vault.open(info.id, actor)


def test_delete_artefact_on_s3_removes_all_its_versions(aws_ctx: Context, s3, s3_bucket: str) -> None:
    dataset_id = make_dataset_row(aws_ctx)
    vault = Vault.from_context(aws_ctx)
    actor = aws_ctx.actor()
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "a.csv", b"x" * 100, actor)
    keep = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "b.csv", b"y" * 100, actor)
    key = "tenant-a/" + info.location
    s3.put_object(Bucket=s3_bucket, Key=key, Body=b"second version")
    assert vault.delete_artefact(info.id, actor) == 2
    assert versions(s3, s3_bucket, key) == []
    assert vault.read_bytes(keep.id, actor) == b"y" * 100


def test_kms_wrapped_keys_are_bound_to_their_scope(aws_ctx: Context) -> None:
    one, two = make_dataset_row(aws_ctx), make_dataset_row(aws_ctx)
    vault = Vault.from_context(aws_ctx)
    actor = aws_ctx.actor()
    info = vault.put(one, one, ArtefactKind.RAW, "a.csv", b"x", actor)
    vault.put(two, two, ArtefactKind.RAW, "b.csv", b"y", actor)
    with aws_ctx.registry.session() as session:
        session.get(DataKey, one).wrapped_key = session.get(DataKey, two).wrapped_key
    with pytest.raises(KeyProviderError, match=f"KMS Decrypt of the data key of dataset {one}"):
        Vault.from_context(aws_ctx).open(info.id, actor)


def test_rotate_kek_moves_local_keys_to_kms_and_kms_keys_to_a_new_kms_key(
    tmp_path: Path, clock: FixedClock, aws: AwsEndpoint, s3_bucket: str, kms_key: str
) -> None:
    home = tmp_path / "home"
    local = Context(settings=aws_settings(home, aws, s3_bucket, kms_key, key_provider="local"), actor="ada",
                    clock=clock)
    initialise(local)
    dataset_id = make_dataset_row(local)
    actor = local.actor()
    info = Vault.from_context(local).put(dataset_id, dataset_id, ArtefactKind.RAW, "a.csv", b"z" * 9000, actor)

    on_kms = Context(settings=aws_settings(home, aws, s3_bucket, kms_key), actor="ada", clock=clock,
                     registry=local.registry, migrate=False)
    assert rotate_kek(on_kms) == 1
    local.settings.key_file.unlink()  # the local KEK is no longer needed
    assert Vault.from_context(on_kms).read_bytes(info.id, actor) == b"z" * 9000

    kms = boto3.client("kms", endpoint_url=aws.url, region_name=aws.region)
    new_key = kms.create_key(Description="new KEK")["KeyMetadata"]["KeyId"]
    moved = Context(settings=aws_settings(home, aws, s3_bucket, new_key), actor="ada", clock=clock,
                    registry=local.registry, migrate=False)
    assert rotate_kek(moved) == 1
    with moved.registry.session() as session:
        assert session.get(DataKey, dataset_id).kek_id.endswith(new_key)
    assert Vault.from_context(moved).read_bytes(info.id, actor) == b"z" * 9000
    local.close()


def test_keys_check_unwraps_kms_wrapped_keys_and_init_makes_no_key_file(aws_ctx: Context) -> None:
    assert not aws_ctx.settings.key_file.exists()  # KMS holds the KEK: `init` made no local key file
    dataset_id = make_dataset_row(aws_ctx)
    Vault.from_context(aws_ctx).put(dataset_id, dataset_id, ArtefactKind.RAW, "a.csv", b"x" * 100, aws_ctx.actor())
    report = check_keys(aws_ctx)
    assert (report.ok, report.provider, report.live, report.unwrapped, report.key_file_state) == (
        True, "kms", 1, 1, "not used")

    with aws_ctx.registry.session() as session:  # the wrapped key no longer decrypts under the KMS key
        row = session.get(DataKey, dataset_id)
        good, row.wrapped_key = row.wrapped_key, row.wrapped_key[:-1] + bytes([row.wrapped_key[-1] ^ 1])
    report = check_keys(aws_ctx)
    assert (report.ok, report.failed) == (False, 1) and report.keks[0].provider == "kms"
    artefact = Vault.from_context(aws_ctx).artefacts(dataset_id)[0]
    with pytest.raises(KeyProviderError, match=f"KMS Decrypt of the data key of dataset {dataset_id}"):
        Vault.from_context(aws_ctx).read_bytes(artefact.id, aws_ctx.actor())
    refusal = [e for e in aws_ctx.audit.events() if e.action == "vault.read" and e.outcome == "refused"][-1]
    assert json.loads(refusal.details)["reason"] == "key provider"
    with aws_ctx.registry.session() as session:
        session.get(DataKey, dataset_id).wrapped_key = good
    assert check_keys(aws_ctx).ok
