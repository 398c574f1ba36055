"""A tenth, independent export generator for `leakage.py`: a Scottish health board's Medical Physics / EBME CMMS
(an openMEDIS-derived PHP/MySQL system customised locally), exported as ONE `mysqldump` file.

    .venv/bin/python benchmarks/board_dump_export.py OUT_DIR [--split dev11|fresh9] [--rows 300] [--seed 11]

`cmms_dump.sql` is what `mysqldump` 8.0 writes (`board_dump_sql.py`): header comments, `/*!40101 SET */` and GTID
lines, per table `DROP TABLE`, `CREATE TABLE` (enums, decimals, zero-date defaults, a comment with a doubled
quote, keys, a foreign key), `LOCK TABLES` and extended INSERTs on long lines, a new statement every few hundred
tuples; strings with MySQL's backslash escapes (notes with `\\n` and `\\r\\n` line breaks, O\\'Neill, `\\"`, a UNC
path's backslashes, now and then a `\\Z` or `\\0` left by an old import), NULLs, bare numbers and decimals, dates
and datetimes with `0000-00-00` zero dates; an audit trigger in a `DELIMITER ;;` block whose body holds an
INSERT; and, appended by a later migration script, audit rows as an INSERT with an explicit column list in
another order. Tables: assets, audit_log, cmms_settings, contacts (makers, suppliers and service agents with a
contact person), interventions, locations (site > building > floor > department > room), parts_lines, sites,
staff, users, workorders. The mapping's queries join them and fold the asset's audit log into its notes and a
work order's interventions and parts lines into its outcome.

Free text as clinical engineers, physicists, nurses and contractors type it (`board_dump_text.py`); people from
hand-made Gaelic, Scots, Irish, Polish, Nigerian, South Asian, Chinese and Filipino pools (`board_dump_vocab.py`);
CHI numbers that spell the patient's date of birth, the board's unit numbers, Scottish mobiles and landlines, home
addresses with flats ("Flat 2/1", "3F2"), house names and postcodes. Kept: hospitals, buildings, wards and rooms
named after people (Lister Building, Simpson Centre for Reproductive Health, Ward 4B Jubilee, Maggie's
Highlands), eponymous devices, makers, models, parts, serials, asset tags, job titles, towns, dates, bleeps,
extensions, shared mailboxes, service desks, Datix and work-order numbers.

"dev11" may be read while tuning; "fresh9" is held out (aggregates only). Writes OUT_DIR/data/cmms_dump.sql,
OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s truth format (`file` the dump's table,
`row` its `id`, `column` the table's or the query's column).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import board_dump_text as tx
import board_dump_vocab as vx
from board_dump_people import digits
from board_dump_scene import Piece
from board_dump_sql import Raw, dump
from board_dump_tables import Board, assets, money, reference_tables
from clinical_export import generator_main
from export_common import dump_query, joined, moment

SPLITS = ("dev11", "fresh9")
HOSTS = {"dev11": ("ebme-db01.ggc.scot.nhs.uk", "openmedis_ggc", 65536),
         "fresh9": ("10.61.2.14", "cmms_north", 131072)}


def _requester(b: Board, form: str, person: tuple[str, str]) -> list[Piece]:
    g, s = person
    out: list[Piece] = []
    for i, part in enumerate(re.split(r"\{(\w+)\}", form)):
        if not i % 2:
            out.append(part)
        elif part in ("role", "ward"):
            out.append(b.rng.choice(tx.ROLES[b.split]) if part == "role" else b.scene.ward)
        else:
            out.append(({"g": g, "s": s, "G": g.upper(), "S": s.upper()}[part], "name", True))
    return out


def _lower(pieces: list[Piece]) -> list[Piece]:
    return [p.lower() if isinstance(p, str) else (p[0].lower(), p[1], p[2]) for p in pieces]


def _email(b: Board, body: list[Piece]) -> list[Piece]:
    """A pasted e-mail about `body`, from a ward colleague, signed."""
    sc = b.scene
    sender = sc.pick(sc.nurses + sc.physicists)
    sent = moment(b.rng)
    nested: dict[str, list[Piece]] = {
        "body": body, "from": [(sender[0], "name", True), " ", (sender[1], "name", True)],
        "sent": [f"{sent:%d %B %Y %H:%M}" if b.split == "dev11" else f"{sent:%a, %d %b %Y %H:%M:%S +0000}"],
        "again": sc.again(), "mail": sc.email(sender), "mob": sc.mobile(sender)}
    return sc.fill(tx.EMAIL[b.split], nested=nested)


def workorders(b: Board) -> None:
    rng, sc, split = b.rng, b.scene, b.split
    lower = 0.3 if split == "dev11" else 0.15  # the share of requests typed all in lower case
    locs = {loc["id"]: loc for loc in b.t["locations"]}
    orgs = {c["id"]: c["org_name"] for c in b.t["contacts"]}
    engineers = [b.staff_id[p] for p in sc.techs + sc.physicists]
    people_of = {sid: p for p, sid in b.staff_id.items()}
    for name in ("workorders", "interventions", "parts_lines"):
        b.t[name] = []
    for j in range(b.rows * 3):
        wid, a = j + 1, rng.choice(b.t["assets"])
        sc.maker, sc.model, sc.tag = orgs[a["manufacturer_id"]], a["model"], a["asset_tag"]
        sc.ward = locs[a["location_id"]]["department"]
        sc.patient, sc.other = rng.sample(sc.patients, 2)
        opened = moment(rng)
        status = rng.choices(["Closed", "Open", "On Hold", "Cancelled"], [72, 12, 10, 6])[0]
        closed = opened + dt.timedelta(hours=rng.randrange(1, 400)) if status in ("Closed", "Cancelled") else None
        wo = f"WO{200000 + j * 3}" if split == "dev11" else f"J/{opened:%y}/{10000 + j:05d}"
        rec = ("jobs", wo)
        visit = rng.choices(list(vx.VISITS), [25, 55, 4, 8, 4, 4])[0]
        person = sc.pick(sc.nurses)
        r = rng.random()
        requester = b.cell("workorders", wid, "requester", rec, _requester(b, rng.choice(tx.REQUESTER[split]),
                                                                           person)) if r < 0.85 else \
            rng.choice(["switchboard", "Helpdesk", "night site manager"]) if r < 0.93 else None
        r = rng.random()
        tel = b.cell("workorders", wid, "requester_tel", rec, sc.mobile(person)) if r < 0.3 else \
            f"ext {digits(rng, 5)}" if r < 0.6 else f"bleep {rng.randrange(2000, 9000)}" if r < 0.8 else None
        r = rng.random()
        if visit == "PPM" and r < 0.8:
            pieces: list[Piece] = [rng.choice(["Annual PPM", "6 monthly PPM due", "PPM - overdue, ward chased",
                                               "PPM as per schedule", "ppm + ESC"])]
        elif r < 0.07:
            pieces = b.text(tx.CAPS, "upper")
        elif r < 0.13:
            pieces = _email(b, b.text(tx.REQUEST))
        else:
            pieces = b.text(tx.REQUEST)
            pieces = _lower(pieces) if rng.random() < lower else pieces
        b.t["workorders"].append({
            "id": wid, "wo_no": wo, "asset_id": a["id"], "requested_at": f"{opened:%Y-%m-%d %H:%M:%S}",
            "requester": requester, "requester_tel": tel, "description": b.cell("workorders", wid, "description", rec,
                                                                                pieces),
            "priority": rng.choice([1, 2, 3, 3, 3, 4]), "visit_type": visit, "status": status,
            "closed_at": f"{closed:%Y-%m-%d %H:%M:%S}" if closed else "0000-00-00 00:00:00",
            "logged_by": rng.choice(b.t["users"])["username"]})
        n = {"Closed": rng.choice([1, 1, 1, 2]), "On Hold": 1, "Open": rng.choice([0, 0, 1]),
             "Cancelled": rng.choice([0, 1])}[status]
        for _ in range(n):
            _intervention(b, wid, rec, opened, closed, visit, engineers, people_of)


def _intervention(b: Board, wid: int, rec: tuple[str, str], opened: dt.datetime, closed: dt.datetime | None,
                  visit: str, engineers: list[int], people_of: dict[int, tuple[str, str]]) -> None:
    rng, sc = b.rng, b.scene
    iid = len(b.t["interventions"]) + 1
    eng = cid = None
    if rng.random() < 0.15:
        cid = rng.choice(sorted(b.contact))
        sc.last = sc.reps[(cid - 1) % len(sc.reps)]
        b.cell("contacts", cid, "engineers", rec, b.contact[cid])
    else:
        eng = rng.choice(engineers)
        sc.last = people_of[eng]
        b.staff_name(eng, "staff", eng, "engineers", rec)
    span = max((closed - opened).days, 0) if closed else rng.randrange(0, 5)
    when = opened.date() + dt.timedelta(days=rng.randrange(0, span + 1))
    if visit == "PPM" and rng.random() < 0.5:
        pieces: list[Piece] = [rng.choice(["PPM completed, all tests pass.", "ppm done - pass", "PPM + ESC pass"])]
    else:
        pieces = b.text(tx.WORK)
    if rng.random() < 0.08:
        pieces = [*pieces, "\n\n", *_email(b, b.text(tx.REQUEST))]
    cost = 0.0
    for _ in range(rng.choice([1, 2, 3]) if rng.random() < 0.4 else 0):
        pid, qty, price = len(b.t["parts_lines"]) + 1, rng.choice([1, 1, 1, 2, 4]), money(rng, 3, 900)
        part = b.cell("parts_lines", pid, "part_no", rec, [(rng.choice(vx.PARTS), "part_number", False)])
        b.t["parts_lines"].append({"id": pid, "intervention_id": iid, "part_no": part,
                                   "part_desc": rng.choice(vx.PART_DESCS), "qty": qty, "unit_price": price})
        cost += qty * float(price)
    b.t["interventions"].append({
        "id": iid, "workorder_id": wid, "engineer_id": eng, "contractor_id": cid, "int_date": f"{when}",
        "failure_cause": rng.choice([*vx.FAILURE_CAUSES, None]), "description": b.cell(
            "interventions", iid, "description", rec, pieces),
        "hours": Raw(f"{rng.choice([0.25, 0.5, 1, 1.5, 2, 3, 6.5]):.2f}"),
        "total_cost": Raw(f"{cost:.2f}"), "condition_after": rng.choice(["A", "A", "R", None])})


def generate(out: Path, split: str = "dev11", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Board(split, rows, seed)
    reference_tables(b)
    assets(b)
    workorders(b)
    host, database, net_buffer = HOSTS[split]
    finished = f"{dt.datetime(2025, 11, 3) + dt.timedelta(minutes=b.rng.randrange(600)):%Y-%m-%d %H:%M:%S}"
    text = dump(b.t, ("audit_log", ["record_type", "record_id", "logged_at", "username", "action", "detail"],
                      b.old_audit), host, database, finished, net_buffer)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "cmms_dump.sql").write_bytes(text.encode("utf-8"))
    (out / "mapping.yaml").write_text(vx.MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"assets": rows, "workorders": rows * 3}, "entries": b.w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`): the dump read by intake's reader (the
    baseline sees what intake sees), the mapping's two queries run on it in DuckDB, laid out as the package's
    entities."""
    query = dump_query(export / "data" / "cmms_dump.sql")

    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "suppliers", "device_models")}
    for a in query(vx.ASSETS_QUERY):
        pkg["assets"].append({
            "asset_number": a["asset_tag"], "serial_number": anon(a["serial_no"]), "owner": anon(a["responsible"]),
            "responsible_engineer": anon(a["link_engineer"]), "contact_phone": anon(a["responsible_mobile"]),
            "notes": anon(joined(" | ", a["notes"], a["history"])), "last_modified_by": anon(a["modified_by"])})
        pkg["sites"].append({"name": anon(a["site_name"])})
        pkg["locations"].append({"building": anon(a["building"]), "department": anon(a["department"]),
                                 "room": anon(a["room"]), "name": anon(joined(", ", a["department"], a["room"]))})
        pkg["manufacturers"].append({"name": anon(a["maker"])})
        pkg["suppliers"].append({"name": anon(a["supplier"])})
        pkg["device_models"].append({"name": anon(a["model"]), "device_type": anon(a["generic_name"])})
    for w in query(vx.WORKORDERS_QUERY):
        pkg["jobs"].append({
            "job_number": w["wo_no"], "fault_description": anon(w["description"]), "outcome": anon(w["work_done"]),
            "engineer": anon(w["engineers"]), "requested_by": anon(w["requester"]),
            "requester_phone": anon(w["requester_tel"])})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev11", argv)


if __name__ == "__main__":
    sys.exit(main())
