"""The people of `privatehosp_export.py`: drawn from the split's hand-made pools and Faker locales
(`privatehosp_vocab`), none carrying a word of the templates or of the kept vocabulary, each with a sex so that
titles and relation words fit; and the numbers their planted values need (the group's patient numbers,
insurers' membership numbers, GMC numbers, NMC PINs, HCPC registrations)."""

from __future__ import annotations

import functools
import random
import re

import privatehosp_kit as kx
import privatehosp_notes as nx
import privatehosp_text as tx
import privatehosp_vocab as vx
from export_common import Person, digits, draw_people, given_names

# Words and abbreviations of two or three letters that initials must not be (they stand in the notes anyway).
SHORT_WORDS = {"am", "pm", "ok", "no", "pt", "dr", "mr", "ms", "mw", "sn", "rn", "cn", "id", "on", "up", "in", "at",
               "to", "is", "it", "of", "or", "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "re", "ta",
               "vm", "gp", "bo", "ct", "ecg", "mri", "nff", "ppm", "odp", "hca", "nhs", "gmc", "nmc", "po", "sw",
               "tv", "uk", "rm", "th", "ext", "mob", "hr", "cc", "fw", "nok", "sec", "and", "the", "ref", "wk", "bb"}


def reserved_words() -> set[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one, so that a kept
    "Hartley Wing" or a note's "frank" is never also a planted name."""
    texts: list[str] = [*kx.SUPPLIERS, *kx.PART_DESCS, *kx.TEST_KIT, *kx.STANDARDS, *kx.FAILURE_CAUSES,
                        *kx.INSURERS, *kx.STATUSES, *kx.JOB_TYPES, *kx.JOB_STATUSES, *nx.NOTE_TYPES,
                        *(w for m in kx.MODELS for w in m)]
    for table in (tx.FAULT, tx.CAPS, tx.NOTE, nx.INCIDENT, nx.ACTION, nx.LOAN, nx.ASSET, nx.REQUESTER, nx.PHONE_KIN,
                  nx.SCI_ROLES, nx.PROCEDURES, vx.STREETS, vx.HOUSES, vx.FLATS, vx.MAILBOXES, vx.EPONYMS,
                  vx.JOB_TITLES, vx.HOME_MAIL, vx.PRACTICE_MAIL):
        for values in table.values():
            texts.extend(values)
    for table in (nx.EMAIL, nx.SEC_EMAIL, nx.PHONE, vx.GROUP, vx.DOMAIN, vx.LOGIN_DOMAIN):
        texts.extend(table.values())
    for split in vx.SITES:
        texts.extend(w for words in nx.ROLES[split] for w in words)
        texts.extend(w for rel in nx.RELATIONS[split].values() for w in rel[:1])
        texts.extend(vx.TOWNS[split])
        texts.extend(w for s, code, town, places in vx.SITES[split] for w in (s, code, town, *sum(places, ())))
        texts.extend(nick for nick in vx.NICKNAMES[split].values())
    text = re.sub(r"\{\w*\}|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ")
    return set(text.split())


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname) from the split's pools and Faker locales, weighted by origin; no reserved
    word, none of `taken`."""
    return draw_people(random.Random(f"privatehosp-people-{split}-{seed}"), vx.POOLS[split], vx.WEIGHTS,
                       vx.LOCALES[split], seed * 37 + (0 if split == "dev13" else 500), n, reserved_words(), taken)


@functools.cache
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    """Women's and men's given names of the pools and of the Faker locales that keep them apart."""
    return given_names(vx.POOLS.values(), sorted({loc for locales in vx.LOCALES.values() for loc in locales}))


def female(given: str) -> bool:
    """Whether a given name is a woman's: from the lists, else by its ending."""
    women, men = _given_names()
    return given in women or (given not in men and given.endswith(("a", "e", "i")) and not given.endswith("ee"))


def patient_number(rng: random.Random, split: str, site_code: str) -> str:
    """The group's own scheme: dev13 the site's two letters and seven digits ("HG0041275"); fresh11 the site's
    three letters, a hyphen and six digits ("CAV-204518")."""
    if split == "dev13":
        return f"{site_code}00{digits(rng, 5)}"
    return f"{site_code}-{rng.randrange(1, 4)}{digits(rng, 5)}"


def membership_number(rng: random.Random, insurer: str) -> str:
    shape = rng.choice(kx.INSURERS[insurer])
    return "".join(rng.choice("0123456789") if c == "d" else rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if c == "L"
                   else c for c in shape)


def gmc_number(rng: random.Random) -> str:
    return f"{rng.randrange(2, 8)}{digits(rng, 6)}"


def nmc_pin(rng: random.Random) -> str:
    """Two digits (year), a letter (month), four digits, a letter (where registered: E, S, W, N or O)."""
    return f"{rng.randrange(80, 124) % 100:02d}{rng.choice('ABCDEFGHIJKL')}{digits(rng, 4)}{rng.choice('EEESWNOO')}"


def hcpc_number(rng: random.Random, role: int) -> str:
    """A registration of the HCPC's part for the role (physio, radiographer, physiologist, scientist)."""
    prefix = ["PH", "RA", "CS", "CS"][role]
    return f"{prefix}{digits(rng, rng.choice([5, 6]) if prefix != 'CS' else 5)}"
