"""What a word beside a role is: a name that is also a word ("district nurse grace will meet us"), a rare word
between a role and what they did ("PT'S DAUGHTER PADDY PHONED"), whoever was rang on a number, a surname after a
first name, a register's "SURNAME, Given". The predicates ContextualNames asks of the words after a trigger.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.anonymisation.context_words import ContextWords
from intake.anonymisation.initials import ALL_ABBREVIATIONS, BY_ABBREVIATIONS
from intake.anonymisation.name_cues import (
    NAME_OVER_WORD,
    NOT_AFTER_HONORIFIC,
    PARTICLES,
    RARE,
    ROLES_ONE,
    ROLES_TWO,
    SLASH_ROLES,
    VERBS_AFTER,
    WORD_ENDINGS,
)
from intake.anonymisation.name_tokens import Token, phone_at
from intake.anonymisation.patient_names import PATIENT_LABELS

# What follows a name written right after a role: a contact, a verdict ("dn bishop bleep 2528", "dn joy ok").
_AFTER_ROLE_NAME = frozenset({"bleep", "ext", "mob", "tel", "ok", "aware", "informed", "on", "at", "for", "re", "to"})
# What a person is asked "to" do, after a cue and a name that is also a word ("asked for joy to come again").
_VISITS = frozenset({"come", "call", "ring", "phone", "visit", "attend", "pop", "drop", "collect", "return", "bring"})
# ...but things come too: "asked for loan to come back", "asked for parts to come in".
_THINGS = frozenset({"loan", "loans", "parts", "part", "spares", "stock", "kit", "delivery", "courier", "van",
                     "transport", "taxi", "post", "payment", "money", "cash", "quote", "order"})

# NHS Agenda for Change pay bands, written as a grade before a name ("Band 6 Hazel").
_PAY_BANDS = frozenset({"1", "2", "3", "4", "5", "6", "7", "8", "8a", "8b", "8c", "8d", "9"})

class RoleNames(ContextWords):
    """Predicates over the words after a role, a cue or a first name."""

    def _role_at(self, toks: Sequence[Token], i: int) -> int:
        """Tokens of a title or role starting at i (0 if none)."""
        if i + 1 < len(toks) and ((toks[i].key, toks[i + 1].key) in ROLES_TWO or (
                toks[i].key == "band" and toks[i + 1].text in _PAY_BANDS)):
            return 2  # "staff nurse", and an NHS pay band as a grade: "accepted by Band 6 Hazel"
        if (i + 2 < len(toks) and toks[i + 1].text == "/" and (toks[i].key, toks[i + 2].key) in SLASH_ROLES
                and toks[i + 2].end == toks[i + 1].end + 1):
            return 3
        if toks[i].key == "en" and not toks[i].is_upper and not (i + 1 < len(toks) and toks[i + 1].is_capitalised):
            return 0  # "en el laboratorio": Spanish or French "en", not an enrolled nurse ("EN Smith")
        return 1 if toks[i].key in ROLES_ONE and toks[i].is_word else 0

    def _word_name_after_role(self, toks: Sequence[Token], k: int, strength: str = "role") -> bool:
        tok = toks[k]
        listed = tok.is_word and (tok.key in self.vocab.first_names or tok.key in self.vocab.last_names)
        if not listed and strength == "role" and k + 1 < len(toks) and toks[k + 1].key in VERBS_AFTER \
                and self._rare_word(tok):
            listed = True  # "PT'S DAUGHTER PADDY PHONED": between a role and what they did, a rare word is a name
        if not listed or (
                tok.key in NOT_AFTER_HONORIFIC or tok.key in self.vocab.allow_tokens
                or tok.key in self.vocab.indicators or tok.key in self.vocab.titles):
            return False
        if k + 2 < len(toks) and toks[k + 1].key == "to" and toks[k + 2].key in _VISITS:
            return tok.key not in _THINGS
        if strength != "role":
            return False
        if k + 1 >= len(toks):
            return True
        nxt = toks[k + 1]
        return (nxt.key in VERBS_AFTER or nxt.key in _AFTER_ROLE_NAME or nxt.text[:1].isdigit()
                or nxt.text in ("|", ";", ".", ",", ")"))

    def _called_on_a_number(self, toks: Sequence[Token], k: int) -> bool:
        """One word in no list before "on"/"at" and a number, after a verb of calling; not a team or a place
        ("rang ebme on 4455", "rang stores on 4455")."""
        tok = toks[k]
        if k + 2 >= len(toks) or toks[k + 1].key not in ("on", "at", "via") or not phone_at(toks, k + 2):
            return False
        key = tok.key
        return self.unknown_word(tok) and key not in BY_ABBREVIATIONS \
            and key not in self.vocab.allow_tokens and key not in self.vocab.indicators and key not in self.vocab.titles

    def _rare_word(self, tok: Token) -> bool:
        """A word English writes seldom (below RARE uses), with no ending of a word formed from another."""
        return (tok.is_word and len(tok.text) >= 3 and tok.text.isalpha() and not tok.key.endswith(WORD_ENDINGS)
                and tok.key not in self.not_names and self.english.get(tok.key, 0) < RARE)

    def _surname_after(self, toks: Sequence[Token], k: int) -> int:
        """Index after the surname (particles, then one or two name words) starting at k; k if there is none."""
        j = k
        while j + 1 < len(toks) and toks[j].key in PARTICLES and toks[j + 1].is_word:
            j += 1  # "van geest", "de la cruz"
        words = 0
        while j < len(toks) and words < 2 and toks[j].key not in VERBS_AFTER and (
                self.known_name(toks[j], NAME_OVER_WORD) or self.unknown_word(toks[j])
                or self._everyday_surname(toks[j])):
            words += 1
            j += 1
        return j if words else k

    @staticmethod
    def _identifier_next(toks: Sequence[Token], k: int) -> bool:
        """Whether the patient's identifiers follow ("PT BAKER, FAITH M1234567", "pt hill, joy dob 1938"): then a
        given name that is also a word is the given name."""
        return k < len(toks) and (toks[k].key in PATIENT_LABELS or any(c.isdigit() for c in toks[k].text))

    def _given_after_comma(self, toks: Sequence[Token], k: int) -> bool:
        """Whether toks[k], after "role surname,", may be the given name: a word, in capitals only after a surname
        in capitals, and before a number never the short capitals that name it ("Sr Kowalski, IEC 60601-1 pass"),
        unless they are a first name ("PT HILL, JOY 1234567")."""
        tok = toks[k]
        if not tok.is_word or (tok.is_upper and not toks[k - 2].is_upper) or self._opens_a_place(toks, k):
            return False
        numbered = k + 1 < len(toks) and toks[k + 1].text[:1].isdigit()
        return not (numbered and tok.is_upper and len(tok.text) <= 4) or tok.key in self.vocab.first_names

    def _opens_a_place(self, toks: Sequence[Token], k: int) -> bool:
        """toks[k], no first name, opens a place's or a practice's name ("Dr Sharma, Humberstone Road Surgery",
        "Dr Sheth, Hazelmere Medical Group"): the GP's practice after the GP, not the given name."""
        return toks[k].key not in self.vocab.first_names and k + 1 < len(toks) and not toks[k + 1].text.islower() \
            and (toks[k + 1].key in self.vocab.indicators or toks[k + 1].key in self.vocab.street_types)

    def _surname_first(self, toks: Sequence[Token], j: int) -> bool:
        """"KOWALCZYK, Agnieszka", "Kowalczyk, Agnieszka", "MALARNEAU, Beaufort" (toks[j], a comma, toks[j + 2]):
        the register's way of writing a person. The surname is a name or a word in no list; the given name,
        capitalised, a name or unlisted and no job title ("Dubois, Biomedical Engineer"); and either one of them
        is a known name or the surname is in capitals, as registers write it."""
        a, c = toks[j], toks[j + 2]
        if self.job_title_at(toks, j + 2) or self._opens_a_place(toks, j + 2) or (
                a.is_upper and a.key in ALL_ABBREVIATIONS):
            return False  # "scope during OGD, Varghese aware": the procedure, then a name
        surname = self.known_name(a, NAME_OVER_WORD) or (self.unknown_word(a) and (a.is_upper or a.is_capitalised))
        given = c.is_capitalised and not c.is_upper and (self.known_name(c, NAME_OVER_WORD) or self.unknown_word(c) or (
            # after a surname in capitals a first name that is also a word is the given name ("NOWAK, Heather")
            a.is_upper and c.key in self.vocab.first_names and c.key not in self.vocab.allow_tokens
            and c.key not in self.vocab.indicators))
        known = a.key in self.names or c.key in self.names
        return surname and given and (known or (a.is_upper and len(a.text) >= 3))
