"""What one chunk's anonymisation revealed for pass 3 to look for everywhere else in the dataset.

- the full names its free text named (dataset_terms.names_in_text): a name caught in one row is caught in all;
- the identifiers found anywhere (id_schemes.PROPAGATED): each number caught in every row, and the dataset's
  schemes learnt from them;
- the shapes of the numbers its free text labels as something else (id_schemes.CodeShapes): shapes no scheme
  may take;
- the initials its free text signs with ("fitted new battery JB", "[KM] no fault", "Sent by: ta"): a mark the
  rules found where it surely signs is caught where another entry ends or opens with it, whatever it spells, and in
  capitals wherever else the dataset writes it (person_marks.signing_marks decides which: never an abbreviation, a
  word or a term of the vocabulary).
The run keeps it encrypted beside its work files (pipeline.terms.store_found) and merges the chunks' in any order:
the merge is a union, so the output depends on neither chunk order nor worker count.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from intake.anonymisation.dataset_terms import names_in_text
from intake.anonymisation.findings import Finding
from intake.anonymisation.id_schemes import PROPAGATED, SCHEME_RECOGNIZER, CodeShapes
from intake.anonymisation.initials import RECOGNIZER, SIGNED_RECOGNIZER
from intake.anonymisation.vocabulary import Vocabulary

MARK_RECOGNIZERS = frozenset({RECOGNIZER, SIGNED_RECOGNIZER})


@dataclass
class Revealed:
    names: set[str] = field(default_factory=set)
    identifiers: set[tuple[str, str]] = field(default_factory=set)  # (value, entity type)
    other_numbers: CodeShapes = field(default_factory=CodeShapes)
    marks: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.names or self.identifiers or self.other_numbers.values or self.marks)

    def replaced(self, value: str, findings: Iterable[Finding]) -> None:
        """A value was rewritten for these findings: its identifiers (not those a learnt scheme found) count."""
        self.identifiers.update((value[f.start:f.end].strip(), f.entity_type) for f in findings
                                if f.entity_type in PROPAGATED and f.recognizer != SCHEME_RECOGNIZER)

    def free_text(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.other_numbers.add_labelled(text)

    def names_found(self, value: str, findings: Iterable[Finding], vocabulary: Vocabulary, threshold: float) -> None:
        for f in findings:
            if f.entity_type == "PERSON" and f.score >= threshold:
                span = value[f.start:f.end]
                if f.recognizer in MARK_RECOGNIZERS and span.isalpha() and len(span) in (2, 3) \
                        and (span.isupper() or span.islower()):
                    self.marks.add(span)
                else:
                    self.names.update(names_in_text(span, vocabulary))

    def merge(self, other: Revealed) -> None:
        self.names |= other.names
        self.identifiers |= other.identifiers
        self.other_numbers.add_pairs(other.other_numbers.pairs())
        self.marks |= other.marks

    def to_json(self) -> str:
        return json.dumps({"names": sorted(self.names), "identifiers": sorted(list(p) for p in self.identifiers),
                           "other_numbers": [list(p) for p in self.other_numbers.pairs()],
                           "marks": sorted(self.marks)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Revealed:
        data = json.loads(text)
        out = cls(set(data["names"]), {(str(v), str(e)) for v, e in data["identifiers"]})
        out.other_numbers.add_pairs((str(s), str(v)) for s, v in data["other_numbers"])
        out.marks = {str(m) for m in data.get("marks", ())}
        return out
