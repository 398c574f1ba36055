"""Errors of retention, holds and deletion. Messages name ids and states, never a data value."""

from __future__ import annotations

from intake.errors import IntakeError, NotFound, StateError


class RetentionError(IntakeError):
    """Base of retention, hold and deletion errors."""


class DatasetNotFound(NotFound):
    """No dataset has the id the user gave."""


class CustomerNotFound(NotFound):
    """No customer has the id or name the user gave."""


class CertificateNotFound(NotFound):
    """No deletion certificate exists for the dataset or certificate id the user gave."""


class HoldNotFound(NotFound):
    """No hold (of the expected kind) has the id the user gave, or none is open."""


class HoldStateError(StateError):
    """A hold cannot be opened, closed or released in the current state."""


class LifecycleError(StateError):
    """A dataset is not in a state where the requested step is allowed."""


class ProcessingRestricted(RetentionError):
    """Processing of the dataset is restricted (GDPR art. 18) or the dataset is being deleted."""


class ServiceKeyMissing(RetentionError):
    """The service signing key is gone: nothing is deleted, as no certificate could be signed for it; only `intake
    init` (or an explicit `intake audit anchor` in an older home) makes one, never a sweep."""


class SweepLocked(RetentionError):
    """Another sweep holds the registry lock."""


class SweepLockLost(RetentionError):
    """This sweep's lease on the registry lock was taken over; it stops so two sweeps never overlap."""


class DeletionNotVerified(RetentionError):
    """After deletion something of the dataset is still readable or recorded as present."""


class CertificateInvalid(RetentionError):
    """A deletion certificate does not verify: edited, signed by another key, or malformed."""
