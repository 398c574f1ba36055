"""How the people and numbers of `audiology_export.py` are written, a mixin of its scene: patients ("SURNAME, First",
title and surname, a first name or nickname, lower case), relatives and carers by relation, staff by role word, name,
surname first or initials (an Irish surname's Mc or O kept in fresh20's: "CMcL"), logins, staff, HCPC and payroll
numbers; hospital numbers, NHS or H&C numbers, dates of birth, phones and e-mails. dev22 and fresh20 never share a
form or a number shape."""

from __future__ import annotations

import datetime as dt
import random
import re
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
    pick: Callable[[list[Any]], Any]
    known: Callable[[str, Any, Callable[[], Any]], Any]
    home: Callable[[Person], dict[str, Any]]
    relative: Callable[[], tuple[Person, str]]
    female: Callable[[Person], bool]
    child: Callable[[Person], bool]
    time: Callable[[], str]

    # --- patients ---------------------------------------------------------------------------------------------------
    def title(self, p: Person) -> str:
        if self.child(p):
            return "Miss" if self.female(p) else "Master"
        return str(self.known("title", p, lambda: self.rng.choice(["Mrs", "Ms", "Miss"]) if self.female(p) else "Mr"))

    def pt(self) -> list[Piece]:
        g, s = self.patient
        t = self.title(self.patient)
        if self.dev:
            forms: list[list[Piece]] = [[n(s.upper()), ", ", n(g)], [n(g), " ", n(s)], [f"{t} ", n(g), " ", n(s)],
                                        [n(g.lower()), " ", n(s.lower())], [n(s.upper()), " ", n(g.upper())]]
        else:
            forms = [[n(s), ", ", n(g)], [n(g.upper()), " ", n(s.upper())], [f"{self.dotted(t)} {g[0]} ", n(s)],
                     [n(g), " ", n(s)], [n(s.upper()), ", ", n(g), f" ({t})"]]
        return list(self.pick(forms))

    def pts(self) -> list[Piece]:
        s = self.patient[1]
        t = self.title(self.patient)
        return list(self.pick([[f"{t} ", n(s)], [f"{t.upper()} ", n(s.upper())]] if self.dev else
                              [[f"{self.dotted(t)} ", n(s)], [n(s.upper()), f" {self.dotted(t)}"]]))

    @staticmethod
    def dotted(title: str) -> str:
        """fresh20's "Mr." and "Mrs." (Miss and Master have no dot)."""
        return f"{title}." if title in ("Mr", "Mrs", "Ms") else title

    def ptg(self) -> list[Piece]:
        g = self.patient[0]
        r = self.rng.random()
        return [n(self.v.NICKNAMES.get(g, g))] if r < 0.3 else [n(g.lower())] if r < 0.45 else [n(g)]

    def kin(self) -> list[Piece]:
        (g, s), word = self.relative()
        forms: list[list[Piece]] = [[f"{word} ", n(g)], [n(g), f" ({word})"], [f"pt's {word} ", n(g), " ", n(s)],
                                    [f"{word.lower()} ", n(g.lower())]] if self.dev else \
            [[f"{word} ", n(g), " ", n(s)], [n(s), ", ", n(g), f" ({word})"], [f"the {word}, ", n(g)]]
        return list(self.pick(forms))

    def carer(self) -> list[Piece]:
        """A child's parent or granny: by name, by relation word and name, or "Mrs Surname"."""
        (g, s), word = self.relative()
        title = "Mrs" if self.female((g, s)) else "Mr"
        forms: list[list[Piece]] = [[n(g), " ", n(s), f" ({word})"], [f"{word} - ", n(g)], [f"{title} ", n(s)]] \
            if self.dev else [[n(s.upper()), ", ", n(g)], [f"{title}. ", n(s), f" ({word})"],
                              [f"{word} {g[0]}. ", n(s)]]
        return list(self.pick(forms))

    # --- staff ------------------------------------------------------------------------------------------------------
    def staff(self, group: str, p: Person) -> list[Piece]:
        g, s = p
        word = self.rng.choice(self.v.ROLES[group])
        if self.dev:
            forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{word} ", n(g)], [n(s.upper()), ", ", n(g)],
                                        [f"{g[0]} ", n(s)], [n(g.lower())], [n(s), " ", n(g)]]
        else:
            forms = [[n(s), ", ", n(g)], [f"{word} ", n(s)], [f"{g[0]}.", n(s)], [n(g), " ", n(s.upper())],
                     [f"{word} {g[0]}. ", n(s)], [n(g)]]
        return list(self.pick(forms))

    def titled(self) -> list[Piece]:
        """A job title (kept) and a member of staff who holds it, named without a role word."""
        i = self.rng.randrange(len(self.v.JOB_TITLES))
        pool = [p for p in self.groups[self.v.TITLE_GROUPS[i]] if p != self.writer] or self.groups["aud"]
        g, s = self.rng.choice(pool)
        forms: list[list[Piece]] = [[" ", n(g), " ", n(s)], [" ", n(s)], [" (", n(g), ")"]] if self.dev else \
            [[" ", n(s.upper())], [" - ", n(g), " ", n(s)], [" ", f"{g[0]}.", n(s)]]
        return [(self.v.JOB_TITLES[i], "job_title", False), *self.pick(forms)]

    def gp_name(self) -> list[Piece]:
        g, s = self.known("gpname", self.patient, lambda: self.rng.choice(self.groups["gp"]))
        return ["Dr ", n(s)] if self.dev else ["Dr. ", n(g), " ", n(s)]

    def letters(self, p: Person) -> str:
        g, s = p
        last = s.replace("-", " ").split()[-1]
        if not self.dev:
            m = re.match(r"(Mc|Mac|O'|Ó )\s*(\w)", s)
            if m:
                return g[0] + m.group(1).strip().replace("'", "").replace("Ó", "O") + m.group(2)
        return g[0] + last[0]

    def initials(self, p: Person | None = None) -> list[Piece]:
        who = p or self.writer
        letters = self.letters(who)
        style = self.known("ini", who, lambda: self.rng.randrange(3))
        if self.dev:
            text = [letters.upper(), ".".join(letters.upper()) + ".", letters.lower()][style]
        else:
            text = [letters, f"{letters[0]}.{letters[1:]}", letters.upper()][style]
        return mine("initials", text)

    def initials_at(self) -> list[Piece]:
        """The writer's initials with the time glued on ("GS14:32", "14.32/CMcL"): one word, planted whole."""
        ini, t = str(self.initials()[0][0]), self.time()
        return mine("initials", f"{ini}{t}" if self.dev else f"{t}/{ini}")

    def login(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1])
        rng, d = self.rng, self.v.LOGIN_DOMAIN
        return str(self.known("login", p, lambda: rng.choice(
            [f"{d}\\{s}{g[0]}", f"{s[:5].upper()}{g[0].upper()}{digits(rng, 2)}"] if self.dev else
            [f"{g}.{s}{digits(rng, 1)}", f"{g[0]}{s[:4]}{digits(rng, 3)}".upper()])))

    def staff_id(self, p: Person, group: str = "") -> str:
        """dev22: an HCPC number (CS clinical scientists, HAD dispensers) or an ESR number; fresh20: a payroll
        number."""
        rng = self.rng

        def make() -> str:
            if not self.dev:
                return f"HSC/{digits(rng, 6)}"
            if group == "aud":
                return f"CS{digits(rng, 5)}"
            return f"HAD{digits(rng, 6)}" if group == "tech" else f"E{digits(rng, 7)}"
        return str(self.known("sid", p, make))

    def staff_email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1].replace(" ", ""))
        return f"{g}.{s}@{self.v.STAFF_DOMAIN}" if self.dev else f"{g[0]}{s}@{self.v.STAFF_DOMAIN}"

    # --- numbers ----------------------------------------------------------------------------------------------------
    def hosp(self) -> str:
        d = self.home(self.patient)["hosp"]
        if self.dev:
            return str(self.pick([f"Z{d}", f"z{d}", f"Z {d}"]))
        return str(self.pick([f"AH{d}", f"AH {d[:3]} {d[3:]}", f"ah{d}"]))

    def number(self) -> str:
        v = str(self.home(self.patient)["num"])
        if self.dev:
            return str(self.pick([f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"]))
        return v

    def _dob(self, b: dt.date) -> str:
        return str(self.pick([f"{b:%d/%m/%Y}", f"{b:%d/%m/%y}", f"{b:%d-%b-%Y}"] if self.dev else
                             [f"{b:%d.%m.%Y}", b.isoformat(), f"{b:%d %B %Y}"]))

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
            if area == "0121":
                return str(self.pick([f"0121 {local[:3]} {local[3:]}", f"0121{local}"]))
            return str(self.pick([f"{area} {local}", f"({area}) {local}"]))
        return str(self.pick([f"028 {local[:4]} {local[4:]}", f"(028) {local}"]))

    def home_email(self, p: Person) -> str:
        g, s, rng = fold(p[0]), fold(p[1].split()[-1]), self.rng
        if self.dev:
            return str(self.known("hmail", p, lambda: f"{g}.{s}{digits(rng, 2)}@{rng.choice(self.v.HOME_MAIL)}"))
        return str(self.known("hmail", p, lambda: f"{g}_{s}{digits(rng, 1)}@{rng.choice(self.v.HOME_MAIL)}"))

    def staff_phone(self, p: Person) -> list[Piece]:
        return mine("phone", self.work_mobile(p))
