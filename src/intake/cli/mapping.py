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
