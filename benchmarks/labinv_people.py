"""The people of `labinv_export.py`: the UK side's research staff, students, engineers and study participants, the
Spanish partner's staff and patients, and a few visiting scientists named in Devanagari, drawn from the split's
hand-made pools and Faker locales (`labinv_vocab`), none carrying a word of the templates or of the kept
vocabulary; the held-out split's share no word with the dev split's. And the identifiers their planted values need:
the hospitals' own patient numbers, ORCID iDs, staff and student numbers, DNI and NIE numbers."""

from __future__ import annotations

import functools
import random
import re

import labinv_kit as kx
import labinv_text as tx
import labinv_vocab as vx
from export_common import Person, digits, drawn_female, given_names, name_words

SPLITS = ("dev14", "fresh12")
# Words and abbreviations of two or three letters that initials must not be (they stand in the notes anyway).
SHORT_WORDS = {"am", "pm", "ok", "no", "na", "pi", "dr", "mr", "ms", "id", "on", "up", "in", "at", "to", "is", "it",
               "of", "or", "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "re", "cc", "ip", "nff", "pat",
               "ber", "cal", "po", "pc", "qc", "rf", "ra", "el", "la", "de", "al", "en", "su", "lo", "ext", "tel",
               "sat", "lis", "nhc", "dni", "nie", "dob", "nhs", "ukas", "enac", "cl", "uk", "eta", "fri"}
_SEX: dict[Person, bool] = {}  # True for a woman: set as the people are drawn


def reserved_words() -> set[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one, so that a kept
    "Rosalind Franklin Suite" or a note's "miles" is never also a planted name."""
    texts: list[str] = [*kx.SUPPLIERS, *kx.ES_SUPPLIERS, *kx.PROVIDERS, *kx.ES_PROVIDERS, *kx.STATUS, *kx.ES_STATUS,
                        *kx.JOB_TYPE]
    for kit in (kx.LAB_KIT, kx.LOAN_KIT, kx.ES_KIT):
        texts.extend(w for maker, models in kit for w in (maker, *sum(models, ())))
    for table in (tx.NOTE, tx.CAPS, tx.FAULT, tx.WORK, tx.EMAIL, tx.BODY, tx.SIG, tx.LOAN, tx.BACK, tx.OBS, tx.INC,
                  tx.FIRMA, vx.TOWNS, vx.STREETS, vx.FLATS, vx.ES_STREETS, vx.MAILBOXES, vx.ES_MAILBOXES, vx.EPONYMS,
                  vx.ES_EPONYMS, vx.JOB_TITLES, vx.ES_JOB_TITLES, vx.STUDIES):
        for values in table.values():
            texts.extend(values)
    for split in SPLITS:
        texts.extend(w for words in tx.ROLES[split].values() for w in words)
        texts.extend(w for rel in (*tx.RELATIONS[split].values(), *tx.ES_RELATIONS[split].values()) for w in rel[:1])
        texts.extend(w for site, town, places in vx.SITES[split] for w in (site, town, *sum(places, ())))
        texts.extend(w for site, town, places in vx.ES_SITES[split] for w in (site, town, *sum(places, ())))
        texts.extend([*vx.ES_TOWNS[split], *vx.NICKNAMES[split].values(), vx.DOMAIN[split], vx.ES_DOMAIN[split]])
    text = re.sub(r"\{\w*\}|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ")
    return set(text.split())


def _side(origin: str, side: str) -> bool:
    return origin.startswith("es_") == (side == "es")


def people(split: str, seed: int, n: int, taken: set[str] | None = None, side: str = "uk") -> list[Person]:
    """`n` distinct (given, surname) of one side ("uk" or "es") from the split's pools and Faker locales, weighted by
    origin; no reserved word, none of `taken`. Spanish people carry both surnames ("García López")."""
    from faker import Faker

    rng = random.Random(f"labinv-people-{side}-{split}-{seed}")
    pools = {o: p for o, p in vx.POOLS[split].items() if _side(o, side)}
    locales, reserved = vx.LOCALES[split][side], reserved_words()
    fakers = {loc: Faker(loc) for loc in locales}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed * 53 + i + (0 if split == "dev14" else 700) + (0 if side == "uk" else 70))
    origins = [*pools, *fakers]
    weights = [vx.WEIGHTS[o] for o in pools] + list(locales.values())
    found: dict[str, Person] = {}
    for _ in range(200 * n):
        if len(found) >= n:
            break
        origin = rng.choices(origins, weights)[0]
        woman = rng.random() < 0.55
        if origin in pools:
            women, men, surnames = pools[origin]
            g, s = rng.choice(women if woman else men), rng.choice(surnames)
            if origin in ("es_spanish", "es_colombian"):
                s = f"{s} {rng.choice([x for x in surnames if x != s])}"
        else:
            f = fakers[origin]
            g = f.first_name_female() if woman else f.first_name_male()
            s = f.last_name()
            if origin == "es_ES":
                s = f"{s} {f.last_name()}"
        words = {w.lower() for w in f"{g} {s}".replace("-", " ").split()}
        if len(g) < 2 or len(s) < 2 or words & reserved or (taken and words & taken) or \
                len(set(s.split())) < len(s.split()):
            continue
        key = f"{g} {s}".lower()
        if key not in found:
            found[key] = (g, s)
            _SEX[(g, s)] = woman
    return list(found.values())


