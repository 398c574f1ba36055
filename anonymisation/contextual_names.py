"""Names written in any case: "sr jones:", "SN PATEL -", "spoke to siobhan", "tech: m.ahmed", "john smith".

The capitalised-word rules in names.py cannot see a name typed in lower case, and in text typed in capitals
every word looks like a name. Here a word counts as a name by what it is, not by its case: a word from the
name gazetteers that is not an everyday English word (pyspellchecker's frequencies and a dictionary decide), and
only where something supports it: a title or role before it ("sister", "s/n", "hca", "charge nurse"), a reporting verb
("spoke to", "per", "rang", "reported by"), or a first name and surname side by side. After a title or role a
word in no list at all is a name too ("sr okafor"): hospital staff come from everywhere, and no list holds
every surname.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from intake.anonymisation.closing_names import LISTS
from intake.anonymisation.context_words import MODALS
from intake.anonymisation.department_words import team_code
from intake.anonymisation.findings import Finding
from intake.anonymisation.name_cues import (
    AFTER_NAME,
    CALENDAR_WORDS,
    CUE_PHRASES,
    GREETINGS,
    HONORIFICS,
    MONTHS_DAYS,
    NAME_OVER_WORD,
    NOT_A_PERSONS,
    NOT_AFTER_HONORIFIC,
    PARTICLES,
    PERSON_STATES,
    POSSESSED,
    RARE,
    SEPARATORS,
    SIGN_OFF,
    VERBS_AFTER,
    VERBS_ONE,
    VERBS_TWO,
    WEAK_ONE,
    is_cue_phrase,
    line_end,
    possessive_stem,
)
from intake.anonymisation.name_tokens import Token, phone_at
from intake.anonymisation.word_names import WordNames

# Contact words whose number after them is a person's own: "Ísis bleep 1656".
_CONTACT = frozenset({"bleep", "pager", "mobile", "mob", "ext", "extension"})
_EXTENSION = re.compile(r"x\d{3,6}")


_NUMBER_START = frozenset("+0123456789")
_ENTRY_END = re.compile(r"[ \t]*(?:[.!)]?[ \t]*(?:\n|$)|[|;])")
# Words after which a clause opens with whoever acts in it ("asked if dean can take", "after dean admitted to"):
# there, as at a sentence's start, a person the dataset names before what they did.
_CLAUSE_OPENERS = frozenset({"if", "and", "but", "so", "because", "when", "after", "before", "until", "while",
                             "whether", "though", "although", "unless", "since", "as", "then", "once"})
_PERSONS_AUXILIARIES = frozenset({"can", "could", "will", "would", "wants", "needs", "to"})
_CLAUSE_END = frozenset({".", ",", ";", ":", "!", "?", ")", "|"})
# Work whose doer "by" names, as a noun ("Physics QA by selby", "report by Mark"), besides what was done.
WORK_DONE = frozenset({"qa", "check", "checks", "test", "tests", "testing", "service", "servicing", "ppm", "review",
                       "inspection", "calibration", "repair", "repairs", "visit", "install", "installation",
                       "acceptance", "handover", "report", "commissioning", "survey", "audit", "assessment"})



def _before_date(toks: Sequence[Token], i: int) -> int:
    """Where the date or time right before toks[i] starts ("PPM 15/05/25 by", "done on 12/03 14:30 by"), its "on"
    or "at" with it; i when there is none."""
    j = i
    while j > 0 and i - j < 8 and (toks[j - 1].text.isdigit() or (toks[j - 1].text in "/.:-" and j - 1 > 0
                                                                    and toks[j - 2].text.isdigit())):
        j -= 1
    if i - j < 3 or not toks[j].text.isdigit():
        return i  # a count ("fitted 2 by Monday") is no date
    return j - 1 if j > 0 and toks[j - 1].key in ("on", "at") else j


class ContextualNames(WordNames):
    """Finds case-free names after titles, roles and reporting verbs, and rare first name + surname pairs."""

    @staticmethod
    def _cue_at(toks: Sequence[Token], i: int) -> int:
        """Tokens of a hand-over phrase starting at i (0 if none)."""
        if i + 2 < len(toks) and (toks[i].key, toks[i + 1].key, toks[i + 2].key) in CUE_PHRASES:
            return 3
        before = toks[i - 1].key if i >= 1 else ""
        return 2 if i + 1 < len(toks) and is_cue_phrase((toks[i].key, toks[i + 1].key), before) else 0

    def _verb_at(self, toks: Sequence[Token], i: int) -> int:
        if i + 1 < len(toks) and (toks[i].key, toks[i + 1].key) in VERBS_TWO:
            return 2
        if i + 1 < len(toks) and toks[i].key == "w" and toks[i + 1].text == "/":
            return 2  # "w/ Rebecca": with
        return 1 if toks[i].key in VERBS_ONE else 0

    def find(self, text: str, toks: Sequence[Token]) -> list[Finding]:
        out: list[Finding] = []
        n = len(toks)
        starts = self._starts
        i = 0
        while i < n:
            if toks[i].key not in starts and toks[i].key not in self.known_people and toks[i].text != "(" \
                    and toks[i].text not in SIGN_OFF and not (i and (toks[i - 1].dot or toks[i - 1].text in ".!")) \
                    and not (toks[i].start and text[toks[i].start - 1] == "\n") \
                    and not (i + 1 < n and (
                        toks[i + 1].text in ",(" or toks[i + 1].key in AFTER_NAME or toks[i + 1].key in POSSESSED
                        or toks[i + 1].key in LISTS
                        or (toks[i + 1].text[:1] == "x" and _EXTENSION.fullmatch(toks[i + 1].text))
                        or (toks[i + 1].key in ("on", "at") and i + 2 < n and toks[i + 2].text[:1] in _NUMBER_START))):
                i += 1
                continue
            # A closing name before a rare name alone: "hsdu. funmi okonjo" is one person, not "funmi" and a word.
            found = (self._after_trigger(toks, i) or self._pair(toks, i) or self._closing_name(text, toks, i)
                     or self._rare_name(toks, i)
                     or self._before_verb(toks, i) or self._bracketed(toks, i) or self._known_capitalised(toks, i)
                     or self._possessive(toks, i) or self._sign_off(text, toks, i)
                     or self._before_role(toks, i) or self._after_salutation(text, toks, i)
                     or self._before_number(text, toks, i)
                     or self._list_owner(toks, i) or self._said_by(text, toks, i))
            if found and self.in_phrase(toks, found[0].start, found[1]):
                found = None  # "WELCH ALLYN", "st thomas": a brand or place, whatever the case
            if found and team_code(text, found[0].start, found[0].end):
                found = None  # "told RIS", "CT2 (ED)": a team's or department's letters in capitals
            if found:
                finding = found[0]
                stop = line_end(text, finding.start, finding.end)
                out.append(finding if stop == finding.end else Finding(
                    "PERSON", finding.start, stop, finding.score, finding.recognizer))
                i = found[1]
            else:
                i += 1
        return out

    def _after_trigger(self, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        size = self._role_at(toks, i)
        strength = "role"
        if not size:
            size = self._cue_at(toks, i)
            strength = "cue"  # like a role, a hand-over phrase vouches for a word in no list ("reply from oksana")
        if not size:
            size = self._verb_at(toks, i)
            strength = "greeting" if toks[i].key in GREETINGS else "verb"
        if not size and toks[i].key == "by":
            w = _before_date(toks, i)
            if w > 0 and (self.past_tense(toks[w - 1].key) or toks[w - 1].key in WORK_DONE
                          or (toks[w - 1].key == "for" and w > 1 and self.past_tense(toks[w - 2].key))):
                size, strength = 1, "cue"  # "swapped by Joy", "collected by debs", "Last PPM 15/05/25 by SMITH"
        if not size and toks[i].key in WEAK_ONE:
            size, strength = 1, "weak"
        if not size:
            return None
        j = i + size
        # One or two separators, as notes are typed: "tech: - laura", "Mrs \u2013 Ross", "per Prof. - Smith".
        for _ in range(2):
            if j < len(toks) and toks[j].text in SEPARATORS:
                j += 1
        if j > i + size and strength == "role" and self._role_at(toks, j):
            return None  # "Baby: Baby of MORGAN": a label, then the role whose name follows
        honorific = strength == "role" and toks[i + size - 1].key in HONORIFICS
        # After a comma the sentence may go on rather than name the role ("spoke to sister, job closed"): there a
        # name that is also an everyday word is not vouched for by the role alone.
        comma = any(toks[x].text == "," for x in range(i + size, j))
        end = self._run(toks, j, strength, honorific, words_as_names=not comma)
        if end == j and honorific and not comma:
            end = self._honorific_word(toks, j)
        if end == j and strength == "role" and self.listed_surname_first(toks, j):
            return Finding("PERSON", toks[j].start, toks[j + 2].end, 0.7, "ContextNameRecognizer"), j + 3
        if end == j:
            return None
        if end + 1 < len(toks) and toks[end].text == "," and (self._surname_first(toks, end - 1) or (
                strength == "role" and end == j + 1 and self._given_after_comma(toks, end + 1) and (
                    self.unknown_word(toks[end + 1]) or (toks[end + 1].key in self.vocab.first_names and (
                        self.known_name(toks[end + 1], NAME_OVER_WORD) or self._identifier_next(toks, end + 2)))))):
            end += 2  # "patient MANSOUR, Layla", "pt sangha, sunita": the given name after the surname
        return Finding("PERSON", toks[j].start, toks[end - 1].end, 0.7 if strength != "weak" else 0.6,
                       "ContextNameRecognizer"), end

    def _run(self, toks: Sequence[Token], j: int, strength: str, honorific: bool = False,
             words_as_names: bool = True) -> int:
        """Index after the name that starts at j (j itself when there is none): optional initials, then one to
        three name words."""
        k = j
        while k < len(toks) and len(toks[k].text) == 1 and toks[k].is_word:
            joined = k + 1 < len(toks) and toks[k + 1].start == toks[k].end + 1
            if not (toks[k].dot or joined) or (toks[k].key in ("a", "i") and not toks[k].dot and not (
                    honorific and k + 1 < len(toks) and (self.known_name(toks[k + 1], NAME_OVER_WORD)
                                                         or self.unknown_word(toks[k + 1])))):
                break
            k += 1  # "b. nowak", "m.ahmed", "j smith"; "a" and "i" (words too) only with a full stop: "a.fair"
        if k - j > 2:
            return j
        initials = k > j
        words = 0
        while k < len(toks) and toks[k].key in PARTICLES and k + 1 < len(toks) and toks[k + 1].is_word and (
                toks[k + 1].key in PARTICLES or self.known_name(toks[k + 1], NAME_OVER_WORD)
                or self.unknown_word(toks[k + 1])):
            k += 1  # "van der berg", "al hassan"
        while k < len(toks) and words < 3:
            tok = toks[k]
            if not words and strength != "weak" and not tok.dot and self._everyday_first_name(toks, k):
                words += 1  # "FAO MARK BELLAMY": a first name that is also a word, vouched for by its surname
                k += 1
                continue
            limit = NAME_OVER_WORD if strength == "role" or initials else RARE
            ok = self.known_name(tok, limit) or (strength in ("role", "cue") and (
                self.unknown_word(tok) or (tok.is_word and tok.key in self.known_people))) or (
                # "physio - Holly", "HCA Amber", "Thanks Cat": after a role or a greeting a capitalised first name,
                # even one that is a word
                strength in ("role", "greeting", "cue") and not words and tok.is_capitalised and not tok.is_upper
                and tok.key in self.vocab.first_names and tok.key not in self.vocab.allow_tokens
                and tok.key not in self.vocab.indicators and tok.key not in NOT_AFTER_HONORIFIC)
            if not ok and not words and strength == "greeting" and self.unknown_word(tok) and tok.is_capitalised \
                    and k + 1 < len(toks) and toks[k + 1].text == ",":
                words, k = 1, k + 1  # "Hi Ishbel," opening a letter: a word in no list, as a name is greeted
                break
            if not ok and not words and strength == "verb" and self._known_worker(tok) and tok.key not in MODALS and (
                    k + 1 == len(toks) or toks[k + 1].text in _CLAUSE_END or (
                        toks[k + 1].key in ("on", "at") and phone_at(toks, k + 2))):
                words, k = 1, k + 1  # "told hope.", "met june on 25/5": whom a note told or met, a person it names
                break
            if not ok and not words and strength == "verb" and self._called_on_a_number(toks, k):
                words, k = 1, k + 1  # "RANG TOPE ON 07700 900123": whoever was rang on a number is a person
                break
            if not ok and not words and words_as_names and strength in ("role", "cue") \
                    and self._word_name_after_role(toks, k, strength):
                # "district nurse grace will meet us", "renal tech bishop 27/10", "dn joy ok": a role, a name that
                # is also a word, and what they do, a date, a contact or the entry's end after it
                words, k = 1, k + 1
                break
            if not ok and words and strength != "weak" and (
                    self.known_name(tok, NAME_OVER_WORD) or self.unknown_word(tok) or self._everyday_surname(tok)
                    or (tok.is_word and tok.key in self.known_people)):
                # the surname after a first name ("spoke to siobhan kowalczyk", "patient Jo WOODS"), a town too
                # when a person of the dataset is called so ("FSE Stuart Buxton")
                ok = True
            if not ok and not words and initials and strength != "weak" and toks[k - 1].dot \
                    and tok.start == toks[k - 1].end + 1 and self._everyday_surname(tok):
                ok = True  # glued to its initial, as logins are written: "patient m.reed", "per j.hart"
            if not ok and not words and initials and strength == "role" and toks[k - 1].dot and tok.is_capitalised \
                    and tok.is_word and tok.key not in self.vocab.allow_tokens and tok.key not in self.vocab.indicators:
                ok = True  # "pt E. Domino", "pt J. Selby": after a role and an initial, a surname even if a word
            if not ok:
                break
            words += 1
            k += 1
            if tok.dot or tok.key.endswith(" s"):
                break  # a possessive ends the name: "dr patel's sec"
        while words > 1 and toks[k - 1].key in PARTICLES:
            words, k = words - 1, k - 1  # a particle ends no name: "Llamar a Luis al 612 345 678"
        if not words:
            return j
        if strength == "weak" and words < 2 and not initials:
            return j  # "for john" alone is too little: a name after "for" needs a surname too
        return k

    def _before_verb(self, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"tom says the pump alarms", "HANNAH AWARE", "Ifeoma from the renal unit rang": a name (a known one,
        rarely a word, a word in no list, or a word of a person known in the dataset) opening a sentence, before
        a speaking verb, "who", or "from" and the place or team the person is from; and, for a word of a person
        the dataset names or a name that is rarely a word, before what they did ("Grace replaced the fan") or
        where they are ("Will on nights", "Mark in Estates")."""
        opens = i == 0 or not toks[i - 1].is_word or toks[i - 1].text in SEPARATORS or toks[i - 1].dot
        if i + 1 >= len(toks) or not (opens or (toks[i - 1].key in _CLAUSE_OPENERS and self._known_worker(toks[i]))):
            return None
        tok = toks[i]
        if not opens:
            # inside a sentence, only what a person does or is ("if dean can take", "after dean admitted to"; not
            # "and mark was removed")
            nxt = self._after_aside(toks, i + 1)
            after = toks[nxt].key if nxt < len(toks) else ""
            if tok.key in MODALS or not (after in PERSON_STATES or after in VERBS_AFTER or (
                    after in _PERSONS_AUXILIARIES and nxt + 1 < len(toks) and toks[nxt + 1].key not in ("be", "been"))):
                return None
            return Finding("PERSON", tok.start, tok.end, 0.6, "ContextNameRecognizer"), i + 1
        # A word in no list opening a sentence must look like a name, not an abbreviation ("Rec'd from ICU").
        if not (self.known_name(tok, RARE) or (self.unknown_word(tok) and tok.text.isalpha())
                or (tok.is_word and tok.key in self.known_people)):
            # "Rose from stores sent filters": a capitalised first name that is also a word, from a team or place
            if (tok.is_capitalised and not tok.is_upper and tok.key in self.vocab.first_names
                    and tok.key not in NOT_AFTER_HONORIFIC and tok.key not in self.vocab.allow_tokens
                    and i + 2 < len(toks) and toks[i + 1].key == "from" and self._place_start(toks[i + 2])
                    and toks[i + 2].key not in self.vocab.allow_tokens):  # "Bill from Baxter": an invoice
                return Finding("PERSON", tok.start, tok.end, 0.6, "ContextNameRecognizer"), i + 1
            return None
        end = self._surname_after(toks, i + 1) if tok.key in self.vocab.first_names else i + 1
        # "dolores van geest rang": a first name and surname before a speaking verb
        if i + 1 < end < len(toks) and (toks[end].key in VERBS_AFTER or toks[end].key == "who"):
            return Finding("PERSON", tok.start, toks[end - 1].end, 0.6, "ContextNameRecognizer"), end
        nxt = self._after_aside(toks, i + 1)  # "Pöll (bank staff) reported a noise": what they did, after the aside
        if nxt >= len(toks):
            return None
        after = toks[nxt].key
        if (after in VERBS_AFTER or after == "who"
                or (after == "from" and nxt + 1 < len(toks) and self._place_start(toks[nxt + 1]))
                # "Dafydd on 07700 900301": whom to call, on their number
                or (after in ("on", "at") and nxt + 1 < len(toks) and (
                    toks[nxt + 1].text in ("+", "(") or (toks[nxt + 1].text.isdigit() and len(toks[nxt + 1].text) >= 4))
                    and phone_at(toks, nxt + 1))
                or ((self.known_name(tok, RARE) or self._known_worker(tok)) and self._acts(toks, nxt))
                or (self._known_worker(tok) and tok.key not in MODALS and (after in PERSON_STATES or (
                    after == "not" and nxt + 1 < len(toks) and toks[nxt + 1].key in NOT_A_PERSONS)))
                # A thing is somewhere too ("Fan on bay 3 noisy", a Mr Fan or not): only a first name is a person.
                or ((self.known_name(tok, RARE) or (self._known_worker(tok) and tok.key in self.vocab.first_names))
                    and self._is_at(toks, nxt))):
            return Finding("PERSON", tok.start, tok.end, 0.6, "ContextNameRecognizer"), i + 1
        return None

    def _said_by(self, text: str, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"pulling to the right says Kez", "been like that weeks, said sam": who said so, named after "says" where
        the entry ends; a name rarely a word, a word of a person the dataset names, or a capitalised word in no
        list ("says NFF", "says Monday" are not)."""
        if toks[i].key not in ("says", "said") or i + 1 >= len(toks):
            return None
        tok = toks[i + 1]
        if not (tok.is_word and tok.text.isalpha() and tok.key not in CALENDAR_WORDS and tok.key not in MONTHS_DAYS
                and _ENTRY_END.match(text, tok.end)):
            return None
        if not (self.known_name(tok, RARE) or (self._known_worker(tok) and tok.key not in MODALS) or (
                self.unknown_word(tok) and tok.is_capitalised and not tok.is_upper)):
            return None
        return Finding("PERSON", tok.start, tok.end, 0.6, "ContextNameRecognizer"), i + 2

    def _possessive(self, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"ahmad's bleep not answering", "Okoro's office": a name in the possessive before what is that
        person's (POSSESSED). The finding ends before the "'s"."""
        word = possessive_stem(toks[i])
        if word is None:
            # No "'s" before a contact number: "Ísis bleep 1656", "Tomasz mob 07700 900123", written capitalised,
            # or in any case a person of the dataset ("bishop ext 15967")
            # ... or glued to its "x" ("Kez x4003")
            word = toks[i]
            if not (((word.is_capitalised and not word.is_upper) or word.key in self.known_people) and i + 1 < len(toks)
                    and (_EXTENSION.fullmatch(toks[i + 1].text) or (i + 2 < len(toks) and toks[i + 1].key in _CONTACT
                                                                    and toks[i + 2].text[:1].isdigit()))):
                return None
        elif i + 1 >= len(toks) or toks[i + 1].key not in POSSESSED:
            return None
        if " " in word.key:
            return None
        if not self._name_word(word) or word.key in self.not_names:
            return None
        return Finding("PERSON", word.start, word.end, 0.6, "ContextNameRecognizer"), i + 1

    def _sign_off(self, text: str, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"... function checked -- john": one or two name words after two dashes (or a long dash) that end the
        line or the text."""
        if not (i >= 1 and toks[i - 1].text in SIGN_OFF and toks[i - 1].end == toks[i].start) \
                and toks[i].text not in ("\u2013", "\u2014"):
            return None
        j = i + 1
        k = self._run(toks, j, "cue")  # like a hand-over phrase: "-- m.kwoka", "-- Jane B", "-- wafeeq"
        if k == j:
            return None
        if k < len(toks) and toks[k].is_initial:
            k += 1  # "-- Jane B"
        rest = text[toks[k - 1].end:toks[k].start if k < len(toks) else len(text)]
        if k < len(toks) and "\n" not in rest and toks[k].text not in (".", ",", ";"):
            return None
        return Finding("PERSON", toks[j].start, toks[k - 1].end, 0.6, "ContextNameRecognizer"), k

