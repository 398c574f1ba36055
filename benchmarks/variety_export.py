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
from clinical_text import Piece, digits, fill, nhs_number

LOCALES = {"dev": ["en_US", "de_DE", "nl_NL", "da_DK", "yo_NG", "ro_RO"],
           "heldout": ["fr_FR", "es_ES", "it_IT", "sv_SE", "fi_FI", "hu_HU", "zu_ZA", "cs_CZ", "en_NZ"],
           # Written on 2026-12-04 after the held-out split had been diagnosed (aggregates only): a yardstick
           # the rules of that day were not fitted to, measured once at the end of the day.
           "fresh": ["pl_PL", "pt_PT", "tr_TR", "en_IN", "lt_LT", "sk_SK", "hr_HR", "en_IE", "fil_PH", "id_ID",
                     "no_NO", "et_EE"],
           # Written on 2026-12-05 to diagnose what "fresh" showed only as aggregates; "fresh" stays uninspected.
           "dev2": ["en_AU", "es_MX", "fr_CH", "de_AT", "pt_BR", "vi_VN", "lv_LV", "sl_SI", "ga_IE", "nl_BE"]}
BANNER = [["Medical Equipment Register - full extract"], ["Run by EBME admin, all sites, status <> Disposed"]]
DEVICE_COLUMNS = ["Asset Tag", "Equipment Type", "Manufacturer", "Model No", "Serial No", "Hospital", "Area",
                  "Custodian", "Purchased", "Condition", "Remarks"]
JOB_COLUMNS = ["Job Ref", "Asset Tag", "Opened", "Raised By", "Callback", "Assigned Tech", "Category", "Problem",
               "Resolution", "Closed"]
WARDS = ["Sir James Black Ward", "Nye Bevan Unit", "Ada Lovelace Ward", "Grace Darling Ward", "Lister Unit",
         "Wordsworth Ward", "Ward C3", "Coronary Care Unit", "Endoscopy Suite", "Day Surgery Unit",
         "Edith Cavell Ward", "Aneurin Ward", "Rosalind Franklin Ward", "Neonatal Unit"]
SITES = ["Frimley Park Hospital", "Alder Hey", "Wexham Park", "James Cook University Hospital",
         "Royal Derby Hospital", "Princess Alexandra Hospital", "Walsall Manor"]
MAKERS = [("Mindray", ["BeneView T5", "SV300", "BeneHeart D3"], "Patient Monitor"),
          ("GE Healthcare", ["Carescape B650", "Dash 4000"], "Patient Monitor"),
          ("Nihon Kohden", ["Life Scope G5", "Cardiofax M"], "ECG Machine"),
          ("Masimo", ["Radical-7", "Rad-97"], "Pulse Oximeter"),
          ("Arjo", ["Maxi Move", "Sara Stedy"], "Patient Hoist"),
          ("Zoll", ["X Series", "AED Plus"], "Defibrillator"),
          ("Medtronic", ["LifePak 15", "Puritan Bennett 980"], "Defibrillator"),
          ("Karl Storz", ["Image1 S", "Xenon 300"], "Endoscopy Stack")]
JOB_TITLES = ["Biomedical Engineer", "Head of EBME", "Clinical Nurse Specialist", "Ward Clerk", "Estates Officer",
              "Infection Control Nurse", "Bed Manager", "Medical Devices Safety Officer"]
MAILBOXES = ["biomed.faults@trust.nhs.uk", "estates.helpdesk@trust.nhs.uk", "devices.safety@trust.nhs.uk"]
PROBLEMS = ["Unit alarms intermittently during use", "Display is blank after power up", "Patient lead damaged",
            "Failed PAT test", "Wheel castor seized", "Reports low battery even when charged",
            "SpO2 reading is erratic", "Printer paper jams", "Annual service due"]
RESOLUTIONS = ["Replaced lead and tested to manufacturer spec", "Battery pack replaced, unit returned",
               "Cleaned contacts, no fault found", "Castor replaced", "Service completed, passed all checks",
               "Sent to manufacturer for repair", "Firmware upgraded to latest release"]
