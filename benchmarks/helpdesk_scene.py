"""People, planted values and template filling of `helpdesk_export.py`: a `Scene` turns a template's `{slot}`s
into pieces for one record, personal ones marked for the truth; name forms, e-mails, initials, addresses and
the phone numbers of Wales, Scotland, Ireland, Northern Ireland and England. Vocabulary and phrasing are in
`helpdesk_text.py`."""

from __future__ import annotations

import datetime as dt
import random
import re

import helpdesk_text as tx
from export_common import digits, fold

Piece = str | tuple[str, str, bool]


def _latin(g: str, s: str) -> bool:
    try:
        (g + s).encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[tuple[str, str]]:
    """`n` distinct (given, surname) from the split's Faker locales and Celtic pool; none of `taken`'s words."""
    from faker import Faker

    rng = random.Random(f"helpdesk-people-{split}-{seed}")
    fakers = {loc: Faker(loc) for loc in tx.LOCALES[split]}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed * 31 + i)
    given, sur = tx.CELTIC[split]
    places = (x for v in (*tx.SITES.values(), *tx.WARDS.values()) for x in v)
    reserved = set(" ".join([*places, *tx.TITLES, *tx.TERMS, *tx.TOWNS, *tx.SUPPLIERS, *(m for m, _, _ in tx.MAKERS),
                             *tx.DEPTS]).lower().split())
    choices, weights = [*tx.LOCALES[split], "celtic"], [*tx.LOCALES[split].values(), 3.0]
    found: dict[str, tuple[str, str]] = {}
    while len(found) < n:
        loc = rng.choices(choices, weights)[0]
        g, s = (rng.choice(given), rng.choice(sur)) if loc == "celtic" else \
            (fakers[loc].first_name(), fakers[loc].last_name())
        words = {w.lower() for w in f"{g} {s}".replace("-", " ").split()} - {"ó", "ní", "mac", "ap", "ab", "ferch",
                                                                              "nic", "a'", "de", "an"}
        if len(g) > 2 and len(s) > 2 and not words & reserved and not (taken and words & taken):
            found.setdefault(f"{g} {s}".lower(), (g, s))
    return list(found.values())


def mod11(rng: random.Random, lead: str) -> str:
    while True:
        body = lead + digits(rng, 9 - len(lead))
        check = 11 - sum(int(c) * (10 - i) for i, c in enumerate(body)) % 11
        if check != 10:
            return body + str(check % 11)


def phone(rng: random.Random, region: str) -> str:
    r = rng.random()
    if r < 0.25:
        return rng.choice(["07", "+44 7"]) + f"{rng.randrange(400, 990)} {digits(rng, 6)}" if region != "I" else \
            rng.choice(["08", "+353 8"]) + f"{rng.choice('35679')} {digits(rng, 3)} {digits(rng, 4)}"
    return {"W": lambda: rng.choice([f"029 20{rng.randrange(70, 75)} {digits(rng, 4)}",
                                     f"01248 {rng.randrange(35, 39)}{digits(rng, 4)}", f"(01792) {digits(rng, 6)}"]),
            "S": lambda: rng.choice([f"0141 {rng.randrange(201, 452)} {digits(rng, 4)}", f"01463 {digits(rng, 6)}",
                                     f"+44 1382 {digits(rng, 6)}"]),
            "I": lambda: rng.choice([f"(01) 8{digits(rng, 2)} {digits(rng, 4)}", f"+353 21 {digits(rng, 3)} "
                                     f"{digits(rng, 4)}", f"091-{digits(rng, 6)}"]),
            "N": lambda: rng.choice([f"028 90{digits(rng, 2)} {digits(rng, 4)}", f"+44 28 71{digits(rng, 2)} "
                                     f"{digits(rng, 4)}"]),
            "E": lambda: f"01872 {digits(rng, 6)}"}[region]()


