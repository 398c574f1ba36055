"""Prefect artifacts of a run: markdown and tables of counts and redacted examples, and progress bars.

Everything published here is visible to anyone with access to the Prefect UI, so callers pass
counts, ids, column names and redacted examples ("J*** ***") only, never a data value.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar
from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.context import FlowRunContext, TaskRunContext

from intake.flows.dispatch import synchronous

T = TypeVar("T")
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


# Who else follows a stage's progress in this process (the CLI's progress bars): told the Progress itself.
ProgressListener = Callable[["Progress"], None]
_listeners: list[ProgressListener] = []
# What the stages of flows/tasks.py count, by the start of their key ("fingerprint-<authorisation>").
STAGE_UNITS = {"fingerprint": "bytes", "quarantine": "bytes"}


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
    process (progress_listener) hear of every step. `total` None: a stage with no natural count (a spinner, no
    artifact). `artifact` is the artifact's key (default `key`); `unit` what is counted (rows, bytes, tables);
    `count_total` how many of them in all, when `total` counts fractions of the stage (default `total`)."""

    def __init__(self, key: str, description: str, total: int | None, min_interval: float = 1.0,
                 unit: str = "", artifact: str | None = None, count_total: int | None = None) -> None:
        self.total = None if total is None else max(total, 1)
        self.done_units = 0
        self.finished = False
        self.key, self.description = key, description
        self.unit = unit or STAGE_UNITS.get(key.split("-", 1)[0], "")
        self.count_total = self.total if count_total is None else max(count_total, 0)  # in `unit`
        self._min_interval = min_interval
        self._last = 0.0
        self._id: UUID | None = None
        if in_run() and self.total is not None:
            self._id = synchronous(create_progress_artifact(
                progress=0.0, key=artifact_key(artifact or key),
                description=description))
        self._tell()

    @property
    def percent(self) -> float:
        return 0.0 if self.total is None else min(100.0, 100.0 * self.done_units / self.total)

    @property
    def count(self) -> int:
        """How many `unit` are done."""
        if self.total is None or self.count_total is None:
            return self.done_units
        return min(self.count_total, round(self.done_units * self.count_total / self.total))

    def advance(self, units: int = 1) -> None:
        self.done_units += units
        now = time.monotonic()
        if self._id is not None and self.total is not None and (
                now - self._last >= self._min_interval or self.done_units >= self.total):
            self._last = now
            update_progress_artifact(artifact_id=self._id, progress=self.percent)
        self._tell()

    def set_fraction(self, fraction: float) -> None:
        self.advance(round(fraction * (self.total or 0)) - self.done_units)

    def finish(self) -> None:
        self.done_units = self.total or self.done_units
        self.finished = True
        if self._id is not None:
            update_progress_artifact(artifact_id=self._id, progress=100.0)
        self._tell()

    def _tell(self) -> None:
        for listener in list(_listeners):
            listener(self)


def received_bytes(ctx: Any, dataset_id: str) -> int:
    """Bytes of a dataset's received files: what the ingest step's progress counts."""
    from intake.vault import Vault

    return sum(a.plaintext_size for a in Vault.from_context(ctx).artefacts(dataset_id) if a.kind.value == "raw")


def counted(items: Sequence[T], key: str, description: str, unit: str, artifact: str) -> Iterator[T]:
    """The items, one at a time, counted by a bar (`unit`: what an item is) as each one is done."""
    progress = Progress(key, description, len(items), unit=unit, artifact=artifact)
    for item in items:
        yield item
        progress.advance()
    progress.finish()


