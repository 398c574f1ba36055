"""A sixth, independent export generator for `leakage.py`: a zip of CSV tables from a community renal service.

    .venv/bin/python benchmarks/community_export.py OUT_DIR [--split dev7|fresh5] [--rows 300] [--seed 11]

`renalcare.zip` holds four UTF-8 CSVs with a byte-order mark, CRLF line ends and quoted multi-line notes, from a
home-haemodialysis and community-equipment service that also does theatre/ICU biomedical jobs: `contacts`
(patients, relatives and carers, keyworker nurses, GP surgeries and care homes; title, forenames and surname
apart), `equipment` (a patient and a keyworker by contact id), `jobs` (the caller by contact id, or typed) and
`device_history` (one line per event). The mapping joins them with queries: the patient's name, home address
and phone and the keyworker reach the asset through the contacts table, the device history is folded into the
asset's notes with `string_agg`, the caller's name and number reach the job. Notes typed on a phone (all lower
case, SMS abbreviations, voice-to-text run-ons), forwarded e-mail headers, copied signatures; staff named by role
("sister Asante", "the reg dr nwosu"), relatives ("pt's daughter Mrs X"), nicknames, first names only, names
that are ordinary words; NHS numbers in many spacings, this trust's hospital numbers, dates of birth, mobiles
and landlines oddly spaced, personal e-mails, home addresses with flats and postcodes. Look-alikes that must be
kept: care homes, GP surgeries ("Dr Ahmed & Partners"), wards and sites named after people or streets, towns,
dialysis machines and water-treatment parts, alarm codes, software versions, rooms and bays, bleeps,
extensions, job titles, teams, shared mailboxes, dates, standards.

"dev7" may be read by people improving the detectors; "fresh5" is held out (aggregates only): other pools,
locales, phrasing families, streets, towns, care homes and surgeries. Writes OUT_DIR/data/renalcare.zip,
OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s truth format: `file` is
"renalcare.zip/TABLE.csv", `row` the CSV record (header = 1, multi-line notes count once). A value of a contact
reaches every asset or job the mapping joins it into, with one truth entry per record.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import community_text as tx
from clinical_export import Writer, generator_main
from community_contacts import Contacts
from community_scene import Piece, Scene, people
from community_tables import ARCHIVE, CATEGORY, COLUMNS, MAPPING, STATUS, _archive, read_tables
from export_common import held_out_people

SPLITS = ("dev7", "fresh5")
SITE_BY_PLACEMENT = {"Home": tx.SITES[:1] + tx.SITES[4:6], "Care home": tx.SITES[4:5], "Unit": tx.SITES[1:3],
                     "Theatres/ICU": tx.SITES[3:4]}


def split_people(split: str, seed: int, rows: int) -> list[tuple[str, str]]:
    """The split's people; the held-out split shares no given name or surname with dev7's."""
    return held_out_people(people, "dev7", split, seed, rows, n=90 + rows)


def _when(rng: random.Random) -> dt.datetime:
    return dt.datetime(rng.randrange(2019, 2026), rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(7, 20),
                       rng.randrange(60))


def _stamp(rng: random.Random, when: dt.datetime) -> str:
    return f"{when:%d/%m/%Y %H:%M}" if rng.random() < 0.7 else f"{when:%Y-%m-%d %H:%M:%S}"


def _note(scene: Scene, family: dict[str, list[str]], lower_share: float) -> list[Piece]:
    return scene.fill(scene.rng.choice(family[scene.split]), lower=scene.rng.random() < lower_share)


def generate(out: Path, split: str = "dev7", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    rng = random.Random(f"community-{split}-{seed}")
    everyone = split_people(split, seed, rows)
    n_pat = rows // 2 + 20
    staff, engineers = everyone[:50], everyone[50:62]
    patients, relatives = everyone[62:62 + n_pat], everyone[62 + n_pat:]
    scene = Scene(rng, split, staff, patients, relatives)
    lower = 0.6 if split == "dev7" else 0.3  # the share of notes typed all in lower case
    w = Writer()
    contacts = Contacts(scene, split)
    patient_ids = [contacts.add("PATIENT", p) for p in patients]
    relative_ids = [contacts.add(rng.choice(["NOK", "CARER"]), p, relation=rng.choice(
        ["daughter", "son", "wife", "husband", "neighbour", "niece"])) for p in relatives]
    staff_ids = [contacts.add("STAFF", p, org=rng.choice(tx.TEAMS)) for p in staff]
    org_ids = [contacts.add("ORG", org=o) for o in [*tx.GP_SURGERIES[split], *tx.CARE_HOMES[split]]]
    patient_of = dict(zip(patient_ids, patients, strict=True))
    tables: dict[str, list[dict[str, str]]] = {"equipment": [], "jobs": [], "device_history": []}
    assets: list[tuple[str, str, str | None]] = []  # asset, placement, patient contact id

    def cell(table: str, row: int, column: str, rec: tuple[str, str], pieces: list[Piece]) -> str:
        return w.cell(pieces, f"{ARCHIVE}/{table}.csv", row, column, rec)

    def ref(table: str, row: int, column: str, kind: str, value: str, entity: str) -> str:
        return cell(table, row, column, (entity, value), [(value, kind, False)])

    prefix = "HD" if split == "dev7" else "CE"
    for i in range(rows):
        no, row = f"{prefix}{4000 + i * 3:05d}", i + 2
        rec = ("assets", no)
        placement = rng.choices(list(SITE_BY_PLACEMENT), [45, 15, 20, 20])[0]
        maker, models, dtype = rng.choice(tx.MAKERS[7:] if placement == "Theatres/ICU" else tx.MAKERS[:7])
        pid = patient_ids[i % len(patient_ids)] if placement in ("Home", "Care home") else None
        scene.patient = patient_of[pid] if pid else None
        location = ref("equipment", row, "Location", "care_home", rng.choice(tx.CARE_HOMES[split]), "locations") \
            if placement == "Care home" else "Home therapy" if placement == "Home" else \
            ref("equipment", row, "Location", "ward", rng.choice(tx.WARDS), "locations")
        keyworker = rng.choice(staff_ids) if pid and rng.random() < 0.9 else None
        installed = _when(rng)
        family = tx.VISIT if pid else tx.THEATRE
        notes: list[Piece] = _note(scene, family, lower) if rng.random() < 0.6 else [rng.choice(["", "see history"])]
        tables["equipment"].append({
            "Asset No": no, "Serial No": f"{rng.choice('ABFKX')}{rng.randrange(10**6, 10**7)}",
            "Manufacturer": ref("equipment", row, "Manufacturer", "maker", maker, "manufacturers"),
            "Model": ref("equipment", row, "Model", "model", rng.choice(models), "device_models"),
            "Equipment Type": dtype,
            "Site": ref("equipment", row, "Site", "site", rng.choice(SITE_BY_PLACEMENT[placement]), "sites"),
            "Location": location, "Placement": placement, "Patient ID": pid or "", "Keyworker ID": keyworker or "",
            "Installed": f"{installed:%d/%m/%Y}" if rng.random() < 0.6 else f"{installed:%Y-%m-%d}",
            "Status": rng.choice([*STATUS, "Live", "Live", "LIVE"]),
            "Notes": cell("equipment", row, "Notes", rec, notes),
        })
        if pid:
            contacts.plant(w, pid, ["Forenames", "Surname", "Address", "Postcode"], rec)
            if (phone := contacts.phone(pid)) is not None:
                contacts.plant(w, pid, [phone], rec)
        if keyworker:
            contacts.plant(w, keyworker, ["Forenames", "Surname"], rec)
        assets.append((no, placement, pid))
    for e in range(rows * 3 // 2):
        no, placement, pid = rng.choice(assets)
        row, rec = e + 2, ("assets", no)
        scene.patient = patient_of[pid] if pid else None
        event = rng.choice(["INSTALL", "MOVE", "SWAP", "NOTE", "COLLECT", "TEST"])
        user: list[Piece] = scene.name(*rng.choice(staff)) if rng.random() < 0.7 else [rng.choice(["", "SYSTEM"])]
        detail: list[Piece] = _note(scene, tx.HISTORY, lower) if pid or rng.random() < 0.3 else [rng.choice(["", "ok"])]
        tables["device_history"].append({
            "Event ID": f"EV{e + 1:06d}", "Asset No": no, "Date": f"{_when(rng):%d/%m/%Y}", "Event": event,
            "User": cell("device_history", row, "User", rec, user),
            "Detail": cell("device_history", row, "Detail", rec, detail)})
    for j in range(rows * 3):
        no, placement, pid = rng.choice(assets)
        ref_no, row = f"J{'7' if split == 'dev7' else '5'}-{60000 + j * 7}", j + 2
        rec = ("jobs", ref_no)
        scene.patient = patient_of[pid] if pid else None
        raised = _when(rng)
        done = rng.random() < 0.8
        caller_id = ""
        typed: list[Piece] = []
        r = rng.random()
        if r < 0.55:
            caller_id = pid if pid and rng.random() < 0.5 else rng.choice(
                relative_ids + staff_ids + org_ids if pid else staff_ids)
        elif r < 0.9:
            typed = rng.choice([scene.slot("staff"), scene.slot("role"), scene.slot("rel") if pid else ["ward clerk"]])
        else:
            typed = [rng.choice(["switchboard", "ICU coordinator", "out of hours"])]
        callback: list[Piece] = []
        if rng.random() < 0.4:
            callback = rng.choice([scene.slot("mob"), scene.slot("tel"), [f"ext {rng.randrange(3000, 3999)}"],
                                   [f"bleep {rng.randrange(2100, 2999)}"], scene.slot("pemail")])
        family = tx.THEATRE if placement == "Theatres/ICU" else tx.VISIT
        visit = _note(scene, family, lower) if done else []
        if done and rng.random() < 0.15:
            visit = scene.fill(tx.FORWARD[split], nested={"body": visit, **scene.sender()})
        if done and rng.random() < 0.15:
            visit = [*visit, *scene.fill(tx.SIGNATURE[split])]
        engineer: list[Piece] = scene.name(*rng.choice(engineers)) if rng.random() < 0.9 else [rng.choice(tx.TEAMS)]
        tables["jobs"].append({
            "Job Ref": ref_no, "Asset No": no, "Raised": _stamp(rng, raised), "Raised By ID": caller_id,
            "Raised By": cell("jobs", row, "Raised By", rec, typed), "Callback": cell("jobs", row, "Callback", rec,
                                                                                     callback),
            "Category": rng.choice(list(CATEGORY)), "Fault": cell("jobs", row, "Fault", rec, _note(
                scene, tx.FAULT, lower)),
            "Engineer": cell("jobs", row, "Engineer", rec, engineer),
            "Visit Notes": cell("jobs", row, "Visit Notes", rec, visit),
            "Completed": _stamp(rng, raised + dt.timedelta(hours=rng.randrange(1, 400))) if done else "",
            "Status": "Closed" if done else rng.choice(["Open", "Awaiting parts", "Booked"]),
        })
        if caller_id:
            contacts.plant(w, caller_id, ["Forenames", "Surname"], rec)
            if not callback and (phone := contacts.phone(caller_id)) is not None and caller_id not in org_ids:
                contacts.plant(w, caller_id, [phone], rec)
    scene.patient = None
    tables = {"contacts": contacts.table(), **tables}
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / ARCHIVE).write_bytes(_archive(tables))
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {f"{ARCHIVE}/equipment.csv": rows, f"{ARCHIVE}/jobs.csv": rows * 3},
             "entries": w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`), joined as the mapping's queries join
    them, laid out as the package's entities."""
    t = read_tables(export)
    people = {c["ContactID"]: c for c in t["contacts"]}
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models")}

    def joined(sep: str, *values: str) -> str:
        return sep.join(v for v in values if v)

    history: dict[str, list[tuple[str, str]]] = {}
    for h in t["device_history"]:
        history.setdefault(h["Asset No"], []).append(
            (h["Event ID"], joined(" ", h["Date"], h["Event"], h["User"], h["Detail"])))
    blank: dict[str, str] = {c: "" for c in COLUMNS["contacts"]}
    for e in t["equipment"]:
        p, k = people.get(e["Patient ID"], blank), people.get(e["Keyworker ID"], blank)
        notes = joined(" | ", e["Notes"], joined(" ", p["Title"], p["Forenames"], p["Surname"]),
                       joined(", ", p["Address"], p["Postcode"]),
                       " || ".join(v for _, v in sorted(history.get(e["Asset No"], []))))
        pkg["assets"].append({"asset_number": e["Asset No"], "owner": anon(joined(" ", k["Forenames"], k["Surname"])),
                              "contact_phone": anon(p["Mobile"] or p["Home Tel"]), "notes": anon(notes)})
        pkg["sites"].append({"name": anon(e["Site"])})
        pkg["locations"].append({"ward": anon(e["Location"])})
        pkg["manufacturers"].append({"name": anon(e["Manufacturer"])})
        pkg["device_models"].append({"name": anon(e["Model"]), "device_type": anon(e["Equipment Type"])})
    for j in t["jobs"]:
        c = people.get(j["Raised By ID"], blank)
        caller = joined(" ", c["Title"], c["Forenames"], c["Surname"]) or c["Organisation"] or j["Raised By"]
        pkg["jobs"].append({"job_number": j["Job Ref"], "fault_description": anon(j["Fault"]),
                            "outcome": anon(j["Visit Notes"]), "engineer": anon(j["Engineer"]),
                            "requested_by": anon(caller),
                            "requester_phone": anon(j["Callback"] or c["Mobile"] or c["Home Tel"])})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev7", argv)


if __name__ == "__main__":
    sys.exit(main())
