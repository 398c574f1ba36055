"""Registry rows the vault's tests need to exist (a dataset with its customer, signer and authorisation)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from intake.context import Context
from intake.registry.models import (
    Authorisation,
    Customer,
    Dataset,
    PersonalDataDeclaration,
    Purpose,
    Signer,
    new_id,
)


def make_dataset_row(ctx: Context) -> str:
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        customer = Customer(id=new_id(), name=f"Hospital {new_id()[:8]}", created_at=now)
        signer = Signer(key_id=hashlib.sha256(new_id().encode()).hexdigest(), customer_id=customer.id,
                        label="signer", kind="customer", public_key=b"k" * 32, added_by="ada", added_at=now)
        authorisation = Authorisation(
            id=new_id(), reference=f"AUTH-{new_id()[:8]}", customer_id=customer.id, signer_key_id=signer.key_id,
            purpose=Purpose.MIGRATION, purpose_reference="MIG-1", personal_data=PersonalDataDeclaration.MAY_CONTAIN,
            signed_on=now, valid_until=now + timedelta(days=90), manifest=b"m", signature=b"s",
            manifest_sha256="0" * 64, evidence_sha256="0" * 64, registered_by="ada", registered_at=now,
        )
        dataset = Dataset(id=new_id(), customer_id=customer.id, authorisation_id=authorisation.id,
                          purpose=Purpose.MIGRATION, purpose_reference="MIG-1", received_by="eve", received_at=now,
                          fingerprint="0" * 64)
        session.add_all([customer, signer])
        session.flush()
        session.add(authorisation)
        session.flush()
        session.add(dataset)
        return dataset.id
