"""People, planted values and template filling of `ambulance_export.py`: a `Scene` turns a template's `{slot}`s
into pieces, personal ones marked for the truth, kept ones marked as reference values.

Decisions (what is personal here): a patient's scene (street address, postcode, what3words, OS grid reference) is
personal, as are staff collar/staff numbers, a private car's registration and an ePR (patient record) number; a
CAD incident number alone is an operational id and is kept, as are fleet numbers, fleet registrations, call
signs, stations, hospitals, organisation phone numbers and shared mailboxes.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import ambulance_text as tx
import ambulance_vocab as vx
from export_common import digits

Piece = str | tuple[str, str, bool]
Person = tuple[str, str]


_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae"})


def fold(text: str) -> str:
    """ASCII letters of a name, as an e-mail address or login writes it ("Małgorzata" -> "malgorzata")."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower())


def reserved_words() -> set[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one, so that a kept
    "Nelson Street" or a note's "home" is never also a planted name."""
    texts: list[str] = [*vx.STORES, *vx.VEHICLE_TYPES, *vx.VERSIONS, *vx.ERRORS, *vx.JOB_TITLES, *vx.TEAMS,
                        *vx.STANDARDS, *(w for m in vx.MODELS for w in m)]
    for table in (tx.CREW, tx.EOC, tx.WORKSHOP, tx.DOWNLOAD, tx.UPDATE, tx.ASSET, tx.ROLES, tx.ED_ROLES,
                  tx.RELATIVES, tx.COLLAR_FORMS, vx.TOWNS, vx.HOSPITALS, vx.STREETS, vx.W3W_WORDS, vx.MAILBOXES):
        for values in table.values():
            texts.extend(values)
    texts.extend([*tx.EMAIL.values(), *(s for v in vx.STATIONS.values() for s, _ in v)])
    return set(re.sub(r"[{}]\w*[{}]|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").split())


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname) from the split's pools and Faker locales; no reserved word, none of `taken`."""
    return draw_people(random.Random(f"ambulance-people-{split}-{seed}"), vx.POOLS[split], vx.LOCALES[split],
                       seed * 53, reserved_words(), n, taken)


def draw_people(rng: random.Random, pools: dict[str, tuple[list[str], list[str]]], locales: dict[str, float],
                faker_seed: int, reserved: set[str], n: int, taken: set[str] | None = None, word_weight: float = 1.2,
                accept: Callable[[str, str], bool] | None = None) -> list[Person]:
    """`n` distinct (given, surname) drawn from hand-made pools (the "word" pool weighted `word_weight`) and Faker
    locales (seeded from `faker_seed`), none with a `reserved` or `taken` word, each one `accept` takes."""
    from faker import Faker

    fakers = {loc: Faker(loc) for loc in locales}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(faker_seed + i)
    choices = [*pools, *fakers]
    weights = [word_weight if origin == "word" else 2.0 for origin in pools] + list(locales.values())
    found: dict[str, Person] = {}
    tries = 0
    while len(found) < n and tries < 100 * n:
        tries += 1
        origin = rng.choices(choices, weights)[0]
        if origin in pools:
            g, s = rng.choice(pools[origin][0]), rng.choice(pools[origin][1])
        else:
            g, s = fakers[origin].first_name(), fakers[origin].last_name()
        words = {w.lower() for w in f"{g} {s}".replace("-", " ").split()}
        if (accept is None or accept(g, s)) and not words & reserved and not (taken and words & taken):
            found.setdefault(f"{g} {s}".lower(), (g, s))
    return list(found.values())


def nhs_number(rng: random.Random) -> str:
    while True:
        d = [rng.randrange(10) for _ in range(9)]
        check = (11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11) % 11
        if check != 10 and d[0] != 0:
            s = "".join(map(str, d)) + str(check)
            return rng.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}", f"{s[:3]} {s[3:]}"])


def mobile(rng: random.Random) -> str:
    a, b = f"7{digits(rng, 3)}", digits(rng, 6)
    return rng.choice([f"0{a} {b}", f"0{a}{b}", f"0{a} {b[:3]} {b[3:]}", f"+44 {a} {b}", f"+44{a}{b}",
                       f"0{a}-{b}", f"(0{a}) {b}"])


