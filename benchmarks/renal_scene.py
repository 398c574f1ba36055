"""The people and the scene of `renal_export.py`. People: patients on home or unit haemodialysis, their relatives and
paid carers, home-therapies nurses, renal technicians, POCT operators and admin staff, drawn from the split's pools
and Faker locales (`renal_england`, `renal_ulster`), none carrying a word of the templates or of the kept vocabulary;
the held-out split's people share no word with the dev split's. The scene fills a template's `{slot}`: patients by
title, name, nickname, "SURNAME, First"; relatives by relation; staff by role word, name or initials; each person's
hospital number, NHS or H&C number, phones, e-mail, home, key safe and what3words kept the same."""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from types import ModuleType
from typing import Any

import renal_england
import renal_kit as kx
import renal_text
import renal_ulster
from export_common import (
    Memo,
    Person,
    Piece,
    digits,
    draw_people,
    drawn_female,
    fill,
    fold,
    given_names,
    keysafe,
    mine,
    n,
    nhs_number,
)

VOCAB: dict[str, ModuleType] = {"dev18": renal_england, "fresh16": renal_ulster}
GROUPS = {"nurse": 7, "tech": 7, "carer": 8, "admin": 5, "operator": 12}
PEOPLE_TABLES = {"POOLS", "WEIGHTS", "LOCALES"}
SHORT_WORDS = {"am", "pm", "ok", "no", "pt", "dr", "mr", "ms", "id", "on", "in", "at", "to", "is", "it", "of", "or",
               "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "re", "ks", "hd", "ro", "dob", "nhs", "hhd",
               "tvc", "ppm", "sw", "qc", "op", "mob", "tel", "rgn", "mto", "pd", "ie", "eg", "na", "ab", "cl", "hc"}
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
    kept "Bright Renal Unit" or "Dr Mary Lowry Dialysis Centre" is never also a planted name."""
    texts = _flatten(renal_text.TEXT) + [s for name in dir(kx) if name.isupper() for s in _flatten(getattr(kx, name))]
    for module in VOCAB.values():
        texts += [s for name in dir(module) if name.isupper() and name not in PEOPLE_TABLES
                  for s in _flatten(getattr(module, name))]
    text = re.sub(r"\{\w*\}|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").replace("'", " ")
    return frozenset(text.split())


def people(split: str, seed: int, count: int, taken: set[str] | None = None) -> list[Person]:
    v = VOCAB[split]
    return draw_people(random.Random(f"renal-people-{split}-{seed}"), v.POOLS, v.WEIGHTS, v.LOCALES,
                       seed * 71 + (0 if split == "dev18" else 4100), count, reserved_words(), taken,
                       accept=lambda g, s: (g + s).replace(" ", "").replace("-", "").replace("'", "").isalpha(),
                       sexes=_SEX)


@functools.cache
def _given() -> tuple[frozenset[str], frozenset[str]]:
    return given_names(v.POOLS for v in VOCAB.values())


def female(p: Person) -> bool:
    return drawn_female(p, _SEX, _given())


class Scene(Memo):
    def __init__(self, rng: random.Random, split: str, groups: dict[str, list[Person]]) -> None:
        self.rng, self.split, self.groups = rng, split, groups
        self.v = VOCAB[split]
        self.eng = split == "dev18"
        self.patient: Person = groups["patient"][0]
        self.writer: Person = groups["tech"][0]
        self.nurse: Person = groups["nurse"][0]
        self.operator: Person = groups["operator"][0]
        self.asset: dict[str, Any] = {}
        self.year = 2024
        self._known = {}
        self.avoid = reserved_words() | SHORT_WORDS

    def pick(self, options: list[Any]) -> Any:
        return options[self.rng.randrange(len(options))]

    # --- forms of people ------------------------------------------------------------------------------------
    def title(self, p: Person) -> str:
        return str(self.known("title", p, lambda: "Mr" if not female(p) else self.rng.choice(["Mrs", "Ms", "Miss"])))

    def pt(self, p: Person | None = None) -> list[Piece]:
        g, s = p or self.patient
        t = self.title((g, s))
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [n(s.upper()), ", ", n(g)], [f"{t} ", n(s)],
                                    [n(g.lower()), " ", n(s.lower())], [n(s.upper()), " ", n(g.upper())]] \
            if self.eng else [[n(s), ", ", n(g)], [f"{t} ", n(g), " ", n(s)], [n(g), " ", n(s.upper())],
                              [f"{g[0]}. ", n(s)], [n(s.upper()), " ", n(g)]]
        return list(self.pick(forms))

    def pts(self) -> list[Piece]:
        g, s = self.patient
        t = self.title(self.patient)
        return list(self.pick([[f"{t} ", n(s)], [f"{t.upper()} ", n(s.upper())], [f"{t} {g[0]} ", n(s)]]))

    def ptg(self) -> list[Piece]:
        g = self.patient[0]
        r = self.rng.random()
        return [n(self.v.NICKNAMES.get(g, g))] if r < 0.35 else [n(g.lower())] if r < 0.45 else [n(g)]

    def relative(self) -> tuple[Person, str]:
        who = self.patient
        rels = self.v.RELATIONS
        word = self.known("rel", who, lambda: self.rng.choice(sorted(rels)))

        def make() -> Person:
            pool = self.groups["patient"]
            fits = [p for p in pool if p != who and (not rels[word] or female(p) == (rels[word] == "f"))] or pool
            g, s = self.rng.choice(fits)
            return (g, who[1]) if self.rng.random() < 0.5 else (g, s)
        return self.known("kin", who, make), word

    def kin(self) -> list[Piece]:
        (g, s), word = self.relative()
        pron = "her" if female(self.patient) else "his"
        forms: list[list[Piece]] = [[f"{pron} {word} ", n(g)], [f"{word} ", n(g), " ", n(s)], [n(g), f" ({word})"]] \
            if self.eng else [[f"the {word}, ", n(g)], [n(g), " ", n(s), f" - {word}"], [f"{word} ", n(g.upper())]]
        return list(self.pick(forms))

    def carer(self) -> list[Piece]:
        g, s = self.known("carer", self.patient, lambda: self.rng.choice(self.groups["carer"]))
        word = self.rng.choice(self.v.ROLES["carer"])
        return list(self.pick([[n(g), f" ({word})"], [f"{word} ", n(g), " ", n(s)], [f"{word} ", n(g)]]))

    def staff(self, group: str, p: Person) -> list[Piece]:
        g, s = p
        word = self.rng.choice(self.v.ROLES[group])
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{word} ", n(g)], [n(g), f" ({word})"], [f"{g[0]} ", n(s)],
                                    [n(s.upper())]] if self.eng else \
            [[n(g), " ", n(s)], [f"{word} ", n(s)], [f"{g[0]}. ", n(s)], [n(g)], [n(s), ", ", n(g)]]
        return list(self.pick(forms))

    def other(self, group: str) -> Person:
        pool = [p for p in self.groups[group] if p != self.writer] or self.groups[group]
        return self.rng.choice(pool)

    def initials(self, p: Person | None = None) -> list[Piece]:
        g, s = p or self.writer
        a, b = fold(g), fold(s.split()[-1])
        tries = [a[:1] + "".join(fold(w)[:1] for w in s.replace("-", " ").split()), a[:1] + b[:1], a[:2] + b[:1],
                 a[:1] + b[:2]]
        ini = next((t for t in tries if len(t) >= 2 and t not in self.avoid), tries[-1] + "x")
        return [(ini.upper(), "initials", True)]

    # --- numbers and logins ---------------------------------------------------------------------------------
    def login(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1].split()[-1])
        d, rng = self.v.LOGIN_DOMAIN, self.rng
        return str(self.known("login", p, lambda: rng.choice(
            [f"{d}\\{g[0]}{s}", f"{g[0]}{s}{digits(rng, 2)}", f"{g}.{s}@{self.v.STAFF_DOMAIN}", f"{s}{g[0]}".upper()]
            if self.eng else [f"{d}\\{s}.{g[0]}", f"{g[:1]}{s}{rng.randrange(2, 9)}", f"{s}.{g}".upper(),
                              f"mw_{s[:6]}{g[0]}"])))

    def operator_id(self, p: Person) -> str:
        return str(self.known("op", p, lambda: f"4{digits(self.rng, 4)}" if self.eng else f"N{digits(self.rng, 6)}"))

    def staff_id(self, p: Person) -> str:
        return str(self.known("sid", p, lambda: f"2{digits(self.rng, 7)}" if self.eng else f"00{digits(self.rng, 5)}"))

    def hosp(self) -> str:
        d = self.home(self.patient)["hosp"]
        prefix = self.v.TRUST_PREFIX
        return str(self.pick([f"K{d[1:]}", f"{prefix}{d}", f"{prefix} {d[:3]} {d[3:]}", d] if self.eng else
                             [f"H{d}", f"{d[:3]} {d[3:]}", f"{prefix} {d}", d]))

    def number(self) -> str:
        v = self.home(self.patient)["num"]
        return str(self.pick([v, f"{v[:3]} {v[3:6]} {v[6:]}"] if self.eng else [v, f"{v[:3]}-{v[3:6]}-{v[6:]}"]))

    def specimen(self) -> str:
        yy, rng = f"{self.year % 100:02d}", self.rng
        return f"{yy}{rng.choice('HBMX')}{digits(rng, 6)}" if self.eng else \
            rng.choice([f"B{yy}-{digits(rng, 7)}", f"{yy}L{digits(rng, 7)}"])

    def keysafe(self) -> str:
        return str(self.home(self.patient)["ks"])

    # --- details --------------------------------------------------------------------------------------------
    def mobile(self, p: Person) -> str:
        m = self.known("mob", p, lambda: f"7{self.rng.choice('456789')}{digits(self.rng, 8)}")
        return str(self.pick([f"0{m[:4]} {m[4:]}", f"+44 {m[:4]} {m[4:]}", f"0{m[:4]}-{m[4:7]}-{m[7:]}"] if self.eng
                             else [f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44{m}", f"0{m}"]))

    def landline(self, p: Person) -> str:
        h = self.home(p)
        area, local = h["area"], h["local"]
        if self.eng:
            return str(self.pick([f"{area} {local}", f"({area}) {local}", f"{area}{local}"]))
        number = area.split()[1] + local  # Northern Ireland: 028, then eight digits led by the town's two
        return str(self.pick([f"028 {number[:4]} {number[4:]}", f"(028) {number}", f"+44 28 {number[:4]} {number[4:]}",
                              f"028{number}"]))

    def home(self, p: Person) -> dict[str, Any]:
        rng, v = self.rng, self.v

        def make() -> dict[str, Any]:
            town = rng.choice(sorted(v.TOWNS))
            districts, area = v.TOWNS[town]
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            pc = f"{rng.choice(districts)} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
            number, street, r = rng.randrange(1, 160), rng.choice(v.STREETS), rng.random()
            lines = [rng.choice(v.HOUSES)] if r < 0.25 else [rng.choice(v.HOUSES), street] if r < 0.4 else \
                [f"{number} {street}"] if r < 0.85 else \
                [f"{rng.choice(v.FLATS)}{rng.randrange(1, 30)}, {number} {street}"]
            local = digits(rng, 6)
            local = ("3" + local[1:]) if self.eng else local
            ks = keysafe(rng)
            return {"lines": lines, "town": town, "pc": pc, "area": area, "local": local, "ks": ks,
                    "hosp": f"{rng.randrange(1, 10)}{digits(rng, 6)}",
                    "num": nhs_number(rng) if self.eng else kx.hcn_number(rng),
                    "w3w": ".".join(rng.sample(v.W3W, 3)),
                    "dob": dt.date(rng.randrange(1935, 2000), rng.randrange(1, 13), rng.randrange(1, 29))}
        return dict(self.known("home", p, make))

    def address(self) -> list[Piece]:
        h = self.home(self.patient)
        out: list[Piece] = []
        for i, line in enumerate(h["lines"]):
            out += [", "] * bool(i) + mine("address", line)
        return [*out, ", ", h["town"]]

    def dob(self) -> str:
        b = self.home(self.patient)["dob"]
        return str(self.pick([f"{b:%d/%m/%Y}", f"{b:%d.%m.%y}", f"{b.day} {b:%b %Y}"] if self.eng else
                             [f"{b:%Y-%m-%d}", f"{b:%d-%m-%Y}", f"{b.day} {b:%B %Y}"]))

    def home_email(self, p: Person) -> str:
        g, s, rng = fold(p[0]), fold(p[1].split()[-1]), self.rng
        return str(self.known("hmail", p, lambda: f"{rng.choice([g, g[0]])}{rng.choice(['.', '', '_'])}{s}"
                              f"{rng.choice(['', digits(rng, 2)])}@{rng.choice(self.v.HOME_MAIL)}"))

    def staff_email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1].replace(" ", ""))
        return f"{g}.{s}@{self.v.STAFF_DOMAIN}" if self.eng else f"{s}.{g}@{self.v.STAFF_DOMAIN}"

    def date(self) -> str:
        d = min(dt.date(self.year, self.rng.randrange(1, 13), self.rng.randrange(1, 29)), kx.END)
        return str(self.pick([f"{d:%d/%m/%y}", f"{d.day} {d:%b}"] if self.eng else [f"{d:%d.%m.%Y}", f"{d:%d-%b}"]))

    def fill(self, template: str, case: str = "") -> list[Piece]:
        import renal_slots

        return fill(template, lambda key: renal_slots.slot(self, key), case)

