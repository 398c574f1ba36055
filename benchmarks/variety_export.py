"""A second, independent export generator for `leakage.py`: another system, another writer, other names.

    .venv/bin/python benchmarks/variety_export.py OUT_DIR [--split dev|heldout|fresh] [--rows 300] [--seed 11]

`clinical_export.py` varies vocabulary between its splits but shares its phrasing; a real export is written by
people the project never met. This one differs in everything it can: an Excel register with a banner above the
header (sheet "Devices") and a semicolon-separated job log with a byte-order mark; notes written as sentences,
not fragments; people in the person columns as "SURNAME Given", "Surname, G. (Dr)", user ids, two names in one
cell or an e-mail typed into the name column; names from Faker locales that neither the project nor
`clinical_export.py` draws from. Look-alikes that must be kept: wards and units named after people, hospitals
named after towns and people, makers, models, part numbers, job titles, dates in several formats, extensions.

The phrasings come in two disjoint families: "dev" may be looked at while improving the detectors, "heldout"
only as aggregate figures. Writes OUT_DIR/data/{register.xlsx, joblog.csv}, OUT_DIR/mapping.yaml and
OUT_DIR/truth.json in `clinical_export.py`'s truth format.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import Writer, generator_main
from clinical_text import Piece
from variety_scene import note, people, person_cell, phone
from variety_text import FAMILIES as FAMILIES  # re-exported: the tests read it here
from variety_text import MAKERS, PROBLEMS, RESOLUTIONS, SITES, WARDS

BANNER = [["Medical Equipment Register - full extract"], ["Run by EBME admin, all sites, status <> Disposed"]]
DEVICE_COLUMNS = ["Asset Tag", "Equipment Type", "Manufacturer", "Model No", "Serial No", "Hospital", "Area",
                  "Custodian", "Purchased", "Condition", "Remarks"]
JOB_COLUMNS = ["Job Ref", "Asset Tag", "Opened", "Raised By", "Callback", "Assigned Tech", "Category", "Problem",
               "Resolution", "Closed"]


MAPPING = """\
# Hand-written mapping for benchmarks/variety_export.py's export (register.xlsx sheet Devices + joblog.csv).
format: intake-mapping/1
system: variety-export-bench
title: Excel equipment register + semicolon job log
null_values: ["", "n/k", "-", "none"]
lookups:
  condition: {"Good": in_service, "Fair": in_service, "Poor": under_repair, "Scrap": condemned}
  category: {"PPM": ppm, "Fault": repair, "Acceptance": inspection}
tables:
  - table: Devices
    source_key: Asset Tag
    outputs:
      - entity: sites
        derive: {key: [Hospital], match: exact}
        fields: {name: Hospital}
      - entity: locations
        derive: {key: [{ref: sites}, Area], match: exact}
        fields: {site_id: {ref: sites}, ward: Area, name: Area}
      - entity: manufacturers
        derive: {key: [Manufacturer], match: exact}
        fields: {name: Manufacturer}
      - entity: device_models
        derive: {key: [{ref: manufacturers}, Model No], match: exact}
        fields: {manufacturer_id: {ref: manufacturers}, name: Model No, device_type: Equipment Type}
      - entity: assets
        id: Asset Tag
        fields:
          asset_number: Asset Tag
          serial_number: Serial No
          model_id: {ref: device_models}
          location_id: {ref: locations}
          owner: Custodian
          status: {from: Condition, lookup: condition, default: unknown}
          acquisition_date: {from: Purchased, convert: [{date: [iso]}]}
          notes: Remarks
  - table: joblog
    source_key: Job Ref
    outputs:
      - entity: jobs
        id: Job Ref
        fields:
          job_number: Job Ref
          asset_id: {id: assets, from: Asset Tag}
          job_type: {from: Category, lookup: category}
          status: {from: Closed, convert: [{if_present: {then: completed, otherwise: open}}]}
          raised_at: {from: Opened, convert: [{datetime: [iso]}]}
          completed_at: {from: Closed, convert: [{datetime: [uk]}]}
          fault_description: Problem
          outcome: Resolution
          engineer: Assigned Tech
          requested_by: Raised By
          requester_phone: Callback
