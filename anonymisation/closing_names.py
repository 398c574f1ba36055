"""Names read from where they stand in an entry: closing it ("castors greased. Grace", "... hsdu. funmi okonjo"),
before a role in brackets ("timothy (consultant anaesthetist)"), alone in brackets ("nurse in charge (hannah)").

After an entry's last sentence the words left are whoever wrote or was told it; before a role in brackets, whoever
holds it. Case says little there: notes typed on a phone are all lower case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from intake.anonymisation.findings import Finding
from intake.anonymisation.name_cues import MONTHS_DAYS, RARE, ROLES_ONE
from intake.anonymisation.name_tokens import Token
from intake.anonymisation.role_names import RoleNames

# A line that closes a message ("Kind regards", "Many thanks,"): the next line is whoever sent it.
_SALUTATION_LINE = re.compile(r"(?im)^[ \t]*(?:kind |best |warm |many |with )?(?:regards|wishes|thanks|thank you|cheers"
                              r"|rgds)[ \t,.!]*\n[ \t]*$")
LISTS = frozenset({"list", "lists", "session", "clinic", "patient", "theatre"})
# A telephone number or an extension right after a word: "rich 07700 900123", "bishop ext 15967", "on x4455".
_CONTACT_AFTER = re.compile(r"(?i)[ \t]*(?:\(?(?:ext|extn|x|bleep|blp|tel|mob|mobile|on)\.?:?[ \t]*)?"
                            r"(?:\+\d|0\d|\(0\d)[\d \t()-]{5,}|[ \t]*(?:ext|extn|x|bleep|blp)\.?:?[ \t]*\d{3,6}\b")


class ClosingNames(RoleNames):
    """The rules of ContextualNames that read a name from where it stands in an entry."""

    def _closing_name(self, text: str, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"castors greased. Grace", "loan from hsdu. funmi okonjo": one or two name words alone after the last
        sentence of an entry sign it. Capitalised, a first name that is rarely an English word ("Tested. Will"
        stays a word); in lower case, words that are no English word at all or a person of the dataset ("... pacs
        ok. gold"), one of them a known name unless there are two ("moved. nibp cuff" stays)."""
        if i == 0 or not (toks[i - 1].dot or toks[i - 1].text in (".", "!")):
            return None
        tok = toks[i]
        if tok.is_capitalised and not tok.is_upper:
            if not (tok.key in self.vocab.first_names and self.known_name(tok, RARE)) and not self._known_alone(tok):
                return None
            end = i + 1
        elif tok.is_upper and len(tok.text) > 2:
            if not self._known_alone(tok):  # "CALLED ESTATES EXT 53609. SELBY": a person of the dataset
                return None
            end = i + 1
        else:
            end = i + 2 if i + 1 < len(toks) and toks[i + 1].is_word and toks[i + 1].start == tok.end + 1 \
                and text[tok.end] == " " else i + 1
            words = toks[i:end]
            if not all(t.is_word and t.text.islower() and len(t.text) > 2 and t.text.isalpha()
                       and (self.known_name(t, RARE) or self.unknown_word(t) or t.key in self.known_people)
                       for t in words):
                return None
            named = [t for t in words if t.key in self.vocab.first_names or t.key in self.vocab.last_names
                     or t.key in self.known_people]
            if not (named or len(words) == 2) or any(t.key in self.vocab.allow_tokens for t in words):
                return None
        rest = text[toks[end - 1].end:toks[end - 1].end + 2].lstrip(" \t.")
        if rest[:1] not in ("", "\n", "|"):
            return None
        return Finding("PERSON", tok.start, toks[end - 1].end, 0.6, "ContextNameRecognizer"), end

    def _known_alone(self, tok: Token) -> bool:
        """A word of a person of the dataset ("Rich", "Selby") that no list knows as a thing, standing alone where only
        a person stands: the dataset says somebody is called so."""
        return tok.is_word and tok.text.isalpha() and tok.key in self.known_people \
            and tok.key not in self.vocab.allow_tokens and tok.key not in self.vocab.indicators \
            and tok.key not in ROLES_ONE and tok.key not in MONTHS_DAYS

    def _before_number(self, text: str, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"FSE booked: rich 07700 900123", "rebooked. bishop ext 15967": a person of the dataset right before a
        telephone number or an extension is whoever answers it."""
        tok = toks[i]
        if not self._known_alone(tok) or (i and toks[i - 1].is_word and not toks[i - 1].text.islower()
                                          and not toks[i - 1].is_upper and self._known_alone(toks[i - 1])):
            return None
        if not _CONTACT_AFTER.match(text, tok.end):
            return None
        return Finding("PERSON", tok.start, tok.end, 0.6, "ContextNameRecognizer"), i + 1

    def _before_role(self, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"timothy (consultant anaesthetist)", "JOY COOK (WARD MANAGER)": a first name, a surname or both before a
        role in brackets, as notes say who somebody is; in lower case or capitals, where names.py's capitalised
        words cannot see it. The first word a first name or no English word at all."""
        n = len(toks)
        end = i + 1 if i + 1 < n and toks[i + 1].text == "(" else i + 2
        if end + 1 >= n or toks[end].text != "(" or not self._role_word(toks, end + 1):
            return None
        first = toks[i]
        if self._known_alone(first) and end == i + 1:
            return Finding("PERSON", first.start, first.end, 0.6, "ContextNameRecognizer"), end  # "Rich (Rad:)"
        if not (first.is_word and first.text.isalpha() and len(first.text) > 1) or (
                first.is_capitalised and not first.is_upper) or first.key in self.vocab.allow_tokens \
                or first.key in self.vocab.indicators or first.key in ROLES_ONE \
                or not (first.key in self.vocab.first_names or self.unknown_word(first)):
            return None
        if end == i + 2:
            second = toks[i + 1]
            if not (second.is_word and second.text.isalpha() and (
                    self.known_name(second, RARE) or self.unknown_word(second) or self._everyday_surname(second))):
                return None
        return Finding("PERSON", first.start, toks[end - 1].end, 0.6, "ContextNameRecognizer"), end

    def _role_word(self, toks: Sequence[Token], k: int) -> bool:
        """A role or a title opens the brackets at k; the patient is nobody's role here."""
        key = toks[k].key
        return key not in ("pt", "patient", "pts") and (self._role_at(toks, k) > 0 or key in self.vocab.titles)

    def _bracketed(self, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"nurse in charge (hannah) aware": one known name alone in brackets, as notes add who it was."""
        if (toks[i].text == "(" and i + 2 < len(toks) and toks[i + 2].text == ")"
                and toks[i + 1].key not in MONTHS_DAYS and self.known_name(toks[i + 1], RARE)
                and not (i and toks[i - 1].key in self.vocab.indicators)):  # "Golden Jubilee Hospital (Livingston)"
            return Finding("PERSON", toks[i + 1].start, toks[i + 1].end, 0.6, "ContextNameRecognizer"), i + 3
        return None

    def _after_salutation(self, text: str, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"Kind regards\nLovely\nField Service Engineer": the line after a closing salutation, one to three
        capitalised words and nothing else, is the sender, even when the words are everyday ones ("Lovely",
        "Crystal"); not a team, a desk or a term the vocabulary knows ("EBME Team", "The Service Desk")."""
        start = toks[i].start
        if not start or text[start - 1] != "\n" or not _SALUTATION_LINE.search(text, max(0, start - 40), start):
            return None
        end = i
        while end < len(toks) and end - i < 4 and "\n" not in text[toks[end - 1].end if end > i else start:
                                                                     toks[end].start]:
            end += 1
        words = toks[i:end]
        line_end = text.find("\n", start)
        if not 1 <= len(words) <= 3 or (line_end != -1 and toks[end - 1].end < line_end
                                         and text[toks[end - 1].end:line_end].strip(" \t,.")) \
                or not all(t.is_word and t.text.isalpha() and (t.is_capitalised or t.is_upper) for t in words) \
                or any(t.key in self.vocab.allow_tokens or t.key in self.vocab.indicators or t.key in self.vocab.titles
                       or t.key in ("the", "team", "desk") for t in words) \
                or self.vocab.is_allowed_term(text[start:toks[end - 1].end]):
            return None
        return Finding("PERSON", start, toks[end - 1].end, 0.6, "ContextNameRecognizer"), end

    def _list_owner(self, toks: Sequence[Token], i: int) -> tuple[Finding, int] | None:
        """"says ok after Crystal's list": a capitalised word with a possessive before "list" or "session", inside a
        sentence, is whose list it is."""
        tok = toks[i]
        if not (i and tok.is_capitalised and not tok.is_upper and toks[i - 1].is_word and toks[i - 1].text.islower()
                and i + 1 < len(toks) and toks[i + 1].key in LISTS and tok.text.endswith(("'s", "\u2019s"))):
            return None
        stem = tok.text[:-2]
        if not stem.isalpha() or stem.lower() in self.vocab.allow_tokens or stem.lower() in self.vocab.indicators \
                or self.vocab.is_allowed_term(stem):
            return None
        return Finding("PERSON", tok.start, tok.start + len(stem), 0.6, "ContextNameRecognizer"), i + 1
