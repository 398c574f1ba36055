"""A patient's name right before the patient's identifiers: "Hope Bishop nhs 2935118634", "rabah boubekeur dob
04091943", "Tone hosp no BH 243388E".

Notes put a patient's identifiers together, the name first and the NHS number, date of birth or hospital number
after it. There the words before the label are a name even when each of them is also an everyday word ("Hope
Bishop") or in no list at all ("boubekeur"), which the other rules cannot tell from a word. The label must be
followed by a number, so that "the pump nhs supplies" or "machine dob" say nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from intake.anonymisation.findings import PSEUDONYM_RE, Finding
from intake.anonymisation.name_cues import (
    HONORIFICS,
    MONTHS_DAYS,
    NAME_OVER_WORD,
    PARTICLES,
    RECORD_WORDS,
    ROLES_ONE,
    VERBS_ONE,
    WEAK_ONE,
)
from intake.anonymisation.name_tokens import Token
from intake.anonymisation.recognizers_uk import DATE_RE, old_date

if TYPE_CHECKING:
    from intake.anonymisation.contextual_names import ContextualNames

# Labels of a patient's own identifiers; "hosp" as in "hosp no".
PATIENT_LABELS = frozenset({"nhs", "dob", "mrn", "chi", "hosp", "unit"})
MAX_WORDS = 3  # first name(s) and surname
NUMBER_WITHIN = 4  # tokens after the label where its number must start ("nhs no: 943", "hosp no BH 243388E")


def _numbered(toks: Sequence[Token], label: int) -> bool:
    return any(any(c.isdigit() for c in t.text) for t in toks[label + 1:label + 1 + NUMBER_WITHIN])


def _unit_number(toks: Sequence[Token], label: int) -> bool:
    """"unit no 48506045": a hospital's unit number; not "unit 4 replaced" nor "unit no 4" (a device's)."""
    return label + 2 < len(toks) and toks[label + 1].key in ("no", "number", "num") and any(
        sum(c.isdigit() for c in t.text) >= 5 for t in toks[label + 2:label + 4])


def _listed(ctx: ContextualNames, tok: Token) -> bool:
    """A word the name lists know, or a particle of a name."""
    return tok.key in ctx.vocab.first_names or tok.key in ctx.vocab.last_names or tok.key in PARTICLES


def _after_initial(toks: Sequence[Token], end: int) -> int:
    """Where a surname ends when toks[:end] end with it, its comma and an initial ("Sarwar, A", "macrae, m"):
    end - 2 then; else end."""
    initial = end >= 3 and toks[end - 2].text == "," and len(toks[end - 1].text) == 1 and toks[end - 1].is_word
    return end - 2 if initial else end


def _name_start(ctx: ContextualNames, toks: Sequence[Token], end: int) -> int:
    """The first of up to MAX_WORDS words before `end` that could be part of a name, within their sentence."""
    start = end
    while start > 0 and end - start < MAX_WORDS and name_word(ctx, toks[start - 1]) and not toks[start - 1].dot:
        start -= 1
    return start


def name_word(ctx: ContextualNames, tok: Token) -> bool:
    """Could this word be part of a name here: a name-list word or a word in no list, and nothing the
    vocabulary knows as a place, brand, role or record word."""
    key = tok.key
    vocab = ctx.vocab
    if key in PARTICLES and tok.is_word:
        return True  # "ó dochartaigh ishbel"
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
        if tok.key not in PATIENT_LABELS or not _numbered(toks, label) or PSEUDONYM_RE.match(text, tok.start) or (
                tok.key == "unit" and not _unit_number(toks, label)):
            continue
        # The label in brackets or after a comma ("Sarwar, A (CHI 100786-4354)", "(dorota nowak, unit no ...)"):
        # set apart so, the words before it are a name only when the name lists know each of them, or they are
        # a surname and its initial: "Dupuytren's fasciectomy (NHS ...)" is the procedure the patient had.
        apart = bool(label and toks[label - 1].text in ("(", ","))
        label -= apart
        # A name keeps to its sentence: "borrowed from Addenbrooke's. K-number MRN_d8a0..." (the anonymiser's
        # self-check reading its own token as the label) names no one.
        upto, label = label, _after_initial(toks, label)
        start = _name_start(ctx, toks, label)
        words = toks[start:label]
        if not words or (apart and label == upto and not all(_listed(ctx, w) for w in words)):
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
            out.append(Finding("PERSON", words[0].start, toks[upto - 1].end, 0.6, "ContextNameRecognizer"))
    return out


# "while macrae, m (10 jul 75) was getting out", "ISEABAIL MACLEOD (28.07.74)": a date too old to be the job's in
# brackets right after one to three words names whoever was born then; the words are that person when each could
# be part of a name and one is a name ("installed (12.03.98)" is a thing's date: "installed" could not).
_BRACKETED_OLD_DATE = re.compile(r"[ \t]*\((?P<date>[^()\n]{6,12})\)")
_GAELIC = re.compile(r"ma?c[a-z]{3,}$")  # "macleod", "mcallister", which the name lists lack


def names_before_birth_dates(ctx: ContextualNames, toks: Sequence[Token], text: str) -> list[Finding]:
    out: list[Finding] = []
    for k, tok in enumerate(toks):
        if tok.text != "(" or k == 0:
            continue
        m = _BRACKETED_OLD_DATE.match(text, toks[k - 1].end)
        date = DATE_RE.fullmatch(m.group("date")) if m else None
        if date is None or not old_date(date.group()):
            continue
        end = _after_initial(toks, k)
        start = _name_start(ctx, toks, end)
        words = toks[start:end]
        # a surname and its initial, or words the name lists know (or of a Gaelic surname's shape), none a
        # possessive: "Dupuytren's fasciectomy (12.03.61)", "Heller myotomy (12.03.61)" are the procedure a patient
        # born then had, an eponym and a word in no list
        named = (end < k or all(_listed(ctx, w) or (_GAELIC.match(w.key) and w.key not in ctx.english)
                                for w in words)) and not any(
            w.text.endswith(("'s", "\u2019s")) for w in words)
        if words and named and (end < k or len(words) >= 2):
            out.append(Finding("PERSON", toks[start].start, toks[k - 1].end, 0.6, "ContextNameRecognizer"))
    return out


# "pt data cleared (Jade, 04/12/1944)", "(HARRIS, Fiona, 16.10.89)", "(Ms Shekoni, 03.08.03)": a name, a comma and
# a date, alone in brackets, as a patient's line is typed on a form: whoever was born then. The words must be able
# to be a name and one must be a known name ("(Philips, 12/03/21)", "(replaced, 12/03/21)" are not); a single word
# without a title only with a date too old to be the job's ("(Sarah, 12/03/24)" signs an entry).
_NAME_COMMA_DATE = re.compile(r"[ \t]*,[ \t]*(?P<date>[^(),\n]{4,12}?)[ \t]*\)")
_BIRTH_YEAR = re.compile(r"(?:19|20)\d{2}")


def names_bracketed_with_dates(ctx: ContextualNames, toks: Sequence[Token], text: str) -> list[Finding]:
    out: list[Finding] = []
    for k, tok in enumerate(toks):
        if tok.text != "(":
            continue
        j = k + 1
        titled = j < len(toks) and toks[j].key in HONORIFICS  # not a job's title: "(Porter Eleanor, 1950)"
        j += titled
        words: list[Token] = []
        # a surname that is also a job's or a thing's word counts capitalised ("(Porter Eleanor, 1950)")
        while j < len(toks) and len(words) < MAX_WORDS and (
                name_word(ctx, toks[j]) or toks[j].is_initial or (toks[j].text == "," and words and j + 1 < len(toks)
                                                               and toks[j + 1].is_word)
                or (toks[j].is_capitalised and toks[j].key in ctx.vocab.last_names)):
            if toks[j].text != ",":
                words.append(toks[j])
            j += 1
        if not words or toks[j - 1].text == ",":
            continue
        m = _NAME_COMMA_DATE.match(text, toks[j - 1].end)
        date = DATE_RE.fullmatch(m.group("date")) if m else None
        # or the year alone ("(Porter Eleanor, 1950)"), as a birth date generalised is written, beside a whole name
        year = m is not None and date is None and _BIRTH_YEAR.fullmatch(m.group("date")) is not None
        named = [w for w in words if not w.is_initial]
        if (date is None and not year) or not named or not any(_listed(ctx, w) for w in named) or any(
                w.text.endswith(("'s", "\u2019s")) for w in named):
            continue
        if titled or len(named) >= 2 or (date is not None and old_date(date.group())):
            out.append(Finding("PERSON", words[0].start, words[-1].end, 0.6, "ContextNameRecognizer"))
    return out


# A surname, its comma and an initial, as records and forms list people ("Young, R, 103 Byres Road", "Sarwar, A
# (CHI ...)", "MCCALLUM, H.", "Lau, J. witnessed"): the shape names someone even when the surname is an everyday
# word, when the name lists or the dataset's people know it; not a place or a thing ("Theatre, B", "Bay, C"), nor a
# procedure and its side ("Arthroscopy, L knee", "THR, R").
_SURNAME_INITIAL = re.compile(
    r"(?<![\w'\u2019-])(?P<surname>[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?|[A-Z]{2,}(?:-[A-Z]+)?), (?P<initial>[A-Z])\.?"
    r"(?=[ \t]*(?:[,;(]|$|\n)|[ \t]+[a-z])", re.MULTILINE)


def find_surname_initials(ctx: ContextualNames, text: str) -> list[Finding]:
    if ", " not in text:
        return []
    vocab = ctx.vocab
    out = []
    for m in _SURNAME_INITIAL.finditer(text):
        key = m.group("surname").lower()
        if not (key in vocab.last_names or key in vocab.first_names or key in ctx.known_people) \
                or key in vocab.allow_tokens or key in vocab.indicators or key in vocab.street_types \
                or key in vocab.titles or key in ROLES_ONE or key in MONTHS_DAYS or key in RECORD_WORDS \
                or vocab.is_allowed_term(m.group("surname")):
            continue
        out.append(Finding("PERSON", m.start(), m.end(), 0.6, "ContextNameRecognizer"))
    return out