class Scene:
    """Fills a template's placeholders for one record, drawing people and details from the split's pools."""

    def __init__(self, rng: random.Random, split: str, staff: list[tuple[str, str]], patients: list[tuple[str, str]],
                 tags: list[str]) -> None:
        self.rng, self.split, self.staff, self.patients, self.tags = rng, split, staff, patients, tags
        self.latin = [p for p in staff if _latin(*p)]
        self.region, self.site, self.ward, self.maker, self.model, self.caps = "W", "", "", "", "", False

    def at(self, region: str, site: str, ward: str, maker: str, model: str, caps: bool = False) -> Scene:
        self.region, self.site, self.ward, self.maker, self.model, self.caps = region, site, ward, maker, model, caps
        return self

    def name(self, g: str, s: str, patient: bool = False) -> list[Piece]:
        rng, c = self.rng, self.caps
        form = rng.randrange(8)
        if c:
            g, s = g.upper(), s.upper()
            return [(s, "name", True)] if form < 3 else [(g, "name", True), " ", (s, "name", True)]
        if form == 0:
            return [(s.upper(), "name", True), ", ", (g, "name", True)]
        if form == 1:
            return [(g, "name", True), " ", (s.upper(), "name", True)]
        if form == 2 and not patient:
            return [rng.choice(["Dr ", "Sr ", "Nurse ", "Mr ", "Ms "]), (s, "name", True)]
        if form == 3 and g in tx.NICK:
            return [(tx.NICK[g], "name", True)] + ([" ", (s, "name", True)] if rng.random() < 0.5 else [])
        if form == 4:
            return [(s, "name", True), " ", (g, "name", True)] if patient else [(g, "name", True)]
        return [(g, "name", True), " ", (s, "name", True)]

    def person(self, latin: bool = False) -> tuple[str, str]:
        return self.rng.choice(self.latin if latin or self.caps else self.staff)

    def email(self, g: str, s: str) -> str:
        local = self.rng.choice([f"{fold(g)}.{fold(s)}", f"{fold(g)[0]}{fold(s)}", f"{fold(g)}.{fold(s)}"
                                 f"{self.rng.randrange(2, 9)}"])
        return f"{local}@{self.rng.choice(tx.DOMAINS[self.region])}"

    def initials(self, g: str, s: str) -> str:
        m = re.match(r"(Mc|Mac|ap |ab |de |Ó |Ní |O')?(\w)", s)
        particle = {"de ": "d", "Ní ": "N"}.get(m.group(1) or "", (m.group(1) or "").strip()) if m else ""
        text = g[0] + particle + m.group(2) if m else g[0] + s[0]
        return text.upper() if self.caps else text

    def address(self) -> str:
        rng, region = self.rng, self.region
        town, area = rng.choice(tx.TOWN_OF[region])
        street = rng.choice(tx.STREETS[self.split][region])
        code = f"{area} {''.join(rng.choice(tx.EIR) for _ in range(4))}" if region == "I" else \
            f"{area} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        flat = rng.choice(["", "", f"{rng.randrange(0, 4)}/{rng.randrange(1, 3)}, ", f"Apt {rng.randrange(1, 40)}, "])
        text = f"{flat}{rng.randrange(1, 120)} {street}, {town} {code}"
        return text.upper() if self.caps else text

    def piece(self, key: str) -> list[Piece]:
        rng = self.rng
        if key in ("who", "pt"):
            pool = self.patients if key == "pt" else self.staff
            g, s = rng.choice([p for p in pool if _latin(*p)] if self.caps else pool)
            return self.name(g, s, patient=key == "pt")
        if key == "first":
            g, s = self.person()
            return [(tx.NICK.get(g, g) if rng.random() < 0.3 else g, "name", True)]
        if key == "mail":
            return [(self.email(*self.person(latin=True)), "email", True)]
        if key == "ini":
            return [(self.initials(*self.person(latin=True)), "initials", True)]
        if key in ("tel", "chi", "nhs", "hc", "mrn", "dob", "addr"):
            y, m, d = rng.randrange(1931, 2004), rng.randrange(1, 13), rng.randrange(1, 29)
            value = {"tel": lambda: phone(rng, self.region), "chi": lambda: mod11(rng, f"{d:02d}{m:02d}{y % 100:02d}"),
                     "nhs": lambda: mod11(rng, rng.choice("4679")),
                     "hc": lambda: mod11(rng, "3"), "mrn": lambda: rng.choice(["", "00", "H"]) + digits(rng, 6),
                     "dob": lambda: rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y % 100:02d}",
                                                f"{d} {dt.date(y, m, d):%b} {y}"]),
                     "addr": self.address}[key]()
            if key in ("nhs", "hc") and rng.random() < 0.75:
                value = value[:3] + " " + value[3:6] + " " + value[6:]
            return [(value, {"tel": "phone", "hc": "nhs", "mrn": "hospital_number", "addr": "address"}.get(key, key),
                     True)]
        when = dt.date(rng.randrange(2019, 2025), rng.randrange(1, 13), rng.randrange(1, 29))
        value, kind = {
            "ext": (f"{rng.randrange(2000, 8000)}", "extension"), "bleep": (f"{rng.randrange(100, 999)}", "extension"),
            "err": (rng.choice(["E-", "Err ", "F", "ALM 0x"]) + f"{rng.randrange(10, 999)}", "error_code"),
            "ver": (f"{rng.randrange(1, 9)}.{rng.randrange(0, 30)}.{rng.randrange(0, 9)}", "version"),
            "term": (rng.choice(tx.TERMS), "device_term"), "town": (rng.choice(tx.TOWNS), "town"),
            "title": (rng.choice(tx.TITLES), "job_title"), "box": (rng.choice(tx.BOXES[self.region]), "role_mailbox"),
            "ward": (self.ward, "ward"), "site": (self.site, "site"), "model": (self.model, "model"),
            "maker": (self.maker, "maker"), "part": (f"{rng.randrange(100, 999)}-{digits(rng, 4)}", "part_number"),
            "date": (rng.choice([f"{when:%d/%m/%Y}", f"{when:%d-%b-%y}"]), "date"),
            "datix": (rng.choice(["W", "DX", ""]) + digits(rng, 6), "incident_ref"),
            "tag": (rng.choice(self.tags), "asset_tag")}[key]
        if self.caps:
            value = value.upper()
        return [(value, kind, False)]

    def fill(self, template: str) -> list[Piece]:
        out: list[Piece] = []
        for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
            out.extend(self.piece(part) if i % 2 else ([part.upper() if self.caps else part] if part else []))
        return out

    def email_in(self, body: list[Piece], sent: dt.datetime) -> list[Piece]:
        """A pasted e-mail: Outlook headers (dev5) or a quoted reply (fresh3), signed with name and title."""
        g, s = self.person(latin=True)
        mail, title = self.email(g, s), self.piece("title")
        if self.split == "dev5":
            head: list[Piece] = ["From: ", (s.upper(), "name", True), ", ", (g, "name", True), " <",
                                 (mail, "email", True), f">\nSent: {sent:%d %B %Y %H:%M}\nTo: ", *self.piece("box"),
                                 "\nSubject: RE: ", *self.piece("model"), " - ", *self.piece("ward"), "\n\n"]
            sign: list[Piece] = [self.rng.choice(["\n\nDiolch / Thanks\n", "\n\nThanks\n"]), (g, "name", True), " ",
                                 (s, "name", True), "\n", *title, "\nFfôn/Tel: ", *self.piece("tel")]
            return head + body + sign
        head = [f"On {sent:%a %d %b %Y} at {sent:%H:%M}, ", (g, "name", True), " ", (s, "name", True), " <",
                (mail, "email", True), "> wrote:\n> "]
        return head + body + ["\n> \n> Kind regards\n> ", (g, "name", True), "\n> ", *title, " | ", *self.piece("site"),
                              "\n> t: ", *self.piece("tel"), " ext ", *self.piece("ext")]
