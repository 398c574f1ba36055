"""People, planted values and phrasing fills of `community_export.py`: a `Scene` turns a template's `{slot}`s into
pieces, personal ones marked for the truth; a cell typed on a phone is lowered whole, planted values included."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import community_text as tx
from export_common import digits, fold

Piece = str | tuple[str, str, bool]
Person = tuple[str, str]


def _words(texts: list[str]) -> set[str]:
    return set(re.sub(r"[{}]\w*[{}]|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").split())


def reserved_words() -> set[str]:
    """Words of the kept vocabulary and of every template (both splits): no person may carry one, so that a
    kept "Mary Seacole Ward" or a note's "home" is never also a planted name."""
    refs = [*tx.SITES, *tx.WARDS, *tx.JOB_TITLES, *tx.TEAMS, *tx.WATER_PARTS, *tx.ALARMS, *tx.STANDARDS,
            *(m for m, _, _ in tx.MAKERS), *(x for _, ms, _ in tx.MAKERS for x in ms), *(t for _, _, t in tx.MAKERS)]
    for table in (tx.CARE_HOMES, tx.GP_SURGERIES, tx.TOWNS, tx.STREETS, tx.VISIT, tx.FAULT, tx.THEATRE,
                  tx.HISTORY, tx.ROLES, tx.RELATIVES):
        for values in table.values():
            refs.extend(values)
    refs.extend([*tx.FORWARD.values(), *tx.SIGNATURE.values()])
    return _words(refs)


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname): mostly the split's hand-made pools, a few from its Faker locales; no word
    reserved or in `taken`."""
    from faker import Faker

    rng = random.Random(f"community-people-{split}-{seed}")
    fakers = {loc: Faker(loc) for loc in tx.LOCALES[split]}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed * 41 + i)
    pools = tx.POOLS[split]
    choices = [*pools, *fakers]
    weights = [2.0 if origin != "word" else 1.2 for origin in pools] + list(tx.LOCALES[split].values())
    reserved = reserved_words()
    found: dict[str, Person] = {}
    tries = 0
    while len(found) < n and tries < 100 * n:
        tries += 1
        origin = rng.choices(choices, weights)[0]
        if origin in pools:
            given, sur = pools[origin]
            g, s = rng.choice(given), rng.choice(sur)
        else:
            g, s = fakers[origin].first_name(), fakers[origin].last_name()
        words = {w.lower() for w in f"{g} {s}".replace("-", " ").split()}
        if not words & reserved and not (taken and words & taken):
            found.setdefault(f"{g} {s}".lower(), (g, s))
    return list(found.values())


def nhs_number(rng: random.Random) -> str:
    """A valid NHS number in one of the spacings people type."""
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = (11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11) % 11
        if check != 10 and digits[0] != 0:
            s = "".join(map(str, digits)) + str(check)
            return rng.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]} {s[3:]}", f"{s[:5]} {s[5:]}",
                               f"{s[:3]}.{s[3:6]}.{s[6:]}", f"{s[:3]} {s[3:6]}{s[6:]}", f"{s[:2]} {s[2:6]} {s[6:]}"])


def hospital_number(rng: random.Random, split: str) -> str:
    """This trust's scheme: dev7 "BH" + 6 digits + a check letter; fresh5 a district number "N123456/07"."""
    if split == "dev7":
        v = f"BH{digits(rng, 6)}{rng.choice('ABCDEFGHJK')}"
        return rng.choice([v, v.lower(), f"{v[:2]} {v[2:]}"])
    return rng.choice([f"N{digits(rng, 6)}/{digits(rng, 2)}", f"n{digits(rng, 6)}",
                       f"N {digits(rng, 3)} {digits(rng, 3)}"])


def mobile(rng: random.Random) -> str:
    a, b = f"7{digits(rng, 3)}", digits(rng, 6)
    return rng.choice([f"0{a[:2]} {a[2:]}{b[:1]} {b[1:]}", f"0{a}{b[:1]} {b[1:]}", f"+44{a}{b}", f"(0{a}){b}",
                       f"0 {a} {b[:3]} {b[3:]}", f"0{a}.{b[:3]}.{b[3:]}", f"0{a}  {b}", f"+44 (0){a}-{b}"])


