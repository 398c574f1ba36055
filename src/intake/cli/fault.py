from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from intake.cli.common import context, emit, expand_dataset_id, handle_errors, message, prefect_here, when

if TYPE_CHECKING:
    from intake.context import Context
    from intake.retention.hold_view import HoldView

# Repeatable: `--table jobs --table contacts` loads those tables only (a dataset too large for the workspace).
TableOption = Annotated[list[str] | None, typer.Option(
    "--table", help="Load only this workspace table (repeat for more): for a dataset larger than the workspace "
    "holds (connectors.fault_workspace_max_rows)")]

app = typer.Typer(help="Fault investigations: hold a fault dataset, query it, close the hold.", no_args_is_help=True)


class FaultOutcome(enum.StrEnum):
    RESOLVED = "resolved"
    TERMINATED = "terminated"


def _run(ctx: Context, flow: str, **parameters: Any) -> dict[str, Any]:
    """The same flow Prefect runs for these actions, run here as the CLI's user."""
    from intake.flows.local import run_flow

    prefect_here(ctx)
    return run_flow(flow, ctx, **parameters)


def _hold(ctx: Context, hold_id: str) -> HoldView:
    from intake.registry.models import Hold
    from intake.retention.hold_view import view

    with ctx.registry.session() as session:
        return view(session.get_one(Hold, hold_id))


@app.command("open")
@handle_errors
def open_(
    dataset: Annotated[str, typer.Argument(help="Id of the fault dataset", callback=expand_dataset_id)],
    ticket: Annotated[str, typer.Option("--ticket", help="The fault ticket the dataset was authorised for")],
) -> None:
    """Hold a fault dataset under its ticket (support): it is kept while the ticket is open.

    Runs the open-fault-hold flow."""
    ctx = context()
    opened = _run(ctx, "open-fault-hold", dataset_id=dataset, ticket=ticket)
    # The flow returns ids only; the hold is shown whole, as `intake holds list` shows it.
    emit(_hold(ctx, opened["hold_id"]), title="fault hold")


@app.command("close")
@handle_errors
def close(
    dataset: Annotated[str, typer.Argument(help="Id of the held fault dataset", callback=expand_dataset_id)],
    outcome: Annotated[FaultOutcome, typer.Option("--outcome", help="How the investigation ended")],
) -> None:
    """Close the fault hold (support): the dataset becomes due for deletion after the grace period.

    Runs the close-fault-hold flow."""
    closed = _run(context(), "close-fault-hold", dataset_id=dataset, outcome=outcome.value)
    message(f"fault hold {closed['hold_id']} closed {closed['outcome']}; dataset {dataset} is deleted from "
            f"{when(closed['delete_after'])}")
    emit(closed)


@app.command("query")
@handle_errors
def query(
    dataset: Annotated[str, typer.Argument(help="Id of the fault dataset", callback=expand_dataset_id)],
    sql: Annotated[str, typer.Argument(help="One SQL query (DuckDB) over the dataset's tables")],
    raw: Annotated[bool, typer.Option("--raw", help="Raw values instead of the pseudonymised view (needs --reason)")]
    = False,
    reason: Annotated[str | None, typer.Option(help="Why raw values are needed (audited)")] = None,
    save_as: Annotated[str | None, typer.Option("--save-as", help="Also keep the result as an encrypted artefact "
                                                 "of the dataset under this name")] = None,
    limit: Annotated[int, typer.Option(help="Rows shown (at most 10,000: keep more with --save-as)")] = 50,
    table: TableOption = None,
) -> None:
    """Query a fault dataset you received (support), in memory; pseudonymised unless --raw with a --reason.

    Tables are named after the received tables (`intake fault tables DATASET`). Every query is audited (by its
    SHA-256; its text is kept encrypted with the dataset); results are shown, never written in plaintext.
    """
    from intake.cli.fault_shell import show_result
    from intake.fault_access import check_shown_rows
    from intake.fault_workspace import query as run

    check_shown_rows(limit, "--limit")  # before the dataset is loaded
    show_result(run(context(), dataset, sql, raw=raw, reason=reason, save_as=save_as, only=table), limit,
                "--limit")


@app.command("shell")
@handle_errors
def shell(
    dataset: Annotated[str, typer.Argument(help="Id of the fault dataset", callback=expand_dataset_id)],
    raw: Annotated[bool, typer.Option("--raw", help="Raw values instead of the pseudonymised view, for --minutes "
                                      "(needs --reason)")] = False,
    reason: Annotated[str | None, typer.Option(help="Why raw values are needed (audited)")] = None,
    minutes: Annotated[int, typer.Option(help="How long raw values stay open (1-60); then the shell ends")] = 15,
    limit: Annotated[int, typer.Option(help="Rows shown per result (at most 10,000)")] = 50,
    table: TableOption = None,
) -> None:
    """Investigate a fault dataset interactively (support): SQL statements ending with ';', the dataset loaded
    once, in memory; pseudonymised unless --raw with a --reason, and then for --minutes only.

    Every statement is audited as `fault query` audits it. Reads statements from a pipe or file too
    (`intake fault shell DS < queries.sql`), stopping at the first refusal. `.help` lists the dot-commands.
    """
    import sys

    from intake.cli.fault_shell import Shell
    from intake.fault_access import check_shown_rows
    from intake.fault_workspace import Workspace

    interactive = sys.stdin.isatty()
    check_shown_rows(limit, "--limit")
    workspace = Workspace(context(), dataset, raw=raw, reason=reason, minutes=minutes, only=table)
    try:
        if interactive:
            tables = ", ".join(f"{name} ({rows} rows)" for name, rows in workspace.counts.items())
            until = f" until {workspace.expires_at:%H:%M} UTC" if workspace.expires_at else ""
            message(f"fault dataset {dataset}, {workspace.view} view{until}: {tables}. End statements with ';'; "
                    ".help lists the commands, .quit leaves.")
        status = Shell(workspace, interactive, limit).loop()
    finally:
        workspace.close()
    raise typer.Exit(status)


@app.command("tables")
@handle_errors
def tables(dataset: Annotated[str, typer.Argument(help="Id of the fault dataset", callback=expand_dataset_id)],
           table: TableOption = None) -> None:
    """The tables and columns a fault query can use (support), with their row counts."""
    from intake.fault_workspace import query as run

    result = run(context(), dataset, "SELECT table_name AS \"table\", column_name AS \"column\", data_type AS type "
                 "FROM information_schema.columns ORDER BY table_name, ordinal_position", only=table)
    emit(result.table.to_pylist(), columns=["table", "column", "type"], title="fault dataset tables")
