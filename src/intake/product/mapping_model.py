"""The mapping model: the frozen dataclasses a loaded mapping file is (tables, outputs, field expressions,
conversion steps, lookup tables), which the engine evaluates and the transform runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.product.conversions import Conversion
from intake.product.queries import Query
from intake.product.schema import STRING, EntitySpec


@dataclass(frozen=True)
class Step:
    name: str
    params: tuple[tuple[str, str], ...]
    conversion: Conversion
    line: int


@dataclass(frozen=True)
class LookupTable:
    name: str
    codes: dict[str, str]
    ignore_case: bool
    default: str | None
    line: int
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # code (or "default") -> line

    def __post_init__(self) -> None:
        keys = [k.lower() if self.ignore_case else k for k in self.codes]
        object.__setattr__(self, "_keys", pa.array(keys, STRING))
        object.__setattr__(self, "_targets", pa.array(list(self.codes.values()), STRING))

    def apply(self, values: pa.Array) -> tuple[pa.Array, np.ndarray]:
        """(product codes, mask of present values that are not in the table)."""
        probe = pc.utf8_lower(values) if self.ignore_case else values
        out = pc.take(self._targets, pc.index_in(probe, value_set=self._keys))  # type: ignore[attr-defined]
        unknown = _mask(pc.and_(pc.is_valid(values), pc.is_null(out)))
        if self.default is not None and unknown.any():
            out = pc.if_else(pa.array(unknown), self.default, out)
            unknown = np.zeros(len(values), dtype=bool)
        return out, unknown


def _mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


@dataclass(frozen=True)
class Expr:
    """How one product value is computed from a source row."""

    kind: str  # "column", "value", "id" or "ref"
    line: int
    columns: tuple[str, ...] = ()
    join: str = " "
    steps: tuple[Step, ...] = ()
    lookup: LookupTable | None = None
    default: Any = None  # typed Python value
    value: Any = None  # typed Python value of a constant
    target: str | None = None  # entity of an id or ref
    namespace: str | None = None
    keep_placeholders: bool = False
    on_invalid: str = "reject"
    output_type: pa.DataType = STRING

    @property
    def column_label(self) -> str:
        return "+".join(self.columns)

    @property
    def cache_key(self) -> tuple[Any, ...]:
        return (self.kind, self.columns, self.join, tuple((s.name, s.params) for s in self.steps),
                self.lookup.name if self.lookup else None, repr(self.default), repr(self.value),
                self.keep_placeholders, self.on_invalid, str(self.output_type))


@dataclass(frozen=True)
class DeriveSpec:
    key: tuple[Expr, ...]
    match: str  # "exact" or "fuzzy"
    threshold: float
    ignore_words: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class OutputMapping:
    entity: EntitySpec
    namespace: str
    line: int
    fields: dict[str, Expr]
    id: Expr | None = None  # row outputs
    derive: DeriveSpec | None = None  # derived outputs
    when_present: tuple[str, ...] = ()
    on_duplicate: str = "reject"

    @property
    def derived(self) -> bool:
        return self.derive is not None


@dataclass(frozen=True)
class TableMapping:
    table: str
    line: int
    outputs: tuple[OutputMapping, ...]
    source_key: tuple[str, ...] = ()
    query: Query | None = None  # the table's rows are this query's, over the export's tables

    @property
    def primary(self) -> OutputMapping | None:
        return next((o for o in self.outputs if not o.derived), None)

    def columns(self) -> dict[str, int]:
        """Every source column the table's outputs read, with the line that first names it."""
        found: dict[str, int] = {}

        def add(expr: Expr) -> None:
            for column in expr.columns:
                found.setdefault(column, expr.line)

        for output in self.outputs:
            for column in output.when_present:
                found.setdefault(column, output.line)
            if output.id:
                add(output.id)
            if output.derive:
                for part in output.derive.key:
                    add(part)
            for expr in output.fields.values():
                add(expr)
        for column in self.source_key:
            found.setdefault(column, self.line)
        return found


@dataclass(frozen=True)
class Mapping:
    system: str
    title: str
    source: str
    sha256: str
    null_values: tuple[str, ...]
    lookups: dict[str, LookupTable]
    tables: tuple[TableMapping, ...]
    ignore_tables: dict[str, str] = field(default_factory=dict)

    def table(self, name: str) -> TableMapping:
        for table in self.tables:
            if table.table == name:
                return table
        raise KeyError(name)

    def read_by_queries(self) -> dict[str, list[str]]:
        """Export table (as a query names it) -> the mapping tables whose queries read it."""
        readers: dict[str, list[str]] = {}
        for table in self.tables:
            for name in table.query.reads if table.query else ():
                readers.setdefault(name, []).append(table.table)
        return readers
