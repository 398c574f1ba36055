"""How the people and numbers of `endoscopy_export.py` are written, a mixin of its scene: patients ("SURNAME, First",
title and surname, a first name or nickname), relatives by relation, staff by role word, name, surname first or
initials, logins and staff or pay numbers; hospital numbers, NHS or CHI numbers, dates of birth, phones and e-mails.
dev21 and fresh19 never share a form or a number shape."""

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
    field: Person
    groups: dict[str, list[Person]]
    pick: Callable[[list[Any]], Any]
    known: Callable[[str, Any, Callable[[], Any]], Any]
    home: Callable[[Person], dict[str, Any]]
    relative: Callable[[], tuple[Person, str]]
    female: Callable[[Person], bool]
    time: Callable[[], str]

    # --- patients ---------------------------------------------------------------------------------------------------
    def title(self, p: Person) -> str:
        return str(self.known("title", p, lambda: self.rng.choice(["Mrs", "Ms", "Miss"]) if self.female(p) else "Mr"))

    def pt(self) -> list[Piece]:
        g, s = self.patient
        t = self.title(self.patient)
        if self.dev:
            forms: list[list[Piece]] = [[n(s.upper()), ", ", n(g)], [n(g), " ", n(s)], [f"{t} ", n(g), " ", n(s)],
                                        [n(g.lower()), " ", n(s.lower())], [n(s), " ", n(g)],
                                        [n(s.upper()), " ", n(g.upper())]]
        else:
            forms = [[n(s), ", ", n(g)], [n(g.upper()), " ", n(s.upper())], [f"{t}. {g[0]} ", n(s)],
                     [n(g), " ", n(s)], [n(s.upper()), " ", n(g), f" ({t})"], [n(s.lower()), " ", n(g.lower())]]
        return list(self.pick(forms))

    def pts(self) -> list[Piece]:
        s = self.patient[1]
        t = self.title(self.patient)
        return list(self.pick([[f"{t} ", n(s)], [f"{t.upper()} ", n(s.upper())]] if self.dev else
                              [[f"{t}. ", n(s)], [n(s.upper()), f" {t}."]]))

    def ptg(self) -> list[Piece]:
        g = self.patient[0]
        r = self.rng.random()
        return [n(self.v.NICKNAMES.get(g, g))] if r < 0.3 else [n(g.lower())] if r < 0.45 else [n(g)]

    def kin(self) -> list[Piece]:
        (g, s), word = self.relative()
        forms: list[list[Piece]] = [[f"{word} ", n(g)], [n(g), f" ({word})"], [f"pt's {word} ", n(g), " ", n(s)],
                                    [f"{word} ", n(s.upper())]] if self.dev else \
            [[f"{word}: ", n(g), " ", n(s)], [n(s), ", ", n(g), f" - {word}"], [f"{word} ", n(g.lower())]]
        return list(self.pick(forms))

    # --- staff ------------------------------------------------------------------------------------------------------
    def staff(self, group: str, p: Person) -> list[Piece]:
        g, s = p
        word = self.rng.choice(self.v.ROLES[group])
        if self.dev:
            forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{word} ", n(g)], [n(s.upper()), ", ", n(g)],
                                        [f"{g[0]} ", n(s)], [f"{word} ", n(s)], [n(g.lower())],
                                        [n(s), " ", n(g)]]
        else:
            forms = [[n(s), ", ", n(g)], [f"{word} ", n(s)], [f"{g[0]}.", n(s)], [n(g), " ", n(s.upper())],
                     [f"{word} {g[0]}. ", n(s)], [n(s.lower())], [n(g)]]
        return list(self.pick(forms))

    def titled(self) -> list[Piece]:
        """A job title (kept) and a member of staff who holds it, named without a role word."""
        i = self.rng.randrange(len(self.v.JOB_TITLES))
        pool = [p for p in self.groups[self.v.TITLE_GROUPS[i]] if p != self.writer] or self.groups["nurse"]
        g, s = self.rng.choice(pool)
        forms: list[list[Piece]] = [[" ", n(g), " ", n(s)], [" ", n(s)], [" (", n(g), ")"]] if self.dev else \
            [[" ", n(s.upper())], [" - ", n(g), " ", n(s)], [" ", f"{g[0]}.", n(s)]]
        return [(self.v.JOB_TITLES[i], "job_title", False), *self.pick(forms)]

    def gp_name(self) -> list[Piece]:
        g, s = self.known("gpname", self.patient, lambda: self.rng.choice(self.groups["gp"]))
        return ["Dr ", n(s)] if self.dev else ["Dr ", n(g), " ", n(s)]

    def initials(self, p: Person | None = None) -> list[Piece]:
        g, s = p or self.writer
        letters = g[0] + s.replace("-", " ").split()[-1][0]
        style = self.known("ini", p or self.writer, lambda: self.rng.randrange(3))
        if self.dev:
            text = [letters.upper(), ".".join(letters.upper()) + ".", letters.lower()][style]
        else:
            text = [letters.upper(), g[0].upper() + s[:2].title(), f"{g[0]}{s[0]}".upper()][style]
        return mine("initials", text)

    def initials_at(self) -> list[Piece]:
        """The writer's initials with the time glued on ("RP1432", "14.32RP"): one word, planted whole."""
        ini, t = str(self.initials()[0][0]), self.time()
        return mine("initials", f"{ini}{t}" if self.dev else f"{t}{ini}")

    def login(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1])
        rng, d = self.rng, self.v.LOGIN_DOMAIN
        return str(self.known("login", p, lambda: rng.choice(
            [f"{s[:4].upper()}{g[0].upper()}{digits(rng, 3)}", f"{d}\\{g}.{s}"] if self.dev else
            [f"{g[0]}{s}{digits(rng, 1)}", f"{s[:3]}{g[:3]}".lower() + "@bgh"])))

    def staff_id(self, p: Person) -> str:
        """A staff number (dev21, the ESR's eight digits) or a pay number (fresh19)."""
        rng = self.rng
        return str(self.known("sid", p, lambda: digits(rng, 8) if self.dev else f"P{digits(rng, 5)}"))

    def staff_email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1].replace(" ", ""))
        return f"{g}.{s}@{self.v.STAFF_DOMAIN}" if self.dev else f"{g[0]}{s}@{self.v.STAFF_DOMAIN}"

    def field_email(self, maker: str) -> str:
        import endoscopy_kit as kx

        g, s = fold(self.field[0]), fold(self.field[1].replace(" ", ""))
        domain = kx.FIELD_MAIL.get(maker, "olympus.co.uk")
        return f"{g}.{s}@{domain}" if self.dev else f"{s}.{g[0]}@{domain}"

    # --- numbers ----------------------------------------------------------------------------------------------------
    def hosp(self) -> str:
        d = self.home(self.patient)["hosp"]
        if self.dev:
            return str(self.pick([f"W{d}", f"w{d}", f"W {d[:3]} {d[3:]}"]))
        return str(self.pick([f"BG{d}", f"BG-{d}", f"bg {d}"]))

    def number(self) -> str:
        v = self.home(self.patient)["num"]
        if self.dev:
            return str(self.pick([v, f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"]))
        return str(self.pick([v, f"{v[:6]}-{v[6:]}"]))

    def _dob(self, b: dt.date) -> str:
        return str(self.pick([f"{b:%d/%m/%Y}", f"{b:%d/%m/%y}", f"{b:%d-%b-%Y}"] if self.dev else
                             [f"{b:%d.%m.%Y}", f"{b.day} {b:%B %Y}", b.isoformat()]))

    def dob(self) -> str:
        return self._dob(self.home(self.patient)["dob"])

    def mobile(self, p: Person) -> str:
        m = self.home(p)["mob"]
        return str(self.pick([f"0{m[:4]} {m[4:]}", f"0{m}"] if self.dev else
                             [f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44 {m[:4]} {m[4:]}"]))

    def work_mobile(self, p: Person) -> str:
        """A member of staff's work mobile, written the same way each time."""
        return str(self.known("smob", p, lambda: self.mobile(p)))

    def landline(self, p: Person) -> str:
        h = self.home(p)
        area, local = h["area"], h["local"]
        if self.dev:
            if area == "029":
                return str(self.pick([f"029 {local[:4]} {local[4:]}", f"(029) {local}"]))
            return str(self.pick([f"{area} {local}", f"({area}) {local}"]))
        return str(self.pick([f"{area} {local[:3]} {local[3:]}", f"{area}-{local}"]))

    def home_email(self, p: Person) -> str:
        g, s, rng = fold(p[0]), fold(p[1].split()[-1]), self.rng
        if self.dev:
            return str(self.known("hmail", p, lambda: f"{g}{rng.choice(['.', '_'])}{s}{digits(rng, 2)}"
                                  f"@{rng.choice(self.v.HOME_MAIL)}"))
        return str(self.known("hmail", p, lambda: f"{s}{g[0]}{digits(rng, 3)}@{rng.choice(self.v.HOME_MAIL)}"))

    def fse_phone(self) -> list[Piece]:
        return mine("phone", self.work_mobile(self.field))
