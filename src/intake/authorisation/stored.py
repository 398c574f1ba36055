"""The registry rows of one authorisation (its customer, signer and files), read in one transaction as the
snapshot that verify_for checks."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from intake.context import Context
from intake.registry.models import (
    Authorisation,
    AuthorisationState,
    Customer,
    PersonalDataDeclaration,
    Purpose,
    Signer,
)


@dataclass(frozen=True)
class StoredAuthorisation:
    """A snapshot of the registry rows of one authorisation, read in one transaction."""

    auth_id: str
    reference: str
    customer_id: str
    customer_name: str | None
    state: AuthorisationState
    purpose: Purpose
    purpose_reference: str
    personal_data: PersonalDataDeclaration
    manifest: bytes
    manifest_sha256: str
    signature: bytes
    evidence_sha256: str
    evidence_artefact_id: str | None
    signer_key_id: str
    signer: tuple[bytes, str, bool] | None  # (public key, customer id, revoked)
    signer_customer_name: str | None
    files: dict[str, str]


def load_stored(ctx: Context, reference: str) -> StoredAuthorisation | None:
    """The authorisation registered under `reference`, with its customer and signer, or None."""
    with ctx.registry.session() as session:
        auth = session.scalar(select(Authorisation).where(Authorisation.reference == reference))
        if auth is None:
            return None
        customer = session.get(Customer, auth.customer_id)
        signer = session.get(Signer, auth.signer_key_id)
        signer_customer = session.get(Customer, signer.customer_id) if signer is not None else None
        return StoredAuthorisation(
            auth_id=auth.id,
            reference=auth.reference,
            customer_id=auth.customer_id,
            customer_name=customer.name if customer else None,
            state=auth.state,
            purpose=auth.purpose,
            purpose_reference=auth.purpose_reference,
            personal_data=auth.personal_data,
            manifest=bytes(auth.manifest),
            manifest_sha256=auth.manifest_sha256,
            signature=bytes(auth.signature),
            evidence_sha256=auth.evidence_sha256,
            evidence_artefact_id=auth.evidence_artefact_id,
            signer_key_id=auth.signer_key_id,
            signer=(bytes(signer.public_key), signer.customer_id, signer.revoked_at is not None) if signer else None,
            signer_customer_name=signer_customer.name if signer_customer else None,
            files={f.name: f.sha256 for f in auth.files},
        )
