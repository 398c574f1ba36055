"""People, planted values and template filling of `theatres_export.py`: a `Scene` turns a template's `{slot}`s
into pieces, personal ones marked for the truth, kept ones marked as reference values.

Decisions (what is personal here): patients' names, hospital numbers, NHS numbers and dates of birth; staff
names, initials, staff/ESR numbers, mobiles and personal e-mail addresses. Kept: theatres, hospitals,
instruments and procedures named after people, incident (Datix/IR1) references, tray and cycle numbers, bleeps
and extensions, shared mailboxes.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import theatres_text as tx
import theatres_vocab as vx
from ambulance_scene import digits, draw_people, fold, mobile, nhs_number
from export_common import Piece, fill

Person = tuple[str, str]


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def reserved_words() -> set[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one."""
    texts: list[str] = [*vx.VERSIONS, *vx.ERRORS, *vx.PARTS, *vx.JOB_TITLES, *vx.TEAMS, *vx.STANDARDS,
                        *(w for m in vx.MODELS + vx.SCOPES for w in m)]
    for table in (tx.FAULT, tx.CAPS, tx.HSDU, tx.WORK, tx.UPDATES, tx.ASSET, tx.TRACKED, tx.SURGEON_TITLES,
                  tx.ANAES_TITLES, tx.NURSE_TITLES, tx.LIST_FORMS, tx.STAFFNO_FORMS, vx.HOSPITALS, vx.INSTRUMENTS,
                  vx.PROCEDURES, vx.MAILBOXES, vx.WASHERS):
        for values in table.values():
            texts.extend(values)
    texts.extend([*tx.EMAIL.values(), *(t for v in vx.THEATRES.values() for pair in v for t in pair)])
    return set(re.sub(r"[{}]\w*[{}]|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").split())


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname), ISO-8859-1 encodable, from the split's pools and Faker locales."""
    return draw_people(random.Random(f"theatres-people-{split}-{seed}"), vx.POOLS[split], vx.LOCALES[split],
                       seed * 71, reserved_words(), n, taken, word_weight=1.0, accept=lambda g, s: _latin1(g + s))


