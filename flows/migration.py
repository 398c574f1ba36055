"""migration-run: scan, anonymise (fail closed), transform, validate and deliver a received dataset."""

from __future__ import annotations

from typing import Any

from prefect import flow

DEFAULT_CHUNK_ROWS = 50_000


@flow(name="migration-run", persist_result=False, log_prints=False)
def migration_run_flow(
    dataset_id: str,
    mapping: str = "equiptrack",
    actor: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> dict[str, Any]:
    """Migrate a received dataset into an import package of the product format.

    Before every step the customer's authorisation is checked again (a withdrawal stops the run at its
    next step) and processing must not be restricted. A dataset declared free of personal data in which
    personal data is found is blocked and stays encrypted in quarantine. The import package is staged and
    committed last: a failed or cancelled run leaves no partial delivery.

    Args:
        dataset_id: Id of the received dataset, as shown by `intake datasets list`.
        mapping: Mapping of the legacy system to the product format: a built-in name (equiptrack, medimaint)
            or the path of a mapping YAML file readable by the worker.
        actor: The engineer running the migration; default: INTAKE_ACTOR of the process running the flow.
        chunk_rows: Rows per chunk of the scan and anonymisation steps (chunks run in parallel on the task runner).
    """
    raise NotImplementedError("migration-run is being wired")
