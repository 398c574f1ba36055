"""The rows of `oxygen_export.py`: the register of equipment (each item on loan to a patient, with backup cylinders,
or in a depot), and the engineers' visit log (installs, services, breakdowns, removals, safety checks), every cell
that holds a planted value written through the truth writer. The portal's lines are `oxygen_portal`'s, the drivers'
run sheet `oxygen_runs`'. A writer keeps their case and separators across their rows."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import oxygen_kit as kx
import oxygen_people as px
import oxygen_scotland_text
import oxygen_wales_text
from clinical_export import Writer
from export_common import Person, Piece, groups, held_out_people, mine, n, ref, shaped
from oxygen_scene import Scene

PORTAL, RUNS, VISITS = "installations.jsonl", "run_sheet.csv", "engineer_visits.xlsx"
SHEET = {"dev17": "Visits", "fresh15": "EngineerLog"}
TEXT = {"dev17": oxygen_wales_text, "fresh15": oxygen_scotland_text}
VISIT_COLUMNS = {
    "dev17": ["Ref", "Logged", "Date", "Engineer", "Asset", "Visit Type", "Reason for visit", "Reported by",
              "Contact tel", "Work carried out", "Parts", "Hrs", "Result", "Eng sign", "Logged by"],
    "fresh15": ["Visit No", "Type", "Equipment ID", "Requested", "Attended", "Technician", "Caller", "Caller Tel",
                "Reason", "Notes", "Parts Fitted", "Time On Site", "Status", "Initials", "Input By"]}
# What each column of the visit log holds.
VISIT_ROLES = {split: dict(zip(["no", "asset", "type", "reason", "reporter", "tel", "eng", "notes", "parts", "hours",
                                "result", "initials", "login"], names, strict=True)) for split, names in (
    ("dev17", ["Ref", "Asset", "Visit Type", "Reason for visit", "Reported by", "Contact tel", "Engineer",
               "Work carried out", "Parts", "Hrs", "Result", "Eng sign", "Logged by"]),
    ("fresh15", ["Visit No", "Equipment ID", "Type", "Reason", "Caller", "Caller Tel", "Technician", "Notes",
                 "Parts Fitted", "Time On Site", "Status", "Initials", "Input By"]))}


def moment(rng: random.Random, first: int = 2019) -> dt.datetime:
    d = min(dt.date(rng.randrange(first, 2026), rng.randrange(1, 13), rng.randrange(1, 29)), kx.END)
    return dt.datetime.combine(d, dt.time(rng.randrange(8, 18), rng.randrange(60)))


class Builder:
    """The split's people and scene, the truth writer and every file's rows."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.split = split
        self.rng = random.Random(f"oxygen-{split}-{seed}")
        self.groups = groups(held_out_people(px.people, "dev17", split, seed, rows), px.GROUPS, "patient", 3)
        self.scene = Scene(self.rng, split, self.groups)
        self.tx = TEXT[split]
        self.w = Writer()
        self.assets: list[dict[str, Any]] = []
        self.portal: list[dict[str, Any]] = []
        self.runs: list[dict[str, str]] = []
        self.visits: list[dict[str, Any]] = []

    def put(self, file: str, row: int, column: str, rec: tuple[str, str], pieces: list[Piece]) -> str:
        return str(self.w.cell(pieces, file, row, column, rec))

    def style(self, p: Person) -> tuple[str, str]:
        """How a writer types: the case of everything and the separator between fragments."""
        def make() -> tuple[str, str]:
            r = self.rng.random()
            lower, upper = (0.3, 0.42) if self.split == "dev17" else (0.12, 0.3)
            return ("lower" if r < lower else "upper" if r < upper else ""), self.rng.choice(self.tx.SEPARATORS)
        case, sep = self.scene.known("style", p, make)
        return str(case), str(sep)

    def about(self, a: dict[str, Any]) -> None:
        sc = self.scene
        sc.asset = a
        if a["patient"] is not None:
            sc.patient = a["patient"]
            sc.nurse = a["nurse"]

    def choice(self, family: list[str]) -> str:
        """A template of the family that fits the asset (nothing about its setting when it has none)."""
        fits = [t for t in family if "{set}" not in t] if not self.scene.asset.get("setting") else family
        return self.rng.choice(fits or family)

    def note(self, family: list[str], writer: Person) -> list[Piece]:
        self.scene.writer = writer
        case, _ = self.style(writer)
        return self.scene.fill(self.choice(family), case)

    # --- the register ---------------------------------------------------------------------------------------
    def make_assets(self, count: int) -> None:
        rng, split = self.rng, self.split
        seen: set[str] = set()
        patients = list(self.groups["patient"])
        rng.shuffle(patients)
        kinds = [k for k in kx.TYPE_WEIGHT if k != kx.CYL]
        while len(self.assets) < count:
            stock = rng.random() < 0.12
            patient = None if stock else patients[len(self.assets) % len(patients)]
            first = rng.choices(kinds, [kx.TYPE_WEIGHT[k] for k in kinds])[0] if rng.random() < 0.75 else kx.CYL
            items = [first]
            if not stock and first in (kx.CONC, kx.POC, kx.CYL):
                items += [kx.CYL] * rng.choice([0, 1, 1, 2])
            elif not stock and rng.random() < 0.3:
                items.append(rng.choice([kx.OXI, kx.NEB]))
            nurse = rng.choice(self.groups["nurse"])
            installed = moment(rng, 2017).date()
            for item in items[:count - len(self.assets)]:
                tag = shaped(rng, kx.ASSET_NO[split])
                while tag in seen:
                    tag = shaped(rng, kx.ASSET_NO[split])
                seen.add(tag)
                maker, model = rng.choice([(m, md) for m, models in kx.KIT for md, t in models if t == item])
                cyl = next((c for c in kx.CYLINDER_SIZES if model.split()[-1] == c or f" {c} " in f" {model} "),
                           None) if item == kx.CYL else None
                codes = list(kx.STATUS[split])
                status = rng.choices(codes[:4], [80, 0, 8, 6])[0] if patient else rng.choice(codes[1:2] * 6 + codes[4:])
                self.assets.append({"tag": tag, "maker": maker, "model": model, "item": item, "cyl": cyl,
                                    "serial": kx.serial(rng, maker), "setting": kx.setting(rng, split, item),
                                    "status": status, "patient": patient, "nurse": nurse, "installed": installed,
                                    "depot": rng.choice(self.scene.v.DEPOTS)})
        self.scene.tags = [a["tag"] for a in self.assets]

    # --- the engineers' visit log ---------------------------------------------------------------------------
    def work_note(self, eng: Person) -> list[Piece]:
        """An engineer's note: fragments in varying order, joined by the engineer's separator and case."""
        rng, t, sc = self.rng, self.tx, self.scene
        sc.writer = eng
        case, sep = self.style(eng)
        parts = [self.choice(t.WORK)]
        if rng.random() < 0.35:
            parts.append(self.choice(t.WORK))
        if rng.random() < 0.45:
            parts.insert(0, rng.choice(t.ARRIVE))
        if rng.random() < 0.4:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(t.ADVICE))
        if rng.random() < 0.5:
            close = rng.choice(t.CLOSE)
            parts.insert(0 if rng.random() < 0.15 else len(parts), close)
        out: list[Piece] = []
        for i, template in enumerate(dict.fromkeys(parts)):
            out += [sep] * bool(i) + sc.fill(template, case)
        return out

    def visit_rows(self, count: int, numbers: list[str]) -> None:
        rng = self.rng
        with_patient = [a for a in self.assets if a["patient"] is not None and a["item"] != kx.CYL] or self.assets
        when = sorted(moment(rng) for _ in range(count))
        for i, (number, logged) in enumerate(zip(numbers, when, strict=True)):
            a = rng.choice(with_patient) if rng.random() < 0.88 else rng.choice(self.assets)
            self.scene.jobs = numbers[:i]
            self.visits.append(self._visit(i + 2, number, logged, a))

    def _visit(self, row: int, number: str, logged: dt.datetime, a: dict[str, Any]) -> dict[str, Any]:
        rng, split, sc = self.rng, self.split, self.scene
        rec = ("jobs", number)
        self.about(a)
        sc.year = logged.year

        def put(column: str, pieces: list[Piece]) -> str:
            return self.put(f"{VISITS}:{SHEET[split]}", row, column, rec, pieces)

        types, results = list(kx.VISIT_TYPE[split]), list(kx.VISIT_STATUS[split])
        result = rng.choices(results, [70, 8, 7, 15])[0]
        done = kx.VISIT_STATUS[split][result] == "completed"
        eng = rng.choice(self.groups["eng"])
        taker = rng.choice(self.groups["admin"])
        visit = min(logged.date() + dt.timedelta(days=rng.randrange(1, 15)), kx.END)
        if visit <= logged.date():
            logged = logged - dt.timedelta(days=1)
        attended = dt.datetime.combine(visit, dt.time(rng.randrange(8, 18), rng.choice([0, 15, 30, 45])))
        reporter = rng.random()
        contact = sc.mobile(sc.relative()[0]) if reporter < 0.4 else sc.mobile(sc.patient) if reporter < 0.6 \
            else sc.landline(sc.patient)
        sc.writer = eng
        parts = [p for j in range(rng.choice([0, 0, 1, 1, 2])) for p in
                 ("; " if j else "", rng.choice(kx.PARTS), " ", *ref("part_number", kx.part_number(rng, a["maker"])))]
        typed = rng.random() < 0.15  # a date typed as text, not a date cell
        k = VISIT_ROLES[split]
        out: dict[str, Any] = {
            k["no"]: number, k["asset"]: a["tag"] if rng.random() < 0.93 else a["tag"].lower(),
            k["type"]: rng.choice(types), k["result"]: result, k["hours"]: rng.choice([0.5, 0.75, 1, 1, 1.5, 2, 2.5]),
            k["reason"]: put(k["reason"], self.note(self.tx.REASON, taker)),
            k["reporter"]: put(k["reporter"], sc.fill(rng.choice(self.tx.REPORTED))),
            k["tel"]: put(k["tel"], mine("phone", contact)) if rng.random() < 0.85 else "",
            k["eng"]: put(k["eng"], sc.staff("eng", eng) if rng.random() < 0.3 else [n(eng[0]), " ", n(eng[1])]),
            k["notes"]: put(k["notes"], self.work_note(eng)) if done or rng.random() < 0.5 else "",
            k["parts"]: put(k["parts"], [p for p in parts if p != ""]) if parts else "",
            k["initials"]: put(k["initials"], sc.initials(eng)) if done else "",
            k["login"]: put(k["login"], mine("login", sc.login(taker))),
        }
        if split == "dev17":
            out["Logged"] = logged
            out["Date"] = f"{visit:%d/%m/%y}" if typed else dt.datetime.combine(visit, dt.time())
        else:
            out["Requested"] = f"{logged:%d/%m/%Y %H:%M}" if typed else logged
            out["Attended"] = attended if done or rng.random() < 0.3 else None
        return out
