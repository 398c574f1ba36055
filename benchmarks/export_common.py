"""What the newer export generators share beyond their people pools: people drawn from the pools and Faker's
locales, the held-out split's people, disjoint from the dev split's, a working-hours moment, a template filled with
planted pieces, random digits, a name folded to the ASCII letters an address is written with; and, for the
generators that write a database dump, how their builder records a cell and how the baseline reads the dump back."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Callable, Container, Mapping
from pathlib import Path
from typing import Any

Person = tuple[str, str]
# A piece of a cell: text, or a planted value with its kind and whether it is personal.
Piece = str | tuple[str, str, bool]


def draw_people(rng: random.Random, pools: Mapping[str, tuple[list[str], list[str], list[str]]],
                weights: Mapping[str, float], locales: Mapping[str, float], faker_seed: int, n: int,
                reserved: Container[str], taken: set[str] | None = None, woman_share: float = 0.55,
                accept: Callable[[str, str], bool] | None = None, sexes: dict[Person, bool] | None = None
                ) -> list[Person]:
    """`n` distinct (given, surname) from `pools` (origin -> women's, men's given names, surnames) and Faker's
    `locales` (locale -> weight; their instances seeded from `faker_seed`), weighted by origin; no `reserved` word,
    none of `taken`, only what `accept` accepts. `sexes` records, for each person drawn, whether a woman."""
    from faker import Faker

    fakers = {loc: Faker(loc) for loc in locales}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(faker_seed + i)
    origins = [*pools, *fakers]
    chances = [weights[o] for o in pools] + list(locales.values())
    found: dict[str, Person] = {}
    for _ in range(200 * n):
        if len(found) >= n:
            break
        origin = rng.choices(origins, chances)[0]
        woman = rng.random() < woman_share
        if origin in pools:
            women, men, surnames = pools[origin]
            g, s = rng.choice(women if woman else men), rng.choice(surnames)
        else:
            f = fakers[origin]
            g = f.first_name_female() if woman else f.first_name_male()
            which = "last_name_female" if woman else "last_name_male"
            s = getattr(f, which)() if hasattr(f, which) else f.last_name()
        words = {w.lower() for w in f"{g} {s}".replace("-", " ").split()}
        if len(g) < 2 or len(s) < 2 or words & reserved or (taken and words & taken) \
                or (accept is not None and not accept(g, s)):
            continue
        key = f"{g} {s}".lower()
        if key not in found:
            found[key] = (g, s)
            if sexes is not None:
                sexes[(g, s)] = woman
    return list(found.values())


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


class Cells:
    """A dump generator's builder: every cell recorded with the truth writer `w` (planted pieces, the cell's table,
    row, column and product record)."""

    w: Any
    stored: dict[int, Person]  # staff id -> (given name, surname)
    scene: Any
    rng: random.Random
    split: str

    def cell(self, table: str, row: int, column: str, record: tuple[str, str], pieces: list[Piece]) -> str:
        return str(self.w.cell(pieces, table, row, column, record))

    def ref(self, table: str, row: int, column: str, kind: str, value: str, entity: str) -> str:
        return str(self.w.cell([(value, kind, False)], table, row, column, (entity, value)))

    def staff_name(self, sid: int, table: str, row: int, column: str, record: tuple[str, str]) -> None:
        first, last = self.stored[sid]
        self.cell(table, row, column, record, [(first, "name", True), " ", (last, "name", True)])

    def text(self, families: dict[str, list[str]], case: str = "") -> list[Piece]:
        return list(self.scene.fill(self.rng.choice(families[self.split]), case))


def dump_query(path: Path) -> Callable[[str], list[dict[str, str]]]:
    """Runs queries on a dump read by intake's own SQL dump reader into DuckDB (the baseline sees what intake sees);
    every value as text, NULL as ""."""
    import duckdb
    import pyarrow as pa

    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    con = duckdb.connect()
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        for name in source.tables():
            reader = source.read(name)
            con.register(name, pa.Table.from_batches(list(reader), schema=reader.schema))

    def query(sql: str) -> list[dict[str, str]]:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [{k: "" if v is None else str(v) for k, v in zip(names, row, strict=True)} for row in cur.fetchall()]

    return query


def joined(sep: str, *values: str) -> str:
    return sep.join(v for v in values if v)
