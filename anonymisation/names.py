"""Person-name detection beyond the NER model: titles, name gazetteers, context words, the customer's
deny-list, and the allow-list filter that keeps manufacturers, models, devices and places from being taken
for people.

Rules, in order of confidence:
- deny-list: a known staff name in any usual spelling ("Jane Doe", "J. Doe", "DOE, Jane") -> always;
- title + name: "Sister Jones", "Dr. A. Patel", "Mr SMITH" (the title stays outside the span);
- gazetteer: first name + surname from the name lists, initial + surname, "SURNAME, First", "Surname F";
- context: a first name or capitalised words right after "spoke to", "called", "per", "patient", ...;
- NER (spaCy) PERSON spans, filtered by the allow-list like the gazetteer and context rules.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from intake.anonymisation.contextual_names import ContextualNames
from intake.anonymisation.department_words import ROLE_MAILBOX_WORDS
from intake.anonymisation.destinations import conveyed_to, hospital_town
from intake.anonymisation.findings import Finding
from intake.anonymisation.initials import find_initials
from intake.anonymisation.log_authors import find_log_authors
from intake.anonymisation.name_cues import (
    CONTEXT_WORDS,
    PARTICLES,
    POSSESSIVE_SUFFIXES,
    RARE,
    STRONG_CONTEXT,
    TITLE_HEADS,
    cue_ends_at,
    line_end,
)
from intake.anonymisation.name_tokens import Token, tokenize
from intake.anonymisation.other_scripts import find_other_script_names
from intake.anonymisation.patient_names import names_before_identifiers
from intake.anonymisation.vocabulary import Vocabulary, fold

_LOWER_TITLES = frozenset({"mr", "mrs", "ms", "dr"})
# Words that start an NER span but are not part of the name ("Call Yvonne", "Pt Jones").
_LEADING_NOISE = frozenset({"call", "ring", "phone", "contact", "ask", "tell", "inform", "pt", "patient", "per",
                            "cc", "attn", "thanks", "bleep", "page", "email", "message", "engineer", "tech"})
_SAINT = frozenset({"st", "saint", "ste"})
_COUNTY = frozenset({"co", "county", "contae"})
_PORT = frozenset({"port", "fort"})  # words that open a town's name
_ROYAL = frozenset({"king", "queen", "prince", "princess", "duke", "duchess", "countess", "earl", "lady", "royal"})
_HOSPITAL_QUALIFIERS = frozenset({"university", "children", "childrens", "children s", "general", "memorial",
                                  "community", "district", "royal", "county", "teaching", "maternity", "women",
                                  "womens", "women s", "cottage", "specialist", "infirmary", "care", "health",
                                  "medical", "treatment", "day", "rehabilitation", "birthing", "cancer", "heart",
                                  "eye", "dental", "renal", "surgical", "mental", "nursing", "education",
                                  "research", "diagnostic", "outpatient", "outpatients"})
_OCCUPATION = re.compile(r"(?:ist|ician|grapher)$")
# Capitalised words that end a name: contact details and abbreviations written right after a name.
NOT_NAME_WORDS = frozenset({"ext", "extn", "extension", "tel", "telephone", "mob", "mobile", "bleep", "fax",
                            "email", "re", "cc", "dob", "nhs", "ref", "tbc", "asap", "via", "on", "at"})
_MEMO_SIZE = 65_536  # texts; about 20 MB


class NameRules:
    """The rule-based name finder; also answers 'is this span really a person?' for NER results."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocab = vocabulary
        self._titles_one = {t for t in vocabulary.titles if " " not in t}
        self._titles_two = {tuple(t.split()) for t in vocabulary.titles if " " in t}
        self._memo: dict[str, tuple[Finding, ...]] = {}
        from intake.anonymisation.nergate import MOSTLY_A_WORD, NAMES_TOO, english_frequencies  # imports this module

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
            if tok.key in _HOSPITAL_QUALIFIERS:
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
        return bool(_OCCUPATION.search(tok.key)) and not (self.first(tok) or self.last(tok))

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
        words = [t for t in tokenize(span) if t.is_word]
        if not words or all(w.key in self._titles_one for w in words) or (
            len(words) == 2 and (words[0].key, words[1].key) in self._titles_two
        ):
            return True
        if len(words) == 1 and words[0].is_upper and len(words[0].text) <= 4:
            return True  # an abbreviation such as ECG, ICU, PPM
        if self.contains_phrase(span):
            return True  # "General Electric Dash", "Karl Storz": a known multi-word brand inside the span
        if words[0].key in _PORT and len(words) > 1:
            return True  # "Port Talbot", "Fort William"
        if self._occupation(words[-1]) and not any(self.first(w) for w in words):
            return True  # "informed Perfusionist", "Cardiac Physiologist": what someone does, not who
        after = tokenize(text[end:end + 30].split("\n", 1)[0])  # a log's next entry ("\n23/06 RN:") says nothing
        if len(after) >= 2 and after[0].text in ("'", "\u2019") and after[1].text == "s":
            after = after[2:]  # "St James's Hospital": look past the possessive
        before = tokenize(text[max(0, start - 12):start])
        if hospital_town(span, before, words) or conveyed_to(text, start, words, self.vocab.first_names):
            return True  # "Queen's Hospital Burton", "conveyed to Stepping Hill"
        if words[-1].text[:1].isupper() and words[-1].key in self.vocab.indicators and (
                (len(words) >= 3 and self.first(words[0]))
                or (len(words) == 2 and before and before[-1].is_capitalised and self.first(before[-1]))):
            return True  # the same with the place word inside the span ("Mary Seacole Ward", "Ward" a surname too)
        if after and after[0].key in TITLE_HEADS and after[0].text[:1].isupper() and not any(
                self.first(w) for w in words):
            return True  # "Home Therapies Nurse", "Renal Dialysis Technician": the words of a job title
        if words[0].key == "royal" and words[0].text[:1].isupper() and len(words) > 1:
            return True  # "Royal Stoke", "Royal Derby", "Royal Free": a hospital, in the short name staff use
        royal = words[0] if words[0].key in _ROYAL else before[-1] if before and before[-1].key in _ROYAL else None
        if royal is not None and royal.text[:1].isupper() and self._place_word_after(after):
            return True  # "Prince Philip Hospital", "Queen Elizabeth University Hospital": named after a royal
        if self.is_strong_name([w.text for w in words], comma="," in span):
            # "Daisy Hill Hospital", "Mary Seacole Ward": a whole name before a capitalised place word names the
            # place, unless that word opens a job title ("Sarah Jones Ward Manager").
            return self._place_word_after(after, span.islower()) and not (
                len(after) > 1 and self.vocab.is_allowed_term(f"{after[0].text} {after[1].text}"))
        if self.vocab.contains_allowed(span):
            return True
        if (before and before[-1].key in _SAINT) or words[0].key in _SAINT:
            return True
        if before and before[-1].key in _COUNTY and before[-1].text[:1].isupper():
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
        while i < len(toks) - 1 and toks[i].key in _LEADING_NOISE:
            i += 1
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

    # -- rules -------------------------------------------------------------------------------------------
    def find(self, text: str) -> list[Finding]:
        # The NER gate asks first and the Presidio recognizer right after: answer the second from memory.
        known = self._memo.get(text)
        if known is not None:
            return list(known)
        out = self._find(text)
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[text] = tuple(out)
        return out

    def _find(self, text: str) -> list[Finding]:
        toks = tokenize(text)
        out: list[Finding] = []
        n = len(toks)
        i = 0
        while i < n:
            found = self._title_rule(text, toks, i) or self._gazetteer_rule(text, toks, i) or self._context_rule(
                text, toks, i
            )
            if found:
                finding, next_i = found
                out.append(finding)
                i = next_i
            else:
                i += 1
        # Names in lower case or after a role abbreviation, which the capitalised-word rules above cannot see.
        out = [f for f in out if self.case_plausible(text[f.start:f.end]) or f.recognizer == "TitleNameRecognizer"]
        # A longer contextual span takes the names it contains ("patient MANSOUR, Layla" beats "MANSOUR", "rabah
        # boubekeur" before "dob" beats "rabah").
        for f in self.contextual.find(text, toks):
            if not self.suppressed(text, f.start, f.end) or self.contextual.vouched(text, f):
                out = _taking_inside(out, f)
        for f in (*names_before_identifiers(self.contextual, toks), *find_log_authors(text, self.contextual)):
            out = _taking_inside(out, f)
        for f in (*find_other_script_names(text), *find_initials(text, self.vocab, self.english)):
            if not any(f.start < o.end and o.start < f.end for o in out) and not self.vocab.is_allowed_term(
                    text[f.start:f.end]):
                out.append(f)
        return sorted(out, key=lambda f: f.start)

    def case_plausible(self, span: str) -> bool:
        """A span in capitals carries no capital-letter evidence: its words must look like a name by what they
        are (contextual_names.py); mixed-case spans are judged by the rules above."""
        if not span.isupper():
            return True
        return self.contextual.plausible(tokenize(span))

    def _name_run(self, toks: list[Token], i: int, limit: int = 4, after_title: bool = False) -> int:
        """Index after the run of name-like tokens (words or initials) starting at i.

        After a title a brand word is a surname too ("Mr Baxter"); elsewhere it is not.
        """
        j = i
        while j < len(toks) and j - i < limit:
            tok = toks[j]
            brand = after_title and tok.key in self.vocab.allow_tokens and (tok.is_capitalised or tok.is_upper)
            surname = j > i and (tok.is_capitalised or tok.is_upper) and self.last(tok)  # "Melissa Lord"
            if self.place_at(toks, j) or self.abbreviation(tok) or not (
                tok.is_initial or self.namey(tok) or brand or surname
            ):
                break
            j += 1
            if tok.dot and not tok.is_initial:
                break  # a full stop after a word ends the sentence
        return j

    def _title_rule(self, text: str, toks: list[Token], i: int) -> tuple[Finding, int] | None:
        size = self.title_at(toks, i)
        if not size:
            return None
        j = i + size
        end = self._name_run(toks, j, limit=3, after_title=True)
        stop = line_end(text, toks[j].start, toks[end - 1].end) if end > j else 0
        while end > j and toks[end - 1].end > stop:
            end -= 1  # a name keeps to its line ("Dr. A. Okafor\nMany thanks")
        while end > j and toks[end - 1].is_initial:
            end -= 1
        if end == j or not any(not t.is_initial for t in toks[j:end]):
            return None
        if end < len(toks) and toks[end].text.isdigit() and len(toks[end].text) <= 3:
            return None  # "Nurse Base 16" is a place
        if self.contextual.in_phrase(toks, toks[i].start, end) or all(self._occupation(t) for t in toks[j:end]):
            return None  # "Clinical Nurse Specialist", "Consultant Intensivist": a job title, not before a name
        qualified = end
        while qualified > j + 1 and toks[qualified - 1].key in _HOSPITAL_QUALIFIERS:
            qualified -= 1
        if self._place_word_after(toks[qualified:qualified + 4]):
            return None  # "Dr Gray's Hospital", "Sir Robert Peel Community Hospital": named after the person
        while end > j + 1 and toks[end - 1].is_upper and not self.contextual.plausible(toks[j:end]):
            end -= 1  # in capitals every word looks like a name: "DR WILL CHECK TOMORROW" is "WILL"
        return Finding("PERSON", toks[j].start, toks[end - 1].end, 0.9, "TitleNameRecognizer"), end

    def _gazetteer_rule(self, text: str, toks: list[Token], i: int) -> tuple[Finding, int] | None:
        tok = toks[i]
        # "SMITH, John", "WARD, Adrian" (a surname in capitals may also be an everyday or place word)
        if (
            i + 2 < len(toks) and toks[i + 1].text == "," and self.last(tok)
            and self.namey(toks[i + 2]) and self.first(toks[i + 2]) and (tok.is_upper or tok.is_capitalised)
            and (tok.is_upper or not (self.common(tok) and self.common(toks[i + 2])))
            # "St Columba's Ward, Queen Elizabeth Hospital": a place word ending a place's name, then the next place
            and not (tok.key in self.vocab.indicators and i > 0 and toks[i - 1].is_word
                     and (toks[i - 1].is_capitalised or toks[i - 1].is_upper))
        ):
            return self._finding(text, toks, i, i + 3, 0.85, "GazetteerNameRecognizer")
        # "COLLINS, Wei": a surname in capitals, a comma and a capitalised word is the register's way of writing
        # a name, whether or not the given name is in the lists
        if (
            i + 2 < len(toks) and toks[i + 1].text == "," and tok.is_upper and self.last(tok)
            and toks[i + 2].is_capitalised and not toks[i + 2].is_upper and self.namey(toks[i + 2])
            and not self.common(toks[i + 2])
        ):
            return self._finding(text, toks, i, i + 3, 0.7, "GazetteerNameRecognizer")
        # "Smith J", "Sharp R", "Ward M" (surname, initial) at the end of a phrase; "Ward B" alone is a place
        if (
            i + 1 < len(toks) and self.last(tok) and (tok.is_capitalised or tok.is_upper) and toks[i + 1].is_initial
            and toks[i + 1].text != "X" and not tok.dot and (i + 2 >= len(toks) or not (self.namey(toks[i + 2])
                                                                          or toks[i + 2].is_initial))
            and (not self.place_at(toks, i) or self.has_context(toks, i))
        ):
            return self._finding(text, toks, i, i + 2, 0.6, "GazetteerNameRecognizer")
        if not (tok.is_initial or self.namey(tok)):
            return None
        # "Per Grace Mensah, done": an everyday word opening a sentence before a whole name is that word ("Will
        # Smith rang" keeps "Will": "Smith" alone makes no name).
        if tok.is_capitalised and self.english.get(tok.key, 0) >= self._names_too and i + 1 < len(toks) and (
                text[:tok.start].rstrip(" \t")[-1:] in ("", "\n", ".", "!", "?", ":", ";", "-")):
            rest = self._gazetteer_rule(text, toks, i + 1)
            if rest is not None and rest[0].start == toks[i + 1].start and rest[1] - i > 2:
                return rest
        end = self._name_run(toks, i)
        while end - i >= 2:
            run = toks[i:end]
            first, last = run[0], run[-1]
            middles_ok = all(t.is_initial or self.namey(t) for t in run[1:-1])
            score = 0.0
            if not middles_ok or last.is_initial:
                score = 0.0
            elif first.is_initial and all(t.is_initial for t in run[:-1]):
                # "M Hill", "C. Gray", "A. Young": an initial makes even an everyday surname a name; not "A"/"I"
                # without a full stop (words) nor "X" (X-ray)
                if self.last(last) and first.text != "X" and (first.text not in "AI" or first.dot):
                    score = 0.65 if not self.common(last) else 0.6
                elif self.last(last) and not self.common(last):
                    score = 0.5
            elif self.first(first) and self.last(last):
                score = 0.6 if (self.common(first) and self.common(last)) else 0.85
            elif self.first(first) and not self.common(first) and len(run) == 2:
                score = 0.55
            elif len(run) == 2 and self.last(last) and not self.common(last) and not self.common(first):
                score = 0.6 if self.has_context(toks, i) else 0.0  # "rep Wei Mahmood": unknown given name
            if score:
                if self.has_context(toks, i):
                    score = min(0.95, score + 0.1)
                return self._finding(text, toks, i, end, score, "GazetteerNameRecognizer")
            end -= 1
        return None

    def _context_rule(self, text: str, toks: list[Token], i: int) -> tuple[Finding, int] | None:
        tok = toks[i]
        if not (self.namey(tok) or tok.is_initial) or not self.strong_context(toks, i):
            return None
        end = self._name_run(toks, i, limit=3)
        while end > i and toks[end - 1].is_initial:
            end -= 1
        if end == i:
            return None
        if end - i == 1 and self.first(tok) and not self.common(tok):
            score = 0.75
        elif any(self.first(t) or self.last(t) for t in toks[i:end]) and not all(self.common(t) for t in toks[i:end]):
            score = 0.7
        elif all(self.common(t) for t in toks[i:end] if not t.is_initial):
            return None  # no list calls these words names, and they are everyday words ("Ffôn/Tel", "Diolch")
        else:
            score = 0.55
        return self._finding(text, toks, i, end, score, "ContextNameRecognizer")

    def _finding(
        self, text: str, toks: list[Token], i: int, end: int, score: float, source: str
    ) -> tuple[Finding, int] | None:
        start = toks[i].start
        stop = line_end(text, start, toks[end - 1].end)
        while end > i + 1 and toks[end - 1].end > stop:
            end -= 1
        if self.suppressed(text, start, stop) or self.ordinary_words(text[start:stop]) or self.contextual.in_phrase(
                toks, start, end):  # "Fisher" of "sent to Fisher & Paykel"
            return None
        return Finding("PERSON", start, stop, score, source), end


@lru_cache(maxsize=4)
def shared_name_rules(vocabulary: Vocabulary) -> NameRules:
    """One NameRules (and memo) per vocabulary in this process: the pattern scan, the NER gate and the Presidio
    recognizer ask about the same texts one after the other."""
    return NameRules(vocabulary)


_MOVED = frozenset({"PersonNameRecognizer", "DenyListRecognizer", "VocabularyAwareSpacyRecognizer"})


def __getattr__(name: str) -> Any:
    # The Presidio wrappers live in person_recognizers.py (which imports this module); old imports still work.
    if name in _MOVED:
        from intake.anonymisation import person_recognizers

        return getattr(person_recognizers, name)
    raise AttributeError(name)


def _taking_inside(out: list[Finding], f: Finding) -> list[Finding]:
    """`out` with `f` in place of the findings it contains; unchanged when `f` overlaps one it does not contain."""
    inside = [o for o in out if f.start < o.end and o.start < f.end]
    if not all(f.start <= o.start and o.end <= f.end for o in inside):
        return out
    return [o for o in out if o not in inside] + [f]
