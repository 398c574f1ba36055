"""The reports a run keeps encrypted with its dataset, for the people who must read them.

Findings, residual-risk and reconciliation reports hold counts and shape-only examples: engineers, support and
the DPO read them (`report.read`). A run's review file holds raw values (the names it proposes for the deny- and
allow-lists): only roles allowed raw data read it (`report.raw`), as any dataset-level file not known to be
counts-only (default deny). The fault investigation's own files, its query texts (`fault-queries/`, which may
quote a value) and saved results (`fault-results/`, a table of values), are read only with `fault.read` and
listed to no one else. Every read, and every refused read, is audited, with the report's name, never its content.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from intake.context import Context
from intake.errors import NotFound, PermissionDenied, StateError
from intake.permissions import allowed_roles
from intake.registry.models import ArtefactKind

RAW_REPORTS = ("review.json",)  # raw values: report.raw only
FAULT_FILES = ("fault-queries/", "fault-results/")  # the fault investigation's own (fault_workspace.py)
WHY = {
    "fault.read": "a fault query's text or saved result may hold the dataset's raw values: it is the fault "
                  "investigation's own, read by whoever may query the fault dataset",
    "report.raw": "it holds raw values (or is not known to hold counts only): roles allowed raw data read it",
    "report.read": "a run's report of counts and shape-only examples",
}


@dataclass(frozen=True)
class ReportView:
    id: str
    run: str
    name: str
    bytes: int
    created_at: Any
    raw: bool
    needs: str  # the permission that reads it


def _needs(run: str, name: str) -> str:
    """Default deny: only a run's own reports (review.json aside) are counts-only, readable with `report.read`."""
    if name.startswith(FAULT_FILES):
        return "fault.read"
    if not run or name.rsplit("/", 1)[-1] in RAW_REPORTS:
        return "report.raw"
    return "report.read"


def _views(ctx: Context, dataset_id: str) -> list[ReportView]:
    from intake.vault import Vault

    views = []
    for a in Vault.from_context(ctx).artefacts(dataset_id, kind=ArtefactKind.REPORT):
        run, _, name = a.name.partition("/reports/")
        if not name:  # review decisions, fault queries and other dataset-level files: not a run's report
            run, name = "", a.name
        needs = _needs(run, name)
        views.append(ReportView(a.id, run.removeprefix("run-"), name, a.plaintext_size, a.created_at,
                                needs != "report.read", needs))
    return views


def _listed(ctx: Context, views: list[ReportView]) -> list[ReportView]:
    """The views the actor may know of: the fault investigation's files are not listed to who may not read them."""
    fault_reader = bool(ctx.actor().roles & allowed_roles("fault.read"))
    return [v for v in views if fault_reader or v.needs != "fault.read"]


def list_reports(ctx: Context, dataset_id: str) -> list[ReportView]:
    """The dataset's reports, oldest first (names and sizes only)."""
    ctx.authorise("report.read", dataset_id=dataset_id)
    return _listed(ctx, _views(ctx, dataset_id))


def _text(name: str, data: bytes) -> str:
    """A report's text; a saved fault result (Parquet) rendered as JSON rows, with the view it was saved from."""
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(data))
        view = (table.schema.metadata or {}).get(b"intake.fault.view", b"unknown").decode()
        return json.dumps({"view": view, "rows": table.num_rows, "columns": table.column_names,
                           "data": table.to_pylist()}, indent=2, ensure_ascii=False, default=str)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise StateError(f"report {name} is not text and intake has no rendering for it: nothing was shown; "
                         "report it as a bug") from None


def read_report(ctx: Context, dataset_id: str, which: str) -> tuple[ReportView, str]:
    """One report's text, by artefact id (or a unique prefix of it) or by name (the latest run's)."""
    from intake.vault import Vault

    every = _views(ctx, dataset_id)
    matches: list[ReportView] = []
    for views in (_listed(ctx, every), every):  # what the actor may know of first; else a refusal, audited
        matches = [v for v in views if v.id == which] or [v for v in views if v.id.startswith(which)] or \
            [v for v in views if v.name == which][-1:]
        if matches:
            break
    if len(matches) != 1:
        raise NotFound(f"dataset {dataset_id} has {'no' if not matches else 'more than one'} report '{which}': "
                       f"`intake reports list {dataset_id}` shows their ids and names")
    view = matches[0]
    try:
        actor = ctx.authorise(view.needs, dataset_id=dataset_id, report=view.name)
    except PermissionDenied as exc:
        raise PermissionDenied(f"report {view.name} is refused: {WHY[view.needs]}; {exc}") from None
    text = _text(view.name, Vault.from_context(ctx).read_bytes(view.id, actor=actor))
    ctx.record(actor, "report.read", dataset_id=dataset_id, report=view.name, run=view.run, raw=view.raw)
    return view, text
