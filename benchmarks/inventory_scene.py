"""People, planted values and phrasing fills of `inventory_export.py`: a `Scene` turns a template's `{slot}`s into
pieces, personal ones marked for the truth."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import inventory_text as tx
from export_common import digits, fold

Piece = str | tuple[str, str, bool]


def reserved_words() -> set[str]:
    """Words of the kept vocabulary: a person must not share one (a patient 'Lister' would make 'Lister Ward'
    both personal and kept)."""
    words = [*tx.SITES, *tx.WARDS, *tx.TOWNS, *tx.SUPPLIERS, *tx.JOB_TITLES, *tx.TEAMS, *tx.DEVICE_TERMS,
             *tx.DEPTS, *tx.BUILDINGS, *(m for m, _, _ in tx.MAKERS), *(x for _, ms, _ in tx.MAKERS for x in ms)]
    return set(" ".join(words).lower().replace("-", " ").split())


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[tuple[str, str]]:
    """`n` distinct (given, surname) from the split's locales and hand-made pool; no word of `taken`'s."""
    from faker import Faker

    rng = random.Random(f"inventory-people-{split}-{seed}")
    fakers = {loc: Faker(loc) for loc in tx.LOCALES[split]}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed * 37 + i)
    given, sur = tx.POOLS[split]
    reserved = reserved_words()
    choices, weights = [*tx.LOCALES[split], "pool"], [*tx.LOCALES[split].values(), 3.0]
    found: dict[str, tuple[str, str]] = {}
    while len(found) < n:
        loc = rng.choices(choices, weights)[0]
        g, s = (rng.choice(given), rng.choice(sur)) if loc == "pool" else \
            (fakers[loc].first_name(), fakers[loc].last_name())
        words = {w.lower() for w in f"{g} {s}".replace("-", " ").split()}
        if len(g) > 2 and len(s) > 2 and not words & reserved and not (taken and words & taken):
            found.setdefault(f"{g} {s}".lower(), (g, s))
    return list(found.values())


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 11:
            check = 0
        if check != 10 and digits[0] != 0:
            s = "".join(map(str, digits)) + str(check)
            return rng.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}",
                               f"{s[:3]}  {s[3:6]} {s[6:]}"])


def mobile(rng: random.Random) -> str:
    a, b = f"7{digits(rng, 3)}", digits(rng, 6)
    return rng.choice([f"0{a} {b}", f"0{a}-{b[:3]}-{b[3:]}", f"+44 {a} {b}", f"+44 (0) {a} {b[:3]} {b[3:]}",
                       f"0{a}{b}", f"0044 {a} {b}", f"0{a} {b[:3]} {b[3:]}"])


def landline(rng: random.Random) -> str:
    area = rng.choice(["161", "1422", "113", "1274", "20", "1942", "1524"])
    rest = digits(rng, 10 - len(area))
    return rng.choice([f"(0{area}) {rest[:3]} {rest[3:]}", f"0{area} {rest}", f"+44 {area} {rest}",
                       f"0{area}-{rest}", f"+44 (0){area} {rest[:3]} {rest[3:]}"])


class Scene:
    """Fills phrasing templates for one cell: each `{slot}` becomes pieces, personal ones marked."""

    def __init__(self, rng: random.Random, split: str, staff: list[tuple[str, str]],
                 patients: list[tuple[str, str]]) -> None:
        self.rng, self.split, self.staff, self.patients = rng, split, staff, patients
        self.latin = [p for p in staff if fold(p[0]) and fold(p[1]) and (p[0] + p[1]).isascii()]
        self.patient: tuple[str, str] | None = None  # set while a form is about one patient
        self._dob: tuple[list[Piece], int] | None = None  # one date of birth per cell, its age beside it

    def name(self, g: str, s: str, patient: bool = False) -> list[Piece]:
        rng = self.rng
        n = lambda v: (v, "name", True)  # noqa: E731
        form = rng.randrange(12)
        if form == 0:
            return [n(s.upper()), ", ", n(g)]
        if form == 1:
            return [n(s), ", ", g[0] + "."]
        if form == 2:
            return [rng.choice(tx.TITLES) + " ", n(s)]
        if form == 3:
            return [n(g.lower()), " ", n(s.lower())]
        if form == 4:
            return [g[0] + ". ", n(s)]
        if form == 5 and g in tx.NICKNAMES:
            return [n(tx.NICKNAMES[g]), " ", n(s)]
        if form == 6:
            return [n(f"{g} {s}".upper())]
        if form == 7 and not patient:
            return [n(g)]
        if form == 8:
            return [rng.choice(tx.TITLES) + " ", n(g), " ", n(s)]
        if form == 9:
            return [n(s.upper()), " ", n(g)]
        return [n(g), " ", n(s)]

    def login(self) -> list[Piece]:
        g, s = self.rng.choice(self.latin)
        fg, fs = fold(g), fold(s)
        value = self.rng.choice([fg[0] + fs, f"{fg}.{fs}", (fs[:6] + fg[0]).upper(), f"{fg[0]}.{fs}@trust"])
        return [(value, "login", True)]

    def email(self) -> list[Piece]:
        g, s = self.rng.choice(self.latin)
        fg, fs = fold(g), fold(s)
        local = self.rng.choice([f"{fg}.{fs}", f"{fg}{fs}{self.rng.randrange(60, 99)}", f"{fg[0]}{fs}"])
        dom = self.rng.choice(["gmail.com", "hotmail.co.uk", "yahoo.com", "nhs.net", "outlook.com", "btinternet.com"])
        return [(f"{local}@{dom}", "email", True)]

    def address(self) -> list[Piece]:
        rng = self.rng
        street = f"{rng.randrange(1, 140)} {rng.choice(tx.STREETS[self.split])}"
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        pc = f"{rng.choice(tx.POSTCODE_AREAS)}{rng.randrange(1, 20)} {rng.randrange(1, 10)}{rng.choice(letters)}" \
             f"{rng.choice(letters)}"
        flat = rng.choice(["", "", "Flat 2, ", "flat 7 "])
        return [flat, (street, "address", True), ", " + rng.choice(tx.TOWNS) + ", ", (pc, "postcode", True)]

    def dob(self) -> tuple[list[Piece], int]:
        rng = self.rng
        born = dt.date(rng.randrange(1930, 2015), rng.randrange(1, 13), rng.randrange(1, 29))
        text = rng.choice([f"{born:%d/%m/%Y}", f"{born.day}/{born.month}/{born:%y}", f"{born:%d.%m.%Y}",
                           f"{born:%Y-%m-%d}", f"{born.day} {born:%b %Y}", f"{born:%d-%b-%Y}".upper(),
                           f"{born.day} {born:%B %Y}"])
        return [(text, "dob", True)], 2024 - born.year

    def ref(self, kind: str, value: str) -> list[Piece]:
        return [(value, kind, False)]

    def slot(self, name: str) -> list[Piece]:
        rng = self.rng
        if name == "staff":
            return self.name(*rng.choice(self.staff))
        if name == "pat":
            return self.name(*(self.patient or rng.choice(self.patients)), patient=True)
        if name in ("dob", "age"):
            self._dob = self._dob or self.dob()
            pieces, age = self._dob
            return pieces if name == "dob" else [str(age)]
        simple: dict[str, Any] = {
            "nhs": lambda: [(nhs_number(rng), "nhs", True)],
            "mrn": lambda: [(rng.choice([f"RHX{digits(rng, 7)}",
                                         f"{digits(rng, 2)}-{digits(rng, 3)}-{digits(rng, 3)}"]),
                             "hospital_number", True)],
            "phone": lambda: [(landline(rng) if rng.random() < 0.4 else mobile(rng), "phone", True)],
            "mobile": lambda: [(mobile(rng), "phone", True)],
            "addr": self.address, "email": self.email, "login": self.login,
            "initials": lambda: [("".join(w[0] for w in rng.choice(self.latin)).upper(), "initials", True)],
            "reg": lambda: [(f"{rng.choice(['LK', 'YD', 'MA', 'BD', 'PN'])}{rng.choice([51, 62, 68, 71, 15, 19, 23])} "
                             f"{''.join(rng.choice('ABCDEFGHJKLMNPRSTVWXY') for _ in range(3))}", "vehicle_reg", True)],
            "badge": lambda: [(rng.choice([f"B{digits(rng, 6)}", f"2{digits(rng, 7)}"]), "staff_id", True)],
            "ward": lambda: self.ref("ward", rng.choice(tx.WARDS)),
            "site": lambda: self.ref("site", rng.choice(tx.SITES)),
            "town": lambda: self.ref("town", rng.choice(tx.TOWNS)),
            "term": lambda: self.ref("device_term", rng.choice(tx.DEVICE_TERMS)),
            "maker": lambda: self.ref("maker", rng.choice(tx.MAKERS)[0]),
            "part": lambda: self.ref("part_number", rng.choice([
                f"PN {digits(rng, 4)}-{digits(rng, 2)}-{digits(rng, 4)}", f"MX-{digits(rng, 4)}-B",
                f"{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 2)}"])),
            "err": lambda: self.ref("error_code", rng.choice([f"E-{digits(rng, 3)}", f"Err {digits(rng, 2)}",
                                                              f"AL{digits(rng, 3)}"])),
            "fw": lambda: self.ref("version", rng.choice([
                f"v{rng.randrange(1, 9)}.{rng.randrange(20)}.{rng.randrange(9)}",
                f"{rng.randrange(1, 6)}.{digits(rng, 2)}b"])),
            "tag": lambda: self.ref("asset_tag", f"EQ{digits(rng, 6)}"),
            "room": lambda: self.ref("room", rng.choice([
                f"Room G.{digits(rng, 2)}", f"Rm {rng.randrange(1, 4)}.{digits(rng, 2)}",
                f"Bay {rng.randrange(1, 9)}"])),
            "bleep": lambda: self.ref("bleep", str(rng.randrange(1000, 1999))),
            "ext": lambda: self.ref("extension", str(rng.randrange(4000, 6999))),
            "pat_id": lambda: self.ref("pat_test_id", f"PAT-{rng.randrange(19, 25)}-{digits(rng, 5)}"),
            "mailbox": lambda: self.ref("mailbox", rng.choice(tx.MAILBOXES)),
            "std": lambda: self.ref("standard", rng.choice(tx.STANDARDS)),
            "title": lambda: self.ref("job_title", rng.choice(tx.JOB_TITLES)),
            "team": lambda: self.ref("team", rng.choice(tx.TEAMS)),
            "date": lambda: self.ref("date", rng.choice([f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/2024",
                                                         f"2025-0{rng.randrange(1, 10)}-1{rng.randrange(10)}"])),
            "datix": lambda: self.ref("incident_ref", f"W{digits(rng, 6)}"),
            "fsr": lambda: self.ref("service_report", f"SR{digits(rng, 7)}"),
            "cert": lambda: self.ref("decon_cert", f"DC/{digits(rng, 4)}"),
        }
        return simple[name]()

    def fill(self, template: str) -> list[Piece]:
        out: list[Piece] = []
        self._dob = None
        for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
            if i % 2:
                out.extend(self.slot(part))
            elif part:
                out.append(part)
        return out


def _when(rng: random.Random, y0: int, y1: int) -> dt.datetime:
    return dt.datetime(rng.randrange(y0, y1), rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(7, 19),
                       rng.randrange(60))


def _date_cell(rng: random.Random, day: dt.datetime, free: float = 0.0) -> Any:
    """A date as a typed cell, or typed in one of several ways, or now and then a note or a placeholder."""
    r = rng.random()
    if r < free:
        later = day + dt.timedelta(days=rng.randrange(5, 40))
        return rng.choice([f"{day:%d/%m/%Y} (invoiced) {later:%d/%m/%Y} (installed)", "unknown", "-",
                           f"approx {day:%Y}", f"see PO, {day:%b %Y}"])
    r = rng.random()
    if r < 0.5:
        return day.replace(hour=0, minute=0)
    if r < 0.75:
        return f"{day:%d/%m/%Y}"
    return f"{day:%Y-%m-%d}" if r < 0.9 else f"{day.day} {day:%b %Y}"


def _cost(rng: random.Random) -> str:
    v = rng.randrange(150, 60000) + rng.choice([0, 0.5, 0.99])
    return rng.choice([f"£{v:,.2f}", f"{v:.2f}", f"£ {v:,.0f}", f"GBP {v:.2f}", "POA", "Donated", "NA"])
