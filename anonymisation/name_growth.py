"""A name found in part is redacted whole: the first name or surname beside a PERSON finding joins it.

Detectors often find one half of a name: the model or the rules take "van Geest" and leave "Dolores" ("Dolores
van Geest"), a cue takes "antonia" and leaves "brown's". The half left is still personal data, and beside the
other half's pseudonym it says whose record this is. A word right next to a PERSON finding (spaces between, no
other finding on it) joins it when it is a known first name (before) or surname (after), written in the same
case as the finding, and no word the vocabulary knows as a place, maker, role or cue. In lower case it must be
more often a name than an English word ("dave will call" keeps "will"); capitalised beside a capitalised name
an everyday word joins too ("Rose Smith"), unless the longer span is a known place or brand ("Grace Darling").
A word of a person the dataset names joins in any case ("walker rocco", "ROCCO MARSH").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from intake.anonymisation.address_towns import keep_towns
from intake.anonymisation.findings import Finding, drop_months, drop_not_personal, drop_references, part_outside
from intake.anonymisation.name_cues import NAME_OVER_WORD, possessive_stem
from intake.anonymisation.name_tokens import Token, tokenize
from intake.anonymisation.recognizers_address import with_addresses_after_names
from intake.anonymisation.recognizers_ids import with_staff_numbers
from intake.anonymisation.recognizers_phone import with_organisation_lines
from intake.anonymisation.recognizers_uk import with_birth_dates_after_names
from intake.anonymisation.vocabulary import fold

if TYPE_CHECKING:
    from intake.anonymisation.names import NameRules

MAX_STEPS = 2  # "Mary Anne" before "Smith"; never a whole sentence
WINDOW = 48  # characters read either side of a name: two words and more


def _case(span: str) -> str:
    if span.isupper():
        return "upper"
    return "lower" if span.islower() else "capitalised"


def _joins(rules: NameRules, tok: Token, key: str, names: frozenset[str], case: str) -> bool:
    if not tok.is_word or len(tok.text) < 2 or key not in names or key in rules.contextual.not_names:
        return False
    if case == "upper":
        return tok.is_upper and rules.contextual.known_name(tok, NAME_OVER_WORD)
    if case == "lower":
        return tok.text.islower() and rules.contextual.known_name(tok, NAME_OVER_WORD)
    return tok.is_capitalised and not tok.is_upper


def _known_persons_word(rules: NameRules, tok: Token, key: str) -> bool:
    """A word of a person the dataset or the customer names ("Rocco Walker", "MARSH, Hunter"), in any case: beside
    one of their names it is theirs ("walker rocco", "ROCCO MARSH"), though English uses it as a word."""
    vocab = rules.vocab
    return tok.is_word and len(key) > 2 and key in vocab.deny_words and key not in vocab.allow_tokens \
        and key not in vocab.indicators and key not in vocab.titles and key not in vocab.street_types \
        and (key not in rules.contextual.not_names or key in vocab.common_words)  # "Marsh", "Walker": words, names


def grow_names(text: str, findings: list[Finding], rules: NameRules) -> list[Finding]:
    """`findings` with each PERSON finding grown over the name words beside it."""
    taken = sorted((f.start, f.end) for f in findings)
    vocab = rules.vocab
    out = []
    for f in findings:
        if f.entity_type != "PERSON" or not (_letter_beside(text, f.start - 2, f.start - 1)
                                             or _letter_beside(text, f.end + 1, f.end)) \
                or any(c.isdigit() for c in text[f.start:f.end]):
            out.append(f)  # no word right beside it: nothing to grow, and no need to read the words around
            continue
        words = _words_near(text, f.start, f.end)
        ends = [t.end for t in words]
        case = _case(text[f.start:f.end])
        start, end = f.start, f.end
        for _ in range(MAX_STEPS):
            i = bisect_right(ends, start) - 1  # the last word ending at or before the finding
            if i < 0 or not _spaces(text[words[i].end:start]):
                break
            tok = words[i]
            if not (_joins(rules, tok, tok.key, vocab.first_names, case) or _known_persons_word(rules, tok, tok.key)) \
                    or _taken(taken, tok, f) \
                    or vocab.contains_allowed(text[tok.start:end]):
                break
            start = tok.start
        j = bisect_left(ends, end + 1)  # the first word ending after the finding
        # A possessive ends the name: "dr stone's sec", "Patel's bleep" (whose it is follows, not more name).
        if j < len(words) and words[j].start >= end and _spaces(text[end:words[j].start]) \
                and not _taken(taken, words[j], f) and not text[f.start:end].endswith(("'s", "\u2019s")):
            tok = words[j]
            stem = possessive_stem(tok)
            possessive = stem is not None
            key = stem.key if stem is not None else tok.key
            # A possessive after a name is that person's ("antonia brown's bleep"), even an everyday surname.
            joins = _joins(rules, tok, key, vocab.last_names, case) or _known_persons_word(rules, tok, key) or (
                possessive and key in vocab.last_names and _case(tok.text) == case
                and key not in vocab.allow_tokens and key not in vocab.indicators) or (
                # "PAPADOPOULOU Eleftheria": the surname in capitals, then the first name
                case == "upper" and tok.is_capitalised and not tok.is_upper and key in vocab.first_names
                and key not in rules.contextual.not_names and key not in vocab.allow_tokens)
            if joins and not vocab.contains_allowed(text[start:tok.end]):
                end = tok.end - 2 if possessive else tok.end
        end = _patronymic_end(text, words, ends, end, case, taken, f, rules)
        out.append(f if (start, end) == (f.start, f.end) else Finding("PERSON", start, end, f.score, f.recognizer))
    return out + _paired(text, out, rules) + _nicknamed(text, out, rules)


# Two people in one cell or phrase: "Tara / Jane Smith", "Jane Smith & Wei". A first name on the other side of
# the slash or ampersand from a name is the second person.
_PAIR = re.compile(r"\s?(?:/|&|\+)\s?")
_WORD_BEFORE_PAIR = re.compile(rf"(?<![\w'\u2019-])([^\W\d_]{{2,}}){_PAIR.pattern}$")
_WORD_AFTER_PAIR = re.compile(r"[^\W\d_]{2,}(?![\w'\u2019-])")


def _paired(text: str, findings: list[Finding], rules: NameRules) -> list[Finding]:
    out: list[Finding] = []
    vocab = rules.vocab
    for f in findings:
        if f.entity_type != "PERSON":
            continue
        before = _WORD_BEFORE_PAIR.search(text[max(0, f.start - 24):f.start])
        after = _PAIR.match(text, f.end)
        candidates = []  # (start, end, the words on its side of the separator)
        if before:
            s = f.start - len(before.group(0))
            candidates.append((s, s + len(before.group(1)), text[max(0, s - 24):s + len(before.group(1))]))
        if after:
            m = _WORD_AFTER_PAIR.match(text, after.end())
            if m:
                candidates.append((after.end(), m.end(), text[after.end():after.end() + 24]))
        for s, e, side in candidates:
            word = text[s:e]
            key = fold(word)
            # "GILBERT L / Fisher & Paykel Airvo": a first name that opens a maker, a place or a device is that
            if word[0].isupper() and key in vocab.first_names and key not in rules.contextual.not_names \
                    and key not in vocab.allow_tokens and key not in vocab.indicators \
                    and not vocab.contains_allowed(side) \
                    and not any(o.start < e and s < o.end for o in (*findings, *out)):
                out.append(Finding("PERSON", s, e, f.score, f.recognizer))
    return out


# What a person is called, in brackets after the full name: "Darren Holt (Daz) says it sticks", "Kerry Lund (Kez)".
# One capitalised word with the first name's initial, nothing the vocabulary knows as a place, maker, role or
# relation; what a patient has or where they are is not their name ("Anna Smith (Covid)", "Mrs Jones (Resus)").
_NICKNAME = re.compile(r" ?\(([A-Z][a-z]{1,11})\)")


def _nicknamed(text: str, findings: list[Finding], rules: NameRules) -> list[Finding]:
    from intake.anonymisation.bracketed_names import RELATIONS
    from intake.anonymisation.name_cues import ROLES_ONE

    out: list[Finding] = []
    vocab = rules.vocab
    for f in findings:
        m = _NICKNAME.match(text, f.end) if f.entity_type == "PERSON" else None
        words = text[f.start:f.end].split()
        if m is None or len(words) < 2 or fold(words[0][:1]) != fold(m.group(1)[:1]):
            continue
        key = fold(m.group(1))
        if key in vocab.allow_tokens or key in vocab.indicators or key in rules.contextual.not_names \
                or key in RELATIONS or key in ROLES_ONE or vocab.is_allowed_term(m.group(1)) \
                or any(o.start < m.end(1) and m.start(1) < o.end for o in findings):
            continue
        out.append(Finding("PERSON", m.start(1), m.end(1), f.score, f.recognizer))
    return out


# Gaelic and Welsh surnames open with a particle that is no name by itself ("Gráinne Ní Bhriain", "Seán Ó
# Súilleabháin", "Aoife Nic Giolla Phádraig", "Dafydd ap Gwilym"); the word after it is a lenited form that no
# name list holds. A name that ends in one, or is followed by one, takes the capitalised words it introduces.
# The Irish particles are capitalised ("Ó", "Nic"), the Welsh ones not ("ap", "ferch"): "Sarah o Theatre 2" is none.
PATRONYMIC = frozenset({"ni", "nic", "o", "ua", "ui", "mac", "mc"})
WELSH_PATRONYMIC = frozenset({"ap", "ab", "ferch", "verch"})
_PATRONYMIC_JOINERS = frozenset({"giolla", "an", "a"})  # "Nic Giolla Phádraig", "Mac an tSaoir"


def _particle(tok: Token) -> bool:
    return tok.key in WELSH_PATRONYMIC or (tok.key in PATRONYMIC and tok.text[0].isupper())


def _patronymic_end(text: str, words: list[Token], ends: list[int], end: int, case: str,
                    taken: list[tuple[int, int]], own: Finding, rules: NameRules) -> int:
    if case == "lower":
        return end
    j = bisect_left(ends, end)  # the span's last word
    if j >= len(words) or words[j].end != end:
        return end
    if _particle(words[j]) or (words[j].key in _PATRONYMIC_JOINERS and j > 0 and _particle(words[j - 1])):
        k = j + 1  # the span ends with the particle
    elif j + 1 < len(words) and _particle(words[j + 1]) and _spaces(text[end:words[j + 1].start]) \
            and not _taken(taken, words[j + 1], own):
        k = j + 2
    else:
        return end
    for _ in range(2):
        if k >= len(words) or not _spaces(text[words[k - 1].end:words[k].start]) or _taken(taken, words[k], own):
            return end
        tok = words[k]
        if not (tok.is_upper if case == "upper" else tok.text[0].isupper()) or tok.key in rules.vocab.indicators \
                or tok.key in rules.vocab.allow_tokens:
            return end
        end = tok.end
        if tok.key not in _PATRONYMIC_JOINERS:
            return end
        k += 1
    return end


def _words_near(text: str, start: int, end: int) -> list[Token]:
    """The words within WINDOW characters of a span, with offsets in `text`: a long note is not read whole for
    the two words beside a name."""
    lo = max(0, start - WINDOW)
    return [t._replace(start=t.start + lo, end=t.end + lo)
            for t in tokenize(text[lo:min(len(text), end + WINDOW)]) if t.is_word]


def _spaces(gap: str) -> bool:
    """Only spaces between: a line break ends a name ("Jane Smith\nStaff Nurse" is a signature's two lines)."""
    return bool(gap) and not gap.strip(" \t")


def _letter_beside(text: str, letter: int, space: int) -> bool:
    return 0 <= letter < len(text) and 0 <= space < len(text) and text[space] in " \t" and text[letter].isalpha()


def _taken(taken: list[tuple[int, int]], tok: Token, own: Finding) -> bool:
    return any(s < tok.end and tok.start < e for s, e in taken if (s, e) != (own.start, own.end))


# What a name that runs into one of these keeps is its own words: "Mr Fuller RWV 921 3638" is a name and a trust's
# hospital number, and the number's higher score would otherwise take the whole name with it.
_IDENTIFIERS = frozenset({"MRN", "UK_NHS", "STAFF_ID", "PHONE_NUMBER", "ACCESS_CODE", "DATE_OF_BIRTH"})


def _runs_into(name: Finding, other: Finding) -> bool:
    """Overlapping, neither holding the other whole."""
    inside = other.start <= name.start and name.end <= other.end
    holds = name.start <= other.start and other.end <= name.end
    return name.start < other.end and other.start < name.end and not inside and not holds


def names_off_identifiers(text: str, findings: list[Finding]) -> list[Finding]:
    """A name partly over an identifier keeps its words outside it (trimmed of spaces and punctuation)."""
    ids = [f for f in findings if f.entity_type in _IDENTIFIERS]
    if not ids:
        return findings
    out = []
    for f in findings:
        clash = next((i for i in ids if f.entity_type == "PERSON" and _runs_into(f, i)), None)
        if clash is None:
            out.append(f)
            continue
        start, end = part_outside(f, clash, text)
        if end - start >= 2:
            out.append(Finding(f.entity_type, start, end, f.score, f.recognizer))
    return out


def settle(text: str, findings: list[Finding], rules: NameRules) -> list[Finding]:
    """The detectors' raw findings as the analyzer and the pattern scan both report them: what is never personal
    dropped (findings.drop_not_personal), names grown over their other half, the staff number, the date of birth
    and the street address written beside a name added. One sequence for both paths, so that the anonymiser, its
    self-check and the re-scan agree."""
    kept = drop_references(text, names_off_identifiers(text, drop_not_personal(text, findings)), rules.vocab)
    # a name grown over a date's month gives it back ("booked 2 Mar Mary Seacole Unit")
    grown = drop_months(text, grow_names(text, with_organisation_lines(text, kept, rules.vocab), rules))
    return keep_towns(text, with_addresses_after_names(
        text, with_birth_dates_after_names(text, with_staff_numbers(text, grown)), rules.vocab), rules.vocab)
