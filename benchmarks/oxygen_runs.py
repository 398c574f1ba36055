"""The drivers' run sheet of `oxygen_export.py` (`run_sheet.csv`): one row per drop of a day's run (cylinder
deliveries, collections, exchanges), the patient's name, home, phone and access as the sheet prints them, who signed
for it and the driver's note. dev17: UTF-8 with a BOM, a single "Address" column, day-first dates and a "Time";
fresh15: Windows-1252, every field quoted, CR LF, address lines, town and postcode apart, an "Access" column with
door entry and key safe codes, dotted dates. The row of a truth entry is the record's number, the header being 1."""

from __future__ import annotations

import datetime as dt
from typing import Any

import oxygen_kit as kx
from export_common import Person, Piece, mine, n, ref
from oxygen_rows import RUNS, Builder, moment

COLUMNS = {
    "dev17": ["Run Date", "Van", "Driver", "Drop", "Order No", "Job", "Asset No", "Patient", "Address", "Post Code",
              "Tel", "Product", "Del", "Coll", "Time", "Status", "Signed For", "Driver Notes"],
    "fresh15": ["Route", "Stop", "Delivery Ref", "Date", "Type", "Equipment", "Customer Name", "Addr 1", "Addr 2",
                "Town", "Postcode", "Access", "Contact No", "Cyl Size", "Full", "Empty", "Courier", "Arrived",
                "Outcome", "Recipient", "Comments"]}
# fresh15's "Access" column: a door or key safe code, the flat's buzzer, or how to get in.
ACCESS = ["Door code ", "KS ", "Buzz {flat} - code ", "Gate on latch", "Stair open", "Side gate code "]
VANS = {"dev17": ["CX19 KTE", "CN70 WLP", "CU68 BHA"], "fresh15": ["SK21 XMV", "SF69 ORD", "SN20 LHE"]}


