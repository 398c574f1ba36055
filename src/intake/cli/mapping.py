from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from intake.cli.common import context, emit, expand_dataset_id, handle_errors, message, state

app = typer.Typer(help="Mappings of a legacy system to the product format.", no_args_is_help=True)


@app.command("check")
@handle_errors
def check(
    mapping: Annotated[str, typer.Argument(help="Built-in mapping name or path of a mapping YAML")],
    files: Annotated[list[Path] | None, typer.Argument(help="Export files to check against (read where they are)")]
    = None,
    dataset: Annotated[str | None, typer.Option(help="Check against a received dataset instead (from the vault)",
                                                callback=expand_dataset_id)]
    = None,
    rows: Annotated[int, typer.Option(min=1, help="Rows of each table transformed for the preview")] = 5_000,
) -> None:
    """Check a mapping against an export without running a migration: every missing table or column with its
    mapping line, what the export has that the mapping leaves out, and the reconciliation of a sample (rows
    loaded, merged, rejected by reason). Exits 1 when a run would fail. Counts and names only, never values."""
    from intake.mapping_check import check_dataset, check_files
    from intake.pipeline.ingest import resolve_mapping

    if bool(files) == bool(dataset):
        raise typer.BadParameter("give export files, or --dataset ID (one of them)")
    ctx = context()
    loaded = resolve_mapping(mapping)
    result = check_dataset(ctx, loaded, dataset, rows) if dataset else check_files(ctx, loaded, files or [], rows)
    if state.json:
        emit(result.to_dict())
    else:
        for problem in result.problems:
            message(f"problem: {problem}")
        for note in result.notes:
            message(f"note: {note}")
        if result.tables:
            emit([{"table": t["table"], "read": t["rows_read"], "loaded": t["rows_loaded"], "merged": t["rows_merged"],
                   "rejected": t["rows_rejected"],
                   "reasons": ", ".join(f"{k} {v}" for k, v in t["rejected_by_reason"].items())}
                  for t in result.tables], title=f"reconciliation of the first {rows} rows per table")
            emit([{"entity": k, "rows": v} for k, v in result.entities.items()], title="entities produced")
        message(f"mapping {result.mapping}: " + ("ok" if result.ok else f"{len(result.problems)} problem(s)"))
    if not result.ok:
        raise typer.Exit(1)


@app.command("draft")
@handle_errors
def draft(
    files: Annotated[list[Path] | None, typer.Argument(help="Export files to draft from (read where they are)")]
    = None,
    dataset: Annotated[str | None, typer.Option(help="Draft from a received dataset instead (from the vault)",
                                                callback=expand_dataset_id)]
    = None,
    system: Annotated[str, typer.Option(help="A name for the legacy system, shown in reports")] = "legacy",
    out: Annotated[Path | None, typer.Option("--out", help="Write the YAML here (never over a file); "
                                             "default: print it")] = None,
    rows: Annotated[int, typer.Option(min=1, help="Rows of each table read to guess types and codes")] = 5_000,
) -> None:
    """Write a first mapping for an export: the entity of each table, the column of each field (by header),
    conversions from what the values parse as, lookups prefilled from code columns, foreign keys from shared id
    columns, unmapped columns as comments. Edit its TODOs (docs/mapping.md), then `intake mapping check`."""
    from intake.mapping_draft import draft_dataset, draft_files

    if bool(files) == bool(dataset):
        raise typer.BadParameter("give export files, or --dataset ID (one of them)")
    ctx = context()
    text = draft_dataset(ctx, dataset, system, rows) if dataset else draft_files(ctx, files or [], system, rows)
    if out is None:
        typer.echo(text)
        return
    try:
        with open(out, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise typer.BadParameter(f"{out} exists: choose another --out") from None
    todo = text.count("TODO")
    message(f"wrote {out}: {todo} TODO(s) to edit, then `intake mapping check {out} ...`")
