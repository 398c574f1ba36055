"""The scene every cell of `incident_export.py` is filled from: who is about (the reporter, the last person named, the
patient, the handler, the maker's field engineer), the device and its ward, and the forms people are written in:
staff by role word and name, doctors with their grade, nicknames, initials, patients by title, relatives by
relation, with their phones, e-mails, homes and numbers kept the same for a person."""

from __future__ import annotations

import datetime as dt
import random

import incident_kit as kx
import incident_notes as nx
import incident_people as px
import incident_vocab as vx
from export_common import Memo, Person, Piece, digits, fold, mine, n, nhs_number

MAKER_DOMAINS = {"BD": "bd.com", "B. Braun": "bbraun.com", "Fresenius Kabi": "fresenius-kabi.com",
                 "Philips": "philips.com", "GE HealthCare": "gehealthcare.com", "Dräger": "draeger.com",
                 "Hamilton Medical": "hamilton-medical.com", "Fisher & Paykel Healthcare": "fphcare.co.uk",
                 "Welch Allyn": "hillrom.com", "ICU Medical": "icumed.com", "Smiths Medical": "icumed.com"}


class Scene(Memo):
    def __init__(self, rng: random.Random, split: str, groups: dict[str, list[Person]]) -> None:
        self.rng, self.split, self.groups = rng, split, groups
        self.staff = [p for k in ("nurse", "doc", "hca", "senior") for p in groups[k]]
        self.wards = [(site, town, ward) for site, town, wards in vx.SITES[split] for ward in wards]
        self.last: Person = self.staff[0]
        self.reporter: Person = self.staff[0]
        self.patient: Person = groups["pt"][0]
        self.handler: Person = groups["handler"][0]
        self.fse: Person = groups["fse"][0]
        self.maker = self.model = self.dtype = self.cons = self.tag = self.ward = self.site = ""
        self.year = 2024
        self.tags: list[str] = []
        self.incidents: list[str] = []
        self.notices: list[str] = []
        self._known = {}
        self.avoid = px.reserved_words() | px.SHORT_WORDS

    def pick(self, group: str) -> Person:
        self.last = self.rng.choice(self.groups[group])
        return self.last

    # --- staff ----------------------------------------------------------------------------------------------
    def nick(self, g: str) -> str:
        return vx.NICKNAMES[self.split].get(g, g)

    def name(self, g: str, s: str) -> list[Piece]:
        if self.split == "dev15":
            forms: list[list[Piece]] = [[n(g), " ", n(s)], [n(g)], [n(self.nick(g))], [f"{g[0]}. ", n(s)], [n(s)],
                                        [n(g.lower())], [n(g), " ", n(s.upper())]]
        else:
            forms = [[n(g), " ", n(s)], [n(g)], [n(self.nick(g))], [f"{g[0]} ", n(s)], [n(s), ", ", n(g)],
                     [n(g.upper()), " ", n(s.upper())]]
        return self.rng.choice(forms)

    def role_person(self, group: str) -> list[Piece]:
        """A nurse, healthcare assistant or senior nurse by the split's role word and name, or by name alone."""
        g, s = self.pick(group)
        word = self.rng.choice(nx.ROLES[self.split][group])
        r = self.rng.random()
        if r < 0.3:
            return self.name(g, s)
        if group == "senior":
            return [f"{word} ", n(s)] if r < 0.7 else [f"{word} ", n(g), " ", n(s)]
        who: list[Piece] = [n(self.nick(g))] if group == "hca" and r < 0.6 else \
            [n(g)] if r < 0.55 else [n(g), " ", n(s)] if r < 0.85 else [f"{g[0]} ", n(s)]
        return [f"{word} ", *who] if self.rng.random() < 0.75 else [*who, f" ({word})"]

    def doctor(self) -> list[Piece]:
        g, s = self.pick("doc")
        grade = self.known("grade", self.last, lambda: self.rng.choice(nx.ROLES[self.split]["grade"]))
        if self.split == "dev15":
            forms: list[list[Piece]] = [[f"Dr. {g[0]}. ", n(s), f" ({grade})"], ["Dr ", n(s)], [n(g), f" ({grade})"],
                                        ["Dr. ", n(g), " ", n(s)], [f"the {grade} (", n(g), ")"]]
        else:
            forms = [["Dr ", n(g), " ", n(s), f", {grade}"], [f"{grade} Dr ", n(s)], ["Dr ", n(s)],
                     [n(g), " ", n(s), f" ({grade})"], [f"{grade} ", n(g)]]
        return self.rng.choice(forms)

    def who(self) -> list[Piece]:
        return self.name(*self.pick(self.rng.choice(["nurse", "nurse", "hca", "doc", "senior"])))

    def given(self) -> list[Piece]:
        g, _ = self.pick("nurse")
        return [n(self.nick(g) if self.rng.random() < 0.3 else g)]

    def initials(self, p: Person | None = None) -> list[Piece]:
        g, s = p or self.last
        a, b = fold(g), fold(s)
        tries = [a[:1] + "".join(fold(w)[:1] for w in s.replace("-", " ").split()), a[:2] + b[:1], a[:1] + b[:2],
                 a[:1] + "x" + b[:1]]
        ini = next((t for t in tries if len(t) >= 2 and t not in self.avoid), tries[-1])
        return [(ini.upper() if self.rng.random() < 0.85 else ini, "initials", True)]

    def again(self) -> list[Piece]:
        g, s = self.last
        r = self.rng.random()
        return [n(self.nick(g))] if r < 0.45 else [n(g.lower())] if r < 0.6 else [n(g)] if r < 0.85 else [n(s)]

    def mobile(self, p: Person) -> str:
        m = self.known("mob", p, lambda: f"7{self.rng.choice('3456789')}{digits(self.rng, 8)}")
        forms = [f"0{m[:4]} {m[4:]}", f"0{m}", f"+44 (0){m[:4]} {m[4:]}", f"+44 {m[:4]} {m[4:]}"] \
            if self.split == "dev15" else [f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44 (0){m[:4]} {m[4:]}", f"0{m}",
                                           f"0{m[:5]} {m[5:]}"]
        return self.rng.choice(forms)

    def email(self, p: Person) -> str:
        """A member of staff's own address: nhs.net or the trust's."""
        g, s = fold(p[0]), fold(p[1])

        def make() -> str:
            local = f"{g}.{s}" if self.rng.random() < 0.7 else f"{g}.{s}{self.rng.randrange(1, 9)}"
            return f"{local}@{'nhs.net' if self.rng.random() < 0.6 else vx.DOMAIN[self.split]}"
        return self.known("mail", p, make)

    def home_email(self, p: Person) -> str:
        g, s, rng = fold(p[0]), fold(p[1]), self.rng
        return self.known("hmail", p, lambda: f"{rng.choice([g, g[0], g + s[:1]])}{rng.choice(['.', '', '_'])}{s}"
                          f"{rng.choice(['', digits(rng, 2)])}@{rng.choice(vx.HOME_MAIL[self.split])}")

    def login(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1])
        if self.split == "dev15":
            return self.known("login", p, lambda: self.rng.choice([f"{s[:8]}{g[0]}", f"MVH\\{s[:8]}{g[0]}"]))
        return self.known("login", p, lambda: f"{g[0]}{s[:7]}{self.rng.randrange(1, 30):02d}")

    # --- makers' field engineers ----------------------------------------------------------------------------
    def employer(self, p: Person) -> str:
        """The maker a field service engineer works for: the first one they were sent for."""
        return self.known("employer", p, lambda: self.maker or self.rng.choice(kx.KIT)[0])

    def field_engineer(self) -> list[Piece]:
        own = [p for p in self.groups["fse"] if self.employer(p) == self.maker] if self.maker else []
        self.fse = self.rng.choice(own) if own and self.rng.random() < 0.8 else self.rng.choice(self.groups["fse"])
        self.employer(self.fse)
        self.last = self.fse
        return self.name(*self.fse)

    def fse_email(self) -> str:
        g, s = fold(self.fse[0]), fold(self.fse[1])
        maker = self.employer(self.fse)
        domain = MAKER_DOMAINS.get(maker, f"{fold(maker.split()[0])}.com")
        return self.known("fmail", self.fse, lambda: f"{g}.{s}@{domain}")

    # --- patients and relatives -----------------------------------------------------------------------------
    def title(self, p: Person) -> str:
        return self.known("title", p, lambda: "Mr" if not px.female(p) else self.rng.choice(["Mrs", "Mrs", "Ms",
                                                                                             "Miss"]))

    def pt(self) -> list[Piece]:
        g, s = self.patient
        t = self.title(self.patient)
        if self.split == "dev15":
            forms: list[list[Piece]] = [[f"{t} ", n(s)], [n(g), " ", n(s)], [f"{t} {g[0]} ", n(s)],
                                        [n(s.upper()), ", ", n(g)], [f"[b]{t}[/b] ", n(s)], [n(g), " ", n(s.upper())]]
        else:
            forms = [[f"{t} ", n(g), " ", n(s)], [n(s), ", ", n(g), f" ({t})"], ["[b]", n(g), "[/b] ", n(s)],
                     [f"{t} ", n(s)], [n(s.upper()), " ", n(g)]]
        return self.rng.choice(forms)

    def pts(self) -> list[Piece]:
        g, s = self.patient
        t = self.title(self.patient)
        forms: list[list[Piece]] = [[f"{t} ", n(s)], [f"{t} ", n(s)], [f"[b]{t}[/b] ", n(s)]] \
            if self.split == "dev15" else [[f"{t} ", n(s)], [f"{t} {g[0]} ", n(s)], [f"[b]{t} ", n(s), "[/b]"]]
        return self.rng.choice(forms)

    def home(self, p: Person) -> dict[str, str]:
        rng, split = self.rng, self.split

        def make() -> dict[str, str]:
            town = rng.choice(list(vx.TOWN_CODES[split]))
            districts, area = vx.TOWN_CODES[split][town]
            pc = f"{rng.choice(districts)} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            street = rng.choice(vx.FLATS[split]) + f"{rng.randrange(1, 90)} {rng.choice(vx.STREETS[split])}" \
                if rng.random() < 0.25 else f"{rng.randrange(1, 240)} {rng.choice(vx.STREETS[split])}"
            local = digits(rng, 11 - len(area))
            cut = 3 if len(area) == 4 else len(local) - 4
            return {"street": street, "town": town, "pc": pc, "land": f"{area} {local[:cut]} {local[cut:]}",
                    "hosp": px.hospital_number(rng, split), "nhs": nhs_number(rng)}
        return self.known("home", p, make)

    def dob(self, p: Person) -> str:
        b = self.known("dob", p, lambda: dt.date(self.rng.randrange(1928, 2004), self.rng.randrange(1, 13),
                                                 self.rng.randrange(1, 29)))
        fmts = [f"{b:%d/%m/%Y}", f"{b:%d.%m.%y}", f"{b:%d/%m/%y}"] if self.split == "dev15" else \
            [f"{b.day} {b:%B %Y}", f"{b:%d/%m/%Y}", f"{b:%d-%b-%Y}"]
        return self.rng.choice(fmts)

    def age(self) -> str:
        b = self.known("dob", self.patient, lambda: dt.date(self.rng.randrange(1928, 2004), 6, 1))
        return str(self.year - b.year)

    def nhs(self) -> list[Piece]:
        v = self.home(self.patient)["nhs"]
        forms = [v, f"{v[:3]} {v[3:6]} {v[6:]}"] if self.split == "dev15" else [f"{v[:3]} {v[3:6]} {v[6:]}", v,
                                                                                f"{v[:3]}-{v[3:6]}-{v[6:]}"]
        return mine("nhs", self.rng.choice(forms))

    def hosp(self) -> list[Piece]:
        return mine("hospital_number", px.written_hospital_number(self.rng, self.split,
                                                                  self.home(self.patient)["hosp"]))

    def relative(self) -> Person:
        who = self.patient
        relations = nx.RELATIONS[self.split]
        key = self.known("rel", who, lambda: self.rng.choice(sorted(relations)))
        sex = relations[key][1]

        def make() -> Person:
            pool = self.groups["pt"]
            fits = [p for p in pool if p != who and (not sex or px.female(p) == (sex == "f"))] or pool
            g, s = self.rng.choice(fits)
            return (g, who[1]) if self.rng.random() < 0.5 else (g, s)
        return self.known("kin", who, make)

    def kin(self) -> list[Piece]:
        """A relative of the patient with the relation word."""
        g, s = self.relative()
        word = nx.RELATIONS[self.split][self._known[("rel", self.patient)]][0]
        pron = "her" if px.female(self.patient) else "his"
        if self.split == "dev15":
            forms: list[list[Piece]] = [[f"{pron} {word} ", n(g)], [f"{pron} {word} (", n(g), ")"],
                                        [f"{word} ", n(g), " ", n(s)], [n(g), f" ({word})"]]
        else:
            forms = [[f"{word} ", n(g), " ", n(s)], [f"the patient's {word}, ", n(g)], [n(g), " ", n(s), f" ({word})"]]
        return self.rng.choice(forms)
