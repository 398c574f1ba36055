"""The reports a run keeps encrypted with its dataset, for the people who must read them.

Findings, residual-risk and reconciliation reports hold counts and shape-only examples: engineers, support and
the DPO read them (`report.read`). A run's review file holds raw values (the names it proposes for the deny- and
allow-lists): only roles allowed raw data read it (`report.raw`). Every read is audited, with the report's
name, never its content.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from intake.context import Context
from intake.errors import NotFound
from intake.registry.models import ArtefactKind

RAW_REPORTS = ("review.json",)  # raw values: report.raw only


@dataclass(frozen=True)
class ReportView:
    id: str
    run: str
    name: str
    bytes: int
    created_at: Any
    raw: bool


def _views(ctx: Context, dataset_id: str) -> list[ReportView]:
    from intake.vault import Vault

    views = []
    for a in Vault.from_context(ctx).artefacts(dataset_id, kind=ArtefactKind.REPORT):
        run, _, name = a.name.partition("/reports/")
        if not name:  # review decisions and other dataset-level files: not a run's report
            run, name = "", a.name
        views.append(ReportView(a.id, run.removeprefix("run-"), name, a.plaintext_size, a.created_at,
                                name.rsplit("/", 1)[-1] in RAW_REPORTS or name.startswith("review/")))
    return views


def list_reports(ctx: Context, dataset_id: str) -> list[ReportView]:
    """The dataset's reports, oldest first (names and sizes only)."""
    ctx.authorise("report.read", dataset_id=dataset_id)
    return _views(ctx, dataset_id)


def read_report(ctx: Context, dataset_id: str, which: str) -> tuple[ReportView, str]:
    """One report's text, by artefact id (or a unique prefix of it) or by name (the latest run's)."""
    from intake.vault import Vault

    views = _views(ctx, dataset_id)
    matches = [v for v in views if v.id == which] or [v for v in views if v.id.startswith(which)] or \
        [v for v in views if v.name == which][-1:]
    if len(matches) != 1:
        raise NotFound(f"dataset {dataset_id} has {'no' if not matches else 'more than one'} report '{which}': "
                       f"`intake reports list {dataset_id}` shows their ids and names")
    view = matches[0]
    actor = ctx.authorise("report.raw" if view.raw else "report.read", dataset_id=dataset_id, report=view.name)
    text = Vault.from_context(ctx).read_bytes(view.id, actor=actor).decode("utf-8")
    ctx.record(actor, "report.read", dataset_id=dataset_id, report=view.name, run=view.run, raw=view.raw)
    return view, text
