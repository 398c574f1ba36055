"""What profiling decided about each column of a table, with its reasons: stored in the findings report and
read back by the anonymiser, the re-scan and the reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class ColumnKind(StrEnum):
    IDENTIFIER = "identifier"
    FREE_TEXT = "free_text"
    NOT_PERSONAL = "not_personal"


@dataclass(frozen=True)
class ColumnClassification:
    column: str
    kind: ColumnKind
    entity_type: str | None = None
    confidence: float = 0.0
    reasons: tuple[str, ...] = ()
    sample_values: int = 0
    rates: Mapping[str, float] = field(default_factory=dict)
    sample_findings: Mapping[str, int] = field(default_factory=dict)
    # The data role the mapping gives the column (roles.py): person, free_text, reference or code; None when
    # the column was classified from its values alone (`intake scan file`, or a column the mapping does not read).
    role: str | None = None
    fields: tuple[str, ...] = ()  # product fields the column feeds ("jobs.engineer")

    @property
    def personal(self) -> bool:
        return self.kind == ColumnKind.IDENTIFIER or bool(self.sample_findings)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["kind"] = self.kind.value
        out["reasons"] = list(self.reasons)
        out["fields"] = list(self.fields)
        out["rates"] = dict(self.rates)
        out["sample_findings"] = dict(self.sample_findings)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ColumnClassification:
        return cls(
            column=data["column"], kind=ColumnKind(data["kind"]), entity_type=data.get("entity_type"),
            confidence=float(data.get("confidence", 0.0)), reasons=tuple(data.get("reasons", ())),
            sample_values=int(data.get("sample_values", 0)), rates=dict(data.get("rates", {})),
            sample_findings=dict(data.get("sample_findings", {})),
            role=data.get("role"), fields=tuple(data.get("fields", ())),
        )


@dataclass(frozen=True)
class TableClassification:
    table: str
    columns: Mapping[str, ColumnClassification]
    sample_rows: int = 0

    def column(self, name: str) -> ColumnClassification:
        return self.columns.get(name) or ColumnClassification(name, ColumnKind.NOT_PERSONAL, reasons=("not profiled",))

    def personal_columns(self) -> list[ColumnClassification]:
        return [c for c in self.columns.values() if c.personal]

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "sample_rows": self.sample_rows,
                "columns": [c.to_dict() for c in self.columns.values()]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TableClassification:
        cols = [ColumnClassification.from_dict(c) for c in data["columns"]]
        rows = int(data.get("sample_rows", 0))
        return cls(table=data["table"], columns={c.column: c for c in cols}, sample_rows=rows)
