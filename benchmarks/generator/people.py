"""Fake UK people and their identifiers, drawn fast from a seeded random.Random.

Faker en_GB (seeded with seed_instance) supplies name lists, postcodes, streets and towns once; every later
draw is a cheap random.Random choice so that millions of rows stay fast. Phone numbers come from Ofcom's
ranges reserved for drama and NHS numbers from the 999 range NHS England reserves for test data, so no
generated value can reach or name a real person, yet all of them pass the usual format and checksum checks.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from faker import Faker
from faker.providers.person.en_GB import Provider as _GbPersons

T = TypeVar("T")

# Names real UK hospital staff and patients carry that Faker's en_GB lists lack; all cp1252-encodable.
_EXTRA_FIRST = ("Aisha", "Mohammed", "Priya", "Rajesh", "Chloë", "Zoë", "Siân", "Seán", "Niamh", "Oluwaseun",
                "Chidi", "Fatima", "Wei", "Mei", "Aleksandra", "Piotr", "Anca", "Mihai", "Yusuf", "Amara",
                "Kofi", "Imran", "Deepa", "Gurpreet", "Ioana", "Renée", "José", "Agnieszka", "Tomás", "Aoife")
_EXTRA_LAST = ("Patel", "Khan", "Ahmed", "Singh", "Kaur", "Hussain", "Begum", "Okafor", "Adeyemi", "Nowak",
               "Kowalski", "Wisniewska", "O'Brien", "O'Connor", "McAllister", "Smith-Jones",
               "Ní Bhriain", "Zhang", "Chen", "Nguyen", "Popescu", "Mensah", "Da Silva", "Müller", "Fernández",
               "Rahman", "Chowdhury", "Iqbal", "MacDonald", "Ó Súilleabháin")

# Ofcom numbers reserved for TV and radio drama: (display groups, first digits, variable digits).
_DRAMA_RANGES: tuple[tuple[str, str, int], ...] = (
    ("0113 496 0", "01134960", 3), ("0114 496 0", "01144960", 3), ("0115 496 0", "01154960", 3),
    ("0116 496 0", "01164960", 3), ("0117 496 0", "01174960", 3), ("0118 496 0", "01184960", 3),
    ("0121 496 0", "01214960", 3), ("0131 496 0", "01314960", 3), ("0141 496 0", "01414960", 3),
    ("0151 496 0", "01514960", 3), ("0161 496 0", "01614960", 3), ("0191 498 0", "01914980", 3),
    ("020 7946 0", "02079460", 3), ("029 2018 0", "02920180", 3), ("028 9018 0", "02890180", 3),
    ("01632 960", "01632960", 3), ("0306 999 0", "03069990", 3),
)
_MOBILE = ("07700 900", "07700900", 3)
_EXTENSION_STYLES = ((" ext ", ""), (" x", ""), (" ext. ", ""), (" (ext ", ")"))

_NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
_NINO_BAD_PAIRS = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_LONG = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class Person:
    first: str
    last: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def initial_last(self) -> str:
        return f"{self.first[0]} {self.last}"


def nhs_check_digit(nine_digits: str) -> int | None:
    """Modulus 11 check digit of an NHS number; None when the nine digits admit no valid number."""
    total = sum(int(d) * w for d, w in zip(nine_digits, _NHS_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid_nhs_number(text: str) -> bool:
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 10:
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def is_valid_nino(text: str) -> bool:
    compact = text.replace(" ", "").upper()
    return (len(compact) == 9 and compact[0] in _NINO_FIRST and compact[1] in _NINO_SECOND
            and compact[:2] not in _NINO_BAD_PAIRS and compact[2:8].isdigit() and compact[8] in "ABCD")


def ascii_fold(text: str) -> str:
    """E-mail local parts: accents folded, apostrophes, spaces and hyphens dropped, lower case."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def seeded_random(seed: int) -> random.Random:
    """The generator's only source of Python randomness: synthetic data, never keys or tokens."""
    return random.Random(seed)  # reproducible test data, not security


