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
from clinical_text import Piece, digits, fill, nhs_number

LOCALES = {"dev3": ["en_GB", "en_PK", "es_AR", "ha_NG", "is_IS", "fr_CA", "tw_GH", "de_LU"],
           "fresh2": ["en_KE", "en_NG", "es_CO", "es_CL", "ig_NG", "fr_BE", "az_AZ", "uz_UZ", "sw", "en_TH"],
           # dev3's writer, but the people named in the notes are never in a person column (patients, visitors,
           # contractors): what free-text detection finds without the dataset's own names.
           "dev4": ["en_US", "de_DE", "it_IT", "pl_PL", "en_IN", "ro_RO", "nl_NL", "pt_BR"]}
FAMILIES_OF = {"dev4": "dev3"}
WARDS = ["Florence Nightingale Ward", "Jenner Unit", "Fleming Ward", "Brunel Theatres", "Mary Seacole Ward",
         "Churchill Ward", "Elizabeth Garrett Anderson Wing", "Cavendish Ward", "Harvey Ward", "AMU", "ITU",
         "Ward 7B", "Paediatric ED", "Maternity Triage"]
SITES = ["St Thomas' Hospital", "Addenbrooke's Hospital", "Royal Victoria Infirmary", "King George Hospital",
         "Queen Elizabeth Hospital Birmingham", "Whiston Hospital", "Musgrove Park Hospital"]
MAKERS = [("Baxter", ["Colleague 3", "Sigma Spectrum"], "Infusion Pump"),
          ("Hamilton Medical", ["Hamilton-C6", "Hamilton-T1"], "Ventilator"),
          ("Welch Allyn", ["Connex 6000", "Spot Vital Signs 4400"], "Vital Signs Monitor"),
          ("Fisher & Paykel", ["Airvo 2", "MR850"], "Humidifier"),
          ("B. Braun", ["Perfusor Space", "Infusomat Space"], "Syringe Driver"),
          ("Draeger", ["Infinity Delta", "Babylog VN500"], "Patient Monitor"),
          ("Stryker", ["Prime TC", "LifePak 1000"], "Trolley"),
          ("Smiths Medical", ["Graseby 2000", "CADD-Solis"], "Syringe Driver")]
TEST_KIT = ["Rigel 288", "Fluke ESA615", "ProSim 8", "Rigel UNI-SiM", "Fluke IDA-5"]
STANDARDS = ["IEC 62353", "BS EN 60601-1", "IEC 60601-2-24"]
TITLES = ["Matron", "Ward Manager", "Theatre Coordinator", "Clinical Scientist", "Site Practitioner",
          "Lead Nurse", "Resus Officer"]
SYMPTOMS = ["occlusion alarm won't clear", "screen cracked", "battery not holding charge", "no power",
            "failed electrical safety test", "keypad unresponsive", "door latch broken", "flow sensor error",
            "pump free-flowing", "annual PPM due"]
ACTIONS = ["replaced battery, tested ok", "recalibrated, within tolerance", "new door latch fitted",
           "cleaned and function checked", "sent away for repair", "condemned - beyond economic repair",
           "updated software", "no fault found, returned to ward"]
STREETS = ["Mill Lane", "Church Road", "Station Street", "Park Crescent", "Orchard Close"]
TOWNS = ["Bootle", "Taunton", "Ilford", "Gateshead", "Histon"]

# How this writer puts a person into a log entry. "{p}" is the person, "{ward}" a ward, "{title}" a job title.
FAMILIES = {
    "dev3": ["spoke to {p} on {ward}", "{p} (ext {ext}) reports it again", "per email from {p}",
             "{p} rang - wants an update", "left with {p} at the nurses station", "awaiting {p} to sign off",
             "cc {p}", "handover from {p}", "{p} has the key to the store", "see note from {p} dated {date}",
             "job taken over from {p}", "{p} unavailable, try tmrw", "informed {p} unit is condemned",
             "{p}'s bleep not answering", "-- {p}"],
    "fresh2": ["{p} to confirm asset no.", "unit found in {p}'s office", "waiting on {p}",
               "with {p} for cleaning", "{p} off sick, job on hold", "as per {p}", "reminded {p} re PAT",
               "{p} + me swapped the battery", "requested by {p} via phone", "q for {p}: is it still needed?",
               "{p} signed the loan form", "{p} was shown how to clear the alarm", "{title} {p} aware"],
}


def people(split: str, seed: int, n: int) -> list[tuple[str, str]]:
    from faker import Faker

    fake = Faker(LOCALES[split])
    fake.seed_instance(seed)
    reserved = " ".join([*WARDS, *SITES, *TITLES, *TOWNS, *STREETS, *(m for m, _, _ in MAKERS), *SYMPTOMS,
                         *ACTIONS]).lower()
    found: dict[str, tuple[str, str]] = {}
    while len(found) < n:
        given, surname = fake.first_name(), fake.last_name()
        if len(given) > 2 and len(surname) > 2 and given.replace("-", "").isalpha() \
                and surname.replace("-", "").replace("'", "").replace(" ", "").isalpha() \
                and surname.lower() not in reserved and given.lower() not in reserved:
            found.setdefault(surname.lower(), (given, surname))
    return list(found.values())


