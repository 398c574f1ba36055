"""The registry's enumerations (roles, purposes, states, kinds), stored as their string values.

Kept apart from the tables (models.py, which re-exports them) so that what only needs a name or a choice, such
as the CLI's option types, does not import SQLAlchemy: `intake --help` starts fast.
"""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ENGINEER = "engineer"
    SUPPORT = "support"
    DPO = "dpo"
    ADMIN = "admin"
    SERVICE = "service"  # the scheduled flows' own identity (users.SERVICE_USER); never a person's role


class Purpose(enum.StrEnum):
    MIGRATION = "migration"
    FAULT_INVESTIGATION = "fault_investigation"


class PersonalDataDeclaration(enum.StrEnum):
    NONE = "none"
    ANONYMISED = "anonymised"
    MAY_CONTAIN = "may_contain"


class AuthorisationState(enum.StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class DatasetState(enum.StrEnum):
    QUARANTINED = "quarantined"  # received, encrypted, not yet cleared for processing
    BLOCKED = "blocked"  # declared free of personal data but found to contain it
    PROCESSING = "processing"
    PROCESSED = "processed"  # import package delivered / ready
    COMPLETED = "completed"  # migration signed off; retention clock running
    DELETING = "deleting"  # deletion started; a sweep resumes it
    DELETED = "deleted"


class RunState(enum.StrEnum):
    """How a migration run stands (`runs.state`, stored as these values; an enum column from migration 0007)."""

    RUNNING = "running"
    COMPLETED = "completed"  # package delivered; the dataset is PROCESSED
    BLOCKED = "blocked"  # personal data where the authorisation says there is none; the dataset is BLOCKED
    STOPPED = "stopped"  # consent withdrawn or processing restricted: stopped at the next step
    FAILED = "failed"  # an error; the DPO is notified
    CANCELLED = "cancelled"  # cancelled from Prefect or interrupted
    CRASHED = "crashed"  # the flow's process died (Prefect's crashed state); the DPO is notified
    ABANDONED = "abandoned"  # left running by a crash, closed when the next run of the dataset started


class ArtefactKind(enum.StrEnum):
    RAW = "raw"
    INTERMEDIATE = "intermediate"
    OUTPUT = "output"
    REPORT = "report"
    EVIDENCE = "evidence"
    SECRET = "secret"  # noqa: S105 (an artefact kind, not a password)


class HoldKind(enum.StrEnum):
    FAULT = "fault"
    LEGAL = "legal"
    RESTRICTION = "restriction"  # GDPR art. 18: blocks processing, not deletion


class HoldOutcome(enum.StrEnum):
    RESOLVED = "resolved"
    TERMINATED = "terminated"
    RELEASED = "released"


class SignerKind(enum.StrEnum):
    """Whose key a trusted signer key is (`signers.kind`)."""

    CUSTOMER = "customer"
    ACCOUNT_MANAGER = "account_manager"
