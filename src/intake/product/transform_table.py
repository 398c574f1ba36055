"""One mapping table run batch by batch: its outputs evaluated and validated, duplicates found, rows written
or rejected; each batch's counts and totals are accounted by `transform_accounting`."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.product.derive import Assignment, DerivedEntity
from intake.product.errors import TransformError
from intake.product.ids import format_ids, hash_strings
from intake.product.mapping import Evaluated, Expr, OutputMapping, SourceBatch, TableMapping
from intake.product.schema import ENTITIES, STRING, EntitySpec, FieldSpec
from intake.product.transform_accounting import account_batch
from intake.product.transform_outputs import EntityOutput
from intake.product.transform_state import TransformState
from intake.product.validation import Reason, ReasonCode, RowProblems, UniqueKeys, field_rules, order_rule


def _mask(values: pa.Array) -> np.ndarray:
    return values.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


@dataclass
class RowOutput:
    output: OutputMapping
    applies: np.ndarray
    hashes: np.ndarray
    valid: np.ndarray
    columns: dict[str, pa.Array]
    evaluated: dict[str, Evaluated] = field(default_factory=dict)
    failed: dict[str, np.ndarray] = field(default_factory=dict)
    unique_hashes: dict[str, np.ndarray] = field(default_factory=dict)  # unique fields not implied by the key


@dataclass
class _DerivedOutput:
    state: DerivedEntity
    assignment: Assignment
    fields: dict[str, pa.Array]


class _TableRun:
    def __init__(self, transformer: TransformState, table: TableMapping, output: EntityOutput) -> None:
        self.t = transformer
        self.table = table
        self.output = output
        self.next_row = 1
        self.columns = table.columns()
        self.checked_columns = False
        self.counts = transformer.reconciliation.table(table.table)
        self.schemas = {o.entity.name: o.entity.arrow_schema() for o in table.outputs}

    # -- per batch
    def process(self, batch: pa.RecordBatch) -> None:
        n = batch.num_rows
        if n == 0:
            return
        row_numbers = self._row_numbers(batch)
        src = SourceBatch(batch, self.t.mapping, self.table)
        if not self.checked_columns:
            for column in self.columns:
                src.raw(column)
            self.checked_columns = True
        problems = RowProblems(n)
        row_outputs: list[RowOutput] = []
        derived_outputs: list[_DerivedOutput] = []
        ids: dict[str, pa.Array] = {}
        for output in self.table.outputs:
            if output.derived:
                derived_outputs.append(self._derived(src, output, ids, problems))
            else:
                row_outputs.append(self._rows(src, output, ids, problems))
        blank = src.all_blank(self.columns)
        problems.only(blank, Reason(ReasonCode.EMPTY_ROW, None, None, None, "the row is empty"))

        content = self._content_hashes(src) if row_outputs[0].output.on_duplicate == "merge_identical" else None
        loaded, merged = self._deduplicate(src, row_outputs, problems, row_numbers, content)
        rejected = problems.any()
        self._commit(row_outputs, loaded, rejected, row_numbers, content)
        for derived in derived_outputs:
            derived.state.tally(derived.assignment, loaded, derived.fields, self.table.table)
        if rejected.any():
            keys = self._source_keys(src)
            self.output.write_rejects(problems.rejects(self.table.table, row_numbers, keys))
        account_batch(self.t.reconciliation, self.counts, self.table.table, row_outputs, problems, loaded,
                      merged, rejected, n)

    def _row_numbers(self, batch: pa.RecordBatch) -> np.ndarray:
        index = batch.schema.get_field_index(self.t.row_number_column)
        if index >= 0:
            try:
                return pc.cast(batch.column(index), pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                raise TransformError(f"column '{self.t.row_number_column}' of table '{self.table.table}' "
                                     "must hold whole row numbers") from None
        numbers = np.arange(self.next_row, self.next_row + batch.num_rows, dtype=np.int64)
        self.next_row += batch.num_rows
        return numbers

    def _reason(self, code: str, entity: EntitySpec, spec_field: str, expr: Expr | None, detail: str) -> Reason:
        column = expr.column_label if expr is not None and expr.columns else None
        where = f"{entity.name}.{spec_field}" + (f" (column '{column}')" if column else "")
        return Reason(code, entity.name, spec_field, column, f"{where} {detail}")

    def _add_failures(self, evaluated: Evaluated, applies: np.ndarray, problems: RowProblems,
                      entity: EntitySpec, field_name: str, expr: Expr) -> np.ndarray:
        failed = np.zeros(len(applies), dtype=bool)
        for failure in evaluated.failures:
            mask = failure.mask & applies
            failed |= mask
            problems.add(mask, self._reason(failure.code, entity, field_name, expr, failure.detail))
        if evaluated.nulled:
            self.t.reconciliation.values_nulled[f"{entity.name}.{field_name}"] += evaluated.nulled
        return failed

    def _value(self, src: SourceBatch, entity: EntitySpec, spec: FieldSpec, expr: Expr, ids: dict[str, pa.Array],
               applies: np.ndarray, problems: RowProblems) -> tuple[pa.Array, np.ndarray, Evaluated | None]:
        """(values, rows that failed, evaluation) of one field of an output."""
        if expr.kind == "ref":
            assert expr.target is not None
            return ids[expr.target], np.zeros(src.num_rows, dtype=bool), None
        if expr.kind == "id":
            assert expr.target is not None and expr.namespace is not None
            evaluated = src.evaluate(expr, STRING)
            failed = self._add_failures(evaluated, applies, problems, entity, spec.name, expr)
            hashes = src.hashes(expr.namespace, evaluated.values)
            valid = _mask(pc.is_valid(evaluated.values))
            check = valid & applies & ~failed
            found = self.t.keys(expr.target).contains(hashes)
            rejected = np.zeros(len(found), dtype=bool)
            unknown = np.flatnonzero(check & ~found)  # few: only they are looked up among rejected rows
            if len(unknown):
                rejected[unknown] = self.t.rejected(expr.target).contains(hashes[unknown])
            problems.add(check & rejected, self._reason(
                ReasonCode.REJECTED_REFERENCE, entity, spec.name, expr,
                f"refers to a row of '{expr.target}' that was rejected"))
            problems.add(check & ~found & ~rejected, self._reason(
                ReasonCode.MISSING_REFERENCE, entity, spec.name, expr,
                f"refers to a row of '{expr.target}' that is not in the source"))
            values = format_ids(ENTITIES[expr.target].id_prefix, hashes, valid)
            return values, failed | (check & ~found), evaluated
        evaluated = src.evaluate(expr, spec.type, spec.enum)
        failed = self._add_failures(evaluated, applies, problems, entity, spec.name, expr)
        return evaluated.values, failed, evaluated

    def _derived(self, src: SourceBatch, output: OutputMapping, ids: dict[str, pa.Array],
                 problems: RowProblems) -> _DerivedOutput:
        assert output.derive is not None
        state = self.t.derived_state(output)
        everywhere = np.ones(src.num_rows, dtype=bool)
        parts: list[pa.Array] = []
        for part in output.derive.key:
            if part.kind == "ref":
                assert part.target is not None
                parts.append(ids[part.target])
            else:
                evaluated = src.evaluate(part, STRING)
                self._add_failures(evaluated, everywhere, problems, output.entity, output.entity.primary_key, part)
                parts.append(evaluated.values)
        assignment = state.assign(parts)
        ids[output.entity.name] = format_ids(output.entity.id_prefix, assignment.hashes, assignment.valid)
        fields: dict[str, pa.Array] = {}
        for name, expr in output.fields.items():
            values, _, _ = self._value(src, output.entity, output.entity.field(name), expr, ids, assignment.valid,
                                       problems)
            fields[name] = values
        return _DerivedOutput(state, assignment, fields)

    def _rows(self, src: SourceBatch, output: OutputMapping, ids: dict[str, pa.Array],
              problems: RowProblems) -> RowOutput:
        entity = output.entity
        n = src.num_rows
        applies = src.any_present(output.when_present) if output.when_present else np.ones(n, dtype=bool)
        assert output.id is not None
        key = src.evaluate(output.id, STRING)
        failed_key = self._add_failures(key, applies, problems, entity, entity.primary_key, output.id)
        valid = _mask(pc.is_valid(key.values)) & ~failed_key
        problems.add(applies & ~valid & ~failed_key, self._reason(
            ReasonCode.MISSING_REQUIRED, entity, entity.primary_key, output.id, "(the key) is required but empty"))
        hashes = src.hashes(output.namespace, key.values)
        ids[entity.name] = format_ids(entity.id_prefix, hashes, valid)
        result = RowOutput(output, applies, hashes, valid, {entity.primary_key: ids[entity.name]})
        for spec in entity.fields[1:]:
            expr = output.fields.get(spec.name)
            if expr is None:
                result.columns[spec.name] = pa.nulls(n, spec.type)
                continue
            values, failed, evaluated = self._value(src, entity, spec, expr, ids, applies, problems)
            result.columns[spec.name] = values
            result.failed[spec.name] = failed
            if evaluated is not None:
                result.evaluated[spec.name] = evaluated
            for mask, reason in field_rules(spec, entity.name, expr.column_label or None, values, applies, failed,
                                            self.t.today):
                problems.add(mask, reason)
        for name in entity.unique:
            expr = output.fields.get(name)
            if expr is None or (expr.kind == "column" and expr.cache_key == output.id.cache_key):
                continue  # the same source value as the key: the key check covers it
            result.unique_hashes[name] = src.hashes(f"{entity.name}.{name}", result.columns[name])
        for earlier, later in entity.ordered:
            if earlier in output.fields and later in output.fields:
                mask, reason = order_rule(entity.name, earlier, later, result.columns[earlier],
                                          result.columns[later], applies)
                problems.add(mask, reason)
        return result

    # -- keys
    def _content_hashes(self, src: SourceBatch) -> np.ndarray:
        if "content" not in src.memo:
            parts = [src.column(c).fill_null("\x00") for c in sorted(self.columns)]
            src.memo["content"] = hash_strings(pc.binary_join_element_wise(*parts, "\x1f"))
        return src.memo["content"]  # type: ignore[no-any-return]

    def _deduplicate(self, src: SourceBatch, outputs: list[RowOutput], problems: RowProblems,
                     row_numbers: np.ndarray, content: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """(loaded, merged) masks; duplicate rows that cannot be merged get their reasons in `problems`.

        Identical duplicates (same content hash of every mapped column) are merged when the mapping says
        `on_duplicate: merge_identical`. Rejecting a row can make a later duplicate of it the first
        occurrence, so the checks repeat until no new conflict appears (twice at most in practice).
        """
        primary = outputs[0]
        entity = primary.output.entity
        while True:
            candidates = ~problems.any() & primary.valid
            check = self.t.keys(entity.name).check(primary.hashes, candidates, row_numbers, content)
            loaded = check.new
            newly_bad = np.zeros(src.num_rows, dtype=bool)
            for extra in outputs[1:]:
                rows = loaded & extra.applies & extra.valid
                conflict = self.t.keys(extra.output.entity.name).check(extra.hashes, rows, row_numbers, None)
                self._duplicates(conflict.conflict, conflict.related_row, extra.output.entity,
                                 extra.output.entity.primary_key, extra.output.id, ReasonCode.DUPLICATE_KEY, problems)
                newly_bad |= conflict.conflict
            for output in outputs:
                for name, value_hashes in output.unique_hashes.items():
                    expr = output.output.fields.get(name)
                    rows = loaded & output.applies & _mask(pc.is_valid(output.columns[name]))
                    keys = self.t.unique_values.setdefault((output.output.entity.name, name),
                                                           UniqueKeys(with_content=False))
                    conflict = keys.check(value_hashes, rows, row_numbers, None)
                    self._duplicates(conflict.conflict, conflict.related_row, output.output.entity, name, expr,
                                     ReasonCode.DUPLICATE_VALUE, problems)
                    newly_bad |= conflict.conflict
            if not newly_bad.any():
                break
        self._duplicates(check.conflict, check.related_row, entity, entity.primary_key, primary.output.id,
                         ReasonCode.DUPLICATE_KEY, problems)
        return loaded, check.merged

    def _duplicates(self, conflict: np.ndarray, related: np.ndarray, entity: EntitySpec, field_name: str,
                    expr: Expr | None, code: str, problems: RowProblems) -> None:
        if not conflict.any():
            return
        detail = ("has the same key as an earlier row with different values (see related_row)"
                  if code == ReasonCode.DUPLICATE_KEY else "repeats a value that must be unique (see related_row)")
        problems.add(conflict, self._reason(code, entity, field_name, expr, detail))
        problems.related_row[conflict] = related[conflict]

    def _commit(self, outputs: list[RowOutput], loaded: np.ndarray, rejected: np.ndarray, row_numbers: np.ndarray,
                content: np.ndarray | None) -> None:
        for number, output in enumerate(outputs):
            entity = output.output.entity
            rows = loaded & output.applies & output.valid
            self.t.keys(entity.name).commit(output.hashes, rows, row_numbers, content if number == 0 else None)
            for name, value_hashes in output.unique_hashes.items():
                value_rows = rows & _mask(pc.is_valid(output.columns[name]))
                self.t.unique_values[(entity.name, name)].commit(value_hashes, value_rows, row_numbers, None)
            failed = rejected & output.applies & output.valid
            if failed.any():
                self.t.rejected(entity.name).add(output.hashes[failed])
            if rows.any():
                batch = pa.RecordBatch.from_arrays([output.columns[f] for f in entity.field_names],
                                                   schema=self.schemas[entity.name])
                self.output.write_entity(entity.name, batch if rows.all() else batch.filter(pa.array(rows)))

    def _source_keys(self, src: SourceBatch) -> pa.Array | None:
        if not self.table.source_key:
            return None
        parts = [src.column(c, keep_placeholders=True) for c in self.table.source_key]
        if len(parts) == 1:
            return parts[0]
        return pc.binary_join_element_wise(*parts, " | ", null_handling="replace", null_replacement="")
