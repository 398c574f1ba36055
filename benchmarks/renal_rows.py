"""The rows of `renal_export.py`: the fleet portal's register (every machine at a unit or in a patient's home, the
patient, the home's access and the last middleware user folded in), the renal IT system's extract (home installs and
removals, water-quality sampling, disinfection, home visits) and the third file (dev18 the technicians' .xlsx log,
fresh16 the POCT middleware's CSV events): breakdowns, planned maintenance, POCT QC failures, operator lock-outs.
Every cell holding a planted value is written through the truth writer; a writer keeps their case across rows."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import renal_kit as kx
import renal_scene as rs
from clinical_export import Writer
from export_common import Person, Piece, groups, held_out_people, mine, n, ref, shaped

SPLITS = ("dev18", "fresh16")
FLEET = {"dev18": "fleet_portal.parquet", "fresh16": "fleet_export.parquet"}
EXTRACT = {"dev18": "renal_it_extract.txt", "fresh16": "rits_jobs.psv"}
THIRD = {"dev18": "tech_log.xlsx", "fresh16": "poct_middleware.csv"}
SHEET = "Log"
# Column roles -> each split's header.
FLEET_COLS = {split: dict(zip(["tag", "serial", "maker", "model", "type", "loc", "status", "patient", "hosp", "num",
                               "dob", "addr", "pc", "phone", "access", "notes", "user", "version", "installed"],
                              names, strict=True)) for split, names in (
    ("dev18", ["deviceId", "serialNumber", "manufacturer", "model", "deviceType", "site", "status",
               "assignedPatient", "patientHospitalNo", "patientNhsNo", "patientDob", "installAddress", "postcode",
               "contactPhone", "accessNotes", "clinicalNotes", "lastUser", "swVersion", "commissionedOn"]),
    ("fresh16", ["ASSET_REF", "SERIAL_NO", "VENDOR", "MODEL_NAME", "CATEGORY", "LOCATION_NAME", "STATE",
                 "CLIENT_NAME", "MRN", "HC_NUMBER", "BIRTH_DATE", "ADDRESS_1", "POST_CODE", "PHONE_1", "ACCESS_INFO",
                 "REMARKS", "LAST_LOGIN", "FIRMWARE", "INSTALL_DATE"]))}
EXTRACT_COLS = {split: dict(zip(["no", "asset", "type", "status", "raised", "closed", "patient", "tel", "desc",
                                 "outcome", "staff", "user"], names, strict=True)) for split, names in (
    ("dev18", ["JOB_ID", "DEVICE", "JOB_TYPE", "STATUS", "RAISED", "CLOSED", "PATIENT", "CONTACT_TEL",
               "DESCRIPTION", "OUTCOME", "STAFF", "USER_ID"]),
    ("fresh16", ["Ref", "AssetRef", "Kind", "State", "Opened", "Closed", "ClientName", "Phone", "Detail", "Result",
                 "Officer", "Operator"]))}
THIRD_COLS = {split: dict(zip(["no", "when", "asset", "type", "fault", "work", "tech", "reporter", "tel", "status",
                               "hours", "ini"], names, strict=True)) for split, names in (
    ("dev18", ["Ref", "Date", "Asset", "Type", "Fault", "Work done", "Tech", "Reported by", "Ext/Tel", "Status",
               "Hrs", "Initials"]),
    ("fresh16", ["EventID", "Timestamp", "DeviceRef", "EventType", "Message", "Action", "AckBy", "RaisedBy",
                 "Callback", "Outcome", "Minutes", "Sign"]))}

# The templates of `renal_text`'s EX_DESC and LOG_FAULT that fit each job type (by its place in `renal_kit`'s codes).
EX_FITS = {0: [0], 1: [1], 2: [2, 3, 6], 3: [4], 4: [5]}
LOG_FITS = {0: [2, 5], 1: [0, 2, 5], 2: [1, 4], 3: [3], 4: [5, 1]}


def moment(rng: random.Random, first: int = 2019) -> dt.datetime:
    d = min(dt.date(rng.randrange(first, 2026), rng.randrange(1, 13), rng.randrange(1, 29)), kx.END)
    return dt.datetime.combine(d, dt.time(rng.randrange(7, 20), rng.randrange(60)))


class Builder:
    """The split's people and scene, the truth writer and every file's rows."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.split = split
        self.rng = random.Random(f"renal-{split}-{seed}")
        self.groups = groups(held_out_people(rs.people, "dev18", split, seed, rows), rs.GROUPS, "patient", 3)
        self.scene = rs.Scene(self.rng, split, self.groups)
        self.tx = rs.renal_text.TEXT[split]
        self.w = Writer()
        self.assets: list[dict[str, Any]] = []
        self.fleet: list[dict[str, Any]] = []
        self.extract: list[dict[str, str]] = []
        self.third: list[dict[str, Any]] = []

    def style(self, p: Person) -> str:
        lower, upper = (0.15, 0.3) if self.split == "dev18" else (0.08, 0.3)
        return str(self.scene.known("case", p, lambda: (lambda r: "lower" if r < lower else "upper" if r < upper
                                                        else "")(self.rng.random())))

    def note(self, family: str, writer: Person, which: list[int] | None = None) -> list[Piece]:
        """A template of the family (of its `which` templates, when the job's type says which fit)."""
        self.scene.writer = writer
        templates = self.tx[family]
        return self.scene.fill(templates[self.rng.choice(which)] if which else self.rng.choice(templates),
                               self.style(writer))

    def about(self, a: dict[str, Any], year: int) -> None:
        sc = self.scene
        sc.asset, sc.year = a, year
        sc.patient = a["patient"] or sc.patient
        sc.operator = self.rng.choice(self.groups["operator"])
        sc.nurse = a["nurse"]

    # --- the fleet register ----------------------------------------------------------------------------------
    def make_assets(self, count: int) -> None:
        rng, split, v = self.rng, self.split, self.scene.v
        seen: set[str] = set()
        patients = list(self.groups["patient"])
        rng.shuffle(patients)
        kinds = list(kx.TYPE_WEIGHT)
        codes = list(kx.STATUS[split])
        for i in range(count):
            item = rng.choices(kinds, [kx.TYPE_WEIGHT[k] for k in kinds])[0]
            home = item in kx.HOME_KINDS and rng.random() < 0.85
            tag = shaped(rng, kx.ASSET_NO[split])
            while tag in seen:
                tag = shaped(rng, kx.ASSET_NO[split])
            seen.add(tag)
            maker, model = rng.choice([(m, md) for m, models in kx.KIT for md, t in models if t == item])
            status = codes[1] if home else rng.choices([codes[0], *codes[2:]], [80, 8, 8, 4])[0]
            self.assets.append({"tag": tag, "maker": maker, "model": model, "item": item,
                                "serial": kx.serial(rng, maker), "status": status,
                                "patient": patients[i % len(patients)] if home else None,
                                "unit": rng.choice(v.UNITS), "nurse": rng.choice(self.groups["nurse"]),
                                "installed": moment(rng, 2016).date()})

    def fleet_rows(self) -> None:
        rng, split, sc = self.rng, self.split, self.scene
        k = FLEET_COLS[split]
        for row, a in enumerate(self.assets, start=1):
            self.about(a, a["installed"].year)
            rec = ("assets", a["tag"])

            def put(column: str, pieces: list[Piece], row: int = row, rec: tuple[str, str] = rec) -> str:
                return str(self.w.cell(pieces, FLEET[split], row, k[column], rec))
            def kept(column: str, kind: str, value: str, entity: str, row: int = row) -> str:
                """A value of a reference column: kept when any row of its derived entity holds it."""
                return str(self.w.cell([(value, kind, False)], FLEET[split], row, k[column], (entity, value)))
            home = a["patient"] is not None
            out: dict[str, Any] = {k["tag"]: a["tag"], k["serial"]: a["serial"],
                                   k["maker"]: kept("maker", "maker", a["maker"], "manufacturers"),
                                   k["model"]: kept("model", "model", a["model"], "device_models"),
                                   k["type"]: a["item"], k["status"]: a["status"], k["installed"]: a["installed"],
                                   k["loc"]: kept("loc", "location" if home else "unit",
                                                  sc.v.HOME_LOCATION if home else a["unit"], "locations")}
            out[k["version"]] = put("version", ref("software_version", rng.choice(kx.VERSIONS)))
            for col in ("patient", "hosp", "num", "dob", "addr", "pc", "phone", "access", "user", "notes"):
                out[k[col]] = None
            if home:
                out[k["patient"]] = put("patient", sc.pt())
                out[k["hosp"]] = put("hosp", mine("hospital_number", sc.hosp()))
                out[k["num"]] = put("num", mine("nhs", sc.number())) if rng.random() < 0.9 else None
                out[k["dob"]] = put("dob", mine("dob", sc.dob()))
                out[k["addr"]] = put("addr", sc.address())
                out[k["pc"]] = put("pc", mine("postcode", sc.home(sc.patient)["pc"]))
                out[k["phone"]] = put("phone", mine("phone", rng.choice([sc.mobile, sc.landline])(sc.patient)))
                out[k["access"]] = put("access", sc.fill(rng.choice(self.tx["ACCESS"])))
                out[k["notes"]] = put("notes", self.note("HOME_NOTE", a["nurse"]))
            else:
                family = "POCT_NOTE" if a["item"] == kx.POCT else "UNIT_NOTE"
                if rng.random() < 0.8:
                    out[k["notes"]] = put("notes", self.note(family, rng.choice(self.groups["tech"])))
                if a["item"] == kx.POCT or rng.random() < 0.2:
                    out[k["user"]] = put("user", mine("login", sc.login(sc.operator)))
            self.fleet.append(out)

    # --- the renal IT extract ---------------------------------------------------------------------------------
    def extract_rows(self, count: int, first: int) -> None:
        rng, split, sc = self.rng, self.split, self.scene
        k = EXTRACT_COLS[split]
        homes = [a for a in self.assets if a["patient"] is not None] or self.assets
        plants = [a for a in self.assets if a["item"] in (kx.RO, kx.PRO)] or self.assets
        line0 = 3 if split == "fresh16" else 2  # fresh16's banner line above the header
        types, states = list(kx.EXTRACT_TYPE[split]), list(kx.EXTRACT_STATUS[split])
        for i, raised in enumerate(sorted(moment(rng) for _ in range(count))):
            number = kx.EXTRACT_NO[split].format(n=first + 3 * i + rng.randrange(3))
            jtype = rng.choice(types)
            t = types.index(jtype)
            a = rng.choice(plants) if t == 2 or (t == 3 and rng.random() < 0.5) else rng.choice(homes)
            self.about(a, raised.year)
            which = EX_FITS[t] if a["patient"] is not None or t != 2 else [2, 6]
            rec, row = ("jobs", number), line0 + i

            def put(column: str, pieces: list[Piece], row: int = row, rec: tuple[str, str] = rec) -> str:
                return str(self.w.cell(pieces, EXTRACT[split], row, k[column], rec))
            status = rng.choices(states, [80, 15, 5])[0]
            closed = max(raised, min(raised + dt.timedelta(days=rng.randrange(0, 20)),
                                     dt.datetime.combine(kx.END, dt.time(18))))
            staff = rng.choice(self.groups["tech"] + self.groups["nurse"])
            fmt = "%Y-%m-%d %H:%M:%S" if split == "dev18" else "%d/%m/%Y %H:%M"
            patient = a["patient"] is not None
            self.extract.append({
                k["no"]: number, k["asset"]: a["tag"], k["type"]: jtype, k["status"]: status,
                k["raised"]: raised.strftime(fmt), k["closed"]: closed.strftime(fmt) if status == states[0] else "",
                k["patient"]: put("patient", sc.pt()) if patient else "",
                k["tel"]: put("tel", mine("phone", sc.landline(sc.patient))) if patient and rng.random() < 0.7 else "",
                k["desc"]: put("desc", self.note("EX_DESC", staff, which)),
                k["outcome"]: put("outcome", self.note("EX_OUT", staff)) if status == states[0] else "",
                k["staff"]: put("staff", sc.staff("tech" if staff in self.groups["tech"] else "nurse", staff)),
                k["user"]: put("user", mine("login", sc.login(staff))),
            })

    # --- the technicians' log (dev18) or the POCT middleware's events (fresh16) --------------------------------
    def third_rows(self, count: int, first: int) -> None:
        rng, split, sc = self.rng, self.split, self.scene
        k = THIRD_COLS[split]
        name = f"{THIRD[split]}:{SHEET}" if split == "dev18" else THIRD[split]
        types, states = list(kx.LOG_TYPE[split]), list(kx.LOG_STATUS[split])
        unit_kit = [a for a in self.assets if a["patient"] is None] or self.assets
        poct = [a for a in unit_kit if a["item"] == kx.POCT] or unit_kit
        for i, when in enumerate(sorted(moment(rng) for _ in range(count))):
            number = kx.LOG_NO[split].format(n=first + 2 * i + rng.randrange(2))
            jtype = rng.choice(types)
            a = rng.choice(poct) if types.index(jtype) in (2, 3) else rng.choice(
                unit_kit if rng.random() < 0.8 else self.assets)
            self.about(a, when.year)
            if a["patient"] is None:
                self.scene.patient = rng.choice(self.groups["patient"])
            rec, row = ("jobs", number), i + 2

            def put(column: str, pieces: list[Piece], row: int = row, rec: tuple[str, str] = rec) -> str:
                return str(self.w.cell(pieces, name, row, k[column], rec))
            tech, reporter = rng.choice(self.groups["tech"]), rng.choice(self.groups["nurse"] + self.groups["admin"])
            status = rng.choices(states, [75, 10, 15])[0]
            done = kx.LOG_STATUS[split][status] == "completed"
            self.scene.writer = reporter
            rep: list[Piece] = sc.staff("nurse" if reporter in self.groups["nurse"] else "admin", reporter) \
                if rng.random() < 0.5 else [n(reporter[0]), " ", n(reporter[1])]
            out: dict[str, Any] = {
                k["no"]: number, k["asset"]: a["tag"] if rng.random() < 0.95 else a["tag"].lower(), k["type"]: jtype,
                k["status"]: status, k["hours"]: rng.choice([0.5, 1, 1.5, 2, 3]) if split == "dev18" else
                str(rng.choice([15, 30, 45, 60, 90])),
                k["fault"]: put("fault", self.note("LOG_FAULT", reporter, LOG_FITS[types.index(jtype)])),
                k["work"]: put("work", self._work(tech)) if done or rng.random() < 0.4 else "",
                k["tech"]: put("tech", sc.staff("tech", tech)),
                k["reporter"]: put("reporter", rep),
                k["tel"]: put("tel", mine("phone", sc.mobile(reporter))) if rng.random() < 0.5 else "",
                k["ini"]: put("ini", sc.initials(tech)) if done else "",
            }
            typed = split == "dev18" and rng.random() < 0.15  # a date typed as text, not a date cell
            out[k["when"]] = f"{when:%d/%m/%Y}" if typed else when if split == "dev18" else when.isoformat(
                timespec="seconds")
            self.third.append(out)

    def _work(self, tech: Person) -> list[Piece]:
        sc, rng = self.scene, self.rng
        sc.writer = tech
        case, sep = self.style(tech), rng.choice(self.tx["SEP"])
        parts = list(dict.fromkeys(rng.choice(self.tx["LOG_WORK"]) for _ in range(rng.choice([1, 1, 2, 3]))))
        out: list[Piece] = []
        for i, template in enumerate(parts):
            out += [sep] * bool(i) + sc.fill(template, case)
        return out
