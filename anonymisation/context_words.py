"""What a word is when case says nothing: a known name (from the gazetteers, not mostly an English word), a word
in no list (after a role, a surname), a word of one of the dataset's people, or something never a name here (a
brand, a place, a role or a record word); and what the words around a name say (a possessive, a sign-off, an
aside, a place or shift after it, a past tense). The rules of contextual_names.py ask these questions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from intake.anonymisation.findings import Finding
from intake.anonymisation.name_cues import (
    ACTION_AUXILIARIES,
    ACTION_IRREGULAR,
    COURTESY,
    CUE_PHRASES,
    HONORIFICS,
    NAME_OVER_WORD,
    NOT_AFTER_COURTESY,
    NOT_AFTER_HONORIFIC,
    PARTICLES,
    PASSIVE_TAIL,
    POSSESSED,
    POSSESSIVE_SUFFIXES,
    RARE,
    RECORD_WORDS,
    ROLES_ONE,
    ROLES_TWO,
    SHIFT_WORDS,
    SLASH_ROLES,
    TITLE_HEADS,
    VERBS_ONE,
    VERBS_TWO,
    WEAK_ONE,
    WORD_ENDINGS,
)
from intake.anonymisation.name_tokens import Token, tokenize
from intake.anonymisation.place_words import OCCUPATION
from intake.anonymisation.vocabulary import Vocabulary, fold

_ON_A_NUMBER = re.compile(r"[ \t]+(?i:on|at|via)[ \t]+[+\d]")

# Verbs that are names too: before a surname that is also a verb they are the verb ("pt will cook"), and after a
# first name as well ("grace will meet us").
MODALS = frozenset({"will", "may", "can", "must", "shall", "might"})

_PATIENT_INITIAL = re.compile(r"[A-Z]\. ?[A-Z][a-z]")
_PATIENT_BEFORE = re.compile(r"(?i)\b(?:pt|patient)\.?:?\s+$")

class ContextWords:
    """The word questions of the case-free name rules (see the module's docstring)."""

    def __init__(self, vocabulary: Vocabulary, english: Mapping[str, int]) -> None:
        self.vocab = vocabulary
        self.english = english
        self.names = vocabulary.first_names | vocabulary.last_names
        # Words of the dataset's known people: after a role even an everyday word among them is that person
        # ("CN ROSS" when Laura Ross is a requester), though it never counts alone.
        self.known_people = frozenset(w for w in vocabulary.deny_words if len(w) > 2) - NOT_AFTER_HONORIFIC \
            - RECORD_WORDS
        # Words that are never a person's name here, whatever the case: brands, places, devices, contact words.
        self.not_names = (vocabulary.allow_tokens | vocabulary.indicators | vocabulary.street_types
                          | vocabulary.common_words | ROLES_ONE | VERBS_ONE | WEAK_ONE | RECORD_WORDS)
        # Every rule starts at a trigger word or a known name: other tokens (most of them) are skipped at once.
        self._starts = (ROLES_ONE | VERBS_ONE | WEAK_ONE | {"w", "band"} | {a for a, _ in ROLES_TWO}
                        | {a for a, _ in VERBS_TWO} | {p[0] for p in CUE_PHRASES} | {a for a, _ in SLASH_ROLES}
                        | self.names | {"says", "said"})

    def known_name(self, tok: Token, limit: int) -> bool:
        if not tok.is_word:
            return False
        key = tok.key
        if " " in key and key not in self.names:  # fold() made "smith-jones" "smith jones", "ann's" "ann s"
            parts = key.split()
            if len(parts) == 2 and parts[1] == "s":
                return self._name_key(parts[0], limit)  # "bernadette's email"
            # "smith-jones", "al-hassan": every part a name, or a particle
            return all(p in PARTICLES or self._name_key(p, limit) for p in parts) and any(
                p not in PARTICLES for p in parts)
        return self._name_key(key, limit)

    def _name_key(self, key: str, limit: int) -> bool:
        return key in self.names and key not in self.not_names and self.english.get(key, 0) < limit

    def known_person(self, span: str) -> bool:
        """A span that is one word of a person known in the dataset ("ROSS" after "CN" is no abbreviation)."""
        return fold(span) in self.known_people

    def vouched(self, text: str, finding: Finding) -> bool:
        """A contextual finding that stands where the capitalised-word rules would suppress it: a word of a known
        person, a name right after an honorific, or a short gazetteer name in capitals that is rarely English and
        would pass for an abbreviation ("HI DAVE", "CALL JO")."""
        span = text[finding.start:finding.end]
        if self.known_person(span) or (finding.recognizer == "ContextNameRecognizer" and (
                self._possessed(text, finding.end) or self._signed_off(text, finding.start, finding.end))):
            return True  # "Okonkwo's office" or "-- wafeeq" at a line's end is a person, not a place or a bay
        before = [t for t in tokenize(text[max(0, finding.start - 12):finding.start]) if t.is_word]
        if before and before[-1].key in HONORIFICS and finding.recognizer == "ContextNameRecognizer":
            return True  # "mrs e nwosu bed 12": after an honorific, a place word that follows says nothing
        if finding.recognizer == "ContextNameRecognizer" and before and before[-1].key in ROLES_ONE and "," in span:
            words = tokenize(span)
            if len(words) == 3 and self.listed_surname_first(words, 0):
                return True  # "pt dunbar, graeme": the town is a surname where the register writes one
        if finding.recognizer == "ContextNameRecognizer" and _PATIENT_INITIAL.match(span) \
                and _PATIENT_BEFORE.search(text, max(0, finding.start - 10), finding.start):
            return True  # "pt J. Selby": an initial after "pt" makes the town a surname
        toks = [t for t in tokenize(span) if t.is_word]
        return (finding.recognizer == "ContextNameRecognizer" and len(toks) == 1 and toks[0].is_upper
                and len(toks[0].text) <= 4 and toks[0].key not in self.vocab.allow_tokens
                and (self.known_name(toks[0], RARE) or (  # "RANG TOPE ON 07700 ...": called on a number
                    self.unknown_word(toks[0]) and _ON_A_NUMBER.match(text, finding.end) is not None)))

    def listed_surname_first(self, toks: Sequence[Token], j: int) -> bool:
        """"pt Dunbar, Graeme", "PATIENT SELBY, MORAG": after a role, a word no dictionary has (a town's name here,
        which _run leaves alone), its comma and a given name that is rarely a word: the register's way of writing
        a person."""
        if j + 2 >= len(toks) or toks[j + 1].text != "," or toks[j + 2].start > toks[j].end + 3:
            return False
        a, c = toks[j], toks[j + 2]
        return a.is_word and a.text.isalpha() and len(a.text) > 2 and a.key not in self.english \
            and a.key not in self.vocab.allow_tokens and a.key not in self.vocab.indicators \
            and c.key in self.vocab.first_names and self.known_name(c, NAME_OVER_WORD) and (a.is_upper == c.is_upper)

    def unknown_word(self, tok: Token) -> bool:
        """A word in no English list and no vocabulary: after a title it is a surname ("sr okafor")."""
        key = tok.key
        if not tok.is_word or len(tok.text) < 3 or key in self.not_names or (
                key.endswith(" s") and key[:-2] in self.not_names):  # "pt's daughter", "nurse's station"
            return False
        if (key.endswith(WORD_ENDINGS) or OCCUPATION.search(key)) and key not in self.names:
            return False  # "extubated", "recalibrating", "endoscopist": English words too rare for the frequency list
        return key not in self.english and key.replace(" ", "") not in self.english

    def plausible(self, toks: Sequence[Token]) -> bool:
        """Could these words be a name when case says nothing (text in capitals or lower case)? Each word is
        an initial, a particle, a known name not mostly an English word, or a word in no list at all; and one
        of them is a known name or such an unlisted word ("KIT FITTED", "PER FIELD" are not)."""
        words = [t for t in toks if t.is_word and len(t.text) > 1 and t.key not in PARTICLES]
        return bool(words) and all(self.known_name(t, NAME_OVER_WORD) or self.unknown_word(t) for t in words)

    def _everyday_first_name(self, toks: Sequence[Token], k: int) -> bool:
        """A first name that is also a word, vouched for by the surname after it: one rarely a word ("mark
        bellamy"), or one that is a word too ("moved pt joy cook to recovery"), unless the first is a modal verb
        ("pt will cook", "may fall")."""
        tok = toks[k]
        if not (tok.is_word and tok.key in self.vocab.first_names and tok.key in self.vocab.common_words
                and tok.key not in ROLES_ONE and tok.key not in self.vocab.titles
                and tok.key not in NOT_AFTER_HONORIFIC and k + 1 < len(toks)):
            return False
        after = toks[k + 1]
        return self.known_name(after, NAME_OVER_WORD) or self.unknown_word(after) or (
            tok.key not in MODALS and self._everyday_surname(after))

    def _everyday_surname(self, tok: Token) -> bool:
        """A surname that is also an everyday word ("Woods", "Hill"), once a first name has been read."""
        key = tok.key
        return (tok.is_word and key in self.vocab.last_names and key in self.vocab.common_words
                and key not in NOT_AFTER_HONORIFIC and key not in RECORD_WORDS and key not in MODALS)

    def _name_word(self, tok: Token) -> bool:
        """A word that is a name by itself when the words around it point at a person."""
        return self.known_name(tok, RARE) or (self.unknown_word(tok) and tok.text.replace("'", "").isalpha()) or (
            tok.is_word and tok.key in self.known_people)

    @staticmethod
    def _possessed(text: str, end: int) -> bool:
        after = text[end:end + 16]
        if after[:2] not in POSSESSIVE_SUFFIXES or after[2:3] != " ":
            return False
        words = after[3:].split(maxsplit=1)
        return bool(words) and words[0] in POSSESSED

    @staticmethod
    def _signed_off(text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 4):start].rstrip(" ")
        after = text[end:end + 2].lstrip(" ")
        return before.endswith(("--", "\u2013", "\u2014")) and (not after or after[0] in "\n.,;")

    @staticmethod
    def _after_aside(toks: Sequence[Token], j: int) -> int:
        """The token after a short bracketed aside starting at j ("(bank staff)", "(agency)", "(ext 2390)"),
        else j."""
        if j < len(toks) and toks[j].text == "(":
            for k in range(j + 1, min(j + 5, len(toks))):
                if toks[k].text == ")":
                    return k + 1
                if not (toks[k].is_word or toks[k].text.isdigit()):
                    break
        return j

    def _is_at(self, toks: Sequence[Token], j: int) -> bool:
        """"on nights", "in Estates", "at Baxter": where the person before is (a shift or a place)."""
        return (toks[j].key in ("on", "in", "at") and j + 1 < len(toks)
                and (toks[j + 1].key in SHIFT_WORDS or self._place_start(toks[j + 1])))

    def _known_worker(self, tok: Token) -> bool:
        """A word of a person the dataset names, and no word of its devices, makers or places: "Grace" of
        Grace Otieno may open "Grace replaced the fan"; "Fan" opens "Fan replaced" even if a Mr Fan works there."""
        key = tok.key
        return (tok.is_word and key in self.known_people and key not in self.vocab.allow_tokens
                and key not in self.vocab.indicators)

    def _acts(self, toks: Sequence[Token], j: int) -> bool:
        """toks[j] says what the person before it did: an auxiliary or the "to" of a task ("Will to order parts",
        not "to be"), or a verb in the past tense followed by what was done, not by the tail of a passive note
        ("Grace replaced the fan", not "Fan replaced and tested")."""
        key = toks[j].key
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if key in ACTION_AUXILIARIES:
            return nxt is not None and nxt.key not in ("be", "been")
        return self.past_tense(key) and nxt is not None and nxt.is_word and nxt.key not in PASSIVE_TAIL

    def past_tense(self, key: str) -> bool:
        """An irregular past tense, or a regular one whose verb is an English word: the list holds "book" but not
        always "booked", and rarely "queried" or "swapped"."""
        if key in ACTION_IRREGULAR:
            return True
        if len(key) < 5 or not key.endswith("ed") or key.endswith("eed"):
            return False
        stems = {key, key[:-2], key[:-1]}  # "replaced", "book|ed", "note|d"
        if key.endswith("ied"):
            stems.add(key[:-3] + "y")  # "queried"
        if len(key) > 5 and key[-3] == key[-4]:
            stems.add(key[:-3])  # "swapped"
        return any(stem in self.english for stem in stems if len(stem) >= 3)

    def _place_start(self, tok: Token) -> bool:
        return (tok.key == "the" or tok.key in self.vocab.indicators or tok.key in self.vocab.allow_tokens
                or tok.is_capitalised or tok.is_upper)  # "from Ada Lovelace Ward", "from ICU", "from Baxter"

    def _honorific_word(self, toks: Sequence[Token], j: int) -> int:
        """After an honorific, a name that is also a common word ("Mrs ross", "dr French") is the surname, its
        possessive too ("dr stone's sec")."""
        if j < len(toks):
            tok = toks[j]
            key = tok.key.removesuffix(" s")  # fold() makes the apostrophe a space
            title = next((t.key for t in reversed(toks[:j]) if t.is_word), "")
            if title in COURTESY:
                # "mr porter", "mrs ward", "Mr Baxter": a courtesy title names a person, whatever the word is else
                # (a sister's "sister ward" is the ward)
                if tok.is_word and len(tok.text) > 1 and key in self.names and key not in NOT_AFTER_COURTESY:
                    return j + 1
            elif (tok.is_word and len(tok.text) > 1 and key in self.names and key not in NOT_AFTER_HONORIFIC
                    and key not in RECORD_WORDS and key not in self.vocab.allow_tokens
                    and key not in self.vocab.indicators):
                return j + 1
        return j

    def in_phrase(self, toks: Sequence[Token], start: int, end: int) -> bool:
        """Whether the name found from text position `start` to token `end` is part of an allowed phrase
        ("WELCH ALLYN", "st thomas"): a phrase of two to four words, one of them the name's. A phrase only
        beside the name, such as the role before it ("charge nurse o'sullivan"), does not count."""
        first = next(k for k in range(len(toks)) if toks[k].end > start)
        a, b = max(0, first - 2), min(len(toks), end + 2)
        words = [(k, t.key) for k, t in enumerate(toks[a:b], a) if t.is_word]
        for x in range(len(words)):
            for y in range(x + 2, min(len(words), x + 4) + 1):
                inside = any(first <= k < end for k, _ in words[x:y])
                if inside and " ".join(key for _, key in words[x:y]) in self.vocab.allow_phrases:
                    return True
        return False

    def job_title_at(self, toks: Sequence[Token], k: int) -> bool:
        """Whether the capitalised words from k are a job title: a known one, or ending in a title's last word
        within three words ("Head of EBME", "Biomedical Engineer", "Ward Manager")."""
        words: list[str] = []
        for tok in toks[k:k + 4]:
            if not tok.is_word:
                break
            words.append(tok.key)
            if len(words) > 1 and " ".join(words) in self.vocab.allow_phrases:
                return True
        return any(w in TITLE_HEADS for w in words[:3]) and toks[k].is_capitalised
