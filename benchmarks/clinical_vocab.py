"""Vocabularies for `clinical_export.py`: two disjoint splits ("tuning" and "heldout").

Held-out names come from presidio-research's FakeNameGenerator table (public data written outside the
project; evaluation only) plus hand-written non-British names; tuning names from Faker locales and own lists.
Reference vocabularies (wards, sites, makers, models...) are disjoint between the splits.
"""

from __future__ import annotations

import csv
import os
import random
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(os.environ.get("INTAKE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
FAKE_NAMES = SHARED / "presidio-research" / "FakeNameGenerator.com_3000.csv"


@dataclass(frozen=True)
class Vocab:
    given: tuple[str, ...]
    surnames: tuple[str, ...]
    wards: tuple[str, ...]
    sites: tuple[tuple[str, str], ...]  # (hospital, town)
    makers: tuple[tuple[str, tuple[str, ...], str], ...]  # (maker, models, device type)
    depts: tuple[str, ...]
    suppliers: tuple[str, ...]
    streets: tuple[str, ...]
    towns: tuple[str, ...]
    job_titles: tuple[str, ...]
    mailboxes: tuple[str, ...]


_NON_BRITISH_HELDOUT = [
    ("Zuzanna", "Wiśniewska"), ("Grzegorz", "Kaczmarek"), ("Oluwaseun", "Adebayo"), ("Chiamaka", "Eze"),
    ("Priyanka", "Raghunathan"), ("Arjun", "Chatterjee"), ("Maricel", "Dela Cruz"), ("Rodelio", "Bautista"),
    ("João", "Gonçalves"), ("Inês", "Carvalho"), ("Siobhán", "Ní Bhriain"), ("Caoimhe", "O'Sullivan"),
    ("Xiaoming", "Zhou"), ("Mei", "Huang"), ("Yusuf", "Al-Khatib"), ("Fatima", "Haddad"), ("Emeka", "Nwachukwu"),
    ("Dorota", "Zielińska"), ("Rajesh", "Venkataraman"), ("Lourdes", "Manalo"),
]
_NON_BRITISH_TUNING = [
    ("Agnieszka", "Kowalczyk"), ("Tomasz", "Nowak"), ("Adaeze", "Okafor"), ("Babajide", "Adeyemi"),
    ("Anjali", "Patel"), ("Mohammed", "Ahmed"), ("Rowena", "Santos"), ("Jericho", "Villanueva"),
    ("Rui", "Pereira"), ("Beatriz", "Ferreira"), ("Aoife", "O'Neill"), ("Niamh", "Byrne"), ("Wei", "Chen"),
    ("Ling", "Wong"), ("Omar", "Hassan"), ("Layla", "Mansour"), ("Chinedu", "Obi"), ("Małgorzata", "Lewandowska"),
    ("Sanjay", "Krishnan"), ("Bianca", "Reyes"),
]

_COMMON_WORDS = {"hill", "rose", "may", "bank", "wood", "ward", "hall", "long", "young", "king", "page", "case",
                 "low", "gold", "green", "white", "black", "brown", "park", "baker", "cook", "lane", "field", "day",
                 "love", "will", "mark", "bill", "hope", "grace", "joy", "faith", "dawn", "sun", "son", "art",
                 "pump", "battery", "alarm", "screen", "unit", "site", "lead", "probe"}


def _fakename_people() -> list[tuple[str, str]]:
    people: list[tuple[str, str]] = []
    with FAKE_NAMES.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            given, surname = (row[k].replace("\ufeff", "").strip() for k in ("GivenName", "Surname"))
            if len(surname) > 2 and len(given) > 2 and surname.lower() not in _COMMON_WORDS \
                    and given.lower() not in _COMMON_WORDS:
                people.append((given, surname))
    return people


def _faker_people(seed: int) -> list[tuple[str, str]]:
    from faker import Faker

    fake = Faker(["en_IE", "pl_PL", "pt_PT", "en_IN", "tl_PH", "en_GB"])
    fake.seed_instance(seed)
    people = []
    for _ in range(800):
        given, surname = fake.first_name(), fake.last_name()
        if len(surname) > 2 and len(given) > 2 and " " not in given and surname.lower() not in _COMMON_WORDS \
                and given.lower() not in _COMMON_WORDS:
            people.append((given, surname))
    return people


TUNING_REF = dict(
    wards=("Nightingale Ward", "Seacole Unit", "Ward 7B", "Cavell Ward", "Fleming Ward", "Osler Ward",
           "Ward 22 (Respiratory)", "Lister Ward", "Brunel Suite", "ICU Bay 3"),
    sites=(("Churchill Hospital", "Oxford"), ("Royal Victoria Infirmary", "Newcastle"),
           ("Addenbrooke's", "Cambridge"), ("Darlington Memorial", "Darlington")),
    makers=(("Baxter", ("Colleague 3", "Sigma Spectrum"), "Infusion Pump"),
            ("Philips", ("IntelliVue MX450", "HeartStart MRx"), "Patient Monitor"),
            ("Hamilton Medical", ("Hamilton C6", "Hamilton T1"), "Ventilator"),
            ("Welch Allyn", ("Connex 6000", "Spot Vital Signs 4400"), "Vital Signs Monitor"),
            ("Fisher & Paykel", ("Airvo 2", "MR850"), "Humidifier")),
    depts=("Critical Care", "Medicine", "Surgery", "Theatres", "Emergency Department"),
    suppliers=("NHS Supply Chain", "Medequip Direct Ltd", "Baxter Healthcare Ltd"),
    streets=("Acacia Avenue", "Mill Lane", "Station Road", "Church Street", "Victoria Road", "Orchard Close"),
    towns=("Northallerton", "Morpeth", "Hexham", "Stockton-on-Tees", "Bicester"),
    job_titles=("Ward Manager", "Charge Nurse", "Clinical Lead", "Matron", "Practice Educator"),
    mailboxes=("ebme.helpdesk@nhs.net", "medical.devices@nhs.net", "clinical.engineering@nhs.net"),
)

HELDOUT_REF = dict(
    wards=("Florence Ward", "Mary Seacole Ward", "Ward 4A", "Jenner Ward", "Harvey Ward", "Elizabeth Garrett Ward",
           "Ward 11 (Elderly Care)", "Keats Ward", "Rainbow Unit", "HDU Bed 5"),
    sites=(("Queen Elizabeth Hospital", "Gateshead"), ("St Thomas' Hospital", "London"),
           ("Royal Sussex County Hospital", "Brighton"), ("Leicester Royal Infirmary", "Leicester")),
    makers=(("B. Braun", ("Perfusor Space", "Infusomat Space"), "Syringe Driver"),
            ("Dräger", ("Evita V500", "Babylog VN500"), "Ventilator"),
            ("Smiths Medical", ("Graseby 2000", "CADD-Solis"), "Infusion Pump"),
            ("Fresenius Kabi", ("Volumat Agilia", "Injectomat Agilia"), "Volumetric Pump"),
            ("BD", ("Alaris GP", "Alaris CC"), "Infusion Pump")),
    depts=("Cardiology", "Paediatrics", "Renal Unit", "Maternity", "Oncology"),
    suppliers=("Medstrom Ltd", "Henleys Medical Supplies", "Fresenius Kabi Ltd"),
    streets=("Beech Grove", "High Street", "Park Terrace", "Queens Drive", "Elm Crescent", "Westgate Road"),
    towns=("Whitley Bay", "Consett", "Haywards Heath", "Loughborough", "Sevenoaks"),
    job_titles=("Sister", "Nurse in Charge", "Senior Staff Nurse", "Department Manager", "Theatre Coordinator"),
    mailboxes=("ebme.reception@nhs.net", "equipment.library@nhs.net", "medphys.faults@nhs.net"),
)


def load_vocab(split: str, seed: int) -> Vocab:
    rng = random.Random(f"vocab-{split}-{seed}")
    if split == "heldout":
        people = _fakename_people()
        rng.shuffle(people)
        people = people[:600] + _NON_BRITISH_HELDOUT * 3
        ref = HELDOUT_REF
    elif split == "tuning":
        people = _faker_people(seed) + _NON_BRITISH_TUNING * 3
        ref = TUNING_REF
    else:
        raise ValueError(f"unknown split {split!r}")
    reserved = " ".join(str(v) for v in ref.values()).lower()
    people = [(g, s) for g, s in people if s.lower() not in reserved and g.lower() not in reserved]
    return Vocab(given=tuple(g for g, _ in people), surnames=tuple(s for _, s in people),
                 **{k: tuple(v) for k, v in ref.items()})  # type: ignore[arg-type]
