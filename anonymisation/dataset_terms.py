"""Dataset-wide knowledge: who is named anywhere in the dataset, and which names are its places and makers.

Pass 1 of a migration run reads the columns the mapping makes person fields ("Engineer", "Logged By", a staff
table's first and last names) and reference fields (wards, sites, makers, models, titles) of every table.
Pass 2 anonymises every column with what pass 1 found:
- every person found once is caught everywhere, in any of the usual spellings ("Jane Doe", "J Doe", "Doe, Jane",
  "DOE J", any case, with or without accents; the surname alone where it identifies by itself): the names join
  the deny-list of the vocabulary the run's detectors share (names.DenyList, patterns.PatternScanner);
- the reference values become allowed terms for free text ("Nightingale Ward" is a ward, not Ms Nightingale),
  unless the same string is a person elsewhere in the dataset.

The terms are personal data: the flow keeps them encrypted in the vault with the dataset (deleted with it) and
passes only the artefact's id. They depend on the set of values only (sorted), never on chunk order or on how
many workers read them, so the output does not either.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from intake.anonymisation.address_towns import home_without_towns
from intake.anonymisation.findings import AND_PARTNERS
from intake.anonymisation.name_cues import RARE_AS_WORD, ROLES_ONE, ROLES_TWO, TITLE_HEADS
from intake.anonymisation.nergate import english_frequencies
from intake.anonymisation.person_marks import engineer_marks, person_marks, proven_marks, signing_marks
from intake.anonymisation.structured import FULL_PATTERNS, PLACEHOLDERS
from intake.anonymisation.vocabulary import Vocabulary, deny_variants, fold, words_of_notes

# People in one cell, and the parts of one person's entry: a name and its role in brackets, either way round
# ("Jackson (Ward Manager)", "Rheolwr Ward (Jackson)"): joined, the role's words would become a name's.
_SPLIT_PEOPLE = re.compile(r"\s*(?:/|&|;|\+|\n|\band\b|[()\[\]])\s*", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"[\d@]")
# "Bleep 4471" in a person's contact field is no identifier of theirs: caught everywhere it would take the notes'
# bleeps too
_INTERNAL = re.compile(FULL_PATTERNS["EXTENSION"])
_BARE_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:[ T]\d{1,2}[:.]\d{2}(?::\d{2})?)?")
# A GP practice is named after its partners ("Dr Ahmed & Partners", "Drs Khan, Patel and Partners"): an
# organisation written where a caller's name goes, not two people.
_PRACTICE = re.compile(rf"{AND_PARTNERS}\.?\s*$", re.IGNORECASE)
# Words of the opening run that are neither a role nor part of the name ("the f1 dr X", "renal tech X").
_FILLERS = frozenset({"the", "his", "her", "their", "my", "our", "a", "an", "of", "in", "next", "pt", "pts",
                      "patient", "patients", "renal", "dialysis", "community", "district", "ward", "theatre", "icu",
                      "senior", "junior", "student", "bank", "agency", "night", "day", "duty", "on", "call"})
# Words that say whose relative a caller is ("next of kin", "daughter in law", "his wife"): with ROLES_ONE and
# ROLES_TWO (titles and jobs), what stands before the name in "pt's daughter Mr Nwosu" or "charge nurse Chi Keung".
_RELATIONS = frozenset({"kin", "law", "mum", "mother", "dad", "father", "brother", "partner", "friend", "neighbour",
                        "niece", "nephew", "grandson", "granddaughter", "aunt", "uncle", "cousin", "spouse"})
_PLACEHOLDERS = frozenset(PLACEHOLDERS)
MAX_NAME_WORDS = 5
# "St Clare's Nursing Home", "the Beeches care home": homes are named like people. Not a place word in notes,
# where "pt home 12 Oak Rd" is an address.
_HOMES = frozenset({"home", "homes"})
# Words that close an organisation's name in a person field ("Home Therapies Team", "Brook Practice"): not place
# words in notes, where a name before them may be a job title's ("Sarah Jones Team Leader", "Practice Nurse").
_ORGANISATIONS = frozenset({"team", "teams", "practice", "partners"})
# A single word in a person field (a surname alone, a login) is propagated only when it cannot be an everyday
# English word: "Young" or "Bell" alone would redact half the notes.
MIN_SINGLE_WORD = 4


@dataclass(frozen=True)
class DatasetTerms:
    persons: tuple[str, ...] = ()  # names as written in the dataset's person fields (sorted, unique)
    references: tuple[str, ...] = ()  # reference values that are no one's name (sorted, unique)
    # (value, entity type), caught wherever written: personal values of columns only the mapping's queries read,
    # and the initials person fields hold (sorted, unique)
    identifiers: tuple[tuple[str, str], ...] = ()
    # fold()ed initials the person fields hold, also those that spell a word or an abbreviation ("am", "AC"): where
    # an entry ends they are somebody's mark (sorted, unique)
    marks: tuple[str, ...] = ()
    # (shape, distinct values up to id_schemes.CODE_VETO) of the code fields' values: shapes that are equipment's
    code_shapes: tuple[tuple[str, int], ...] = ()

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.to_json().encode()).hexdigest()

    def to_json(self) -> str:
        data: dict[str, list[Any]] = {"persons": list(self.persons), "references": list(self.references)}
        if self.identifiers:
            data["identifiers"] = [list(pair) for pair in self.identifiers]
        if self.marks:
            data["marks"] = list(self.marks)
        if self.code_shapes:
            data["code_shapes"] = [list(pair) for pair in self.code_shapes]
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> DatasetTerms:
        data = json.loads(text)
        return cls(tuple(data.get("persons", ())), tuple(data.get("references", ())),
                   tuple((str(v), str(e)) for v, e in data.get("identifiers", ())),
                   tuple(str(m) for m in data.get("marks", ())),
                   tuple((str(s), int(n)) for s, n in data.get("code_shapes", ())))

    def counts(self) -> dict[str, int]:
        counts = {"persons": len(self.persons), "references": len(self.references)}
        if self.identifiers:
            counts["identifiers"] = len(self.identifiers)
        if self.marks:
            counts["marks"] = len(self.marks)
        if self.code_shapes:
            counts["code_shapes"] = len(self.code_shapes)
        return counts

    def vocabulary(self, base: Vocabulary) -> Vocabulary:
        """The base vocabulary with the dataset's people and known personal values on the deny-list and its
        places, makers and models allowed."""
        vocabulary = base.with_allowed(self.references) if self.references else base
        if self.identifiers:
            vocabulary = replace(vocabulary, deny_values=vocabulary.deny_values + self.identifiers)
        if self.marks:
            vocabulary = replace(vocabulary, marks=vocabulary.marks | frozenset(self.marks))
        if not self.persons:
            return vocabulary
        everyday = english_frequencies()
        note_words = words_of_notes()

        def alone(word: str) -> bool:  # stricter than a customer's own staff list: these names are gathered
            return base.stands_alone(word, towns=False) and fold(word) not in everyday

        def first_alone(word: str) -> bool:
            key = fold(word)
            return base.stands_alone(word, towns=False) and everyday.get(key, 0) < RARE_AS_WORD \
                and key not in note_words

        # A person of the dataset is named by first name alone in notes ("Thanks Ragnhild", "camilla chasing ext",
        # "jane + Dev"): a first name that is rarely a word, and no word of equipment notes, is caught alone too,
        # everywhere. Names the English word list has because books use them ("jane", "camilla") count as rare.
        keys = frozenset(k for name in self.persons for k in deny_variants(name, alone, first_alone))
        return replace(vocabulary, deny_names=vocabulary.deny_names + self.persons,
                       deny_keys=vocabulary.deny_keys | keys)


def person_names(value: str, vocabulary: Vocabulary) -> list[str]:
    """The names in one person-field cell, in "First Last" order and without titles; [] for what is not a name
    (placeholders, numbers, "Ward 7", "EBME helpdesk")."""
    if _PRACTICE.search(value):
        return []
    out = []
    # "B/O Jones": a newborn named after the mother ("baby of"), not two people split at the slash
    value = _BABY_OF.sub("BO", value)
    for part in _SPLIT_PEOPLE.split(value):
        part = part.strip(" \t.,;:-()[]")
        if not part or part.lower() in _PLACEHOLDERS:
            continue
        if "," in part:  # "DOE, Jane" -> "Jane DOE"
            last, _, first = part.partition(",")
            part = f"{first.strip()} {last.strip()}".strip()
        words = _after_role(_after_job_title(_before_where([w.strip("()[]") for w in part.split() if fold(w)]),
                                             vocabulary), vocabulary)
        if not words or _NOT_A_NAME.search(" ".join(words)):
            continue
        # one word that only a town of the shipped list is called ("Bellingham") is a surname in a person field
        town_only = len(words) == 1 and vocabulary.stands_alone(words[0], towns=False)
        if len(words) > MAX_NAME_WORDS or (vocabulary.is_allowed_term(" ".join(words)) and not town_only):
            continue
        if not _name_like(words, vocabulary):
            continue
        out.append(" ".join(words))
    return out


_BABY_OF = re.compile(r"\b[Bb][/\\][Oo]\b")
# Who a record names before the mother's name until a newborn is registered: never a given name in a person field
# ("Baby Morgan", "Twin 1 of Patel").
_NEWBORN = frozenset({"baby", "infant", "twin", "triplet", "bo"})


# Where the person is, written after the name in a person field ("Vikram on Wey Ward", "Ruth at Godalming", "Sam
# from Estates"): a name holds none of these words in lower case, so the place is cut off, never made a surname.
_WHERE = frozenset({"on", "at", "in", "from", "via"})


def _before_where(words: list[str]) -> list[str]:
    for k, word in enumerate(words[1:], 1):
        if word in _WHERE:
            return words[:k]
    return words


def _after_job_title(words: list[str], vocabulary: Vocabulary) -> list[str]:
    """The words after an allowed term of three words or more that opens the cell, a job title ("Teacher of the Deaf
    Jyoti Tailor") or a place ("Brierley Hill Health Centre Jo"): shorter ones are _after_role's, whose lists know
    which of their words are names too."""
    for k in range(min(len(words) - 1, 6), 2, -1):
        if fold(" ".join(words[:k])) in vocabulary.allow_phrases:
            return words[k:]
    return words


def names_in_text(span: str, vocabulary: Vocabulary) -> list[str]:
    """The full names (two words or more) of a name found in free text, to look for everywhere else."""
    return [name for name in person_names(span, vocabulary) if len(name.split()) > 1]


def _after_role(words: list[str], vocabulary: Vocabulary) -> list[str]:
    """The name after the titles, jobs and relations that open the cell: "the f1 dr Asante" -> "Asante", "next
    of kin Nuwan Solanki" -> "Nuwan Solanki", "his wife (marivic)" -> "marivic", "renal tech Marivic" ->
    "Marivic"; [] when nothing follows ("ward clerk"). Only an opening run counts: in "Mary Porter" or "Melissa
    Lord" the job or title word is the surname."""
    keys = [fold(w) for w in words]

    def named(key: str) -> bool:
        return key in vocabulary.first_names or key in vocabulary.last_names

    last = qualifier = -1
    for i, key in enumerate(keys):
        stem = key[:-2] if key.endswith(" s") else key  # "pt's daughter"
        if stem in vocabulary.titles or stem in ROLES_ONE or stem in _RELATIONS or (
                i + 1 < len(keys) and (stem, keys[i + 1]) in ROLES_TWO):
            if i == 0 and len(keys) == 2 and stem not in vocabulary.titles and stem not in _NEWBORN and not (
                    words[0].isupper() and len(stem) >= 3 and stem not in vocabulary.first_names) and not (
                    len(stem) >= 6 and not named(stem)):
                # "Reg Smith", "hca Efua": as likely a first name as a job, and both words spread; not "CCN
                # Dominik": a job's abbreviation in capitals spread alone would take "ccn.preston@nhs.net"; nor
                # "Physiologist Lere": a job's whole word that is nobody's name
                break
            last = i
        elif stem in TITLE_HEADS and i > 0 and max(last, qualifier) == i - 1:
            last = i  # "Feeding Lead" after "Infant": the role's last word
        elif not named(stem) and any((keys[k] in ROLES_ONE and len(keys[k]) >= 4) or keys[k] in TITLE_HEADS
                                     or (k + 1 < len(keys) and (keys[k], keys[k + 1]) in ROLES_TWO)
                                     for k in range(i + 1, min(len(keys), i + 3))):
            qualifier = i  # what the job is of: "sleep physiologist Agnieszka", "Maternity Support Worker Dipti"
        elif stem in _FILLERS or any(c.isdigit() for c in stem):
            if last == i - 1 >= 0:
                last = i  # "Baby of MORGAN", "Twin 1 of Patel": the role's own words
        else:
            break  # a name, or a word in no list (perhaps a name): the opening run is over
    return words[last + 1:]


def _name_like(words: list[str], vocabulary: Vocabulary) -> bool:
    keys = [fold(w) for w in words]
    named = any(k in vocabulary.first_names or k in vocabulary.last_names for k in keys)
    if len(keys) == 1:
        key = keys[0]
        # a town too: a person field's surname column holds "Bellingham" as somebody's name
        return len(key) >= MIN_SINGLE_WORD and vocabulary.stands_alone(key, towns=False) \
            and key not in english_frequencies()
    if vocabulary.contains_allowed(" ".join(words)) and not named:
        return False  # "Main Theatres", "Estates Dept"
    # "Ashgrove Court", "The Limes Surgery", "Home Therapies Team": a place or an organisation's word closes it,
    # one that is nobody's surname, and no first name opens it. A closing word that is also a surname ("Chidi
    # Ward", "Chidi Baxter", "Hollybank House") keeps the cell a name: a place kept for a person would leak.
    head = keys[-1]
    if (head in _HOMES or head in _ORGANISATIONS or head in vocabulary.indicators
            or head in vocabulary.street_types) \
            and head not in vocabulary.last_names and keys[0] not in vocabulary.first_names:
        return False
    if head in TITLE_HEADS and not named:
        return False  # "Biomedical Engineer", "Staff Nurse" (a role in brackets beside the name): a job
    everyday = english_frequencies()
    return named or not all(k in everyday or k in vocabulary.indicators for k in keys)


def _a_place(keys: list[str], vocabulary: Vocabulary) -> bool:
    head = keys[-1]
    return keys[0] not in vocabulary.first_names or (
        head in vocabulary.indicators and head not in vocabulary.last_names)


def collect_terms(person_values: Iterable[str], reference_values: Iterable[str], vocabulary: Vocabulary,
                  allow: Iterable[str] = (), deny: Iterable[str] = (),
                  identifiers: Iterable[tuple[str, str]] = (), code_shapes: Mapping[str, int] | None = None,
                  engineers: Iterable[str] = ()) -> DatasetTerms:
    """The dataset's terms from the distinct values of its person and reference fields, with a reviewer's
    decisions: `allow` terms are never a person (a ward typed into a person field), `deny` names always are;
    `identifiers`, (value, entity type) of personal columns only queries read: those that identify on their own are
    kept, with the initials and the logins the person fields hold; `code_shapes`, id_schemes.CodeShapes.counts()
    of the code fields; `engineers`, the names of the engineer fields, whose initials mark where an entry ends."""
    from intake.anonymisation.log_authors import person_field_logins

    person_values, identifiers = list(person_values), list(identifiers)
    allowed = {fold(t) for t in allow if fold(t)}
    reference_values = list(reference_values)
    # A place or a team typed whole into a person field ("Wey Ward", "Radiotherapy" as who raised a job) is what
    # the dataset's reference fields call it, not a person: it stays a reference, readable in the notes. Not when
    # a first name opens it and no place word closes it ("Florence Ward", but not "Rosalind Franklin Day Unit"):
    # the same string as a person's name is a person, failing closed.
    places = {fold(v) for v in reference_values if v}
    found = {name for value in person_values if value for name in person_names(value, vocabulary)}
    persons = sorted({n for n in found if fold(n) not in allowed and not (
        fold(n) in places and _a_place(fold(n).split(), vocabulary))} | {d.strip() for d in deny if fold(d)})
    person_keys = {k for name in persons for k in deny_variants(name)}
    references = sorted({
        v.strip() for v in (*reference_values, *allow)
        if v and v.strip() and v.strip().lower() not in _PLACEHOLDERS and fold(v) not in person_keys
    })
    # An address a column holds whole is caught wherever a note copies it, but for its town (address_towns.py)
    homes = [(part, e) for v, e in identifiers for part in (home_without_towns(v, vocabulary) if e == "ADDRESS"
                                                            else [v])]
    known = {(v.strip(), e) for v, e in homes if identifies_alone(v, e) and fold(v) not in allowed}
    logins = person_field_logins((*person_values, *(v for v, e in identifiers if e in ("PERSON", "USERNAME"))),
                                 vocabulary, english_frequencies())
    known |= {(login, "PERSON") for login in logins if fold(login) not in allowed}
    # A staff or ESR number typed into a person field ("44127831"): whose it is, wherever a note copies it.
    known |= {(v.strip(), "STAFF_ID") for v in person_values if v and _STAFF_NUMBER.fullmatch(v.strip())}
    # A record number beside the name in a person field ("Chidi Adeyemi / M7243851", "8954819 Arnel Bautista"):
    # the patient's hospital number, caught wherever a note copies it, whether or not the name is.
    known |= {(m.group(0), "MRN") for v in (*person_values, *(v for v, e in identifiers if e == "PERSON"))
              if v and not _STAFF_NUMBER.fullmatch(v.strip()) for m in _NUMBER_IN_FIELD.finditer(v)}
    marks = person_marks(person_values, vocabulary)
    known |= {(mark, "PERSON") for mark in signing_marks(marks, vocabulary) if mark.lower() not in allowed}
    engineers = list(engineers)
    end_marks = {fold(m) for m in marks} | (engineer_marks(engineers, vocabulary) - places) \
        | proven_marks(person_values, (*persons, *engineers), vocabulary)
    return DatasetTerms(tuple(persons), tuple(references), tuple(sorted(known)),
                        tuple(sorted(end_marks - allowed)), tuple(sorted((code_shapes or {}).items())))


_STAFF_NUMBER = re.compile(r"[A-Za-z]{0,2}\d{6,10}")
_NUMBER_IN_FIELD = re.compile(r"(?<![\w/.:-])[A-Za-z]{0,3}\d{6,10}[A-Za-z]?(?![\w/.:-])")


def identifies_alone(value: str, entity: str = "") -> bool:
    """Whether a personal column's value is distinctive enough to be caught wherever it is copied: six characters
    and a digit at least, or a name-sized phrase of ten; never a placeholder, a bare date or a short number that
    bleeps, cycles and years share. A home's name is shorter ("Tŷ Coch", "Awelfryn"): six letters do, when it is
    no everyday English word ("Garden" is one)."""
    from intake.anonymisation.nergate import EVERYDAY, english_frequencies

    value = value.strip()
    if value.lower() in _PLACEHOLDERS or _BARE_DATE.fullmatch(value) or _INTERNAL.fullmatch(value):
        return False
    digits = sum(c.isdigit() for c in value)
    if entity == "ADDRESS" and len(value) >= 6 and not digits and (
            " " in value or english_frequencies().get(fold(value), 0) < EVERYDAY):
        return True
    return (len(value) >= 6 and digits >= 5) or (len(value) >= 10 and any(c.isalpha() for c in value))


def references_naming_people(terms: DatasetTerms, vocabulary: Vocabulary) -> list[str]:
    """Reference values that contain a name of the dataset's people: kept, but worth a reviewer's look."""
    from intake.anonymisation.deny_list import DenyList

    deny = DenyList(terms.vocabulary(vocabulary))
    return [v for v in terms.references if deny.find(v)]
