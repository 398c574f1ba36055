"""The customer's deny-list: known staff names caught in any of the usual spellings."""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding
from intake.anonymisation.id_schemes import SchemeFinder
from intake.anonymisation.name_cues import CALENDAR_WORDS, MONTHS_DAYS, possessive_stem
from intake.anonymisation.name_tokens import Token, tokenize
from intake.anonymisation.place_words import UNITS, reading_after
from intake.anonymisation.vocabulary import Vocabulary, fold, words_of_notes

_MODEL_SUFFIX = re.compile(r"-\d")  # a word glued to a number is a model ("IDA-5", "Sara-2"), never a name
# "since the diasafe plus filter was done": after an article a word of no name list is a thing, even when a note
# once read it as a surname ("Mrs Cheung Diasafe plus filter changed") and the dataset's names took it in. As
# written: folded, the Welsh "â" (with) of "siarad â Seonaidh" would be "a".
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those"})


_WORD = re.compile(r"\w+")
# What stands between the words of one name ("Buxton, S.", "O' Neill"); not "Stu Buxton <s.buxton@...>".
_NAME_GAP = re.compile(r"[\s,.'\u2019-]*")
# Where any entry ends, after anything: in a table folded into notes the signer's column closes each entry ("...
# cycle 77752 Bankart repair M2124570 AC || ..."). Not "am"/"pm" after a time.
# Dotted as well ("- ok. G.P.").
_ENTRY_END_MARK = re.compile(r"(?:(?<=\s)|^)[/(\[]?([A-Za-z]{2,3}|(?:[A-Za-z]\.){1,2}[A-Za-z])[)\]]?\.?"
                             r"(?=[ \t]*(?:$|\n|\|))", re.MULTILINE)
# ... and where an entry opens, before its colon: "[update] AC: parts ordered", "12/03 ab: chased", "CT: rang"; or
# right after the time an exported log stamps it with ("2019-01-21T17:28:00 AH rescheduled").
_ENTRY_OPEN_MARK = re.compile(r"(?:^|(?<=\] )|(?<=\d ))([A-Za-z]{2,3}):(?=[ \t])|(?<=\d:\d\d )([A-Za-z]{2})(?=[ \t])",
                              re.MULTILINE)
# ... and where a clause of a log ends inside a longer entry, before the next one ("passed qc l1-l3 ws. ran
# disinfect cycle", "passed to Sam ts -- called helpline", "ws / sw updated", "humidity up. HW, pt on nights"); not
# a unit after its number ("12 wh").
# Dotted, its own full stop is no clause's end ("see their G.P. about it"; "see lookback. G.P.; leak tested").
_CLAUSE_END_MARK = re.compile(r"(?:(?<=\S )|^)[/(\[]?(?:([A-Za-z]{2})[)\]]?"
                              r"(?=[.,;]?[ \t]+(?:/|--?|\u2013)[ \t]|[.,;][ \t]+[A-Za-z(])"
                              r"|([A-Za-z]\.[A-Za-z]\.)(?=[,;]?[ \t]+(?:/|--?|\u2013)[ \t]|[,;][ \t]+[A-Za-z(]))",
                              re.MULTILINE)
_NUMBER_BEFORE = re.compile(r"(?:^|\s)(?:\+/-|\+-|[-+\u00b1])?[\d.,]+[ \t]$")  # signed: "-2.0 dB", "±3 dB", "+/-3 dB"
# ... and, where a mark stands alone or dotted ("NA", "G.P."), before the staff number it is written with in
# brackets ("signed off 13/02: NA (48310169), G.P."), before the date it signs ("written up by hand - G.P.
# 03/08/2023"), after "by", or glued to the time it signs at ("re-run na0810", "audited G.P.2229").
_A_MARK = r"(?:(?<=\s)|^)([A-Za-z]{2,3}|(?:[A-Za-z]\.){1,2}[A-Za-z]\.?)"
_NUMBERED_MARK = re.compile(rf"{_A_MARK}[ \t]*\([A-Za-z]{{0,2}}\d{{6,10}}\)", re.MULTILINE)
# A day and a month, dotted only with the year: "Rm 3.33", "Rm 3.12" are rooms.
_DATED_MARK = re.compile(rf"{_A_MARK}[ \t]+(?:0?[1-9]|[12]\d|3[01])"
                         rf"(?:/(?:0?[1-9]|1[0-2])(?:/\d{{2,4}})?|\.(?:0?[1-9]|1[0-2])\.\d{{2,4}})(?![\d/.])",
                         re.MULTILINE)
