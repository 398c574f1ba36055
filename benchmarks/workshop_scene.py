"""People and planted values of `workshop_export.py`: the split's people, the forms this writer names them in,
and the appended work log (dated entries with the writer's initials, people, patients' details and kept
look-alikes in them; pieces, personal ones marked for the truth)."""

from __future__ import annotations

import datetime as dt
import random

from clinical_text import Piece, digits, fill, nhs_number
from workshop_text import (
    ACTIONS,
    FAMILIES,
    FAMILIES_OF,
    LOCALES,
    MAKERS,
    SITES,
    STANDARDS,
    STREETS,
    SYMPTOMS,
    TEST_KIT,
    TITLES,
    TOWNS,
    WARDS,
)


def people(split: str, seed: int, n: int) -> list[tuple[str, str]]:
    from faker import Faker

    fake = Faker(LOCALES[split])
    fake.seed_instance(seed)
    reserved = " ".join([*WARDS, *SITES, *TITLES, *TOWNS, *STREETS, *(m for m, _, _ in MAKERS), *SYMPTOMS,
                         *ACTIONS]).lower()
    found: dict[str, tuple[str, str]] = {}
    while len(found) < n:
        given, surname = fake.first_name(), fake.last_name()
        if len(given) > 2 and len(surname) > 2 and given.replace("-", "").isalpha() \
                and surname.replace("-", "").replace("'", "").replace(" ", "").isalpha() \
                and surname.lower() not in reserved and given.lower() not in reserved:
            found.setdefault(surname.lower(), (given, surname))
    return list(found.values())


def _others(split: str, seed: int, staff: list[tuple[str, str]]) -> list[tuple[str, str]]:
    taken = {w.lower() for pair in staff for w in pair}
    return [p for p in people(split, seed + 1000, 160) if not {w.lower() for w in p} & taken][:100]


def named(g: str, s: str, rng: random.Random) -> list[Piece]:
    """The forms this writer uses: mostly lower case, often one name, titles before surnames."""
    r = rng.random()
    if r < 0.25:
        return [(g.lower(), "name", True)]
    if r < 0.4:
        return [(g.lower(), "name", True), " ", (s.lower(), "name", True)]
    if r < 0.55:
        return [(g, "name", True), " ", (s, "name", True)]
    if r < 0.65:
        return [f"{rng.choice(['sister', 'dr', 'Dr', 'mr', 'Mrs', 'nurse', 'matron'])} ", (s, "name", True)]
    if r < 0.72:
        return [(g, "name", True), f" {s[0]}"]
    if r < 0.8:
        return [f"{g[0].lower()}.", (s.lower(), "name", True)]
    if r < 0.88:
        return [(s.upper(), "name", True)]
    if r < 0.94:
        return [(g, "name", True)]
    return [(s, "name", True), " ", (g, "name", True)]


def keeper(rng: random.Random) -> list[Piece]:
    kind = rng.randrange(7)
    if kind == 0:
        maker, models, _ = rng.choice(MAKERS)
        return ["loan ", (maker, "maker", False), " ", (rng.choice(models), "model", False), " issued"]
    if kind == 1:
        return ["tested with ", (rng.choice(TEST_KIT), "test_kit", False), " to ",
                (rng.choice(STANDARDS), "standard", False)]
    if kind == 2:
        return ["moved to ", (rng.choice(WARDS), "ward", False)]
    if kind == 3:
        return ["borrowed from ", (rng.choice(SITES), "site", False)]
    if kind == 4:
        return ["showing ", (f"Err {rng.randrange(10, 99)}", "error_code", False), " on start-up"]
    if kind == 5:
        return ["sw now ", (f"v{rng.randrange(1, 9)}.{rng.randrange(0, 20)}.{rng.randrange(0, 9)}", "version", False)]
    return ["ward contact ", rng.choice(["ext ", "bleep "]), (digits(rng, 4), "extension", False)]


def personal(rng: random.Random, staff: list[tuple[str, str]]) -> list[Piece]:
    kind = rng.randrange(6)
    if kind == 0:
        n = nhs_number(rng)
        return ["pt nhs no ", (f"{n[:3]} {n[3:6]} {n[6:]}", "nhs", True)]
    if kind == 1:
        return [rng.choice(["pt id ", "K number ", "hosp no "]), (digits(rng, 7), "hospital_number", True)]
    if kind == 2:
        d = dt.date(rng.randrange(1930, 2005), rng.randrange(1, 13), rng.randrange(1, 29))
        return ["pt dob ", (d.strftime(rng.choice(["%d.%m.%Y", "%d/%m/%y", "%d %b %Y"])), "dob", True)]
    if kind == 3:
        return ["home loan to ", (f"{rng.randrange(2, 99)} {rng.choice(STREETS)}", "address", True),
                f" {rng.choice(TOWNS)}"]
    if kind == 4:
        n = f"{rng.randrange(900000, 901000)}"
        return ["family on ", (rng.choice([f"07700{n}", f"+447700 {n}", f"0161 496 {rng.randrange(10000):04d}"]),
                              "phone", True)]
    g, _ = rng.choice(staff)
    return ["mobile of ", (g.lower(), "name", True), " is ", (f"07700 {rng.randrange(900000, 901000)}", "phone",
                                                                 True)]


def log(rng: random.Random, split: str, staff: list[tuple[str, str]], first: str, start: dt.datetime) -> list[Piece]:
    """An appended work log: entries with a date and the writer's initials."""
    out: list[Piece] = []
    when = start
    for i in range(rng.randrange(1, 4)):
        g, s = rng.choice(staff)
        header = f"{when:%d/%m/%y %H:%M} [{g[0]}{s[0]}] " if rng.random() < 0.7 else f"{when:%d/%m} {g[0]}{s[0]}: "
        out.append(("\n" if i else "") + header)
        out.append(first if i == 0 else rng.choice(ACTIONS))
        for _ in range(rng.randrange(0, 3)):
            r = rng.random()
            if r < 0.45:
                template = rng.choice(FAMILIES[FAMILIES_OF.get(split, split)])
                out.append(rng.choice([". ", " - ", ", "]))
                out.extend(_fill(template, named(*rng.choice(staff), rng), rng))
            elif r < 0.7:
                out.append(". ")
                out.extend(personal(rng, staff))
            else:
                out.append(". ")
                out.extend(keeper(rng))
        when += dt.timedelta(hours=rng.randrange(2, 60))
    return out


def _fill(template: str, person: list[Piece], rng: random.Random) -> list[Piece]:
    return fill(template, {"p": lambda: person, "ward": lambda: [(rng.choice(WARDS), "ward", False)],
                           "title": lambda: [(rng.choice(TITLES), "job_title", False)],
                           "ext": lambda: [digits(rng, 4)],
                           "date": lambda: [f"{rng.randrange(1, 29)}/{rng.randrange(1, 13)}"]})
