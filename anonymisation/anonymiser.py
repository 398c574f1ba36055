"""Apply the policy to a stream of RecordBatches, column by column, following the table's classification.

- identifier columns: the operator on each distinct value (dictionary-encoded, so a value that repeats a
  million times is handled once); cells naming several people ("A Smith / B Jones") get one token per person;
- free-text columns: the detector on the distinct values (parallel, cached), each span replaced in place;
- other string columns: the cheap pattern scan, so that a phone number or a name typed into the wrong column
  is caught too.

anonymise_batch is pure: for the same batch, classification, policy, secret and model it returns the same
output, whichever process or chunk runs it, so chunked (Dask/Prefect) runs give identical results.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.anonymisation.findings import Finding
from intake.anonymisation.operators import OperatorContext, get_operator
from intake.anonymisation.patterns import PatternScanner
from intake.anonymisation.policy import OperatorSpec, Policy
from intake.anonymisation.profiler import ColumnClassification, ColumnKind, TableClassification
from intake.anonymisation.report import MAX_EXAMPLES, redact_example
from intake.anonymisation.structured import PLACEHOLDERS, as_strings, full_match_mask
from intake.anonymisation.vocabulary import Vocabulary, fold

_SPLIT_NAMES = re.compile(r"(\s*/\s*|\s*&\s*|\s*;\s*|\s+and\s+|\s*\+\s*|\s*\n\s*)")
_PLACEHOLDERS = frozenset(PLACEHOLDERS)
_PLACE_CODE = re.compile(r"\b\d{1,3}[A-Z]?\s*$")


@dataclass
class ColumnCounts:
    table: str
    column: str
    changed_values: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    operators: dict[str, str] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    dropped: bool = False

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
            for entity, examples in c.examples.items():
                for e in examples:
                    if len(mine.examples.setdefault(entity, [])) < MAX_EXAMPLES and e not in mine.examples[entity]:
                        mine.examples[entity].append(e)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": dict(self.rows),
            "columns": [
                {"table": c.table, "column": c.column, "changed_values": c.changed_values,
                 "entities": dict(c.entities), "operators": c.operators, "dropped": c.dropped}
                for c in self.columns.values()
            ],
        }


class Anonymiser:
    """Anonymises batches of one customer's dataset with a policy and the customer's secret."""

    def __init__(
        self,
        policy: Policy,
        secret: bytes,
        vocabulary: Vocabulary,
        text_analyzer: Any,  # FreeTextAnalyzer (or anything with analyze_distinct(values) -> {value: findings})
        stray_threshold: float = 0.6,
        mrn_patterns: Iterable[str] = (),
    ) -> None:
        if not secret or len(secret) < 16:
            raise ValueError("the customer secret must be at least 16 bytes (Vault.customer_secret gives 32)")
        self.policy = policy
        self.secret = secret
        self.vocab = vocabulary
        self.text_analyzer = text_analyzer
        self.patterns = PatternScanner(vocabulary, tuple(mrn_patterns), stray_threshold)
        self.counts = AnonymisationCounts()
        # Optional: (table, column) -> {original value: findings}; benchmarks use it to score detection.
        self.recorder: dict[tuple[str, str], dict[str, tuple[Finding, ...]]] | None = None

    def _record(self, table: str, column: str, value: str, findings: Iterable[Finding]) -> None:
        if self.recorder is not None:
            self.recorder.setdefault((table, column), {})[value] = tuple(findings)

    # -- public ------------------------------------------------------------------------------------------
    def anonymise_stream(
        self, table: str, classification: TableClassification, batches: Iterable[pa.RecordBatch]
    ) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield self.anonymise_batch(table, classification, batch)

    def anonymise_batch(
        self, table: str, classification: TableClassification, batch: pa.RecordBatch
    ) -> pa.RecordBatch:
        arrays: list[pa.Array] = []
        fields: list[pa.Field] = []
        self.counts.rows[table] += batch.num_rows
        for i, f in enumerate(batch.schema):
            col = classification.column(f.name)
            counts = self.counts.for_column(table, f.name)
            override = self.policy.column_override(table, f.name)
            if (override is not None and override.operator == "drop_column") or (
                col.kind == ColumnKind.IDENTIFIER and col.entity_type
                and self.policy.for_entity(col.entity_type, table, f.name).operator == "drop_column"
            ):
                counts.dropped = True
                counts.operators[col.entity_type or "column"] = "drop_column"
                if col.entity_type:
                    counts.entities[col.entity_type] += int(pc.sum(pc.is_valid(batch.column(i))).as_py() or 0)
                continue
            array = batch.column(i)
            if override is not None and override.operator == "keep":
                out = array
            elif col.kind == ColumnKind.IDENTIFIER:
                out = self._identifier(table, col, array, counts)
            elif col.kind == ColumnKind.FREE_TEXT:
                out = self._free_text(table, f.name, array, counts)
            elif pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
                out = self._stray(table, f.name, array, counts)
            else:
                out = array
            arrays.append(out)
            fields.append(pa.field(f.name, out.type, f.nullable, f.metadata))
        return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields, batch.schema.metadata))

    # -- per column kind ---------------------------------------------------------------------------------
    def _ctx(self, spec: OperatorSpec, in_text: bool) -> OperatorContext:
        return OperatorContext(self.secret, self.policy.token_length, spec.params, in_text)

    def _apply(self, value: str, entity: str, table: str, column: str, in_text: bool) -> str | None:
        spec = self.policy.for_entity(entity, table, column)
        return get_operator(spec.operator)(value, entity, self._ctx(spec, in_text))

    def _map_distinct(self, array: pa.Array, transform: Any, counts: ColumnCounts) -> pa.Array:
        """Apply transform(value, occurrences) -> (new value, changed) to each distinct value; rebuild the column."""
        strings = as_strings(array)
        encoded = pc.dictionary_encode(strings)
        dictionary = encoded.dictionary.to_pylist()
        indices = encoded.indices
        idx = indices.to_numpy(zero_copy_only=False)
        valid = ~np.asarray(pc.is_null(indices).to_numpy(zero_copy_only=False), dtype=bool)
        per_value = np.bincount(idx[valid].astype(np.int64), minlength=len(dictionary))
        new_values: list[str | None] = []
        changed = np.zeros(len(dictionary), dtype=bool)
        for k, value in enumerate(dictionary):
            new, did = transform(value, int(per_value[k]))
            new_values.append(new)
            changed[k] = did
        if not changed.any():
            return strings
        counts.changed_values += int(per_value[changed].sum())
        return pc.take(pa.array(new_values, type=pa.string()), indices)

    def _identifier(self, table: str, col: ColumnClassification, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        column_entity = col.entity_type or "PERSON"
        counts.operators[column_entity] = self.policy.for_entity(column_entity, table, col.column).operator
        whole = self._whole_cell_ok(array, column_entity)
        retyped = self._retyped(array, column_entity)
        if column_entity == "PERSON":
            # Cells that are not one name go to the text detector: all at once (batched, in parallel, cached)
            # rather than one by one below.
            others = [
                v for v in pc.unique(as_strings(array).drop_null()).to_pylist()
                if v not in whole and v not in retyped and v.strip().lower() not in _PLACEHOLDERS
                and not self.vocab.is_allowed_term(v)
            ]
            if others:
                self.text_analyzer.analyze_distinct(others)

        def transform(value: str | None, n: int) -> tuple[str | None, bool]:
            if value is None or value.strip().lower() in _PLACEHOLDERS:
                return value, False
            entity = retyped.get(value, column_entity)
            if entity != column_entity:
                counts.operators[entity] = self.policy.for_entity(entity, table, col.column).operator
            if entity == "PERSON" and value not in whole:
                return self._person_cell(value, table, col.column, counts, n)
            counts.entities[entity] += n
            counts.example(entity, value.strip())
            lead = len(value) - len(value.lstrip())
            self._record(table, col.column, value, [Finding(entity, lead, lead + len(value.strip()), 1.0, "column")])
            new = self._apply(value.strip(), entity, table, col.column, in_text=False)
            return new, new != value

        return self._map_distinct(array, transform, counts)

    def _retyped(self, array: pa.Array, column_entity: str) -> dict[str, str]:
        """Values that are plainly another entity than their column's (an e-mail typed into a phone column)."""
        distinct = pc.unique(as_strings(array).drop_null())
        trimmed = pc.utf8_trim_whitespace(distinct)
        out: dict[str, str] = {}
        for entity in ("EMAIL_ADDRESS", "UK_NHS", "UK_NINO", "PHONE_NUMBER"):
            if entity == column_entity:
                continue
            mask = full_match_mask(trimmed, entity)
            for value in pc.filter(distinct, mask).to_pylist():
                out.setdefault(value, entity)
        return out

    def _whole_cell_ok(self, array: pa.Array, entity: str) -> set[str]:
        """Distinct values of a person column that are one name (or login) and get one token."""
        if entity != "PERSON":
            return set()
        distinct = pc.unique(pc.utf8_trim_whitespace(as_strings(array)).drop_null())
        ok = pc.or_(full_match_mask(distinct, "PERSON"), full_match_mask(distinct, "USERNAME"))
        named = set(pc.filter(distinct, ok).to_pylist())
        raw = pc.unique(as_strings(array).drop_null()).to_pylist()
        return {v for v in raw if v.strip() in named and not self.vocab.is_allowed_term(v)}

    def _person_cell(
        self, value: str, table: str, column: str, counts: ColumnCounts, n: int
    ) -> tuple[str | None, bool]:
        """A person column's cell that is not a single name: several names, or a name with other words."""
        if self.vocab.is_allowed_term(value):
            return value, False
        parts = _SPLIT_NAMES.split(value)
        if len(parts) > 1:
            names = parts[0::2]
            shaped = full_match_mask(pa.array([p.strip() for p in names]), "PERSON").to_pylist()
            if all(s or not n.strip() or self.vocab.is_allowed_term(n) for s, n in zip(shaped, names, strict=True)):
                out = []
                found: list[Finding] = []
                pos = 0
                for k, part in enumerate(parts):
                    start, pos = pos, pos + len(part)
                    if k % 2 == 1 or not part.strip() or self.vocab.is_allowed_term(part):
                        out.append(part)
                        continue
                    counts.entities["PERSON"] += n
                    counts.example("PERSON", part.strip())
                    lead = len(part) - len(part.lstrip())
                    found.append(Finding("PERSON", start + lead, start + lead + len(part.strip()), 1.0, "column"))
                    out.append(self._apply(part.strip(), "PERSON", table, column, in_text=True) or "")
                self._record(table, column, value, found)
                return "".join(out), True
        found = self.text_analyzer.analyze_distinct([value])[value]
        if found:
            return self._replace_spans(value, found, table, column, counts, n), True
        if (self.vocab.contains_allowed(value) or _PLACE_CODE.search(value)) and not self._has_name_word(value):
            return value, False  # "Bay 5", "CT Prep 13": a place written where a name was expected
        counts.entities["PERSON"] += n
        counts.example("PERSON", value.strip())
        lead = len(value) - len(value.lstrip())
        self._record(table, column, value, [Finding("PERSON", lead, lead + len(value.strip()), 1.0, "column")])
        new = self._apply(value.strip(), "PERSON", table, column, in_text=False)
        return new, new != value

    def _has_name_word(self, value: str) -> bool:
        v = self.vocab
        return any(
            (w in v.first_names or w in v.last_names) and w not in v.indicators and w not in v.common_words
            and w not in v.allow_tokens
            for w in fold(value).split()
        )

    def _free_text(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        strings = as_strings(array)
        distinct = [v for v in pc.unique(strings).to_pylist() if v and v.strip().lower() not in _PLACEHOLDERS]
        found = self.text_analyzer.analyze_distinct(distinct)

        def transform(value: str | None, n: int) -> tuple[str | None, bool]:
            findings = found.get(value) if value is not None else None
            if not findings:
                return value, False
            return self._replace_spans(value, findings, table, column, counts, n), True

        return self._map_distinct(strings, transform, counts)

    def _stray(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        found = self.patterns.scan_array(array)
        if not found:
            return array

        def transform(value: str | None, n: int) -> tuple[str | None, bool]:
            findings = found.get(value) if value is not None else None
            if not findings:
                return value, False
            return self._replace_spans(value, findings, table, column, counts, n), True

        return self._map_distinct(array, transform, counts)

    def _replace_spans(
        self, text: str, findings: Iterable[Finding], table: str, column: str, counts: ColumnCounts, n: int = 1
    ) -> str | None:
        out = text
        spans = sorted(findings, key=lambda f: f.start, reverse=True)
        self._record(table, column, text, spans)
        whole = len(spans) == 1 and text[: spans[0].start].strip() == "" and text[spans[0].end:].strip() == ""
        for f in spans:
            original = text[f.start:f.end]
            spec = self.policy.for_entity(f.entity_type, table, column)
            counts.operators[f.entity_type] = spec.operator
            counts.entities[f.entity_type] += n
            counts.example(f.entity_type, original)
            new = get_operator(spec.operator)(original, f.entity_type, self._ctx(spec, in_text=not whole))
            if whole:
                return new
            out = out[: f.start] + (new if new is not None else "") + out[f.end:]
        return out
