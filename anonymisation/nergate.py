"""Which texts the NER model has to read: the rules decide most notes on their own.

NER is the slowest detector by far (about a millisecond per note on one core), and in maintenance records
most capitalised words are places, titles, brands and ordinary words. The model only adds findings the name
rules cannot make, so a text goes to it only when some capitalised word is still undecided: not inside a name
the rules already found, not a known non-name word, not part of a known brand or place phrase. A word that is
also a first name or surname ("Ward", "Rose", "Hill") stays undecided unless it is an institutional word (a
title or place indicator), part of a known phrase ("Welch Allyn", "Day Surgery") or one of the most frequent
English words ("Will", "May", "Case"), so that the model still judges "Hill to collect the pump".

The decision depends on the text and the vocabulary only, never on batch or chunk: chunked runs stay identical.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from intake.anonymisation.deny_list import DenyList
from intake.anonymisation.errors import VocabularyError
from intake.anonymisation.findings import PSEUDONYM_RE
from intake.anonymisation.name_tokens import Token, phrase_key, tokenize
from intake.anonymisation.names import NOT_NAME_WORDS, shared_name_rules
from intake.anonymisation.vocabulary import Vocabulary, fold

# Frequencies in pyspellchecker's English list (subtitles and books, lower-cased). Above EVERYDAY a word is an
# ordinary English word; above MOSTLY_A_WORD it is one even when it is also a name ("will", "may", "case").
EVERYDAY = 500
MOSTLY_A_WORD = 100_000
# Subtitles say names as often as words, so "john" and "michael" are as frequent as "kit" and "cord". Below
# this frequency a word of the name gazetteers counts as a word only when a dictionary lists it in lower case.
NAMES_TOO = 50_000
# Words of the name gazetteers that notes use as words though Webster's lacks them in lower case: abbreviations,
# particles, newer words and places ("max rate", "ED", "IR", "ROM", "Mayo table", "chan 2", "20 Jan").
WORDS_NO_DICTIONARY_HAS = frozenset({
    "max", "ed", "le", "del", "les", "ir", "rom", "mayo", "dries", "chan", "jan", "metro", "uni", "roman", "santa",
    "lima", "india", "asia", "texas", "ab", "mai", "moi", "ty", "ina", "asa", "lu", "wu", "bona", "indie", "amigo",
    "nacho", "macho", "ninja", "telly", "putz", "nazi", "terra", "orion", "isis", "london", "paris", "sunday",
    "english", "danish", "parisian", "georgian", "gurney", "hoover", "salami", "couture", "apollo", "christ",
})
# Fewer words than this means the package's list is not what we expect: refuse rather than skip NER blindly.
MIN_ENGLISH_WORDS = 50_000

CAPITALISED = re.compile(r"[^\W\d_][^\W\d_'\u2019-]*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n]\s*|[(\[\"]\s*)$")


@lru_cache(maxsize=1)
def english_frequencies() -> dict[str, int]:
    """The ordinary English words with their frequencies: pyspellchecker's bundled list (read from the installed
    package, never downloaded) above EVERYDAY, less the names in it that are no dictionary word."""
    try:
        data = (resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
        words = json.loads(gzip.decompress(data))
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError) as exc:
        raise VocabularyError(
            f"pyspellchecker's English word list could not be read ({type(exc).__name__}); reinstall intake's "
            "dependencies (pyspellchecker is one of them)"
        ) from exc
    if len(words) < MIN_ENGLISH_WORDS:
        raise VocabularyError(
            f"pyspellchecker's English word list has {len(words)} words, expected at least {MIN_ENGLISH_WORDS}; "
            "check the installed pyspellchecker version against pyproject.toml"
        )
    names = _names_no_dictionary_lists()
    return {w: int(f) for w, f in words.items() if f >= EVERYDAY and (f >= NAMES_TOO or w not in names)}


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Webster's lower-case words (english-words' "web2", where proper nouns are capitalised): "kit", "grant",
    "dawn", "song" are words, "john" and "sarah" are not."""
    from english_words import get_english_words_set

    try:
        words = frozenset(w for w in get_english_words_set(["web2"], alpha=True) if w.islower())
    except (OSError, ValueError) as exc:
        raise VocabularyError(f"english-words' dictionary could not be read ({type(exc).__name__}); reinstall "
                              "intake's dependencies (english-words is one of them)") from exc
    if len(words) < MIN_ENGLISH_WORDS:
        raise VocabularyError(f"english-words' dictionary has {len(words)} lower-case words, expected at least "
                              f"{MIN_ENGLISH_WORDS}; check the installed version against pyproject.toml")
    return words


def _names_no_dictionary_lists() -> frozenset[str]:
    """Words of the name gazetteers that the dictionary (dictionary_words) has only as a proper noun: "john",
    "sarah", "lucas", but not "kit", "grant", "dawn" or "rose". Inflected forms count by their stem ("marks",
    "swapped")."""
    from intake.anonymisation.gazetteer import name_gazetteer
    from intake.anonymisation.vocabulary import shipped_terms

    dictionary = dictionary_words()
    first, last = name_gazetteer()
    words_too = {fold(w) for w in shipped_terms("common_words.txt")} | WORDS_NO_DICTIONARY_HAS
    return frozenset(w for w in (first | last) - words_too if not any(s in dictionary for s in _stems(w)))


