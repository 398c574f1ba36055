"""`intake scan`: find personal data in a file before anything else happens to it (counts, never values)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from intake.cli.common import context, emit, handle_errors, message, state

app = typer.Typer(help="PII scanning of a file or dataset.", no_args_is_help=True)


@app.command("file")
@handle_errors
def scan_file(
    path: Annotated[Path, typer.Argument(help="A local file (CSV, Excel, SQLite, ZIP, ...) or package folder")],
    format_name: Annotated[str | None, typer.Option("--format", "-f", help="Format name (default: detect)")] = None,
    table: Annotated[list[str] | None, typer.Option("--table", "-t", help="Only these tables")] = None,
    full: Annotated[bool, typer.Option("--full", help="Count over every row, not only the profiling sample")] = False,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Also write the Markdown report here")] = None,
    deny_list: Annotated[
        Path | None, typer.Option("--deny-list", help="File of known staff names, one per line (always caught)")
    ] = None,
) -> None:
    """Scan a local file: per column the classification and entity counts, examples redacted."""
    from intake.anonymisation import AnonymisationSession, Vocabulary
    from intake.connectors import open_source
    from intake.private_files import check_output, write_output

    ctx = context()
    actor = ctx.authorise("dataset.inspect", file=path.name)
    settings = ctx.settings
    if markdown:
        check_output(markdown, settings)  # before the scan: never into the home, never over a file
    vocabulary = Vocabulary.load(deny_files=[deny_list] if deny_list else ())
    with open_source(format_name, path, settings=settings.connectors) as source, AnonymisationSession(
        settings, vocabulary=vocabulary, processes=settings.anonymisation.processes if full else 1
    ) as session:
        names = [n for n in source.tables() if not table or n in table]

        def reader(name: str):  # noqa: ANN202 - a fresh single pass over the table each call
            return lambda: iter(source.read(name))

        report = session.scan_tables({name: reader(name) for name in names}, full=full)
    ctx.record(actor, "dataset.scan_file", file=path.name, tables=len(report.tables),
               personal_data_found=report.has_personal_data)
    if markdown:
        write_output(markdown, report.to_markdown().encode("utf-8"), settings)
    if state.json:
        sys.stdout.write(report.to_json() + "\n")
        return
    message(("Personal data found: " + report.summary()) if report.has_personal_data else "No personal data found.")
    emit(
        [
            {
                "table": t.table,
                "column": c.column,
                "classification": c.classification + (f" ({c.entity_type})" if c.entity_type else ""),
                "entities": ", ".join(f"{k} {v}" for k, v in sorted(c.entity_counts.items())),
                "examples": "; ".join(e for v in c.examples.values() for e in v[:2]),
            }
            for t in report.tables
            for c in t.columns
        ],
        title=f"personal data scan of {path.name} ({report.scope})",
    )
