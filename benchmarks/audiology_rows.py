"""The builder of `audiology_export.py`, the files' names and each split's tables and columns, and the equipment
register (the department's test kit and booths, and every hearing aid, bone-conduction processor and radio-aid kit
it has issued, with the patient it is issued to: dev22 in the register's own columns, fresh20 in a client table the
register points at). Every cell holding a planted value is written through the truth writer; a writer keeps their
case."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import audiology_kit as kx
import audiology_scene as sc_
import audiology_text
from clinical_export import Writer
from export_common import Person, Piece, groups, held_out_people, mine, shaped

SPLITS = ("dev22", "fresh20")
# The files: the register, the repair and battery log, the quality records / the makers' repair portal
REGISTER = {"dev22": "AudEquip_Register.csv", "fresh20": "AudTrack.sqlite3"}
REPAIRS = {"dev22": "HA_Repairs_Batteries.xlsx", "fresh20": "Repairs_Tracker.xlsm"}
RECORDS = {"dev22": "audiology_qa.sql", "fresh20": "manufacturer_rma.ndjson"}
BANNER = {"dev22": 4, "fresh20": 1}  # title rows above a header: dev22 two a sheet, fresh20 the repair log's one
BANNER_LINES = {"dev22": {"repair": ["Hearing Aid Repairs - Adult & Paeds (New Cross / Manor) 2023-26"],
                          "battery": ["POSTAL BATTERY SERVICE", "Printed from shared drive 27/11/2026 08:14"]},
                "fresh20": {"repair": ["WHSCT Audiology - hearing aid repair tracker (enable macros to use buttons)"]}}
# merged group labels above the dev22 repair sheet's header: (label, first column, last column), 1-based
GROUP_ROW = [("PATIENT", 3, 8), ("HEARING AID", 9, 10), ("REPAIR", 11, 17), ("OFFICE", 18, 19)]
COLUMNS: dict[str, dict[str, tuple[str, dict[str, str]]]] = {
    "dev22": {
        "register": ("AudEquip_Register", {
            "tag": "Asset ID", "type": "Category", "maker": "Manufacturer", "model": "Model", "serial": "Serial No",
            "side": "Ear", "site": "Site", "clinic": "Department", "room": "Room", "status": "Status",
            "acquired": "Issue/Purchase Date", "due": "Cal Due", "pt": "Patient Name", "hosp": "Hospital No",
            "num": "NHS No", "dob": "DOB", "addr": "Patient Address", "pc": "Postcode", "tel": "Contact Tel",
            "carer": "Parent/Carer", "school": "School", "by": "Responsible/Issued By", "notes": "Notes",
            "user": "Last Updated By"}),
        "repair": ("Repairs", {
            "no": "Job No", "in": "Date In", "pt": "Patient Name", "num": "NHS No", "dob": "DOB",
            "addr": "Return Address", "pc": "Postcode", "tel": "Tel", "serial": "Aid S/N", "side": "L/R",
            "fault": "Fault Reported", "action": "Action Taken", "mref": "Mfr Ref", "status": "Status",
            "out": "Date Out", "how": "Returned By", "tech": "Tech", "notes": "Notes", "user": "Logged By"}),
        "battery": ("Postal Batteries", {
            "no": "Req No", "date": "Requested", "pt": "Patient", "num": "NHS Number", "addr": "Address",
            "pc": "Post Code", "size": "Battery", "packs": "Packs", "status": "Batt Status", "sent": "Sent",
            "by": "Sent By", "notes": "Comments"}),
        "staff": ("staff", {"id": "staff_id", "name": "full_name", "login": "username", "reg": "registration",
                            "mobile": "mobile", "email": "email"}),
        "cal": ("calibration", {
            "no": "cal_ref", "tag": "asset_no", "date": "cal_date", "stage": "stage", "std": "standard",
            "cert": "certificate_no", "result": "result", "readings": "readings", "eng": "engineer_id",
            "due": "next_due", "notes": "notes"}),
        "booth": ("booth_check", {
            "no": "check_ref", "tag": "booth_asset", "date": "checked_on", "booth": "booth", "ambient": "octave_levels",
            "result": "check_result", "by": "checked_by", "notes": "comments"}),
        "loan": ("radio_aid_loan", {
            "no": "loan_ref", "tag": "kit_asset", "out": "loaned_on", "due": "due_back", "back": "returned_on",
            "child": "child_name", "dob": "child_dob", "num": "nhs_no", "school": "school_name", "tod": "tod_name",
            "todtel": "tod_phone", "carer": "parent_carer", "carertel": "carer_phone", "status": "loan_status",
            "notes": "loan_notes"})},
    "fresh20": {
        "register": ("device", {
            "tag": "tag", "type": "device_type", "maker": "make", "model": "model_name", "serial": "serial_no",
            "side": "ear", "site": "hospital", "clinic": "service", "room": "location", "status": "state",
            "acquired": "fitted_or_bought", "due": "calibration_due", "client": "client_id", "by": "fitted_by",
            "notes": "device_notes", "user": "modified_by"}),
        "client": ("client", {
            "id": "client_id", "title": "title", "first": "forename", "last": "surname", "num": "hc_number",
            "hosp": "hospital_no", "dob": "date_of_birth", "addr1": "address_1", "addr2": "address_2",
            "town": "town", "pc": "postcode", "tel": "home_tel", "mob": "mobile_no", "carer": "carer_name",
            "carertel": "carer_tel", "school": "school", "gp": "gp_practice", "alerts": "alerts"}),
        "cal": ("cal_record", {
            "no": "cal_no", "tag": "device_tag", "date": "done_on", "stage": "check_type", "std": "to_standard",
            "cert": "cert_ref", "result": "outcome", "readings": "measurements", "eng": "done_by",
            "due": "due_next", "notes": "remarks"}),
        "repair": ("Repair Log", {
            "no": "Ref", "in": "Received", "pt": "Client", "num": "H&C", "addr": "Send back to", "tel": "Contact no",
            "serial": "Serial", "side": "Which ear", "fault": "Problem", "action": "Work done", "mref": "Maker ref",
            "status": "Stage", "out": "Completed", "tech": "Repaired by", "notes": "Comments / calls"}),
        "battery": ("Batteries", {
            "no": "No.", "date": "Date", "pt": "Name", "num": "H+C No", "addr": "Address (incl postcode)",
            "size": "Size", "packs": "Qty", "status": "Done?", "by": "Initials", "notes": "Note"}),
        "loan": ("FM Loans", {
            "no": "Loan", "tag": "Kit", "out": "Out", "due": "Due", "back": "Back", "child": "Child",
            "dob": "D.O.B.", "num": "H&C No.", "school": "School attended", "tod": "Teacher",
            "carer": "Parent/Guardian",
            "carertel": "Phone", "status": "Loan state", "notes": "Remarks"}),
        "rma": ("manufacturer_rma", {
            "no": "orderNo", "created": "created", "maker": "manufacturer", "serial": "device.serial",
            "model": "device.model", "enduser": "endUser.name", "clinicref": "endUser.clinicRef",
            "account": "clinic.account", "clinic": "clinic.name", "status": "status", "code": "fault.code",
            "text": "fault.text", "notes": "events"})},
}
FILE_OF = {"register": REGISTER, "client": REGISTER, "cal": {"dev22": RECORDS["dev22"], "fresh20": REGISTER["fresh20"]},
           "repair": REPAIRS, "battery": REPAIRS, "loan": {"dev22": RECORDS["dev22"], "fresh20": REPAIRS["fresh20"]},
           "staff": RECORDS, "booth": RECORDS, "rma": RECORDS}
JOB_ROLES = {"dev22": ("repair", "battery", "cal", "booth", "loan"), "fresh20": ("repair", "battery", "cal", "loan",
                                                                               "rma")}
ASSET_FITS = {"kit": [0, 1, 2, 3, 4, 5], "aid": [6, 7, 8, 9, 10, 11, 16, 17], "radio": [12, 13, 14, 15]}


def table_file(split: str, role: str) -> str:
    """The truth's `file` of a table: the workbook's sheet, the dump's or database's table, or the flat file."""
    file, name = FILE_OF[role][split], COLUMNS[split][role][0]
    return file if file.endswith((".csv", ".ndjson")) else f"{file}:{name}"


class Builder:
    """The split's people and scene, the truth writer and every file's rows."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.split = split
        self.rng = random.Random(f"audiology-{split}-{seed}")
        self.groups = groups(held_out_people(sc_.people, "dev22", split, seed, rows), sc_.GROUPS, "patient", 3)
        self.scene = sc_.Scene(self.rng, split, self.groups)
        self.tx = audiology_text.TEXT[split]
        self.w = Writer()
        self.t: dict[str, list[dict[str, Any]]] = {role: [] for role in COLUMNS[split]}
        self.assets: list[dict[str, Any]] = []
        self.clients: dict[Person, int] = {}
        self.pieces: dict[Person, dict[str, list[Piece]]] = {}

    def style(self, p: Person) -> str:
        """A writer's case, the same on every row: some type in lower case, a few in capitals."""
        lower, upper = (0.3, 0.36) if self.split == "dev22" else (0.08, 0.2)
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
        sc.patient = patient or a.get("patient") or self.rng.choice(self.groups["patient"])
        sc.eng, sc.tod = self.rng.choice(self.groups["eng"]), self.rng.choice(self.groups["tod"])
        sc.battery = ""

    def moment(self, first: int = 2022) -> dt.datetime:
        rng = self.rng
        d = min(dt.date(rng.randrange(first, 2027), rng.randrange(1, 13), rng.randrange(1, 29)), kx.END)
        return dt.datetime.combine(d, dt.time(rng.randrange(8, 18), rng.randrange(60)))

    def make_assets(self, count: int) -> None:
        rng, split, v, sc = self.rng, self.split, self.scene.v, self.scene
        kinds = list(kx.KIND_WEIGHT)
        seen: set[str] = set()
        patients = self.groups["patient"]
        children = [p for p in patients if sc.child(p)] or patients[:2]
        for i in range(count):
            item = kinds[i] if i < len(kinds) else rng.choices(kinds, [kx.KIND_WEIGHT[k] for k in kinds])[0]
            tag = shaped(rng, kx.ASSET_NO[split])
            serial = ""
            while tag in seen:
                tag = shaped(rng, kx.ASSET_NO[split])
            maker, model = rng.choice([(m, md) for m, models in kx.KIT for md, t in models if t == item])
            while not serial or serial in seen:
                serial = kx.serial(rng, maker)
            seen |= {tag, serial}
            a: dict[str, Any] = {"tag": tag, "maker": maker, "model": model, "item": item, "serial": serial,
                                 "bought": self.moment(2014).date(), "side": "",
                                 "site": rng.choice(v.HOSPITALS[:2]) if rng.random() < 0.8 else rng.choice(v.HOSPITALS),
                                 "clinic": rng.choice(v.CLINICS), "room": "", "patient": None}
            prev = self.assets[-1] if self.assets else None
            if item == kx.RADIO:
                a["patient"] = rng.choice(children)
            elif item in kx.ISSUED:
                if prev and prev["item"] == item and prev["side"] == "L" and rng.random() < 0.7:
                    a.update(patient=prev["patient"], side="R", model=prev["model"], maker=prev["maker"],
                             clinic=prev["clinic"], site=prev["site"])
                else:
                    a.update(patient=rng.choice(patients), side=rng.choice(["L", "L", "R"]))
            else:
                a["room"] = sc.place(rng.choice(v.BOOTHS if item == kx.BOOTH else v.ROOMS))
            codes = list(kx.STATUS[split])
            a["status"] = codes[1] if item in kx.ISSUED else codes[5] if item == kx.RADIO else \
                rng.choices([codes[0], codes[2], codes[3], codes[4], codes[6]], [80, 5, 5, 6, 4])[0]
            self.assets.append(a)

    def kept(self, file: str, i: int, column: str, kind: str, value: str, entity: str) -> str:
        return str(self.w.cell([(value, kind, False)], file, i, column, (entity, value)))

    def register_rows(self) -> None:
        """The register (dev22 with the patient in its own columns; fresh20 pointing at the client table)."""
        import audiology_people

        rng, split, sc = self.rng, self.split, self.scene
        file, cols = table_file(split, "register"), COLUMNS[split]["register"][1]
        for i, a in enumerate(self.assets, start=1):
            self.about(a, dt.datetime.combine(a["bought"], dt.time(10)))
            rec = ("assets", a["tag"])

            def put(role: str, pieces: list[Piece], i: int = i, rec: tuple[str, str] = rec) -> str:
                return str(self.w.cell(pieces, file, i, cols[role], rec))
            due = a["bought"].replace(year=min(a["bought"].year + rng.randrange(1, 14), 2027)) \
                if a["item"] in (*kx.TEST_KIT, kx.BOOTH) else None
            row: dict[str, Any] = {
                "id": i, "tag": a["tag"], "serial": a["serial"], "status": a["status"], "side": a["side"],
                "maker": self.kept(file, i, cols["maker"], "maker", a["maker"], "manufacturers"),
                "model": self.kept(file, i, cols["model"], "model", a["model"], "device_models"),
                "type": self.kept(file, i, cols["type"], "device_type", a["item"], "device_models"),
                "site": self.kept(file, i, cols["site"], "hospital", a["site"], "locations"),
                "clinic": self.kept(file, i, cols["clinic"], "clinic", a["clinic"], "locations"),
                "acquired": f"{a['bought']:%d/%m/%Y}" if split == "dev22" else a["bought"].isoformat(),
                "due": (f"{due:%d/%m/%Y}" if split == "dev22" else due.isoformat()) if due else None}
            if a["room"]:
                row["room"] = self.kept(file, i, cols["room"], "booth" if a["item"] == kx.BOOTH else "room",
                                        a["room"], "locations")
            fits = "aid" if a["item"] in kx.ISSUED else "radio" if a["item"] == kx.RADIO else "kit"
            if fits != "kit" or rng.random() < 0.7:
                sep = "\r\n" if split == "dev22" and rng.random() < 0.3 else None
                writer = rng.choice(self.groups["aud" if fits != "kit" else rng.choice(["eng", "tech"])])
                row["notes"] = put("notes", self.notes("ASSET_NOTE", writer, 2, ASSET_FITS[fits], sep))
            if fits == "kit":
                keeper = rng.choice(self.groups["aud"] + self.groups["tech"])
                row["by"] = put("by", sc.staff("aud", keeper))
                if split == "dev22" and rng.random() < 0.6:
                    # an extension typed into the phone column is written, not scored: the column is a person field
                    row["tel"] = put("tel", mine("phone", sc.work_mobile(keeper)) if rng.random() < 0.4 else
                                     [kx.extension(rng, split)])
            else:
                row["by"] = put("by", sc.staff("aud", rng.choice(self.groups["aud"])))
                if split == "dev22":
                    audiology_people.patient_columns(self, a, row, put)
                else:
                    row["client"] = audiology_people.client_row(self, a)
            if rng.random() < 0.9:
                clerk = rng.choice(self.groups["aud"] + self.groups["admin"])
                row["user"] = put("user", mine("login", sc.login(clerk)))
            self.t["register"].append(row)
