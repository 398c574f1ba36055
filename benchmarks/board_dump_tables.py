"""The tables of `board_dump_export.py` other than the work orders: sites, locations, staff, users, contacts,
settings, assets and their audit log (the application's rows and those a migration script carried over). A `Board`
holds the rows being built, the truth `Writer` and the scene every cell is filled from."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import board_dump_text as tx
import board_dump_vocab as vx
from board_dump_people import digits, people
from board_dump_scene import Piece, Scene
from board_dump_sql import Raw
from clinical_export import Writer
from export_common import Cells, held_out_people, moment, plain


def day(rng: random.Random, y0: int, y1: int) -> dt.date:
    return dt.date(rng.randrange(y0, y1), rng.randrange(1, 13), rng.randrange(1, 29))


def money(rng: random.Random, low: int, high: int) -> Raw:
    return Raw(f"{rng.randrange(low, high)}.{rng.choice(['00', '00', '50', '99', '25'])}")


class Board(Cells):
    """The tables being built, the truth `Writer` and the scene shared by every cell."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.rng = rng = random.Random(f"board-{split}-{seed}")
        self.split, self.rows = split, rows
        everyone = held_out_people(people, "dev11", split, seed, rows)
        n_pat = rows // 2 + 40
        staff, reps = everyone[:60], everyone[60:74]
        patients = everyone[74:74 + n_pat]
        relatives = everyone[74 + n_pat:] or patients[-20:]
        self.scene = Scene(rng, split, staff, reps, patients, relatives)
        self.w = Writer()
        self.t: dict[str, list[dict[str, Any]]] = {}
        self.staff_id = {p: i + 1 for i, p in enumerate(staff)}
        self.stored: dict[int, tuple[str, str]] = {}  # a staff row's names as typed into it
        self.contact: dict[int, list[Piece]] = {}  # a contact row's contact person, as pieces
        self.old_audit: list[dict[str, Any]] = []  # the migration script's rows



