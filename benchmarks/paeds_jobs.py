"""The jobs of `paeds_export.py` and their actions: faults reported by families, community nurses and wards
(pasted e-mails now and then), the engineers' and makers' actions with parts as jsonb, which the mapping's job query
folds into the job's outcome."""

from __future__ import annotations

import datetime as dt
import re

import paeds_kit as kx
import paeds_text as tx
from export_common import Person, Piece
from paeds_pgdump import Jsonb, Raw
from paeds_tables import END, Library, money, when

TEST_TABLE = {"dev12": "\nTest\tResult\tLimit\nearth bond\t0.08 ohm\t0.2\nenclosure leakage\t12 uA\t100",
              "fresh10": "\n\tMeasured\tPass?\nProtective earth\t0.11\tY\nPatient leakage (NC)\t8 uA\tY"}


def _reporter(b: Library, person: Person, word: str, capital: str) -> list[Piece]:
    """How someone is typed into the job's "reported by": a form of the split, their role or relation word."""
    g, s = person
    out: list[Piece] = []
    for i, part in enumerate(re.split(r"\{(\w+)\}", b.rng.choice(tx.REPORTER[b.split]))):
        if not i % 2:
            out.append(part)
        elif part in ("rel", "role", "Rel", "ward"):
            out.append({"rel": word, "role": word, "Rel": capital, "ward": b.scene.ward}[part])
        else:
            out.append(({"g": g, "s": s, "G": g.upper(), "S": s.upper()}[part], "name", True))
    return out


def _email(b: Library, body: list[Piece], raised: dt.datetime) -> list[Piece]:
    """A pasted e-mail about `body`, from a nurse or a community nurse, signed, sent before the job was raised."""
    sc = b.scene
    sender = sc.pick(sc.nurses + sc.ccns)
    sent = raised - dt.timedelta(minutes=b.rng.randrange(20, 4000))
    nested: dict[str, list[Piece]] = {
        "body": body, "from": [(sender[0], "name", True), " ", (sender[1], "name", True)],
        "sent": [f"{sent:%d %B %Y %H:%M}" if b.split == "dev12" else f"{sent:%a, %d %b %Y %H:%M:%S +0000}"]}
    return sc.fill(tx.EMAIL[b.split], nested=nested)


def jobs(b: Library) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    lower = 0.35 if split == "dev12" else 0.1  # the share of faults typed all in lower case
    by_device: dict[int, list[int]] = {}
    for loan in b.t["loans"]:
        by_device.setdefault(loan["device_id"], []).append(loan["patient_id"])
    child_of = {pid: child for child, pid in b.patient_id.items()}
    models = {m["id"]: m for m in b.t["device_models"]}
    orgs = {o["id"]: o for o in b.t["organisations"]}
    locs = {loc["id"]: loc for loc in b.t["locations"]}
    b.t["jobs"], b.t["job_actions"] = [], []
    for j in range(b.rows * 3):
        jid, d = j + 1, rng.choice(b.t["devices"])
        model = models[d["model_id"]]
        sc.maker, sc.model, sc.tag = orgs[model["manufacturer_id"]]["name"], model["model"], d["asset_tag"]
        sc.ward = locs[d["location_id"]]["area"]
        pids = by_device.get(d["id"])
        sc.about(child_of[rng.choice(pids)] if pids else rng.choice(sc.children))
        raised = when(rng)
        job_type = rng.choices(list(kx.JOB_TYPES), [45, 25, 5, 15 if d["pool"] == "library" else 0, 5, 5])[0]
        status = rng.choices(list(kx.JOB_STATUSES), [5, 8, 6, 4, 70, 7])[0]
        done = status in ("complete", "cancelled")
        completed = min(raised + dt.timedelta(hours=rng.randrange(1, 500)), END) if done else None
        job_no = f"JOB-{raised.year}-{jid:05d}" if split == "dev12" else f"W{100000 + j * 3:06d}"
        rec = ("jobs", job_no)
        reported: str | None
        r = rng.random() if job_type != "PPM" else 0.5 + rng.random() / 2  # a family reports no PPM
        if r < 0.45 and sc.family:
            carer, key = rng.choice(sc.family)
            word, capital = tx.RELATIONS[split][key][:2]
            reported = b.cell("jobs", jid, "reported_by", rec, _reporter(b, carer, word, capital))
            contact = b.cell("jobs", jid, "reporter_contact", rec, [(sc.mobile(carer), "phone", True)]) \
                if rng.random() < 0.8 else None
        elif r < 0.85:
            person = sc.pick(sc.nurses + sc.ccns)
            group = "ccn" if person in sc.ccns else "nurse"
            word = sc.role_word(group, person[0])
            reported = b.cell("jobs", jid, "reported_by", rec, _reporter(b, person, word, word))
            q = rng.random()
            contact = b.cell("jobs", jid, "reporter_contact", rec, [(sc.mobile(person), "phone", True)]) \
                if q < 0.3 else f"x{rng.randrange(2, 7)}{rng.randrange(100, 999)}" if q < 0.7 else \
                f"bleep {rng.randrange(100, 899)}" if q < 0.85 else None
        else:
            reported, contact = rng.choice(["library desk", "CCN team", "switchboard", None]), None
        if job_type == "PPM" and rng.random() < 0.8:
            pieces: list[Piece] = [rng.choice(["PPM due", "annual service", "6/12 PPM", "PPM - on shelf"])]
        elif r < 0.06:
            pieces = b.text(tx.CAPS, "upper")
        elif r < 0.16:
            pieces = _email(b, b.text(tx.FAULT), raised)
        else:
            pieces = b.text(tx.FAULT, "lower" if rng.random() < lower else "")
        engineer = b.staff_id[rng.choice(sc.engs)] if status != "new" else None
        if engineer:
            b.staff_name(engineer, "staff", engineer, "engineer", rec)
        b.t["jobs"].append({
            "id": jid, "job_no": job_no, "device_id": d["id"], "job_type": job_type,
            "priority": rng.choice([1, 2, 3, 3, 3, 4]), "raised_at": raised, "reported_by": reported,
            "reporter_contact": contact, "fault": b.cell("jobs", jid, "fault", rec, pieces), "status": status,
            "completed_at": completed, "engineer_id": engineer,
            "raised_by": b.logins[rng.choice(sorted(b.logins))]})
        n = rng.choice([1, 1, 2, 3]) if done else rng.choice([0, 0, 1])
        for _ in range(n):
            _action(b, jid, rec, raised, completed)


