"""The people and the scene of `maternity_export.py`. People: mothers (women in labour, on the antenatal and
postnatal wards, at home with a loaned breast pump or TENS machine), their babies, partners and relatives, midwives,
community midwives, neonatal nurses, maternity support workers, doctors, EBME technicians, social workers,
interpreters, GPs and health visitors, drawn from the split's pools and Faker locales (`maternity_midlands`,
`maternity_grampian`), none carrying a word of the templates or of the kept vocabulary; the held-out split's people
share no word with the dev split's. The scene fills a template's `{slot}` (`maternity_slots`) and keeps each
person's numbers, home, baby and relatives the same across rows; how babies, staff and numbers are written lives in
`maternity_forms`."""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from types import ModuleType
from typing import Any

import maternity_grampian
import maternity_kit as kx
import maternity_midlands
import maternity_text
from export_common import Memo, Person, Piece, digits, draw_people, drawn_female, fill, given_names, keysafe, mine, n
from maternity_forms import Forms

VOCAB: dict[str, ModuleType] = {"dev20": maternity_midlands, "fresh18": maternity_grampian}
GROUPS = {"midwife": 10, "cmw": 6, "nnurse": 6, "msw": 4, "doctor": 5, "tech": 5, "sw": 4, "interp": 4, "gp": 6,
          "hv": 3}
