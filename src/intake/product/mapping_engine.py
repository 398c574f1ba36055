"""The field engine: one batch of a legacy table, its source columns prepared (trimmed, placeholders as nulls)
and the mapping's expressions evaluated on whole Arrow arrays, with the rows each one failed and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.product.conversions import Converted, trim
from intake.product.errors import TransformError
from intake.product.ids import hash_strings, in_namespace, join_skipping_nulls
from intake.product.mapping_model import Expr, Mapping, TableMapping, _mask
from intake.product.schema import STRING
from intake.product.text_values import as_text


@dataclass
class Failure:
    """Rows where an expression failed, with the reason code and a value-free explanation."""

    mask: np.ndarray
    code: str
    detail: str


@dataclass
class Evaluated:
    values: pa.Array
    failures: list[Failure] = field(default_factory=list)
    nulled: int = 0  # invalid values turned into nulls because the mapping says on_invalid: null


def _cast(values: pa.Array, target: pa.DataType) -> pa.Array:
    if values.type == target:
        return values
    if pa.types.is_decimal(target) and pa.types.is_floating(values.type):
        values = pc.round(values, target.scale, round_mode="half_towards_infinity")
    return pc.cast(values, target)


def _placeholder_variants(values: Iterable[str]) -> pa.Array:
    """Placeholders as written and in lower, upper, title and capitalised case ("NA", "na", "Na", "N/a")."""
    variants = {form for v in values for form in (v, v.lower(), v.upper(), v.title(), v.capitalize())}
    return pa.array(sorted(variants), STRING)


class SourceBatch:
    """One batch of a legacy table (all columns text), with prepared columns and evaluated expressions cached."""

    def __init__(self, batch: pa.RecordBatch, mapping: Mapping, table: TableMapping) -> None:
        self.batch = batch
        self.mapping = mapping
        self.table = table
        self.num_rows = batch.num_rows
        self._placeholder_set = _placeholder_variants(mapping.null_values)
        self._short = max((len(v.encode()) for v in mapping.null_values), default=0)
        self._prepared: dict[tuple[str, bool], pa.Array] = {}
        self._cache: dict[tuple[Any, ...], Evaluated] = {}
        self._hashes: dict[int, tuple[pa.Array, np.ndarray]] = {}
        self.memo: dict[str, Any] = {}  # other per-batch results the transform computes once

    def hashes(self, namespace: str, values: pa.Array) -> np.ndarray:
        """Stable hashes of a string array of this batch; each array is hashed once for all namespaces."""
        cached = self._hashes.get(id(values))
        if cached is None or cached[0] is not values:
            cached = (values, hash_strings(values))
            self._hashes[id(values)] = cached
        return in_namespace(namespace, cached[1])

    def raw(self, column: str) -> pa.Array:
        index = self.batch.schema.get_field_index(column)
        if index < 0:
            line = self.table.columns().get(column)
            raise TransformError(
                f"table '{self.table.table}' has no column '{column}' (named on line {line} of mapping "
                f"{self.mapping.source}); fix the mapping or check the export's header")
        return as_text(self.batch.column(index))

    def column(self, name: str, keep_placeholders: bool = False) -> pa.Array:
        """A source column trimmed, with placeholders ("NA", "-", blank...) as nulls unless kept."""
        key = (name, keep_placeholders)
        if key not in self._prepared:
            values = trim(self.raw(name))
            if keep_placeholders:
                values = pc.if_else(pc.equal(values, ""), pa.scalar(None, STRING), values)
            else:
                values = self._drop_placeholders(values)
            self._prepared[key] = values
        return self._prepared[key]

    def _drop_placeholders(self, values: pa.Array) -> pa.Array:
        # only short strings can be placeholders: long free text is never hashed for the look-up
        lengths = pc.binary_length(values).to_numpy(zero_copy_only=False)
        short = np.flatnonzero(lengths <= self._short)  # nulls give NaN: never short
        if len(short) == 0:
            return values
        if len(short) == len(values):
            hit = _mask(pc.is_in(values, value_set=self._placeholder_set))
        else:
            hit = np.zeros(len(values), dtype=bool)
            hit[short[_mask(pc.is_in(values.take(pa.array(short)), value_set=self._placeholder_set))]] = True
        if not hit.any():
            return values
        return pc.if_else(pa.array(hit), pa.scalar(None, STRING), values)

    def any_present(self, columns: Iterable[str]) -> np.ndarray:
        present = np.zeros(self.num_rows, dtype=bool)
        for column in columns:
            present |= _mask(pc.is_valid(self.column(column)))
        return present

    def all_blank(self, columns: Iterable[str]) -> np.ndarray:
        return ~self.any_present(columns)

    def text(self, expr: Expr) -> pa.Array:
        """The joined, untyped source text of a column expression (before conversions)."""
        parts = [self.column(c, expr.keep_placeholders) for c in expr.columns]
        if len(parts) == 1:
            return parts[0]
        return join_skipping_nulls(parts, expr.join)

    def evaluate(self, expr: Expr, target: pa.DataType = STRING, enum: tuple[str, ...] | None = None) -> Evaluated:
        key = (*expr.cache_key, str(target), enum)
        if key not in self._cache:
            self._cache[key] = self._evaluate(expr, target, enum)
        return self._cache[key]

    def _evaluate(self, expr: Expr, target: pa.DataType, enum: tuple[str, ...] | None) -> Evaluated:
        n = self.num_rows
        if expr.kind == "value":
            return Evaluated(pa.repeat(pa.scalar(expr.value, target), n) if n else pa.array([], target))
        values = self.text(expr)
        failures: list[Failure] = []
        invalid_any = np.zeros(n, dtype=bool)
        for step in expr.steps:
            converted: Converted = step.conversion(values)
            values = converted.values
            if converted.invalid is not None and converted.invalid.any():
                fresh = converted.invalid & ~invalid_any
                invalid_any |= converted.invalid
                if fresh.any():
                    failures.append(Failure(fresh, "invalid_value",
                                            f"could not be read as a {step.conversion.kind}"))
        if expr.lookup is not None:
            values, unknown = expr.lookup.apply(values)
            if unknown.any():
                failures.append(Failure(unknown, "unknown_code", f"holds a code not in lookup '{expr.lookup.name}'"))
        elif enum is not None:
            known = _mask(pc.is_in(values, value_set=pa.array(list(enum), STRING)))
            unknown = _mask(pc.is_valid(values)) & ~known
            if unknown.any():
                failures.append(Failure(unknown, "unknown_code", "holds a value that is not an allowed code"))
                values = pc.if_else(pa.array(unknown), pa.scalar(None, values.type), values)
        nulled = 0
        if expr.on_invalid == "null" and failures:
            nulled = int(np.logical_or.reduce([f.mask for f in failures]).sum())
            failures = []
        if expr.default is not None:
            values = pc.fill_null(values, pa.scalar(expr.default, values.type))
        values = _cast(values, target)
        return Evaluated(values, failures, nulled)
