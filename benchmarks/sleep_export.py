"""An eighteenth, independent export generator for `leakage.py`: a hospital sleep and respiratory physiology service
that loans CPAP/APAP machines, bilevel NIV ventilators, overnight oximeters, home sleep-study (polygraphy) kits,
actigraphs and TcCO2 monitors to patients at home and maintains them. The service hands over its device cloud
portal's export, its clinic system's loan history and the loan store's spreadsheet; one hand-written mapping turns
them into assets (every device of the pool, the patient it is on loan to folded into the notes) and jobs (fittings,
mask refits, SD-card downloads, faults, returns; store returns, decontamination, courier deliveries and collections).

    .venv/bin/python benchmarks/sleep_export.py OUT_DIR [--split dev19|fresh17] [--rows 300] [--seed 11]

`cloud_portal_devices.tsv` / `remote_monitoring.tsv` (`sleep_rows`): tab-separated, a row a device: serial, model,
maker, category, mask and size, prescribed pressures, the patient (a display name in several forms, the surname and
the first name or the name they are known by apart), date of birth, hospital number, NHS number (dev19) or the
island's social security number (fresh17), phone, e-mail, home and postcode, the physiologists' compliance notes, the
clinic, the last user (a login or an e-mail). dev19 is Windows-1252 (accented names) with CR LF; fresh17 UTF-8 with
LF below a two-line title banner that intake rejects and the truth's `banner_rows` counts.
`loan_history.ndjson` / `sleepdesk_jobs.ndjson` (`sleep_jobs`): JSON lines, a job a line, nested objects (the loan,
the patient with an `ids` object, the physiologist and their login) and an array of events by initials or login;
free text on fittings, refits, downloads, faults, returns, DVLA (DVL/DVS) advice, relatives and carers, GP practices.
`loan_store.xls` / `kit_movements.xls` (sheet Returns / Movements, written with xlwt): returns, cleaning, who handed
the kit over, couriers' drivers and consignment references, who cleaned (initials) and checked it.

Personal: patients (any case, "SURNAME, First", title and surname, first name or nickname alone), relatives by
relation, paid carers, physiologists by name, role word, initials and login, technicians, couriers' drivers;
hospital numbers (dev19 "M1234567", "M123-4567", bare; fresh17 Noble's "NH123456", Jersey "JGH/1234567", Guernsey
"PEH-123456"), NHS numbers (`nhs`, dev19) or Manx NI / Jersey "JY" / Guernsey "GY" social security numbers
(`national_id`, fresh17), staff numbers (`staff_id`), logins, key safe codes, phones, e-mails, dates of birth, home
addresses and postcodes. Kept: asset and job numbers, serials, makers and short forms, models, device types, masks
and sizes, pressure settings (`setting`), AHI/ODI/Epworth readings and compliance (`reading`), units named after
people (Mary Seacole Sleep & Ventilation Unit, Illiam Dhone Respiratory Unit), wards, GP practices named after doctors
(`gp_practice`), job titles, part numbers, alarm codes, software versions, couriers' consignment references
(`courier_ref`), dates, helplines and role mailboxes.

"dev19" (a London teaching hospital: West African, South Asian, Eastern European, Caribbean, Irish, Turkish and
Chinese names, London postcodes, 020 numbers) may be read while tuning; "fresh17" (the Isle of Man and the Channel
Islands: Manx, Jersey and Guernsey names, IM/JE/GY postcodes, 01624/01534/01481 numbers) is held out (aggregates
only) and shares no person, name word, town, street, unit, ward, template phrase, column name or number shape with
dev19. Writes OUT_DIR/data/{the three files}, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s
truth format: `file` the file ("loan_store.xls:Returns" for the sheet), `row` the text file's physical line (the
header being 1, or 3 below fresh17's banner), the JSON line, or the sheet row (the header being 1), `column` the
header or a nested key's dotted path ("patient.ids.hospitalNo", "events[1].text").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import generator_main
from sleep_files import FIELDS, NULLS, mapping, query_tables, write_loans, write_portal, write_store
from sleep_jobs import loan_rows, store_rows
from sleep_rows import BANNER, LOANS, PORTAL, SHEET, SPLITS, STORE, Builder


def sizes(rows: int) -> dict[str, int]:
    """Rows of each file for `rows` devices: jobs are 3x, half in the loan history, half in the store sheet."""
    loans = 3 * rows // 2
    return {"portal": rows, "loans": loans, "store": 3 * rows - loans}


def generate(out: Path, split: str = "dev19", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Builder(split, rows, seed)
    n = sizes(rows)
    b.make_assets(n["portal"])
    b.portal_rows()
    loan_rows(b, n["loans"], b.rng.randrange(20000, 90000))
    store_rows(b, n["store"], b.rng.randrange(100, 9000))
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    write_portal(data / PORTAL[split], split, b.portal)
    write_loans(data / LOANS[split], split, b.loans)
    write_store(data / STORE[split], split, b.store)
    (out / "mapping.yaml").write_text(mapping(split), encoding="utf-8")
    counts = {PORTAL[split]: len(b.portal), LOANS[split]: len(b.loans), f"{STORE[split]}:{SHEET[split]}": len(b.store)}
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
            for entity, fields in FIELDS["portal" if table == "portal" else "jobs"].items():
                pkg.setdefault(entity, []).append(
                    {f: v(r, c).upper() if f == "asset_number" else v(r, c) if f == "job_number" else anon(v(r, c))
                     for f, c in fields.items()})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev19", argv)


if __name__ == "__main__":
    sys.exit(main())
