"""The work orders of `privatehosp_export.py` and their notes: faults logged by theatres, wards, the birth suite,
the oncology day unit, imaging, physiotherapy and consultants' secretaries (pasted e-mails and phone messages now
and then), engineers' notes, supplier visits and parts, which the mapping's job query folds into the outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

import privatehosp_kit as kx
import privatehosp_notes as nx
import privatehosp_text as tx
from export_common import Person, Piece, n
from privatehosp_assets import context, patient_for, requester
from privatehosp_tables import END, Group, Money, guid, when

TEST_TABLE = {"dev13": "\r\nTest\tResult\tLimit\r\nearth bond\t0.07 ohm\t0.2\r\nenc leakage\t9 uA\t100",
              "fresh11": "\nElectrical safety (IEC 62353)\n  Protective earth  0.09 ohm  PASS\n"
                         "  Equipment leakage  14 uA  PASS"}


def _sent(b: Group, before: dt.datetime) -> str:
    sent = before - dt.timedelta(minutes=b.rng.randrange(15, 3000))
    sent = sent.replace(hour=b.rng.randrange(7, 19)) if not 7 <= sent.hour < 21 else sent
    return f"{sent:%d %B %Y %H:%M}" if b.split == "dev13" else f"{sent:%a %d %b %Y} at {sent:%H:%M}"


def email(b: Group, body: list[Piece], before: dt.datetime) -> list[Piece]:
    """A pasted e-mail about `body`: from a colleague, or from a consultant's secretary at the practice."""
    sc = b.scene
    if b.rng.random() < 0.35:
        sender = sc.last = sc.sec_of[sc.consultant]
        template = nx.SEC_EMAIL[b.split]
    else:
        sender = sc.pick(sc.nurses + sc.scis + sc.admins)
        template = nx.EMAIL[b.split]
    return sc.fill(template, nested={"body": body, "from": [n(sender[0]), " ", n(sender[1])],
                                     "sent": [_sent(b, before)]})


def phone_message(b: Group, when_: dt.datetime) -> list[Piece]:
    sc, rng = b.scene, b.rng
    family = sc.kin.get(sc.patient)
    number: list[Piece]
    if any(k in sc.dtype.lower() for k in tx.LOANED.split("|")):
        if family and rng.random() < 0.6:
            caller: list[Piece] = sc.kin_piece()
            number = [(sc.mobile(sc.relative), "phone", True)] if rng.random() < 0.6 else \
                [(sc.landline(), "phone", True)]
        else:
            caller = sc.pt()
            number = [(sc.mobile(sc.patient), "phone", True)]
        body = sc.fill(rng.choice(nx.PHONE_KIN[b.split]))
    else:
        sec = sc.sec_of[sc.consultant]
        caller = [n(sec[0]), " ", n(sec[1]), " (sec to ", *sc.consultant_by_title(), ")"]
        number = [(sc.mobile(sec), "phone", True)]
        body = sc.fill(sc.choose(tx.FAULT[b.split]))
    engineer = sc.pick(sc.engs + sc.admins)
    sc.last = engineer
    date = f"{when_:%d/%m/%y}" if b.split == "dev13" else f"{when_:%d %B %Y}"
    return sc.fill(nx.PHONE[b.split], nested={"caller": caller, "body": body, "num": number, "date": [date],
                                               "time": [f"{when_:%H:%M}"]})


