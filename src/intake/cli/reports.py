from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from intake.cli.common import console, context, emit, expand_dataset_id, handle_errors, message, state

app = typer.Typer(help="The reports of a dataset's runs: findings, residual risk, reconciliation, review; a "
                  "readable bundle with pictures.",
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
    """Print one report. Reports of raw values (review.json) are the DPO's only; a fault query's text and saved
    result (fault-queries/, fault-results/, shown as JSON rows) are support's only; every read is audited."""
    from intake.reports import read_report

    view, text = read_report(context(), dataset, report)
    if state.json:
        emit({"id": view.id, "run": view.run, "name": view.name, "text": text})
    elif view.name.endswith(".md") and stdout_is_terminal():
        from rich.markdown import Markdown

        console.print(Markdown(text))  # headings, tables and lists drawn for the terminal
    else:
        typer.echo(text)  # a pipe or a file gets the report as it is kept


def stdout_is_terminal() -> bool:
    """Whether a person reads the output: Markdown is rendered for a terminal, passed on unchanged to a pipe."""
    return console.is_terminal


@app.command("bundle")
@handle_errors
def bundle(
    dataset: Annotated[str, typer.Argument(help="Id of the dataset", callback=expand_dataset_id)],
    out: Annotated[Path, typer.Option("--out", help="A new folder for index.html and report.md")],
) -> None:
    """Write the dataset's latest reports as one readable bundle: index.html with pictures (rows loaded, merged
    and rejected per table; personal data per column and type; the retention timeline) and report.md. Counts
    only, never values; owner-only files; audited."""
    from intake.report_bundle import write_bundle

    folder = write_bundle(context(), dataset, out)
    message(f"wrote {folder / 'index.html'} and {folder / 'report.md'}")
    emit({"folder": str(folder)})
