"""Vectorised validation of whole columns over Arrow arrays: full-cell patterns (pyarrow.compute regex, RE2)
with checksums in numpy, and cheap candidate filters that pick the few cells worth a closer look.

Nothing here loops over cells in Python except the candidates a filter let through.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from intake.anonymisation.findings import device_address
from intake.anonymisation.other_scripts import RE2_CLASS

# A batch of a text column averaging this many words per value is text for the NER, whatever its
# classification: the re-scan samples it for the NER, so the anonymiser runs the NER over all of it.
NER_MIN_WORDS = 4.0
PLACEHOLDERS = ("", "na", "n/a", "n.a.", "none", "null", "nil", "unknown", "not known", "-", "--", "?", "tbc",
                "tba", "0", "#n/a", "nan", ".")

_NAME_WORD = r"\p{Lu}[\p{L}'\x{2019}-]*"
_NAME_PART = rf"(?:\p{{Lu}}\.?|{_NAME_WORD})"
NAME_SHAPE = (
    rf"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sister|Nurse|Matron)\.?\s+)?(?:\p{{Lu}}\.?\s*){{0,2}}{_NAME_WORD}"
    rf"(?:\s+{_NAME_PART}){{0,3}}$"
    rf"|^{_NAME_WORD},\s*{_NAME_WORD}\.?$"
)
USERNAME_SHAPE = r"^[a-z][a-z'-]*[._]?[a-z'-]+[0-9]{0,3}$|^[A-Z][A-Z'-]{2,}[A-Z]$"
FULL_PATTERNS: dict[str, str] = {
    "EMAIL_ADDRESS": r"^[A-Za-z0-9][A-Za-z0-9._%+'-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]{2,}$",
    "PHONE_NUMBER": r"(?i)^(?:\+ ?44 ?(?:\(0\) ?)?|\(?0)[0-9][0-9 ()-]{7,16}[0-9]"
                    r"(?:\s?(?:ext|extn|x)\.?\s?[0-9]{2,5}|\s?\((?:ext|extn|x)\.? ?[0-9]{2,5}\))?$",
    # Welsh writes an extension "est." (estyniad)
    "EXTENSION": r"(?i)^(?:ext|extn|extension|est|estyniad|bleep|bleeper|pager|x)\.?:?\s?(?:no\.?\s?)?[0-9]{3,5}$",
    "UK_NHS": r"^[0-9]{3}([ -]?)[0-9]{3}[ -]?[0-9]{4}$",
    "UK_NINO": r"(?i)^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?(?:[0-9]{2} ?[0-9]{2} ?[0-9]{2}|[0-9]{3} ?[0-9]{3}) ?[A-D]$",
    "UK_POSTCODE": r"(?i)^(?:GIR ?0AA|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]? ?[0-9][ABD-HJLNP-UW-Z]{2}"
                   r"|[A-PR-UWYZ][0-9]{2} ?[0-9][ABD-HJLNP-UW-Z]{2}"
                   r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]? ?[0-9][ABD-HJLNP-UW-Z]{2}"
                   r"|[A-PR-UWYZ][A-HK-Y][0-9]{2} ?[0-9][ABD-HJLNP-UW-Z]{2})$",
    "DATE": r"(?i)^(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9:.]+)?"
            r"|[0-9]{1,2}(?:st|nd|rd|th)?[ -][A-Za-z]{3,9}\.?,?[ -](?:[0-9]{4}|[0-9]{2}))$",
    "PERSON": NAME_SHAPE,
    "USERNAME": USERNAME_SHAPE,
    "CREDIT_CARD": r"^[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}$",
    "IP_ADDRESS": r"^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$",
}
# Where a detector wants its number to stand alone ("(?<![\w+])0" in Python), its candidate wants it too, or
# every equipment, job and serial number would look like a phone or NHS number and go through every detector.
# RE2 has no look-behind: the character before is matched instead. Only ASCII word characters count as words
# here (a smaller, faster class than Python's \w), so the candidates stay a superset of what the detectors find.
_NOT_AFTER_WORD = r"(?:^|[^0-9A-Za-z_+])"
_NOT_AFTER_WORD_OR_DOT = r"(?:^|[^0-9A-Za-z_.])"
_NOT_BEFORE_WORD = r"(?:$|[^0-9A-Za-z_])"
# A cell that may hold one of these somewhere inside; the detectors then look at the candidates only.
CANDIDATE_PATTERNS: dict[str, str] = {
    "EMAIL_ADDRESS": r"@|(?i)\s(?:at|\[at\]|\(at\))\s",
    "PHONE_NUMBER": rf"(?i)\+ ?[0-9]|{_NOT_AFTER_WORD}\(?0[0-9]{{2,4}}\)?[ -]?[0-9]{{2}}[ -]?[0-9]"  # "012 04 65 2597"
                    r"|(?:ext|extn|extension|est|estyniad|bleep|bleeper|pager)\.?:?\s?(?:no\.?\s?)?[0-9]{3}|\bx[0-9]{3}",
    "UK_NHS": rf"{_NOT_AFTER_WORD_OR_DOT}(?:[0-9]{{3}}[ -]?[0-9]{{3}}[ -]?[0-9]{{4}}|[0-9]{{2}} [0-9]{{2}} [0-9]{{2}} "
              rf"[0-9]{{4}}){_NOT_BEFORE_WORD}",  # a CHI number written as its date: "12 04 65 2597"
    "UK_NINO": r"(?i)\b[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\b|\b[A-Z]{2} ?[0-9]{3} ?[0-9]{3} ?[A-D]\b",
    "UK_POSTCODE": r"(?i)\b[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}\b",
    "DATE_OF_BIRTH": r"(?i)\bd\.?o\.?b\b|birth|\bborn\b",
    "PERSON": r"\p{Lu}[\p{Ll}'\x{2019}-]+,?\s+(?:\p{Lu}\.?\s+)?\p{Lu}|\p{Lu}\.?\s+\p{Lu}\p{Ll}|\p{Lu}{2,},\s*\p{Lu}"
              r"|\b(?:Mr|Mrs|Ms|Miss|Dr|Sister|Nurse|Matron|Prof)\.?\s+\p{Lu}"
              rf"|[{RE2_CLASS}]{{2}}",  # a word in another script (other_scripts.py)
    "CREDIT_CARD": r"[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}",
    "IP_ADDRESS": r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|[0-9A-Fa-f]{1,4}:[0-9A-Fa-f:]*:",
    "MRN": r"(?i)\bmrn\b|hosp|unit no|patient|\bpt\b",
    "ADDRESS": r"[0-9]{1,4}[A-Za-z]?,?\s+\p{Lu}\p{Ll}+\s",
}


def is_text_type(data_type: pa.DataType) -> bool:
    """Strings, or dictionary-encoded strings: values that can hold free text."""
    if pa.types.is_dictionary(data_type):
        data_type = data_type.value_type
    return pa.types.is_string(data_type) or pa.types.is_large_string(data_type)


def is_scannable_type(data_type: pa.DataType) -> bool:
    """Types whose values the detectors can read as text: strings, numbers, decimals, dates and times,
    booleans, nulls, and dictionaries of those. Not: binary, struct, list, map, union (nothing says what
    their bytes or members hold)."""
    if pa.types.is_dictionary(data_type):
        data_type = data_type.value_type
    return (
        is_text_type(data_type) or pa.types.is_integer(data_type) or pa.types.is_floating(data_type)
        or pa.types.is_decimal(data_type) or pa.types.is_temporal(data_type) or pa.types.is_boolean(data_type)
        or pa.types.is_null(data_type)
    )


def plain_typing(strings: pa.Array) -> pa.Array:
    """No-break and thin spaces as spaces, en dashes and minus signs as hyphens (findings.detection_text, over a
    column): the shape checks read "07700\u00a0900123" as the phone number it is."""
    spaced = pc.replace_substring_regex(strings, "[\u00a0\u1680\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff]", " ")
    return pc.replace_substring_regex(spaced, "[\u2010-\u2015\u2212\ufe63\uff0d]", "-")  # no rules here


def plain_strings(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The column as trimmed text with plain spaces and hyphens: what the profile's shape checks read."""
    return pc.utf8_trim_whitespace(plain_typing(as_strings(array)))


