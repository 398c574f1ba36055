"""The scene every cell of `privatehosp_export.py` is filled from: who is about (the patient, their relatives, the
consultant and their secretary, the last person named), the device, and every slot of the phrasing families
(`privatehosp_text.py`), people and their values planted for the truth, reference values kept."""

from __future__ import annotations

import datetime as dt
import random

import privatehosp_kit as kx
import privatehosp_notes as nx
import privatehosp_people as px
import privatehosp_vocab as vx
from export_common import Memo, Person, Piece, digits, fold, n, nhs_number


class Scene(Memo):
    def __init__(self, rng: random.Random, split: str, staff: dict[str, list[Person]], reps: list[Person],
                 patients: list[Person]) -> None:
        self.rng, self.split = rng, split
        self.cons, self.secs, self.nurses = staff["cons"], staff["sec"], staff["nurse"]
        self.scis, self.engs, self.admins = staff["sci"], staff["eng"], staff["admin"]
        self.staff = [p for group in staff.values() for p in group]
        self.reps, self.patients = reps, patients
        self.sec_of = {c: self.secs[i % len(self.secs)] for i, c in enumerate(self.cons)}
        self.places = [(site, code, b, d, r, kind) for site, code, _, places in vx.SITES[split]
                       for b, d, r, kind in places]
        self.rooms = [p for p in self.places if p[5] == "clinic" and p[4].startswith("The ")]
        self.last: Person = self.staff[0]
        self.patient: Person = patients[0]
        self.consultant: Person = self.cons[0]
        self.maker = self.model = self.dtype = self.tag = self.ward = self.room = ""
        self.tags: list[str] = []
        self.kin: dict[Person, list[tuple[Person, str]]] = {}
        self.relative: Person = patients[0]
        self._known = {}
        self.avoid = px.reserved_words() | px.SHORT_WORDS

    def about(self, patient: Person) -> None:
        self.patient = patient
        self.consultant = self.known("cons", patient, lambda: self.rng.choice(self.cons))

    def pick(self, group: list[Person]) -> Person:
        self.last = self.rng.choice(group)
        return self.last

    # --- people ---------------------------------------------------------------------------------------------
    def name(self, g: str, s: str) -> list[Piece]:
        nick = vx.NICKNAMES[self.split].get(g, g)
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [n(g)], [n(nick)], [g[0] + " ", n(s)], [n(g), " " + s[0]]]
        forms += [[n(g.lower())], [n(g.lower()), " ", n(s.lower())], [n(s.upper()), " ", n(g)]] \
            if self.split == "dev13" else [[n(g), " ", n(s)], [g[0] + ". ", n(s)], [n(s), ", ", n(g)]]
        return self.rng.choice(forms)

    def title(self, p: Person) -> str:
        """A patient's title."""
        return self.known("title", p, lambda: ("Mr" if not px.female(p[0]) else self.rng.choice(["Mrs", "Mrs", "Miss",
                                                                                                   "Ms"])))

    def cons_title(self, p: Person) -> str:
        surgeon = self.known("surgeon", p, lambda: self.rng.random() < 0.6)
        if surgeon:
            return "Miss" if px.female(p[0]) else "Mr"
        return self.known("dr", p, lambda: self.rng.choice(["Dr", "Dr", "Dr", "Prof"]))

    def consultant_by_title(self, full: bool = False) -> list[Piece]:
        g, s = self.last = self.consultant
        t = self.cons_title(self.consultant)
        if full:
            return [f"{t} ", n(g), " ", n(s)] if self.rng.random() < 0.8 else [f"{t} {g[0]} ", n(s)]
        r = self.rng.random()
        return [f"{t} ", n(s)] if r < 0.75 else [n(s)] if r < 0.85 else [f"{t} ", n(s.upper())] \
            if self.split == "dev13" else [f"{t}. ", n(s)]

    def pt(self) -> list[Piece]:
        g, s = self.patient
        t = self.title(self.patient)
        forms: list[list[Piece]] = [[f"{t} {g[0]} ", n(s)], [n(g), " ", n(s)], [n(s.upper()), ", ", n(g)], [n(g)],
                                    [f"{t} ", n(s)], [n(g.lower()), " ", n(s.lower())], [n(s), " ", n(g)]] \
            if self.split == "dev13" else [[f"{t}. ", n(g), " ", n(s)], [n(s.upper()), " ", n(g)], [n(g), " ", n(s)],
                                           [f"{t} ", n(s)], [n(s), ", ", n(g), f" ({t})"], [n(g), " ", n(s)]]
        return self.rng.choice(forms)

    def baby(self) -> list[Piece]:
        s = self.patient[1]
        forms = ["baby of ", "BO ", "bo ", "baby "] if self.split == "dev13" else ["Baby ", "B/O ", "baby boy ",
                                                                                  "baby girl "]
        return [self.rng.choice(forms), n(s.upper() if self.rng.random() < 0.2 else s)]

    def kin_piece(self) -> list[Piece]:
        """One of the patient's relatives with the relation word."""
        family = self.kin.get(self.patient) or []
        if not family:
            return ["family"] if self.split == "dev13" else ["the family"]
        (g, s), key = self.rng.choice(family)
        self.relative = (g, s)
        word = nx.RELATIONS[self.split][key][0]
        forms: list[list[Piece]] = [[f"{word} ", n(g)], [f"{word} (", n(g), ")"], [n(g), f" ({word})"],
                                    [f"pt's {word} ", n(g), " ", n(s)]] if self.split == "dev13" else \
            [[f"{word}, ", n(g), " ", n(s)], [n(g), " ", n(s), f" ({word})"], [f"{word} ", n(g)]]
        return self.rng.choice(forms)

    def initials(self) -> list[Piece]:
        g, s = self.last
        ini = fold(g)[:1] + "".join(fold(w)[:1] for w in s.replace("-", " ").split())
        if ini in self.avoid or len(ini) < 2:
            ini += fold(s)[1:2]
        ini = ini.upper() if self.rng.random() < 0.75 else ini
        before, _, after = self.rng.choice(["{}", "- {}", "({})", "/{}"] if self.split == "dev13" else
                                           ["{}", "-- {}", "[{}]"]).partition("{}")
        return [before, (ini, "initials", True), after]

    def again(self) -> list[Piece]:
        g, s = self.last
        r = self.rng.random()
        return [n(vx.NICKNAMES[self.split].get(g, g) if r < 0.4 else g)] if r < 0.85 else [n(s)]

    # --- personal values ------------------------------------------------------------------------------------
    def born(self, p: Person) -> dt.date:
        mother = self.known("mother", p, lambda: px.female(p[0]) and self.rng.random() < 0.3)
        years = (1981, 2001) if mother else (1934, 2004)
        return self.known("dob", p, lambda: dt.date(self.rng.randrange(*years), self.rng.randrange(1, 13),
                                                    self.rng.randrange(1, 29)))

    def dob(self) -> list[Piece]:
        b = self.born(self.patient)
        fmts = [f"{b:%d/%m/%y}", f"{b:%d/%m/%Y}", f"{b:%d.%m.%y}"] if self.split == "dev13" else \
            [f"{b.day} {b:%B %Y}", f"{b:%d/%m/%Y}", f"{b:%d-%b-%Y}"]
        return [(self.rng.choice(fmts), "dob", True)]

    def mrn(self) -> list[Piece]:
        v = self.home(self.patient)["mrn"]
        if self.rng.random() < 0.3:
            v = v.lower() if self.split == "dev13" else v.replace("-", "")
        return [(v, "hospital_number", True)]

    def nhs(self) -> list[Piece]:
        v = self.known("nhs", self.patient, lambda: nhs_number(self.rng))
        forms = [v, f"{v[:3]} {v[3:6]} {v[6:]}"] if self.split == "dev13" else [f"{v[:3]}-{v[3:6]}-{v[6:]}", v]
        return [(self.rng.choice(forms), "nhs", True)]

    def funding(self, p: Person) -> tuple[str, str]:
        """("Insured", insurer), ("Self-pay", ""), ("NHS", "")."""
        def make() -> tuple[str, str]:
            r = self.rng.random()
            return ("Insured", self.rng.choice(list(kx.INSURERS))) if r < 0.5 else ("Self-pay", "") if r < 0.75 \
                else ("NHS", "")
        return self.known("funding", p, make)

    def policy(self, p: Person) -> tuple[str, str]:
        insurer = self.funding(p)[1] or self.known("ins2", p, lambda: self.rng.choice(list(kx.INSURERS)))
        return insurer, self.known("policy", p, lambda: px.membership_number(self.rng, insurer))

    def pol(self, alone: bool = False) -> list[Piece]:
        insurer, number = self.policy(self.patient)
        if alone:
            return [(number, "insurance_no", True)]
        label = self.rng.choice([" ", " no ", " memb no ", " policy "] if self.split == "dev13" else
                                [" membership ", " member number ", ": "])
        return [(insurer, "insurer", False), label, (number, "insurance_no", True)]

    def home(self, p: Person) -> dict[str, str]:
        """The patient's home: house, street, town, postcode, landline, patient number."""
        rng, split = self.rng, self.split

        def make() -> dict[str, str]:
            town = rng.choice(list(vx.TOWNS[split]))
            districts, area = vx.TOWNS[split][town]
            pc = f"{rng.choice(districts)} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            r = rng.random()
            street = rng.choice(vx.HOUSES[split]) + ", " + rng.choice(vx.STREETS[split]) if r < 0.25 else \
                rng.choice(vx.FLATS[split]) + f"{rng.randrange(1, 90)} {rng.choice(vx.STREETS[split])}" if r < 0.4 \
                else f"{rng.randrange(1, 240)} {rng.choice(vx.STREETS[split])}"
            local = digits(rng, 11 - len(area))
            site = rng.choice(vx.SITES[split])
            return {"street": street, "town": town, "pc": pc, "land": f"{area} {local[:4 if area == '020' else 3]} "
                    f"{local[4 if area == '020' else 3:]}", "mrn": px.patient_number(rng, split, site[1])}
        return self.known("home", p, make)

    def address(self) -> list[Piece]:
        h = self.home(self.patient)
        out: list[Piece] = [(h["street"], "address", True)]
        if self.rng.random() < 0.5:
            out += [", ", (h["town"], "town", False)]
        return [*out, self.rng.choice([", ", " "]), (h["pc"], "postcode", True)] if self.rng.random() < 0.6 else out

    def mobile(self, p: Person) -> str:
        m = self.known("mob", p, lambda: f"7{self.rng.choice('3456789')}{digits(self.rng, 8)}")
        forms = [f"0{m[:4]} {m[4:]}", f"0{m}", f"0{m[:4]}-{m[4:7]}-{m[7:]}", f"+44 {m[:4]} {m[4:]}"] \
            if self.split == "dev13" else [f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44 (0){m[:4]} {m[4:]}", f"0{m}",
                                           f"(0{m[:4]}) {m[4:]}"]
        return self.rng.choice(forms)

    def email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1])
        local = self.known("wmail", p, lambda: self.rng.choice([f"{g}.{s}", f"{g[0]}{s}", f"{g}.{s}"]))
        return f"{local}@{vx.DOMAIN[self.split]}"

    def home_email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1])
        rng = self.rng
        return self.known("hmail", p, lambda: f"{rng.choice([g, g[0], g + s[:1]])}{rng.choice(['.', '', '_'])}{s}"
                          f"{rng.choice(['', digits(rng, 2)])}@{rng.choice(vx.HOME_MAIL[self.split])}")

    def sec_email(self, cons: Person) -> str:
        sg = fold(self.sec_of[cons][0])
        dom = self.known("pdom", cons, lambda: self.rng.choice(vx.PRACTICE_MAIL[self.split]).format(s=fold(cons[1])))
        return self.known("smail", cons, lambda: self.rng.choice([f"{sg}@{dom}",
                                                                  f"{sg}.{fold(self.sec_of[cons][1])}@{dom}"]))

    def login(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1])
        return self.known("login", p, lambda: f"{g[0]}{s}"[:12] if self.split == "dev13" else f"{s[:6]}{g[:2]}")

    def reg(self, p: Person, kind: str) -> str:
        make = {"gmc": lambda: px.gmc_number(self.rng), "nmc": lambda: px.nmc_pin(self.rng),
                "hcpc": lambda: px.hcpc_number(self.rng, self.known("scirole", p, lambda: self.rng.randrange(4)))}
        return self.known(kind, p, make[kind])
