"""A fourth, independent export generator for `leakage.py`: a medical-equipment helpdesk (call-logging) system.

    .venv/bin/python benchmarks/helpdesk_export.py OUT_DIR [--split dev5|fresh3] [--rows 300] [--seed 11]

Hospitals in Wales, Scotland, Ireland, Northern Ireland and a few in England. Two files unlike the other
generators': `assets.csv`, a semicolon-delimited Windows-1252 asset list with CRLF line ends, upper-case legacy
codes, Oracle-style dates and an ALL-CAPS legacy notes column; and `calls.jsonl`, one JSON object per call event
(logged, update, e-mail in, phone, resolved), folded into one job per call by a DuckDB query in the mapping
(first event = fault, later events = outcome). Free text: pasted e-mail headers and signatures, phone-call
notes, Welsh and bilingual snippets, initials sign-offs; Irish/Scottish/Welsh name forms (fadas, O'/Ó/Ní/Mac/Mc,
ap/ferch, hyphens), "SURNAME, Firstname", nicknames, a few Cyrillic/Greek/Arabic names (JSON only); CHI
numbers, NHS and H&C numbers, Irish MRNs, dates of birth, home addresses with postcodes and Eircodes, UK and
Irish phone numbers. Look-alikes that must be kept: hospitals and wards named after people (in Welsh and Gaelic
too), eponymous devices and terms, makers and suppliers named after people, towns, job titles, error codes,
versions, part numbers, incident references, asset tags, extensions and bleeps, shared mailboxes.

"dev5" may be read while improving the detectors; "fresh3" is held out (aggregates only): disjoint name
sources (Faker locales and hand-made Celtic pools) and phrasing families. Writes OUT_DIR/data/assets.csv,
OUT_DIR/data/calls.jsonl, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s truth format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import helpdesk_text as tx
from clinical_export import Writer, generator_main
from export_common import digits
from helpdesk_scene import Piece, Scene, _latin, fold, people, phone

SPLITS = ("dev5", "fresh3")

MAPPING = f"""\
# Hand-written mapping for benchmarks/helpdesk_export.py's export (assets.csv + calls.jsonl).
format: intake-mapping/1
system: helpdesk-export-bench
title: Helpdesk call-logging export (assets.csv, cp1252 ';' + calls.jsonl events)
null_values: ["", "N/K", "NULL"]
lookups:
  condition: {{"ACTIVE": in_service, "STORED": in_store, "U/R": under_repair, "SCRAPPED": condemned,
              "ON LOAN": on_loan}}
  category: {json.dumps(tx.CALL_TYPES)}