STREETS = ["Maple Avenue", "Ferndale Road", "Kingsway", "Priory Lane", "Meadow View"]
TOWNS = ["Camberley", "Slough", "Ormskirk", "Middlesbrough", "Harlow"]


def people(split: str, seed: int, n: int) -> list[tuple[str, str]]:
    from faker import Faker

    fake = Faker(LOCALES[split])
    fake.seed_instance(seed)
    reserved = " ".join([*WARDS, *SITES, *JOB_TITLES, *TOWNS, *STREETS, *(m for m, _, _ in MAKERS)]).lower()
    found: dict[str, tuple[str, str]] = {}
    while len(found) < n:
        given, surname = fake.first_name(), fake.last_name()
        if len(given) > 2 and len(surname) > 2 and given.isalpha() and surname.replace("-", "").isalpha() \
                and surname.lower() not in reserved and given.lower() not in reserved:
            found.setdefault(surname.lower(), (given, surname))
    return list(found.values())


def person_cell(g: str, s: str, rng: random.Random) -> list[Piece]:
    """How this system's users typed a person into a person column."""
    form = rng.randrange(7)
    if form == 0:
        return [(s.upper(), "name", True), " ", (g, "name", True)]
    if form == 1:
        return [(s, "name", True), f", {g[0]}. ({rng.choice(['Dr', 'Sister', 'Tech', 'Mgr'])})"]
    if form == 2:
        return [(f"{g[0].lower()}{s.lower()}", "name", True)]
    if form == 3:
        return [(g, "name", True), " ", (s, "name", True)]
    if form == 4:
        return [(f"{g.lower()}.{s.lower()}@trust.nhs.uk", "email", True)]
    if form == 5:
        return [(g.lower(), "name", True), " ", (s.lower(), "name", True)]
    return [f"{g[0]}. ", (s, "name", True)]


def named(g: str, s: str, rng: random.Random, split: str = "") -> list[Piece]:
    if split == "dev2" and rng.random() < 0.3:  # forms the other splits never write
        return rng.choice([[(s, "name", True), ", ", (g, "name", True)], [f"{g[0]}.", (s, "name", True)],
                           [(g, "name", True), f" {s[0]}."], [(s.upper(), "name", True)],
                           [(g.lower(), "name", True)], [(s.lower(), "name", True)]])
    r = rng.random()
    if r < 0.35:
        return [(g, "name", True), " ", (s, "name", True)]
    if r < 0.55:
        return [(g, "name", True)]
    if r < 0.7:
        return [(g.lower(), "name", True), " ", (s.lower(), "name", True)]
    if r < 0.8:
        return [(g.upper(), "name", True), " ", (s.upper(), "name", True)]
    return [(s, "name", True)]


# Sentences a different writer uses to put a person in a note. "{p}" is the person.
FAMILIES = {
    "dev": ["{p} from {ward} reported it", "Handed back to {p} on {ward}", "Awaiting reply from {p}",
            "Left voicemail for {p}", "Job raised on behalf of {p}", "Discussed with {p} ({title})",
            "{p} says it happened twice overnight", "Per conversation with {p}"],
    "heldout": ["{p} rang in about it", "Spoke w/ {p} who confirmed", "Collected by {p} at 14:00",
                "Thanks {p}", "{p} on nights noticed the fault", "Assigned to {p} for follow up",
                "Escalated to {p}, {title}", "{p} to chase the supplier", "Signed off by {p}"],
    "fresh": ["Message left with {p}'s team", "{p} attended and reset the alarm", "Chased {p} again today",
              "Fault confirmed by {p} during PPM", "As agreed with {p} the unit stays on loan",
              "Went through it with {p} at the bedside", "{p} and the ward sister both aware",
              "Ward contact: {p}", "Email sent to {p} re: recall notice", "Demo given to {p} ({title})",
              "{p} happy for it to go back into use"],
    "dev2": ["Rang {p} twice, no answer", "{p} wants it back by Friday", "Per {p}, the alarm is too quiet",
             "Unit given to {p} to trial", "Ask {p} before moving it", "Tried to reach {p} on bleep",
             "{p} (bank staff) reported a noise", "Reported via {p}", "Returned to {p} on {ward}",
             "{p} will collect tomorrow", "Need to speak to {p} about the charger", "{p} says leave it in store",
             "Booked in by {p}", "{p} queried the PPM date", "Loan agreed by {p}, {title}"],
}


