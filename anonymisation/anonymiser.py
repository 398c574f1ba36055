"""Apply the policy to a stream of RecordBatches, column by column, following the table's classification.

- identifier columns: the operator on each distinct value (dictionary-encoded, so a value that repeats a
  million times is handled once); cells naming several people ("A Smith / B Jones") get one token per person;
- free-text columns (and any text column averaging 4 words or more in the batch): the detector on the
  distinct values (parallel, cached), each span replaced in place;
- other string columns: the cheap pattern scan, so that a phone number or a name typed into the wrong column
  is caught too; numbers, decimals and dates are scanned as text, and a personal value found in such a
  column is emptied (a token is not a number); binary, struct and list columns stop the run unless dropped.

Every rewritten value is then checked with the re-scan's own detectors (the pattern scan, and the NER at the
re-scan threshold wherever the re-scan would run it) and what they still find is replaced too, so that the
fail-closed re-scan only ever stops a run for a reason the anonymiser could not act on (a policy that keeps
values), never because the two disagree: "COLLINS, Wei" where the first pass only saw "COLLINS".

anonymise_batch is pure: for the same batch, classification, policy, secret and model it returns the same
output, whichever process or chunk runs it, so chunked (Dask/Prefect) runs give identical results. Text
columns always come out as `string` (never `large_string` or dictionary), so every batch has one schema.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.anonymisation.allowed import without_allowed
from intake.anonymisation.dataset_terms import person_names
from intake.anonymisation.errors import UnscannableColumn
from intake.anonymisation.findings import Finding, resolve_overlaps
from intake.anonymisation.names import DenyList
from intake.anonymisation.operators import OperatorContext, get_operator
from intake.anonymisation.patterns import deny_candidate_pattern, shared_scanner, whole_cell_findings
from intake.anonymisation.policy import OperatorSpec, Policy
from intake.anonymisation.profiler import ColumnClassification, ColumnKind, TableClassification
from intake.anonymisation.report import MAX_EXAMPLES, redact_example
from intake.anonymisation.roles import PERSON, REFERENCE, STRONG_ENTITIES
from intake.anonymisation.structured import (
    NER_MIN_WORDS,
    PLACEHOLDERS,
    as_strings,
    full_match_mask,
    is_scannable_type,
    is_text_type,
    mean_words,
)
from intake.anonymisation.vocabulary import Vocabulary, fold

_SPLIT_NAMES = re.compile(r"(\s*/\s*|\s*&\s*|\s*;\s*|\s+and\s+|\s*\+\s*|\s*\n\s*)")
_PLACEHOLDERS = frozenset(PLACEHOLDERS)
_PLACE_CODE = re.compile(r"\b\d{1,3}[A-Z]?\s*$")
# Passes of "check the output with the re-scan's detectors, replace what they find": a second pass is rare,
# a third almost never needed; what is still there after it is left to the re-scan to stop the run.
MAX_SETTLE_PASSES = 3
# (output start, output end, original start, original end, replaced): where each piece of an output came from.
Segment = tuple[int, int, int, int, bool]
Findings = Callable[[list[str | None]], dict[str, tuple[Finding, ...]]]


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
        # The re-scan's threshold: what the re-scan would flag, the anonymiser replaces.
        self.threshold = stray_threshold
        self.patterns = shared_scanner(vocabulary, tuple(mrn_patterns), stray_threshold)
        self._deny = DenyList(vocabulary)
        self._deny_candidate: str | None = None  # RE2 pattern of cells that may hold a deny-listed name
        self.counts = AnonymisationCounts()
        # Optional: (table, column) -> {original value: findings}; benchmarks use it to score detection.
        self.recorder: dict[tuple[str, str], dict[str, tuple[Finding, ...]]] | None = None
        # Full names found in free text (dataset_terms.person_names), for the run to look for everywhere else.
        self.found_names: set[str] = set()

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
            if not is_scannable_type(array.type):
                # Nothing can tell what the bytes or members of such a column hold: not passed on unread.
                raise UnscannableColumn(table, f.name, str(array.type))
            if override is not None and override.operator == "keep":
                out = array
            else:
                out = self._column(table, col, array, counts)
            arrays.append(out)
            fields.append(pa.field(f.name, out.type, f.nullable, f.metadata))
        return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields, batch.schema.metadata))

    # -- per column kind ---------------------------------------------------------------------------------
    def _column(self, table: str, col: ColumnClassification, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        if pa.types.is_dictionary(array.type):
            array = array.dictionary_decode()
        text = is_text_type(array.type)
        if col.role == PERSON and text:
            return self._person_field(table, col, array, counts)
        if col.role == REFERENCE and text:
            return self._reference(table, col.column, array, counts)
        # The re-scan runs the NER on such a batch whatever the classification said: so does the anonymiser.
        wordy = text and mean_words(array) >= NER_MIN_WORDS
        if col.kind == ColumnKind.IDENTIFIER:
            return self._identifier(table, col, array, counts, ner=wordy)
        if col.kind == ColumnKind.FREE_TEXT or wordy:
            return self._free_text(table, col.column, array, counts)
        if text:
            return self._stray(table, col.column, array, counts)
        if pa.types.is_null(array.type):
            return array
        return self._stray_values(table, col.column, array, counts)

    def _ctx(self, spec: OperatorSpec, in_text: bool) -> OperatorContext:
        return OperatorContext(self.secret, self.policy.token_length, spec.params, in_text)

    def _identifier(
        self, table: str, col: ColumnClassification, array: pa.Array, counts: ColumnCounts, ner: bool
    ) -> pa.Array:
        column_entity = col.entity_type or "PERSON"
        name_shaped: frozenset[str] = frozenset()
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
            name_shaped = _name_shaped_parts(others)

        def person(value: str) -> tuple[Finding, ...]:
            return (_whole_cell(value, "PERSON"),) if value in whole else self._person_cell(value, name_shaped)

        return self._rewrite(table, col.column, array, _cells(retyped, column_entity, person), counts, ner=ner,
                             settle_all=True, column_entity=col.entity_type)

    def _person_field(self, table: str, col: ColumnClassification, array: pa.Array, counts: ColumnCounts
                      ) -> pa.Array:
        """A column the mapping makes a person field: every value is replaced whole, whatever it looks like
        (one token per person where a cell names several), placeholders ("n/a", "-") aside."""
        column_entity = col.entity_type or "PERSON"
        counts.operators[column_entity] = self.policy.for_entity(column_entity, table, col.column).operator
        retyped = self._retyped(array, column_entity)

        def person(value: str) -> tuple[Finding, ...]:
            # "J Smith 07700 900123": the number keeps its own type (and operator), the rest is the person.
            typed = [f for f in self.patterns.find(value) if f.entity_type in STRONG_ENTITIES]
            return _around(typed, _name_parts(value), value)

        return self._rewrite(table, col.column, array, _cells(retyped, column_entity, person), counts, ner=False,
                             settle_all=True, column_entity=col.entity_type)

    def _reference(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        """A column the mapping makes reference data (sites, wards, makers, models, titles): kept, but for values
        that are plainly another identifier (an e-mail address typed into a ward). Values naming a person known
        in the dataset are counted for review, not changed: a sole trader's company may bear their name."""
        found = self._strong(self.patterns.scan_array(array))
        strings = as_strings(array)
        flagged = list(self._known_names(strings))
        if flagged:
            hit = pc.fill_null(pc.is_in(strings, value_set=pa.array(flagged, type=pa.string())), False)
            counts.review_values += int(pc.sum(hit).as_py() or 0)
        if not found:
            return strings.cast(pa.string())
        return self._rewrite(table, column, array, lambda _values: found, counts, ner=False, settle_all=False,
                             strong_only=True)

    def replace_known_names(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        """Only the deny-list's names (in any of their spellings) replaced: found elsewhere in the dataset, they
        are looked for again in text that was anonymised before they were known."""
        if not is_text_type(array.type):
            return array
        found = self._known_names(as_strings(array))
        if not found:
            return array
        return self._rewrite(table, column, array, lambda _values: found, counts, ner=False, settle_all=False,
                             strong_only=True)

    def _known_names(self, strings: pa.Array) -> dict[str, tuple[Finding, ...]]:
        """Distinct values holding a deny-listed name, and where: only cells the RE2 pre-filter passes are read."""
        if not self.vocab.deny_keys:
            return {}
        if self._deny_candidate is None:
            self._deny_candidate = deny_candidate_pattern(self.vocab.deny_words)
        candidates = pc.filter(strings, pc.fill_null(pc.match_substring_regex(strings, self._deny_candidate), False))
        return {v: tuple(f) for v in pc.unique(candidates).to_pylist() if (f := self._deny.find(v))}

    @staticmethod
    def _strong(found: dict[str, tuple[Finding, ...]]) -> dict[str, tuple[Finding, ...]]:
        out = {}
        for value, findings in found.items():
            strong = tuple(f for f in findings if f.entity_type in STRONG_ENTITIES)
            if strong:
                out[value] = strong
        return out

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

    def _person_cell(self, value: str, name_shaped: frozenset[str]) -> tuple[Finding, ...]:
        """The names in a person column's cell that is not a single name: several names, or a name with other
        words. A cell where no name is found is replaced whole, unless it names a place ("Bay 5").
        `name_shaped`: the parts of the column's cells (split as here, trimmed) that are one name each."""
        if self.vocab.is_allowed_term(value):
            return ()
        parts = _SPLIT_NAMES.split(value)
        if len(parts) > 1:
            names = parts[0::2]
            if all(not n.strip() or n.strip() in name_shaped or self.vocab.is_allowed_term(n) for n in names):
                found: list[Finding] = []
                pos = 0
                for k, part in enumerate(parts):
                    start, pos = pos, pos + len(part)
                    if k % 2 == 1 or not part.strip() or self.vocab.is_allowed_term(part):
                        continue
                    lead = len(part) - len(part.lstrip())
                    found.append(Finding("PERSON", start + lead, start + lead + len(part.strip()), 1.0, "column"))
                return tuple(found)
        detected = self.text_analyzer.analyze_distinct([value])[value]
        if detected:
            return tuple(detected)
        if (self.vocab.contains_allowed(value) or _PLACE_CODE.search(value)) and not self._has_name_word(value):
            return ()  # "Bay 5", "CT Prep 13": a place written where a name was expected
        return (_whole_cell(value, "PERSON"),)

    def _has_name_word(self, value: str) -> bool:
        v = self.vocab
        return any(
            (w in v.first_names or w in v.last_names) and w not in v.indicators and w not in v.common_words
            and w not in v.allow_tokens
            for w in fold(value).split()
        )

    def _free_text(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        def find(values: list[str | None]) -> dict[str, tuple[Finding, ...]]:
            texts = [v for v in values if v and v.strip().lower() not in _PLACEHOLDERS]
            found = {v: kept for v, f in self.text_analyzer.analyze_distinct(texts).items()
                     if f and (kept := without_allowed(v, f, self.vocab))}
            for value, findings in found.items():
                for f in findings:
                    if f.entity_type == "PERSON" and f.score >= self.threshold:
                        self.found_names.update(
                            n for n in person_names(value[f.start:f.end], self.vocab) if len(n.split()) > 1)
            return found

        return self._rewrite(table, column, array, find, counts, ner=True, settle_all=True)

    def _stray(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        found = self.patterns.scan_array(array)
        if not found:
            return as_strings(array).cast(pa.string())
        # The first pass is the re-scan's own pattern scan: only rewritten values need another look.
        return self._rewrite(table, column, array, lambda _values: found, counts, ner=False, settle_all=False)

    def _stray_values(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        """Numbers, decimals, dates: read as text by the pattern scan; a personal value found (an NHS number
        stored as a number) is emptied, as a token cannot be stored in the column's type."""
        found = self._residual_only(table, column, self.patterns.scan_array(array))
        if not found:
            return array
        strings = as_strings(array)
        hit = pc.fill_null(pc.is_in(strings, value_set=pa.array(list(found), type=pa.string())), False)
        occurrences = {
            row["values"]: row["counts"] for row in pc.value_counts(pc.filter(strings, hit)).to_pylist()
        }
        for value, findings in found.items():
            n = int(occurrences.get(value, 0))
            counts.changed_values += n
            for f in findings:
                counts.operators[f.entity_type] = "redact"
                counts.entities[f.entity_type] += n
                counts.example(f.entity_type, value[f.start:f.end])
            self._record(table, column, value, findings)
        return pc.if_else(hit, pa.scalar(None, type=array.type), array)

    # -- rewriting values --------------------------------------------------------------------------------
    def _rewrite(
        self, table: str, column: str, array: pa.Array, find: Findings, counts: ColumnCounts, ner: bool,
        settle_all: bool, column_entity: str | None = None, strong_only: bool = False,
    ) -> pa.Array:
        """Replace the findings of each distinct value, check the results with the re-scan's detectors, and
        rebuild the column (always as `string`)."""
        strings = as_strings(array)
        encoded = pc.dictionary_encode(strings)
        dictionary: list[str] = encoded.dictionary.to_pylist()
        indices = encoded.indices
        idx = indices.to_numpy(zero_copy_only=False)
        valid = ~np.asarray(pc.is_null(indices).to_numpy(zero_copy_only=False), dtype=bool)
        per_value = np.bincount(idx[valid].astype(np.int64), minlength=len(dictionary))
        found = find(cast(list[str | None], dictionary))  # a list of str is one of str | None, read only
        edits: list[tuple[Finding, ...]] = [tuple(sorted(found.get(v, ()), key=_start)) for v in dictionary]
        outputs: list[str | None] = list(dictionary)
        segments: list[list[Segment]] = [[] for _ in dictionary]
        for k, value in enumerate(dictionary):
            if edits[k]:
                outputs[k], segments[k] = self._render(value, edits[k], table, column)
        state = _Edits(dictionary, edits, outputs, segments, column_entity, strong_only)
        first = range(len(dictionary)) if settle_all else [k for k in range(len(dictionary)) if edits[k]]
        self._settle(table, column, state, list(first), ner)
        if not ner and not strong_only and \
                mean_words(pc.take(pa.array(outputs, type=pa.string()), indices)) >= NER_MIN_WORDS:
            self._settle(table, column, state, list(range(len(dictionary))), ner=True)
        changed = np.zeros(len(dictionary), dtype=bool)
        for k, value in enumerate(dictionary):
            if not edits[k]:
                continue
            n = int(per_value[k])
            for f in edits[k]:
                counts.operators[f.entity_type] = self.policy.for_entity(f.entity_type, table, column).operator
                counts.entities[f.entity_type] += n
                counts.example(f.entity_type, value[f.start:f.end].strip())
            self._record(table, column, value, edits[k])
            changed[k] = outputs[k] != value
        if not changed.any():
            return strings.cast(pa.string())
        counts.changed_values += int(per_value[changed].sum())
        return pc.take(pa.array(outputs, type=pa.string()), indices)

    def _render(
        self, text: str, findings: tuple[Finding, ...], table: str, column: str
    ) -> tuple[str | None, list[Segment]]:
        """The text with each finding replaced by its operator's output, and where each piece came from."""
        whole = len(findings) == 1 and not text[: findings[0].start].strip() and not text[findings[0].end:].strip()
        if whole:
            f = findings[0]
            new = self._operate(text[f.start:f.end], f.entity_type, table, column, in_text=False)
            return new, ([(0, len(new), f.start, f.end, True)] if new else [])
        pieces: list[str] = []
        segments: list[Segment] = []
        pos = out = 0
        for f in findings:
            if f.start > pos:
                pieces.append(text[pos:f.start])
                segments.append((out, out + f.start - pos, pos, f.start, False))
                out += f.start - pos
            new = self._operate(text[f.start:f.end], f.entity_type, table, column, in_text=True) or ""
            pieces.append(new)
            segments.append((out, out + len(new), f.start, f.end, True))
            out += len(new)
            pos = f.end
        if pos < len(text):
            pieces.append(text[pos:])
            segments.append((out, out + len(text) - pos, pos, len(text), False))
        return "".join(pieces), segments

    def _operate(self, value: str, entity: str, table: str, column: str, in_text: bool) -> str | None:
        spec = self.policy.for_entity(entity, table, column)
        return get_operator(spec.operator)(value, entity, self._ctx(spec, in_text))

    def _settle(self, table: str, column: str, state: _Edits, active: list[int], ner: bool) -> None:
        """Check the outputs with the re-scan's detectors; replace (in the original value) what they still find."""
        for _ in range(MAX_SETTLE_PASSES):
            by_text: dict[str, list[int]] = {}
            for k in active:
                text = state.outputs[k]
                if text is not None:
                    by_text.setdefault(text, []).append(k)
            if not by_text:
                return
            residual = self._residual(table, column, list(by_text), ner, state.column_entity)
            if state.strong_only:
                residual = self._strong(residual)
            changed: list[int] = []
            for text, found in residual.items():
                for k in by_text[text]:
                    mapped = [m for f in found if (m := _to_original(state.segments[k], f)) is not None]
                    merged = _merge(state.edits[k], mapped)
                    if _spans(merged) == _spans(state.edits[k]):
                        continue  # an operator that leaves the value as it was (keep, a weak mask): re-scan stops it
                    new, segments = self._render(state.values[k], merged, table, column)
                    state.edits[k], state.segments[k] = merged, segments
                    if new != state.outputs[k]:
                        state.outputs[k] = new
                        changed.append(k)
            active = changed
            if not active:
                return

    def _residual(
        self, table: str, column: str, texts: list[str], ner: bool, column_entity: str | None = None
    ) -> dict[str, tuple[Finding, ...]]:
        """What the re-scan would flag in these texts: the pattern scan, whole cells of an identifier column's
        entity type, and the NER where the re-scan runs it."""
        array = pa.array(texts, type=pa.string())
        found: dict[str, list[Finding]] = {t: list(f) for t, f in self.patterns.scan_array(array).items()}
        for text, whole in whole_cell_findings(array, column_entity).items():
            found.setdefault(text, []).extend(whole)
        if ner:
            # Texts the model would not read get nothing from the full detector that the pattern scan above
            # has not found: the re-scan samples only texts the model reads, and so does this check.
            candidates = [
                t for t in texts if t.strip().lower() not in _PLACEHOLDERS and self.text_analyzer.needs_ner(t)
            ]
            for text, findings in self.text_analyzer.analyze_distinct(candidates).items():
                strong = [f for f in findings if f.score >= self.threshold]
                if strong:
                    found.setdefault(text, []).extend(strong)
        return self._residual_only(table, column, {t: without_allowed(t, f, self.vocab) for t, f in found.items()})

    def _residual_only(
        self, table: str, column: str, found: dict[str, tuple[Finding, ...]]
    ) -> dict[str, tuple[Finding, ...]]:
        """Findings the re-scan counts: not of entity types the policy keeps in this column."""
        out = {}
        for text, findings in found.items():
            counted = [f for f in findings if not self.policy.kept(f.entity_type, table, column)]
            if counted:
                out[text] = tuple(resolve_overlaps(counted))
        return out


@dataclass
class _Edits:
    """Per distinct value of a column: the findings (in the original value), the output, its segments."""

    values: list[str]
    edits: list[tuple[Finding, ...]]
    outputs: list[str | None]
    segments: list[list[Segment]]
    column_entity: str | None = None  # an identifier column's entity type
    # No guessing while settling: only STRONG_ENTITIES (a reference column), and never the model.
    strong_only: bool = False


def _name_shaped_parts(values: list[str]) -> frozenset[str]:
    """The trimmed parts of these cells, split where a cell names several people, that are one name each: one
    vectorised match for the column (a regex compiled per cell cost more than the rest of the column)."""
    parts = {p.strip() for v in values for p in _SPLIT_NAMES.split(v)[0::2]} - {""}
    if not parts:
        return frozenset()
    array = pa.array(sorted(parts), type=pa.string())
    return frozenset(pc.filter(array, full_match_mask(array, "PERSON")).to_pylist())


def _cells(retyped: dict[str, str], column_entity: str, person: Callable[[str], tuple[Finding, ...]]) -> Findings:
    """The findings of an identifier column's cells: a value plainly of another type whole as that type, a
    person's cell as `person` says, placeholders ("n/a", "-") left alone."""

    def find(values: list[str | None]) -> dict[str, tuple[Finding, ...]]:
        out: dict[str, tuple[Finding, ...]] = {}
        for value in values:
            if value is None or value.strip().lower() in _PLACEHOLDERS:
                continue
            entity = retyped.get(value, column_entity)
            found = person(value) if entity == "PERSON" else (_whole_cell(value, entity),)
            if found:
                out[value] = found
        return out

    return find


def _name_parts(value: str) -> tuple[Finding, ...]:
    """One finding per person named in a person field's cell ("A Smith / B Jones"), else the whole cell."""
    parts = _SPLIT_NAMES.split(value)
    found: list[Finding] = []
    pos = 0
    for k, part in enumerate(parts):
        start, pos = pos, pos + len(part)
        if k % 2 == 1 or not part.strip():
            continue
        lead = len(part) - len(part.lstrip())
        found.append(Finding("PERSON", start + lead, start + lead + len(part.strip()), 1.0, "column"))
    return tuple(found) or (_whole_cell(value, "PERSON"),)


def _around(typed: list[Finding], parts: tuple[Finding, ...], value: str) -> tuple[Finding, ...]:
    """The typed findings, and each part's text outside them as PERSON: together they cover every word."""
    out = list(typed)
    for part in parts:
        pos = part.start
        for f in sorted(typed, key=_start):
            if f.end <= pos or f.start >= part.end:
                continue
            out.extend(_words(value, pos, f.start))
            pos = max(pos, f.end)
        out.extend(_words(value, pos, part.end))
    return tuple(sorted(out, key=_start))


def _words(value: str, start: int, end: int) -> list[Finding]:
    piece = value[start:end]
    if not any(ch.isalnum() for ch in piece):
        return []
    lead = len(piece) - len(piece.lstrip(" \t,;:-()"))
    trail = len(piece) - len(piece.rstrip(" \t,;:-()"))
    return [Finding("PERSON", start + lead, end - trail, 1.0, "column")]


def _start(f: Finding) -> int:
    return f.start


def _spans(findings: Iterable[Finding]) -> list[tuple[str, int, int]]:
    return [(f.entity_type, f.start, f.end) for f in findings]


def _whole_cell(value: str, entity: str) -> Finding:
    lead = len(value) - len(value.lstrip())
    return Finding(entity, lead, lead + len(value.strip()), 1.0, "column")


def _to_original(segments: list[Segment], finding: Finding) -> Finding | None:
    """The span of the original value that an output span comes from (a replaced piece counts whole)."""
    lo: int | None = None
    hi = 0
    for out_start, out_end, start, end, replaced in segments:
        if out_end <= finding.start or finding.end <= out_start:
            continue
        if replaced:
            a, b = start, end
        else:
            a = start + max(finding.start, out_start) - out_start
            b = start + min(finding.end, out_end) - out_start
        lo = a if lo is None else min(lo, a)
        hi = max(hi, b)
    if lo is None or hi <= lo:
        return None
    return Finding(finding.entity_type, lo, hi, finding.score, finding.recognizer)


def _merge(edits: tuple[Finding, ...], more: list[Finding]) -> tuple[Finding, ...]:
    """The edits plus more findings; a finding overlapping earlier ones absorbs them (the larger span, its type)."""
    result = list(edits)
    for f in more:
        overlapping = [e for e in result if e.start < f.end and f.start < e.end]
        if overlapping:
            result = [e for e in result if e not in overlapping]
            f = Finding(f.entity_type, min(f.start, *(e.start for e in overlapping)),
                        max(f.end, *(e.end for e in overlapping)),
                        max(f.score, *(e.score for e in overlapping)), f.recognizer)
        result.append(f)
    return tuple(sorted(result, key=_start))
