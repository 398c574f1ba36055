"""Progress bars for the CLI's long flow runs (a 4M-row migration is otherwise silent for half an hour).

The flow's stages report through flows.artifacts.Progress (which also feeds Prefect's progress artifacts);
here each stage becomes a bar on stderr with its percentage, elapsed time and an estimate of what is left.
Nothing is drawn when stderr is not a terminal (scripts, CI, `--json` pipelines): stdout stays the result only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from intake.cli.common import err_console


@contextmanager
def stage_progress(console: Console | None = None) -> Iterator[None]:
    """Show a bar per stage of the flows run in this process while the block runs."""
    from intake.flows.artifacts import progress_listener

    console = console or err_console
    if not console.is_terminal:
        yield
        return
    bars = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                    TimeRemainingColumn(), console=console, transient=False)
    tasks: dict[str, TaskID] = {}

    def update(key: str, description: str, percent: float) -> None:
        if key not in tasks:
            tasks[key] = bars.add_task(description, total=100.0)
        bars.update(tasks[key], completed=percent)

    with bars, progress_listener(update):
        yield
