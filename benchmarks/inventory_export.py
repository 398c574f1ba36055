"""A fifth, independent export generator for `leakage.py`: an Excel workbook from a CMMS/inventory system.

    .venv/bin/python benchmarks/inventory_export.py OUT_DIR [--split dev6|fresh4] [--rows 300] [--seed 11]

`inventory.xlsx` has three sheets, each with banner rows above a header on row 9: "Equipment Register" (45
columns: location hierarchy, people, costs as currency strings, typed and text dates mixed in one column, free
text in date columns, placeholders "NA"/"None"/"unknown"/"-", free-typed maker names), "Work Orders" (faults,
Datix/MHRA incident notes, pasted vendor field service reports, some rows duplicated by a careless join) and
"Loans & Decon" (home loans naming patients with their details, decontamination notes). Personal data where
real exports hide it: responsible person, engineers ("A / B"), requester, "last modified by" logins, a phone or
address typed into the e-mail column, free text; names from Faker locales and hand-made pools (Polish,
Nigerian, Filipino, Indian, Greek and Chinese romanised, Cyrillic...), NHS numbers, hospital numbers shaped
"RHX0076123" or "40-118-273", dates of birth, home addresses, phones, personal e-mails, vehicle registrations
and staff badge/payroll numbers. Look-alikes that must be kept: wards named after people, eponymous devices and
tests, makers and suppliers named after people, towns, job titles, teams, error codes, firmware versions, part
numbers, asset tags, rooms, bleeps, extensions, PAT test ids, shared mailboxes, standards, dates.

"dev6" may be read by people improving the detectors; "fresh4" is held out (aggregates only): other locales and
pools, other phrasing families and streets. Writes OUT_DIR/data/inventory.xlsx, OUT_DIR/mapping.yaml and
OUT_DIR/truth.json in `clinical_export.py`'s truth format (`file` is "inventory.xlsx:SHEET", `row` the sheet row).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inventory_text as tx
from clinical_export import Writer, generator_main
from export_common import digits
from inventory_scene import Scene, _cost, _date_cell, _when, landline, mobile, people
from inventory_workbook import (
    HEADER_ROW,
    JOB_TYPE,
    LOANS,
    MAPPING,
    NULLS,
    ORDERS,
    REGISTER,
    STATUS,
    WORKBOOK,
    read_sheets,
    write_workbook,
)
from inventory_workbook import REGISTER_COLUMNS as REGISTER_COLUMNS  # re-exported: the tests read it here

Piece = str | tuple[str, str, bool]
SPLITS = ("dev6", "fresh4")


def split_people(split: str, seed: int, rows: int) -> list[tuple[str, str]]:
    """The split's people; the held-out split shares no given name or surname with dev6's."""
    n = 75 + rows // 2
    if split == "dev6":
        return double_barrelled(people(split, seed, n), seed)
    taken = {w.lower() for p in people("dev6", seed, n) for w in " ".join(p).split()}
    return people(split, seed, n, taken)


def double_barrelled(found: list[tuple[str, str]], seed: int) -> list[tuple[str, str]]:
    """One dev6 person in 15 gets a double-barrelled surname made of two of the split's surnames ("Nowak-Eze").
    Added after fresh4's one measurement: drawn apart, so that fresh4's people, and its export, stayed the same."""
    rng = random.Random(f"inventory-hyphen-{seed}")
    surnames = [s for _, s in found if s.isalpha()]
    return [(g, f"{s}-{rng.choice(surnames)}") if rng.random() < 1 / 15 and s.isalpha() else (g, s) for g, s in found]


def _two(scene: Scene, pool: list[tuple[str, str]]) -> list[Piece]:
    first = scene.name(*scene.rng.choice(pool))
    if scene.rng.random() < 0.25:
        return [*first, scene.rng.choice([" / ", "/", " & "]), *scene.name(*scene.rng.choice(pool))]
    return first


def generate(out: Path, split: str = "dev6", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    rng = random.Random(f"inventory-{split}-{seed}")
    everyone = split_people(split, seed, rows)
    staff, engineers, patients = everyone[:60], everyone[60:72], everyone[72:]
    scene = Scene(rng, split, staff, patients)
    w = Writer()
    prefix = "MEQ" if split == "dev6" else "MEF"
    sheets: dict[str, list[dict[str, Any]]] = {REGISTER: [], ORDERS: [], LOANS: []}

    def cell(sheet: str, row: int, column: str, rec: tuple[str, str], pieces: list[Piece]) -> str:
        return w.cell(pieces, f"{WORKBOOK}:{sheet}", row, column, rec)

    def ref(sheet: str, row: int, column: str, kind: str, value: str, entity: str) -> str:
        return cell(sheet, row, column, (entity, value), [(value, kind, False)])

    numbers = []
    for i in range(rows):
        no = f"{prefix}-{10000 + i * 7}"
        numbers.append(no)
        row, rec = HEADER_ROW + 1 + i, ("assets", no)
        maker, models, dtype = rng.choice(tx.MAKERS)
        model = rng.choice(models)
        bought = _when(rng, 2008, 2024)
        email = rng.random()
        # what was typed into the e-mail column: mostly an address, sometimes a phone, a home address, a mailbox
        typed: list[list[Piece]] = [[(mobile(rng), "phone", True)], scene.address(), [rng.choice(tx.MAILBOXES)],
                                    [rng.choice(["NA", ""])]]
        email_cell = scene.email() if email < 0.55 else typed[0] if email < 0.67 else typed[1] if email < 0.75 \
            else typed[2] if email < 0.85 else typed[3]
        modified = [scene.login()[0]] if rng.random() < 0.8 else scene.name(*rng.choice(staff))
        sheets[REGISTER].append({
            "Asset No": no, "Barcode": f"*{no}*", "Old Asset No": rng.choice(["NA", "", f"OLD{digits(rng, 5)}"]),
            "Description": ref(REGISTER, row, "Description", "device_type", dtype, "device_models"),
            "Category": rng.choice(["Patient Monitoring", "Infusion", "Life Support", "Diagnostic", "Therapy"]),
            "UMDNS Code": f"{rng.randrange(10, 19)}-{digits(rng, 3)}",
            "Manufacturer": ref(REGISTER, row, "Manufacturer", "maker", maker, "manufacturers"),
            "Model": ref(REGISTER, row, "Model", "model", model, "device_models"),
            "Serial No": rng.choice([f"SN{digits(rng, 8)}", f"{digits(rng, 4)}-{digits(rng, 5)}",
                                     f"US{digits(rng, 7)}A"]),
            "Site": ref(REGISTER, row, "Site", "site", rng.choice(tx.SITES), "sites"),
            "Building": rng.choice(tx.BUILDINGS), "Floor": rng.choice(["Ground", "1st", "L2", "Basement", "NA"]),
            "Department": rng.choice(tx.DEPTS),
            "Ward/Unit": ref(REGISTER, row, "Ward/Unit", "ward", rng.choice(tx.WARDS), "locations"),
            "Room": rng.choice(["", f"Rm {rng.randrange(1, 4)}.{digits(rng, 2)}", f"Bay {rng.randrange(1, 9)}"]),
            "Responsible Person": cell(REGISTER, row, "Responsible Person", rec,
                                       _two(scene, staff) if rng.random() < 0.9 else ["NA"]),
            "Resp. Engineer": cell(REGISTER, row, "Resp. Engineer", rec, _two(scene, engineers)
                                   if rng.random() < 0.8 else [rng.choice(tx.TEAMS)]),
            "Contact Tel": cell(REGISTER, row, "Contact Tel", rec, [(landline(rng), "phone", True)]
                                if rng.random() < 0.5 else [f"ext {rng.randrange(4000, 6999)}"]),
            "Contact Email": cell(REGISTER, row, "Contact Email", rec, email_cell),
            "Supplier": ref(REGISTER, row, "Supplier", "supplier", rng.choice(tx.SUPPLIERS), "suppliers"),
            "Service Agent": rng.choice([maker, "In house", "NA", rng.choice(tx.SUPPLIERS)]),
            "Purchase Order": rng.choice([f"PO{digits(rng, 7)}", "NA"]), "Purchase Cost": _cost(rng),
            "Purchase Date": _date_cell(rng, bought, free=0.1),
            "Install Date": _date_cell(rng, bought + dt.timedelta(days=rng.randrange(3, 60)), free=0.25),
            "Warranty Expiry": _date_cell(rng, bought.replace(year=bought.year + rng.choice([1, 2, 3, 5])), free=0.15),
            "Contract Type": rng.choice(["Comprehensive", "PPM only", "None", "Time & materials"]),
            "Status": rng.choice([*STATUS, "In Use", "IN USE", "Unknown"]),
            "Risk Class": rng.choice(["High", "Med", "Medium", "Low", "-"]),
            "PPM Interval (months)": rng.choice([6, 12, "12 months", "NA", 24]),
            "Last PPM": _date_cell(rng, _when(rng, 2023, 2026), free=0.1),
            "Next PPM Due": _date_cell(rng, _when(rng, 2026, 2028), free=0.1),
            "PAT Test ID": f"PAT-{rng.randrange(19, 25)}-{digits(rng, 5)}",
            "Last PAT Date": _date_cell(rng, _when(rng, 2022, 2026)),
            "Firmware": rng.choice(["", f"v{rng.randrange(1, 9)}.{rng.randrange(20)}", "unknown"]),
            "Condition Score": rng.randrange(1, 6), "Replacement Year": rng.randrange(2026, 2035),
            "Funding Source": rng.choice(["Capital", "Charitable funds", "Revenue", "Donated"]),
            "Comments": cell(REGISTER, row, "Comments", rec, scene.fill(rng.choice(tx.NOTES[split]))
                             if rng.random() < 0.7 else [""]),
            "Inspection Notes": cell(REGISTER, row, "Inspection Notes", rec, scene.fill(rng.choice(tx.NOTES[split]))
                                     if rng.random() < 0.4 else [""]),
            "Created By": rng.choice(["MIGRATION", "admin", "import01"]), "Created On": _when(rng, 2010, 2020),
            "Last Modified By": cell(REGISTER, row, "Last Modified By", rec, modified),
            "Last Modified On": _when(rng, 2021, 2026),
            "Disposal Ref": "" if rng.random() < 0.95 else f"DSP{digits(rng, 4)}",
        })
    row = HEADER_ROW
    for j in range(rows * 3):
        row += 1
        no = f"WO{'6' if split == 'dev6' else '4'}{200000 + j * 3}"
        rec = ("jobs", no)
        logged = _when(rng, 2020, 2025)
        done = rng.random() < 0.8
        asset = rng.choice(numbers)
        incident = rng.random() < 0.15
        order = {
            "WO No": no, "Asset No": asset if rng.random() < 0.9 else asset.lower(),
            "Job Type": rng.choice([*JOB_TYPE, "Breakdown", "Breakdown", "PPM"]),
            "Priority": rng.choice(["P1", "P2", "P3", "Routine"]),
            "Logged": logged if rng.random() < 0.6 else
            rng.choice([f"{logged:%d/%m/%Y %H:%M}", f"{logged:%Y-%m-%d %H:%M}"]),
            "Requested By": cell(ORDERS, row, "Requested By", rec, scene.name(*rng.choice(staff))
                                 if rng.random() < 0.85 else [rng.choice(["Ward Clerk", "NA", "switchboard"])]),
            "Requester Contact": cell(ORDERS, row, "Requester Contact", rec, scene.slot("phone")
                                      if rng.random() < 0.55 else
                                      [rng.choice(["ext ", "x", "bleep "]) + str(rng.randrange(1000, 6999))]),
            "Fault Description": cell(ORDERS, row, "Fault Description", rec, scene.fill(rng.choice(tx.FAULT[split]))),
            "Incident Ref": cell(ORDERS, row, "Incident Ref", rec,
                                 ["Datix ", *scene.slot("datix")] if incident else [""]),
            "Incident Notes": cell(ORDERS, row, "Incident Notes", rec, scene.fill(rng.choice(tx.FAULT[split]))
                                   if incident else [""]),
            "Assigned Engineer": cell(ORDERS, row, "Assigned Engineer", rec, _two(scene, engineers)),
            "Vendor FSR": cell(ORDERS, row, "Vendor FSR", rec, scene.fill(rng.choice(tx.FSR[split]))
                               if rng.random() < 0.2 else [""]),
            "Work Carried Out": cell(ORDERS, row, "Work Carried Out", rec, scene.fill(rng.choice(tx.WORK[split]))
                                     if done else [""]),
            "Parts Used": rng.choice(["", "battery", f"PN {digits(rng, 6)}", "fuse x2"]),
            "Labour": rng.choice(["1.5h", "90 min", "2", "0.25", "", "30 mins"]),
            "Parts Cost": rng.choice(["£12.50", "0", "", "£1,045.00", "GBP 88"]),
            "Completed": logged + dt.timedelta(hours=rng.randrange(2, 300)) if done else "",
            "Signed Off By": scene.slot("initials")[0][0] if done else "",  # type: ignore[index]
            "Status": "Closed" if done else "Open",
        }
        sheets[ORDERS].append(order)
        if rng.random() < 0.03:  # a careless join repeats the row
            row += 1
            sheets[ORDERS].append(dict(order))
    for k in range(max(rows // 3, 1)):
        row = HEADER_ROW + 1 + k
        ref_no = f"LN/{rng.randrange(20, 25)}/{k:04d}{'D' if split == 'dev6' else 'F'}"
        rec = ("jobs", ref_no)
        lent = _when(rng, 2021, 2025)
        back = rng.random() < 0.7
        home = rng.random() < 0.7
        scene.patient = rng.choice(patients)
        sheets[LOANS].append({
            "Loan Ref": ref_no, "Asset No": rng.choice(numbers),
            "Loan Type": tx.ISSUE_REASON[split] if home else "Ward loan", "Loan Date": lent,
            "Due Back": _date_cell(rng, lent + dt.timedelta(days=28)),
            "Returned": lent + dt.timedelta(days=rng.randrange(3, 60)) if back else "",
            "Patient / Borrower": cell(LOANS, row, "Patient / Borrower", rec, scene.name(*scene.patient, patient=True)
                                       if home else scene.slot("ward")),
            "Patient Details": cell(LOANS, row, "Patient Details", rec, scene.fill(rng.choice(tx.LOAN[split]))
                                    if home else ["NA"]),
            "Issued By": cell(LOANS, row, "Issued By", rec, scene.name(*rng.choice(staff))),
            "Issuing Ward": rng.choice(tx.WARDS),
            "Decon Status": rng.choice(["Clean", "Awaiting decon", "NA", "Quarantined"]),
            "Decon By": cell(LOANS, row, "Decon By", rec, scene.name(*rng.choice(staff)) if back else [""]),
            "Decon Notes": cell(LOANS, row, "Decon Notes", rec,
                                scene.fill(rng.choice(tx.DECON[split])) if back else [""]),
            "Return Condition": rng.choice(["Good", "Damaged", "", "Missing charger"]) if back else "",
        })
    scene.patient = None
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    exporter = scene.login()[0][0]  # type: ignore[index]
    banners = write_workbook(data / WORKBOOK, sheets, exporter)
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {f"{WORKBOOK}:{s}": len(v) for s, v in sheets.items()},
             "banner_rows": banners, "duplicate_rows": len(sheets[ORDERS]) - rows * 3, "entries": w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`), laid out as the package's entities."""
    sheets = read_sheets(export)
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models", "suppliers", "contacts")}

    def joined(r: dict[str, str], cols: list[str], sep: str) -> str:
        return anon(sep.join(v for c in cols if (v := r[c]) and v not in NULLS))

    for r in sheets[REGISTER]:
        pkg["assets"].append({"asset_number": r["Asset No"].upper(), "owner": anon(r["Responsible Person"]),
                              "responsible_engineer": anon(r["Resp. Engineer"]),
                              "contact_phone": joined(r, ["Contact Tel", "Contact Email"], " / "),
                              "notes": joined(r, ["Comments", "Inspection Notes"], " | "),
                              "last_modified_by": anon(r["Last Modified By"])})
        pkg["sites"].append({"name": anon(r["Site"])})
        pkg["locations"].append({"department": anon(r["Department"]), "ward": anon(r["Ward/Unit"])})
        pkg["manufacturers"].append({"name": anon(r["Manufacturer"])})
        pkg["device_models"].append({"name": anon(r["Model"]), "device_type": anon(r["Description"])})
        pkg["suppliers"].append({"name": anon(r["Supplier"])})
    for r in sheets[ORDERS]:
        pkg["jobs"].append({"job_number": r["WO No"],
                            "fault_description": joined(r, ["Fault Description", "Incident Ref", "Incident Notes"],
                                                        " -- "),
                            "outcome": joined(r, ["Work Carried Out", "Vendor FSR"], " | FSR: "),
                            "engineer": anon(r["Assigned Engineer"]), "requested_by": anon(r["Requested By"]),
                            "requester_phone": anon(r["Requester Contact"])})
    for r in sheets[LOANS]:
        pkg["jobs"].append({"job_number": r["Loan Ref"],
                            "fault_description": joined(r, ["Loan Type", "Patient / Borrower", "Patient Details"],
                                                        " - "),
                            "outcome": joined(r, ["Decon Status", "Decon Notes", "Return Condition"], "; "),
                            "requested_by": anon(r["Issued By"]), "engineer": anon(r["Decon By"])})
    return pkg



def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev6", argv)


if __name__ == "__main__":
    sys.exit(main())
