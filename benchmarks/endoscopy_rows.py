"""The builder of `endoscopy_export.py`, the files' names and each split's tables and columns, and the register of
the traceability system (every scope and every piece of decontamination kit, with its place, keeper, notes and
competency sign-offs). Every cell holding a planted value is written through the truth writer; a writer keeps their
case."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import endoscopy_kit as kx
import endoscopy_scene as es
import endoscopy_text
from clinical_export import Writer
from export_common import Person, Piece, groups, held_out_people, mine, ref, shaped

SPLITS = ("dev21", "fresh19")
# The three files: the traceability system, the washers' cycles, the unit's registers of repairs, water and look-backs
TRACE = {"dev21": "EndoTrace_Export.xlsx", "fresh19": "ScopeTrace.db"}
CYCLES = {"dev21": "AER_cycle_log.txt", "fresh19": "aer_runs.zip"}
RECORDS = {"dev21": "decon_registers.sql", "fresh19": "Decon_Registers.xls"}
BANNER = {"dev21": 2, "fresh19": 1}  # title rows above a header (dev21 the register sheet, fresh19 look-backs)
BANNER_LINES = {"dev21": ["EndoTrace 6 - Scope & Equipment Register", "Site filter: ALL   Printed 31/10/2025 07:02"],
                "fresh19": ["NHS BORDERS - SCOPE LOOK-BACK LOG (do not delete rows)"]}
ROLES = {
    "register": ["tag", "serial", "maker", "model", "type", "site", "unit", "room", "status", "bought", "keeper", "tel",
                 "notes", "user"],
    "use": ["no", "at", "serial", "room", "proc", "status", "name", "hosp", "num", "dob", "endo", "nurse", "cycle",
            "notes", "user"],
    "cycle": ["no", "washer", "prog", "start", "end", "serial", "leak", "result", "fault", "op", "opid", "auth",
              "notes"],
    "repair": ["no", "tag", "sent", "back", "status", "fault", "rma", "loan", "eng", "packed", "notes"],
    "water": ["no", "tag", "washer", "taken", "by", "sample", "result", "status", "lab", "labtel", "notes"],
    "lookback": ["no", "tag", "raised", "status", "datix", "by", "patients", "actions", "closed"],
    "fse": ["id", "name", "company", "mobile", "email"],
}
NAMES = {
    "dev21": {
        "register": ("Scope Register", ["Asset No", "Serial No", "Manufacturer", "Model", "Equipment Type", "Site",
                                        "Department", "Room/Area", "Status", "Commissioned", "Responsible Person",
                                        "Contact", "Notes", "Last Updated By"]),
        "use": ("Patient Use", ["Use ID", "Procedure Date", "Scope Serial", "Room", "Procedure", "Status",
                                "Patient Name", "Hospital No", "NHS No", "DOB", "Endoscopist", "Assisting Nurse",
                                "Decon Cycle", "Comments", "Entered By"]),
        "cycle": ("AER_cycle_log", ["Cycle No", "Machine", "Programme", "Start Time", "End Time", "Endoscope S/N",
                                    "Leak Test", "Result", "Fault Code", "Operator", "Operator ID", "Released By",
                                    "Comments"]),
        "repair": ("scope_repairs", ["repair_id", "asset_no", "date_sent", "date_returned", "repair_status",
                                     "fault_desc", "rma_ref", "loan_serial", "engineer_id", "packed_by", "notes"]),
        "water": ("water_samples", ["sample_ref", "washer_asset", "washer", "sampled_at", "sampled_by",
                                    "lab_sample_id", "tvc_result", "outcome", "lab_contact", "lab_phone",
                                    "comments"]),
        "lookback": ("lookbacks", ["lb_id", "asset_no", "opened", "lb_status", "datix_ref", "raised_by",
                                   "patients_affected", "actions", "closed"]),
        "fse": ("fse_contacts", ["fse_id", "full_name", "company", "mobile", "email"])},
    "fresh19": {
        "register": ("scope", ["barcode", "serial_no", "make", "model_name", "scope_type", "hospital", "dept",
                               "location", "state", "in_service", "owner_name", "owner_phone", "remarks",
                               "changed_by"]),
        "use": ("episode", ["episode_ref", "performed_at", "scope_sn", "proc_room", "procedure_name",
                            "episode_status", "pt_name", "unit_no", "chi_no", "birth_date", "endoscopist",
                            "scope_nurse", "reprocess_run", "episode_notes", "entered_by"]),
        "cycle": ("", ["run.id", "machine.name", "run.programme", "run.started", "run.finished", "scope.serial",
                       "leakCheck", "verdict", "machine.fault", "operator.name", "operator.badge", "releasedBy",
                       "log"]),
        "repair": ("Repairs", ["Job", "Barcode", "Sent", "Back", "Stage", "Problem", "Mfr Ref", "Loaner S/N",
                               "Engineer", "Boxed By", "Update"]),
        "water": ("Water Tests", ["Test", "Unit Tag", "AER", "Date Taken", "Taken By", "Lab No", "Count", "Pass/Fail",
                                  "Labs Contact", "Labs Tel", "Remarks"]),
        "lookback": ("Lookback", ["Ref", "Scope", "Opened", "St", "Incident", "Raised by", "Patients",
                                  "Actions", "Closed On"]),
        "fse": ("", [])},
}
TABLES: dict[str, dict[str, tuple[str, dict[str, str]]]] = {
    split: {role: (name, dict(zip(ROLES[role], cols, strict=False))) for role, (name, cols) in spec.items()}
    for split, spec in NAMES.items()}
# the fresh19 JSON lines: a file a washer (-> the washer's name)
MEMBERS = {"AER-A.jsonl": "AER-A", "AER-B.jsonl": "AER-B", "AER-C.jsonl": "AER-C", "B2.jsonl": "Reprocessor B2"}
# ASSET_NOTE templates by what the asset is
ASSET_FITS = {"scope": [0, 1, 2, 3, 4, 5], "decon": [6, 7, 8, 9, 10], "any": [3, 5, 9, 11]}


def table_file(split: str, role: str) -> str:
    """The truth's `file` of a table: the workbook's sheet, the dump's or database's table, the CSV."""
    name = TABLES[split][role][0]
    if role in ("register", "use"):
        return f"{TRACE[split]}:{name}"
    if role == "cycle":
        return CYCLES[split]
    return f"{RECORDS[split]}:{name}"


class Builder:
    """The split's people and scene, the truth writer and every file's rows."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.split = split
        self.rng = random.Random(f"endoscopy-{split}-{seed}")
        self.groups = groups(held_out_people(es.people, "dev21", split, seed, rows), es.GROUPS, "patient", 3)
        self.scene = es.Scene(self.rng, split, self.groups)
        self.tx = endoscopy_text.TEXT[split]
        self.w = Writer()
        self.t: dict[str, list[dict[str, Any]]] = {role: [] for role in ROLES}
        self.members: dict[str, list[dict[str, Any]]] = {m: [] for m in MEMBERS}
        self.assets: list[dict[str, Any]] = []

    def style(self, p: Person) -> str:
        """A writer's case, the same on every row: some type in lower case, a few in capitals."""
        lower, upper = (0.2, 0.26) if self.split == "dev21" else (0.1, 0.25)
        return str(self.scene.known("case", p, lambda: (lambda r: "lower" if r < lower else "upper" if r < upper
                                                        else "")(self.rng.random())))

    def note(self, family: str, writer: Person, which: list[int] | None = None) -> list[Piece]:
        self.scene.writer = writer
        templates = self.tx[family]
        return self.scene.fill(templates[self.rng.choice(which)] if which else self.rng.choice(templates),
                               self.style(writer))

    def notes(self, family: str, writer: Person, most: int = 2, which: list[int] | None = None,
              sep: str | None = None) -> list[Piece]:
        """One to `most` different templates of a family joined as the writer does."""
        sep = sep if sep is not None else self.rng.choice(self.tx["SEP"])
        pool = list(which or range(len(self.tx[family])))
        out: list[Piece] = []
        for i, t in enumerate(self.rng.sample(pool, self.rng.randint(1, min(most, len(pool))))):
            out += [sep] * bool(i) + self.note(family, writer, [t])
        return out

    def about(self, a: dict[str, Any], when: dt.datetime, patient: Person | None = None) -> None:
        sc = self.scene
        sc.asset, sc.when = a, when
        sc.patient = patient or self.rng.choice(self.groups["patient"])
        sc.field = a["fse"]
        sc.loan = ""
        sc.room = None

    def moment(self, first: int = 2021) -> dt.datetime:
        rng = self.rng
        d = min(dt.date(rng.randrange(first, 2026), rng.randrange(1, 13), rng.randrange(1, 29)), kx.END)
        return dt.datetime.combine(d, dt.time(rng.randrange(7, 20), rng.randrange(60)))

    def make_assets(self, count: int) -> None:
        rng, split, v = self.rng, self.split, self.scene.v
        kinds = list(kx.KIND_WEIGHT)
        codes = list(kx.STATUS[split])
        seen: set[str] = set()
        for i in range(count):
            item = kinds[i] if i < len(kinds) else rng.choices(kinds, [kx.KIND_WEIGHT[k] for k in kinds])[0]
            tag = shaped(rng, kx.ASSET_NO[split])
            while tag in seen:
                tag = shaped(rng, kx.ASSET_NO[split])
            maker, model = rng.choice([(m, md) for m, models in kx.KIT for md, t in models if t == item])
            serial = kx.serial(rng, maker)
            while serial in seen:
                serial = kx.serial(rng, maker)
            seen |= {tag, serial}
            self.assets.append({"tag": tag, "maker": maker, "model": model, "item": item, "serial": serial,
                                "status": rng.choices(codes, [70, 5, 6, 8, 4, 7])[0],
                                "bought": self.moment(2012).date(),
                                "site": rng.choice(v.HOSPITALS[:2]) if rng.random() < 0.85 else v.HOSPITALS[2],
                                "unit": rng.choice(v.UNITS), "room": self.scene.place(rng.choice(v.ROOMS)),
                                "fse": rng.choice(self.groups["field"])})

    def register_rows(self) -> None:
        rng, split, sc = self.rng, self.split, self.scene
        file, cols = table_file(split, "register"), TABLES[split]["register"][1]
        for i, a in enumerate(self.assets, start=1):
            self.about(a, self.moment(2022))
            rec = ("assets", a["tag"])

            def put(role: str, pieces: list[Piece], i: int = i, rec: tuple[str, str] = rec) -> str:
                return str(self.w.cell(pieces, file, i, cols[role], rec))

            def kept(role: str, kind: str, value: str, entity: str, i: int = i) -> str:
                return str(self.w.cell([(value, kind, False)], file, i, cols[role], (entity, value)))
            row: dict[str, Any] = {"id": i, "tag": a["tag"], "serial": a["serial"], "status": a["status"],
                                   "maker": kept("maker", "maker", a["maker"], "manufacturers"),
                                   "model": kept("model", "model", a["model"], "device_models"),
                                   "type": kept("type", "device_type", a["item"], "device_models"),
                                   "site": kept("site", "hospital", a["site"], "locations"),
                                   "unit": kept("unit", "unit", a["unit"], "locations"),
                                   "room": kept("room", "room", a["room"], "locations"),
                                   "bought": a["bought"] if split == "dev21" else f"{a['bought']:%d/%m/%Y}"}
            fits = "scope" if a["item"] in kx.SCOPES else "decon" if a["item"] in kx.DECON else "any"
            if fits != "any" or rng.random() < 0.6:
                sep = ("\n" if split == "dev21" else "\r\n") if rng.random() < 0.35 else None
                row["notes"] = put("notes", self.notes("ASSET_NOTE", rng.choice(self.groups["decon"]), 2,
                                                       ASSET_FITS[fits], sep))
            if fits == "decon" or rng.random() < 0.3:
                keeper = rng.choice(self.groups["decon" if fits == "decon" else "nurse"])
                row["keeper"] = put("keeper", sc.staff("decon" if fits == "decon" else "nurse", keeper))
                row["tel"] = put("tel", mine("phone", sc.work_mobile(keeper))) if rng.random() < 0.5 else \
                    put("tel", ref("extension", kx.extension(rng, split)))
            if rng.random() < 0.85:
                row["user"] = put("user", mine("login", sc.login(rng.choice(self.groups["decon"]))))
            self.t["register"].append(row)
