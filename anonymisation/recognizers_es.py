"""A Spanish partner's notes: a patient's home ("domicilio en C/ Alcalá 45, 3º B, 28014 Madrid") by its street
word, number and postcode. Spanish addresses put the number after the street's name and the five-digit postcode
(código postal) before the town; a five-digit number alone is a lot or a count, so the postcode counts only after
a street address or the word "domicilio", "dirección" or "C.P.".
"""

from __future__ import annotations

import re

from intake.anonymisation.findings import Finding

# Not "via" nor "av." without their accent or full stop: English notes write "sent via Theatre 3". A street word is
# a whole word ("CALLED ESTATES EXT 53609" holds no "calle").
_STREET_WORDS = (r"(?:(?:calle|avda|avenida|plaza|pza|paseo|camino|carretera|ctra|ronda|traves[ií]a|glorieta"
                 r"|urbanizaci[oó]n|urb|pasaje|rambla|vía)\.?[ \t]+|c/[ \t]*|p[º°][ \t]*)")
_NAME = r"[A-ZÁÉÍÓÚÑÜa-záéíóúñü][\wáéíóúñü.'-]*"
_SPANISH_STREET = re.compile(
    rf"(?<![\w/]){_STREET_WORDS}(?:(?:de|del|de[ \t]+la|de[ \t]+los|de[ \t]+las)[ \t]+)?"
    rf"{_NAME}(?:[ \t]+(?:de[ \t]+|del[ \t]+|la[ \t]+|los[ \t]+|las[ \t]+|y[ \t]+)?{_NAME}){{0,3}},?[ \t]+"
    r"(?:n[º°o]\.?[ \t]*)?\d{1,4}[A-Za-z]?(?:,?[ \t]*\d{1,2}[º°ª]?[ \t]*[A-Za-z]?(?![\w]))?",
    re.IGNORECASE)
_POSTCODE = re.compile(r"(?<![\w.-])(?:0[1-9]|[1-4]\d|5[0-2])\d{3}(?=[ \t]+[A-ZÁÉÍÓÚÑ])")
_HOME_WORD = re.compile(r"(?i)\b(?:domicilio|direcci[oó]n|c\.?\s?p\.?)\b")


def find_spanish_addresses(text: str) -> list[Finding]:
    """A street address in the Spanish order, and the postcode after it or after a home's word."""
    if not any(ch.isdigit() for ch in text):
        return []
    out = [Finding("ADDRESS", m.start(), m.end(), 0.7, "SpanishAddressRecognizer")
           for m in _SPANISH_STREET.finditer(text)]
    for m in _POSTCODE.finditer(text):
        near = text[max(0, m.start() - 80):m.start()]
        if _HOME_WORD.search(near) or any(0 <= m.start() - f.end <= 4 for f in out):
            out.append(Finding("ADDRESS", m.start(), m.end(), 0.7, "SpanishAddressRecognizer"))
    return out
