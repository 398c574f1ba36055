"""The people of `board_dump_export.py`: drawn from the split's hand-made pools (`board_dump_vocab.POOLS`), none
carrying a word of the templates or of the kept vocabulary; and the small helpers their planted values need."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

import board_dump_text as tx
import board_dump_vocab as vx
from export_common import digits

Person = tuple[str, str]
_PLAIN = str.maketrans({"ł": "l", "Ł": "L"})


def fold(text: str) -> str:
    """ASCII letters of a name as an address or login writes it ("Ó Dochartaigh" -> "odochartaigh")."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower())


def reserved_words() -> set[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one, so that a kept
    "Lister Building" or a note's "wee" is never also a planted name."""
    texts: list[str] = [*vx.SUPPLIERS, *vx.PART_DESCS, *vx.TEST_KIT, *vx.STANDARDS, *vx.FAILURE_CAUSES,
                        *(w for m in vx.MODELS for w in m)]
    for table in (tx.REQUEST, tx.CAPS, tx.WORK, tx.ASSET, tx.AUDIT_APP, tx.AUDIT_OLD, tx.ROLES, vx.TOWNS, vx.STREETS,
                  vx.HOUSES, vx.HOUSE_PLACES, vx.MAILBOXES, vx.EPONYMS, vx.JOB_TITLES):
        for values in table.values():
            texts.extend(values)
    texts.extend(tx.EMAIL.values())
    texts.extend(w for sites in vx.SITES.values() for s, t, b, places in sites for w in (s, t, b, *sum(places, ())))
    return set(re.sub(r"[{}]\w*[{}]|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").split())


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname) from the split's pools, weighted by origin; no reserved word, none of `taken`."""
    rng = random.Random(f"board-people-{split}-{seed}")
    pools, reserved = vx.POOLS[split], reserved_words()
    origins = list(pools)
    found: dict[str, Person] = {}
    for _ in range(200 * n):
        if len(found) >= n:
            break
        women, men, surnames = pools[rng.choices(origins, [vx.WEIGHTS[o] for o in origins])[0]]
        g, s = rng.choice(women + men), rng.choice(surnames)
        if s.endswith(("ski", "ska", "cki", "cka")):  # a Polish surname agrees with its bearer
            s = s[:-1] + ("a" if g in women else "i")
        words = {w.lower() for w in f"{g} {s}".replace("-", " ").split()}
        if not words & reserved and not (taken and words & taken):
            found.setdefault(f"{g} {s}".lower(), (g, s))
    return list(found.values())


def female(given: str) -> bool:
    return any(given in f for pools in vx.POOLS.values() for f, _, _ in pools.values())


def chi_number(rng: random.Random, born: dt.date) -> str:
    """DDMMYY, two digits, a sex digit and the modulus-11 check digit."""
    while True:
        body = f"{born:%d%m%y}{digits(rng, 3)}"
        check = 11 - sum(int(c) * (10 - i) for i, c in enumerate(body)) % 11
        if check != 10:
            return body + str(check % 11)
