"""One batch of a mapping table accounted in the reconciliation: the table's rows read, loaded, merged and
rejected (which must add up), the rows each entity was given, and the totals of the fields the schema sums."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.product.conversions_base import present_mask
from intake.product.errors import TransformError
from intake.product.reconciliation import Reconciliation, TableReconciliation
from intake.product.validation import ReasonCode, RowProblems

if TYPE_CHECKING:
    from intake.product.transform_table import RowOutput


def account_batch(reconciliation: Reconciliation, counts: TableReconciliation, table: str,
                  outputs: list[RowOutput], problems: RowProblems, loaded: np.ndarray, merged: np.ndarray,
                  rejected: np.ndarray, n: int) -> None:
    """Add one batch of `table` (`n` rows; `counts` is its record) to the reconciliation."""
    counts.rows_read += n
    counts.rows_loaded += int(loaded.sum())
    counts.rows_merged += int(merged.sum())
    counts.rows_rejected += int(rejected.sum())
    counts.reasons.update(problems.counts())
    if not counts.balanced:
        raise TransformError(f"internal accounting error on table '{table}': rows loaded, merged "
                             "and rejected do not add up to rows read; please report this")
    for output in outputs:
        entity = output.output.entity
        written = int((loaded & output.applies & output.valid).sum())
        record = reconciliation.entity(entity.name)
        record.rows += written
        record.from_tables[table] += written
        for spec in entity.fields:
            expr = output.output.fields.get(spec.name)
            if not spec.total or expr is None or expr.kind != "column":
                continue
            values = output.columns[spec.name]
            present = present_mask(values) & output.applies & ~output.failed[spec.name]
            total = reconciliation.total(table, expr.column_label, entity.name, spec.name)
            evaluated = output.evaluated.get(spec.name)
            if evaluated is not None:
                for failure in evaluated.failures:
                    if failure.code == ReasonCode.INVALID_VALUE:
                        total.unreadable_values += int((failure.mask & output.applies).sum())
            parts = {"source": present, "loaded": present & loaded, "merged": present & merged,
                     "rejected": present & rejected}
            for name, rows in parts.items():
                if rows.any():
                    value = pc.sum(values.filter(pa.array(rows))).as_py() or 0
                    setattr(total, name, getattr(total, name) + value)
