"""The jobs of `maternity_export.py`: the CTG central station's technical events (JSON lines in a zip: dev20 nested
objects, a file a year; fresh18 flat keys, a file a ward; both with an array of the midwives' annotations, by
initials or login, and the woman on the monitor at the time), the maternity EPR's equipment loans (breast pumps, TENS
machines, scales and Dopplers lent to women at home or to community midwives: the woman, her baby, home, numbers,
alerts and notes) and the EBME database's work orders with their log entries and the engineer from the staff table.
A planted value in a nested key is recorded under its dotted path ("episode.patient.mrn", "annotations[1].text")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import maternity_kit as kx
from export_common import Piece, mine, ref
from maternity_rows import DUMP, EPR, MEMBERS, TABLES, ZIP, Builder

# The central station's keys by role: dev20 dotted paths into nested objects, fresh18 flat keys.
CTG_KEYS = {"dev20": {"id": "eventId", "at": "occurred", "clear": "cleared", "state": "state", "type": "category",
                      "bed": "bed.label", "ward": "bed.unit", "serial": "device.serial", "model": "device.model",
                      "sw": "device.software", "msg": "message", "name": "episode.patient.name",
                      "hosp": "episode.patient.mrn", "num": "episode.patient.nhsNumber", "dob": "episode.patient.dob",
                      "gest": "episode.gestation", "edd": "episode.edd", "notes": "annotations", "time": "time",
                      "by": "user", "text": "text", "login": "acknowledgedBy.login",
                      "ackname": "acknowledgedBy.display"},
            "fresh18": {"id": "AlarmID", "at": "Raised", "clear": "Cleared", "state": "Status", "type": "Class",
                        "bed": "BedSpace", "ward": "Location", "serial": "MonitorSN", "model": "MonitorType",
                        "sw": "SW", "msg": "AlarmText", "name": "WomanName", "hosp": "UnitNo", "num": "CHI",
                        "dob": "Born", "gest": "Gest", "edd": "EDD", "notes": "Comments", "time": "Time", "by": "By",
                        "text": "Note", "login": "AckUser", "ackname": "AckName"}}
EPR_ROLES = ["ref", "equip", "item", "make", "reason", "issued", "due", "back", "status", "mother", "hosp", "num",
             "mdob", "baby", "bhosp", "bnum", "bdob", "addr", "pc", "phone", "email", "issuer", "cmw", "gp", "interp",
             "alert", "notes", "edited"]
EPR_COLS = {split: dict(zip(EPR_ROLES, names, strict=True)) for split, names in (
    ("dev20", ["Loan Ref", "Equipment ID", "Equipment Type", "Make / Model", "Loan Reason", "Loan Date", "Due Back",
               "Date Returned", "Loan Status", "Mother Name", "Hospital No", "NHS No", "Mother DOB", "Baby Name",
               "Baby Hosp No", "Baby NHS No", "Baby DOB", "Home Address", "Postcode", "Contact Number", "Email",
               "Issued By", "Named CMW", "GP", "Interpreter", "Safeguarding / Alerts", "Loan Notes",
               "Last Edited By"]),
    ("fresh18", ["LoanNo", "Item Tag", "Item", "Make-Model", "Reason", "Issued", "Expected Back", "Back On", "Outcome",
                 "Woman", "Unit No", "CHI", "Woman DOB", "Infant", "Infant Unit No", "Infant CHI", "Infant DOB",
                 "Address (home)", "Post Code", "Tel", "E-mail", "Given Out By", "Community Midwife",
                 "GP (name / practice)", "Language", "Alerts", "Comments", "Updated By"]))}
# WO_FAULT templates that fit each kind of device; the rest fit any
FAULT_FITS = {kx.CTG: [1], kx.TELE: [1], kx.INCUB: [2], kx.TRANSPORT: [5], kx.TAGS: [3], kx.BREAST: [4],
              kx.SYRINGE: [6], kx.POOL: [7], kx.DOPPLER: [8], kx.TENS: [9]}
FAULT_ANY = [0, 10, 11]
LOG_ANY = [0, 1, 2, 3, 4, 6, 7, 8, 9, 11]  # WO_LOG: 5 (collected from home) for loaned kit, 10 for tags
TWINS = 11  # the CTG_NOTE about a twin pregnancy's second channel
# LOAN_NOTE templates that fit a breast pump (after the birth), a TENS machine (before it), a community bag
LOAN_FITS = {kx.BREAST: list(range(14)), kx.TENS: [2, 3, 4, 5, 6, 7, 9, 11], "bag": [14, 15]}


def _set(obj: dict[str, Any], path: str, value: Any) -> None:
    """Sets a nested key by its dotted path ("episode.patient.mrn")."""
    *parents, leaf = path.split(".")
    for part in parents:
        obj = obj.setdefault(part, {})
    obj[leaf] = value


def _ctg_stamp(split: str, when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if split == "dev20" else when.strftime("%d/%m/%Y %H:%M:%S")


def ctg_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    k = CTG_KEYS[split]
    monitors = [a for a in b.assets if a["item"] in kx.MONITORS] or b.assets
    members = list(MEMBERS[split])
    types, states = list(kx.CTG_TYPE[split]), list(kx.CTG_STATUS[split])
    mothers = [rng.choice(sc.mothers) for _ in range(count)]  # in labour or antenatal, timed from their babies
    events = sorted((b.when_for(m, "labour"), j, m) for j, m in enumerate(mothers))
    for i, (when, _, mother) in enumerate(events):
        member = members[min(when.year, 2025) - 2021] if split == "dev20" else members[i % len(members)]
        line = len(b.ctg[member]) + 1
        first_line = line == 1  # every key present with a value once, so that each file's types are complete
        a = rng.choice(monitors)
        b.about(a, when, mother)
        number = kx.CTG_NO[split].format(year=when.year, n=first + 7 * i + rng.randrange(7))
        rec, file = ("jobs", number), f"{ZIP[split]}/{member}"

        def put(path: str, pieces: list[Piece], line: int = line, rec: tuple[str, str] = rec,
                file: str = file) -> str:
            return str(b.w.cell(pieces, file, line, path, rec))
        state = rng.choices(states, [70, 12, 18])[0]
        done = kx.CTG_STATUS[split][state] == "completed"
        o: dict[str, Any] = {}
        for role, value in (("id", number), ("at", _ctg_stamp(split, when)), ("state", state),
                            ("type", rng.choice(types)), ("serial", a["serial"]),
                            ("clear", _ctg_stamp(split, when + dt.timedelta(minutes=rng.randrange(1, 300)))
                             if done else None)):
            _set(o, k[role], value)
        ward = MEMBERS[split][member] or rng.choice(sc.v.WARDS)
        _set(o, k["ward"], put(k["ward"], ref("ward", ward)))
        beds = [x for x in sc.v.BEDS if not any(w in x.lower() for w in ("cot", "scbu"))]
        sc.bed = rng.choice(beds).format(n=rng.randrange(1, 20))
        _set(o, k["bed"], put(k["bed"], ref("bed", sc.bed)))  # no cots: a woman is on the monitor
        _set(o, k["model"], put(k["model"], ref("model", a["model"])))
        _set(o, k["sw"], put(k["sw"], ref("software_version", rng.choice(kx.VERSIONS))))
        sc.ward = ward
        _set(o, k["msg"], put(k["msg"], sc.fill(rng.choice(b.tx["CTG_MSG"]))))  # the station's own words
        sc.ward = None
        woman = first_line or rng.random() < 0.85
        _set(o, k["name"], put(k["name"], sc.pt()) if woman else None)
        _set(o, k["hosp"], put(k["hosp"], mine("hospital_number", sc.hosp())) if woman else None)
        _set(o, k["num"], put(k["num"], mine("nhs" if sc.dev else "chi", sc.number()))
             if woman and (first_line or rng.random() < 0.7) else None)
        b_ = sc.home(sc.patient)["dob"]
        _set(o, k["dob"], put(k["dob"], mine("dob", f"{b_:%d/%m/%Y}" if sc.dev else b_.isoformat())) if woman else None)
        _set(o, k["gest"], sc.gestation() if woman else None)
        _set(o, k["edd"], sc.edd() if woman else None)
        notes: list[dict[str, Any]] = []
        fits = [j for j in range(len(b.tx["CTG_NOTE"])) if j != TWINS or sc.baby()["twins"]]
        for e, template in enumerate(rng.sample(fits, max(first_line, rng.choice([0, 1, 1, 2, 3])))):
            writer = rng.choice(b.groups["midwife"])
            at = f"{k['notes']}[{e}]."
            by = sc.initials(writer) if rng.random() < 0.65 else mine("login", sc.login(writer))
            text = b.note("CTG_NOTE", writer, [template])
            notes.append({k["time"]: f"{when + dt.timedelta(minutes=5 * e + rng.randrange(5)):%H:%M}",
                          k["by"]: put(at + k["by"], by), k["text"]: put(at + k["text"], text)})
        o[k["notes"]] = notes
        acker = rng.choice(b.groups["midwife"])
        ack = done and (first_line or rng.random() < 0.9)
        _set(o, k["login"], put(k["login"], mine("login", sc.login(acker))) if ack else None)
        _set(o, k["ackname"], put(k["ackname"], sc.staff("midwife", acker)) if ack else None)
        sc.bed = None
        b.ctg[member].append(o)


def _epr_stamp(split: str, when: dt.datetime | dt.date) -> str:
    if split == "dev20":
        return f"{when:%Y-%m-%d %H:%M:%S}.000" if isinstance(when, dt.datetime) else f"{when:%Y-%m-%d} 00:00:00.000"
    return f"{when:%d-%b-%Y %H:%M}" if isinstance(when, dt.datetime) else f"{when:%d-%b-%Y}"


def loan_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    k = EPR_COLS[split]
    pool = [a for a in b.assets if a["item"] in kx.LOANABLE] or b.assets
    reasons, states = list(kx.LOAN_TYPE[split]), list(kx.LOAN_STATUS[split])
    specs = []
    for j in range(count):  # the device, the woman it goes home with (or whose visits it serves), when
        a = rng.choice(pool)
        home = a["item"] in (kx.BREAST, kx.TENS)
        mother = a["patient"] if home and a["patient"] and rng.random() < 0.5 else rng.choice(sc.mothers)
        what = "postnatal" if a["item"] == kx.BREAST else "tens" if a["item"] == kx.TENS else "any"
        specs.append((b.when_for(mother, what), j, a, mother))
    for r, (when, _, a, mother) in enumerate(sorted(specs, key=lambda s: (s[0], s[1])), start=1):
        home = a["item"] in (kx.BREAST, kx.TENS)
        b.about(a, when, mother)
        number = kx.LOAN_NO[split].format(n=first + 3 * r + rng.randrange(3))
        rec = ("jobs", number)

        def put(role: str, pieces: list[Piece], r: int = r, rec: tuple[str, str] = rec) -> str:
            return str(b.w.cell(pieces, EPR[split], r, k[role], rec))
        state = rng.choices(states, [30, 55, 8, 3, 4])[0]
        back = kx.LOAN_STATUS[split][state] == "completed" and state != states[-1]
        out: dict[str, str] = {c: "" for c in k.values()}
        out.update({k["ref"]: number, k["equip"]: a["tag"] if rng.random() < 0.9 else a["tag"].lower(),
                    k["item"]: put("item", ref("device_type", a["item"])),
                    k["make"]: put("make", [*ref("maker", a["maker"]), " ", *ref("model", a["model"])]),
                    k["reason"]: reasons[0 if home else 1 if rng.random() < 0.8 else 2], k["status"]: state,
                    k["issued"]: _epr_stamp(split, when),
                    k["due"]: _epr_stamp(split, (when + dt.timedelta(days=rng.choice([14, 28, 42]))).date()),
                    k["back"]: _epr_stamp(split, min(when + dt.timedelta(days=rng.randrange(3, 60)),
                                                     dt.datetime.combine(kx.END, dt.time(17)))) if back else ""})
        issuer = rng.choice(b.groups["midwife"])
        out[k["issuer"]] = put("issuer", sc.staff("midwife", issuer) + (  # a registration or pay number now and then
            [" NMC " if sc.dev else " pay no ", *mine("staff_id", sc.staff_id(issuer))] if rng.random() < 0.2 else []))
        if rng.random() < 0.8:
            out[k["edited"]] = put("edited", mine("login", sc.login(rng.choice(b.groups["midwife"]))))
        if home:  # lent to a woman: her details, her baby's, her home
            out.update({k["mother"]: put("mother", sc.pt()), k["hosp"]: put("hosp", mine("hospital_number", sc.hosp())),
                        k["mdob"]: put("mdob", mine("dob", sc.dob())),
                        k["addr"]: put("addr", sc.address()), k["pc"]: put("pc", sc.postcode()),
                        k["phone"]: put("phone", sc.phone_of_mother())})
            if rng.random() < 0.8:
                out[k["num"]] = put("num", mine("nhs" if sc.dev else "chi", sc.number()))
            if a["item"] == kx.BREAST:  # the baby a pump is for (a TENS machine is lent before the birth)
                out[k["baby"]] = put("baby", sc.bb())
                out[k["bhosp"]] = put("bhosp", mine("hospital_number", sc.bhosp()))
                out[k["bdob"]] = put("bdob", mine("dob", sc.bdob()))
                if rng.random() < 0.6:
                    out[k["bnum"]] = put("bnum", mine("nhs" if sc.dev else "chi", sc.bnum()))
            if rng.random() < 0.5:
                out[k["email"]] = put("email", mine("email", sc.home_email(sc.patient)))
            if rng.random() < 0.55:
                out[k["gp"]] = put("gp", [*sc.gp_name(), ", ", *ref("gp_practice", sc.known(
                    "gp", sc.patient, lambda: rng.choice(sc.v.GP_PRACTICES)))])
            if rng.random() < 0.2:
                out[k["interp"]] = put("interp", sc.interpreter())
            if rng.random() < 0.35:
                out[k["alert"]] = put("alert", b.note("ALERT", issuer))
        cmw = rng.choice(b.groups["cmw"])
        if not home or rng.random() < 0.6:
            out[k["cmw"]] = put("cmw", sc.staff("cmw", cmw))
        if rng.random() < 0.85:  # the midwives' notes, one entry a line
            which = LOAN_FITS[a["item"] if home else "bag"]
            out[k["notes"]] = put("notes", b.notes("LOAN_NOTE", rng.choice([issuer, cmw]), 3, which,
                                                   "\n" if split == "dev20" else "\r\n"))
        b.loans.append(out)


def _wo_stamp(split: str, when: dt.datetime) -> str:
    return f"{when:%Y-%m-%d %H:%M}" if split == "dev20" else f"{when:%d/%m/%Y %H:%M}"


def wo_rows(b: Builder, count: int, first: int) -> None:
    rng, split, sc = b.rng, b.split, b.scene
    _, cols = TABLES[split]["wo"]
    _, lcols = TABLES[split]["log"]
    _, scols = TABLES[split]["staff"]
    wo_file, log_file, staff_file = (f"{DUMP[split]}:{TABLES[split][t][0]}" for t in ("wo", "log", "staff"))
    types, states = list(kx.WO_TYPE[split]), list(kx.WO_STATUS[split])
    tags = [a for a in b.assets if a["item"] == kx.TAGS] or b.assets
    specs = []
    for j in range(count):  # the tagging system calls EBME out often
        a = rng.choice(tags if rng.random() < 0.08 else b.assets)
        mother = a["patient"] or rng.choice(sc.mothers)
        specs.append((b.when_for(mother, "any", (7, 20)), j, a, mother))
    for i, (when, _, a, mother) in enumerate(sorted(specs, key=lambda s: (s[0], s[1])), start=1):
        b.about(a, when, mother)
        number = kx.WO_NO[split].format(n=first + 2 * i + rng.randrange(2))
        rec = ("jobs", number)

        def put(role: str, pieces: list[Piece], i: int = i, rec: tuple[str, str] = rec) -> str:
            return str(b.w.cell(pieces, wo_file, i, cols[role], rec))
        state = rng.choices(states, [72, 14, 8, 6])[0]
        done = kx.WO_STATUS[split][state] == "completed"
        eng = rng.choice(b.t["staff"])
        for role in ("given", "surname"):  # the engineer joined in from the staff table, planted in this job
            b.w.cell([(eng[role], "name", True)], staff_file, eng["id"], scols[role], rec)
        b.w.cell([(eng["title"], "job_title", False)], staff_file, eng["id"], scols["title"],
                 ("contacts", eng["title"]))
        group = rng.choice(["midwife", "midwife", "nnurse", "msw", "cmw"])
        caller = rng.choice(b.groups[group])
        row: dict[str, Any] = {"no": number, "tag": a["tag"], "type": rng.choice(types), "status": state,
                               "raised": _wo_stamp(split, when), "eng": eng["id"],
                               "done": _wo_stamp(split, when + dt.timedelta(hours=rng.randrange(1, 200)))
                               if done else None, "hours": rng.choice([0.25, 0.5, 1, 1.5, 2, 3.5])}
        r = rng.random()
        row["caller"] = put("caller", sc.staff(group, caller) if r < 0.75 else mine("login", sc.login(caller)))
        row["contact"] = put("contact", mine("phone", sc.work_mobile(caller))) \
            if rng.random() < 0.3 else kx.extension(rng, split)
        row["fault"] = put("fault", b.note("WO_FAULT", caller, FAULT_FITS.get(a["item"], FAULT_ANY)
                                           if rng.random() < 0.7 else FAULT_ANY))
        b.t["wo"].append(row)
        fits = LOG_ANY + [5] * (a["item"] in kx.LOANABLE) + [10] * (a["item"] == kx.TAGS)
        for e in range(rng.choice([1, 1, 2, 2, 3, 4])):
            writer = eng["person"] if rng.random() < 0.7 else rng.choice(b.groups["tech"])
            lid = len(b.t["log"]) + 1
            b.t["log"].append({"id": lid, "no": number, "at": _wo_stamp(split, when + dt.timedelta(hours=3 * e + 1)),
                               "by": str(b.w.cell(sc.initials(writer), log_file, lid, lcols["by"], rec)),
                               "text": str(b.w.cell(b.note("WO_LOG", writer, fits), log_file, lid, lcols["text"],
                                                    rec))})

