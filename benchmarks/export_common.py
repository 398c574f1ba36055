"""What the newer export generators share beyond their people pools: the held-out split's people, disjoint from the
dev split's, and a working-hours moment."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

Person = tuple[str, str]


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
