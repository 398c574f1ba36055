"""A thing's name after the label of a thing's field: "Mask: Amara View S", "Interface: Evora Nasal M-L", "Model:
Vitera Full Face", "Monitor: Avalon FM30"; and a vehicle's call sign ("Sierra 13", "DELTA 22").

Queries that fold a device's fields into its notes copy them with their labels ("... | Mask: Amara View S | Loan
2024-01-02"). A product's name reads like a person's to the detectors ("Amara", "Evora" are given names too), but
the label says what the value is: a mask, a model, a part. The value is kept as an allowed phrase (allowed.py) when
it looks like a product's name: one to five words and codes in the field, capitalised or in capitals as makers
write them, no title or honorific in it nor a role before a word ("Monitor: Mr Jones", "Monitor: Midwife Jones"
are no monitor's names), not names alone with a first name ("Device: Mary Smith"), ending where the field ends.
Pass 2 never excuses a name of the dataset's person fields so (allowed.KNOWN); pass 3 leaves a labelled thing's
name that a note elsewhere made a name ("refit to Evora Nasal": anonymiser._outside_things).

Ambulance services name vehicles and crews by a word of the phonetic alphabet and a number ("allocated to Sierra 13
05 Mar"): the word with its number is the call sign, though "Sierra" and "Delta" are given names too. The words
that are common given names (Charlie, Mike, Victor, Oscar, Romeo, Juliet, India) are left to the name rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from intake.anonymisation.name_cues import HONORIFICS, ROLES_ONE
from intake.anonymisation.name_tokens import Token
from intake.anonymisation.vocabulary import Vocabulary, fold

# Labels (the token's key before the colon) of fields that name a thing: a device, a part, a consumable.
THING_LABELS = frozenset({
    "mask", "interface", "cushion", "headgear", "circuit", "humidifier", "tubing", "model", "device", "monitor",
    "pump", "ventilator", "make", "manufacturer", "mfr", "brand", "product", "part", "accessory", "consumable",
    "probe", "sensor", "transducer", "charger", "battery", "handset", "machine", "software", "firmware", "platform",
    "scope", "endoscope", "cable", "lead", "mattress", "hoist", "sling", "chair", "wheelchair", "cylinder",
    "regulator", "concentrator", "cartridge", "filter", "dialyser", "cassette", "kit", "equipment", "item",
})
MAX_WORDS = 5
_CALL_SIGN = re.compile(r"(?i)(?<![\w-])(?:alpha|bravo|delta|echo|foxtrot|golf|hotel|kilo|lima|november|papa|quebec"
                        r"|sierra|tango|uniform|whiske?y|x-?ray|yankee|zulu)[ \t-]?\d{1,3}(?![\w:/.-])")
_ENDS = frozenset({"|", ";", ",", ":"})
_INSIDE = frozenset({"(", ")", "&", "+", "/"})


def thing_spans(text: str, words: Sequence[Token], vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """Where a labelled thing's name or a call sign stands (start, end)."""
    return [*(_thing_label_spans(text, words, vocabulary) if ":" in text else ()),
            *(m.span() for m in _CALL_SIGN.finditer(text))]


def _thing_label_spans(text: str, words: Sequence[Token], vocabulary: Vocabulary) -> list[tuple[int, int]]:
    spans = []
    for k in range(1, len(words) - 1):
        if words[k].text != ":" or words[k - 1].key not in THING_LABELS or text[words[k - 1].end:words[k].start]:
            continue
        value: list[Token] = []
        for w in words[k + 1:k + 1 + MAX_WORDS + 1]:
            if value and text[value[-1].end:w.start].strip(" "):
                break  # the field ends at a bar, a semicolon, a comma or a line's end
            if w.text in _ENDS:
                break
            if w.text in _INSIDE:
                continue  # "AirFit F20 (M)", "Quattro Air & Go"
            if not (w.text[:1].isupper() or w.text[:1].isdigit()) or w.key in HONORIFICS or w.key in vocabulary.titles:
                value = []
                break  # "Monitor: Mr Jones", "Model: loaned to ...": not a product's name
            value.append(w)
        # a role before a name ("Monitor: Midwife Jones"); last, the letters are a size ("DreamWear Nasal MW")
        if any(w.key in ROLES_ONE for w in value[:-1]):
            continue
        if 0 < len(value) <= MAX_WORDS and not _a_persons_name(value, vocabulary):
            spans.append((value[0].start, value[-1].end))
    return spans


def _a_persons_name(value: Sequence[Token], vocabulary: Vocabulary) -> bool:
    """Every word one the name lists know, a first name among them ("Device: Mary Smith"): a person typed into the
    field, failing closed."""
    first, last = vocabulary.first_names, vocabulary.last_names
    return all(w.key in first or w.key in last for w in value if w.is_word) and any(w.key in first for w in value)


# A column of notes about a thing, or of who did something to it, is no thing's name ("Mask Notes", "Kit Issued By")
_NOT_THING_COLUMNS = frozenset({"note", "notes", "comment", "comments", "description", "desc", "text", "remarks",
                                "details", "by", "contact", "owner", "user", "reason", "fault", "issue", "history"})


def names_things(column: str) -> bool:
    """The column's name labels a thing ("Mask", "Interface Type", "MonitorModel"): where a query joins it into the
    notes, its values are products' names."""
    from intake.anonymisation.column_names import PERSON_WORDS, column_words

    words = set(column_words(column))
    return bool(words & THING_LABELS) and not words & (_NOT_THING_COLUMNS | PERSON_WORDS | ROLES_ONE)


_SIZE_AFTER = re.compile(r"[ \t]*(?:\([^()]{1,8}\))?[ \t]*")


def thing_names(values: Iterable[str], vocabulary: Vocabulary) -> set[str]:
    """The values that read as a thing's name after a thing's label, as `thing_spans` judges them there."""
    from intake.anonymisation.name_tokens import tokenize

    out = set()
    for value in values:
        value = value.strip()
        text = f"Item: {value}"
        # whole, but for a size in brackets ("AirFit F20 (M)")
        if value and not _names_alone(value, vocabulary) and any(
                start == 6 and _SIZE_AFTER.fullmatch(text, end) for start, end in _thing_label_spans(
                    text, tokenize(text), vocabulary)):
            out.add(value)
    return out


def _names_alone(value: str, vocabulary: Vocabulary) -> bool:
    """Nothing but the name lists' words and initials ("J Smith", "Smith, Jane"): a person, failing closed."""
    words = fold(value).split()
    return bool(words) and all(len(w) == 1 or w in vocabulary.first_names or w in vocabulary.last_names
                               for w in words if not w.isdigit())
