"""The people and the scene of `audiology_export.py`. People: patients (adults with hearing aids, children with aids
and radio-aid kits), their relatives and carers (a child's Mum, Dad or granny), audiologists, repair-bench technicians,
admin staff, calibration engineers, teachers of the deaf and GPs, drawn from the split's own hand-written pools
(`audiology_midlands`, `audiology_ulster`; no Faker locale, no shared list), none carrying a word of the templates or
of the kept vocabulary; the held-out split's people share no word with the dev split's. The scene fills a template's
`{slot}` (`audiology_slots`) and keeps each person's numbers, home, school and relative the same across rows; how
people and numbers are written lives in `audiology_forms`."""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from types import ModuleType
from typing import Any

import audiology_kit as kx
import audiology_midlands
import audiology_text
import audiology_ulster
from audiology_forms import Forms
from export_common import Memo, Person, Piece, digits, draw_people, drawn_female, fill, given_names, mine, n

VOCAB: dict[str, ModuleType] = {"dev22": audiology_midlands, "fresh20": audiology_ulster}
GROUPS = {"aud": 10, "tech": 6, "admin": 4, "eng": 4, "tod": 5, "gp": 6, "maker": 4}
PEOPLE_TABLES = {"POOLS", "WEIGHTS", "NICKNAMES"}  # people's own tables (a nickname is a name too)
SHORT_WORDS = {"ab", "am", "an", "at", "aud", "be", "bte", "by", "cs", "dr", "ha", "he", "hl", "hz", "id", "if", "in",
               "is", "it", "la", "lm", "me", "mo", "mr", "ms", "my", "na", "nff", "nhs", "no", "of", "ok", "on", "or",
               "pm", "pt", "re", "so", "to", "tv", "up", "us", "we", "wk", "ye"}
_SEX: dict[Person, bool] = {}


def _flatten(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_flatten(k), *_flatten(v))]
    if isinstance(value, (list, tuple, set)):
        return [s for v in value for s in _flatten(v)]
    return []


@functools.cache
def reserved_words() -> frozenset[str]:
    """Every word of the templates, the kit and the kept vocabulary of both splits: no person carries one, so that a
    kept "Dorothy Pattison Hearing Centre" or "Agnes Jones Audiology Suite" is never also a planted name."""
    texts = _flatten(audiology_text.TEXT) + [s for name in dir(kx) if name.isupper()
                                             for s in _flatten(getattr(kx, name))]
    for module in VOCAB.values():
        texts += [s for name in dir(module) if name.isupper() and name not in PEOPLE_TABLES
                  for s in _flatten(getattr(module, name))]
    text = re.sub(r"\{\w*\}|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").replace("'", " ")
    return frozenset(text.split())


def _ok(g: str, s: str) -> bool:
    return (g + s).replace(" ", "").replace("-", "").replace("'", "").isalpha()


def _agree(p: Person, woman: bool) -> Person:
    """A woman's Polish or Lithuanian surname in its feminine form (Jabłoński -> Jabłońska, Kazlauskas ->
    Kazlauskienė); the pools hold the masculine."""
    g, s = p
    if s in ("Kaur", "Singh"):
        return g, "Kaur" if woman else "Singh"
    if not woman:
        return p
    for masc, fem in (("ski", "ska"), ("cki", "cka"), ("ius", "ienė"), ("as", "ienė")):
        if s.endswith(masc) and s not in ("Douglas",):
            return g, s[: -len(masc)] + fem
    return p


def people(split: str, seed: int, count: int, taken: set[str] | None = None) -> list[Person]:
    v = VOCAB[split]
    drawn: dict[Person, bool] = {}
    found = draw_people(random.Random(f"audiology-people-{split}-{seed}"), v.POOLS, v.WEIGHTS, {}, 0, count,
                        reserved_words(), taken, woman_share=0.55, accept=_ok, sexes=drawn)
    out = []
    for p in found:
        q = _agree(p, drawn[p])
        _SEX[q] = drawn[p]
        out.append(q)
    return out


@functools.cache
def _given() -> tuple[frozenset[str], frozenset[str]]:
    return given_names(v.POOLS for v in VOCAB.values())


def female(p: Person) -> bool:
    return drawn_female(p, _SEX, _given())


