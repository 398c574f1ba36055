from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from intake.cli.common import context, emit, expand_dataset_id, handle_errors, message, prefect_here, state
from intake.registry.enums import DatasetState, Purpose

app = typer.Typer(help="Datasets: receive under an authorisation, list, show.", no_args_is_help=True)


@app.command("receive")
@handle_errors
def receive(
    files: Annotated[list[Path], typer.Argument(help="The received files, each listed in the authorisation")],
    authorisation: Annotated[str, typer.Option("--authorisation", "-a", help="Reference of the signed authorisation")],
    purpose: Annotated[Purpose, typer.Option("--purpose", help="What the data is for")] = Purpose.MIGRATION,
) -> None:
    """Verify the authorisation (purpose and every file's SHA-256), then encrypt the files into quarantine.

    Runs the receive-dataset flow. Refused input leaves nothing stored."""
    from intake.cli.progress import stage_progress
    from intake.flows.local import run_flow

    ctx = context()
    prefect_here(ctx)
    with stage_progress():
        result = run_flow("receive-dataset", ctx, authorisation=authorisation, files=[str(f) for f in files],
                          purpose=purpose.value)
    message(f"dataset {result['dataset_id']} received under {result['authorisation']}: {len(result['files'])} files, "
            f"{result['total_bytes']} bytes, encrypted in quarantine")
    if state.json:
        emit(result)
    else:
        emit(result["files"], title=f"dataset {result['dataset_id']}",
             columns=["name", "size", "sha256", "artefact_id"])


@app.command("list")
@handle_errors
def list_(
    state_: Annotated[DatasetState | None, typer.Option("--state", help="Only datasets in this state")] = None,
) -> None:
    """Datasets with their authorisation, purpose, state and deletion date."""
    from intake.pipeline.datasets import list_datasets

    rows = list_datasets(context(), state_)
    emit(rows, title="datasets", columns=["id", "authorisation", "purpose", "purpose_reference", "state",
                                          "received_at", "delete_after"])


@app.command("show")
@handle_errors
def show(dataset: Annotated[str, typer.Argument(help="Dataset id", callback=expand_dataset_id)]) -> None:
    """One dataset: its record, stored artefacts (names and sizes), runs (states and counts) and delivered import
    packages (every copy: vault, delivery folder, S3)."""
    from intake.pipeline.datasets import show_dataset

    detail = show_dataset(context(), dataset)
    if state.json:
        emit(detail)
        return
    artefacts, runs, packages = detail.pop("artefacts"), detail.pop("runs"), detail.pop("packages")
    emit(detail, title=f"dataset {dataset}")
    emit(artefacts, title="artefacts", columns=["id", "kind", "name", "plaintext_size", "deleted"])
    emit(runs, title="runs", columns=["id", "flow", "state", "started_by", "started_at", "ended_at"])
    emit(packages, title="packages", columns=["run", "package", "store", "present", "files", "bytes"])
