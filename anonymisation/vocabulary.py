"""Domain vocabularies: what is *not* a person (allow-list), who always is (deny-list), and name gazetteers.

The allow-list ships as text files in anonymisation/data/ (manufacturers, models, device types, locations,
indicator words), with the towns of the UK and Ireland (towns.py), and is extendable per customer with extra terms
or files. The deny-list holds names of known staff, given per customer (never shipped). The name gazetteers are
gazetteer.py's: general lists of names, not fitted to any dataset.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from intake.anonymisation.errors import VocabularyError
from intake.anonymisation.towns import uk_irish_towns

_FOLD_RE = re.compile(r"[\W_]+")


# Letters that Unicode does not decompose into a base letter and an accent: without this "Michał" folded to
# "micha" and "Søren" to "sren", so the "Michal" and "Soren" typed on an English keyboard matched neither.
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                                   "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
                                   "\u0131": "i"})  # dotless i (Turkish)


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "B. Braun", "B BRAUN" and "B.Braun" -> "b braun";
    "Michał" and "Michal" -> "michal"; "Γιώργος" -> "γιωργος". Letters of other scripts stay letters: dropping
    them gave every Cyrillic or Greek name the same empty key (one pseudonym for all, never on the deny-list)."""
    if text.isascii():
        return _FOLD_RE.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _FOLD_RE.sub(" ", plain).strip()


def compact(text: str) -> str:
    """fold() without spaces: "B.BRAUN" and "B. Braun" -> "bbraun"."""
    return fold(text).replace(" ", "")


