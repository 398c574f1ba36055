"""A dataset's reports as one self-contained bundle a person can read: `index.html` (pictures drawn as inline SVG,
no script, no external file) and `report.md` (the same in Markdown, for a ticket or an e-mail).

Pictures: each table's rows read -> loaded, merged, rejected (stacked bars); the personal data found per column
and entity type (a heat map, with its colour legend); the dataset's retention timeline (received, completed,
deletion due or done, the holds that suspend it). Then every report of the latest run the viewer may read
(report_sources.py decides as `intake reports show` does: review.json, of raw values, for `report.raw` only), the
run's rejects as counts by reason and column, and the deletion certificate if there is one (`certificate.read`),
each read audited. Without `report.raw` the bundle holds counts and shape-only examples, never a value.
The bundle is written owner-only (0700/0600) to a folder that must not exist yet.
"""

from __future__ import annotations

import html
import json
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from intake.context import Context
from intake.errors import IntakeError, NotFound
from intake.report_sources import certificate_lines

BAR_COLOURS = {"loaded": "#2e7d32", "merged": "#1565c0", "rejected": "#c62828"}
MARKDOWN_SHOWN = ("reconciliation.md", "findings.md", "residual.md")  # first, in this order; other .md after
Row = Sequence[str]  # a table row of text
HEAT = "#6a1b9a"  # the heat map's colour; a cell's opacity grows with the log of its count


def gather(ctx: Context, dataset_id: str) -> dict[str, Any]:
    """What the bundle shows: the dataset's dates, its holds, every report of the latest run the viewer may read
    (parsed), the run's rejects counted, and the deletion certificate if there is one (report_sources.py)."""
    from intake.pipeline.datasets import show_dataset
    from intake.report_sources import deletion_certificate, rejects, run_reports
    from intake.retention.holds import list_holds

    dataset = show_dataset(ctx, dataset_id)
    found = run_reports(ctx, dataset_id)
    reports = found.texts
    certificate = deletion_certificate(ctx, dataset_id)
    if not reports and certificate is None:
        raise NotFound(f"dataset {dataset_id} has no run reports yet: run `intake migration run` first")
    holds = list_holds(ctx, dataset_id=dataset_id, include_closed=True)
    parsed = {name: json.loads(reports[f"{name}.json"]) if reports.get(f"{name}.json") else None
              for name in ("findings", "reconciliation", "residual")}
    return {
        "dataset": {k: dataset[k] for k in ("id", "purpose", "purpose_reference", "state", "received_at",
                                            "completed_at", "delete_after", "deleted_at")},
        "holds": [{"kind": h.kind.value, "opened_at": h.opened_at.isoformat(),
                   "closed_at": h.closed_at.isoformat() if h.closed_at else None} for h in holds],
        **parsed,
        "markdown": [reports[name] for name in ("reconciliation.md", "findings.md", "residual.md") if name in reports]
        + [text for name, text in reports.items() if name.endswith(".md") and name not in MARKDOWN_SHOWN],
        "rejects": rejects(ctx, dataset_id, found.run, parsed["reconciliation"]),
        "raw": {name: text for name, text in reports.items() if not name.endswith(".md")
                and name.removesuffix(".json") not in parsed},
        "withheld": found.withheld,
        "certificate": certificate,
    }


class BundleExists(IntakeError):
    """The folder given for a bundle exists: a bundle is written to a new folder, never over anything."""


