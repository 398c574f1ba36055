"""The devices of `paeds_export.py` with what the mapping's device query folds into them: the loans of library kit
to children at home (the child, the family and the library's calls with them joined in) and the audit trigger's
rows. Every value the query carries into a device's record is recorded for it in the truth, once per record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import paeds_kit as kx
import paeds_text as tx
from export_common import Person
from paeds_pgdump import Jsonb
from paeds_tables import END, Library, money, when


def _tag(split: str, i: int, pool: str) -> str:
    if split == "dev12":
        return f"MDL-{10000 + i * 3:05d}" if pool == "library" else f"EQ{200400 + i * 7:06d}"
    return f"L{i + 1:05d}" if pool == "library" else f"E{40000 + i * 11:05d}"


def devices(b: Library) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    sites = {s["id"]: s["name"] for s in b.t["sites"]}
    library = [loc for loc in b.t["locations"] if loc["area"] in ("Medical Devices Library", "Equipment Library")]
    community = [loc for loc in b.t["locations"] if sites[loc["site_id"]].split()[0] in ("Peter", "Grace")]
    wards = [loc for loc in b.t["locations"] if loc not in library + community]
    orgs = {o["name"]: o["id"] for o in b.t["organisations"]}
    charities = [o["id"] for o in b.t["organisations"] if o["org_type"] == "charity"]
    models = [(i + 1, m) for i, m in enumerate(kx.MODELS)]
    chosen = [rng.choices(models, [3 if m[5] == "library" else 2 for _, m in models])[0] for _ in range(b.rows)]
    sc.tags = [_tag(split, i, m[5]) for i, (_, m) in enumerate(chosen)]
    keepers = [b.staff_id[p] for p in sc.ccns + sc.nurses + sc.docs]
    b.t["devices"], b.t["loans"], b.t["loan_calls"], b.t["logged_actions"] = [], [], [], []
    for i, (model_id, (maker, model, _dtype, _emdn, _mdr, pool)) in enumerate(chosen):
        did, tag = i + 1, sc.tags[i]
        rec = ("assets", tag)
        loc = rng.choice(wards if pool == "ward" else library + community if rng.random() < 0.9 else wards)
        sc.maker, sc.model, sc.tag, sc.ward = maker, model, tag, loc["area"]
        sc.about(rng.choice(sc.children))
        supplier = next((s for s in kx.SUPPLIERS if s.split()[0] == maker.split()[0]), "NHS Supply Chain")
        for column, kind, value, entity in [("maker", "maker", maker, "manufacturers"),
                                            ("model", "model", model, "device_models"),
                                            ("supplier", "supplier", supplier, "suppliers"),
                                            ("site_name", "site", sites[loc["site_id"]], "sites"),
                                            ("building", "building", loc["building"], "locations"),
                                            ("area", "ward", loc["area"], "locations"),
                                            ("room", "room", loc["room"], "locations")]:
            b.ref("devices", did, column, kind, value, entity)
        keeper = engineer = funder = None
        if rng.random() < 0.6:
            keeper = rng.choice(keepers)
            b.staff_name(keeper, "staff", keeper, "keeper", rec)
            mobile = b.t["staff"][keeper - 1]["mobile"]
            if mobile:
                b.cell("staff", keeper, "keeper_mobile", rec, [(mobile, "phone", True)])
        if rng.random() < 0.5:
            engineer = b.staff_id[rng.choice(sc.engs)]
            b.staff_name(engineer, "staff", engineer, "link_engineer", rec)
        if rng.random() < 0.25:
            funder = rng.choice(charities)
            b.cell("organisations", funder, "funder", rec, [(b.t["organisations"][funder - 1]["name"], "charity",
                                                             False)])
        notes = None
        if rng.random() < 0.5:
            pieces = b.text(tx.DEVICE)
            if rng.random() < 0.2:
                pieces = [*pieces, rng.choice(["\n", "\r\n", ". "]), *b.text(tx.DEVICE)]
            notes = b.cell("devices", did, "notes", rec, pieces)
        editor = rng.choice(b.t["app_users"])["username"]
        bought = when(rng).date() - dt.timedelta(days=rng.randrange(0, 1500))
        status = _loans(b, did, rec, pool)
        b.t["devices"].append({
            "id": did, "asset_tag": tag, "model_id": model_id, "serial_number": sc.serial(), "location_id": loc["id"],
            "pool": pool, "status": status, "supplier_id": orgs[supplier], "funded_by_id": funder,
            "keeper_id": keeper, "engineer_id": engineer, "risk_category": rng.choice(["A", "B", "C", "B", None]),
            "purchase_date": f"{bought}" if rng.random() < 0.85 else None,
            "purchase_cost": money(rng, 80, 42000) if rng.random() < 0.8 else None,
            "warranty_until": f"{bought + dt.timedelta(days=365 * rng.choice([1, 2, 3]))}" if rng.random() < 0.5
            else None,
            "last_ppm": f"{when(rng).date()}" if rng.random() < 0.7 else None,
            "next_ppm": f"{when(rng).date() + dt.timedelta(days=365)}" if rng.random() < 0.7 else None,
            "accessories": rng.sample(kx.ACCESSORIES, rng.randrange(0, 4)) if pool == "library" else None,
            "notes": notes, "created_at": dt.datetime.combine(bought, dt.time(9, rng.randrange(60))),
            "updated_at": when(rng),
            "updated_by": b.cell("devices", did, "updated_by", rec, [(editor, "login", True)])})
        _audit(b, did, tag, rec, status)


def _loans(b: Library, did: int, rec: tuple[str, str], pool: str) -> str:
    """The device's loans, oldest first; its status."""
    rng, sc = b.rng, b.scene
    if pool != "library" or rng.random() < 0.2:
        return rng.choices(["in_use", "available", "awaiting_repair", "condemned", "missing"], [60, 20, 10, 6, 4])[0]
    start = when(rng) - dt.timedelta(days=900)
    start = max(start, dt.datetime(2019, 2, 1, 10))
    issuers = [b.staff_id[p] for p in sc.ccns + sc.admins + sc.engs]
    callers = [b.logins[sid] for sid in issuers]
    n = rng.choice([1, 1, 2, 2, 3, 4])
    status = "available"
    for k in range(n):
        child = sc.children[min(int(rng.paretovariate(1.2)) - 1, len(sc.children) - 1)] if rng.random() < 0.5 \
            else rng.choice(sc.children)
        sc.about(child)
        lid, pid = len(b.t["loans"]) + 1, b.patient_id[child]
        issued = when(rng, start, 60)
        open_loan = k == n - 1 and rng.random() < 0.45
        returned = None if open_loan else min(issued + dt.timedelta(days=rng.randrange(3, 300)), END)
        start = (returned or issued) + dt.timedelta(days=1)
        issuer = rng.choice(issuers)
        _fold_child(b, child, pid, rec)
        b.staff_name(issuer, "staff", issuer, "issued_by", rec)
        pieces = b.text(tx.LOAN, "lower" if b.split == "dev12" and rng.random() < 0.3 else "")
        b.t["loans"].append({
            "id": lid, "device_id": did, "patient_id": pid, "issued_at": issued, "issued_by_id": issuer,
            "due_back": f"{(issued + dt.timedelta(days=90)).date()}", "returned_at": returned,
            "return_condition": rng.choice(["good", "soiled", "damaged", "good", None]) if returned else None,
            "decontaminated": rng.random() < 0.8 if returned else None,
            "notes": b.cell("loans", lid, "notes", rec, pieces) or None})
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            cid = len(b.t["loan_calls"]) + 1
            login = rng.choice(callers)
            b.cell("loan_calls", cid, "logged_by", rec, [(login, "login", True)])
            note = b.text(tx.CALL, "lower" if b.split == "dev12" and rng.random() < 0.4 else "")
            if rng.random() < 0.15:
                note = [*note, rng.choice(["\n", "\r\n"]), *b.text(tx.CALL)]
            b.t["loan_calls"].append({"id": cid, "loan_id": lid, "called_at": when(rng, issued, 40),
                                      "direction": rng.choice(["in", "out"]), "logged_by": login,
                                      "note": b.cell("loan_calls", cid, "note", rec, note)})
        status = "on_loan" if open_loan else "available"
    return status


