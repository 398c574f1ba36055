"""The assets of `privatehosp_export.py` and what the asset query folds into them: loans to patients going home
(the patient's details as the loans desk typed them), patient-safety incidents the device was involved in, and the
audit trail's changes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import privatehosp_kit as kx
import privatehosp_notes as nx
import privatehosp_vocab as vx
from export_common import Person, Piece, n, nhs_number
from privatehosp_people import female
from privatehosp_tables import END, Group, Money, guid, when


def patient_for(b: Group, kind: str) -> Person:
    """A patient of the area: mothers in the birth suite."""
    sc = b.scene
    pool = sc.mothers if kind == "birth" else sc.patients
    p = b.rng.choice(pool)
    sc.about(p)
    return p


def context(b: Group, a: dict[str, Any]) -> str:
    """Sets the scene to the asset (maker, model, place); its area's kind."""
    sc = b.scene
    model = b.models[a["ModelID"]]
    room = b.rooms[a["RoomID"]]
    dept = b.depts[room["DepartmentID"]]
    sc.maker, sc.model, sc.dtype = b.company[model["ManufacturerID"]], model["ModelName"], model["DeviceType"]
    sc.tag, sc.ward, sc.room = a["AssetTag"], dept["DepartmentName"], room["RoomName"]
    return str(dept["AreaType"])


