"""Completion of a migration: the engineer signs it off and the deletion date is fixed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from intake.clock import as_utc
from intake.context import Context, audits_refusals
from intake.registry.models import Customer, DatasetState, Purpose
from intake.retention.errors import LifecycleError
from intake.retention.holds import consent_withdrawn, get_dataset
from intake.retention.rules import Rule, migration_due


@dataclass(frozen=True)
class MigrationCompleted:
    dataset_id: str
    completed_at: datetime
    delete_after: datetime
    months: int


@audits_refusals("migration.complete", (LifecycleError,))
def complete_migration(ctx: Context, dataset_id: str) -> MigrationCompleted:
    """Mark a delivered migration complete; the dataset is deleted `months` calendar months later."""
    actor = ctx.authorise("migration.complete", dataset_id=dataset_id)
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        dataset = get_dataset(session, dataset_id)
        if dataset.purpose is not Purpose.MIGRATION:
            raise LifecycleError(
                f"dataset {dataset_id} was authorised for {dataset.purpose.value}: only a migration is completed; "
                "a fault dataset is released by closing its fault hold"
            )
        if dataset.state is DatasetState.COMPLETED:
            raise LifecycleError(
                f"dataset {dataset_id} was completed on {as_utc(dataset.completed_at or now).date()}; "
                f"deletion is due {as_utc(dataset.delete_after or now).date()}"
            )
        if dataset.state is not DatasetState.PROCESSED:
            raise LifecycleError(
                f"dataset {dataset_id} is {dataset.state.value}: a migration is completed after its import "
                "package is delivered (state processed)"
            )
        if consent_withdrawn(session, dataset):
            raise LifecycleError(
                f"consent for dataset {dataset_id} was withdrawn: it is due for deletion, not completion"
            )
        customer = session.get(Customer, dataset.customer_id)
        configured = customer.retention_months if customer is not None else None
        months = ctx.settings.retention.migration_months if configured is None else configured
        delete_after = migration_due(now, months)
        dataset.state = DatasetState.COMPLETED
        dataset.completed_at = now
        dataset.delete_after = delete_after
        dataset.deletion_rule = Rule.MIGRATION_COMPLETED.value
    ctx.record(actor, "migration.complete", dataset_id=dataset_id, months=months,
               delete_after=delete_after.isoformat())
    return MigrationCompleted(dataset_id, now, delete_after, months)
