"""What every CLI command shares: the context, output as a table or JSON, and error handling."""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from intake.clock import as_utc
from intake.errors import ConfigError, IntakeError

if TYPE_CHECKING:  # imported when a command needs it: `--help` starts without the registry's libraries
    from intake.context import Context

P = ParamSpec("P")
R = TypeVar("R")

console = Console()
# Messages are never broken into lines by the width rich assumes for a pipe (80): a path cut in two cannot be
# copied or matched by a script. A terminal wraps them itself.
err_console = Console(stderr=True, soft_wrap=True)


@dataclasses.dataclass
class CliState:
    actor: str | None = None
    json: bool = False
    context: Context | None = None
    create_home: bool = False  # only `intake init` may create a registry


state = CliState()


def context() -> Context:
    """The command's context. Only `intake init` creates a registry: any other command run where there is none
    says which home it looked at and how it found it, rather than starting an empty one."""
    if state.context is None:
        from intake.config import REGISTRY_FILE, discover_home, load_settings
        from intake.context import Context
        from intake.identity import resolve_identity

        settings = load_settings()
        if settings.home.exists() and not os.access(settings.home, os.R_OK | os.X_OK):
            resolve_identity(settings.home, state.actor)  # not the home's owner: told to use sudo
        registry = settings.home / REGISTRY_FILE
        if not state.create_home and settings.database_url is None and not registry.is_file():
            _, how = discover_home()
            raise ConfigError(
                f"no intake registry at {registry.resolve()} (home found by: {how}). Run the command where the "
                "home is (or in a folder below it), set INTAKE_HOME or INTAKE_CONFIG, or create a home here with "
                "`intake init`"
            )
        state.context = Context(settings=settings, actor=state.actor)
    return state.context


class AmbiguousId(IntakeError):
    """An id given by its start names several records: the user gives more of it."""


ID_PREFIX_MIN, ID_LENGTH = 4, 36  # registry ids are UUIDs; a start shorter than 4 is too likely to be ambiguous


def expand_id(value: str | None, model: Any, noun: str, listing: str) -> str | None:
    """The full id of the one `model` row whose id starts with `value`, as tables show ids cut short
    ("fab6dc66…"). An exact id, a start too short, an unknown start or no registry leaves the value as given,
    for the command's own message; a start of several ids is refused (AmbiguousId), naming how many."""
    if not value:
        return value
    start = value.rstrip("\u2026. ")
    if len(start) < ID_PREFIX_MIN or len(start) >= ID_LENGTH:
        return value
    try:
        ctx = context()
    except IntakeError:
        return value
    from sqlalchemy import func, select

    matching = func.substr(model.id, 1, len(start)) == start
    with ctx.registry.session() as session:
        count = session.scalar(select(func.count()).select_from(model).where(matching)) or 0
        if count > 1:
            raise AmbiguousId(f"'{start}' starts {count} {noun} ids: give more of it (`{listing}` shows them)")
        found = session.scalar(select(model.id).where(matching)) if count else None
    return str(found) if found else value


def _expanded(value: str | None, model_name: str, noun: str, listing: str) -> str | None:
    """`expand_id` as a typer callback: a refusal is reported as a command's is, before the command runs."""
    from intake.registry import models

    try:
        return expand_id(value, getattr(models, model_name), noun, listing)
    except IntakeError as exc:
        _report(type(exc).__name__, str(exc))
        raise typer.Exit(exc.exit_code) from None


def expand_dataset_id(value: str | None) -> str | None:
    """A dataset id, or a unique start of it (a typer callback)."""
    return _expanded(value, "Dataset", "dataset", "intake datasets list")


def expand_certificate_id(value: str | None) -> str | None:
    """A dataset id or a deletion certificate's id, or a unique start of either (a typer callback)."""
    return _expanded(expand_dataset_id(value), "DeletionCertificate", "deletion certificate", "intake retention list")


def expand_hold_id(value: str | None) -> str | None:
    """A hold id (legal hold, restriction, fault hold), or a unique start of it (a typer callback)."""
    return _expanded(value, "Hold", "hold", "intake holds list --all")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):  # the registry keeps UTC; SQLite gives it back without its zone
        return as_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    return value