def _fold_child(b: Library, child: Person, pid: int, rec: tuple[str, str]) -> None:
    """The child's and carers' values the query's loan line carries into the device's record."""
    p = b.t["patients"][pid - 1]
    mine = lambda column, kind: b.cell("patients", pid, column, rec, [(p[column], kind, True)])  # noqa: E731
    mine("forename", "name")
    mine("surname", "name")
    mine("hospital_no", "hospital_number")
    mine("nhs_number", "nhs")
    mine("date_of_birth", "dob")
    mine("postcode", "postcode")
    b.cell("patients", pid, "address_line1", rec, [(b.scene.home_parts()[1], "address", True)])
    b.cell("patients", pid, "town", rec, [(p["town"], "town", False)])
    if p["home_phone"]:
        mine("home_phone", "phone")
    if p["school"]:
        b.cell("patients", pid, "school", rec, [(p["school"], "school", False)])
    b.cell("patients", pid, "access_notes", rec, b.kept[("patients", pid)])
    for c in b.t["carers"]:
        if c["patient_id"] == pid:
            b.cell("carers", c["id"], "full_name", rec, b.kept[("carers", c["id"])])
            for column in ("phone", "email"):
                if c[column]:
                    b.cell("carers", c["id"], column, rec, [(c[column], "phone" if column == "phone" else "email",
                                                             True)])


