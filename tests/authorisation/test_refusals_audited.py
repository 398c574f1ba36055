"""Every refusal to change the trust store or to withdraw consent is audited (by the error's type and the ids
among the arguments, never its message), and a signer confirmation records how the fingerprint was checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake.authorisation import (
    AlreadyWithdrawn,
    AuthorisationNotFound,
    InvalidName,
    SignerConflict,
    SignerNotFound,
    add_signer,
    confirm_signer,
    revoke_signer,
    withdraw,
)
from intake.authorisation.errors import KeyFileError
from intake.authorisation.signing import generate_keypair
from intake.context import Context
from tests.authorisation.conftest import CUSTOMER, OTHER_CUSTOMER, refusals


def public_key(tmp_path: Path, name: str) -> tuple[bytes, str]:
    paths = generate_keypair(tmp_path, name)
    return paths.public_key.read_bytes(), paths.key_id


def test_refused_signer_additions_are_audited(ctx: Context, tmp_path: Path) -> None:
    key, _ = public_key(tmp_path, "a")
    other, other_id = public_key(tmp_path, "b")
    add_signer(ctx, CUSTOMER, "customer", "Head of EBME", key)
    add_signer(ctx, CUSTOMER, "customer", "Deputy head of EBME", other)
    revoke_signer(ctx, other_id, reason="laptop stolen")
    with pytest.raises(SignerConflict, match="already trusted"):
        add_signer(ctx, CUSTOMER, "customer", "again", key)
    with pytest.raises(SignerConflict, match="already bound"):
        add_signer(ctx, OTHER_CUSTOMER, "customer", "Head of EBME", key)
    with pytest.raises(SignerConflict, match="cannot be trusted again"):
        add_signer(ctx, CUSTOMER, "customer", "Deputy head of EBME", other)
    with pytest.raises(InvalidName, match="label"):
        add_signer(ctx, CUSTOMER, "customer", "   ", key)
    with pytest.raises(InvalidName, match="customer name"):
        add_signer(ctx, " ", "customer", "Head of EBME", public_key(tmp_path, "c")[0])
    with pytest.raises(KeyFileError, match="not an Ed25519 public key"):
        add_signer(ctx, CUSTOMER, "customer", "Head of EBME", b"not a key at all")
    assert [r["reason"] for r in refusals(ctx, "signers.add")] == [
        "SignerConflict", "SignerConflict", "SignerConflict", "InvalidName", "InvalidName", "KeyFileError"]
    refused = [e for e in ctx.audit.events() if e.action == "signers.add" and e.outcome == "refused"]
    assert {e.actor for e in refused} == {"ada"}
    assert all(CUSTOMER not in e.details for e in refused)  # the type, never the message


def test_refused_revocations_are_audited_with_the_key_id_asked_for(ctx: Context, tmp_path: Path) -> None:
    key, key_id = public_key(tmp_path, "a")
    add_signer(ctx, CUSTOMER, "customer", "Head of EBME", key)
    revoke_signer(ctx, key_id)
    with pytest.raises(SignerNotFound, match="no signer key"):
        revoke_signer(ctx, "0" * 64)
    with pytest.raises(SignerNotFound, match="too short"):
        revoke_signer(ctx, "abc")
    with pytest.raises(SignerConflict, match="already revoked"):
        revoke_signer(ctx, key_id)
    assert refusals(ctx, "signers.revoke") == [
        {"reason": "SignerNotFound", "key_id": "0" * 16},
        {"reason": "SignerNotFound", "key_id": "abc"},
        {"reason": "SignerConflict", "key_id": key_id[:16]},
    ]


def test_refused_withdrawals_are_audited(ctx: Context, auths) -> None:
    signed = auths.write()
    auths.register(signed)
    with pytest.raises(InvalidName, match="reason"):
        withdraw(ctx, signed.reference, "  ")
    withdraw(ctx, signed.reference, "customer letter of 2026-03-02")
    with pytest.raises(AlreadyWithdrawn, match="already withdrawn"):
        withdraw(ctx, signed.reference, "again")
    with pytest.raises(AuthorisationNotFound):
        withdraw(ctx, "AUTH-NOPE", "letter")
    assert refusals(ctx, "authorisation.withdraw") == [
        {"reason": "InvalidName"}, {"reason": "AlreadyWithdrawn"}, {"reason": "AuthorisationNotFound"}]


def test_the_confirmation_event_records_how_the_fingerprint_was_confirmed(ctx: Context, as_user,
                                                                          tmp_path: Path) -> None:
    key, key_id = public_key(tmp_path, "a")
    add_signer(ctx, CUSTOMER, "customer", "Head of EBME", key)
    how = "read back by phone to the head of EBME on the number in our contract"
    view = confirm_signer(as_user("dora"), key_id[:12], f"  {how}  ")
    assert (view.confirmed_by, view.confirmed_how) == ("dora", how)
    [event] = [e for e in ctx.audit.events() if e.action == "signers.confirm"]
    assert (event.actor, event.outcome) == ("dora", "ok")
    details = json.loads(event.details)
    assert (details["key_id"], details["confirmed_how"]) == (key_id, how)
