"""A nineteenth, independent export generator for `leakage.py`: a maternity and neonatal service's equipment (CTG and
cableless fetal monitors, Dopplers, incubators and transport incubators, resuscitaires, phototherapy, syringe and
volumetric pumps, neonatal ventilators and CPAP, baby tagging, birthing pools, cooling; breast pumps, TENS machines and
scales lent to women at home or to community midwives). The service hands over its medical physics database, the CTG
central station's technical event archive and the maternity EPR's equipment loan log; one hand-written mapping turns
them into assets (every device, with its location) and jobs (work orders, technical events, loans).

    .venv/bin/python benchmarks/maternity_export.py OUT_DIR [--split dev20|fresh18] [--rows 300] [--seed 11]

`medphys_maternity.sql` / `ebme_neonatal.sql` (`maternity_rows`, `maternity_files`): the EBME database as an SQLite
script (dev20 the sqlite3 shell's `.dump`, fresh18 DB Browser for SQLite's export): locations, staff, equipment (the
custodian, a community midwife or the woman a pump is lent to in the notes), work orders (the ward's caller, the
fault) and their log entries by the engineers' initials. `ctg_central_export.zip` / `CentralStationArchive.zip`
(`maternity_jobs`): JSON lines, a technical event a line (dev20 nested objects, a file a year; fresh18 flat keys, a
file a ward): the monitor, bed, alarm, the woman on the monitor (name, hospital number, NHS or CHI number, date of
birth, gestation and EDD) and the midwives' annotations by initials or login. `maternity_epr_loans.csv` /
`loan_register_export.csv`: the EPR's loans (dev20 saved from SSMS: BOM, CR LF, "NULL"; fresh18 a report export,
three title lines above a semicolon-separated header that intake rejects and the truth's `banner_rows` counts): the
woman, her baby, home, phone, e-mail, GP, interpreter, safeguarding alerts and the midwives' multi-line notes.

Personal: mothers (any case, "SURNAME, First", title and surname, first name or nickname, maiden names "née"),
babies ("Baby of SURNAME", "BO Smith", "Twin 1 of X"; "Infant of X", "B/O X"), partners and relatives by relation,
midwives, community midwives, neonatal nurses, support workers, doctors, engineers, social workers, interpreters,
GPs and health visitors by name and role word; initials, logins, NMC PINs or pay numbers (`staff_id`); hospital
numbers (the baby's the mother's with a suffix: dev20 "L1234567/B1", fresh18 "G123456K/01"), NHS numbers (`nhs`,
dev20) or CHI numbers (`chi`, fresh18, from the date of birth), dates of birth (mother's and baby's), phones (mobile,
landline, an overseas mother's), e-mails, home addresses, postcodes, key safe and door codes (`keysafe`), baby
security tag numbers (`baby_tag`: a tag identifies a baby). Written but not planted: gestations and expected dates of
delivery (clinical facts, nobody's identifier on their own: scored neither way). Kept: asset numbers, serials,
makers and short forms (Philips, GE, Draeger, F&P, Marsden, Laerdal), models, device types, settings and readings,
hospitals, units and wards named after people (Rosalind Paget Birth Centre, Cicely Williams Neonatal Unit, Bailey
Ward; Dr Gray's Hospital, The Baird Family Hospital, Fairlie Birth Suite, Cruickshank Ward), beds, cots and rooms
(`bed`), GP practices, alarm codes, software versions, part numbers, dates, extensions and bleeps (`extension`), role
mailboxes, helplines and makers' service lines, job titles.

"dev20" (an East Midlands trust: Gujarati, Punjabi, Pakistani, Somali, Polish, Romanian, Kurdish, Caribbean and local
English names; LE postcodes, 0116 numbers) may be read while tuning; "fresh18" (NHS Grampian and Orkney: Doric and
Orcadian names and the oil industry's families; AB/IV/KW postcodes, 01224 numbers, CHI numbers) is held out
(aggregates only) and shares no person, name word, town, street, unit, ward, template phrase, column, table name or
number shape with dev20. Writes OUT_DIR/data/{the three files}, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in
`clinical_export.py`'s truth format: `file` the file, the archive's entry ("ctg_central_export.zip/
technical_events_2023.jsonl") or the script's table ("medphys_maternity.sql:equipment"), `row` the 1-based data row
as intake's connector reads that table (banner lines not counted), `column` the header, the table's column or a
nested key's dotted path ("episode.patient.mrn", "annotations[1].text").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import generator_main
from maternity_files import write_dump, write_epr, write_zip
from maternity_jobs import ctg_rows, loan_rows, wo_rows
from maternity_mapping import FIELDS, NULLS, mapping, query_tables
from maternity_rows import BANNER, DUMP, EPR, SPLITS, TABLES, ZIP, Builder


def sizes(rows: int) -> dict[str, int]:
    """Rows of each source for `rows` devices: jobs are 3x, a third each work orders, CTG events and loans."""
    return {"assets": rows, "wo": rows, "ctg": rows, "loans": rows}


def generate(out: Path, split: str = "dev20", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Builder(split, rows, seed)
    n = sizes(rows)
    b.locations()
    b.staff_rows()
    b.make_assets(n["assets"])
    b.equipment_rows()
    wo_rows(b, n["wo"], b.rng.randrange(10000, 90000))
    ctg_rows(b, n["ctg"], b.rng.randrange(1000, 60000))
    loan_rows(b, n["loans"], b.rng.randrange(100, 9000))
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    write_dump(data / DUMP[split], split, b.t)
    write_zip(data / ZIP[split], split, b.ctg)
    write_epr(data / EPR[split], split, b.loans)
    (out / "mapping.yaml").write_text(mapping(split), encoding="utf-8")
    counts = {f"{DUMP[split]}:{TABLES[split][r][0]}": len(b.t[r]) for r in ("equip", "wo")}
    counts.update({f"{ZIP[split]}/{m}": len(lines) for m, lines in b.ctg.items()})
    counts[EPR[split]] = len(b.loans)
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
    return generator_main(generate, __doc__, SPLITS, "dev20", argv)


if __name__ == "__main__":
    sys.exit(main())
