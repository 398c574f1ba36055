"""The global distinct-value pass: each distinct value of a table's free-text columns analysed once for the whole
dataset, not once per chunk and worker that meets it.

Chunks run on several worker processes, each with its own cache, so a value repeated across chunks was analysed
again on every worker (and again after the cache had moved on): 1.1x the distinct values at 100k + 300k rows on
2 workers, 3x at 1M + 3M. The flow now reads the free-text columns whole first (one `pc.unique` per row group,
then one over those), has the distinct values analysed once, spread over the session's workers, and hands each
chunk the findings of its own values, looked up with Arrow (`index_in`, `take`). The chunk's anonymiser takes
them as its detector's answers (FreeTextAnalyzer.known): the detector's result for a value depends only on the
value, the model and the configuration, so the output is the same as before and the same for any chunk size
and number of workers.

The answers include the NER gate's (would the model read the value?), which the anonymiser's check of its own
output and the re-scan ask again for every unchanged value.

Memory: the answers are kept as three Arrow arrays (the distinct values, their findings as JSON or null, the
gate's answer), so a process holding them needs about the bytes of the distinct values plus 5 bytes each, plus
the findings of the values that have some; a chunk's lookup builds one hash table over them (`index_in`) and
turns only the chunk's values into Python objects.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from intake.anonymisation.cell_findings import PLACEHOLDER_CELLS
from intake.anonymisation.classification import ColumnKind, TableClassification
from intake.anonymisation.findings import Finding
from intake.anonymisation.freetext import Answer
from intake.anonymisation.policy import Policy
from intake.anonymisation.roles import PERSON, REFERENCE
from intake.anonymisation.structured import as_strings, is_text_type

Findings = tuple[Finding, ...]


def free_text_columns(table: str, classification: TableClassification, policy: Policy) -> list[str]:
    """The columns the anonymiser reads as free text whatever their rows (Anonymiser._column): classified free
    text, neither a person nor a reference field, and not kept or dropped by a column override."""
    out = []
    for name, col in classification.columns.items():
        override = policy.column_override(table, name)
        if override is not None and override.operator in ("keep", "drop_column"):
            continue
        if col.kind == ColumnKind.FREE_TEXT and col.role not in (PERSON, REFERENCE):
            out.append(name)
    return out


def distinct_strings(batches: Iterable[pa.RecordBatch], column: str) -> pa.Array:
    """The distinct non-null values of a text column over all the batches, as `string` (order: first seen)."""
    parts = [pc.unique(as_strings(b.column(column)).drop_null()).cast(pa.string())
             for b in batches if column in b.schema.names and is_text_type(b.schema.field(column).type)]
    if not parts:
        return pa.array([], type=pa.string())
    return pc.unique(pa.chunked_array(parts, type=pa.string()))


def analysable(values: pa.Array) -> list[str]:
    """The values the anonymiser sends to the detector (Anonymiser._free_text): not empty, not a placeholder."""
    return [v for v in values.to_pylist() if v and v.strip().lower() not in PLACEHOLDER_CELLS]


def _encode(findings: Findings) -> str | None:
    if not findings:
        return None
    return json.dumps([[f.entity_type, f.start, f.end, f.score, f.recognizer] for f in findings])


def _decode(text: str | None) -> Findings:
    if text is None:
        return ()
    return tuple(Finding(e, s, t, sc, r) for e, s, t, sc, r in json.loads(text))


@dataclass(frozen=True)
class DistinctFindings:
    """The detector's answers for distinct values: `values`, their `findings` (JSON, or null for none, as for most)
    and `gate` (whether the model would read the value: NerGate.needs_ner) align."""

    values: pa.Array
    findings: pa.Array
    gate: pa.Array

    @classmethod
    def build(cls, values: Sequence[str], answers: Sequence[Answer]) -> DistinctFindings:
        if len(values) != len(answers):
            raise ValueError("one answer per value is needed")
        return cls(pa.array(values, type=pa.string()), pa.array([_encode(f) for f, _ in answers], type=pa.string()),
                   pa.array([g for _, g in answers], type=pa.bool_()))

    def __len__(self) -> int:
        return len(self.values)

    @property
    def nbytes(self) -> int:
        return int(self.values.nbytes + self.findings.nbytes + self.gate.nbytes)

    def for_values(self, values: pa.Array) -> dict[str, Answer]:
        """The answers for those of `values` that were analysed (every analysed value is a key)."""
        wanted = pc.unique(as_strings(values).drop_null()).cast(pa.string())
        if not len(wanted) or not len(self.values):
            return {}
        index = pc.index_in(wanted, value_set=self.values)
        hit = pc.is_valid(index)
        keys = pc.filter(wanted, hit).to_pylist()
        rows = pc.filter(index, hit)
        found = pc.take(self.findings, rows).to_pylist()
        gate = pc.take(self.gate, rows).to_pylist()
        return {k: (_decode(f), bool(g)) for k, f, g in zip(keys, found, gate, strict=True)}

    def to_parquet(self) -> bytes:
        sink = io.BytesIO()
        pq.write_table(pa.table({"value": self.values, "findings": self.findings, "gate": self.gate}), sink,
                       compression="zstd")
        return sink.getvalue()

    @classmethod
    def from_parquet(cls, data: bytes) -> DistinctFindings:
        table = pq.read_table(pa.BufferReader(data))
        return cls(*(table.column(c).combine_chunks() for c in ("value", "findings", "gate")))