PEOPLE_TABLES = {"POOLS", "WEIGHTS", "LOCALES", "NICKNAMES"}  # people's own tables (a nickname is a name too)
SHORT_WORDS = {"am", "pm", "ok", "no", "pt", "dr", "mr", "ms", "id", "on", "in", "at", "to", "is", "it", "of", "or",
               "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "re", "sn", "mw", "rm", "sw", "hv", "gp",
               "dob", "nhs", "chi", "edd", "ctg", "fhr", "lw", "nnu", "msw", "cmw", "scm", "sm", "cm", "ct", "ebme",
               "pip", "peep", "bo", "na", "ab", "le", "kw", "iv", "jo", "al", "ed", "mo", "el", "la", "lo", "di", "ne"}
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
    kept "Rosalind Paget Birth Centre", "Bailey Ward" or "Dr Gray's Hospital" is never also a planted name."""
    texts = _flatten(maternity_text.TEXT) + [s for name in dir(kx) if name.isupper()
                                             for s in _flatten(getattr(kx, name))]
    for module in VOCAB.values():
        texts += [s for name in dir(module) if name.isupper() and name not in PEOPLE_TABLES
                  for s in _flatten(getattr(module, name))]
    text = re.sub(r"\{\w*\}|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").replace("'", " ")
    return frozenset(text.split())


def _letters(g: str, s: str) -> bool:
    return (g + s).replace(" ", "").replace("-", "").replace("'", "").isalpha()


def people(split: str, seed: int, count: int, taken: set[str] | None = None) -> list[Person]:
    v = VOCAB[split]
    return draw_people(random.Random(f"maternity-people-{split}-{seed}"), v.POOLS, v.WEIGHTS, v.LOCALES,
                       seed * 41 + (0 if split == "dev20" else 6100), count, reserved_words(), taken,
                       woman_share=0.7, accept=_letters, sexes=_SEX)


@functools.cache
def _given() -> tuple[frozenset[str], frozenset[str]]:
    return given_names(v.POOLS for v in VOCAB.values())


def female(p: Person) -> bool:
    return drawn_female(p, _SEX, _given())


class Scene(Memo, Forms):
    def __init__(self, rng: random.Random, split: str, groups: dict[str, list[Person]]) -> None:
        self.rng, self.split, self.groups = rng, split, groups
        self.v = VOCAB[split]
        self.dev = split == "dev20"
        self.mothers = [p for p in groups["patient"] if female(p)] or groups["patient"]
        self.patient: Person = self.mothers[0]
        self.writer: Person = groups["midwife"][0]
        self.asset: dict[str, Any] = {}
        self.when = dt.datetime(2024, 1, 1, 9, 0)
        self.bed: str | None = None  # the bed and ward of the row, when the row is about one
        self.ward: str | None = None
        self._known = {}
        self.avoid = reserved_words() | SHORT_WORDS

    def pick(self, options: list[Any]) -> Any:
        return options[self.rng.randrange(len(options))]

    def female(self, p: Person) -> bool:
        return female(p)

    def other(self, group: str) -> Person:
        pool = [p for p in self.groups[group] if p != self.writer] or self.groups[group]
        return self.rng.choice(pool)

    # --- a mother's home, numbers and baby, the same on every row -------------------------------------------------
    def home(self, p: Person) -> dict[str, Any]:
        rng, v = self.rng, self.v

        def make() -> dict[str, Any]:
            town = rng.choice(sorted(v.TOWNS))
            districts, area = v.TOWNS[town]
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            pc = f"{rng.choice(districts)} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
            number, street, r = rng.randrange(1, 220), rng.choice(v.STREETS), rng.random()
            if self.dev:  # terraces and flats in blocks
                lines = [f"{number} {street}"] if r < 0.7 else \
                    [f"{rng.choice(v.FLATS)}{rng.randrange(1, 60)} {rng.choice(v.BLOCKS)}", street]
            else:  # tenement flats in Aberdeen, farms and cottages without a number in the country
                lines = [f"{number} {street}"] if r < 0.45 else \
                    [f"{rng.choice(v.FLATS)}{rng.choice('ABCDEF')}, {number} {street}"] if r < 0.75 else \
                    [rng.choice(v.HOUSES)] if r < 0.9 else [f"{rng.choice(v.FLATS)}{rng.randrange(1, 30)}, "
                                                             f"{rng.choice(v.BLOCKS)}"]
            local = f"2{digits(rng, 6)}" if area == "0116" else f"{rng.choice('2345678')}{digits(rng, 5)}"
            dob = dt.date(rng.randrange(1980, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
            return {"lines": lines, "town": town, "pc": pc, "area": area, "local": local, "ks": keysafe(rng),
                    "hosp": f"{rng.randrange(1, 10)}{digits(rng, 6 if self.dev else 5)}", "dob": dob,
                    "num": self.person_number(dob, True), "abroad": rng.random() < 0.12,
                    "mob": f"7{rng.choice('4589')}{digits(rng, 8)}"}
        return dict(self.known("home", p, make))

    def baby(self) -> dict[str, Any]:
        """The mother's baby (or twins), born on the day every row about her is timed from (`born`): given a name
        or not yet, a suffix on the mother's hospital number, a national number of its own and a tag number."""
        p, rng = self.patient, self.rng

        def make() -> dict[str, Any]:
            born = self.born(p)
            given = rng.choice([q[0] for q in self.mothers + self.groups["patient"] if q != p])
            surname = p[1] if rng.random() < 0.7 else self.known("father", p, lambda: rng.choice(
                [q[1] for q in self.groups["patient"] if q[1] != p[1]]))
            return {"born": born, "given": given if rng.random() < 0.55 else None, "surname": surname,
                    "twins": rng.random() < 0.08, "num": self.person_number(born, rng.random() < 0.5),
                    "tag": self.tag_number()}
        return dict(self.known("baby", p, make))

    def born(self, p: Person) -> dt.date:
        """The day the mother's baby is born, between the export's first and last months."""
        return dt.date(2021, 1, 20) + dt.timedelta(days=int(self.known(
            "born", p, lambda: self.rng.randrange((kx.END - dt.date(2021, 1, 20)).days - 10))))

    def relative(self) -> tuple[Person, str]:
        """The mother's relative who comes up in notes (one per mother, always the same relation and person)."""
        who, rels = self.patient, self.v.RELATIONS
        word = str(self.known("rel", who, lambda: self.rng.choice(sorted(rels))))

        def make() -> Person:
            pool = self.groups["patient"]
            fits = [q for q in pool if q != who and (not rels[word] or female(q) == (rels[word] == "f"))]
            g, s = self.rng.choice(fits or pool)
            return (g, who[1]) if self.rng.random() < 0.45 else (g, s)
        return self.known("kin", who, make), word

    def maiden(self) -> str:
        """The mother's surname before marriage (née), another family's."""
        return str(self.known("maiden", self.patient, lambda: self.rng.choice(
            [q[1] for q in self.groups["patient"] if q[1] != self.patient[1]])))

    def person_number(self, born: dt.date, woman: bool) -> str:
        """An NHS number (dev20) or a CHI number (fresh18: the date of birth, two digits, a sex digit, a check)."""
        from export_common import nhs_number

        if self.dev:
            return nhs_number(self.rng)
        while True:
            body = f"{born:%d%m%y}{digits(self.rng, 2)}{self.rng.choice('02468' if woman else '13579')}"
            check = (11 - sum(int(x) * (10 - i) for i, x in enumerate(body)) % 11) % 11
            if check != 10:
                return body + str(check)

    def tag_number(self) -> str:
        return str(self.rng.randrange(40000, 47999)) if self.dev else \
            f"{self.rng.choice('ABCDEFH')}{self.rng.choice('JKLMN')}-{digits(self.rng, 4)}"

    # --- pieces ----------------------------------------------------------------------------------------------------
    def address(self) -> list[Piece]:
        h = self.home(self.patient)
        out: list[Piece] = []
        for i, line in enumerate(h["lines"]):
            out += [", "] * bool(i) + mine("address", line)
        return [*out, ", ", h["town"]]

    def postcode(self) -> list[Piece]:
        return mine("postcode", self.home(self.patient)["pc"])

    def date(self) -> str:
        d = min(self.when.date() + dt.timedelta(days=self.rng.randrange(-20, 20)), kx.END)
        return str(self.pick([f"{d:%d/%m/%Y}", f"{d.day} {d:%b}"] if self.dev else [f"{d:%d.%m.%y}",
                                                                                  f"{d:%A %d %B}"]))

    def _edd(self) -> dt.date:
        p = self.patient
        return self.born(p) + dt.timedelta(days=int(self.known("edd", p, lambda: self.rng.randint(-14, 10))))

    def edd(self) -> str:
        """The mother's expected date of delivery, near her baby's birthday: written, not planted (a clinical date,
        nobody's identifier on its own)."""
        d = self._edd()
        return f"{d:%d/%m/%Y}" if self.dev else f"{d:%d-%b-%Y}"

    def gestation(self) -> str:
        """How far on the mother is at the row's time, from her EDD (40 weeks): written, not planted."""
        return kx.gestation(280 - (self._edd() - self.when.date()).days, self.split)

    def fill(self, template: str, case: str = "") -> list[Piece]:
        import maternity_slots

        return fill(template, lambda key: maternity_slots.slot(self, key), case)

    def name(self, value: str) -> Piece:
        return n(value)
