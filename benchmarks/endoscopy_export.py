"""A twentieth, independent export generator for `leakage.py`: an endoscopy and decontamination service (flexible
gastroscopes, colonoscopes, bronchoscopes and EBUS scopes, duodenoscopes, cystoscopes, ENT nasendoscopes; automated
endoscope reprocessors, drying cabinets, video processors, light sources, insufflators, leak testers). Traceability
records for every use of a scope the patient it was used on, and for every washer cycle its operator: that is where
personal data sits in this equipment's data. The service hands over its traceability system, the washers' cycle
records and the decontamination unit's registers; one hand-written mapping turns them into assets (every scope and
machine, with its place) and jobs (scope uses, washer cycles, repairs, water tests, look-backs).

    .venv/bin/python benchmarks/endoscopy_export.py OUT_DIR [--split dev21|fresh19] [--rows 300] [--seed 11]

`EndoTrace_Export.xlsx` / `ScopeTrace.db` (`endoscopy_rows`, `endoscopy_jobs`): the traceability system (dev21 an
Excel workbook, the register sheet below two title rows that intake rejects and the truth's `banner_rows` counts, and
the patient-use sheet; fresh19 the system's SQLite database): the register of scopes and kit (keepers, competency
sign-offs by initials and staff numbers, logins) and every scope use (the patient's name, hospital number, NHS
(dev21) or CHI (fresh19) number and date of birth, the endoscopist, the nurse, the room, the procedure, the cycle).
`AER_cycle_log.txt` / `aer_runs.zip` (`endoscopy_jobs`): the washers' cycles (dev21 a tab-separated Windows-1252 log
with CR LF, NULL and quoted multi-line comments; fresh19 JSON lines, a file a washer, nested objects and an array of
log entries): operator by name, initials, staff number or login, leak test, result, fault, comments.
`decon_registers.sql` / `Decon_Registers.xls` (`endoscopy_records`): the unit's registers (dev21 a MySQL dump, the
makers' field engineers in a contacts table joined by id; fresh19 an Excel 97-2003 workbook, the look-back sheet
below a title row): repairs (RMA and quote references, loan scopes, field service engineers with their mobiles and
e-mails), final-rinse water tests (lab sample IDs, TVC counts, lab contacts) and patient look-backs (each patient
with hospital and NHS or CHI number, date of birth, phone, GP, home address in the actions).

Personal: patients (any case, "SURNAME, First", title and surname, first name or nickname), relatives by relation,
endoscopists, nurses, decontamination technicians, EBME engineers, lab staff, field service engineers and GPs by name
and role word; initials (glued to times now and then), logins, staff or pay numbers (`staff_id`), hospital numbers,
NHS numbers (`nhs`, dev21) or CHI numbers (`chi`, fresh19, from the date of birth), dates of birth, phones, e-mails,
home addresses and postcodes. Kept: asset numbers, serials (and loan scopes'), makers and short forms (Olympus, Oly,
Fujifilm, Karl Storz, Medivators/Cantel, Steris, Getinge, Wassenburg), models (GIF-H190, CF-HQ190L, EG-760R), device
types, washers (`washer`: "Washer 3", "AER-B"), rooms (`room`), units named after people (Dilys Glanmor Endoscopy
Unit, Jeannie Deans Endoscopy Unit), wards, hospitals, procedures (OGD, ERCP, EBUS), error codes, part numbers, RMA
and quote references (`service_report`), lab sample IDs (`water_sample`), TVC counts (`reading`), cycle numbers
(`cycle_no`), incident references (`incident_no`), GP practices, dates, extensions and bleeps, role mailboxes,
helplines, job titles.

"dev21" (a south Wales university health board: Welsh, valleys, Cardiff Somali and Yemeni, Bangladeshi,
Italian-Welsh and Keralan names; SA/CF postcodes, 029 and 01792 numbers, NHS numbers, Cymraeg in the notes) may be
read while tuning; "fresh19" (NHS Borders: Border Scots, Polish, Bulgarian, Syrian, Filipino and Nigerian names; TD
and EH postcodes, 01896 numbers, CHI numbers) is held out (aggregates only) and shares no person, name word, town,
street, unit, ward, template phrase, column, table name or number shape with dev21. Writes OUT_DIR/data/{the three
files}, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s truth format: `file` the file, the
workbook's sheet or database's table ("EndoTrace_Export.xlsx:Patient Use", "decon_registers.sql:lookbacks") or the
archive's entry ("aer_runs.zip/AER-A.jsonl"), `row` the 1-based data row as intake's connector reads that table
(title rows not counted), `column` the header, the column or a nested key's dotted path ("operator.badge",
"log[0].text").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import generator_main
from endoscopy_files import write_cycle_log, write_mysql, write_trace_db, write_trace_xlsx, write_xls, write_zip
from endoscopy_jobs import cycle_rows, use_rows
from endoscopy_mapping import FIELDS, NULLS, mapping, query_tables
from endoscopy_records import fse_rows, lookback_rows, repair_rows, water_rows
from endoscopy_rows import BANNER, CYCLES, RECORDS, SPLITS, TRACE, Builder, table_file


def sizes(rows: int) -> dict[str, int]:
    """Rows of each source for `rows` assets: jobs are 3x, a third uses, a third cycles, a third the registers."""
    repairs, water = rows // 2, rows // 4
    return {"assets": rows, "use": rows, "cycle": rows, "repair": repairs, "water": water,
            "lookback": rows - repairs - water}


def generate(out: Path, split: str = "dev21", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Builder(split, rows, seed)
    n = sizes(rows)
    b.make_assets(n["assets"])
    b.register_rows()
    if split == "dev21":
        fse_rows(b)
    use_rows(b, n["use"], b.rng.randrange(10000, 900000))
    cycle_rows(b, n["cycle"], b.rng.randrange(1000, 40000))
    repair_rows(b, n["repair"], b.rng.randrange(100, 9000))
    water_rows(b, n["water"], b.rng.randrange(100, 900))
    lookback_rows(b, n["lookback"], b.rng.randrange(10, 200))
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    if split == "dev21":
        write_trace_xlsx(data / TRACE[split], b.t)
        write_cycle_log(data / CYCLES[split], b.t["cycle"])
        write_mysql(data / RECORDS[split], b.t)
    else:
        write_trace_db(data / TRACE[split], b.t)
        write_zip(data / CYCLES[split], b.members)
        write_xls(data / RECORDS[split], b.t)
    (out / "mapping.yaml").write_text(mapping(split), encoding="utf-8")
    counts = {table_file(split, r): len(b.t[r]) for r in ("register", "use", "repair", "water", "lookback")}
    if split == "dev21":
        counts[CYCLES[split]] = len(b.t["cycle"])
    else:
        counts.update({f"{CYCLES[split]}/{m}": len(lines) for m, lines in b.members.items()})
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
    return generator_main(generate, __doc__, SPLITS, "dev21", argv)


if __name__ == "__main__":
    sys.exit(main())
