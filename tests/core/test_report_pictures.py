"""The bundle's pictures measured, not only read: every shape and label lies inside the picture, bars are as long
as their counts, and the heat map says what its colours mean."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from intake.report_bundle import findings_svg, reconciliation_svg, timeline_svg
from tests.core.test_report_bundle import DATASET, FINDINGS, HOLDS, RECONCILIATION

SVG = "{http://www.w3.org/2000/svg}"
CHAR = 0.62  # a generous average glyph width of a sans-serif font, in ems

WIDE = {"tables": [  # long names, a table far larger than the others, a table with nothing loaded
    {"table": "a_rather_long_table_name", "rows_read": 120_000, "rows_loaded": 100_000, "rows_merged": 15_000,
     "rows_rejected": 5_000},
    {"table": "jobs", "rows_read": 40, "rows_loaded": 10, "rows_merged": 0, "rows_rejected": 30},
    {"table": "empty", "rows_read": 3, "rows_loaded": 0, "rows_merged": 0, "rows_rejected": 3},
]}
MANY = {"tables": [{"table": "files/assets", "columns": [
    {"column": f"Column {i}", "entity_counts": {"PERSON": 10 ** (i % 6), "EMAIL_ADDRESS": i, "MEDICAL_LICENSE": 1}}
    for i in range(1, 4)]}]}


def parse(svg: str) -> tuple[ET.Element, float, float]:
    root = ET.fromstring(svg)  # noqa: S314  (our own SVG)
    width, height = float(root.attrib["width"]), float(root.attrib["height"])
    assert [float(v) for v in root.attrib["viewBox"].split()] == [0, 0, width, height]
    return root, width, height


def assert_inside(svg: str) -> None:
    root, width, height = parse(svg)
    rects = list(root.iter(f"{SVG}rect"))
    texts = list(root.iter(f"{SVG}text"))
    assert rects or texts
    for rect in rects:
        x, y, w, h = (float(rect.attrib[k]) for k in ("x", "y", "width", "height"))
        assert min(x, y) >= 0 and w > 0 and h > 0, rect.attrib
        assert x + w <= width + 0.05 and y + h <= height + 0.05, (rect.attrib, width, height)
    for text in texts:
        size, label = float(text.attrib["font-size"]), text.text or ""
        moved = re.fullmatch(r"translate\(([\d.]+),([\d.]+)\) rotate\(-60\)", text.attrib.get("transform", ""))
        if moved:  # a rotated label: it starts at the translation and runs up and to the right at 60 degrees
            x, y = float(moved[1]), float(moved[2])
            end_x, end_y = x + 0.5 * CHAR * size * len(label), y - 0.87 * CHAR * size * len(label)
        else:
            x, y = float(text.attrib["x"]), float(text.attrib["y"])
            end_x, end_y = x + CHAR * size * len(label), y
        assert 0 <= x <= width and size <= y <= height, (label, x, y, width, height)
        assert end_x <= width and end_y >= 0, (label, end_x, end_y, width)


@pytest.mark.parametrize("svg", [
    reconciliation_svg(RECONCILIATION), reconciliation_svg(WIDE), findings_svg(FINDINGS), findings_svg(MANY),
    timeline_svg(DATASET, HOLDS), timeline_svg({**DATASET, "deleted_at": "2026-10-02T00:00:00+00:00"}, HOLDS * 3),
], ids=["reconciliation", "reconciliation-wide", "heat-map", "heat-map-many", "timeline", "timeline-holds"])
def test_every_shape_and_label_lies_inside_the_picture(svg: str) -> None:
    assert_inside(svg)


def test_bar_widths_are_proportional_to_their_counts() -> None:
    for reconciliation in (RECONCILIATION, WIDE):
        root, _, _ = parse(reconciliation_svg(reconciliation))
        bars = [(float(r.attrib["width"]), int(title.text.split(": ")[1]))  # type: ignore[union-attr]
                for r in root.iter(f"{SVG}rect") if (title := r.find(f"{SVG}title")) is not None]
        counts = [t[f"rows_{k}"] for t in reconciliation["tables"] for k in ("loaded", "merged", "rejected")
                  if t[f"rows_{k}"]]
        assert [count for _, count in bars] == counts
        scale = max(bars, key=lambda bar: bar[1])[0] / max(counts)  # pixels per row, from the longest bar
        for width, count in bars:  # bars of one pixel at least, so a handful of rows still shows
            assert width == pytest.approx(max(scale * count, 1.0), abs=0.06), (width, count)
        # And a table's bars lie end to end, from the same left edge: the stack's length is its rows read.
        rows = {}
        for rect in root.iter(f"{SVG}rect"):
            if rect.find(f"{SVG}title") is not None:
                rows.setdefault(rect.attrib["y"], []).append((float(rect.attrib["x"]), float(rect.attrib["width"])))
        for stack in rows.values():
            assert stack[0][0] == 170.0
            for (x, w), (next_x, _) in itertools.pairwise(stack):  # a 1-pixel bar may overlap by <1
                assert x + w - 1 <= next_x <= x + w + 0.11


def test_the_heat_map_has_a_colour_legend_from_one_to_the_largest_count() -> None:
    root, _, _ = parse(findings_svg(FINDINGS))
    swatches = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is None]
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "values" in labels
    counts = [int(t) for t in labels if t and t.isdigit()]
    assert counts[0] == 1 and counts[-1] == 900 and counts == sorted(set(counts)) and len(swatches) == len(counts)
    opacities = [float(r.attrib["fill-opacity"]) for r in swatches]
    assert opacities == sorted(opacities) and opacities[-1] == 1.0
    # The legend's swatch for a count is the shade of a cell of that count.
    cells = {t.text.rsplit(": ", 1)[1]: float(r.attrib["fill-opacity"])  # type: ignore[union-attr]
             for r in root.iter(f"{SVG}rect") if (t := r.find(f"{SVG}title")) is not None}
    assert dict(zip(map(str, counts), opacities, strict=True))["900"] == cells["900"]
