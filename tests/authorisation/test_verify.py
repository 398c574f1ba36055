"""verify_for: every check, each failure its own error naming the check (and file), each refusal audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from intake.authorisation import (
    AuthorisationExpired,
    AuthorisationNotFound,
    AuthorisationWithdrawn,
    EvidenceMismatch,
    EvidenceMissing,
    FileHashMismatch,
    FileNotAuthorised,
    PurposeMismatch,
    RecordAltered,
    SignatureInvalid,
    SignerRevoked,
    UntrustedSigner,
    VerifiedAuthorisation,
    add_signer,
    revoke_signer,
    verify_for,
    withdraw,
)
from intake.registry.models import (
    Artefact,
    ArtefactKind,
    Authorisation,
    AuthorisedFile,
    Customer,
    PersonalDataDeclaration,
    Purpose,
    Signer,
)
from intake.vault import Vault
from tests.authorisation.conftest import CUSTOMER, OTHER_CUSTOMER, refusals


@pytest.fixture
def registered(auths):
    signed = auths.write()
    auths.register(signed)
    return signed


def refused_check(ctx) -> str:
    return refusals(ctx, "authorisation.verify")[-1]["check"]


def test_valid_authorisation_verifies(ctx, registered, dataset_hashes) -> None:
    verified = verify_for(ctx, registered.reference, Purpose.MIGRATION, dataset_hashes, ctx.actor())
    assert isinstance(verified, VerifiedAuthorisation)
    assert (verified.reference, verified.customer_name, verified.purpose) == (
        registered.reference, CUSTOMER, Purpose.MIGRATION
    )
    assert verified.purpose_reference == registered.fields["purpose"]["migration_project"]
    assert verified.personal_data is PersonalDataDeclaration.MAY_CONTAIN
    assert verified.valid_until.date() == date(2026, 9, 30)
    assert verified.files == dataset_hashes
    # a subset of the authorised files, upper-case hashes, and no files at all are all fine
    verify_for(ctx, registered.reference, "migration", {"jobs.csv": dataset_hashes["jobs.csv"].upper()})
    verify_for(ctx, registered.reference, "migration", None)
    assert [e.outcome for e in ctx.audit.events() if e.action == "authorisation.verify"] == ["ok"] * 3


def test_unknown_reference(ctx) -> None:
    with pytest.raises(AuthorisationNotFound, match="AUTH-NOPE"):
        verify_for(ctx, "AUTH-NOPE", Purpose.MIGRATION)
    assert refused_check(ctx) == "exists"


def test_wrong_purpose_is_refused_both_ways(ctx, auths, registered) -> None:
    with pytest.raises(PurposeMismatch, match=r"is for migration .*, not fault_investigation"):
        verify_for(ctx, registered.reference, Purpose.FAULT_INVESTIGATION)
    fault = auths.write(purpose={"kind": "fault_investigation", "fault_ticket": "FT-1"})
    auths.register(fault)
    with pytest.raises(PurposeMismatch, match=r"is for fault_investigation \(FT-1\), not migration"):
        verify_for(ctx, fault.reference, Purpose.MIGRATION)
    verify_for(ctx, fault.reference, Purpose.FAULT_INVESTIGATION)
    assert [r["check"] for r in refusals(ctx, "authorisation.verify")] == ["purpose", "purpose"]


def test_changed_file_is_refused_naming_it(ctx, registered, dataset_hashes) -> None:
    files = {**dataset_hashes, "jobs.csv": "0" * 64}
    with pytest.raises(FileHashMismatch, match=r"jobs\.csv differ") as caught:
        verify_for(ctx, registered.reference, Purpose.MIGRATION, files)
    assert caught.value.files == ["jobs.csv"]
    assert "assets.csv" not in str(caught.value)
    details = refusals(ctx, "authorisation.verify")[-1]
    assert (details["check"], details["files_refused"]) == ("file_hash", 1)


def test_extra_file_is_refused_naming_it(ctx, registered, dataset_hashes) -> None:
    with pytest.raises(FileNotAuthorised, match=r"does not cover file\(s\) notes\.txt") as caught:
        verify_for(ctx, registered.reference, Purpose.MIGRATION, {**dataset_hashes, "notes.txt": "1" * 64})
    assert caught.value.files == ["notes.txt"]
    assert refused_check(ctx) == "file_authorised"


def test_expired(ctx, clock, registered) -> None:
    clock.set(clock.now().replace(year=2026, month=9, day=30, hour=23, minute=59))
    verify_for(ctx, registered.reference, Purpose.MIGRATION)
    clock.advance(timedelta(minutes=1))
    with pytest.raises(AuthorisationExpired, match="expired at the end of 2026-09-30"):
        verify_for(ctx, registered.reference, Purpose.MIGRATION)
    assert refused_check(ctx) == "expired"


def test_withdrawn(ctx, registered) -> None:
    withdraw(ctx, registered.reference, "customer letter")
    with pytest.raises(AuthorisationWithdrawn, match="withdrawn"):
        verify_for(ctx, registered.reference, Purpose.MIGRATION)
    assert refused_check(ctx) == "withdrawn"


def test_signer_revoked_after_registration(ctx, auths, registered) -> None:
    revoke_signer(ctx, auths.customer_key.keys.key_id)
    with pytest.raises(SignerRevoked, match="revoked"):
        verify_for(ctx, registered.reference, Purpose.MIGRATION)
    assert refused_check(ctx) == "signer_revoked"


def _edit(ctx, reference: str, change) -> None:
    with ctx.registry.session() as session:
        auth = session.scalar(select(Authorisation).where(Authorisation.reference == reference))
        change(session, auth)


def test_tampered_stored_manifest_is_caught(ctx, registered) -> None:
    def longer(session, auth) -> None:
        auth.manifest = auth.manifest.replace(b"2026-09-30", b"2029-09-30")

    _edit(ctx, registered.reference, longer)
    with pytest.raises(SignatureInvalid, match="altered since registration"):
        verify_for(ctx, registered.reference, Purpose.MIGRATION)
    assert refused_check(ctx) == "signature"


@pytest.mark.parametrize(
    ("change", "column"),
    [
        (lambda s, a: setattr(a, "purpose", Purpose.FAULT_INVESTIGATION), "purpose"),
        (lambda s, a: setattr(a, "personal_data", PersonalDataDeclaration.NONE), "personal_data"),
        (lambda s, a: setattr(a, "evidence_sha256", "2" * 64), "evidence_sha256"),
        (lambda s, a: setattr(a.files[0], "sha256", "3" * 64), "files"),
        (lambda s, a: s.add(AuthorisedFile(authorisation_id=a.id, name="extra.csv", sha256="4" * 64)), "files"),
    ],
)
def test_edited_registry_columns_are_caught(ctx, registered, change, column: str) -> None:
    _edit(ctx, registered.reference, change)
    with pytest.raises(RecordAltered, match=f"registry's {column} differ"):
        verify_for(ctx, registered.reference, Purpose.FAULT_INVESTIGATION if column == "purpose" else Purpose.MIGRATION)
    assert refused_check(ctx) == "record_integrity"


def test_signer_moved_to_another_customer_is_caught(ctx, registered) -> None:
    add_signer(ctx, OTHER_CUSTOMER, "customer", "x", b"\x01" * 32)
    with ctx.registry.session() as session:
        other = session.scalar(select(Customer).where(Customer.name == OTHER_CUSTOMER))
        auth = session.scalar(select(Authorisation).where(Authorisation.reference == registered.reference))
        session.get(Signer, auth.signer_key_id).customer_id = other.id
    with pytest.raises(UntrustedSigner, match=f"bound to customer '{OTHER_CUSTOMER}'"):
        verify_for(ctx, registered.reference, Purpose.MIGRATION)


def test_signer_key_swapped_in_the_trust_store_is_caught(ctx, registered) -> None:
    with ctx.registry.session() as session:
        auth = session.scalar(select(Authorisation).where(Authorisation.reference == registered.reference))
        session.get(Signer, auth.signer_key_id).public_key = b"\x02" * 32
    with pytest.raises(RecordAltered, match="does not match its key id"):
        verify_for(ctx, registered.reference, Purpose.MIGRATION)


def _evidence_artefact(ctx, reference: str) -> Artefact:
    with ctx.registry.session() as session:
        auth = session.scalar(select(Authorisation).where(Authorisation.reference == reference))
        return session.get(Artefact, auth.evidence_artefact_id)


def test_missing_evidence(ctx, registered) -> None:
    artefact = _evidence_artefact(ctx, registered.reference)
    Vault.from_context(ctx).delete_artefact(artefact.id, ctx.actor())
    with pytest.raises(EvidenceMissing, match="missing from the vault"):
        verify_for(ctx, registered.reference, Purpose.MIGRATION)
    assert refused_check(ctx) == "evidence_present"


def test_evidence_object_removed_from_the_store(ctx, registered) -> None:
    artefact = _evidence_artefact(ctx, registered.reference)
    [stored] = [p for p in ctx.settings.vault_path.rglob("*") if p.is_file() and artefact.id in p.name]
    stored.unlink()
    with pytest.raises(EvidenceMissing, match="cannot be read from the vault store"):
        verify_for(ctx, registered.reference, Purpose.MIGRATION)


def test_evidence_shredded_or_unlinked(ctx, auths) -> None:
    first, second = auths.write(), auths.write()
    auths.register(first)
    auths.register(second)
    Vault.from_context(ctx).shred(_evidence_artefact(ctx, first.reference).scope, ctx.actor())
    with pytest.raises(EvidenceMissing):
        verify_for(ctx, first.reference, Purpose.MIGRATION)
    _edit(ctx, second.reference, lambda s, a: setattr(a, "evidence_artefact_id", None))
    with pytest.raises(EvidenceMissing, match="no evidence document"):
        verify_for(ctx, second.reference, Purpose.MIGRATION)


def test_evidence_that_does_not_match_its_hash(ctx, auths, tmp_path) -> None:
    first = auths.write()
    auths.register(first)
    # another document, stored in the vault in good order, swapped in for the evidence
    letter = tmp_path / "other-letter.pdf"
    letter.write_bytes(b"%PDF-1.4 some other letter")
    other = Vault.from_context(ctx).put(scope="authorisation:swapped", dataset_id=None, kind=ArtefactKind.EVIDENCE,
                                        name="other.pdf", source=letter, actor=ctx.actor())
    _edit(ctx, first.reference, lambda s, a: setattr(a, "evidence_artefact_id", other.id))
    with pytest.raises(EvidenceMismatch, match="does not match the SHA-256"):
        verify_for(ctx, first.reference, Purpose.MIGRATION)
    assert refused_check(ctx) == "evidence_hash"


def test_evidence_modified_in_the_store(ctx, registered) -> None:
    artefact = _evidence_artefact(ctx, registered.reference)
    [stored] = [p for p in ctx.settings.vault_path.rglob("*") if p.is_file() and artefact.id in p.name]
    data = bytearray(stored.read_bytes())
    data[-20] ^= 0xFF
    stored.write_bytes(bytes(data))
    with pytest.raises(EvidenceMismatch, match="integrity check"):
        verify_for(ctx, registered.reference, Purpose.MIGRATION)


def test_refusal_audit_details_carry_no_file_names(ctx, registered, dataset_hashes) -> None:
    with pytest.raises(FileNotAuthorised):
        verify_for(ctx, registered.reference, Purpose.MIGRATION, {"Patient John Smith.csv": "1" * 64})
    [event] = [e for e in ctx.audit.events() if e.outcome == "refused"]
    assert "John" not in event.details