class PeopleFactory:
    """Draws persons and their contact details; deterministic for a given seed."""

    def __init__(self, seed: int) -> None:
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        self.random = seeded_random(seed)
        self._u = self.random.random
        self.first_names = tuple(_GbPersons.first_names_male) + tuple(_GbPersons.first_names_female) + _EXTRA_FIRST
        self.last_names = tuple(_GbPersons.last_names) + _EXTRA_LAST
        self.postcodes = tuple(fake.postcode() for _ in range(1500))
        self.streets = tuple(fake.street_name() for _ in range(600))
        self.towns = tuple(fake.city() for _ in range(300))
        self.free_mail = ("gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "btinternet.com")

    # -- persons ---------------------------------------------------------------------------------------
    def pick(self, seq: Sequence[T]) -> T:
        """random.choice, three times faster: these draws run millions of times."""
        return seq[int(self._u() * len(seq))]

    def person(self) -> Person:
        u, first, last = self._u, self.first_names, self.last_names
        return Person(first[int(u() * len(first))], last[int(u() * len(last))])

    def persons(self, count: int) -> list[Person]:
        return [self.person() for _ in range(count)]

    def name_variant(self, person: Person) -> str:
        """The person's name as a colleague would type it into a name column."""
        x = self._u()
        if x < 0.60:
            return person.full
        if x < 0.75:
            return person.initial_last
        if x < 0.85:
            return f"{person.first[0]}. {person.last}"
        if x < 0.92:
            return f"{person.last.upper()}, {person.first}"
        return f"{person.last} {person.first[0]}"

    def username(self, person: Person) -> str:
        """Login names, as "Last Modified By" columns show them."""
        x = self._u()
        first, last = ascii_fold(person.first), ascii_fold(person.last)
        if x < 0.35:
            return f"{first[0]}{last}"
        if x < 0.55:
            return f"{last.upper()}{first[0].upper()}"
        if x < 0.75:
            return f"{first}.{last}"
        return person.full

    # -- phones ----------------------------------------------------------------------------------------
    def _number(self, mobile: bool) -> tuple[str, str]:
        spaced, compact, width = _MOBILE if mobile else self.pick(_DRAMA_RANGES)
        tail = f"{int(self._u() * 10 ** width):0{width}d}"
        return spaced + tail, compact + tail

    def phone(self) -> str:
        """A UK phone number in one of the formats people type."""
        mobile = self._u() < 0.3
        spaced, compact = self._number(mobile)
        x = self._u()
        if x < 0.40:
            text = spaced
        elif x < 0.52:
            text = compact
        elif x < 0.64:
            text = "+44 " + spaced[1:]
        elif x < 0.72:
            text = "+44 (0)" + spaced[1:]
        elif x < 0.78:
            text = "+44" + compact[1:]
        elif x < 0.86 and not mobile:
            area, _, rest = spaced.partition(" ")
            text = f"({area}) {rest}"
        elif x < 0.92:
            text = spaced.replace(" ", "-")
        else:
            text = spaced
        if not mobile and self._u() < 0.12:
            before, after = self.pick(_EXTENSION_STYLES)
            text += before + self._extension_digits() + after
        return text

    def _extension_digits(self) -> str:
        return str(2000 + int(self._u() * 6000))

    def extension(self) -> str:
        """An internal extension or bleep, the whole expression as typed."""
        digits = self._extension_digits()
        return self.pick(("ext ", "Ext ", "x", "ext. ", "extn ", "bleep ")) + digits

    # -- e-mail ----------------------------------------------------------------------------------------
    def staff_email(self, person: Person, trust_domain: str) -> str:
        first, last = ascii_fold(person.first), ascii_fold(person.last)
        x = self._u()
        if x < 0.5:
            return f"{first}.{last}@{trust_domain}"
        if x < 0.8:
            return f"{first}.{last}{1 + int(self._u() * 19) if self._u() < 0.3 else ''}@nhs.net"
        return f"{first[0]}{last}@{trust_domain}"

    def private_email(self, person: Person) -> str:
        first, last = ascii_fold(person.first), ascii_fold(person.last)
        sep = self.pick(("", ".", "_"))
        suffix = str(1 + int(self._u() * 98)) if self._u() < 0.5 else ""
        return f"{first}{sep}{last}{suffix}@{self.pick(self.free_mail)}"

    # -- identifiers -----------------------------------------------------------------------------------
    def nhs_digits(self) -> str:
        while True:
            nine = f"999{int(self._u() * 10 ** 6):06d}"
            check = nhs_check_digit(nine)
            if check is not None:
                return f"{nine}{check}"

    def nhs_number(self) -> str:
        d = self.nhs_digits()
        x = self._u()
        if x < 0.6:
            return f"{d[:3]} {d[3:6]} {d[6:]}"
        if x < 0.85:
            return d
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"

    def nino(self) -> str:
        while True:
            prefix = self.pick(_NINO_FIRST) + self.pick(_NINO_SECOND)
            if prefix not in _NINO_BAD_PAIRS:
                break
        digits = f"{int(self._u() * 10 ** 6):06d}"
        suffix = self.pick("ABCD")
        if self._u() < 0.5:
            return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
        return f"{prefix}{digits}{suffix}"

    def birth_date(self) -> date:
        return date(1930, 1, 1) + timedelta(days=int(self._u() * 33_000))

    def dob_text(self) -> str:
        d = self.birth_date()
        x = self._u()
        if x < 0.55:
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        if x < 0.70:
            return f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"
        if x < 0.85:
            return f"{d.day} {_MONTHS_LONG[d.month - 1]} {d.year}"
        return f"{d.day:02d}-{_MONTHS[d.month - 1]}-{d.year}"

    def postcode(self) -> str:
        return self.pick(self.postcodes)

    def street_address(self) -> str:
        return f"{1 + int(self._u() * 239)} {self.pick(self.streets)}, {self.pick(self.towns)}"


@dataclass(frozen=True)
class Cast:
    """The people of one fictional hospital trust."""

    engineers: tuple[Person, ...]  # EBME staff: engineer columns
    clinical: tuple[Person, ...]  # ward staff: requesters, note authors, contacts
    users: tuple[Person, ...]  # system users: "Last Modified By", banner lines
    trust_domain: str


def make_cast(people: PeopleFactory, assets: int) -> Cast:
    """Staff numbers grow with the asset register, as they do between a cottage hospital and a large trust."""
    engineers = people.persons(min(600, 25 + assets // 2500))
    clinical = people.persons(min(8000, 300 + assets // 200))
    users = people.persons(min(120, 6 + assets // 10000))
    return Cast(tuple(engineers), tuple(clinical), tuple(users), "kingsmead-riverside.nhs.uk")
