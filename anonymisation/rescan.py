"""Fail closed: scan the anonymised output again; any finding at or above the threshold stops the run.

Every output cell goes through the pattern and name-rule detectors, the deny-list included (vectorised
candidate filter first); numbers, decimals, dates and dictionary-encoded columns are read as text, and a column
of a type that cannot be read (binary, struct, list) stops the run. In an identifier column, a cell that still is a
value of the column's entity type counts too (a bare NHS number scores too low for the pattern scan alone,
but not in an NHS number column). The full detector (NER) runs on a sample of the distinct values of the
free-text columns and of any text column whose values average 4 words or more in the batch, among the values the
model would read (nergate.py: a capitalised word the rules leave undecided). Entity types the policy keeps on
purpose are not counted. Pseudonym tokens ("PERSON_3f9a2c1b7d4e5a60") are never findings.

The anonymiser checks its own output with these same detectors (rewrite.py), so a residual finding means
personal data the policy leaves in place, not a disagreement between two detectors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from intake.anonymisation.allowed import without_allowed
from intake.anonymisation.classification import ColumnKind, TableClassification
from intake.anonymisation.errors import ResidualPersonalData, UnscannableColumn
from intake.anonymisation.findings import Finding, resolve_overlaps
from intake.anonymisation.patterns import shared_scanner, whole_cell_findings
from intake.anonymisation.policy import Policy
from intake.anonymisation.report import MAX_EXAMPLES, redact_example
from intake.anonymisation.roles import REFERENCE, STRONG_ENTITIES
from intake.anonymisation.structured import (
    NER_MIN_WORDS,
    PLACEHOLDERS,
    as_strings,
    is_scannable_type,
    is_text_type,
    mean_words,
)
from intake.anonymisation.vocabulary import Vocabulary


@dataclass
class ColumnRescan:
    table: str
    column: str
    checked_values: int = 0
    ner_sampled: int = 0
    residual: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, value: str, finding: Finding) -> None:
        self.residual[finding.entity_type] += 1
        shown = self.examples.setdefault(finding.entity_type, [])
        if len(shown) < MAX_EXAMPLES:
            shown.append(redact_example(value[finding.start:finding.end]))


@dataclass
class RescanResult:
    threshold: float
    columns: list[ColumnRescan]

    @property
    def clean(self) -> bool:
        return not any(c.residual for c in self.columns)

    def residual_columns(self) -> list[ColumnRescan]:
        return [c for c in self.columns if c.residual]

    def raise_if_residual(self) -> RescanResult:
        if not self.clean:
            raise ResidualPersonalData(self)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "clean": self.clean,
            "columns": [
                {"table": c.table, "column": c.column, "checked_values": c.checked_values,
                 "ner_sampled": c.ner_sampled, "residual": dict(c.residual), "examples": c.examples}
                for c in self.columns
            ],
        }


class Rescanner:
    """Feed it the output batches of one table as they are written; result() gives the verdict."""

    def __init__(
        self,
        table: str,
        classification: TableClassification,
        policy: Policy,
        vocabulary: Vocabulary,
        text_analyzer: Any | None = None,  # FreeTextAnalyzer / TextDetector for the NER sample
        threshold: float = 0.6,
        ner_sample: int = 2000,
        mrn_patterns: Iterable[str] = (),
    ) -> None:
        self.table = table
        self.classification = classification
        self.policy = policy
        self.text_analyzer = text_analyzer
        self.threshold = threshold
        self.ner_sample = ner_sample
        self.patterns = shared_scanner(vocabulary, tuple(mrn_patterns), threshold)
        self.vocab = vocabulary
        self.columns: dict[str, ColumnRescan] = {}
        self._ner_values: dict[str, dict[str, None]] = {}

    def _skip(self, entity: str, column: str) -> bool:
        return self.policy.kept(entity, self.table, column)

    def update(self, batch: pa.RecordBatch) -> None:
        for i, f in enumerate(batch.schema):
            array = batch.column(i)
            if not is_scannable_type(array.type):
                raise UnscannableColumn(self.table, f.name, str(array.type), step="re-scan")
            override = self.policy.column_override(self.table, f.name)
            if override is not None and override.operator == "keep":
                continue
            if pa.types.is_null(array.type):
                continue
            col = self.columns.setdefault(f.name, ColumnRescan(self.table, f.name))
            col.checked_values += len(array) - array.null_count
            classified = self.classification.column(f.name)
            found = {v: without_allowed(v, found, self.vocab) for v, found in self.patterns.scan_array(array).items()}
            if classified.role == REFERENCE:
                # Kept on purpose, as the anonymiser keeps it: only identifiers recognisable from their own
                # shape count; names of wards and makers are not read as people, by rules or by the model.
                for value, findings in found.items():
                    for finding in findings:
                        if finding.entity_type in STRONG_ENTITIES and not self._skip(finding.entity_type, f.name):
                            col.add(value, finding)
                continue
            if classified.kind == ColumnKind.IDENTIFIER:
                for value, whole in whole_cell_findings(array, classified.entity_type).items():
                    found[value] = tuple(resolve_overlaps([*found.get(value, ()), *whole], value))
            for value, findings in found.items():
                for finding in findings:
                    if not self._skip(finding.entity_type, f.name):
                        col.add(value, finding)
            if self.text_analyzer is not None and self.ner_sample > 0 and is_text_type(array.type) and (
                classified.kind == ColumnKind.FREE_TEXT
                or mean_words(array) >= NER_MIN_WORDS
            ):
                pool = self._ner_values.setdefault(f.name, {})
                if len(pool) < self.ner_sample:
                    for v in as_strings(array).drop_null().to_pylist():
                        if v and v.strip().lower() not in PLACEHOLDERS and self.text_analyzer.needs_ner(v):
                            pool[v] = None
                            if len(pool) >= self.ner_sample:
                                break

    def result(self) -> RescanResult:
        analyzer = self.text_analyzer
        for column, pool in self._ner_values.items():
            if analyzer is None:  # the pools are filled only when there is one
                break
            values = list(pool)
            col = self.columns[column]
            col.ner_sampled = len(values)
            for value, findings in zip(values, analyzer.analyze(values), strict=True):
                for finding in without_allowed(value, findings, self.vocab):
                    if finding.score >= self.threshold and not self._skip(finding.entity_type, column):
                        col.add(value, finding)
        self._ner_values.clear()
        return RescanResult(self.threshold, list(self.columns.values()))


def rescan(
    table: str,
    batches: Iterable[pa.RecordBatch],
    classification: TableClassification,
    policy: Policy,
    vocabulary: Vocabulary,
    text_analyzer: Any | None = None,
    threshold: float = 0.6,
    ner_sample: int = 2000,
    raise_on_residual: bool = True,
) -> RescanResult:
    """Re-scan one table's anonymised batches; raises ResidualPersonalData (with the result) unless clean."""
    scanner = Rescanner(table, classification, policy, vocabulary, text_analyzer, threshold, ner_sample)
    for batch in batches:
        scanner.update(batch)
    result = scanner.result()
    if raise_on_residual:
        result.raise_if_residual()
    return result