def _others(split: str, seed: int, staff: list[tuple[str, str]]) -> list[tuple[str, str]]:
    taken = {w.lower() for pair in staff for w in pair}
    return [p for p in people(split, seed + 1000, 160) if not {w.lower() for w in p} & taken][:100]


def named(g: str, s: str, rng: random.Random) -> list[Piece]:
    """The forms this writer uses: mostly lower case, often one name, titles before surnames."""
    r = rng.random()
    if r < 0.25:
        return [(g.lower(), "name", True)]
    if r < 0.4:
        return [(g.lower(), "name", True), " ", (s.lower(), "name", True)]
    if r < 0.55:
        return [(g, "name", True), " ", (s, "name", True)]
    if r < 0.65:
        return [f"{rng.choice(['sister', 'dr', 'Dr', 'mr', 'Mrs', 'nurse', 'matron'])} ", (s, "name", True)]
    if r < 0.72:
        return [(g, "name", True), f" {s[0]}"]
    if r < 0.8:
        return [f"{g[0].lower()}.", (s.lower(), "name", True)]
    if r < 0.88:
        return [(s.upper(), "name", True)]
    if r < 0.94:
        return [(g, "name", True)]
    return [(s, "name", True), " ", (g, "name", True)]


def keeper(rng: random.Random) -> list[Piece]:
    kind = rng.randrange(7)
    if kind == 0:
        maker, models, _ = rng.choice(MAKERS)
        return ["loan ", (maker, "maker", False), " ", (rng.choice(models), "model", False), " issued"]
    if kind == 1:
        return ["tested with ", (rng.choice(TEST_KIT), "test_kit", False), " to ",
                (rng.choice(STANDARDS), "standard", False)]
    if kind == 2:
        return ["moved to ", (rng.choice(WARDS), "ward", False)]
    if kind == 3:
        return ["borrowed from ", (rng.choice(SITES), "site", False)]
    if kind == 4:
        return ["showing ", (f"Err {rng.randrange(10, 99)}", "error_code", False), " on start-up"]
    if kind == 5:
        return ["sw now ", (f"v{rng.randrange(1, 9)}.{rng.randrange(0, 20)}.{rng.randrange(0, 9)}", "version", False)]
    return ["ward contact ", rng.choice(["ext ", "bleep "]), (digits(rng, 4), "extension", False)]


def personal(rng: random.Random, staff: list[tuple[str, str]]) -> list[Piece]:
    kind = rng.randrange(6)
    if kind == 0:
        n = nhs_number(rng)
        return ["pt nhs no ", (f"{n[:3]} {n[3:6]} {n[6:]}", "nhs", True)]
    if kind == 1:
        return [rng.choice(["pt id ", "K number ", "hosp no "]), (digits(rng, 7), "hospital_number", True)]
    if kind == 2:
        d = dt.date(rng.randrange(1930, 2005), rng.randrange(1, 13), rng.randrange(1, 29))
        return ["pt dob ", (d.strftime(rng.choice(["%d.%m.%Y", "%d/%m/%y", "%d %b %Y"])), "dob", True)]
    if kind == 3:
        return ["home loan to ", (f"{rng.randrange(2, 99)} {rng.choice(STREETS)}", "address", True),
                f" {rng.choice(TOWNS)}"]
    if kind == 4:
        n = f"{rng.randrange(900000, 901000)}"
        return ["family on ", (rng.choice([f"07700{n}", f"+447700 {n}", f"0161 496 {rng.randrange(10000):04d}"]),
                              "phone", True)]
    g, _ = rng.choice(staff)
    return ["mobile of ", (g.lower(), "name", True), " is ", (f"07700 {rng.randrange(900000, 901000)}", "phone",
                                                                 True)]


def log(rng: random.Random, split: str, staff: list[tuple[str, str]], first: str, start: dt.datetime) -> list[Piece]:
    """An appended work log: entries with a date and the writer's initials."""
    out: list[Piece] = []
    when = start
    for i in range(rng.randrange(1, 4)):
        g, s = rng.choice(staff)
        header = f"{when:%d/%m/%y %H:%M} [{g[0]}{s[0]}] " if rng.random() < 0.7 else f"{when:%d/%m} {g[0]}{s[0]}: "
        out.append(("\n" if i else "") + header)
        out.append(first if i == 0 else rng.choice(ACTIONS))
        for _ in range(rng.randrange(0, 3)):
            r = rng.random()
            if r < 0.45:
                template = rng.choice(FAMILIES[FAMILIES_OF.get(split, split)])
                out.append(rng.choice([". ", " - ", ", "]))
                out.extend(_fill(template, named(*rng.choice(staff), rng), rng))
            elif r < 0.7:
                out.append(". ")
                out.extend(personal(rng, staff))
            else:
                out.append(". ")
                out.extend(keeper(rng))
        when += dt.timedelta(hours=rng.randrange(2, 60))
    return out


def _fill(template: str, person: list[Piece], rng: random.Random) -> list[Piece]:
    return fill(template, {"p": lambda: person, "ward": lambda: [(rng.choice(WARDS), "ward", False)],
                           "title": lambda: [(rng.choice(TITLES), "job_title", False)],
                           "ext": lambda: [digits(rng, 4)],
                           "date": lambda: [f"{rng.randrange(1, 29)}/{rng.randrange(1, 13)}"]})


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
