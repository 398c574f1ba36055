"""The reconciliation report an engineer reads: balanced counts and totals, rendered as Markdown and JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

from intake.clock import FixedClock
from intake.product import builtin_mapping, transform_to_tables
from intake.product.reconciliation import NumericTotal, Reconciliation
from tests.product.legacy import ASSET_COLUMNS, JOB_COLUMNS, asset_row, batch, job_row

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))


def report() -> Reconciliation:
    assets = [asset_row("EQ1", Purchase_Cost="£1,000.00"), asset_row("EQ1", Purchase_Cost="£1,000.00"),
              asset_row("EQ2", Purchase_Cost="£50.25", Status="Z"), asset_row("EQ3", Purchase_Cost="lots")]
    jobs = [job_row("J1", "EQ1", Parts_Cost="£5.00"), job_row("J2", "EQ404", Parts_Cost="£7.50")]
    return transform_to_tables({"assets": [batch(ASSET_COLUMNS, assets)], "jobs": [batch(JOB_COLUMNS, jobs)]},
                               builtin_mapping("equiptrack"), clock=CLOCK,
                               reader_rejects={"assets": 2}).reconciliation


def test_counts_and_totals_balance() -> None:
    recon = report()
    assets = recon.tables["assets"]
    assert (assets.rows_read, assets.rows_loaded, assets.rows_merged, assets.rows_rejected) == (4, 1, 1, 2)
    assert assets.rows_rejected_by_reader == 2
    cost = recon.totals[("assets", "assets", "acquisition_cost")]
    assert (cost.source, cost.loaded, cost.merged, cost.rejected, cost.unreadable_values) == (
        Decimal("2050.25"), Decimal("1000.00"), Decimal("1000.00"), Decimal("50.25"), 1)
    parts = recon.totals[("jobs", "jobs", "parts_cost")]
    assert (parts.loaded, parts.rejected) == (Decimal("5.00"), Decimal("7.50"))
    assert recon.balanced


def test_markdown_and_json_show_the_same_figures() -> None:
    recon = report()
    markdown = recon.to_markdown()
    assert "Every source row accounted for: **yes**" in markdown
    assert "| assets | 4 (+2 unreadable) | 1 | 1 | 2 | yes | invalid_value: 1, unknown_code: 1 |" in markdown
    assert "| assets.Purchase Cost | assets.acquisition_cost | 2050.25 | 1000.00 | 1000.00 | 50.25 | 1 | yes |" \
        in markdown
    document = json.loads(recon.to_json())
    assert document["balanced"] is True
    assert document["tables"][0]["rejected_by_reason"] == {"invalid_value": 1, "unknown_code": 1}
    assert document["totals"][0]["source_total"] == "2050.25"


def test_an_imbalance_is_reported() -> None:
    recon = Reconciliation("x")
    recon.table("t").rows_read = 3
    recon.table("t").rows_loaded = 2
    recon.totals[("t", "assets", "acquisition_cost")] = NumericTotal("t", "Cost", "assets", "acquisition_cost",
                                                                      source=Decimal(5), loaded=Decimal(4))
    assert not recon.balanced
    assert "Every source row accounted for: **NO**" in recon.to_markdown()
