from __future__ import annotations

from typing import Annotated

import typer

from intake.cli.common import context, emit, expand_dataset_id, handle_errors, state

app = typer.Typer(help="The reports of a dataset's runs: findings, residual risk, reconciliation, review.",
                  no_args_is_help=True)


@app.command("list")
@handle_errors
def list_(dataset: Annotated[str, typer.Argument(help="Id of the dataset", callback=expand_dataset_id)]) -> None:
    """The reports kept encrypted with the dataset (engineer, support, DPO)."""
    from intake.reports import list_reports

    emit(list_reports(context(), dataset), title=f"reports of dataset {dataset}",
         columns=["id", "run", "name", "bytes", "created_at", "raw"])


@app.command("show")
@handle_errors
def show(
    dataset: Annotated[str, typer.Argument(help="Id of the dataset", callback=expand_dataset_id)],
    report: Annotated[str, typer.Argument(help="Report id (or a unique prefix), or its name for the latest run's, "
                                                 "e.g. findings.md, residual.md, reconciliation.md")],
) -> None:
    """Print one report. Reports of raw values (review.json) are the DPO's only; every read is audited."""
    from intake.reports import read_report

    view, text = read_report(context(), dataset, report)
    if state.json:
        emit({"id": view.id, "run": view.run, "name": view.name, "text": text})
    else:
        typer.echo(text)
