"""Registration: a signed manifest by a trusted key of its customer is recorded with its evidence encrypted;
every refusal leaves nothing behind and is audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from intake.authorisation import (
    AuthorisationExpired,
    AuthorisationNotYetValid,
    DuplicateReference,
    EvidenceMismatch,
    EvidenceMissing,
    KeyFileError,
    ManifestError,
    SignatureInvalid,
    SignerRevoked,
    UntrustedSigner,
    add_signer,
    evidence_scope,
    revoke_signer,
)
from intake.errors import PermissionDenied
from intake.registry.models import Artefact, ArtefactKind, Authorisation, AuthorisedFile, Purpose
from intake.vault import Vault
from tests.authorisation.conftest import CUSTOMER, OTHER_CUSTOMER, refusals


def count(ctx, model) -> int:
    with ctx.registry.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def assert_nothing_recorded(ctx) -> None:
    assert count(ctx, Authorisation) == 0
    assert count(ctx, AuthorisedFile) == 0
    assert count(ctx, Artefact) == 0


def test_register_records_the_authorisation_and_encrypts_the_evidence(ctx, as_user, auths, dataset_hashes) -> None:
    signed = auths.write()
    view = auths.register(signed, ctx=as_user("eve"))
    assert (view.reference, view.purpose, view.state, view.files) == (signed.reference, "migration", "active", 2)
    assert (view.signed_on, view.valid_until) == (date(2026, 3, 1), date(2026, 9, 30))
    assert view.signer_key_id == auths.customer_key.keys.key_id
    with ctx.registry.session() as session:
        auth = session.get(Authorisation, view.id)
        assert auth.manifest == signed.manifest.read_bytes()  # verbatim signed bytes
        assert {f.name: f.sha256 for f in auth.files} == dataset_hashes
        artefact = session.get(Artefact, auth.evidence_artefact_id)
        assert (artefact.kind, artefact.scope, artefact.dataset_id) == (
            ArtefactKind.EVIDENCE, evidence_scope(view.id), None
        )
    # the evidence reads back through the vault, and is not stored in the clear
    evidence = signed.evidence.read_bytes()
    assert Vault.from_context(ctx).read_bytes(artefact.id, as_user("eve").actor()) == evidence
    stored = [p for p in ctx.settings.vault_path.rglob("*") if p.is_file()]
    assert stored and all(b"%PDF" not in p.read_bytes() for p in stored)
    [event] = [e for e in ctx.audit.events() if e.action == "authorisation.register"]
    assert (event.actor, event.outcome) == ("eve", "ok")


def test_tampered_manifest_is_refused(ctx, auths) -> None:
    signed = auths.write()
    signed.manifest.write_bytes(signed.manifest.read_bytes().replace(b"2026-09-30", b"2027-09-30"))
    with pytest.raises(SignatureInvalid, match="changed after signing"):
        auths.register(signed)
    assert_nothing_recorded(ctx)
    assert refusals(ctx, "authorisation.register")[-1]["check"] == "signature"


def test_signature_by_an_unregistered_key_is_refused(ctx, auths) -> None:
    stranger = auths.new_key("stranger")
    with pytest.raises(SignatureInvalid, match="not registered"):
        auths.register(auths.write(signer=stranger))
    assert_nothing_recorded(ctx)


def test_key_of_another_customer_is_refused(ctx, auths) -> None:
    other = auths.new_key("other-trust")
    add_signer(ctx, OTHER_CUSTOMER, "customer", "Their head of EBME", other.keys.public_key.read_bytes())
    with pytest.raises(UntrustedSigner, match="bound to customer 'Northshire Hospitals NHS Trust'"):
        auths.register(auths.write(signer=other))
    assert_nothing_recorded(ctx)
    assert refusals(ctx, "authorisation.register")[-1]["check"] == "signer_trusted"


def test_manifest_naming_another_customer_is_refused(ctx, auths) -> None:
    add_signer(ctx, OTHER_CUSTOMER, "customer", "x", auths.new_key("x").keys.public_key.read_bytes())
    with pytest.raises(UntrustedSigner, match="not to 'Northshire"):
        auths.register(auths.write(customer=OTHER_CUSTOMER))


def test_revoked_key_is_refused(ctx, auths) -> None:
    revoke_signer(ctx, auths.customer_key.keys.key_id)
    with pytest.raises(SignerRevoked, match="revoked"):
        auths.register(auths.write())
    assert_nothing_recorded(ctx)


def test_expired_and_future_dated_manifests_are_refused(ctx, auths) -> None:
    with pytest.raises(AuthorisationExpired, match="expired at the end of 2026-03-01"):
        auths.register(auths.write(signed_on=date(2026, 1, 1), valid_until=date(2026, 3, 1)))
    with pytest.raises(AuthorisationNotYetValid, match="after today"):
        auths.register(auths.write(signed_on=date(2026, 3, 3), valid_until=date(2026, 12, 1)))
    assert_nothing_recorded(ctx)
    # valid through the whole of its last day (the clock says 2026-03-02 09:30 UTC)
    auths.register(auths.write(signed_on=date(2026, 1, 1), valid_until=date(2026, 3, 2)))


def test_reference_must_be_unique(ctx, auths) -> None:
    first = auths.write()
    auths.register(first)
    with pytest.raises(DuplicateReference, match=first.reference):
        auths.register(auths.write(reference=first.reference))
    assert count(ctx, Authorisation) == 1


def test_evidence_must_exist_and_match_its_hash(ctx, auths, tmp_path: Path) -> None:
    signed = auths.write()
    signed.evidence = tmp_path / "missing.pdf"
    with pytest.raises(EvidenceMissing, match="does not exist"):
        auths.register(signed)
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.4 a different letter")
    signed.evidence = other
    with pytest.raises(EvidenceMismatch, match="does not match the SHA-256"):
        auths.register(signed)
    assert_nothing_recorded(ctx)
    assert [r["check"] for r in refusals(ctx, "authorisation.register")] == ["evidence_present", "evidence_hash"]


def test_invalid_manifest_and_signature_files_are_refused(ctx, auths) -> None:
    signed = auths.write(manifest_bytes=b"customer: [\n")
    with pytest.raises(ManifestError, match="not valid YAML"):
        auths.register(signed)
    signed = auths.write()
    signed.signature.write_bytes(b"garbage")
    with pytest.raises(KeyFileError, match="not an Ed25519 signature"):
        auths.register(signed)
    assert_nothing_recorded(ctx)
    assert [r["check"] for r in refusals(ctx, "authorisation.register")] == ["manifest", "key_file"]


def test_dpo_cannot_register(ctx, as_user, auths) -> None:
    with pytest.raises(PermissionDenied, match=r"authorisation\.register"):
        auths.register(auths.write(), ctx=as_user("dora"))
    assert_nothing_recorded(ctx)


def test_fault_investigation_authorisation(ctx, auths) -> None:
    view = auths.register(auths.write(purpose={"kind": "fault_investigation", "fault_ticket": "FT-9"},
                                      personal_data="none", purpose_limitation_confirmed=None))
    assert (view.purpose, view.purpose_reference, view.personal_data) == (Purpose.FAULT_INVESTIGATION.value, "FT-9",
                                                                          "none")


def test_one_person_alone_cannot_take_consent_in(ctx, as_user, auths) -> None:
    """The red-team path: an admin generates a key, trusts it as the customer's account manager, signs and
    registers. Trusting and registering are two people; an account manager's key needs a confirmed fingerprint."""
    from intake.authorisation import ConsentNeedsTwoPeople, SignerNotConfirmed, add_signer, confirm_signer, register

    with pytest.raises(ConsentNeedsTwoPeople, match="may not also register"):
        register(ctx, *(lambda s: (s.manifest, s.signature, s.evidence))(auths.write()))
    assert refusals(ctx, "authorisation.register")[-1]["check"] == "two_people"

    manager = auths.new_key("manager")
    view = add_signer(ctx, CUSTOMER, "account_manager", "Our account manager", manager.keys.public_key.read_bytes())
    signed = auths.write(signer=manager)
    with pytest.raises(SignerNotConfirmed, match="keys confirm"):
        auths.register(signed)
    with pytest.raises(ConsentNeedsTwoPeople, match="someone else confirms"):
        confirm_signer(ctx, view.key_id, "read back by phone to the customer's head of EBME")
    confirmed = confirm_signer(as_user("dora"), view.key_id, "read back by phone to the customer's head of EBME")
    assert confirmed.confirmed_by == "dora"
    assert auths.register(signed).reference == signed.reference
