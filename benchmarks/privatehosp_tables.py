"""The reference tables of `privatehosp_export.py`: sites, departments, rooms, companies (makers, suppliers,
service agents with their field engineer), models, staff (consultants, secretaries, nurses and midwives,
scientists and therapists, engineers, managers), users, contracts and settings. A `Group` holds the rows being
built, the truth `Writer` and the scene every cell is filled from."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

import privatehosp_kit as kx
import privatehosp_notes as nx
import privatehosp_vocab as vx
from clinical_export import Writer
from export_common import Cells, Person, digits, held_out_people
from privatehosp_people import female, people
from privatehosp_slots import Slots

END = dt.datetime(2025, 11, 21, 17, 0)  # the last moment any row was written; the script is generated later
GROUPS = [("cons", 18), ("sec", 8), ("nurse", 24), ("sci", 10), ("eng", 8), ("admin", 6)]


def when(rng: random.Random, start: dt.datetime | None = None, days: int = 0) -> dt.datetime:
    """A working-hours moment between 2019 and END, or up to `days` after `start` (never after END)."""
    if start is None:
        t = dt.datetime(2019, 1, 2) + dt.timedelta(days=rng.randrange((END - dt.datetime(2019, 1, 2)).days))
    else:
        t = start + dt.timedelta(days=rng.randrange(0, days + 1), minutes=rng.randrange(0, 600))
    t = t.replace(hour=rng.randrange(7, 20), minute=rng.randrange(60), second=rng.randrange(60))
    return min(t, END)


def guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class Money(str):
    """A decimal SSMS writes as CAST(x AS Decimal(p, s))."""

    scale: str = "10, 2"


class Group(Cells):
    """The tables being built, the truth `Writer` and the scene shared by every cell."""

    scene: Slots
    models: dict[int, dict[str, Any]]
    rooms: dict[int, dict[str, Any]]
    depts: dict[int, dict[str, Any]]
    company: dict[int, str]
    loan_patient: dict[int, Person]  # loan id -> the patient
    person_of: dict[int, Person]  # staff id -> the person

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.rng = rng = random.Random(f"privatehosp-{split}-{seed}")
        self.split, self.rows = split, rows
        everyone = held_out_people(people, "dev13", split, seed, rows)
        at = 0
        staff: dict[str, list[Person]] = {}
        for name, count in GROUPS:
            staff[name], at = everyone[at:at + count], at + count
        reps, at = everyone[at:at + 12], at + 12
        patients = everyone[at:at + rows // 2 + 60]
        self.scene = Slots(rng, split, staff, reps, patients)
        self.w = Writer()
        self.t: dict[str, list[dict[str, Any]]] = {}
        self.staff_id: dict[Person, int] = {}
        self.stored: dict[int, Person] = {}
        self.logins: dict[int, str] = {}
        self.group_of: dict[int, str] = {}
        self.rep_of: dict[int, Person] = {}  # company id -> its field engineer
        self.others = everyone[at + len(patients):] or everyone


def relatives(b: Group) -> None:
    """Each patient's relatives (husbands, daughters, sons...), named as people of the split are named."""
    rng, sc = b.rng, b.scene
    pool = [*sc.patients, *b.others]
    women = [p for p in pool if female(p[0])]
    men = [p for p in pool if not female(p[0])]
    for p in sc.patients:
        fits = [k for k, (_, _, who) in nx.RELATIONS[b.split].items()
                if not who or (who == "f") == female(p[0])]
        family = []
        for key in rng.sample(fits, min(len(fits), rng.choice([0, 1, 1, 2]))):
            sex = nx.RELATIONS[b.split][key][1]
            g = rng.choice((women if sex == "f" else men) if sex else pool)[0]
            s = p[1] if rng.random() < 0.6 else rng.choice(pool)[1]
            if g != p[0]:
                family.append(((g, s), key))
        sc.kin[p] = family


