"""What the newer export generators share beyond their people pools: people drawn from the pools and Faker's
locales, the held-out split's people, disjoint from the dev split's, staff groups cut from them, whether a person is a
woman, a working-hours moment, planted pieces and a template filled with them, a scene's values kept for a person,
random digits and shaped codes, NHS numbers and key safe codes, a name folded to the ASCII letters an address is
written with, a workbook saved with fixed times; for the generators that write a database dump, how their builder
records a cell; and how the baseline reads the files back."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import unicodedata
import zipfile
from collections.abc import Callable, Container, Iterable, Mapping
from pathlib import Path
from typing import Any

Person = tuple[str, str]
# A piece of a cell: text, or a planted value with its kind and whether it is personal.
Piece = str | tuple[str, str, bool]
Pools = Mapping[str, tuple[list[str], list[str], list[str]]]  # origin -> women's, men's given names, surnames


def draw_people(rng: random.Random, pools: Pools, weights: Mapping[str, float], locales: Mapping[str, float],
                faker_seed: int, n: int, reserved: Container[str], taken: set[str] | None = None,
                woman_share: float = 0.55, accept: Callable[[str, str], bool] | None = None,
                sexes: dict[Person, bool] | None = None) -> list[Person]:
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


def held_out_people(people_of: Callable[..., list[Person]], dev_split: str, split: str, seed: int, rows: int,
                    n: int | None = None) -> list[Person]:
    """A split's `n` people (170 + rows // 2 by default) for an export of `rows` assets; a held-out split shares no
    given name or surname with its dev split's."""
    n = 170 + rows // 2 if n is None else n
    if split == dev_split:
        return people_of(split, seed, n)
    return people_of(split, seed, n, name_words(people_of(dev_split, seed, n)))


def name_words(people: Iterable[Person]) -> set[str]:
    """The words of people's names, lower case, a hyphenated name's parts apart."""
    return {w.lower() for p in people for w in " ".join(p).replace("-", " ").split()}


def groups(people: list[Person], sizes: Mapping[str, int], rest: str, spread: int) -> dict[str, list[Person]]:
    """Groups of `sizes` people cut from the front in order (scaled down when there are fewer than `spread` times
    their sum, two at least), the rest of the people under `rest`."""
    scale = min(1.0, len(people) / (spread * sum(sizes.values())))
    out: dict[str, list[Person]] = {}
    at = 0
    for group, size in sizes.items():
        k = max(2, int(size * scale))
        out[group] = people[at:at + k]
        at += k
    out[rest] = people[at:]
    return out


def given_names(pools: Iterable[Pools], locales: Iterable[str] = ()) -> tuple[frozenset[str], frozenset[str]]:
    """Given names only women carry and those only men carry, in the pools and in the Faker `locales` that keep
    women's and men's names apart."""
    tables = list(pools)
    women = {g for origins in tables for w, _, _ in origins.values() for g in w}
    men = {g for origins in tables for _, m, _ in origins.values() for g in m}
    if locales:
        from faker import Faker

        for locale in locales:
            for provider in Faker(locale).providers:
                if type(provider).__module__.startswith("faker.providers.person") and \
                        hasattr(provider, "first_names_female"):
                    women |= set(provider.first_names_female)
                    men |= set(provider.first_names_male)
    return frozenset(women - men), frozenset(men - women)


def drawn_female(p: Person, sexes: Mapping[Person, bool], names: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether a person is a woman: as drawn (`sexes`), else by `given_names`, else by the given name's ending."""
    if p in sexes:
        return sexes[p]
    women, men = names
    return p[0] in women or (p[0] not in men and p[0].endswith(("a", "e", "i")))


def moment(rng: random.Random) -> dt.datetime:
    """A working-hours moment between 2019 and 2025."""
    return dt.datetime(rng.randrange(2019, 2026), rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(7, 21),
                       rng.randrange(60))


def n(value: str) -> Piece:
    """A planted name."""
    return (value, "name", True)


def ref(kind: str, value: str) -> list[Piece]:
    """A kept reference value."""
    return [(value, kind, False)]


def mine(kind: str, value: str) -> list[Piece]:
    """A planted personal value."""
    return [(value, kind, True)]


def plain(pieces: Iterable[Piece]) -> str:
    """The text of pieces."""
    return "".join(p if isinstance(p, str) else p[0] for p in pieces)


class Memo:
    """A scene's values that stay the same for a person (their phones, e-mail, home, numbers...), each made once."""

    _known: dict[tuple[str, Any], Any]

    def known(self, what: str, key: Any, make: Callable[[], Any]) -> Any:
        if (what, key) not in self._known:
            self._known[(what, key)] = make()
        return self._known[(what, key)]


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


def shaped(rng: random.Random, shape: str) -> str:
    """A code of a shape: "#" a digit, "@" a capital letter (no I, O or Q), anything else as is."""
    return "".join(rng.choice("0123456789") if c == "#" else rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if c == "@"
                   else c for c in shape)


def nhs_number(rng: random.Random) -> str:
    """Ten digits with the modulus-11 check digit, bare."""
    while True:
        d = [rng.randrange(10) for _ in range(9)]
        check = (11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11) % 11
        if check != 10 and d[0] in (4, 6, 7):
            return "".join(map(str, d)) + str(check)


def keysafe(rng: random.Random) -> str:
    """A key safe's or door's code: four digits, never a year-like 19xx or 20xx; now and then five."""
    while True:
        code = "".join(rng.choice("0123456789") for _ in range(5 if rng.random() < 0.1 else 4))
        if not code.startswith(("19", "20")):
            return code


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


def save_workbook(book: Any, path: Path, stamp: tuple[int, int, int, int, int, int]) -> None:
    """An openpyxl workbook saved with every entry's time and the "created" and "modified" properties at `stamp`,
    so that a seed always gives the same bytes (openpyxl stamps the workbook's creation and its saving with the
    clock: two runs a second apart differed)."""
    raw, out = io.BytesIO(), io.BytesIO()
    book.save(raw)
    when = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*stamp).encode()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*", rb"\g<1>" + when, content)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=stamp), content, zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())


def sheet_rows(ws: Any, columns: list[str], records: Iterable[Mapping[str, Any]]) -> None:
    """Records below a header row, a column a key; blanks left empty, date-times formatted day first."""
    for r, record in enumerate(records, start=2):
        for c, column in enumerate(columns, start=1):
            value = record.get(column)
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm" if value.time() != dt.time() else "dd/mm/yyyy"


def dump_query(*paths: Path) -> Callable[[str], list[dict[str, str]]]:
    """Runs queries on a dump or files read by intake's own connectors into DuckDB (the baseline sees what intake
    sees), a table of each; every value as text, NULL as ""."""
    import duckdb
    import pyarrow as pa

    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    con = duckdb.connect()
    for path in paths:
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