_BY_MARK = re.compile(rf"(?i:\bby)[ \t]+{_A_MARK}(?![\w'\u2019-])", re.MULTILINE)
# What English writes after "by" in two or three letters: there the dataset's mark is the word. Any other everyday
# word there is the mark ("released by ah": Aled Hughes), though elsewhere it is the word.
_AFTER_BY = frozenset({"me", "us", "him", "her", "it", "its", "his", "our", "you", "far", "now", "day", "car", "bus",
                       "air", "sea", "law", "all", "any", "one", "two", "six", "ten", "way", "end", "fax", "eye", "ear",
                       "the", "an", "a", "and", "or", "who", "how", "so", "no", "van", "foot", "not", "then",
                       "them", "bed", "own", "few"})
# ... and handing a shift over: "on till 8 then WP covering", "RG on call", "AH in charge"
_COVERING_MARK = re.compile(rf"{_A_MARK}[ \t]+(?i:covering\b|on[ \t]+(?:call|till|until|nights|lates|earlies|duty)\b"
                            r"|in[ \t]+charge\b)", re.MULTILINE)
_TIMED_MARK = re.compile(rf"{_A_MARK}(?:[01]\d|2[0-3])[0-5]\d(?![\w(/.-])", re.MULTILINE)  # not "DB2006(05)"
# ... and in brackets ("(JS) pump checked"), or opening a line after its date ("12/03/24 JS tested").
_BRACKETED_MARK = re.compile(r"(?:(?<=\s)|^)\(([A-Za-z]{2,3})\)(?=[\s.,;:]|$)", re.MULTILINE)
_DATED_OPEN_MARK = re.compile(r"^[ \t]*\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?[ \t]+([A-Za-z]{2,3})(?=[ \t])",
                              re.MULTILINE)
# Two who worked together, joined ("JS+KL fitted new motor", "JS/KL attended"): both of them marks of the dataset.
_PAIRED_MARKS = re.compile(r"(?:(?<=\s)|^)([A-Za-z]{2,3})[ \t]?[+&/][ \t]?([A-Za-z]{2,3})(?![\w/+&-])", re.MULTILINE)
# ... and doing what only a person does, where a clause opens ("CT attended St Enda's Ward", "handover: NA has the
# EEG", "GO's job"): there a dataset's mark is somebody's even when it spells an abbreviation or a word ("CT", "OR").
_ACTING_MARK = re.compile(r"(?:^|(?<=[.;:,!?-] )|(?<=\n)|(?<=[Tt]hen ))[ \t]*([A-Za-z]{2,3})(?:'s[ \t]+"
                          r"(?=(?:job|jobs|note|notes|ticket|call|task|request|list|round|patch|queue)\b)|[ \t]+"
                          r"(?=(?:attended|attending|rang|phoned|emailed|chased|spoke|visited|agreed|advised|informed|"
                          r"said|says|asked|arranged|signs|signed|has|will|to\s+(?:confirm|collect|chase|call|ring|"
                          r"check|attend|sign|arrange|advise)|swapping|covering|aware|knows|dealing|looking)\b))",
                          re.MULTILINE)
_AFTER_CLOCK = re.compile(r"(?<![\w.:])\d{1,2}(?:[:.]\d{2})?[ \t]*$")


def _in_a_date(text: str, start: int, end: int) -> bool:
    """"07 Jun 2024", "Jun 2024", "Mon 12th": a month or a day beside a number is a date's, whoever is called Jun."""
    return bool(re.search(r"\d[ \t.,/-]*$", text[max(0, start - 4):start])
                or re.match(r"[ \t.,/-]*\d", text[end:end + 4]))


