"""Typed errors of the anonymisation engine. Messages name tables, columns and counts, never a data value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake.errors import IntakeError

if TYPE_CHECKING:
    from intake.anonymisation.rescan import RescanResult


class AnonymisationError(IntakeError):
    """Base of every anonymisation failure."""


class ModelNotAvailable(AnonymisationError):
    """The configured spaCy model is not installed; we never download one at run time."""


class PolicyError(AnonymisationError):
    """The anonymisation policy file is invalid."""


class VocabularyError(AnonymisationError):
    """A vocabulary or deny-list file cannot be read."""


class UnscannableColumn(AnonymisationError):
    """A column of a type the detectors cannot read (binary, struct, list): passing it on unread could leak."""

    def __init__(self, table: str, column: str, data_type: str, step: str = "anonymise") -> None:
        self.table, self.column, self.data_type, self.step = table, column, data_type, step
        super().__init__(
            f"cannot {step} column '{column}' of table '{table}': its type {data_type} cannot be scanned for "
            "personal data, so it is not passed on unread (fail closed). Drop it with a policy column override "
            f"('{table}.{column}: drop_column') or have the source deliver it as text"
        )

    def __reduce__(self) -> tuple[type[UnscannableColumn], tuple[str, str, str, str]]:
        # Raised in a worker process, it is pickled back to the process that sent the chunk.
        return type(self), (self.table, self.column, self.data_type, self.step)


class ProfilingTooSlow(AnonymisationError):
    """Classifying a table's columns took longer than its time budget: refused, never passed on half-classified
    (a hostile table, thousands of long columns, must not hold the machine for hours)."""

    def __init__(self, table: str, done: int, total: int, seconds: float) -> None:
        self.table, self.done, self.total, self.seconds = table, done, total, seconds
        super().__init__(
            f"classifying the columns of table '{table}' took longer than its budget of {seconds:g} s ({done} of "
            f"{total} columns done): raise anonymisation.profile_seconds if the table is genuine, or ask the "
            "customer for it with fewer or shorter columns"
        )

    def __reduce__(self) -> tuple[type[ProfilingTooSlow], tuple[str, int, int, float]]:
        return type(self), (self.table, self.done, self.total, self.seconds)


class WorkerProcessLost(AnonymisationError):
    """A worker process ended before returning its chunk (killed, out of memory)."""


class ResidualPersonalData(AnonymisationError):
    """The re-scan of anonymised output still found personal data: the run must stop (fail closed)."""

    def __init__(self, result: RescanResult) -> None:
        self.result = result
        where = ", ".join(
            f"{c.table}.{c.column}: {sum(c.residual.values())} ({', '.join(sorted(c.residual))})"
            for c in result.residual_columns()
        )
        super().__init__(
            f"re-scan of the anonymised output found personal data above score {result.threshold:.2f} in "
            f"{where}; nothing was delivered. Review the findings report, adjust the policy or the column "
            "classification, and run again"
        )


class UndeclaredPersonalData(AnonymisationError):
    """A dataset declared to hold no personal data does hold some: keep it in quarantine."""

    def __init__(self, summary: str) -> None:
        super().__init__(
            "the dataset was declared to contain no personal data, but the scan found "
            f"{summary}; it stays encrypted in quarantine. Ask the customer to correct the authorisation "
            "(personal data 'may_contain' or 'anonymised') or to send a cleaned file"
        )
