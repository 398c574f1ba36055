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
from functools import lru_cache
from typing import TYPE_CHECKING

from intake.anonymisation.department_words import ROLE_MAILBOX_WORDS
from intake.anonymisation.findings import Finding
from intake.anonymisation.name_cues import CALENDAR_WORDS, MONTHS_DAYS, ROLES_ONE, ROLES_TWO
from intake.anonymisation.name_tokens import Token
from intake.anonymisation.vocabulary import Vocabulary, fold

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


# What brackets or a capitalised word after a relation say of them rather than name them: "wife (deceased)", "son
# (NOK)", "daughter (Present)", "Husband Informed".
_RELATION_STATES = frozenset({
    "deceased", "present", "absent", "informed", "aware", "abroad", "away", "estranged", "late", "main", "only",
    "eldest", "youngest", "elder", "older", "younger", "adult", "adopted", "foster", "paid", "private", "own", "next",
    "visiting", "aged", "also", "too", "in", "law", "who", "said", "says", "rang", "called", "phoned", "unwell",
    "contacted", "notified", "updated", "consented", "declined", "agreed", "requested", "reports", "reported",
    "witnessed", "confirmed", "advised", "spoken", "attending", "attended", "here", "there", "not", "has", "is", "was",
    "will", "and", "or", "the", "a", "an", "to", "at", "on", "by", "with", "for", "from", "of", "as", "if", "it",
    "please", "deaf", "blind", "disabled", "overseas", "living", "resident", "interpreter", "translating",
})


# The days of the week, not the months ("wife (June)" names her).
_DAYS = frozenset({w for w in CALENDAR_WORDS if w.endswith("day")} | {"today", "tomorrow", "yesterday", "tonight",
                                                                      "weekend"})


@lru_cache(maxsize=8)
def dataset_first_names(vocabulary: Vocabulary) -> frozenset[str]:
    """The fold()ed first names of the dataset's people (its deny-list names of two words or more)."""
    return frozenset(words[0] for name in vocabulary.deny_names if len(words := fold(name).split()) >= 2)


def _everyday_name(ctx: ContextualNames, word: Token, text: str, any_case: bool = False) -> bool:
    """One word after or beside a relation that English uses too ("wife (Lovely)", "daughter Faith rang"): a name
    there, unless it says something of the relation or the vocabulary knows it as a place or a term; capitals
    only in text written in capitals."""
    key = word.key
    if not word.text.isalpha() or len(word.text) < 3 or key in _RELATION_STATES or key in RELATIONS \
            or key in ROLES_ONE or key in MONTHS_DAYS or key in _DAYS or ctx.vocab.is_allowed_term(word.text) \
            or key in ctx.vocab.indicators or key in ctx.vocab.titles:
        return False
    if word.is_upper:
        letters = [c for c in text if c.isalpha()]
        return sum(c.isupper() for c in letters) > 0.8 * len(letters)
    return any_case or (word.is_capitalised and word.text[1:].islower())


def names_after_relations(ctx: ContextualNames, toks: Sequence[Token], text: str) -> list[Finding]:
    """A capitalised word right after a relation in a sentence written in ordinary case ("her daughter Lovely
    rang", "<li>niece Faith informed"): the relation's name, whether or not English uses the word. Not in Title
    Case ("Daughter Present At Visit"), where every word is capitalised."""
    out: list[Finding] = []
    firsts = dataset_first_names(ctx.vocab)
    for k in range(len(toks) - 1):
        relation, word = toks[k], toks[k + 1]
        if relation.key in RELATIONS and word.key in firsts and text[relation.end:word.start] == " " \
                and word.text.isalpha() and (word.text.islower() or word.is_upper) and _everyday_name(ctx, word, text,
                                                                                                     any_case=True):
            # "her daughter lovely says", "DAUGHTER LOVELY INFORMED": in any case where a person of the dataset has
            # that first name
            out.append(Finding("PERSON", word.start, word.end, 0.6, "ContextNameRecognizer"))
            continue
        if relation.key not in RELATIONS or not word.is_capitalised or word.is_upper or relation.is_upper \
                or (k and toks[k - 1].is_capitalised and not toks[k - 1].dot) \
                or (k + 2 < len(toks) and toks[k + 2].is_capitalised) or text[relation.end:word.start] != " ":
            continue
        if _everyday_name(ctx, word, text):
            out.append(Finding("PERSON", word.start, word.end, 0.6, "ContextNameRecognizer"))
    return out


def _says_person(key: str) -> bool:
    return key in RELATIONS or key in ROLES_ONE or _GRADE.fullmatch(key) is not None


def _role_inside(toks: Sequence[Token], k: int) -> bool:
    """The brackets at `k` hold a job of two or three words and nothing else: "(hhd nurse)", "(sleep
    physiologist)", "(staff nurse)"."""
    end = next((j for j in range(k + 2, min(len(toks), k + 5)) if toks[j].text == ")"), None)
    if end is None or end - k < 3 or not all(t.is_word for t in toks[k + 1:end]):
        return False
    return toks[end - 1].key in ROLES_ONE or (toks[end - 2].key, toks[end - 1].key) in ROLES_TWO


