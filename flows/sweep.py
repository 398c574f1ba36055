"""retention-sweep: delete every dataset that is due, on a daily schedule (see deployments/prefect.yaml)."""

from __future__ import annotations

from typing import Any

from prefect import flow

from intake.errors import IntakeError
from intake.flows import tasks
from intake.flows.artifacts import markdown_table, publish_markdown, publish_table
from intake.flows.settings import anchor_run


class SweepIncomplete(IntakeError):
    """Some due datasets could not be deleted; they stay in state deleting and the next sweep resumes them."""

    def __init__(self, message: str, report: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.report: dict[str, Any] = report or {}


SWEEP_CRON = "30 2 * * *"
SWEEP_TIMEZONE = "Europe/London"


@flow(name="retention-sweep", persist_result=False, log_prints=False,
      on_completion=[anchor_run], on_failure=[anchor_run])
def retention_sweep_flow(dry_run: bool = False, wait_seconds: float = 60.0, actor: str | None = None) -> dict[str, Any]:
    """Delete every dataset that is due (and not under a legal hold), verify and certify each deletion.

    Datasets whose purpose never completed are flagged to the DPO instead. A sweep interrupted part-way is
    resumed by the next one.

    Args:
        dry_run: Report what is due without deleting anything.
        wait_seconds: How long to wait for another running sweep to finish before giving up.
        actor: The intake user the sweep runs as (intake-service on a worker, or a dpo or admin); default:
            INTAKE_ACTOR of the process running the flow.
    """
    report = tasks.retention_sweep(dry_run, wait_seconds, actor)
    verb = "would delete" if dry_run else "deleted"
    count = len(report["due_datasets"]) if dry_run else report["deleted"]
    publish_markdown(
        "retention-sweep",
        f"# Retention sweep{' (dry run)' if dry_run else ''}\n\n"
        f"Due: {report['due']}; {verb}: {count}; held by legal hold: {report['held']}; "
        f"flagged to the DPO: {report['flagged']} ({len(report['newly_flagged'])} new); failed: {report['failed']}.\n\n"
        + markdown_table(report["deleted_datasets"], ["dataset_id", "rule", "certificate_id", "artefacts", "resumed"])
        + ("\n## Failures\n\n" + markdown_table(report["failures"]) if report["failures"] else ""),
        description="Datasets deleted (with deletion certificates), held, flagged and failed",
    )
    if report["deleted_datasets"]:
        publish_table("retention-sweep-deleted", report["deleted_datasets"],
                      description="Deleted datasets and their deletion certificates")
    if report["failures"]:
        ids = ", ".join(f["dataset_id"] for f in report["failures"])
        raise SweepIncomplete(
            f"{len(report['failures'])} due datasets could not be deleted ({ids}); they stay in state deleting "
            "and the next sweep resumes them: see the sweep artifact for the reasons",
            report=report,
        )
    return report
