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

from intake.anonymisation.bracketed_names import names_after_relations, names_before_brackets
from intake.anonymisation.display_names import find_display_names, find_names_spelt_by_addresses
from intake.anonymisation.findings import Finding
from intake.anonymisation.initials import NOTE_ABBREVIATIONS, SIGNED_RECOGNIZER, find_initials
from intake.anonymisation.labelled_names import names_after_labels
from intake.anonymisation.list_owners import find_list_owners
from intake.anonymisation.log_authors import (
    find_domain_logins,
    find_dotted_logins,
    find_joined_logins,
    find_labelled_logins,
    find_log_authors,
    names_a_domain,
)
from intake.anonymisation.name_cues import COURTESY, line_end
from intake.anonymisation.name_judgement import NOT_NAME_WORDS, NameJudgement
from intake.anonymisation.name_tokens import Token, tokenize
from intake.anonymisation.other_scripts import find_other_script_names
from intake.anonymisation.patient_names import (
    find_surname_initials,
    names_before_birth_dates,
    names_before_identifiers,
    names_bracketed_with_dates,
)
from intake.anonymisation.place_words import HOSPITAL_QUALIFIERS
from intake.anonymisation.recognizers_dicom import find_dicom_names
from intake.anonymisation.vocabulary import Vocabulary

__all__ = ["NOT_NAME_WORDS", "NameRules", "shared_name_rules"]

_MEMO_SIZE = 65_536  # texts; about 20 MB


class NameRules(NameJudgement):
    """The rule-based name finder; also answers 'is this span really a person?' for NER results."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self._memo: dict[str, tuple[Finding, ...]] = {}

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
        out = [f for f in out if (self.case_plausible(text[f.start:f.end]) or f.recognizer == "TitleNameRecognizer")
               and not _login_part(text, f.start, f.end) and not names_a_domain(text, f.start, f.end)]
        # A longer contextual span takes the names it contains ("patient MANSOUR, Layla" beats "MANSOUR", "rabah
        # boubekeur" before "dob" beats "rabah").
        for f in self.contextual.find(text, toks):
            if _login_part(text, f.start, f.end) or names_a_domain(text, f.start, f.end):
                continue
            if not self.suppressed(text, f.start, f.end) or self.contextual.vouched(text, f):
                out = _taking_inside(out, f)
        ctx = self.contextual
        for f in (*names_before_identifiers(ctx, toks, text), *names_before_birth_dates(ctx, toks, text),
                  *names_bracketed_with_dates(ctx, toks, text),
                  *names_before_brackets(ctx, toks, text), *names_after_relations(ctx, toks, text),
                  *names_after_labels(ctx, toks, text),
                  *find_surname_initials(ctx, text),
                  *find_log_authors(text, ctx),
                  *find_dotted_logins(text, ctx), *find_labelled_logins(text, ctx), *find_domain_logins(text),
                  *find_joined_logins(text, ctx),
                  *find_display_names(text), *find_names_spelt_by_addresses(text),
                  *find_list_owners(text, ctx), *find_dicom_names(text)):
            out = _taking_inside(out, f)
        for f in (*find_other_script_names(text), *find_initials(text, self.vocab, self.english)):
            if not any(f.start < o.end and o.start < f.end for o in out) and (
                    f.recognizer == SIGNED_RECOGNIZER or not self.vocab.is_allowed_term(text[f.start:f.end])):
                out.append(f)
        return sorted(out, key=lambda f: f.start)

    def _name_run(self, toks: list[Token], i: int, limit: int = 4, after_title: bool = False,
                  courtesy: bool = False) -> int:
        """Index after the run of name-like tokens (words or initials) starting at i.

        After a title a brand word is a surname too ("Mr Baxter"); elsewhere it is not. After "Mr" or "Mrs"
        (`courtesy`) so is a job's or a thing's word that is a surname ("Mr Porter", "Mrs Cook").
        """
        j = i
        while j < len(toks) and j - i < limit:
            tok = toks[j]
            brand = after_title and tok.key in self.vocab.allow_tokens and (tok.is_capitalised or tok.is_upper)
            # "Melissa Lord"; "Mr Porter"
            surname = (j > i or courtesy) and (tok.is_capitalised or tok.is_upper) and self.last(tok)
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
        end = self._name_run(toks, j, limit=3, after_title=True, courtesy=toks[j - 1].key in COURTESY)
        stop = line_end(text, toks[j].start, toks[end - 1].end) if end > j else 0
        while end > j and toks[end - 1].end > stop:
            end -= 1  # a name keeps to its line ("Dr. A. Okafor\nMany thanks")
        while end > j and toks[end - 1].is_initial:
            end -= 1
        if end == j or not any(not t.is_initial for t in toks[j:end]):
            return None
        if toks[j - 1].key not in COURTESY:
            while j + 1 < end and self._occupation(toks[j]):
                j += 1  # "Nurse Endoscopist Gareth Evans": the title's job, then the name
        if end < len(toks) and toks[end].text.isdigit() and len(toks[end].text) <= 3:
            return None  # "Nurse Base 16" is a place
        if self.contextual.in_phrase(toks, toks[i].start, end) or (
                toks[j - 1].key not in COURTESY and all(self._occupation(t) for t in toks[j:end])):
            # "Clinical Nurse Specialist", "Consultant Intensivist": a job title, not before a name; after "Mr" or
            # "Mrs" a job's word is the surname ("Mr Porter", "Mrs Cook")
            return None
        qualified = end
        while qualified > j + 1 and toks[qualified - 1].key in HOSPITAL_QUALIFIERS:
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
            # "ordered from Baxter, ETA 10/10": what notes abbreviate in capitals is no given name
            and not (toks[i + 2].is_upper and toks[i + 2].key in NOTE_ABBREVIATIONS)
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
            if len(run) == 2 and last.is_initial and last.dot and last.text not in "AIX" and first.is_capitalised \
                    and not first.is_upper and self.first(first) and not self.common(first):
                score = 0.65  # "Amelia N. 09/11/2015": a given name and the surname's initial, as a child is named
            elif not middles_ok or last.is_initial:
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
                if end + 1 < len(toks) and toks[end].text == "," and all(t.is_upper for t in run) \
                        and toks[end + 1].is_capitalised and not toks[end + 1].is_upper \
                        and (toks[end + 1].key in self.vocab.first_names or (
                            self.namey(toks[end + 1]) and not self.common(toks[end + 1]))) \
                        and toks[end + 1].start == toks[end].end + 1:
                    end += 2  # "DELA CRUZ, Lovely": a surname in capitals of two words, then the given name
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


_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_TITLES_GLUED = frozenset({"dr", "mr", "mrs", "ms", "miss", "sr", "prof", "st", "pt"})


def _login_part(text: str, start: int, end: int) -> bool:
    """"mercado,robin" of "lovely.mercado,robin.marsh": words joined to others by dots are parts of logins, which
    find_dotted_logins reads whole (a name there would leave the rest of each login readable)."""
    if text[start - 1:start] == "." and text[start - 2:start - 1].isalpha():
        before = _WORD_BEFORE.search(text, 0, start - 1)
        return before is None or before.group(0).lower() not in _TITLES_GLUED  # "Dr.Smith" is a name
    return text[end:end + 1] == "." and text[end + 1:end + 2].isalpha() and text[start:end].islower()


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
