"""The rows of `wheelchair_export.py`'s two SharePoint lists, every cell that holds a planted value written through
the truth writer: the equipment register (one row per item, the client it is issued to with their numbers, home, key
safe, carer and GP, the prescriber) and the repairs list (three jobs an item, reported by the client or a relative,
the repairer's engineers, their notes). A writer keeps their case and rich-text layout across their rows."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import wheelchair_kit as kx
import wheelchair_people as px
import wheelchair_sharepoint as sp
import wheelchair_text as tx
import wheelchair_vocab as vx
from clinical_export import Writer
from export_common import Person, Piece, groups, held_out_people, mine, n, plain, ref, shaped
from wheelchair_scene import Scene

WORKBOOK = "wheelchair_service.xlsx"
EQUIPMENT, REPAIRS = "owssvr", "Repairs"


_POWERED = re.compile(r"joystick|charg|powerchair|batter|cutting out|motor|controller|stops without|chair stops")


def fitting(rng: random.Random, templates: list[str], item: str) -> str:
    """A template about this kind of item: the powered chairs' faults only for a powered chair."""
    powered = "powered" in item.lower()
    return rng.choice([t for t in templates if powered or not _POWERED.search(t.lower())])


def moment(rng: random.Random, first: int = 2019) -> dt.datetime:
    d = min(dt.date(rng.randrange(first, 2026), rng.randrange(1, 13), rng.randrange(1, 29)), kx.END)
    return dt.datetime.combine(d, dt.time(rng.randrange(8, 18), rng.randrange(60), rng.randrange(60)))


