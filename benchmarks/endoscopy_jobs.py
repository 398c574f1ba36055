"""The scope uses and washer cycles of `endoscopy_export.py`: the traceability system's record of every use of a
scope on a patient (the patient's name, hospital number, NHS or CHI number and date of birth, the endoscopist, the
nurse, the room, the procedure and the decontamination cycle it went through), and the automated endoscope
reprocessors' cycle records (dev21 one tab-separated log of every washer; fresh19 JSON lines, a file a washer, with
nested objects and an array of log entries): the machine, programme, scope, leak test, result, fault, operator by
name, initials, staff number or login, who released the scope and the technicians' comments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import endoscopy_kit as kx
from endoscopy_rows import MEMBERS, TABLES, Builder, table_file
from export_common import Piece, mine, ref

PROGRAMMES = {"dev21": ["STD-1 Gastro/Colon", "P2 Bronch", "P3 Duodeno (elevator)", "Self Disinfect"],
              "fresh19": ["Prog 01 Flexible", "Prog 04 Bronchoscope", "Prog 07 ERCP", "Thermal self-disinfection"]}
LEAK = {"dev21": ["PASS", "PASS", "PASS", "FAIL"], "fresh19": ["OK", "OK", "OK", "NOK"]}
USE_NOTE_FITS = list(range(12))


def _stamp(split: str, when: dt.datetime, machine: bool = False) -> Any:
    if split == "dev21":
        return f"{when:%Y-%m-%d %H:%M:%S}" if machine else f"{when:%d/%m/%Y %H:%M}"
    return when.strftime("%Y-%m-%dT%H:%M:%S") if machine else when.strftime("%d %b %Y %H:%M")


def use_rows(b: Builder, count: int, first: int) -> None:
    """The traceability system's scope uses: a row a procedure (dev21 the workbook's sheet, fresh19 a table)."""
    rng, split, sc, v = b.rng, b.split, b.scene, b.scene.v
    file, cols = table_file(split, "use"), TABLES[split]["use"][1]
    scopes = [a for a in b.assets if a["item"] in kx.SCOPES] or b.assets
    states = list(kx.USE_STATUS[split])
    specs = sorted((b.moment(2022), j) for j in range(count))
    for i, (when, _) in enumerate(specs, start=1):
        a = rng.choice(scopes)
        b.about(a, when)
        number = kx.USE_NO[split].format(n=first + 3 * i + rng.randrange(3))
        rec = ("jobs", number)

        def put(role: str, pieces: list[Piece], i: int = i, rec: tuple[str, str] = rec) -> str:
            return str(b.w.cell(pieces, file, i, cols[role], rec))
        sc.room = sc.place(rng.choice(v.ROOMS[:2] if a["item"] in (kx.GASTRO, kx.COLON) else v.ROOMS))
        procedure = rng.choice(v.PROCEDURES[a["item"]])
        row: dict[str, Any] = {"no": number, "at": when if split == "dev21" else f"{when:%Y-%m-%d %H:%M}",
                               "serial": a["serial"], "status": rng.choices(states, [88, 7, 5])[0],
                               "room": put("room", ref("room", sc.room)), "proc": put("proc", ref("procedure",
                                                                                                  procedure))}
        row["name"] = put("name", sc.pt())
        row["hosp"] = put("hosp", mine("hospital_number", sc.hosp()))
        if i == 1 or rng.random() < 0.8:
            row["num"] = put("num", mine("nhs" if sc.dev else "chi", sc.number()))
        if i == 1 or rng.random() < 0.9:
            row["dob"] = put("dob", mine("dob", sc.dob()))
        endo, nurse = rng.choice(b.groups["endo"]), rng.choice(b.groups["nurse"])
        row["endo"] = put("endo", sc.staff("endo", endo))
        if i == 1 or rng.random() < 0.85:
            row["nurse"] = put("nurse", sc.staff("nurse", nurse) if rng.random() < 0.8 else sc.initials(nurse))
        row["cycle"] = put("cycle", ref("cycle_no", sc.cycle_ref()))
        if i == 1 or rng.random() < 0.45:
            row["notes"] = put("notes", b.notes("USE_NOTE", rng.choice([nurse, endo]), 2))
        if rng.random() < 0.9:
            row["user"] = put("user", mine("login", sc.login(rng.choice(b.groups["nurse"]))))
        b.t["use"].append(row)


def cycle_rows(b: Builder, count: int, first: int) -> None:
    """The washers' cycles: dev21 rows of one tab-separated log, fresh19 JSON lines a file a washer."""
    rng, split, sc, v = b.rng, b.split, b.scene, b.scene.v
    cols = TABLES[split]["cycle"][1]
    scopes = [a for a in b.assets if a["item"] in kx.SCOPES] or b.assets
    results, members = list(kx.CYCLE_RESULT[split]), list(MEMBERS)
    specs = sorted((b.moment(2023), j) for j in range(count))
    for i, (when, _) in enumerate(specs, start=1):
        a = rng.choice(scopes)
        b.about(a, when)
        leak = rng.choice(LEAK[split])
        result = results[1] if leak in ("FAIL", "NOK") else rng.choices(results, [85, 6, 6, 3])[0]
        if split == "dev21":
            washer, member, line = rng.choice(v.WASHERS), "", i
            number = kx.CYCLE_NO[split].format(n=first + 2 * i + rng.randrange(2))
            file = table_file(split, "cycle")
        else:
            member = members[i % len(members)]
            washer, line = MEMBERS[member], len(b.members[member]) + 1
            number = kx.CYCLE_NO[split].format(n=first + 2 * i + rng.randrange(2), w=washer[-1])
            file = f"{table_file(split, 'cycle')}/{member}"
        rec = ("jobs", number)
        full = line == 1  # every key present with a value once, so that each file's types are complete

        def put(role: str, pieces: list[Piece], line: int = line, rec: tuple[str, str] = rec,
                file: str = file) -> str:
            return str(b.w.cell(pieces, file, line, cols[role], rec))
        done = kx.CYCLE_RESULT[split][result] == "completed"
        row: dict[str, Any] = {"no": number, "washer": put("washer", ref("washer", washer)),
                               "prog": rng.choice(PROGRAMMES[split]), "serial": a["serial"], "leak": leak,
                               "result": result, "start": _stamp(split, when, split != "dev21" or rng.random() < 0.25),
                               "end": _stamp(split, when + dt.timedelta(minutes=rng.randrange(24, 41)),
                                             split != "dev21") if done or full else None}
        if result != results[0] or full or rng.random() < 0.08:
            row["fault"] = put("fault", ref("error_code", kx.error(rng, kx.AER)))
        op = rng.choice(b.groups["decon"])
        r = rng.random()
        row["op"] = put("op", sc.staff("decon", op) if r < 0.6 or full else sc.initials(op))
        if full or rng.random() < 0.75:
            row["opid"] = put("opid", mine("staff_id", sc.staff_id(op)) if rng.random() < 0.6 else
                              mine("login", sc.login(op)))
        if done and (full or rng.random() < 0.8):
            row["auth"] = put("auth", sc.initials(rng.choice(b.groups["decon"] + b.groups["nurse"][:3])))
        writer = rng.choice([op, rng.choice(b.groups["decon"])])
        if split == "dev21":
            if full or rng.random() < 0.4:
                sep = "\r\n" if rng.random() < 0.3 else None
                row["notes"] = put("notes", b.notes("CYCLE_NOTE", writer, 2, None, sep))
            b.t["cycle"].append(row)
            continue
        entries: list[dict[str, Any]] = []
        for e in range(max(full, rng.choice([0, 0, 1, 1, 2]))):
            at = f"{cols['notes']}[{e}]."
            by = rng.choice([op, writer])
            entries.append({"at": f"{when + dt.timedelta(minutes=9 * e + 3):%H:%M}",
                            "by": str(b.w.cell(sc.initials(by), file, line, at + "by", rec)),
                            "text": str(b.w.cell(b.note("CYCLE_NOTE", by), file, line, at + "text", rec))})
        b.members[member].append(_nest(row, cols, entries))


def _nest(row: dict[str, Any], cols: dict[str, str], entries: list[dict[str, Any]]) -> dict[str, Any]:
    """A fresh19 cycle as the washer's JSON: dotted paths as nested objects, the log entries an array."""
    o: dict[str, Any] = {}
    for role, path in cols.items():
        if role == "notes":
            o[path] = entries
            continue
        *parents, leaf = path.split(".")
        at = o
        for part in parents:
            at = at.setdefault(part, {})
        at[leaf] = row.get(role)
    return o
