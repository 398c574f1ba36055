"""The cells EquipTrack rows are drawn from: the catalogue (models, makers, places) and the personal cells of its
structured columns, each preformatted (and pre-quoted) once so that a chunk of rows is a numpy take."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

from . import formats, truth, vocab
from .people import Cast, PeopleFactory, Person
from .truth import Cell, Tail

NO_TAILS: tuple[Tail, ...] = ()


class Pool:
    """Preformatted cells of one column: CSV text, raw text, truth tails; index 0 is the blank cell."""

    def __init__(self, column: str, cells: Sequence[Cell]) -> None:
        texts = ["", *(c.text for c in cells)]
        self.text = texts
        self.csv = np.array([formats.csv_cell(t) for t in texts], dtype=object)
        self.tails: list[tuple[Tail, ...]] = [NO_TAILS, *(truth.tails(column, c) for c in cells)]

    def __len__(self) -> int:
        return len(self.text)


class Catalog:
    """Models, manufacturers' free-typed names and places as numpy-indexable arrays."""

    def __init__(self, rnd: random.Random, rng: np.random.Generator, assets: int) -> None:
        models = vocab.MODELS
        types = {t.name: t for t in vocab.DEVICE_TYPES}
        mfr_index = {m.name: i for i, m in enumerate(vocab.MANUFACTURERS)}
        popularity = rng.gamma(0.8, size=len(models))
        self.model_cum = np.cumsum(popularity / popularity.sum())
        variants: list[str] = []
        starts, counts = [], []
        for m in vocab.MANUFACTURERS:
            starts.append(len(variants))
            counts.append(len(m.variants))
            variants.extend(m.variants)
        mfr_of_model = np.array([mfr_index[m.manufacturer] for m in models])
        self.mfr_start = np.array(starts)[mfr_of_model]
        self.mfr_count = np.array(counts)[mfr_of_model]
        self.mfr_csv = np.array([formats.csv_cell(v) for v in variants], dtype=object)
        self.model_csv = np.array([formats.csv_cell(m.name) for m in models], dtype=object)
        self.model_upper_csv = np.array([formats.csv_cell(m.name.upper()) for m in models], dtype=object)
        self.desc_csv = np.array([m.device_type for m in models], dtype=object)
        self.desc_upper_csv = np.array([m.device_type.upper() for m in models], dtype=object)
        self.umdns = np.array([types[m.device_type].umdns for m in models], dtype=object)
        self.risk = np.array([types[m.device_type].risk for m in models], dtype=object)
        self.ppm = np.array([types[m.device_type].ppm_months for m in models])
        self.ppm_text = np.array([str(p) if p else "" for p in self.ppm], dtype=object)
        self.cost_low = np.array([types[m.device_type].cost_low for m in models]) * 100
        self.cost_span = np.array([types[m.device_type].cost_high - types[m.device_type].cost_low
                                   for m in models]) * 100
        self.serial_prefix = [m.serial_prefix for m in models]
        # places: (site, department, location) triples, consistent with each other
        sites = [name for name, _ in vocab.SITES][: max(2, min(len(vocab.SITES), 2 + assets // 50_000))]
        places: dict[tuple[str, str, str], None] = {}
        target = max(150, min(6000, assets // 40))
        for _ in range(target * 3):
            if len(places) >= target:
                break
            dept, patterns = rnd.choice(vocab.DEPARTMENTS)
            location = rnd.choice(patterns).replace("#", str(rnd.randrange(1, 30)))
            places.setdefault((rnd.choice(sites), dept, location), None)
        triples = list(places)
        self.site_csv = np.array([formats.csv_cell(s) for s, _, _ in triples], dtype=object)
        self.dept_csv = np.array([formats.csv_cell(d) for _, d, _ in triples], dtype=object)
        self.loc_csv = np.array([formats.csv_cell(loc) for _, _, loc in triples], dtype=object)
        self.locations = sorted({loc for _, _, loc in triples})
        self.supplier_csv = np.array([formats.csv_cell(s) for s in vocab.SUPPLIERS], dtype=object)
        self.status = np.array([*vocab.STATUS_CODES, "NA"], dtype=object)
        self.status_cum = np.cumsum([*vocab.STATUS_WEIGHTS, 1 - sum(vocab.STATUS_WEIGHTS)])



class PersonalPools:
    """Pools of the personal cells EquipTrack shows in structured columns."""

    def __init__(self, people: PeopleFactory, cast: Cast) -> None:
        self.people = people
        self.cast = cast
        singles = [truth.whole(people.name_variant(p), "PERSON") for p in cast.engineers for _ in range(3)]
        pairs = [self._pair(people, cast.engineers) for _ in range(len(cast.engineers))]
        self.engineer = Pool("Responsible Engineer", singles + pairs)
        self.engineer_pair_share = len(pairs)
        self.job_engineer = Pool("Engineer", singles)
        self.contact = Pool("Contact Tel", [self._contact(people, cast) for _ in range(4000)])
        self.modified_by = Pool("Last Modified By",
                                 [truth.whole(people.username(p), "PERSON") for p in cast.users for _ in range(2)])

    @staticmethod
    def _pair(people: PeopleFactory, engineers: Sequence[Person]) -> Cell:
        a, b = people.random.sample(list(engineers), 2)
        first, second = a.initial_last, b.initial_last
        sep = people.random.choice((" / ", "/", " & ", " and "))
        text = first + sep + second
        return Cell(text, (("PERSON", 0, len(first)), ("PERSON", len(first) + len(sep), len(text))))

    @staticmethod
    def _contact(people: PeopleFactory, cast: Cast) -> Cell:
        x = people.random.random()
        if x < 0.03:  # an e-mail typed into the phone column
            return truth.whole(people.staff_email(people.random.choice(cast.clinical), cast.trust_domain),
                               "EMAIL_ADDRESS")
        if x < 0.10:
            return truth.whole(people.extension(), "PHONE_NUMBER")
        return truth.whole(people.phone(), "PHONE_NUMBER")
