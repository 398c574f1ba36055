"""People and planted values of `variety_export.py`: the split's people, how this system's users typed a person
into a person column, and notes written as sentences with people, patients' details and kept look-alikes in them
(pieces, personal ones marked for the truth)."""

from __future__ import annotations

import random

from clinical_text import Piece, digits, fill, nhs_number
from variety_text import FAMILIES, JOB_TITLES, LOCALES, MAILBOXES, MAKERS, SITES, STREETS, TOWNS, WARDS


def people(split: str, seed: int, n: int) -> list[tuple[str, str]]:
    from faker import Faker

    fake = Faker(LOCALES[split])
    fake.seed_instance(seed)
    reserved = " ".join([*WARDS, *SITES, *JOB_TITLES, *TOWNS, *STREETS, *(m for m, _, _ in MAKERS)]).lower()
    found: dict[str, tuple[str, str]] = {}
    while len(found) < n:
        given, surname = fake.first_name(), fake.last_name()
        if len(given) > 2 and len(surname) > 2 and given.isalpha() and surname.replace("-", "").isalpha() \
                and surname.lower() not in reserved and given.lower() not in reserved:
            found.setdefault(surname.lower(), (given, surname))
    return list(found.values())


def person_cell(g: str, s: str, rng: random.Random) -> list[Piece]:
    """How this system's users typed a person into a person column."""
    form = rng.randrange(7)
    if form == 0:
        return [(s.upper(), "name", True), " ", (g, "name", True)]
    if form == 1:
        return [(s, "name", True), f", {g[0]}. ({rng.choice(['Dr', 'Sister', 'Tech', 'Mgr'])})"]
    if form == 2:
        return [(f"{g[0].lower()}{s.lower()}", "name", True)]
    if form == 3:
        return [(g, "name", True), " ", (s, "name", True)]
    if form == 4:
        return [(f"{g.lower()}.{s.lower()}@trust.nhs.uk", "email", True)]
    if form == 5:
        return [(g.lower(), "name", True), " ", (s.lower(), "name", True)]
    return [f"{g[0]}. ", (s, "name", True)]


def named(g: str, s: str, rng: random.Random, split: str = "") -> list[Piece]:
    if split == "dev2" and rng.random() < 0.3:  # forms the other splits never write
        return rng.choice([[(s, "name", True), ", ", (g, "name", True)], [f"{g[0]}.", (s, "name", True)],
                           [(g, "name", True), f" {s[0]}."], [(s.upper(), "name", True)],
                           [(g.lower(), "name", True)], [(s.lower(), "name", True)]])
    r = rng.random()
    if r < 0.35:
        return [(g, "name", True), " ", (s, "name", True)]
    if r < 0.55:
        return [(g, "name", True)]
    if r < 0.7:
        return [(g.lower(), "name", True), " ", (s.lower(), "name", True)]
    if r < 0.8:
        return [(g.upper(), "name", True), " ", (s.upper(), "name", True)]
    return [(s, "name", True)]


def sentence(template: str, person: list[Piece], rng: random.Random) -> list[Piece]:
    return fill(template, {"p": lambda: person, "ward": lambda: [(rng.choice(WARDS), "ward", False)],
                           "title": lambda: [(rng.choice(JOB_TITLES), "job_title", False)]})


def phone(rng: random.Random) -> str:
    n = f"{rng.randrange(900000, 901000)}"
    return rng.choice([f"020 7946 {rng.randrange(10000):04d}", f"07700 {n[:3]} {n[3:]}",
                       f"+44 113 496 {rng.randrange(10000):04d}", f"0113-496-{rng.randrange(10000):04d}",
                       f"+44(0)7700{n}", f"(0113) 496{rng.randrange(10000):04d}"])


def patient(rng: random.Random, staff: list[tuple[str, str]]) -> list[Piece]:
    kind = rng.randrange(6)
    if kind == 0:
        n = nhs_number(rng)
        return ["Pt NHS ", (f"{n[:3]}-{n[3:6]}-{n[6:]}" if rng.random() < 0.5 else n, "nhs", True)]
    if kind == 1:
        return [rng.choice(["Hospital no. ", "RTH", "MRN: "]), (digits(rng, 7), "hospital_number", True)]
    if kind == 2:
        return ["Pt born ", (f"{rng.randrange(1, 29)}/{rng.randrange(1, 13)}/{rng.randrange(1935, 2004)}", "dob",
                             True)]
    if kind == 3:
        return ["Home loan delivered to ", (f"{rng.randrange(2, 180)} {rng.choice(STREETS)}", "address", True),
                f", {rng.choice(TOWNS)}"]
    if kind == 4:
        return [rng.choice(["Callback on ", "Relative's number "]), (phone(rng), "phone", True)]
    g, s = rng.choice(staff)
    return ["Patient ", (g, "name", True), " ", (s, "name", True), " was on the pump at the time"]


def keeper(rng: random.Random) -> list[Piece]:
    kind = rng.randrange(6)
    if kind == 0:
        maker, models, _ = rng.choice(MAKERS)
        return ["Loan unit ", (maker, "maker", False), " ", (rng.choice(models), "model", False), " supplied"]
    if kind == 1:
        return ["Borrowed from ", (rng.choice(SITES), "site", False)]
    if kind == 2:
        return ["Part ", (f"{digits(rng, 3)}-{digits(rng, 6)}-{digits(rng, 2)}", "part_number", False), " ordered"]
    if kind == 3:
        d, m, y = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(2019, 2026)
        month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
        text = rng.choice([f"{d:02d}-{month}-{y % 100:02d}", f"{y}-{m:02d}-{d:02d}", f"{d} {month} {y}"])
        return ["Next service ", (text, "date", False)]
    if kind == 4:
        return ["Ward phone ext. ", (digits(rng, 5), "extension", False)]
    return ["Copy to ", (rng.choice(MAILBOXES), "role_mailbox", False)]


def note(rng: random.Random, split: str, staff: list[tuple[str, str]], base: list[str]) -> list[Piece]:
    pieces: list[Piece] = [rng.choice(base) + "."]
    for _ in range(rng.randrange(0, 4)):
        r = rng.random()
        if r < 0.4:
            frag = sentence(rng.choice(FAMILIES[split]), named(*rng.choice(staff), rng, split), rng)
        elif r < 0.65:
            frag = patient(rng, staff)
        else:
            frag = keeper(rng)
        pieces.extend([" ", *frag, "."])
    return pieces
