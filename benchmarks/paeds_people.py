"""The people of `paeds_export.py`: drawn from the split's hand-made pools and Faker locales (`paeds_vocab`), none
carrying a word of the templates or of the kept vocabulary, each with a sex so that relation words fit; and the
identifiers their planted values need (this trust's hospital numbers; NHS numbers are `export_common`'s)."""

from __future__ import annotations

import functools
import random
import re

import paeds_kit as kx
import paeds_text as tx
import paeds_vocab as vx
from export_common import Person, digits, draw_people, given_names

# Words and abbreviations of two or three letters that initials must not be (they stand in the notes anyway).
SHORT_WORDS = {"am", "pm", "ok", "no", "na", "co", "st", "rd", "pt", "dr", "mr", "ms", "hr", "id", "on", "up", "in",
               "at", "to", "is", "it", "of", "or", "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "oh",
               "ch", "uk", "ta", "vm", "nan", "gp"}


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
    return given_names(vx.POOLS.values(), sorted({loc for locales in vx.LOCALES.values() for loc in locales}))


def female(given: str) -> bool:
    """Whether a given name is a woman's: from the lists, else by its ending (Lithuanian "-a", "-ė")."""
    women, men = _given_names()
    return given in women or (given not in men and given.endswith(("a", "ė", "e")) and not given.endswith("as"))


def hospital_number(rng: random.Random, split: str) -> str:
    """This trust's own scheme: dev12 "PD" and six digits; fresh10 eight digits starting 10 or 11."""
    return f"PD{digits(rng, 6)}" if split == "dev12" else f"1{rng.choice('01')}{digits(rng, 6)}"