def jobs(b: Group) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    loans: dict[int, list[Person]] = {}
    for loan in b.t["PatientLoans"]:
        loans.setdefault(loan["AssetID"], []).append(b.loan_patient[loan["LoanID"]])
    plan: list[tuple[dt.datetime, dict[str, Any], dict[str, Any] | None]] = [
        (inc["OccurredAt"] + dt.timedelta(minutes=rng.randrange(10, 600)), b.t["Assets"][inc["AssetID"] - 1], inc)
        for inc in b.t["Incidents"]]
    plan += [(when(rng), rng.choice(b.t["Assets"]), None) for _ in range(b.rows * 3 - len(plan))]
    plan.sort(key=lambda p: (min(p[0], END), p[1]["AssetID"]))
    b.t["WorkOrders"], b.t["WorkOrderNotes"] = [], []
    lower = 0.3 if split == "dev13" else 0.08
    for j, (raised, a, inc) in enumerate(plan):
        wid, raised = j + 1, min(raised, END)
        kind = context(b, a)
        patient_for(b, kind)
        if a["AssetID"] in loans and rng.random() < 0.8:
            sc.about(rng.choice(loans[a["AssetID"]]))
        wo = f"WO{raised:%y}-{wid:05d}" if split == "dev13" else f"J{1200000 + wid * 7:07d}"
        rec = ("jobs", wo)
        loan = bool(b.models[a["ModelID"]]["IsLoanPool"])
        job_type = "Incident" if inc else rng.choices(list(kx.JOB_TYPES)[:6], [34, 42, 4, 5, 5, 10 if loan else 0])[0]
        status = rng.choices(list(kx.JOB_STATUSES), [8, 7, 5, 4, 70, 6])[0]
        done = status in ("Completed", "Cancelled")
        completed = min(raised + dt.timedelta(hours=rng.randrange(1, 600)), END) if done else None
        if inc:
            inc["WorkOrderID"] = wid
            b.cell("Incidents", inc["IncidentID"], "IncidentRef", rec, [(inc["IncidentRef"], "incident_no", False)])
        r = rng.random()
        raised_by: str | None
        contact: str | None = None
        if r < 0.12:
            sec = sc.sec_of[sc.consultant]
            raised_by = b.cell("WorkOrders", wid, "RaisedBy", rec, [n(sec[0]), " for ", *sc.consultant_by_title()])
            contact = b.cell("WorkOrders", wid, "ContactNo", rec, [(sc.mobile(sec), "phone", True)])
        elif r < 0.85:
            person = sc.pick(sc.nurses + sc.scis + sc.admins)
            form = rng.choice(nx.REQUESTER[split])
            raised_by = b.cell("WorkOrders", wid, "RaisedBy", rec, requester(b, form, person, True))
            q = rng.random()
            contact = b.cell("WorkOrders", wid, "ContactNo", rec, [(sc.mobile(person), "phone", True)]) if q < 0.3 \
                else f"ext {rng.randrange(2000, 6999)}" if q < 0.65 else f"bleep {rng.randrange(100, 899)}" if q < 0.8 \
                else None
        else:
            raised_by = rng.choice(["helpdesk", "switchboard", "EBME", None] if split == "dev13" else
                                   ["Reception", "Night Manager", "Medical Engineering", None])
        if job_type == "PPM" and rng.random() < 0.85:
            pieces: list[Piece] = [rng.choice(["PPM due", "annual PPM", "6 monthly ppm", "PPM + ESC"]
                                              if split == "dev13" else
                                              ["Planned maintenance", "Scheduled service", "Annual inspection"])]
        elif r > 0.93:
            pieces = sc.fill(sc.choose(tx.CAPS[split]), "upper")
        elif rng.random() < 0.08:
            pieces = email(b, sc.fill(sc.choose(tx.FAULT[split])), raised)
        elif rng.random() < 0.05:
            pieces = phone_message(b, raised)
        else:
            pieces = sc.fill(sc.choose(tx.FAULT[split]), "lower" if rng.random() < lower else "")
        engineers = [sid for sid, g in b.group_of.items() if g == "eng"]
        engineer = rng.choice(engineers) if status != "Open" or done else None
        if engineer:
            b.staff_name(engineer, "Staff", engineer, "AssignedToID", rec)
        contractor = None
        if rng.random() < 0.15:
            contractor = b.models[a["ModelID"]]["ManufacturerID"]
            company = b.t["Companies"][contractor - 1]
            b.cell("Companies", contractor, "CompanyName", rec, [(company["CompanyName"], "maker", False)])
            if company["ServiceContact"]:
                g, s = b.rep_of[contractor]
                b.cell("Companies", contractor, "ServiceContact", rec, [n(g), " ", n(s)])
            if company["ServiceMobile"]:
                b.cell("Companies", contractor, "ServiceMobile", rec, [(company["ServiceMobile"], "phone", True)])
        po = b.cell("WorkOrders", wid, "PONumber", rec, [(sc.number("po", raised.date()), "purchase_order", False)]) \
            if rng.random() < 0.3 else None
        b.t["WorkOrders"].append({
            "WorkOrderID": wid, "WONumber": wo, "AssetID": a["AssetID"], "JobType": job_type,
            "Priority": rng.choice([1, 2, 3, 3, 3, 4, 5]), "Status": status, "RaisedOn": raised, "RaisedBy": raised_by,
            "ContactNo": contact, "FaultDescription": b.cell("WorkOrders", wid, "FaultDescription", rec, pieces),
            "AssignedToID": engineer, "ContractorID": contractor, "PONumber": po, "CompletedOn": completed,
            "LabourHours": Money(f"{rng.choice([0.25, 0.5, 1, 1.5, 2, 3, 4.5]):.2f}") if done else None,
            "PartsCost": Money(f"{rng.randrange(0, 900)}.{rng.choice(['00', '50', '99'])}") if done and
            rng.random() < 0.4 else None, "FailureCause": rng.choice(kx.FAILURE_CAUSES) if done else None,
            "WOGuid": guid(rng)})
        count = rng.choice([1, 1, 2, 3]) if done else rng.choice([0, 1, 1])
        for _ in range(count):
            _note(b, wid, rec, raised, completed)


