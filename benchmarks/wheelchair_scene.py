"""The scene every cell of `wheelchair_export.py` is filled from: the asset and its client, the writer, the
prescriber and the repairer's engineer, and the forms people are written in: clients by title, name or nickname,
relatives by relation, carers and staff by role word, initials; each person's phones, e-mail, home, key safe and
numbers kept the same. `slot` turns a template's `{slot}` into planted pieces (personal, marked for the truth) or
kept reference values."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import wheelchair_kit as kx
import wheelchair_people as px
import wheelchair_vocab as vx
from export_common import Memo, Person, Piece, digits, fill, fold, keysafe, mine, n, nhs_number, ref


class Scene(Memo):
    def __init__(self, rng: random.Random, split: str, groups: dict[str, list[Person]]) -> None:
        self.rng, self.split, self.groups = rng, split, groups
        self.client: Person = groups["client"][0]
        self.writer: Person = groups["admin"][0]
        self.ther: Person = groups["ther"][0]
        self.eng: Person = groups["eng"][0]
        self.asset: dict[str, Any] = {}
        self.tags: list[str] = []
        self.jobs: list[str] = []
        self.year = 2024
        self._known = {}
        self.avoid = px.reserved_words() | px.SHORT_WORDS

    # --- forms of people ------------------------------------------------------------------------------------
    def nick(self, g: str) -> str:
        return vx.NICKNAMES[self.split].get(g, g)

    def title(self, p: Person) -> str:
        return self.known("title", p, lambda: "Mr" if not px.female(p) else self.rng.choice(["Mrs", "Ms", "Miss"]))

    def cl(self) -> list[Piece]:
        g, s = self.client
        t = self.title(self.client)
        if self.split == "dev16":
            forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{t} ", n(s)], [f"{t} {g[0]} ", n(s)],
                                        [n(s.upper()), " ", n(g)], [n(g.lower()), " ", n(s.lower())]]
        else:
            forms = [[f"{t} ", n(g), " ", n(s)], [n(s), ", ", n(g)], [n(g), " ", n(s)], [f"{t} ", n(s)],
                     [f"{g[0]}. ", n(s)]]
        return self.rng.choice(forms)

    def cls(self) -> list[Piece]:
        s = self.client[1]
        t = self.title(self.client)
        return [f"{t} ", n(s)] if self.split == "dev16" or self.rng.random() < 0.6 else [f"{t.upper()} ", n(s)]

    def clg(self) -> list[Piece]:
        g, _ = self.client
        r = self.rng.random()
        return [n(self.nick(g))] if r < 0.3 else [n(g.lower())] if r < 0.45 and self.split == "dev16" else [n(g)]

    def relative(self) -> tuple[Person, str]:
        who = self.client
        rels = vx.RELATIONS[self.split]
        word = self.known("rel", who, lambda: self.rng.choice(sorted(rels)))

        def make() -> Person:
            pool = self.groups["client"]
            fits = [p for p in pool if p != who and (not rels[word] or px.female(p) == (rels[word] == "f"))] or pool
            g, s = self.rng.choice(fits)
            return (g, who[1]) if self.rng.random() < 0.5 else (g, s)
        return self.known("kin", who, make), word

    def kin(self) -> list[Piece]:
        (g, s), word = self.relative()
        pron = "her" if px.female(self.client) else "his"
        if self.split == "dev16":
            forms: list[list[Piece]] = [[f"{pron} {word} ", n(g)], [f"{word} (", n(self.nick(g)), ")"],
                                        [f"{word} ", n(g), " ", n(s)], [n(g), f" ({word})"]]
        else:
            forms = [[f"{word} ", n(g), " ", n(s)], [f"client's {word} ", n(g)], [n(g), " ", n(s), f" ({word})"],
                     [f"{word} - ", n(g)]]
        return self.rng.choice(forms)

    def carer(self) -> list[Piece]:
        g, s = self.known("carer", self.client, lambda: self.rng.choice(self.groups["carer"]))
        word = self.rng.choice(vx.ROLES[self.split]["carer"])
        return self.rng.choice([[f"{word} ", n(g)], [f"{word} ", n(g), " ", n(s)], [n(g), f" ({word})"]])

    def staff(self, group: str, p: Person) -> list[Piece]:
        g, s = p
        word = self.rng.choice(vx.ROLES[self.split][group])
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{word} ", n(g)], [n(g), f" ({word})"], [n(s)],
                                    [f"{g[0]} ", n(s)]] if self.split == "dev16" else \
            [[n(g), " ", n(s)], [f"{word} ", n(g), " ", n(s)], [n(s), f" ({word})"], [f"{g[0]}. ", n(s)], [n(g)]]
        return self.rng.choice(forms)

    def initials(self, p: Person | None = None) -> list[Piece]:
        g, s = p or self.writer
        a, b = fold(g), fold(s)
        tries = [a[:1] + "".join(fold(w)[:1] for w in s.replace("-", " ").split()), a[:2] + b[:1], a[:1] + b[:2],
                 a[:1] + "x" + b[:1]]
        ini = next((t for t in tries if len(t) >= 2 and t not in self.avoid), tries[-1])
        return [(ini.upper() if self.rng.random() < 0.85 else ini, "initials", True)]

    # --- their details --------------------------------------------------------------------------------------
    def mobile(self, p: Person) -> str:
        m = self.known("mob", p, lambda: f"7{self.rng.choice('3456789')}{digits(self.rng, 8)}")
        forms = [f"0{m[:4]} {m[4:]}", f"0{m}", f"0{m[:4]}-{m[4:]}"] if self.split == "dev16" else \
            [f"0{m[:4]} {m[4:7]} {m[7:]}", f"+44 {m[:4]} {m[4:]}", f"0{m}"]
        return self.rng.choice(forms)

    def home(self, p: Person) -> dict[str, str]:
        rng, split = self.rng, self.split

        def make() -> dict[str, str]:
            town = rng.choice(sorted(vx.TOWNS[split]))
            districts, area = vx.TOWNS[split][town]
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            pc = f"{rng.choice(districts)} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
            number = rng.randrange(1, 90 if rng.random() < 0.3 else 240)
            street = f"{rng.choice(vx.FLATS[split]) if rng.random() < 0.25 else ''}{number} " \
                     f"{rng.choice(vx.STREETS[split])}"
            local = digits(rng, 11 - len(area))
            nhs = nhs_number(rng)
            svc = kx.SERVICE_NO[split].format(d=digits(rng, 6 if split == "dev16" else 8))
            return {"street": street, "town": town, "pc": pc, "land": f"{area} {local}", "nhs": nhs, "svc": svc,
                    "ks": keysafe(rng)}
        return self.known("home", p, make)

    def dob(self, p: Person) -> dt.date:
        return self.known("dob", p, lambda: dt.date(self.rng.randrange(1930, 2021), self.rng.randrange(1, 13),
                                                    self.rng.randrange(1, 29)))

    def typed_dob(self, p: Person) -> str:
        b = self.dob(p)
        return self.rng.choice([f"{b:%d/%m/%Y}", f"{b.day}.{b.month}.{b:%y}", f"{b:%d/%m/%y}"] if self.split == "dev16"
                               else [f"{b:%d-%b-%Y}", f"{b:%d/%m/%Y}", f"{b.day} {b:%B %Y}"])

    def nhs(self) -> str:
        v = self.home(self.client)["nhs"]
        return self.rng.choice([v, f"{v[:3]} {v[3:6]} {v[6:]}"] if self.split == "dev16" else
                               [f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"])

    def home_email(self, p: Person) -> str:
        g, s, rng = fold(p[0]), fold(p[1]), self.rng
        return self.known("hmail", p, lambda: f"{rng.choice([g, g[0], g + s[:1]])}{rng.choice(['.', '', '_'])}{s}"
                          f"{rng.choice(['', digits(rng, 2)])}@{rng.choice(vx.HOME_MAIL[self.split])}")

    def staff_email(self, p: Person) -> str:
        g, s = fold(p[0]), fold(p[1])
        return self.known("mail", p, lambda: f"{g}.{s}@nhs.net" if self.rng.random() < 0.6 else
                          f"{g}.{s}@{vx.DOMAIN[self.split]}")

    # --- dates ----------------------------------------------------------------------------------------------
    def day(self) -> dt.date:
        return min(dt.date(self.year, self.rng.randrange(1, 13), self.rng.randrange(1, 29)), kx.END)

    def date(self) -> str:
        d = self.day()
        return self.rng.choice([f"{d:%d/%m/%y}", f"{d.day}/{d.month}", f"{d:%d/%m/%Y}"] if self.split == "dev16"
                               else [f"{d:%d.%m.%Y}", f"{d.day} {d:%b}", f"{d:%d/%m/%Y}"])

    # --- the slots ------------------------------------------------------------------------------------------
    def slot(self, key: str) -> list[Piece]:
        rng, split, sc, a = self.rng, self.split, self, self.asset
        table: dict[str, Any] = {
            "cl": sc.cl, "cls": sc.cls, "clg": sc.clg, "kin": sc.kin,
            "kinn": lambda: [n(sc.relative()[0][0])], "rel": lambda: [sc.relative()[1]],
            "kinmob": lambda: mine("phone", sc.mobile(sc.relative()[0])),
            "kinmail": lambda: mine("email", sc.home_email(sc.relative()[0])),
            "mob": lambda: mine("phone", sc.mobile(sc.client)),
            "land": lambda: mine("phone", sc.home(sc.client)["land"]),
            "addr": lambda: mine("address", sc.home(sc.client)["street"]),
            "pc": lambda: mine("postcode", sc.home(sc.client)["pc"]),
            "town": lambda: ref("town", sc.home(sc.client)["town"]),
            "ks": lambda: mine("keysafe", sc.home(sc.client)["ks"]), "nhs": lambda: mine("nhs", sc.nhs()),
            "svc": lambda: mine("hospital_number", sc.home(sc.client)["svc"]),
            "dob": lambda: mine("dob", sc.typed_dob(sc.client)),
            "ther": lambda: sc.staff("ther", sc.ther), "thern": lambda: [n(sc.ther[0]), " ", n(sc.ther[1])],
            "eng": lambda: sc.staff("eng", sc.other_engineer()), "engg": lambda: [n(sc.other_engineer()[0])],
            "ini": sc.initials,
            "mail": lambda: mine("email", sc.staff_email(sc.ther)), "carer": sc.carer,
            # kept
            "asset": lambda: ref("asset_number", a["tag"]),
            "asset2": lambda: ref("asset_number", rng.choice([t for t in sc.tags if t != a["tag"]] or sc.tags)),
            "job": lambda: ref("job_number", rng.choice(sc.jobs[-300:])) if sc.jobs else ref("asset_number",
                                                                                              a["tag"]),
            "maker": lambda: ref("maker", a["maker"]), "model": lambda: ref("model", a["model"]),
            "item": lambda: ref("item_type", a["item"]), "size": lambda: ref("size", a["size"]),
            "part": lambda: [rng.choice(kx.PARTS)], "partno": lambda: ref("part_number",
                                                                          kx.part_number(rng, a["maker"])),
            "date": lambda: ref("date", sc.date()),
            "time": lambda: ref("time", f"{rng.randrange(8, 18):02d}:{rng.choice([0, 10, 15, 20, 30, 45, 50]):02d}"),
            "store": lambda: ref("location", rng.choice(vx.STORES[split])),
            "gp": lambda: ref("gp_practice", sc.known("gp", sc.client, lambda: rng.choice(vx.PRACTICES[split]))),
            "box": lambda: ref("role_mailbox", rng.choice(vx.MAILBOXES[split])),
            "ext": lambda: ref("extension", f"{rng.choice('2345')}{digits(rng, 4)}" if split == "dev16" else
                               f"6{digits(rng, 3)}"),
            "firm": lambda: ref("repairer", vx.REPAIRER[split][0]),
        }
        return list(table[key]())

    def other_engineer(self) -> Person:
        self.eng = self.rng.choice(self.groups["eng"])
        return self.eng

    def fill(self, template: str, case: str = "") -> list[Piece]:
        return fill(template, self.slot, case)
