"""`intake fault shell`: many queries over one fault dataset loaded once, in memory.

Statements end with `;` and may span lines; dot-commands (`.tables`, `.save NAME`, `.limit N`, `.help`, `.quit`)
stand on their own line. On a terminal a refused query is reported and the shell goes on; read from a pipe or a
file (`intake fault shell DS < queries.sql`) the first refusal ends it with exit status 1, as a script expects.
No history file is written: a query may quote a customer's value. Raw values expire while the shell waits too
(the workspace drops them); the shell then ends at its next prompt.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from intake.cli.common import emit, err_console, message
from intake.errors import IntakeError
from intake.fault_access import MAX_SHOWN_ROWS, check_shown_rows

if TYPE_CHECKING:
    from intake.fault_workspace import QueryResult, Workspace

INTERRUPTED = "\x03"
HELP = """statements end with ';' and may span lines
.tables       the tables, their columns and row counts
.save NAME    run the last query again and keep its result encrypted in the dataset (fault-results/NAME)
.limit N      rows shown per result (now {limit}; at most {most:,})
.help         this text
.quit         leave (end of input, Ctrl-D, leaves too)"""


def _read(interactive: bool, continuing: bool) -> str | None:
    """The next line, or None at the end of input; a prompt only on a terminal. Ctrl-C gives INTERRUPTED, which
    drops the statement being typed, as psql and duckdb do."""
    if not interactive:
        line = sys.stdin.readline()
        return line.rstrip("\n") if line else None
    try:
        return input("   ...> " if continuing else "fault> ")
    except EOFError:
        return None
    except KeyboardInterrupt:
        err_console.print("")
        return INTERRUPTED


def show_result(result: QueryResult, limit: int, how_to_see_more: str) -> None:
    """A query's result as `fault query` and the shell print it."""
    # Said on its own line: a table's title wraps to the table's width, a letter a line for one narrow column.
    message(f"{result.table.num_rows} row(s), {result.view} view")
    emit(result.table.slice(0, limit).to_pylist(), columns=result.table.column_names)
    if result.table.num_rows > limit:
        message(f"showing {limit} of {result.table.num_rows} rows ({how_to_see_more})")
    if result.saved_artefact_id:
        message(f"result kept encrypted as artefact {result.saved_artefact_id}")


class Shell:
    def __init__(self, workspace: Workspace, interactive: bool, limit: int) -> None:
        self.workspace, self.interactive, self.limit = workspace, interactive, limit
        self.last_sql: str | None = None

    def query(self, sql: str, save_as: str | None = None) -> None:
        show_result(self.workspace.run(sql, save_as=save_as), self.limit, ".limit N")
        self.last_sql = sql

    def command(self, line: str) -> bool:
        """A dot-command; False when it asks to leave."""
        name, _, argument = line.partition(" ")
        argument = argument.strip()
        if name in (".quit", ".exit", ".q"):
            return False
        if name == ".tables":
            self.query("SELECT table_name AS \"table\", column_name AS \"column\", data_type AS type "
                       "FROM information_schema.columns ORDER BY table_name, ordinal_position")
            emit([{"table": t, "rows": n} for t, n in self.workspace.counts.items()], title="rows")
        elif name == ".save" and argument and self.last_sql:
            self.query(self.last_sql, save_as=argument)
        elif name == ".save":
            raise typer.BadParameter(".save NAME keeps the last query's result: run a query first, then name it")
        elif name == ".limit" and argument.isdigit():
            self.limit = check_shown_rows(int(argument), ".limit N")
        elif name == ".help":
            message(HELP.format(limit=self.limit, most=MAX_SHOWN_ROWS))
        else:
            raise typer.BadParameter(f"unknown command {name}: .help lists them")
        return True

    def _expired(self) -> bool:
        """Checked at every prompt: raw access that expired while the shell waited ends it (the workspace has
        dropped, or now drops, the raw tables)."""
        if not self.workspace.expired:
            return False
        self.workspace.close()
        err_console.print(f"[red]QueryRefused[/red]: raw access expired at {self.workspace.expires_at:%H:%M} UTC; "
                          "the raw tables were dropped from memory: open the shell again, with a new --reason if "
                          "raw values are still needed", markup=True, highlight=False)
        return True

    def loop(self) -> int:
        """Read and run until the end of input; the exit status."""
        if self.interactive:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  line editing only: no history file is read or written
        buffer: list[str] = []
        while not self._expired() and (line := _read(self.interactive, bool(buffer))) is not None:
            stripped = line.strip()
            try:
                if line == INTERRUPTED:
                    buffer = []
                elif not buffer and stripped.startswith("."):
                    if not self.command(stripped):
                        return 0
                elif stripped:
                    buffer.append(line)
                    if stripped.endswith(";"):
                        sql, buffer = "\n".join(buffer).strip().rstrip(";"), []
                        self.query(sql)
            except (IntakeError, typer.BadParameter) as exc:
                buffer = []
                kind = type(exc).__name__ if isinstance(exc, IntakeError) else "error"
                err_console.print(f"[red]{kind}[/red]: {escape(str(exc))}", markup=True, highlight=False)
                if not self.interactive or not self.workspace.tables:
                    return 1  # a script stops at its first refusal; an expired or closed workspace ends the shell
        if self.workspace.expired:
            return 1
        if buffer:
            err_console.print("[red]error[/red]: the input ended inside a statement (no closing ';'): it was not "
                              "run", markup=True, highlight=False)
            return 1
        return 0
