"""Seeded generator of a realistic NHS clinical-engineering export in a layout unlike intake's samples.

    .venv/bin/python benchmarks/clinical_export.py OUT_DIR [--split tuning|heldout] [--rows 300] [--seed 11]

Writes OUT_DIR/data/equipment.csv (assets) and OUT_DIR/data/workorders.csv (jobs, 3 per asset), the
hand-written mapping OUT_DIR/mapping.yaml and OUT_DIR/truth.json: every planted personal value (value, kind,
file, row, column, product record) and every reference value that must be kept (kind, record).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_text import FAULTS, WORK, Piece, case, free_text, name_form, phone
from clinical_vocab import Vocab, load_vocab

ASSET_COLUMNS = ["Equip No", "Description", "Make", "Model", "Serial", "Site", "Dept", "Ward/Area",
                 "Responsible Officer", "Supplier", "Install Date", "Status", "Comments"]
JOB_COLUMNS = ["WO Number", "Equip No", "Date Logged", "Logged By", "Contact Tel", "Engineer", "Job Type",
               "Fault Reported", "Work Done", "Date Closed", "Job Status"]
NOTES = ["", "", "ok", "on loan", "spare", "awaiting parts", "see job history", "new battery fitted",
         "asset label replaced", "moved between wards"]

MAPPING = """\
# Hand-written mapping for benchmarks/clinical_export.py's export (equipment.csv + workorders.csv).
format: intake-mapping/1
system: clinical-export-bench
title: Generic EBME export (equipment.csv + workorders.csv)
null_values: ["", "N/A", "n/a", "-", "TBC"]
lookups:
  asset_status: {"In Use": in_service, "Stored": in_store, "Repair": under_repair, "Condemned": condemned}
  job_type: {"Planned": ppm, "Breakdown": repair, "Inspection": inspection, "Calibration": calibration}
tables:
  - table: equipment
    source_key: Equip No
    outputs:
      - entity: sites
        derive: {key: [Site], match: exact}
        fields: {name: Site}
      - entity: locations
        derive: {key: [{ref: sites}, {from: [Dept, Ward/Area], join: " / "}], match: exact}
        fields:
          site_id: {ref: sites}
          department: Dept
          ward: Ward/Area
          name: {from: [Dept, Ward/Area], join: " / "}
      - entity: manufacturers
        derive: {key: [Make], match: exact}
        fields: {name: Make}
      - entity: device_models
        derive: {key: [{ref: manufacturers}, Model], match: exact}
        fields:
          manufacturer_id: {ref: manufacturers}
          name: Model
          device_type: Description
      - entity: suppliers
        derive: {key: [Supplier], match: exact}
        fields: {name: Supplier}
      - entity: assets
        id: {from: Equip No, convert: [upper]}
        fields:
          asset_number: {from: Equip No, convert: [upper]}
          serial_number: Serial
          model_id: {ref: device_models}
          location_id: {ref: locations}
          supplier_id: {ref: suppliers}
          owner: Responsible Officer
          status: {from: Status, lookup: asset_status, default: unknown}
          acquisition_date: {from: Install Date, convert: [{date: [uk, iso]}]}
          notes: Comments
  - table: workorders
    source_key: WO Number
    outputs:
      - entity: contacts
        namespace: engineers
        derive: {key: [Engineer], match: exact}
        fields: {name: Engineer, role: {value: engineer}}
      - entity: jobs
        id: {from: WO Number, convert: [upper]}
        fields:
          job_number: {from: WO Number, convert: [upper]}
          asset_id: {id: assets, from: Equip No, convert: [upper]}
          job_type: {from: Job Type, lookup: job_type}
          status: {from: Date Closed, convert: [{if_present: {then: completed, otherwise: open}}]}
          raised_at: {from: Date Logged, convert: [{datetime: [uk, iso]}]}
          completed_at: {from: Date Closed, convert: [{datetime: [uk, iso]}]}
          fault_description: Fault Reported
          outcome: Work Done
          engineer: Engineer
          engineer_contact_id: {ref: contacts}
          requested_by: Logged By
          requester_phone: Contact Tel
