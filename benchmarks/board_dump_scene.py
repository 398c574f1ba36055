"""People, planted values and template filling of `board_dump_export.py`: a `Scene` turns a template's `{slot}`s
into pieces, personal ones marked for the truth, kept ones marked as reference values.

Decisions (what is personal here): patients' names, CHI numbers (the patient's date of birth and four digits, so a
CHI also spells the date of birth), the board's hospital (unit) numbers, dates of birth, home addresses, postcodes,
landlines and e-mail addresses; staff's and contractors' names, nicknames and misspellings, initials, logins, staff
numbers, mobiles and e-mail addresses (a maker's domain does not make an engineer's address impersonal). Kept:
hospitals, buildings, wards and rooms named after people, eponymous devices, makers, models, parts, serials, asset
tags, job titles, towns, dates, bleeps, extensions, shared mailboxes, service desks, Datix and work-order numbers.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import board_dump_text as tx
import board_dump_vocab as vx
from board_dump_people import Person, chi_number, digits, female, fold, reserved_words
from export_common import Memo, Piece, fill


class Scene(Memo):
    """Fills templates for one cell. `patient` and `other` are the patients a record is about, `last` the last person
    named; the asset's `maker`, `model`, `ward` and `tag` fill the slots of the same name half of the time."""

    def __init__(self, rng: random.Random, split: str, staff: list[Person], reps: list[Person],
                 patients: list[Person], relatives: list[Person]) -> None:
        self.rng, self.split = rng, split
        self.staff, self.reps, self.patients, self.relatives = staff, reps, patients, relatives
        self.nurses, self.techs, self.physicists = staff[:40], staff[40:54], staff[54:60]
        self.patient, self.other, self.last = patients[0], patients[1], staff[0]
        self.maker, self.model, self.ward, self.tag = vx.MODELS[0][0], vx.MODELS[0][1], "", ""
        self.tags: list[str] = []
        self._known = {}
        self.avoid = reserved_words() | {"pt", "dn", "cn", "sn", "ok", "dr", "mr", "ms", "hr", "ex", "pm", "am",
                                         "no", "iv", "go", "on", "up", "wi", "nff", "ber", "ppm", "hca", "ecg"}

    # --- people ---------------------------------------------------------------------------------------------
    def name(self, g: str, s: str, patient: bool = False) -> list[Piece]:
        rng = self.rng
        n = lambda v: (v, "name", True)  # noqa: E731
        if patient:
            title = rng.choice(["Mrs", "Miss", "Ms"]) if female(g) else "Mr"
            form = rng.randrange(8)
            return [[title + " ", n(g), " ", n(s)], [n(s.upper()), ", ", n(g)], [n(s.lower()), " ", n(g.lower())],
                    [n(g), " ", n(s.upper())], [f"{title} {g[0]}. ", n(s)], [n(g.lower()), " ", n(s.lower())],
                    [n(s), ", " + g[0]], [n(g.upper()), " ", n(s.upper())]][form]
        form = rng.randrange(11)
        if form == 0 and (g in vx.NICKNAMES or g in vx.TYPOS or s in vx.TYPOS):
            return [n(vx.NICKNAMES.get(g, vx.TYPOS.get(g, g))), " ", n(vx.TYPOS.get(s, s))]
        return [[n(g), " ", n(s)], [n(g.lower())], [n(g)], [g[0] + ". ", n(s)], [g[0] + " ", n(s)],
                [n(g.lower()), " ", n(s.lower())], [n(g.upper()), " ", n(s.upper())], [n(g), " " + s[0]],
                [n(s.upper()), " ", n(g)], [n(vx.NICKNAMES.get(g, g))], [n(g), " ", n(s)]][form]

    def pick(self, group: list[Person]) -> Person:
        self.last = self.rng.choice(group)
        return self.last

    def role(self) -> list[Piece]:
        g, s = self.pick(self.nurses)
        word = self.rng.choice(tx.ROLES[self.split])
        if self.rng.random() < 0.3:
            return self.name(g, s)
        r = self.rng.random()
        who: list[Piece] = [(s, "name", True)] if r < 0.5 else [(g, "name", True)] if r < 0.7 else \
            [(g, "name", True), " ", (s, "name", True)]
        return [word + " ", *who] if self.rng.random() < 0.8 else [*who, f" ({word})"]

    def physicist(self) -> list[Piece]:
        g, s = self.pick(self.physicists)
        if self.rng.random() < 0.4:
            return [("Dr " if self.split == "dev11" else "Dr. "), (s, "name", True)]
        return self.name(g, s)

    def again(self) -> list[Piece]:
        g, s = self.last
        r = self.rng.random()
        return [(vx.NICKNAMES.get(g, g) if r < 0.3 else g, "name", True)] if r < 0.75 else [(s, "name", True)]

    def relative(self) -> list[Piece]:
        g, _ = self.rng.choice(self.relatives)
        return [(g, "name", True), *([] if self.rng.random() < 0.5 else [" ", (self.patient[1], "name", True)])]

    def initials(self) -> list[Piece]:
        """As the person signs: "EM", "em", or with the Mac of their surname ("EMacL", "RMcA")."""
        g, s = self.last
        ini = fold(g)[:1] + "".join(fold(w)[:1] for w in s.replace("-", " ").split())
        if fold(ini) in self.avoid or len(ini) < 2:
            ini += fold(s)[1:2]
        ini = ini.upper() if self.rng.random() < 0.8 else ini
        if s.startswith(("Mac", "Mc")) and self.known("ini_mac", self.last, lambda: self.rng.random() < 0.5):
            prefix = "Mac" if s.startswith("Mac") else "Mc"
            ini = fold(g)[:1].upper() + prefix + s[len(prefix):][:1].upper()
        form = self.rng.choice(["{}", "{}", "/{}", "- {}", "({})"])
        before, _, after = form.partition("{}")
        return [before, (ini, "initials", True), after]

    # --- personal values ------------------------------------------------------------------------------------
    def born(self, p: Person) -> dt.date:
        return self.known("dob", p, lambda: dt.date(self.rng.randrange(1926, 2012), self.rng.randrange(1, 13),
                                                    self.rng.randrange(1, 29)))

    def chi(self) -> list[Piece]:
        c = self.known("chi", self.patient, lambda: chi_number(self.rng, self.born(self.patient)))
        value = self.rng.choice([c, c, f"{c[:6]} {c[6:]}", f"{c[:6]}-{c[6:]}", f"{c[:2]} {c[2:4]} {c[4:6]} {c[6:]}"])
        return [(value, "chi", True)]

    def unit(self) -> list[Piece]:
        rng = self.rng
        make = (lambda: rng.choice([f"K{digits(rng, 6)}{rng.choice('ABCDEFGHJKLMNPRSTW')}", f"4{digits(rng, 7)}"])) \
            if self.split == "dev11" else (lambda: rng.choice([f"A{digits(rng, 7)}", f"NH{digits(rng, 6)}"]))
        return [(self.known("unit", self.patient, make), "hospital_number", True)]

    def dob(self) -> list[Piece]:
        b = self.born(self.patient)
        fmts = ([f"{b:%d/%m/%Y}", f"{b:%d.%m.%y}", f"{b:%d %b %y}"] if self.split == "dev11" else
                [f"{b:%d-%m-%Y}", f"{b.day} {b:%B %Y}", f"{b.day}/{b.month}/{b:%Y}"])
        return [(self.rng.choice(fmts), "dob", True)]

    def mobile(self, person: Person | None = None) -> list[Piece]:
        rng = self.rng
        m = self.known("mob", person or self.last, lambda: f"7{rng.choice('4579')}{digits(rng, 8)}")
        value = rng.choice([f"0{m[:4]} {m[4:]}", f"0{m}", f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44 {m[:4]} {m[4:]}",
                            f"+44 (0){m[:4]} {m[4:]}", f"0{m[:3]}-{m[3:6]}-{m[6:]}"])
        return [(value, "phone", True)]

    def landline(self) -> list[Piece]:
        rng = self.rng

        def make() -> tuple[str, str]:
            area = rng.choice(vx.AREA_CODES[self.split])
            return area, digits(rng, 11 - len(area))
        area, local = self.known("tel", self.patient, make)
        spaced = f"{local[:3]} {local[3:]}" if len(local) == 7 else local
        value = rng.choice([f"{area} {spaced}", f"({area}) {spaced}", f"+44 (0){area[1:]} {spaced}",
                            f"{area}{local}"])
        return [(value, "phone", True)]

    def address(self, with_postcode: bool | None = None) -> list[Piece]:
        rng, split = self.rng, self.split

        def make() -> tuple[str, str, str]:
            pc = f"{rng.choice(vx.POSTCODES[split])} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            r = rng.random()
            if r < 0.2:
                return "", f"{rng.choice(vx.HOUSES[split])}, {rng.choice(vx.HOUSE_PLACES[split])}", pc
            flat = rng.choice(["Flat 2/1, ", "Flat 0/2, ", "3F2 ", "Flat 1, "]) if r < 0.6 and split == "dev11" \
                else rng.choice(["Flat B, ", "1 "]) if r < 0.45 else ""
            return flat, f"{rng.randrange(1, 240)} {rng.choice(vx.STREETS[split])}", pc
        flat, street, pc = self.known("home", self.patient, make)
        out: list[Piece] = [flat, (street, "address", True)]
        if with_postcode or (with_postcode is None and rng.random() < 0.6):
            out.extend([rng.choice([", ", " ", "  "]), (pc, "postcode", True)])
        return out

    def email(self, person: Person | None = None) -> list[Piece]:
        g, s = person or self.last
        if (g, s) in self.reps:
            dom = self.known("dom", (g, s), lambda: self.rng.choice([m for m, *_ in vx.MODELS]).lower()
                             .replace(" ", "").replace(".", "") + ".com")
        else:
            dom = self.known("dom", (g, s), lambda: self.rng.choice(vx.EMAIL_DOMAINS[self.split]))
        local = self.known("local", (g, s), lambda: self.rng.choice([f"{fold(g)}.{fold(s)}", f"{fold(g)}.{fold(s)}2",
                                                                     f"{fold(g)[:1]}{fold(s)}"]))
        return [(f"{local}@{dom}", "email", True)]

    def home_email(self) -> list[Piece]:
        g, s = self.rng.choice([self.patient, *self.relatives[:20]])
        return [(f"{fold(g)}{fold(s)[:4]}{digits(self.rng, 2)}@{self.rng.choice(vx.HOME_MAIL)}", "email", True)]

    def login(self, person: Person | None = None) -> str:
        g, s = fold((person or self.last)[0]), fold((person or self.last)[1])
        make = (lambda: self.rng.choice([f"{s[:6]}{g[:1]}{self.rng.randrange(1, 4)}", f"{g}.{s}"])) \
            if self.split == "dev11" else \
            (lambda: self.rng.choice([f"{g[:1]}{s[:7]}", f"{s}{g[:2]}{digits(self.rng, 2)}"]))
        return self.known("login", person or self.last, make)

    def staff_number(self, person: Person | None = None) -> str:
        n = self.known("staffno", person or self.last, lambda: digits(self.rng, 6 if self.split == "dev11" else 8))
        return tx.STAFFNO_FORMS[self.split].format(n=n)

    # --- kept values ----------------------------------------------------------------------------------------
    def place(self) -> tuple[str, str, str, str]:
        site, _, building, places = self.rng.choice(vx.SITES[self.split])
        ward, room = self.rng.choice(places)
        return site, building, ward, room

    def date(self) -> str:
        d = dt.date(self.rng.randrange(2018, 2026), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        return self.rng.choice([f"{d:%d/%m/%Y}", f"{d:%d/%m/%y}", f"{d:%d %b %Y}"] if self.split == "dev11" else
                               [f"{d:%d.%m.%Y}", f"{d:%-d %B}", f"{d:%Y-%m-%d}"])

    def serial(self) -> str:
        rng = self.rng
        return rng.choice([f"{rng.choice(['ARBK', 'SN', 'US', 'DE'])}{digits(rng, 7)}",
                           f"{digits(rng, 4)}-{digits(rng, 5)}"])

    def slot(self, key: str) -> list[Piece]:
        rng, split = self.rng, self.split
        ref = lambda kind, value: [(value, kind, False)]  # noqa: E731
        table: dict[str, Any] = {
            "nurse": self.role, "who": lambda: self.name(*self.pick(self.staff)),
            "tech": lambda: self.name(*self.pick(self.techs)), "phys": self.physicist,
            "rep": lambda: self.name(*self.pick(self.reps)), "again": self.again, "ini": self.initials,
            "fn": lambda: [(vx.NICKNAMES.get(g, g) if rng.random() < 0.3 else g, "name", True)
                           for g, _ in [self.pick(self.nurses)]],
            "full": lambda: [(self.last[0], "name", True), " ", (self.last[1], "name", True)],
            "hi": lambda: [(g, "name", True) for g, _ in [rng.choice(self.techs)]],
            "pt": lambda: self.name(*self.patient, patient=True), "pt2": lambda: self.name(*self.other, patient=True),
            "rel": self.relative,
            "chi": self.chi, "unit": self.unit, "dob": self.dob, "mob": self.mobile, "tel": self.landline,
            "home": self.address, "pc": lambda: self.address(True)[-1:], "mail": self.email, "hmail": self.home_email,
            "login": lambda: [(self.login(), "login", True)],
            "staffno": lambda: [(self.staff_number(), "staff_id", True)],
            "ward": lambda: ref("ward", self.ward if self.ward and rng.random() < 0.5 else self.place()[2]),
            "hosp": lambda: ref("site", self.place()[0]), "bldg": lambda: ref("building", self.place()[1]),
            "room": lambda: ref("room", self.place()[3]), "town": lambda: ref("town", rng.choice(vx.TOWNS[split])),
            "maker": lambda: ref("maker", self.maker), "model": lambda: ref("model", self.model),
            "part": lambda: ref("part_number", rng.choice(vx.PARTS)), "serial": lambda: ref("serial", self.serial()),
            "tag": lambda: ref("asset_tag", rng.choice(self.tags) if self.tags else self.tag),
            "title": lambda: ref("job_title", rng.choice(vx.JOB_TITLES[split])),
            "epo": lambda: ref("eponym", rng.choice(vx.EPONYMS[split])),
            "ext": lambda: ref("extension", f"{rng.randrange(2, 9)}{digits(rng, 4)}" if split == "dev11"
                               else f"5{digits(rng, 3)}"),
            "bleep": lambda: ref("bleep", f"{rng.randrange(2, 9)}{digits(rng, 3)}"),
            "err": lambda: ref("error_code", rng.choice(vx.ERRORS)), "ver": lambda: ref("version",
                                                                                      rng.choice(vx.VERSIONS)),
            "kit": lambda: ref("test_kit", rng.choice(vx.TEST_KIT)), "std": lambda: ref("standard",
                                                                                     rng.choice(vx.STANDARDS)),
            "box": lambda: ref("role_mailbox", rng.choice(vx.MAILBOXES[split])),
            "desk": lambda: ref("org_phone", rng.choice(vx.DESKS[split])), "date": lambda: ref("date", self.date()),
            "wo": lambda: ref("job_ref", self.wo_ref()),
            "datix": lambda: ref("incident_no", f"{rng.choice(['W', 'DX'])}{digits(rng, 6)}" if split == "dev11"
                                 else f"IR-{rng.randrange(2019, 2026)}-{digits(rng, 5)}"),
        }
        return table[key]()

    def wo_ref(self) -> str:
        n = self.rng.randrange(1000, 99999)
        return f"WO{n:06d}" if self.split == "dev11" else f"J/{self.rng.randrange(18, 26)}/{n:05d}"

    def fill(self, template: str, case: str = "", nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
        return fill(template, self.slot, case, nested)