def reference_tables(b: Group) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    b.t["Sites"], b.t["Departments"], b.t["Rooms"] = [], [], []
    dept_id: dict[tuple[str, str], int] = {}
    for i, (site, code, town, places) in enumerate(vx.SITES[split]):
        b.t["Sites"].append({"SiteID": i + 1, "SiteCode": code, "SiteName": site, "Town": town,
                             "Switchboard": f"{vx.TOWNS[split][town][1]} {digits(rng, 3)} {digits(rng, 3)}",
                             "IsActive": 1, "SiteGuid": guid(rng)})
        for building, dept, room, kind in places:
            if (site, dept) not in dept_id:
                dept_id[(site, dept)] = len(b.t["Departments"]) + 1
                b.t["Departments"].append({
                    "DepartmentID": dept_id[(site, dept)], "SiteID": i + 1, "DepartmentName": dept,
                    "Building": building, "CostCentre": f"{code}{digits(rng, 4)}", "Extension": digits(rng, 4),
                    "AreaType": kind, "ManagerStaffID": None})
            b.t["Rooms"].append({"RoomID": len(b.t["Rooms"]) + 1, "DepartmentID": dept_id[(site, dept)],
                                 "RoomName": room, "RoomType": kind.title(), "IsClinical": int(kind != "eng")})
    _staff(b)
    for d in b.t["Departments"]:
        d["ManagerStaffID"] = rng.choice([sid for sid, g in b.group_of.items() if g in ("nurse", "admin", "sci")])
    b.t["Companies"] = []
    makers = sorted({m[0] for m in kx.MODELS})
    for i, (kind, org) in enumerate([*(("Manufacturer", m) for m in makers), *(("Supplier", s) for s in kx.SUPPLIERS)]):
        rep = sc.reps[i % len(sc.reps)] if rng.random() < 0.75 else None
        if rep:
            b.rep_of[i + 1] = rep
        b.t["Companies"].append({
            "CompanyID": i + 1, "CompanyName": org, "CompanyType": kind, "AccountNo": f"AC{digits(rng, 5)}",
            "SupportLine": rng.choice(vx.DESKS[split]), "ServiceContact": f"{rep[0]} {rep[1]}" if rep else None,
            "ServiceMobile": sc.mobile(rep) if rep and rng.random() < 0.8 else None,
            "Website": f"www.{''.join(ch for ch in org.lower() if ch.isalnum())[:14]}.com", "IsApproved": 1})
    sc.rep_by_maker = {c["CompanyName"]: b.rep_of[c["CompanyID"]] for c in b.t["Companies"]
                       if c["CompanyID"] in b.rep_of}
    company = {c["CompanyName"]: c["CompanyID"] for c in b.t["Companies"]}
    b.t["Models"] = [{"ModelID": i + 1, "ManufacturerID": company[mk], "ModelName": model, "DeviceType": dtype,
                      "GMDNCode": gmdn, "RiskClass": risk, "PPMIntervalMonths": rng.choice([6, 12, 12, 24]),
                      "IsLoanPool": int(pool == "loan")}
                     for i, (mk, model, dtype, gmdn, risk, pool, _areas) in enumerate(kx.MODELS)]
    b.t["Contracts"] = []
    for i in range(14):
        start = dt.date(rng.randrange(2019, 2025), rng.randrange(1, 13), 1)
        b.t["Contracts"].append({
            "ContractID": i + 1, "ContractNo": sc.number("contract", start),
            "CompanyID": rng.choice(list(company.values())), "CoverType": rng.choice(
                ["Comprehensive", "PPM only", "Parts and labour", "Software support"]),
            "StartDate": start,
            "EndDate": start.replace(year=start.year + rng.choice([1, 3, 5])) - dt.timedelta(days=1),
            "AnnualValue": Money(f"{rng.randrange(800, 95000)}.00"), "Notes": None})
    b.t["SystemSettings"] = [{"SettingKey": k, "SettingValue": v} for k, v in [
        ("OrganisationName", vx.GROUP[split]), ("DefaultLoanDays", "14"), ("SchemaVersion", "7.3.1"),
        ("SmtpRelay", f"smtp.{vx.DOMAIN[split]}"), ("HelpdeskMailbox", vx.MAILBOXES[split][0])]]


def _staff(b: Group) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    b.t["Staff"], b.t["Users"] = [], []
    b.person_of, b.loan_patient = {}, {}
    sid = 0
    groups = {"cons": sc.cons, "sec": sc.secs, "nurse": sc.nurses, "sci": sc.scis, "eng": sc.engs, "admin": sc.admins}
    for group, members in groups.items():
        for person in members:
            sid += 1
            b.staff_id[person], b.group_of[sid], b.person_of[sid] = sid, group, person
            g, s = person
            first, last = (g.upper(), s.upper()) if rng.random() < 0.08 else (g, s)
            b.stored[sid] = (first, last)
            body, reg = {"cons": ("GMC", "gmc"), "nurse": ("NMC", "nmc"), "sci": ("HCPC", "hcpc")}.get(
                group, (None, ""))
            title = sc.cons_title(person) if group == "cons" else rng.choice([None, None, "Mrs", "Ms"]) \
                if group == "sec" else None
            b.t["Staff"].append({
                "StaffID": sid, "Title": title, "Forename": first, "Surname": last,
                "JobTitle": {"cons": "Consultant", "sec": "Medical Secretary", "eng": vx.JOB_TITLES[split][2]}.get(
                    group, rng.choice(vx.JOB_TITLES[split])), "StaffGroup": group,
                "ProfessionalBody": body, "RegistrationNo": sc.reg(person, reg) if reg else None,
                "Email": sc.email(person), "Mobile": sc.mobile(person) if rng.random() < 0.6 else None,
                "Extension": digits(rng, 4) if split == "dev13" else f"{rng.randrange(3, 6)}{digits(rng, 4)}",
                "IsActive": int(rng.random() < 0.9), "StaffGuid": guid(rng), "CreatedOn": when(rng)})
            b.logins[sid] = f"{vx.LOGIN_DOMAIN[split]}\\{sc.login(person)}"
            if group in ("eng", "admin", "sec") or rng.random() < 0.25:
                b.t["Users"].append({
                    "UserID": len(b.t["Users"]) + 1, "LoginName": b.logins[sid], "StaffID": sid,
                    "PasswordHash": bytes(rng.getrandbits(8) for _ in range(32)), "IsAdmin": int(group == "eng"),
                    "LastLogin": when(rng), "IsLocked": int(rng.random() < 0.05)})
