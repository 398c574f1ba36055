"""Errors of the pipeline's steps, and the guard that keeps data values out of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from intake.errors import IntakeError
from intake.logs import get_logger, log_event

log = get_logger("intake.pipeline")


class PipelineError(IntakeError):
    """A pipeline step failed. The message names the step and the dataset, never a data value."""


class RunStopped(PipelineError):
    """A run stopped before a step: consent withdrawn, expired, or processing restricted."""


class DatasetBlocked(PipelineError):
    """Personal data was found in a dataset declared free of it; the dataset stays encrypted in quarantine."""


class ReceiveFailed(PipelineError):
    """Storing a received dataset failed after verification; what was stored has been shredded."""


class StepFailed(PipelineError):
    """A library error inside a step, its message withheld. Unlike our own errors (a refusal, a stopped run,
    a bad input) it may be transient (a dropped connection, a full disk), so tasks may retry it."""


class TableInTwoFiles(PipelineError):
    """Two received files hold a table the mapping reads once: the run will not guess how to combine them."""


class EntriesNotRead(PipelineError):
    """An archive holds entries no connector reads: they would silently be left out of the migration."""


@contextmanager
def step_errors(step: str, dataset_id: str | None = None) -> Iterator[None]:
    """Turn a library error into a PipelineError that names the step but withholds the original message.

    Third-party messages can quote data (a CSV parser shows the offending line), and whatever a step
    raises ends up in Prefect's state messages and logs. IntakeErrors pass through: ours never quote data.
    """
    try:
        yield
    except IntakeError:
        raise
    except Exception as exc:
        where = f" of dataset {dataset_id}" if dataset_id else ""
        log_event(log, "pipeline.step_failed", step=step, dataset_id=dataset_id, error=type(exc).__name__)
        raise StepFailed(
            f"step {step}{where} failed with {type(exc).__name__} (its message is withheld because it may "
            "quote data); rerun with the same inputs to retry, or ask an engineer with vault access to investigate"
        ) from None


ProgressCallback = Callable[[float], None]


def no_progress(_fraction: float) -> None:
    return None
