"""The import package: contents, manifest, verification, atomic writing through local and delivery sinks."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from intake.clock import FixedClock
from intake.connectors.errors import DeliveryError
from intake.connectors.sinks import DeliverySink
from intake.product import (
    ENTITIES,
    SCHEMA_VERSION,
    LocalFolderPackageWriter,
    PackageError,
    builtin_mapping,
    verify_package,
    write_package,
)
from tests.product.legacy import ASSET_COLUMNS, JOB_COLUMNS, asset_row, batch, job_row

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))


def sources() -> dict[str, list[pa.RecordBatch]]:
    assets = [asset_row("EQ1", Purchase_Cost="£10.00"), asset_row("EQ2", Status="Z")]
    return {"assets": [batch(ASSET_COLUMNS, assets)], "jobs": [batch(JOB_COLUMNS, [job_row("J1", "EQ1")])]}


def write(target: Path, sink: object | None = None, **kwargs: object) -> dict:
    result = write_package(sources(), builtin_mapping("equiptrack"), sink or LocalFolderPackageWriter(target),
                           dataset_id="DS-42", authorisation_reference="AUTH-7", clock=CLOCK, **kwargs)
    return result.manifest


def test_package_holds_every_entity_rejects_reconciliation_and_manifest(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    manifest = write(target)
    names = {p.name for p in target.iterdir()}
    assert names == {f"{e}.parquet" for e in ENTITIES} | {"rejects.parquet", "reconciliation.json",
                                                           "reconciliation.md", "manifest.json"}
    assert json.loads((target / "manifest.json").read_text()) == manifest
    assert (manifest["format"], manifest["schema_version"]) == ("intake-product-package/1", SCHEMA_VERSION)
    assert (manifest["dataset_id"], manifest["authorisation_reference"]) == ("DS-42", "AUTH-7")
    assert manifest["created_at"] == CLOCK.now().isoformat()
    assert manifest["mapping"]["system"] == "equiptrack" and len(manifest["mapping"]["sha256"]) == 64
    for entity in ENTITIES:
        table = pq.read_table(target / f"{entity}.parquet")
        assert table.num_rows == manifest["entities"][entity]["rows"]
        assert table.schema.equals(ENTITIES[entity].arrow_schema(), check_metadata=False)
        assert table.schema.metadata[b"intake.product.schema_version"] == SCHEMA_VERSION.encode()
    assert manifest["entities"]["assets"]["lineage"] == {"from_tables": {"assets": 1}, "derived_from": {}}
    assert manifest["entities"]["manufacturers"]["lineage"]["derived_from"] == {"assets": 1}
    assert manifest["entities"]["contracts"]["rows"] == 0
    assert manifest["sources"]["assets"] == {"rows_read": 2, "rows_loaded": 1, "rows_merged": 0,
                                             "rows_rejected": 1}
    assert manifest["rejects"] == {"file": "rejects.parquet", "rows": 1}
    assert manifest["balanced"] is True
    assert verify_package(target) == manifest


def test_source_files_appear_in_the_lineage(tmp_path: Path) -> None:
    manifest = write(tmp_path / "pkg", source_files={"assets": {"file": "assets.csv", "sha256": "ab" * 32}})
    assert manifest["sources"]["assets"]["file"] == "assets.csv"
    assert manifest["sources"]["assets"]["sha256"] == "ab" * 32


def test_verification_detects_an_altered_or_missing_file(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    write(target)
    with open(target / "assets.parquet", "ab") as handle:
        handle.write(b"x")
    with pytest.raises(PackageError, match=r"assets\.parquet .* does not match its SHA-256"):
        verify_package(target)
    (target / "assets.parquet").unlink()
    with pytest.raises(PackageError, match=r"assets\.parquet listed in the manifest is missing"):
        verify_package(target)
    (target / "manifest.json").unlink()
    with pytest.raises(PackageError, match="not a complete package"):
        verify_package(target)


def test_a_failure_leaves_no_package_and_no_staged_files(tmp_path: Path) -> None:
    def broken() -> Iterator[pa.RecordBatch]:
        yield batch(ASSET_COLUMNS, [asset_row("EQ1")])
        raise OSError("disk went away")

    target = tmp_path / "out" / "pkg"
    with pytest.raises(OSError, match="disk went away"):
        write_package({"assets": broken, "jobs": []}, builtin_mapping("equiptrack"), LocalFolderPackageWriter(target),
                      dataset_id="DS", authorisation_reference="A", clock=CLOCK)
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing written anywhere else either


def test_a_table_whose_every_row_is_rejected_delivers_no_package_and_says_why(tmp_path: Path) -> None:
    target = tmp_path / "out" / "pkg"
    everything_unknown = [asset_row("EQ1", Status="Z"), asset_row("EQ2", Status="Q")]  # codes no lookup knows
    lost = r"every one of the 2 rows of table 'assets' was rejected \(unknown_code 2\)"
    with pytest.raises(PackageError, match=lost):
        write_package({"assets": [batch(ASSET_COLUMNS, everything_unknown)], "jobs": []},
                      builtin_mapping("equiptrack"), LocalFolderPackageWriter(target), dataset_id="DS",
                      authorisation_reference="A", clock=CLOCK)
    assert not target.exists()


def test_an_existing_package_is_not_overwritten_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    write(target)
    with pytest.raises(DeliveryError, match="already exists"):
        write(target)
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]
    manifest = write(target, sink=LocalFolderPackageWriter(target, replace=True))
    assert verify_package(target) == manifest
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]



def test_a_replacement_that_cannot_be_renamed_into_place_puts_the_old_package_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Replacing moves the old package aside, then renames the new one into place; when that rename fails, the old
    # one must not stay under a staging name (removed as stale staging): it is put back.
    target = tmp_path / "pkg"
    old = write(target)
    rename = os.rename
    renames: list[tuple[str, str]] = []

    def into_place_fails(source: str | Path, destination: str | Path) -> None:
        renames.append((Path(source).name, Path(destination).name))
        if len(renames) == 2:  # the first moved the old package aside, the second puts the new one in place
            raise OSError(errno.EIO, "Input/output error")
        rename(source, destination)

    monkeypatch.setattr(os, "rename", into_place_fails)
    with pytest.raises(OSError, match="Input/output error"):
        write(target, sink=LocalFolderPackageWriter(target, replace=True),  # a package with other lineage
              source_files={"assets": {"file": "assets-v2.csv", "sha256": "cd" * 32}})
    monkeypatch.undo()
    assert [name.startswith(".staging-pkg-") for name, _ in renames] == [False, True, True]
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]  # the new package's staging is discarded
    assert verify_package(target) == old

def test_file_names_must_stay_inside_the_package(tmp_path: Path) -> None:
    writer = LocalFolderPackageWriter(tmp_path / "pkg")
    with pytest.raises(DeliveryError, match="invalid file name"):
        writer.write_file("../escape.parquet", [b"x"])
    writer.abort()
    assert list(tmp_path.iterdir()) == []


def test_the_local_folder_writer_is_the_delivery_sink_keeping_the_package_manifest(tmp_path: Path) -> None:
    writer = LocalFolderPackageWriter(tmp_path / "pkg")
    assert isinstance(writer, DeliverySink)  # one local implementation
    manifest = write(tmp_path / "pkg", sink=writer)
    written = (tmp_path / "pkg" / "manifest.json").read_bytes()
    assert written == json.dumps(manifest, indent=2, sort_keys=False).encode()  # as the package wrote it


def test_written_through_the_connectors_delivery_sink(tmp_path: Path) -> None:
    import intake.connectors.sinks as sinks
    manifest = write(tmp_path, sink=sinks.DeliverySink.local(tmp_path / "deliveries", "pkg-1"))
    delivered = tmp_path / "deliveries" / "pkg-1"
    written = json.loads((delivered / "manifest.json").read_text())
    assert written["dataset_id"] == "DS-42" and written["contents"] == manifest["contents"]
    assert {f["path"] for f in written["files"]} == set(manifest["contents"])
    # The delivery's manifest: the package's, with the delivery's fields, keys sorted.
    stamped = {**manifest, "package": "pkg-1", "delivered_at": written["delivered_at"], "files": written["files"]}
    assert (delivered / "manifest.json").read_bytes() == json.dumps(stamped, indent=2, sort_keys=True).encode()
    verify_package(delivered)
    write(tmp_path / "pkg")  # the same package in a folder of its own: the same bytes in every file
    for name in manifest["contents"]:
        assert (delivered / name).read_bytes() == (tmp_path / "pkg" / name).read_bytes(), name


def test_written_to_s3_through_the_delivery_sink(tmp_path: Path, aws: object) -> None:
    import intake.connectors.sinks as sinks
    client = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)  # type: ignore[attr-defined]
    client.create_bucket(Bucket="deliveries", CreateBucketConfiguration={"LocationConstraint": aws.region})
    sink = sinks.DeliverySink.s3("deliveries", "customer-a", "pkg-1", client=client)
    manifest = write(tmp_path, sink=sink)
    listing = client.list_objects_v2(Bucket="deliveries", Prefix="customer-a/pkg-1/")
    keys = {item["Key"].rsplit("/", 1)[-1] for item in listing.get("Contents", [])}
    assert keys == set(manifest["contents"]) | {"manifest.json"}
    body = client.get_object(Bucket="deliveries", Key="customer-a/pkg-1/manifest.json")["Body"].read()
    assert json.loads(body)["authorisation_reference"] == "AUTH-7"
