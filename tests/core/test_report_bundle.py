"""The pictures of a report bundle, drawn from report dicts: every table and column shown, names escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from intake.report_bundle import findings_svg, reconciliation_svg, render_html, timeline_svg

RECONCILIATION = {"tables": [
    {"table": "assets", "rows_read": 300, "rows_loaded": 290, "rows_merged": 2, "rows_rejected": 8},
    {"table": "<jobs & co>", "rows_read": 900, "rows_loaded": 900, "rows_merged": 0, "rows_rejected": 0},
]}
FINDINGS = {"tables": [{"table": "jobs", "columns": [
    {"column": "Outcome", "entity_counts": {"PERSON": 40, "PHONE_NUMBER": 3}},
    {"column": "Engineer", "entity_counts": {"PERSON": 900}},
    {"column": "Status", "entity_counts": {}},
]}]}
DATASET = {"id": "d1", "purpose": "migration", "purpose_reference": "MIG-1", "state": "processed",
           "received_at": "2026-03-02T09:30:00+00:00", "completed_at": "2026-04-01T10:00:00+00:00",
           "delete_after": "2026-10-01T10:00:00+00:00", "deleted_at": None}
HOLDS = [{"kind": "legal", "opened_at": "2026-05-01T08:00:00+00:00", "closed_at": None}]


def titles(svg: str) -> list[str]:
    svg_root = ET.fromstring(svg)  # noqa: S314  (our own SVG, built in this test)
    return [t.text or "" for t in svg_root.iter("{http://www.w3.org/2000/svg}title")]


def test_reconciliation_bars_show_each_tables_loaded_merged_and_rejected_rows() -> None:
    svg = reconciliation_svg(RECONCILIATION)
    assert titles(svg) == ["loaded: 290", "merged: 2", "rejected: 8", "loaded: 900"]
    assert "&lt;jobs &amp; co&gt;" in svg


def test_the_heat_map_has_a_cell_per_column_and_type_and_leaves_out_clean_columns() -> None:
    svg = findings_svg(FINDINGS)
    assert sorted(titles(svg)) == ["jobs.Engineer / PERSON: 900", "jobs.Engineer / PHONE_NUMBER: 0",
                                   "jobs.Outcome / PERSON: 40", "jobs.Outcome / PHONE_NUMBER: 3"]
    assert findings_svg({"tables": []}).startswith("<p>No personal data")


def test_the_timeline_marks_each_date_and_hold_in_order() -> None:
    svg = timeline_svg(DATASET, HOLDS)
    assert [t.split(":")[0] for t in titles(svg)] == ["received", "completed", "legal hold", "deletion due"]
    page = render_html({"dataset": DATASET, "holds": HOLDS, "reconciliation": RECONCILIATION,
                        "findings": FINDINGS, "residual": None, "markdown": ["# x <b>"]})
    assert page.count("<svg") == 3 and "# x &lt;b&gt;" in page and "<script" not in page