class KnownValues:
    """Values of a personal column the dataset holds ("M1343770", "Okonkwo, Tunde / 8984398" in a tracking table's
    Patient column), found wherever a query copied them: as written, in any case, not inside a longer word or
    number; a signing mark ("JK") only in capitals as written. Looked up by their first word, so that a dataset's
    hundred thousand patient numbers cost a set look-up per word of the text, not an alternation."""

    def __init__(self, values: tuple[tuple[str, str], ...]) -> None:
        self.index: dict[str, list[tuple[str, int, str, str | None]]] = {}
        for value, entity in values:
            low = value.lower()
            first = _WORD.search(low)
            if first is None or len(low) != len(value):
                continue
            mark = value if value.isalpha() and value.isupper() and len(value) <= 3 else None
            self.index.setdefault(first.group(0), []).append((low, first.start(), entity, mark))
        for candidates in self.index.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str) -> list[Finding]:
        if not self.index:
            return []
        low = text.lower()
        if len(low) != len(text):
            return []  # a letter whose lower case is longer ("\u0130"): offsets would not hold
        found: list[Finding] = []
        after = 0
        for word in _WORD.finditer(low):
            for value, offset, entity, mark in self.index.get(word.group(0), ()):
                start = word.start() - offset
                end = start + len(value)
                if start < after or not low.startswith(value, start) or (start and _is_word(low[start - 1])) \
                        or (end < len(low) and _is_word(low[end])) or (mark is not None and (
                            text[start:end] != mark or _IN_A_CODE.match(text, end) or _VERSION_AFTER.match(text, end)
                            or _CODE_BEFORE.search(text, max(0, start - 2), start)
                            or _unit_after_number(text, value, start))):
                    continue  # a mark glued to a code is the code's letters ("MP-0077", "12-JB"), before a version
                    # a product's ("SW updated to DX 9.1.3"), after a number a unit ("REIG 2 KHZ 21 DB")
                found.append(Finding(entity, start, end, 1.0, "KnownValueRecognizer"))
                after = end
                break
        return found


_IN_A_CODE = re.compile(r"[-/_.]\w")
_VERSION_AFTER = re.compile(r"[ \t]+(?:v\d|\d+(?:\.\d+){2,})")
_CODE_BEFORE = re.compile(r"\w[-/_.]$")


def _unit_after_number(text: str, key: str, start: int) -> bool:
    """The letters at `start` (fold()ed `key`) are a unit after its number ("20 dB", "-2.0 dB"), or a reading's
    name before its number and unit ("THD 2.4%", "SPL 94 dB"), whoever signs so."""
    return (key in UNITS and _NUMBER_BEFORE.search(text, max(0, start - 12), start) is not None) \
        or reading_after(text, start + len(key))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# Where a sentence starts, and a capitalised word says nothing: the text's start, or a full stop, a question or
# exclamation mark or a line's end before it (quotes and brackets between).
_NUMBERED = re.compile(r"[ \t]*\d{1,4}\b")
# Where a known person signs an entry off, alone after a dash at its end ("ess 3/24 - west |", "-- WEST"): their
# name, in any case, though it is an everyday word.
_SIGNED_BEFORE = re.compile(r"\S[ \t]+(?:-{1,2}|\u2013|~)[ \t]*$")
_SIGNED_AFTER = re.compile(r"\.?[ \t]*(?:$|\n|\||;)")
_SENTENCE_START = re.compile(r"(?:^|[.!?\n\r\u2022])[ \t\"'(\[]*$")


def _capitalised_words(vocabulary: Vocabulary) -> frozenset[str]:
    """Words of the known people's names that are everyday words too ("Joy", "West", "Porter", "Frank"): the
    deny-list's keys do not catch them alone, in any case; capitalised inside a sentence they are the person
    (DenyList._capitalised_alone). Never a month, a title, a place or street word, a brand or a word of notes."""
    notes = words_of_notes()
    out = set()
    for name in vocabulary.deny_names:
        for word in name.split():
            key = fold(word)
            # only a word the name lists know: a team typed into a person field ("Home Ventilation") is no name
            if len(key) < 3 or " " in key or key in vocabulary.deny_keys or key in MONTHS_DAYS \
                    or key in CALENDAR_WORDS or key in notes \
                    or not (key in vocabulary.first_names or key in vocabulary.last_names) \
                    or key in vocabulary.titles or key in vocabulary.indicators or key in vocabulary.street_types \
                    or key in vocabulary.allow_tokens or key in vocabulary.allow_phrases:
                continue
            out.add(key)
    return frozenset(out)


