"""A twenty-first, independent export generator for `leakage.py`: an NHS audiology department's equipment and its
hearing-aid repair and postal-battery service (audiometers, tympanometers, OAE and ABR screeners, real-ear
measurement systems, hearing-aid analysers, sound-treated booths, calibration rigs; the hearing aids, bone-conduction
processors and radio-aid kits it issues to patients). Every issued device names the patient it is on, every repair
the patient whose aid came in and the address to post it back to, every battery request the patient and their home,
every radio-aid loan the child, their school, teacher of the deaf and parent: that is where personal data sits in this
equipment's data. The department hands over its register, its repair and battery log and its quality records (dev22)
or the makers' repair orders (fresh20); one hand-written mapping turns them into assets (every piece of kit and every
issued device, with its place) and jobs (repairs, battery posts, calibrations, booth checks, loans, makers' repairs).

    .venv/bin/python benchmarks/audiology_export.py OUT_DIR [--split dev22|fresh20] [--rows 300] [--seed 11]

`AudEquip_Register.csv` / `AudTrack.sqlite3` (`audiology_rows`, `audiology_people`): the register (dev22 the
audiology system's report saved as semicolon CSV in UTF-16 with a byte-order mark, CR LF, the patient's address a
multi-line cell; fresh20 the department's SQLite database: device, client (the patient, one row however many devices)
and calibration tables). `HA_Repairs_Batteries.xlsx` / `Repairs_Tracker.xlsm` (`audiology_jobs`, `audiology_records`):
the repair and postal-battery log (dev22 an .xlsx workbook, the repair sheet below a title row and a row of merged
group labels, the battery sheet below a title and a "Printed" line: the four rows intake rejects and the truth's
`banner_rows` counts; fresh20 a macro-enabled workbook with a title row above the repair log (one reject) and a sheet
of radio-aid loans). `audiology_qa.sql` / `manufacturer_rma.ndjson` (`audiology_records`): dev22's quality database
as a pg_dump with COPY blocks (calibrations and booth checks with the engineer joined from a staff table by id, and
radio-aid loans); fresh20's makers' repair portal as JSON lines (nested device, endUser, clinic and fault objects, an
events array).

Personal: patients (any case, "SURNAME, First", title and surname, first name or nickname, "F. Surname" in the makers'
portal), relatives and a child's parent or granny by relation, audiologists, technicians, admin staff, calibration
engineers, teachers of the deaf, makers' repair-centre staff and GPs by name and role word; initials (glued to a time
now and then; "CMcL"), logins, HCPC, ESR and payroll numbers (`staff_id`), hospital numbers, NHS numbers (dev22) or
Health and Care numbers (fresh20; both kind `nhs`, modulus 11), dates of birth, phones, e-mails, home addresses,
postcodes and a child's school (`school`). Kept: asset numbers in the notes, serials, makers and short forms
(Interacoustics and "IA", GN Otometrics, Grason-Stadler and "GSI", Phonak and "Sonova", Oticon, Signia, ReSound, Widex,
Brüel & Kjær and "B&K"), models (AT235, Titan, Callisto, Audéra Pro, MADSEN Astera², Naída P70-UP), device types,
hospitals, clinics (`clinic`: Dorothy Pattison Hearing Centre, Agnes Jones Audiology Suite), rooms, booths (`booth`),
teams (`team`), health centres the clinics are held in (`clinic_site`), towns naming a site (`town`), standards (ISO
389-1, IEC 60645-5; `standard`), readings (dB HL, RETSPL, ambient dB(A), octave bands; `reading`), frequencies
(`frequency`), calibration certificates (`cert_no`), error codes, part numbers, makers' repair references
(`service_report`), battery sizes (`battery`), charities (RNID, Hearing Link; `charity`), dates, extensions and bleeps,
role mailboxes, helplines, job titles. A patient's own GP practice, faults, times and prices are written, not scored.

"dev22" (a West Midlands trust: Black Country, Punjabi, Gujarati, Mirpuri, Polish, Irish and Jamaican names; WV, WS,
DY and B postcodes, NHS numbers, "Z123456" hospital numbers) may be read while tuning; "fresh20" (a Northern Ireland
trust in the north-west: Irish names with fadas, Ó and Mc, Ulster Scots, Lithuanian, Portuguese and Timorese, Keralan,
Filipino and Chinese names; BT postcodes, 028 numbers, H&C numbers, "AH1234567" hospital numbers) is held out
(aggregates only) and shares no person, name word, town, street, clinic, template phrase, column or number shape with
dev22. Writes OUT_DIR/data/{the three files}, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s
truth format: `file` the file, the workbook's sheet or database's table ("HA_Repairs_Batteries.xlsx:Repairs",
"AudTrack.sqlite3:client"), `row` the 1-based data row as intake's connector reads that table (title rows not
counted), `column` the header, the column or a nested key's dotted path ("endUser.name", "events[0].text").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audiology_files import (
    write_ndjson,
    write_pgdump,
    write_register_csv,
    write_repairs_xlsx,
    write_sqlite,
    write_tracker_xlsm,
)
from audiology_jobs import battery_rows, repair_rows
from audiology_mapping import FIELDS, NULLS, mapping, query_tables
from audiology_records import booth_rows, cal_rows, loan_rows, rma_rows, staff_rows
from audiology_rows import BANNER, JOB_ROLES, RECORDS, REGISTER, REPAIRS, SPLITS, Builder, table_file
from clinical_export import generator_main


def sizes(split: str, rows: int) -> dict[str, int]:
    """Rows of each source for `rows` assets: jobs are 3x, the repairs whatever the others leave."""
    n = {"assets": rows, "battery": rows // 2, "cal": rows // 2, "loan": rows // 4,
         ("booth" if split == "dev22" else "rma"): rows // 4}
    n["repair"] = 3 * rows - sum(v for k, v in n.items() if k != "assets")
    return n


def generate(out: Path, split: str = "dev22", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Builder(split, rows, seed)
    n = sizes(split, rows)
    b.make_assets(n["assets"])
    b.register_rows()
    if split == "dev22":
        staff_rows(b)
    repair_rows(b, n["repair"], b.rng.randrange(1000, 40000))
    battery_rows(b, n["battery"], b.rng.randrange(100, 20000))
    cal_rows(b, n["cal"], b.rng.randrange(100, 9000))
    loan_rows(b, n["loan"], b.rng.randrange(10, 900))
    if split == "dev22":
        booth_rows(b, n["booth"], b.rng.randrange(10, 900))
    else:
        rma_rows(b, n["rma"], b.rng.randrange(100000, 9000000))
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    if split == "dev22":
        write_register_csv(data / REGISTER[split], b.t["register"])
        write_repairs_xlsx(data / REPAIRS[split], b.t)
        write_pgdump(data / RECORDS[split], b.t)
    else:
        write_sqlite(data / REGISTER[split], b.t)
        write_tracker_xlsm(data / REPAIRS[split], b.t)
        write_ndjson(data / RECORDS[split], b.t["rma"])
    (out / "mapping.yaml").write_text(mapping(split), encoding="utf-8")
    counts = {table_file(split, r): len(b.t[r]) for r in ("register", *JOB_ROLES[split])}
    truth = {"split": split, "seed": seed, "rows": counts, "banner_rows": BANNER[split], "entries": b.w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`): the files read by intake's connectors
    and the mapping's own queries run on them (the baseline sees what intake maps), laid out as the package."""
    split = json.loads((export / "truth.json").read_text(encoding="utf-8"))["split"]
    nulls = {v.lower() for v in NULLS}
    pkg: dict[str, list[dict[str, str]]] = {}

    def v(r: dict[str, str], column: str) -> str:
        value = r.get(column, "").strip()
        return "" if value.lower() in nulls else value

    for table, rows in query_tables(export, split).items():
        for r in rows:
            for entity, fields in FIELDS[table].items():
                pkg.setdefault(entity, []).append(
                    {f: v(r, c).upper() if f == "asset_number" else v(r, c) if f == "job_number" else anon(v(r, c))
                     for f, c in fields.items()})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev22", argv)


if __name__ == "__main__":
    sys.exit(main())