tables:
  - table: assets
    source_key: ASSET_NO
    outputs:
      - {{entity: sites, derive: {{key: [HOSPITAL], match: exact}}, fields: {{name: HOSPITAL}}}}
      - {{entity: locations, derive: {{key: [{{ref: sites}}, DEPT, WARD], match: exact}},
         fields: {{site_id: {{ref: sites}}, department: DEPT, ward: WARD, name: WARD}}}}
      - {{entity: manufacturers, derive: {{key: [MANUFACTURER], match: exact}}, fields: {{name: MANUFACTURER}}}}
      - {{entity: device_models, derive: {{key: [{{ref: manufacturers}}, MODEL_NO], match: exact}},
         fields: {{manufacturer_id: {{ref: manufacturers}}, name: MODEL_NO, device_type: ASSET_DESC}}}}
      - {{entity: suppliers, derive: {{key: [SUPPLIER], match: exact}}, fields: {{name: SUPPLIER}}}}
      - entity: assets
        id: ASSET_NO
        fields: {{asset_number: ASSET_NO, serial_number: SERIAL_NO, model_id: {{ref: device_models}},
                 location_id: {{ref: locations}}, supplier_id: {{ref: suppliers}}, owner: KEY_CONTACT,
                 contact_phone: CONTACT_TEL, status: {{from: CONDITION, lookup: condition, default: unknown}},
                 acquisition_date: {{from: PURCHASED, convert: [{{date: [month_name]}}]}},
                 warranty_expiry: {{from: WARRANTY_END, convert: [{{date: [month_name]}}], on_invalid: null}},
                 notes: LEGACY_NOTES, last_modified_by: LAST_UPD_BY}}
  - table: calls
    query: |
      SELECT call_ref, max(CASE WHEN seq = 1 THEN asset_no END) AS asset_no,
             max(CASE WHEN seq = 1 THEN category END) AS category, min(ts) AS logged,
             max(CASE WHEN event = 'resolved' THEN ts END) AS resolved,
             max(CASE WHEN seq = 1 THEN reporter END) AS reporter,
             max(CASE WHEN seq = 1 THEN reporter_tel END) AS reporter_tel,
             max(CASE WHEN seq = 1 THEN reporter_email END) AS reporter_email,
             max(CASE WHEN seq = 1 THEN reporter_role END) AS reporter_role,
             arg_max(assignee, seq) AS assignee, max(CASE WHEN seq = 1 THEN body END) AS fault,
             string_agg(ts || ' [' || event || '] ' || body, chr(10) ORDER BY seq) FILTER (WHERE seq > 1) AS updates
      FROM calls GROUP BY call_ref
    source_key: call_ref
    outputs:
      - {{entity: contacts, namespace: requesters, derive: {{key: [reporter], match: exact}},
         fields: {{name: reporter, role: {{value: requester}}, job_title: reporter_role, phone: reporter_tel,
                  email: reporter_email}}}}
      - entity: jobs
        id: call_ref
        fields: {{job_number: call_ref, asset_id: {{id: assets, from: asset_no, convert: [upper]}},
                 job_type: {{from: category, lookup: category}},
                 status: {{from: resolved, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}},
                 raised_at: {{from: logged, convert: [{{datetime: [iso]}}]}},
                 completed_at: {{from: resolved, convert: [{{datetime: [iso]}}]}}, fault_description: fault,
                 outcome: updates, engineer: assignee, requested_by: reporter, requester_phone: reporter_tel}}
