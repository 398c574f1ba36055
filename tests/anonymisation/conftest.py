"""Anonymisation fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pyarrow as pa
import pytest
from faker import Faker

from intake.anonymisation import AnonymisationSession, DetectorConfig, TextDetector, Vocabulary
from intake.anonymisation.operators import pseudonym
from intake.config import AnonymisationSettings

STAFF = ["Priyanka Venkataraman", "Oluwadamilare Adebayo-Smith"]


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return Vocabulary.load(deny_names=STAFF)


@pytest.fixture(scope="session")
def detector(vocabulary: Vocabulary) -> TextDetector:
    return TextDetector(DetectorConfig(vocabulary=vocabulary))


@pytest.fixture
def session(vocabulary: Vocabulary, detector: TextDetector) -> Iterator[AnonymisationSession]:
    s = AnonymisationSession(AnonymisationSettings(sample_rows=500), vocabulary=vocabulary, processes=1)
    s.text._detector = detector  # share the session-wide model instead of loading it again
    with s:
        yield s


def nhs_number(rng: random.Random) -> str:
    while True:
        nine = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, nine)) + str(check)


def legacy_table(rows: int = 300, seed: int = 3) -> tuple[pa.Table, list[dict[str, str]]]:
    """A small asset table like a legacy export, and the personal values it holds (ground truth)."""
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    makers = ["B. Braun", "Philips", "GE Healthcare", "Dräger", "Baxter", "Smiths Medical", "Mindray"]
    models = ["Infusomat Space", "IntelliVue MX450", "Carescape B650", "Evita V500", "Colleague", "Graseby 3000"]
    places = ["Ward 7", "ICU Bay 3", "Theatre 2", "A&E", "Nightingale Ward"]
    engineers = [fake.name() for _ in range(12)]
    truth: list[dict[str, str]] = []
    data: dict[str, list[str | None]] = {k: [] for k in (
        "Equipment No", "Serial No", "Manufacturer", "Model", "Location", "Purchase Date", "Responsible Engineer",
        "Contact Tel", "Email", "Notes")}
    for i in range(rows):
        eng = rng.choice(engineers)
        phone = f"0113 496 0{rng.randrange(1000):03d}"
        email = f"{eng.split()[-1].lower()}@example.nhs.uk"
        data["Equipment No"].append(f"EQ{1000 + i:06d}")
        data["Serial No"].append(f"SN{rng.randrange(10**8):08d}")
        data["Manufacturer"].append(rng.choice(makers))
        data["Model"].append(rng.choice(models))
        data["Location"].append(rng.choice(places))
        data["Purchase Date"].append(f"{rng.randrange(1, 28):02d}/0{rng.randrange(1, 9)}/2019")
        data["Responsible Engineer"].append(eng)
        data["Contact Tel"].append(phone)
        data["Email"].append(email)
        truth += [{"column": "Responsible Engineer", "value": eng}, {"column": "Contact Tel", "value": phone},
                  {"column": "Email", "value": email}]
        if i % 4 == 0:
            patient = f"{fake.first_name()} {fake.last_name()}"
            nhs = nhs_number(rng)
            nhs_text = f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
            data["Notes"].append(f"Pump alarmed on {rng.choice(places)}; patient {patient} (NHS {nhs_text}) moved. "
                                 f"{rng.choice(makers)} engineer called.")
            truth += [{"column": "Notes", "value": patient}, {"column": "Notes", "value": nhs_text}]
        else:
            data["Notes"].append(rng.choice(["PPM completed, passed electrical safety test.",
                                             f"{rng.choice(makers)} {rng.choice(models)} battery replaced.", None]))
    return pa.table(data), truth


@pytest.fixture
def secret() -> bytes:
    return bytes(range(32))


def token(value: str, entity: str, secret: bytes) -> str:
    return pseudonym(value, entity, secret)


def notes_anonymised(vocabulary: Vocabulary, cells: list[str]) -> list[str]:
    """The cells as a free-text Notes column (a job's outcome) through a session on `vocabulary` (a dataset's
    terms included), in order."""
    from intake.anonymisation.roles import apply_roles

    table = pa.table({"Notes": cells})
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=vocabulary, processes=1) as session:
        classification = apply_roles(session.profile("jobs", table.to_batches()),
                                     {"Notes": {"role": "free_text", "fields": ["jobs.outcome"]}})
        batches = session.anonymise_chunk(bytes(range(32)), "jobs", classification, table.to_batches()).batches
    return pa.Table.from_batches(batches).column("Notes").to_pylist()