@contextmanager
def stage(key: str, description: str) -> Iterator[None]:
    """A stage with no natural count: shown by name with a spinner while it runs (finished only if it ends well)."""
    progress = Progress(key, description, None)
    yield
    progress.finish()


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
# Prefect UI shows a dataset's history in one place; so are the progress artifacts of a migration's stages.
def publish_findings(run_id: str, dataset_id: str, report: Any, stage: str) -> None:
    publish_markdown(f"{stage}-{dataset_id}", report.to_markdown(),
                     description=f"{report.title} of dataset {dataset_id} (counts and redacted examples only)")
    rows = findings_rows(report)
    if rows:
        publish_table(f"{stage}-columns-{dataset_id}", rows,
                      description=f"Personal data per column ({stage}): counts, operators, redacted examples")


def publish_delivery(run_id: str, dataset_id: str, delivered: Any, report: Any = None) -> None:
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
    if report is not None:
        publish_summary(dataset_id, delivered, report)


def summary_rows(reconciliation: Mapping[str, Any], report: Any) -> list[dict[str, Any]]:
    """One row per table, six columns that fit the Prefect UI: rows read, loaded, merged, rejected and how many of
    its columns hold personal data (counts only). Findings are keyed by source table ("assets.csv/assets")."""
    personal: dict[str, int] = {}
    for table in report.tables:
        name = str(table.table).rsplit("/", 1)[-1].lower()
        personal[name] = personal.get(name, 0) + sum(1 for c in table.columns if c.personal)
    return [{"table": t["table"], "rows read": t.get("rows_read"), "loaded": t.get("rows_loaded"),
             "merged": t.get("rows_merged"), "rejected": t.get("rows_rejected"),
             "personal columns": personal.get(str(t["table"]).lower())}
            for t in reconciliation.get("tables", [])]


def publish_summary(dataset_id: str, delivered: Any, report: Any) -> None:
    """The run's summary table and the report bundle's pictures (report_bundle), both keyed by dataset."""
    import base64
    import json

    from intake.report_bundle import findings_svg, reconciliation_svg

    reconciliation = json.loads(delivered.reconciliation_json)
    publish_table(f"summary-{dataset_id}", summary_rows(reconciliation, report),
                  description=f"Rows read, loaded, merged and rejected per table of dataset {dataset_id}")
    pictures = []
    for title, svg in (("Rows read, loaded, merged and rejected", reconciliation_svg(reconciliation)),
                       ("Personal data found, per column and type", findings_svg(json.loads(report.to_json())))):
        if svg.startswith("<svg"):
            pictures.append(f"## {title}\n\n![{title}](data:image/svg+xml;base64,"
                            f"{base64.b64encode(svg.encode()).decode()})\n")
        else:
            pictures.append(f"## {title}\n\n{re.sub(r'<[^>]+>', '', svg)}\n")
    publish_markdown(f"pictures-{dataset_id}", f"# Dataset {dataset_id}\n\n" + "\n".join(pictures),
                     description=f"Pictures of the reports of dataset {dataset_id} (counts only)")


def publish_migration(dataset_id: str, ingested: Any, anonymised: Any, delivered: Any,
                      reports: Mapping[str, str]) -> None:
    """Where the import package and the reports of a delivered migration are."""
    publish_markdown(
        f"migration-{dataset_id}",
        f"# Migration of dataset {dataset_id} delivered\n\nImport package: `{delivered.package}`\n\n"
        f"Rows read {ingested.rows} (unreadable {ingested.rejected}), anonymised {anonymised.rows}, rejected by "
        f"validation {delivered.rows_rejected}. Reports are kept encrypted in the vault: "
        + ", ".join(f"{k} `{v}`" for k, v in reports.items()) + ".\n" + columns_not_read_note(ingested),
        description="Where the import package and the reports are",
    )


def columns_not_read_note(ingested: Any) -> str:
    """Columns the connectors could not read (names and reasons), for the run's artifact."""
    if not ingested.columns_not_read:
        return ""
    lines = [f"- {table}: {column} ({reason})" for table, columns in ingested.columns_not_read.items()
             for column, reason in columns.items()]
    return "\n## Columns not read (not in the import package)\n\n" + "\n".join(lines) + "\n"
