"""The reference tables of `paeds_export.py` and its families: sites, locations, staff, application users,
organisations (makers, suppliers, service agents, charities), device models, settings, patients (the children)
and their carers. A `Library` holds the rows being built, the truth `Writer` and the scene every cell is filled
from."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import paeds_kit as kx
import paeds_text as tx
import paeds_vocab as vx
from clinical_export import Writer
from export_common import Cells, Person, Piece, digits, held_out_people, n, plain
from paeds_people import female, people
from paeds_pgdump import Raw
from paeds_scene import Carer, Scene

END = dt.datetime(2025, 11, 28)  # the last moment any row was written; the dump is taken a few days later


def when(rng: random.Random, start: dt.datetime | None = None, days: int = 0) -> dt.datetime:
    """A working-hours moment (UTC) between 2019 and END, or up to `days` after `start` (never after END)."""
    if start is None:
        t = dt.datetime(2019, 1, 2) + dt.timedelta(days=rng.randrange((END - dt.datetime(2019, 1, 2)).days))
    else:
        t = start + dt.timedelta(days=rng.randrange(0, days + 1))
    t = t.replace(hour=rng.randrange(7, 20), minute=rng.randrange(60), second=rng.randrange(60),
                  microsecond=rng.choice([0, rng.randrange(1, 10**6)]))
    return min(t, END)


def money(rng: random.Random, low: int, high: int) -> Raw:
    return Raw(f"{rng.randrange(low, high)}.{rng.choice(['00', '00', '50', '99', '95'])}")


class Library(Cells):
    """The tables being built, the truth `Writer` and the scene shared by every cell."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.rng = rng = random.Random(f"paeds-{split}-{seed}")
        self.split, self.rows = split, rows
        everyone = held_out_people(people, "dev12", split, seed, rows)
        n_kids = rows // 2 + 40
        staff, reps, children = everyone[:60], everyone[60:72], everyone[72:72 + n_kids]
        adults = everyone[72 + n_kids:] or children[-20:]
        self.scene = Scene(rng, split, staff, reps, children, adults)
        self.w = Writer()
        self.t: dict[str, list[dict[str, Any]]] = {}
        self.staff_id = {p: i + 1 for i, p in enumerate(staff)}
        self.stored: dict[int, tuple[str, str]] = {}  # a staff row's names as typed into it
        self.logins: dict[int, str] = {}  # staff id -> login
        self.patient_id: dict[Person, int] = {}
        self.kept: dict[tuple[str, int], list[Piece]] = {}  # (table, id) -> a stored cell's pieces, re-recorded



