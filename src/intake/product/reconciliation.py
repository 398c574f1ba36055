"""Reconciliation report: every source row accounted for, totals before and after.

Per source table: rows read = rows loaded + rows merged (identical duplicates folded into the first) +
rows rejected, with rejected rows per reason. Per entity: rows written and the tables they came from.
Per numeric column (money, hours): the total over all rows read, split into loaded, merged and rejected,
plus the count of values that could not be read as numbers. Only counts and totals, never row values.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class TableReconciliation:
    table: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_merged: int = 0
    rows_rejected: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # rejected rows per reason code
    rows_rejected_by_reader: int | None = None  # rows the connector could not parse (never reached here)

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.rows_loaded + self.rows_merged + self.rows_rejected

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "rows_read": self.rows_read, "rows_loaded": self.rows_loaded,
                "rows_merged": self.rows_merged, "rows_rejected": self.rows_rejected,
                "rows_rejected_by_reader": self.rows_rejected_by_reader, "balanced": self.balanced,
                "rejected_by_reason": dict(sorted(self.reasons.items()))}


@dataclass
class EntityReconciliation:
    entity: str
    rows: int = 0
    from_tables: Counter[str] = field(default_factory=Counter)  # one row per source row
    derived_from: Counter[str] = field(default_factory=Counter)  # de-duplicated from free-typed columns

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "rows": self.rows, "from_tables": dict(self.from_tables),
                "derived_from": dict(self.derived_from)}


Number = Decimal | float


@dataclass
class NumericTotal:
    table: str
    column: str
    entity: str
    field: str
    source: Number = 0
    loaded: Number = 0
    merged: Number = 0
    rejected: Number = 0
    unreadable_values: int = 0  # present in the source but not a number; counted in no total

    @property
    def balanced(self) -> bool:
        parts = (self.loaded, self.merged, self.rejected)
        if isinstance(self.source, Decimal) and all(isinstance(v, Decimal) for v in parts):
            return self.source == sum(parts, Decimal(0))  # money: exact
        return abs(float(self.source) - sum(float(v) for v in parts)) < 1e-6

    def to_dict(self) -> dict[str, Any]:
        def show(value: Number) -> Any:
            return str(value) if isinstance(value, Decimal) else round(value, 6)

        return {"table": self.table, "column": self.column, "entity": self.entity, "field": self.field,
                "source_total": show(self.source), "loaded_total": show(self.loaded),
                "merged_total": show(self.merged), "rejected_total": show(self.rejected),
                "unreadable_values": self.unreadable_values, "balanced": self.balanced}


@dataclass
class Reconciliation:
    system: str
    tables: dict[str, TableReconciliation] = field(default_factory=dict)
    entities: dict[str, EntityReconciliation] = field(default_factory=dict)
    totals: dict[tuple[str, str, str], NumericTotal] = field(default_factory=dict)
    values_nulled: Counter[str] = field(default_factory=Counter)  # "entity.field" -> invalid values nulled
    ignored_tables: dict[str, str] = field(default_factory=dict)
    # Lines the connectors could not parse in tables only the mapping's queries read: those tables have no row of
    # their own here, yet their unreadable lines are source rows to account for, as a mapped table's are.
    query_inputs_rejected_by_reader: dict[str, int] = field(default_factory=dict)

    def table(self, name: str) -> TableReconciliation:
        return self.tables.setdefault(name, TableReconciliation(name))

    def entity(self, name: str) -> EntityReconciliation:
        return self.entities.setdefault(name, EntityReconciliation(name))

    def total(self, table: str, column: str, entity: str, field_name: str) -> NumericTotal:
        key = (table, entity, field_name)
        return self.totals.setdefault(key, NumericTotal(table, column, entity, field_name))

    @property
    def balanced(self) -> bool:
        return all(t.balanced for t in self.tables.values()) and all(t.balanced for t in self.totals.values())

    @property
    def rows_read(self) -> int:
        return sum(t.rows_read for t in self.tables.values())

    @property
    def rows_rejected(self) -> int:
        return sum(t.rows_rejected for t in self.tables.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "balanced": self.balanced,
            "tables": [t.to_dict() for t in self.tables.values()],
            "entities": [e.to_dict() for e in self.entities.values()],
            "totals": [t.to_dict() for t in self.totals.values()],
            "values_nulled": dict(sorted(self.values_nulled.items())),
            "ignored_tables": dict(self.ignored_tables),
            "query_inputs_rejected_by_reader": dict(sorted(self.query_inputs_rejected_by_reader.items())),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def to_markdown(self) -> str:
        lines = [f"# Reconciliation: {self.system}", "",
                 f"Every source row accounted for: **{'yes' if self.balanced else 'NO'}**", "",
                 "## Source tables", "",
                 "| Table | Read | Loaded | Merged | Rejected | Balanced | Rejected by reason |",
                 "|---|---:|---:|---:|---:|---|---|"]
        for t in self.tables.values():
            reasons = ", ".join(f"{code}: {count}" for code, count in sorted(t.reasons.items())) or "-"
            reader = f" (+{t.rows_rejected_by_reader} unreadable)" if t.rows_rejected_by_reader else ""
            lines.append(f"| {t.table} | {t.rows_read}{reader} | {t.rows_loaded} | {t.rows_merged} | "
                         f"{t.rows_rejected} | {'yes' if t.balanced else 'NO'} | {reasons} |")
        lines += ["", "## Entities", "", "| Entity | Rows | From source rows | Derived (de-duplicated) from |",
                  "|---|---:|---|---|"]
        for e in self.entities.values():
            rows = ", ".join(f"{t}: {n}" for t, n in e.from_tables.items()) or "-"
            derived = ", ".join(f"{t}: {n}" for t, n in e.derived_from.items()) or "-"
            lines.append(f"| {e.entity} | {e.rows} | {rows} | {derived} |")
        if self.totals:
            lines += ["", "## Numeric totals", "",
                      "| Table.column | Field | Source | Loaded | Merged | Rejected | Unreadable | Balanced |",
                      "|---|---|---:|---:|---:|---:|---:|---|"]
            for n in self.totals.values():
                d = n.to_dict()
                lines.append(f"| {n.table}.{n.column} | {n.entity}.{n.field} | {d['source_total']} | "
                             f"{d['loaded_total']} | {d['merged_total']} | {d['rejected_total']} | "
                             f"{n.unreadable_values} | {'yes' if n.balanced else 'NO'} |")
        if self.values_nulled:
            lines += ["", "## Values set to empty (mapping says on_invalid: null)", ""]
            lines += [f"- {name}: {count}" for name, count in sorted(self.values_nulled.items())]
        if self.ignored_tables:
            lines += ["", "## Tables not imported", ""]
            lines += [f"- {name}: {reason}" for name, reason in self.ignored_tables.items()]
        if self.query_inputs_rejected_by_reader:
            lines += ["", "## Unreadable lines of tables only queries read", ""]
            lines += [f"- {name}: {count}" for name, count in sorted(self.query_inputs_rejected_by_reader.items())]
        return "\n".join(lines) + "\n"
