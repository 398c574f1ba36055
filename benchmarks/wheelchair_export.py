"""A fifteenth, independent export generator for `leakage.py`: a community wheelchair, posture and equipment loan
service run by an NHS trust with a contracted approved repairer, which kept its equipment and repairs in two
SharePoint lists; the service manager hands them over as "Export to Excel" left them. One hand-written mapping reads
both (items become assets, the client each is issued to and the client's details folded into the asset's notes by a
query; repairs become jobs on them, the engineers contacts).

    .venv/bin/python benchmarks/wheelchair_export.py OUT_DIR [--split dev16|fresh14] [--rows 300] [--seed 11]

`wheelchair_service.xlsx` (openpyxl; `wheelchair_files.py`): sheet "owssvr" (the equipment list as an Excel table
from row 1): asset number, item, make, model, serial, size / configuration, location (depots, stores, clinic rooms,
"with client"), status, the client (name as the admin typed it, NHS number, service number, date of birth as a date
cell or typed, a multi-line address with postcode and key safe code, phone, a carer or parent with their phone,
GP practice), the prescriber (a person column) and their role, issue and review dates, decontaminated (yes/no),
notes (enhanced rich text: SharePoint's HTML), and SharePoint's ID, Created, Created By, Modified, Modified By,
Item Type and Path columns. Sheet "Repairs" (the repairs list): job number, asset number (a lookup), job type, who
reported it and their number, the fault as typed on the phone, the engineers (a multi-person column), visit date,
work done (rich text typed by the engineers: "Ring mum ... before visiting 07...", "key safe 4412", "left with
carer"), parts with part numbers, cost, status, initials signing off, and the list's columns, "Created By" as a
claims login ("i:0#.f|membership|...", the repairer's engineers as guest accounts).

Personal: clients by name, title, first name or nickname (a client named in one row and again by first name in
another), relatives by relation ("his daughter ...", "partner (Gav)"), paid carers by role, therapists, admin staff
and engineers in person columns ("Surname, Given" and "Surname, Given;#Surname, Given" in dev16, "Given Surname;#14;#
Given Surname;#27" in fresh14) and in the text, initials, logins, e-mails, phones, NHS and service numbers
(`hospital_number`), dates of birth, addresses, postcodes and key safe codes (`keysafe`); Yorkshire, Kentish, Welsh,
Scottish, Irish, South Asian, African, Eastern European and everyday-word names (Faith, Sky, Hunter, Frost, Gale;
Mercy, Summer, Brook, Rivers), double-barrelled and with particles, and Faker's en_GB, en_IE, lt_LT, zu_ZA, en_PK,
pl_PL, ga_IE, ro_RO, tw_GH, en_IN and sk_SK. Kept: asset and job numbers, makers (Invacare, Sunrise Medical, Otto
Bock and Ottobock, Permobil, Roho, Jay, Spex, Drive DeVilbiss, Days Healthcare...), models, item types, sizes and
configurations, locations (clinic rooms named after people: Grey-Thompson Room, Hawking Room, Bader Room, Simmonds
Suite), GP practices named after partners ("Dr Khan & Partners"), job titles, part numbers, dates and times,
SharePoint list paths and item types, extensions, role mailboxes, the repairer, towns.

"dev16" may be read while tuning; "fresh14" is held out (aggregates only) and shares no given name, surname, town,
street, location, practice, template phrase, role or relation word, rich-text layout or person-column format with
dev16. Writes OUT_DIR/data/wheelchair_service.xlsx, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in
`clinical_export.py`'s truth format (`file` is "wheelchair_service.xlsx:owssvr" or "wheelchair_service.xlsx:Repairs",
`row` the sheet row, the header being row 1).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import generator_main
from export_common import joined
from wheelchair_files import MAPPING, NULLS, migrated_notes, read_tables, write_workbook
from wheelchair_rows import EQUIPMENT, REPAIRS, WORKBOOK, Builder

SPLITS = ("dev16", "fresh14")


def sizes(rows: int) -> dict[str, int]:
    """Rows of each list for `rows` assets (jobs: 3x)."""
    return {EQUIPMENT: rows, REPAIRS: 3 * rows}


def generate(out: Path, split: str = "dev16", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Builder(split, rows, seed)
    n = sizes(rows)
    numbers = b.job_numbers(n[REPAIRS])
    b.make_assets(n[EQUIPMENT], numbers)
    b.repair_rows(numbers)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    write_workbook(data / WORKBOOK, {EQUIPMENT: b.equipment, REPAIRS: b.repairs})
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    counts = {f"{WORKBOOK}:{EQUIPMENT}": len(b.equipment), f"{WORKBOOK}:{REPAIRS}": len(b.repairs)}
    truth = {"split": split, "seed": seed, "rows": counts, "entries": b.w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`): the sheets read by intake's connector
    (the baseline sees what intake sees), laid out as the mapping lays them out."""
    tables = read_tables(export)
    nulls = {v.lower() for v in NULLS}
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "locations", "manufacturers",
                                                             "device_models", "contacts")}

    def v(r: dict[str, str], column: str) -> str:
        value = r.get(column, "").strip()
        return "" if value.lower() in nulls else value

    for r in tables[EQUIPMENT]:
        pkg["assets"].append({"asset_number": v(r, "Asset No").upper(), "serial_number": anon(v(r, "Serial No")),
                              "owner": anon(v(r, "Prescriber")), "contact_phone": anon(v(r, "Client Tel")),
                              "notes": anon(migrated_notes({k: v(r, k) for k in r})),
                              "last_modified_by": anon(v(r, "Modified By"))})
        pkg["locations"].append({"name": anon(v(r, "Location"))})
        pkg["manufacturers"].append({"name": anon(v(r, "Make"))})
        pkg["device_models"].append({"name": anon(v(r, "Model")), "device_type": anon(v(r, "Item"))})
        pkg["contacts"].append({"name": anon(v(r, "Prescriber")), "job_title": anon(v(r, "Prescriber Role"))})
    for r in tables[REPAIRS]:
        pkg["jobs"].append({"job_number": v(r, "Job No"), "fault_description": anon(v(r, "Fault")),
                            "outcome": anon(joined(" | ", *(v(r, c) for c in ("Work Done", "Parts Used", "Signed Off",
                                                                              "Created By")))),
                            "engineer": anon(v(r, "Engineer")), "requested_by": anon(v(r, "Reported By")),
                            "requester_phone": anon(v(r, "Contact No"))})
        pkg["contacts"].append({"name": anon(v(r, "Engineer"))})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev16", argv)


if __name__ == "__main__":
    sys.exit(main())
