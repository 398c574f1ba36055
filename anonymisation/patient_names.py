"""A patient's name right before the patient's identifiers: "Hope Bishop nhs 2935118634", "rabah boubekeur dob
04091943", "Tone hosp no BH 243388E".

Notes put a patient's identifiers together, the name first and the NHS number, date of birth or hospital number
after it. There the words before the label are a name even when each of them is also an everyday word ("Hope
Bishop") or in no list at all ("boubekeur"), which the other rules cannot tell from a word. The label must be
followed by a number, so that "the pump nhs supplies" or "machine dob" say nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from intake.anonymisation.findings import PSEUDONYM_RE, Finding
from intake.anonymisation.name_cues import NAME_OVER_WORD, RECORD_WORDS, ROLES_ONE, VERBS_ONE, WEAK_ONE
from intake.anonymisation.name_tokens import Token

if TYPE_CHECKING:
    from intake.anonymisation.contextual_names import ContextualNames

# Labels of a patient's own identifiers; "hosp" as in "hosp no".
PATIENT_LABELS = frozenset({"nhs", "dob", "mrn", "chi", "hosp"})
MAX_WORDS = 3  # first name(s) and surname
NUMBER_WITHIN = 4  # tokens after the label where its number must start ("nhs no: 943", "hosp no BH 243388E")


def _numbered(toks: Sequence[Token], label: int) -> bool:
    return any(any(c.isdigit() for c in t.text) for t in toks[label + 1:label + 1 + NUMBER_WITHIN])


def _word(ctx: ContextualNames, tok: Token) -> bool:
    """Could this word be part of a name here: a name-list word or a word in no list, and nothing the
    vocabulary knows as a place, brand, role or record word."""
    key = tok.key
    vocab = ctx.vocab
    if not tok.is_word or len(tok.text) < 2 or key in RECORD_WORDS or key in ROLES_ONE or key in VERBS_ONE \
            or any(part in RECORD_WORDS or part == "number" for part in key.split()) \
            or key in WEAK_ONE or key in vocab.allow_tokens or key in vocab.indicators or key in vocab.street_types \
            or key in vocab.titles:
        return False
    return key in ctx.names or ctx.unknown_word(tok)


def names_before_identifiers(ctx: ContextualNames, toks: Sequence[Token], text: str) -> list[Finding]:
    out: list[Finding] = []
    for label, tok in enumerate(toks):
        # "MRN" of the anonymiser's own "MRN_0000...": the self-check reads a token, not a label ("C-STORE
        # MRN_c78e..." names no one)
        if tok.key not in PATIENT_LABELS or not _numbered(toks, label) or PSEUDONYM_RE.match(text, tok.start):
            continue
        # A name keeps to its sentence: "borrowed from Addenbrooke's. K-number MRN_d8a0..." (the anonymiser's
        # self-check reading its own token as the label) names no one.
        start = label
        while start > 0 and label - start < MAX_WORDS and _word(ctx, toks[start - 1]) and not toks[start - 1].dot:
            start -= 1
        words = toks[start:label]
        if not words:
            continue
        # Capitalised as names are ("Hope Bishop"), or, in any case, one word that is mostly a name or of four
        # letters or more in no list ("rabah boubekeur", "marivic mangubat"): "pls cb" or "home hd" are neither,
        # nor a procedure's abbreviation in capitals ("cycle 07711 TURP NHS 925..."); or, right after "pt", a
        # surname that is also a word ("pt wood dob 1938").
        after_pt = start > 0 and toks[start - 1].key in ("pt", "patient") and all(
            w.key in ctx.vocab.last_names or w.key in ctx.vocab.first_names for w in words)
        if after_pt or all(w.is_capitalised and not w.is_upper for w in words) or any(
                ctx.known_name(w, NAME_OVER_WORD) or (len(w.text) >= 4 and ctx.unknown_word(w) and not (
                    w.is_upper and len(w.text) <= 5)) for w in words):
            out.append(Finding("PERSON", words[0].start, words[-1].end, 0.6, "ContextNameRecognizer"))
    return out
