"""The people and the scene of `endoscopy_export.py`. People: patients (on a list for a gastroscopy, a colonoscopy, a
bronchoscopy, a cystoscopy or a nasendoscopy), their relatives, endoscopists, endoscopy nurses, decontamination
technicians, EBME engineers, microbiology lab staff, makers' field service engineers and GPs, drawn from the split's
pools and Faker locales (`endoscopy_wales`, `endoscopy_borders`), none carrying a word of the templates or of the
kept vocabulary; the held-out split's people share no word with the dev split's. The scene fills a template's
`{slot}` (`endoscopy_slots`) and keeps each person's numbers, home and relative the same across rows; how people
and numbers are written lives in `endoscopy_forms`."""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from types import ModuleType
from typing import Any

import endoscopy_borders
import endoscopy_kit as kx
import endoscopy_text
import endoscopy_wales
from endoscopy_forms import Forms
from export_common import Memo, Person, Piece, digits, draw_people, drawn_female, fill, given_names, mine, n

VOCAB: dict[str, ModuleType] = {"dev21": endoscopy_wales, "fresh19": endoscopy_borders}
GROUPS = {"endo": 8, "nurse": 10, "decon": 8, "eng": 4, "lab": 4, "field": 6, "gp": 6}
PEOPLE_TABLES = {"POOLS", "WEIGHTS", "LOCALES", "NICKNAMES"}  # people's own tables (a nickname is a name too)
SHORT_WORDS = {"ae", "aer", "al", "am", "at", "ay", "be", "ben", "bx", "by", "cf", "ch", "chi", "di", "do", "dob",
               "dr", "ed", "eh", "el", "ercp", "eu", "fse", "gp", "he", "id", "if", "in", "is", "it", "jo", "la",
               "lb", "ldu", "lo", "mab", "mam", "me", "mo", "mr", "ms", "my", "ne", "nhs", "no", "of", "ogd", "ok",
               "on", "or", "pm", "pt", "re", "sa", "sn", "so", "sr", "ssd", "td", "to", "ty", "us", "we"}
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
    kept "Dilys Glanmor Endoscopy Unit" or "Jeannie Deans Endoscopy Unit" is never also a planted name."""
    texts = _flatten(endoscopy_text.TEXT) + [s for name in dir(kx) if name.isupper()
                                             for s in _flatten(getattr(kx, name))]
    for module in VOCAB.values():
        texts += [s for name in dir(module) if name.isupper() and name not in PEOPLE_TABLES
                  for s in _flatten(getattr(module, name))]
    text = re.sub(r"\{\w*\}|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").replace("'", " ")
    return frozenset(text.split())


def _accept(split: str) -> Any:
    def ok(g: str, s: str) -> bool:
        if not (g + s).replace(" ", "").replace("-", "").replace("'", "").isalpha():
            return False
        if split == "dev21":  # the washers' log is saved as Windows-1252: a name it cannot write is never drawn
            try:
                f"{g} {s}".encode("cp1252")
            except UnicodeEncodeError:
                return False
        return True
    return ok


def people(split: str, seed: int, count: int, taken: set[str] | None = None) -> list[Person]:
    v = VOCAB[split]
    return draw_people(random.Random(f"endoscopy-people-{split}-{seed}"), v.POOLS, v.WEIGHTS, v.LOCALES,
                       seed * 43 + (0 if split == "dev21" else 7300), count, reserved_words(), taken,
                       woman_share=0.55, accept=_accept(split), sexes=_SEX)


@functools.cache
def _given() -> tuple[frozenset[str], frozenset[str]]:
    return given_names(v.POOLS for v in VOCAB.values())


def female(p: Person) -> bool:
    return drawn_female(p, _SEX, _given())


class Scene(Memo, Forms):
    def __init__(self, rng: random.Random, split: str, groups: dict[str, list[Person]]) -> None:
        self.rng, self.split, self.groups = rng, split, groups
        self.v = VOCAB[split]
        self.dev = split == "dev21"
        self.patient: Person = groups["patient"][0]
        self.writer: Person = groups["nurse"][0]
        self.field: Person = groups["field"][0]
        self.asset: dict[str, Any] = {}
        self.loan: str = ""
        self.when = dt.datetime(2024, 1, 1, 9, 0)
        self.room: str | None = None
        self._known = {}
        self.avoid = reserved_words() | SHORT_WORDS

    def pick(self, options: list[Any]) -> Any:
        return options[self.rng.randrange(len(options))]

    def female(self, p: Person) -> bool:
        return female(p)

    def other(self, group: str) -> Person:
        pool = [p for p in self.groups[group] if p != self.writer] or self.groups[group]
        return self.rng.choice(pool)

    # --- a patient's home and numbers, the same on every row ------------------------------------------------------
    def home(self, p: Person) -> dict[str, Any]:
        rng, v = self.rng, self.v

        def make() -> dict[str, Any]:
            town = rng.choice(sorted(v.TOWNS))
            districts, area = v.TOWNS[town]
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            pc = f"{rng.choice(districts)} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
            number, street, r = rng.randrange(1, 180), rng.choice(v.STREETS), rng.random()
            if r < 0.65:
                lines = [f"{number} {street}"]
            elif r < 0.85:
                flat = rng.choice(v.FLATS).format(n=rng.randrange(1, 5))
                lines = [f"{flat}{rng.randrange(1, 12)}", f"{number} {street}"] if self.dev else \
                    [f"{flat.strip()}, {number} {street}"]
            else:
                lines = [rng.choice(v.HOUSES)] + ([street] if self.dev else [])
            local = f"20{digits(rng, 6)}" if area == "029" else f"{rng.choice('2345678')}{digits(rng, 5)}"
            dob = dt.date(rng.randrange(1936, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
            return {"lines": lines, "town": town, "pc": pc, "area": area, "local": local, "dob": dob,
                    "hosp": digits(rng, 7 if self.dev else 6), "num": self.person_number(dob, female(p)),
                    "mob": f"7{rng.choice('3456789')}{digits(rng, 8)}"}
        return dict(self.known("home", p, make))

    def relative(self) -> tuple[Person, str]:
        """The patient's relative who comes up in notes (one per patient, always the same relation and person)."""
        who, rels = self.patient, self.v.RELATIONS
        word = str(self.known("rel", who, lambda: self.rng.choice(sorted(rels))))

        def make() -> Person:
            pool = self.groups["patient"]
            fits = [q for q in pool if q != who and (not rels[word] or female(q) == (rels[word] == "f"))]
            g, s = self.rng.choice(fits or pool)
            return (g, who[1]) if self.rng.random() < 0.5 else (g, s)
        return self.known("kin", who, make), word

    def person_number(self, born: dt.date, woman: bool) -> str:
        """An NHS number (dev21) or a CHI number (fresh19: the date of birth, two digits, a sex digit, a check)."""
        from export_common import nhs_number

        if self.dev:
            return nhs_number(self.rng)
        while True:
            body = f"{born:%d%m%y}{digits(self.rng, 2)}{self.rng.choice('02468' if woman else '13579')}"
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

    def date(self) -> str:
        d = min(self.when.date() + dt.timedelta(days=self.rng.randrange(-20, 20)), kx.END)
        return str(self.pick([f"{d:%d/%m/%Y}", f"{d:%d/%m}"] if self.dev else [f"{d:%d.%m.%Y}", f"{d:%a %d %b}"]))

    def time(self) -> str:
        t = (self.when + dt.timedelta(minutes=self.rng.randrange(0, 240))).time()
        return f"{t:%H%M}" if self.dev else f"{t:%H.%M}"

    def cycle_ref(self) -> str:
        """An AER cycle's number as the traceability system prints it (kept)."""
        if self.dev:
            return f"C{digits(self.rng, 6)}"
        return f"{self.rng.randrange(100, 99999):05d}/{self.rng.choice('ABCD')}"

    def datix(self) -> str:
        """An incident report's reference (kept)."""
        return f"IR-{digits(self.rng, 6)}" if self.dev else f"DX{digits(self.rng, 5)}"

    def place(self, template: str) -> str:
        return template.format(n=self.rng.randrange(1, 7), L=self.rng.choice("ABCDE"))

    def fill(self, template: str, case: str = "") -> list[Piece]:
        import endoscopy_slots

        return fill(template, lambda key: endoscopy_slots.slot(self, key), case)

    def name(self, value: str) -> Piece:
        return n(value)
