"""The hearing-aid repairs and postal batteries of `audiology_export.py` (dev22 two sheets of an .xlsx workbook below
title rows and a merged group row; fresh20 two sheets of the repair tracker's .xlsm): every repair names the patient
whose aid came in (name, NHS or H&C number, date of birth, the address to post it back to, a phone), the aid by
serial and ear, the fault, what the technician did, the maker's reference when it went away, who repaired it and the
office's notes; every battery request the patient, their number, the address, the size and how many packs, and who
sent them. The mapping joins a repair to its aid by serial, a battery request to the patient's aid by number."""

from __future__ import annotations

import datetime as dt
from typing import Any

import audiology_kit as kx
from audiology_rows import COLUMNS, Builder, table_file
from export_common import Person, Piece, mine, ref

HOW = ["Post", "Post", "Collected", "Clinic", "Recorded post"]


def _cell(split: str, when: dt.datetime | None, typed: bool) -> Any:
    """A date as the sheet holds it: a date cell, or typed as text now and then (fresh20)."""
    if when is None:
        return None
    if split == "fresh20" and typed:
        return f"{when:%d/%m/%Y}"
    return when.replace(hour=0, minute=0)


def _writer(b: Builder, role: str, number: str, i: int):  # type: ignore[no-untyped-def]
    file, cols = table_file(b.split, role), COLUMNS[b.split][role][1]

    def put(column: str, pieces: list[Piece]) -> str:
        return str(b.w.cell(pieces, file, i, cols[column], ("jobs", number)))
    return put


def _home_block(b: Builder, with_pc: bool) -> list[Piece]:
    """The address to post to: dev22 one line (the postcode in its own column), fresh20 lines with the postcode."""
    sc = b.scene
    h = sc.home(sc.patient)
    if b.split == "dev22":
        return sc.address()
    out: list[Piece] = []
    for line in h["lines"]:
        out += [*mine("address", line), "\n"]
    return [*out, h["town"], *(["\n", *sc.postcode()] if with_pc else [])]


def repair_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    dev = split == "dev22"
    aids = [a for a in b.assets if a["item"] in kx.ISSUED] or b.assets
    states = list(kx.REPAIR_STATUS[split])
    for i, (when, _) in enumerate(sorted((b.moment(2023), j) for j in range(count)), start=1):
        a = rng.choice(aids)
        b.about(a, when)
        number = kx.REPAIR_NO[split].format(n=first + 2 * i + rng.randrange(2), y=when.year % 100)
        put = _writer(b, "repair", number, i)
        state = rng.choices(states, [55, 15, 15, 15])[0]
        done = kx.REPAIR_STATUS[split][state] == "completed"
        out = min(when + dt.timedelta(days=rng.randrange(0, 30)), dt.datetime.combine(kx.END, dt.time(9)))
        tech = rng.choice(b.groups["tech"])
        row: dict[str, Any] = {"no": number, "in": _cell(split, when, rng.random() < 0.2), "serial": a["serial"],
                               "side": a["side"] or None, "status": state,
                               "out": _cell(split, out, rng.random() < 0.2) if done else None,
                               "pt": put("pt", sc.pt())}
        if i == 1 or rng.random() < 0.85:
            row["num"] = put("num", mine("nhs", sc.number()))
        if dev and (i == 1 or rng.random() < 0.7):
            row["dob"] = put("dob", mine("dob", sc.dob()))
        post = i == 1 or rng.random() < 0.65
        if post:
            row["addr"] = put("addr", _home_block(b, True))
            if dev:
                row["pc"] = put("pc", sc.postcode())
        if i == 1 or rng.random() < 0.7:
            row["tel"] = put("tel", mine("phone", sc.mobile(sc.patient) if rng.random() < 0.6 else
                                         sc.landline(sc.patient)))
        fault: list[Piece] = [kx.fault(rng, a["item"])]
        if rng.random() < 0.25:
            fault += [" (", *ref("error_code", kx.error(rng, a["item"])), ")"]
        row["fault"] = put("fault", fault)
        row["action"] = put("action", b.notes("REPAIR_NOTE", tech, 2, [0, 1, 2, 6, 10, 12]))
        if state in (states[2], states[1]) or rng.random() < 0.2:
            row["mref"] = put("mref", ref("service_report", kx.maker_ref(rng, split, a["maker"])))
        row["tech"] = put("tech", sc.staff("tech", tech) if rng.random() < 0.6 else sc.initials(tech))
        if i == 1 or rng.random() < 0.55:
            writer = rng.choice(b.groups["admin"] + b.groups["aud"][:3])
            row["notes"] = put("notes", b.notes("REPAIR_NOTE", writer, 2, [3, 4, 5, 7, 8, 9, 11, 13, 14], "\n"))
        if dev:
            row["how"] = rng.choice(HOW) if done else None
            row["user"] = put("user", mine("login", sc.login(rng.choice(b.groups["admin"] + b.groups["tech"]))))
        b.t["repair"].append(row)


def _battery_people(b: Builder) -> list[Person]:
    """Patients with a hearing aid or processor on the register (their number finds it)."""
    seen: dict[Person, None] = {}
    for a in b.assets:
        if a["item"] in kx.ISSUED and a["patient"] is not None:
            seen.setdefault(a["patient"], None)
    return list(seen)


def battery_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    dev = split == "dev22"
    people = _battery_people(b)
    states = list(kx.BATTERY_STATUS[split])
    for i, (when, _) in enumerate(sorted((b.moment(2023), j) for j in range(count)), start=1):
        p = rng.choice(people)
        a = next(x for x in b.assets if x["patient"] == p and x["item"] in kx.ISSUED)
        b.about(a, when, p)
        sc.battery = str(sc.known("battery", p, lambda: rng.choice(kx.BATTERIES)))
        number = kx.BATTERY_NO[split].format(n=first + i)
        put = _writer(b, "battery", number, i)
        state = rng.choices(states, [80, 8, 12])[0]
        clerk = rng.choice(b.groups["admin"])
        row: dict[str, Any] = {"no": number, "date": _cell(split, when, rng.random() < 0.5), "status": state,
                               "pt": put("pt", sc.pt() if rng.random() < 0.7 else sc.pts()),
                               "num": put("num", mine("nhs", sc.number())),
                               "addr": put("addr", _home_block(b, True)),
                               "size": put("size", ref("battery", sc.battery)),
                               "packs": rng.choice([2, 4, 6, 10])}
        if dev:
            row["pc"] = put("pc", sc.postcode())
            if kx.BATTERY_STATUS[split][state] == "completed":
                row["sent"] = _cell(split, when + dt.timedelta(days=rng.randrange(0, 4)), False)
        if kx.BATTERY_STATUS[split][state] == "completed" or rng.random() < 0.3:
            row["by"] = put("by", sc.initials(clerk))
        if i == 1 or rng.random() < 0.45:
            row["notes"] = put("notes", b.notes("BATTERY_NOTE", clerk, 2))
        b.t["battery"].append(row)
