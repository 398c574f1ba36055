"""Is this span a person? The judgement every name rule and the NER filter share: which words can be part of a
name (capitalised, no place, brand, title or department word), what a span's neighbours say (a place word after
it, a brand before it, where a patient was conveyed), and how a found span is trimmed of titles and punctuation.

The rules that find names (names.py) and the Presidio recognizers that filter the model's spans
(person_recognizers.py) both ask here, so that a place kept by one is kept by all.
"""

from __future__ import annotations

import re

import intake.anonymisation.place_words as pw
from intake.anonymisation.contextual_names import ContextualNames
from intake.anonymisation.department_words import ROLE_MAILBOX_WORDS
from intake.anonymisation.destinations import conveyed_to, hospital_town, ward_named_after_someone
from intake.anonymisation.name_cues import (
    CONTEXT_WORDS,
    EXTENSION_WORDS,
    PARTICLES,
    POSSESSIVE_SUFFIXES,
    RARE,
    STRONG_CONTEXT,
    TITLE_HEADS,
    cue_ends_at,
)
from intake.anonymisation.name_tokens import Token, tokenize
from intake.anonymisation.vocabulary import Vocabulary, fold

_LOWER_TITLES = frozenset({"mr", "mrs", "ms", "dr"})
# Words that start an NER span but are not part of the name ("Call Yvonne", "Pt Jones").
_LEADING_NOISE = frozenset({"call", "ring", "phone", "contact", "ask", "tell", "inform", "pt", "patient", "per",
                            "cc", "attn", "thanks", "bleep", "page", "email", "message", "engineer", "tech"})
# Capitalised words that end a name: contact details and abbreviations written right after a name.
NOT_NAME_WORDS = EXTENSION_WORDS | frozenset({"tel", "telephone", "mob", "mobile", "fax", "email", "re", "cc", "dob",
                                              "nhs", "ref", "tbc", "asap", "via", "on", "at"})