# -- pictures ------------------------------------------------------------------------------------------------
def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _svg(width: float, height: float, label: str) -> str:
    """A picture's opening tag: its size also as its viewBox, so it scales and nothing is drawn outside it."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{_e(label)}">')


def reconciliation_svg(reconciliation: dict[str, Any]) -> str:
    """One stacked bar per table: rows loaded, merged and rejected, out of rows read."""
    tables = reconciliation.get("tables", [])
    most = max((t.get("rows_read") or 0 for t in tables), default=0) or 1
    width, left, bar = 640, 170, 22
    parts = [_svg(width, 40 + 34 * len(tables), "rows read, loaded, merged and rejected per table")]
    for i, table in enumerate(tables):
        y, x = 10 + 34 * i, float(left)
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{_e(table["table"])}</text>')
        for kind in ("loaded", "merged", "rejected"):
            rows = int(table.get(f"rows_{kind}") or 0)
            w = (width - left - 60) * rows / most
            if rows:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{bar}" '
                             f'fill="{BAR_COLOURS[kind]}"><title>{kind}: {rows}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}" font-size="12">{int(table.get("rows_read") or 0)}'
                     '</text>')
    legend_y = 22 + 34 * len(tables)
    for j, (kind, colour) in enumerate(BAR_COLOURS.items()):
        parts.append(f'<rect x="{left + 110 * j}" y="{legend_y}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{left + 110 * j + 16}" y="{legend_y + 11}" font-size="12">{kind}</text>')
    return "".join(parts) + "</svg>"


def findings_svg(findings: dict[str, Any]) -> str:
    """Columns (rows) by entity type (columns): how many values of each type each column had changed."""
    cells: dict[tuple[str, str], int] = {}
    for table in findings.get("tables", []):
        for column in table.get("columns", []):
            for entity, count in (column.get("entity_counts") or {}).items():
                if count:  # the table's name without the file it came from ("assets.csv/assets")
                    cells[(f'{table["table"].rsplit("/", 1)[-1]}.{column["column"]}', entity)] = int(count)
    rows = sorted({r for r, _ in cells})
    types = sorted({t for _, t in cells})
    if not cells:
        return "<p>No personal data was found in any column.</p>"
    most = math.log1p(max(cells.values()))  # a log scale: 900 names beside 3 phones still shows the 3
    left, top, size = 10 + 7 * max(len(r) for r in rows), 130, 26
    steps = _legend_steps(max(cells.values()))
    height = top + max(size * len(rows), 18 * len(steps) + 20) + 10
    parts = [_svg(left + size * len(types) + 110, height, "personal data per column and type")]
    for j, entity in enumerate(types):
        x = left + size * j + size / 2
        parts.append(f'<text transform="translate({x:.0f},{top - 6}) rotate(-60)" font-size="11">{_e(entity)}</text>')
    for i, row in enumerate(rows):
        y = top + size * i
        parts.append(f'<text x="0" y="{y + 17}" font-size="11">{_e(row)}</text>')
        for j, entity in enumerate(types):
            count = cells.get((row, entity), 0)
            parts.append(f'<rect x="{left + size * j}" y="{y}" width="{size - 2}" height="{size - 2}" '
                         f'fill="{HEAT}" fill-opacity="{_shade(count, most):.2f}" stroke="#ddd">'
                         f'<title>{_e(row)} / {_e(entity)}: {count}</title></rect>')
    x = left + size * len(types) + 24  # the colour legend, right of the grid: a swatch per count, log scale
    parts.append(f'<text x="{x}" y="{top + 4}" font-size="11">values</text>')
    for k, count in enumerate(steps):
        y = top + 12 + 18 * k
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{HEAT}" '
                     f'fill-opacity="{_shade(count, most):.2f}" stroke="#ddd"/>'
                     f'<text x="{x + 20}" y="{y + 11}" font-size="11">{count}</text>')
    return "".join(parts) + "</svg>"


def _shade(count: int, most: float) -> float:
    return 0.15 + 0.85 * math.log1p(count) / most if count else 0.0


def _legend_steps(top: int, steps: int = 5) -> list[int]:
    """Counts spread evenly on the heat map's log scale, from 1 to the largest count (distinct, rising)."""
    marks = {max(1, round(math.expm1(math.log1p(top) * k / (steps - 1)))) for k in range(steps)}
    return sorted(marks | {top})


def timeline_svg(dataset: dict[str, Any], holds: list[dict[str, Any]]) -> str:
    """Received -> completed -> deletion due (or done), with the holds that suspend deletion."""
    from datetime import datetime

    marks = [(label, dataset[key]) for label, key in (("received", "received_at"), ("completed", "completed_at"),
                                                       ("deletion due", "delete_after"), ("deleted", "deleted_at"))
             if dataset.get(key)]
    marks += [(f"{h['kind']} hold", h["opened_at"]) for h in holds]
    if not marks:
        return ""
    times = [datetime.fromisoformat(t).timestamp() for _, t in marks]
    first, last = min(times), max(times)
    span = (last - first) or 1.0
    width, left = 640, 20
    parts = [_svg(width, 60 + 16 * len(marks), "retention timeline"),
             f'<line x1="{left}" y1="30" x2="{width - 20}" y2="30" stroke="#555" stroke-width="2"/>']
    for i, ((label, when), t) in enumerate(sorted(zip(marks, times, strict=True), key=lambda m: m[1])):
        x = left + (width - 40) * (t - first) / span
        colour = "#c62828" if "hold" in label else "#1565c0"
        parts.append(f'<circle cx="{x:.1f}" cy="30" r="6" fill="{colour}"><title>{_e(label)}: {_e(when)}</title>'
                     f'</circle><text x="{min(x, width - 200):.1f}" y="{52 + 16 * i}" font-size="11">'
                     f'{_e(label)} {_e(when[:10])}</text>')
    return "".join(parts) + "</svg>"