def sentence(template: str, person: list[Piece], rng: random.Random) -> list[Piece]:
    return fill(template, {"p": lambda: person, "ward": lambda: [(rng.choice(WARDS), "ward", False)],
                           "title": lambda: [(rng.choice(JOB_TITLES), "job_title", False)]})


def phone(rng: random.Random) -> str:
    n = f"{rng.randrange(900000, 901000)}"
    return rng.choice([f"020 7946 {rng.randrange(10000):04d}", f"07700 {n[:3]} {n[3:]}",
                       f"+44 113 496 {rng.randrange(10000):04d}", f"0113-496-{rng.randrange(10000):04d}",
                       f"+44(0)7700{n}", f"(0113) 496{rng.randrange(10000):04d}"])


def patient(rng: random.Random, staff: list[tuple[str, str]]) -> list[Piece]:
    kind = rng.randrange(6)
    if kind == 0:
        n = nhs_number(rng)
        return ["Pt NHS ", (f"{n[:3]}-{n[3:6]}-{n[6:]}" if rng.random() < 0.5 else n, "nhs", True)]
    if kind == 1:
        return [rng.choice(["Hospital no. ", "RTH", "MRN: "]), (digits(rng, 7), "hospital_number", True)]
    if kind == 2:
        return ["Pt born ", (f"{rng.randrange(1, 29)}/{rng.randrange(1, 13)}/{rng.randrange(1935, 2004)}", "dob",
                             True)]
    if kind == 3:
        return ["Home loan delivered to ", (f"{rng.randrange(2, 180)} {rng.choice(STREETS)}", "address", True),
                f", {rng.choice(TOWNS)}"]
    if kind == 4:
        return [rng.choice(["Callback on ", "Relative's number "]), (phone(rng), "phone", True)]
    g, s = rng.choice(staff)
    return ["Patient ", (g, "name", True), " ", (s, "name", True), " was on the pump at the time"]


def keeper(rng: random.Random) -> list[Piece]:
    kind = rng.randrange(6)
    if kind == 0:
        maker, models, _ = rng.choice(MAKERS)
        return ["Loan unit ", (maker, "maker", False), " ", (rng.choice(models), "model", False), " supplied"]
    if kind == 1:
        return ["Borrowed from ", (rng.choice(SITES), "site", False)]
    if kind == 2:
        return ["Part ", (f"{digits(rng, 3)}-{digits(rng, 6)}-{digits(rng, 2)}", "part_number", False), " ordered"]
    if kind == 3:
        d, m, y = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(2019, 2026)
        month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
        text = rng.choice([f"{d:02d}-{month}-{y % 100:02d}", f"{y}-{m:02d}-{d:02d}", f"{d} {month} {y}"])
        return ["Next service ", (text, "date", False)]
    if kind == 4:
        return ["Ward phone ext. ", (digits(rng, 5), "extension", False)]
    return ["Copy to ", (rng.choice(MAILBOXES), "role_mailbox", False)]


def note(rng: random.Random, split: str, staff: list[tuple[str, str]], base: list[str]) -> list[Piece]:
    pieces: list[Piece] = [rng.choice(base) + "."]
    for _ in range(rng.randrange(0, 4)):
        r = rng.random()
        if r < 0.4:
            frag = sentence(rng.choice(FAMILIES[split]), named(*rng.choice(staff), rng, split), rng)
        elif r < 0.65:
            frag = patient(rng, staff)
        else:
            frag = keeper(rng)
        pieces.extend([" ", *frag, "."])
    return pieces


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
