"""The people of `wheelchair_export.py`: clients, their relatives, paid carers, therapists, the service's admin staff
and the approved repairer's engineers, drawn from the split's hand-made pools and Faker locales (`wheelchair_vocab`),
none carrying a word of the templates or of the kept vocabulary; the held-out split's share no word with the dev
split's."""

from __future__ import annotations

import functools
import random
import re

import wheelchair_kit as kx
import wheelchair_text as tx
import wheelchair_vocab as vx
from export_common import Person, draw_people, drawn_female, given_names

SPLITS = ("dev16", "fresh14")
GROUPS = {"ther": 10, "admin": 6, "eng": 8, "carer": 12}
# Words and abbreviations of two or three letters that initials must not be (they stand in the notes anyway).
SHORT_WORDS = {"am", "pm", "ok", "no", "na", "pt", "dr", "mr", "ms", "id", "on", "up", "in", "at", "to", "is", "it",
               "of", "or", "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "re", "cc", "ot", "pa", "ks",
               "wt", "gp", "nhs", "dob", "dog", "mum", "dad", "son", "lol", "ext", "swl", "nff", "eta", "yr", "asap",
               "pls", "tel", "loc", "kg", "mm", "sw", "sd", "rip", "job", "van", "hub", "led", "mrs", "sir", "amp"}
_SEX: dict[Person, bool] = {}  # True for a woman: set as the people are drawn


def reserved_words() -> set[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one, so that a kept
    "Dr Khan & Partners" or "Hawking Room" or a note's "brake" is never also a planted name."""
    texts: list[str] = [*kx.PARTS, *kx.STATUS, *kx.JOB_TYPE, *kx.JOB_STATUS]
    for sizes in kx.SIZES.values():
        texts.extend(sizes)
    texts.extend(w for maker, models in kx.KIT for w in (maker, *sum(models, ())))
    for family in (tx.NOTES, tx.FAULT, tx.WORK, tx.REPORTED, vx.STREETS, vx.FLATS, vx.LOCATIONS, vx.PRACTICES,
                   vx.MAILBOXES, vx.JOB_TITLES, vx.HOME_MAIL):
        for values in family.values():
            texts.extend(values)
    for split in SPLITS:
        texts.extend(w for words in vx.ROLES[split].values() for w in words)
        texts.extend(vx.RELATIONS[split])
        texts.extend(vx.TOWNS[split])
        texts.extend([vx.TRUST[split], *vx.NICKNAMES[split].values(), vx.DOMAIN[split], vx.SITE[split],
                      *vx.LISTS[split], *vx.REPAIRER[split], vx.TENANT[split]])
    text = re.sub(r"\{\w*\}|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ")
    return set(text.split())


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname) from the split's pools and Faker locales, weighted by origin; no reserved
    word, none of `taken`."""
    return draw_people(random.Random(f"wheelchair-people-{split}-{seed}"), vx.POOLS[split], vx.WEIGHTS,
                       vx.LOCALES[split], seed * 61 + (0 if split == "dev16" else 1700), n, reserved_words(), taken,
                       accept=lambda g, _s: g.isprintable(), sexes=_SEX)


@functools.cache
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    return given_names(vx.POOLS.values())


def female(p: Person) -> bool:
    """Whether a person drawn here is a woman (as drawn; else from the pools, else by the name's ending)."""
    return drawn_female(p, _SEX, _given_names())
