"""A third, independent export generator for `leakage.py`: a workshop system's SQLite database.

    .venv/bin/python benchmarks/workshop_export.py OUT_DIR [--split dev3|fresh2] [--rows 300] [--seed 11]

Unlike the other two generators, the export is a normalised database (`workshop.db`: staff, locations,
equipment, requests) mapped with a query that joins the technician's name in from the staff table, and its free
text is an appended work log: dated entries with the writer's initials, mostly lower case, abbreviated, several
people per cell, sign-offs, apostrophes and double-barrelled surnames. People come from Faker locales neither
other generator draws from. Look-alikes that must be kept: makers and wards named after people, hospitals with
apostrophes, test equipment, standards, error codes, software versions, extensions and bleeps.

Two disjoint phrasing families and name sources: "dev3" may be read while improving the detectors; "fresh2" is
held out (aggregate figures only). Writes OUT_DIR/data/workshop.db, OUT_DIR/mapping.yaml and OUT_DIR/truth.json
in `clinical_export.py`'s truth format.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import Writer, generator_main
from workshop_scene import _others, log, people
from workshop_text import ACTIONS, MAKERS, SITES, SYMPTOMS, TITLES, WARDS

MAPPING = """\
# Hand-written mapping for benchmarks/workshop_export.py's export (workshop.db).
format: intake-mapping/1
system: workshop-export-bench
title: Workshop database (staff, locations, equipment, requests)
null_values: [""]
lookups:
  cond: {"A": in_service, "S": in_store, "R": under_repair, "X": condemned}
  kind: {"PM": ppm, "BD": repair, "AT": inspection}
tables:
  - table: equipment
    query: |
      SELECT e.*, l.loc_name, l.site FROM equipment e LEFT JOIN locations l ON l.loc_code = e.loc_code
    source_key: equip_id
    outputs:
      - entity: sites
        derive: {key: [site], match: exact}
        fields: {name: site}
      - entity: locations
        derive: {key: [{ref: sites}, loc_name], match: exact}
        fields: {site_id: {ref: sites}, ward: loc_name, name: loc_name}
      - entity: manufacturers
        derive: {key: [maker], match: exact}
        fields: {name: maker}
      - entity: device_models
        derive: {key: [{ref: manufacturers}, model], match: exact}
        fields: {manufacturer_id: {ref: manufacturers}, name: model, device_type: descr}
      - entity: assets
        id: tag
        fields:
          asset_number: tag
          serial_number: serial_no
          model_id: {ref: device_models}
          location_id: {ref: locations}
          owner: keeper
          status: {from: cond, lookup: cond, default: unknown}
          acquisition_date: {from: commissioned, convert: [{date: [iso]}]}
          notes: history
  - table: requests
    query: |
      SELECT r.*, e.tag, s.forename || ' ' || s.surname AS tech_name
      FROM requests r JOIN equipment e ON e.equip_id = r.equip_id LEFT JOIN staff s ON s.staff_id = r.tech_id
    source_key: req_no
    outputs:
      - entity: jobs
        id: req_no
        fields:
          job_number: req_no
          asset_id: {id: assets, from: tag}
          job_type: {from: kind, lookup: kind}
          status: {from: closed, convert: [{if_present: {then: completed, otherwise: open}}]}
          raised_at: {from: logged, convert: [{datetime: [iso]}]}
          completed_at: {from: closed, convert: [{datetime: [iso]}]}
          fault_description: symptom
          outcome: work_log
          engineer: tech_name
          requested_by: caller
          requester_phone: caller_tel
"""

SCHEMA = """
CREATE TABLE staff (staff_id INTEGER PRIMARY KEY, forename TEXT, surname TEXT, login TEXT, grade TEXT);
CREATE TABLE locations (loc_code TEXT PRIMARY KEY, loc_name TEXT, site TEXT);
CREATE TABLE equipment (equip_id INTEGER PRIMARY KEY, tag TEXT, descr TEXT, maker TEXT, model TEXT,
    serial_no TEXT, loc_code TEXT REFERENCES locations, keeper TEXT, cond TEXT, commissioned TEXT, history TEXT);
CREATE TABLE requests (req_no TEXT PRIMARY KEY, equip_id INTEGER REFERENCES equipment, kind TEXT, logged TEXT,
    caller TEXT, caller_tel TEXT, tech_id INTEGER REFERENCES staff, symptom TEXT, work_log TEXT, closed TEXT);
