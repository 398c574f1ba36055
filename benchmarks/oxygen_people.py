"""The people of `oxygen_export.py`: patients and their relatives, paid carers, GPs, respiratory nurses, the portal's
admin staff, the supplier's engineers and drivers, drawn from the split's pools and Faker locales (`oxygen_wales`,
`oxygen_scotland`), none carrying a word of the templates or of the kept vocabulary; a Welsh "ap" patronymic is
"ferch" for a woman, a Gaelic "Mac" is "Nic"; the held-out split's people share no word with the dev split's."""

from __future__ import annotations

import functools
import random
import re
from types import ModuleType

import oxygen_kit as kx
import oxygen_scotland
import oxygen_wales
from export_common import Person, draw_people, drawn_female, given_names

SPLITS = ("dev17", "fresh15")
VOCAB: dict[str, ModuleType] = {"dev17": oxygen_wales, "fresh15": oxygen_scotland}
GROUPS = {"nurse": 8, "gp": 8, "eng": 7, "driver": 7, "admin": 5, "carer": 10}
# Words and abbreviations of two or three letters that initials must not be (they stand in the notes anyway).
SHORT_WORDS = {"am", "pm", "ok", "no", "na", "pt", "dr", "mr", "ms", "id", "on", "up", "in", "at", "to", "is", "it",
               "of", "or", "so", "do", "be", "by", "if", "me", "my", "we", "us", "he", "re", "cc", "ks", "gp", "nhs",
               "dob", "mum", "dad", "son", "ext", "eta", "tel", "loc", "hrs", "cyl", "min", "lpm", "nok", "ooh", "hos",
               "hot", "rx", "ppm", "niv", "poc", "ap", "chi", "rns", "cns", "hca", "led", "mrs", "sir", "amp", "sat",
               "ltr", "wo", "del", "col", "mob", "eng", "fw", "nb", "aw", "ye", "ta", "ah", "ow", "sw", "er", "ed"}
# A vocabulary's tables of people, not kept values (their nicknames are reserved: a nickname is no drawn name).
PEOPLE_TABLES = {"POOLS", "WEIGHTS", "LOCALES", "NICKNAMES", "GAELIC_WOMEN", "PATRONYMIC"}
_SEX: dict[Person, bool] = {}  # True for a woman: set as the people are drawn


def _texts_of(module: ModuleType) -> list[str]:
    out: list[str] = []
    for name in dir(module):
        if name.isupper():
            out.extend(_flatten(getattr(module, name)))
    return out


def _flatten(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_flatten(k), *_flatten(v))]
    if isinstance(value, (list, tuple, set)):
        return [s for v in value for s in _flatten(v)]
    return []


@functools.cache
def reserved_words() -> frozenset[str]:
    """Words of every template and of the kept vocabulary (both splits): no person may carry one, so that a kept
    "Ward Aneurin Bevan" or "Dr Llewellyn & Partners" or a note's "sieve" is never also a planted name. The people
    pools are no kept vocabulary: their names are left out."""
    import oxygen_files
    import oxygen_portal
    import oxygen_rows
    import oxygen_runs
    import oxygen_scotland_text
    import oxygen_wales_text

    texts = [s for m in (kx, oxygen_wales_text, oxygen_scotland_text, oxygen_files, oxygen_portal, oxygen_rows,
                         oxygen_runs) for s in _texts_of(m)]
    for module in VOCAB.values():
        texts.extend(s for name in dir(module) if name.isupper() and name not in PEOPLE_TABLES
                     for s in _flatten(getattr(module, name)))
        texts.extend(module.NICKNAMES.values())
    text = re.sub(r"\{\w*\}|[^\w' ]", " ", " ".join(texts).lower()).replace("'s", " ").replace("'", " ")
    return frozenset(text.split())


def _accept(split: str) -> object:
    def accept(g: str, s: str) -> bool:
        if not (g + s).replace(" ", "").replace("-", "").replace("'", "").isalpha():
            return False
        if split == "fresh15":  # the run sheet is Windows-1252: a name it cannot hold is not drawn
            try:
                f"{g} {s}".encode("cp1252")
            except UnicodeEncodeError:
                return False
        return True
    return accept


def people(split: str, seed: int, n: int, taken: set[str] | None = None) -> list[Person]:
    """`n` distinct (given, surname) from the split's pools and Faker locales, weighted by origin; no reserved
    word, none of `taken`; patronymics and Gaelic surnames in a woman's form for a woman."""
    v = VOCAB[split]
    drawn = draw_people(random.Random(f"oxygen-people-{split}-{seed}"), v.POOLS, v.WEIGHTS, v.LOCALES,
                        seed * 53 + (0 if split == "dev17" else 2300), n, reserved_words(), taken,
                        accept=_accept(split), sexes=_SEX)  # type: ignore[arg-type]
    out: list[Person] = []
    for g, s in drawn:
        woman = _SEX.get((g, s), False)
        if woman and s.startswith("ap "):
            s = "ferch " + s[3:]
        elif woman and s in getattr(v, "GAELIC_WOMEN", {}):
            s = v.GAELIC_WOMEN[s]
        if (g, s) not in out:
            _SEX[(g, s)] = woman
            out.append((g, s))
    return out


@functools.cache
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    return given_names(v.POOLS for v in VOCAB.values())


def female(p: Person) -> bool:
    """Whether a person drawn here is a woman (as drawn; else from the pools, else by the name's ending)."""
    return drawn_female(p, _SEX, _given_names())
