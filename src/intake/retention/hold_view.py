"""A hold as the retention rules, the CLI and the flows see it: a frozen copy of its registry row.

Its own module because both `rules` (which reads holds to decide) and `holds` (which places them and
imports `Rule` from `rules`) need it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from intake.clock import as_utc
from intake.registry.models import Hold, HoldKind, HoldOutcome


@dataclass(frozen=True)
class HoldView:
    id: str
    kind: HoldKind
    dataset_id: str | None
    customer_id: str | None
    reference: str
    reason: str
    opened_by: str
    opened_at: datetime
    closed_by: str | None
    closed_at: datetime | None
    outcome: HoldOutcome | None
    review_by: datetime | None = None  # legal holds: when the DPO next confirms it is still needed

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def review_due(self, now: datetime) -> bool:
        """An open legal hold past its review date (or with none: placed before review dates existed)."""
        return self.kind is HoldKind.LEGAL and self.is_open and (self.review_by is None or self.review_by <= now)


def view(hold: Hold) -> HoldView:
    return HoldView(
        id=hold.id, kind=hold.kind, dataset_id=hold.dataset_id, customer_id=hold.customer_id,
        reference=hold.reference, reason=hold.reason, opened_by=hold.opened_by, opened_at=as_utc(hold.opened_at),
        closed_by=hold.closed_by, closed_at=as_utc(hold.closed_at) if hold.closed_at else None, outcome=hold.outcome,
        review_by=as_utc(hold.review_by) if hold.review_by else None,
    )
