"""Layout B, "MediMaint": a normalised SQL export as one SQLite file, medimaint.db.

Lookup tables (sites, locations, manufacturers, models, staff) are small; tblEquipment and tblWorkOrder are
the sized tables, inserted a chunk at a time. Primary keys run 1..n, so a truth row number is the key.
Foreign keys are declared and always hold (PRAGMA foreign_key_check is clean). The tables' layout is in
`medimaint_schema`.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

import numpy as np

from . import formats, jobs_vocab, truth, vocab
from .dataset import (
    NONPERSONAL_FILE,
    TRUTH_FILE,
    GeneratedDataset,
    check_sizes,
    finish,
    prepare_out_dir,
    seed_streams,
)
from .medimaint_schema import DB_FILE, SCHEMA, TABLES, nonpersonal_columns
from .notes import TextGenerator
from .people import PeopleFactory, Person, ascii_fold, make_cast, seeded_random
from .truth import Cell, TruthWriter

CHUNK = 8192
STATUS_WEIGHTS = (0.80, 0.08, 0.09, 0.03)  # 1 in use, 2 spare, 3 scrapped, 4 on loan
WO_TYPE_TO_JOB = {"PM": "PPM", "CM": "REP", "INSP": "INS"}
_FIRST_INSTALL = formats.day_number(date(2003, 1, 1))
_LAST_INSTALL = formats.day_number(date(2026, 9, 30))
_FIRST_WO = formats.day_number(date(2012, 1, 1))
_EXPORT_DAY = formats.day_number(formats.EXPORTED_AT.date())


class MediMaintWriter:
    def __init__(self, out_dir: Path, assets: int, jobs: int, seed: int) -> None:
        check_sizes(assets, jobs)
        self.out_dir = prepare_out_dir(out_dir)
        self.assets, self.jobs, self.seed = assets, jobs, seed
        self.streams = seed_streams(seed)
        self.people = PeopleFactory(self.streams["people"])
        self.cast = make_cast(self.people, assets)
        self.rnd = seeded_random(self.streams["sites"])
        self.counts: dict[str, int] = {}
        self.path = self.out_dir / DB_FILE

    def write(self, out: TruthWriter) -> Path:
        self.path.unlink(missing_ok=True)
        conn = sqlite3.connect(self.path)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.executescript(SCHEMA)
            locations = self._sites_and_locations(conn)
            model_devices = self._manufacturers_and_models(conn, out)
            engineer_ids, clinical_ids = self._staff(conn, out)
            self._equipment(conn, model_devices, len(locations), clinical_ids)
            self._work_orders(conn, out, engineer_ids, clinical_ids, locations)
            conn.commit()
            for table in TABLES:
                (n,) = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
                self.counts[f"{table}.rows"] = n
        finally:
            conn.close()
        return self.path

    # -- lookups -----------------------------------------------------------------------------------
    def _sites_and_locations(self, conn: sqlite3.Connection) -> list[str]:
        n_sites = max(2, min(len(vocab.SITES), 2 + self.assets // 50_000))
        sites = [(i + 1, name, f"{self.people.street_address().rsplit(', ', 1)[0]}, {town}", self.people.postcode())
                 for i, (name, town) in enumerate(vocab.SITES[:n_sites])]
        conn.executemany("INSERT INTO tblSite VALUES (?,?,?,?)", sites)
        n_locations = max(50, min(20_000, self.assets // 20))
        rows, rooms = [], []
        for loc_id in range(1, n_locations + 1):
            dept, patterns = self.rnd.choice(vocab.DEPARTMENTS)
            room = self.rnd.choice(patterns).replace("#", str(self.rnd.randrange(1, 40)))
            rows.append((loc_id, self.rnd.randrange(1, n_sites + 1), self.rnd.choice(vocab.BUILDINGS), dept, room))
            rooms.append(room)
        conn.executemany("INSERT INTO tblLocation VALUES (?,?,?,?,?)", rows)
        return rooms

    def _manufacturers_and_models(self, conn: sqlite3.Connection, out: TruthWriter) -> list[vocab.DeviceType]:
        head = truth.head(DB_FILE, "tblManufacturer")
        rows: list[tuple[object, ...]] = []
        ids: dict[str, list[int]] = {}
        for mfr in vocab.MANUFACTURERS:
            names = [mfr.variants[0]]
            if len(mfr.variants) > 1 and self.rnd.random() < 0.4:  # the same firm typed in twice
                names.append(self.rnd.choice(mfr.variants[1:]))
            for name in names:
                mfr_id = len(rows) + 1
                ids.setdefault(mfr.name, []).append(mfr_id)
                contact = self.people.person() if self.rnd.random() < 0.9 else None
                phone = self.people.phone()
                email: str | None
                if contact is None or self.rnd.random() < 0.1:
                    email = f"service@{mfr.domain}"  # a shared mailbox: not personal
                elif self.rnd.random() < 0.05:
                    email = self.people.phone()  # a phone number typed into the e-mail column
                else:
                    email = f"{ascii_fold(contact.first)}.{ascii_fold(contact.last)}@{mfr.domain}"
                rows.append((mfr_id, name, phone, email, contact.full if contact else None))
                out.add(head, mfr_id, truth.tails("Phone", truth.whole(phone, "PHONE_NUMBER")))
                if contact is not None:
                    out.add(head, mfr_id, truth.tails("ContactName", truth.whole(contact.full, "PERSON")))
                    if not email.startswith("service@"):
                        entity = "EMAIL_ADDRESS" if "@" in email else "PHONE_NUMBER"
                        out.add(head, mfr_id, truth.tails("Email", truth.whole(email, entity)))
        conn.executemany("INSERT INTO tblManufacturer VALUES (?,?,?,?,?)", rows)
        types = {t.name: t for t in vocab.DEVICE_TYPES}
        models = [(i + 1, self.rnd.choice(ids[m.manufacturer]), m.name, m.device_type, types[m.device_type].umdns)
                  for i, m in enumerate(vocab.MODELS)]
        conn.executemany("INSERT INTO tblModel VALUES (?,?,?,?,?)", models)
        return [types[m.device_type] for m in vocab.MODELS]

    def _staff(self, conn: sqlite3.Connection, out: TruthWriter) -> tuple[list[int], list[int]]:
        head = truth.head(DB_FILE, "tblStaff")
        people = self.people
        rows = []
        engineer_ids: list[int] = []
        clinical_ids: list[int] = []
        staff: list[tuple[Person, bool]] = [(p, True) for p in self.cast.engineers]
        staff += [(p, False) for p in self.cast.clinical]
        for staff_id, (person, engineer) in enumerate(staff, start=1):
            (engineer_ids if engineer else clinical_ids).append(staff_id)
            title = self.rnd.choice(vocab.ENGINEER_TITLES if engineer else vocab.JOB_TITLES[4:])
            x = self.rnd.random()
            phone = None if x < 0.1 else people.extension() if x < 0.6 else people.phone()
            y = self.rnd.random()
            email = None if y < 0.03 else people.phone() if y < 0.05 else people.staff_email(person,
                                                                                         self.cast.trust_domain)
            rows.append((staff_id, person.first, person.last, title, phone, email))
            cells = [("FirstName", truth.whole(person.first, "PERSON")),
                     ("Surname", truth.whole(person.last, "PERSON"))]
            if phone:
                cells.append(("Phone", truth.whole(phone, "PHONE_NUMBER")))
            if email:
                cells.append(("Email", truth.whole(email, "EMAIL_ADDRESS" if "@" in email else "PHONE_NUMBER")))
            for column, cell in cells:
                out.add(head, staff_id, truth.tails(column, cell))
        conn.executemany("INSERT INTO tblStaff VALUES (?,?,?,?,?,?)", rows)
        return engineer_ids, clinical_ids

    # -- sized tables ------------------------------------------------------------------------------
    def _equipment(self, conn: sqlite3.Connection, model_devices: list[vocab.DeviceType], n_locations: int,
                   clinical_ids: list[int]) -> None:
        rng = np.random.default_rng(self.streams["assets"])
        iso = formats.iso_days()
        ppm_months = np.array([t.ppm_months for t in model_devices])
        cost_low = np.array([t.cost_low for t in model_devices]) * 100
        cost_span = np.array([t.cost_high - t.cost_low for t in model_devices]) * 100
        risk = [t.mdr_class for t in model_devices]
        serial_prefix = [m.serial_prefix for m in vocab.MODELS]
        clinical = np.array(clinical_ids)
        sched_id = contract_id = 0
        for first in range(0, self.assets, CHUNK):
            size = min(CHUNK, self.assets - first)
            ids = np.arange(first + 1, first + size + 1)
            model = rng.integers(0, len(model_devices), size)
            status = np.minimum(np.searchsorted(np.cumsum(STATUS_WEIGHTS), rng.random(size), side="right"), 3) + 1
            install = rng.integers(_FIRST_INSTALL, _LAST_INSTALL, size)
            cost = np.round((cost_low[model] + rng.random(size) * cost_span[model]) / 100, 2)
            warranty = np.minimum(install + rng.integers(1, 4, size) * 365, formats.N_DAYS - 1)
            owner = np.where(rng.random(size) < 0.6, clinical[rng.integers(0, len(clinical), size)], 0)
            months = ppm_months[model]
            scheduled = (months > 0) & (status != 3)
            last_done = _EXPORT_DAY - (rng.random(size) * np.maximum(months, 1) * 30.4).astype(np.int64)
            next_due = np.minimum(last_done + (months * 30.4).astype(np.int64), formats.N_DAYS - 1)
            blanks = rng.random((4, size))
            serials = rng.integers(10_000, 99_999_999, size)
            locations = rng.integers(1, n_locations + 1, size)
            rows = []
            for k, (eid, m, st, inst, c, w, o, sch, nd, ser, loc) in enumerate(zip(
                    ids.tolist(), model.tolist(), status.tolist(), install.tolist(), cost.tolist(),
                    warranty.tolist(), owner.tolist(), scheduled.tolist(), next_due.tolist(), serials.tolist(),
                    locations.tolist(), strict=True)):
                rows.append((eid, f"MM{100_000 + (eid * 107) // 100}", f"{serial_prefix[m]}{ser}", m + 1, loc, st,
                             None if blanks[0, k] < 0.03 else risk[m], None if blanks[1, k] < 0.05 else iso[inst],
                             None if blanks[2, k] < 0.1 else c, None if blanks[3, k] < 0.2 else iso[w], o or None,
                             iso[nd] if sch else None))
            conn.executemany("INSERT INTO tblEquipment VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            schedules = [(sched_id + i + 1, int(ids[k]), int(months[k]), iso[int(last_done[k])], iso[int(next_due[k])])
                         for i, k in enumerate(np.flatnonzero(scheduled).tolist())]
            sched_id += len(schedules)
            conn.executemany("INSERT INTO tblPPMSchedule VALUES (?,?,?,?,?)", schedules)
            with_contract = np.flatnonzero(rng.random(size) < 0.25).tolist()
            start = rng.integers(_FIRST_INSTALL, _EXPORT_DAY, size)
            years = rng.integers(1, 6, size)
            annual = np.round(cost * rng.uniform(0.05, 0.15, size), 2)
            suppliers = rng.integers(0, len(vocab.SUPPLIERS) + len(vocab.MANUFACTURERS), size)
            contracts = []
            for i, k in enumerate(with_contract):
                s = int(suppliers[k])
                supplier = vocab.SUPPLIERS[s] if s < len(vocab.SUPPLIERS) else \
                    vocab.MANUFACTURERS[s - len(vocab.SUPPLIERS)].variants[0]
                end = min(int(start[k]) + int(years[k]) * 365, formats.N_DAYS - 1)
                contracts.append((contract_id + i + 1, int(ids[k]), supplier, iso[int(start[k])], iso[end],
                                  float(annual[k])))
            contract_id += len(contracts)
            conn.executemany("INSERT INTO tblContract VALUES (?,?,?,?,?,?)", contracts)

    def _work_orders(self, conn: sqlite3.Connection, out: TruthWriter, engineer_ids: list[int],
                     clinical_ids: list[int], locations: list[str]) -> None:
        rng = np.random.default_rng(self.streams["jobs"])
        text_gen = TextGenerator(self.people, self.cast.clinical, sorted(set(locations)), self.cast.trust_domain,
                                 seeded_random(self.streams["jobs-text"]))
        head = truth.head(DB_FILE, "tblWorkOrder")
        iso, clock = formats.iso_days(), formats.hhmm()
        types = jobs_vocab.MEDIMAINT_WO_TYPES
        span = _EXPORT_DAY - _FIRST_WO
        engineers = np.array(engineer_ids)
        callers = self.cast.clinical
        for first in range(0, self.jobs, CHUNK):
            size = min(CHUNK, self.jobs - first)
            j = np.arange(first, first + size)
            equip = rng.integers(1, self.assets + 1, size)
            wo_type = np.minimum(np.searchsorted(np.cumsum(jobs_vocab.MEDIMAINT_WO_WEIGHTS), rng.random(size),
                                                 side="right"), len(types) - 1)
            opened_day = np.clip(_FIRST_WO + (j * span) // self.jobs + rng.integers(-5, 6, size), _FIRST_WO,
                                 _EXPORT_DAY)
            opened_min = rng.integers(7 * 60, 19 * 60, size)
            wait = np.minimum(rng.geometric(0.35, size) - 1, 90)
            closed_day = np.minimum(opened_day + wait, _EXPORT_DAY)
            closed_min = np.where(wait == 0, np.minimum(opened_min + rng.integers(15, 240, size), 1439),
                                  rng.integers(7 * 60, 19 * 60, size))
            is_open = rng.random(size) < 0.03
            engineer = np.where(rng.random(size) < 0.97, engineers[rng.integers(0, len(engineers), size)], 0)
            hours = np.round(rng.integers(1, 33, size) * 0.25, 2)
            parts = np.round(rng.gamma(1.2, 40.0, size), 2)
            draws = rng.random((5, size))
            caller_idx = rng.integers(0, len(callers), size)
            rows = []
            for k, (woid, eq, t, od, om, cd, cm, op, eng, h, pc, ci) in enumerate(zip(
                    (j + 1).tolist(), equip.tolist(), wo_type.tolist(), opened_day.tolist(), opened_min.tolist(),
                    closed_day.tolist(), closed_min.tolist(), is_open.tolist(), engineer.tolist(), hours.tolist(),
                    parts.tolist(), caller_idx.tolist(), strict=True)):
                wo_type_name = types[t]
                job_type = WO_TYPE_TO_JOB[wo_type_name]
                if draws[0, k] < 0.002:
                    problem = text_gen.foreign_fault()
                else:
                    problem = text_gen.job_text(job_type, personal=draws[1, k] < jobs_vocab.JOB_TYPE_PII_RATE[job_type])
                resolution: Cell | None = None if op else text_gen.resolution(personal=draws[2, k] < 0.05)
                caller: str | None = None
                if draws[3, k] < 0.7:
                    person = callers[ci]
                    caller = person.full if draws[4, k] < 0.6 else person.initial_last
                ext = self.people.extension() if caller and draws[4, k] < 0.5 else None
                rows.append((woid, eq, wo_type_name, f"{iso[od]} {clock[om]}:00",
                             None if op else f"{iso[cd]} {clock[cm]}:00", problem.text,
                             resolution.text if resolution else None, eng or None, h, None if op else pc, caller, ext))
                if problem.spans:
                    out.add(head, woid, truth.tails("Problem", problem))
                if resolution is not None and resolution.spans:
                    out.add(head, woid, truth.tails("Resolution", resolution))
                if caller:
                    out.add(head, woid, truth.tails("CallerName", truth.whole(caller, "PERSON")))
                if ext:
                    out.add(head, woid, truth.tails("CallerExt", truth.whole(ext, "PHONE_NUMBER")))
            conn.executemany("INSERT INTO tblWorkOrder VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            out.flush()


def generate_medimaint(out_dir: Path | str, assets: int, jobs: int, seed: int = 0) -> GeneratedDataset:
    """Writes medimaint.db, truth.jsonl, nonpersonal.json and generation.json."""
    started = time.perf_counter()
    writer = MediMaintWriter(Path(out_dir), assets, jobs, seed)
    out = TruthWriter(writer.out_dir / TRUTH_FILE)
    try:
        path = writer.write(out)
    finally:
        out.close()
    truth.write_nonpersonal(writer.out_dir / NONPERSONAL_FILE, nonpersonal_columns())
    counts = {**writer.counts, **out.summary()}
    return finish("medimaint", writer.out_dir, {DB_FILE: path}, counts, seed, {"assets": assets, "jobs": jobs},
                  time.perf_counter() - started)

