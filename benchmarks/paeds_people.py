"""The people of `paeds_export.py`: drawn from the split's hand-made pools and Faker locales (`paeds_vocab`), none
carrying a word of the templates or of the kept vocabulary, each with a sex so that relation words fit; and the
identifiers their planted values need (NHS numbers, this trust's hospital numbers)."""

from __future__ import annotations

import functools
import random
import re

import paeds_kit as kx
import paeds_text as tx
import paeds_vocab as vx
from export_common import Person, Piece, digits, draw_people

# Words and abbreviations of two or three letters that initials must not be (they stand in the notes anyway).
SHORT_WORDS = {"am", "pm", "ok", "no", "na", "co", "st", "rd", "pt", "dr", "mr", "ms", "hr", "id", "on", "up", "in",
               "at", "to", "is", "it", "of", "or", "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "oh",
               "ch", "uk", "ta", "vm", "nan", "gp"}


def n(value: str) -> Piece:
    """A planted name."""
    return (value, "name", True)


def reserved_words() -> set[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one, so that a kept
    "Edith Cavell Ward" or a note's "nite" is never also a planted name."""
    texts: list[str] = [*kx.SUPPLIERS, *kx.PART_DESCS, *kx.TEST_KIT, *kx.STANDARDS, *kx.FAILURE_CAUSES,
                        *kx.ACCESSORIES, *(w for m in kx.MODELS for w in m)]
    for table in (tx.FAULT, tx.CAPS, tx.ACTION, tx.DEVICE, tx.LOAN, tx.CALL, tx.ACCESS, tx.ALERTS, tx.REPORTER,
                  vx.TOWNS, vx.STREETS, vx.FLATS, vx.MAILBOXES, vx.SCHOOLS, vx.CHARITIES, vx.EPONYMS,
                  vx.JOB_TITLES, vx.TEAMS):
        for values in table.values():
            texts.extend(values)
    texts.extend([*tx.EMAIL.values(), *tx.MALE_ROLES.values(), *(nick for m in vx.NICKNAMES.values()
                                                                  for nick in m.values())])
    for split in tx.ROLES:
        texts.extend(w for words in tx.ROLES[split].values() for w in words)
        texts.extend(w for rel in tx.RELATIONS[split].values() for w in rel[:2])
        texts.extend(tx.SOCIAL[split])
    texts.extend(w for sites in vx.SITES.values() for s, t, places in sites for w in (s, t, *sum(places, ())))
    return set(re.sub(r"[{}]\w*[{}]|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").split())


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname) from the split's pools and Faker locales, weighted by origin; no reserved
    word, none of `taken`."""
    return draw_people(random.Random(f"paeds-people-{split}-{seed}"), vx.POOLS[split], vx.WEIGHTS,
                       vx.LOCALES[split], seed * 71 + (0 if split == "dev12" else 1000), n, reserved_words(), taken,
                       woman_share=0.6)


@functools.cache
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    """Women's and men's given names of the pools and of the Faker locales that keep them apart."""
    from faker import Faker

    women = {g for pools in vx.POOLS.values() for w, _, _ in pools.values() for g in w}
    men = {g for pools in vx.POOLS.values() for _, m, _ in pools.values() for g in m}
    for locale in sorted({loc for locales in vx.LOCALES.values() for loc in locales}):
        for provider in Faker(locale).providers:
            if type(provider).__module__.startswith("faker.providers.person") and \
                    hasattr(provider, "first_names_female"):
                women |= set(provider.first_names_female)
                men |= set(provider.first_names_male)
    return frozenset(women - men), frozenset(men - women)


def female(given: str) -> bool:
    """Whether a given name is a woman's: from the lists, else by its ending (Lithuanian "-a", "-ė")."""
    women, men = _given_names()
    return given in women or (given not in men and given.endswith(("a", "ė", "e")) and not given.endswith("as"))


def nhs_number(rng: random.Random) -> str:
    """Ten digits with the modulus-11 check digit, bare."""
    while True:
        d = [rng.randrange(10) for _ in range(9)]
        check = (11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11) % 11
        if check != 10 and d[0] in (4, 6, 7):
            return "".join(map(str, d)) + str(check)


def hospital_number(rng: random.Random, split: str) -> str:
    """This trust's own scheme: dev12 "PD" and six digits; fresh10 eight digits starting 10 or 11."""
    return f"PD{digits(rng, 6)}" if split == "dev12" else f"1{rng.choice('01')}{digits(rng, 6)}"