# -- the bundle ----------------------------------------------------------------------------------------------
def render_html(data: dict[str, Any]) -> str:
    d = data["dataset"]
    body = [f"<h1>Dataset {_e(d['id'])}</h1>",
            f"<p>{_e(d['purpose'])} {_e(d['purpose_reference'])}, state <b>{_e(d['state'])}</b>.</p>",
            "<h2>Retention</h2>", timeline_svg(d, data["holds"])]
    if data["reconciliation"]:
        body += ["<h2>Rows read, loaded, merged and rejected</h2>", reconciliation_svg(data["reconciliation"])]
    if data["findings"]:
        body += ["<h2>Personal data found, per column and type</h2>", findings_svg(data["findings"])]
    if data.get("rejects"):
        body += ["<h2>Rejected rows, by reason and column</h2>", _html_table(*_rejects_table(data["rejects"]))]
    body += [f"<pre>{_e(text)}</pre>" for text in data["markdown"]]
    for name, text in (data.get("raw") or {}).items():
        body += [f"<h2>{_e(name)}: raw values (report.raw: DPO only)</h2>", f"<pre>{_e(text)}</pre>"]
    body += [f"<p>{_e(name)} is withheld: it needs {_e(needs)}.</p>" for name, needs in
             (data.get("withheld") or {}).items()]
    if data.get("certificate"):
        body += ["<h2>Deletion certificate</h2>", _html_table(("", ""), certificate_lines(data["certificate"]))]
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Dataset {_e(d['id'])}</title><style>body{{font-family:sans-serif;max-width:60em;margin:2em}}"
            "pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}td,th{text-align:left;padding:0 1em 0 0;"
            "vertical-align:top}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")


def render_markdown(data: dict[str, Any]) -> str:
    d = data["dataset"]
    lines = [f"# Dataset {d['id']}", "", f"{d['purpose']} {d['purpose_reference']}, state **{d['state']}**.", "",
             "| event | when |", "| --- | --- |"]
    lines += [f"| {label} | {d[key]} |" for label, key in (("received", "received_at"), ("completed", "completed_at"),
                                                           ("deletion due", "delete_after"), ("deleted", "deleted_at"))
              if d.get(key)]
    lines += [f"| {h['kind']} hold | {h['opened_at']} to {h['closed_at'] or 'open'} |" for h in data["holds"]]
    lines += ["", *(f"{text}\n" for text in data["markdown"])]
    if data.get("rejects"):
        lines += ["## Rejected rows, by reason and column", "", *_md_table(*_rejects_table(data["rejects"])), ""]
    for name, text in (data.get("raw") or {}).items():
        lines += [f"## {name}: raw values (report.raw: DPO only)", "", "```json", text, "```", ""]
    lines += [f"{name} is withheld: it needs {needs}.\n" for name, needs in (data.get("withheld") or {}).items()]
    if data.get("certificate"):
        lines += ["## Deletion certificate", "", *_md_table(("", ""), certificate_lines(data["certificate"])), ""]
    return "\n".join(lines)


def _rejects_table(rejects: dict[str, Any]) -> tuple[Row, list[Row]]:
    """Rejected rows' reasons per table, reason and source column: counts, never a value."""
    rows: list[Row] = [(str(r["table"]), str(r["reason"]), str(r["column"] or "-"), str(r["count"]))
                       for r in rejects["rows"]]
    rows += [(table, "rows rejected in all", "", str(count)) for table, count in rejects["rows_rejected"].items()
             if count]
    if rejects["source"] == "reconciliation":
        rows.append(("", "(the package's rejects file is gone: counts by reason from the reconciliation)", "", ""))
    return ("table", "reason", "column", "reasons"), rows


def _html_table(head: Row, rows: Sequence[Row]) -> str:
    heading = "".join(f"<th>{_e(h)}</th>" for h in head) if any(head) else ""
    return (f"<table><tr>{heading}</tr>" + "".join(
        "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>")


def _md_table(head: Row, rows: Sequence[Row]) -> list[str]:
    def line(cells: Row) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return [line(head), line(tuple("---" for _ in head)), *(line(row) for row in rows)]


def write_bundle(ctx: Context, dataset_id: str, out: Path) -> Path:
    """Write index.html and report.md into `out` (created, owner-only); audited as `report.bundle`."""
    actor = ctx.authorise("report.read", dataset_id=dataset_id)
    if out.exists():
        raise BundleExists(f"{out} exists: give a new folder for the bundle (nothing is written over)")
    data = gather(ctx, dataset_id)
    out.mkdir(mode=0o700, parents=True)
    for name, text in (("index.html", render_html(data)), ("report.md", render_markdown(data))):
        descriptor = os.open(out / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
    ctx.record(actor, "report.bundle", dataset_id=dataset_id, folder=str(out), raw_reports=sorted(data["raw"]),
               certificate=bool(data["certificate"] and "withheld" not in data["certificate"]))
    return out
