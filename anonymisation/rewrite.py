"""Rewriting a column's distinct values: each finding replaced by its operator's output, then every output checked
with the re-scan's own detectors (the pattern scan, and the NER at the re-scan threshold wherever the re-scan
would run it) and what they still find replaced too, so that the fail-closed re-scan only ever stops a run for a
reason the anonymiser could not act on (a policy that keeps values), never because the two disagree: "COLLINS,
Wei" where the first pass only saw "COLLINS".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.anonymisation.allowed import without_allowed
from intake.anonymisation.cell_findings import PLACEHOLDER_CELLS, Findings
from intake.anonymisation.counts import ColumnCounts
from intake.anonymisation.findings import Finding, by_start, resolve_overlaps
from intake.anonymisation.operators import OperatorContext, get_operator
from intake.anonymisation.patterns import PatternScanner, whole_cell_findings
from intake.anonymisation.policy import OperatorSpec, Policy
from intake.anonymisation.roles import STRONG_ENTITIES
from intake.anonymisation.structured import NER_MIN_WORDS, as_strings, mean_words
from intake.anonymisation.vocabulary import Vocabulary

# Passes of "check the output with the re-scan's detectors, replace what they find": a second pass is rare,
# a third almost never needed; what is still there after it is left to the re-scan to stop the run.
MAX_SETTLE_PASSES = 3
# (output start, output end, original start, original end, replaced): where each piece of an output came from.
Segment = tuple[int, int, int, int, bool]
Recorder = Callable[[str, str, str, Iterable[Finding]], None]


class Rewriter:
    """Rewrites columns of one customer's dataset with the policy's operators and the customer's secret."""

    def __init__(
        self, policy: Policy, secret: bytes, vocabulary: Vocabulary, patterns: PatternScanner, text_analyzer: Any,
        threshold: float, record: Recorder,
    ) -> None:
        self.policy = policy
        self.secret = secret
        self.vocab = vocabulary
        self.patterns = patterns
        self.text_analyzer = text_analyzer
        self.threshold = threshold
        self._record = record

    def rewrite(
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
        edits: list[tuple[Finding, ...]] = [tuple(sorted(found.get(v, ()), key=by_start)) for v in dictionary]
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
                residual = strong_entities(residual)
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
                t for t in texts if t.strip().lower() not in PLACEHOLDER_CELLS and self.text_analyzer.needs_ner(t)
            ]
            for text, findings in self.text_analyzer.analyze_distinct(candidates).items():
                strong = [f for f in findings if f.score >= self.threshold]
                if strong:
                    found.setdefault(text, []).extend(strong)
        return self.residual_only(table, column, {t: without_allowed(t, f, self.vocab) for t, f in found.items()})

    def residual_only(
        self, table: str, column: str, found: dict[str, tuple[Finding, ...]]
    ) -> dict[str, tuple[Finding, ...]]:
        """Findings the re-scan counts: not of entity types the policy keeps in this column."""
        out = {}
        for text, findings in found.items():
            counted = [f for f in findings if not self.policy.kept(f.entity_type, table, column)]
            if counted:
                out[text] = tuple(resolve_overlaps(counted, text))
        return out

    def _ctx(self, spec: OperatorSpec, in_text: bool) -> OperatorContext:
        return OperatorContext(self.secret, self.policy.token_length, spec.params, in_text)


def strong_entities(found: dict[str, tuple[Finding, ...]]) -> dict[str, tuple[Finding, ...]]:
    """Only the findings of STRONG_ENTITIES: what may be replaced where nothing is to be guessed."""
    out = {}
    for value, findings in found.items():
        strong = tuple(f for f in findings if f.entity_type in STRONG_ENTITIES)
        if strong:
            out[value] = strong
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


def _spans(findings: Iterable[Finding]) -> list[tuple[str, int, int]]:
    return [(f.entity_type, f.start, f.end) for f in findings]


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
    return tuple(sorted(result, key=by_start))
