"""People, planted values and template filling of `paeds_export.py`: a `Scene` turns a template's `{slot}`s into
pieces, personal ones marked for the truth, kept ones marked as reference values.

Decisions (what is personal here): a child's name, nickname, NHS number, hospital number (this trust's scheme),
date of birth, home address and postcode; the family's and carers' names (written with their relation: "mum
(Jade)", "Nana Pat", "foster carer ..."), mobiles, home landline and e-mail; social workers', staff's and makers'
engineers' names, initials, logins, staff numbers, mobiles and e-mail addresses. Kept: sites, wards, units and
houses named after people, animals and themes, buildings, rooms, schools and nurseries, charities (named after
people too), makers, models, parts, serials, asset tags, job titles, towns, eponyms, extensions, bleeps, makers'
service lines, role mailboxes, dates, job and incident references, error codes, versions, test kit, standards.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import paeds_kit as kx
import paeds_text as tx
import paeds_vocab as vx
from ambulance_scene import fold  # the fullest folding of letters Unicode does not decompose (ł, ø, đ, ß)
from export_common import Memo, Person, Piece, digits, fill, n, nhs_number
from paeds_people import SHORT_WORDS, female, hospital_number, reserved_words

Carer = tuple[Person, str]  # a carer and their relation key (paeds_text.RELATIONS)


class Scene(Memo):
    """Fills templates for one cell. `child` is the child a record is about, `family` their carers, `carer` the
    last carer named, `last` the last staff member named; the device's `maker`, `model`, `ward` and `tag` fill the
    slots of the same name half of the time."""

    def __init__(self, rng: random.Random, split: str, staff: list[Person], reps: list[Person],
                 children: list[Person], adults: list[Person]) -> None:
        self.rng, self.split = rng, split
        self.staff, self.reps, self.children, self.adults = staff, reps, children, adults
        self.ccns, self.nurses, self.plays = staff[:14], staff[14:36], staff[36:40]
        self.docs, self.engs, self.admins = staff[40:46], staff[46:56], staff[56:60]
        self.families: dict[Person, list[Carer]] = {}
        self.social: dict[Person, Person] = {}
        self.child, self.last = children[0], staff[0]
        self.family: list[Carer] = []
        self.carer: Person = adults[0]
        self.maker, self.model, self.ward, self.tag = kx.MODELS[0][0], kx.MODELS[0][1], "", ""
        self.wards = [w for _, _, places in vx.SITES[split] for _, w, _ in places if w not in vx.NOT_WARDS[split]]
        self.tags: list[str] = []
        self.pc_shown = False
        self._known = {}
        self.avoid = reserved_words() | SHORT_WORDS

    def about(self, child: Person) -> None:
        self.child, self.family = child, self.families.get(child, [])
        if self.family:
            self.carer = self.family[0][0]

    # --- people ---------------------------------------------------------------------------------------------
    def name(self, g: str, s: str) -> list[Piece]:
        rng, nick = self.rng, vx.NICKNAMES[self.split].get(g, g)
        form = rng.randrange(11)
        forms: list[list[Piece]] = [[n(g), " ", n(s)], [n(g.lower())], [n(g)], [g[0] + " ", n(s)], [n(nick)],
                [n(g.lower()), " ", n(s.lower())], [n(s.upper()), ", ", n(g)], [n(g), " " + s[0]],
                [n(g), " ", n(s)], [g[0] + ". ", n(s)], [n(g), " ", n(s.upper())]]
        return forms[form]

    def pick(self, group: list[Person]) -> Person:
        self.last = self.rng.choice(group)
        return self.last

    def role(self, group: str, people: list[Person]) -> list[Piece]:
        g, s = self.pick(people)
        word = self.role_word(group, g)
        r = self.rng.random()
        if r < 0.25:
            return self.name(g, s)
        who: list[Piece] = [(g, "name", True)] if r < 0.6 else [(s, "name", True)] if r < 0.75 else \
            [(g, "name", True), " ", (s, "name", True)]
        return [word + " ", *who] if self.rng.random() < 0.75 else [*who, f" ({word})"]

    def role_word(self, group: str, given: str) -> str:
        """A role word before a staff member's name ("sister" for a woman, "charge nurse" for a man)."""
        word = self.rng.choice(tx.ROLES[self.split][group])
        return tx.MALE_ROLES.get(word, word) if not female(given) else word

    def again(self) -> list[Piece]:
        g, s = self.last
        r = self.rng.random()
        return [(vx.NICKNAMES[self.split].get(g, g) if r < 0.3 else g, "name", True)] if r < 0.8 else \
            [(s, "name", True)]

    def initials(self) -> list[Piece]:
        """As the person signs ("GS", "gs"); a pair that is also a word or an abbreviation of the notes ("st",
        "co", "na") takes the surname's next letter, so that the scoring never finds it in "St Wilfrid's"."""
        g, s = self.last
        ini = fold(g)[:1] + "".join(fold(w)[:1] for w in s.replace("-", " ").split())
        if ini in self.avoid or len(ini) < 2:
            ini += fold(s)[1:2]
        ini = ini.upper() if self.rng.random() < 0.7 else ini
        before, _, after = self.rng.choice(["{}", "- {}", "({})", "/{}"]).partition("{}")
        return [before, (ini, "initials", True), after]

    def kid(self) -> list[Piece]:
        g, s = self.child
        forms: list[list[Piece]] = ([[n(g), " ", n(s)], [n(g.lower()), " ", n(s.lower())], [n(g), f" {s[0]}."],
                  ["baby ", n(s)], [n(s.upper()), " ", n(g)], [n(g), " ", n(s.upper())]] if self.split == "dev12"
                 else [[n(g), " ", n(s)], [n(s.upper()), ", ", n(g)], ["Baby ", n(s)], [n(g), " ", n(s)],
                       ["Master/Miss ", n(s)], [n(g), " (", n(s), ")"]])
        return self.rng.choice(forms)

    def kfn(self) -> list[Piece]:
        g = self.child[0]
        g = vx.NICKNAMES[self.split].get(g, g) if self.rng.random() < 0.4 else g
        return [(g.lower() if self.split == "dev12" and self.rng.random() < 0.3 else g, "name", True)]

    def relative(self, keys: tuple[str, ...]) -> list[Piece]:
        """One of the child's carers with the relation word, as the family's calls get written down."""
        fits = [c for c in self.family if c[1] in keys] or self.family
        if not fits:
            return self.kid()
        (g, s), key = self.rng.choice(fits)
        self.carer = (g, s)
        word = tx.RELATIONS[self.split][key][0]
        forms: list[list[Piece]]
        if self.split == "dev12":
            forms = [[f"{word} (", n(g), ")"], [f"{word} ", n(g)], [n(g), f" ({word})"],
                     [f"{word} ", n(g.lower()), " ", n(s.lower())], [f"{word} ", n(g), " ", n(s)]]
        else:
            title = "Ms" if female(g) else "Mr"
            forms = [[f"the {word}, {title} ", n(g), " ", n(s)], [f"{title} ", n(s), f" ({word})"],
                     [f"{word} ", n(g)], [n(g), " ", n(s), f" ({word})"]]
        return self.rng.choice(forms)

    def social_worker(self) -> list[Piece]:
        g, s = self.known("sw", self.child, lambda: self.rng.choice(self.adults))
        self.carer = (g, s)
        return [tx.SOCIAL[self.split][0] + " ", *self.name(g, s)]

    # --- personal values ------------------------------------------------------------------------------------
    def born(self, p: Person) -> dt.date:
        return self.known("dob", p, lambda: dt.date(self.rng.randrange(2008, 2025), self.rng.randrange(1, 13),
                                                    self.rng.randrange(1, 29)))

    def dob(self) -> list[Piece]:
        b = self.born(self.child)
        fmts = ([f"{b:%d/%m/%y}", f"{b:%d.%m.%Y}", f"{b:%d/%m/%Y}"] if self.split == "dev12" else
                [f"{b.day} {b:%B %Y}", f"{b:%d-%m-%Y}", f"{b:%d/%m/%Y}"])
        return [(self.rng.choice(fmts), "dob", True)]

    def nhs(self) -> list[Piece]:
        n = self.known("nhs", self.child, lambda: nhs_number(self.rng))
        forms = [n, f"{n[:3]} {n[3:6]} {n[6:]}"] if self.split == "dev12" else [f"{n[:3]}-{n[3:6]}-{n[6:]}", n,
                                                                                  f"{n[:3]} {n[3:6]} {n[6:]}"]
        return [(self.rng.choice(forms), "nhs", True)]

    def hosp(self) -> list[Piece]:
        return [(self.known("hosp", self.child, lambda: hospital_number(self.rng, self.split)), "hospital_number",
                 True)]

    def home_parts(self) -> tuple[str, str, str, str]:
        """The child's home: (flat, number and street, town, postcode)."""
        rng, split = self.rng, self.split

        def make() -> tuple[str, str, str, str]:
            town = rng.choice(vx.TOWNS[split])
            pc = f"{rng.choice(vx.TOWN_CODES[split][town][0])} {rng.randrange(1, 10)}" \
                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            flat = rng.choice(vx.FLATS[split]) if rng.random() < 0.3 else ""
            return flat, f"{rng.randrange(1, 320)} {rng.choice(vx.STREETS[split])}", town, pc
        return self.known("home", self.child, make)

    def address(self) -> list[Piece]:
        flat, street, town, pc = self.home_parts()
        out: list[Piece] = [flat, (street, "address", True)]
        if self.rng.random() < 0.4:
            out += [", ", (town, "town", False)]
        self.pc_shown = self.rng.random() < 0.5
        return [*out, self.rng.choice([", ", " "]), (pc, "postcode", True)] if self.pc_shown else out

    def postcode(self) -> list[Piece]:
        """The child's postcode, unless the address just written carried it."""
        shown, self.pc_shown = self.pc_shown, False
        return [] if shown else [(self.home_parts()[3], "postcode", True)]

    def mobile(self, person: Person) -> str:
        m = self.known("mob", person, lambda: f"7{self.rng.choice('3456789')}{digits(self.rng, 8)}")
        forms = [f"0{m[:4]} {m[4:]}", f"0{m}", f"0{m[:4]} {m[4:7]} {m[7:]}"] if self.split == "dev12" else \
            [f"+44 {m[:4]} {m[4:]}", f"0{m[:4]}-{m[4:]}", f"0{m[:4]} {m[4:]}", f"(0{m[:4]}) {m[4:]}"]
        return self.rng.choice(forms)

    def landline(self) -> str:
        def make() -> tuple[str, str]:
            area = vx.TOWN_CODES[self.split][self.home_parts()[2]][1]
            return area, digits(self.rng, 11 - len(area))
        area, local = self.known("tel", self.child, make)
        spaced = local if len(local) == 6 else f"{local[:3]} {local[3:]}"
        return self.rng.choice([f"{area} {spaced}", f"{area}{local}", f"({area}) {spaced}"])

    def email(self, person: Person | None = None) -> str:
        g, s = person or self.last
        dom = self.known("dom", (g, s), lambda: self.rng.choice(vx.EMAIL_DOMAINS[self.split]))
        return f"{fold(g)}.{fold(s)}{self.known('n', (g, s), lambda: self.rng.choice(['', '', '2', '1']))}@{dom}"

    def home_email(self, person: Person | None = None) -> str:
        g, s = person or self.carer
        return self.known("hmail", (g, s), lambda: f"{fold(g)}{self.rng.choice(['.', '_', ''])}{fold(s)[:5]}"
                          f"{digits(self.rng, 2)}@{self.rng.choice(vx.HOME_MAIL[self.split])}")

    def login(self, person: Person | None = None) -> str:
        g, s = fold((person or self.last)[0]), fold((person or self.last)[1])
        make = (lambda: f"{g[:1]}{s[:7]}") if self.split == "dev12" else \
            (lambda: self.rng.choice([f"{s[:6]}{g[:1]}{digits(self.rng, 2)}", f"{g}.{s}"]))
        return self.known("login", person or self.last, make)

    def staff_number(self, person: Person | None = None) -> str:
        n = self.known("staffno", person or self.last, lambda: digits(self.rng, 8 if self.split == "dev12" else 6))
        return tx.STAFFNO_FORMS[self.split].format(n=n)

    # --- kept values ----------------------------------------------------------------------------------------
    def place(self) -> tuple[str, str, str, str]:
        """A clinical ward or unit: its site, building, name and a room."""
        return self.rng.choice([(site, b, w, r) for site, _, places in vx.SITES[self.split] for b, w, r in places
                                if w in self.wards])

    def date(self) -> str:
        d = dt.date(self.rng.randrange(2019, 2026), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        return self.rng.choice([f"{d:%d/%m/%y}", f"{d:%d/%m}", f"{d:%d.%m.%y}"] if self.split == "dev12" else
                               [f"{d.day} {d:%B %Y}", f"{d:%d/%m/%Y}", f"{d:%A} {d.day} {d:%B}"])

    def serial(self) -> str:
        rng = self.rng
        return rng.choice([f"{rng.choice(['SN', 'BR', 'TE', 'US'])}{digits(rng, 8)}",
                           f"{digits(rng, 4)}-{digits(rng, 6)}",
                           f"{rng.randrange(18, 26)}{rng.choice('ABCDEFHK')}{digits(rng, 5)}"])

    def job_ref(self) -> str:
        n = self.rng.randrange(100, 99999)
        return f"JOB-{self.rng.randrange(2019, 2026)}-{n:05d}" if self.split == "dev12" else f"W{n:06d}"

    def slot(self, key: str) -> list[Piece]:
        rng, split, sc = self.rng, self.split, self
        ref = lambda kind, value: [(value, kind, False)]  # noqa: E731
        mine = lambda kind, value: [(value, kind, True)]  # noqa: E731
        table: dict[str, Any] = {
            "ccn": lambda: sc.role("ccn", sc.ccns), "nurse": lambda: sc.role("nurse", sc.nurses),
            "play": lambda: sc.role("play", sc.plays), "eng": lambda: sc.name(*sc.pick(sc.engs)),
            "doc": lambda: [tx.ROLES[split]["doc"][0] + " ", (sc.pick(sc.docs)[1], "name", True)],
            "who": lambda: sc.name(*sc.pick(sc.staff)), "rep": lambda: sc.name(*sc.pick(sc.reps)),
            "fn": lambda: [(vx.NICKNAMES[split].get(g, g) if rng.random() < 0.3 else g, "name", True)
                           for g, _ in [sc.pick(sc.nurses + sc.ccns)]],
            "again": sc.again, "ini": sc.initials,
            "full": lambda: [(sc.last[0], "name", True), " ", (sc.last[1], "name", True)],
            "hi": lambda: [(rng.choice(sc.engs + sc.admins)[0], "name", True)],
            "kid": sc.kid, "kfn": sc.kfn, "hosp": sc.hosp, "nhs": sc.nhs, "dob": sc.dob,
            "home": sc.address, "pc": sc.postcode,
            "mum": lambda: sc.relative(("mother", "foster", "gran", "step")),
            "dad": lambda: sc.relative(("father", "step", "grandad")),
            "kin": lambda: sc.relative(("foster", "gran", "grandad", "step")),
            "carer": lambda: sc.relative(tuple(tx.RELATIONS[split])), "sw": sc.social_worker,
            "cfn": lambda: [(sc.carer[0], "name", True)],
            "cmob": lambda: mine("phone", sc.mobile(sc.carer)), "tel": lambda: mine("phone", sc.landline()),
            "hmail": lambda: mine("email", sc.home_email()), "smob": lambda: mine("phone", sc.mobile(sc.last)),
            "mail": lambda: mine("email", sc.email()), "login": lambda: mine("login", sc.login()),
            "staffno": lambda: mine("staff_id", sc.staff_number()),
            "ward": lambda: ref("ward", sc.ward if sc.ward in sc.wards and rng.random() < 0.5 else sc.place()[2]),
            "site": lambda: ref("site", sc.place()[0]), "bldg": lambda: ref("building", sc.place()[1]),
            "room": lambda: ref("room", sc.place()[3]), "town": lambda: ref("town", rng.choice(vx.TOWNS[split])),
            "maker": lambda: ref("maker", sc.maker), "model": lambda: ref("model", sc.model),
            "part": lambda: ref("part_number", rng.choice(kx.PARTS)), "serial": lambda: ref("serial", sc.serial()),
            "tag": lambda: ref("asset_tag", sc.tag or rng.choice(sc.tags)),
            "tag2": lambda: ref("asset_tag", rng.choice([t for t in sc.tags if t != sc.tag] or [sc.tag])),
            "title": lambda: ref("job_title", rng.choice(vx.JOB_TITLES[split])),
            "epo": lambda: ref("eponym", rng.choice(vx.EPONYMS[split])),
            "ext": lambda: ref("extension", f"{rng.randrange(2, 7)}{digits(rng, 3)}" if split == "dev12"
                               else f"8{digits(rng, 4)}"),
            "bleep": lambda: ref("bleep", f"{rng.randrange(1, 9)}{digits(rng, 2)}"),
            "err": lambda: ref("error_code", rng.choice(kx.ERRORS)),
            "ver": lambda: ref("version", rng.choice(kx.VERSIONS)),
            "kit": lambda: ref("test_kit", rng.choice(kx.TEST_KIT)),
            "std": lambda: ref("standard", rng.choice(kx.STANDARDS)),
            "box": lambda: ref("role_mailbox", rng.choice(vx.MAILBOXES[split])),
            "desk": lambda: ref("org_phone", rng.choice(vx.DESKS[split])), "date": lambda: ref("date", sc.date()),
            "job": lambda: ref("job_ref", sc.job_ref()),
            "datix": lambda: ref("incident_no", f"W{digits(rng, 6)}" if split == "dev12" else f"INC-{digits(rng, 5)}"),
            "school": lambda: ref("school", rng.choice(vx.SCHOOLS[split])),
            "charity": lambda: ref("charity", rng.choice(vx.CHARITIES[split])),
            "time": lambda: [f"{rng.randrange(0, 24):02d}:{rng.choice(['05', '20', '40', '55'])}"],
            "age": lambda: [rng.choice(["3yo", "18 months", "6 wks", "7", "11yrs", "4"])],
        }
        return table[key]()

    def fill(self, template: str, case: str = "", nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
        return fill(template, self.slot, case, nested)
