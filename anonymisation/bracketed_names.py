"""A name that what follows it in brackets says is a person's: a relation ("Philippa (wife) in after 4", "Euan
(son) dropped it"), a role or a doctor's grade ("Hope (ST4) aware", "Kemi (HCA)") or the person's own record number
("visit 2: Caroline (K0275720)"); and the name in brackets after a role or relation ("the FY1 (Ruvimbo) reviewed",
"nurse in charge (royston Smith)").

Capitalised words are places, makers and devices as often as names; a relation word or a record number in the
brackets right after them settles it, when the words could be a name (a name-list word or a word in no list, and
nothing the vocabulary knows as a place, maker or role).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from intake.anonymisation.findings import Finding
from intake.anonymisation.name_cues import ROLES_ONE
from intake.anonymisation.name_tokens import Token

if TYPE_CHECKING:
    from intake.anonymisation.contextual_names import ContextualNames

RELATIONS = frozenset({"wife", "husband", "son", "daughter", "mum", "mother", "dad", "father", "partner", "carer",
                       "brother", "sister", "friend", "neighbour", "niece", "nephew", "grandson", "granddaughter",
                       "aunt", "uncle", "cousin", "spouse", "nok", "fiancé", "fiance", "fiancée", "fiancee",
                       "esposa", "esposo", "hijo", "hija", "madre", "padre", "hermano", "hermana"})
# A record number alone in the brackets: letters and six digits and more ("K0275720", "RX1234567", "12345678").
_RECORD_NUMBER = re.compile(r"\(\s*[A-Z]{0,3}\d{6,10}[A-Z]?\s*\)")
MAX_WORDS = 3
# A doctor's training grade: specialty (ST1-ST8), core (CT1-CT3), foundation (FY1, FY2).
_GRADE = re.compile(r"(?:st[1-8]|ct[1-3]|fy[12])")
_DOCTOR_GRADE = re.compile(r"(?:st[1-8]|fy[12])")


def _says_person(key: str) -> bool:
    return key in RELATIONS or key in ROLES_ONE or _GRADE.fullmatch(key) is not None


def names_before_brackets(ctx: ContextualNames, toks: Sequence[Token], text: str) -> list[Finding]:
    from intake.anonymisation.patient_names import name_word

    out: list[Finding] = []
    for k, tok in enumerate(toks):
        if tok.text != "(" or k == 0 or k + 2 >= len(toks):
            continue
        inside = _named_inside(ctx, toks, k)
        if inside is not None:
            out.append(inside)
            continue
        relation = _says_person(toks[k + 1].key) and toks[k + 2].text == ")"
        if not relation and _RECORD_NUMBER.match(text, tok.start) is None:
            continue
        start = k
        while start > 0 and k - start < MAX_WORDS and toks[start - 1].is_capitalised and not toks[start - 1].dot \
                and name_word(ctx, toks[start - 1]):
            start -= 1
        words = toks[start:k]
        if words and (any(w.key in ctx.vocab.first_names or w.key in ctx.vocab.last_names for w in words)
                      or (toks[k + 1].key in RELATIONS and _unlisted_name(ctx, words))):
            out.append(Finding("PERSON", words[0].start, words[-1].end, 0.6, "ContextNameRecognizer"))
    return out


def _named_inside(ctx: ContextualNames, toks: Sequence[Token], k: int) -> Finding | None:
    """The name in the brackets at `k` right after a role, a grade or a relation ("the FY1 (Ruvimbo)", "nurse in
    charge (royston Smith)", "daughter (Chloe)"): one to three words that could be a name, one of them a name-list
    word ("(Resus)", "(Covid)" are none), the bracket closed after them."""
    before = toks[k - 1].key
    # a doctor's grade, not a core trainee's: "CT2 (ED)" is a scanner of the emergency department
    if not (before in RELATIONS or before in ROLES_ONE or _DOCTOR_GRADE.fullmatch(before)
            or (before == "charge" and k >= 2 and toks[k - 2].key == "in")):
        return None
    from intake.anonymisation.patient_names import name_word

    end = k + 1
    while end < len(toks) and end - k <= MAX_WORDS and toks[end].text != ")":
        end += 1
    words = toks[k + 1:end]
    if end >= len(toks) or toks[end].text != ")" or not words or len(words) > MAX_WORDS \
            or not all(name_word(ctx, w) and not (w.is_upper and len(w.text) <= 3) for w in words) \
            or not (any(w.key in ctx.vocab.first_names or w.key in ctx.vocab.last_names for w in words)
                    or (before in RELATIONS and _unlisted_name(ctx, words))):
        return None
    return Finding("PERSON", words[0].start, words[-1].end, 0.6, "ContextNameRecognizer")


def _unlisted_name(ctx: ContextualNames, words: Sequence[Token]) -> bool:
    """One word in no list and no language we know, not in capitals nor a town: a name no list holds ("daughter
    (Ruvimbo)", "Tinotenda (son)"), where a relation beside it says a person is meant. After a role the brackets
    hold a place as often ("HCA (Resus)", "porter (Kirkstall)")."""
    return len(words) == 1 and not words[0].is_upper and words[0].text.isalpha() and ctx.unknown_word(words[0]) \
        and not ctx.vocab.is_allowed_term(words[0].text)
