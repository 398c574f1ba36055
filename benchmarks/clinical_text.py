"""Free-text fragments for `clinical_export.py`: names after role titles in every casing, patient numbers,
phones, addresses, e-mails (personal) and the look-alikes that must be kept (wards, hospitals, makers,
models, part numbers, job titles, dates, extensions, role mailboxes).

A fragment is a list of pieces: plain strings, or `(text, kind, personal)` marks that become truth entries.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

from clinical_vocab import Vocab
from export_common import digits

Mark = tuple[str, str, bool]
Piece = str | Mark

TITLES = ["Sister", "sister", "Sr", "sr", "SR", "SN", "s/n", "S/N", "Staff Nurse", "staff nurse", "Charge Nurse",
          "charge nurse", "CN", "Dr", "Dr.", "dr", "DR", "HCA", "hca", "tech:", "Tech", "Matron", "matron", "Mrs",
          "Mr", "Ms", "Miss", "Nurse", "nurse", "RN", "ODP", "physio", "Prof.", "Eng", "engineer"]
SEPS = ["", ":", " -", ",", " \u2013", ""]


def case(text: str, rng: random.Random) -> str:
    r = rng.random()
    return text.lower() if r < 0.3 else text.upper() if r < 0.5 else text


def name_form(given: str, surname: str, rng: random.Random) -> list[Piece]:
    """One way staff write a person: the identifying token(s) are marked."""
    g0 = given[0]
    form = rng.randrange(9)
    c = rng.random()

    def cs(t: str) -> str:
        return t.lower() if c < 0.3 else t.upper() if c < 0.45 else t

    if form == 0:
        return [(cs(surname), "name", True)]
    if form == 1:
        return [(cs(given), "name", True), " ", (cs(surname), "name", True)]
    if form == 2:
        return [cs(g0) + ". ", (cs(surname), "name", True)]
    if form == 3:
        return [(surname.upper(), "name", True), ", ", (given, "name", True)]
    if form == 4:
        return [(cs(surname), "name", True), " " + g0]
    if form == 5:
        return [(cs(surname), "name", True), ", " + g0 + "."]
    if form == 6:
        return [(f"{g0.lower()}.{surname.lower()}", "name", True)]
    if form == 7:
        return [(cs(given), "name", True)]
    return [cs(g0) + "." + ("" if rng.random() < 0.5 else " "), (cs(surname), "name", True)]


def titled(given: str, surname: str, rng: random.Random) -> list[Piece]:
    title = rng.choice(TITLES)
    sep = rng.choice(SEPS)
    return [title + sep + " ", *name_form(given, surname, rng)]


def fill(template: str, fillers: Mapping[str, Callable[[], list[Piece]]]) -> list[Piece]:
    """A sentence template ("Rang {p} on {ward}") as pieces: each "{key}" becomes what its filler makes, in the
    template's order (so the generators' random draws, and their exports, stay the same for a seed)."""
    out: list[Piece] = []
    rest = template
    while rest:
        head, brace, tail = rest.partition("{")
        out.append(head)
        if not brace:
            break
        key, _, rest = tail.partition("}")
        if key in fillers:
            out.extend(fillers[key]())
    return out


def nhs_number(rng: random.Random) -> str:
    while True:
        body = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(body)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, body)) + str(check)


def phone(rng: random.Random) -> str:
    land, mob = f"{rng.randrange(960000, 961000)}", f"{rng.randrange(900000, 901000)}"
    return rng.choice([
        f"+44 (0)1632 {land}", f"+44 7700 {mob}", f"0044 1632 {land}", f"(01632) {land}",
        f"07700-{mob[:3]}-{mob[3:]}", f"01632 {land[:3]} {land[3:]}", f"07700{mob}", f"01632{land}",
        f"+447700{mob}", f"07700 {mob}"])


def patient_bits(rng: random.Random, vocab: Vocab) -> list[Piece]:
    kind = rng.randrange(9)
    if kind == 0:
        return [rng.choice(["hosp no ", "Hosp No: ", "hospital number ", "unit no: ", "Unit No "]),
                (digits(rng, 8), "hospital_number", True)]
    if kind == 1:
        return [rng.choice(["MRN ", "mrn:", "RX1 ", "pt no "]), (digits(rng, 7), "hospital_number", True)]
    if kind == 2:
        return [rng.choice(["K-number ", "K no. "]), ("K" + digits(rng, 7), "hospital_number", True)]
    if kind == 3:
        n = nhs_number(rng)
        text = n if rng.random() < 0.5 else f"{n[:3]} {n[3:6]} {n[6:]}"
        return [rng.choice(["NHS no ", "NHS number: ", "nhs ", "NHS No. "]), (text, "nhs", True)]
    if kind == 4:
        d = f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.randrange(1930, 2005)}"
        return [rng.choice(["DOB ", "dob: ", "D.O.B. ", "born "]), (d, "dob", True)]
    if kind == 5:
        return [rng.choice(["pt lives at ", "deliver to patient home ", "collect from "]),
                (f"{rng.randrange(1, 240)} {rng.choice(vocab.streets)}", "address", True), ", ",
                rng.choice(vocab.towns), " ", (f"NE{rng.randrange(1, 40)} {rng.randrange(1, 10)}"
                                                f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                                                "address", True)]
    if kind == 6:
        return [rng.choice(["call ", "contact on ", "tel ", "mob ", "pt daughter on "]), (phone(rng), "phone", True)]
    if kind == 7:
        i = rng.randrange(len(vocab.surnames))
        mail = f"{vocab.given[i][0].lower()}.{_ascii(vocab.surnames[i]).lower()}@nhs.net"
        return ["email ", (mail, "email", True)]
    return ["patient ", *name_form(*_person(rng, vocab), rng)]


def _ascii(text: str) -> str:
    import unicodedata

    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if ch.isalnum() and ord(ch) < 128) or "x"


def _person(rng: random.Random, vocab: Vocab) -> tuple[str, str]:
    i = rng.randrange(len(vocab.surnames))
    return vocab.given[i], vocab.surnames[i]


def keepers(rng: random.Random, vocab: Vocab) -> list[Piece]:
    kind = rng.randrange(8)
    if kind == 0:
        return [rng.choice(["moved to ", "returned to ", "found on ", "loan to "]),
                (rng.choice(vocab.wards), "ward", False)]
    if kind == 1:
        site = rng.choice(vocab.sites)[0]
        return [rng.choice(["sent from ", "borrowed from ", "transfer to "]), (site, "site", False)]
    if kind == 2:
        maker, models, _ = rng.choice(vocab.makers)
        return [(maker, "maker", False), " ", (rng.choice(models), "model", False)]
    if kind == 3:
        return [rng.choice(["part no ", "P/N ", "fitted "]),
                (f"{rng.choice(['SP', 'PN', 'HM'])}{digits(rng, 5)}-{digits(rng, 2)}", "part_number", False)]
    if kind == 4:
        return [rng.choice(["informed ", "per ", "discussed with "]),
                (rng.choice(vocab.job_titles), "job_title", False)]
    if kind == 5:
        return [rng.choice(["PPM due ", "last serviced ", "next cal "]),
                (f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/20{rng.randrange(18, 26)}", "date", False)]
    if kind == 6:
        return [rng.choice(["ext ", "Ext. ", "bleep ", "x", "extn "]), (digits(rng, 4), "extension", False)]
    return ["cc ", (rng.choice(vocab.mailboxes), "role_mailbox", False)]


FAULTS = ["occlusion alarm keeps going off", "screen cracked", "battery not holding charge", "will not power on",
          "door latch broken", "failed self test", "air in line alarm", "keypad unresponsive", "dropped",
          "error E-104 on start up", "fluid ingress", "PPM overdue"]
WORK = ["replaced battery", "recalibrated", "cleaned and tested ok", "replaced door latch assembly",
        "no fault found", "electrical safety test passed", "returned to manufacturer", "firmware updated"]


def free_text(rng: random.Random, vocab: Vocab, staff: list[tuple[str, str]], base: list[str]) -> list[Piece]:
    """A note: a base phrase with 0-3 fragments (people, patient data, look-alikes) in random order."""
    pieces: list[Piece] = [rng.choice(base)]
    for _ in range(rng.randrange(0, 4)):
        r = rng.random()
        if r < 0.35:
            g, s = rng.choice(staff)
            frag = titled(g, s, rng)
            if rng.random() < 0.3:
                frag = [rng.choice(["rang ", "spoke to ", "reported by ", "per "]), *frag]
            if rng.random() < 0.15:
                frag = ["rang matron (", rng.choice(["Mrs ", "Mr "]), (case(s, rng), "name", True), ")"]
        elif r < 0.6:
            frag = patient_bits(rng, vocab)
        else:
            frag = keepers(rng, vocab)
        pieces.extend([rng.choice([". ", "; ", " - ", ", ", " / "]), *frag])
    return pieces
