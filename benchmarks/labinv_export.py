"""A thirteenth, independent export generator for `leakage.py`: a university teaching hospital's research and
laboratory equipment inventory, kept by the institute's lab manager in an old Excel 97-2003 workbook, with the
inventory of a Spanish partner hospital's laboratories exported from its system as CSV; one hand-written mapping
reads both.

    .venv/bin/python benchmarks/labinv_export.py OUT_DIR [--split dev14|fresh12] [--rows 300] [--seed 11]

`LabInventory.xls` (BIFF8, written with xlwt; `labinv_workbook.py`) has three sheets, each below banner rows (a
title, "select ALL columns before sorting!!", the date it was last updated): "Inventory" (22 columns: tag, item,
maker, model, serial, site, building, lab or room, the PI, the day-to-day contact and how to reach them, the service
provider and their contact, supplier, grant or cost centre, purchase date as a date cell or typed as "2009?" or
"pre 2012", cost as a number or "£1,250 + VAT", status, service dates, calibration certificate, notes with line
breaks; a few old tags typed as numbers), "Service log" (visits in date order, some pasted twice, reasons, what was
done, pasted e-mails with their headers and signatures, certificate numbers, costs) and "Loans" (kit lent to other
groups and home monitors lent to research studies' participants, with the participant's hospital and NHS numbers,
date of birth, home, phones and relatives). `inventario.csv` is the Spanish partner's inventory (UTF-8 with a BOM,
commas, CR LF, quoted cells with line breaks; Spanish headers, dates "dd/mm/aaaa", amounts "12.450,00 €"):
remarks ("llamar a Luis al 612 345 678", "revisado por Dra. García", "avisar a enfermería") and a dated log of
incidents naming patients (historia clínica numbers, DNI and NIE numbers, dates of birth, homes, mobiles, relatives)
and the makers' engineers, sometimes ending with a pasted signature; the last editor's login.

Personal: PIs by title ("Dr Aoife Brennan", "Prof. K. Mehta", "Brennan lab"), PhD students ("J. Smith (PhD)"),
postdocs, technicians, sole-trader service engineers and their businesses ("Pollard Calibration Services"), makers'
engineers, visiting scientists signing in Devanagari, study participants and their relatives, the Spanish
partner's technicians, doctors, engineers and patients (UK, Irish, Indian, Chinese, Italian, Nigerian, Polish,
Ghanaian, Spanish, Moroccan, Romanian, Colombian and Ukrainian pools and Faker's en_GB, en_IE, de_DE, pt_BR, es_ES
and hi_IN), with their e-mails, UK, Spanish and Indian phones, ORCID iDs (`orcid`), staff and student numbers
(`staff_id`, `student_id`), logins, NHS numbers, hospital and historia clínica numbers, DNI and NIE numbers
(`national_id`), dates of birth, addresses and postcodes. Kept: sites, buildings, labs and rooms named after people
(Crick Lab, Rosalind Franklin Suite, Sala Ramón y Cajal, Laboratorio Severo Ochoa, Pabellón Marañón), makers and
models (Eppendorf, Thermo Fisher, Bio-Rad, Leica, Zeiss Axio, Sartorius, Gilson Pipetman, Mettler Toledo), device
types, suppliers, grant codes (MR/T012345/1, PI19/01234), cost centres, asset tags, serials, part numbers, error
codes, calibration certificates, UKAS and ENAC numbers, service tickets, dates, job titles (Lab Manager, Técnico de
laboratorio), eponyms (Petri dish, Bunsen burner, Erlenmeyer flask, pipeta Pasteur), extensions, role mailboxes
(lab.manager@..., servicio.tecnico@...), makers' service lines, towns and studies.

"dev14" may be read while tuning; "fresh12" is held out (aggregates only) and shares no given name, surname, site,
building, lab or room, template phrase, role or relation word with dev14. Writes OUT_DIR/data/LabInventory.xls,
OUT_DIR/data/inventario.csv, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s truth format
(`file` is "LabInventory.xls:SHEET" or "inventario.csv", `row` the sheet row or the CSV record counting the header
as 1).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import generator_main
from export_common import joined
from labinv_rows import Builder
from labinv_workbook import (
    CSV_FILE,
    INVENTARIO,
    INVENTORY,
    LOANS,
    MAPPING,
    NULLS,
    SERVICE,
    WORKBOOK,
    read_tables,
    write_csv,
    write_workbook,
)

SPLITS = ("dev14", "fresh12")


def sizes(rows: int) -> dict[str, int]:
    """Rows of each table for `rows` assets (jobs: 3x): a quarter of the assets at the Spanish partner, a ninth of
    the jobs as loans."""
    spanish, loans = max(rows // 4, 1), max(rows // 3, 1)
    return {INVENTORY: rows - spanish, INVENTARIO: spanish, LOANS: loans, SERVICE: 3 * rows - loans}


def generate(out: Path, split: str = "dev14", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Builder(split, rows, seed)
    n = sizes(rows)
    b.inventory(n[INVENTORY])
    b.service_log(n[SERVICE])
    b.loans(n[LOANS])
    b.inventario(n[INVENTARIO])
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    banners = write_workbook(data / WORKBOOK, split, b.tables)
    write_csv(data / CSV_FILE, b.tables[INVENTARIO])
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    counts = {f"{WORKBOOK}:{s}": len(b.tables[s]) for s in (INVENTORY, SERVICE, LOANS)}
    counts[CSV_FILE] = len(b.tables[INVENTARIO])
    truth = {"split": split, "seed": seed, "rows": counts, "banner_rows": banners, "duplicate_rows": b.duplicates,
             "entries": b.w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`): the files read by intake's connectors
    (the baseline sees what intake sees), laid out as the mapping lays them out."""
    tables = read_tables(export)
    nulls = {v.lower() for v in NULLS}
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models", "suppliers")}

    def v(r: dict[str, str], column: str) -> str:
        value = r.get(column, "").strip()
        return "" if value.lower() in nulls else value

    def both(r: dict[str, str], sep: str, *columns: str) -> str:
        return anon(joined(sep, *(v(r, c) for c in columns)))

    for r in tables[INVENTORY]:
        pkg["assets"].append({"asset_number": v(r, "Asset tag").upper(), "serial_number": anon(v(r, "Serial no.")),
                              "owner": both(r, " / ", "PI", "Day-to-day contact"),
                              "responsible_engineer": anon(v(r, "Service provider")),
                              "contact_phone": both(r, " / ", "Contact tel / email", "Provider contact"),
                              "notes": both(r, " | ", "Notes", "Grant / cost centre", "Cal cert no.")})
        pkg["sites"].append({"name": anon(v(r, "Site"))})
        pkg["locations"].append({"building": anon(v(r, "Building")), "room": anon(v(r, "Lab / room")),
                                 "name": both(r, ", ", "Building", "Lab / room")})
        pkg["manufacturers"].append({"name": anon(v(r, "Manufacturer"))})
        pkg["device_models"].append({"name": anon(v(r, "Model")), "device_type": anon(v(r, "Item"))})
        pkg["suppliers"].append({"name": anon(v(r, "Supplier"))})
    for r in tables[INVENTARIO]:
        pkg["assets"].append({"asset_number": v(r, "Nº Inventario").upper(), "serial_number": anon(v(r, "Nº de serie")),
                              "owner": anon(v(r, "Responsable")), "contact_phone": anon(v(r, "Contacto")),
                              "responsible_engineer": anon(v(r, "Servicio técnico")),
                              "notes": both(r, " | ", "Observaciones", "Incidencias"),
                              "last_modified_by": anon(v(r, "Usuario modificación"))})
        pkg["sites"].append({"name": anon(v(r, "Centro"))})
        pkg["locations"].append({"building": anon(v(r, "Edificio")), "department": anon(v(r, "Servicio")),
                                 "room": anon(v(r, "Ubicación")), "name": both(r, " - ", "Servicio", "Ubicación")})
        pkg["manufacturers"].append({"name": anon(v(r, "Marca"))})
        pkg["device_models"].append({"name": anon(v(r, "Modelo")), "device_type": anon(v(r, "Descripción"))})
        pkg["suppliers"].append({"name": anon(v(r, "Proveedor"))})
    for r in tables[SERVICE]:
        pkg["jobs"].append({"job_number": v(r, "Log no."), "fault_description": anon(v(r, "Problem / reason")),
                            "outcome": both(r, " | cert ", "Work done / notes", "Cert no."),
                            "engineer": anon(v(r, "Engineer / company")), "requested_by": anon(v(r, "Reported by")),
                            "requester_phone": anon(v(r, "Contact"))})
    for r in tables[LOANS]:
        pkg["jobs"].append({"job_number": v(r, "Loan no."), "fault_description": both(r, " - ", "Item",
                                                                                      "Purpose / participant"),
                            "outcome": anon(v(r, "Notes")), "engineer": anon(v(r, "Checked in by")),
                            "requested_by": both(r, " ", "Borrower", "Staff / student no."),
                            "requester_phone": anon(v(r, "Borrower contact"))})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev14", argv)


if __name__ == "__main__":
    sys.exit(main())
