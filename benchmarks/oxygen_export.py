"""A sixteenth, independent export generator for `leakage.py`: a home oxygen and respiratory equipment service. The
health board's respiratory team hands over what its supplier's portal exports, the drivers' run sheet and the
engineers' visit log; one hand-written mapping turns them into assets (oxygen concentrators, portable concentrators,
cylinders, CPAP and NIV machines, nebulisers, pulse oximeters, high-flow humidifiers) and jobs (installs, services,
breakdowns, removals, safety checks; cylinder deliveries, collections and exchanges).

    .venv/bin/python benchmarks/oxygen_export.py OUT_DIR [--split dev17|fresh15] [--rows 300] [--seed 11]

`installations.jsonl` (`oxygen_portal.py`): one line per item: the equipment, its setting (flow rate, pressure)
and cylinder size, status and location, the patient it is on loan to (name, NHS or CHI number, date of birth, home,
phones, e-mail, key safe or door entry code, next of kin and key holders with their phones), the referral (the
referring nurse, their role and e-mail, hospital and ward, GP and practice, hours a day, risk notes written by the
nurse), the installer's notes, who created the record (a login). dev17 writes the API's nested objects, fresh15 the
portal's flat CSV-shaped keys. `run_sheet.csv` (`oxygen_runs.py`): a drop a row, the patient's name, home, phone and
access, the cylinders out and back, who signed for them, the driver and their note; UTF-8 with a BOM (dev17) or
Windows-1252 with every field quoted (fresh15). `engineer_visits.xlsx` (`oxygen_rows.py`): the engineers' log: the
call handler's reason for the visit, who reported it and their number, the engineer, their work notes put together
from fragments in the engineer's own order, separators and case, parts, hours, result, initials, the login of who
logged it; date cells and dates typed as text.

Personal: patients (title and surname, first name alone, nicknames, lower case and capitals, "JONES, Megan", "Mrs
M Jones", "MACLEOD Màiri"), relatives by relation ("her son Rhodri", "NOK daughter Catrin"), paid carers, GPs and
nurses by name, engineers and drivers by name and initials, logins, phones (+44, 07..., (01248) ..., 0131 ...),
e-mails, NHS numbers (dev17) or CHI numbers (fresh15: the date of birth, modulus-11 check digit), dates of birth
(ISO, typed, Welsh month names), home addresses (house names without a number, farms; tenement flats "2F1, 14 Easter
Road", "14/3 Easter Road"), postcodes, key safe and door entry codes. Kept: asset and job numbers, serial numbers,
makers and their short forms, models, device types, flow rates, pressures, cylinder sizes (CD, ZD, HX, DF), part
numbers, dates and times, hospitals and wards (Ysbyty Penrhos Stanley, Ward Aneurin Bevan; Astley Ainslie
Hospital, Elsie Inglis Ward), GP practices named after partners, job titles, depots and the home location, the
health board and supplier (Betsi Cadwaladr University Health Board), role mailboxes, the supplier's helpline and
switchboards, towns not part of a home address. Smoking and fire risks are written, not planted.

"dev17" (a north Wales health board, bilingual) may be read while tuning; "fresh15" (a Scottish one) is held out
(aggregates only) and shares no person, name word, town, street, house, hospital, ward, practice, template phrase,
role or relation word, or layout with dev17. Writes OUT_DIR/data/{installations.jsonl, run_sheet.csv,
engineer_visits.xlsx}, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s truth format: `file`
is the file ("engineer_visits.xlsx:Visits" for the sheet), `row` the JSON line (from 1), the CSV record or the sheet
row (the header being 1), `column` the key's path in the object ("patient.contacts[0].phone") or the header.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import oxygen_kit as kx
from clinical_export import generator_main
from oxygen_files import FIELDS, NULLS, mapping, query_tables, write_portal, write_runs, write_visits
from oxygen_portal import portal_rows
from oxygen_rows import PORTAL, RUNS, SHEET, VISITS, Builder
from oxygen_runs import run_numbers, run_rows

SPLITS = ("dev17", "fresh15")


def sizes(rows: int) -> dict[str, int]:
    """Rows of each file for `rows` assets: jobs are 3x, one and a half visits an asset, the rest drops."""
    visits = rows + rows // 2
    return {PORTAL: rows, RUNS: 3 * rows - visits, VISITS: visits}


def generate(out: Path, split: str = "dev17", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Builder(split, rows, seed)
    n = sizes(rows)
    b.make_assets(n[PORTAL])
    portal_rows(b)
    run_rows(b, run_numbers(b, n[RUNS], b.rng.randrange(40000, 90000)))
    first = b.rng.randrange(100, 4000)
    b.visit_rows(n[VISITS], [kx.VISIT_NO[split].format(n=first + 2 * i + b.rng.randrange(2))
                             for i in range(n[VISITS])])
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    write_portal(data / PORTAL, split, b.portal)
    write_runs(data / RUNS, split, b.runs)
    write_visits(data / VISITS, split, b.visits)
    (out / "mapping.yaml").write_text(mapping(split), encoding="utf-8")
    counts = {PORTAL: len(b.portal), RUNS: len(b.runs), f"{VISITS}:{SHEET[split]}": len(b.visits)}
    truth = {"split": split, "seed": seed, "rows": counts, "entries": b.w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`): the files read by intake's connectors
    and the mapping's own queries run on them (the baseline sees what intake maps), laid out as the package."""
    split = json.loads((export / "truth.json").read_text(encoding="utf-8"))["split"]
    tables = query_tables(export, split)
    nulls = {v.lower() for v in NULLS}
    pkg: dict[str, list[dict[str, str]]] = {}

    def v(r: dict[str, str], column: str) -> str:
        value = r.get(column, "").strip()
        return "" if value.lower() in nulls else value

    for table, rows in tables.items():
        for r in rows:
            for entity, fields in FIELDS["installations" if table == "installations" else "jobs"].items():
                pkg.setdefault(entity, []).append(
                    {f: v(r, c).upper() if f == "asset_number" else v(r, c) if f == "job_number" else anon(v(r, c))
                     for f, c in fields.items()})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev17", argv)


if __name__ == "__main__":
    sys.exit(main())