def names_before_brackets(ctx: ContextualNames, toks: Sequence[Token], text: str) -> list[Finding]:
    from intake.anonymisation.patient_names import name_word

    out: list[Finding] = []
    for k, tok in enumerate(toks):
        if tok.text != "(" or k == 0 or k + 2 >= len(toks):
            continue
        inside = _named_inside(ctx, toks, k, text)
        if inside is not None:
            out.append(inside)
            continue
        relation = _says_person(toks[k + 1].key) and toks[k + 2].text == ")"
        role = relation or _role_inside(toks, k)
        if not role and _RECORD_NUMBER.match(text, tok.start) is None:
            continue
        start = k
        while start > 0 and k - start < MAX_WORDS and toks[start - 1].is_capitalised and not toks[start - 1].dot \
                and name_word(ctx, toks[start - 1]):
            start -= 1
        if start == k and role:
            # in lower case, a word the name lists know before its job ("lee (hhd nurse)")
            while start > 0 and k - start < 2 and toks[start - 1].text.islower() and not toks[start - 1].dot \
                    and name_word(ctx, toks[start - 1]) and (toks[start - 1].key in ctx.vocab.first_names
                                                              or toks[start - 1].key in ctx.vocab.last_names):
                start -= 1
        words = toks[start:k]
        if words and (any(w.key in ctx.vocab.first_names or w.key in ctx.vocab.last_names for w in words)
                      or (toks[k + 1].key in RELATIONS and _unlisted_name(ctx, words))):
            out.append(Finding("PERSON", words[0].start, words[-1].end, 0.6, "ContextNameRecognizer"))
        elif relation and toks[k + 1].key in RELATIONS and _everyday_name(ctx, toks[k - 1], text) \
                and not (k >= 2 and toks[k - 2].is_capitalised and not toks[k - 2].dot):
            out.append(Finding("PERSON", toks[k - 1].start, toks[k - 1].end, 0.6, "ContextNameRecognizer"))
    return out


def _named_inside(ctx: ContextualNames, toks: Sequence[Token], k: int, text: str) -> Finding | None:
    """The name in the brackets at `k` right after a role, a grade or a relation ("the FY1 (Ruvimbo)", "nurse in
    charge (royston Smith)", "daughter (Chloe)"): one to three words that could be a name, one of them a name-list
    word ("(Resus)", "(Covid)" are none), the bracket closed after them."""
    before = toks[k - 1].key
    # a doctor's grade, not a core trainee's: "CT2 (ED)" is a scanner of the emergency department; a service's lead
    # ("Decontamination Lead (Rhodri)", "audiology admin lead (harbhajan)")
    lead = before == "lead" and k >= 2 and toks[k - 2].is_word
    if not (before in RELATIONS or before in ROLES_ONE or _DOCTOR_GRADE.fullmatch(before) or lead
            or (before == "charge" and k >= 2 and toks[k - 2].key == "in")):
        return None
    from intake.anonymisation.patient_names import name_word

    end = k + 1
    while end < len(toks) and end - k <= MAX_WORDS and toks[end].text != ")":
        end += 1
    words = toks[k + 1:end]
    closed = end < len(toks) and toks[end].text == ")" and 0 < len(words) <= MAX_WORDS
    if not closed:
        return None
    if not (all(name_word(ctx, w) and not (w.is_upper and len(w.text) <= 3) for w in words)
            and (any(w.key in ctx.vocab.first_names or w.key in ctx.vocab.last_names for w in words)
                 # after a relation, a doctor's grade or a lead the brackets name whoever it is, listed or not
                 or (before in RELATIONS and _unlisted_name(ctx, words))
                 or ((lead or _DOCTOR_GRADE.fullmatch(before)) and _unlisted_name(ctx, words)
                     and words[0].key not in ROLE_MAILBOX_WORDS))) \
            and not (before in RELATIONS and len(words) == 1 and _everyday_name(ctx, words[0], text)):
        return None
    return Finding("PERSON", words[0].start, words[-1].end, 0.6, "ContextNameRecognizer")


def _unlisted_name(ctx: ContextualNames, words: Sequence[Token]) -> bool:
    """One word in no list and no language we know, not in capitals nor a town: a name no list holds ("daughter
    (Ruvimbo)", "Tinotenda (son)"), where a relation beside it says a person is meant. After a role the brackets
    hold a place as often ("HCA (Resus)", "porter (Kirkstall)")."""
    return len(words) == 1 and not words[0].is_upper and words[0].text.isalpha() and ctx.unknown_word(words[0]) \
        and not ctx.vocab.is_allowed_term(words[0].text)
