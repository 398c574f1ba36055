"""No residue: a dataset's life (received, a crashed run, a refused run, a delivered run; a fault dataset held,
queried and closed; consent withdrawn; the sweep) leaves no personal value of it anywhere: the intake home
(vault, registry, keys, certificates, deliveries, spools), the registry database, the S3 buckets (every object
version), Prefect's database and result storage, and the runs' temp folder, in any encoding. Before the deletion
none is in plaintext at rest: the delivered package is kept encrypted in the vault (or, configured, on S3 under
SSE-KMS). On SQLite with the local vault, and on PostgreSQL with the S3 vault, KMS-wrapped keys and S3 deliveries
(moto's server)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from sqlalchemy import create_engine, inspect, text

from benchmarks.generator import generate_equiptrack
from benchmarks.generator.truth import read_truth
from intake.authorisation import withdraw
from intake.config import Settings, VaultSettings
from intake.fault_workspace import query
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.handover import fetch_package
from intake.registry.models import HoldOutcome, Purpose
from intake.retention import (
    ProcessingRestricted,
    close_fault_hold,
    open_fault_hold,
    place_restriction,
    release_restriction,
    sweep,
)
from intake.retention.certificates import verify_certificate_file
from tests.flows.packages import packages
from tests.flows.privacy import files_under, find_values
from tests.services import AwsEndpoint

pytestmark = pytest.mark.usefixtures("flows_as")

FAULT_JOBS = ("Job Ref,Asset Tag,Reported By,Contact,Problem\r\n"
              "J1,EQ1,Philippa Oyelaran,07700 900731,pump alarms; spoke to Philippa Oyelaran on ward 7\r\n"
              "J2,EQ2,Teodor Halvorsen,07700 900846,screen cracked, Teodor Halvorsen to collect\r\n")
FAULT_VALUES = ("Philippa Oyelaran", "Teodor Halvorsen", "07700 900731", "07700 900846")


@dataclass
class Backend:
    name: str
    s3: object | None = None  # boto3 S3 client when the vault and deliveries are on S3
    buckets: tuple[str, ...] = ()
    database_url: str | None = None


@pytest.fixture(params=["sqlite-local", "postgresql-s3"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite-local":
        yield Backend("sqlite-local")
        return
    request.applymarker(pytest.mark.postgres)
    postgres_url: str = request.getfixturevalue("postgres_url")
    aws: AwsEndpoint = request.getfixturevalue("aws")
    name = f"residue_{tmp_path.name.replace('-', '_').lower()[-40:]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    s3 = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)
    buckets = (f"vault-{name[-12:]}".replace("_", "-"), f"deliveries-{name[-12:]}".replace("_", "-"))
    for bucket in buckets:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": aws.region})
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    request.node.aws = aws
    yield Backend("postgresql-s3", s3, buckets, postgres_url.rsplit("/", 1)[0] + f"/{name}")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def settings(backend: Backend, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    if backend.database_url is None:
        return Settings(home=tmp_path / "home", anonymisation={"processes": 1})
    aws: AwsEndpoint = request.node.aws
    kms = boto3.client("kms", endpoint_url=aws.url, region_name=aws.region)
    key = kms.create_key(Description="intake residue test")["KeyMetadata"]["KeyId"]
    vault = VaultSettings(store="s3", s3_bucket=backend.buckets[0], s3_endpoint_url=aws.url, s3_sse_kms_key_id=key,
                          key_provider="kms", kms_key_id=key, kms_endpoint_url=aws.url, aws_region=aws.region)
    return Settings(home=tmp_path / "home", anonymisation={"processes": 1}, database_url=backend.database_url,
                    vault=vault, delivery_url=f"s3://{backend.buckets[1]}/imports", delivery_sse_kms_key_id=key)


def bucket_objects(backend: Backend, folder: Path) -> list[Path]:
    """Every version of every object of the backend's buckets, downloaded to be searched like files."""
    out: list[Path] = []
    for bucket in backend.buckets:
        page = backend.s3.list_object_versions(Bucket=bucket)  # type: ignore[attr-defined]
        for n, version in enumerate(page.get("Versions", [])):
            body = backend.s3.get_object(  # type: ignore[attr-defined]
                Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])["Body"].read()
            path = folder / bucket / f"{n}.bin"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
            out.append(path)
    return out


def database_rows(backend: Backend) -> list[str]:
    """Every row of every registry table, as text (SQLite's file is searched with the home)."""
    if backend.database_url is None:
        return []
    engine = create_engine(backend.database_url)
    try:
        with engine.connect() as conn:
            return [str(tuple(row)) for table in inspect(conn).get_table_names()
                    for row in conn.execute(text(f'SELECT * FROM "{table}"'))]
    finally:
        engine.dispose()


