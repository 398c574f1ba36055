"""Typed errors. Each message says what was wrong, where, and what to do; never a data value."""

from __future__ import annotations


class IntakeError(Exception):
    """Base of every error the CLI reports as a refusal or failure (exit code 1).

    `transient`: the same command may succeed later unchanged (a locked or unreachable registry); otherwise
    something must change first (the input, the state, a permission)."""

    exit_code = 1
    transient = False


class ConfigError(IntakeError):
    """The configuration file or environment is invalid."""


class PermissionDenied(IntakeError):
    """The actor lacks the role a command needs."""


class NotFound(IntakeError):
    """A registry record named by the user does not exist."""


class StateError(IntakeError):
    """An action is not allowed in the current state of a record."""


class AuditChainBroken(IntakeError):
    """The audit log's hash chain does not verify."""


class StateKeyMissing(IntakeError):
    """The registry's state key (keys/state.key) is missing, damaged or readable by others."""


class StateTampered(IntakeError):
    """A registry row was changed outside intake: its seal does not match, or its state is not the audit log's.

    `rows` names the (table, key) refused where it was loaded; the registry audits that refusal once (`audited`)."""

    def __init__(self, message: str, rows: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(message)
        self.rows = rows
        self.audited = False


class RegistryUnavailable(IntakeError):
    """The registry database is locked by another process, or cannot be reached or opened."""

    exit_code = 75  # EX_TEMPFAIL: try again later
    transient = True


class AnchorUnavailable(IntakeError):
    """The place audit anchors are kept (a local file or an S3 Object Lock bucket) cannot be written or read."""


class DatabaseRefused(PermissionDenied):
    """Server mode: the database refused a write for the acting person's login (their rights live there)."""