"""


class Writer:
    """Renders pieces into cell text and records the marks as truth entries."""

    def __init__(self) -> None:
        self.truth: list[dict[str, Any]] = []

    def cell(self, pieces: list[Piece], file: str, row: int, column: str, record: tuple[str, str]) -> str:
        out: list[str] = []
        shown: list[str] = []  # the text with marked values masked: a context safe to show
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
                shown.append(piece)
                continue
            text, kind, personal = piece
            before = "".join(shown)[-18:]
            out.append(text)
            shown.append(f"<{kind}>")
            self.truth.append({"value": text, "kind": kind, "personal": personal, "file": file, "row": row,
                               "column": column, "entity": record[0], "key": record[1],
                               "before": before})
        return "".join(out)


def _staff(rng: random.Random, vocab: Vocab, n: int) -> list[tuple[str, str]]:
    idx = rng.sample(range(len(vocab.surnames)), n)
    return [(vocab.given[i], vocab.surnames[i]) for i in idx]


def _date(rng: random.Random, year0: int = 2015, year1: int = 2025) -> tuple[int, int, int]:
    return rng.randrange(year0, year1), rng.randrange(1, 13), rng.randrange(1, 29)


def generate(out: Path, split: str = "heldout", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    rng = random.Random(f"{split}-{seed}")
    vocab = load_vocab(split, seed)
    staff = _staff(rng, vocab, 40)
    engineers = _staff(rng, vocab, 8)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    w = Writer()
    prefix = "HE" if split == "heldout" else "TU"
    assets: list[dict[str, str]] = []
    for i in range(rows):
        number = f"{prefix}{10000 + i}"
        rec = ("assets", number)
        maker, models, dtype = rng.choice(vocab.makers)
        site, _town = rng.choice(vocab.sites)
        row = i + 2  # 1-based file line, header is line 1
        y, m, d = _date(rng)
        g, s = rng.choice(staff)
        comments = free_text(rng, vocab, staff, NOTES) if rng.random() < 0.7 else [rng.choice(NOTES)]
        dept, ward = rng.choice(vocab.depts), rng.choice(vocab.wards)
        assets.append({
            "Equip No": number, "Description": dtype,
            "Make": w.cell([(maker, "maker", False)], "equipment.csv", row, "Make", ("manufacturers", maker)),
            "Model": w.cell([(mdl := rng.choice(models), "model", False)], "equipment.csv", row, "Model",
                            ("device_models", mdl)),
            "Serial": f"{rng.choice('ABCDEFGHJK')}{rng.randrange(10**6, 10**7)}",
            "Site": w.cell([(site, "site", False)], "equipment.csv", row, "Site", ("sites", site)),
            "Dept": dept,
            "Ward/Area": w.cell([(ward, "ward", False)], "equipment.csv", row, "Ward/Area", ("locations", ward)),
            "Responsible Officer": w.cell(name_form(g, s, rng), "equipment.csv", row, "Responsible Officer", rec),
            "Supplier": rng.choice(vocab.suppliers), "Install Date": f"{d:02d}/{m:02d}/{y}",
            "Status": rng.choice(["In Use", "In Use", "In Use", "Stored", "Repair", "Condemned"]),
            "Comments": w.cell(comments, "equipment.csv", row, "Comments", rec),
        })
    jobs: list[dict[str, str]] = []
    for j in range(rows * 3):
        number = f"WO{prefix}{500000 + j}"
        rec = ("jobs", number)
        row = j + 2
        asset = rng.choice(assets)["Equip No"]
        y, m, d = _date(rng, 2019, 2025)
        closed = rng.random() < 0.8
        g, s = rng.choice(staff)
        eg, es = rng.choice(engineers)
        tel: list[Piece] = [(phone(rng), "phone", True)] if rng.random() < 0.5 else \
            [rng.choice(["ext ", "x", "bleep ", "Ext "]) + f"{rng.randrange(2000, 8000)}"]
        jobs.append({
            "WO Number": number, "Equip No": asset if rng.random() < 0.9 else asset.lower(),
            "Date Logged": f"{d:02d}/{m:02d}/{y} {rng.randrange(7, 18):02d}:{rng.randrange(60):02d}",
            "Logged By": w.cell(name_form(g, s, rng), "workorders.csv", row, "Logged By", rec),
            "Contact Tel": w.cell(tel, "workorders.csv", row, "Contact Tel", rec),
            "Engineer": w.cell([(case(f"{eg} {es}", rng) if rng.random() < 0.3 else f"{eg} {es}", "name", True)],
                               "workorders.csv", row, "Engineer", rec),
            "Job Type": rng.choice(["Planned", "Breakdown", "Breakdown", "Inspection", "Calibration"]),
            "Fault Reported": w.cell(free_text(rng, vocab, staff, FAULTS), "workorders.csv", row, "Fault Reported",
                                     rec),
            "Work Done": w.cell(free_text(rng, vocab, staff + engineers, WORK) if closed else [""],
                                "workorders.csv", row, "Work Done", rec),
            "Date Closed": f"{min(d + 1, 28):02d}/{m:02d}/{y} 16:30" if closed else "",
            "Job Status": "Closed" if closed else "Open",
        })
    for name, columns, table in (("equipment.csv", ASSET_COLUMNS, assets), ("workorders.csv", JOB_COLUMNS, jobs)):
        with (data / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows(table)
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"equipment.csv": len(assets), "workorders.csv": len(jobs)},
             "entries": w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`), laid out as the package's entities."""
    raw = {}
    for name in ("equipment", "workorders"):
        with (export / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            raw[name] = list(csv.DictReader(fh))
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models", "suppliers", "contacts")}
    for r in raw["equipment"]:
        pkg["assets"].append({"asset_number": r["Equip No"].upper(), "serial_number": anon(r["Serial"]),
                              "owner": anon(r["Responsible Officer"]), "notes": anon(r["Comments"])})
        pkg["sites"].append({"name": anon(r["Site"])})
        pkg["locations"].append({"department": anon(r["Dept"]), "ward": anon(r["Ward/Area"])})
        pkg["manufacturers"].append({"name": anon(r["Make"])})
        pkg["device_models"].append({"name": anon(r["Model"]), "device_type": anon(r["Description"])})
        pkg["suppliers"].append({"name": anon(r["Supplier"])})
    for r in raw["workorders"]:
        pkg["jobs"].append({"job_number": r["WO Number"].upper(), "fault_description": anon(r["Fault Reported"]),
                            "outcome": anon(r["Work Done"]), "engineer": anon(r["Engineer"]),
                            "requested_by": anon(r["Logged By"]), "requester_phone": anon(r["Contact Tel"])})
        pkg["contacts"].append({"name": anon(r["Engineer"])})
    return pkg


def generator_main(generator: Any, doc: str | None, splits: tuple[str, ...], default: str,
                   argv: list[str] | None = None) -> int:
    """The command line of an export generator (this one and variety_export.py): write an export, print counts."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=list(splits), default=default)
    parser.add_argument("--rows", type=int, default=300, help="equipment rows (jobs: 3x)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    truth = generator(args.out, args.split, args.rows, args.seed)
    print(json.dumps({"rows": truth["rows"], "truth_entries": len(truth["entries"])}))
    return 0


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, ("tuning", "heldout"), "heldout", argv)


if __name__ == "__main__":
    sys.exit(main())