def test_a_datasets_whole_life_leaves_no_personal_value_anywhere(
        ctx, as_user, authorise, backend: Backend, prefect_harness: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH

    export = generate_equiptrack(tmp_path / "export", assets=60, jobs=120, seed=11)
    values = {row["value"] for row in read_truth(export.truth_path)} | set(FAULT_VALUES)
    prefect_places = [prefect_harness.parent, Path(PREFECT_LOCAL_STORAGE_PATH.value())]
    # Words Prefect itself ships ("Power" of PowerShell in block documentation) are not leaks.
    values -= {value for value, _ in find_values(values, files_under(*prefect_places))}
    files = [str(p) for p in export.paths.values()]
    reference = authorise([Path(f) for f in files])
    # The runs' own temp folder (this process and its workers), so that other processes' files do not count.
    run_temp = tmp_path / "run-temp"
    run_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(run_temp))
    monkeypatch.setattr(tempfile, "tempdir", str(run_temp))
    dataset_id = receive_dataset_flow(authorisation=reference, files=files, actor="eve")["dataset_id"]

    # A run that crashes after anonymising (reports, review and spools written), one refused by a restriction,
    # then one that delivers.
    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk filled up while writing the package")

    with monkeypatch.context() as patched:
        patched.setattr("intake.flows.migration.tasks.deliver", crash)
        with pytest.raises(RuntimeError, match="disk filled up"):
            migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)
    restriction = place_restriction(as_user("dora"), dataset_id=dataset_id, reason="accuracy contested")
    with pytest.raises(ProcessingRestricted):
        migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)
    release_restriction(as_user("dora"), restriction.id, reason="resolved with the customer")
    summary = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)

    # A fault dataset: received, held under its ticket, queried raw with a reason, closed as resolved.
    fault_file = tmp_path / "fault" / "jobs.csv"
    fault_file.parent.mkdir()
    fault_file.write_text(FAULT_JOBS, encoding="utf-8")
    fault_reference = authorise([fault_file], purpose=Purpose.FAULT_INVESTIGATION, purpose_reference="FT-0001")
    fault_id = receive_dataset_flow(authorisation=fault_reference, files=[str(fault_file)],
                                    purpose="fault_investigation", actor="sam")["dataset_id"]
    sam = as_user("sam")
    open_fault_hold(sam, fault_id, ticket="FT-0001")
    # The query quotes a personal value and its result is saved: both are kept (encrypted) with the dataset.
    asked = query(sam, fault_id, 'SELECT "Job Ref", "Contact" FROM jobs WHERE "Reported By" = \'Philippa Oyelaran\'',
                  raw=True, reason="who reported J1", save_as="reporter-j1")
    assert asked.table.to_pylist() == [{"Job Ref": "J1", "Contact": "07700 900731"}] and asked.saved_artefact_id
    close_fault_hold(sam, fault_id, HoldOutcome.RESOLVED)

    home = ctx.settings.home
    places = [home, run_temp, *prefect_places]
    searched = tmp_path / "searched"
    # Before deletion: ciphertext, ids and counts only, the delivered package included (encrypted in the vault).
    at_rest = files_under(*places)
    rows = database_rows(backend)
    if backend.s3 is not None:  # the package is on S3 under SSE-KMS; the vault's objects are our ciphertext
        vault_objects = [p for p in bucket_objects(backend, searched / "before") if backend.buckets[1] not in str(p)]
        assert vault_objects and rows  # the search covers the buckets and the database
        at_rest += vault_objects
    assert at_rest and not find_values(values, at_rest, rows)
    assert find_values(["Philippa Oyelaran"], [], [FAULT_JOBS])  # the search finds what is there

    # The engineer hands the package over to the product: the one place plaintext may be, named and audited.
    handover = tmp_path / "product-import"
    handed = fetch_package(as_user("eve"), dataset_id, handover)
    assert handed["files"] == len(files_under(handover)) > 0

    withdraw(as_user("dora"), reference, reason="customer withdrew consent by letter")
    report = sweep(as_user("dora"))
    assert sorted(d.dataset_id for d in report.deleted) == sorted([dataset_id, fault_id])
    assert packages(ctx, dataset_id) == []
    if backend.s3 is None:
        assert summary["package"].startswith(f"vault:{dataset_id}/")

    left = files_under(*places) + (bucket_objects(backend, searched / "after") if backend.s3 is not None else [])
    leaks = find_values(values, left, database_rows(backend))
    assert not leaks, f"{len(leaks)} personal values left: {sorted({where for _, where in leaks})}"
    for deleted in report.deleted:
        assert deleted.certificate_file.is_relative_to(home) and deleted.certificate_file.is_file()
    # intake cannot delete the engineer's copy; the migration dataset's certificate says where it went.
    [migration] = [d for d in report.deleted if d.dataset_id == dataset_id]
    body = verify_certificate_file(migration.certificate_file, settings=ctx.settings)
    assert [h["target"] for h in body["handed_over"]] == [str(handover)]