def reference_tables(b: Board) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    b.t["sites"], b.t["locations"] = [], []
    for i, (site, town, building, places) in enumerate(vx.SITES[split]):
        b.t["sites"].append({"id": i + 1, "site_code": "".join(w[0] for w in site.split() if w[0].isupper())[:4],
                             "site_name": site, "town": town, "postcode": None})
        for dept, room in places:
            b.t["locations"].append({"id": len(b.t["locations"]) + 1, "site_id": i + 1, "building": building,
                                     "floor": rng.choice(["G", "1", "2", "3", "Level 4", "LG", None]),
                                     "department": dept, "room": room, "ext": f"{digits(rng, 5)}"})
    b.t["staff"], b.t["users"] = [], []
    positions = ["Staff Nurse", "Senior Charge Nurse", "HCSW", "Ward Clerk", "Physiotherapist"] * 8 + \
        ["Clinical Technologist", "Senior Technologist", "EBME Engineer"] * 5 + ["Clinical Scientist"] * 6
    for person, sid in b.staff_id.items():
        g, s = person
        first, last = (g.upper(), s.upper()) if rng.random() < 0.1 else (g, s)
        b.stored[sid] = (first, last)
        b.t["staff"].append({
            "id": sid, "first_name": first, "last_name": last, "position": positions[sid - 1],
            "technician": int(sid > 40), "work_phone": rng.choice([f"ext {digits(rng, 5)}", None]),
            "mobile": sc.mobile(person)[0][0] if rng.random() < 0.7 else None,
            "email": sc.email(person)[0][0], "staff_no": sc.staff_number(person), "active": int(rng.random() < 0.9)})
        if sid > 40 or rng.random() < 0.3:
            b.t["users"].append({"id": len(b.t["users"]) + 1, "username": sc.login(person), "staff_id": sid,
                                 "pw_hash": "$2y$10$" + "".join(rng.choice(
                                     "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                                     for _ in range(53)),
                                 "role": "engineer" if sid > 40 else "ward", "last_login":
                                 f"{moment(rng):%Y-%m-%d %H:%M:%S}" if rng.random() < 0.9 else None})
    b.t["contacts"] = []
    makers = sorted({m for m, *_ in vx.MODELS})
    for i, org in enumerate([*makers, *vx.SUPPLIERS]):
        cid = i + 1
        rep = sc.reps[i % len(sc.reps)]
        pieces: list[Piece] = rng.choice([[(rep[0], "name", True), " ", (rep[1], "name", True)],
                                          [(rep[1].upper(), "name", True), ", ", (rep[0], "name", True)],
                                          [f"{rep[0][0]}. ", (rep[1], "name", True), " (FSE)"]])
        if rng.random() < 0.85:
            b.contact[cid] = pieces
        b.t["contacts"].append({
            "id": cid, "org_name": org, "org_type": "Manufacturer" if org in makers else rng.choice(
                ["Supplier", "Service Agent", "Manufacturer/Supplier"]),
            "contact_person": plain(pieces) if cid in b.contact else None,
            "address": rng.choice(["Unit 4, Kelvin Campus", "The Willows, Mark Road", "Cygnet Park", None]),
            "town": rng.choice(["Hemel Hempstead", "Farnborough", "Glasgow", "Livingston", None]),
            "postcode": None, "phone": f"0{rng.randrange(1200, 1999)} {digits(rng, 6)}", "fax": None,
            "email": rng.choice(["service.uk@example.com", "orders@example.co.uk", None]),
            "website": rng.choice(["www.example.com", None]), "notes": None})
    b.t["cmms_settings"] = [{"setting": k, "value": v} for k, v in [
        ("board_name", "West and East Central EBME" if split == "dev11" else "North of Scotland EBME Partnership"),
        ("ppm_window_days", "28"), ("schema_version", "3.2.1-local"), ("smtp_host", "smtp.nhs.scot")]]


def assets(b: Board) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    tags = [f"GG{310000 + i * 7}" if split == "dev11" else f"NE-{20500 + i}" for i in range(b.rows)]
    sc.tags = tags
    makers = {r["org_name"]: r["id"] for r in b.t["contacts"]}
    users = [(u["username"], u["staff_id"]) for u in b.t["users"]]
    b.t["assets"], b.t["audit_log"] = [], []
    for i, tag in enumerate(tags):
        aid, rec = i + 1, ("assets", tag)
        maker, model, dtype, umdns = rng.choice(vx.MODELS)
        loc = rng.choice(b.t["locations"])
        site = b.t["sites"][loc["site_id"] - 1]["site_name"]
        supplier = rng.choice([s for s in vx.SUPPLIERS if s.split()[0] == maker.split()[0]] or vx.SUPPLIERS)
        sc.maker, sc.model, sc.ward, sc.tag = maker, model, loc["department"], tag
        sc.patient, sc.other = rng.sample(sc.patients, 2)
        for column, kind, value, entity in [("maker", "maker", maker, "manufacturers"),
                                            ("model", "model", model, "device_models"),
                                            ("supplier", "supplier", supplier, "suppliers"),
                                            ("site_name", "site", site, "sites"),
                                            ("building", "building", loc["building"], "locations"),
                                            ("department", "ward", loc["department"], "locations"),
                                            ("room", "room", loc["room"], "locations")]:
            b.ref("assets", aid, column, kind, value, entity)
        resp = eng = None
        if rng.random() < 0.7:
            resp = b.staff_id[rng.choice(sc.nurses + sc.physicists)]
            b.staff_name(resp, "staff", resp, "responsible", rec)
            mobile = b.t["staff"][resp - 1]["mobile"]
            if mobile:
                b.cell("staff", resp, "responsible_mobile", rec, [(mobile, "phone", True)])
        if rng.random() < 0.5:
            eng = b.staff_id[rng.choice(sc.techs)]
            b.staff_name(eng, "staff", eng, "link_engineer", rec)
        notes = None
        if rng.random() < 0.55:
            pieces = b.text(tx.ASSET)
            if rng.random() < 0.25:
                pieces = [*pieces, rng.choice(["\n", "\r\n", "; "]), *b.text(tx.ASSET)]
            tail = rng.choices(["", "\x1a", "\0", " \U0001f44d"], [94, 3, 1, 2])[0]
            notes = b.cell("assets", aid, "notes", rec, pieces) + tail
        editor = rng.choice(users)
        bought = day(rng, 2006, 2025)
        b.t["assets"].append({
            "id": aid, "asset_tag": tag, "umdns": umdns if rng.random() < 0.8 else None, "generic_name": dtype,
            "manufacturer_id": makers[maker], "model": model, "serial_no": sc.serial(),
            "supplier_id": makers[supplier], "location_id": loc["id"], "responsible_id": resp, "engineer_id": eng,
            "condition_code": rng.choices("ASRCL", [70, 8, 10, 7, 5])[0],
            "risk_class": rng.choice(["High", "Medium", "Low", "high", None]),
            "purchase_date": rng.choices([f"{bought}", "0000-00-00", None], [84, 6, 10])[0],
            "install_date": f"{bought + dt.timedelta(days=rng.randrange(0, 90))}" if rng.random() < 0.75
            else "0000-00-00",
            "warranty_end": f"{bought + dt.timedelta(days=365 * rng.choice([1, 2, 3, 5]))}" if rng.random() < 0.5
            else None,
            "purchase_price": money(rng, 90, 250000) if rng.random() < 0.8 else None,
            "last_ppm": f"{day(rng, 2023, 2026)}" if rng.random() < 0.7 else None,
            "next_ppm": f"{day(rng, 2025, 2028)}" if rng.random() < 0.7 else None, "notes": notes,
            "created_by": rng.choice(users)[0],
            "modified_by": b.cell("assets", aid, "modified_by", rec, [(editor[0], "login", True)]),
            "modified_at": f"{moment(rng):%Y-%m-%d %H:%M:%S}"})
        _audit(b, aid, rec, users)


def _audit(b: Board, aid: int, rec: tuple[str, str], users: list[tuple[str, int]]) -> None:
    """The application's audit rows of an asset (and of work orders, which the query leaves out), and the rows a
    migration script carried over from the old database."""
    rng = b.rng
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        row = len(b.t["audit_log"]) + 1
        login = rng.choice(users)[0]
        asset = rng.random() < 0.85  # else a work order's row, which the query leaves out: no truth for it
        kind = rng.random()
        if kind < 0.5:
            pieces = b.text(tx.AUDIT_APP)
            detail = b.cell("audit_log", row, "detail", rec, pieces) if asset else plain(pieces)
        else:
            detail = f"location_id {rng.randrange(1, 30)} -> {rng.randrange(1, 30)};" if kind < 0.8 else None
        if asset:
            b.cell("audit_log", row, "username", rec, [(login, "login", True)])
        b.t["audit_log"].append({"id": row, "logged_at": f"{moment(rng):%Y-%m-%d %H:%M:%S}", "username": login,
                                 "record_type": "asset" if asset else "workorder",
                                 "record_id": aid if asset else rng.randrange(1, 3 * b.rows),
                                 "action": rng.choice(["UPDATE", "UPDATE", "INSERT"]), "detail": detail})
    if rng.random() < 0.25:
        row, old = len(b.old_audit) + 1, "audit_log (migrated)"  # its INSERT gives no id: the row is its place
        login, _ = rng.choice(users)
        domain = "NHSGGC\\" if b.split == "dev11" else "NOS\\"
        who = b.cell(old, row, "username", rec, [domain, (login, "login", True)]) if rng.random() < 0.6 \
            else "EQUIPDB"
        b.old_audit.append({"record_type": "asset", "record_id": aid, "logged_at": rng.choice(
            ["0000-00-00 00:00:00", f"2009-0{rng.randrange(1, 10)}-1{rng.randrange(0, 9)} 00:00:00"]),
            "username": who, "action": "IMPORT", "detail": b.cell(old, row, "detail", rec, b.text(tx.AUDIT_OLD))})
