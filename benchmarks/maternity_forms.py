"""How the people and numbers of `maternity_export.py` are written, a mixin of its scene: mothers ("SURNAME, First",
"née", title and surname, a first name or nickname), babies ("Baby of SURNAME", "BO Smith", "Twin 1 of X"; fresh18
"Infant of X", "B/O X", "Twin II X"), relatives by relation, staff by role word, name or initials, logins and
registration or pay numbers; hospital numbers (the baby's is the mother's with a suffix), NHS or CHI numbers, dates
of birth, phones (mobile, landline, overseas) and e-mails. dev20 and fresh18 never share a form or a number shape."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from export_common import Person, Piece, digits, fold, mine, n


class Forms:
    rng: random.Random
    split: str
    dev: bool
    v: Any
    patient: Person
    writer: Person
    groups: dict[str, list[Person]]
    avoid: frozenset[str]
    pick: Callable[[list[Any]], Any]
    known: Callable[[str, Any, Callable[[], Any]], Any]
    home: Callable[[Person], dict[str, Any]]
    baby: Callable[[], dict[str, Any]]
    relative: Callable[[], tuple[Person, str]]
    maiden: Callable[[], str]
    female: Callable[[Person], bool]

    # --- mothers ----------------------------------------------------------------------------------------------------
    def title(self, p: Person) -> str:
        return str(self.known("title", p, lambda: self.rng.choice(["Mrs", "Ms", "Miss"]) if self.female(p) else "Mr"))

    def pt(self) -> list[Piece]:
        g, s = self.patient
        t = self.title(self.patient)
        if self.dev:
            forms: list[list[Piece]] = [
                [n(s.upper()), ", ", n(g)], [n(g), " ", n(s)], [f"{t} ", n(s)], [n(g.lower()), " ", n(s.lower())],
                [n(g), " ", n(s), " (née ", n(self.maiden()), ")"], [n(s.upper()), ", ", n(g.upper())]]
        else:
            forms = [[n(s), " ", n(g)], [n(g.upper()), " ", n(s.upper())], [f"{t} {g[0]}. ", n(s)],
                     [n(g), " ", n(s), " nee ", n(self.maiden())], [n(g), " ", n(self.maiden()), "-", n(s)],
                     [n(s.upper()), " ", n(g)]]
        return list(self.pick(forms))

    def pts(self) -> list[Piece]:
        s = self.patient[1]
        t = self.title(self.patient)
        return list(self.pick([[f"{t} ", n(s)], [f"{t.upper()} ", n(s.upper())]] if self.dev else
                              [[f"{t}. ", n(s)], [n(s), f" ({t})"]]))

    def ptg(self) -> list[Piece]:
        g = self.patient[0]
        r = self.rng.random()
        return [n(self.v.NICKNAMES.get(g, g))] if r < 0.35 else [n(g.lower())] if r < 0.5 else [n(g)]

    def nee(self) -> list[Piece]:
        g, s = self.patient
        return [n(g), " ", n(s), " née ", n(self.maiden())] if self.dev else \
            [n(s.upper()), " (maiden name ", n(self.maiden()), ")"]

    # --- babies -----------------------------------------------------------------------------------------------------
    def bb(self) -> list[Piece]:
        b = self.baby()
        s, g = b["surname"], b["given"]
        k = self.rng.randrange(1, 3)
        if self.dev:
            forms: list[list[Piece]] = [["Baby of ", n(s.upper())], ["BO ", n(s)], ["baby of ", n(s)]]
            if b["twins"]:
                forms += [[f"Twin {k} of ", n(s)], [f"T{k} ", n(s.upper())]]
            if g:
                forms += [["baby ", n(g)], [n(g), " ", n(s)]]
        else:
            forms = [["Infant of ", n(s)], ["B/O ", n(s.upper())], [f"baby {self.rng.choice(['girl', 'boy'])} ", n(s)]]
            if b["twins"]:
                forms += [[f"Twin {'I' * k} ", n(s)], [n(s), f" twin {k}"]]
            if g:
                forms += [["babe ", n(g)], [n(s), ", ", n(g), " (infant)"]]
        return list(self.pick(forms))

    def bhosp(self) -> str:
        d, k = self.home(self.patient)["hosp"], self.rng.randrange(1, 3) if self.baby()["twins"] else 1
        if self.dev:
            return str(self.pick([f"L{d}/B{k}", f"L{d}-B{k}"]))
        c = self._check_letter(d)
        return str(self.pick([f"G{d}{c}/0{k}", f"G{d}{c}.{k}"]))

    def bnum(self) -> str:
        return self._written_number(self.baby()["num"])

    def bdob(self) -> str:
        return self._dob(self.baby()["born"])

    def tag(self) -> str:
        t = self.baby()["tag"]
        return str(t)

    # --- relatives and staff ----------------------------------------------------------------------------------------
    def kin(self) -> list[Piece]:
        (g, s), word = self.relative()
        forms: list[list[Piece]] = [[f"her {word} ", n(g)], [f"{word} ", n(g), " ", n(s)], [n(g), f" ({word})"],
                                    [f"pt's {word} ", n(g)]] if self.dev else \
            [[f"{word} ", n(g)], [n(g), " ", n(s), f" - {word}"], [f"woman's {word} ", n(s.upper())]]
        return list(self.pick(forms))

    def staff(self, group: str, p: Person) -> list[Piece]:
        g, s = p
        word = self.rng.choice(self.v.ROLES[group])
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{word} ", n(g)], [n(g), f" ({word})"], [f"{g[0]} ", n(s)],
                                    [n(s.upper())], [f"{word} ", n(s)]] if self.dev else \
            [[n(s), ", ", n(g)], [f"{word} ", n(s)], [f"{g[0]}.", n(s)], [n(g)], [n(g), " ", n(s.upper())],
             [f"{word} {g[0]}. ", n(s)]]
        return list(self.pick(forms))

    def titled(self) -> list[Piece]:
        """A job title (kept) and a member of staff who holds it, named without a role word."""
        i = self.rng.randrange(len(self.v.JOB_TITLES))
        pool = [p for p in self.groups[self.v.TITLE_GROUPS[i]] if p != self.writer] or self.groups["midwife"]
        g, s = self.rng.choice(pool)
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{g[0]} ", n(s)], [n(s)]] if self.dev else \
            [[n(g), " ", n(s.upper())], [f"{g[0]}. ", n(s)], [n(s)]]
        return [(self.v.JOB_TITLES[i], "job_title", False), " ", *self.pick(forms)]

    def gp_name(self) -> list[Piece]:
        g, s = self.known("gpname", self.patient, lambda: self.rng.choice(self.groups["gp"]))
        return ["Dr ", n(s)] if self.dev else ["Dr ", n(g), " ", n(s)]

    def interpreter(self) -> list[Piece]:
        g, s = self.known("interp", self.patient, lambda: self.rng.choice(self.groups["interp"]))
        lang = self.known("lang", self.patient, lambda: self.rng.choice(self.v.LANGUAGES))
        agency = self.rng.choice(self.v.INTERPRETING)
        return list(self.pick([[f"{lang} interpreter ", n(g)], [n(g), " ", n(s), f" ({lang}, {agency})"]]
                              if self.dev else [[f"{lang} translator ", n(g), " ", n(s)],
                                                [n(s.upper()), f" - {agency} - {lang}"]]))

    def initials(self, p: Person | None = None) -> list[Piece]:
        g, s = p or self.writer
        a, b = fold(g), fold(s.split()[-1])
        tries = [a[:1] + "".join(fold(w)[:1] for w in s.replace("-", " ").split()), a[:1] + b[:1], a[:2] + b[:1],
                 a[:1] + b[:2]]
        ini = next((t for t in tries if len(t) >= 2 and t not in self.avoid), tries[-1] + "x")
        return [(ini.upper(), "initials", True)]

    def login(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1].split()[-1])
        d, rng = self.v.LOGIN_DOMAIN, self.rng
        return str(self.known("login", p, lambda: rng.choice(
            [f"{g[0]}{s}{digits(rng, 2)}", f"{s[:5]}{g[:2]}".upper(), f"{d}\\{s}{g[0]}"] if self.dev else
            [f"{g}.{s}", f"{s}{g[0]}{digits(rng, 1)}", f"{d.lower()}/{g[:3]}{s[:3]}"])))

    def staff_id(self, p: Person) -> str:
        """A midwife's or nurse's NMC PIN (dev20) or the board's pay number (fresh18)."""
        rng = self.rng
        return str(self.known("sid", p, lambda: f"{digits(rng, 2)}{rng.choice('ABCDEFGHIJKLY')}{digits(rng, 4)}"
                              f"{rng.choice('ABCDEOSW')}" if self.dev else f"10{digits(rng, 6)}"))

    def staff_email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1].replace(" ", ""))
        return f"{g}.{s}@{self.v.STAFF_DOMAIN}" if self.dev else f"{g}.{s}{self.rng.choice(['', '2'])}@nhs.scot"

    # --- numbers ----------------------------------------------------------------------------------------------------
    @staticmethod
    def _check_letter(d: str) -> str:
        return "ABCDEFGHJKLMNPRSTUVWXYZ"[sum(int(x) * (i + 2) for i, x in enumerate(d)) % 23]

    def hosp(self) -> str:
        d = self.home(self.patient)["hosp"]
        if self.dev:
            return str(self.pick([f"L{d}", f"L {d}", f"L{d[:3]}-{d[3:]}"]))
        c = self._check_letter(d)
        return str(self.pick([f"G{d}{c}", f"G {d} {c}", f"g{d}{c.lower()}"]))

    def _written_number(self, v: str) -> str:
        if self.dev:
            return str(self.pick([v, f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"]))
        return str(self.pick([v, f"{v[:6]} {v[6:]}"]))

    def number(self) -> str:
        return self._written_number(self.home(self.patient)["num"])

    def _dob(self, b: dt.date) -> str:
        return str(self.pick([f"{b:%d/%m/%Y}", f"{b:%d/%m/%y}", f"{b:%d-%b-%Y}"] if self.dev else
                             [f"{b:%d.%m.%Y}", f"{b.day} {b:%B %Y}", b.isoformat()]))

    def dob(self) -> str:
        return self._dob(self.home(self.patient)["dob"])

    def mobile(self, p: Person) -> str:
        h = self.home(p)
        if h["abroad"]:
            code, pattern = self.known("abroad", p, lambda: self.rng.choice(self.v.OVERSEAS))
            return str(self.known("intl", p, lambda: code + " " + "".join(
                self.rng.choice("0123456789") if c == "#" else c for c in pattern)))
        m = h["mob"]
        return str(self.pick([f"0{m[:4]} {m[4:]}", f"0{m}", f"+44 {m[:4]} {m[4:]}"] if self.dev else
                             [f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44{m}", f"0{m[:4]}-{m[4:]}"]))

    def work_mobile(self, p: Person) -> str:
        """A member of staff's work mobile: a UK one, however their own home's number is written."""
        m = self.home(p)["mob"]
        return str(self.known("smob", p, lambda: self.pick([f"0{m[:4]} {m[4:]}", f"0{m}"] if self.dev else
                                                          [f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44{m}"])))

    def landline(self, p: Person) -> str:
        h = self.home(p)
        area, local = h["area"], h["local"]
        if self.dev:
            return str(self.pick([f"0116 {local[:3]} {local[3:]}", f"(0116) {local}"] if area == "0116" else
                                 [f"{area} {local}", f"{area}{local}"]))
        return str(self.pick([f"{area} {local[:3]} {local[3:]}", f"({area}) {local}"]))

    def home_email(self, p: Person) -> str:
        g, s, rng = fold(p[0]), fold(p[1].split()[-1]), self.rng
        if self.dev:
            return str(self.known("hmail", p, lambda: f"{rng.choice([g, g[0]])}{rng.choice(['.', '', '_'])}{s}"
                                  f"{rng.choice(['', digits(rng, 2)])}@{rng.choice(self.v.HOME_MAIL)}"))
        return str(self.known("hmail", p, lambda: f"{s}{rng.choice(['.', '-'])}{g}{rng.choice(['', digits(rng, 4)])}"
                              f"@{rng.choice(self.v.HOME_MAIL)}"))

    def phone_of_mother(self) -> list[Piece]:
        p = self.patient
        return mine("phone", self.mobile(p) if self.rng.random() < 0.75 else self.landline(p))
