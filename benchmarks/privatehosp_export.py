"""A twelfth, independent export generator for `leakage.py`: an independent-sector hospital group's clinical
engineering CMMS on Microsoft SQL Server (acute sites with theatres and day surgery, a private birth suite, an
oncology day unit, an imaging centre, a physiotherapy clinic; consultants in private practice with their own
secretaries; insured, self-pay and NHS-funded patients), exported by its DBA with SQL Server Management Studio's
"Generate Scripts" (schema and data) as ONE file.

    .venv/bin/python benchmarks/privatehosp_export.py OUT_DIR [--split dev13|fresh11] [--rows 300] [--seed 11]

`cmms_script.sql` is what SSMS writes (`privatehosp_tsql.py`): UTF-16 LE with a BOM and CR LF line ends, `GO`
batches, `/****** Object: ... ******/` headers, `SET ANSI_NULLS ON`, `CREATE TABLE [dbo].[X]( [Col] [nvarchar](200)
NULL, ...) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]` with identity, bit, tinyint, bigint, decimal, date, datetime,
datetime2, uniqueidentifier (ROWGUIDCOL), varbinary, sysname, a computed column and a rowversion column (both left
out of the INSERTs); `SET IDENTITY_INSERT [dbo].[X] ON`, one `INSERT [dbo].[X] ([Id], ...) VALUES (1, N'...',
CAST(N'2021-03-04T10:12:00.000' AS DateTime), NULL, 1, CAST(12.50 AS Decimal(10, 2)))` per row followed by `GO`
(SSMS 18 and later), N'' strings with doubled quotes and CR LF (or a web form's LF) inside, varchar as '', hex
password hashes; a view, indexes, defaults, foreign keys, a check, an audit trigger whose `INSERT ... SELECT` stores
no row and an extended property after the data. dev13 scripted the tables of a SQL Server 2019 database; fresh11
the database itself too (CREATE DATABASE, ALTER DATABASE settings, a Windows login's user, an `[audit]` schema
holding the audit table). Tables: Assets, AuditTrail, Companies (makers and suppliers with their field engineer),
Contracts, Departments, Incidents, Models, PatientLoans (patients going home with a TENS unit, CPM machine, cold
compression unit, ambulatory pump, breast pump or CPAP, their details typed by the loans desk), Rooms, Sites,
Staff, SystemSettings, Users, WorkOrderNotes, WorkOrders. The mapping's two queries (`privatehosp_mapping.py`)
fold loans, incidents and the audit trail into the asset's notes and the job's notes into its outcome.

Free text as theatre and ward staff, midwives, chemotherapy nurses, radiographers, physiotherapists, consultants'
secretaries and engineers type it (`privatehosp_text.py`, `privatehosp_notes.py`): patients as "Mrs J Okafor",
"PRICE, Daniel", a first name, "baby of Okafor"; relatives by relation word; consultants by title (surgeons Mr and
Miss, physicians Dr) with GMC numbers, nurses with NMC PINs, scientists and therapists with HCPC numbers,
secretaries with practice e-mails, makers' field engineers with mobiles; the group's patient numbers, insurers'
membership numbers (a new kind, `insurance_no`), NHS numbers for NHS-funded patients, dates of birth, homes with
house names, postcodes, mobiles and landlines, work and home e-mails, Windows logins; pasted Outlook e-mails and
phone messages. People from hand-made British, Indian, Filipino, Gulf, Cypriot, Egyptian, Zimbabwean, Japanese
(dev13) or British, Gujarati, Mirpuri, Keralan, Kenyan, Cantonese, Kurdish (fresh11) pools and Faker locales
(`privatehosp_vocab.py`). Kept: sites, buildings, units and rooms named after people (The Florence Nightingale
Suite, Hartley Wing, Princess Adelaide Hospital, The Harvey Consulting Room, Brontë Wing, Percival Pott Oncology
Day Unit, The Guttmann Gym), makers and models with people's names in them (Welch Allyn, Karl Storz, Bair Hugger,
Little Sister), insurers (Bupa, AXA Health), serials, asset tags, parts, standards, test kit, purchase orders,
job, contract and incident numbers, MHRA references, extensions, bleeps, makers' lines, role mailboxes, dates,
towns, eponyms (Guedel airway, Pinard, Lloyd Davies stirrups, Allen key).

"dev13" may be read while tuning; "fresh11" is held out (aggregates only) and shares no given name, surname, site,
ward, room, template phrase, role or relation word with dev13. Writes OUT_DIR/data/cmms_script.sql,
OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s truth format (`file` the script's table, `row`
its key, `column` the table's column).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import generator_main
from export_common import dump_query, joined
from privatehosp_assets import assets
from privatehosp_jobs import jobs
from privatehosp_mapping import ASSETS_QUERY, JOBS_QUERY, MAPPING
from privatehosp_tables import END, Group, reference_tables, relatives
from privatehosp_tsql import script

SPLITS = ("dev13", "fresh11")
DATABASES = {"dev13": "HartleyCE_CMMS", "fresh11": "PIH_MedEng"}
SCRIPT = "cmms_script.sql"


def generate(out: Path, split: str = "dev13", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Group(split, rows, seed)
    reference_tables(b)
    relatives(b)
    assets(b)
    jobs(b)
    stamp = END.replace(day=1, month=12, hour=9) + dt.timedelta(days=b.rng.randrange(2, 9),
                                                                seconds=b.rng.randrange(7200))
    text = script(b.t, split, DATABASES[split], stamp)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / SCRIPT).write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"Assets": rows, "WorkOrders": rows * 3}, "entries": b.w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`): the script read by intake's reader (the
    baseline sees what intake sees), the mapping's two queries run on it in DuckDB, laid out as the package's
    entities."""
    query = dump_query(export / "data" / SCRIPT)
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "suppliers", "device_models")}
    for a in query(ASSETS_QUERY):
        pkg["assets"].append({
            "asset_number": a["AssetTag"], "serial_number": anon(a["SerialNo"]), "owner": anon(a["owner_name"]),
            "responsible_engineer": anon(a["engineer_name"]), "contact_phone": anon(a["owner_phone"]),
            "notes": anon(joined(" | ", a["Notes"], a["bought_on"], a["contract"], a["loans"], a["incidents"],
                                 a["history"])),
            "last_modified_by": anon(a["LastModifiedBy"])})
        pkg["sites"].append({"name": anon(a["site_name"])})
        pkg["locations"].append({"building": anon(a["building"]), "department": anon(a["department"]),
                                 "room": anon(a["room"]), "name": anon(joined(", ", a["department"], a["room"]))})
        pkg["manufacturers"].append({"name": anon(a["maker"])})
        pkg["suppliers"].append({"name": anon(a["supplier"])})
        pkg["device_models"].append({"name": anon(a["model"]), "device_type": anon(a["device_type"])})
    for w in query(JOBS_QUERY):
        pkg["jobs"].append({
            "job_number": w["WONumber"], "fault_description": anon(w["fault"]), "outcome": anon(w["work_done"]),
            "engineer": anon(w["engineer_name"]), "requested_by": anon(w["RaisedBy"]),
            "requester_phone": anon(w["ContactNo"])})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev13", argv)


if __name__ == "__main__":
    sys.exit(main())
