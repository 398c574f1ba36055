"""People, planted values and template filling of `imaging_export.py`: a `Scene` turns a template's `{slot}`s into
pieces, personal ones marked for the truth, kept ones marked as reference values.

Decisions (what is personal here): patients' names (also as DICOM person names, `SURNAME^GIVEN^^TITLE`), hospital
numbers (the DICOM Patient ID), accession numbers (each one is one patient's examination), NHS numbers, dates of
birth (also DICOM's `19650312`) and home addresses; staff and vendor engineers' names, initials, HCPC and pay
numbers, logins, mobiles and personal e-mail addresses (a vendor's domain does not make an engineer's address
impersonal). Kept: rooms, units and hospitals named after people, eponymous physics, makers and models, AE titles
and IP addresses of modalities, error codes, versions, helium levels, exposures, coils, incident (Datix) and
vendor case references, bleeps, extensions, service desk numbers and shared mailboxes.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from typing import Any

import imaging_text as tx
import imaging_vocab as vx
from ambulance_scene import digits, draw_people, fold, mobile, nhs_number
from export_common import Piece, fill

Person = tuple[str, str]

# AE titles and addresses of the PACS itself, named when a note is about an asset that speaks no DICOM.
CORE_NODES = [("PACS_ARCH1", "10.40.2.15"), ("RIS_MWL", "10.40.2.21"), ("VNA_STORE", "10.40.3.7")]
_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae"})


def dicom(text: str) -> str:
    """A name as a RIS writes it into DICOM (ISO_IR 6): accents dropped, upper case, spaces and hyphens kept."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN)).encode("ascii", "ignore").decode()
    return plain.upper()


def reserved_words() -> set[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one, so that a kept
    "Mansfield MRI Centre" or a note's "X-ray" is never also a planted name."""
    texts: list[str] = [*vx.VERSIONS, *vx.ERRORS, *vx.PARTS, *vx.COILS, *vx.JOB_TITLES, *vx.TEAMS, *vx.STANDARDS,
                        *vx.VENDOR_DOMAINS.values(), *(w for m in vx.MODELS for w in m), *(n for n, _ in CORE_NODES)]
    for table in (tx.FAULT, tx.CAPS, tx.DOSE, tx.HOME, tx.LOG, tx.WORK, tx.UPDATES, tx.ASSET, tx.RG_TITLES,
                  tx.RAD_TITLES, tx.PHYS_TITLES, tx.STAFFNO_FORMS, vx.HOSPITALS, vx.TOWNS, vx.STREETS, vx.EPONYMS,
                  vx.MAILBOXES, vx.SITE_TAGS):
        for values in table.values():
            texts.extend(values)
    texts.extend([*tx.EMAIL.values(), *(t for v in vx.ROOMS.values() for pair in v for t in pair)])
    return set(re.sub(r"[{}]\w*[{}]|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").split())


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname) from the split's pools and Faker locales; no reserved word, none of `taken`."""
    return draw_people(random.Random(f"imaging-people-{split}-{seed}"), vx.POOLS[split], vx.LOCALES[split],
                       seed * 89, reserved_words(), n, taken, word_weight=1.0)


