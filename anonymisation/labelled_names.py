"""A name after the label of a name's field: "Surname: PERKINS", "Forename/known as: Kemi", "Maiden name: Brooks",
"NOK: Mary Brown", "née Hughes", "| Name: Okonkwo, Tunde |".

Forms and folded columns copy a person's fields into notes with their labels ("Patient: ... | Surname: KNIGHT |
Forename: Tom"). After "Surname:" the value is a surname whatever else the word is ("WEST", "Brooks"), in any
case, listed or not: the label says so, and the other rules, which judge the word, cannot. A bare "Name:" labels a
device's, a file's or a site's name as often ("Device name: Volumat", "Asset name: ..."): only where it opens a
field, and only words that can be part of a name with one the name lists know.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from intake.anonymisation.department_words import ROLE_MAILBOX_WORDS
from intake.anonymisation.findings import Finding
from intake.anonymisation.initials import TEAMS
from intake.anonymisation.name_cues import HONORIFICS, ROLES_ONE
from intake.anonymisation.name_tokens import Token
from intake.anonymisation.patient_names import name_word

if TYPE_CHECKING:
    from intake.anonymisation.contextual_names import ContextualNames

# Labels (token keys, as written before the colon) of a field that holds a part of a person's name: whatever
# stands there is that part ("Surname: WARD").
_ONE = frozenset({"surname", "surnames", "forename", "forenames", "firstname", "lastname", "familyname", "nickname",
                  "maiden", "middlename", "givenname", "aka"})
_TWO = frozenset({
    ("first", "name"), ("last", "name"), ("family", "name"), ("given", "name"), ("given", "names"),
    ("middle", "name"), ("middle", "names"), ("maiden", "name"), ("known", "as"), ("preferred", "name"),
    ("birth", "name"), ("previous", "name"), ("former", "name"), ("married", "name"),
})
# ... and of a field that names whom to contact, where a team or a place is typed as often ("Contact name:
# Estates", "Caller name: ICU"): a person unless the value is one of those.
_WHO_ONE = frozenset({"nok", "kin"})
_WHO_TWO = frozenset({
    ("full", "name"), ("patient", "name"), ("patients", "name"), ("pt", "name"), ("client", "name"),
    ("caller", "name"), ("contact", "name"), ("carer", "name"), ("resident", "name"), ("mother", "name"),
    ("mothers", "name"), ("father", "name"), ("fathers", "name"), ("partner", "name"), ("nok", "name"),
    ("kin", "name"),
})
# A name's field named alone after a married name: "née Hughes", "nee HUGHES" (no colon).
_NEE = frozenset({"née", "nee"})
_COLONS = frozenset({":", "=", "-"})
# The next field's label or a placeholder ends the value: "Surname: WEST DOB 12/03/61", "Forename: n/k".
_STOPS = frozenset({"dob", "nhs", "mrn", "hosp", "tel", "mob", "address", "age", "sex", "gender", "ward", "bed",
                    "chi", "id", "no", "unit", "postcode", "phone", "email", "ref", "and", "or", "the", "not", "see",
                    "unknown", "none", "nil", "na", "nk", "tbc", "tba", "withheld", "refused", "same", "as", "above",
                    "n", "a", "k"})
MAX_WORDS = 4  # first names, particles and surname


def _label_before(toks: Sequence[Token], colon: int) -> str:
    """'strong' when the words right before toks[colon] label a name's field, 'name' for a bare "Name" opening a
    field, '' otherwise. "Forename/known as:" ends with "known as"."""
    words = [t.key for t in toks[max(0, colon - 3):colon]]
    if words and words[-1] in _ONE:
        return "strong"
    if len(words) >= 2 and (words[-2], words[-1]) in _TWO:
        return "strong"
    if (words and words[-1] in _WHO_ONE) or (len(words) >= 2 and (words[-2], words[-1]) in _WHO_TWO):
        return "who"
    if words[-1:] == ["name"] and (colon == 1 or not toks[colon - 2].is_word):
        return "name"
    return ""


def _a_team(ctx: ContextualNames, tok: Token) -> bool:
    key = tok.key
    return key in TEAMS or key in ROLE_MAILBOX_WORDS or key in ctx.vocab.indicators or key in ctx.vocab.allow_tokens


def _same_field(text: str, a: Token, b: Token) -> bool:
    """b follows a within the field: spaces between, or one comma ("Okonkwo, Tunde"); not a bar, a line break, a
    semicolon or a tab."""
    gap = text[a.end:b.start]
    return gap.strip(" ") in ("", ",") and "\t" not in gap and not a.dot


def names_after_labels(ctx: ContextualNames, toks: Sequence[Token], text: str) -> list[Finding]:
    if ":" not in text and "=" not in text and "-" not in text and not any(t.key in _NEE for t in toks):
        return []
    out: list[Finding] = []
    for k, tok in enumerate(toks):
        if tok.text in _COLONS and k:
            strength = _label_before(toks, k)
            if tok.text == "-" and (strength not in ("strong", "who") or text[tok.start - 1:tok.start] != " "):
                continue  # "first-name" is one word's hyphen; a dash labels only with spaces around it
        elif tok.key in _NEE and (tok.text[0].islower() or tok.text.istitle()):
            strength = "strong"
        else:
            continue
        if not strength:
            continue
        j = k + 1
        # "Mrs Brooks", "NOK: wife Mary Brown": a title or a relation before the name is not the name
        if j + 1 < len(toks) and (toks[j].key in HONORIFICS or toks[j].key in ROLES_ONE) and toks[j + 1].is_word:
            j += 1
            if not name_word(ctx, toks[j]):
                continue  # "Contact name: Sister on Ward 5": the role, then where
        elif j < len(toks) and toks[j].key in ROLES_ONE:
            continue  # "NOK: wife"
        words: list[Token] = []
        while j < len(toks) and len(words) < MAX_WORDS:
            w = toks[j]
            if w.text == "," and words and j + 1 < len(toks) and toks[j + 1].is_word \
                    and _same_field(text, words[-1], w):
                # "Okonkwo, Tunde" but not "WEST, First name: Tom": a comma before the next field's label
                after = j + 2
                if after < len(toks) and (toks[after].text in _COLONS or _label_before(toks, after)):
                    break
                j += 1
                continue
            # a stop word that is also the surname after its label: "Surname: WARD", not "Surname: Ward 7"
            named = not words and strength == "strong" and (
                w.key in ctx.vocab.last_names or w.key in ctx.vocab.first_names) and not (
                j + 1 < len(toks) and (toks[j + 1].text in _COLONS or toks[j + 1].text[:1].isdigit()))
            if not w.is_word or (w.key in _STOPS and not named) or (words and not _same_field(text, toks[j - 1], w)):
                break
            if words and not (w.is_initial or name_word(ctx, w)):
                break  # "Surname: Smith confirmed": the value ends where a word no name holds starts
            words.append(w)
            j += 1
            if w.dot and not w.is_initial:
                break
        if not words or (len(words) == 1 and words[0].is_initial):
            continue
        if strength == "name" and not (all(w.is_initial or name_word(ctx, w) for w in words) and any(
                w.key in ctx.vocab.first_names or w.key in ctx.vocab.last_names for w in words)):
            continue
        if strength == "who" and any(_a_team(ctx, w) for w in words):
            continue  # "Contact name: EBME helpdesk", "Caller name: ICU"
        out.append(Finding("PERSON", words[0].start, words[-1].end, 0.6, "ContextNameRecognizer"))
    return out
