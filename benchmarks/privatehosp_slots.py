"""The slots of `privatehosp_export.py`'s phrasing families (listed in `privatehosp_text.py`): what each `{slot}`
becomes, a planted personal value marked for the truth or a reference value to keep, from the scene."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import privatehosp_kit as kx
import privatehosp_notes as nx
import privatehosp_vocab as vx
from export_common import Person, Piece, digits, fill, fold, n
from privatehosp_scene import Scene


class Slots(Scene):
    nurse_last: Person
    sci_last: Person
    rep_last: Person
    rep_by_maker: dict[str, Person]
    mothers: list[Person]

    def number(self, kind: str, when: dt.date | None = None) -> str:
        """A job, order, contract or incident number as the split numbers them."""
        rng = self.rng
        when = when or dt.date(rng.randrange(2019, 2026), rng.randrange(1, 13), 1)
        return vx.NUMBERING[self.split][kind].format(
            yy=f"{when:%y}", yyyy=when.year, n=rng.randrange(1, 99999), d3=digits(rng, 3), d4=digits(rng, 4),
            d5=digits(rng, 5), d8=digits(rng, 8))

    def choose(self, templates: list[str]) -> str:
        """A template that fits the device: one tagged with a word of its type ("[fetal] ...") three times in four,
        else one with no tag."""
        dtype = self.dtype.lower()
        fits, plain = [], []
        for t in templates:
            m = re.match(r"\[([^\]]+)\] ", t)
            if m is None:
                plain.append(t)
            elif any(k in dtype for k in m.group(1).split("|")):
                fits.append(t[m.end():])
        return self.rng.choice(fits) if fits and (self.rng.random() < 0.75 or not plain) else self.rng.choice(plain)

    def date(self) -> str:
        d = dt.date(self.rng.randrange(2019, 2026), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        return self.rng.choice([f"{d:%d/%m}", f"{d:%d/%m/%y}", f"{d:%a} {d.day}/{d.month}"] if self.split == "dev13"
                               else [f"{d.day} {d:%B}", f"{d:%d/%m/%Y}", f"{d:%A} {d.day} {d:%b}"])

    def serial(self) -> str:
        rng = self.rng
        return rng.choice([f"{rng.choice(['SN', 'US', 'DE', 'CN'])}{digits(rng, 8)}",
                           f"{digits(rng, 3)}-{digits(rng, 5)}",
                           f"{rng.randrange(15, 25)}{rng.choice('ABCDEFGHJK')}{digits(rng, 6)}"])

    def landline(self) -> str:
        land = self.home(self.patient)["land"]
        area, local = land.split(" ", 1)
        return self.rng.choice([land, area + local.replace(" ", ""), f"({area}) {local}"])

    def person(self, group: list[Person], role_words: tuple[list[str], list[str]] | list[str] | None) -> list[Piece]:
        """Someone of `group` by a form of the split, often after their role word."""
        from privatehosp_people import female

        g, s = self.pick(group)
        if role_words is None or self.rng.random() < 0.35:
            return self.name(g, s)
        words = role_words if isinstance(role_words, list) else role_words[0 if female(g) else 1]
        word = self.rng.choice(words)
        who: list[Piece] = [n(g)] if self.rng.random() < 0.5 else [n(s)] if self.rng.random() < 0.4 else \
            [n(g), " ", n(s)]
        return [f"{word} ", *who] if self.rng.random() < 0.8 else [*who, f" ({word})"]

    def staff_slot(self, key: str) -> list[Piece]:
        split, sec = self.split, self.sec_of[self.consultant]
        if key == "nurse":
            out = self.person(self.nurses, nx.ROLES[split])
            self.nurse_last = self.last
            return out
        if key == "sci":
            out = self.person(self.scis, nx.SCI_ROLES[split])
            self.sci_last = self.last
            return out
        if key == "rep":
            rep = self.rep_by_maker.get(self.maker) if self.rng.random() < 0.7 else None
            self.last = self.rep_last = rep or self.rng.choice(self.reps)
            return self.name(*self.last)
        if key == "sec":
            self.last = sec
            r = self.rng.random()
            return [n(sec[0])] if r < 0.6 else [n(sec[0]), " ", n(sec[1])] if r < 0.85 else \
                [n(vx.NICKNAMES[split].get(sec[0], sec[0]))]
        g, s = self.last
        table: dict[str, Any] = {
            "eng": lambda: self.name(*self.pick(self.engs)), "who": lambda: self.name(*self.pick(self.staff)),
            "hi": lambda: [n(self.rng.choice(self.engs)[0])], "again": self.again, "ini": self.initials,
            "full": lambda: [n(g), " ", n(s)], "login": lambda: [(self.login(self.last), "login", True)],
            "mail": lambda: [(self.email(self.last), "email", True)],
            "pmail": lambda: [(self.home_email(self.last), "email", True)],
            "smob": lambda: [(self.mobile(self.last), "phone", True)],
            "cons": self.consultant_by_title, "consf": lambda: self.consultant_by_title(True),
            "gmc": lambda: self.labelled("gmc", self.consultant),
            "nmc": lambda: self.labelled("nmc", getattr(self, "nurse_last", self.nurses[0])),
            "hcpc": lambda: self.labelled("hcpc", getattr(self, "sci_last", self.scis[0])),
            "secmail": lambda: [(self.sec_email(self.consultant), "email", True)],
            "secmob": lambda: [(self.mobile(sec), "phone", True)],
            "repmob": lambda: [(self.mobile(getattr(self, "rep_last", self.reps[0])), "phone", True)],
            "repmail": lambda: [(self.rep_email(getattr(self, "rep_last", self.reps[0])), "email", True)],
        }
        return table[key]()

    def labelled(self, kind: str, p: Person) -> list[Piece]:
        """A registration number as typed after its label in the template (the template holds the label)."""
        return [(self.reg(p, kind), "staff_id", True)]

    def rep_email(self, p: Person) -> str:
        dom = fold(self.maker.split()[0] if self.maker else "service")[:10] or "service"
        return self.known("repmail", (p, dom), lambda: f"{fold(p[0])}.{fold(p[1])}@{dom}.com")

    def slot(self, key: str) -> list[Piece]:
        rng, split, sc = self.rng, self.split, self
        ref = lambda kind, value: [(value, kind, False)]  # noqa: E731
        mine = lambda kind, value: [(value, kind, True)]  # noqa: E731
        g, s = self.patient
        h = self.home(self.patient)
        place = rng.choice(self.places)
        table: dict[str, Any] = {
            "pt": sc.pt, "pfn": lambda: [n(g.lower() if split == "dev13" and rng.random() < 0.3 else g)],
            "pts": lambda: [f"{sc.title(self.patient)} ", n(s)], "baby": sc.baby, "kin": sc.kin_piece,
            "mrn": sc.mrn, "nhs": sc.nhs, "dob": sc.dob, "addr": sc.address, "pc": lambda: mine("postcode", h["pc"]),
            "ptmob": lambda: mine("phone", sc.mobile(self.patient)), "ptland": lambda: mine("phone", sc.landline()),
            "ptmail": lambda: mine("email", sc.home_email(self.patient)), "pol": sc.pol,
            "polno": lambda: sc.pol(True), "ins": lambda: ref("insurer", sc.policy(self.patient)[0]),
            "site": lambda: ref("site", place[0]), "bldg": lambda: ref("building", place[2]),
            "ward": lambda: ref("ward", sc.ward if sc.ward and rng.random() < 0.85 else place[3]),
            "room": lambda: ref("room", sc.room if sc.room and rng.random() < 0.85 else place[4]),
            "crm": lambda: ref("room", rng.choice(self.rooms)[4]),
            "town": lambda: ref("town", rng.choice(list(vx.TOWNS[split]))),
            "maker": lambda: ref("maker", sc.maker), "model": lambda: ref("model", sc.model),
            "dtype": lambda: ref("device_type", sc.dtype), "serial": lambda: ref("serial", sc.serial()),
            "tag": lambda: ref("asset_tag", sc.tag or rng.choice(sc.tags)),
            "tag2": lambda: ref("asset_tag", rng.choice([t for t in sc.tags if t != sc.tag] or [sc.tag])),
            "part": lambda: ref("part_number", rng.choice(kx.PARTS)),
            "std": lambda: ref("standard", rng.choice(kx.STANDARDS)),
            "kit": lambda: ref("test_kit", rng.choice(kx.TEST_KIT)),
            "err": lambda: ref("error_code", rng.choice(kx.ERRORS)),
            "ver": lambda: ref("version", rng.choice(kx.VERSIONS)),
            "po": lambda: ref("purchase_order", sc.number("po")),
            "job": lambda: ref("job_ref", rng.choice(["CAS-", "SR", "case "]) + digits(rng, 7)),
            "contract": lambda: ref("contract_no", sc.number("contract")), "inc": lambda: ref("incident_no",
                                                                                             sc.number("inc")),
            "mhra": lambda: ref("incident_no", f"{rng.randrange(2019, 2026)}/{digits(rng, 3)}/{digits(rng, 3)}/"
                                               f"{digits(rng, 3)}/{digits(rng, 3)}"),
            "ext": lambda: ref("extension", digits(rng, 4) if split == "dev13" else
                               f"{rng.randrange(3, 6)}{digits(rng, 4)}"),
            "bleep": lambda: ref("bleep", f"{rng.randrange(1, 9)}{digits(rng, 2)}"),
            "desk": lambda: ref("org_phone", rng.choice(vx.DESKS[split])),
            "box": lambda: ref("role_mailbox", rng.choice(vx.MAILBOXES[split])), "date": lambda: ref("date", sc.date()),
            "epo": lambda: ref("eponym", rng.choice(vx.EPONYMS[split])),
            "title": lambda: ref("job_title", rng.choice(vx.JOB_TITLES[split])),
            "time": lambda: [f"{rng.randrange(7, 21):02d}{':' if split == 'dev13' else '.'}"
                             f"{rng.choice(['05', '20', '45'])}"],
            "proc": lambda: [rng.choice(nx.PROCEDURES[split])],
        }
        return table[key]() if key in table else self.staff_slot(key)

    def fill(self, template: str, case: str = "", nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
        return fill(template, self.slot, case, nested)