def as_strings(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The column as one string array (legacy sources deliver strings; numbers, decimals, dates and
    dictionaries are decoded and cast, so that an NHS number stored as int64 is read like any other)."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    if pa.types.is_large_string(array.type) or pa.types.is_string(array.type):
        return array
    return pc.cast(array, pa.string())


def mean_words(array: pa.Array) -> float:
    """Words per value on average (spaces + 1, over the values that are not blank or a placeholder); 0.0 for a
    column without values. The anonymiser and the re-scan decide with it whether a batch of a column is text
    for the NER, so both must count alike."""
    strings = pc.utf8_trim_whitespace(as_strings(array))
    values = pc.filter(strings, pc.invert(placeholder_mask(strings)))
    if len(values) == 0:
        return 0.0
    return float(pc.mean(pc.count_substring(values, " ")).as_py() or 0.0) + 1.0


def placeholder_mask(array: pa.Array) -> pa.Array:
    """True where the cell is empty or a placeholder for blank ("NA", "unknown", "-")."""
    strings = as_strings(array)
    lowered = pc.utf8_lower(pc.utf8_trim_whitespace(strings))
    hit = pc.fill_null(pc.is_in(lowered, value_set=pa.array(PLACEHOLDERS)), True)
    return pc.or_(hit, pc.is_null(strings))


def _trimmed(array: pa.Array) -> pa.Array:
    return pc.utf8_trim_whitespace(as_strings(array))


def nhs_checksum_mask(array: pa.Array) -> pa.Array:
    """True where the cell's digits form a ten-digit number passing the modulus 11 check (vectorised)."""
    digits = pc.replace_substring_regex(as_strings(array), r"[^0-9]", "")
    is_ten = pc.fill_null(pc.equal(pc.utf8_length(digits), 10), False)
    out = np.zeros(len(array), dtype=bool)
    idx = np.flatnonzero(is_ten.to_numpy(zero_copy_only=False))
    if idx.size:
        chosen = pc.take(digits, pa.array(idx)).cast(pa.binary())
        offsets = np.frombuffer(chosen.buffers()[1], dtype=np.int32)[chosen.offset:chosen.offset + len(chosen) + 1]
        data = np.frombuffer(chosen.buffers()[2], dtype=np.uint8)
        matrix = np.stack([data[offsets[:-1] + k] for k in range(10)], axis=1).astype(np.int64) - 48
        weights = np.arange(10, 0, -1, dtype=np.int64)
        ok = (matrix @ weights) % 11 == 0
        not_repeated = (matrix != matrix[:, :1]).any(axis=1)
        out[idx] = ok & not_repeated
    return pa.array(out)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def full_match_mask(array: pa.Array, entity: str) -> pa.Array:
    """True where the whole (trimmed) cell is a value of `entity`, with checksums where the entity has one."""
    strings = _trimmed(array)
    pattern = FULL_PATTERNS[entity]
    mask = pc.fill_null(pc.match_substring_regex(strings, pattern), False)
    if entity == "UK_NHS":
        mask = pc.and_(mask, nhs_checksum_mask(strings))
    elif entity == "UK_NINO":
        prefix = pc.utf8_upper(pc.utf8_slice_codeunits(strings, 0, 2))
        bad = pc.is_in(prefix, value_set=pa.array(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]))
        mask = pc.and_(mask, pc.invert(pc.fill_null(bad, False)))
    elif entity == "PHONE_NUMBER":
        base = pc.replace_substring_regex(strings, r"(?i)\s?\(?(?:ext|extn|x)\.?\s?[0-9]{2,5}\)?$", "")
        national = pc.replace_substring_regex(base, r"^\+ ?44 ?(?:\(0\) ?)?", "0")
        digits = pc.replace_substring_regex(national, r"[^0-9]", "")
        length = pc.utf8_length(digits)
        ok = pc.and_(
            pc.or_(pc.equal(length, 10), pc.equal(length, 11)),
            pc.match_substring_regex(digits, r"^0[1235789]"),
        )
        mask = pc.and_(mask, pc.fill_null(ok, False))
    elif entity == "CREDIT_CARD":
        idx = np.flatnonzero(mask.to_numpy(zero_copy_only=False))
        if idx.size:
            values = pc.take(strings, pa.array(idx)).to_pylist()
            out = mask.to_numpy(zero_copy_only=False).copy()
            for i, v in zip(idx, values, strict=True):
                digits = "".join(c for c in v if c.isdigit())
                out[i] = 13 <= len(digits) <= 19 and _luhn_ok(digits)
            mask = pa.array(out)
    elif entity == "IP_ADDRESS":
        idx = np.flatnonzero(mask.to_numpy(zero_copy_only=False))
        if idx.size:
            values = pc.take(strings, pa.array(idx)).to_pylist()
            out = mask.to_numpy(zero_copy_only=False).copy()
            for i, v in zip(idx, values, strict=True):
                # a private network's address is a device's (findings.drop_device_addresses)
                out[i] = all(0 <= int(p) <= 255 for p in v.split(".")) and not device_address(v)
            mask = pa.array(out)
    return mask