def reference_tables(b: Library) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    b.t["sites"], b.t["locations"] = [], []
    for i, (site, town, places) in enumerate(vx.SITES[split]):
        b.t["sites"].append({"id": i + 1, "code": "".join(w[0] for w in site.split() if w[0].isupper())[:6],
                             "name": site, "town": town, "kind": rng.choice(["hospital", "community", "hospice"]),
                             "active": True})
        for building, area, room in places:
            b.t["locations"].append({"id": len(b.t["locations"]) + 1, "site_id": i + 1, "building": building,
                                     "area": area, "room": room, "extension": f"{rng.randrange(2, 7)}{digits(rng, 3)}"})
    groups = [("ccn", 14), ("nurse", 22), ("play", 4), ("doc", 6), ("eng", 10), ("admin", 4)]
    titles = {"ccn": vx.JOB_TITLES[split][0], "nurse": "Staff Nurse", "play": vx.JOB_TITLES[split][2],
              "doc": "Consultant Paediatrician", "eng": vx.JOB_TITLES[split][1], "admin": vx.JOB_TITLES[split][3]}
    position = [g for g, n in groups for _ in range(n)]
    b.t["staff"], b.t["app_users"] = [], []
    for person, sid in b.staff_id.items():
        g, s = person
        first, last = (g.upper(), s.upper()) if rng.random() < 0.1 else (g, s)
        b.stored[sid] = (first, last)
        group = position[sid - 1]
        b.t["staff"].append({
            "id": sid, "forename": first, "surname": last, "position": titles[group],
            "team": rng.choice(vx.TEAMS[split]), "bleep": f"{rng.randrange(1, 9)}{digits(rng, 2)}" if group in (
                "nurse", "doc") else None,
            "mobile": sc.mobile(person) if rng.random() < 0.75 else None, "email": sc.email(person),
            "esr_number": sc.staff_number(person), "is_engineer": group == "eng", "active": rng.random() < 0.92})
        b.logins[sid] = sc.login(person)
        if group in ("eng", "admin", "ccn") or rng.random() < 0.2:
            b.t["app_users"].append({
                "id": len(b.t["app_users"]) + 1, "username": b.logins[sid], "staff_id": sid,
                "password_digest": "$2a$12$" + "".join(rng.choice(
                    "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(53)),
                "is_admin": group == "admin", "last_sign_in_at": when(rng), "created_at": when(rng)})
    b.t["organisations"] = []
    makers = sorted({m[0] for m in kx.MODELS})
    kinds = [*(("manufacturer", m) for m in makers), *(("supplier", s) for s in kx.SUPPLIERS),
             *(("charity", c) for c in vx.CHARITIES[split])]
    for i, (kind, org) in enumerate(kinds):
        rep = sc.reps[i % len(sc.reps)]
        b.t["organisations"].append({
            "id": i + 1, "name": org, "org_type": kind,
            "contact_name": f"{rep[0]} {rep[1]}" if kind != "charity" and rng.random() < 0.8 else None,
            "phone": rng.choice(vx.DESKS[split]) if kind != "charity" else None,
            "email": rng.choice(["service.uk@example.com", "customercare@example.co.uk", None]),
            "website": rng.choice(["www.example.com", None]), "notes": None})
    b.t["device_models"] = []
    org_id = {o["name"]: o["id"] for o in b.t["organisations"]}
    for i, (maker, model, dtype, emdn, mdr, _pool) in enumerate(kx.MODELS):
        b.t["device_models"].append({"id": i + 1, "manufacturer_id": org_id[maker], "model": model,
                                     "device_type": dtype, "emdn_code": emdn, "mdr_class": mdr,
                                     "ppm_interval_months": rng.choice([6, 12, 12, 24])})
    b.t["settings"] = [{"setting": k, "value": v} for k, v in [
        ("trust_name", "Northern Children's NHS Foundation Trust" if split == "dev12" else
         "East Midlands Children's Services"), ("loan_period_days", "90"), ("schema_version", "2024.3"),
        ("smtp_relay", "send.nhs.net"), ("library_email", vx.MAILBOXES[split][0])]]


def families(b: Library) -> None:
    """The children (the `patients` table) and their carers; the scene learns each child's family."""
    rng, sc, split = b.rng, b.scene, b.split
    women = [p for p in sc.adults if female(p[0])] or sc.adults
    men = [p for p in sc.adults if not female(p[0])] or sc.adults
    relations = tx.RELATIONS[split]
    b.t["patients"], b.t["carers"] = [], []
    for child in sc.children:
        pid = len(b.t["patients"]) + 1
        b.patient_id[child] = pid
        keys = ["mother"] if rng.random() < 0.9 else ["foster"]
        keys += [k for k, p in (("father", 0.5), ("gran", 0.2), ("step", 0.1), ("grandad", 0.08)) if rng.random() < p]
        carers: list[Carer] = []
        for key in keys:
            g, s = rng.choice(women if relations[key][2] == "f" else men)
            same = rng.random() < {"mother": 0.55, "father": 0.55, "step": 0.2}.get(key, 0.0)
            carers.append(((g, child[1] if same else s), key))
        sc.families[child] = carers
        sc.about(child)
        flat, street, town, pc = sc.home_parts()
        g, s = child
        access = b.text(tx.ACCESS)
        b.kept[("patients", pid)] = access
        b.t["patients"].append({
            "id": pid, "hospital_no": sc.hosp()[0][0], "nhs_number": sc.nhs()[0][0], "forename": g, "surname": s,
            "known_as": vx.NICKNAMES[split].get(g), "date_of_birth": f"{sc.born(child)}",
            "address_line1": flat + street, "address_line2": None, "town": town, "postcode": pc,
            "home_phone": sc.landline() if rng.random() < 0.6 else None,
            "school": rng.choice(vx.SCHOOLS[split]) if rng.random() < 0.5 else None,
            "consultant": f"{tx.ROLES[split]['doc'][0]} {rng.choice(sc.docs)[1]}",
            "alerts": plain(b.text(tx.ALERTS)) or None, "access_notes": plain(access) or None,
            "created_at": when(rng), "updated_by": b.logins[rng.choice(sorted(b.logins))]})
        for (cg, cs), key in carers:
            cid = len(b.t["carers"]) + 1
            pieces: list[Piece] = [n(cg)] if key == "gran" and rng.random() < 0.5 else \
                rng.choice([[n(cg), " ", n(cs)], [n(cg), " ", n(cs)], [n(cs.upper()), ", ", n(cg)]])
            b.kept[("carers", cid)] = pieces
            b.t["carers"].append({
                "id": cid, "patient_id": pid, "full_name": plain(pieces), "relationship": relations[key][1],
                "phone": sc.mobile((cg, cs)) if rng.random() < 0.9 else None,
                "email": sc.home_email((cg, cs)) if rng.random() < 0.35 else None,
                "parental_responsibility": key in ("mother", "father", "foster") or None,
                "notes": None})
