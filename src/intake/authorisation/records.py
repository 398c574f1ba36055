"""Reading registered authorisations: list and show (ids, dates, hashes and counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.authorisation.errors import AuthorisationNotFound
from intake.authorisation.trust import normalise_customer_name
from intake.clock import as_utc
from intake.context import Context
from intake.registry.models import Authorisation, AuthorisationState, Customer, Dataset


@dataclass(frozen=True)
class AuthorisationView:
    id: str
    reference: str
    customer: str
    purpose: str
    purpose_reference: str
    personal_data: str
    state: str
    signed_on: date
    valid_until: date
    files: int
    datasets: int
    signer_key_id: str
    registered_by: str
    registered_at: datetime
    withdrawn_at: datetime | None


@dataclass(frozen=True)
class AuthorisedFileView:
    name: str
    sha256: str


@dataclass(frozen=True)
class DatasetRef:
    id: str
    state: str
    delete_after: datetime | None
    deletion_rule: str | None


@dataclass(frozen=True)
class AuthorisationDetail:
    summary: AuthorisationView
    manifest_sha256: str
    evidence_sha256: str
    evidence_artefact_id: str | None
    withdrawn_by: str | None
    file_list: list[AuthorisedFileView] = field(default_factory=list)
    dataset_list: list[DatasetRef] = field(default_factory=list)


def _summary(session: Session, auth: Authorisation, customer_name: str) -> AuthorisationView:
    datasets = session.scalar(select(func.count()).select_from(Dataset).where(Dataset.authorisation_id == auth.id))
    return AuthorisationView(
        id=auth.id,
        reference=auth.reference,
        customer=customer_name,
        purpose=auth.purpose.value,
        purpose_reference=auth.purpose_reference,
        personal_data=auth.personal_data.value,
        state=auth.state.value,
        signed_on=as_utc(auth.signed_on).date(),
        valid_until=as_utc(auth.valid_until).date(),
        files=len(auth.files),
        datasets=datasets or 0,
        signer_key_id=auth.signer_key_id,
        registered_by=auth.registered_by,
        registered_at=as_utc(auth.registered_at),
        withdrawn_at=as_utc(auth.withdrawn_at) if auth.withdrawn_at else None,
    )


def list_authorisations(ctx: Context, customer: str | None = None,
                        state: AuthorisationState | str | None = None) -> list[AuthorisationView]:
    ctx.authorise("authorisation.list")
    with ctx.registry.session() as session:
        query = select(Authorisation, Customer.name).join(Customer, Customer.id == Authorisation.customer_id)
        if customer is not None:
            query = query.where(Customer.name == normalise_customer_name(customer))
        if state is not None:
            query = query.where(Authorisation.state == AuthorisationState(state))
        rows = session.execute(query.order_by(Authorisation.registered_at, Authorisation.reference)).all()
        return [_summary(session, auth, name) for auth, name in rows]


def authorisation_view(ctx: Context, authorisation_id: str) -> AuthorisationView:
    with ctx.registry.session() as session:
        auth = session.get(Authorisation, authorisation_id)
        if auth is None:
            raise AuthorisationNotFound(f"no authorisation with id {authorisation_id}")
        customer = session.get(Customer, auth.customer_id)
        return _summary(session, auth, customer.name if customer else auth.customer_id)


def get_authorisation(session: Session, reference: str) -> Authorisation:
    auth = session.scalar(select(Authorisation).where(Authorisation.reference == reference))
    if auth is None:
        raise AuthorisationNotFound(
            f"no authorisation with reference '{reference}': `intake authorisation list` shows the registered ones"
        )
    return auth


def show_authorisation(ctx: Context, reference: str) -> AuthorisationDetail:
    ctx.authorise("authorisation.list")
    with ctx.registry.session() as session:
        auth = get_authorisation(session, reference)
        customer = session.get(Customer, auth.customer_id)
        datasets = session.scalars(
            select(Dataset).where(Dataset.authorisation_id == auth.id).order_by(Dataset.received_at)
        ).all()
        return AuthorisationDetail(
            summary=_summary(session, auth, customer.name if customer else auth.customer_id),
            manifest_sha256=auth.manifest_sha256,
            evidence_sha256=auth.evidence_sha256,
            evidence_artefact_id=auth.evidence_artefact_id,
            withdrawn_by=auth.withdrawn_by,
            file_list=[AuthorisedFileView(f.name, f.sha256) for f in sorted(auth.files, key=lambda f: f.name)],
            dataset_list=[
                DatasetRef(
                    d.id,
                    d.state.value,
                    as_utc(d.delete_after) if d.delete_after else None,
                    d.deletion_rule,
                )
                for d in datasets
            ],
        )