def devanagari(split: str, seed: int, n: int = 6, taken: set[str] | None = None) -> list[Person]:
    """Visiting scientists as their e-mails sign in Devanagari (Faker's hi_IN)."""
    from faker import Faker

    f = Faker("hi_IN")
    f.seed_instance(seed * 97 + (0 if split == "dev14" else 900))
    found: dict[str, Person] = {}
    for _ in range(200 * n):
        if len(found) >= n:
            break
        woman = len(found) % 2 == 0
        g = f.first_name_female() if woman else f.first_name_male()
        s = f.last_name()
        if (taken and {g, s} & taken) or f"{g} {s}" in found:
            continue
        found[f"{g} {s}"] = (g, s)
        _SEX[(g, s)] = woman
    return list(found.values())


def split_people(split: str, seed: int, rows: int) -> dict[str, list[Person]]:
    """A split's people: "uk", "es" and "deva"; the held-out split's share no word with dev14's."""
    sizes = {"uk": 110 + rows // 2, "es": 50 + rows // 3}

    def draw(which: str, taken: set[str] | None) -> dict[str, list[Person]]:
        out = {side: people(which, seed, n, taken, side) for side, n in sizes.items()}
        out["deva"] = devanagari(which, seed, taken=taken)
        return out

    if split == "dev14":
        return draw(split, None)
    dev = draw("dev14", None)
    return draw(split, name_words(p for group in dev.values() for p in group))


@functools.cache
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    return given_names(vx.POOLS.values())


def female(p: Person) -> bool:
    """Whether a person drawn here is a woman (as drawn; else from the pools, else by the name's ending)."""
    return drawn_female(p, _SEX, _given_names())


# --- identifiers (NHS numbers are `export_common`'s) --------------------------------------------------------------
def shaped(rng: random.Random, shape: str) -> str:
    """A code of a shape: "#" a digit, anything else as is."""
    return "".join(rng.choice("0123456789") if c == "#" else c for c in shape)


def orcid(rng: random.Random) -> str:
    """An ORCID iD with its ISO 7064 11,2 check character."""
    body = "0000000" + rng.choice("1223") + digits(rng, 7) if rng.random() < 0.9 else "00000009" + digits(rng, 7)
    total = 0
    for c in body:
        total = (total + int(c)) * 2
    check = (12 - total % 11) % 11
    full = body + ("X" if check == 10 else str(check))
    return "-".join(full[i:i + 4] for i in range(0, 16, 4))


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni(rng: random.Random) -> str:
    number = rng.randrange(1_000_000, 80_000_000)
    return f"{number:08d}{_DNI_LETTERS[number % 23]}"


def nie(rng: random.Random) -> str:
    prefix = rng.choice("XXYZ")
    number = rng.randrange(0, 10_000_000)
    return f"{prefix}{number:07d}{_DNI_LETTERS[int('XYZ'.index(prefix) * 10_000_000 + number) % 23]}"


def hospital_number(rng: random.Random, split: str) -> str:
    """The UK hospital's own scheme: dev14 "K0" and six digits; fresh12 "NT" and seven digits."""
    return f"K0{digits(rng, 6)}" if split == "dev14" else f"NT{rng.randrange(1, 10)}{digits(rng, 6)}"


def nhc(rng: random.Random, split: str) -> str:
    """The Spanish hospital's historia clínica: dev14 seven digits; fresh12 eight, starting 1 to 3."""
    return f"{rng.randrange(1, 10)}{digits(rng, 6)}" if split == "dev14" else f"{rng.randrange(1, 4)}{digits(rng, 7)}"


def staff_number(rng: random.Random, split: str) -> str:
    return f"00{digits(rng, 6)}" if split == "dev14" else f"E{rng.randrange(1, 10)}{digits(rng, 5)}"


def student_number(rng: random.Random, split: str) -> str:
    return f"s{rng.randrange(17, 25)}{digits(rng, 5)}" if split == "dev14" else \
        f"{rng.randrange(2017, 2025)}{digits(rng, 5)}"
