from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from intake.cli.common import context, emit, expand_dataset_id, handle_errors, message, prefect_here, state, when

app = typer.Typer(help="Migration runs and their completion.", no_args_is_help=True)


@app.command("complete")
@handle_errors
def complete(dataset: Annotated[str, typer.Argument(help="Id of the delivered migration dataset",
                                                    callback=expand_dataset_id)]) -> None:
    """Mark a delivered migration complete (engineer): the deletion date is fixed and shown.

    Runs the complete-migration flow."""
    from intake.flows.local import run_flow

    ctx = context()
    prefect_here(ctx)
    done = run_flow("complete-migration", ctx, dataset_id=dataset)
    message(f"migration of dataset {dataset} completed; deleted on or after {when(done['delete_after'])} "
            f"({done['months']} months)")
    emit(done)


@app.command("run")
@handle_errors
def run(
    dataset: Annotated[str, typer.Argument(help="Id of the received dataset", callback=expand_dataset_id)],
    mapping: Annotated[str, typer.Option(
        "--mapping", help="Built-in mapping name (equiptrack, medimaint) or path of a mapping YAML (required: a "
        "wrong guess fails only after scanning and anonymising; check it first with `intake mapping check`)")],
    chunk_rows: Annotated[int, typer.Option("--chunk-rows", min=1000, help="Rows per scan/anonymise chunk")] = 50_000,
    on_worker: Annotated[bool, typer.Option(
        "--on-worker", help="Send the run to the worker of `intake serve` (or PREFECT_API_URL) instead of running it "
        "here; it acts for you through a recorded request and the command returns at once")] = False,
) -> None:
    """Run the migration (engineer): scan, anonymise, transform, validate, deliver the import package.

    Runs the migration-run flow; prints where the import package and the reports are."""
    from intake.flows.local import run_flow, submit_flow

    ctx = context()
    prefect_here(ctx)
    if on_worker:
        sent = submit_flow("migration-run", ctx, dataset_id=dataset, mapping=mapping, chunk_rows=chunk_rows)
        message(f"migration of dataset {dataset} sent to the worker as flow run {sent['flow_run_name']}: follow it in "
                "the Prefect UI; `intake datasets show` shows its outcome")
        emit(sent)
        return
    from intake.cli.progress import stage_progress

    with stage_progress():
        result = run_flow("migration-run", ctx, dataset_id=dataset, mapping=mapping, chunk_rows=chunk_rows)
    message(f"dataset {dataset} migrated: import package at {result.get('package')}")
    emit(result)


@app.command("review")
@handle_errors
def review(
    dataset: Annotated[str, typer.Argument(help="Id of the dataset", callback=expand_dataset_id)],
    allow: Annotated[list[str] | None, typer.Option(
        "--allow", help="A term that is no one's name (a ward typed into a person field); repeatable")] = None,
    deny: Annotated[list[str] | None, typer.Option(
        "--deny", help="A name to anonymise everywhere in the dataset; repeatable")] = None,
    show_values: Annotated[bool, typer.Option(
        "--show-values", help="Show the proposed terms themselves (raw data: DPO only, audited)")] = False,
) -> None:
    """Review what the latest run changed, per column, and record decisions the next run applies.

    Without --allow/--deny: per column the data role, the classification, the entities found, the cells changed
    and the reference cells naming a known person (counts), and how many terms are proposed. With them (engineer):
    the terms join the dataset's allow- or deny-list; run the migration again to apply them."""
    from intake.review import decide
    from intake.review import review as read_review

    ctx = context()
    if allow or deny:
        decisions = decide(ctx, dataset, allow or [], deny or [])
        message(f"dataset {dataset}: {decisions.counts()['allow']} allowed and {decisions.counts()['deny']} denied "
                "terms recorded; the next `intake migration run` applies them")
        emit({"dataset_id": dataset, "decisions": decisions.counts()})
        return
    result = read_review(ctx, dataset, show_values=show_values)
    if state.json:
        emit(result)
        return
    emit(result["columns"], title=f"dataset {dataset}, {result['run']}: what anonymisation changed")
    message("proposed terms: " + (", ".join(f"{k.replace('_', ' ')} {v}" for k, v in result["proposals"].items())
                                  or "none"))
    for kind, values in result.get("values", {}).items():
        message(f"{kind.replace('_', ' ')}: " + ("; ".join(values) or "-"))


@app.command("fetch")
@handle_errors
def fetch(
    dataset: Annotated[str, typer.Argument(help="Id of the delivered migration dataset", callback=expand_dataset_id)],
    to: Annotated[Path, typer.Option("--to", help="New or empty folder to write the import package into")],
    run_id: Annotated[str | None, typer.Option(
        "--run", help="The run whose package to hand over (its id, a unique start of it, or the package name "
        "run-<id>; `intake migration packages` lists them); default: the latest run's")] = None,
) -> None:
    """Hand an import package over to the product (engineer): decrypted from the vault (or copied from the
    configured delivery location) into a folder readable by you only (0700, files 0600), verified against its
    manifest, audited. Refused once consent is withdrawn, processing restricted or the dataset being deleted."""
    from intake.handover import fetch_package

    result = fetch_package(context(), dataset, to, run=run_id)
    message(f"import package of run {result['run']} of dataset {dataset} handed over to {result['target']} "
            f"({result['files']} files, verified against its manifest)")
    emit(result)


@app.command("packages")
@handle_errors
def packages(
    dataset: Annotated[str, typer.Argument(help="Id of the dataset", callback=expand_dataset_id)],
) -> None:
    """Every import package of the dataset and every copy of one, newest run first: the run that delivered it,
    where it is (vault, delivery folder, S3), whether it still exists, files and bytes. Names and sizes only."""
    from intake.delivered import list_packages

    emit(list_packages(context(), dataset), title=f"packages of dataset {dataset}",
         columns=["run", "package", "store", "delivered_at", "present", "files", "bytes"])
