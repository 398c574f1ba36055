"""The supplier portal's JSON-lines export of `oxygen_export.py` (`installations.jsonl`), one line per item on the
register. dev17's portal writes its API's nested objects (`equipment`, `patient` with `address` and a `contacts`
array, `clinical` with `referrer`, `gp` and `prescription`), camelCase keys, nulls, ASCII escapes; fresh15's writes
what its CSV export would, flattened: one key per column ("Forename", "CHI Number", "Address Line 1", "Next of Kin",
"NOK Tel", "Key Holder"...), "" for blank, as typed. Every planted value is recorded at its key's path."""

from __future__ import annotations

import datetime as dt
from typing import Any

from export_common import Piece, mine, n, ref
from oxygen_rows import PORTAL, Builder

# dev17's "language" and the relation a paid carer is listed under.
LANGUAGES = ["Cymraeg", "English", "English", None]
CARER = "Carer"


def portal_rows(b: Builder) -> None:
    item_id = b.rng.randrange(1000, 9000)
    for i, a in enumerate(b.assets):
        item_id += b.rng.choice([1, 1, 2, 3, 7])
        b.about(a)
        b.scene.year = a["installed"].year
        make = _wales if b.split == "dev17" else _scotland
        b.portal.append(make(b, i + 1, a, item_id))


class _Cells:
    """Records one line's cells: `put(path, pieces)` for the asset's own record, `refer` for a derived entity."""

    def __init__(self, b: Builder, line: int, a: dict[str, Any]) -> None:
        self.b, self.line, self.rec = b, line, ("assets", a["tag"])

    def put(self, path: str, pieces: list[Piece]) -> str:
        return self.b.put(PORTAL, self.line, path, self.rec, pieces)

    def refer(self, path: str, kind: str, value: str, entity: str) -> str:
        return self.b.put(PORTAL, self.line, path, (entity, value), ref(kind, value))


