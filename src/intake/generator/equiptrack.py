"""Layout A, "EquipTrack": assets.csv (Windows-1252, banner lines) and jobs.xlsx (banner rows, header on row 4).

Rows are drawn a chunk at a time: numpy draws the indices of every column of the chunk at once, cells come
from pools of preformatted (and pre-quoted) text, and only free text is composed row by row. Memory stays
bounded by the chunk size and the pools, whatever the number of rows.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from intake.generator import formats, truth, vocab
from intake.generator.dataset import (
    NONPERSONAL_FILE,
    TRUTH_FILE,
    GeneratedDataset,
    GeneratorError,
    check_sizes,
    finish,
    prepare_out_dir,
    seed_streams,
)
from intake.generator.notes import TextGenerator
from intake.generator.people import Cast, PeopleFactory, Person, make_cast, seeded_random
from intake.generator.truth import Cell, NonPersonalColumn, Tail, TruthWriter
from intake.generator.xlsx import save_reproducibly

ASSET_COLUMNS = ("Equipment No", "Serial No", "Description", "Manufacturer", "Model", "Category Code", "Site",
                 "Department", "Location", "Status", "Risk", "Purchase Date", "Purchase Cost", "Warranty Expiry",
                 "Supplier", "Responsible Engineer", "Contact Tel", "PPM Frequency (months)", "Last PPM",
                 "Next PPM Due", "Notes", "Last Modified By")
JOB_COLUMNS = ("Job No", "Equipment No", "Job Type", "Date Raised", "Date Completed", "Fault Description",
               "Outcome", "Engineer", "Labour Hours", "Parts Cost", "Requested By")
ASSETS_FILE = "assets.csv"
ASSETS_TABLE = "assets"
JOBS_SHEET = "Jobs"
ENCODING = "cp1252"
CHUNK = 8192
DUPLICATE_RATE = 0.005
BLANK_LINE_RATE = 0.001
ORPHAN_RATE = 0.003
XLSX_MAX_JOBS = 1_048_576 - 4  # Excel's row limit less the banner and header rows
AUTO_XLSX_LIMIT = 100_000  # above this, "auto" writes jobs.csv: openpyxl writes ~10k rows/s
HEADER_ROW = 4

_NO_TAILS: tuple[Tail, ...] = ()
_PURCHASE_FORMATS = (0.55, 0.20, 0.10, 0.08, 0.04, 0.03)  # dmy, iso, d-Mon-yy, blank, "unknown", "NA"
_FIRST_PURCHASE = formats.day_number(datetime(2003, 1, 1).date())
_LAST_PURCHASE = formats.day_number(datetime(2026, 9, 30).date())
_EXPORT_DAY = formats.day_number(formats.EXPORTED_AT.date())
_FIRST_JOB_DAY = formats.day_number(datetime(2012, 1, 1).date())


def equipment_number(k: np.ndarray | int) -> np.ndarray | int:
    """Number of the k-th distinct asset: increasing, with the gaps deleted assets leave behind."""
    return 1001 + (k * 103) // 100


class _Pool:
    """Preformatted cells of one column: CSV text, raw text, truth tails; index 0 is the blank cell."""

    def __init__(self, column: str, cells: Sequence[Cell]) -> None:
        texts = ["", *(c.text for c in cells)]
        self.text = texts
        self.csv = np.array([formats.csv_cell(t) for t in texts], dtype=object)
        self.tails: list[tuple[Tail, ...]] = [_NO_TAILS, *(truth.tails(column, c) for c in cells)]

    def __len__(self) -> int:
        return len(self.text)


class _Catalog:
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


def _pick(cum: np.ndarray, rng: np.random.Generator, size: int) -> np.ndarray:
    return np.minimum(np.searchsorted(cum, rng.random(size), side="right"), len(cum) - 1)


def _with_blanks(indices: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    return np.where(rng.random(len(indices)) < rate, 0, indices)


class _People:
    """Pools of the personal cells EquipTrack shows in structured columns."""

    def __init__(self, people: PeopleFactory, cast: Cast) -> None:
        self.people = people
        self.cast = cast
        singles = [truth.whole(people.name_variant(p), "PERSON") for p in cast.engineers for _ in range(3)]
        pairs = [self._pair(people, cast.engineers) for _ in range(len(cast.engineers))]
        self.engineer = _Pool("Responsible Engineer", singles + pairs)
        self.engineer_pair_share = len(pairs)
        self.job_engineer = _Pool("Engineer", singles)
        self.contact = _Pool("Contact Tel", [self._contact(people, cast) for _ in range(4000)])
        self.modified_by = _Pool("Last Modified By",
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


class EquipTrackWriter:
    def __init__(self, out_dir: Path, assets: int, jobs: int, seed: int, jobs_format: str) -> None:
        check_sizes(assets, jobs)
        if jobs_format not in ("auto", "xlsx", "csv"):
            raise GeneratorError(f"jobs format must be auto, xlsx or csv (got {jobs_format!r}).")
        if jobs_format == "auto":
            jobs_format = "xlsx" if jobs <= AUTO_XLSX_LIMIT else "csv"
        if jobs_format == "xlsx" and jobs > XLSX_MAX_JOBS:
            raise GeneratorError(f"{jobs:,} jobs do not fit one Excel sheet (at most {XLSX_MAX_JOBS:,}); "
                                 "use --jobs-format csv.")
        self.out_dir = prepare_out_dir(out_dir)
        self.assets = assets
        self.jobs = jobs
        self.seed = seed
        self.jobs_format = jobs_format
        self.streams = seed_streams(seed)
        self.people = PeopleFactory(self.streams["people"])
        self.cast = make_cast(self.people, assets)
        self.pools = _People(self.people, self.cast)
        self.catalog = _Catalog(seeded_random(self.streams["sites"]),
                                np.random.default_rng(self.streams["pools"]), assets)
        self.counts: dict[str, int] = {}
        self.unique_assets = 0

    # -- assets ----------------------------------------------------------------------------------------
    def write_assets(self, out: TruthWriter) -> Path:
        path = self.out_dir / ASSETS_FILE
        rng = np.random.default_rng(self.streams["assets"])
        text_gen = TextGenerator(self.people, self.cast.clinical, self.catalog.locations, self.cast.trust_domain,
                                 seeded_random(self.streams["assets-text"]))
        exporter = self.people.random.choice(self.cast.users).full
        banner = f"Exported {formats.EXPORTED_AT:%d/%m/%Y %H:%M} by {exporter}"
        out.add_banner(ASSETS_FILE, ASSETS_TABLE, banner, exporter, "PERSON")
        head = truth.head(ASSETS_FILE, ASSETS_TABLE)
        rows = unique = duplicates = blanks = 0
        with path.open("w", encoding=ENCODING, newline="") as f:
            f.write("EquipTrack Asset Register Export\r\n" + banner + "\r\n" + ",".join(ASSET_COLUMNS) + "\r\n")
            while rows < self.assets:
                size = min(CHUNK, self.assets - rows)
                lines, tails = self._asset_chunk(rng, text_gen, unique, size)
                duplicate = rng.random(size) < DUPLICATE_RATE
                blank = rng.random(size) < BLANK_LINE_RATE
                block: list[str] = []
                for k in range(size):
                    if rows >= self.assets:
                        break
                    rows += 1
                    unique += 1
                    block.append(lines[k])
                    row_tails = tails[k]
                    if row_tails:
                        out.add(head, rows, row_tails)
                    if duplicate[k] and rows < self.assets:
                        rows += 1
                        duplicates += 1
                        block.append(lines[k])
                        if row_tails:
                            out.add(head, rows, row_tails)
                    if blank[k]:
                        blanks += 1
                        block.append("")
                f.write("\r\n".join(block) + "\r\n")
                out.flush()
        self.unique_assets = unique
        self.counts.update({"assets.rows": rows, "assets.unique": unique, "assets.duplicate_rows": duplicates,
                            "assets.blank_lines": blanks})
        return path

    def _asset_chunk(self, rng: np.random.Generator, text_gen: TextGenerator, first: int,
                     size: int) -> tuple[list[str], list[tuple[Tail, ...]]]:
        c = self.catalog
        p = self.pools
        m = _pick(c.model_cum, rng, size)
        numbers = np.asarray(equipment_number(np.arange(first, first + size))).tolist()
        width = len(str(int(equipment_number(self.assets)) + 100_000))
        equipment = [f"EQ{n:0{width}d}" for n in numbers]
        prefixes = c.serial_prefix
        serial = [f"{prefixes[mi]}{s}" for mi, s in zip(m.tolist(), rng.integers(10_000, 99_999_999, size).tolist(),
                                                           strict=True)]
        upper = rng.random(size) < 0.05
        description = np.where(upper, c.desc_upper_csv[m], c.desc_csv[m]).tolist()
        variant = c.mfr_start[m] + (rng.random(size) ** 2 * c.mfr_count[m]).astype(np.int64)
        manufacturer = c.mfr_csv[variant].tolist()
        model = np.where(rng.random(size) < 0.04, c.model_upper_csv[m], c.model_csv[m]).tolist()
        category = np.where(rng.random(size) < 0.03, "", c.umdns[m]).tolist()
        place = rng.integers(0, len(c.site_csv), size)
        site, dept, location = c.site_csv[place].tolist(), c.dept_csv[place].tolist(), c.loc_csv[place].tolist()
        status_idx = _pick(c.status_cum, rng, size)
        status = c.status[status_idx].tolist()
        risk = np.where(rng.random(size) < 0.02, "", c.risk[m]).tolist()
        bought = rng.integers(_FIRST_PURCHASE, _LAST_PURCHASE, size)
        purchase = self._purchase_dates(rng, bought)
        pennies = (c.cost_low[m] + rng.random(size) * c.cost_span[m]).astype(np.int64) // 50 * 50
        cost_style = rng.random(size)
        cost = [_cost_cell(s, p_) for s, p_ in zip(cost_style.tolist(), pennies.tolist(), strict=True)]
        warranty_day = np.minimum(bought + rng.integers(1, 4, size) * 365, formats.N_DAYS - 1)
        dmy = _dmy_array()
        warranty = np.where(rng.random(size) < 0.2, "", dmy[warranty_day]).tolist()
        supplier = c.supplier_csv[rng.integers(0, len(c.supplier_csv), size)].tolist()
        engineer_idx = rng.integers(1, len(p.engineer) - p.engineer_pair_share, size)
        pairs = rng.random(size) < 0.05
        engineer_idx = np.where(pairs, rng.integers(len(p.engineer) - p.engineer_pair_share, len(p.engineer), size),
                                engineer_idx)
        engineer_idx = _with_blanks(engineer_idx, rng, 0.05).tolist()
        contact_idx = _with_blanks(rng.integers(1, len(p.contact), size), rng, 0.15).tolist()
        modified_idx = rng.integers(1, len(p.modified_by), size).tolist()
        months = c.ppm[m]
        scheduled = (months > 0) & (status_idx != 3)
        ppm_text = np.where(rng.random(size) < 0.05, "", c.ppm_text[m])
        last_ppm_day = _EXPORT_DAY - (rng.random(size) * np.maximum(months, 1) * 30.4).astype(np.int64)
        next_ppm_day = np.minimum(last_ppm_day + (months * 30.4).astype(np.int64), formats.N_DAYS - 1)
        last_ppm = np.where(scheduled, dmy[last_ppm_day], "").tolist()
        next_ppm = np.where(scheduled, dmy[next_ppm_day], "").tolist()
        ppm_text = np.where(scheduled | (rng.random(size) < 0.5), ppm_text, "").tolist()
        note_kind = rng.random(size).tolist()

        engineer_csv = p.engineer.csv[engineer_idx].tolist()
        contact_csv = p.contact.csv[contact_idx].tolist()
        modified_csv = p.modified_by.csv[modified_idx].tolist()
        notes: list[str] = []
        note_tails: list[tuple[Tail, ...]] = []
        for x in note_kind:
            if x < 0.5:
                notes.append("")
                note_tails.append(_NO_TAILS)
                continue
            cell = text_gen.asset_note(personal=x >= 0.9)
            notes.append(formats.csv_cell(cell.text))
            note_tails.append(truth.tails("Notes", cell) if cell.spans else _NO_TAILS)
        columns = (equipment, serial, description, manufacturer, model, category, site, dept, location, status,
                   risk, purchase, cost, warranty, supplier, engineer_csv, contact_csv, ppm_text, last_ppm, next_ppm,
                   notes, modified_csv)
        lines = list(map(",".join, zip(*columns, strict=True)))
        eng_t, con_t, mod_t = p.engineer.tails, p.contact.tails, p.modified_by.tails
        row_tails = [eng_t[e] + con_t[t] + nt + mod_t[u]
                     for e, t, nt, u in zip(engineer_idx, contact_idx, note_tails, modified_idx, strict=True)]
        return lines, row_tails

    def _purchase_dates(self, rng: np.random.Generator, days: np.ndarray) -> list[str]:
        style = _pick(np.cumsum(_PURCHASE_FORMATS), rng, len(days))
        texts = _purchase_pool()[style, days].tolist()
        for k in np.flatnonzero(rng.random(len(days)) < 0.003).tolist():
            d = int(days[k])
            texts[k] = f"{formats.dmy_days()[d]} (invoiced) {formats.dmy_days()[min(d + 18, formats.N_DAYS - 1)]}" \
                       " (installed)"
        return texts

    # -- jobs ------------------------------------------------------------------------------------------
    def write_jobs(self, out: TruthWriter) -> Path:
        if self.unique_assets == 0:
            raise GeneratorError("jobs need the asset register first; call write_assets before write_jobs.")
        rng = np.random.default_rng(self.streams["jobs"])
        text_gen = TextGenerator(self.people, self.cast.clinical, self.catalog.locations, self.cast.trust_domain,
                                 seeded_random(self.streams["jobs-text"]))
        requesters = _Pool("Requested By", [text_gen.requester() for _ in range(max(2000, min(50_000,
                                                                                             self.jobs // 10)))])
        if self.jobs_format == "xlsx":
            return self._write_jobs_xlsx(rng, text_gen, requesters, out)
        return self._write_jobs_csv(rng, text_gen, requesters, out)

    def _job_chunk(self, rng: np.random.Generator, text_gen: TextGenerator, requesters: _Pool, first: int,
                   size: int) -> dict[str, list]:
        p = self.pools
        j = np.arange(first, first + size)
        numbers = (100_001 + j).tolist()
        asset_k = rng.integers(0, self.unique_assets, size)
        eq_numbers = equipment_number(asset_k)
        orphan = rng.random(size) < ORPHAN_RATE
        top = int(equipment_number(self.unique_assets))
        eq_numbers = np.where(orphan, top + rng.integers(1, 90_000, size), eq_numbers).tolist()
        width = len(str(int(equipment_number(self.assets)) + 100_000))
        type_idx = _pick(np.cumsum(vocab.JOB_TYPE_WEIGHTS), rng, size).tolist()
        span = formats.day_number(formats.EXPORTED_AT.date()) - _FIRST_JOB_DAY
        raised_day = np.clip(_FIRST_JOB_DAY + (j * span) // max(self.jobs, 1) + rng.integers(-5, 6, size),
                             _FIRST_JOB_DAY, _EXPORT_DAY)
        raised_min = rng.integers(7 * 60, 19 * 60, size)
        wait = np.minimum(rng.geometric(0.35, size) - 1, 90)
        done_min = np.where(wait == 0, np.minimum(raised_min + rng.integers(15, 240, size), 1439),
                            rng.integers(7 * 60, 19 * 60, size))
        done_day = np.minimum(raised_day + wait, _EXPORT_DAY)
        completion = rng.random(size)  # < 0.03 open, < 0.04 "TBC", < 0.09 text date, else a datetime
        personal = rng.random(size).tolist()
        hours = (rng.integers(1, 33, size) * 0.25).tolist()
        parts_style = rng.random(size).tolist()
        parts_pennies = (rng.gamma(1.2, 4000, size).astype(np.int64)).tolist()
        engineer_idx = _with_blanks(rng.integers(1, len(p.job_engineer), size), rng, 0.02).tolist()
        requester_idx = _with_blanks(rng.integers(1, len(requesters), size), rng, 0.04).tolist()
        outcome_pick = rng.random(size).tolist()
        descriptions: list[Cell] = []
        outcomes: list[str] = []
        for t, x, o, c in zip(type_idx, personal, outcome_pick, completion.tolist(), strict=True):
            job_type = vocab.JOB_TYPES[t]
            descriptions.append(text_gen.job_text(job_type, personal=x < vocab.JOB_TYPE_PII_RATE[job_type]))
            choices = vocab.OUTCOMES[job_type]
            outcomes.append("" if c < 0.03 else choices[int(o * len(choices))])
        return {
            "job_no": [f"J{n:07d}" for n in numbers],
            "equipment": [f"EQ{n:0{width}d}" for n in eq_numbers],
            "type": [vocab.JOB_TYPES[t] for t in type_idx],
            "raised_day": raised_day.tolist(), "raised_min": raised_min.tolist(),
            "done_day": done_day.tolist(), "done_min": done_min.tolist(), "completion": completion.tolist(),
            "description": descriptions, "outcome": outcomes, "engineer": engineer_idx, "hours": hours,
            "parts_style": parts_style, "parts": parts_pennies, "requester": requester_idx,
        }

    def _job_tails(self, chunk: dict[str, list], requesters: _Pool, k: int) -> tuple[Tail, ...]:
        desc = chunk["description"][k]
        row_tails = truth.tails("Fault Description", desc) if desc.spans else _NO_TAILS
        return row_tails + self.pools.job_engineer.tails[chunk["engineer"][k]] + requesters.tails[chunk["requester"][k]]

    def _write_jobs_csv(self, rng: np.random.Generator, text_gen: TextGenerator, requesters: _Pool,
                        out: TruthWriter) -> Path:
        name = "jobs.csv"
        path = self.out_dir / name
        head = truth.head(name, "jobs")
        dmy, clock = formats.dmy_days(), formats.hhmm()
        engineer_csv = self.pools.job_engineer.csv
        written = 0
        with path.open("w", encoding=ENCODING, newline="") as f:
            f.write(f"EquipTrack Job History\r\n{_generated_line()}\r\n\r\n" + ",".join(JOB_COLUMNS) + "\r\n")
            while written < self.jobs:
                size = min(CHUNK, self.jobs - written)
                chunk = self._job_chunk(rng, text_gen, requesters, written, size)
                block = []
                requester_csv = requesters.csv[chunk["requester"]].tolist()
                engineers = engineer_csv[chunk["engineer"]].tolist()
                rows = zip(chunk["job_no"], chunk["equipment"], chunk["type"], chunk["raised_day"],
                           chunk["raised_min"], chunk["completion"], chunk["done_day"], chunk["done_min"],
                           chunk["description"], chunk["outcome"], engineers, chunk["hours"],
                           chunk["parts_style"], chunk["parts"], requester_csv, strict=True)
                for k, (job_no, equipment, job_type, r_day, r_min, c, d_day, d_min, desc, outcome, engineer,
                        hours, style, pennies, requester) in enumerate(rows):
                    if c < 0.03:
                        done = ""
                    elif c < 0.04:
                        done = "TBC"
                    elif c < 0.09:
                        done = dmy[d_day]
                    else:
                        done = dmy[d_day] + " " + clock[d_min]
                    parts = "" if style < 0.35 else formats.csv_cell(formats.pounds(pennies)) if style < 0.75 \
                        else formats.plain_amount(pennies)
                    block.append(",".join((job_no, equipment, job_type, dmy[r_day] + " " + clock[r_min], done,
                                           formats.csv_cell(desc.text), formats.csv_cell(outcome), engineer,
                                           repr(hours), parts, requester)))
                    row_tails = self._job_tails(chunk, requesters, k)
                    if row_tails:
                        out.add(head, written + k + 1, row_tails)
                f.write("\r\n".join(block) + "\r\n")
                out.flush()
                written += size
        self.counts["jobs.rows"] = written
        return path

    def _write_jobs_xlsx(self, rng: np.random.Generator, text_gen: TextGenerator, requesters: _Pool,
                         out: TruthWriter) -> Path:
        name = "jobs.xlsx"
        path = self.out_dir / name
        head = truth.head(name, JOBS_SHEET)
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(JOBS_SHEET)
        ws.append(["EquipTrack Job History"])
        ws.append([_generated_line()])
        ws.append([])
        ws.append(list(JOB_COLUMNS))
        dmy, clock = formats.dmy_days(), formats.hhmm()
        engineer_text = self.pools.job_engineer.text
        written = 0
        while written < self.jobs:
            size = min(CHUNK, self.jobs - written)
            chunk = self._job_chunk(rng, text_gen, requesters, written, size)
            for k in range(size):
                c = chunk["completion"][k]
                raised: object = _at(chunk["raised_day"][k], chunk["raised_min"][k])
                if c > 0.97:  # a few typed as text
                    raised = dmy[chunk["raised_day"][k]] + " " + clock[chunk["raised_min"][k]]
                done: object
                if c < 0.03:
                    done = None
                elif c < 0.04:
                    done = "TBC"
                elif c < 0.09:
                    done = dmy[chunk["done_day"][k]]
                else:
                    done = _at(chunk["done_day"][k], chunk["done_min"][k])
                style, pennies = chunk["parts_style"][k], chunk["parts"][k]
                parts: object = None if style < 0.35 else formats.pounds(pennies) if style < 0.75 else pennies / 100
                ws.append([chunk["job_no"][k], chunk["equipment"][k], chunk["type"][k], raised, done,
                           chunk["description"][k].text or None, chunk["outcome"][k] or None,
                           engineer_text[chunk["engineer"][k]] or None, chunk["hours"][k], parts,
                           requesters.text[chunk["requester"][k]] or None])
                row_tails = self._job_tails(chunk, requesters, k)
                if row_tails:
                    out.add(head, written + k + 1, row_tails)
            out.flush()
            written += size
        save_reproducibly(wb, path, formats.EXPORTED_AT, "EquipTrack")
        self.counts["jobs.rows"] = written
        return path

    def nonpersonal(self, jobs_name: str, jobs_table: str) -> list[NonPersonalColumn]:
        kinds = {"Equipment No": "IDENTIFIER", "Serial No": "SERIAL", "Description": "DEVICE_TYPE",
                 "Manufacturer": "MANUFACTURER", "Model": "MODEL", "Site": "SITE", "Department": "DEPARTMENT",
                 "Location": "LOCATION", "Supplier": "SUPPLIER"}
        columns = [NonPersonalColumn(ASSETS_FILE, ASSETS_TABLE, col, kind) for col, kind in kinds.items()]
        columns += [NonPersonalColumn(jobs_name, jobs_table, "Job No", "IDENTIFIER"),
                    NonPersonalColumn(jobs_name, jobs_table, "Equipment No", "IDENTIFIER")]
        return columns


def _cost_cell(style: float, pennies: int) -> str:
    if style < 0.50:
        return formats.csv_cell(formats.pounds(pennies))
    if style < 0.80:
        return formats.plain_amount(pennies)
    if style < 0.97:
        return ""
    return "POA"


def _at(day: int, minute: int) -> datetime:
    return datetime.combine(formats.day_date(day), datetime.min.time()) + timedelta(minutes=minute)


def _generated_line() -> str:
    return f"Generated {formats.EXPORTED_AT:%d/%m/%Y %H:%M} (EquipTrack 4.2.1)"


_DMY_ARRAY: list[np.ndarray] = []
_PURCHASE_POOL: list[np.ndarray] = []


def _dmy_array() -> np.ndarray:
    if not _DMY_ARRAY:
        _DMY_ARRAY.append(np.array(formats.dmy_days(), dtype=object))
    return _DMY_ARRAY[0]


def _purchase_pool() -> np.ndarray:
    """[style, day] -> text, for the purchase date column's mixture of formats and placeholders."""
    if not _PURCHASE_POOL:
        n = formats.N_DAYS
        _PURCHASE_POOL.append(np.array([formats.dmy_days(), formats.iso_days(), formats.dmon_days(), [""] * n,
                                        ["unknown"] * n, ["NA"] * n], dtype=object))
    return _PURCHASE_POOL[0]


def generate_equiptrack(out_dir: Path | str, assets: int, jobs: int, seed: int = 0,
                        jobs_format: str = "auto") -> GeneratedDataset:
    """Writes assets.csv, jobs.xlsx or jobs.csv, truth.jsonl, nonpersonal.json and generation.json."""
    started = time.perf_counter()
    writer = EquipTrackWriter(Path(out_dir), assets, jobs, seed, jobs_format)
    out = TruthWriter(writer.out_dir / TRUTH_FILE)
    try:
        assets_path = writer.write_assets(out)
        jobs_path = writer.write_jobs(out)
    finally:
        out.close()
    jobs_table = JOBS_SHEET if jobs_path.suffix == ".xlsx" else "jobs"
    truth.write_nonpersonal(writer.out_dir / NONPERSONAL_FILE, writer.nonpersonal(jobs_path.name, jobs_table))
    counts = {**writer.counts, **out.summary()}
    parameters: dict[str, object] = {"assets": assets, "jobs": jobs, "jobs_format": writer.jobs_format}
    return finish("equiptrack", writer.out_dir, {ASSETS_FILE: assets_path, jobs_path.name: jobs_path}, counts, seed,
                  parameters, time.perf_counter() - started)
