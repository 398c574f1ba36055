"""The scene every cell of `oxygen_export.py` is filled from: the asset and its patient, the writer, the nurse, GP,
engineer and driver, and the forms people are written in (patients by title, name, nickname, "JONES, Megan";
relatives by relation; carers and staff by role word; initials); each person's phones, e-mail, home, key safe and
numbers kept the same. `slot` turns a template's `{slot}` into planted pieces (personal, marked for the truth) or
kept reference values."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import oxygen_kit as kx
import oxygen_people as px
from export_common import Memo, Person, Piece, digits, fill, keysafe, mine, n, nhs_number
from export_common import fold as _fold

_STROKES = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss", "æ": "ae"})


def fold(text: str) -> str:
    """ASCII letters of a name for an e-mail or a login (a stroke letter as its plain letter)."""
    return _fold(text.translate(_STROKES))


# Relatives an old patient has no more (a mother, an aunt) and a young one has not yet (grandchildren).
OLDER = {"mam", "aunt"}
YOUNGER = {"grandson", "granddaughter", "son-in-law"}


class Scene(Memo):
    def __init__(self, rng: random.Random, split: str, groups: dict[str, list[Person]]) -> None:
        self.rng, self.split, self.groups = rng, split, groups
        self.v = px.VOCAB[split]
        self.wales = split == "dev17"
        self.patient: Person = groups["patient"][0]
        self.writer: Person = groups["admin"][0]
        self.nurse: Person = groups["nurse"][0]
        self.eng: Person = groups["eng"][0]
        self.asset: dict[str, Any] = {}
        self.tags: list[str] = []
        self.jobs: list[str] = []
        self.year = 2024
        self._known = {}
        self.avoid = px.reserved_words() | px.SHORT_WORDS

    def pick(self, options: list[Any]) -> Any:
        return options[self.rng.randrange(len(options))]

    # --- forms of people ------------------------------------------------------------------------------------
    def nick(self, g: str) -> str:
        return str(self.v.NICKNAMES.get(g, g))

    def title(self, p: Person) -> str:
        return str(self.known("title", p, lambda: "Mr" if not px.female(p) else self.rng.choice(
            ["Mrs", "Mrs", "Ms", "Miss"])))

    def sur(self, p: Person, upper: bool = False) -> list[Piece]:
        """The surname as it follows a title: a patronymic ("ap Iorwerth") is never written without the given name."""
        g, s = p
        if s.startswith(("ap ", "ferch ")):
            return [n(g.upper() if upper else g), " ", n(s.upper() if upper else s)]
        return [n(s.upper() if upper else s)]

    def pt(self, p: Person | None = None) -> list[Piece]:
        g, s = p or self.patient
        t = self.title((g, s))
        if self.wales:
            forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{t} ", *self.sur((g, s))], [f"{t} {g[0]} ", n(s)],
                                        [n(s.upper()), ", ", n(g)], [n(g.lower()), " ", n(s.lower())],
                                        [n(s), " ", n(g)]]
        else:
            forms = [[f"{t} ", n(g), " ", n(s)], [n(s.upper()), " ", n(g)], [n(g), " ", n(s)],
                     [f"{t} ", *self.sur((g, s))], [f"{g[0]}. ", n(s)], [n(s), ", ", n(g)]]
        return list(self.pick(forms))

    def pts(self) -> list[Piece]:
        t = self.title(self.patient)
        return [f"{t} ", *self.sur(self.patient)] if self.rng.random() < 0.7 else \
            [f"{t.upper()} ", *self.sur(self.patient, upper=True)]

    def ptg(self) -> list[Piece]:
        g = self.patient[0]
        r = self.rng.random()
        return [n(self.nick(g))] if r < 0.3 else [n(g.lower())] if r < 0.4 else [n(g)]

    def relative(self, who: Person | None = None) -> tuple[Person, str]:
        who = who or self.patient
        rels = self.v.RELATIONS
        born = self.dob(who).year
        fit = [w for w in sorted(rels) if not (born < 1965 and w in OLDER) and not (born > 1972 and w in YOUNGER)]
        word = self.known("rel", who, lambda: self.rng.choice(fit))

        def make() -> Person:
            pool = self.groups["patient"]
            fits = [p for p in pool if p != who and (not rels[word] or px.female(p) == (rels[word] == "f"))] or pool
            g, s = self.rng.choice(fits)
            return (g, who[1]) if self.rng.random() < 0.55 and word != "neighbour" else (g, s)
        return self.known("kin", who, make), word

    def kin(self) -> list[Piece]:
        (g, s), word = self.relative()
        pron = "her" if px.female(self.patient) else "his"
        if self.wales:
            forms: list[list[Piece]] = [[f"{pron} {word} ", n(g)], [f"{word} (", n(self.nick(g)), ")"],
                                        [f"{word} ", n(g), " ", n(s)], [n(g), f" ({word})"], [f"NOK {word} ", n(g)]]
        else:
            forms = [[f"{word} ", n(g), " ", n(s)], [f"the client's {word} ", n(g)], [n(g), " ", n(s), f" ({word})"],
                     [f"{word} - ", n(self.nick(g))], [f"{pron} {word} ", n(g)]]
        return list(self.pick(forms))

    def carer(self) -> list[Piece]:
        g, s = self.known("carer", self.patient, lambda: self.rng.choice(self.groups["carer"]))
        word = self.rng.choice(self.v.ROLES["carer"])
        return list(self.pick([[f"{word} ", n(g)], [f"{word} ", n(g), " ", n(s)], [n(g), f" ({word})"]]))

    def staff(self, group: str, p: Person) -> list[Piece]:
        g, s = p
        word = self.rng.choice(self.v.ROLES[group])
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{word} ", n(g)], [n(g), f" ({word})"], self.sur(p),
                                    [f"{g[0]} ", n(s)], [n(g), " ", s[0]]] if self.wales else \
            [[n(g), " ", n(s)], [f"{word} ", n(g), " ", n(s)], [n(s), f" ({word})"], [f"{g[0]}. ", n(s)], [n(g)],
             self.sur(p, upper=True)]
        return list(self.pick(forms))

    def gp(self) -> list[Piece]:
        p = self.known("gp", self.patient, lambda: self.rng.choice(self.groups["gp"]))
        g, s = p
        return list(self.pick([["Dr ", *self.sur(p)], [f"Dr {g[0]} ", n(s)], ["Dr ", n(g), " ", n(s)]] if self.wales
                              else [["Dr ", n(s)], [f"Dr. {g[0]}. ", n(s)], ["DR ", *self.sur(p, upper=True)]]))

    def initials(self, p: Person | None = None) -> list[Piece]:
        g, s = p or self.writer
        a, b = fold(g), fold(s.split()[-1])
        tries = [a[:1] + "".join(fold(w)[:1] for w in s.replace("-", " ").split() if w not in ("ap", "ferch")),
                 a[:1] + b[:1], a[:2] + b[:1], a[:1] + b[:2], a[:1] + "x" + b[:1]]
        ini = next((t for t in tries if len(t) >= 2 and t not in self.avoid), tries[-1])
        return [(ini.upper() if self.rng.random() < 0.85 else ini, "initials", True)]

    def login(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1].split()[-1])
        return str(self.known("login", p, lambda: self.rng.choice(
            [f"{g}.{s}", f"{g[0]}{s}", f"{s}{g[0]}"] if self.wales else
            [f"{s[:5]}{g[0]}{digits(self.rng, 2)}".upper(), f"{g}{s[0]}", f"{s}.{g}"])))

    # --- their details --------------------------------------------------------------------------------------
    def mobile(self, p: Person) -> str:
        m = self.known("mob", p, lambda: f"7{self.rng.choice('3456789')}{digits(self.rng, 8)}")
        forms = [f"0{m[:4]} {m[4:]}", f"0{m}", f"+44 {m[:4]} {m[4:]}", f"0{m[:4]}-{m[4:7]}-{m[7:]}"] if self.wales \
            else [f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44{m}", f"0044 {m[:4]} {m[4:]}", f"0{m}"]
        return str(self.pick(forms))

    def landline(self, p: Person) -> str:
        h = self.home(p)
        area, local = h["area"], h["local"]
        cut = len(local) // 2
        forms = [f"{area} {local}", f"({area}) {local}", f"+44 {area[1:]} {local}", f"{area}-{local}",
                 f"{area} {local[:3]} {local[3:]}"] if self.wales else \
            [f"{area} {local[:3]} {local[3:]}", f"({area}) {local}", f"+44 (0){area[1:]} {local[:cut]} {local[cut:]}",
             f"{area}-{local}"]
        return str(self.pick(forms))

    def home(self, p: Person) -> dict[str, Any]:
        rng, v = self.rng, self.v

        def make() -> dict[str, Any]:
            town = rng.choice(sorted(v.TOWNS))
            districts, area, villages = v.TOWNS[town]
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            pc = f"{rng.choice(districts)} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
            number, street = rng.randrange(1, 140), rng.choice(v.STREETS)
            r = rng.random()
            if self.wales:  # a house name alone, a house name on a lane, a number, a flat
                lines = [rng.choice(v.HOUSES)] if r < 0.35 else [rng.choice(v.HOUSES), street] if r < 0.55 else \
                    [f"{number} {street}"] if r < 0.9 else [f"{rng.choice(v.FLATS)}{number} {street}"]
            else:  # a tenement flat "2F1, 14 Easter Road" or "14/3 Easter Road", a number, a cottage
                lines = [f"{rng.choice(v.FLATS)}, {number} {street}"] if r < 0.35 else \
                    [f"{number}/{rng.randrange(1, 9)} {street}"] if r < 0.6 else [f"{number} {street}"] if r < 0.85 \
                    else [rng.choice(v.HOUSES), street]
            village = rng.choice(villages) if rng.random() < (0.6 if self.wales else 0.35) else ""
            local = digits(rng, 11 - len(area))
            while local[0] in "01":
                local = digits(rng, 11 - len(area))
            woman = px.female(p)
            born = self.dob(p)
            return {"lines": lines, "village": village, "town": town, "pc": pc, "area": area, "local": local,
                    "nhs": nhs_number(rng), "chi": kx.chi_number(rng, born, woman), "ks": keysafe(rng),
                    "door": keysafe(rng)}
        return dict(self.known("home", p, make))

    def address(self, p: Person | None = None, with_town: bool = True) -> list[Piece]:
        """The home written on one line: its personal lines, then the village and town (not planted)."""
        h = self.home(p or self.patient)
        out: list[Piece] = []
        for i, line in enumerate(h["lines"]):
            out += [", "] * bool(i) + mine("address", line)
        if h["village"] and self.rng.random() < 0.7:
            out += [", ", h["village"]]
        if with_town:
            out += [", ", h["town"]]
        return out

    def dob(self, p: Person) -> dt.date:
        return dt.date(*self.known("dob", p, lambda: (self.rng.randrange(1928, 1990), self.rng.randrange(1, 13),
                                                       self.rng.randrange(1, 29))))

    def typed_dob(self, p: Person | None = None) -> str:
        b = self.dob(p or self.patient)
        if self.wales:
            return str(self.pick([f"{b:%d/%m/%Y}", f"{b.day}.{b.month}.{b:%y}", f"{b.day} {self.v.MONTHS[b.month - 1]}"
                                  f" {b.year}", f"{b:%d/%m/%y}"]))
        suffix = "th" if 10 < b.day < 14 else {1: "st", 2: "nd", 3: "rd"}.get(b.day % 10, "th")
        return str(self.pick([f"{b:%d-%b-%Y}", f"{b:%d/%m/%y}", f"{b.day}{suffix} {b:%B %Y}", f"{b:%d.%m.%Y}"]))

    def nhs(self) -> str:
        v = self.home(self.patient)["nhs"]
        return str(self.pick([v, f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"]))

    def chi(self) -> str:
        v = self.home(self.patient)["chi"]
        return str(self.pick([v, f"{v[:6]} {v[6:]}", f"{v[:6]}-{v[6:]}"]))

    def number(self) -> list[Piece]:
        """The patient's NHS number (dev17) or CHI number (fresh15)."""
        return mine("nhs", self.nhs()) if self.wales else mine("chi", self.chi())

    def home_email(self, p: Person) -> str:
        g, s, rng = fold(p[0]), fold(p[1].split()[-1]), self.rng
        return str(self.known("hmail", p, lambda: f"{rng.choice([g, g[0], g + s[:1]])}{rng.choice(['.', '', '_'])}"
                              f"{s}{rng.choice(['', digits(rng, 2), str(rng.randrange(40, 99))])}@"
                              f"{rng.choice(self.v.HOME_MAIL)}"))

    def staff_email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1].replace(" ", ""))
        return f"{g}.{s}@{self.v.STAFF_DOMAIN}"

    # --- dates ----------------------------------------------------------------------------------------------
    def day(self) -> dt.date:
        return min(dt.date(self.year, self.rng.randrange(1, 13), self.rng.randrange(1, 29)), kx.END)

    def date(self) -> str:
        d = self.day()
        return str(self.pick([f"{d:%d/%m/%y}", f"{d.day}/{d.month}", f"{d.day} {d:%b}"] if self.wales
                             else [f"{d:%d.%m.%Y}", f"{d.day}-{d.month}-{d:%y}", f"{d:%a} {d.day}/{d.month}"]))

    def time(self) -> str:
        h, m = self.rng.randrange(8, 18), self.rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
        return f"{h:02d}:{m:02d}" if self.wales else f"{(h - 1) % 12 + 1}.{m:02d}{'am' if h < 12 else 'pm'}"

    def fill(self, template: str, case: str = "") -> list[Piece]:
        import oxygen_slots

        return fill(template, lambda key: oxygen_slots.slot(self, key), case)
