"""verify_for: every check that stands between a dataset and its use, run at intake and before each step.

Nothing the registry says is taken on trust: the stored manifest bytes are re-verified against the
signer's key at every call, the registry's columns are compared with the signed manifest, and the
evidence document is read back from the vault and hashed. Each failed check raises its own
AuthorisationError subclass and is audited with outcome "refused".
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, NoReturn

from sqlalchemy import select

from intake.audit import REFUSED
from intake.authorisation import errors as e
from intake.authorisation.manifest import Manifest, load_manifest
from intake.authorisation.signing import key_id as compute_key_id
from intake.authorisation.signing import sha256_stream, verify
from intake.authorisation.stored import StoredAuthorisation, load_stored
from intake.authorisation.trust import normalise_customer_name
from intake.context import Actor, Context
from intake.registry.models import (
    Authorisation,
    AuthorisationState,
    Dataset,
    PersonalDataDeclaration,
    Purpose,
)


@dataclass(frozen=True)
class VerifiedAuthorisation:
    id: str
    reference: str
    customer_id: str
    customer_name: str
    purpose: Purpose
    purpose_reference: str
    personal_data: PersonalDataDeclaration
    valid_until: datetime  # last instant (UTC) on which the authorisation is valid
    files: dict[str, str] = field(default_factory=dict)  # name -> sha256
    signer_key_id: str = ""
    evidence_artefact_id: str | None = None


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def end_of_day(day: date) -> datetime:
    """An authorisation valid until a date is valid for the whole of that day (UTC)."""
    return datetime.combine(day, time.max, tzinfo=UTC)


def refuse(ctx: Context, actor: Actor, action: str, error: e.AuthorisationError, dataset_id: str | None = None,
           **details: Any) -> NoReturn:
    """Audit a refusal (ids, counts and the failed check only) and raise it."""
    ctx.record(actor, action, dataset_id=dataset_id, outcome=REFUSED, check=error.check, error=type(error).__name__,
               **details)
    raise error


def _check_signature(stored: StoredAuthorisation) -> None:
    ref = stored.reference
    if stored.signer is None:
        raise e.UntrustedSigner(
            f"authorisation {ref}: signer key {stored.signer_key_id[:16]} is no longer in the trust store; "
            "the customer must sign again with a trusted key and the authorisation be registered again"
        )
    public_key, signer_customer_id, revoked = stored.signer
    if compute_key_id(public_key) != stored.signer_key_id:
        raise e.RecordAltered(
            f"authorisation {ref}: the trust store's public key for {stored.signer_key_id[:16]} does not match its "
            "key id: the registry was edited; restore it from backup and check the audit log"
        )
    if hashlib.sha256(stored.manifest).hexdigest() != stored.manifest_sha256 or not verify(
        public_key, stored.manifest, stored.signature
    ):
        raise e.SignatureInvalid(
            f"authorisation {ref}: signature check failed: the stored manifest or signature was altered since "
            "registration; restore the registry from backup and check the audit log"
        )
    if signer_customer_id != stored.customer_id:
        raise e.UntrustedSigner(
            f"authorisation {ref}: signer key {stored.signer_key_id[:16]} is bound to customer "
            f"'{stored.signer_customer_name}', not to this authorisation's customer: only the customer's own keys "
            "can authorise its data"
        )
    if revoked:
        raise e.SignerRevoked(
            f"authorisation {ref}: signer key {stored.signer_key_id[:16]} has been revoked; the customer must sign "
            "a new authorisation with a trusted key"
        )


def _check_record(stored: StoredAuthorisation, manifest: Manifest) -> None:
    """The registry columns must say what the signed manifest says."""
    expected = {
        "customer": normalise_customer_name(manifest.customer),
        "reference": manifest.reference,
        "purpose": manifest.purpose.kind,
        "purpose_reference": manifest.purpose_reference,
        "personal_data": manifest.personal_data,
        "evidence_sha256": manifest.evidence.sha256,
        "files": manifest.file_hashes,
    }
    actual = {
        "customer": stored.customer_name,
        "reference": stored.reference,
        "purpose": stored.purpose,
        "purpose_reference": stored.purpose_reference,
        "personal_data": stored.personal_data,
        "evidence_sha256": stored.evidence_sha256,
        "files": stored.files,
    }
    altered = [name for name in expected if expected[name] != actual[name]]
    if altered:
        raise e.RecordAltered(
            f"authorisation {stored.reference}: the registry's {', '.join(altered)} differ from the signed manifest: "
            "the registry was edited; restore it from backup and check the audit log"
        )


def _check_dates(ctx: Context, stored: StoredAuthorisation, manifest: Manifest) -> None:
    now = ctx.clock.now()
    if now < start_of_day(manifest.signed_on):
        raise e.AuthorisationNotYetValid(
            f"authorisation {stored.reference} is dated {manifest.signed_on}, after today: check the date on the "
            "manifest and the system clock"
        )
    if now > end_of_day(manifest.valid_until):
        raise e.AuthorisationExpired(
            f"authorisation {stored.reference} expired at the end of {manifest.valid_until}: the customer must sign "
            "a new authorisation"
        )


def _check_files(stored: StoredAuthorisation, authorised: Mapping[str, str], presented: Mapping[str, str]) -> None:
    extra = sorted(name for name in presented if name not in authorised)
    if extra:
        raise e.FileNotAuthorised(
            f"authorisation {stored.reference} does not cover file(s) {', '.join(extra)}: remove them, or have the "
            "customer sign a manifest that lists them",
            extra,
        )
    changed = sorted(name for name, sha in presented.items() if sha.lower() != authorised[name])
    if changed:
        raise e.FileHashMismatch(
            f"file(s) {', '.join(changed)} differ from the version authorised by {stored.reference} (SHA-256 "
            "mismatch): ask the customer for the exact files they signed for, or a new signed manifest",
            changed,
        )


def _check_evidence(ctx: Context, stored: StoredAuthorisation, actor: Actor) -> None:
    from intake.vault import Vault
    from intake.vault.errors import ArtefactNotFound, IntegrityError, KeyDestroyed, StoreError

    ref = stored.reference
    if stored.evidence_artefact_id is None:
        raise e.EvidenceMissing(
            f"authorisation {ref} has no evidence document in the vault: register the authorisation again with "
            "its signed letter or form (--evidence)"
        )
    vault = Vault.from_context(ctx)
    try:
        with closing(vault.open(stored.evidence_artefact_id, actor=actor)) as handle:
            digest = sha256_stream(handle)
    except (ArtefactNotFound, KeyDestroyed, FileNotFoundError):
        raise e.EvidenceMissing(
            f"authorisation {ref}: evidence document (artefact {stored.evidence_artefact_id}) is missing from the "
            "vault: restore it from backup or register the authorisation again with its evidence"
        ) from None
    except StoreError as exc:
        raise e.EvidenceMissing(
            f"authorisation {ref}: evidence document (artefact {stored.evidence_artefact_id}) cannot be read from "
            f"the vault store ({exc})"
        ) from None
    except IntegrityError:
        raise e.EvidenceMismatch(
            f"authorisation {ref}: evidence document (artefact {stored.evidence_artefact_id}) failed the vault's "
            "integrity check: restore it from backup"
        ) from None
    if digest != stored.evidence_sha256:
        raise e.EvidenceMismatch(
            f"authorisation {ref}: evidence document (artefact {stored.evidence_artefact_id}) does not match the "
            "SHA-256 in the signed manifest: restore it from backup or register again with the right document"
        )


def verify_for(
    ctx: Context,
    reference: str,
    purpose: Purpose | str,
    files: Mapping[str, str] | None = None,
    actor: Actor | None = None,
    *,
    dataset_id: str | None = None,
) -> VerifiedAuthorisation:
    """Run every check on authorisation `reference` for `purpose` and, when given, the presented files.

    `files` maps file name to SHA-256 hex; every presented file must be listed in the manifest with that
    hash (a subset of the authorised files is accepted). `files=None` skips the file check, as processing
    steps do. Raises an AuthorisationError subclass naming the failed check; every refusal is audited.
    """
    actor = actor or ctx.actor()
    action = "authorisation.verify"
    purpose = Purpose(purpose)
    stored = load_stored(ctx, reference)
    if stored is None:
        refuse(ctx, actor, action, e.AuthorisationNotFound(
            f"no authorisation with reference '{reference}': `intake authorisation list` shows the registered ones"
        ), dataset_id, reference=reference)
    details: dict[str, Any] = {"reference": stored.reference, "authorisation_id": stored.auth_id,
                               "purpose": purpose.value, "files": len(files) if files is not None else None}
    try:
        _check_signature(stored)
        manifest = load_manifest(stored.manifest, f"stored manifest of {stored.reference}")
        _check_record(stored, manifest)
        if stored.state == AuthorisationState.WITHDRAWN:
            raise e.AuthorisationWithdrawn(
                f"authorisation {stored.reference} was withdrawn by the customer: its datasets may not be received "
                "or processed, and are scheduled for deletion"
            )
        _check_dates(ctx, stored, manifest)
        if manifest.purpose.kind != purpose:
            raise e.PurposeMismatch(
                f"authorisation {stored.reference} is for {manifest.purpose.kind.value} "
                f"({manifest.purpose_reference}), not {purpose.value}: a dataset authorised for one purpose can never "
                "be used for another"
            )
        if files is not None:
            _check_files(stored, manifest.file_hashes, files)
        _check_evidence(ctx, stored, actor)
    except e.AuthorisationError as error:
        file_error = isinstance(error, e.FileNotAuthorised | e.FileHashMismatch)
        extra: dict[str, Any] = {"files_refused": len(getattr(error, "files", ()))} if file_error else {}
        refuse(ctx, actor, action, error, dataset_id, **details, **extra)
    ctx.record(actor, action, dataset_id=dataset_id, **details)
    return VerifiedAuthorisation(
        id=stored.auth_id,
        reference=stored.reference,
        customer_id=stored.customer_id,
        customer_name=stored.customer_name or "",
        purpose=manifest.purpose.kind,
        purpose_reference=manifest.purpose_reference,
        personal_data=manifest.personal_data,
        valid_until=end_of_day(manifest.valid_until),
        files=manifest.file_hashes,
        signer_key_id=stored.signer_key_id,
        evidence_artefact_id=stored.evidence_artefact_id,
    )


def check_still_authorised(ctx: Context, dataset_id: str, purpose: Purpose | str,
                           actor: Actor | None = None) -> VerifiedAuthorisation:
    """For processing steps: the dataset's authorisation still holds (not withdrawn, expired or repurposed)."""
    actor = actor or ctx.actor()
    purpose = Purpose(purpose)
    with ctx.registry.session() as session:
        row = session.execute(
            select(Dataset.purpose, Authorisation.reference)
            .join(Authorisation, Dataset.authorisation_id == Authorisation.id)
            .where(Dataset.id == dataset_id)
        ).first()
    if row is None:
        refuse(ctx, actor, "authorisation.verify", e.AuthorisationNotFound(
            f"dataset {dataset_id} is not registered, or has no authorisation: `intake datasets list`"
        ), dataset_id)
    dataset_purpose, reference = row
    if dataset_purpose != purpose:
        refuse(ctx, actor, "authorisation.verify", e.PurposeMismatch(
            f"dataset {dataset_id} was received for {dataset_purpose.value}, not {purpose.value}: a dataset "
            "authorised for one purpose can never be used for another"
        ), dataset_id, reference=reference, purpose=purpose.value)
    return verify_for(ctx, reference, purpose, files=None, actor=actor, dataset_id=dataset_id)