class Scene:
    """Fills templates for one cell; `patient` is the person a job is about (if any), `last` the last staff named."""

    def __init__(self, rng: random.Random, split: str, staff: list[Person], patients: list[Person],
                 staff_numbers: dict[Person, str]) -> None:
        self.rng, self.split = rng, split
        self.staff, self.patients, self.numbers = staff, patients, staff_numbers
        self.surgeons, self.anaesthetists, self.nurses = staff[:12], staff[12:22], staff[22:]
        self.patient: Person | None = None
        self.last: Person = staff[0]

    def name(self, g: str, s: str, patient: bool = False, formal: bool = False) -> list[Piece]:
        """A name as people write it; `formal` for a structured field (the system's own forms)."""
        n = lambda v: (v, "name", True)  # noqa: E731
        nick = vx.NICKNAMES.get(g)
        form = self.rng.choice([0, 1, 1, 7, 9, 9]) if formal else self.rng.randrange(12)
        if form == 0:
            return [n(s.upper()), ", ", n(g)]
        if form == 1:
            return [n(s), ", ", n(g)]
        if form == 2:
            return [g[0] + ". ", n(s)]
        if form == 3:
            return [n(g.lower()), " ", n(s.lower())]
        if form == 4 and nick:
            return [n(nick), " ", n(s)] if self.rng.random() < 0.5 else [n(nick)]
        if form == 5 and not patient:
            return [n(g)]
        if form == 6:
            return [self.rng.choice(["Mrs ", "Mr ", "Ms ", "mrs ", "Miss "]), n(s)]
        if form == 7:
            return [n(g.upper()), " ", n(s.upper())]
        if form == 8 and not patient:
            return [n(s), " ", g[0]]
        return [n(g), " ", n(s)]

    def pick(self, group: list[Person]) -> Person:
        self.last = self.rng.choice(group)
        return self.last

    def _titled(self, titles: dict[str, list[str]], group: list[Person]) -> list[Piece]:
        g, s = self.pick(group)
        title = self.rng.choice(titles[self.split])
        if self.rng.random() < 0.25:
            return [title + " ", (g, "name", True), " ", (s, "name", True)]
        return [title + " ", (s.lower() if title.islower() else s, "name", True)]

    def surgeons_list(self) -> list[Piece]:
        s = self.pick(self.surgeons)[1]
        form = self.rng.choice(tx.LIST_FORMS[self.split])
        title = self.rng.choice(tx.SURGEON_TITLES[self.split])
        day = self.rng.choice(["Monday", "Tues", "Weds PM", "Friday am"])
        text = form.replace("{t}", title).replace("{day}", day)
        if title.islower() or self.rng.random() < 0.15:
            text, s = text.lower(), s.lower()
        before, after = text.split("{s}")
        if after.startswith("s "):  # "mr macaraegs list": the name as written, its possessive's s glued on
            return [before, (s + "s", "name", True), after[1:]]
        return [before, (s, "name", True), after]

    def odp(self) -> list[Piece]:
        pieces = self.name(*self.pick(self.nurses))
        return [*pieces, self.rng.choice([" (ODP)", " ODP", ""])]

    def initials(self) -> list[Piece]:
        g, s = self.last
        ini = fold(g)[:1] + "".join(fold(p)[:1] for p in s.replace("-", " ").split() if p[:1].isupper() or
                                     len(s.split()) == 1)
        form = self.rng.choice(["{}", "/{}", "{}.", "({})"])
        return [(form.format(ini.upper() if self.rng.random() < 0.8 else ini), "initials", True)]

    def staff_number(self) -> list[Piece]:
        form = self.rng.choice(tx.STAFFNO_FORMS[self.split])
        before, after = form.split("{n}")
        return [before, (self.numbers[self.last], "staff_id", True), after]

    def email(self, person: Person | None = None) -> list[Piece]:
        g, s = person or self.last
        sep = self.rng.choice([".", ".", "_"])
        dom = self.rng.choice([f"{vx.TRUST[self.split]}.nhs.uk", "nhs.net"])
        local = f"{fold(g)}{sep}{fold(s)}" if self.rng.random() < 0.8 else f"{fold(g)[:1]}{fold(s)}"
        return [(f"{local}{self.rng.choice(['', '', '1', '3'])}@{dom}", "email", True)]

    def mrn(self) -> str:
        rng = self.rng
        if self.split == "dev9":
            return rng.choice([f"M{digits(rng, 7)}", f"M{digits(rng, 7)}", f"{rng.randrange(1, 10)}{digits(rng, 6)}"])
        return rng.choice([f"K{digits(rng, 6)}", f"{digits(rng, 6)}-{rng.randrange(10)}", f"K{digits(rng, 6)}"])

    def dob(self) -> list[Piece]:
        b = dt.date(self.rng.randrange(1930, 2020), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        fmts = ([f"{b:%d.%m.%Y}", f"{b:%d/%m/%Y}", f"{b:%d.%m.%y}", f"{b.day}.{b.month}.{b.year}"]
                if self.split == "dev9" else [f"{b:%d.%m.%Y}", f"{b:%d-%m-%Y}", f"{b:%d %b %Y}", f"{b:%d/%m/%y}"])
        return [(self.rng.choice(fmts), "dob", True)]

    def date(self) -> str:
        d = dt.date(self.rng.randrange(2019, 2026), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        return self.rng.choice([f"{d:%d.%m.%Y}", f"{d:%d.%m.%y}", f"{d:%d/%m}"])

    def sent(self) -> str:
        t = dt.datetime(2025, self.rng.randrange(1, 13), self.rng.randrange(1, 29), self.rng.randrange(7, 20),
                        self.rng.randrange(60))
        return f"{t:%d %B %Y %H:%M}" if self.split == "dev9" else f"{t:%d/%m/%Y %H:%M}"

    def datix(self) -> str:
        rng = self.rng
        if self.split == "dev9":
            return rng.choice([f"W{digits(rng, 6)}", f"DW{digits(rng, 5)}",
                               f"{rng.randrange(2019, 2026)}/{digits(rng, 4)}"])
        return rng.choice([f"IR{digits(rng, 5)}", f"INC-{digits(rng, 6)}", f"{digits(rng, 6)}"])

    def tray(self) -> str:
        rng = self.rng
        if self.split == "dev9":
            return rng.choice([f"MAJ-ORTH-{rng.randrange(1, 40):03d}", f"GEN LAP {rng.randrange(1, 20)}",
                               f"scope {digits(rng, 7)}"])
        return rng.choice([f"SET/{rng.choice(['PLS', 'VASC', 'GYN'])}/{rng.randrange(1, 99):02d}",
                           f"S-{digits(rng, 5)}", f"tray {rng.randrange(100, 400)}"])

    def slot(self, name: str) -> list[Piece]:
        rng, split = self.rng, self.split
        ref = lambda kind, value: [(value, kind, False)]  # noqa: E731
        model = rng.choice(vx.MODELS)
        theatre = rng.choice(vx.THEATRES[split])[0]
        table: dict[str, Any] = {
            "staff": lambda: self.name(*self.pick(self.staff)),
            "surg": lambda: self._titled(tx.SURGEON_TITLES, self.surgeons), "list": self.surgeons_list,
            "anaes": lambda: self._titled(tx.ANAES_TITLES, self.anaesthetists),
            "sr": lambda: self._titled(tx.NURSE_TITLES, self.nurses), "odp": self.odp,
            "eng": lambda: self.name(*self.last), "init": self.initials, "staffno": self.staff_number,
            "first": lambda: [(vx.NICKNAMES.get(g, g) if rng.random() < 0.4 else g, "name", True)
                              for g, _ in [self.last]],
            "pat": lambda: self.name(*(self.patient or rng.choice(self.patients)), patient=True),
            "mrn": lambda: [(self.mrn(), "hospital_number", True)], "nhs": lambda: [(nhs_number(rng), "nhs", True)],
            "dob": self.dob, "mob": lambda: [(mobile(rng), "phone", True)], "email": self.email,
            "theatre": lambda: ref("theatre", theatre),
            "hosp": lambda: ref("hospital", rng.choice(vx.HOSPITALS[split])),
            "instr": lambda: ref("instrument", rng.choice(vx.INSTRUMENTS[split])),
            "proc": lambda: ref("procedure", rng.choice(vx.PROCEDURES[split])),
            "model": lambda: ref("model", model[1]), "maker": lambda: ref("maker", model[0]),
            "sw": lambda: ref("version", rng.choice(vx.VERSIONS)), "err": lambda: ref("error_code",
                                                                                       rng.choice(vx.ERRORS)),
            "part": lambda: ref("part", rng.choice(vx.PARTS)), "title": lambda: ref("job_title",
                                                                                     rng.choice(vx.JOB_TITLES)),
            "team": lambda: ref("team", rng.choice(vx.TEAMS)), "std": lambda: ref("standard", rng.choice(vx.STANDARDS)),
            "datix": lambda: ref("incident_no", self.datix()), "bleep": lambda: ref("bleep", digits(rng, 4)),
            "ext": lambda: ref("extension", digits(rng, rng.choice([4, 5]))),
            "mailbox": lambda: ref("mailbox", rng.choice(vx.MAILBOXES[split])),
            "cycle": lambda: ref("cycle_no", digits(rng, 5)), "tray": lambda: ref("tray", self.tray()),
            "washer": lambda: ref("washer", rng.choice(vx.WASHERS[split])), "date": lambda: ref("date", self.date()),
            "sent": lambda: [self.sent()],
        }
        return table[name]()

    def fill(self, template: str, case: str = "", nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
        return fill(template, self.slot, case, nested)
