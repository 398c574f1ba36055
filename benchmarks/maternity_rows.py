"""The builder of `maternity_export.py` and the rows of the medical physics (EBME) database: its locations, staff
and equipment tables (every device of the maternity and neonatal service; loaned breast pumps and TENS machines name
the woman they are with, community kit the midwife who holds it); the files' names and each split's table and column
names. Every cell holding a planted value is written through the truth writer; a writer keeps their case."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import maternity_kit as kx
import maternity_scene as ms
import maternity_text
from clinical_export import Writer
from export_common import Person, Piece, groups, held_out_people, mine, shaped

SPLITS = ("dev20", "fresh18")
ZIP = {"dev20": "ctg_central_export.zip", "fresh18": "CentralStationArchive.zip"}
# the central station's files inside the archive: dev20 one a year, fresh18 one a ward (-> the ward)
MEMBERS = {"dev20": {f"technical_events_{y}.jsonl": "" for y in range(2021, 2026)},
           "fresh18": {"AMH_LabourSuite.ndjson": "Labour Suite", "AMH_Triage.ndjson": "Triage",
                       "AMH_Ward306.ndjson": "Ward 306 Antenatal", "DGH_Skene.ndjson": "Skene Ward"}}
EPR = {"dev20": "maternity_epr_loans.csv", "fresh18": "loan_register_export.csv"}
DUMP = {"dev20": "medphys_maternity.sql", "fresh18": "ebme_neonatal.sql"}
BANNER = {"dev20": 0, "fresh18": 3}  # report title lines above the loan log's header (intake rejects them)
# The EBME database: table role -> (table name, {column role -> column name})
TABLES: dict[str, dict[str, tuple[str, dict[str, str]]]] = {split: {
    role: (name, dict(zip(roles, cols, strict=True))) for role, name, roles, cols in spec} for split, spec in (
    ("dev20", [
        ("loc", "locations", ["id", "site", "unit", "area"], ["loc_id", "site", "unit", "area"]),
        ("staff", "staff", ["id", "given", "surname", "title", "login", "bleep"],
         ["staff_id", "forename", "surname", "job_title", "login", "bleep"]),
        ("equip", "equipment", ["tag", "serial", "maker", "model", "type", "loc", "status", "bought", "keeper",
                                "tel", "notes", "user"],
         ["asset_tag", "serial_no", "manufacturer", "model", "category", "loc_id", "status", "purchased",
          "custodian", "custodian_tel", "notes", "updated_by"]),
        ("wo", "work_orders", ["no", "tag", "type", "status", "raised", "done", "caller", "contact", "fault", "eng",
                               "hours"],
         ["wo_no", "asset_tag", "wo_type", "wo_status", "raised", "completed", "reported_by", "contact", "fault",
          "engineer_id", "labour_hrs"]),
        ("log", "wo_log", ["id", "no", "at", "by", "text"], ["log_id", "wo_no", "logged", "initials", "entry"])]),
    ("fresh18", [
        ("loc", "Areas", ["id", "site", "unit", "area"], ["AreaID", "Hospital", "Department", "Space"]),
        ("staff", "Engineers", ["id", "given", "surname", "title", "login", "bleep"],
         ["EngID", "FirstName", "LastName", "Grade", "NetworkID", "Pager"]),
        ("equip", "Devices", ["id", "tag", "serial", "maker", "model", "type", "loc", "status", "bought", "keeper",
                              "tel", "notes", "user"],
         ["DeviceID", "Tag", "SerialNumber", "Make", "ModelName", "Class", "AreaID", "State", "Commissioned",
          "Keeper", "KeeperPhone", "Comments", "ChangedBy"]),
        ("wo", "Jobs", ["no", "tag", "type", "status", "raised", "done", "caller", "contact", "fault", "eng", "hours"],
         ["JobNo", "DeviceTag", "JobType", "JobState", "Logged", "Closed", "Caller", "CallerContact", "Problem",
          "EngID", "Hours"]),
        ("log", "JobNotes", ["id", "no", "at", "by", "text"], ["NoteID", "JobRef", "NoteTime", "By", "Note"])]))}
# ASSET_NOTE templates by what the device is and whether it is out with someone
ASSET_FITS = {"loan": [1, 8, 11], "community": [0, 9], "tags": [2, 12], "neonatal": [7], "any": [3, 4, 5, 6, 10]}


def moment(rng: random.Random, first: int = 2021) -> dt.datetime:
    d = min(dt.date(rng.randrange(first, 2026), rng.randrange(1, 13), rng.randrange(1, 29)), kx.END)
    return dt.datetime.combine(d, dt.time(rng.randrange(0, 24), rng.randrange(60)))


# a row's time from the mother's baby's birthday: (days from, days to) around it, by what the row is about
AROUND = {"labour": (-40, 1), "tens": (-14, 0), "postnatal": (0, 45), "any": (-30, 30)}


def dump_name(split: str, role: str) -> str:
    return f"{DUMP[split]}:{TABLES[split][role][0]}"


class Builder:
    """The split's people and scene, the truth writer and every file's rows."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.split = split
        self.rng = random.Random(f"maternity-{split}-{seed}")
        self.groups = groups(held_out_people(ms.people, "dev20", split, seed, rows), ms.GROUPS, "patient", 3)
        self.scene = ms.Scene(self.rng, split, self.groups)
        self.tx = maternity_text.TEXT[split]
        self.w = Writer()
        self.t: dict[str, list[dict[str, Any]]] = {role: [] for role in TABLES[split]}
        self.ctg: dict[str, list[dict[str, Any]]] = {m: [] for m in MEMBERS[split]}
        self.loans: list[dict[str, Any]] = []
        self.assets: list[dict[str, Any]] = []

    def style(self, p: Person) -> str:
        """A writer's case, the same on every row: some type in lower case, a few in capitals."""
        lower, upper = (0.12, 0.22) if self.split == "dev20" else (0.18, 0.3)
        return str(self.scene.known("case", p, lambda: (lambda r: "lower" if r < lower else "upper" if r < upper
                                                        else "")(self.rng.random())))

    def note(self, family: str, writer: Person, which: list[int] | None = None) -> list[Piece]:
        """A template of the family (of its `which` templates, when what the row is about says which fit)."""
        self.scene.writer = writer
        templates = self.tx[family]
        return self.scene.fill(templates[self.rng.choice(which)] if which else self.rng.choice(templates),
                               self.style(writer))

    def notes(self, family: str, writer: Person, most: int = 2, which: list[int] | None = None,
              sep: str | None = None) -> list[Piece]:
        """One to `most` different templates of a family joined as the writer does."""
        sep = sep if sep is not None else self.rng.choice(self.tx["SEP"])
        picks = self.rng.sample(which or range(len(self.tx[family])), self.rng.randint(1, min(most, len(which or
                                                                                            self.tx[family]))))
        out: list[Piece] = []
        for i, t in enumerate(picks):
            out += [sep] * bool(i) + self.note(family, writer, [t])
        return out

    def when_for(self, mother: Person, what: str, hours: tuple[int, int] = (0, 24)) -> dt.datetime:
        """When a row about a mother happens: around her baby's birthday, within the export's years."""
        lo, hi = AROUND[what]
        day = self.scene.born(mother) + dt.timedelta(days=self.rng.randint(lo, hi))
        day = min(max(day, dt.date(2021, 1, 1)), kx.END)
        return dt.datetime.combine(day, dt.time(self.rng.randrange(*hours), self.rng.randrange(60)))

    def about(self, a: dict[str, Any], when: dt.datetime, patient: Person | None = None) -> None:
        sc = self.scene
        sc.asset, sc.when = a, when
        sc.patient = patient or a.get("patient") or self.rng.choice(sc.mothers)

    # --- the EBME database: locations, staff, equipment -------------------------------------------------------------
    def locations(self) -> None:
        v = self.scene.v
        spots = [(h, u, "") for h in v.HOSPITALS[:2] for u in v.UNITS[:2]] + \
            [(v.HOSPITALS[0], "", w) for w in v.WARDS] + [(v.HOSPITALS[-1], v.UNITS[2], ""),
                                                           (v.HOSPITALS[0], v.UNITS[-1], "")]
        for i, (site, unit, area) in enumerate(spots, start=1):
            self.t["loc"].append({"id": i, "site": site, "unit": unit or None, "area": area or None})

    def staff_rows(self) -> None:
        sc, v = self.scene, self.scene.v
        for i, p in enumerate(self.groups["tech"], start=1):
            self.t["staff"].append({"id": i, "given": p[0], "surname": p[1], "person": p,
                                    "title": v.JOB_TITLES[7 if i % 3 else 8], "login": sc.login(p),
                                    "bleep": kx.extension(self.rng, self.split)})

    def make_assets(self, count: int) -> None:
        rng, split = self.rng, self.split
        kinds = list(kx.TYPE_WEIGHT)
        codes = list(kx.STATUS[split])
        seen: set[str] = set()
        serials: set[str] = set()
        for i in range(count):
            item = kinds[i] if i < len(kinds) else rng.choices(kinds, [kx.TYPE_WEIGHT[k] for k in kinds])[0]
            tag = shaped(rng, kx.ASSET_NO[split])
            while tag in seen:
                tag = shaped(rng, kx.ASSET_NO[split])
            seen.add(tag)
            maker, model = rng.choice([(m, md) for m, models in kx.KIT for md, t in models if t == item])
            serial = kx.serial(rng, maker)
            while serial in serials:
                serial = kx.serial(rng, maker)
            serials.add(serial)
            loanable = item in kx.LOANABLE
            status = rng.choices(codes, [60, 12, 8, 4, 16 if loanable else 0])[0]
            on_loan = kx.STATUS[split][status] == "on_loan"
            self.assets.append({"tag": tag, "maker": maker, "model": model, "item": item, "serial": serial,
                                "status": status, "bought": moment(rng, 2009).date(),
                                "patient": rng.choice(self.scene.mothers) if on_loan and item != kx.DOPPLER else None,
                                "loc": rng.choice(self.t["loc"])})

    def equipment_rows(self) -> None:
        rng, split, sc = self.rng, self.split, self.scene
        name, cols = TABLES[split]["equip"]
        file = f"{DUMP[split]}:{name}"
        for i, a in enumerate(self.assets, start=1):
            mother = a["patient"] or rng.choice(sc.mothers)
            self.about(a, self.when_for(mother, "postnatal" if a["patient"] else "any", (8, 18)), mother)
            rec = ("assets", a["tag"])

            def put(role: str, pieces: list[Piece], i: int = i, rec: tuple[str, str] = rec) -> str:
                return str(self.w.cell(pieces, file, i, cols[role], rec))

            def kept(role: str, kind: str, value: str, entity: str, i: int = i) -> str:
                return str(self.w.cell([(value, kind, False)], file, i, cols[role], (entity, value)))
            loc = a["loc"]
            row: dict[str, Any] = {"id": i, "tag": a["tag"], "serial": a["serial"], "status": a["status"],
                                   "maker": kept("maker", "maker", a["maker"], "manufacturers"),
                                   "model": kept("model", "model", a["model"], "device_models"),
                                   "type": kept("type", "device_type", a["item"], "device_models"),
                                   "loc": loc["id"], "bought": f"{a['bought']:%Y-%m-%d}" if self.split == "dev20"
                                   else f"{a['bought']:%d/%m/%Y}"}
            self._location_truth(loc)
            tech = rng.choice(self.groups["tech"])
            fits = "loan" if a["patient"] else "community" if a["item"] in (kx.DOPPLER, kx.SCALES) else \
                "tags" if a["item"] == kx.TAGS else "neonatal" if a["item"] in kx.NEONATAL and rng.random() < 0.3 \
                else "any"
            if a["patient"] or fits != "any" or rng.random() < 0.6:  # the notes box keeps line breaks now and then
                sep = ("\n" if split == "dev20" else "\r\n") if rng.random() < 0.4 else None
                row["notes"] = put("notes", self.notes("ASSET_NOTE", tech, 2, ASSET_FITS[fits], sep))
            if a["item"] in (kx.DOPPLER, kx.SCALES) or rng.random() < 0.25:
                group = "cmw" if a["item"] in (kx.DOPPLER, kx.SCALES) else "midwife"
                keeper = rng.choice(self.groups[group])
                row["keeper"] = put("keeper", sc.staff(group, keeper))
                row["tel"] = put("tel", mine("phone", sc.work_mobile(keeper)))
            elif rng.random() < 0.4:
                row["tel"] = kx.extension(rng, split)  # a ward's extension: no one's number, not scored
            if rng.random() < 0.85:
                row["user"] = put("user", mine("login", sc.login(rng.choice(self.groups["tech"]))))
            self.t["equip"].append(row)

    def _location_truth(self, loc: dict[str, Any]) -> None:
        """The asset's location, a kept value of the locations entity, read from the locations table's row."""
        name, cols = TABLES[self.split]["loc"]
        for role, kind in (("site", "hospital"), ("unit", "unit"), ("area", "ward")):
            if loc[role]:
                self.w.cell([(loc[role], kind, False)], f"{DUMP[self.split]}:{name}", loc["id"], cols[role],
                            ("locations", loc[role]))