class Scene(Memo, Forms):
    def __init__(self, rng: random.Random, split: str, groups: dict[str, list[Person]]) -> None:
        self.rng, self.split, self.groups = rng, split, groups
        self.v = VOCAB[split]
        self.dev = split == "dev22"
        self.patient: Person = groups["patient"][0]
        self.writer: Person = groups["aud"][0]
        self.eng: Person = groups["eng"][0]
        self.tod: Person = groups["tod"][0]
        self.battery = ""  # the row's battery size, when it has one
        self.asset: dict[str, Any] = {}
        self.when = dt.datetime(2024, 1, 1, 9, 0)
        self._known = {}

    def pick(self, options: list[Any]) -> Any:
        return options[self.rng.randrange(len(options))]

    def female(self, p: Person) -> bool:
        return female(p)

    def other(self, group: str) -> Person:
        pool = [p for p in self.groups[group] if p != self.writer] or self.groups[group]
        return self.rng.choice(pool)

    def child(self, p: Person) -> bool:
        """Whether a patient is a child (their date of birth, a carer, a school)."""
        return bool(self.known("child", p, lambda: self.rng.random() < 0.22))

    # --- a patient's home and numbers, the same on every row ------------------------------------------------------
    def home(self, p: Person) -> dict[str, Any]:
        rng, v = self.rng, self.v

        def make() -> dict[str, Any]:
            town = rng.choice(sorted(v.TOWNS))
            districts, area = v.TOWNS[town]
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            pc = f"{rng.choice(districts)} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
            number, street, r = rng.randrange(1, 240), rng.choice(v.STREETS), rng.random()
            if r < 0.7:
                lines = [f"{number} {street}"]
            elif r < 0.88:
                flat = rng.choice(v.FLATS).format(n=rng.randrange(1, 30))
                lines = [flat, f"{number} {street}"] if self.dev else [f"{flat} {number} {street}"]
            else:
                lines = [rng.choice(v.HOUSES)] + ([street] if self.dev else [])
            if area == "0121":
                local = f"5{digits(rng, 6)}"
            elif self.dev:
                local = f"{rng.choice('2345678')}{digits(rng, 5)}"
            else:
                local = area[-2:] + digits(rng, 6)
            born = dt.date(rng.randrange(2009, 2022), rng.randrange(1, 13), rng.randrange(1, 29)) if self.child(p) \
                else dt.date(rng.randrange(1928, 1992), rng.randrange(1, 13), rng.randrange(1, 29))
            return {"lines": lines, "town": town, "pc": pc, "area": area, "local": local, "dob": born,
                    "hosp": digits(rng, 6 if self.dev else 7), "num": self.person_number(),
                    "mob": f"7{rng.choice('3456789')}{digits(rng, 8)}",
                    "school": rng.choice(v.SCHOOLS), "gp": rng.choice(v.GP_PRACTICES)}
        return dict(self.known("home", p, make))

    def relative(self) -> tuple[Person, str]:
        """The patient's relative or carer who comes up in notes (a child's parent or granny; one per patient, always
        the same relation and person)."""
        who, rels = self.patient, self.v.RELATIONS
        words = self.v.GUARDIANS if self.child(who) else [w for w in sorted(rels) if w not in self.v.GUARDIANS]
        word = str(self.known("rel", who, lambda: self.rng.choice(words)))

        def make() -> Person:
            pool = self.groups["patient"]
            fits = [q for q in pool if q != who and (not rels[word] or female(q) == (rels[word] == "f"))]
            g, s = self.rng.choice(fits or pool)
            gendered = who[1].endswith(("ski", "ska", "cki", "cka", "ienė", "as", "ius")) or who[1] in ("Kaur", "Singh")
            same = not gendered or female(who) == female((g, s))
            return (g, who[1]) if same and self.rng.random() < 0.6 else (g, s)
        return self.known("kin", who, make), word

    def person_number(self) -> str:
        """An NHS number (dev22) or a Health and Care number (fresh20: 320 to 399, the same modulus-11 check)."""
        from export_common import nhs_number

        if self.dev:
            return nhs_number(self.rng)
        while True:
            body = f"3{self.rng.randrange(20, 100)}{digits(self.rng, 6)}"
            check = (11 - sum(int(x) * (10 - i) for i, x in enumerate(body)) % 11) % 11
            if check != 10:
                return body + str(check)

    # --- pieces ----------------------------------------------------------------------------------------------------
    def address(self) -> list[Piece]:
        h = self.home(self.patient)
        out: list[Piece] = []
        for i, line in enumerate(h["lines"]):
            out += [", "] * bool(i) + mine("address", line)
        return [*out, ", ", h["town"]]

    def postcode(self) -> list[Piece]:
        return mine("postcode", self.home(self.patient)["pc"])

    def school(self) -> list[Piece]:
        return mine("school", self.home(self.patient)["school"])

    def date(self) -> str:
        d = min(self.when.date() + dt.timedelta(days=self.rng.randrange(-20, 20)), kx.END)
        return str(self.pick([f"{d:%d/%m/%y}", f"{d:%d/%m}"] if self.dev else [f"{d:%d.%m.%y}", f"{d:%d %b}"]))

    def time(self) -> str:
        t = (self.when + dt.timedelta(minutes=self.rng.randrange(0, 240))).time()
        return f"{t:%H:%M}" if self.dev else f"{t:%H.%M}"

    def place(self, template: str) -> str:
        return template.format(n=self.rng.randrange(1, 7), L=self.rng.choice("ABCD"))

    def fill(self, template: str, case: str = "") -> list[Piece]:
        import audiology_slots

        return fill(template, lambda key: audiology_slots.slot(self, key), case)

    def name(self, value: str) -> Piece:
        return n(value)
