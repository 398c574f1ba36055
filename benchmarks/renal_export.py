"""A seventeenth, independent export generator for `leakage.py`: a renal service's equipment. The service hands over
its dialysis vendor's cloud fleet portal export, the renal IT system's job extract and a third file; one hand-written
mapping turns them into assets (haemodialysis machines in the main unit and satellite units, home haemodialysis
machines and portable RO units in patients' homes, RO plants, dialysis chairs with scales, BP monitors, point-of-care
analysers, infusion pumps) and jobs (home installs and removals, water-quality sampling, disinfection, home visits,
planned maintenance, breakdowns, POCT QC failures, operator lock-outs).

    .venv/bin/python benchmarks/renal_export.py OUT_DIR [--split dev18|fresh16] [--rows 300] [--seed 11]

`fleet_portal.parquet` / `fleet_export.parquet` (`renal_rows.fleet_rows`): a row a machine: maker, model, serial,
site, status, software version, install date (a date column); for a home machine the patient's name, hospital
number, NHS or H&C number, date of birth, home, postcode, phone, access notes (key safe, door or gate code,
what3words) and the home-therapies nurse's notes; for POCT analysers the middleware's last user (a login) and notes
naming operators by ID and name. `renal_it_extract.txt` / `rits_jobs.psv`: pipe-delimited, a header, a trailer line
(`TRL|n`; fresh16 also a `HDR|...` banner line above the header): intake rejects those lines and the truth's
`banner_rows` counts them. Jobs: the patient, their phone, the description and outcome (water sample IDs and
readings, specimen numbers of patients' bloods, access), the staff member and their login. `tech_log.xlsx` (dev18:
date cells and dates typed as text) or `poct_middleware.csv` (fresh16: UTF-8 with a BOM, quoted): faults,
work done, technician, reporter, their phone, initials.

Personal: patients (any case, "SURNAME, First", title and surname, first name or nickname alone), relatives by
relation, paid carers, nurses, technicians and POCT operators by name, role word or initials; hospital numbers
("K" numbers, trust-prefixed "RWV1234567", spaced "MS 1234567", "H" prefixed, digits only), NHS numbers (dev18) or
Health and Care numbers (fresh16; both modulus-11, scored as kind `nhs`), specimen numbers ("24H123456",
"B25-0123456"), operator and payroll IDs (`staff_id`), logins (`WVHT\\jbloggs`, `jbloggs01`, `BLOGGSJ`,
`HSCNI\\bloggs.j`, `mw_bloggsj`), key safe and door codes (`keysafe`: "keysafe 1945", "C1234X"), what3words
addresses (`what3words`), phones, e-mails, dates of birth, home addresses and postcodes. Kept: asset and job numbers,
serials, makers and short forms, models, device types, units named after people and places (Bright Renal Unit,
Mary Ann McCracken Renal Unit), wards, job titles, water-quality sample IDs of the RO plants (`water_sample`),
chlorine, TVC and endotoxin readings (`reading`), alarm codes, software versions, part numbers, dates, helplines and
role mailboxes.

"dev18" (an English renal network in Lincolnshire and Nottinghamshire) may be read while tuning; "fresh16" (a
Northern Ireland trust: Irish-language and Ulster-Scots names, BT postcodes, 028 numbers) is held out (aggregates
only) and shares no person, name word, town, street, unit, ward, template phrase, column name or number shape with
dev18. Writes OUT_DIR/data/{the three files}, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s
truth format: `file` the file ("tech_log.xlsx:Log" for the sheet), `row` the Parquet row (from 1), the text file's
physical line or the sheet row (the header being 1, or 2 below fresh16's banner), `column` the header.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import generator_main
from renal_files import BANNER, FIELDS, NULLS, mapping, query_tables, write_extract, write_fleet, write_third
from renal_rows import EXTRACT, FLEET, SHEET, SPLITS, THIRD, Builder


def sizes(rows: int) -> dict[str, int]:
    """Rows of each file for `rows` assets: jobs are 3x, half in the extract, half in the third file."""
    extract = 3 * rows // 2
    return {"fleet": rows, "extract": extract, "third": 3 * rows - extract}


def generate(out: Path, split: str = "dev18", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Builder(split, rows, seed)
    n = sizes(rows)
    b.make_assets(n["fleet"])
    b.fleet_rows()
    b.extract_rows(n["extract"], b.rng.randrange(10000, 90000))
    b.third_rows(n["third"], b.rng.randrange(100, 5000))
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    write_fleet(data / FLEET[split], split, b.fleet)
    write_extract(data / EXTRACT[split], split, b.extract)
    write_third(data / THIRD[split], split, b.third)
    (out / "mapping.yaml").write_text(mapping(split), encoding="utf-8")
    third = f"{THIRD[split]}:{SHEET}" if split == "dev18" else THIRD[split]
    counts = {FLEET[split]: len(b.fleet), EXTRACT[split]: len(b.extract), third: len(b.third)}
    truth = {"split": split, "seed": seed, "rows": counts, "banner_rows": BANNER[split] + 1,  # + the trailer
             "entries": b.w.truth}
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
            for entity, fields in FIELDS["fleet" if table == "fleet" else "jobs"].items():
                pkg.setdefault(entity, []).append(
                    {f: v(r, c).upper() if f == "asset_number" else v(r, c) if f == "job_number" else anon(v(r, c))
                     for f, c in fields.items()})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev18", argv)


if __name__ == "__main__":
    sys.exit(main())
