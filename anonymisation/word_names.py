"""Names read from the words themselves, where case says little: a gazetteer name that is no English word at all
("siobhan", "OKAFOR"), a first name and a surname side by side ("john smith", "SMITH, John"), and a known
worker's first name capitalised inside a sentence ("Chased Grace again today").
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.anonymisation.address_towns import place_keys
from intake.anonymisation.closing_names import ClosingNames
from intake.anonymisation.findings import Finding
from intake.anonymisation.name_cues import CALENDAR_WORDS, RARE
from intake.anonymisation.name_tokens import Token

# Words after which a town is where something is, never whom ("to" and "from" name people as often: "handed to").
_IN_A_PLACE = frozenset({"in", "near", "nr", "around", "outside", "towards", "via"})


class WordNames(ClosingNames):
    """The rules of ContextualNames that read a name from its words."""

    def _known_capitalised(self, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"Chased Grace again today": a known member of staff's first name that is also an everyday word,
        capitalised inside a sentence of text written in sentence case. Case is the only sign here, so not at a
        sentence's start, not in text typed in capitals or title case ("Replaced Power Supply"), and not a month
        or a day ("in May")."""
        tok = toks[i]
        if not (tok.is_capitalised and not tok.is_upper and tok.key in self.vocab.first_names
                and self._known_worker(tok) and tok.key not in CALENDAR_WORDS):
            return None
        if i == 0 or not toks[i - 1].is_word or toks[i - 1].dot or toks[i - 1].is_upper:
            return None  # a sentence's first word, or part of a name with an abbreviation ("CE Mark")
        words = [t for t in toks if t.is_word and len(t.text) > 1]
        if sum(t.is_capitalised or t.is_upper for t in words) * 3 > len(words):
            return None  # a third of the words or more start with a capital: case says nothing here
        return Finding("PERSON", tok.start, tok.end, 0.6, "ContextNameRecognizer"), i + 1

    def _rare_name(self, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """A gazetteer name that is no English word at all ("siobhan", "OKAFOR"), written in lower case or
        capitals (capitalised ones are names.py's): the word itself is the evidence; a following surname joins."""
        tok = toks[i]
        if (tok.is_capitalised and not tok.is_upper) or len(tok.text) < 4 or not self.known_name(tok, 1):
            return None
        if i > 0 and toks[i - 1].key in _IN_A_PLACE and tok.key in place_keys():
            return None  # "on holiday in lancaster": where, not who
        end = i + 1
        if end < len(toks) and not toks[end].is_capitalised and self.known_name(toks[end], RARE):
            end += 1
        return Finding("PERSON", tok.start, toks[end - 1].end, 0.55, "GazetteerNameRecognizer"), end

    def _pair(self, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """A first name and a surname side by side, both rarely English words: "john smith", "SMITH, John",
        "Varghese Venkat"."""
        if i + 1 >= len(toks):
            return None
        a, b = toks[i], toks[i + 1]
        if b.text == "," and i + 2 < len(toks):
            c = toks[i + 2]
            if a.key in self.vocab.last_names and c.key in self.vocab.first_names and self.known_name(a, RARE) \
                    and self.known_name(c, RARE):
                return Finding("PERSON", a.start, c.end, 0.65, "GazetteerNameRecognizer"), i + 3
            if self._surname_first(toks, i):
                return Finding("PERSON", a.start, c.end, 0.65, "GazetteerNameRecognizer"), i + 3
            return None
        if a.key in self.vocab.first_names and b.key in self.vocab.last_names and self.known_name(a, RARE) \
                and self.known_name(b, RARE) and not a.dot:
            return Finding("PERSON", a.start, b.end, 0.65, "GazetteerNameRecognizer"), i + 2
        # the surname first, as registers and many cultures write it ("Varghese Venkat aware"): a surname that is
        # no given name, then a given name, written alike
        if a.key in self.vocab.last_names and a.key not in self.vocab.first_names and b.key in self.vocab.first_names \
                and (a.is_upper, a.is_capitalised) == (b.is_upper, b.is_capitalised) and self.known_name(a, RARE) \
                and self.known_name(b, RARE) and not a.dot:
            return Finding("PERSON", a.start, b.end, 0.6, "GazetteerNameRecognizer"), i + 2
        return None
