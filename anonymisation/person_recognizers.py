"""Presidio recognizers around the person-name rules (names.py): the rules, the customer's deny-list, and
spaCy's NER filtered by the allow-list and the English word list."""

from __future__ import annotations

import re
from collections.abc import Callable

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from intake.anonymisation.deny_list import DenyList
from intake.anonymisation.findings import Finding
from intake.anonymisation.name_tokens import tokenize
from intake.anonymisation.names import NameRules, shared_name_rules
from intake.anonymisation.recognizer_registry import recognizer_name
from intake.anonymisation.vocabulary import Vocabulary


def _result(finding: Finding, recognizer: LocalRecognizer) -> RecognizerResult:
    return RecognizerResult(
        finding.entity_type, finding.start, finding.end, finding.score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: finding.recognizer or recognizer_name(recognizer),
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


class _PersonFinderRecognizer(LocalRecognizer):
    """A Presidio recognizer around one of our PERSON finders."""

    def __init__(self, name: str, find: Callable[[str], list[Finding]]) -> None:
        self._find = find
        super().__init__(supported_entities=["PERSON"], name=name, supported_language="en")

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        return [_result(f, self) for f in self._find(text)]


class PersonNameRecognizer(_PersonFinderRecognizer):
    """The title, gazetteer and context rules."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.rules = shared_name_rules(vocabulary)
        super().__init__("PersonNameRecognizer", self.rules.find)


class DenyListRecognizer(_PersonFinderRecognizer):
    """The customer's deny-list of known names."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.deny = DenyList(vocabulary)
        super().__init__("DenyListRecognizer", self.deny.find)


class VocabularyAwareSpacyRecognizer(SpacyRecognizer):
    """spaCy NER results, with PERSON spans trimmed of titles and dropped when they are equipment or places."""

    def __init__(self, vocabulary: Vocabulary, supported_entities: list[str] | None = None) -> None:
        self.rules = NameRules(vocabulary)
        super().__init__(supported_language="en", supported_entities=supported_entities)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        kept = []
        for r in results:
            if r.entity_type != "PERSON":
                kept.append(r)
                continue
            # The model reads across the fields a mapping joins ("seen with hui (wife). cb | Firmware: SW 10"):
            # no name crosses a bar, a line or a semicolon, so each part is judged on its own, and only a part
            # with a known first name or surname stands on a span the model got wrong.
            parts = _parts(text, r.start, r.end)
            for part_start, part_end in parts:
                start, end = self.rules.refine(text, part_start, part_end)
                if end <= start or self.rules.suppressed(text, start, end) or self.rules.ordinary_words(
                        text[start:end]) or not self.rules.case_plausible(text[start:end]):
                    continue
                known = self.rules.has_known_name(text[start:end])
                if len(parts) > 1 and not known:
                    continue
                score = r.score
                if not known:
                    # NER alone, no known first name or surname: weaker evidence. Several words are still
                    # replaced (above the detection threshold) but cannot stop a run at re-scan on their own;
                    # one unknown word ("Verathon", "Accuracy") is too often a brand or a capitalised noun.
                    single = len([t for t in tokenize(text[start:end]) if t.is_word]) == 1
                    score = min(score, 0.45 if single else 0.55)
                kept.append(RecognizerResult("PERSON", start, end, score, r.analysis_explanation,
                                             r.recognition_metadata))
        return kept


_FIELD_BREAK = re.compile(r"[ \t]*(?:\||\n|;|//)[ \t]*")


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span's parts between field breaks (the whole span when it has none)."""
    out, at = [], start
    for m in _FIELD_BREAK.finditer(text, start, end):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, end))
    return [(s, e) for s, e in out if e > s]