def candidate_mask(array: pa.Array, entities: list[str] | tuple[str, ...]) -> pa.Array:
    """True where the cell may contain one of `entities` somewhere (a superset; detectors confirm)."""
    strings = as_strings(array)
    patterns = [_scoped(CANDIDATE_PATTERNS[e]) for e in dict.fromkeys(entities) if e in CANDIDATE_PATTERNS]
    if not patterns:
        return pa.array(np.zeros(len(strings), dtype=bool))
    # One pass of one alternation over the column instead of one pass per entity.
    return pc.fill_null(pc.match_substring_regex(strings, "|".join(patterns)), False)


def _scoped(pattern: str) -> str:
    """Wrap a pattern as a group, keeping a leading (?i) local to it."""
    if pattern.startswith("(?i)"):
        return f"(?i:{pattern[4:]})"
    return f"(?:{pattern})"


def rate(mask: pa.Array, among: pa.Array | None = None) -> float:
    """Share of True in mask, counting only rows where `among` is True (all rows when None)."""
    if among is not None:
        total = pc.sum(among.cast(pa.int64())).as_py() or 0
        hits = pc.sum(pc.and_(mask, among).cast(pa.int64())).as_py() or 0
    else:
        total = len(mask)
        hits = pc.sum(mask.cast(pa.int64())).as_py() or 0
    return hits / total if total else 0.0
