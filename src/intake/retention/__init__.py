"""Retention: when each dataset must go, holds that keep or restrict it, and proven deletion."""

from __future__ import annotations

from intake.retention.certificates import (
    load_service_key,
    stored_certificate,
    verify_certificate_file,
    verify_stored,
)
from intake.retention.errors import (
    CertificateInvalid,
    DeletionNotVerified,
    HoldNotFound,
    HoldStateError,
    LifecycleError,
    ProcessingRestricted,
    RetentionError,
    SweepLocked,
)
from intake.retention.fault_holds import close_fault_hold, open_fault_hold
from intake.retention.holds import (
    ensure_processing_allowed,
    list_holds,
    place_legal_hold,
    place_restriction,
    release_legal_hold,
    release_restriction,
    review_legal_hold,
)
from intake.retention.lifecycle import complete_migration
from intake.retention.rules import RetentionDecision, Rule, Status, add_months, decide, decisions, list_retention
from intake.retention.sweep import SweepHooks, SweepReport, sweep

__all__ = [
    "CertificateInvalid",
    "DeletionNotVerified",
    "HoldNotFound",
    "HoldStateError",
    "LifecycleError",
    "ProcessingRestricted",
    "RetentionDecision",
    "RetentionError",
    "Rule",
    "Status",
    "SweepHooks",
    "SweepLocked",
    "SweepReport",
    "add_months",
    "close_fault_hold",
    "complete_migration",
    "decide",
    "decisions",
    "ensure_processing_allowed",
    "list_holds",
    "list_retention",
    "load_service_key",
    "open_fault_hold",
    "place_legal_hold",
    "place_restriction",
    "release_legal_hold",
    "release_restriction",
    "review_legal_hold",
    "stored_certificate",
    "sweep",
    "verify_certificate_file",
    "verify_stored",
]
