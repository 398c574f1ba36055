"""Registering a signed authorisation: verify it, keep its evidence encrypted, record it.

The signer is found by trying the detached signature against every key in the trust store, so a
refusal can say whether the key is unknown, revoked or bound to another customer. Nothing is
recorded for a refused manifest; the evidence is stored only after every check has passed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as DbIntegrityError

from intake.authorisation import errors as e
from intake.authorisation.manifest import MAX_MANIFEST_BYTES, Manifest, load_manifest
from intake.authorisation.records import AuthorisationView, authorisation_view
from intake.authorisation.signing import decode_signature, read_signature, sha256_file, verify
from intake.authorisation.trust import SignerKind, normalise_customer_name, trusted_keys
from intake.authorisation.verify import end_of_day, refuse, start_of_day
from intake.context import Actor, Context
from intake.registry.models import ArtefactKind, Authorisation, AuthorisedFile, Customer, Signer, new_id

ACTION = "authorisation.register"


def evidence_scope(authorisation_id: str) -> str:
    return f"authorisation:{authorisation_id}"


def _find_signer(ctx: Context, manifest_bytes: bytes, signature: bytes, manifest: Manifest) -> tuple[Signer, Customer]:
    with ctx.registry.session() as session:
        matches = [(s, c) for s, c in trusted_keys(session) if verify(s.public_key, manifest_bytes, signature)]
    wanted = normalise_customer_name(manifest.customer)
    own = [(s, c) for s, c in matches if c.name == wanted]
    if not matches:
        raise e.SignatureInvalid(
            f"the signature of authorisation {manifest.reference} does not verify with any key in the trust store: "
            "the manifest or signature was changed after signing, or it was signed with a key that is not "
            "registered (`intake keys list`; an admin adds keys with `intake keys add`)"
        )
    if not own:
        signer, customer = matches[0]
        raise e.UntrustedSigner(
            f"authorisation {manifest.reference} is signed by key {signer.key_id[:16]}, which is bound to customer "
            f"'{customer.name}', not to '{wanted}' named in the manifest: only the customer's own keys can "
            "authorise its data"
        )
    active = [(s, c) for s, c in own if s.revoked_at is None]
    if not active:
        raise e.SignerRevoked(
            f"authorisation {manifest.reference} is signed by key {own[0][0].key_id[:16]}, which was revoked: "
            "the customer must sign again with a trusted key"
        )
    return active[0]


def _check_two_people(actor: Actor, signer: Signer, manifest: Manifest) -> None:
    """Consent needs two people: whoever trusted the signer key does not register what it signs, and a key (the
    customer's or our account manager's) counts only once someone other than who added it confirmed its
    fingerprint with its owner out of band: otherwise one admin could trust a key of their own as the customer's
    and have a colleague register, unknowing, what it signs."""
    if signer.added_by == actor.name:
        raise e.ConsentNeedsTwoPeople(
            f"authorisation {manifest.reference} is signed by key {signer.key_id[:16]}, which '{actor.name}' trusted: "
            "the same person may not also register what it signs; another member of staff registers it"
        )
    if signer.confirmed_by is None:
        kind = "account manager" if signer.kind == SignerKind.ACCOUNT_MANAGER else "customer"
        raise e.SignerNotConfirmed(
            f"authorisation {manifest.reference} is signed by {kind} key {signer.key_id[:16]}, whose "
            "fingerprint nobody has confirmed with its owner yet: a member of staff other than the one who added it "
            f"runs `intake keys confirm {signer.key_id[:16]} --how '...'` after checking it out of band"
        )


def _check_dates(ctx: Context, manifest: Manifest) -> None:
    now = ctx.clock.now()
    if now < start_of_day(manifest.signed_on):
        raise e.AuthorisationNotYetValid(
            f"authorisation {manifest.reference} is dated {manifest.signed_on}, after today: check signed_on"
        )
    if now > end_of_day(manifest.valid_until):
        raise e.AuthorisationExpired(
            f"authorisation {manifest.reference} expired at the end of {manifest.valid_until}: the customer must "
            "sign a new one"
        )


def _check_unique(ctx: Context, reference: str) -> None:
    with ctx.registry.session() as session:
        if session.scalar(select(Authorisation.id).where(Authorisation.reference == reference)) is not None:
            raise e.DuplicateReference(
                f"an authorisation with reference {reference} is already registered: each signed manifest needs its "
                "own reference (`intake authorisation show {reference}`)"
            )


def _check_evidence(manifest: Manifest, evidence: Path) -> None:
    if not evidence.is_file():
        raise e.EvidenceMissing(
            f"evidence document {evidence} for authorisation {manifest.reference} does not exist: give the signed "
            f"letter or form ({manifest.evidence.file}) with --evidence"
        )
    if sha256_file(evidence) != manifest.evidence.sha256:
        raise e.EvidenceMismatch(
            f"evidence document {evidence} does not match the SHA-256 of {manifest.evidence.file} in authorisation "
            f"{manifest.reference}: give the exact document the customer signed"
        )


def register_bytes(ctx: Context, manifest_bytes: bytes, signature_bytes: bytes, evidence: Path,
                   source: str = "<manifest>", actor: Actor | None = None) -> AuthorisationView:
    """Verify a signed manifest and its evidence, store the evidence encrypted, and record the authorisation."""
    actor = actor or ctx.authorise(ACTION)
    manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
    details: dict[str, Any] = {"manifest_sha256": manifest_sha256}
    try:
        manifest = load_manifest(manifest_bytes, source)
        details["reference"] = manifest.reference
        signature = decode_signature(signature_bytes)
        signer, customer = _find_signer(ctx, manifest_bytes, signature, manifest)
        details["key_id"] = signer.key_id
        _check_two_people(actor, signer, manifest)
        _check_dates(ctx, manifest)
        _check_unique(ctx, manifest.reference)
        _check_evidence(manifest, evidence)
    except e.AuthorisationError as error:
        refuse(ctx, actor, ACTION, error, **details)

    from intake.vault import Vault

    auth_id = new_id()
    scope = evidence_scope(auth_id)
    vault = Vault.from_context(ctx)
    try:
        with evidence.open("rb") as source_file:
            artefact = vault.put(scope=scope, dataset_id=None, kind=ArtefactKind.EVIDENCE,
                                 name=manifest.evidence.file, source=source_file, actor=actor)
        if artefact.plaintext_sha256 != manifest.evidence.sha256:
            refuse(ctx, actor, ACTION, e.EvidenceMismatch(
                f"evidence document {evidence} changed while it was being stored: make sure nothing writes to it "
                "and register again"
            ), **details)
        _record(ctx, actor, auth_id, manifest, manifest_bytes, manifest_sha256, signature, signer, customer,
                artefact.id)
    except BaseException:
        vault.shred(scope, actor)  # no orphan evidence, and its data key destroyed
        raise
    ctx.record(actor, ACTION, authorisation_id=auth_id, customer_id=customer.id, purpose=manifest.purpose.kind.value,
               personal_data=manifest.personal_data.value, files=len(manifest.files),
               evidence_artefact_id=artefact.id, **details)
    return authorisation_view(ctx, auth_id)


def _record(ctx: Context, actor: Actor, auth_id: str, manifest: Manifest, manifest_bytes: bytes, manifest_sha256: str,
            signature: bytes, signer: Signer, customer: Customer, evidence_artefact_id: str) -> None:
    try:
        with ctx.registry.session() as session:
            auth = Authorisation(
                id=auth_id,
                reference=manifest.reference,
                customer_id=customer.id,
                signer_key_id=signer.key_id,
                purpose=manifest.purpose.kind,
                purpose_reference=manifest.purpose_reference,
                personal_data=manifest.personal_data,
                signed_on=start_of_day(manifest.signed_on),
                valid_until=end_of_day(manifest.valid_until),
                manifest=manifest_bytes,
                signature=signature,
                manifest_sha256=manifest_sha256,
                evidence_sha256=manifest.evidence.sha256,
                evidence_artefact_id=evidence_artefact_id,
                registered_by=actor.name,
                registered_at=ctx.clock.now(),
            )
            auth.files = [AuthorisedFile(name=f.name, sha256=f.sha256) for f in manifest.files]
            session.add(auth)
    except DbIntegrityError:
        # Another registration of the same reference won the race.
        raise e.DuplicateReference(
            f"an authorisation with reference {manifest.reference} is already registered"
        ) from None


def register(ctx: Context, manifest: Path, signature: Path, evidence: Path) -> AuthorisationView:
    """Register the signed manifest file with its detached signature and evidence document."""
    actor = ctx.authorise(ACTION)
    try:
        manifest_bytes = _read(manifest)
        signature_bytes = read_signature(signature)
    except e.AuthorisationError as error:
        refuse(ctx, actor, ACTION, error)
    return register_bytes(ctx, manifest_bytes, signature_bytes, evidence, source=str(manifest), actor=actor)


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        raise e.UnreadableFile(f"cannot read manifest {path}: {exc.strerror}") from None
