"""What the newer export generators share beyond their people pools: the held-out split's people, disjoint from the
dev split's, a working-hours moment, a template filled with planted pieces, random digits and a name folded to the
ASCII letters an address is written with."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Callable

Person = tuple[str, str]
# A piece of a cell: text, or a planted value with its kind and whether it is personal.
Piece = str | tuple[str, str, bool]


def held_out_people(people_of: Callable[..., list[Person]], dev_split: str, split: str, seed: int, rows: int
                    ) -> list[Person]:
    """A split's people for an export of `rows` assets; a held-out split shares no given name or surname with its
    dev split's."""
    n = 170 + rows // 2
    if split == dev_split:
        return people_of(split, seed, n)
    taken = {w.lower() for p in people_of(dev_split, seed, n) for w in " ".join(p).replace("-", " ").split()}
    return people_of(split, seed, n, taken)


def moment(rng: random.Random) -> dt.datetime:
    """A working-hours moment between 2019 and 2025."""
    return dt.datetime(rng.randrange(2019, 2026), rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(7, 21),
                       rng.randrange(60))


def fill(template: str, slot: Callable[[str], list[Piece]], case: str = "",
         nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
    """The template's pieces, each "{name}" from `nested` or `slot(name)`; `case` "lower"/"upper" renders the whole
    cell so (planted values too)."""
    nested = nested or {}
    out: list[Piece] = []
    for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
        if i % 2:
            out.extend(nested[part] if part in nested else slot(part))
        elif part:
            out.append(part)
    if case:
        conv = str.lower if case == "lower" else str.upper
        out = [conv(p) if isinstance(p, str) else (conv(p[0]), p[1], p[2]) for p in out]
    return out


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def fold(text: str) -> str:
    """ASCII letters of a name for an e-mail local part or a login: accents and apostrophes dropped."""
    return re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())