"""


def generate(out: Path, split: str = "dev3", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    rng = random.Random(f"workshop-{split}-{seed}")
    staff = people(split, seed, 100)
    techs = staff[:8]
    # Who the notes name: the staff of the person columns, or (dev4) a hundred other people.
    named_in_notes = staff if split != "dev4" else _others(split, seed, staff)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    w = Writer()
    db = sqlite3.connect(data / "workshop.db")
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO staff VALUES (?, ?, ?, ?, ?)",
                   [(i + 1, g, s, f"{g[0]}{s}".lower(), "MTO") for i, (g, s) in enumerate(techs)])
    locs = [(f"L{i:02d}", ward, SITES[i % len(SITES)]) for i, ward in enumerate(WARDS)]
    db.executemany("INSERT INTO locations VALUES (?, ?, ?)", locs)
    tags: list[str] = []
    for i in range(rows):
        tag = f"WS{40000 + i}"
        tags.append(tag)
        code, ward, site = rng.choice(locs)
        maker, models, descr = rng.choice(MAKERS)
        model = rng.choice(models)
        w.cell([(maker, "maker", False)], "workshop.db", i + 1, "maker", ("manufacturers", maker))
        w.cell([(model, "model", False)], "workshop.db", i + 1, "model", ("device_models", model))
        w.cell([(ward, "ward", False)], "locations", int(code[1:]) + 1, "loc_name", ("locations", ward))
        w.cell([(site, "site", False)], "locations", int(code[1:]) + 1, "site", ("sites", site))
        rec = ("assets", tag)
        g, s = rng.choice(staff)
        keeper_cell = w.cell(rng.choice([[(s, "name", True), f" {g[0]}"], [(g, "name", True), " ", (s, "name", True)],
                                         [f"{rng.choice(TITLES)} - ", (s, "name", True)]]),
                             "equipment", i + 1, "keeper", rec)
        history = w.cell(log(rng, split, named_in_notes, rng.choice(["received", "commissioned", "asset tagged"]),
                             dt.datetime(rng.randrange(2015, 2024), rng.randrange(1, 13), rng.randrange(1, 28), 9)),
                         "equipment", i + 1, "history", rec) if rng.random() < 0.7 else None
        db.execute("INSERT INTO equipment VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (i + 1, tag, descr, maker, model, f"{rng.randrange(10**7, 10**8)}", code, keeper_cell,
                    rng.choice("AAASRX"), f"{rng.randrange(2010, 2024)}-{rng.randrange(1, 13):02d}-"
                    f"{rng.randrange(1, 29):02d}", history))
    for j in range(rows * 3):
        ref = f"R{split[0].upper()}{600000 + j}"
        rec = ("jobs", ref)
        equip = rng.randrange(rows) + 1
        opened = dt.datetime(rng.randrange(2020, 2026), rng.randrange(1, 13), rng.randrange(1, 28),
                             rng.randrange(7, 19), rng.randrange(60))
        closed = rng.random() < 0.75
        g, s = rng.choice(staff)
        tech = rng.randrange(len(techs))
        w.cell([(techs[tech][0], "name", True), " ", (techs[tech][1], "name", True)], "requests", j + 1, "tech_name",
               rec)
        caller = w.cell(rng.choice([[(g, "name", True), " ", (s, "name", True)], [(g.lower(), "name", True)],
                                    [f"{rng.choice(['Sr', 'Dr', 'SN'])} ", (s, "name", True)],
                                    [(s.upper(), "name", True), ", ", (g, "name", True)]]),
                        "requests", j + 1, "caller", rec)
        tel = w.cell([(f"07700 {rng.randrange(900000, 901000)}", "phone", True)] if rng.random() < 0.4 else
                     [f"x{rng.randrange(2000, 8000)}"], "requests", j + 1, "caller_tel", rec)
        symptom = rng.choice(SYMPTOMS)
        work_log = w.cell(log(rng, split, named_in_notes + techs, rng.choice(ACTIONS), opened), "requests", j + 1,
                          "work_log", rec) if closed else None
        db.execute("INSERT INTO requests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (ref, equip, rng.choice(["PM", "BD", "BD", "AT"]), opened.isoformat(sep=" ", timespec="minutes"),
                    caller, tel, tech + 1, symptom, work_log,
                    (opened + dt.timedelta(days=rng.randrange(0, 9))).isoformat(sep=" ", timespec="minutes")
                    if closed else None))
    db.commit()
    db.close()
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"equipment": rows, "requests": rows * 3}, "entries": w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`), laid out as the package's entities."""
    db = sqlite3.connect(export / "data" / "workshop.db")
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models")}
    for tag, keeper_cell, history, maker, model, descr, ward, site in db.execute(
            "SELECT tag, keeper, history, maker, model, descr, loc_name, site FROM equipment e "
            "LEFT JOIN locations l ON l.loc_code = e.loc_code"):
        pkg["assets"].append({"asset_number": tag, "owner": anon(keeper_cell or ""), "notes": anon(history or "")})
        pkg["sites"].append({"name": anon(site)})
        pkg["locations"].append({"ward": anon(ward)})
        pkg["manufacturers"].append({"name": anon(maker)})
        pkg["device_models"].append({"name": anon(model), "device_type": anon(descr)})
    for ref, caller, tel, symptom, work_log, tech in db.execute(
            "SELECT req_no, caller, caller_tel, symptom, work_log, s.forename || ' ' || s.surname FROM requests r "
            "LEFT JOIN staff s ON s.staff_id = r.tech_id"):
        pkg["jobs"].append({"job_number": ref, "fault_description": anon(symptom), "outcome": anon(work_log or ""),
                            "engineer": anon(tech or ""), "requested_by": anon(caller), "requester_phone": anon(tel)})
    db.close()
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, ("dev3", "fresh2", "dev4"), "dev3", argv)


if __name__ == "__main__":
    sys.exit(main())
