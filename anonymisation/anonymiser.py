"""Apply the policy to a stream of RecordBatches, column by column, following the table's classification.

- identifier columns: the operator on each distinct value (dictionary-encoded, so a value that repeats a
  million times is handled once); cells naming several people ("A Smith / B Jones") get one token per person;
- free-text columns (and any text column averaging 4 words or more in the batch): the detector on the
  distinct values (parallel, cached), each span replaced in place;
- other string columns: the cheap pattern scan, so that a phone number or a name typed into the wrong column
  is caught too; numbers, decimals and dates are scanned as text, and a personal value found in such a
  column is emptied (a token is not a number); binary, struct and list columns stop the run unless dropped.

Every rewritten value is then checked with the re-scan's own detectors and what they still find is replaced
too (rewrite.py), so that the fail-closed re-scan never stops a run the anonymiser could have made clean.

anonymise_batch is pure: for the same batch, classification, policy, secret and model it returns the same
output, whichever process or chunk runs it, so chunked (Dask/Prefect) runs give identical results. Text
columns always come out as `string` (never `large_string` or dictionary), so every batch has one schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from intake.anonymisation.allowed import without_allowed
from intake.anonymisation.cell_findings import (
    PLACEHOLDER_CELLS,
    SPLIT_NAMES,
    around,
    cells,
    name_parts,
    name_shaped_parts,
    retyped_values,
    split_names,
    whole_cell,
    whole_cell_ok,
)
from intake.anonymisation.classification import ColumnClassification, ColumnKind, TableClassification
from intake.anonymisation.counts import AnonymisationCounts, ColumnCounts
from intake.anonymisation.deny_list import DenyList
from intake.anonymisation.errors import UnscannableColumn
from intake.anonymisation.findings import Finding, drop_not_personal
from intake.anonymisation.labelled_things import thing_spans
from intake.anonymisation.name_tokens import tokenize
from intake.anonymisation.patterns import deny_candidate_pattern, shared_scanner
from intake.anonymisation.policy import Policy
from intake.anonymisation.recognizers_uk import with_birth_dates_after_names
from intake.anonymisation.revealed import Revealed
from intake.anonymisation.rewrite import Rewriter, strong_entities
from intake.anonymisation.roles import PERSON, REFERENCE, STRONG_ENTITIES
from intake.anonymisation.structured import NER_MIN_WORDS, as_strings, is_scannable_type, is_text_type, mean_words
from intake.anonymisation.vocabulary import Vocabulary, fold

_PLACE_CODE = re.compile(r"\b\d{1,3}[A-Z]?\s*$")


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
        self.revealed = Revealed()  # for the run to look for everywhere else (pass 3)
        self._rewriter = Rewriter(policy, secret, vocabulary, self.patterns, text_analyzer, stray_threshold,
                                  self._record)

    def _record(self, table: str, column: str, value: str, findings: Iterable[Finding]) -> None:
        findings = tuple(findings)
        self.revealed.replaced(value, findings)
        if self.recorder is not None:
            self.recorder.setdefault((table, column), {})[value] = findings

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

    def _identifier(
        self, table: str, col: ColumnClassification, array: pa.Array, counts: ColumnCounts, ner: bool
    ) -> pa.Array:
        column_entity = col.entity_type or "PERSON"
        name_shaped: frozenset[str] = frozenset()
        counts.operators[column_entity] = self.policy.for_entity(column_entity, table, col.column).operator
        whole = whole_cell_ok(array, column_entity, self.vocab)
        retyped = retyped_values(array, column_entity)
        if column_entity == "PERSON":
            # Cells that are not one name go to the text detector: all at once (batched, in parallel, cached)
            # rather than one by one below.
            others = [
                v for v in pc.unique(as_strings(array).drop_null()).to_pylist()
                if v not in whole and v not in retyped and v.strip().lower() not in PLACEHOLDER_CELLS
                and not self.vocab.is_allowed_term(v)
            ]
            if others:
                self.text_analyzer.analyze_distinct(others)
            name_shaped = name_shaped_parts(others)

        def person(value: str) -> tuple[Finding, ...]:
            return (whole_cell(value, "PERSON"),) if value in whole else self._person_cell(value, name_shaped)

        return self._rewriter.rewrite(table, col.column, array, cells(retyped, column_entity, person, self.vocab.marks),
                                      counts, ner=ner, settle_all=True, column_entity=col.entity_type)

    def _person_field(self, table: str, col: ColumnClassification, array: pa.Array, counts: ColumnCounts
                      ) -> pa.Array:
        """A column the mapping makes a person field: every value is replaced whole, whatever it looks like
        (one token per person where a cell names several), placeholders ("n/a", "-") aside."""
        column_entity = col.entity_type or "PERSON"
        counts.operators[column_entity] = self.policy.for_entity(column_entity, table, col.column).operator
        retyped = retyped_values(array, column_entity)

        def person(value: str) -> tuple[Finding, ...]:
            # "J Smith 07700 900123": the number keeps its own type (and operator), the rest is the person.
            typed = [f for f in self.patterns.find(value) if f.entity_type in STRONG_ENTITIES]
            return around(typed, name_parts(value), value)

        return self._rewriter.rewrite(table, col.column, array, cells(retyped, column_entity, person, self.vocab.marks),
                                      counts, ner=False, settle_all=True, column_entity=col.entity_type)

    def _reference(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        """A column the mapping makes reference data (sites, wards, makers, models, titles): kept, but for values
        that are plainly another identifier (an e-mail address typed into a ward). Values naming a person known
        in the dataset are counted for review, not changed: a sole trader's company may bear their name."""
        found = strong_entities(self.patterns.scan_array(array))
        strings = as_strings(array)
        flagged = list(self._known_names(strings))
        if flagged:
            hit = pc.fill_null(pc.is_in(strings, value_set=pa.array(flagged, type=pa.string())), False)
            counts.review_values += int(pc.sum(hit).as_py() or 0)
        if not found:
            return strings.cast(pa.string())
        return self._rewriter.rewrite(table, column, array, lambda _values: found, counts, ner=False,
                                      settle_all=False, strong_only=True)

    def replace_known_names(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        """Only the deny-list's names (in any of their spellings), known values and identifier schemes replaced:
        found elsewhere in the dataset, they are looked for again in text anonymised before they were known."""
        found = self._known_names(as_strings(array), any_entity=True) if is_text_type(array.type) else {}
        if not found:
            return array
        return self._rewriter.rewrite(table, column, array, lambda _values: found, counts, ner=False,
                                      settle_all=False, strong_only=True)

    def _known_names(self, strings: pa.Array, any_entity: bool = False) -> dict[str, tuple[Finding, ...]]:
        """Distinct values holding a deny-listed name (with `any_entity`, or a known value, mark or scheme), and where:
        only cells the RE2 pre-filter passes are read."""
        vocab = self.vocab
        if not (vocab.deny_keys or (any_entity and (vocab.deny_values or vocab.id_schemes or vocab.marks))):
            return {}
        if self._deny_candidate is None:
            self._deny_candidate = deny_candidate_pattern((*vocab.deny_words, *vocab.marks),
                                                          (v for v, _ in vocab.deny_values),
                                                          bool(vocab.id_schemes))
        if self._deny_candidate is None:
            return {}
        candidates = pc.filter(strings, pc.fill_null(pc.match_substring_regex(strings, self._deny_candidate), False))
        # what no detector reports (findings.drop_not_personal) is not reported here either: "physio" of a team's
        # "physio.godalming@" is no person, though somebody of the dataset is called Physio; nor a name a note
        # revealed inside a labelled thing's name or a call sign, which pass 2 kept ("Mask: Evora Nasal M-L",
        # "Sierra 13": labelled_things); a birth date beside a name found only now is the person's too ("(Archie
        # Whitfield 08/05/22)")
        return {v: tuple(with_birth_dates_after_names(v, f)) for v in pc.unique(candidates).to_pylist() if (
            f := self._outside_things(v, drop_not_personal(
                v, [x for x in self._deny.find(v) if any_entity or x.entity_type == "PERSON"])))}

    def _outside_things(self, value: str, findings: list[Finding]) -> list[Finding]:
        if not findings:
            return findings
        spans = thing_spans(value, tokenize(value), self.vocab)
        return [f for f in findings if f.entity_type != "PERSON"
                or not any(start <= f.start and f.end <= end for start, end in spans)] if spans else findings

    def _person_cell(self, value: str, name_shaped: frozenset[str]) -> tuple[Finding, ...]:
        """The names in a person column's cell that is not a single name: several names, or a name with other
        words. A cell where no name is found is replaced whole, unless it names a place ("Bay 5").
        `name_shaped`: the parts of the column's cells (split as here, trimmed) that are one name each."""
        if self.vocab.is_allowed_term(value):
            return ()
        parts = SPLIT_NAMES.split(value)
        if len(parts) > 1:
            names = parts[0::2]
            if all(not n.strip() or n.strip() in name_shaped or self.vocab.is_allowed_term(n) for n in names):
                return tuple(split_names(value, self.vocab.is_allowed_term))
        detected = self.text_analyzer.analyze_distinct([value])[value]
        if detected:
            return tuple(detected)
        if (self.vocab.contains_allowed(value) or _PLACE_CODE.search(value)) and not self._has_name_word(value):
            return ()  # "Bay 5", "CT Prep 13": a place written where a name was expected
        return (whole_cell(value, "PERSON"),)

    def _has_name_word(self, value: str) -> bool:
        v = self.vocab
        return any(
            (w in v.first_names or w in v.last_names) and w not in v.indicators and w not in v.common_words
            and w not in v.allow_tokens
            for w in fold(value).split()
        )

    def _free_text(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        def find(values: list[str | None]) -> dict[str, tuple[Finding, ...]]:
            texts = [v for v in values if v and v.strip().lower() not in PLACEHOLDER_CELLS]
            self.revealed.free_text(texts)
            found = {v: kept for v, f in self.text_analyzer.analyze_distinct(texts).items()
                     if f and (kept := without_allowed(v, f, self.vocab))}
            for value, findings in found.items():
                self.revealed.names_found(value, findings, self.vocab, self.threshold)
            return found

        return self._rewriter.rewrite(table, column, array, find, counts, ner=True, settle_all=True)

    def _stray(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        found = self.patterns.scan_array(array)
        if not found:
            return as_strings(array).cast(pa.string())
        # The first pass is the re-scan's own pattern scan: only rewritten values need another look.
        return self._rewriter.rewrite(table, column, array, lambda _values: found, counts, ner=False,
                                      settle_all=False)

    def _stray_values(self, table: str, column: str, array: pa.Array, counts: ColumnCounts) -> pa.Array:
        """Numbers, decimals, dates: read as text by the pattern scan; a personal value found (an NHS number
        stored as a number) is emptied, as a token cannot be stored in the column's type."""
        found = self._rewriter.residual_only(table, column, self.patterns.scan_array(array))
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

