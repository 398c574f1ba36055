"""The people and the scene of `sleep_export.py`. People: patients on CPAP/NIV or a home sleep study, their relatives
and paid carers, sleep physiologists, EBME/workshop technicians, couriers' drivers and clerks, drawn from the split's
pools and Faker locales (`sleep_london`, `sleep_islands`), none carrying a word of the templates or of the kept
vocabulary; the held-out split's people share no word with the dev split's, and dev19's are all writable in
Windows-1252 (the portal's export is). The scene fills a template's `{slot}`: patients by title, name, nickname,
"SURNAME, First"; relatives by relation; staff by role word, name or initials; each person's hospital number, NHS
number (dev19) or island social security number (fresh17), phones, e-mail and home kept the same."""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from types import ModuleType
from typing import Any

import sleep_islands
import sleep_kit as kx
import sleep_london
import sleep_text
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

VOCAB: dict[str, ModuleType] = {"dev19": sleep_london, "fresh17": sleep_islands}
GROUPS = {"physio": 8, "tech": 5, "carer": 8, "driver": 6, "admin": 4}
# People's own tables (a nickname is a name too): not reserved.
PEOPLE_TABLES = {"POOLS", "WEIGHTS", "LOCALES", "NICKNAMES"}
SHORT_WORDS = {"am", "pm", "ok", "no", "pt", "dr", "mr", "ms", "id", "on", "in", "at", "to", "is", "it", "of", "or",
               "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "re", "sn", "sd", "cp", "pa", "nh", "ss",
               "ahi", "odi", "ess", "niv", "gp", "dob", "nhs", "urn", "mrn", "pat", "est", "fsn", "sop", "rx", "dw",
               "co", "hcs", "ebme", "dvla", "dvl", "dvs", "pas", "sw", "fw", "ie", "eg", "na", "ab", "el", "la"}
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
    kept "Mary Seacole Sleep & Ventilation Unit" or "Dr Le Marquand's Surgery" is never also a planted name."""
    texts = _flatten(sleep_text.TEXT) + [s for name in dir(kx) if name.isupper() for s in _flatten(getattr(kx, name))]
    for module in VOCAB.values():
        texts += [s for name in dir(module) if name.isupper() and name not in PEOPLE_TABLES
                  for s in _flatten(getattr(module, name))]
    text = re.sub(r"\{\w*\}|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").replace("'", " ")
    return frozenset(text.split())


def _writable(split: str) -> Any:
    def accept(g: str, s: str) -> bool:
        if not (g + s).replace(" ", "").replace("-", "").replace("'", "").isalpha():
            return False
        if split != "dev19":
            return True
        try:  # the portal's Windows-1252 export: a name it cannot write is no London patient of this export
            (g + s).encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True
    return accept


def people(split: str, seed: int, count: int, taken: set[str] | None = None) -> list[Person]:
    v = VOCAB[split]
    return draw_people(random.Random(f"sleep-people-{split}-{seed}"), v.POOLS, v.WEIGHTS, v.LOCALES,
                       seed * 37 + (0 if split == "dev19" else 5300), count, reserved_words(), taken,
                       accept=_writable(split), sexes=_SEX)


@functools.cache
def _given() -> tuple[frozenset[str], frozenset[str]]:
    return given_names(v.POOLS for v in VOCAB.values())


def female(p: Person) -> bool:
    return drawn_female(p, _SEX, _given())


class Scene(Memo):
    def __init__(self, rng: random.Random, split: str, groups: dict[str, list[Person]]) -> None:
        self.rng, self.split, self.groups = rng, split, groups
        self.v = VOCAB[split]
        self.dev = split == "dev19"
        self.patient: Person = groups["patient"][0]
        self.writer: Person = groups["physio"][0]
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
        forms: list[list[Piece]] = [[n(s.upper()), ", ", n(g)], [n(g), " ", n(s)], [f"{t} ", n(s)],
                                    [n(g.lower()), " ", n(s.lower())], [n(s), " ", n(g)]] \
            if self.dev else [[n(s), ", ", n(g)], [n(g), " ", n(s.upper())], [f"{t} {g[0]}. ", n(s)],
                              [n(s.upper()), " ", n(g.upper())], [n(g), " ", n(s)]]
        return list(self.pick(forms))

    def pts(self) -> list[Piece]:
        g, s = self.patient
        t = self.title(self.patient)
        return list(self.pick([[f"{t} ", n(s)], [f"{t.upper()} ", n(s.upper())], [f"{t} {g[0]} ", n(s)]]
                              if self.dev else [[f"{t}. ", n(s)], [n(s), f" ({t})"], [f"{t} ", n(g), " ", n(s)]]))

    def ptg(self) -> list[Piece]:
        g = self.patient[0]
        r = self.rng.random()
        return [n(self.v.NICKNAMES.get(g, g))] if r < 0.4 else [n(g.lower())] if r < 0.5 else [n(g)]

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
            if self.dev else [[f"{word} ", n(g)], [n(g), " ", n(s), f" [{word}]"], [f"client's {word} ", n(s.upper())]]
        return list(self.pick(forms))

    def carer(self) -> list[Piece]:
        g, s = self.known("carer", self.patient, lambda: self.rng.choice(self.groups["carer"]))
        word = self.rng.choice(self.v.ROLES["carer"])
        return list(self.pick([[n(g), f" ({word})"], [f"{word} ", n(g), " ", n(s)], [f"{word} ", n(g)]]))

    def staff(self, group: str, p: Person) -> list[Piece]:
        g, s = p
        word = self.rng.choice(self.v.ROLES[group])
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{word} ", n(g)], [n(g), f" ({word})"], [f"{g[0]} ", n(s)],
                                    [n(s.upper())]] if self.dev else \
            [[n(g), " ", n(s)], [f"{word} ", n(s)], [f"{g[0]}.", n(s)], [n(g)], [n(s.upper()), " ", n(g)]]
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
            [f"{d}\\{g[0]}{s}", f"{s[:6]}{g[0]}{digits(rng, 2)}", f"{g}.{s}"] if self.dev else
            [f"{s}{g[0]}".upper(), f"cp_{g[:3]}{s[:4]}", f"{d.lower()}/{g[0]}{s}"])))

    def staff_id(self, p: Person) -> str:
        return str(self.known("sid", p, lambda: f"E{digits(self.rng, 6)}" if self.dev else f"MC{digits(self.rng, 5)}"))

    def island(self, p: Person | None = None) -> str:
        return str(self.home(p or self.patient)["island"])

    def hosp(self) -> str:
        d = self.home(self.patient)["hosp"]
        if self.dev:
            return str(self.pick([f"M{d}", f"M{d[:3]}-{d[3:]}", d, f"M {d}"]))
        island = self.island()
        if island == "man":
            return str(self.pick([f"NH{d[1:]}", f"NH {d[1:4]} {d[4:]}"]))
        if island == "jersey":
            return str(self.pick([f"JGH/{d}", f"0{d}"]))
        return str(self.pick([f"PEH-{d[1:]}", f"P{d[1:]}"]))

    def number(self) -> str:
        v = self.home(self.patient)["num"]
        if self.dev:
            return str(self.pick([v, f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"]))
        return str(self.pick([v, v.replace(" ", "")]))

    def gp(self) -> str:
        return str(self.known("gp", self.patient, lambda: self.rng.choice(self.v.GP_PRACTICES)))

    def keysafe(self) -> str:
        return str(self.home(self.patient)["ks"])

    # --- details --------------------------------------------------------------------------------------------
    def mobile(self, p: Person) -> str:
        if self.dev:
            m = self.known("mob", p, lambda: f"7{self.rng.choice('4589')}{digits(self.rng, 8)}")
            return str(self.pick([f"0{m[:4]} {m[4:7]} {m[7:]}", f"0{m}", f"+44 {m[:4]} {m[4:7]} {m[7:]}",
                                  f"0{m[:3]} {m[3:6]} {m[6:]}"]))
        pre = self.rng.choice(self.v.MOBILE_PREFIX[self.island(p)])
        m = self.known("mob", p, lambda: f"{pre}{digits(self.rng, 6)}")
        return str(self.pick([f"0{m[:4]} {m[4:]}", f"+44{m}", f"0{m[:4]}-{m[4:]}"]))

    def landline(self, p: Person) -> str:
        h = self.home(p)
        area, local = h["area"], h["local"]
        if self.dev:  # 020, then eight digits led by the area's 7, 8 or 3 (odd spacing as typed)
            return str(self.pick([f"020 {local[:4]} {local[4:]}", f"0{area[1:]}{local[:1]} {local[1:4]} {local[4:]}",
                                  f"(020) {local}", f"+44 (0)20 {local[:4]} {local[4:]}"]))
        return str(self.pick([f"{area} {local}", f"({area}) {local[:3]} {local[3:]}", f"+44 {area[1:]} {local}",
                              f"{area}-{local}"]))

    def home(self, p: Person) -> dict[str, Any]:
        rng, v = self.rng, self.v

        def make() -> dict[str, Any]:
            town = rng.choice(sorted(v.TOWNS))
            if self.dev:
                districts, lead = v.TOWNS[town]
                island, area, local = "London", "020", lead + digits(rng, 7)
                streets = v.STREETS["London"]
            else:
                island, districts, area = v.TOWNS[town]
                local, streets = rng.choice("2345678") + digits(rng, 5), v.STREETS[island]
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            pc = f"{rng.choice(districts)} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
            number, street, r = rng.randrange(1, 240), rng.choice(streets), rng.random()
            if self.dev:  # London: numbered houses and flats in blocks
                lines = [f"{number} {street}"] if r < 0.55 else \
                    [f"{rng.choice(v.FLATS)}{rng.randrange(1, 90)}, {rng.choice(v.HOUSES)}", street] if r < 0.85 \
                    else [f"{number}{rng.choice('abc')} {street}"]
            else:  # the islands: house names without a number
                lines = [rng.choice(v.HOUSES), street] if r < 0.5 else [f"{number} {street}"] if r < 0.8 else \
                    [f"{rng.choice(v.FLATS)}{rng.randrange(1, 20)}, {rng.choice(v.HOUSES)}"]
            return {"lines": lines, "town": town, "island": island, "pc": pc, "area": area, "local": local,
                    "ks": keysafe(rng), "hosp": f"{rng.randrange(1, 10)}{digits(rng, 6)}",
                    "num": nhs_number(rng) if self.dev else kx.social_number(rng, island),
                    "dob": dt.date(rng.randrange(1938, 2004), rng.randrange(1, 13), rng.randrange(1, 29))}
        return dict(self.known("home", p, make))

    def address(self) -> list[Piece]:
        h = self.home(self.patient)
        out: list[Piece] = []
        for i, line in enumerate(h["lines"]):
            out += [", "] * bool(i) + mine("address", line)
        return [*out, ", ", h["town"]]

    def dob(self) -> str:
        b = self.home(self.patient)["dob"]
        return str(self.pick([f"{b:%d/%m/%Y}", f"{b:%d-%b-%Y}", f"{b:%d/%m/%y}"] if self.dev else
                             [f"{b:%Y-%m-%d}", f"{b.day} {b:%B %Y}", f"{b:%d.%m.%Y}"]))

    def home_email(self, p: Person) -> str:
        g, s, rng = fold(p[0]), fold(p[1].split()[-1]), self.rng
        return str(self.known("hmail", p, lambda: f"{rng.choice([g, g[0]])}{rng.choice(['.', '', '_'])}{s}"
                              f"{rng.choice(['', digits(rng, 2)])}@{rng.choice(self.v.HOME_MAIL)}"))

    def staff_email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1].replace(" ", ""))
        if self.dev:
            return f"{g}.{s}@{self.v.STAFF_DOMAIN}"
        desk = self.known("desk", p, lambda: self.rng.choice(sorted(self.v.STAFF_DOMAIN)))  # the island they work on
        return f"{g[0]}.{s}@{self.v.STAFF_DOMAIN[desk]}"

    def date(self) -> str:
        d = min(dt.date(self.year, self.rng.randrange(1, 13), self.rng.randrange(1, 29)), kx.END)
        return str(self.pick([f"{d:%d/%m/%y}", f"{d.day} {d:%b}"] if self.dev else [f"{d:%d.%m.%Y}", f"{d:%d-%b-%y}"]))

    def fill(self, template: str, case: str = "") -> list[Piece]:
        import sleep_slots

        return fill(template, lambda key: sleep_slots.slot(self, key), case)