"""


def generate(out: Path, split: str = "heldout", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    import datetime as dt

    from openpyxl import Workbook

    rng = random.Random(f"variety-{split}-{seed}")
    staff = people(split, seed, 120)
    techs = staff[:6]
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    w = Writer()
    prefix = {"dev": "VD", "heldout": "VH", "fresh": "VF", "dev2": "VE"}[split]
    book = Workbook()
    sheet = book.active
    sheet.title = "Devices"
    for line in BANNER:
        sheet.append(line)
    sheet.append(DEVICE_COLUMNS)
    tags: list[str] = []
    for i in range(rows):
        tag = f"{prefix}-{70000 + i}"
        tags.append(tag)
        rec = ("assets", tag)
        row = i + len(BANNER) + 2
        maker, models, kind = rng.choice(MAKERS)
        model, site, ward = rng.choice(models), rng.choice(SITES), rng.choice(WARDS)
        g, s = rng.choice(staff)
        two = rng.random() < 0.1
        custodian = person_cell(g, s, rng) + ([" / ", *person_cell(*rng.choice(staff), rng)] if two else [])
        remarks = note(rng, split, staff, ["Checked on delivery", "Spare unit", "Part of loan pool",
                                           "Label faded"]) if rng.random() < 0.6 else [""]
        sheet.append([
            tag, kind,
            w.cell([(maker, "maker", False)], "register.xlsx", row, "Manufacturer", ("manufacturers", maker)),
            w.cell([(model, "model", False)], "register.xlsx", row, "Model No", ("device_models", model)),
            f"SN{rng.randrange(10**7, 10**8)}",
            w.cell([(site, "site", False)], "register.xlsx", row, "Hospital", ("sites", site)),
            w.cell([(ward, "ward", False)], "register.xlsx", row, "Area", ("locations", ward)),
            w.cell(custodian, "register.xlsx", row, "Custodian", rec),
            dt.date(rng.randrange(2010, 2024), rng.randrange(1, 13), rng.randrange(1, 29)),
            rng.choice(["Good", "Good", "Fair", "Poor", "Scrap"]),
            w.cell(remarks, "register.xlsx", row, "Remarks", rec) or None,
        ])
    book.save(data / "register.xlsx")
    jobs: list[list[str]] = []
    for j in range(rows * 3):
        ref = f"J{prefix}{300000 + j}"
        rec = ("jobs", ref)
        row = j + 2
        closed = rng.random() < 0.75
        g, s = rng.choice(staff)
        when = dt.datetime(rng.randrange(2020, 2026), rng.randrange(1, 13), rng.randrange(1, 28), rng.randrange(7, 19),
                           rng.randrange(60))
        callback: list[Piece] = [(phone(rng), "phone", True)] if rng.random() < 0.6 else \
            [f"ext {rng.randrange(20000, 29999)}"]
        jobs.append([
            ref, rng.choice(tags), when.strftime("%Y-%m-%d %H:%M"),
            w.cell(person_cell(g, s, rng), "joblog.csv", row, "Raised By", rec),
            w.cell(callback, "joblog.csv", row, "Callback", rec),
            w.cell(person_cell(*rng.choice(techs), rng), "joblog.csv", row, "Assigned Tech", rec),
            rng.choice(["PPM", "Fault", "Fault", "Acceptance"]),
            w.cell(note(rng, split, staff, PROBLEMS), "joblog.csv", row, "Problem", rec),
            w.cell(note(rng, split, staff + techs, RESOLUTIONS), "joblog.csv", row, "Resolution", rec)
            if closed else "",
            (when + dt.timedelta(days=rng.randrange(0, 9))).strftime("%d.%m.%Y") if closed else "",
        ])
    with (data / "joblog.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(JOB_COLUMNS)
        writer.writerows(jobs)
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"register.xlsx": rows, "joblog.csv": len(jobs)},
             "banner_rows": len(BANNER), "entries": w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`), laid out as the package's entities."""
    from openpyxl import load_workbook

    sheet = load_workbook(export / "data" / "register.xlsx", read_only=True)["Devices"]
    rows = list(sheet.iter_rows(min_row=len(BANNER) + 1, values_only=True))
    devices = [dict(zip(rows[0], ("" if v is None else str(v) for v in r), strict=False)) for r in rows[1:]]
    with (export / "data" / "joblog.csv").open(encoding="utf-8-sig", newline="") as fh:
        joblog = list(csv.DictReader(fh, delimiter=";"))
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models")}
    for r in devices:
        pkg["assets"].append({"asset_number": r["Asset Tag"], "owner": anon(r["Custodian"]),
                              "notes": anon(r["Remarks"])})
        pkg["sites"].append({"name": anon(r["Hospital"])})
        pkg["locations"].append({"ward": anon(r["Area"])})
        pkg["manufacturers"].append({"name": anon(r["Manufacturer"])})
        pkg["device_models"].append({"name": anon(r["Model No"]), "device_type": anon(r["Equipment Type"])})
    for r in joblog:
        pkg["jobs"].append({"job_number": r["Job Ref"], "fault_description": anon(r["Problem"]),
                            "outcome": anon(r["Resolution"]), "engineer": anon(r["Assigned Tech"]),
                            "requested_by": anon(r["Raised By"]), "requester_phone": anon(r["Callback"])})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, ("dev", "heldout", "fresh", "dev2"), "dev", argv)


if __name__ == "__main__":
    sys.exit(main())
