"""Sinks: encrypted Parquet and rejects in the real vault; atomic deliveries to a folder and to S3 (moto)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.base import Reject
from intake.connectors.errors import DeliveryError, SinkError
from intake.connectors.header import BANNER_REASON
from intake.connectors.sinks import (
    DeliverySink,
    VaultParquetSink,
    VaultRejectSink,
    VaultTarget,
    write_table_to_vault,
)
from intake.context import Actor, Context
from intake.registry.models import ArtefactKind, new_id
from intake.vault import Vault
from tests.services import AwsEndpoint

SCOPE = "connectors-test"
ASSETS = b"Equipment No,Contact\nEQ1,John Smith\nEQ2,Jane Doe,extra\nEQ3,Ann Lee\n"


def test_a_source_read_from_the_vault_goes_back_as_encrypted_parquet(vault: Vault, actor: Actor, ctx: Context) -> None:
    raw = vault.put(scope=SCOPE, dataset_id=None, kind=ArtefactKind.RAW, name="assets.csv", source=ASSETS,
                    actor=actor)
    rejects = VaultRejectSink(VaultTarget(vault, scope=SCOPE, dataset_id=None, kind=ArtefactKind.INTERMEDIATE,
                                          name="assets.rejects.parquet", actor=actor))
    with vault.open(raw.id, actor) as stream, open_source(None, stream, name=raw.name,
                                                           settings=ConnectorSettings(batch_rows=1)) as source:
        reader = source.read("assets", rejects=rejects)
        artefact = write_table_to_vault(reader, VaultTarget(vault, scope=SCOPE, dataset_id=None,
                                                            kind=ArtefactKind.INTERMEDIATE, name="assets.parquet",
                                                            actor=actor))
    stored = rejects.close()
    assert (reader.rows_read, reader.rows_rejected) == (2, 1)
    assert reader.rejects == []  # they went to the sink, not to memory
    assert rejects.summary() == {"rejected": 1, "by_reason": {"expected 2 fields, found 3": 1},
                                 "by_table": {"assets.csv:assets": 1}, "artefact_id": stored.id}
    # nothing readable on disk: the stored objects are ciphertext
    for path in ctx.settings.vault_path.rglob("*"):
        if path.is_file():
            assert b"John Smith" not in path.read_bytes() and b"Jane Doe" not in path.read_bytes()
    with vault.open(artefact.id, actor) as stream:
        table = open_source(None, stream, name="assets.parquet", settings=ConnectorSettings()).read("assets").read_all()
    assert table.to_pylist() == [{"Equipment No": "EQ1", "Contact": "John Smith"},
                                 {"Equipment No": "EQ3", "Contact": "Ann Lee"}]
    with vault.open(stored.id, actor) as stream:
        kept = open_source(None, stream, name="rejects.parquet", settings=ConnectorSettings()).read("rejects") \
            .read_all().to_pylist()
    assert kept == [{"source": "assets.csv", "table": "assets", "row_number": 3,
                     "reason": "expected 2 fields, found 3", "raw": "EQ2,Jane Doe,extra"}]


def test_reject_sink_as_csv_and_without_rejects(vault: Vault, actor: Actor) -> None:
    empty = VaultRejectSink(VaultTarget(vault, scope=SCOPE, dataset_id=None, kind=ArtefactKind.INTERMEDIATE,
                                        name="none.csv", actor=actor), file_format="csv")
    assert empty.close() is None
    sink = VaultRejectSink(VaultTarget(vault, scope=SCOPE, dataset_id=None, kind=ArtefactKind.INTERMEDIATE,
                                       name="r.csv", actor=actor), file_format="csv", buffer_rows=2)
    reader = open_source(None, io.BytesIO(b"a,b\n1\n2\n3\n4,5\n"), name="x.csv",
                         settings=ConnectorSettings()).read("x", rejects=sink)
    list(reader)
    stored = sink.close()
    text = vault.read_bytes(stored.id, actor).decode()
    assert text.splitlines()[0] == '"source","table","row_number","reason","raw"'
    assert len(text.splitlines()) == 4


def test_a_failed_write_leaves_no_artefact(vault: Vault, actor: Actor) -> None:
    schema = pa.schema([("a", pa.string())])
    before = len(vault.artefacts(scope=SCOPE))
    with pytest.raises(SinkError, match="does not match"), VaultParquetSink(
            VaultTarget(vault, scope=SCOPE, dataset_id=None, kind=ArtefactKind.OUTPUT, name="t.parquet",
                        actor=actor), schema=schema) as sink:
        sink.write(pa.record_batch({"a": ["x"]}))
        sink.write(pa.record_batch({"b": [1]}))
    assert len(vault.artefacts(scope=SCOPE)) == before


def target(vault: Vault, actor: Actor, name: str) -> VaultTarget:
    return VaultTarget(vault, scope=SCOPE, dataset_id=None, kind=ArtefactKind.INTERMEDIATE, name=name, actor=actor)


def stored_row_groups(vault: Vault, actor: Actor, artefact_id: str) -> tuple[list[int], pa.Table]:
    with vault.open(artefact_id, actor) as stream:
        parquet = pq.ParquetFile(stream)
        groups = [parquet.metadata.row_group(g).num_rows for g in range(parquet.num_row_groups)]
        return groups, parquet.read()


def test_rows_are_grouped_by_group_rows_whatever_the_batches(vault: Vault, actor: Actor) -> None:
    # The pipeline reads a stored table back one row group per chunk: the groups must be `group_rows` rows (the
    # last the rest), recorded in row_groups, however the source batched them; empty batches add nothing.
    schema = pa.schema([("n", pa.int64())])
    sizes, first = [3, 0, 6, 2], 0
    with VaultParquetSink(target(vault, actor, "grouped.parquet"), schema=schema, group_rows=4) as sink:
        for size in sizes:
            sink.write(pa.record_batch({"n": list(range(first, first + size))}, schema=schema))
            first += size
        artefact = sink.close()
    assert sink.row_groups == [4, 4, 3] and sink.rows_written == 11
    groups, table = stored_row_groups(vault, actor, artefact.id)
    assert groups == [4, 4, 3] and table.column("n").to_pylist() == list(range(11))

    with VaultParquetSink(target(vault, actor, "as-batched.parquet"), schema=schema) as sink:  # one per batch
        for size in sizes:
            sink.write(pa.record_batch({"n": [0] * size}, schema=schema))
    assert sink.row_groups == [3, 6, 2] == stored_row_groups(vault, actor, sink.close().id)[0]


def test_an_empty_table_is_stored_with_one_empty_row_group(vault: Vault, actor: Actor) -> None:
    schema = pa.schema([("n", pa.int64()), ("name", pa.string())])
    reader = open_source(None, io.BytesIO(b"n,name\n"), name="empty.csv", settings=ConnectorSettings()).read("empty")
    artefact = write_table_to_vault(reader, target(vault, actor, "empty.parquet"), group_rows=10)
    groups, table = stored_row_groups(vault, actor, artefact.id)
    assert groups == [0] and table.num_rows == 0 and table.column_names == ["n", "name"]
    with VaultParquetSink(target(vault, actor, "empty2.parquet"), schema=schema, group_rows=10) as sink:
        sink.write(pa.RecordBatch.from_pylist([], schema=schema))
    assert sink.row_groups == [0] and stored_row_groups(vault, actor, sink.close().id)[0] == [0]
    with pytest.raises(SinkError, match="at least 1"):
        VaultParquetSink(target(vault, actor, "none.parquet"), schema=schema, group_rows=0)


def test_rejects_as_json_lines_counted_by_reason_class(vault: Vault, actor: Actor) -> None:
    # A run's rejects: one JSON object per reject (keys source, table, row, reason, raw), and counts by the
    # reason's class (what precedes a colon: row-specific detail left out) for the run's reports.
    rejects = [Reject("calls.jsonl", "calls", 2, "invalid JSON: Expecting value: line 1 column 7", '{"a": Jöhn}'),
               Reject("calls.jsonl", "calls", 5, "invalid JSON: Unterminated string", '{"a": "x'),
               Reject("calls.jsonl", "calls", 9, "line cannot be read", None)]
    with VaultRejectSink(target(vault, actor, "calls.jsonl"), file_format="jsonl", buffer_rows=2) as sink:
        for reject in rejects:
            sink.add(reject)
    assert sink.summary() == {"rejected": 3, "by_reason": {"invalid JSON": 2, "line cannot be read": 1},
                              "by_table": {"calls.jsonl:calls": 3}, "artefact_id": sink.artefact.id}
    lines = vault.read_bytes(sink.artefact.id, actor).decode().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"source": r.source, "table": r.table, "row": r.row_number, "reason": r.reason, "raw": r.raw}
        for r in rejects]
    assert "Jöhn" in lines[0]  # not \u-escaped (ensure_ascii off), like every run's rejects so far

    before = len(vault.artefacts(scope=SCOPE))
    with pytest.raises(RuntimeError), VaultRejectSink(target(vault, actor, "gone.jsonl"), file_format="jsonl",
                                                      buffer_rows=1) as sink:
        sink.add(rejects[0])  # written to the vault already
        raise RuntimeError("the reader failed")
    assert len(vault.artefacts(scope=SCOPE)) == before


def package_files(sink: DeliverySink) -> None:
    sink.write_bytes("README.txt", b"import package")
    sink.write_parquet("assets.parquet", [pa.record_batch({"id": ["A1", "A2"]})], pa.schema([("id", pa.string())]))


def test_local_delivery_is_visible_only_when_committed(tmp_path: Path) -> None:
    root = tmp_path / "deliveries"
    with DeliverySink.local(root, "pkg-1") as sink:
        package_files(sink)
        assert [p.name for p in root.iterdir()] != ["pkg-1"]  # only a hidden staging folder so far
        assert all(p.name.startswith(".staging-") for p in root.iterdir())
        delivery = sink.commit({"format": "product-v1"})
    assert sorted(p.name for p in root.iterdir()) == ["pkg-1"]
    manifest = json.loads((root / "pkg-1" / "manifest.json").read_text())
    assert manifest["format"] == "product-v1" and manifest["package"] == "pkg-1"
    assert [f["path"] for f in manifest["files"]] == ["README.txt", "assets.parquet"]
    assert manifest["files"][0]["size"] == len(b"import package")
    assert delivery.location == str(root / "pkg-1")
    with pytest.raises(DeliveryError, match="already exists"):
        DeliverySink.local(root, "pkg-1")


def test_local_delivery_aborted_leaves_nothing(tmp_path: Path) -> None:
    root = tmp_path / "deliveries"
    with pytest.raises(RuntimeError), DeliverySink.local(root, "pkg-2") as sink:
        package_files(sink)
        raise RuntimeError("mapping failed")
    assert list(root.iterdir()) == []
    with DeliverySink.local(root, "pkg-3") as sink:  # never committed
        package_files(sink)
    assert list(root.iterdir()) == []
    for bad in ("../x", ".hidden", "a/b"):
        with pytest.raises(DeliveryError):
            DeliverySink.local(root, bad)
    with DeliverySink.local(root, "pkg-4") as sink, pytest.raises(DeliveryError, match="invalid file name"):
        sink.write_bytes("../escape.txt", b"x")



def test_a_local_delivery_makes_its_staging_with_its_first_file(tmp_path: Path) -> None:
    # A sink dropped before it writes (its caller failed in between) must leave no staging folder behind, which
    # nothing would remove (only runs' packages are cleaned up at the next run's start).
    root = tmp_path / "deliveries"
    DeliverySink.local(root, "pkg-1")
    assert list(root.iterdir()) == []
    sink = DeliverySink.local(root, "pkg-1")
    sink.write_bytes("README.txt", b"import package")
    assert [p.name.rsplit("-", 1)[0] for p in root.iterdir()] == [".staging-pkg-1"]
    sink.abort()
    assert list(root.iterdir()) == []


def test_a_delivery_that_does_not_stamp_needs_its_manifest_and_hashes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "deliveries"
    with DeliverySink.local(root, "pkg-1", stamp_manifest=False) as sink:
        sink.write_bytes("README.txt", b"import package")
        with pytest.raises(DeliveryError, match=r"given no manifest\.json: nothing was published"):
            sink.commit()
    assert list(root.iterdir()) == []  # fail closed: no package published with an empty manifest
    written = b'{"contents": {"README.txt": {}}}'
    with DeliverySink.local(root, "pkg-2", stamp_manifest=False) as sink:
        assert sink.write_bytes("README.txt", b"import package") is None
        sink.write_file("manifest.json", [written])
        delivery = sink.commit()
    # Its caller hashed the files into its own manifest, published as given: the sink hashes nothing again.
    assert sink.files == {} and delivery.files == []
    assert (root / "pkg-2" / "manifest.json").read_bytes() == written


@pytest.mark.parametrize("where", ["local", "s3", "vault"])
def test_a_file_name_is_opened_once(where: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    # A second open of a name would truncate (local) or replace (S3, vault) the first file, maybe still open.
    if where == "local":
        sink = DeliverySink.local(tmp_path / "deliveries", "pkg-1")
    elif where == "s3":
        aws = request.getfixturevalue("aws")
        sink = DeliverySink.to(f"s3://{request.getfixturevalue('bucket')}/imports", "pkg-1", endpoint_url=aws.url,
                               region=aws.region)
    else:
        from tests.vault.rows import make_dataset_row

        ctx = request.getfixturevalue("ctx")
        sink = DeliverySink.vault(request.getfixturevalue("vault"), make_dataset_row(ctx), "pkg-1",
                                  request.getfixturevalue("actor"))
    with sink:
        first = sink.open("assets.parquet")
        first.write(b"the first file")
        for again in (lambda: sink.open("assets.parquet"), lambda: sink.write_bytes("assets.parquet", b"x")):
            with pytest.raises(DeliveryError) as refused:
                again()
            assert str(refused.value) == "assets.parquet was already opened in this delivery: each file is written once"
        first.close()
        with pytest.raises(DeliveryError, match="already opened"):
            sink.open("assets.parquet")  # closed, still written once
        with pytest.raises(DeliveryError, match="written by commit"):
            sink.open("manifest.json")
        delivery = sink.commit()
    assert [(f.path, f.size) for f in delivery.files] == [("assets.parquet", len(b"the first file"))]
    if where == "local":
        assert (tmp_path / "deliveries" / "pkg-1" / "assets.parquet").read_bytes() == b"the first file"

def test_staging_a_killed_delivery_left_is_discarded_and_a_running_ones_kept(tmp_path: Path) -> None:
    root = tmp_path / "deliveries"
    killed = DeliverySink.local(root, "run-killed")
    package_files(killed)  # then its process died: neither committed nor aborted
    running = DeliverySink.local(root, "run-running")
    package_files(running)
    manual = DeliverySink.local(root, "manual")  # not named like a run's package
    package_files(manual)
    with DeliverySink.local(root, "run-done") as done:
        package_files(done)
        done.commit()

    def staged() -> list[str]:
        return sorted(p.name.rsplit("-", 1)[0] for p in root.iterdir() if p.name.startswith("."))

    assert DeliverySink.discard_stale(root, keep={"run-running"}, prefix="run-") == 1
    assert staged() == [".staging-manual", ".staging-run-running"]
    assert DeliverySink.discard_stale(root, keep={"run-running"}) == 1  # any package without a prefix
    assert staged() == [".staging-run-running"]
    running.commit()
    assert sorted(p.name for p in root.iterdir()) == ["run-done", "run-running"]
    assert (root / "run-running" / "README.txt").read_bytes() == b"import package"
    killed.abort()
    manual.abort()
    assert DeliverySink.discard_stale(tmp_path / "never-made") == 0


def test_vault_delivery_is_encrypted_and_published_by_its_manifest(vault: Vault, actor: Actor, ctx: Context) -> None:
    from intake import vault_packages
    from tests.vault.rows import make_dataset_row

    dataset_id = make_dataset_row(ctx)
    with DeliverySink.vault(vault, dataset_id, "pkg-1", actor) as sink:
        package_files(sink)
        assert set(vault_packages.files(vault, dataset_id, "pkg-1")) == {"README.txt", "assets.parquet"}
        delivery = sink.commit({"format": "product-v1"})
    assert delivery.location == f"vault:{dataset_id}/pkg-1"
    held = vault_packages.files(vault, dataset_id, "pkg-1")
    assert set(held) == {"README.txt", "assets.parquet", "manifest.json"}
    assert all(a.scope == dataset_id and a.kind is ArtefactKind.OUTPUT for a in held.values())
    manifest = json.loads(vault.read_bytes(held["manifest.json"].id, actor))
    # The manifest's SHA-256 is the plaintext's, as the product checks it; the vault recorded the same.
    assert {f["path"]: f["sha256"] for f in manifest["files"]} == {
        n: a.plaintext_sha256 for n, a in held.items() if n != "manifest.json"}
    assert vault.read_bytes(held["README.txt"].id, actor) == b"import package"
    for path in ctx.settings.vault_path.rglob("*"):  # ciphertext only
        assert not path.is_file() or b"import package" not in path.read_bytes()
    with pytest.raises(DeliveryError, match="already exists"):
        DeliverySink.vault(vault, dataset_id, "pkg-1", actor)


def test_vault_delivery_aborted_deletes_what_it_wrote(vault: Vault, actor: Actor, ctx: Context) -> None:
    from intake import vault_packages
    from tests.vault.rows import make_dataset_row

    dataset_id = make_dataset_row(ctx)
    with pytest.raises(RuntimeError), DeliverySink.vault(vault, dataset_id, "pkg-2", actor) as sink:
        package_files(sink)  # both files committed as artefacts
        half = sink.open("half.bin")
        half.write(b"half written")
        raise RuntimeError("mapping failed")
    assert vault_packages.packages(vault, dataset_id) == {}
    written = vault.artefacts(dataset_id, include_deleted=True)
    assert len(written) == 2 and all(a.deleted_at is not None for a in written)  # the open one never stored
    assert vault_packages.certificate_entries(vault, dataset_id)[0]["manifest_sha256"] is None


@pytest.fixture
def bucket(aws: AwsEndpoint) -> str:
    s3 = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)
    name = f"deliveries-{new_id()[:8]}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": aws.region})
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


def test_s3_delivery_manifest_last_and_abort_removes_every_version(aws: AwsEndpoint, bucket: str) -> None:
    s3 = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)
    options = {"endpoint_url": aws.url, "region": aws.region}
    with DeliverySink.to(f"s3://{bucket}/imports", "pkg-1", **options) as sink:
        package_files(sink)
        with sink.open("big.bin") as handle:  # over one multipart part
            for _ in range(9):
                handle.write(b"\0" * (1 << 20))
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
        assert "imports/pkg-1/manifest.json" not in keys  # readers wait for the manifest
        delivery = sink.commit()
    assert delivery.location == f"s3://{bucket}/imports/pkg-1/"
    manifest = json.loads(s3.get_object(Bucket=bucket, Key="imports/pkg-1/manifest.json")["Body"].read())
    assert [f["path"] for f in manifest["files"]] == ["README.txt", "assets.parquet", "big.bin"]
    assert manifest["files"][2]["size"] == 9 << 20

    with pytest.raises(RuntimeError), DeliverySink.to(f"s3://{bucket}/imports", "pkg-2", **options) as sink:
        package_files(sink)
        raise RuntimeError("stopped")
    versions = s3.list_object_versions(Bucket=bucket, Prefix="imports/pkg-2/")
    assert versions.get("Versions", []) == [] and versions.get("DeleteMarkers", []) == []
    with pytest.raises(DeliveryError, match="already has objects"):
        DeliverySink.to(f"s3://{bucket}/imports", "pkg-1", **options)


def test_a_windows_1252_file_is_read_from_the_vault_across_many_chunks(vault: Vault, actor: Actor) -> None:
    lines = ["Asset Register", "Equipment No,Notes"] + [f"EQ{i},Café £{i}" for i in range(20_000)]
    lines[10_002] = "EQ10000,too,many"
    raw = vault.put(scope=SCOPE, dataset_id=None, kind=ArtefactKind.RAW, name="assets.csv",
                    source=("\r\n".join(lines) + "\r\n").encode("cp1252"), actor=actor)
    with vault.open(raw.id, actor) as stream, \
            open_source(None, stream, name=raw.name, settings=ConnectorSettings()) as source:
        assert source.layout.encoding == "cp1252"
        reader = source.read("assets")
        rows = reader.read_all().to_pylist()
    assert len(rows) == 19_999 and rows[-1] == {"Equipment No": "EQ19999", "Notes": "Café £19999"}
    assert [(r.row_number, r.reason) for r in reader.rejects] == [(1, BANNER_REASON),
                                                                   (10_003, "expected 2 fields, found 3")]