def working(b: Group, t: dt.datetime, after: dt.datetime) -> dt.datetime:
    """`t` moved into the working day when it falls at night (never before `after`, never after END)."""
    if not 7 <= t.hour < 19:
        t = t.replace(hour=b.rng.randrange(8, 18))
    return min(max(t, after + dt.timedelta(minutes=b.rng.randrange(5, 90))), END)


def _note(b: Group, wid: int, rec: tuple[str, str], raised: dt.datetime, completed: dt.datetime | None) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    nid = len(b.t["WorkOrderNotes"]) + 1
    span = max(int(((completed or END) - raised).total_seconds() // 60), 1)
    at = working(b, raised + dt.timedelta(minutes=rng.randrange(span)), raised)
    writer = rng.choice([sid for sid, g in b.group_of.items() if g in ("eng", "admin")])
    sc.last = b.person_of[writer]
    login = b.logins[writer]
    domain, user = login.split("\\")
    signed: dict[str, list[Piece]] = {"ini": sc.initials(), "login": [(user, "login", True)]}
    b.cell("WorkOrderNotes", nid, "EnteredBy", rec, [domain + "\\", (user, "login", True)])
    r = rng.random()
    if r < 0.1:
        note_type, pieces = "Phone message", phone_message(b, at)
    elif r < 0.18:
        note_type, pieces = "E-mail", email(b, sc.fill(sc.choose(tx.FAULT[split])), at)
    else:
        template = sc.choose(tx.NOTE[split])
        note_type = "Supplier visit" if "{rep}" in template else "Parts" if "{part}" in template or "{po}" in \
            template else "Engineer note"
        pieces = sc.fill(template, "lower" if split == "dev13" and rng.random() < 0.2 else "", signed)
        if rng.random() < 0.07:
            pieces = [*pieces, TEST_TABLE[split]]
        elif rng.random() < 0.1:
            pieces = [*pieces, "\r\n" if split == "dev13" else "\n", *sc.fill(sc.choose(tx.NOTE[split]),
                                                                                 nested=signed)]
    b.t["WorkOrderNotes"].append({
        "NoteID": nid, "WorkOrderID": wid, "NoteType": note_type, "EnteredOn": at, "EnteredBy": login,
        "NoteText": b.cell("WorkOrderNotes", nid, "NoteText", rec, pieces), "IsInternal": int(rng.random() < 0.2)})
