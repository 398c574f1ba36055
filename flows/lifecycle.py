"""complete-migration, open-fault-hold, close-fault-hold: thin flows over the retention core."""

from __future__ import annotations

from typing import Any, Literal

from prefect import flow

from intake.flows import tasks
from intake.flows.artifacts import publish_markdown
from intake.flows.settings import anchor_run


@flow(name="complete-migration", flow_run_name="complete-{dataset_id}", persist_result=False, log_prints=False,
      on_completion=[anchor_run], on_failure=[anchor_run])
def complete_migration_flow(dataset_id: str, actor: str | None = None) -> dict[str, Any]:
    """Mark a delivered migration complete; its deletion date (completion + retention months) is fixed.

    Args:
        dataset_id: Id of the migrated dataset (state processed), as shown by `intake datasets list`.
        actor: The engineer signing the migration off; default: INTAKE_ACTOR of the process running the flow.
    """
    done = tasks.complete_migration(dataset_id, actor)
    publish_markdown(
        f"completed-{dataset_id}",
        f"# Migration of dataset {dataset_id} completed\n\nCompleted {done['completed_at']}; kept "
        f"{done['months']} months; **deleted on or after {done['delete_after']}** by the retention sweep.\n",
        description="Migration completion and the fixed deletion date",
    )
    return done


@flow(name="open-fault-hold", flow_run_name="fault-hold-{dataset_id}", persist_result=False, log_prints=False,
      on_completion=[anchor_run], on_failure=[anchor_run])
def open_fault_hold_flow(dataset_id: str, ticket: str, actor: str | None = None) -> dict[str, Any]:
    """Hold a fault dataset under its fault ticket: it is kept while the ticket is open.

    Args:
        dataset_id: Id of the fault dataset, as shown by `intake datasets list`.
        ticket: The fault ticket reference the dataset was authorised for (e.g. FT-1234).
        actor: The support user opening the hold; default: INTAKE_ACTOR of the process running the flow.
    """
    return tasks.open_fault_hold(dataset_id, ticket, actor)


@flow(name="close-fault-hold", flow_run_name="fault-close-{dataset_id}", persist_result=False, log_prints=False,
      on_completion=[anchor_run], on_failure=[anchor_run])
def close_fault_hold_flow(
    dataset_id: str, outcome: Literal["resolved", "terminated"], actor: str | None = None
) -> dict[str, Any]:
    """Close a fault hold; the dataset becomes due for deletion (after the configured grace days).

    Args:
        dataset_id: Id of the held fault dataset.
        outcome: How the fault investigation ended: resolved or terminated.
        actor: The support user closing the hold; default: INTAKE_ACTOR of the process running the flow.
    """
    closed = tasks.close_fault_hold(dataset_id, outcome, actor)
    publish_markdown(
        f"fault-closed-{dataset_id}",
        f"# Fault hold on dataset {dataset_id} closed ({closed['outcome']})\n\nTicket {closed['ticket']}; "
        f"due for deletion from **{closed['delete_after']}**.\n",
        description="Fault hold closure and deletion date",
    )
    return closed