def _shared(b: Builder, c: _Cells, a: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    """The equipment's cells, named by the layout's `keys`."""
    v = b.scene.v
    home = a["status"] in ("Installed", "Awaiting collection", "LIVE", "FOR UPLIFT")
    location = v.HOME_LOCATION if home else a["depot"]
    setting = c.put(keys["setting"], ref(*a["setting"])) if a["setting"] else None
    return {keys["type"]: c.refer(keys["type"], "device_type", a["item"], "device_models"),
            keys["maker"]: c.refer(keys["maker"], "maker", a["maker"], "manufacturers"),
            keys["model"]: c.refer(keys["model"], "model", a["model"], "device_models"),
            keys["serial"]: c.put(keys["serial"], ref("serial", a["serial"])),
            keys["setting"]: setting,
            keys["cyl"]: c.put(keys["cyl"], ref("cylinder_size", a["cyl"])) if a["cyl"] else None,
            keys["location"]: c.refer(keys["location"], "location", location, "locations")}


def _wales(b: Builder, line: int, a: dict[str, Any], item_id: int) -> dict[str, Any]:
    rng, sc, v = b.rng, b.scene, b.scene.v
    c = _Cells(b, line, a)
    eq = _shared(b, c, a, {"location": "location", **{k: f"equipment.{p}" for k, p in (
        ("type", "category"), ("maker", "manufacturer"), ("model", "model"), ("serial", "serialNo"),
        ("setting", "setting"), ("cyl", "cylinderSize"))}})
    out: dict[str, Any] = {"id": item_id, "equipment": {"assetNo": a["tag"], **{
        k.split(".")[1]: value for k, value in eq.items() if k.startswith("equipment.")}}, "status": a["status"],
        "location": eq["location"], "depot": a["depot"], "patient": None, "clinical": None,
        "contract": {"commissioner": c.put("contract.commissioner", ref("health_board", v.BOARD)),
                     "provider": c.put("contract.provider", ref("supplier", v.SUPPLIER))}}
    p = a["patient"]
    if p is not None:
        g, s = p
        t = sc.title(p)
        display = rng.choice([[n(s.upper()), ", ", n(g)], [n(s.upper()), ", ", n(g)], [n(g), " ", n(s)],
                              [f"{t} ", n(g), " ", n(s)], [n(g.lower()), " ", n(s.lower())]])
        h = sc.home(p)
        lines = h["lines"]
        house = lines[0] if lines[0] in v.HOUSES else None
        street = lines[1] if house and len(lines) > 1 else None if house else lines[0]
        contacts = []
        for k in range(rng.choice([0, 1, 1, 1, 2])):
            (kg, ks_), word = sc.relative() if k == 0 else (rng.choice(b.groups["carer"]), CARER)
            at = f"patient.contacts[{k}]"
            contacts.append({"relationship": word.capitalize(),
                             "name": c.put(f"{at}.name", [n(kg), " ", n(ks_)] if rng.random() < 0.6 else [n(kg)]),
                             "phone": c.put(f"{at}.phone", mine("phone", sc.mobile((kg, ks_))))})
        out["patient"] = {
            "displayName": c.put("patient.displayName", display),
            "nhsNumber": c.put("patient.nhsNumber", mine("nhs", h["nhs"] if rng.random() < 0.7 else sc.nhs())),
            "dateOfBirth": c.put("patient.dateOfBirth", mine("dob", sc.dob(p).isoformat())),
            "address": {"houseName": c.put("patient.address.houseName", mine("address", house)) if house else None,
                        "street": c.put("patient.address.street", mine("address", street)) if street else None,
                        "locality": h["village"] or None, "town": h["town"],
                        "postcode": c.put("patient.address.postcode", mine("postcode", h["pc"]))},
            "phone": c.put("patient.phone", mine("phone", sc.landline(p))) if rng.random() < 0.75 else None,
            "mobile": c.put("patient.mobile", mine("phone", sc.mobile(p))) if rng.random() < 0.5 else None,
            "email": c.put("patient.email", mine("email", sc.home_email(p))) if rng.random() < 0.25 else None,
            "keySafe": c.put("patient.keySafe", mine("keysafe", h["ks"])) if rng.random() < 0.4 else None,
            "language": rng.choice(LANGUAGES), "contacts": contacts}
        out["clinical"] = _clinical_wales(b, c, a)
        out["installedOn"] = a["installed"].isoformat()
        writer = rng.choice([a["nurse"], *b.groups["admin"]])
    else:
        out["installedOn"] = None
        writer = rng.choice(b.groups["admin"])
    out["installNotes"] = c.put("installNotes", b.note(b.tx.INSTALL, rng.choice(b.groups["eng"]))) \
        if p is not None and rng.random() < 0.7 else None
    out["createdBy"] = c.put("createdBy", mine("login", sc.login(writer)))
    out["updatedAt"] = f"{_modified(b, a):%Y-%m-%dT%H:%M:%S}Z"
    return out


def _clinical_wales(b: Builder, c: _Cells, a: dict[str, Any]) -> dict[str, Any]:
    rng, sc = b.rng, b.scene
    nurse = a["nurse"]
    title = sc.known("title_of", nurse, lambda: rng.choice(sc.v.JOB_TITLES))
    return {"referrer": {"name": c.put("clinical.referrer.name", [n(nurse[0]), " ", n(nurse[1])]),
                         "role": c.refer("clinical.referrer.role", "job_title", title, "contacts"),
                         "email": c.put("clinical.referrer.email", mine("email", sc.staff_email(nurse)))
                         if rng.random() < 0.5 else None},
            "hospital": c.put("clinical.hospital", sc.fill("{hosp}")),
            "ward": c.put("clinical.ward", sc.fill("{ward}")) if rng.random() < 0.8 else None,
            "gp": {"name": c.put("clinical.gp.name", sc.gp()),
                   "practice": c.put("clinical.gp.practice", sc.fill("{gpprac}"))},
            "prescription": {"hoursPerDay": rng.choice([15, 16, 24, 8, None]), "ambulatory": rng.random() < 0.3},
            "riskNotes": c.put("clinical.riskNotes", b.note(b.tx.RISK, nurse)) if rng.random() < 0.6 else None}


def _modified(b: Builder, a: dict[str, Any]) -> dt.datetime:
    start = dt.datetime.combine(a["installed"], dt.time(9))
    end = dt.datetime.combine(dt.date(2025, 11, 28), dt.time(17))
    return min(start + dt.timedelta(days=b.rng.randrange(0, 700), minutes=b.rng.randrange(600)), end)


def _scotland(b: Builder, line: int, a: dict[str, Any], item_id: int) -> dict[str, Any]:
    rng, sc, v = b.rng, b.scene, b.scene.v
    c = _Cells(b, line, a)
    out: dict[str, Any] = {"Equipment ID": a["tag"], "Record No": str(item_id)}
    out.update(_shared(b, c, a, {"type": "Equipment Type", "maker": "Manufacturer", "model": "Model",
                                 "serial": "Serial Number", "setting": "Flow / Setting", "cyl": "Cylinder",
                                 "location": "Current Location"}))
    out["Cylinder"], out["Flow / Setting"] = out["Cylinder"] or "", out["Flow / Setting"] or ""
    out.update({"Status": a["status"], "Depot": a["depot"]})
    blank = ["Title", "Forename", "Surname", "CHI Number", "DOB", "Address Line 1", "Address Line 2", "Town",
             "Postcode", "Door Entry", "Home Tel", "Mobile", "Email Address", "Key Safe", "Next of Kin",
             "NOK Relationship", "NOK Tel", "Key Holder", "Key Holder Tel", "Referring Hospital", "Ward / Clinic",
             "Referring Clinician", "Clinician Designation", "Clinician Email", "GP", "GP Practice", "Hours Per Day",
             "Smoker In Household", "Risk Assessment Notes", "Installation Comments", "Date Installed"]
    out.update(dict.fromkeys(blank, ""))
    p = a["patient"]
    if p is not None:
        g, s = p
        h = sc.home(p)
        lines = h["lines"]
        (kg, ks_), word = sc.relative()
        holder = rng.choice([(kg, ks_), rng.choice(b.groups["carer"])])
        nurse = a["nurse"]
        title = sc.known("title_of", nurse, lambda: rng.choice(v.JOB_TITLES))
        put = c.put
        out.update({
            "Title": sc.title(p), "Forename": put("Forename", [n(g)]),
            "Surname": put("Surname", [n(s.upper() if rng.random() < 0.5 else s)]),
            "CHI Number": put("CHI Number", mine("chi", h["chi"] if rng.random() < 0.6 else sc.chi())),
            "DOB": put("DOB", mine("dob", f"{sc.dob(p):%d/%m/%Y}")),
            "Address Line 1": put("Address Line 1", mine("address", lines[0])),
            "Address Line 2": put("Address Line 2", mine("address", lines[1])) if len(lines) > 1 else h["village"],
            "Town": h["town"], "Postcode": put("Postcode", mine("postcode", h["pc"])),
            "Door Entry": put("Door Entry", mine("keysafe", h["door"])) if "F" in lines[0][:3] and
            rng.random() < 0.6 else "",
            "Home Tel": put("Home Tel", mine("phone", sc.landline(p))) if rng.random() < 0.7 else "",
            "Mobile": put("Mobile", mine("phone", sc.mobile(p))) if rng.random() < 0.5 else "",
            "Email Address": put("Email Address", mine("email", sc.home_email(p))) if rng.random() < 0.2 else "",
            "Key Safe": put("Key Safe", mine("keysafe", h["ks"])) if rng.random() < 0.35 else "",
            "Next of Kin": put("Next of Kin", [n(kg), " ", n(ks_)]) if rng.random() < 0.8 else "",
            "NOK Relationship": word.title(),
            "NOK Tel": put("NOK Tel", mine("phone", sc.mobile((kg, ks_)))) if rng.random() < 0.8 else "",
            "Key Holder": put("Key Holder", [n(holder[0]), " ", n(holder[1])]) if rng.random() < 0.4 else "",
            "Referring Hospital": put("Referring Hospital", sc.fill("{hosp}")),
            "Ward / Clinic": put("Ward / Clinic", sc.fill("{ward}")) if rng.random() < 0.8 else "",
            "Referring Clinician": put("Referring Clinician", [n(nurse[0]), " ", n(nurse[1])]),
            "Clinician Designation": c.refer("Clinician Designation", "job_title", title, "contacts"),
            "Clinician Email": put("Clinician Email", mine("email", sc.staff_email(nurse)))
            if rng.random() < 0.5 else "",
            "GP": put("GP", sc.gp()), "GP Practice": put("GP Practice", sc.fill("{gpprac}")),
            "Hours Per Day": rng.choice(["15", "16", "24", "8", ""]), "Smoker In Household": rng.choice("NNNNY"),
            "Risk Assessment Notes": put("Risk Assessment Notes", b.note(b.tx.RISK, nurse))
            if rng.random() < 0.6 else "",
            "Installation Comments": put("Installation Comments", b.note(b.tx.INSTALL, rng.choice(b.groups["eng"])))
            if rng.random() < 0.7 else "",
            "Date Installed": f"{a['installed']:%d/%m/%Y}"})
        if out["Key Holder"]:
            out["Key Holder Tel"] = put("Key Holder Tel", mine("phone", sc.mobile(holder)))
        else:
            out["Key Holder Tel"] = ""
    writer = rng.choice([a["nurse"], *b.groups["admin"]]) if p is not None else rng.choice(b.groups["admin"])
    out["Health Board"] = c.put("Health Board", ref("health_board", v.BOARD))
    out["Provider"] = c.put("Provider", ref("supplier", v.SUPPLIER))
    out["Created By"] = c.put("Created By", mine("login", sc.login(writer)))
    out["Date Modified"] = f"{_modified(b, a):%d/%m/%Y %H:%M}"
    return out
