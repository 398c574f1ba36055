"""The unit's registers of `endoscopy_export.py` (dev21 tables of a MySQL database, fresh19 sheets of an Excel 97
workbook): scopes sent back to their makers for repair (the fault, the maker's RMA or quote reference, the loan
scope, the field service engineer (dev21 joined from the contacts table), who packed it), final-rinse water tests of
the washers (the lab's sample ID and count, who sampled, the lab's contact) and patient look-backs after a scope
failed a leak test (each patient with their numbers, date of birth, phone and GP, the actions taken)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import endoscopy_kit as kx
from endoscopy_rows import MEMBERS, TABLES, Builder, table_file
from export_common import Person, Piece, mine, ref


def _day(split: str, when: dt.datetime | None) -> Any:
    if when is None:
        return None
    if split == "dev21":
        return f"{when:%Y-%m-%d %H:%M:%S}"
    return f"{when:%d/%m/%Y}" if when.hour < 13 else f"{when:%d-%b-%y}"  # typed by hand, two ways


def _writer(b: Builder, role: str, number: str, i: int):  # type: ignore[no-untyped-def]
    file, cols = table_file(b.split, role), TABLES[b.split][role][1]

    def put(column: str, pieces: list[Piece]) -> str:
        return str(b.w.cell(pieces, file, i, cols[column], ("jobs", number)))
    return put


def fse_rows(b: Builder) -> None:
    """dev21's contacts of the makers' field service engineers (joined into the repairs by id)."""
    makers = [m for m, _ in kx.KIT]
    for i, p in enumerate(b.groups["field"], start=1):
        b.scene.field = p
        company = makers[i % len(makers)]
        b.t["fse"].append({"id": i, "name": f"{p[0]} {p[1]}", "company": company, "person": p,
                           "mobile": b.scene.work_mobile(p),
                           "email": b.scene.field_email(company) if i % 3 else None})


def repair_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    pool = [a for a in b.assets if a["item"] in kx.SCOPES or rng.random() < 0.3] or b.assets
    states = list(kx.REPAIR_STATUS[split])
    ffile, fcols = table_file(split, "fse"), TABLES[split]["fse"][1]
    for i, (when, _) in enumerate(sorted((b.moment(2021), j) for j in range(count)), start=1):
        a = rng.choice(pool)
        b.about(a, when)
        number = kx.REPAIR_NO[split].format(n=first + 2 * i + rng.randrange(2))
        put = _writer(b, "repair", number, i)
        state = rng.choices(states, [60, 20, 12, 8])[0]
        back = when + dt.timedelta(days=rng.randrange(6, 50)) if kx.REPAIR_STATUS[split][state] == "completed" \
            else None
        sc.loan = kx.serial(rng, a["maker"]) if a["item"] in kx.SCOPES and rng.random() < 0.6 else ""
        packer = rng.choice(b.groups["decon"])
        row: dict[str, Any] = {"no": number, "tag": a["tag"], "status": state, "sent": _day(split, when),
                               "back": _day(split, min(back, dt.datetime.combine(kx.END, dt.time(16)))) if back
                               else None,
                               "rma": put("rma", ref("service_report", kx.rma(rng, split))),
                               "loan": put("loan", ref("serial", sc.loan)) if sc.loan else None,
                               "fault": put("fault", b.notes("REPAIR_NOTE", packer, 2, [0, 1, 2, 4, 5])),
                               "packed": put("packed", sc.staff("decon", packer) if rng.random() < 0.7 else
                                             sc.initials(packer))}
        if i == 1 or rng.random() < 0.6:
            row["notes"] = put("notes", b.notes("REPAIR_NOTE", rng.choice(b.groups["decon"]), 2, [3, 6, 7, 8],
                                                "\n"))
        if split == "dev21":
            fse = next(f for f in b.t["fse"] if f["person"] == a["fse"])
            row["eng"] = fse["id"]
            g, s = fse["person"]
            b.w.cell([(g, "name", True), " ", (s, "name", True)], ffile, fse["id"], fcols["name"], ("jobs", number))
            b.w.cell(mine("phone", fse["mobile"]), ffile, fse["id"], fcols["mobile"], ("jobs", number))
            if fse["email"]:
                b.w.cell(mine("email", fse["email"]), ffile, fse["id"], fcols["email"], ("jobs", number))
        else:
            row["eng"] = put("eng", [*sc.staff("field", a["fse"]), " ", *sc.fse_phone()])
        b.t["repair"].append(row)


def water_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc, v = b.rng, b.split, b.scene, b.scene.v
    washers = [a for a in b.assets if a["item"] == kx.AER] or b.assets
    names = v.WASHERS if split == "dev21" else list(MEMBERS.values())
    states = list(kx.WATER_STATUS[split])
    for i, (when, _) in enumerate(sorted((b.moment(2023), j) for j in range(count)), start=1):
        a = rng.choice(washers)
        b.about(a, when)
        number = kx.WATER_NO[split].format(n=first + i)
        put = _writer(b, "water", number, i)
        bad = rng.random() < 0.2
        taker, lab = rng.choice(b.groups["decon"]), rng.choice(b.groups["lab"])
        row: dict[str, Any] = {"no": number, "tag": a["tag"], "washer": put("washer", ref("washer", rng.choice(names))),
                               "taken": _day(split, when), "by": put("by", sc.staff("decon", taker)),
                               "sample": put("sample", ref("water_sample", kx.sample_id(rng, split, when.year))),
                               "result": put("result", ref("reading", kx.tvc(rng, split, bad))),
                               "status": states[1] if bad else rng.choices([states[0], states[2]], [85, 15])[0]}
        if i == 1 or rng.random() < 0.8:
            row["lab"] = put("lab", sc.staff("lab", lab))
            row["labtel"] = put("labtel", mine("phone", sc.work_mobile(lab))) if i == 1 or rng.random() < 0.5 \
                else put("labtel", ref("extension", kx.extension(rng, split)))
        if i == 1 or rng.random() < 0.6:
            row["notes"] = put("notes", b.notes("WATER_NOTE", taker, 2))
        b.t["water"].append(row)


def _patient_line(b: Builder, k: int, p: Person) -> list[Piece]:
    """A patient on a look-back list with their numbers, date of birth, phone and GP."""
    sc, rng = b.scene, b.rng
    sc.patient = p
    phone = mine("phone", sc.mobile(p) if rng.random() < 0.6 else sc.landline(p))
    number = mine("nhs" if sc.dev else "chi", sc.number())
    home: list[Piece] = []
    if rng.random() < 0.45:  # the address the letter went to
        home = [", " if sc.dev else " / ", *sc.address(), " ", *sc.postcode()]
    if rng.random() < 0.15:
        home += ["  " if sc.dev else " / ", *mine("email", sc.home_email(p))]
    if sc.dev:
        return [f"{k}. ", *sc.pt(), *home, "  ", *mine("hospital_number", sc.hosp()), "  NHS ", *number, "  DOB ",
                *mine("dob", sc.dob()), "  tel ", *phone, "  GP ", *sc.gp_name()]
    return ["Patient: ", *sc.pt(), *home, " / unit no ", *mine("hospital_number", sc.hosp()), " / CHI ", *number,
            " / born ", *mine("dob", sc.dob()), " / ph ", *phone, " / GP ", *sc.gp_name(), " (",
            *ref("gp_practice", sc.known("gp", p, lambda: rng.choice(sc.v.GP_PRACTICES))), ")"]


def lookback_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    scopes = [a for a in b.assets if a["item"] in kx.SCOPES] or b.assets
    states = list(kx.LOOKBACK_STATUS[split])
    for i, (when, _) in enumerate(sorted((b.moment(2021), j) for j in range(count)), start=1):
        a = rng.choice(scopes)
        b.about(a, when)
        number = kx.LOOKBACK_NO[split].format(n=first + i)
        put = _writer(b, "lookback", number, i)
        state = rng.choices(states, [55, 25, 20])[0]
        nurse = rng.choice(b.groups["nurse"])
        patients = rng.sample(b.groups["patient"], rng.choice([1, 1, 2, 3]))
        lines: list[Piece] = []
        for k, p in enumerate(patients, start=1):
            lines += ["\n"] * (k > 1) + _patient_line(b, k, p)
        sc.patient = patients[0]
        row: dict[str, Any] = {"no": number, "tag": a["tag"], "raised": _day(split, when), "status": state,
                               "datix": put("datix", ref("incident_no", sc.datix())),
                               "by": put("by", sc.staff("nurse", nurse)), "patients": put("patients", lines),
                               "actions": put("actions", b.notes("LOOKBACK_NOTE", nurse, 3, None, "\n")),
                               "closed": _day(split, min(when + dt.timedelta(days=rng.randrange(5, 90)),
                                                         dt.datetime.combine(kx.END, dt.time(9))))
                               if kx.LOOKBACK_STATUS[split][state] == "completed" else None}
        b.t["lookback"].append(row)