"""


ASSET_COLUMNS = ["ASSET_NO", "ASSET_DESC", "MANUFACTURER", "MODEL_NO", "SERIAL_NO", "HOSPITAL", "DEPT", "WARD",
                 "KEY_CONTACT", "CONTACT_TEL", "SUPPLIER", "PURCHASED", "WARRANTY_END", "CONDITION", "LEGACY_NOTES",
                 "LAST_UPD_BY"]


def generate(out: Path, split: str = "dev5", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    rng = random.Random(f"helpdesk-{split}-{seed}")
    taken = None if split == "dev5" else {w.lower() for p in people("dev5", seed, 220) for w in p}
    pool = people(split, seed, 220, taken)
    staff, engineers, patients = pool[:80], pool[80:92], pool[92:]
    prefix = {"dev5": "CY", "fresh3": "AL"}[split]
    tags = [f"{prefix}{n}" for n in rng.sample(range(100000, 999999), rows)]
    scene = Scene(rng, split, staff, patients, tags)
    w = Writer()
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    where: dict[str, tuple[str, str, str, str, str]] = {}
    assets: list[dict[str, str]] = []
    for i, tag in enumerate(tags):
        row, rec = i + 2, ("assets", tag)
        region = rng.choice("WWWSSSIIINNE")
        site, ward = rng.choice(tx.SITES[region]), rng.choice(tx.WARDS[region])
        maker, models, descr = rng.choice(tx.MAKERS)
        model = rng.choice(models)
        where[tag] = (region, site, ward, maker, model)
        scene.at(region, site, ward, maker, model, caps=True)

        def cell(pieces: list[Piece], col: str, row: int = row, rec: tuple[str, str] = rec) -> str:
            return w.cell(pieces, "assets.csv", row, col, rec)

        bought = dt.date(rng.randrange(2008, 2024), rng.randrange(1, 13), rng.randrange(1, 29))
        g, s = scene.person(latin=True)
        notes: list[Piece] = [rng.choice(["", "", "SEE HELPDESK", "N/K"])]
        if rng.random() < 0.75:
            notes = scene.fill(rng.choice(tx.CAPS[split]))
            if rng.random() < 0.3:
                notes += ["; ", *scene.fill(rng.choice(tx.CAPS[split]))]
        scene.caps = False
        owner = rng.choice([[(s.upper(), "name", True), ", ", (g, "name", True)], [(g, "name", True), " ",
                            (s, "name", True)], [f"{rng.choice(tx.TITLES)} (", (s, "name", True), ")"]])
        lg, ls = scene.person(latin=True)
        login = (fold(ls)[:7] + fold(lg)[0]).upper() if rng.random() < 0.6 else f"{fold(lg)}.{fold(ls)}"
        assets.append({
            "ASSET_NO": tag, "ASSET_DESC": w.cell([(descr, "device_type", False)], "assets.csv", row, "ASSET_DESC",
                                                  ("device_models", descr)),
            "MANUFACTURER": w.cell([(maker, "maker", False)], "assets.csv", row, "MANUFACTURER",
                                   ("manufacturers", maker)),
            "MODEL_NO": w.cell([(model, "model", False)], "assets.csv", row, "MODEL_NO", ("device_models", model)),
            "SERIAL_NO": f"{rng.choice(['SN', '', 'US'])}{digits(rng, rng.choice([7, 8, 10]))}",
            "HOSPITAL": w.cell([(site, "site", False)], "assets.csv", row, "HOSPITAL", ("sites", site)),
            "DEPT": rng.choice(tx.DEPTS),
            "WARD": w.cell([(ward, "ward", False)], "assets.csv", row, "WARD", ("locations", ward)),
            "KEY_CONTACT": cell(owner, "KEY_CONTACT"),
            "CONTACT_TEL": cell([(phone(rng, region), "phone", True)] if rng.random() < 0.6 else
                                [rng.choice(["Ext ", "x", "Bleep "]) + str(rng.randrange(2000, 8000))], "CONTACT_TEL"),
            "SUPPLIER": w.cell([(sup := rng.choice(tx.SUPPLIERS), "supplier", False)], "assets.csv", row, "SUPPLIER",
                               ("suppliers", sup)),
            "PURCHASED": f"{bought:%d-%b-%Y}".upper(),
            "WARRANTY_END": f"{bought.replace(year=bought.year + rng.choice([1, 2, 3, 5])):%d-%b-%Y}".upper()
            if rng.random() < 0.7 else "N/K",
            "CONDITION": rng.choice(["ACTIVE"] * 6 + ["STORED", "U/R", "SCRAPPED", "ON LOAN"]),
            "LEGACY_NOTES": cell(notes, "LEGACY_NOTES"), "LAST_UPD_BY": cell([(login, "login", True)], "LAST_UPD_BY"),
        })
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=ASSET_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(assets)
    (data / "assets.csv").write_bytes(buf.getvalue().encode("cp1252"))
    lines: list[str] = []
    calls = rows * 3
    for j in range(calls):
        ref = f"{'INC' if split == 'dev5' else 'HD-'}{rng.randrange(10, 99)}{700000 + j * 7}"
        rec = ("jobs", ref)
        tag = rng.choice(tags)
        scene.at(*where[tag])
        at = dt.datetime(rng.randrange(2020, 2025), rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(7, 19),
                         rng.randrange(60), rng.randrange(60))
        g, s = scene.person()
        channel = rng.choice(["phone", "phone", "email", "portal"])
        eg, es = rng.choice(engineers)
        n_events = rng.choice([1, 2, 2, 3, 3, 4, 5])
        resolved = n_events > 1 and rng.random() < 0.8
        helpdesk_first = rng.random() < 0.5
        for seq in range(1, n_events + 1):
            line = len(lines) + 1

            def cell(pieces: list[Piece], col: str, line: int = line, rec: tuple[str, str] = rec) -> str:
                return w.cell(pieces, "calls.jsonl", line, col, rec)

            event: dict[str, Any] = {"call_ref": ref, "seq": seq, "ts": at.isoformat(timespec="seconds")}
            if seq == 1:
                body = scene.fill(rng.choice(tx.FAULT[split]))
                if channel == "email":
                    body = scene.email_in(body, at)
                reporter = scene.name(g, s) if rng.random() < 0.85 else [(f"{g} {s}", "name", True)]
                event.update(event="logged", asset_no=tag if rng.random() < 0.95 else tag.lower(), channel=channel,
                             category=rng.choice(list(tx.CALL_TYPES)[:1] * 5 + list(tx.CALL_TYPES)),
                             priority=rng.choice([1, 2, 3, 3, 4]), reporter=cell(reporter, "reporter"),
                             reporter_tel=cell([(phone(rng, scene.region), "phone", True)] if rng.random() < 0.7
                                               else [f"ext {rng.randrange(2000, 8000)}"], "reporter_tel"))
                if rng.random() < 0.6 and _latin(g, s):
                    event["reporter_email"] = cell([(scene.email(g, s), "email", True)], "reporter_email")
                title = rng.choice(tx.TITLES)  # contacts.job_title, a reference column
                event["reporter_role"] = w.cell([(title, "job_title", False)], "calls.jsonl", line, "reporter_role",
                                                ("contacts", title))
            else:
                body = scene.fill(rng.choice(tx.UPDATE[split]))
                event["event"] = "resolved" if resolved and seq == n_events else rng.choice(["update", "phone",
                                                                                            "email in"])
            # The owner as each event recorded it; the job's engineer is the last one's (planted once).
            event["assignee"] = "EBME Helpdesk" if seq == 1 and n_events > 1 and helpdesk_first else \
                cell([(eg, "name", True), " ", (es, "name", True)], "assignee") if seq == n_events else f"{eg} {es}"
            event["body"] = cell(body, "body")
            lines.append(json.dumps(event, ensure_ascii=rng.random() < 0.1))
            at += dt.timedelta(hours=rng.randrange(1, 70), minutes=rng.randrange(60))
    (data / "calls.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"assets.csv": rows, "calls": calls}, "entries": w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`), laid out as the package's entities."""
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models", "suppliers", "contacts")}
    with (export / "data" / "assets.csv").open(encoding="cp1252", newline="") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            pkg["assets"].append({"asset_number": r["ASSET_NO"], "owner": anon(r["KEY_CONTACT"]),
                                  "contact_phone": anon(r["CONTACT_TEL"]), "notes": anon(r["LEGACY_NOTES"]),
                                  "last_modified_by": anon(r["LAST_UPD_BY"])})
            pkg["sites"].append({"name": anon(r["HOSPITAL"])})
            pkg["locations"].append({"department": anon(r["DEPT"]), "ward": anon(r["WARD"])})
            pkg["manufacturers"].append({"name": anon(r["MANUFACTURER"])})
            pkg["device_models"].append({"name": anon(r["MODEL_NO"]), "device_type": anon(r["ASSET_DESC"])})
            pkg["suppliers"].append({"name": anon(r["SUPPLIER"])})
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for text in (export / "data" / "calls.jsonl").read_text(encoding="utf-8").splitlines():
        e = json.loads(text)
        events[e["call_ref"]].append(e)
    for ref, evs in events.items():
        first, last = evs[0], evs[-1]
        updates = "\n".join(f"{e['ts']} [{e['event']}] {e['body']}" for e in evs[1:])
        pkg["jobs"].append({"job_number": ref, "fault_description": anon(first["body"]), "outcome": anon(updates),
                            "engineer": anon(last["assignee"]), "requested_by": anon(first["reporter"]),
                            "requester_phone": anon(first["reporter_tel"])})
        pkg["contacts"].append({"name": anon(first["reporter"]), "job_title": anon(first["reporter_role"]),
                                "email": anon(first.get("reporter_email") or "")})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev5", argv)


if __name__ == "__main__":
    sys.exit(main())