def landline(rng: random.Random) -> str:
    area = rng.choice(["116", "1509", "1664", "1530", "1455", "1476", "1636"])
    rest = digits(rng, 10 - len(area))
    return rng.choice([f"0{area} {rest}", f"(0{area}){rest}", f"0{area}-{rest[:3]}-{rest[3:]}",
                       f"+44 {area} {rest}", f"0{area} {rest[:3]} {rest[3:]}", f"0{area}{rest}"])


class Scene:
    """Fills phrasing templates for one cell: each `{slot}` becomes pieces, personal ones marked."""

    def __init__(self, rng: random.Random, split: str, staff: list[Person], patients: list[Person],
                 relatives: list[Person]) -> None:
        self.rng, self.split = rng, split
        self.staff, self.patients, self.relatives = staff, patients, relatives
        self.latin = [p for p in staff if fold(p[0]) and fold(p[1])]
        self.patient: Person | None = None  # set while a row is about one patient

    def name(self, g: str, s: str, patient: bool = False) -> list[Piece]:
        rng = self.rng
        n = lambda v: (v, "name", True)  # noqa: E731
        nick = tx.NICKNAMES.get(g)
        form = rng.randrange(11)
        if form == 0:
            return [n(s.upper()), " ", n(g)]
        if form == 1:
            return [n(s), ", ", n(g)]
        if form == 2:
            return [g[0] + " ", n(s)]
        if form == 3:
            return [n(g.lower()), " ", n(s.lower())]
        if form == 4 and nick:
            return [n(nick), " ", n(s)] if rng.random() < 0.5 else [n(nick)]
        if form == 5 and not patient:
            return [n(g)]
        if form == 6:
            return [rng.choice(["Mrs ", "Mr ", "Ms ", "mrs ", "mr "]), n(s)]
        if form == 7:
            return [g[0] + ". ", n(s.upper())]
        return [n(g), " ", n(s)]

    def role(self) -> list[Piece]:
        """A role and a name, as colleagues write them: "sister Asante", "the reg dr nwosu", "dn Efua"."""
        g, s = self.rng.choice(self.staff)
        role = self.rng.choice(tx.ROLES[self.split])
        who = self.rng.choice([s, s, s.lower(), g])
        return [role + " ", (who, "name", True)]

    def relative(self) -> list[Piece]:
        g, s = self.rng.choice(self.relatives)
        rel = self.rng.choice(tx.RELATIVES[self.split])
        form = self.rng.randrange(4)
        if form == 0:
            return [rel + " ", self.rng.choice(["Mrs ", "Mr ", "mrs "]), (s, "name", True)]
        if form == 1:
            return [rel + " ", (g, "name", True)]
        if form == 2:
            return [rel + " ", (tx.NICKNAMES.get(g, g), "name", True), " ", (s, "name", True)]
        return [rel + " (", (g.lower(), "name", True), ")"]

    def email(self, staff: bool = False, person: Person | None = None) -> list[Piece]:
        g, s = person or self.rng.choice(self.latin if staff else self.relatives + self.patients)
        fg, fs = fold(g), fold(s)
        if staff:
            local, dom = f"{fg}.{fs}{self.rng.choice(['', '', '2', '1'])}", "nhs.net"
        else:
            local = self.rng.choice([f"{fg}{fs[:1]}{self.rng.randrange(50, 99)}", f"{fs}.{fg}", f"{fg}_{fs}"])
            dom = self.rng.choice(["yahoo.co.uk", "aol.com", "sky.com", "icloud.com", "live.co.uk", "virginmedia.com"])
        return [(f"{local}@{dom}", "email", True)]

    def address(self) -> list[Piece]:
        rng = self.rng
        street = f"{rng.randrange(1, 160)} {rng.choice(tx.STREETS[self.split])}"
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        pc = f"{rng.choice(tx.POSTCODES[self.split])} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
        flat = rng.choice(["", "", "", "flat 3 ", "Flat 12, ", "Apt 4 ", "Flat B "])
        town = rng.choice(tx.TOWNS[self.split])
        return [flat, (street, "address", True), rng.choice([", ", " "]) + town + rng.choice([" ", ", "]),
                (pc, "postcode", True)]

    def dob(self) -> list[Piece]:
        born = dt.date(self.rng.randrange(1931, 2008), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        text = self.rng.choice([f"{born:%d/%m/%Y}", f"{born.day}.{born.month}.{born:%y}", f"{born:%d%m%Y}",
                                f"{born.day}/{born.month}/{born.year}", f"{born:%d %b %Y}", f"{born:%Y-%m-%d}",
                                f"{born.day}-{born.month}-{born:%y}"])
        return [(text, "dob", True)]

    def sender(self) -> dict[str, list[Piece]]:
        """A member of staff's name and their own nhs.net address, for a forwarded e-mail's header."""
        person = self.rng.choice(self.latin)
        return {"staff": self.name(*person), "email": self.email(staff=True, person=person)}

    def sent(self) -> str:
        when = dt.datetime(2025, self.rng.randrange(1, 13), self.rng.randrange(1, 29), self.rng.randrange(7, 20),
                           self.rng.randrange(60))
        return f"{when:%A, %d %B %Y %H:%M}" if self.split == "dev7" else f"{when:%d/%m/%Y %H:%M}"

    def slot(self, name: str) -> list[Piece]:
        rng = self.rng
        ref = lambda kind, value: [(value, kind, False)]  # noqa: E731
        maker = rng.choice(tx.MAKERS)
        table: dict[str, Any] = {
            "staff": lambda: self.name(*rng.choice(self.staff)),
            "pat": lambda: self.name(*(self.patient or rng.choice(self.patients)), patient=True),
            "first": lambda: [(tx.NICKNAMES.get(g, g) if rng.random() < 0.3 else g, "name", True)
                              for g, _ in [rng.choice(self.staff)]],
            "role": self.role, "rel": self.relative, "addr": self.address, "dob": self.dob,
            "email": lambda: self.email(staff=True),
            "pemail": self.email,
            "nhs": lambda: [(nhs_number(rng), "nhs", True)],
            "hosp": lambda: [(hospital_number(rng, self.split), "hospital_number", True)],
            "mob": lambda: [(mobile(rng), "phone", True)],
            "tel": lambda: [(landline(rng) if rng.random() < 0.6 else mobile(rng), "phone", True)],
            "care_home": lambda: ref("care_home", rng.choice(tx.CARE_HOMES[self.split])),
            "gp": lambda: ref("gp_surgery", rng.choice(tx.GP_SURGERIES[self.split])),
            "ward": lambda: ref("ward", rng.choice(tx.WARDS)),
            "site": lambda: ref("site", rng.choice(tx.SITES)),
            "town": lambda: ref("town", rng.choice(tx.TOWNS[self.split])),
            "model": lambda: [(maker[0], "maker", False), " ", (rng.choice(maker[1]), "model", False)]
            if rng.random() < 0.5 else ref("model", rng.choice(maker[1])),
            "part": lambda: ref("water_part", rng.choice(tx.WATER_PARTS)),
            "alarm": lambda: ref("alarm_code", rng.choice(tx.ALARMS)),
            "sw": lambda: ref("version", rng.choice(tx.VERSIONS)),
            "version": lambda: ref("version", rng.choice(tx.VERSIONS)),
            "room": lambda: ref("room", rng.choice([f"bay {rng.randrange(1, 9)}", f"room {rng.randrange(1, 40)}",
                                                    f"Rm {rng.randrange(1, 3)}.{digits(rng, 2)}",
                                                    f"side room {digits(rng, 1)}"])),
            "bleep": lambda: ref("bleep", str(rng.randrange(2100, 2999))),
            "ext": lambda: ref("extension", str(rng.randrange(3000, 3999))),
            "title": lambda: ref("job_title", rng.choice(tx.JOB_TITLES)),
            "team": lambda: ref("team", rng.choice(tx.TEAMS)),
            "mailbox": lambda: ref("mailbox", rng.choice(tx.MAILBOXES)),
            "std": lambda: ref("standard", rng.choice(tx.STANDARDS)),
            "date": lambda: ref("date", f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/2025"),
            "sent": lambda: [self.sent()],
        }
        return table[name]()

    def fill(self, template: str, lower: bool = False, nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
        """The template's pieces; `nested` gives some slots ready-made pieces (a forwarded message's body)."""
        nested = nested or {}
        out: list[Piece] = []
        for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
            if i % 2:
                out.extend(nested[part] if part in nested else self.slot(part))
            elif part:
                out.append(part)
        return lowered(out) if lower else out


def lowered(pieces: list[Piece]) -> list[Piece]:
    return [p.lower() if isinstance(p, str) else (p[0].lower(), p[1], p[2]) for p in pieces]
