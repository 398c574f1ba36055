"""The jobs of `sleep_export.py`: the sleep clinic system's loan history (JSON lines, one job a line, nested objects:
the device on loan, the patient with an `ids` object of their numbers, the physiologist with their login, and an
array of the job's events, each by initials or a login) and the loan store's movements (an .xls sheet: returns,
decontamination, deliveries and collections by couriers' drivers, who handed the kit over, who cleaned and checked
it). A planted value in a nested key is recorded under its dotted path ("patient.ids.hospitalNo", "events[2].text")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sleep_kit as kx
import sleep_text
from export_common import Piece, mine, ref
from sleep_rows import LOANS, SHEET, STORE, STORE_COLS, Builder, moment

# The loan history's keys (dev19 a cloud API's camelCase, fresh17 another vendor's) by role.
KEYS = {"dev19": {"no": "jobRef", "type": "jobType", "status": "status", "opened": "opened", "closed": "closed",
                  "loan": "loan", "tag": "assetTag", "serial": "serial", "model": "model", "mask": "mask",
                  "patient": "patient", "name": "name", "ids": "ids", "hosp": "hospitalNo", "num": "nhsNo",
                  "phone": "phone", "gp": "gpPractice", "staff": "physiologist", "sname": "name", "login": "login",
                  "notes": "notes", "events": "events", "at": "at", "by": "by", "text": "text"},
        "fresh17": {"no": "ref", "type": "kind", "status": "state", "opened": "logged", "closed": "completed",
                    "loan": "device", "tag": "code", "serial": "sn", "model": "product", "mask": "interface",
                    "patient": "client", "name": "display", "ids": "identifiers", "hosp": "urn", "num": "ssNo",
                    "phone": "tel", "gp": "surgery", "staff": "clinician", "sname": "fullName", "login": "user",
                    "notes": "narrative", "events": "history", "at": "when", "by": "who", "text": "entry"}}


def _stamp(split: str, when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds") if split == "dev19" else f"{when:%d/%m/%Y %H:%M}"


def loan_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    k = KEYS[split]
    on_loan = [a for a in b.assets if a["patient"] is not None] or b.assets
    types, states = list(kx.LOAN_TYPE[split]), list(kx.LOAN_STATUS[split])
    for line, opened in enumerate(sorted(moment(rng) for _ in range(count)), start=1):
        number = kx.LOAN_NO[split].format(n=first + 3 * line + rng.randrange(3))
        t = rng.randrange(len(types))
        a = rng.choice(on_loan if rng.random() < 0.85 else b.assets)
        if t in (0, 1) and a["item"] not in kx.THERAPY:  # fittings and mask refits are of therapy kit
            a = rng.choice([x for x in on_loan if x["item"] in kx.THERAPY] or on_loan)
        b.about(a, opened.year)
        rec = ("jobs", number)

        def put(path: str, pieces: list[Piece], line: int = line, rec: tuple[str, str] = rec) -> str:
            return str(b.w.cell(pieces, LOANS[split], line, path, rec))
        status = rng.choices(states, [78, 15, 7])[0]
        done = kx.LOAN_STATUS[split][status] == "completed"
        closed = max(opened, min(opened + dt.timedelta(days=rng.randrange(0, 30), hours=rng.randrange(0, 6)),
                                 dt.datetime.combine(kx.END, dt.time(18))))
        staff = a["physio"] if rng.random() < 0.6 else rng.choice(b.groups["physio"])
        pk = f"{k['patient']}."
        ids: dict[str, Any] = {k["hosp"]: put(f"{pk}{k['ids']}.{k['hosp']}", mine("hospital_number", sc.hosp())),
                               k["num"]: None}
        if rng.random() < 0.7:
            ids[k["num"]] = put(f"{pk}{k['ids']}.{k['num']}", mine("nhs" if sc.dev else "national_id", sc.number()))
        patient: dict[str, Any] = {
            k["name"]: put(f"{pk}{k['name']}", sc.pt()), k["ids"]: ids,
            k["phone"]: put(f"{pk}{k['phone']}", mine("phone", rng.choice([sc.mobile, sc.landline])(sc.patient)))
            if rng.random() < 0.8 else None,
            k["gp"]: put(f"{pk}{k['gp']}", ref("gp_practice", sc.gp())) if rng.random() < 0.6 else None}
        loan = {k["tag"]: a["tag"], k["serial"]: a["serial"], k["model"]: a["model"],
                k["mask"]: put(f"{k['loan']}.{k['mask']}", ref("mask", a["mask"])) if a["mask"] else None}
        sk = f"{k['staff']}."
        events: list[dict[str, Any]] = []
        for e, when in enumerate(sorted(opened + dt.timedelta(hours=rng.randrange(0, 400))
                                        for _ in range(rng.choice([1, 1, 2, 3, 4])))):
            writer = rng.choice(b.groups["physio"])
            at = f"{k['events']}[{e}]."
            by = b.scene.initials(writer) if rng.random() < 0.6 else mine("login", sc.login(writer))
            events.append({k["at"]: _stamp(split, min(when, closed if done else when)),
                           k["by"]: put(f"{at}{k['by']}", by),
                           k["text"]: put(f"{at}{k['text']}", b.note("EVENT", writer))})
        b.loans.append({
            k["no"]: number, k["type"]: types[t], k["status"]: status, k["opened"]: _stamp(split, opened),
            k["closed"]: _stamp(split, closed) if done else None, k["loan"]: loan, k["patient"]: patient,
            k["staff"]: {k["sname"]: put(f"{sk}{k['sname']}", sc.staff("physio", staff)),
                         k["login"]: put(f"{sk}{k['login']}", mine("login", sc.login(staff)))},
            k["notes"]: put(k["notes"], b.note("LOAN_DESC", staff, sleep_text.FITS[t])),
            k["events"]: events})


def store_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    k = STORE_COLS[split]
    name = f"{STORE[split]}:{SHEET[split]}"
    types, states = list(kx.STORE_TYPE[split]), list(kx.STORE_STATUS[split])
    for i, when in enumerate(sorted(moment(rng) for _ in range(count))):
        number = kx.STORE_NO[split].format(n=first + 2 * i + rng.randrange(2))
        a = rng.choice(b.assets)
        b.about(a, when.year)
        rec, row = ("jobs", number), i + 2

        def put(column: str, pieces: list[Piece], row: int = row, rec: tuple[str, str] = rec) -> str:
            return str(b.w.cell(pieces, name, row, k[column], rec))
        t = rng.randrange(len(types))
        status = rng.choices(states, [80, 12, 8])[0]
        tech, driver = rng.choice(b.groups["tech"]), rng.choice(b.groups["driver"])
        courier = t in (0, 2, 3) and rng.random() < 0.7  # returns, deliveries and collections by courier
        out: dict[str, Any] = {c: "" for c in k.values()}
        out.update({k["no"]: number, k["asset"]: a["tag"] if rng.random() < 0.93 else a["tag"].lower(),
                    k["type"]: types[t], k["status"]: status,
                    k["item"]: put("item", ref("device_type", a["item"])),
                    k["patient"]: put("patient", sc.pt()) if rng.random() < 0.75 else "",
                    k["checker"]: put("checker", sc.staff("tech", tech) if rng.random() < 0.7 else
                                      mine("login", sc.login(tech)))})
        if t in (0, 2, 3):
            who = rng.random()
            party: list[Piece] = sc.kin() if who < 0.4 else sc.carer() if who < 0.55 else \
                ["pt"] if who < 0.7 else sc.pt()
            out[k["party"]] = put("party", party)
            if rng.random() < 0.6:
                out[k["tel"]] = put("tel", mine("phone", sc.mobile(sc.relative()[0] if who < 0.4 else sc.patient)))
        if courier:
            out[k["cref"]] = put("cref", ref("courier_ref", kx.courier_ref(rng, split)))
            out[k["driver"]] = put("driver", sc.staff("driver", driver))
        if t == 1 or rng.random() < 0.3:
            sc.writer = tech
            out[k["decon"]] = put("decon", b.note("DECON", tech))
            out[k["cleaner"]] = put("cleaner", sc.initials(rng.choice(b.groups["tech"])))
        if rng.random() < 0.75:
            out[k["notes"]] = put("notes", b.notes("STORE_NOTE", tech))
        # dev19: date cells; fresh17: dates typed as text, day first with dots
        out[k["when"]] = when if split == "dev19" else f"{when:%d.%m.%Y %H:%M}"
        b.store.append(out)

