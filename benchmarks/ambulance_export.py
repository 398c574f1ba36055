"""A seventh, independent export generator for `leakage.py`: an NHS ambulance trust's medical-devices and
fleet-equipment system, exported from its REST API as JSON Lines.

    .venv/bin/python benchmarks/ambulance_export.py OUT_DIR [--split dev8|fresh6] [--rows 300] [--seed 11]

`assets.jsonl` (one object per device: defibrillators, ventilators, suction units, carry chairs, stretchers,
syringe drivers; a nested `location` with the station and the vehicle's fleet number and registration, or a
store; a nested `custodian`, the station manager, with staff number, mobile and e-mail; an `audit` object) and
`jobs.jsonl` (faults reported by crews, event-log downloads after cardiac arrests, PPM, damage, recalls; nested
`reportedBy` with collar number, role and phone, `vehicle` with the call sign, `incident` with the CAD number,
and an `updates` array of log entries). Some lines are written with `\\u` escapes, null keys are sometimes left
out, as APIs do. The hand-written mapping flattens the nested objects and folds the updates into the outcome with
DuckDB queries. Free text: crews' tablet notes (a share in lower case), control-room notes in capitals, workshop
engineers' terse notes with initials, download requests naming the patient, copied e-mails with signatures.

"dev8" may be read by people improving the detectors; "fresh6" is held out (aggregates only). Writes
OUT_DIR/data/{assets,jobs}.jsonl, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s truth
format: `file` is the JSONL file, `row` its 1-based line, `column` the path in the object ("reportedBy.name",
"updates[1].text").
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ambulance_text as tx
import ambulance_vocab as vx
from ambulance_mapping import JOB_TYPES, MAPPING, STATUS
from ambulance_scene import Person, Piece, Scene, digits, fold, mobile, people, registration
from clinical_export import Writer, generator_main
from export_common import held_out_people

SPLITS = ("dev8", "fresh6")


def _when(rng: random.Random) -> dt.datetime:
    return dt.datetime(rng.randrange(2019, 2026), rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(24),
                       rng.randrange(60), rng.randrange(60))


def _iso(rng: random.Random, t: dt.datetime) -> str:
    return f"{t:%Y-%m-%dT%H:%M:%S}Z" if rng.random() < 0.7 else f"{t:%Y-%m-%dT%H:%M:%S}.{rng.randrange(1000):03d}Z"


def _login(rng: random.Random, person: Person) -> str:
    g, s = fold(person[0]), fold(person[1])
    return rng.choice([f"{g[:1]}{s}", f"{g}.{s}", f"{s}{g[:1]}".upper()])


def generate(out: Path, split: str = "dev8", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    rng = random.Random(f"ambulance-{split}-{seed}")
    everyone = held_out_people(people, "dev8", split, seed, rows)
    n_pat = rows // 2 + 40
    staff, engineers = everyone[:60], everyone[60:70]
    patients, relatives = everyone[70:70 + n_pat], everyone[70 + n_pat:]
    width = 5 if split == "dev8" else 6
    numbers = rng.sample(range(4 * 10 ** (width - 1), 5 * 10 ** (width - 1)), len(staff) + len(engineers))
    collars = dict(zip(staff + engineers, (str(n) for n in numbers), strict=True))
    scene = Scene(rng, split, staff, patients, relatives, collars)
    stations = vx.STATIONS[split]
    fleet_base = (1000, 9999) if split == "dev8" else (10000, 29999)
    fleet = [(str(n), registration(rng), rng.choice(vx.VEHICLE_TYPES), rng.choice(stations))
             for n in rng.sample(range(*fleet_base), rows // 4 + 10)]
    lower = 0.5 if split == "dev8" else 0.3  # the share of crew notes typed all in lower case
    w = Writer()
    lines: dict[str, list[str]] = {"assets.jsonl": [], "jobs.jsonl": []}
    assets: list[tuple[str, tuple[str, str, str, tuple[str, str]] | None]] = []

    def emit(file: str, obj: dict[str, Any]) -> None:
        if rng.random() < 0.3:  # APIs leave some null keys out
            obj = {k: v for k, v in obj.items() if v is not None}
        lines[file].append(json.dumps(obj, ensure_ascii=rng.random() < 0.1))

    for i in range(rows):
        no = f"MD{10000 + i}" if split == "dev8" else f"ME-{20000 + i * 7}"
        line, rec = i + 1, ("assets", no)

        def put(path: str, pieces: list[Piece], record: tuple[str, str] = rec, line: int = line) -> str:
            return w.cell(pieces, "assets.jsonl", line, path, record)

        def ref(path: str, kind: str, value: str, entity: str, line: int = line) -> str:
            return w.cell([(value, kind, False)], "assets.jsonl", line, path, (entity, value))

        maker, model, dtype = rng.choice(vx.MODELS)
        vehicle = rng.choice(fleet) if rng.random() < 0.75 else None
        station = vehicle[3] if vehicle else rng.choice(stations)
        fl = (vehicle[0], vehicle[1]) if vehicle else rng.choice(fleet)[:2]
        location: dict[str, Any] = {"type": "VEHICLE" if vehicle else "STATION",
                                    "station": {"name": ref("location.station.name", "station", station[0], "sites"),
                                                "code": station[1]}, "vehicle": None, "store": None}
        if vehicle:
            location["vehicle"] = {"fleetNo": ref("location.vehicle.fleetNo", "fleet_no", vehicle[0], "locations"),
                                   "reg": ref("location.vehicle.reg", "fleet_reg", vehicle[1], "locations"),
                                   "type": vehicle[2]}
        else:
            location["store"] = ref("location.store", "store", rng.choice(vx.STORES), "locations")
        custodian = None
        if rng.random() < 0.7:
            boss = rng.choice(staff)
            scene.last = boss
            custodian = {"name": put("custodian.name", scene.name(*boss, formal=True)),
                         "staffNo": put("custodian.staffNo", [(collars[boss], "staff_id", True)]),
                         "mobile": put("custodian.mobile", [(mobile(rng), "phone", True)])
                         if rng.random() < 0.6 else None,
                         "email": put("custodian.email", scene.email(boss)) if rng.random() < 0.5 else None}
        editor = rng.choice(engineers + staff[:10])
        modified = put("audit.modifiedBy", scene.name(*editor) if rng.random() < 0.3 else
                       [(_login(rng, editor), "login", True)])
        made = _when(rng)
        notes = put("notes", scene.fill(rng.choice(tx.ASSET[split]), fl)) if rng.random() < 0.55 else None
        emit("assets.jsonl", {
            "assetId": no, "barcode": f"{digits(rng, 12)}", "category": dtype,
            "make": ref("make", "maker", maker, "manufacturers"),
            "model": ref("model", "model", model, "device_models"),
            "serial": put("serial", [(f"{rng.choice(['', 'SN', '3'])}{digits(rng, 8)}", "serial", False)]),
            "software": put("software", [(rng.choice(vx.VERSIONS), "version", False)])
            if rng.random() < 0.5 else None,
            "status": rng.choice([*STATUS, "IN_SERVICE", "IN_SERVICE"]), "location": location,
            "custodian": custodian, "commissioned": f"{made:%Y-%m-%d}",
            "nextServiceDue": f"{made.year + 7}-{made:%m-%d}", "notes": notes,
            "audit": {"createdBy": "import", "modifiedBy": modified, "modifiedAt": _iso(rng, _when(rng))},
        })
        assets.append((no, (vehicle[0], vehicle[1], vehicle[2], station) if vehicle else None))
    for j in range(rows * 3):
        no, vehicle = rng.choice(assets)
        job = f"WO-{500000 + j * 3}" if split == "dev8" else f"J{310000 + j * 11}"
        line, rec = j + 1, ("jobs", job)

        def jput(path: str, pieces: list[Piece], record: tuple[str, str] = rec, line: int = line) -> str:
            return w.cell(pieces, "jobs.jsonl", line, path, record)

        fl = (vehicle[0], vehicle[1]) if vehicle else rng.choice(fleet)[:2]
        kind = rng.choices(list(JOB_TYPES), [45, 5, 15, 30, 5])[0]
        scene.patient = rng.choice(patients) if kind in ("FAULT", "DAMAGE", "EVENT_DOWNLOAD") else None
        opened = _when(rng)
        closed = opened + dt.timedelta(hours=rng.randrange(1, 600)) if rng.random() < 0.8 else None
        reported = None
        if scene.patient is not None:
            scene.last = rng.choice(staff)
            reported = {"name": jput("reportedBy.name", scene.name(*scene.last, formal=True)),
                        "collarNo": jput("reportedBy.collarNo", [(collars[scene.last], "staff_id", True)])
                        if rng.random() < 0.6 else None,
                        "role": jput("reportedBy.role", [(title := rng.choice(vx.JOB_TITLES), "job_title", False)],
                                     ("contacts", title)),
                        "phone": jput("reportedBy.phone", [(mobile(rng), "phone", True)])
                        if rng.random() < 0.4 else None}
        if kind == "EVENT_DOWNLOAD":
            fault = scene.fill(rng.choice(tx.DOWNLOAD[split]), fl)
        elif scene.patient is not None:
            r = rng.random()
            family, case = (tx.EOC, "upper") if r < 0.15 else (tx.CREW, "lower" if r < 0.15 + lower else "")
            fault = scene.fill(rng.choice(family[split]), fl, case)
        else:
            fault = [rng.choice(["Scheduled PPM", "PPM due", "Annual service", "FSN - see manufacturer notice",
                                 "Recall: check battery batch"])]
        work: list[Piece] = []
        if closed is not None:
            scene.last = rng.choice(engineers)
            planned = [t for t in tx.WORKSHOP[split]
                       if any(word in t for word in ("PPM", "nspection", "schedule")) == (kind == "PPM")]
            work = scene.fill(rng.choice(planned), fl)
            if rng.random() < 0.1:
                sender = rng.choice(staff)
                scene.last = sender
                nest = {"staff": scene.name(*sender), "email": scene.email(sender), "first": scene.slot("first", fl),
                        "body": scene.fill(rng.choice(tx.CREW[split]), fl)}
                work = [*work, "\n\n", *scene.fill(tx.EMAIL[split], fl, nested=nest)]
        updates = []
        n_updates = rng.choice([0, 0, 1, 1, 2, 3])
        times = sorted(opened + dt.timedelta(minutes=rng.randrange(5, 3000)) for _ in range(n_updates))
        for u, when in enumerate(times):
            by_who = rng.random()
            at = _iso(rng, when)
            if by_who < 0.3:
                by: str | None = "EOC"
                text = scene.fill(rng.choice(tx.UPDATE[split]), fl, "upper")
            else:
                person = rng.choice(engineers + staff)
                scene.last = person
                by = jput(f"updates[{u}].by", [(_login(rng, person), "login", True)]) if by_who < 0.7 else None
                text = scene.fill(rng.choice(tx.UPDATE[split]), fl)
            updates.append({"at": at, "by": by, "text": jput(f"updates[{u}].text", text)})
        engineer = None
        if closed is not None or rng.random() < 0.3:
            who = rng.choice(engineers)
            engineer = jput("engineer", scene.name(*who, formal=True) if rng.random() < 0.7 else
                            [(_login(rng, who), "login", True)])
        emit("jobs.jsonl", {
            "jobId": job, "assetId": no, "jobType": kind, "priority": rng.choice([1, 2, 3, None]),
            "opened": _iso(rng, opened), "closed": _iso(rng, closed) if closed else None,
            "reportedBy": reported,
            "vehicle": {"callSign": jput("vehicle.callSign", [(scene.callsign(), "call_sign", False)]),
                        "fleetNo": vehicle[0]} if vehicle and scene.patient is not None else None,
            "incident": {"cad": jput("incident.cad", [(scene.cad(), "incident_no", False)]),
                         "date": f"{opened:%Y-%m-%d}"}
            if kind == "EVENT_DOWNLOAD" or (scene.patient is not None and rng.random() < 0.4) else None,
            "fault": jput("fault", fault), "workDone": jput("workDone", work) if work else None,
            "engineer": engineer, "updates": updates,
        })
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, text_lines in lines.items():
        (data / name).write_text("\n".join(text_lines) + "\n", encoding="utf-8")
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"assets.jsonl": rows, "jobs.jsonl": rows * 3},
             "entries": w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def read_lines(export: Path, name: str) -> list[dict[str, Any]]:
    return [json.loads(t) for t in (export / "data" / name).read_text(encoding="utf-8").splitlines() if t.strip()]


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`), flattened and joined as the mapping's
    queries do, laid out as the package's entities."""
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models", "contacts")}

    def joined(sep: str, *values: str | None) -> str:
        return sep.join(v for v in values if v)

    for a in read_lines(export, "assets.jsonl"):
        loc, cus = a["location"], a.get("custodian") or {}
        veh = loc.get("vehicle") or {}
        loc_name = f"Fleet {veh['fleetNo']}" if veh else loc.get("store") or ""
        pkg["assets"].append({
            "asset_number": a["assetId"], "serial_number": anon(a["serial"]),
            "owner": anon(joined(" ", cus.get("name"), cus.get("staffNo"))),
            "contact_phone": anon(joined(" / ", cus.get("mobile"), cus.get("email"))),
            "notes": anon(joined(" | ", f"SW {a['software']}" if a.get("software") else None, a.get("notes"))),
            "last_modified_by": anon(a["audit"]["modifiedBy"])})
        pkg["sites"].append({"name": anon(loc["station"]["name"])})
        pkg["locations"].append({"name": anon(loc_name), "room": anon(veh.get("reg") or ""),
                                 "department": anon(veh.get("type") or "")})
        pkg["manufacturers"].append({"name": anon(a["make"])})
        pkg["device_models"].append({"name": anon(a["model"]), "device_type": anon(a["category"])})
    for j in read_lines(export, "jobs.jsonl"):
        rep, veh, inc = j.get("reportedBy") or {}, j.get("vehicle") or {}, j.get("incident") or {}
        log = "\n".join(joined(" ", u["at"], u.get("by"), u["text"]) for u in j.get("updates") or [])
        pkg["jobs"].append({
            "job_number": j["jobId"],
            "fault_description": anon(joined(" | ", veh.get("callSign") and f"Call sign {veh['callSign']}",
                                             inc.get("cad") and f"CAD {inc['cad']}", j["fault"])),
            "outcome": anon(joined("\n", j.get("workDone"), log)), "engineer": anon(j.get("engineer") or ""),
            "requested_by": anon(joined(" ", rep.get("name"), rep.get("collarNo"))),
            "requester_phone": anon(rep.get("phone") or "")})
        if rep:
            pkg["contacts"].append({"name": anon(rep["name"]), "job_title": anon(rep["role"])})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev8", argv)


if __name__ == "__main__":
    sys.exit(main())
