"""Prefect artifacts of a run: markdown and tables of counts and redacted examples, and progress bars.

Everything published here is visible to anyone with access to the Prefect UI, so callers pass
counts, ids, column names and redacted examples ("J*** ***") only, never a data value.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.context import FlowRunContext, TaskRunContext

from intake.flows.dispatch import synchronous

_KEY_CHARS = re.compile(r"[^a-z0-9-]+")


def artifact_key(*parts: str) -> str:
    """Prefect keys allow lowercase letters, digits and dashes only."""
    return _KEY_CHARS.sub("-", "-".join(parts).lower()).strip("-")[:200]


def in_run() -> bool:
    return FlowRunContext.get() is not None or TaskRunContext.get() is not None


def publish_markdown(key: str, markdown: str, description: str) -> UUID | None:
    if not in_run():
        return None
    return synchronous(create_markdown_artifact(markdown=markdown, key=artifact_key(key), description=description))


def publish_table(key: str, rows: Sequence[Mapping[str, Any]], description: str) -> UUID | None:
    if not in_run():
        return None
    table = [{str(k): _cell(v) for k, v in row.items()} for row in rows]
    return synchronous(create_table_artifact(table=table, key=artifact_key(key), description=description))


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


# Who else follows a stage's progress in this process (the CLI's progress bars): (key, description, percent).
ProgressListener = Callable[[str, str, float], None]
_listeners: list[ProgressListener] = []


@contextmanager
def progress_listener(listener: ProgressListener) -> Iterator[None]:
    """Call `listener` whenever a stage of a flow run in this process makes progress."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


class Progress:
    """A progress artifact for a long stage, updated at most once a second (and at the end); listeners in this
    process (progress_listener) hear of every step."""

    def __init__(self, key: str, description: str, total: int, min_interval: float = 1.0) -> None:
        self.total = max(total, 1)
        self.done_units = 0
        self.key, self.description = key, description
        self._min_interval = min_interval
        self._last = 0.0
        self._id: UUID | None = None
        if in_run():
            self._id = synchronous(
                create_progress_artifact(progress=0.0, key=artifact_key(key), description=description))
        self._tell()

    @property
    def percent(self) -> float:
        return min(100.0, 100.0 * self.done_units / self.total)

    def advance(self, units: int = 1) -> None:
        self.done_units += units
        now = time.monotonic()
        if self._id is not None and (now - self._last >= self._min_interval or self.done_units >= self.total):
            self._last = now
            update_progress_artifact(artifact_id=self._id, progress=self.percent)
        self._tell()

    def set_fraction(self, fraction: float) -> None:
        self.advance(round(fraction * self.total) - self.done_units)

    def finish(self) -> None:
        self.done_units = self.total
        if self._id is not None:
            update_progress_artifact(artifact_id=self._id, progress=100.0)
        self._tell()

    def _tell(self) -> None:
        for listener in list(_listeners):
            listener(self.key, self.description, self.percent)


# Reports of a migration run ----------------------------------------------------------------------

def findings_rows(report: Any) -> list[dict[str, Any]]:
    """One row per personal (or re-scanned) column: counts, operators and redacted examples only."""
    rows: list[dict[str, Any]] = []
    for table in report.tables:
        for column in table.columns:
            if not (column.personal or column.residual):
                continue
            rows.append({
                "table": table.table,
                "column": column.column,
                "classification": column.classification + (f" ({column.entity_type})" if column.entity_type else ""),
                "entities": ", ".join(f"{k} {v}" for k, v in sorted(column.entity_counts.items())),
                "operators": ", ".join(f"{k}: {v}" for k, v in sorted(column.operators.items())),
                "changed": column.changed_values,
                "examples (redacted)": "; ".join(e for v in column.examples.values() for e in v[:2]),
                "re-scan": column.rescan,
            })
    return rows


# Report artifacts are keyed by dataset, not by run: each run of a dataset adds a version of the same key, so the
# Prefect UI shows a dataset's history in one place. Progress artifacts stay per run.
def publish_findings(run_id: str, dataset_id: str, report: Any, stage: str) -> None:
    publish_markdown(f"{stage}-{dataset_id}", report.to_markdown(),
                     description=f"{report.title} of dataset {dataset_id} (counts and redacted examples only)")
    rows = findings_rows(report)
    if rows:
        publish_table(f"{stage}-columns-{dataset_id}", rows,
                      description=f"Personal data per column ({stage}): counts, operators, redacted examples")


def publish_delivery(run_id: str, dataset_id: str, delivered: Any) -> None:
    publish_markdown(f"reconciliation-{dataset_id}", delivered.reconciliation_markdown,
                     description=f"Reconciliation of dataset {dataset_id}: every source row loaded or rejected")
    files = delivered.manifest.get("contents") or {}
    rows = [{"file": name, "kind": f.get("kind"), "rows": f.get("rows"), "bytes": f.get("bytes"),
             "sha256": f.get("sha256")} for name, f in files.items()]
    publish_markdown(
        f"delivery-{dataset_id}",
        f"# Import package of dataset {dataset_id}\n\nDelivered to `{delivered.package}`; rows read "
        f"{delivered.rows_read}, rejected {delivered.rows_rejected}; reconciliation "
        f"{'balanced' if delivered.balanced else '**not balanced**'}. Hand it over to the product with "
        f"`intake migration fetch {dataset_id} --to FOLDER`.\n\n" + markdown_table(rows),
        description="Where the import package is and what it holds (file names, row counts, hashes)",
    )
    publish_table(f"delivery-files-{dataset_id}", rows, description="Files of the import package")