def _action(b: Library, jid: int, rec: tuple[str, str], raised: dt.datetime, completed: dt.datetime | None
            ) -> None:
    rng, sc = b.rng, b.scene
    aid = len(b.t["job_actions"]) + 1
    eng = contractor = None
    if rng.random() < 0.15:
        contractor = rng.choice([o for o in b.t["organisations"] if o["org_type"] != "charity"])
        if contractor["contact_name"]:
            g, s = sc.last = sc.reps[(contractor["id"] - 1) % len(sc.reps)]
            b.cell("organisations", contractor["id"], "action_by", rec, [(g, "name", True), " ", (s, "name", True)])
        kind = "maker" if contractor["org_type"] == "manufacturer" else "supplier"
        b.cell("organisations", contractor["id"], "action_by", rec, [(contractor["name"], kind, False)])
    else:
        eng = b.staff_id[sc.pick(sc.engs)]
        b.staff_name(eng, "staff", eng, "action_by", rec)
    span = max(int(((completed or END) - raised).days), 0)
    pieces = b.text(tx.ACTION, "lower" if b.split == "dev12" and rng.random() < 0.2 else "")
    if rng.random() < 0.06:
        pieces = [*pieces, TEST_TABLE[b.split]]
    elif rng.random() < 0.08:
        pieces = [*pieces, rng.choice(["\n", "\r\n"]), *b.text(tx.ACTION)]
    parts, cost = None, None
    if rng.random() < 0.35:
        lines = []
        total = 0.0
        for _ in range(rng.choice([1, 1, 2])):
            part, qty, price = rng.choice(kx.PARTS), rng.choice([1, 1, 2]), money(rng, 4, 700)
            b.cell("job_actions", aid, "parts", rec, [(part, "part_number", False)])
            lines.append({"part_no": part, "qty": qty, "description": rng.choice(kx.PART_DESCS),
                          "unit_price": float(price)})
            total += qty * float(price)
        parts, cost = Jsonb(lines), Raw(f"{total:.2f}")
    b.t["job_actions"].append({
        "id": aid, "job_id": jid, "engineer_id": eng, "contractor_id": contractor["id"] if contractor else None,
        "action_at": min(raised + dt.timedelta(days=rng.randrange(0, span + 1), hours=rng.randrange(0, 6)), END),
        "action": b.cell("job_actions", aid, "action", rec, pieces),
        "hours": Raw(f"{rng.choice([0.25, 0.5, 1, 1.5, 2, 3.5]):.2f}"), "parts": parts, "parts_cost": cost})

