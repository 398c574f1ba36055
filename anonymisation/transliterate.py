"""Names of communities whose Faker lists are in another script or left out, as British records write them:
Greek and Cyrillic names romanised ("Ελευθερία" -> "eleftheria", "Петров" -> "petrov"), Chinese and Japanese
names in Faker's own romanisation ("wei", "hiroshi"), Vietnamese and Thai names ("nguyen", "somchai").

Faker's Greek, Russian, Ukrainian and Bulgarian name lists are in their own scripts, while a UK export spells
those names in Latin letters. The tables follow the usual passport-style romanisation (ELOT 743 for Greek, the
BGN/PCGN-like systems for Cyrillic); a record may spell a name another way ("Mikhail"/"Mykhailo"), so where two
spellings are common both are produced. Hand-written rather than a library: text-unidecode, the one installed,
romanises Greek letter by letter ("Eleutheria") and misses the spellings people use.
"""

# ruff: noqa: RUF001, RUF003 -- the tables map Greek and Cyrillic letters, which look like Latin ones on purpose

from __future__ import annotations

import importlib
import unicodedata

# Greek: digraphs first ("ευ" before a voiced sound is "ev", else "ef": "ef" is kept for both, the common
# passport spelling; "ου" is "ou"; "μπ" at a word's start "b"; "ντ" "nt").
_GREEK_PAIRS = {
    "αι": "ai", "ει": "ei", "οι": "oi", "ου": "ou", "αυ": "af", "ευ": "ef", "ηυ": "if", "μπ": "mp", "ντ": "nt",
    "γκ": "gk", "γγ": "ng", "τσ": "ts", "τζ": "tz",
}
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k", "λ": "l",
    "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f",
    "χ": "ch", "ψ": "ps", "ω": "o",
}
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Ukrainian "и" is "y" ("Mykhailo"), Russian and Bulgarian "i" ("Mikhail"); Bulgarian "ъ" is "a" ("Todorov",
# "Atanas"), "щ" "sht".
_UKRAINIAN = {**_CYRILLIC, "и": "y", "г": "h", "ґ": "g"}
_BULGARIAN = {**_CYRILLIC, "ъ": "a", "щ": "sht"}
TABLES = {"el_GR": None, "ru_RU": _CYRILLIC, "uk_UA": _UKRAINIAN, "bg_BG": _BULGARIAN}


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _greek(name: str) -> str:
    text = _strip_accents(name.lower())
    out = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _GREEK_PAIRS:
            out.append("b" if pair == "μπ" and (i == 0 or not text[i - 1].isalpha()) else _GREEK_PAIRS[pair])
            i += 2
            continue
        out.append(_GREEK.get(text[i], text[i]))
        i += 1
    return "".join(out)


def romanised(name: str, locale: str) -> str:
    """`name` (of Faker's `locale`, one of TABLES) in Latin letters, lower case."""
    if locale == "el_GR":
        return _greek(name)
    table = TABLES[locale]
    assert table is not None
    return "".join(table.get(c, c) for c in name.lower())


# Lists in Faker's own Latin spelling: romanised attributes of the CJK providers, Latin-script Vietnamese and Thai.
_ROMANISED_ATTRS = {"zh_CN": "romanized", "zh_TW": "romanized", "ja_JP": "romanized", "vi_VN": "", "en_TH": ""}


def _provider_names(locale: str, kind: str, infix: str) -> list[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    out: list[str] = []
    for suffix in ("", "_male", "_female"):
        value = getattr(provider, f"{kind}_{infix}_names{suffix}" if infix else f"{kind}_names{suffix}", ())
        out.extend(str(v) for v in (value.keys() if isinstance(value, dict) else value))
    return out


def romanised_names() -> tuple[set[str], set[str]]:
    """(first names, surnames) of these communities in Latin letters, lower case, not yet folded."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in TABLES:
        first.update(romanised(n, locale) for n in _provider_names(locale, "first", ""))
        last.update(romanised(n, locale) for n in _provider_names(locale, "last", ""))
    for locale, infix in _ROMANISED_ATTRS.items():
        first.update(n.lower() for n in _provider_names(locale, "first", infix))
        last.update(n.lower() for n in _provider_names(locale, "last", infix))
    return first, last