def _audit(b: Library, did: int, tag: str, rec: tuple[str, str], status: str) -> None:
    """The audit trigger's rows for the device (the query folds their time, application and changed fields), and
    now and then a patient's row, which the query leaves out."""
    rng = b.rng
    users = [u["username"] for u in b.t["app_users"]]
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        eid = len(b.t["logged_actions"]) + 1
        login = rng.choice(users)
        app = b.cell("logged_actions", eid, "application_name", rec, ["mdl-web/", (login, "login", True)])
        changes: dict[str, Any] = rng.choice([
            {"status": rng.choice(["on_loan", "available", "quarantine"])},
            {"location_id": rng.randrange(1, len(b.t["locations"]) + 1), "status": status},
            {"keeper_id": rng.randrange(1, 60)}, {"serial_number": b.scene.serial()}, {"risk_category": "A"}])
        if rng.random() < 0.6:
            by = rng.choice(users)
            changes["updated_by"] = by
            b.cell("logged_actions", eid, "changed_fields", rec, [(by, "login", True)])
        b.t["logged_actions"].append(_event(b, eid, "devices", app, {"id": did, "asset_tag": tag, "status": status},
                                            changes))
    if rng.random() < 0.2:
        eid = len(b.t["logged_actions"]) + 1
        p = rng.choice(b.t["patients"])
        b.t["logged_actions"].append(_event(b, eid, "patients", f"mdl-web/{rng.choice(users)}", {
            k: p[k] for k in ("id", "hospital_no", "forename", "surname", "postcode")}, {"postcode": p["postcode"]}))


def _event(b: Library, eid: int, table: str, app: str, row: dict[str, Any], changes: dict[str, Any]
           ) -> dict[str, Any]:
    rng = b.rng
    return {"event_id": eid, "schema_name": "public", "table_name": table,
            "relid": 16411 if table == "devices" else 16458, "session_user_name": "mdl_app",
            "action_tstamp_tx": when(rng), "transaction_id": 880000 + eid * 7 + rng.randrange(5),
            "application_name": app, "client_addr": f"10.{rng.choice([41, 44])}.{rng.randrange(2, 30)}."
            f"{rng.randrange(2, 250)}", "client_port": rng.randrange(40000, 65000), "action": "U",
            "row_data": Jsonb(row), "changed_fields": Jsonb(changes), "statement_only": False}

