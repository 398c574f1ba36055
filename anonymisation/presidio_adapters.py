"""Presidio's own parts as the analyzer uses them: recognizers tuned (credit cards scored above the threshold,
international phone numbers prechecked, slow pattern recognizers skipped for texts they cannot match), a
registry that hands out recognizers in a stable order, and a context enhancer that does nothing when it cannot.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, PhoneRecognizer

from intake.anonymisation.recognizer_registry import recognizer_name
from intake.anonymisation.recognizers_phone import PHONE_CONTEXT, after_catalogue_word, find_organisation_lines


class OurCreditCardRecognizer(CreditCardRecognizer):
    """Presidio's credit-card recognizer (Luhn-checked) scoring a valid number above the default threshold."""

    def __init__(self) -> None:
        base = CreditCardRecognizer.PATTERNS[0]
        super().__init__(patterns=[Pattern(base.name, base.regex, 0.6)], name="CreditCardRecognizer")


class InternationalPhoneRecognizer(PhoneRecognizer):
    """Presidio's phonenumbers recognizer: "+" formats, GB/US/IE national; strict digit grouping; score 0.6."""

    SCORE = 0.6
    REGIONS = ("GB", "US", "IE")
    # International numbers other than the UK's, or North American ones: UK numbers, +44 or national, are
    # find_uk_phones' (recognizers_phone.py), which knows their groupings and extensions.
    _INTERNATIONAL = r"(?:\+\s?\(?|(?<!\d)00\s?)(?!4\s?4)[1-9]"
    _NORTH_AMERICAN = r"(?<![\d-])\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)"
    # Irish national numbers ("091-339171", "(01) 890 4700"): shorter than any UK number, so not find_uk_phones'
    _IRISH = r"(?<![\d-])\(?0\d{1,2}\)?[\s-]?\d{3}[\s-]?\d{3,4}(?![\d-])"
    _CANDIDATE = re.compile(f"(?P<international>{_INTERNATIONAL})|{_NORTH_AMERICAN}|{_IRISH}")

    def __init__(self) -> None:
        super().__init__(supported_regions=self.REGIONS, leniency=2, name="PhoneRecognizer")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        # phonenumbers' matcher is slow (a pass over the text per region), and most notes hold no number it could
        # add to ours: no candidate at all, or only NHS numbers written 3-3-4 like North American ones.
        if not any(m.group("international") or self._valid_somewhere(m.group(0))
                   for m in self._CANDIDATE.finditer(text)):
            return []
        # a UK organisation's own line (find_organisation_lines: "Fujifilm: 0844 553 0099") is kept as ours keep it
        lines = find_organisation_lines(text)
        return [r for r in super().analyze(text, entities, nlp_artifacts) if not after_catalogue_word(text, r.start)
                and not self._bare_digits_without_context(text, r.start, r.end)
                and not any(f.start < r.end and r.start < f.end for f in lines)]

    _BARE_TEN = re.compile(r"[2-9]\d{9}")

    @classmethod
    def _bare_digits_without_context(cls, text: str, start: int, end: int) -> bool:
        """Ten digits in a row with no separator, no "+1" and no phone word before ("4506645654"): in a UK export an
        order's, an asset's or a system's number; a North American number is written grouped ("(450) 664-5654") or
        said to be one ("tel 4506645654")."""
        return cls._BARE_TEN.fullmatch(text, start, end) is not None \
            and PHONE_CONTEXT.search(text, max(0, start - 16), start) is None

    @classmethod
    def _valid_somewhere(cls, digits: str) -> bool:
        """Could the matcher (which only reports valid numbers) report these digits in one of our regions?"""
        for region in cls.REGIONS:
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(digits, region)):
                    return True
            except phonenumbers.NumberParseException:
                continue
        return False


# Presidio pattern recognizers whose every pattern needs one of these: an IBAN starts with two letters and two
# digits, an IP address has a colon or a digit and a dot. Their regular expressions are among the slowest per
# text, and most notes hold neither.
NEEDED_TO_MATCH = {"IbanRecognizer": r"[A-Z]{2}[0-9]{2}", "IpRecognizer": r":|[0-9]\."}


def skip_texts_without(recognizer: PatternRecognizer, needed: str) -> None:
    """Answer nothing, without running the recognizer, for a text without `needed` (read with the recognizer's
    own regex module and flags, so that letters and digits mean the same to both)."""
    precheck = regex.compile(needed, getattr(recognizer, "global_regex_flags", 0) or 0)
    analyze = recognizer.analyze

    def prechecked(text: str, entities: list[str], nlp_artifacts: Any = None,
                   regex_flags: int | None = None) -> list[RecognizerResult]:
        if regex_flags is None and not precheck.search(text):
            return []
        return analyze(text, entities, nlp_artifacts, regex_flags)

    recognizer.analyze = prechecked  # type: ignore[method-assign]


class NameOrderedRegistry(RecognizerRegistry):
    """Presidio's registry, handing out recognizers in name order: its own order comes from a set (it varies
    between processes), and which of two equal findings survives Presidio's de-duplication depends on it.

    The answer for a language and entity list is remembered for the registry's current recognizers: Presidio
    asks for every text, and filtering the registry each time cost as much as some recognizers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._answers: dict[tuple[Any, ...], list[EntityRecognizer]] = {}

    def get_recognizers(
        self, language: str, entities: list[str] | None = None, all_fields: bool = False,
        ad_hoc_recognizers: list[EntityRecognizer] | None = None,
    ) -> list[EntityRecognizer]:
        if ad_hoc_recognizers:
            return self._sorted(language, entities, all_fields, ad_hoc_recognizers)
        key = (language, tuple(entities) if entities is not None else None, all_fields, tuple(self.recognizers))
        if key not in self._answers:
            if len(self._answers) >= 16:
                self._answers.clear()
            self._answers[key] = self._sorted(language, entities, all_fields, None)
        return list(self._answers[key])

    def _sorted(
        self, language: str, entities: list[str] | None, all_fields: bool,
        ad_hoc_recognizers: list[EntityRecognizer] | None,
    ) -> list[EntityRecognizer]:
        found = super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        return sorted(found, key=recognizer_name)


class LemmaOnlyWhenPresentEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma-based context enhancer, skipped (with its deep copy of every result) when there is no
    lemma and no caller context: no word could then support a result. Our pipeline disables spaCy's
    lemmatizer, and our own recognizers read their context words in the raw text."""

    def enhance_using_context(
        self, text: str, raw_results: list[RecognizerResult], nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer], context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        if not context and nlp_artifacts is not None and not any(nlp_artifacts.lemmas):
            return raw_results
        return super().enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