class Builder:
    """The split's people and scene, the truth writer and both lists' rows."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.split = split
        self.rng = random.Random(f"wheelchair-{split}-{seed}")
        self.groups = groups(held_out_people(px.people, "dev16", split, seed, rows), px.GROUPS, "client", 3)
        self.scene = Scene(self.rng, split, self.groups)
        self.w = Writer()
        self.assets: list[dict[str, Any]] = []
        self.equipment: list[dict[str, Any]] = []
        self.repairs: list[dict[str, Any]] = []
        staff = [p for g in ("ther", "admin", "eng") for p in self.groups[g]]
        self.ids = {p: 7 + 3 * i + self.rng.randrange(3) for i, p in enumerate(staff)}  # the site's user ids

    def put(self, sheet: str, row: int, column: str, rec: tuple[str, str], pieces: list[Piece]) -> str:
        return str(self.w.cell(pieces, f"{WORKBOOK}:{sheet}", row, column, rec))

    def put_date(self, sheet: str, row: int, column: str, rec: tuple[str, str], d: dt.date, kind: str,
                 personal: bool) -> dt.datetime:
        """A date cell: the truth holds it as intake's reader writes it (ISO)."""
        self.w.truth.append({"value": d.isoformat(), "kind": kind, "personal": personal, "file": f"{WORKBOOK}:{sheet}",
                             "row": row, "column": column, "entity": rec[0], "key": rec[1], "before": ""})
        return dt.datetime.combine(d, dt.time())

    def style(self, p: Person) -> tuple[str, sp.Layout]:
        """How a writer types: the case and the rich-text layout."""
        def make() -> tuple[str, str]:
            r = self.rng.random()
            lower, upper = (0.35, 0.43) if self.split == "dev16" else (0.15, 0.3)
            case = "lower" if r < lower else "upper" if r < upper else ""
            return case, self.rng.choice(sorted(sp.LAYOUTS[self.split]))
        case, layout = self.scene.known("style", p, make)
        return str(case), sp.LAYOUTS[self.split][layout]

    # --- the equipment register -----------------------------------------------------------------------------
    def make_assets(self, count: int, jobs: list[str]) -> None:
        rng, split, sc = self.rng, self.split, self.scene
        seen: set[str] = set()
        while len(self.assets) < count:
            tag = shaped(rng, kx.ASSET_NO[split])
            if tag in seen:
                continue
            seen.add(tag)
            maker, models = rng.choice(kx.KIT)
            model, item = rng.choice(models)
            status = rng.choices(list(kx.STATUS), [70, 8, 5, 5, 3, 4, 4, 1])[0]
            client = rng.choice(self.groups["client"])
            loc = vx.OUT_WITH_CLIENT[split] if status == "Issued" else rng.choice(
                [v for v in vx.LOCATIONS[split] if v != vx.OUT_WITH_CLIENT[split]])
            self.assets.append({"tag": tag, "maker": maker, "model": model, "item": item, "status": status,
                                "size": rng.choice(kx.SIZES[kx.size_family(item)]), "loc": loc, "client": client,
                                "ther": sc.known("ther", client, lambda: rng.choice(self.groups["ther"])),
                                "serial": shaped(rng, rng.choice(kx.SERIAL))})
        sc.tags = [a["tag"] for a in self.assets]
        sc.jobs = jobs
        item_id = rng.randrange(3, 40)
        for i, a in enumerate(self.assets):
            item_id += rng.choice([1, 1, 1, 2, 5])
            self.equipment.append(self._equipment(i + 2, a, item_id))

    def _about(self, a: dict[str, Any]) -> None:
        sc = self.scene
        sc.asset, sc.client, sc.ther = a, a["client"], a["ther"]

    def _equipment(self, row: int, a: dict[str, Any], item_id: int) -> dict[str, Any]:
        rng, split, sc = self.rng, self.split, self.scene
        rec = ("assets", a["tag"])
        self._about(a)
        created = moment(rng, 2017)
        sc.year = created.year
        modified = min(created + dt.timedelta(days=rng.randrange(0, 900), hours=rng.randrange(0, 8)),
                       dt.datetime.combine(kx.END, dt.time(17)))

        def put(column: str, pieces: list[Piece], record: tuple[str, str] = rec) -> str:
            return self.put(EQUIPMENT, row, column, record, pieces)

        out: dict[str, Any] = {
            "Asset No": a["tag"] if rng.random() < 0.95 else a["tag"].lower(),
            "Item": put("Item", ref("item_type", a["item"]), ("device_models", a["item"])),
            "Make": put("Make", ref("maker", a["maker"]), ("manufacturers", a["maker"])),
            "Model": put("Model", ref("model", a["model"]), ("device_models", a["model"])),
            "Serial No": a["serial"], "Size / Config": put("Size / Config", ref("size", a["size"])),
            "Location": put("Location", ref("location", a["loc"]), ("locations", a["loc"])),
            "Status": a["status"],
            "Decontaminated": a["status"] != "Issued" and rng.random() < 0.8,
            "ID": item_id, "Created": created, "Modified": modified,
            "Created By": plain(sp.display(split, rng.choice(self.groups["admin"] + self.groups["ther"]))),
            "Modified By": put("Modified By", sp.display(split, rng.choice(self.groups["admin"] + [a["ther"]]))),
            "Item Type": put("Item Type", ref("list_item_type", "Item")),
            "Path": put("Path", ref("list_path", sp.path(split, 0))),
        }
        if a["status"] == "Issued" or rng.random() < 0.15:
            out.update(self._client(row, a, rec))
        if rng.random() < 0.65:
            writer = rng.choice([a["ther"], a["ther"], *self.groups["admin"]])
            sc.writer = writer
            case, layout = self.style(writer)
            out["Notes"] = put("Notes", sp.html(rng, sc.fill(rng.choice(tx.NOTES[split]), case), layout))
        return out

    def _client(self, row: int, a: dict[str, Any], rec: tuple[str, str]) -> dict[str, Any]:
        rng, split, sc = self.rng, self.split, self.scene
        home = sc.home(sc.client)

        def put(column: str, pieces: list[Piece]) -> str:
            return self.put(EQUIPMENT, row, column, rec, pieces)

        ks = ["\n", rng.choice(["Key safe ", "KS ", "keysafe: "] if split == "dev16" else
                               ["Key safe code ", "KS: ", "Keysafe "]), *mine("keysafe", home["ks"])] \
            if rng.random() < 0.45 else []
        (kg, ks_), word = sc.relative()
        carer: list[Piece] = rng.choice([[n(kg), f" ({word}) ", *mine("phone", sc.mobile((kg, ks_)))],
                                         [n(kg), " ", n(ks_), f" - {word} - ", *mine("phone", sc.mobile((kg, ks_)))],
                                         [f"{word} ", n(kg), " ", *mine("phone", sc.mobile((kg, ks_)))]])
        if rng.random() < 0.3:
            carer += ["\n" if split == "dev16" else " / ", *mine("email", sc.home_email((kg, ks_)))]
        issued = sc.day()
        typed = rng.random() < 0.2
        out: dict[str, Any] = {
            "Client": put("Client", sc.cl()), "NHS Number": put("NHS Number", mine("nhs", sc.nhs())),
            "Service No": put("Service No", mine("hospital_number", home["svc"])),
            "Client Address": put("Client Address", [*mine("address", home["street"]), "\n",
                                                     *ref("town", home["town"]), "\n", *mine("postcode", home["pc"]),
                                                     *ks]),
            "Client Tel": put("Client Tel", mine("phone", home["land"] if rng.random() < 0.5 else
                                                 sc.mobile(sc.client))),
            "Carer / Parent": put("Carer / Parent", carer) if rng.random() < 0.7 else "",
            "GP Practice": put("GP Practice", ref("gp_practice", sc.known(
                "gp", sc.client, lambda: rng.choice(vx.PRACTICES[split])))),
            "Prescriber": self.put(EQUIPMENT, row, "Prescriber", rec, sp.display(split, a["ther"])),
            "Prescriber Role": self._title(row, a["ther"]),
            "Issue Date": put("Issue Date", ref("date", f"{issued:%d/%m/%Y}")) if typed else
            self.put_date(EQUIPMENT, row, "Issue Date", rec, issued, "date", False),
            "Review Date": self.put_date(EQUIPMENT, row, "Review Date", rec,
                                         min(issued + dt.timedelta(days=365), kx.END), "date", False),
        }
        if rng.random() < 0.7:
            out["Date of Birth"] = self.put_date(EQUIPMENT, row, "Date of Birth", rec, sc.dob(sc.client), "dob", True)
        else:
            out["Date of Birth"] = put("Date of Birth", mine("dob", sc.typed_dob(sc.client)))
        return out

    def _title(self, row: int, p: Person) -> str:
        title = self.scene.known("title_of", p, lambda: self.rng.choice(vx.JOB_TITLES[self.split]))
        return self.put(EQUIPMENT, row, "Prescriber Role", ("contacts", title), ref("job_title", title))

    # --- the repairs list -----------------------------------------------------------------------------------
    def job_numbers(self, count: int) -> list[str]:
        rng = self.rng
        number = rng.randrange(100, 3000)
        out = []
        for i in range(count):
            number += rng.randrange(1, 4)
            yy = 19 + i * 7 // max(count, 1)
            out.append(kx.JOB_NO[self.split].format(n=number, yy=yy))
        return out

    def repair_rows(self, numbers: list[str]) -> None:
        rng = self.rng
        when = sorted(moment(rng) for _ in numbers)
        item_id = rng.randrange(2, 30)
        issued = [a for a in self.assets if a["status"] == "Issued"] or self.assets
        for i, (number, created) in enumerate(zip(numbers, when, strict=True)):
            self.scene.jobs = numbers[:i]
            item_id += rng.choice([1, 1, 1, 1, 2, 3])
            a = rng.choice(issued) if rng.random() < 0.85 else rng.choice(self.assets)
            self.repairs.append(self._repair(i + 2, number, created, a, item_id))

    def _repair(self, row: int, number: str, created: dt.datetime, a: dict[str, Any], item_id: int
                ) -> dict[str, Any]:
        rng, split, sc = self.rng, self.split, self.scene
        rec = ("jobs", number)
        self._about(a)
        sc.year = created.year

        def put(column: str, pieces: list[Piece]) -> str:
            return self.put(REPAIRS, row, column, rec, pieces)

        status = rng.choices(list(kx.JOB_STATUS), [6, 8, 6, 60, 15, 5])[0]
        attended = status in ("Completed", "Closed", "Awaiting parts")
        engineers = rng.sample(self.groups["eng"], 2 if rng.random() < 0.2 else 1)
        sc.eng = engineers[0]
        visit = min(created + dt.timedelta(days=rng.randrange(0, 21), hours=rng.randrange(0, 6)),
                    dt.datetime.combine(kx.END, dt.time(18)))
        taker = rng.choice(self.groups["admin"])
        sc.writer = taker
        case, _ = self.style(taker)
        fault = sc.fill(fitting(rng, tx.FAULT[split], a["item"]), case)
        if rng.random() < 0.25:
            fault += ["\n", *sc.fill(fitting(rng, tx.FAULT[split], a["item"]), case)]
        reporter = sc.fill(rng.choice(tx.REPORTED[split]))
        contact = rng.random()
        out: dict[str, Any] = {
            "Job No": number, "Asset No": a["tag"],
            "Job Type": rng.choice(list(kx.JOB_TYPE)), "Status": status,
            "Reported By": put("Reported By", reporter),
            "Contact No": put("Contact No", mine("phone", sc.mobile(sc.relative()[0]) if contact < 0.4 else
                                                 sc.mobile(sc.client) if contact < 0.7 else
                                                 sc.home(sc.client)["land"])) if contact < 0.9 else "",
            "Fault": put("Fault", fault),
            "Engineer": put("Engineer", sp.people_cell(split, rng, engineers, self.ids)),
            "Visit Date": visit if attended or status == "Booked" else None,
            "ID": item_id, "Created": created, "Modified": visit if attended else created,
            "Modified By": plain(sp.display(split, taker)),
            "Item Type": "Item", "Path": sp.path(split, 1),
        }
        guest = rng.random() < 0.3
        out["Created By"] = put("Created By", sp.claims(split, engineers[0] if guest else taker, guest))
        if attended:
            sc.writer = engineers[0]
            case, layout = self.style(engineers[0])
            out["Work Done"] = put("Work Done", sp.html(rng, sc.fill(fitting(rng, tx.WORK[split], a["item"]),
                                                                           case), layout))
            parts = [p for k in range(rng.choice([0, 1, 1, 2])) for p in
                     ("; " if k else "", rng.choice(kx.PARTS), " ", *ref("part_number",
                                                                          kx.part_number(rng, a["maker"])))]
            out["Parts Used"] = put("Parts Used", [p for p in parts if p != ""]) if parts else ""
            out["Cost"] = round(rng.uniform(15, 650), 2) if parts or rng.random() < 0.5 else None
            out["Signed Off"] = put("Signed Off", sc.initials(engineers[0]))
        return out
