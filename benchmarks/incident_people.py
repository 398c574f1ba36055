"""The people of `incident_export.py`: ward staff, doctors, engineers, makers' field engineers, incident handlers,
patients and their relatives, drawn from the split's hand-made pools and Faker locales (`incident_vocab`), none
carrying a word of the templates or of the kept vocabulary; the held-out split's share no word with the dev split's.
And the identifiers their planted values need: the trust's hospital numbers."""

from __future__ import annotations

import functools
import random
import re

import incident_kit as kx
import incident_notes as nx
import incident_text as tx
import incident_vocab as vx
from export_common import Person, digits, draw_people, drawn_female, given_names

SPLITS = ("dev15", "fresh13")
# Words and abbreviations of two or three letters that initials must not be (they stand in the notes anyway).
SHORT_WORDS = {"am", "pm", "ok", "no", "na", "pt", "dr", "mr", "ms", "id", "on", "up", "in", "at", "to", "is", "it",
               "of", "or", "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "re", "cc", "rn", "sn", "sr",
               "ed", "ct", "hr", "iv", "vt", "icu", "itu", "amu", "hca", "csw", "doc", "fse", "fsn", "sho", "ack",
               "led", "sat", "ext", "nhs", "dob", "mrn", "bp", "ecg", "nbp", "hdu", "cpr", "aed", "foc", "pat"}
_SEX: dict[Person, bool] = {}  # True for a woman: set as the people are drawn


def reserved_words() -> set[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one, so that a kept
    "Sister Dora Ward" or a note's "stone" is never also a planted name."""
    texts: list[str] = [*kx.ERRORS, *kx.VERSIONS, *kx.RATES, *kx.OBS, *kx.SATS, *kx.JOULES, *kx.SEVERITY,
                        *kx.CATEGORY, *kx.STATUS]
    texts.extend(w for maker, models in kx.KIT for w in (maker, *sum(models, ())))
    for table in (tx.DESC, tx.ACTION, nx.FINDINGS, nx.CANDOUR, nx.ISSUE, nx.ASKS, nx.ACK, nx.COMMENTS, vx.TOWNS,
                  vx.STREETS, vx.FLATS, vx.MAILBOXES, vx.COMMITTEES, vx.SPECIALTIES):
        for values in table.values():
            texts.extend(values)
    for split in SPLITS:
        texts.extend(w for words in nx.ROLES[split].values() for w in words)
        texts.extend(w for rel in nx.RELATIONS[split].values() for w in rel[:1])
        texts.extend(w for site, town, wards in vx.SITES[split] for w in (site, town, *wards))
        texts.extend(w for titles in vx.JOB_TITLES[split].values() for w in titles)
        texts.extend([vx.TRUST[split], *vx.NICKNAMES[split].values(), vx.DOMAIN[split]])
    text = re.sub(r"\{\w*\}|\[/?\w+\]|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ")
    return set(text.split())


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname) from the split's pools and Faker locales, weighted by origin; no reserved
    word, none of `taken`."""
    return draw_people(random.Random(f"incident-people-{split}-{seed}"), vx.POOLS[split], vx.WEIGHTS,
                       vx.LOCALES[split], seed * 59 + (0 if split == "dev15" else 1300), n, reserved_words(), taken,
                       woman_share=0.6, sexes=_SEX)


@functools.cache
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    return given_names(vx.POOLS.values())


def female(p: Person) -> bool:
    """Whether a person drawn here is a woman (as drawn; else from the pools, else by the name's ending)."""
    return drawn_female(p, _SEX, _given_names())


# --- identifiers (NHS numbers are `export_common`'s) --------------------------------------------------------------
def hospital_number(rng: random.Random, split: str) -> str:
    """The trust's own scheme (the digits; a prefix is added as it is written): dev15 seven digits starting 4 to 6
    (written "MV4471123" or bare), fresh13 seven digits (a "K-number", "K1234567")."""
    return f"{rng.randrange(4, 7)}{digits(rng, 6)}" if split == "dev15" else f"{rng.randrange(1, 10)}{digits(rng, 6)}"


def written_hospital_number(rng: random.Random, split: str, number: str) -> str:
    """A hospital number as a writer types it: with or without the trust's letter prefix."""
    if split == "dev15":
        return rng.choice([number, number, f"MV{number}", f"MV{number}", f"MV-{number}"])
    return rng.choice([f"K{number}", f"K{number}", f"K-{number}", f"K {number}", number])
