"""The scene every cell of `labinv_export.py` is filled from: who is about (the asset's PI, the last person named,
the study participant, the Spanish patient), the device and its lab, and every slot of the phrasing families
(`labinv_text.py`): people and their values planted for the truth, reference values kept."""

from __future__ import annotations

import datetime as dt
import random

import labinv_kit as kx
import labinv_people as px
import labinv_text as tx
import labinv_vocab as vx
from export_common import Memo, Person, Piece, digits, fold, mine, n, nhs_number


class Scene(Memo):
    def __init__(self, rng: random.Random, split: str, uk: dict[str, list[Person]], es: dict[str, list[Person]],
                 deva: list[Person]) -> None:
        self.rng, self.split = rng, split
        self.uk, self.es, self.deva = uk, es, deva
        self.staff = [p for k in ("pi", "pd", "phd", "tech", "other") for p in uk[k]]
        self.places = [(site, town, b, lab) for site, town, places in vx.SITES[split] for b, lab in places]
        self.es_places = [(site, town, b, svc, room) for site, town, places in vx.ES_SITES[split]
                          for b, svc, room in places]
        self.last: Person = self.staff[0]
        self.pi: Person = uk["pi"][0]
        self.eng: Person = uk["eng"][0]
        self.participant: Person = uk["ppt"][0]
        self.patient: Person = es["pt"][0]
        self.maker = self.model = self.dtype = self.tag = self.lab = self.bldg = self.sala = ""
        self.tags: list[str] = []
        self._known = {}
        self.avoid = px.reserved_words() | px.SHORT_WORDS

    def pick(self, group: str) -> Person:
        self.last = self.rng.choice(self.uk[group] if group in self.uk else self.es[group])
        return self.last

    # --- UK people ------------------------------------------------------------------------------------------
    def name(self, g: str, s: str) -> list[Piece]:
        nick = vx.NICKNAMES[self.split].get(g, g)
        if self.split == "dev14":
            forms: list[list[Piece]] = [[n(g), " ", n(s)], [n(g)], [n(nick)], [f"{g[0]}. ", n(s)], [n(g.lower())],
                                        [n(s)], [n(g.lower()), " ", n(s.lower())]]
        else:
            forms = [[n(g), " ", n(s)], [n(g)], [n(nick)], [f"{g[0]} ", n(s)], [n(s), ", ", n(g)],
                     [n(g), " ", n(s)]]
        return self.rng.choice(forms)

    def title(self, p: Person) -> str:
        return self.known("title", p, lambda: self.rng.choice(["Dr", "Dr", "Prof"]))

    def pi_form(self, full: bool = False) -> list[Piece]:
        g, s = self.last = self.pi
        t = self.title(self.pi)
        if self.split == "dev14":
            t = {"Prof": self.rng.choice(["Prof.", "Prof"]), "Dr": "Dr"}[t]
            forms: list[list[Piece]] = [[f"{t} ", n(g), " ", n(s)], [f"{t} {g[0]}. ", n(s)], [n(s)], [f"{t} ", n(s)],
                                        [f"{t.lower()} ", n(s.lower())], [n(g), " ", n(s)]]
        else:
            t = {"Prof": "Professor", "Dr": "Dr"}[t]
            forms = [[f"{t} ", n(g), " ", n(s)], [f"{t} {g[0]} ", n(s)], [f"{t} ", n(s)], [n(g), " ", n(s)],
                     [n(s)]]
        return forms[0] if full else self.rng.choice(forms)

    def role_person(self, group: str) -> list[Piece]:
        """Someone of `group` by a form of the split, sometimes after their role word or with the student mark."""
        g, s = self.pick(group)
        r = self.rng.random()
        if group == "phd" and r < 0.25:
            return [f"{g[0]}. ", n(s), tx.STUDENT_MARK[self.split]]
        if r < 0.55:
            return self.name(g, s)
        word = self.rng.choice(tx.ROLES[self.split][group])
        who: list[Piece] = [n(g)] if self.rng.random() < 0.6 else [n(g), " ", n(s)]
        return [f"{word} ", *who] if self.rng.random() < 0.8 else [*who, f" ({word})"]

    def initials(self) -> list[Piece]:
        g, s = self.last
        a, b = fold(g), fold(s)
        tries = [a[:1] + "".join(fold(w)[:1] for w in s.replace("-", " ").split()), a[:2] + b[:1], a[:1] + b[:2],
                 a[:1] + "x" + b[:1]]
        ini = next((t for t in tries if len(t) >= 2 and t not in self.avoid), tries[-1])
        return [(ini.upper() if self.rng.random() < 0.8 else ini, "initials", True)]

    def again(self) -> list[Piece]:
        g, s = self.last
        r = self.rng.random()
        return [n(vx.NICKNAMES[self.split].get(g, g))] if r < 0.45 else [n(g.lower())] if r < 0.6 else \
            [n(g)] if r < 0.85 else [n(s)]

    def mobile(self, p: Person) -> str:
        m = self.known("mob", p, lambda: f"7{self.rng.choice('3456789')}{digits(self.rng, 8)}")
        forms = [f"0{m[:4]} {m[4:]}", f"0{m}", f"+44 {m[:4]} {m[4:]}"] if self.split == "dev14" else \
            [f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44 (0){m[:4]} {m[4:]}", f"0{m}"]
        return self.rng.choice(forms)

    def email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1])

        def make() -> str:
            r = self.rng.random()
            local = f"{g}.{s}" if r < 0.5 else f"{g[0]}{s}" if r < 0.75 else f"{g[0]}{s[0]}{digits(self.rng, 5)}"
            dom = vx.DOMAIN[self.split] if self.rng.random() < 0.8 else vx.NHS_DOMAIN[self.split]
            return f"{local}@{dom}"
        return self.known("mail", p, make)

    def home_email(self, p: Person) -> str:
        g, s, rng = fold(p[0]), fold(p[1]), self.rng
        return self.known("hmail", p, lambda: f"{rng.choice([g, g[0], g + s[:1]])}{rng.choice(['.', '', '_'])}{s}"
                          f"{rng.choice(['', digits(rng, 2)])}@{rng.choice(vx.HOME_MAIL[self.split])}")

    def biz(self, p: Person) -> str:
        """A sole trader's business (the surname in it)."""
        return self.known("biz", p, lambda: self.rng.choice(
            ["{} Calibration Services", "{} Lab Services", "{} Scientific", "{} Balance & Pipette"]))

    def biz_pieces(self, p: Person) -> list[Piece]:
        before, _, after = self.biz(p).partition("{}")
        return [before, n(p[1]), after]

    def sole(self, p: Person) -> bool:
        """Whether a service engineer is a sole trader (else a maker's field service engineer)."""
        return p in self.uk["eng"][: len(self.uk["eng"]) // 2]

    def employer(self, p: Person) -> str:
        """The maker a field service engineer works for: the first one they were sent for."""
        return self.known("employer", p, lambda: self.maker or self.rng.choice(kx.LAB_KIT)[0])

    def eng_email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1])
        if self.sole(p):
            return self.known("engmail", p, lambda: f"{g}@{s}{fold(self.biz(p).split()[1])[:5]}.co.uk")
        return self.known("engmail", p, lambda: f"{g}.{s}@{fold(self.employer(p).split()[0])}.com")

    def engineer(self) -> list[Piece]:
        """A service engineer: the device maker's own one, or a sole trader."""
        engs = self.uk["eng"]
        fses = [p for p in engs if not self.sole(p)]
        own = [p for p in fses if self.employer(p) == self.maker] if self.maker else []
        if own and self.rng.random() < 0.6:
            self.eng = self.rng.choice(own)
        elif self.rng.random() < 0.4 and fses:
            self.eng = self.rng.choice(fses)
            self.employer(self.eng)
        else:
            self.eng = self.rng.choice([p for p in engs if self.sole(p)] or engs)
        self.last = self.eng
        return self.name(*self.eng)

    # --- participants (UK) ----------------------------------------------------------------------------------
    def ppt(self) -> list[Piece]:
        g, s = self.participant
        female = px.female(self.participant)
        t = self.known("ptitle", self.participant, lambda: "Mr" if not female else self.rng.choice(["Mrs", "Ms",
                                                                                                  "Miss"]))
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{t} {g[0]} ", n(s)], [n(s.upper()), ", ", n(g)], [n(g)],
                                    [n(g.lower()), " ", n(s.lower())]] if self.split == "dev14" else \
            [[f"{t} ", n(g), " ", n(s)], [n(s.upper()), " ", n(g)], [n(g), " ", n(s)], [f"{t} ", n(s)]]
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

    def dob(self, p: Person, spanish: bool = False) -> str:
        b = self.known("dob", p, lambda: dt.date(self.rng.randrange(1935, 2004), self.rng.randrange(1, 13),
                                                 self.rng.randrange(1, 29)))
        if spanish:
            fmts = [f"{b:%d/%m/%Y}", f"{b.day}/{b.month}/{b:%y}"] if self.split == "dev14" else \
                [f"{b:%d-%m-%Y}", f"{b:%d/%m/%Y}"]
        else:
            fmts = [f"{b:%d/%m/%Y}", f"{b:%d.%m.%y}", f"{b:%d/%m/%y}"] if self.split == "dev14" else \
                [f"{b.day} {b:%B %Y}", f"{b:%d/%m/%Y}", f"{b:%d-%b-%Y}"]
        return self.rng.choice(fmts)

    def nhs(self) -> list[Piece]:
        v = self.home(self.participant)["nhs"]
        forms = [v, f"{v[:3]} {v[3:6]} {v[6:]}"] if self.split == "dev14" else [f"{v[:3]}-{v[3:6]}-{v[6:]}", v,
                                                                                f"{v[:3]} {v[3:6]} {v[6:]}"]
        return mine("nhs", self.rng.choice(forms))

    def address(self) -> list[Piece]:
        h = self.home(self.participant)
        return mine("address", h["street"])

    def kin(self, spanish: bool = False) -> list[Piece]:
        """A relative of the participant (or patient) with the relation word."""
        who = self.patient if spanish else self.participant
        relations = (tx.ES_RELATIONS if spanish else tx.RELATIONS)[self.split]
        key = self.known("rel", who, lambda: self.rng.choice(sorted(relations)))
        word, sex = relations[key]
        pool = self.es["pt"] if spanish else self.uk["ppt"]

        def make() -> Person:
            fits = [p for p in pool if p != who and (not sex or px.female(p) == (sex == "f"))] or pool
            g, s = self.rng.choice(fits)
            return (g, who[1]) if self.rng.random() < 0.6 else (g, s)
        g, s = self.known("kin", who, make)
        if spanish:
            forms: list[list[Piece]] = [[f"{word} ", n(g)], [f"{word} (", n(g), ")"], [f"{word} ", n(g), " ",
                                                                                       n(s.split()[0])]]
        else:
            forms = [[f"{word} ", n(g)], [n(g), f" ({word})"], [f"{word} ", n(g), " ", n(s)]] \
                if self.split == "dev14" else [[f"{word}, ", n(g), " ", n(s)], [n(g), " ", n(s), f" ({word})"],
                                               [f"{word} ", n(g)]]
        return self.rng.choice(forms)

    # --- Spanish side ---------------------------------------------------------------------------------------
    def es_name(self, g: str, s: str) -> list[Piece]:
        s1, *rest = s.split()
        two: list[Piece] = [n(s1), " ", n(rest[0])] if rest else [n(s1)]
        nick = vx.NICKNAMES[self.split].get(g, g)
        if self.split == "dev14":
            forms: list[list[Piece]] = [[n(g)], [n(g), " ", n(s1)], [n(g), " ", *two], [n(nick)],
                                        [n(s1.upper()), *([" ", n(rest[0].upper())] if rest else []), ", ",
                                         n(g.upper())], [f"{g[0]}. ", n(s1)]]
        else:
            forms = [[n(g), " ", *two], [n(g)], [*two, ", ", n(g)], [f"{g[0]}. ", *two], [n(nick), " ", n(s1)]]
        return self.rng.choice(forms)

    def es_doctor(self, full: bool = False) -> list[Piece]:
        g, s = self.last = self.rng.choice(self.es["doc"])
        t = "Dra." if px.female(self.last) else "Dr."
        if full:
            return [f"{t} ", n(g), " ", *[x for w in s.split() for x in (n(w), " ")][:-1]]
        if self.split == "dev14":
            return [f"{t} ", n(s.split()[0])]
        return self.rng.choice([[f"la {t} ", n(s.split()[0])] if t == "Dra." else [f"el {t} ", n(s.split()[0])],
                                [f"{t} ", n(g), " ", n(s.split()[0])]])

    def es_role(self, group: str) -> list[Piece]:
        g, s = self.pick(group)
        word = self.rng.choice(tx.ROLES[self.split]["estec" if group == "tec" else "esdoc"])
        return [f"{word} ", n(g)] if self.rng.random() < 0.7 else [*self.es_name(g, s), f" ({word})"]

    def es_mobile(self, p: Person) -> str:
        m = self.known("esmob", p, lambda: f"6{digits(self.rng, 8)}")
        if self.split == "dev14":
            forms = [f"{m[:3]} {m[3:6]} {m[6:]}", m, f"+34 {m[:3]} {m[3:5]} {m[5:7]} {m[7:]}"]
        else:
            forms = [f"{m[:3]} {m[3:5]} {m[5:7]} {m[7:]}", f"+34 {m}", f"{m[:3]}-{m[3:6]}-{m[6:]}"]
        return self.rng.choice(forms)

    def es_email(self, p: Person) -> str:
        g, s1 = fold(p[0].split()[0]), fold(p[1].split()[0])
        return self.known("esmail", p, lambda: self.rng.choice([f"{g[0]}{s1}", f"{g}.{s1}"]) +
                          f"@{vx.ES_DOMAIN[self.split]}")

    def es_login(self, p: Person) -> str:
        g, s1 = fold(p[0].split()[0]), fold(p[1].split()[0])
        return self.known("login", p, lambda: f"{g[0]}{s1}" if self.split == "dev14" else f"{s1[:5]}{g[:2]}".upper())

    def espt(self) -> list[Piece]:
        g, s = self.patient
        s1, *rest = s.split()
        forms: list[list[Piece]] = [[n(g), " ", n(s1)], [n(s1.upper()), *([" ", n(rest[0].upper())] if rest else []),
                                                         ", ", n(g.upper())], [n(g), " ", n(s1), " ", n(rest[0])]
                                    if rest else [n(g), " ", n(s1)]]
        return self.rng.choice(forms)

    def es_home(self, p: Person) -> dict[str, str]:
        rng, split = self.rng, self.split

        def make() -> dict[str, str]:
            town = rng.choice(list(vx.ES_TOWNS[split]))
            floor = rng.choice([f", {rng.randrange(1, 9)}º {rng.choice('ABCD')}", f", {rng.randrange(1, 9)}º izda.",
                                ", bajo", ""])
            return {"street": f"{rng.choice(vx.ES_STREETS[split])}, {rng.randrange(1, 200)}{floor}", "town": town,
                    "cp": rng.choice(vx.ES_TOWNS[split][town]), "nhc": px.nhc(rng, split),
                    "id": px.dni(rng) if rng.random() < 0.8 else ""}
        return self.known("eshome", p, make)

    def es_id(self, foreign: bool) -> list[Piece]:
        h = self.es_home(self.patient)
        if foreign or not h["id"]:
            return mine("national_id", self.known("nie", self.patient, lambda: px.nie(self.rng)))
        v = h["id"]
        if self.rng.random() < 0.2:
            v = f"{int(v[:8]):,}".replace(",", ".") + "-" + v[8]
        return mine("national_id", v)
