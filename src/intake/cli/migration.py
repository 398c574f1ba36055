from __future__ import annotations

from typing import Annotated

import typer

from intake.cli.common import context, emit, handle_errors, message

app = typer.Typer(help="Migration runs and their completion.", no_args_is_help=True)


@app.command("complete")
@handle_errors
def complete(dataset: Annotated[str, typer.Argument(help="Id of the delivered migration dataset")]) -> None:
    """Mark a delivered migration complete (engineer): the deletion date is fixed and shown.

    Runs the complete-migration flow."""
    from intake.flows.local import prepare_prefect, run_flow

    ctx = context()
    prepare_prefect(ctx.settings)
    done = run_flow("complete-migration", ctx, dataset_id=dataset)
    message(f"migration of dataset {dataset} completed; deleted on or after {done['delete_after']} "
            f"({done['months']} months)")
    emit(done)


@app.command("run")
@handle_errors
def run(
    dataset: Annotated[str, typer.Argument(help="Id of the received dataset")],
    mapping: Annotated[str, typer.Option(
        "--mapping", help="Built-in mapping name (equiptrack, medimaint) or path of a mapping YAML")] = "equiptrack",
    chunk_rows: Annotated[int, typer.Option("--chunk-rows", min=1000, help="Rows per scan/anonymise chunk")] = 50_000,
) -> None:
    """Run the migration (engineer): scan, anonymise, transform, validate, deliver the import package.

    Runs the migration-run flow; prints where the import package and the reports are."""
    from intake.flows.local import prepare_prefect, run_flow

    ctx = context()
    prepare_prefect(ctx.settings)
    result = run_flow("migration-run", ctx, dataset_id=dataset, mapping=mapping, chunk_rows=chunk_rows)
    message(f"dataset {dataset} migrated: import package at {result.get('package')}")
    emit(result)
