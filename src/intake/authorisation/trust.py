"""The trust store: Ed25519 public keys allowed to sign authorisations, each bound to one customer.

A key is added by an admin (`signers.manage`) for a named customer; the customer's registry row is
created when the first key is added. Revocation is permanent: a revoked key cannot be re-added, and
every authorisation it signed stops verifying.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.authorisation.errors import (
    ConsentNeedsTwoPeople,
    InvalidName,
    KeyFileError,
    SignerConflict,
    SignerNotFound,
)
from intake.authorisation.signing import key_id as compute_key_id
from intake.authorisation.signing import parse_public_key
from intake.clock import as_utc
from intake.context import Context, audits_refusals
from intake.errors import NotFound
from intake.registry.enums import SignerKind
from intake.registry.models import Authorisation, AuthorisationState, Customer, Signer


@dataclass(frozen=True)
class SignerView:
    key_id: str
    customer: str
    kind: str
    label: str
    status: str  # trusted | revoked
    added_by: str
    added_at: datetime
    revoked_by: str | None
    revoked_at: datetime | None
    active_authorisations: int
    confirmed_by: str | None = None
    confirmed_how: str | None = None


def normalise_customer_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 256:
        raise InvalidName("a customer name must be 1 to 256 characters, e.g. 'St Elsewhere NHS Foundation Trust'")
    return cleaned


def find_customer(session: Session, name: str) -> Customer | None:
    return session.scalar(select(Customer).where(Customer.name == normalise_customer_name(name)))


def customer_or_create(session: Session, name: str, now: datetime) -> tuple[Customer, bool]:
    existing = find_customer(session, name)
    if existing is not None:
        return existing, False
    customer = Customer(name=normalise_customer_name(name), created_at=now)
    session.add(customer)
    session.flush()
    return customer, True


def _view(session: Session, signer: Signer, customer_name: str) -> SignerView:
    active = session.scalar(
        select(func.count())
        .select_from(Authorisation)
        .where(Authorisation.signer_key_id == signer.key_id, Authorisation.state == AuthorisationState.ACTIVE)
    )
    return SignerView(
        key_id=signer.key_id,
        customer=customer_name,
        kind=signer.kind,
        label=signer.label,
        status="revoked" if signer.revoked_at else "trusted",
        added_by=signer.added_by,
        added_at=as_utc(signer.added_at),
        revoked_by=signer.revoked_by,
        revoked_at=as_utc(signer.revoked_at) if signer.revoked_at else None,
        active_authorisations=active or 0,
        confirmed_by=signer.confirmed_by,
        confirmed_how=signer.confirmed_how,
    )


@audits_refusals("signers.add", (InvalidName, KeyFileError, SignerConflict))
def add_signer(ctx: Context, customer: str, kind: SignerKind | str, label: str, public_key: bytes,
               source: str = "public key") -> SignerView:
    """Trust `public_key` (PEM, OpenSSH or raw bytes) to sign authorisations for `customer`."""
    actor = ctx.authorise("signers.manage")
    kind = SignerKind(kind)
    label = " ".join(label.split())
    if not label or len(label) > 256:
        raise InvalidName("a signer label must be 1 to 256 characters, e.g. 'Head of EBME, signed letters'")
    raw = parse_public_key(public_key, source)
    new_key_id = compute_key_id(raw)
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        existing = session.get(Signer, new_key_id)
        if existing is not None:
            owner = session.get(Customer, existing.customer_id)
            owner_name = owner.name if owner else existing.customer_id
            if existing.revoked_at is not None:
                raise SignerConflict(
                    f"key {new_key_id[:16]} was revoked on {as_utc(existing.revoked_at):%Y-%m-%d}; a revoked key "
                    "cannot be trusted again: generate a new key pair with `intake keys generate`"
                )
            if owner_name != normalise_customer_name(customer):
                raise SignerConflict(
                    f"key {new_key_id[:16]} is already bound to customer '{owner_name}': a key signs for one customer "
                    "only; generate a separate key for this customer"
                )
            raise SignerConflict(f"key {new_key_id[:16]} is already trusted for '{owner_name}'")
        record, created = customer_or_create(session, customer, now)
        signer = Signer(
            key_id=new_key_id,
            customer_id=record.id,
            label=label,
            kind=kind.value,
            public_key=raw,
            added_by=actor.name,
            added_at=now,
        )
        session.add(signer)
        session.flush()
        view = _view(session, signer, record.name)
        customer_id = record.id
    ctx.record(actor, "signers.add", key_id=new_key_id, customer_id=customer_id, kind=kind.value,
               customer_created=created)
    return view


def list_signers(ctx: Context, customer: str | None = None) -> list[SignerView]:
    ctx.authorise("signers.list")
    with ctx.registry.session() as session:
        query = select(Signer, Customer.name).join(Customer, Customer.id == Signer.customer_id)
        if customer is not None:
            query = query.where(Customer.name == normalise_customer_name(customer))
        rows = session.execute(query.order_by(Customer.name, Signer.added_at, Signer.key_id)).all()
        return [_view(session, signer, name) for signer, name in rows]


def resolve_key_id(session: Session, key_id_or_prefix: str) -> Signer:
    """Find a signer by its full key id or an unambiguous prefix of at least 8 hex digits."""
    wanted = key_id_or_prefix.strip().lower()
    if len(wanted) < 8:
        raise SignerNotFound(
            f"key id '{key_id_or_prefix}' is too short: give at least 8 hex digits (`intake keys list`)"
        )
    matches = session.scalars(select(Signer).where(Signer.key_id.startswith(wanted, autoescape=True))).all()
    if not matches:
        raise SignerNotFound(f"no signer key with id '{wanted}': `intake keys list` shows the trusted keys")
    if len(matches) > 1:
        raise SignerNotFound(f"key id prefix '{wanted}' matches {len(matches)} keys: give more digits")
    return matches[0]


@audits_refusals("signers.revoke", (SignerNotFound, SignerConflict, NotFound))
def revoke_signer(ctx: Context, key_id_or_prefix: str, reason: str | None = None) -> SignerView:
    actor = ctx.authorise("signers.manage")
    with ctx.registry.session() as session:
        signer = resolve_key_id(session, key_id_or_prefix)
        if signer.revoked_at is not None:
            raise SignerConflict(f"key {signer.key_id[:16]} is already revoked")
        signer.revoked_at = ctx.clock.now()
        signer.revoked_by = actor.name
        session.flush()
        customer = session.get(Customer, signer.customer_id)
        if customer is None:  # the foreign key makes this impossible unless the registry was edited
            raise NotFound(f"customer of key {signer.key_id[:16]} is missing from the registry")
        view = _view(session, signer, customer.name)
    ctx.record(actor, "signers.revoke", key_id=view.key_id, customer_id=signer.customer_id,
               active_authorisations=view.active_authorisations, reason=reason or "")
    return view


@audits_refusals("signers.confirm", (InvalidName, SignerConflict, ConsentNeedsTwoPeople, NotFound))
def confirm_signer(ctx: Context, key_id_or_prefix: str, how: str) -> SignerView:
    """Record that the key's fingerprint was confirmed with its owner out of band (who, when, how): the second
    person of the two-person rule, never the one who added the key."""
    actor = ctx.authorise("signers.confirm")
    how = " ".join(how.split())
    if not 10 <= len(how) <= 512:
        raise InvalidName("say how the fingerprint was confirmed, in 10 to 512 characters, e.g. 'read back by phone "
                          "to the customer's head of EBME on the number in our contract'")
    with ctx.registry.session() as session:
        signer = resolve_key_id(session, key_id_or_prefix)
        if signer.revoked_at is not None:
            raise SignerConflict(f"key {signer.key_id[:16]} is revoked: there is nothing to confirm")
        if signer.added_by == actor.name:
            raise ConsentNeedsTwoPeople(
                f"'{actor.name}' added key {signer.key_id[:16]}: someone else confirms its fingerprint"
            )
        if signer.confirmed_by is not None:
            raise SignerConflict(f"key {signer.key_id[:16]} was already confirmed by '{signer.confirmed_by}'")
        signer.confirmed_by, signer.confirmed_at, signer.confirmed_how = actor.name, ctx.clock.now(), how
        session.flush()
        customer = session.get(Customer, signer.customer_id)
        view = _view(session, signer, customer.name if customer else signer.customer_id)
    ctx.record(actor, "signers.confirm", key_id=view.key_id, customer_id=signer.customer_id, confirmed_how=how)
    return view


def trusted_keys(session: Session) -> list[tuple[Signer, Customer]]:
    """Every key in the store (revoked too), with its customer: registration tells them apart."""
    return list(session.execute(select(Signer, Customer).join(Customer, Customer.id == Signer.customer_id)).tuples())
