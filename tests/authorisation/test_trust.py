"""The signer trust store: keys bound to one customer, permanent revocation, admin-only changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.authorisation import InvalidName, SignerConflict, SignerNotFound, add_signer, list_signers, revoke_signer
from intake.authorisation.signing import generate_keypair
from intake.errors import PermissionDenied
from intake.registry.models import Customer
from tests.authorisation.conftest import CUSTOMER, OTHER_CUSTOMER


def public_key(tmp_path: Path, name: str = "k") -> tuple[bytes, str]:
    paths = generate_keypair(tmp_path, name)
    return paths.public_key.read_bytes(), paths.key_id


def test_adding_a_key_creates_the_customer_once(ctx, tmp_path: Path) -> None:
    first, first_id = public_key(tmp_path, "a")
    second, _ = public_key(tmp_path, "b")
    view = add_signer(ctx, CUSTOMER, "customer", "Head of EBME", first)
    assert (view.key_id, view.customer, view.kind, view.status) == (first_id, CUSTOMER, "customer", "trusted")
    add_signer(ctx, f"  {CUSTOMER}  ", "account_manager", "Account manager", second)  # same customer, spaces trimmed
    with ctx.registry.session() as session:
        assert session.scalars(select(Customer.name)).all() == [CUSTOMER]
    assert sorted(v.kind for v in list_signers(ctx, CUSTOMER)) == ["account_manager", "customer"]
    events = [e for e in ctx.audit.events() if e.action == "signers.add"]
    assert [json.loads(e.details)["customer_created"] for e in events] == [True, False]


def test_a_key_signs_for_one_customer_only(ctx, tmp_path: Path) -> None:
    key, _ = public_key(tmp_path)
    add_signer(ctx, CUSTOMER, "customer", "Head of EBME", key)
    with pytest.raises(SignerConflict, match="already bound to customer 'St Elsewhere"):
        add_signer(ctx, OTHER_CUSTOMER, "customer", "Head of EBME", key)
    with pytest.raises(SignerConflict, match="already trusted"):
        add_signer(ctx, CUSTOMER, "customer", "again", key)


def test_revocation_is_permanent_and_accepts_a_key_id_prefix(ctx, tmp_path: Path) -> None:
    key, key_id = public_key(tmp_path)
    add_signer(ctx, CUSTOMER, "customer", "Head of EBME", key)
    view = revoke_signer(ctx, key_id[:10], reason="laptop stolen")
    assert (view.status, view.revoked_by) == ("revoked", "ada")
    assert list_signers(ctx)[0].status == "revoked"
    with pytest.raises(SignerConflict, match="already revoked"):
        revoke_signer(ctx, key_id)
    with pytest.raises(SignerConflict, match="cannot be trusted again"):
        add_signer(ctx, CUSTOMER, "customer", "Head of EBME", key)
    with pytest.raises(SignerNotFound, match="too short"):
        revoke_signer(ctx, key_id[:4])
    with pytest.raises(SignerNotFound, match="no signer key"):
        revoke_signer(ctx, "0" * 64)


def test_bad_input(ctx, tmp_path: Path) -> None:
    key, _ = public_key(tmp_path)
    with pytest.raises(InvalidName, match="customer name"):
        add_signer(ctx, "   ", "customer", "label", key)
    with pytest.raises(InvalidName, match="label"):
        add_signer(ctx, CUSTOMER, "customer", " ", key)
    with pytest.raises(ValueError, match="notary"):
        add_signer(ctx, CUSTOMER, "notary", "label", key)


def test_only_admins_change_the_trust_store(ctx, as_user, tmp_path: Path) -> None:
    key, key_id = public_key(tmp_path)
    for name in ("sam", "eve", "dora"):
        with pytest.raises(PermissionDenied, match=r"signers\.manage"):
            add_signer(as_user(name), CUSTOMER, "customer", "Head of EBME", key)
    add_signer(ctx, CUSTOMER, "customer", "Head of EBME", key)
    with pytest.raises(PermissionDenied):
        revoke_signer(as_user("sam"), key_id)
    assert [v.key_id for v in list_signers(as_user("sam"))] == [key_id]  # everyone may list
    refused = [e for e in ctx.audit.events() if e.outcome == "refused"]
    assert [(e.actor, e.action) for e in refused] == [
        ("sam", "signers.manage"), ("eve", "signers.manage"), ("dora", "signers.manage"), ("sam", "signers.manage"),
    ]
