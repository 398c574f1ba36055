"""What the anonymiser did, for the findings report: rows per table; per column the entities found, the
operators applied, the cells changed and a few redacted examples. Counts from chunks processed elsewhere add up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from intake.anonymisation.report import MAX_EXAMPLES, redact_example


@dataclass
class ColumnCounts:
    table: str
    column: str
    changed_values: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    operators: dict[str, str] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    dropped: bool = False
    review_values: int = 0  # reference cells naming a person known in the dataset: kept, shown for review

    def example(self, entity: str, value: str) -> None:
        shown = self.examples.setdefault(entity, [])
        if len(shown) < MAX_EXAMPLES:
            red = redact_example(value)
            if red not in shown:
                shown.append(red)


@dataclass
class AnonymisationCounts:
    """Counts for the findings report: rows per table; per column entities, operators, changed cells."""

    rows: Counter[str] = field(default_factory=Counter)
    columns: dict[tuple[str, str], ColumnCounts] = field(default_factory=dict)

    def column(self, table: str, column: str) -> ColumnCounts | None:
        return self.columns.get((table, column))

    def for_column(self, table: str, column: str) -> ColumnCounts:
        key = (table, column)
        if key not in self.columns:
            self.columns[key] = ColumnCounts(table, column)
        return self.columns[key]

    def merge(self, other: AnonymisationCounts) -> None:
        """Add counts from another (e.g. a chunk processed elsewhere)."""
        self.rows.update(other.rows)
        for key, c in other.columns.items():
            mine = self.for_column(*key)
            mine.changed_values += c.changed_values
            mine.entities.update(c.entities)
            mine.operators.update(c.operators)
            mine.dropped = mine.dropped or c.dropped
            mine.review_values += c.review_values
            for entity, examples in c.examples.items():
                for e in examples:
                    if len(mine.examples.setdefault(entity, [])) < MAX_EXAMPLES and e not in mine.examples[entity]:
                        mine.examples[entity].append(e)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": dict(self.rows),
            "columns": [
                {"table": c.table, "column": c.column, "changed_values": c.changed_values,
                 "entities": dict(c.entities), "operators": c.operators, "dropped": c.dropped,
                 "review_values": c.review_values}
                for c in self.columns.values()
            ],
        }
