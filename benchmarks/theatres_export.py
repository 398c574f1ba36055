"""An eighth, independent export generator for `leakage.py`: a hospital's theatres and anaesthetics equipment
system, exported by a continental vendor's tool as semicolon-separated ISO-8859-1 text.

    .venv/bin/python benchmarks/theatres_export.py OUT_DIR [--split dev9|fresh7] [--rows 300] [--seed 11]

`equipment.csv` (the register: theatre or area, specialty, site, owner and owner's telephone, purchase date as
dd.mm.yyyy, cost with a decimal comma under a "Cost (£)" header, comments, the last editor's login),
`tickets.csv` (faults reported mid-list by scrub nurses, ODPs, anaesthetists and the theatre coordinator, sterile
services' tray and scope problems, engineers' closing notes with initials, an "Updates" cell of stamped entries,
incident references) and `scope_tracking.csv` (endoscope decontamination traceability: each cycle with the patient
the scope was used on, as different people fill that column in). CRLF line ends, quoted multi-line cells, a
share of names with accents the encoding holds. The hand-written mapping converts the costs and folds each scope's
tracking rows into its asset's notes with DuckDB queries. Theatres, instruments and procedures named after people
(Lister, Charnley, Spencer Wells, Whipple's) are reference values that must be kept.

"dev9" may be read by people improving the detectors; "fresh7" is held out (aggregates only). Writes
OUT_DIR/data/{equipment,tickets,scope_tracking}.csv, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in
`clinical_export.py`'s truth format (`row` is the CSV record, header = 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import theatres_text as tx
import theatres_vocab as vx
from ambulance_scene import digits, fold, mobile
from clinical_export import Writer, generator_main
from export_common import held_out_people, moment
from theatres_mapping import CATEGORY, EQUIPMENT, MAPPING, STATUS, TICKETS, TRACKING
from theatres_scene import Person, Piece, Scene, people

SPLITS = ("dev9", "fresh7")


def _login(rng: random.Random, person: Person) -> str:
    g, s = fold(person[0]), fold(person[1])
    return rng.choice([f"{g[:1]}{s}", f"{s[:6]}{g[:2]}".upper(), f"{g}.{s}"])


def _cost(rng: random.Random) -> str:
    pounds = rng.randrange(300, 180000)
    whole = f"{pounds:,}".replace(",", ".") if rng.random() < 0.6 else str(pounds)
    return f"{whole},{rng.randrange(100):02d}"


def generate(out: Path, split: str = "dev9", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    rng = random.Random(f"theatres-{split}-{seed}")
    everyone = held_out_people(people, "dev9", split, seed, rows)
    n_pat = rows // 2 + 40
    staff, engineers, patients = everyone[:60], everyone[60:70], everyone[70:70 + n_pat]
    width = 8 if split == "dev9" else 7
    numbers = rng.sample(range(10 ** (width - 1), 10 ** width), len(staff) + len(engineers))
    staff_numbers = dict(zip(staff + engineers, (str(n) for n in numbers), strict=True))
    scene = Scene(rng, split, staff, patients, staff_numbers)
    theatres, site_names = vx.THEATRES[split], vx.HOSPITALS[split]
    lower = 0.4 if split == "dev9" else 0.25  # the share of fault reports typed all in lower case
    w = Writer()
    tables: dict[str, list[list[str]]] = {"equipment.csv": [], "tickets.csv": [], "scope_tracking.csv": []}
    assets: list[str] = []
    scopes: list[tuple[str, str]] = []

    for i in range(rows):
        no = f"TH{40000 + i}" if split == "dev9" else f"EQ-{7000 + i * 3}"
        line, rec = i + 2, ("assets", no)

        def put(column: str, pieces: list[Piece], record: tuple[str, str] = rec, line: int = line) -> str:
            return w.cell(pieces, "equipment.csv", line, column, record)

        def ref(column: str, kind: str, value: str, entity: str, line: int = line) -> str:
            return w.cell([(value, kind, False)], "equipment.csv", line, column, (entity, value))

        maker, model, dtype = rng.choice(vx.SCOPES) if rng.random() < 0.15 else rng.choice(vx.MODELS)
        theatre, specialty = rng.choice(theatres)
        owner = tel = ""
        if rng.random() < 0.6:
            boss = scene.pick(staff)
            owner = put("Owner", scene.name(*boss, formal=True))
            # A bleep in a contact column is left unscored: whether it is that person's line is a policy's choice
            tel = put("Owner Tel", [(mobile(rng), "phone", True)] if rng.random() < 0.5 else
                      [f"bleep {digits(rng, 4)}"])
        comments = put("Comments", scene.fill(rng.choice(tx.ASSET[split]))) if rng.random() < 0.5 else ""
        editor = rng.choice(engineers + staff[:8])
        edited = put("Edited By", scene.name(*editor) if rng.random() < 0.25 else
                     [(_login(rng, editor), "login", True)])
        bought = moment(rng)
        tables["equipment.csv"].append([
            no, dtype, ref("Manufacturer", "maker", maker, "manufacturers"),
            ref("Model", "model", model, "device_models"),
            put("Serial No", [(f"{rng.choice(['', 'SN', 'A'])}{digits(rng, 7)}", "serial", False)]),
            ref("Theatre / Area", "theatre", theatre, "locations"), specialty,
            ref("Site", "hospital", rng.choice(site_names), "sites"), owner, tel,
            f"{bought:%d.%m.%Y}" if rng.random() < 0.9 else "", _cost(rng) if rng.random() < 0.8 else "",
            rng.choice([*STATUS, "Active", "Active", "Active"]), comments, edited])
        assets.append(no)
        if dtype in {d for _, _, d in vx.SCOPES}:
            scopes.append((no, theatre))
    for no, theatre in scopes:
        for _ in range(rng.randrange(2, 8)):
            line = len(tables["scope_tracking.csv"]) + 2
            scene.patient = rng.choice(patients)
            checker = scene.pick(staff)
            patient = w.cell(scene.fill(rng.choice(tx.TRACKED[split])), "scope_tracking.csv", line, "Patient",
                             ("assets", no))
            checked = w.cell(scene.initials() if rng.random() < 0.6 else scene.name(*checker), "scope_tracking.csv",
                             line, "Checked by", ("assets", no))
            tables["scope_tracking.csv"].append([
                no, digits(rng, 5), rng.choice(vx.WASHERS[split]), f"{moment(rng):%d.%m.%Y %H:%M}", patient,
                w.cell([(rng.choice(vx.PROCEDURES[split]), "procedure", False)], "scope_tracking.csv", line,
                       "Procedure", ("assets", no)), theatre, checked])
    for j in range(rows * 3):
        no = rng.choice(assets)
        ticket = f"T{880000 + j * 7}" if split == "dev9" else f"WR/{2300 + j}"
        line, rec = j + 2, ("jobs", ticket)

        def jput(column: str, pieces: list[Piece], record: tuple[str, str] = rec, line: int = line) -> str:
            return w.cell(pieces, "tickets.csv", line, column, record)

        category = rng.choices(list(CATEGORY), [50, 8, 25, 12, 5])[0]
        scene.patient = rng.choice(patients)
        opened = moment(rng)
        closed = opened + dt.timedelta(hours=rng.randrange(1, 400)) if rng.random() < 0.8 else None
        raiser = scene.pick(staff)
        raised_by = jput("Raised By", scene.name(*raiser, formal=True) if rng.random() < 0.7 else
                         [(_login(rng, raiser), "login", True)])
        r = rng.random()
        contact = jput("Contact", [(mobile(rng), "phone", True)] if r < 0.3 else
                       [f"Bleep {digits(rng, 4)}"] if r < 0.7 else [f"x{digits(rng, 4)}"]) if rng.random() < 0.8 else ""
        if category == "PPM":
            problem: list[Piece] = [rng.choice(["PPM due", "Planned maintenance", "Annual service + ES test",
                                                "6-monthly PPM"])]
        elif category == "Decon issue":
            problem = scene.fill(rng.choice(tx.HSDU[split]))
        else:
            r = rng.random()
            if r < 0.12:
                problem = scene.fill(rng.choice(tx.CAPS[split]), "upper")
            else:
                problem = scene.fill(rng.choice(tx.FAULT[split]), "lower" if r < 0.12 + lower else "")
        action: list[Piece] = []
        if closed is not None:
            scene.pick(engineers)
            planned = [t for t in tx.WORK[split] if any(k in t for k in ("PPM", "service")) == (category == "PPM")]
            action = scene.fill(rng.choice(planned))
            if rng.random() < 0.1:
                sender = scene.pick(staff)
                nest = {"staff": scene.name(*sender), "email": scene.email(sender),
                        "first": scene.slot("first"), "body": scene.fill(rng.choice(tx.FAULT[split]))}
                action = [*action, "\n\n", *scene.fill(tx.EMAIL[split], nested=nest)]
        updates: list[Piece] = []
        for k in range(rng.choice([0, 0, 1, 1, 2, 3])):
            stamp = opened + dt.timedelta(minutes=rng.randrange(5, 3000))
            who = scene.pick(engineers + staff)
            by: list[Piece] = [(_login(rng, who), "login", True)] if rng.random() < 0.6 else ["EBME"]
            updates.extend([" // " if k else "", f"[{stamp:%d.%m. %H:%M} ", *by, "] ",
                            *scene.fill(rng.choice(tx.UPDATES[split]))])
        engineer = ""
        if closed is not None or rng.random() < 0.3:
            who = rng.choice(engineers)
            engineer = jput("Engineer", scene.name(*who, formal=True) if rng.random() < 0.7 else
                            [(_login(rng, who), "login", True)])
        incident = jput("Incident Ref", [(scene.datix(), "incident_no", False)]) if rng.random() < 0.2 else ""
        tables["tickets.csv"].append([
            ticket, no, f"{opened:%d.%m.%Y %H:%M}", raised_by, contact, category, jput("Problem", problem),
            jput("Action Taken", action) if action else "", jput("Updates", updates) if updates else "", engineer,
            f"{closed:%d.%m.%Y %H:%M}" if closed else "", incident])
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    headers = {"equipment.csv": EQUIPMENT, "tickets.csv": TICKETS, "scope_tracking.csv": TRACKING}
    for name, body in tables.items():
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers[name])
        writer.writerows(body)
        (data / name).write_bytes(buf.getvalue().encode("iso-8859-1"))
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"equipment.csv": rows, "tickets.csv": rows * 3},
             "entries": w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def _read(export: Path, name: str) -> list[dict[str, str]]:
    text = (export / "data" / name).read_bytes().decode("iso-8859-1")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`), joined as the mapping's queries do,
    laid out as the package's entities."""
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models")}

    def joined(sep: str, *values: str | None) -> str:
        return sep.join(v for v in values if v)

    tracked: dict[str, list[str]] = {}
    for t in sorted(_read(export, "scope_tracking.csv"), key=lambda t: t["Date"]):
        tracked.setdefault(t["Scope No"], []).append(" ".join(v for v in (
            t["Date"], t["Washer"], f"cycle {t['Cycle']}", t["Procedure"], t["Patient"], t["Checked by"]) if v))
    for a in _read(export, "equipment.csv"):
        pkg["assets"].append({
            "asset_number": a["Equip No"], "serial_number": anon(a["Serial No"]), "owner": anon(a["Owner"]),
            "contact_phone": anon(a["Owner Tel"]),
            "notes": anon(joined(" | ", a["Comments"], " || ".join(tracked.get(a["Equip No"], [])))),
            "last_modified_by": anon(a["Edited By"])})
        pkg["sites"].append({"name": anon(a["Site"])})
        pkg["locations"].append({"name": anon(a["Theatre / Area"]), "department": anon(a["Specialty"])})
        pkg["manufacturers"].append({"name": anon(a["Manufacturer"])})
        pkg["device_models"].append({"name": anon(a["Model"]), "device_type": anon(a["Description"])})
    for t in _read(export, "tickets.csv"):
        pkg["jobs"].append({
            "job_number": t["Ticket No"], "fault_description": anon(joined(" | Incident: ", t["Problem"],
                                                                           t["Incident Ref"])),
            "outcome": anon(joined("\n", t["Action Taken"], t["Updates"])), "engineer": anon(t["Engineer"]),
            "requested_by": anon(t["Raised By"]), "requester_phone": anon(t["Contact"])})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev9", argv)


if __name__ == "__main__":
    sys.exit(main())
