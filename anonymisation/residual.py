"""An honest statement of what may remain: an independent detector over a sample of the anonymised output.

The fail-closed re-scan (rescan.py) uses the anonymiser's own detectors, so it can only confirm that they
agree with themselves: a name they missed is missed twice. This check uses a different detector: plain
Presidio (its predefined recognizers and the spaCy model's NER, with none of intake's rules, gates, name
lists or thresholds), together with the dataset's own lists (names of its people on the deny-list, its
places and makers allowed). It reads a sample of the distinct values of each free-text column (chosen by a
hash of the value, so the same output gives the same sample in any chunk order) and states, per column and
entity type, how many sampled values it flags, with a 95% upper bound on the share of values that would be.

Its findings are an estimate, not a verdict: plain Presidio also flags capitalised device words, so the
count is an upper bound on what a second reader would find, never a claim that nothing is left.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from intake.anonymisation.deny_list import DenyList
from intake.anonymisation.nergate import mask_pseudonyms
from intake.anonymisation.report import MAX_EXAMPLES, redact_example
from intake.anonymisation.vocabulary import Vocabulary

RESIDUAL_ENTITIES = ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS", "UK_NINO", "CREDIT_CARD", "IBAN_CODE")
SCORE = 0.5  # plain Presidio's findings at or above this count
Z95 = 1.959964


def wilson_upper(flagged: int, sampled: int) -> float:
    """The 95% Wilson upper bound of a proportion: what the sample allows the true share to be, at most."""
    if sampled == 0:
        return 1.0
    p = flagged / sampled
    centre = p + Z95 * Z95 / (2 * sampled)
    spread = Z95 * math.sqrt(p * (1 - p) / sampled + Z95 * Z95 / (4 * sampled * sampled))
    return min(1.0, (centre + spread) / (1 + Z95 * Z95 / sampled))


class Sampler:
    """The `size` distinct values with the smallest hashes per column, whatever order the batches come in."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.values: dict[tuple[str, str], list[tuple[bytes, str]]] = {}
        self.seen: dict[tuple[str, str], set[str]] = {}

    def add(self, table: str, column: str, values: Iterable[str | None]) -> None:
        key = (table, column)
        heap = self.values.setdefault(key, [])  # a max-heap by negated hash: the largest is replaced first
        seen = self.seen.setdefault(key, set())
        for value in values:
            if not value or not value.strip() or value in seen:
                continue
            digest = hashlib.blake2b(value.encode(), digest_size=8).digest()
            negated = bytes(255 - b for b in digest)
            if len(heap) < self.size:
                heapq.heappush(heap, (negated, value))
                seen.add(value)
            elif negated > heap[0][0]:
                _, dropped = heapq.heapreplace(heap, (negated, value))
                seen.discard(dropped)
                seen.add(value)

    def sample(self) -> dict[tuple[str, str], list[str]]:
        return {key: sorted(v for _, v in heap) for key, heap in self.values.items()}


@dataclass
class ColumnResidual:
    table: str
    column: str
    sampled: int = 0
    flagged: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    known_names: int = 0  # sampled values still holding a name of the dataset's own deny-list
    examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def upper_bound(self) -> float:
        return wilson_upper(self.flagged, self.sampled)

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "column": self.column, "sampled": self.sampled, "flagged": self.flagged,
                "entities": dict(self.entities), "known_names": self.known_names,
                "upper_bound": round(self.upper_bound, 4), "examples": self.examples}


@dataclass
class ResidualEstimate:
    detector: str
    columns: list[ColumnResidual]

    @property
    def sampled(self) -> int:
        return sum(c.sampled for c in self.columns)

    @property
    def flagged(self) -> int:
        return sum(c.flagged for c in self.columns)

    @property
    def upper_bound(self) -> float:
        return wilson_upper(self.flagged, self.sampled)

    def to_dict(self) -> dict[str, Any]:
        return {"detector": self.detector, "sampled": self.sampled, "flagged": self.flagged,
                "upper_bound": round(self.upper_bound, 4), "columns": [c.to_dict() for c in self.columns]}

    def to_markdown(self) -> str:
        lines = [
            "# Residual risk (independent check)", "",
            f"Detector: {self.detector}. It did not anonymise this output: what it flags, the anonymiser's own "
            "detectors did not. Flags are an upper bound (plain Presidio also flags capitalised device words); a "
            "value it does not flag may still hold personal data it cannot recognise.", "",
            f"Sampled {self.sampled} distinct free-text values; flagged {self.flagged}; at most "
            f"{self.upper_bound:.1%} of such values would be flagged (95% upper bound).", "",
            "| table | column | sampled | flagged | upper bound | entities | known names | examples |",
            "| --- | --- | ---: | ---: | ---: | --- | ---: | --- |",
        ]
        for c in self.columns:
            ents = ", ".join(f"{k} {v}" for k, v in sorted(c.entities.items())) or "-"
            ex = "; ".join(e for v in c.examples.values() for e in v[:2]) or "-"
            lines.append(f"| {c.table} | {c.column} | {c.sampled} | {c.flagged} | {c.upper_bound:.1%} | {ents} | "
                         f"{c.known_names} | {ex} |")
        return "\n".join(lines) + "\n"


class IndependentCheck:
    """Plain Presidio with the dataset's lists, over sampled output values."""

    def __init__(self, vocabulary: Vocabulary, model_name: str) -> None:
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine, RecognizerRegistry

        from intake.anonymisation.engine import load_nlp_engine

        engine = load_nlp_engine(model_name)
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine, countries=["uk"])
        self.analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])
        self.batch = BatchAnalyzerEngine(self.analyzer)  # nlp.pipe over the sample: a third of the time
        supported = set(self.analyzer.get_supported_entities(language="en"))
        self.entities = [e for e in RESIDUAL_ENTITIES if e in supported]
        self.vocabulary = vocabulary
        self.deny = DenyList(vocabulary)
        self.detector = f"plain Presidio (predefined recognizers, spaCy model {model_name}) + the dataset's lists"

    def check(self, sample: dict[tuple[str, str], list[str]]) -> ResidualEstimate:
        columns = []
        for (table, column), values in sorted(sample.items()):
            result = ColumnResidual(table, column, sampled=len(values))
            texts = [mask_pseudonyms(v) for v in values]
            analysed = self.batch.analyze_iterator(texts, language="en", batch_size=64, entities=self.entities,
                                                   score_threshold=SCORE)
            for text, results in zip(texts, analysed, strict=True):
                found: set[str] = set()
                for r in results:
                    span = text[r.start:r.end]
                    if r.entity_type == "PERSON" and self.vocabulary.is_allowed_term(span):
                        continue  # the dataset's own wards, sites and makers
                    found.add(r.entity_type)
                    shown = result.examples.setdefault(r.entity_type, [])
                    if len(shown) < MAX_EXAMPLES:
                        shown.append(redact_example(span))
                if self.deny.find(text):
                    result.known_names += 1
                    found.add("PERSON")
                if found:
                    result.flagged += 1
                    result.entities.update(found)
            columns.append(result)
        return ResidualEstimate(self.detector, columns)
