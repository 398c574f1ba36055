"""A ninth, independent export generator for `leakage.py`: an NHS trust's imaging (radiology) equipment service
system, its register saved from Excel as "Unicode Text".

    .venv/bin/python benchmarks/imaging_export.py OUT_DIR [--split dev10|fresh8] [--rows 300] [--seed 11]

`register.txt` (Excel's "Unicode Text" save: tab-separated UTF-16 LE with a byte-order mark, CRLF line ends,
quoted multi-line cells; modality, AE title and IP address, room and section, superintendent and their
extension or mobile, the room's RPS, the vendor's link engineer, costs as Excel shows them, the last editor),
`service_reports.csv` (UTF-8: radiographers' fault reports, IR(ME)R dose incidents naming patients, mobile X-ray
home visits, worklist and PACS errors pasted with DICOM person names and accession numbers, vendor engineers'
reports and e-mails with their mobiles, physicists' QA, stamped updates, sign-offs) and `pacs_log.csv` (the PACS
integration error log, read only by the mapping's query, which folds each modality's errors into its asset's
notes by AE title). Rooms and units named after people (Röntgen Room, Hounsfield CT, Mansfield MRI Centre),
eponymous physics (Doppler, Tesla, Gauss line, Bucky), makers, models, AE titles and IP addresses are reference
values that must be kept.

"dev10" may be read by people improving the detectors; "fresh8" is held out (aggregates only). Writes
OUT_DIR/data/{register.txt,service_reports.csv,pacs_log.csv}, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in
`clinical_export.py`'s truth format (`row` is the file's record, header = 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import imaging_text as tx
import imaging_vocab as vx
from ambulance_scene import digits, mobile
from clinical_export import Writer, generator_main
from export_common import held_out_people, moment
from imaging_scene import Piece, Scene, people

SPLITS = ("dev10", "fresh8")
def _money(rng: random.Random, low: int, high: int) -> str:
    """What Excel shows in a currency-formatted cell (the text the save writes)."""
    return f"£{rng.randrange(low, high):,}.{rng.choice(['00', '00', '50', '99'])}"


def generate(out: Path, split: str = "dev10", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    rng = random.Random(f"imaging-{split}-{seed}")
    everyone = held_out_people(people, "dev10", split, seed, rows)
    n_pat = rows // 2 + 40
    staff, fses, patients = everyone[:60], everyone[60:72], everyone[72:72 + n_pat]
    ids = rng.sample(range(10 ** 5, 10 ** 6), len(staff)) if split == "dev10" else \
        rng.sample(range(10 ** 7, 10 ** 8), len(staff))
    numbers = {p: (f"RA{n}" if split == "dev10" else str(n)) for p, n in zip(staff, ids, strict=True)}
    scene = Scene(rng, split, staff, fses, patients, numbers)
    rooms, hospitals, tags = vx.ROOMS[split], vx.HOSPITALS[split], vx.SITE_TAGS[split]
    lower = 0.4 if split == "dev10" else 0.25  # the share of fault reports typed all in lower case
    w = Writer()
    tables: dict[str, list[list[str]]] = {"register.txt": [], "service_reports.csv": [], "pacs_log.csv": []}
    assets: dict[str, tuple[str, str, str, str, tuple[str, str] | None]] = {}  # maker, model, room, kind, node
    counts: Counter[str] = Counter()

    for i in range(rows):
        no = f"IMG{10000 + i * 7}" if split == "dev10" else f"RAD-{3100 + i}"
        line, rec = i + 2, ("assets", no)

        def put(column: str, pieces: list[Piece], record: tuple[str, str] = rec, line: int = line) -> str:
            return w.cell(pieces, "register.txt", line, column, record)

        def ref(column: str, kind: str, value: str, entity: str, line: int = line) -> str:
            return w.cell([(value, kind, False)], "register.txt", line, column, (entity, value))

        maker, model, dtype, kind = rng.choice(vx.MODELS)
        room, section = rng.choice([r for r in rooms if vx.SECTION_KINDS[r[1]] == kind])
        site = rng.randrange(len(hospitals))
        node: tuple[str, str] | None = None
        if kind in vx.DICOM and not any(t in dtype for t in ("injector", "monitor", "pump", "display")):
            counts[f"{kind}{tags[site]}"] += 1
            node = (f"{kind}{counts[f'{kind}{tags[site]}']}_{tags[site]}",
                    f"10.{41 + site}.{rng.randrange(8, 60)}.{rng.randrange(10, 250)}")
        scene.node, scene.maker, scene.model, scene.room = node, maker, model, room
        owner = tel = rps = fse = notes = ""
        if rng.random() < 0.7:
            owner = put("Superintendent", scene.name(*scene.pick(scene.radiographers), formal=True))
            r = rng.random()
            # An extension or bleep is the department's line: left unscored, whether it is personal is a policy's
            tel = put("Ext/Bleep", [(mobile(rng), "phone", True)]) if r < 0.35 else \
                f"x{digits(rng, 5)}" if r < 0.75 else f"Bleep {digits(rng, 4)}"
        if kind in vx.EXPOSING and rng.random() < 0.6:
            rps = put("RPS", scene.name(*scene.pick(scene.radiographers), formal=True))
        if rng.random() < 0.5:
            fse = put("Link FSE", scene.name(*scene.pick(fses), formal=True))
        if rng.random() < 0.55:
            pieces = scene.fill(rng.choice(tx.ASSET[split]))
            if rng.random() < 0.25:
                pieces = [*pieces, "\n", *scene.fill(rng.choice(tx.ASSET[split]))]
            notes = put("Notes", pieces)
        editor = rng.choice(staff[46:60])
        if rng.random() < 0.75:
            domain = "CDHFT\\" if split == "dev10" and rng.random() < 0.4 else ""
            edited = put("Updated By", [domain, (scene.login(editor), "login", True)])
        else:
            edited = put("Updated By", scene.name(*editor))
        installed = moment(rng).date()
        tables["register.txt"].append([
            no, dtype, kind, ref("Manufacturer", "maker", maker, "manufacturers"),
            ref("Model", "model", model, "device_models"),
            put("Serial No", [(f"{rng.choice(['', 'SN', 'S'])}{digits(rng, rng.choice([6, 8]))}", "serial", False)]),
            put("AE Title", [(node[0], "ae_title", False)]) if node else "",
            put("IP Address", [(node[1], "ip_address", False)]) if node else "",
            ref("Room", "room", room, "locations"), section, ref("Site", "hospital", hospitals[site], "sites"),
            f"{installed:%d/%m/%Y}" if rng.random() < 0.9 else "",
            f"{installed + dt.timedelta(days=rng.choice([365, 730, 1095])):%d/%m/%Y}" if rng.random() < 0.6 else "",
            _money(rng, 2000, 1_400_000) if rng.random() < 0.8 else rng.choice(["n/a", "TBC", ""]),
            rng.choice([*vx.STATUS, "In use", "In use", "In use", "In use"]), owner, tel, rps, fse, notes, edited])
        assets[no] = (maker, model, room, kind, node)
    for no, (maker, model, room, _, node) in assets.items():
        if node is None or rng.random() < 0.4:
            continue
        scene.node, scene.maker, scene.model, scene.room = node, maker, model, room
        for _ in range(rng.randrange(1, 6)):
            line = len(tables["pacs_log.csv"]) + 2
            scene.patient, scene.other = rng.sample(patients, 2)
            message = w.cell(scene.fill(rng.choice(tx.LOG[split])), "pacs_log.csv", line, "Message", ("assets", no))
            ack = w.cell([(scene.login(rng.choice(staff[46:60])), "login", True)], "pacs_log.csv", line,
                         "Acknowledged", ("assets", no)) if rng.random() < 0.5 else ""
            tables["pacs_log.csv"].append([f"{moment(rng):%Y-%m-%d %H:%M:%S}", node[0],
                                           rng.choice(["PACS_ARCH1", "RIS_MWL", "VNA_STORE"]),
                                           rng.choice(["ERROR", "ERROR", "WARN"]), message, ack])
    numbers_list = list(assets)
    for j in range(rows * 3):
        no = rng.choice(numbers_list)
        maker, model, room, kind, node = assets[no]
        scene.node, scene.maker, scene.model, scene.room = node, maker, model, room
        report = f"SR{510000 + j * 3}" if split == "dev10" else f"CALL/{24000 + j}"
        line, rec = j + 2, ("jobs", report)

        def jput(column: str, pieces: list[Piece], record: tuple[str, str] = rec, line: int = line) -> str:
            return w.cell(pieces, "service_reports.csv", line, column, record)

        call = rng.choices(list(vx.CALLS), [50, 22, 8, 6, 5, 3, 6])[0]
        scene.patient, scene.other = rng.sample(patients, 2)
        opened = moment(rng)
        closed = opened + dt.timedelta(hours=rng.randrange(1, 300)) if rng.random() < 0.8 else None
        logger = scene.pick(staff)
        logged_by = jput("Logged By", scene.name(*logger, formal=True) if rng.random() < 0.7 else
                         [(scene.login(logger), "login", True)])
        r = rng.random()
        contact = jput("Contact No", [(mobile(rng), "phone", True)]) if r < 0.3 else \
            f"Ext {digits(rng, 5)}" if r < 0.7 else f"bleep {digits(rng, 4)}" if r < 0.9 else ""
        if call in tx.PLAIN:
            fault: list[Piece] = [rng.choice(tx.PLAIN[call])]
        elif call == "Dose incident":
            fault = scene.fill(rng.choice(tx.DOSE[split]))
        elif call == "PACS/MWL":
            fault = [rng.choice(["Error from PACS: ", "MWL error - ", "copied from IDS7 log: "]),
                     *scene.fill(rng.choice(tx.LOG[split]))]
        elif kind == "MOB" and rng.random() < 0.4:
            fault = scene.fill(rng.choice(tx.HOME[split]))
        elif rng.random() < 0.1:
            fault = scene.fill(rng.choice(tx.CAPS[split]), "upper")
        else:
            fault = scene.fill(rng.choice(tx.FAULT[split]), "lower" if rng.random() < lower else "")
        datix = jput("Datix Ref", [(scene.datix(), "incident_no", False)]) if \
            call == "Dose incident" or rng.random() < 0.1 else ""
        work: list[Piece] = []
        engineer = sign = ""
        if closed is not None:
            who = scene.pick(fses)  # the engineer of the FSE column writes, signs and e-mails the report
            engineer = jput("FSE", scene.name(*who, formal=True))
            sign = jput("Sign-off", [*scene.initials(bare=True), " / accepted by ", *scene.fill("{rg}")])
            scene.last = who
            own = {"fse": scene.name(*who), "eng": scene.name(*who), "init": scene.initials()}
            planned = [t for t in tx.WORK[split] if any(k in t for k in ("PPM", "service", "maintenance")) ==
                       (call == "PPM")]
            work = scene.fill(rng.choice(planned), nested=own)
            if rng.random() < 0.12:
                first: list[Piece] = [(vx.NICKNAMES.get(who[0], who[0]), "name", True)]
                nest = {"fse": scene.name(*who), "fmail": scene.vendor_email(who), "first": first,
                        "body": scene.fill(rng.choice(tx.FAULT[split]))}
                work = [*work, "\n\n", *scene.fill(tx.EMAIL[split], nested=nest)]
        updates: list[Piece] = []
        n_updates = rng.choice([0, 0, 1, 1, 2, 3])
        stamps = sorted(opened + dt.timedelta(minutes=rng.randrange(5, 3000)) for _ in range(n_updates))
        for k, stamp in enumerate(stamps):
            who = rng.choice(staff)
            updates.extend(["\n" if k else "", f"{stamp:%d/%m/%Y %H:%M} - ", (scene.login(who), "login", True), ": ",
                            *scene.fill(rng.choice(tx.UPDATES[split]))])
        tables["service_reports.csv"].append([
            report, no, f"{opened:%d/%m/%Y %H:%M}", logged_by, contact, call, jput("Fault Description", fault), datix,
            engineer, jput("Work Carried Out", work) if work else "", jput("Updates", updates) if updates else "",
            f"{rng.choice([0.5, 1, 1.5, 2, 3, 4, 6.5])}" if closed and rng.random() < 0.7 else "",
            _money(rng, 10, 48000) if closed and rng.random() < 0.3 else "",
            f"{closed:%d/%m/%Y %H:%M}" if closed else "", sign])
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    # Excel's "Unicode Text": UTF-16 LE with its BOM, tabs, CRLF rows, cells with a tab, quote or line break quoted.
    (data / "register.txt").write_bytes(b"\xff\xfe" + _delimited(vx.REGISTER, tables["register.txt"], "\t")
                                        .encode("utf-16-le"))
    (data / "service_reports.csv").write_bytes(_delimited(vx.REPORTS, tables["service_reports.csv"], ",").encode())
    (data / "pacs_log.csv").write_bytes(_delimited(vx.LOG_COLUMNS, tables["pacs_log.csv"], ",").encode())
    (out / "mapping.yaml").write_text(vx.MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"register.txt": rows, "service_reports.csv": rows * 3},
             "entries": w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def _delimited(header: list[str], body: list[list[str]], delimiter: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    return buf.getvalue()


def read(export: Path, name: str) -> list[dict[str, str]]:
    """A file of the export as rows (the register decoded from UTF-16 with its BOM, the others from UTF-8)."""
    raw = (export / "data" / name).read_bytes()
    text = raw.decode("utf-16") if name.endswith(".txt") else raw.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if name.endswith(".txt") else ","))


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`), joined as the mapping's query does,
    laid out as the package's entities."""
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models")}

    def joined(sep: str, *values: str | None) -> str:
        return sep.join(v for v in values if v)

    logged: dict[str, list[str]] = {}
    for e in sorted(read(export, "pacs_log.csv"), key=lambda e: e["Logged At"]):
        logged.setdefault(e["Calling AE"], []).append(" ".join(v for v in (
            e["Logged At"], e["Level"], e["Message"], e["Acknowledged"]) if v))
    for a in read(export, "register.txt"):
        node = f"AE {a['AE Title']} @ {a['IP Address']}" if a["AE Title"] else ""
        pkg["assets"].append({
            "asset_number": a["Asset No"], "serial_number": anon(a["Serial No"]), "owner": anon(a["Superintendent"]),
            "contact_phone": anon(a["Ext/Bleep"]), "responsible_engineer": anon(a["Link FSE"]),
            "notes": anon(joined(" | ", a["Notes"], a["RPS"] and f"RPS: {a['RPS']}", node,
                                 " || ".join(logged.get(a["AE Title"], [])))),
            "last_modified_by": anon(a["Updated By"])})
        pkg["sites"].append({"name": anon(a["Site"])})
        pkg["locations"].append({"name": anon(a["Room"]), "department": anon(a["Section"])})
        pkg["manufacturers"].append({"name": anon(a["Manufacturer"])})
        pkg["device_models"].append({"name": anon(a["Model"]), "device_type": anon(a["Equipment"])})
    for t in read(export, "service_reports.csv"):
        pkg["jobs"].append({
            "job_number": t["Report No"],
            "fault_description": anon(joined(" | Datix: ", t["Fault Description"], t["Datix Ref"])),
            "outcome": anon(joined("\n", t["Work Carried Out"], t["Updates"], t["Sign-off"])),
            "engineer": anon(t["FSE"]), "requested_by": anon(t["Logged By"]), "requester_phone": anon(t["Contact No"])})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev10", argv)


if __name__ == "__main__":
    sys.exit(main())
