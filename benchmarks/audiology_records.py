"""The quality records and loans of `audiology_export.py`: calibrations of the test kit (dev22 tables of a pg_dump,
the engineer joined from a staff table by id; fresh20 a table of the register's SQLite database, the engineer typed),
dev22's booth ambient-noise checks, radio-aid loans to children (the child, date of birth, number, school, teacher of
the deaf, parent or carer with their phones: dev22 a pg_dump table, fresh20 a sheet of the repair tracker) and
fresh20's repair orders from the makers' portal (JSON lines, nested objects and an events array)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import audiology_kit as kx
from audiology_jobs import _writer
from audiology_rows import COLUMNS, Builder, table_file
from export_common import Person, Piece, digits, mine, ref

PG = "%Y-%m-%d"


def _date(split: str, d: dt.date | None) -> str | None:
    if d is None:
        return None
    return f"{min(d, kx.END):{PG if split == 'dev22' else '%d/%m/%Y'}}"


def staff_rows(b: Builder) -> None:
    """dev22's staff table (calibration engineers, technicians and audiologists), joined into calibrations and booth
    checks by id."""
    sc = b.scene
    people = b.groups["eng"] + b.groups["tech"] + b.groups["aud"][:4]
    for i, p in enumerate(people, start=1):
        group = "eng" if p in b.groups["eng"] else "tech" if p in b.groups["tech"] else "aud"
        b.t["staff"].append({"id": i, "name": f"{p[0]} {p[1]}", "person": p, "login": sc.login(p),
                             "reg": sc.staff_id(p, group), "mobile": sc.work_mobile(p) if i % 4 else None,
                             "email": sc.staff_email(p) if i % 3 else None})


def _staff_join(b: Builder, p: Person, number: str) -> int:
    """A staff row joined into a job: its cells recorded in the truth for that job."""
    file, cols = table_file(b.split, "staff"), COLUMNS[b.split]["staff"][1]
    s = next(r for r in b.t["staff"] if r["person"] == p)
    rec = ("jobs", number)
    g, last = p
    b.w.cell([(g, "name", True), " ", (last, "name", True)], file, s["id"], cols["name"], rec)
    b.w.cell(mine("login", s["login"]), file, s["id"], cols["login"], rec)
    b.w.cell(mine("staff_id", s["reg"]), file, s["id"], cols["reg"], rec)
    if s["mobile"]:
        b.w.cell(mine("phone", s["mobile"]), file, s["id"], cols["mobile"], rec)
    if s["email"]:
        b.w.cell(mine("email", s["email"]), file, s["id"], cols["email"], rec)
    return int(s["id"])


def cal_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    dev = split == "dev22"
    kit = [a for a in b.assets if a["item"] in kx.TEST_KIT + (() if dev else (kx.BOOTH,))] or b.assets
    states, stages = list(kx.CAL_STATUS[split]), kx.STAGES[split]
    for i, (when, _) in enumerate(sorted((b.moment(2022), j) for j in range(count)), start=1):
        a = rng.choice(kit)
        b.about(a, when)
        number = kx.CAL_NO[split].format(n=first + i)
        put = _writer(b, "cal", number, i)
        state = rng.choices(states, [75, 6, 12, 7])[0]
        stage = rng.choice(stages)
        done = kx.CAL_STATUS[split][state] == "completed"
        row: dict[str, Any] = {"no": number, "tag": a["tag"], "date": _date(split, when.date()), "stage": stage,
                               "result": state,
                               "std": put("std", ref("standard", rng.choice(kx.STANDARDS))),
                               "due": _date(split, when.date() + dt.timedelta(days=365)) if done else None}
        if done and stage != stages[1]:
            row["cert"] = put("cert", ref("cert_no", kx.cert(rng, split, when.year)))
        if done:
            pieces: list[Piece] = []
            for k in range(rng.randint(1, 3)):
                pieces += ["; " if dev else " | "] * bool(k) + ref("reading", kx.reading(rng, split))
            row["readings"] = put("readings", pieces)
        if dev:
            row["eng"] = _staff_join(b, sc.eng if stage != stages[0] else rng.choice(b.groups["tech"]), number)
        else:
            row["eng"] = put("eng", sc.staff("eng", sc.eng) if rng.random() < 0.75 else
                             [*sc.staff("eng", sc.eng), " ", *sc.staff_phone(sc.eng)])
        if i == 1 or rng.random() < 0.6:
            row["notes"] = put("notes", b.notes("CAL_NOTE", sc.eng, 2))
        b.t["cal"].append(row)


def booth_rows(b: Builder, count: int, first: int) -> None:
    rng, sc = b.rng, b.scene
    booths = [a for a in b.assets if a["item"] == kx.BOOTH] or b.assets
    states = list(kx.BOOTH_STATUS[b.split])
    for i, (when, _) in enumerate(sorted((b.moment(2022), j) for j in range(count)), start=1):
        a = rng.choice(booths)
        b.about(a, when)
        number = kx.BOOTH_NO[b.split].format(n=first + i)
        put = _writer(b, "booth", number, i)
        state = rng.choices(states, [80, 12, 8])[0]
        by = rng.choice(b.groups["tech"] + b.groups["eng"])
        row: dict[str, Any] = {"no": number, "tag": a["tag"], "date": _date(b.split, when.date()), "result": state,
                               "booth": put("booth", ref("booth", a["room"] or rng.choice(sc.v.BOOTHS))),
                               "by": _staff_join(b, by, number)}
        if state != states[2]:
            row["ambient"] = put("ambient", ref("reading", kx.booth_ambient(rng, state == states[1])))
        if i == 1 or rng.random() < 0.5:
            row["notes"] = put("notes", b.notes("BOOTH_NOTE", by, 2))
        b.t["booth"].append(row)


def loan_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    kits = [a for a in b.assets if a["item"] == kx.RADIO] or b.assets
    states = list(kx.LOAN_STATUS[split])
    for i, (when, _) in enumerate(sorted((b.moment(2022), j) for j in range(count)), start=1):
        a = rng.choice(kits)
        b.about(a, when)
        number = kx.LOAN_NO[split].format(n=first + i)
        put = _writer(b, "loan", number, i)
        state = rng.choices(states, [55, 30, 10, 5])[0]
        due = when + dt.timedelta(days=rng.choice([91, 182, 365]))
        back = when + dt.timedelta(days=rng.randrange(20, 400)) if state == states[0] else None
        row: dict[str, Any] = {"no": number, "tag": a["tag"], "status": state,
                               "out": _date(split, when.date()) if split == "dev22" else when.replace(hour=0, minute=0),
                               "due": _date(split, due.date()), "back": _date(split, back.date()) if back else None,
                               "child": put("child", sc.pt()), "dob": put("dob", mine("dob", sc.dob())),
                               "school": put("school", sc.school()), "tod": put("tod", sc.staff("tod", sc.tod)),
                               "carer": put("carer", sc.carer())}
        if i == 1 or rng.random() < 0.8:
            row["num"] = put("num", mine("nhs", sc.number()))
        if split == "dev22" and (i == 1 or rng.random() < 0.7):
            row["todtel"] = put("todtel", sc.staff_phone(sc.tod))
        if i == 1 or rng.random() < 0.85:
            row["carertel"] = put("carertel", mine("phone", sc.mobile(sc.relative()[0])))
        if i == 1 or rng.random() < 0.6:
            row["notes"] = put("notes", b.notes("LOAN_NOTE", rng.choice(b.groups["aud"] + b.groups["tod"]), 2))
        b.t["loan"].append(row)


def rma_rows(b: Builder, count: int, first: int) -> None:
    """fresh20: the makers' repair portal, a JSON object a repair order (nested device, endUser, clinic, fault; an
    events array written by the repair centre)."""
    rng, split, sc = b.rng, b.split, b.scene
    file, cols = table_file(split, "rma"), COLUMNS[split]["rma"][1]
    aids = [a for a in b.assets if a["item"] in kx.ISSUED] or b.assets
    states = list(kx.RMA_STATUS[split])
    for i, (when, _) in enumerate(sorted((b.moment(2023), j) for j in range(count)), start=1):
        a = rng.choice(aids)
        b.about(a, when)
        number = kx.RMA_NO[split].format(m=a["maker"][:2].upper(), n=first + 7 * i + rng.randrange(7))
        rec = ("jobs", number)

        def put(role: str, pieces: list[Piece], i: int = i, rec: tuple[str, str] = rec) -> str:
            return str(b.w.cell(pieces, file, i, cols[role], rec))
        g, s = sc.patient
        forms: list[list[Piece]] = [[f"{g[0]}. ", (s, "name", True)], [(s.upper(), "name", True)],
                                    sc.initials(sc.patient)]
        user = rng.choice(forms)
        o: dict[str, Any] = {
            "orderNo": number, "created": f"{when:%Y-%m-%dT%H:%M:%S}Z",
            "manufacturer": put("maker", ref("maker", a["maker"])),
            "device": {"serial": a["serial"], "model": put("model", ref("model", a["model"]))},
            "endUser": {"name": put("enduser", user),
                        "clinicRef": put("clinicref", mine("hospital_number", sc.hosp())) if i == 1 or
                        rng.random() < 0.6 else None},
            "clinic": {"account": f"WHSCT-{digits(rng, 5)}", "name": put("clinic", ref("clinic", a["clinic"]))},
            "status": rng.choices(states, [10, 20, 40, 20, 10])[0],
            "fault": {"code": put("code", ref("error_code", kx.error(rng, a["item"]))) if i == 1 or rng.random() < 0.5
                      else None, "text": kx.fault(rng, a["item"])}}
        events: list[dict[str, Any]] = []
        for e in range(rng.choice([1, 1, 2, 3]) if i > 1 else 2):
            at = f"{cols['notes']}[{e}]."
            by = rng.choice(b.groups["maker"])
            events.append({"at": f"{when + dt.timedelta(days=2 * e + 1):%Y-%m-%dT%H:%M:%S}Z",
                           "by": str(b.w.cell(sc.staff("maker", by) if e or rng.random() < 0.7 else ["system"], file,
                                              i, at + "by", rec)),
                           "text": str(b.w.cell(b.note("RMA_NOTE", by), file, i, at + "text", rec))})
        o["events"] = events
        b.t["rma"].append(o)