def read_terms(path: Path | str) -> list[str]:
    """Lines of a vocabulary file, without blank lines and '#' comments."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise VocabularyError(f"cannot read vocabulary file {path}: {exc.strerror}; check the path") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def town_keys() -> frozenset[str]:
    """The towns of towns.py, fold()ed ("fort william", "kirkcaldy")."""
    return frozenset(map(fold, uk_irish_towns()))


def shipped_terms(name: str) -> list[str]:
    data = resources.files("intake.anonymisation").joinpath("data", name)
    return [
        line.strip() for line in data.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@lru_cache(maxsize=1)
def note_abbreviations() -> frozenset[str]:
    """Every abbreviation the notes write (note_abbreviations.txt: teams, roles, tests, procedures, units)."""
    return frozenset().union(*shipped_sections("note_abbreviations.txt").values())


def shipped_sections(name: str) -> dict[str, frozenset[str]]:
    """The sections of a shipped word file ("[teams]" then words separated by spaces or lines)."""
    out: dict[str, set[str]] = {}
    section = ""
    for line in shipped_terms(name):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            out[section] = set()
        else:
            out[section].update(line.split())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def words_of_notes() -> frozenset[str]:
    """Words of equipment notes that are given names too ("cal", "echo", "gauge", "mat"): the words of the shipped
    device types, job titles, place words and note abbreviations, and note_words.txt. Not of models and
    locations, which are named after people ("Sara Stedy", "Grace Darling Ward")."""
    words = {w for name in ("device_types.txt", "job_titles.txt", "indicators.txt", "note_words.txt")
             for term in shipped_terms(name) for w in fold(term).split()}
    return frozenset(words.union(*shipped_sections("note_abbreviations.txt").values()))


@dataclass(frozen=True)
class Vocabulary:
    """Allow-list, deny-list and name gazetteers; picklable so that worker processes receive it whole."""

    allow_phrases: frozenset[str] = frozenset()  # fold()ed multi- or single-word terms allowed as a whole
    allow_compact: frozenset[str] = frozenset()  # compact() forms of the same terms
    allow_tokens: frozenset[str] = frozenset()  # single words allowed wherever they stand (brands, models)
    indicators: frozenset[str] = frozenset()  # org/place/device words
    titles: frozenset[str] = frozenset()  # fold()ed titles ("mr", "sister", "staff nurse")
    street_types: frozenset[str] = frozenset()
    first_names: frozenset[str] = frozenset()
    last_names: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()
    deny_names: tuple[str, ...] = ()
    deny_keys: frozenset[str] = field(default=frozenset())  # fold()ed variants of deny_names
    # (value, entity type): a personal column's values known to the dataset, caught wherever they are copied
    deny_values: tuple[tuple[str, str], ...] = ()
    marks: frozenset[str] = frozenset()  # fold()ed initials the dataset's person fields hold, whatever they spell
    # (shape, entity type): the schemes of the dataset's own identifiers, caught without a label (id_schemes.py)
    id_schemes: tuple[tuple[str, str], ...] = ()

    @classmethod
    def load(
        cls,
        extra_allow: Iterable[str] = (),
        extra_allow_files: Iterable[Path | str] = (),
        deny_names: Iterable[str] = (),
        deny_files: Iterable[Path | str] = (),
        extra_first_names: Iterable[str] = (),
        extra_last_names: Iterable[str] = (),
    ) -> Vocabulary:
        """The shipped vocabulary plus a customer's extra allowed terms and known staff names."""
        manufacturers = shipped_terms("manufacturers.txt")
        models = shipped_terms("models.txt")
        devices = shipped_terms("device_types.txt")
        locations = shipped_terms("locations.txt")
        job_titles = shipped_terms("job_titles.txt")
        extra = list(extra_allow)
        for path in extra_allow_files:
            extra.extend(read_terms(path))
        terms = manufacturers + models + devices + locations + job_titles + extra
        # A single-word manufacturer or model ("Baxter", "IntelliVue") is a brand wherever it stands.
        single_brands = [t for t in manufacturers + models + extra if len(fold(t).split()) == 1]
        denied = list(deny_names)
        for path in deny_files:
            denied.extend(read_terms(path))
        from intake.anonymisation.gazetteer import name_gazetteer  # it folds with fold(), defined here

        first, last = name_gazetteer()
        # A town that is also a name ("Lincoln", "Ashley", "Clare") stays a possible name; "Fort William" as a whole
        # is the town.
        towns = [key for key in town_keys() if " " in key or (key not in first and key not in last)]
        vocabulary = cls(
            allow_phrases=frozenset(fold(t) for t in terms if fold(t)) | frozenset(towns),
            allow_compact=frozenset(compact(t) for t in terms if compact(t)),
            allow_tokens=frozenset(fold(t) for t in single_brands if fold(t)),
            indicators=frozenset(fold(t) for t in shipped_terms("indicators.txt")),
            titles=frozenset(fold(t) for t in shipped_terms("titles.txt")),
            street_types=frozenset(fold(t) for t in shipped_terms("street_types.txt")),
            first_names=first | {fold(n) for n in extra_first_names},
            last_names=last | {fold(n) for n in extra_last_names},
            common_words=frozenset(fold(t) for t in shipped_terms("common_words.txt")),
        )
        return vocabulary.with_deny_names(denied) if denied else vocabulary

    def with_deny_names(self, names: Iterable[str]) -> Vocabulary:
        """A copy with more known staff names on the deny-list."""
        denied = self.deny_names + tuple(n for n in names if fold(n))
        keys = frozenset(k for n in denied for k in deny_variants(n, self.stands_alone))
        return _replace(self, deny_names=denied, deny_keys=keys)

    def with_files(self, allow_files: Iterable[Path | str] = (), deny_files: Iterable[Path | str] = ()) -> Vocabulary:
        """A copy with a customer's vocabulary files: allowed terms and known staff names, one per line."""
        vocabulary = self
        allowed = [t for path in allow_files for t in read_terms(path)]
        if allowed:
            vocabulary = vocabulary.with_allowed(allowed)
        denied = [n for path in deny_files for n in read_terms(path)]
        if denied:
            vocabulary = vocabulary.with_deny_names(denied)
        return vocabulary

    def stands_alone(self, word: str, towns: bool = True) -> bool:
        """Whether a known staff member's surname identifies them on its own ("Quillfeather"): not when it is
        an everyday, place, device or title word ("Ward", "Rose", "Bay") or two letters ("Ng": NG tube).
        `towns=False`: a town of the shipped list that is nothing else does not count as a place, for a name the
        dataset itself proves to be somebody's ("Stanhope", "Bellingham")."""
        key = fold(word)
        return len(key.replace(" ", "")) > 2 and not (
            key in self.common_words or key in self.indicators or key in self.allow_tokens or key in self.titles
            or key in self.street_types or (key in self.allow_phrases and (towns or key not in town_keys()))
            or key in note_abbreviations()  # "OGD", "PAT", "ECG": what notes write for a test or a procedure
        )

    @cached_property
    def _sorted_last_names(self) -> tuple[str, ...]:
        return tuple(sorted(self.last_names))

    def begins_a_surname(self, prefix: str) -> bool:
        """Some surname of the name lists starts with `prefix` and is longer ("postleth": Postlethwaite)."""
        names = self._sorted_last_names
        i = bisect_left(names, prefix)
        return i < len(names) and names[i].startswith(prefix) and (names[i] != prefix or (
            i + 1 < len(names) and names[i + 1].startswith(prefix)))

    @cached_property
    def deny_words(self) -> frozenset[str]:
        """Every word (folded) of the deny-list's spellings: a cell without one of them holds no known name."""
        return frozenset(w for key in self.deny_keys for w in key.split() if len(w) > 1)

    def with_allowed(self, terms: Iterable[str]) -> Vocabulary:
        """A copy with more allowed terms (a customer's own manufacturers, models, places)."""
        terms = [t for t in terms if fold(t)]
        return _replace(
            self,
            allow_phrases=self.allow_phrases | {fold(t) for t in terms},
            allow_compact=self.allow_compact | {compact(t) for t in terms},
            allow_tokens=self.allow_tokens | {fold(t) for t in terms if len(fold(t).split()) == 1},
        )

    # -- questions asked by the detectors ----------------------------------------------------------------
    def is_allowed_term(self, text: str) -> bool:
        """The whole text is a known manufacturer, model, device type or place (in any spelling)."""
        key = fold(text)
        if not key:
            return False
        if key in self.allow_phrases or key.replace(" ", "") in self.allow_compact:
            return True
        words = key.split()
        return all(w in self.allow_tokens or w in self.indicators for w in words)

    def contains_allowed(self, text: str) -> bool:
        """Some word sequence of the text is an allowed term or an indicator word."""
        words = fold(text).split()
        for i in range(len(words)):
            if words[i] in self.indicators or words[i] in self.allow_tokens:
                return True
            for j in range(i + 1, min(len(words), i + 4) + 1):
                if " ".join(words[i:j]) in self.allow_phrases or "".join(words[i:j]) in self.allow_compact:
                    return True
        return False

    def is_first_name(self, word: str) -> bool:
        return fold(word) in self.first_names

    def is_last_name(self, word: str) -> bool:
        return fold(word) in self.last_names

    def is_common(self, word: str) -> bool:
        return fold(word) in self.common_words


