"""Progress bars for the CLI's long flow runs (a 4M-row migration is otherwise silent for half an hour).

The flow's stages report through flows.artifacts.Progress (which also feeds Prefect's progress artifacts);
here each stage becomes a line on stderr: a spinner, its name, a bar, its percentage, how many rows (bytes,
tables) of how many are done, the rate, the elapsed time and an estimate of what is left. A stage with no
natural count shows its name and a spinner only. Counts, never values. Nothing is drawn when stderr is not a
terminal (scripts, CI, `--json` pipelines): stdout stays the result only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.filesize import decimal
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from intake.cli.common import err_console

if TYPE_CHECKING:
    from intake.flows.artifacts import Progress as StageProgress


def _amount(value: float, unit: str) -> str:
    if unit == "bytes":
        return decimal(int(value))
    return f"{value:,.0f}"


class CountColumn(ProgressColumn):
    """Done / total in the stage's unit: "1,200/4,000 rows", "1.2 MB/3.4 MB"."""

    def render(self, task: Task) -> Text:
        unit = str(task.fields.get("unit") or "")
        if task.total is None or not unit:
            return Text("")
        label = "" if unit == "bytes" else f" {unit}"
        return Text(f"{_amount(task.completed, unit)}/{_amount(task.total, unit)}{label}", style="progress.download")


class RateColumn(ProgressColumn):
    """How fast the stage goes: "850 rows/s", "12.5 MB/s"."""

    def render(self, task: Task) -> Text:
        unit = str(task.fields.get("unit") or "")
        speed = task.finished_speed or task.speed
        if speed is None or not unit:
            return Text("")
        if unit == "bytes":
            return Text(f"{decimal(int(speed))}/s", style="progress.data.speed")
        return Text(f"{speed:,.0f} {unit}/s" if speed >= 10 else f"{speed:,.1f} {unit}/s", style="progress.data.speed")


def bars_for(console: Console) -> Progress:
    return Progress(SpinnerColumn(finished_text="[green]✓"), TextColumn("{task.description}"), BarColumn(bar_width=20),
                    TaskProgressColumn(), CountColumn(), RateColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                    console=console, transient=False)


@contextmanager
def stage_progress(console: Console | None = None) -> Iterator[None]:
    """Show a line per stage of the flows run in this process while the block runs."""
    from intake.flows.artifacts import progress_listener

    console = console or err_console
    if not console.is_terminal:
        yield
        return
    bars = bars_for(console)
    tasks: dict[str, TaskID] = {}
    drawn: dict[str, tuple[int, bool]] = {}

    def update(stage: StageProgress) -> None:
        total = stage.count_total
        if stage.key not in tasks:
            tasks[stage.key] = bars.add_task(stage.description, total=total, unit=stage.unit)
        done = stage.count if total is not None else 0
        if stage.finished and total is None:  # a spinner's stage ended: a full bar and a tick
            bars.update(tasks[stage.key], total=1, completed=1)
        else:
            bars.update(tasks[stage.key], total=total, completed=done)
        # Redrawn now whenever the whole percentage moves (and at the end), not only at the next refresh: a
        # quick stage still shows how it went, and a person sees every step of a slow one.
        shown = (int(100 * done / total) if total else 0, stage.finished)
        if drawn.get(stage.key) != shown:
            drawn[stage.key] = shown
            bars.refresh()

    with bars, progress_listener(update):
        yield