class Scene:
    """Fills templates for one cell. `patient` (and `other`) are the patients a job is about, `last` the last person
    named, `node` the asset's (AE title, IP address) if it speaks DICOM, `maker`, `model` and `room` the asset's."""

    def __init__(self, rng: random.Random, split: str, staff: list[Person], fses: list[Person],
                 patients: list[Person], numbers: dict[Person, str]) -> None:
        self.rng, self.split = rng, split
        self.staff, self.fses, self.patients, self.numbers = staff, fses, patients, numbers
        self.radiographers, self.radiologists, self.physicists = staff[:34], staff[34:46], staff[46:54]
        self.patient: Person = patients[0]
        self.other: Person = patients[1]
        self.last: Person = staff[0]
        self.node: tuple[str, str] | None = None
        self.room = vx.ROOMS[split][0][0]
        self.maker, self.model = vx.MODELS[0][:2]
        # Initials that spell a word or code of the notes ("CT", "MR", "Dr") would be found in any record, planted or
        # not: such a person signs with a third letter.
        self.avoid = reserved_words() | {"mr", "mrs", "ms", "dr", "he", "mg", "dx", "rf", "us", "ae", "ip", "ok"}

    def name(self, g: str, s: str, patient: bool = False, formal: bool = False) -> list[Piece]:
        """A name as people write it; `formal` for a structured field (the system's own forms)."""
        n = lambda v: (v, "name", True)  # noqa: E731
        nick = vx.NICKNAMES.get(g)
        form = self.rng.choice([0, 1, 1, 7, 9, 9]) if formal else self.rng.randrange(12)
        if form == 0:
            return [n(s.upper()), ", ", n(g)]
        if form == 1:
            return [n(s), ", ", n(g)]
        if form == 2:
            return [g[0] + ". ", n(s)]
        if form == 3:
            return [n(g.lower()), " ", n(s.lower())]
        if form == 4 and nick:
            return [n(nick), " ", n(s)] if self.rng.random() < 0.5 else [n(nick)]
        if form == 5 and not patient:
            return [n(g)]
        if form == 6:
            return [self.rng.choice(["Mrs ", "Mr ", "Ms ", "mrs ", "Miss "]), n(s)]
        if form == 7:
            return [n(g.upper()), " ", n(s.upper())]
        if form == 8 and not patient:
            return [n(s.lower())]
        return [n(g), " ", n(s)]

    def dicom_name(self, person: Person) -> list[Piece]:
        """`SURNAME^GIVEN`, a title as the prefix (4th) or, as some RIS put it, the 5th component."""
        g, s = dicom(person[0]), dicom(person[1])
        if self.rng.random() < 0.15:  # a modality that keeps the RIS's mixed case
            g, s = person[0], person[1]
        tail = self.rng.choice(["", "", "", "^^", "^^MRS", "^^MR", "^^^MS", "^^^MR"])
        return [(s, "name", True), "^", (g, "name", True), tail]

    def pick(self, group: list[Person]) -> Person:
        self.last = self.rng.choice(group)
        return self.last

    def titled(self, titles: dict[str, list[str]], group: list[Person]) -> list[Piece]:
        g, s = self.pick(group)
        title = self.rng.choice(titles[self.split])
        r = self.rng.random()
        if not title:
            return self.name(g, s)
        if r < 0.25:
            who: list[Piece] = [(g, "name", True), " ", (s, "name", True)]
        elif r < 0.45 and not title.lower().startswith(("dr", "prof")):  # "radiographer on duty Jo"
            who = [(vx.NICKNAMES.get(g, g), "name", True)]
        else:
            who = [(s.lower() if title.islower() else s, "name", True)]
        if self.rng.random() < 0.2 and title[0].isupper() and not title.startswith(("Dr", "Prof")):
            return [*who, f" ({title})"]
        return [title + " ", *who]

    def initials(self, bare: bool = False) -> list[Piece]:
        g, s = self.last
        ini = fold(g)[:1] + "".join(fold(p)[:1] for p in s.replace("-", " ").split() if p[:1].isupper() or
                                     len(s.split()) == 1)
        if ini in self.avoid:
            ini += fold(s)[1:2]
        form = "{}" if bare else self.rng.choice(["{}", "/{}", "{}.", "({})", "- {}"])
        return [(form.format(ini.upper() if self.rng.random() < 0.8 else ini), "initials", True)]

    def staff_number(self) -> list[Piece]:
        before, after = self.rng.choice(tx.STAFFNO_FORMS[self.split]).split("{n}")
        return [before, (self.numbers[self.last], "staff_id", True), after]

    def email(self, person: Person | None = None) -> list[Piece]:
        g, s = person or self.last
        dom = self.rng.choice([f"{vx.TRUST[self.split]}.nhs.uk", "nhs.net"])
        local = f"{fold(g)}.{fold(s)}" if self.rng.random() < 0.8 else f"{fold(g)[:1]}{fold(s)}"
        return [(f"{local}{self.rng.choice(['', '', '2'])}@{dom}", "email", True)]

    def vendor_email(self, person: Person | None = None) -> list[Piece]:
        g, s = person or (self.last if self.last in self.fses else self.pick(self.fses))
        dom = vx.VENDOR_DOMAINS.get(self.maker, "imaging-fse.co.uk")
        local = self.rng.choice([f"{fold(g)}.{fold(s)}", f"{fold(g)}.{fold(s)}", f"{fold(g)[:1]}.{fold(s)}"])
        return [(f"{local}@{dom}", "email", True)]

    def login(self, person: Person) -> str:
        g, s = fold(person[0]), fold(person[1])
        return self.rng.choice([f"{g[:1]}{s}", f"{s[:5]}{g[:1]}".upper(), f"{g}.{s}", f"{g[:1]}{s[:7]}1"])

    def mrn(self) -> str:
        rng = self.rng
        if self.split == "dev10":
            return rng.choice([f"RX{digits(rng, 6)}", f"{rng.randrange(1, 10)}{digits(rng, 6)}", f"J{digits(rng, 6)}"])
        return rng.choice([f"M{digits(rng, 7)}", f"{rng.randrange(1, 10)}{digits(rng, 2)} {digits(rng, 4)}",
                           f"K{digits(rng, 6)}"])

    def accession(self) -> str:
        rng = self.rng
        if self.split == "dev10":
            return rng.choice([f"RAD{digits(rng, 7)}", f"{rng.randrange(19, 26)}R{digits(rng, 6)}"])
        return rng.choice([f"ACC{digits(rng, 8)}", f"E{rng.randrange(1, 10)}{digits(rng, 8)}"])

    def birth(self) -> dt.date:
        return dt.date(self.rng.randrange(1928, 2022), self.rng.randrange(1, 13), self.rng.randrange(1, 29))

    def dob(self) -> list[Piece]:
        b = self.birth()
        fmts = ([f"{b:%d/%m/%Y}", f"{b:%d.%m.%y}", f"{b:%d-%b-%Y}"] if self.split == "dev10" else
                [f"{b:%d %B %Y}", f"{b:%Y-%m-%d}", f"{b.day}/{b.month}/{b:%y}"])
        return [(self.rng.choice(fmts), "dob", True)]

    def address(self) -> list[Piece]:
        rng = self.rng
        out: list[Piece] = [rng.choice(["", "", "Flat 3, ", "2 "]),
                            (f"{rng.randrange(1, 180)} {rng.choice(vx.STREETS[self.split])}", "address", True)]
        if rng.random() < 0.4:
            pc = f"{rng.choice(vx.POSTCODES[self.split])} {rng.randrange(1, 10)}{rng.choice('ABDEHJLNPRSTUW')}" \
                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            out.extend([" ", (pc, "postcode", True)])
        return out

    def date(self) -> str:
        d = dt.date(self.rng.randrange(2019, 2026), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        return self.rng.choice([f"{d:%d/%m/%Y}", f"{d:%d/%m/%y}", f"{d:%d %b}"])

    def sent(self) -> str:
        t = dt.datetime(2025, self.rng.randrange(1, 13), self.rng.randrange(1, 29), self.rng.randrange(7, 20),
                        self.rng.randrange(60))
        return f"{t:%A, %d %B %Y %H:%M}" if self.split == "dev10" else f"{t:%d/%m/%Y %H:%M}"

    def datix(self) -> str:
        rng = self.rng
        if self.split == "dev10":
            return rng.choice([f"W{digits(rng, 6)}", f"{rng.randrange(2019, 2026)}/{digits(rng, 5)}"])
        return rng.choice([f"IR1-{digits(rng, 5)}", f"INC{digits(rng, 6)}"])

    def case(self) -> str:
        rng = self.rng
        return f"1-{digits(rng, 9)}" if self.split == "dev10" else f"SR{digits(rng, 8)}"

    def slot(self, name: str) -> list[Piece]:
        rng, split = self.rng, self.split
        ref = lambda kind, value: [(value, kind, False)]  # noqa: E731
        node = self.node or rng.choice(CORE_NODES)
        table: dict[str, Any] = {
            "staff": lambda: self.name(*self.pick(self.staff)),
            "rg": lambda: self.titled(tx.RG_TITLES, self.radiographers),
            "rad": lambda: self.titled(tx.RAD_TITLES, self.radiologists),
            "phys": lambda: self.titled(tx.PHYS_TITLES, self.physicists),
            "fse": lambda: self.name(*self.pick(self.fses)),
            "eng": lambda: self.name(*self.last), "init": self.initials, "staffno": self.staff_number,
            "first": lambda: [(vx.NICKNAMES.get(g, g) if rng.random() < 0.4 else g, "name", True)
                              for g, _ in [self.last]],
            "pat": lambda: self.name(*self.patient, patient=True),
            "opat": lambda: self.name(*self.other, patient=True), "dpat": lambda: self.dicom_name(self.patient),
            "mrn": lambda: [(self.mrn(), "hospital_number", True)], "acc": lambda: [(self.accession(), "accession",
                                                                                    True)],
            "nhs": lambda: [(nhs_number(rng), "nhs", True)], "dob": self.dob,
            "ddob": lambda: [(f"{self.birth():%Y%m%d}", "dob", True)], "mob": lambda: [(mobile(rng), "phone", True)],
            "email": self.email, "fmail": self.vendor_email, "addr": self.address,
            "login": lambda: [(self.login(rng.choice(self.staff)), "login", True)],
            "room": lambda: ref("room", self.room if rng.random() < 0.6 else rng.choice(vx.ROOMS[split])[0]),
            "hosp": lambda: ref("hospital", rng.choice(vx.HOSPITALS[split])),
            "town": lambda: ref("town", rng.choice(vx.TOWNS[split])),
            "model": lambda: ref("model", self.model), "maker": lambda: ref("maker", self.maker),
            "sw": lambda: ref("version", rng.choice(vx.VERSIONS)), "err": lambda: ref("error_code",
                                                                                       rng.choice(vx.ERRORS)),
            "part": lambda: ref("part", rng.choice(vx.PARTS)), "coil": lambda: ref("coil", rng.choice(vx.COILS)),
            "title": lambda: ref("job_title", rng.choice(vx.JOB_TITLES)),
            "team": lambda: ref("team", rng.choice(vx.TEAMS)), "std": lambda: ref("standard", rng.choice(vx.STANDARDS)),
            "epo": lambda: ref("eponym", rng.choice(vx.EPONYMS[split])),
            "ae": lambda: ref("ae_title", node[0]), "ip": lambda: ref("ip_address", node[1]),
            "he": lambda: ref("helium", rng.choice(["He ", "helium ", "He level "]) + f"{rng.uniform(58, 96):.1f}%"),
            "kv": lambda: ref("exposure", f"{rng.choice([60, 70, 81, 90, 102, 120])} kVp "
                                          f"{rng.choice([2.5, 5, 10, 16, 25, 40])} mAs"),
            "datix": lambda: ref("incident_no", self.datix()), "case": lambda: ref("service_report", self.case()),
            "bleep": lambda: ref("bleep", digits(rng, 4)), "ext": lambda: ref("extension", digits(rng, 5)),
            "mailbox": lambda: ref("mailbox", rng.choice(vx.MAILBOXES[split])),
            "desk": lambda: ref("org_phone", rng.choice(vx.VENDOR_DESKS[split])),
            "date": lambda: ref("date", self.date()), "sent": lambda: [self.sent()],
        }
        return table[name]()

    def fill(self, template: str, case: str = "", nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
        return fill(template, self.slot, case, nested)