def assets(b: Group) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    b.models = {m["ModelID"]: m for m in b.t["Models"]}
    b.rooms = {r["RoomID"]: r for r in b.t["Rooms"]}
    b.depts = {d["DepartmentID"]: d for d in b.t["Departments"]}
    b.company = {c["CompanyID"]: c["CompanyName"] for c in b.t["Companies"]}
    sites = {s["SiteID"]: s["SiteName"] for s in b.t["Sites"]}
    suppliers = [c["CompanyID"] for c in b.t["Companies"] if c["CompanyType"] == "Supplier"]
    women = [p for p in sc.patients if female(p[0])]
    sc.mothers = women[:max(len(women) // 3, 1)]
    for p in sc.patients:
        sc.known("mother", p, lambda p=p: p in sc.mothers)
    by_sid = {sid: g for sid, g in b.group_of.items()}
    numbers = rng.sample(range(1000, 99999 if split == "dev13" else 999999), b.rows)
    sc.tags = [vx.NUMBERING[split]["tag"].format(n=k) for k in numbers]
    for name in ("Assets", "PatientLoans", "Incidents", "AuditTrail"):
        b.t[name] = []
    for i in range(b.rows):
        aid, tag = i + 1, sc.tags[i]
        rec = ("assets", tag)
        room = rng.choice(b.t["Rooms"])
        kind = b.depts[room["DepartmentID"]]["AreaType"]
        fits = [m for m in b.t["Models"] if kind in kx.MODELS[m["ModelID"] - 1][6] or kind == "eng"] or b.t["Models"]
        model = rng.choice(fits)
        loan = bool(model["IsLoanPool"])
        a: dict[str, Any] = {"AssetID": aid, "AssetTag": tag, "ModelID": model["ModelID"], "RoomID": room["RoomID"]}
        context(b, a)
        patient_for(b, kind)
        dept = b.depts[room["DepartmentID"]]
        b.ref("Sites", dept["SiteID"], "SiteName", "site", sites[dept["SiteID"]], "sites")
        for column, k in (("Building", "building"), ("DepartmentName", "ward")):
            b.ref("Departments", dept["DepartmentID"], column, k, dept[column], "locations")
        b.ref("Rooms", room["RoomID"], "RoomName", "room", room["RoomName"], "locations")
        b.ref("Companies", model["ManufacturerID"], "CompanyName", "maker", sc.maker, "manufacturers")
        b.ref("Models", model["ModelID"], "ModelName", "model", sc.model, "device_models")
        b.ref("Models", model["ModelID"], "DeviceType", "device_type", sc.dtype, "device_models")
        owned = kind in ("theatre", "clinic") and rng.random() < 0.1
        owner = b.staff_id[sc.consultant] if owned else dept["ManagerStaffID"] if rng.random() < 0.7 else \
            rng.choice([sid for sid, g in by_sid.items() if g in ("nurse", "sci", "admin")])
        b.staff_name(owner, "Staff", owner, "OwnerStaffID", rec)
        staff_row = b.t["Staff"][owner - 1]
        if staff_row["Mobile"]:
            b.cell("Staff", owner, "Mobile", rec, [(staff_row["Mobile"], "phone", True)])
        engineer = rng.choice([sid for sid, g in by_sid.items() if g == "eng"])
        b.staff_name(engineer, "Staff", engineer, "LinkEngineerID", rec)
        bought = when(rng) - dt.timedelta(days=rng.randrange(0, 2400))
        bought = max(bought, dt.datetime(2012, 4, 2, 10))
        status = rng.choice(["In Store", "On Loan", "On Loan"]) if loan else rng.choices(
            list(kx.STATUSES), [70, 6, 4, 6, 0, 8, 2])[0]
        if owned:
            notes = sc.fill(nx.ASSET[split][0])
        else:
            notes = sc.fill(sc.choose(nx.ASSET[split][1:]), "lower" if split == "dev13" and rng.random() < 0.2 else "")
        last = when(rng)
        contract = rng.choice(b.t["Contracts"]) if rng.random() < 0.35 else None
        if contract:
            b.cell("Contracts", contract["ContractID"], "ContractNo", rec, [(contract["ContractNo"], "contract_no",
                                                                              False)])
        editor = rng.choice(b.t["Users"])["StaffID"]
        login = b.logins[editor]
        a.update({
            "SerialNo": b.cell("Assets", aid, "SerialNo", rec, [(sc.serial(), "serial", False)]),
            "Status": "On Loan" if status == "On Loan" and not loan else status,
            "IsConsultantOwned": int(owned), "OwnerStaffID": owner, "LinkEngineerID": engineer,
            "SupplierID": rng.choice(suppliers), "ContractID": contract["ContractID"] if contract else None,
            "PurchaseOrderNo": b.cell("Assets", aid, "PurchaseOrderNo", rec, [
                (sc.number("po", bought.date()), "purchase_order", False)]),
            "PurchaseDate": bought.date(),
            "PurchaseCost": Money(f"{rng.randrange(90, 60000)}.{rng.choice(['00', '50', '99'])}"),
            "WarrantyExpiry": bought.date() + dt.timedelta(days=365 * rng.choice([1, 2, 3]) - 1),
            "LastPPM": when(rng, END - dt.timedelta(days=360), 300).date() if rng.random() < 0.8 else None,
            "NextPPM": (END + dt.timedelta(days=rng.randrange(5, 360))).date() if rng.random() < 0.8 else None,
            "Notes": b.cell("Assets", aid, "Notes", rec, notes) or None, "AssetGuid": guid(rng),
            "CreatedOn": bought + dt.timedelta(days=rng.randrange(1, 30)),
            "LastModifiedBy": b.cell("Assets", aid, "LastModifiedBy", rec, [
                login.split("\\")[0] + "\\", (login.split("\\")[1], "login", True)]),
            "LastModifiedOn": last})
        b.t["Assets"].append(a)
        if loan:
            _loans(b, a, rec, kind)
        if rng.random() < 0.12:
            _incident(b, a, rec, kind)
        _audit(b, a, rec)


def _loans(b: Group, a: dict[str, Any], rec: tuple[str, str], kind: str) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    start = max(when(rng) - dt.timedelta(days=700), dt.datetime(2019, 3, 1, 9))
    issuers = [sid for sid, g in b.group_of.items() if g in ("nurse", "sci", "admin")]
    for k in range(rng.choice([1, 1, 2, 3, 4])):
        p = patient_for(b, kind)
        g, s = p
        lid = len(b.t["PatientLoans"]) + 1
        b.loan_patient[lid] = p
        issued = when(rng, start, 90)
        back = min(issued + dt.timedelta(days=rng.randrange(5, 60)), END)
        returned = None if a["Status"] == "On Loan" and k else back
        start = (returned or issued) + dt.timedelta(days=1)
        t = sc.title(p)
        name: list[Piece] = rng.choice([[f"{t} {g[0]} ", n(s)], [n(g), " ", n(s)], [n(s.upper()), ", ", n(g)],
                                        [f"{t} ", n(g), " ", n(s)], [n(s), " ", n(g)]] if split == "dev13" else
                                       [[n(s.upper()), " ", n(g)], [f"{t}. ", n(g), " ", n(s)], [n(g), " ", n(s)],
                                        [n(s), ", ", n(g), f" ({t})"]])
        h = sc.home(p)
        funding, insurer = sc.funding(p)

        def mine(column: str, kind_: str, value: str, lid: int = lid) -> str:
            return b.cell("PatientLoans", lid, column, rec, [(value, kind_, True)])
        town: list[Piece] = [", ", (h["town"], "town", False)] if rng.random() < 0.5 else []
        nhs = sc.known("nhs", p, lambda: nhs_number(rng)) if funding == "NHS" else None
        phone = sc.mobile(p) if rng.random() < 0.7 else sc.landline()
        cons = b.staff_id[sc.consultant]
        b.cell("Staff", cons, "Surname", rec, [(b.stored[cons][1], "name", True)])
        issuer = rng.choice(issuers)
        b.staff_name(issuer, "Staff", issuer, "IssuedByID", rec)
        fits = [t for t in nx.LOAN[split] if ("{nhs}" not in t or funding == "NHS") and ("{ins}" not in t or insurer)
                and (not re.search("self.(pay|funding)", t, re.I) or funding == "Self-pay")]
        pieces = sc.fill(rng.choice(fits), "lower" if split == "dev13" and rng.random() < 0.3 else "")
        b.t["PatientLoans"].append({
            "LoanID": lid, "AssetID": a["AssetID"],
            "PatientName": b.cell("PatientLoans", lid, "PatientName", rec, name),
            "PatientNo": mine("PatientNo", "hospital_number", h["mrn"]),
            "DateOfBirth": dt.date.fromisoformat(mine("DateOfBirth", "dob", f"{sc.born(p)}")),
            "AddressLine": b.cell("PatientLoans", lid, "AddressLine", rec, [(h["street"], "address", True), *town]),
            "Postcode": mine("Postcode", "postcode", h["pc"]), "ContactPhone": mine("ContactPhone", "phone", phone),
            "FundingType": funding, "InsurerName": b.cell("PatientLoans", lid, "InsurerName", rec, [
                (insurer, "insurer", False)]) if insurer else None,
            "MembershipNo": mine("MembershipNo", "insurance_no", sc.policy(p)[1]) if insurer else None,
            "NHSNumber": mine("NHSNumber", "nhs", nhs) if nhs else None,
            "ConsultantID": cons, "IssuedByID": issuer, "IssuedOn": issued,
            "DueBack": (issued + dt.timedelta(days=14)).date(), "ReturnedOn": returned,
            "Notes": b.cell("PatientLoans", lid, "Notes", rec, pieces) or None})


def _incident(b: Group, a: dict[str, Any], rec: tuple[str, str], kind: str) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    iid = len(b.t["Incidents"]) + 1
    patient_for(b, kind)
    occurred = when(rng)
    mhra = rng.random() < 0.25
    action = sc.fill(rng.choice(nx.ACTION[split][1:] if not mhra else nx.ACTION[split][:1]))
    reporter = sc.pick(sc.nurses + sc.scis)
    form = rng.choice(nx.REQUESTER[split])
    b.t["Incidents"].append({
        "IncidentID": iid, "IncidentRef": b.cell("Incidents", iid, "IncidentRef", rec, [
            (sc.number("inc", occurred.date()), "incident_no", False)]),
        "AssetID": a["AssetID"], "WorkOrderID": None, "OccurredAt": occurred,
        "Category": rng.choice(["Medical device", "Equipment failure", "Patient injury", "Information governance"]),
        "Harm": rng.choice(["No harm", "No harm", "Low harm", "Moderate harm"]), "PatientInvolved": 1,
        "Description": b.cell("Incidents", iid, "Description", rec, sc.fill(sc.choose(nx.INCIDENT[split]))),
        "ActionTaken": b.cell("Incidents", iid, "ActionTaken", rec, action) or None,
        "ReportedBy": b.cell("Incidents", iid, "ReportedBy", rec, requester(b, form, reporter)),
        "MHRAReported": int(mhra), "MHRARef": None})
    if mhra:  # the yellow card reference the action quotes is the one stored
        refs = [p for p in action if not isinstance(p, str) and p[1] == "incident_no"]
        b.t["Incidents"][-1]["MHRARef"] = refs[0][0] if refs else None


def requester(b: Group, form: str, person: Person, person_field: bool = False) -> list[Piece]:
    """How someone is typed into a "raised by" or "reported by" field: a form of the split. A ward typed into a
    field the product anonymises whole (`person_field`) is no value to keep."""
    from export_common import fill

    g, s = person
    word = b.rng.choice(nx.ROLES[b.split][0 if female(g) else 1])
    values = {"g": [n(g)], "s": [n(s)], "G": [n(g.upper())], "S": [n(s.upper())], "role": [word],
              "ward": [b.scene.ward] if person_field else [(b.scene.ward, "ward", False)]}
    return fill(form, lambda k: values[k])


def _audit(b: Group, a: dict[str, Any], rec: tuple[str, str]) -> None:
    """The audit trigger's rows for the asset (the query folds who, when and what changed), and now and then a
    staff row's change, which the query leaves out."""
    rng, sc = b.rng, b.scene
    users = [u["StaffID"] for u in b.t["Users"]]
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        eid = len(b.t["AuditTrail"]) + 1
        who = rng.choice(users)
        login = b.logins[who]
        before = rng.choice([s for s in kx.STATUSES if s != a["Status"]])
        room = rng.choice([r["RoomID"] for r in b.t["Rooms"] if r["RoomID"] != a["RoomID"]])
        due = a["NextPPM"] or a["PurchaseDate"]
        field, old, new = rng.choice([
            ("Status", before, a["Status"]), ("RoomID", str(room), str(a["RoomID"])),
            ("OwnerStaffID", None, str(a["OwnerStaffID"])),
            ("NextPPM", f"{due - dt.timedelta(days=365)}", f"{due}"), ("SerialNo", None, a["SerialNo"])])
        domain, user = login.split("\\")
        b.cell("AuditTrail", eid, "ChangedBy", rec, [domain + "\\", (user, "login", True)])
        if field == "SerialNo":
            b.cell("AuditTrail", eid, "NewValue", rec, [(a["SerialNo"], "serial", False)])
        b.t["AuditTrail"].append({
            "AuditID": eid, "TableName": "Assets", "RecordID": a["AssetID"], "FieldName": field, "OldValue": old,
            "NewValue": new, "ChangedBy": login, "ChangedOn": when(rng),
            "HostName": f"{vx.LOGIN_DOMAIN[b.split][:3]}-CE-PC{rng.randrange(1, 40):03d}"})
    if rng.random() < 0.1:
        eid = len(b.t["AuditTrail"]) + 1
        staff = rng.choice(b.t["Staff"])
        b.t["AuditTrail"].append({
            "AuditID": eid, "TableName": "Staff", "RecordID": staff["StaffID"], "FieldName": "Mobile",
            "OldValue": None, "NewValue": sc.mobile((staff["Forename"], staff["Surname"])),
            "ChangedBy": b.logins[rng.choice(users)], "ChangedOn": when(rng), "HostName": "SQLAGENT"})