def registration(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXYZ"
    pick = lambda n: "".join(rng.choice(letters) for _ in range(n))  # noqa: E731
    return f"{pick(2)}{rng.choice(['15', '65', '17', '67', '19', '69', '21', '71', '23'])} {pick(3)}"


class Scene:
    """Fills templates for one cell; `patient` is the person a job is about (if any), `last` the last staff named."""

    def __init__(self, rng: random.Random, split: str, staff: list[Person], patients: list[Person],
                 relatives: list[Person], collars: dict[Person, str]) -> None:
        self.rng, self.split = rng, split
        self.staff, self.patients, self.relatives, self.collars = staff, patients, relatives, collars
        self.patient: Person | None = None
        self.last: Person = staff[0]
        self.stations = [s for s, _ in vx.STATIONS[split]]

    def name(self, g: str, s: str, patient: bool = False, formal: bool = False) -> list[Piece]:
        """A name as people write it; `formal` for a structured name field: full names in the system's forms."""
        n = lambda v: (v, "name", True)  # noqa: E731
        nick = vx.NICKNAMES.get(g)
        form = self.rng.choice([0, 1, 7, 9, 9, 9]) if formal else self.rng.randrange(12)
        if form == 0:
            return [n(s.upper()), " ", n(g)]
        if form == 1:
            return [n(s), ", ", n(g)]
        if form == 2:
            return [g[0] + " ", n(s)]
        if form == 3:
            return [n(g.lower()), " ", n(s.lower())]
        if form == 4 and nick:
            return [n(nick), " ", n(s)] if self.rng.random() < 0.5 else [n(nick)]
        if form == 5 and not patient:
            return [n(g)]
        if form == 6:
            return [self.rng.choice(["Mrs ", "Mr ", "Ms ", "mrs ", "mr ", "Miss "]), n(s)]
        if form == 7:
            return [n(g.upper()), " ", n(s.upper())]
        if form == 8:
            return [g[0] + ".", n(s.lower())] if not patient else [n(s.lower())]
        return [n(g), " ", n(s)]

    def staff_name(self) -> list[Piece]:
        self.last = self.rng.choice(self.staff)
        return self.name(*self.last)

    def collar(self, person: Person | None = None) -> list[Piece]:
        form = self.rng.choice(tx.COLLAR_FORMS[self.split])
        before, after = form.split("{n}")
        return [before, (self.collars[person or self.last], "staff_id", True), after]

    def crew_c(self) -> list[Piece]:
        pieces = self.staff_name()
        return [*pieces, " ", *self.collar()]

    def role(self) -> list[Piece]:
        return [self.rng.choice(tx.ROLES[self.split]) + " ", *self._who(self.rng.choice(self.staff))]

    def ed(self) -> list[Piece]:
        # hospital staff are people outside the trust: drawn from the same pool as relatives
        return [self.rng.choice(tx.ED_ROLES[self.split]) + " ", *self._who(self.rng.choice(self.relatives))]

    def relative(self) -> list[Piece]:
        g, s = self.rng.choice(self.relatives)
        rel = self.rng.choice(tx.RELATIVES[self.split])
        form = self.rng.randrange(4)
        if form == 0:
            return [rel + " ", self.rng.choice(["Mrs ", "Mr ", "mrs "]), (s, "name", True)]
        if form == 1:
            return [rel + " ", (g, "name", True)]
        if form == 2:
            return [rel + " (", (g.lower(), "name", True), ")"]
        return [rel + " ", (vx.NICKNAMES.get(g, g), "name", True), " ", (s, "name", True)]

    def _who(self, person: Person) -> list[Piece]:
        g, s = person
        return self.rng.choice([[(s, "name", True)], [(s, "name", True)], [(s.lower(), "name", True)],
                                [(g, "name", True)], [(g, "name", True), " ", (s, "name", True)]])

    def initials(self) -> list[Piece]:
        g, s = self.last
        ini = fold(g)[:1] + "".join(fold(p)[:1] for p in s.replace("-", " ").split())
        form = self.rng.choice(["{}", "/{}", "{}.", "-{}"])
        return [(form.format(ini.upper() if self.rng.random() < 0.7 else ini), "initials", True)]

    def email(self, person: Person | None = None) -> list[Piece]:
        g, s = person or self.last
        sep = self.rng.choice([".", ".", ""])
        dom = self.rng.choice([f"{vx.TRUST[self.split]}.nhs.uk", "nhs.net"])
        return [(f"{fold(g)}{sep}{fold(s)}{self.rng.choice(['', '', '1', '2'])}@{dom}", "email", True)]

    def address(self) -> list[Piece]:
        rng = self.rng
        street = f"{rng.randrange(1, 220)} {rng.choice(vx.STREETS[self.split])}"
        if rng.random() < 0.2:
            street = street.replace(" Road", " Rd").replace(" Lane", " Ln").replace(" Street", " St")
        out: list[Piece] = [rng.choice(["", "", "flat 2, ", "Flat 7 ", "apt 3 "]), (street, "address", True)]
        if rng.random() < 0.4:
            pc = f"{rng.choice(vx.POSTCODES[self.split])} {rng.randrange(1, 10)}{rng.choice('ABDEFHJLNPRSTUW')}" \
                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            out.extend([rng.choice([", ", " "]), (pc, "postcode", True)])
        return out

    def dob(self) -> list[Piece]:
        b = dt.date(self.rng.randrange(1926, 2012), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        fmts = ([f"{b:%d/%m/%Y}", f"{b.day}/{b.month}/{b:%y}", f"{b:%d.%m.%Y}", f"{b:%d-%b-%Y}"]
                if self.split == "dev8" else [f"{b:%d/%m/%Y}", f"{b:%d %B %Y}", f"{b:%Y-%m-%d}", f"{b:%d%m%y}"])
        return [(self.rng.choice(fmts), "dob", True)]

    def date(self) -> str:
        d = dt.date(self.rng.randrange(2019, 2026), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        return self.rng.choice([f"{d:%d/%m/%Y}", f"{d:%d/%m/%y}", f"{d:%d %b}"])

    def sent(self) -> str:
        t = dt.datetime(2025, self.rng.randrange(1, 13), self.rng.randrange(1, 29), self.rng.randrange(7, 23),
                        self.rng.randrange(60))
        return f"{t:%d %B %Y %H:%M}" if self.split == "dev8" else f"{t:%a %d/%m/%Y %I:%M %p}"

    def cad(self) -> str:
        rng = self.rng
        if self.split == "dev8":
            return rng.choice([f"{rng.randrange(19, 26)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}-"
                               f"{digits(rng, 4)}", f"CAD{digits(rng, 6)}"])
        return rng.choice([f"INC-{digits(rng, 7)}", f"{digits(rng, 2)}/{digits(rng, 5)}"])

    def callsign(self) -> str:
        rng = self.rng
        if self.split == "dev8":
            return rng.choice([f"{rng.choice(['Delta', 'Echo', 'Kilo', 'Sierra'])} {rng.randrange(1, 60)}",
                               f"{rng.choice(vx.STATIONS['dev8'])[1]}{rng.randrange(1, 40):02d}"])
        return rng.choice([f"{rng.choice('MCPN')}{rng.randrange(100, 900)}", f"RRV{rng.randrange(700, 799)}",
                           f"Tango {rng.randrange(1, 30)}"])

    def slot(self, name: str, fleet: tuple[str, str]) -> list[Piece]:
        rng, split = self.rng, self.split
        ref = lambda kind, value: [(value, kind, False)]  # noqa: E731
        model = rng.choice(vx.MODELS)
        table: dict[str, Any] = {
            "crew": self.staff_name, "eng": lambda: self.name(*self.last), "crew_c": self.crew_c,
            "collar": self.collar, "role": self.role,
            "first": lambda: [(vx.NICKNAMES.get(g, g) if rng.random() < 0.4 else g, "name", True)
                              for g, _ in [self.last]],
            "pat": lambda: self.name(*(self.patient or rng.choice(self.patients)), patient=True),
            "rel": self.relative, "ed": self.ed, "init": self.initials, "addr": self.address,
            "w3w": lambda: [("///" + ".".join(rng.sample(vx.W3W_WORDS[split], 3)), "w3w", True)],
            "grid": lambda: [(rng.choice(["{} {} {}", "{}{}{}", "{} {}{}"]).format(
                rng.choice(vx.GRID_SQUARES[split]), digits(rng, 5), digits(rng, 5)), "grid_ref", True)],
            "dob": self.dob, "nhs": lambda: [(nhs_number(rng), "nhs", True)],
            "epr": lambda: [(digits(rng, 7) if split == "dev8" else f"{digits(rng, 4)}-{digits(rng, 3)}",
                             "epr_ref", True)],
            "mob": lambda: [(mobile(rng), "phone", True)], "email": self.email,
            "preg": lambda: [(registration(rng), "vehicle_reg", True)],
            "hosp": lambda: ref("hospital", rng.choice(vx.HOSPITALS[split])),
            "station": lambda: ref("station", rng.choice(self.stations)),
            "town": lambda: ref("town", rng.choice(vx.TOWNS[split])),
            "callsign": lambda: ref("call_sign", self.callsign()),
            "fleet": lambda: ref("fleet_no", fleet[0]), "reg": lambda: ref("fleet_reg", fleet[1]),
            "model": lambda: ref("model", model[1]), "maker": lambda: ref("maker", model[0]),
            "sw": lambda: ref("version", rng.choice(vx.VERSIONS)), "err": lambda: ref("error_code",
                                                                                       rng.choice(vx.ERRORS)),
            "title": lambda: ref("job_title", rng.choice(vx.JOB_TITLES)),
            "team": lambda: ref("team", rng.choice(vx.TEAMS)),
            "mailbox": lambda: ref("mailbox", rng.choice(vx.MAILBOXES[split])),
            "std": lambda: ref("standard", rng.choice(vx.STANDARDS)), "date": lambda: ref("date", self.date()),
            "cad": lambda: ref("incident_no", self.cad()),
            "orgtel": lambda: ref("org_phone", rng.choice(vx.ORG_PHONES[split])),
            "store": lambda: ref("store", rng.choice(vx.STORES)),
            "sent": lambda: [self.sent()],
        }
        return table[name]()

    def fill(self, template: str, fleet: tuple[str, str], case: str = "",
             nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
        """The template's pieces; `case` "lower"/"upper" renders the whole cell so (planted values too)."""
        nested = nested or {}
        out: list[Piece] = []
        for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
            if i % 2:
                out.extend(nested[part] if part in nested else self.slot(part, fleet))
            elif part:
                out.append(part)
        if case:
            conv = str.lower if case == "lower" else str.upper
            out = [conv(p) if isinstance(p, str) else (conv(p[0]), p[1], p[2]) for p in out]
        return out
