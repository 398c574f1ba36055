"""A name that what follows it in brackets says is a person's: a relation ("Philippa (wife) in after 4", "Euan
(son) dropped it") or the person's own record number ("visit 2: Caroline (K0275720)").

Capitalised words are places, makers and devices as often as names; a relation word or a record number in the
brackets right after them settles it, when the words could be a name (a name-list word or a word in no list, and
nothing the vocabulary knows as a place, maker or role).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from intake.anonymisation.findings import Finding
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


def names_before_brackets(ctx: ContextualNames, toks: Sequence[Token], text: str) -> list[Finding]:
    from intake.anonymisation.patient_names import name_word

    out: list[Finding] = []
    for k, tok in enumerate(toks):
        if tok.text != "(" or k == 0 or k + 2 >= len(toks):
            continue
        relation = toks[k + 1].key in RELATIONS and toks[k + 2].text == ")"
        if not relation and _RECORD_NUMBER.match(text, tok.start) is None:
            continue
        start = k
        while start > 0 and k - start < MAX_WORDS and toks[start - 1].is_capitalised and not toks[start - 1].dot \
                and name_word(ctx, toks[start - 1]):
            start -= 1
        words = toks[start:k]
        if words and any(w.key in ctx.vocab.first_names or w.key in ctx.vocab.last_names for w in words):
            out.append(Finding("PERSON", words[0].start, words[-1].end, 0.6, "ContextNameRecognizer"))
    return out