def emit(value: Any, title: str | None = None, columns: Sequence[str] | None = None) -> None:
    """Print a record or a list of records: JSON with --json, otherwise a rich table."""
    plain = _plain(value)
    if state.json:
        sys.stdout.write(json.dumps(plain, indent=2, default=str) + "\n")
        return
    rows = plain if isinstance(plain, list) else [plain]
    if rows and all(isinstance(r, dict) for r in rows):
        cols = list(columns or rows[0].keys())
        table = Table(title=title)
        for col in cols:
            table.add_column(col)
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in cols))
        console.print(table)
    elif not rows:
        console.print(f"{title or 'result'}: none")
    else:
        console.print(plain)


_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")


def when(value: Any) -> str:
    """A time as a person reads it, "2027-06-03 06:41 UTC"; a date, or anything else, as given. --json keeps ISO."""
    if isinstance(value, str) and _ISO_TIME.fullmatch(value):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        return f"{as_utc(value):%Y-%m-%d %H:%M} UTC"
    return str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):  # a result inside a row: one "key: value" a line, not a JSON blob
        return "\n".join(f"{k}: {_cell(v)}" for k, v in value.items())
    return when(value)


Yes = Annotated[bool, typer.Option("--yes", "-y", help="Confirm an action that cannot be undone without being "
                                   "asked (scripts); on a terminal you are asked to type the id instead")]


def can_ask() -> bool:
    """Whether a person can be asked: stdin is a terminal."""
    return sys.stdin.isatty()


def confirm_irreversible(what: str, token: str, yes: bool) -> None:
    """An action that cannot be undone (withdrawing consent, deleting, lifting a legal hold) is confirmed by
    typing `token` (the reference or id acted on), or by --yes; without a terminal to ask on, --yes is required."""
    if yes:
        return
    if not can_ask():
        err_console.print(f"[red]not confirmed[/red]: {what} cannot be undone; nothing was done. Pass --yes to "
                          "confirm it (no terminal to ask on)", highlight=False, markup=True)
        raise typer.Exit(2)
    typed = typer.prompt(f"{what} cannot be undone. Type {token} to confirm", default="", show_default=False)
    if typed.strip() != token:
        err_console.print("[red]not confirmed[/red]: what was typed is not "
                          f"{token}; nothing was done", highlight=False, markup=True)
        raise typer.Exit(1)


def prefect_here(ctx: Context, verbose: bool = False) -> None:
    """Before a flow runs in this process: Prefect pointed at the home, and the user told when it has to start a
    temporary API (10 s or more) because no server is running for this home."""
    from intake.flows.local import prepare_prefect

    if not prepare_prefect(ctx.settings, verbose=verbose):
        err_console.print("[dim]no Prefect server is running for this home: starting a temporary one for this "
                          "command (`intake serve` keeps one running, faster, with its UI)[/dim]", highlight=False)


def message(text: str) -> None:
    if not state.json:
        console.print(text, soft_wrap=True)


def _report(error: str, text: str) -> None:
    if state.json:
        sys.stdout.write(json.dumps({"error": error, "message": text}) + "\n")
    err_console.print(f"[red]{error}[/red]: {text}", highlight=False, markup=True)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Refusals and failures print their message and exit 1; never a traceback to the user."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except IntakeError as exc:
            _report(type(exc).__name__, str(exc))
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:
            if type(exc).__module__.split(".")[0] in {"typer", "click"}:
                raise  # exits and usage errors keep their own exit codes
            if os.environ.get("INTAKE_DEBUG") == "1":
                raise
            # A library's message can quote the data it choked on: show only its type.
            _report(type(exc).__name__, "unexpected error (message withheld because it may quote customer data; "
                    "rerun with INTAKE_DEBUG=1 on a machine allowed to see the data for the traceback)")
            raise typer.Exit(1) from None
        finally:
            anchor_command()

    return wrapper


def anchor_command() -> None:
    """Every command that appended to the audit log (refusals included) ends by anchoring the chain's head
    outside the registry (intake.audit_anchor). A failure to anchor is reported but does not undo or fail the
    command, which is done: the next command or `intake audit anchor` anchors everything up to then."""
    ctx = state.context
    if ctx is None or not ctx.registry.audit_appended:
        return
    from intake.audit_anchor import write_anchor

    try:
        write_anchor(ctx)
    except Exception as exc:
        said = str(exc) if isinstance(exc, IntakeError) else f"{type(exc).__name__} (message withheld)"
        err_console.print(f"[yellow]audit anchor not written[/yellow]: {escape(said)}; after fixing it run "
                          "`intake audit anchor`", highlight=False, markup=True)