def run_numbers(b: Builder, count: int, first: int) -> list[str]:
    out, number = [], first
    for i in range(count):
        number += b.rng.randrange(1, 5)
        out.append(kx.RUN_NO[b.split].format(n=number, yy=19 + i * 7 // max(count, 1)))
    return out


def run_rows(b: Builder, numbers: list[str]) -> None:
    rng = b.rng
    cylinders = [a for a in b.assets if a["patient"] is not None and a["item"] == kx.CYL]
    others = [a for a in b.assets if a["patient"] is not None] or b.assets
    run_days = sorted({moment(rng).date() for _ in range(max(1, len(numbers) // 6))})
    days = sorted(rng.choice(run_days) for _ in numbers)  # about six drops a run
    drops: dict[dt.date, int] = {}
    for i, (number, day) in enumerate(zip(numbers, days, strict=True)):
        a = rng.choice(cylinders) if cylinders and rng.random() < 0.85 else rng.choice(others)
        drops[day] = drops.get(day, 0) + 1
        b.scene.jobs = numbers[:i]
        b.runs.append(_row(b, i + 2, number, day, drops[day], a))


def _driver_name(b: Builder, p: Person) -> list[Piece]:
    g, s = p
    forms: list[list[Piece]] = [[n(g), " ", n(s)], [f"{g[0]} ", n(s)], [n(s.upper()), f" {g[0]}"]] \
        if b.split == "dev17" else [[n(g)], [f"{g[0]}. ", n(s)], [n(g), " ", n(s)]]
    form = b.scene.known("driver_form", p, lambda: b.rng.randrange(len(forms) + 1))
    return list(forms[form]) if form < len(forms) else b.scene.initials(p)  # a driver who signs with initials


def _row(b: Builder, row: int, number: str, day: dt.date, drop: int, a: dict[str, Any]) -> dict[str, str]:
    rng, split, sc = b.rng, b.split, b.scene
    b.about(a)
    sc.year = day.year
    rec = ("jobs", number)

    def put(column: str, pieces: list[Piece]) -> str:
        return b.put(RUNS, row, column, rec, pieces)

    driver = sc.known("run", day, lambda: rng.choice(b.groups["driver"]))
    jobs, outcomes = list(kx.RUN_TYPE[split]), list(kx.RUN_STATUS[split])
    job = rng.choices(jobs, [55, 20, 20, 5])[0]
    outcome = rng.choices(outcomes, [75, 0, 15, 10])[0] if job != jobs[1] else \
        rng.choices(outcomes, [0, 80, 20, 0] if split == "dev17" else [80, 20, 0, 0])[0]
    failed = kx.RUN_STATUS[split][outcome] == "open"
    size = a["cyl"] or rng.choice(kx.CYLINDER_SIZES)
    full, empty = ("0" if job == jobs[1] else str(rng.choice([1, 2, 2, 3, 4]))), str(rng.choice([0, 1, 2, 2]))
    time = "" if failed else f"{rng.randrange(8, 18):02d}:{rng.randrange(60):02d}"
    h = sc.home(sc.patient)
    sc.writer = driver
    case, _ = b.style(driver)
    notes: list[Piece] = []
    picked = [rng.choice(b.tx.DRIVER) for _ in range(rng.choice([0, 1, 1, 1, 2]))]
    if failed:
        picked.insert(rng.randrange(len(picked) + 1), rng.choice(b.tx.DRIVER_FAILED))
    for k, template in enumerate(dict.fromkeys(picked)):
        notes += ([" - " if split == "dev17" else ". "] if k else []) + sc.fill(template, case)
    signed = [] if failed else sc.fill(rng.choice(b.tx.SIGNED))
    phone = sc.landline(sc.patient) if rng.random() < 0.55 else sc.mobile(sc.patient)
    name = _driver_name(b, driver)
    if split == "dev17":
        return {"Run Date": f"{day:%d/%m/%Y}", "Van": rng.choice(VANS[split]),
                "Driver": put("Driver", name), "Drop": str(drop), "Order No": number, "Job": job,
                "Asset No": a["tag"], "Patient": put("Patient", sc.pt()),
                "Address": put("Address", sc.address()), "Post Code": put("Post Code", mine("postcode", h["pc"])),
                "Tel": put("Tel", mine("phone", phone)), "Product": put("Product", ref("cylinder_size", size)),
                "Del": full, "Coll": empty, "Time": time, "Status": outcome,
                "Signed For": put("Signed For", signed) if signed else "",
                "Driver Notes": put("Driver Notes", notes) if notes else ""}
    lines = h["lines"]
    access: list[Piece] = []
    if rng.random() < 0.45:
        flat = lines[0].split(",")[0] if "F" in lines[0][:3] else ""
        code = h["door"] if flat or rng.random() < 0.5 else h["ks"]
        access = rng.choice([[ACCESS[0], *mine("keysafe", h["door"])], [ACCESS[1], *mine("keysafe", h["ks"])],
                             [ACCESS[2].format(flat=flat), *mine("keysafe", code)] if flat else [ACCESS[3]],
                             [ACCESS[4]] if flat else [ACCESS[5], *mine("keysafe", code)]])
    return {"Route": f"R{sc.known('route', day, lambda: rng.randrange(1, 9))}", "Stop": str(drop),
            "Delivery Ref": number, "Date": f"{day:%d.%m.%Y}", "Type": job, "Equipment": a["tag"],
            "Customer Name": put("Customer Name", sc.pt()), "Addr 1": put("Addr 1", mine("address", lines[0])),
            "Addr 2": put("Addr 2", mine("address", lines[1])) if len(lines) > 1 else h["village"],
            "Town": h["town"], "Postcode": put("Postcode", mine("postcode", h["pc"])),
            "Access": put("Access", access) if access else "", "Contact No": put("Contact No", mine("phone", phone)),
            "Cyl Size": put("Cyl Size", ref("cylinder_size", size)), "Full": full, "Empty": empty,
            "Courier": put("Courier", name), "Arrived": time, "Outcome": outcome,
            "Recipient": put("Recipient", signed) if signed else "",
            "Comments": put("Comments", notes) if notes else ""}