def _stems(word: str) -> tuple[str, ...]:
    out = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                         ("er", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if repl == "" and len(stem) > 2 and stem[-1] == stem[-2]:  # "swapped" -> "swap"
                out.append(stem[:-1])
    return tuple(out)


def is_candidate(text: str, start: int, word: str, names: frozenset[str]) -> bool:
    """A capitalised word NER could take for a name: not at the start of a sentence (unless it is a known
    name there), and not a short abbreviation (unless a name in capitals, "LEE")."""
    if not word[0].isupper():
        return False
    if word.isupper() and len(word) <= 4:
        return word.lower() in names
    sentence_start = start == 0 or bool(_SENTENCE_END.search(text, max(0, start - 3), start))
    return not sentence_start or word.lower() in names


def mask_pseudonyms(text: str) -> str:
    """Our own tokens ("PERSON_3f9a...") are never names: anonymised text is full of them."""
    return PSEUDONYM_RE.sub(lambda m: "x" * len(m.group(0)), text) if "_" in text else text


def _compound_at(text: str, end: int) -> bool:
    """The word goes on with a hyphen and a lower-case letter ("Post-incident", "Cross-infection"): a compound
    word, not a name (hyphenated surnames continue with a capital, "Adebayo-Smith")."""
    return text[end:end + 1] == "-" and text[end + 1:end + 2].islower()


# Entity types Presidio's spaCy recognizer produces.
NER_ENTITIES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME"})


class NerGate:
    """Answers 'does this text need the NER model?' from the vocabulary and the rule findings.

    The vocabulary only tells names from other words: when the detector is also asked for other NER entity types
    (LOCATION, NRP, ...), every text with a capitalised candidate word goes to the model (`names_only=False`).
    """

    def __init__(self, vocabulary: Vocabulary, names_only: bool = True) -> None:
        self.vocab = vocabulary
        self.names_only = names_only
        self.rules = shared_name_rules(vocabulary)  # its memo answers the Presidio recognizer's same question
        self.deny = DenyList(vocabulary)
        self.names = vocabulary.first_names | vocabulary.last_names
        english = english_frequencies()
        # Never a name for the detectors: single-word brands, titles, place indicators, contact words.
        self._not_names = (vocabulary.allow_tokens | vocabulary.titles | vocabulary.indicators | NOT_NAME_WORDS)
        ordinary = set(english) | vocabulary.common_words | vocabulary.street_types
        self._ordinary = frozenset(w for w in ordinary if w not in self.names) | frozenset(
            w for w in ordinary if english.get(w, 0) >= MOSTLY_A_WORD
        )
        self._phrase_words = frozenset(w for p in vocabulary.allow_phrases for w in p.split())
        # A word of a known brand or place phrase that is no one's name ("Shenzhen", "Mindray") is never one.
        self._not_names |= frozenset(w for w in self._phrase_words if w not in self.names)
        self._longest_phrase = max((len(p.split()) for p in vocabulary.allow_phrases), default=0)

    def needs_ner(self, text: str) -> bool:
        """True when some capitalised word is left for the model to judge."""
        text = mask_pseudonyms(text)
        candidates = [m for m in CAPITALISED.finditer(text) if is_candidate(text, m.start(), m.group(0), self.names)]
        if not candidates or not self.names_only:
            return bool(candidates)
        rule_spans = self.rule_spans(text)
        toks: list[Token] | None = None
        for m in candidates:
            if any(s <= m.start() < e for s, e in rule_spans):
                continue
            word = m.group(0)
            key = word.lower() if word.isascii() else fold(word)
            if key in self._not_names or key in self._ordinary or _compound_at(text, m.end()):
                continue
            if toks is None:
                toks = tokenize(text)
            i = next((k for k, t in enumerate(toks) if t.start == m.start()), None)
            if i is not None and (self.rules.place_at(toks, i) or self._in_phrase(toks, i)):
                continue
            return True
        return False

    @classmethod
    def for_entities(cls, vocabulary: Vocabulary, entities: Iterable[str]) -> NerGate:
        """The gate for a detector asked for `entities`."""
        return cls(vocabulary, names_only=(set(entities) & NER_ENTITIES) <= {"PERSON"})

    def rule_spans(self, text: str) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in (*self.rules.find(text), *self.deny.find(text))]

    def _in_phrase(self, toks: list[Token], i: int) -> bool:
        """Token i lies inside a known brand, model, device or place phrase ("Welch Allyn", "Day Surgery")."""
        if toks[i].key not in self._phrase_words:
            return False
        size = self._longest_phrase
        for a in range(max(0, i - size + 1), i + 1):
            for b in range(i + 1, min(len(toks), a + size) + 1):
                if phrase_key(toks[a:b]) in self.vocab.allow_phrases:
                    return True
        return False