def _replace(vocab: Vocabulary, **changes: object) -> Vocabulary:
    from dataclasses import replace

    return replace(vocab, **changes)  # type: ignore[arg-type]


def deny_variants(name: str, stands_alone: Callable[[str], bool] | None = None,
                  first_alone: Callable[[str], bool] | None = None) -> set[str]:
    """The ways a known person's name is typed, folded (so matched in any case): "Jane Doe", "J Doe", "J. Doe",
    "Doe, Jane", "Doe J", "DOE, J"; the surname alone where `stands_alone` says it identifies the person by
    itself ("Quillfeather", not "Ward"); and the first name alone only where `first_alone` says so ("Ragnhild",
    never "Max" or "Will": many first names are everyday words in lower case). A hyphenated surname stays one
    name ("Adebayo-Smith")."""
    words = [fold(w) for w in name.split() if fold(w)]
    if not words:
        return set()
    if len(words) == 1:
        return {words[0]}
    first, last = words[0], words[-1]
    variants = {" ".join(words), f"{first} {last}", f"{first[0]} {last}", f"{last} {first}", f"{last} {first[0]}"}
    if stands_alone is not None and stands_alone(last):
        variants.add(last)
    if first_alone is not None and len(first) > 1 and first_alone(first):
        variants.add(first)
    return variants


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return Vocabulary.load()