class DenyList:
    """The customer's known staff names, caught in any of the usual spellings, whatever else the text says."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.values = KnownValues(vocabulary.deny_values)
        self.schemes = SchemeFinder(vocabulary.id_schemes)
        self.marks = vocabulary.marks
        # where a clause ends a word is as likely as a mark ("sent to / from"): there only marks that are no word
        self.everyday: set[str] = set()
        if self.marks:
            from intake.anonymisation.person_marks import everyday_marks  # its word list's module reads deny-lists

            self.everyday = everyday_marks(self.marks)
        self.keys = vocabulary.deny_keys
        self.max_words = max((len(k.split()) for k in self.keys), default=0)
        self.allowed = vocabulary.allow_phrases
        self.names = vocabulary.first_names | vocabulary.last_names
        # "Golden Jubilee National Hospital (Livingston)": in brackets after a place, its town
        self.indicators = vocabulary.indicators
        self.street_types = vocabulary.street_types
        self.capitalised = _capitalised_words(vocabulary)
        self.known_words = vocabulary.deny_words | self.capitalised

    def find(self, text: str) -> list[Finding]:
        known = self.values.find(text)
        if self.schemes:
            known += [f for f in self.schemes.find(text) if not any(k.start < f.end and f.start < k.end for k in known)]
        if self.marks:
            starts = {f.start for f in known}
            known += [f for f in self._marks(text) if f.start not in starts]
        if known and self.allowed:
            known = self._outside_allowed(text, known)
        return [*known, *self._names(text)] if known else self._names(text)

    def _marks(self, text: str) -> list[Finding]:
        """Where an entry ends or opens, the marks the dataset's person fields hold (`Vocabulary.marks`), even
        those that spell a word or an abbreviation ("am", "AC"): the dataset says somebody signs so."""
        out: dict[int, Finding] = {}
        # where a clause ends and after a log's time stamp two letters only: three there are a team's as often as
        # a person's ("2021-11-10T01:59 EOC chased", "reported to EOC. Spare sent"), even where a person field says EOC
        clause_ends = [m for pattern in (_CLAUSE_END_MARK, _DATED_MARK, _BY_MARK, _TIMED_MARK, _BRACKETED_MARK,
                                         _DATED_OPEN_MARK, _COVERING_MARK)
                       for m in pattern.finditer(text)
                       if ((key := (m.group(1) or "").lower().replace(".", "")) not in self.everyday
                           or (pattern is _BY_MARK and key not in _AFTER_BY))
                       and not _NUMBER_BEFORE.search(text, max(0, m.start() - 12), m.start())]
        for m in (*_ENTRY_END_MARK.finditer(text), *_ENTRY_OPEN_MARK.finditer(text), *clause_ends,
                  *_NUMBERED_MARK.finditer(text)):
            group = 1 if m.group(1) else 2
            key = m.group(group).replace(".", "").lower()
            # the time before "am" is at most "10:30 " (the look-behind still sees what precedes it)
            if key in ("am", "pm") and _AFTER_CLOCK.search(text, max(0, m.start() - 9), m.start()):
                continue
            if _unit_after_number(text, key, m.start(group)):
                continue  # a unit after its number ("REIG 1 kHz 20 dB"), whoever signs "DB"
            if key in self.marks:
                out[m.start(group)] = Finding("PERSON", m.start(group), m.end(group), 1.0, "KnownValueRecognizer")
        for m in _ACTING_MARK.finditer(text):
            key, token = m.group(1).lower(), m.group(1)
            # in capitals inside a note that is not, the letters are nobody's word ("OR attended")
            if key in self.marks and (key not in self.everyday or (token.isupper() and text != text.upper())):
                out[m.start(1)] = Finding("PERSON", m.start(1), m.end(1), 1.0, "KnownValueRecognizer")
        for m in _PAIRED_MARKS.finditer(text):
            keys = [m.group(g).lower() for g in (1, 2)]
            if all(k in self.marks and k not in self.everyday for k in keys):
                for g in (1, 2):
                    out[m.start(g)] = Finding("PERSON", m.start(g), m.end(g), 1.0, "KnownValueRecognizer")
        return list(out.values())

    def _outside_allowed(self, text: str, found: list[Finding]) -> list[Finding]:
        """The known values that are not part of a reference term of the dataset: a mark "RP" is not in the model
        "11101 RP", whose number would then be read as that person's staff number."""
        toks = tokenize(text)
        keys = [t.key for t in toks]
        out = []
        for f in found:
            inside = [k for k, t in enumerate(toks) if f.start <= t.start and t.end <= f.end]
            if not inside or not self._inside_allowed(keys, inside[0], len(inside)):
                out.append(f)
        return out

    def _names(self, text: str) -> list[Finding]:
        if not self.keys:
            return []
        words = [t for t in tokenize(text) if t.is_word]
        # A possessive ends a name: "ahmad's bleep" names Ahmad (the word's key is "ahmad s").
        full = [w.key for w in words]
        keys = [stem.key if (stem := possessive_stem(w)) else w.key for w in words]
        out: list[Finding] = []
        i = 0
        while i < len(words):
            hit = 0
            for size in range(min(self.max_words, len(words) - i), 0, -1):
                if " ".join(keys[i:i + size]) in self.keys and all(
                        _NAME_GAP.fullmatch(text, words[k].end, words[k + 1].start) for k in range(i, i + size - 1)):
                    hit = size
                    break
            if not hit and keys[i] in self.capitalised and (self._capitalised_alone(text, words, i) or (
                    _SIGNED_BEFORE.search(text, max(0, words[i].start - 8), words[i].start)
                    and _SIGNED_AFTER.match(text, words[i].end))):
                hit = 1
            if hit and (self._inside_allowed(keys, i, hit) or self._inside_allowed(full, i, hit)
                        or _MODEL_SUFFIX.match(text, words[i + hit - 1].end) or (
                    hit == 1 and keys[i] in MONTHS_DAYS and _in_a_date(text, words[i].start, words[i].end)) or (
                    hit == 1 and i > 0 and keys[i - 1] in self.indicators
                    and text[words[i - 1].end:words[i].start].strip() == "(") or (
                    hit == 1 and i > 0 and words[i - 1].text.lower() in _ARTICLES and keys[i] not in self.names) or (
                    # "Selby Road entrance closed": a street named so, though a person of the dataset is too
                    hit == 1 and i + 1 < len(words) and keys[i + 1] in self.street_types
                    and text[words[i].end:words[i + 1].start] == " "
                    and words[i + 1].is_capitalised == words[i].is_capitalised)):
                # "Sara" of Sara Lopes in the model "Sara Stedy", "Grace" in "Grace Darling Ward", "Columba" in
                # "St Columba's Ward" (its possessive kept), "Ida" in the analyser "IDA-5"
                hit = 0
            if hit:
                last = words[i + hit - 1]
                end = last.end - 2 if keys[i + hit - 1] != last.key else last.end
                out.append(Finding("PERSON", words[i].start, end, 1.0, "DenyListRecognizer"))
                i += hit
            else:
                i += 1
        return out

    def _capitalised_alone(self, text: str, words: list[Token], i: int) -> bool:
        """Words[i] is written as a name is, inside a sentence, and no capitalised word but a known person's
        stands right beside it: "(Wells Joy, 11/04/1988)", "caller: Dev (put through to West)", not "Joy." opening
        a sentence nor "West Middlesex" (a place's name)."""
        word = words[i]
        if not word.is_capitalised or word.is_upper or _SENTENCE_START.search(text, 0, word.start) \
                or _NUMBERED.match(text, word.end):
            return False  # things are numbered, people are not: "Call sign Sierra 2", "Bay 5"
        for k in (i - 1, i + 1):
            if 0 <= k < len(words) and words[k].is_capitalised and text[min(word.end, words[k].end):max(
                    word.start, words[k].start)].strip(" \t") == "" and words[k].key not in self.known_words:
                return False
        return True

    def _inside_allowed(self, keys: list[str], i: int, size: int) -> bool:
        """Whether words i..i+size are part of a longer allowed term (a place, maker or model of the dataset), of up
        to seven words ("Sir Alfred Jessop Children's Hospital")."""
        inside = sum(1 for k in keys[i:i + size] if k)
        for start in range(max(0, i - 6), i + 1):
            for end in range(i + size, min(len(keys), start + 7) + 1):
                # more words than the value's own: "BD," is the mark alone, whatever the comma's token
                words = [k for k in keys[start:end] if k]
                if len(words) > inside and " ".join(words) in self.allowed:
                    return True
        return False