class NameJudgement:
    """What the name rules and the NER filter ask about words and spans (see the module's docstring)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocab = vocabulary
        self._titles_one = {t for t in vocabulary.titles if " " not in t}
        self._titles_two = {tuple(t.split()) for t in vocabulary.titles if " " in t}
        from intake.anonymisation.nergate import (  # nergate imports names.py, which imports this module
            MOSTLY_A_WORD,
            NAMES_TOO,
            english_frequencies,
        )

        self.english = english_frequencies()
        # "chased Fleet", "spoke to Procurement": a department's word that is no surname, and no first name
        # unless more often a word ("Fleet", "Loan"; not "Ed"), is no part of a name.
        self._departments = frozenset(w for w in ROLE_MAILBOX_WORDS if w not in vocabulary.last_names and (
            w not in vocabulary.first_names or self.english.get(w, 0) >= RARE))
        self._mostly_a_word = MOSTLY_A_WORD
        self._names_too = NAMES_TOO
        self.contextual = ContextualNames(vocabulary, self.english)

    # -- token classes -----------------------------------------------------------------------------------
    def namey(self, tok: Token) -> bool:
        """Could be part of a name: capitalised or upper-case word, not an org/place/device word or title."""
        if not (tok.is_capitalised or tok.is_upper):
            return False
        key = tok.key
        return not (key in self.vocab.indicators or key in self.vocab.allow_tokens or key in self._titles_one
                    or key in NOT_NAME_WORDS or key in self._departments)

    def abbreviation(self, tok: Token) -> bool:
        """DOB, NHS, ICU, PPM: short upper-case words that are not names end a name."""
        return tok.is_upper and len(tok.text) <= 4 and not (self.first(tok) or self.last(tok))

    def _place_word_after(self, after: list[Token], lower: bool = False) -> bool:
        """A capitalised place word next (any place word after a name written in lower case: "samuel johnson
        community hospital"), or after the words that qualify a hospital ("University Hospital", "Children's
        Hospital", "General Infirmary")."""
        surnames = 0
        for k, tok in enumerate(after[:4]):
            if tok.text in ("'", "\u2019", "s"):
                continue
            if (tok.text[:1].isupper() or (lower and tok.text.islower())) and tok.key in self.vocab.indicators:
                # "Ward 5" is a place of its own, and "Anderson Ward Manager" a job after a name
                return not self._numbered_place(after, k) and not (
                    surnames and k + 1 < len(after) and after[k + 1].key in TITLE_HEADS)
            if tok.key in pw.HOSPITAL_QUALIFIERS:
                continue
            if not surnames and tok.is_capitalised and self.last(tok):
                surnames = 1  # the model cut a place's name short: "Elizabeth Garrett" of "... Anderson Wing"
                continue
            return False
        return False

    @staticmethod
    def _numbered_place(after: list[Token], k: int) -> bool:
        """The place word at k has its number or letter after it ("Ward 5", "Unit 4B", "Bay C")."""
        nxt = after[k + 1] if k + 1 < len(after) and not after[k].dot else None
        return nxt is not None and (nxt.is_initial or (len(nxt.text) <= 4 and any(c.isdigit() for c in nxt.text)))

    def _occupation(self, tok: Token) -> bool:
        """"Perfusionist", "Phlebotomist", "Sonographer": a word naming what someone does, not a known name."""
        return bool(pw.OCCUPATION.search(tok.key)) and not (self.first(tok) or self.last(tok))

    def first(self, tok: Token) -> bool:
        return tok.key in self.vocab.first_names

    def last(self, tok: Token) -> bool:
        return tok.key in self.vocab.last_names

    def common(self, tok: Token) -> bool:
        return tok.key in self.vocab.common_words

    def title_at(self, toks: list[Token], i: int) -> int:
        """Number of tokens of a title starting at i (0 if none)."""
        if i + 1 < len(toks) and (toks[i].key, toks[i + 1].key) in self._titles_two and toks[i].text[0].isupper():
            return 2
        tok = toks[i]
        if tok.key in self._titles_one and tok.is_word and (tok.text[0].isupper() or tok.key in _LOWER_TITLES):
            return 1
        return 0

    def place_at(self, toks: list[Token], i: int) -> bool:
        """"Ward 7", "Bay 3B", "Theatre 2": an indicator word followed by a number or code."""
        if i + 1 >= len(toks) or toks[i].key not in self.vocab.indicators:
            return False
        nxt = toks[i + 1]
        # A bed, bay or room number is short; eleven digits after "Ward" are a phone number, not a ward.
        return nxt.is_initial or (len(nxt.text) <= 4 and any(c.isdigit() for c in nxt.text))

    def has_context(self, toks: list[Token], i: int, window: int = 4) -> bool:
        return any(t.key in CONTEXT_WORDS for t in toks[max(0, i - window):i])

    def strong_context(self, toks: list[Token], i: int) -> bool:
        prev1 = toks[i - 1].key if i >= 1 else ""
        prev2 = f"{toks[i - 2].key} {prev1}" if i >= 2 else ""
        prev3 = toks[i - 2].key if i >= 2 else ""
        if prev1 in (":", "-", ",") and i >= 2:
            prev1, prev2 = prev3, (f"{toks[i - 3].key} {prev3}" if i >= 3 else "")
        return prev1 in STRONG_CONTEXT or prev2 in STRONG_CONTEXT or cue_ends_at(toks, i)

    # -- allow-list filter -------------------------------------------------------------------------------
    def is_strong_name(self, words: list[str], comma: bool = False) -> bool:
        """A clear name form: first name + surname from the gazetteers (not both everyday words), initials +
        surname ("B Ward"), surname + initial ("Ward M"), or "SURNAME, First"."""
        keys = [fold(w) for w in words if fold(w)]
        if len(keys) < 2:
            return False
        first, last = keys[0], keys[-1]
        single = [len(w) == 1 and w.isupper() for w in words]
        if all(single[:-1]) and last in self.vocab.last_names and words[0] not in ("A", "I", "X"):
            return True
        if len(keys) == 2 and single[1] and first in self.vocab.last_names and words[1] != "X":
            return True
        if comma and len(keys) == 2 and first in self.vocab.last_names and last in self.vocab.first_names:
            return True
        if first not in self.vocab.first_names or last not in self.vocab.last_names:
            return False
        return not (first in self.vocab.common_words and last in self.vocab.common_words)

    def ordinary_words(self, span: str) -> bool:
        """Every word is an everyday English word that is not a name, or one far more often a word ("Charge
        Battery", "Will"): capitalised prose and device words, not a person."""
        words = [t for t in tokenize(span) if t.is_word]
        names = (self.vocab.first_names, self.vocab.last_names)
        return bool(words) and all(
            (f := self.english.get(t.key, 0)) and (f >= self._mostly_a_word or not any(t.key in n for n in names))
            for t in words
        )

    def contains_phrase(self, span: str) -> bool:
        words = fold(span).split()
        for i in range(len(words)):
            for j in range(i + 2, min(len(words), i + 4) + 1):
                if " ".join(words[i:j]) in self.vocab.allow_phrases:
                    return True
        return False

    def has_known_name(self, span: str) -> bool:
        return any(
            (k := t.key) in self.vocab.first_names or k in self.vocab.last_names for t in tokenize(span) if t.is_word
        )

    def suppressed(self, text: str, start: int, end: int) -> bool:
        """True when the span is a manufacturer, model, device or place rather than a person."""
        span = text[start:end]
        if any(c.isdigit() for c in span):
            return True
        if self.vocab.is_allowed_term(span):
            return True
        if pw.capital_article(text, start):
            return True  # "funded by The Joshua Tree", "referred to The Christie": a thing's or a place's name
        words = [t for t in tokenize(span) if t.is_word]
        if not words or all(w.key in self._titles_one for w in words) or (
            len(words) == 2 and (words[0].key, words[1].key) in self._titles_two
        ):
            return True
        if len(words) == 1 and words[0].is_upper and len(words[0].text) <= 4:
            return True  # an abbreviation such as ECG, ICU, PPM
        if self.contains_phrase(span):
            return True  # "General Electric Dash", "Karl Storz": a known multi-word brand inside the span
        if words[0].key in pw.PORT and len(words) > 1:
            return True  # "Port Talbot", "Fort William"
        if self._occupation(words[-1]) and not any(self.first(w) for w in words):
            return True  # "informed Perfusionist", "Cardiac Physiologist": what someone does, not who
        after = tokenize(text[end:end + 30].split("\n", 1)[0])  # a log's next entry ("\n23/06 RN:") says nothing
        if len(after) >= 2 and after[0].text in ("'", "\u2019") and after[1].text == "s":
            after = after[2:]  # "St James's Hospital": look past the possessive
        before = tokenize(text[max(0, start - 12):start])
        if hospital_town(span, before, words) or conveyed_to(text, start, words, self.vocab.first_names) \
                or ward_named_after_someone(text, start, words, self.vocab.first_names, self.vocab.indicators):
            return True  # "Queen's Hospital Burton", "conveyed to Stepping Hill", "returned to Florence Ward"
        if words[-1].text[:1].isupper() and words[-1].key in self.vocab.indicators and (
                (len(words) >= 3 and self.first(words[0]))
                or (len(words) == 2 and before and before[-1].is_capitalised and self.first(before[-1]))):
            return True  # the same with the place word inside the span ("Mary Seacole Ward", "Ward" a surname too)
        if after and after[0].key in TITLE_HEADS and after[0].text[:1].isupper() and not any(
                self.first(w) for w in words):
            return True  # "Home Therapies Nurse", "Renal Dialysis Technician": the words of a job title
        if words[0].key == "royal" and words[0].text[:1].isupper() and len(words) > 1:
            return True  # "Royal Stoke", "Royal Derby", "Royal Free": a hospital, in the short name staff use
        royal = words[0] if words[0].key in pw.ROYAL else before[-1] if before and before[-1].key in pw.ROYAL else None
        if royal is not None and royal.text[:1].isupper() and self._place_word_after(after):
            return True  # "Prince Philip Hospital", "Queen Elizabeth University Hospital": named after a royal
        if self.is_strong_name([w.text for w in words], comma="," in span):
            # "Daisy Hill Hospital", "Mary Seacole Ward": a whole name before a capitalised place word names the
            # place, unless that word opens a job title ("Sarah Jones Ward Manager").
            return self._place_word_after(after, span.islower()) and not (
                len(after) > 1 and self.vocab.is_allowed_term(f"{after[0].text} {after[1].text}"))
        if self.vocab.contains_allowed(span):
            return True
        if (before and before[-1].key in pw.SAINT) or words[0].key in pw.SAINT:
            return True
        if before and before[-1].key in pw.COUNTY and before[-1].text[:1].isupper():
            return True  # "Co. Clare", "County Down": an Irish county
        if before and before[-1].key in self.vocab.allow_tokens and before[-1].text[:1].isupper():
            return True  # "Arjo Maxi Move", "Baxter Sigma": a brand followed by its model
        if before and before[-1].text[:1].isupper() and self.contains_phrase(f"{before[-1].text} {words[0].text}"):
            return True  # "Welch Allyn Braun ...": the span starts inside a known brand
        if (
            after and after[0].text.isdigit() and len(after[0].text) <= 3
            and not (len(after) > 1 and (after[1].text in ("-", "/", ".") or after[1].text.isdigit()))
        ):
            return True  # "Quarantine Shelf 23", "Treatment Room 19": a place with a number (not a phone)
        if len(after) >= 3 and after[0].text.isdigit() and len(after[0].text) <= 2 and after[1].text == "." \
                and after[2].text.isdigit() and len(after[2].text) <= 2 and not (
                    len(after) > 3 and (after[3].text == "." or after[3].key in pw.UNITS)):
            return True  # "LUCAS 3.1": a model and its version, not a date or a time ("Smith 12.03.24", "2.5 hrs")
        if after and after[0].is_word and pw.EPONYMOUS.search(after[0].key):
            return True
        if after and after[0].key in self.vocab.indicators and not self._numbered_place(after, 0):
            # "Jenner Unit", "jenner unit" are places; "informed ALVES unit is condemned" is not, nor "Jones Ward 5".
            return not (span.isupper() and after[0].text.islower())
        if self._place_word_after(after, span.islower()):
            return True  # "Florence Nightingale Community Hospital"
        return bool(after and after[0].key in self.vocab.allow_tokens)

    def refine(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Drop leading titles and a trailing possessive or punctuation from a person span; a name keeps to its
        line ("Maureen Rogers\nBiomedical Engineer" is a signature's name and title)."""
        lines = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", text[start:end])]
        if len(lines) > 1:
            named = [(s, e) for s, e in lines
                     if any(t.is_word and t.key not in _LEADING_NOISE for t in tokenize(text[s:e]))]
            start, end = named[0] if named else lines[0]
        toks = tokenize(text[start:end])
        i = 0
        while i < len(toks) - 1:
            n = self.title_at(toks, i)
            if not n:
                break
            i += n
        while i < len(toks) - 1 and (toks[i].key in _LEADING_NOISE or self._occupation(toks[i])):
            i += 1  # "Call Yvonne", "Radiologist Smith"
        if i and i < len(toks):
            start += toks[i].start
            toks = tokenize(text[start:end])
        while len(toks) > 1 and self.abbreviation(toks[-1]):
            toks = toks[:-1]
            end = start + toks[-1].end
        # A name is a run of capitalised words and initials (with particles such as "van der"); a lower-case
        # word or a contact word ends it: NER sometimes runs on ("John Smith re Baxter", "S. Charlton Ext").
        for k, tok in enumerate(toks[1:], start=1):
            if tok.is_word and ((tok.text[0].islower() and tok.key not in PARTICLES) or tok.key in NOT_NAME_WORDS):
                end = start + toks[k - 1].end
                break
        span = text[start:end]
        for suffix in POSSESSIVE_SUFFIXES:
            if span.endswith(suffix):
                end -= 2
                span = span[:-2]
        while end > start and not text[end - 1].isalnum():
            end -= 1
        return start, end

    def case_plausible(self, span: str) -> bool:
        """A span in capitals carries no capital-letter evidence: its words must look like a name by what they
        are (contextual_names.py); mixed-case spans are judged by the rules above."""
        if not span.isupper():
            return True
        return self.contextual.plausible(tokenize(span))
