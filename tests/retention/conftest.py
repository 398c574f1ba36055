"""Registry factory for retention tests: customers, authorisations and datasets made directly."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from intake.context import Context
from intake.registry.models import (
    Authorisation,
    AuthorisationState,
    Customer,
    Dataset,
    DatasetState,
    PersonalDataDeclaration,
    Purpose,
    Signer,
    new_id,
)


@dataclass
class Made:
    dataset_id: str
    customer_id: str
    authorisation_reference: str
    purpose_reference: str


class RegistryFactory:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._count = 0

    def customer(self, name: str | None = None, retention_months: int | None = None) -> str:
        self._count += 1
        customer_id = new_id()
        with self.ctx.registry.session() as session:
            session.add(Customer(id=customer_id, name=name or f"Hospital Trust {self._count}",
                                 retention_months=retention_months, created_at=self.ctx.clock.now()))
            public = os.urandom(32)
            session.add(Signer(key_id=hashlib.sha256(public).hexdigest(), customer_id=customer_id,
                               label="customer key", kind="customer", public_key=public, added_by="ada",
                               added_at=self.ctx.clock.now()))
        return customer_id

    def dataset(
        self,
        purpose: Purpose = Purpose.MIGRATION,
        customer_id: str | None = None,
        state: DatasetState = DatasetState.PROCESSED,
        received_at: datetime | None = None,
        withdrawn_at: datetime | None = None,
    ) -> Made:
        customer_id = customer_id or self.customer()
        self._count += 1
        now = self.ctx.clock.now()
        purpose_reference = f"MIG-{self._count:04d}" if purpose is Purpose.MIGRATION else f"FT-{self._count:04d}"
        reference = f"AUTH-{self._count:04d}"
        with self.ctx.registry.session() as session:
            signer = session.query(Signer).filter_by(customer_id=customer_id).first()
            assert signer is not None
            authorisation = Authorisation(
                reference=reference, customer_id=customer_id, signer_key_id=signer.key_id, purpose=purpose,
                purpose_reference=purpose_reference, personal_data=PersonalDataDeclaration.MAY_CONTAIN,
                signed_on=now, valid_until=now.replace(year=now.year + 2), manifest=b"manifest: test",
                signature=b"\x00" * 64, manifest_sha256="0" * 64, evidence_sha256="0" * 64,
                state=AuthorisationState.WITHDRAWN if withdrawn_at else AuthorisationState.ACTIVE,
                registered_by="eve", registered_at=now, withdrawn_at=withdrawn_at,
                withdrawn_by="dora" if withdrawn_at else None,
            )
            session.add(authorisation)
            session.flush()
            dataset = Dataset(
                customer_id=customer_id, authorisation_id=authorisation.id, purpose=purpose,
                purpose_reference=purpose_reference, state=state, received_by="eve",
                received_at=received_at or now, fingerprint="f" * 64,
            )
            session.add(dataset)
            session.flush()
            dataset_id = dataset.id
        return Made(dataset_id, customer_id, reference, purpose_reference)

    def get(self, dataset_id: str) -> Dataset:
        with self.ctx.registry.session() as session:
            dataset = session.get(Dataset, dataset_id)
            assert dataset is not None
            return dataset


@pytest.fixture
def factory(ctx: Context) -> Iterator[RegistryFactory]:
    yield RegistryFactory(ctx)


# Vault helpers -------------------------------------------------------------------------------------

PLAINTEXT_MARKERS = (b"Jane Smith", b"07700 900123")  # made-up personal values stored in the test artefacts


def store_artefacts(ctx: Context, dataset_id: str) -> list:
    """Real artefacts of every kind a run leaves: raw input, an intermediate, an output and a findings report."""
    from intake.registry.models import ArtefactKind
    from intake.vault import Vault

    vault = Vault.from_context(ctx)
    actor = ctx.actor()
    raw = b"Equipment No,Responsible Engineer,Contact Tel\n" + b"EQ000001,Jane Smith,07700 900123\n" * 2000
    stored = [vault.put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.RAW, name="assets.csv",
                        source=raw, actor=actor)]
    with vault.writer(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.INTERMEDIATE,
                      name="assets.parquet", actor=actor) as writer:
        for _ in range(50):
            writer.write(os.urandom(4096))
    stored.append(writer.artefact)
    stored.append(vault.put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.OUTPUT,
                            name="import/assets.parquet", source=[b"PAR1", os.urandom(1000)], actor=actor))
    stored.append(vault.put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.REPORT,
                            name="findings.json", source=b'{"examples": ["J*** S****"]}', actor=actor))
    return stored


@pytest.fixture
def s3_vault(ctx: Context, aws) -> Iterator[str]:
    """Point ctx's vault at a fresh versioned bucket on the moto server; yield the bucket name."""
    import boto3

    bucket = f"retention-{new_id()[:8]}"
    s3 = boto3.client("s3", endpoint_url=aws.url, region_name=aws.region)
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": aws.region})
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    vault = ctx.settings.vault
    vault.store, vault.s3_bucket, vault.s3_endpoint_url, vault.aws_region = "s3", bucket, aws.url, aws.region
    yield bucket




@pytest.fixture
def cli(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Any]]:
    """The real CLI on the test's home (system clock): `cli(*args, actor="dora")` -> click's result."""
    from typer.testing import CliRunner

    from intake.cli import app
    from intake.cli.common import state

    monkeypatch.setenv("INTAKE_HOME", str(ctx.settings.home))
    monkeypatch.delenv("INTAKE_CONFIG", raising=False)
    runner = CliRunner()

    def invoke(*args: str, actor: str = "dora") -> Any:
        if state.context is not None:
            state.context.close()
        state.context = None
        return runner.invoke(app, ["--as", actor, *args])

    yield invoke
    if state.context is not None:
        state.context.close()
    state.context = None
