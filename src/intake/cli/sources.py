"""`intake sources`: the formats intake reads, and what a file holds (structure and counts, never values)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from intake.cli.common import context, emit, handle_errors, message

app = typer.Typer(help="Connectors: the source formats intake can read.", no_args_is_help=True)


@app.command("list")
@handle_errors
def list_formats() -> None:
    """The registered source formats."""
    from intake.connectors import SOURCES

    emit(
        [
            {
                "format": fmt.name,
                "reads": fmt.accepts,
                "extensions": " ".join(fmt.extensions),
                "types": "all text (typed later)" if fmt.legacy else "kept",
                "description": fmt.description,
            }
            for fmt in SOURCES.values()
        ],
        title="source formats",
    )


@app.command("inspect")
@handle_errors
def inspect(
    location: Annotated[str, typer.Argument(help="A file, a package folder, or a database URL")],
    format_name: Annotated[str | None, typer.Option("--format", "-f", help="Format name (default: detect)")] = None,
    table: Annotated[list[str] | None, typer.Option("--table", "-t", help="Only these tables")] = None,
) -> None:
    """Tables, columns and row/reject counts of a source. Reads every row; shows no values."""
    from intake.connectors import open_source
    from intake.connectors.sql import safe_url

    target: Any = location if "://" in location else Path(location)
    label = safe_url(location) if "://" in location else location
    ctx = context()
    actor = ctx.authorise("dataset.inspect", source=label)
    results: list[dict[str, Any]] = []
    with open_source(format_name, target, settings=ctx.settings.connectors) as source:
        message(f"{label}: format {source.format}")
        for name in source.tables():
            if table and name not in table:
                continue
            reader = source.read(name)
            for _batch in reader:
                pass
            reasons = getattr(reader, "reject_reasons", {})
            results.append(
                {
                    "table": name,
                    "columns": [f"{f.name}:{f.type}" for f in reader.schema],
                    "rows_read": reader.rows_read,
                    "rows_rejected": reader.rows_rejected,
                    "reject_reasons": {reason: count for reason, count in sorted(reasons.items())},
                }
            )
        skipped = getattr(source, "skipped", {})
        for entry, reason in skipped.items():
            message(f"skipped {entry}: {reason}")
    ctx.record(actor, "dataset.inspect", source=label, tables=len(results),
               rows=sum(r["rows_read"] for r in results))
    emit(results, title=f"tables of {Path(label).name if '://' not in location else label}",
         columns=["table", "rows_read", "rows_rejected", "reject_reasons", "columns"])
