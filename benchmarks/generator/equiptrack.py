"""Layout A, "EquipTrack": assets.csv (Windows-1252, banner lines) and jobs.xlsx (banner rows, header on row 4).

Rows are written a chunk at a time as equiptrack_rows draws them, so memory stays bounded by the chunk size and
the pools, whatever the number of rows.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from . import formats, truth
from .dataset import (
    NONPERSONAL_FILE,
    TRUTH_FILE,
    GeneratedDataset,
    GeneratorError,
    check_sizes,
    finish,
    prepare_out_dir,
    seed_streams,
)
from .equiptrack_pools import Catalog, PersonalPools, Pool
from .equiptrack_rows import RowDrawer
from .notes import TextGenerator
from .people import PeopleFactory, make_cast, seeded_random
from .truth import NonPersonalColumn, TruthWriter
from .xlsx import save_reproducibly

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
XLSX_MAX_JOBS = 1_048_576 - 4  # Excel's row limit less the banner and header rows
AUTO_XLSX_LIMIT = 100_000  # above this, "auto" writes jobs.csv: openpyxl writes ~10k rows/s
HEADER_ROW = 4


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
        self.pools = PersonalPools(self.people, self.cast)
        self.catalog = Catalog(seeded_random(self.streams["sites"]),
                               np.random.default_rng(self.streams["pools"]), assets)
        self.draw = RowDrawer(self.catalog, self.pools, assets, jobs)
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
                lines, tails = self.draw.asset_chunk(rng, text_gen, unique, size)
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

    # -- jobs ------------------------------------------------------------------------------------------
    def write_jobs(self, out: TruthWriter) -> Path:
        if self.unique_assets == 0:
            raise GeneratorError("jobs need the asset register first; call write_assets before write_jobs.")
        rng = np.random.default_rng(self.streams["jobs"])
        text_gen = TextGenerator(self.people, self.cast.clinical, self.catalog.locations, self.cast.trust_domain,
                                 seeded_random(self.streams["jobs-text"]))
        requesters = Pool("Requested By", [text_gen.requester() for _ in range(max(2000, min(50_000,
                                                                                             self.jobs // 10)))])
        if self.jobs_format == "xlsx":
            return self._write_jobs_xlsx(rng, text_gen, requesters, out)
        return self._write_jobs_csv(rng, text_gen, requesters, out)

    def _write_jobs_csv(self, rng: np.random.Generator, text_gen: TextGenerator, requesters: Pool,
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
                chunk = self.draw.job_chunk(rng, text_gen, requesters, self.unique_assets, written, size)
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
                    row_tails = self.draw.job_tails(chunk, requesters, k)
                    if row_tails:
                        out.add(head, written + k + 1, row_tails)
                f.write("\r\n".join(block) + "\r\n")
                out.flush()
                written += size
        self.counts["jobs.rows"] = written
        return path

    def _write_jobs_xlsx(self, rng: np.random.Generator, text_gen: TextGenerator, requesters: Pool,
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
            chunk = self.draw.job_chunk(rng, text_gen, requesters, self.unique_assets, written, size)
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
                row_tails = self.draw.job_tails(chunk, requesters, k)
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


def _at(day: int, minute: int) -> datetime:
    return datetime.combine(formats.day_date(day), datetime.min.time()) + timedelta(minutes=minute)


def _generated_line() -> str:
    return f"Generated {formats.EXPORTED_AT:%d/%m/%Y %H:%M} (EquipTrack 4.2.1)"


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
