"""Towns of the UK and Ireland, from the area-code descriptions that phonenumbers ships (already a dependency).

Every UK and Irish geographic area code is named after the town it serves ("Kirkcaldy", "Haverfordwest",
"Letterkenny/Donegal/Dungloe/Buncrana"): about 800 towns, the small ones too, which notes name as places
("unit came over from Kirkcaldy"). No name list of ours knows them, so a lone capitalised word after a cue read as
a person. phonenumbers keeps the descriptions in generated modules that its package imports all at once (about
100 MB for every country); reading the lines of the UK and Irish prefixes from those files costs milliseconds.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

# One generated line per prefix: " '441592':{'en': 'Kirkcaldy'},"
_LINE = re.compile(r"""^\s*'(?:44|353)\d+':\{'en': u?\(?'([^']+)'""", re.MULTILINE)
_ASIDE = re.compile(r"\s*\([^)]*\)")
# Descriptions that are regions or services rather than towns.
_NOT_TOWNS = frozenset({"Northern Ireland", "Ireland", "United Kingdom", "UK", "Mobile", "National"})


def _geodata_files() -> list[Path]:
    spec = importlib.util.find_spec("phonenumbers")
    if spec is None or spec.origin is None:
        return []
    folder = Path(spec.origin).parent / "geodata"
    return sorted(folder.glob("data*.py"), key=lambda p: int(p.stem[4:] or 0))


@lru_cache(maxsize=1)
def uk_irish_towns() -> frozenset[str]:
    """The towns, as written ("Fort William", "Merthyr Tydfil"); empty if phonenumbers moved its data (then towns
    are judged like any other word: redacted when a cue says person, never kept by mistake)."""
    towns: set[str] = set()
    for path in _geodata_files():
        found = _LINE.findall(path.read_text(encoding="utf-8"))
        if not found and towns:
            break  # the generated files are in prefix order: the UK's and Ireland's are behind us
        for description in found:
            for part in _ASIDE.sub("", description).split("/"):
                part = part.strip()
                if part and part not in _NOT_TOWNS:
                    towns.add(part)
    return frozenset(towns)
