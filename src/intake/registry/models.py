"""Registry tables. Rows hold non-personal metadata only: ids, hashes, dates, states and counts.

Customer data lives encrypted in the vault; the registry says what exists, where, under which
authorisation, and when it must go. The audit log's tables are in audit_tables.py.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from intake.registry.enums import (  # the enumerations live apart, importable without SQLAlchemy (CLI start-up)
    ArtefactKind,
    AuthorisationState,
    DatasetState,
    HoldKind,
    HoldOutcome,
    PersonalDataDeclaration,
    Purpose,
    Role,
    RunState,
)


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


def _enum(cls: type[enum.Enum]) -> Enum:
    # Store enum values (not names) as plain strings so PostgreSQL and SQLite agree and
    # adding a member needs no ALTER TYPE.
    return Enum(cls, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])


class User(Base):
    __tablename__ = "users"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    roles: Mapped[list[UserRole]] = relationship(back_populates="user", cascade="all, delete-orphan")
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # registry/seal.py
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sealed; +1 per change (registry/state_log.py)


class UserRole(Base):
    __tablename__ = "user_roles"

    user_name: Mapped[str] = mapped_column(ForeignKey("users.name"), primary_key=True)
    role: Mapped[Role] = mapped_column(_enum(Role), primary_key=True)
    granted_by: Mapped[str] = mapped_column(String(128))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user: Mapped[User] = relationship(back_populates="roles")
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # registry/seal.py
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sealed; +1 per change (registry/state_log.py)


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(256), unique=True)
    retention_months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # registry/seal.py (migration 0006)
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sealed; +1 per change (registry/state_log.py)


class Signer(Base):
    """A trusted Ed25519 public key, bound to one customer."""

    __tablename__ = "signers"

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the raw public key, hex
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    label: Mapped[str] = mapped_column(String(256))
    kind: Mapped[str] = mapped_column(String(32))  # customer | account_manager
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(128))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    # Another member of staff confirmed the key's fingerprint with its owner out of band (two-person rule).
    confirmed_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    confirmed_how: Mapped[str | None] = mapped_column(String(512), nullable=True)
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # registry/seal.py
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sealed; +1 per change (registry/state_log.py)


class Authorisation(Base):
    __tablename__ = "authorisations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(128), unique=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    signer_key_id: Mapped[str] = mapped_column(ForeignKey("signers.key_id"))
    purpose: Mapped[Purpose] = mapped_column(_enum(Purpose))
    purpose_reference: Mapped[str] = mapped_column(String(128))
    personal_data: Mapped[PersonalDataDeclaration] = mapped_column(_enum(PersonalDataDeclaration))
    signed_on: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    valid_until: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    manifest: Mapped[bytes] = mapped_column(LargeBinary)  # the signed YAML bytes, verbatim
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    evidence_sha256: Mapped[str] = mapped_column(String(64))
    evidence_artefact_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    state: Mapped[AuthorisationState] = mapped_column(_enum(AuthorisationState), default=AuthorisationState.ACTIVE)
    registered_by: Mapped[str] = mapped_column(String(128))
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    withdrawn_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    files: Mapped[list[AuthorisedFile]] = relationship(back_populates="authorisation", cascade="all, delete-orphan")
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # registry/seal.py
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sealed; +1 per change (registry/state_log.py)


class AuthorisedFile(Base):
    __tablename__ = "authorised_files"
    __table_args__ = (UniqueConstraint("authorisation_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    authorisation_id: Mapped[str] = mapped_column(ForeignKey("authorisations.id"))
    name: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64))
    authorisation: Mapped[Authorisation] = relationship(back_populates="files")


class Dataset(Base):
    __tablename__ = "datasets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    authorisation_id: Mapped[str] = mapped_column(ForeignKey("authorisations.id"))
    purpose: Mapped[Purpose] = mapped_column(_enum(Purpose))
    purpose_reference: Mapped[str] = mapped_column(String(128))
    state: Mapped[DatasetState] = mapped_column(_enum(DatasetState), default=DatasetState.QUARANTINED)
    received_by: Mapped[str] = mapped_column(String(128))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    fingerprint: Mapped[str] = mapped_column(String(64))  # SHA-256 over the sorted file hashes
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    delete_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    deletion_rule: Mapped[str | None] = mapped_column(String(64), nullable=True)
    flagged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    deletion_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    artefacts: Mapped[list[Artefact]] = relationship(back_populates="dataset")
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # registry/seal.py
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sealed; +1 per change (registry/state_log.py)


class DataKey(Base):
    """A wrapped data key. Destroying it (wrapped_key cleared, destroyed_at set) crypto-shreds its scope."""

    __tablename__ = "data_keys"

    scope: Mapped[str] = mapped_column(String(64), primary_key=True)  # dataset id, or e.g. "customer:<id>"
    provider: Mapped[str] = mapped_column(String(32))
    kek_id: Mapped[str] = mapped_column(String(256))
    wrapped_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    destroyed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Artefact(Base):
    """Every stored object of a dataset (or of an authorisation / customer scope)."""

    __tablename__ = "artefacts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    scope: Mapped[str] = mapped_column(String(64), index=True)  # the data key scope it is encrypted under
    dataset_id: Mapped[str | None] = mapped_column(ForeignKey("datasets.id"), nullable=True, index=True)
    kind: Mapped[ArtefactKind] = mapped_column(_enum(ArtefactKind))
    name: Mapped[str] = mapped_column(String(512))  # file or table name inside the dataset, not a data value
    store: Mapped[str] = mapped_column(String(16))  # local | s3
    location: Mapped[str] = mapped_column(String(1024))  # object key in the store
    size: Mapped[int] = mapped_column(BigInteger)  # ciphertext bytes
    plaintext_size: Mapped[int] = mapped_column(BigInteger)
    ciphertext_sha256: Mapped[str] = mapped_column(String(64))
    plaintext_sha256: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    dataset: Mapped[Dataset | None] = relationship(back_populates="artefacts")
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # registry/seal.py
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sealed; +1 per change (registry/state_log.py)


class Hold(Base):
    __tablename__ = "holds"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[HoldKind] = mapped_column(_enum(HoldKind))
    dataset_id: Mapped[str | None] = mapped_column(ForeignKey("datasets.id"), nullable=True, index=True)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    reference: Mapped[str] = mapped_column(String(128))  # fault ticket or legal matter reference
    reason: Mapped[str] = mapped_column(Text, default="")
    opened_by: Mapped[str] = mapped_column(String(128))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    outcome: Mapped[HoldOutcome | None] = mapped_column(_enum(HoldOutcome), nullable=True)
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # registry/seal.py
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sealed; +1 per change (registry/state_log.py)
    # Legal holds only: when the DPO must next confirm the hold is still needed, and when the sweep last said so.
    # Not sealed: they decide a reminder, never whether data is kept or deleted.
    review_by: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    review_notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class RunRequest(Base):
    """A person's request, recorded by the CLI under the identity the OS proved, to run a flow on the Prefect
    worker: the deployment run carries only this id, never a typed name (intake.run_requests)."""

    __tablename__ = "run_requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    flow: Mapped[str] = mapped_column(String(64))
    parameters_sha256: Mapped[str] = mapped_column(String(64))  # of the run's parameters, the request id aside
    requested_by: Mapped[str] = mapped_column(String(128))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    flow_run_id: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the one run it was redeemed by
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # registry/seal.py
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sealed; +1 per change (registry/state_log.py)


class Run(Base):
    """A processing run of a dataset; withdrawal of consent stops it at its next step."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id"), index=True)
    flow: Mapped[str] = mapped_column(String(64))
    state: Mapped[RunState] = mapped_column(_enum(RunState))
    started_by: Mapped[str] = mapped_column(String(128))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="{}")  # JSON counts only


class DeletionCertificate(Base):
    __tablename__ = "deletion_certificates"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id"), unique=True)
    body: Mapped[str] = mapped_column(Text)  # canonical JSON
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    service_key_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Lock(Base):
    """A named lease in the registry so two sweeps never process the same datasets at once."""

    __tablename__ = "locks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(128))
    acquired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
