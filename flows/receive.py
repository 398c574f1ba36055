"""receive-dataset: verify the written authorisation, fingerprint, encrypt into quarantine, record."""

from __future__ import annotations

from typing import Any, Literal

from prefect import flow

from intake.flows import tasks
from intake.flows.artifacts import markdown_table, publish_markdown
from intake.flows.settings import anchor_run


@flow(name="receive-dataset", flow_run_name="receive-{authorisation}", persist_result=False, log_prints=False,
      on_completion=[anchor_run], on_failure=[anchor_run],
      validate_parameters=True)
def receive_dataset_flow(
    authorisation: str,
    files: list[str],
    purpose: Literal["migration", "fault_investigation"] = "migration",
    actor: str | None = None,
) -> dict[str, Any]:
    """Receive a customer's files under their signed authorisation and keep them encrypted in quarantine.

    Refused input (unknown or withdrawn authorisation, wrong purpose, a file not listed or changed)
    leaves nothing stored.

    Args:
        authorisation: Reference of the registered, signed authorisation (e.g. AUTH-2026-001).
        files: Paths of the received files, readable by the worker; each file name must be listed in the
            authorisation with its SHA-256.
        purpose: What the data is for: a migration project or a fault investigation.
        actor: The intake user on whose behalf the dataset is received (engineer or support);
            default: INTAKE_ACTOR of the process running the flow.
    """
    actor_name = tasks.authorise_receive(authorisation, actor)
    fingerprints = tasks.fingerprint_files(files, authorisation, actor_name)
    verified = tasks.verify_authorisation(authorisation, purpose, fingerprints, actor_name)
    received = tasks.store_received(verified, fingerprints, actor_name)
    rows = [{"file": f.name, "bytes": f.size, "sha256": f.sha256, "artefact": f.artefact_id} for f in received.files]
    publish_markdown(
        f"received-{received.dataset_id}",
        f"# Dataset {received.dataset_id} received\n\n"
        f"Authorisation **{received.authorisation}** ({received.purpose} {received.purpose_reference}); "
        f"state **{received.state}**, {len(rows)} files, {received.total_bytes} bytes, encrypted in the vault.\n\n"
        + markdown_table(rows),
        description="Files received and encrypted into quarantine (names, sizes and hashes only)",
    )
    return received.summary()
