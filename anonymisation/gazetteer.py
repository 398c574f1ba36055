"""Name gazetteers: which words are first names and surnames, from general lists, never fitted to a dataset.

Three sources, folded (vocabulary.fold) and joined:
- Faker's person providers for the languages of the UK's health workforce (Latin-script lists);
- Faker's Greek, Cyrillic, Chinese, Japanese, Vietnamese and Thai names romanised as records write them;
- data/first_names.txt and data/surnames.txt, derived by scripts/derive_name_lists.py from the names-dataset
  package (names as people write them on a social network, ranked per country): the names common in Britain
  and Ireland and in the countries most of the UK's foreign-born residents come from. Faker's lists are what a
  generator needs, a few thousand per language; Gaelic, Welsh, Scots, Somali, Bangladeshi or Ghanaian given
  names ("Eilidh", "Rhodri", "Murdo", "Rukhsana", "Efua") and the Mac/Mc surnames were missing from them.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from intake.anonymisation.errors import VocabularyError
from intake.anonymisation.vocabulary import fold, shipped_terms
from intake.logs import get_logger, log_event

log = get_logger("intake.anonymisation.gazetteer")

# Faker person providers whose names we treat as names; Latin-script lists only. Hospital staff and patients
# come from all of Europe and beyond: every Latin-script list Faker ships, not only the largest communities.
GAZETTEER_LOCALES = (
    "en", "en_GB", "en_US", "en_IE", "ga_IE", "en_IN", "en_PK", "en_NG", "en_NZ", "en_AU", "pl_PL", "ro_RO",
    "pt_PT", "es_ES", "it_IT", "fr_FR", "de_DE", "nl_NL", "tl_PH", "yo_NG", "tw_GH", "ig_NG", "sw", "lt_LT",
    "cs_CZ", "sk_SK", "sl_SI", "hr_HR", "hu_HU", "et_EE", "lv_LV", "da_DK", "sv_SE", "no_NO", "fi_FI", "is_IS",
    "de_AT", "de_CH", "nl_BE", "fr_BE", "fr_CA", "es_MX", "es_AR", "es_CO", "es_CL", "pt_BR", "tr_TR", "id_ID",
    "en_KE", "zu_ZA", "ha_NG",
)

# Faker 40 gives about 11,000 of each; far fewer means the providers moved and names would go unfound.
MIN_GAZETTEER_NAMES = 5000


def _names_of(value: object) -> list[str]:
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []


def romanised_gazetteer() -> tuple[set[str], set[str]]:
    """Greek, Cyrillic, Chinese, Japanese, Vietnamese and Thai names in Latin letters (transliterate.py), folded;
    those of two letters or that are lower-case English words left out: romanised syllables such as "he", "an",
    "fan", "song" or "lung" are words first, and the rules would take them for names."""
    from intake.anonymisation.nergate import dictionary_words
    from intake.anonymisation.transliterate import romanised_names

    dictionary = dictionary_words()
    first, last = romanised_names()

    def keep(names: set[str]) -> set[str]:
        return {key for key in map(fold, names) if len(key) > 2 and " " not in key and key not in dictionary}

    return keep(first), keep(last)


@lru_cache(maxsize=4)
def faker_gazetteer(locales: tuple[str, ...] = GAZETTEER_LOCALES) -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names), folded, from Faker's person providers of `locales`; raises
    VocabularyError when the lists are implausibly small (Faker no longer has most of the locales)."""
    first: set[str] = set()
    last: set[str] = set()
    missing: list[str] = []
    for locale in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            missing.append(locale)
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first.update(fold(n) for n in _names_of(getattr(provider, attr, ())))
        for attr in ("last_names", "last_names_male", "last_names_female"):
            last.update(fold(n) for n in _names_of(getattr(provider, attr, ())))
    if locales == GAZETTEER_LOCALES:
        more_first, more_last = romanised_gazetteer()
        first |= more_first
        last |= more_last
    # Multi-word entries ("de la cruz") stay as phrases; single letters are never names on their own.
    first = {n for n in first if len(n) > 1}
    last = {n for n in last if len(n) > 1}
    if len(first) < MIN_GAZETTEER_NAMES or len(last) < MIN_GAZETTEER_NAMES:
        # A Faker upgrade that renames or drops locales would otherwise empty the lists without a word, and
        # names would silently stop being found.
        raise VocabularyError(
            f"the name gazetteers hold only {len(first)} first names and {len(last)} surnames from Faker's person "
            f"providers (at least {MIN_GAZETTEER_NAMES} of each expected; missing locales: "
            f"{', '.join(missing) or 'none'}); check the installed Faker version against GAZETTEER_LOCALES in "
            "anonymisation/gazetteer.py"
        )
    if missing:
        log_event(log, "anonymisation.gazetteer_locales_missing", locales=missing, first_names=len(first),
                  last_names=len(last))
    return frozenset(first), frozenset(last)


@lru_cache(maxsize=1)
def name_gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), folded: Faker's and the derived lists together."""
    first, last = faker_gazetteer()
    return first | frozenset(shipped_terms("first_names.txt")), last | frozenset(shipped_terms("surnames.txt"))
