"""The rows of `sleep_export.py`'s device portal: every device of the loan pool with the patient it is on loan to (or
was last), the patient's names in several columns and forms, numbers, home and the physiologists' compliance notes;
the files' names and columns; the builder the jobs (`sleep_jobs`) share. Every cell holding a planted value is
written through the truth writer; a writer keeps their case across rows."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import sleep_kit as kx
import sleep_scene as ss
from clinical_export import Writer
from export_common import Person, Piece, groups, held_out_people, mine, n, ref, shaped

SPLITS = ("dev19", "fresh17")
PORTAL = {"dev19": "cloud_portal_devices.tsv", "fresh17": "remote_monitoring.tsv"}
LOANS = {"dev19": "loan_history.ndjson", "fresh17": "sleepdesk_jobs.ndjson"}
STORE = {"dev19": "loan_store.xls", "fresh17": "kit_movements.xls"}
SHEET = {"dev19": "Returns", "fresh17": "Movements"}
BANNER = {"dev19": 0, "fresh17": 2}  # title lines above the portal's header (intake rejects them)
# Column roles -> each split's header.
PORTAL_COLS = {split: dict(zip(
    ["tag", "serial", "model", "maker", "type", "mask", "set", "patient", "surname", "given", "dob", "hosp", "num",
     "phone", "email", "addr", "pc", "notes", "unit", "status", "setup", "fw", "user"], names, strict=True))
    for split, names in (
    ("dev19", ["Device ID", "Serial No", "Device Model", "Manufacturer", "Device Category", "Mask Interface",
               "Prescribed Settings", "Patient", "Last Name", "First Name", "Date of Birth", "Hospital Number",
               "NHS Number", "Telephone", "Email Address", "Home Address", "Postcode", "Compliance Notes", "Clinic",
               "Device Status", "Setup Date", "Firmware Version", "Last Updated By"]),
    ("fresh17", ["asset_code", "sn", "product", "brand", "class", "interface", "therapy_rx", "client_display",
                 "family_name", "known_as", "birth_date", "urn", "ss_no", "contact_no", "e_mail", "residence",
                 "post_code", "physiologist_remarks", "service_point", "state", "issued_on", "fw_rev", "edited_by"]))}
STORE_COLS = {split: dict(zip(
    ["no", "when", "asset", "item", "type", "patient", "party", "cref", "driver", "decon", "cleaner", "checker", "tel",
     "status", "notes"], names, strict=True)) for split, names in (
    ("dev19", ["Movement No", "Date", "Asset Tag", "Item", "Movement", "Patient", "Handed To/From", "Courier Ref",
               "Driver", "Decon", "Cleaned By", "Checked By", "Contact Tel", "Store Status", "Comments"]),
    ("fresh17", ["Ref", "When", "Kit Code", "Kit", "Action", "Client", "Given To / Received From", "Consignment",
                 "Van Driver", "Cleaning", "Cleaner", "Verified By", "Phone", "Result", "Remarks"]))}


def moment(rng: random.Random, first: int = 2019) -> dt.datetime:
    d = min(dt.date(rng.randrange(first, 2026), rng.randrange(1, 13), rng.randrange(1, 29)), kx.END)
    return dt.datetime.combine(d, dt.time(rng.randrange(8, 18), rng.randrange(60)))


class Builder:
    """The split's people and scene, the truth writer and every file's rows."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.split = split
        self.rng = random.Random(f"sleep-{split}-{seed}")
        self.groups = groups(held_out_people(ss.people, "dev19", split, seed, rows), ss.GROUPS, "patient", 3)
        self.scene = ss.Scene(self.rng, split, self.groups)
        self.tx = ss.sleep_text.TEXT[split]
        self.w = Writer()
        self.assets: list[dict[str, Any]] = []
        self.portal: list[dict[str, str]] = []
        self.loans: list[dict[str, Any]] = []
        self.store: list[dict[str, Any]] = []

    def style(self, p: Person) -> str:
        """A writer's case, the same on every row: some type in lower case, a few in capitals."""
        lower, upper = (0.12, 0.25) if self.split == "dev19" else (0.2, 0.3)
        return str(self.scene.known("case", p, lambda: (lambda r: "lower" if r < lower else "upper" if r < upper
                                                        else "")(self.rng.random())))

    def note(self, family: str, writer: Person, which: list[int] | None = None) -> list[Piece]:
        """A template of the family (of its `which` templates, when the job's type says which fit)."""
        self.scene.writer = writer
        templates = self.tx[family]
        return self.scene.fill(templates[self.rng.choice(which)] if which else self.rng.choice(templates),
                               self.style(writer))

    def notes(self, family: str, writer: Person, most: int = 2) -> list[Piece]:
        """One to `most` templates of a family joined as the writer does."""
        sep = self.rng.choice(self.tx["SEP"])
        out: list[Piece] = []
        for i in range(self.rng.randint(1, most)):
            out += [sep] * bool(i) + self.note(family, writer)
        return out

    def about(self, a: dict[str, Any], year: int) -> None:
        sc = self.scene
        sc.asset, sc.year = a, year
        sc.patient = a["patient"] or self.rng.choice(self.groups["patient"])

    # --- the device portal ----------------------------------------------------------------------------------
    def make_assets(self, count: int) -> None:
        rng, split, v = self.rng, self.split, self.scene.v
        seen: set[str] = set()
        patients = list(self.groups["patient"])
        rng.shuffle(patients)
        kinds = list(kx.TYPE_WEIGHT)
        codes = list(kx.STATUS[split])
        for i in range(count):
            item = rng.choices(kinds, [kx.TYPE_WEIGHT[k] for k in kinds])[0]
            tag = shaped(rng, kx.ASSET_NO[split])
            while tag in seen:
                tag = shaped(rng, kx.ASSET_NO[split])
            seen.add(tag)
            maker, model = rng.choice([(m, md) for m, models in kx.KIT for md, t in models if t == item])
            status = rng.choices(codes, [70, 10, 10, 6, 4])[0]
            on_loan = kx.STATUS[split][status] == "on_loan"
            therapy = item in kx.THERAPY
            self.assets.append({"tag": tag, "maker": maker, "model": model, "item": item,
                                "serial": kx.serial(rng, maker), "status": status,
                                "patient": patients[i % len(patients)] if on_loan else None,
                                "unit": rng.choice(v.UNITS), "physio": rng.choice(self.groups["physio"]),
                                "mask": kx.mask(rng, split) if therapy else None,
                                "setting": kx.setting(rng, split, item) if therapy else None,
                                "setup": moment(rng, 2017).date()})

    def portal_rows(self) -> None:
        rng, split, sc = self.rng, self.split, self.scene
        k = PORTAL_COLS[split]
        line0 = 2 + BANNER[split]  # the physical line of the first record
        for i, a in enumerate(self.assets):
            self.about(a, a["setup"].year)
            row, rec = line0 + i, ("assets", a["tag"])

            def put(column: str, pieces: list[Piece], row: int = row, rec: tuple[str, str] = rec) -> str:
                return str(self.w.cell(pieces, PORTAL[split], row, k[column], rec))

            def kept(column: str, kind: str, value: str, entity: str, row: int = row) -> str:
                """A value of a reference column: kept when any row of its derived entity holds it."""
                return str(self.w.cell([(value, kind, False)], PORTAL[split], row, k[column], (entity, value)))
            out = {c: "" for c in k.values()}
            out.update({k["tag"]: a["tag"], k["serial"]: a["serial"], k["status"]: a["status"],
                        k["maker"]: kept("maker", "maker", a["maker"], "manufacturers"),
                        k["model"]: kept("model", "model", a["model"], "device_models"),
                        k["type"]: kept("type", "device_type", a["item"], "device_models"),
                        k["unit"]: kept("unit", "unit", a["unit"], "locations"),
                        k["setup"]: f"{a['setup']:%d/%m/%Y}" if split == "dev19" else a["setup"].isoformat()})
            out[k["fw"]] = put("fw", ref("software_version", rng.choice(kx.VERSIONS)))
            if a["mask"]:
                out[k["mask"]] = put("mask", ref("mask", a["mask"]))
                out[k["set"]] = put("set", ref("setting", a["setting"]))
            if a["patient"] is not None:
                out.update(self._patient(put))
            if a["patient"] is not None or rng.random() < 0.4:
                out[k["notes"]] = put("notes", self.notes("PORTAL_NOTE", a["physio"]))
            if rng.random() < 0.85:
                who = rng.choice(self.groups["physio"])
                value = sc.login(who) if rng.random() < 0.75 else sc.staff_email(who)
                out[k["user"]] = put("user", mine("login" if "@" not in value else "email", value))
            self.portal.append(out)

    def _patient(self, put: Any) -> dict[str, str]:
        """The patient's cells: a display name in the split's forms, the surname and given name (or the name they
        are known by) apart, numbers, phone, e-mail, home."""
        rng, sc, split = self.rng, self.scene, self.split
        k = PORTAL_COLS[split]
        g, s = sc.patient
        cells: dict[str, str] = {}

        def cell(column: str, pieces: list[Piece]) -> None:
            cells[k[column]] = put(column, pieces)
        cell("patient", sc.pt())
        cell("surname", [n(s.upper() if rng.random() < 0.4 else s)])
        cell("given", [n(g if split == "dev19" or rng.random() < 0.5 else sc.v.NICKNAMES.get(g, g))])
        b = sc.home(sc.patient)["dob"]
        cell("dob", mine("dob", f"{b:%d/%m/%Y}" if split == "dev19" else b.isoformat()))
        cell("hosp", mine("hospital_number", sc.hosp()))
        if rng.random() < 0.88:
            cell("num", mine("nhs" if split == "dev19" else "national_id", sc.number()))
        cell("phone", mine("phone", rng.choice([sc.mobile, sc.landline])(sc.patient)))
        if rng.random() < 0.6:
            cell("email", mine("email", sc.home_email(sc.patient)))
        cell("addr", sc.address())
        cell("pc", mine("postcode", sc.home(sc.patient)["pc"]))
        return cells
