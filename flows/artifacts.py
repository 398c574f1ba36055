"""Prefect artifacts of a run: markdown and tables of counts and redacted examples, and progress bars.

Everything published here is visible to anyone with access to the Prefect UI, so callers pass
counts, ids, column names and redacted examples ("J*** S****") only, never a data value.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.context import FlowRunContext, TaskRunContext

_KEY_CHARS = re.compile(r"[^a-z0-9-]+")


def artifact_key(*parts: str) -> str:
    """Prefect keys allow lowercase letters, digits and dashes only."""
    return _KEY_CHARS.sub("-", "-".join(parts).lower()).strip("-")[:200]


def in_run() -> bool:
    return FlowRunContext.get() is not None or TaskRunContext.get() is not None


def publish_markdown(key: str, markdown: str, description: str) -> UUID | None:
    if not in_run():
        return None
    return create_markdown_artifact(markdown=markdown, key=artifact_key(key), description=description)


def publish_table(key: str, rows: Sequence[Mapping[str, Any]], description: str) -> UUID | None:
    if not in_run():
        return None
    table = [{str(k): _cell(v) for k, v in row.items()} for row in rows]
    return create_table_artifact(table=table, key=artifact_key(key), description=description)


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


def markdown_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    if not rows:
        return "_none_\n"
    cols = list(columns or rows[0].keys())
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in rows:
        lines.append("| " + " | ".join(_md(row.get(c)) for c in cols) + " |")
    return "\n".join(lines) + "\n"


def _md(value: Any) -> str:
    text = "" if value is None else str(_cell(value))
    return text.replace("|", "\\|").replace("\n", " ")


class Progress:
    """A progress artifact for a long stage, updated at most once a second (and at the end)."""

    def __init__(self, key: str, description: str, total: int, min_interval: float = 1.0) -> None:
        self.total = max(total, 1)
        self.done_units = 0
        self._min_interval = min_interval
        self._last = 0.0
        self._id: UUID | None = None
        if in_run():
            self._id = create_progress_artifact(progress=0.0, key=artifact_key(key), description=description)

    @property
    def percent(self) -> float:
        return min(100.0, 100.0 * self.done_units / self.total)

    def advance(self, units: int = 1) -> None:
        self.done_units += units
        now = time.monotonic()
        if self._id is not None and (now - self._last >= self._min_interval or self.done_units >= self.total):
            self._last = now
            update_progress_artifact(artifact_id=self._id, progress=self.percent)

    def set_fraction(self, fraction: float) -> None:
        self.advance(round(fraction * self.total) - self.done_units)

    def finish(self) -> None:
        self.done_units = self.total
        if self._id is not None:
            update_progress_artifact(artifact_id=self._id, progress=100.0)
