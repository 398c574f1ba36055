"""An eleventh, independent export generator for `leakage.py`: a children's hospital's clinical-engineering /
medical-devices library system (the library lends pumps, home ventilators, suction units, apnoea monitors,
oximeters and nebulisers to families for children at home; NICU and ward kit stays in), exported by its PostgreSQL
database administrator as ONE `pg_dump` plain-format file.

    .venv/bin/python benchmarks/paeds_export.py OUT_DIR [--split dev12|fresh10] [--rows 300] [--seed 11]

`paeds_dump.sql` is what `pg_dump` 15/16 writes (`paeds_pgdump.py`, `paeds_schema.py`): header comments, `SET` lines,
`SELECT pg_catalog.set_config('search_path', '', false);`, pg_dump 16.10's `\\restrict` / `\\unrestrict` key
(dev12) or pgAdmin's `--verbose` TOC comments (fresh10); an `audit` schema, an extension, an enum type, trigger
functions with dollar-quoted bodies (one holding an `INSERT INTO`); `CREATE TABLE public.x` with text, varchar(n),
integer, smallint, numeric(10,2), date, timestamp with time zone, boolean, jsonb, text[], bytea and inet columns, a
`CHECK`, a quoted keyword column (`"position"`), `OWNER TO`, serial sequences `OWNED BY` and an identity column;
the data as `COPY public.x (cols) FROM stdin;` blocks ended by `\\.`, in COPY's text escaping (notes with `\\t`,
`\\n` and `\\r\\n`, a UNC path's `\\\\`, `\\N` for NULL), rows in storage order (updated rows last), jsonb as
PostgreSQL prints it, Europe/London time stamps (+00 / +01); then `setval`s, keys, indexes, triggers, foreign keys
and grants. Tables: app_users, attachments (empty), audit.logged_actions (the audit trigger's rows, the device's
id inside a jsonb), carers, device_models, devices, job_actions (parts as jsonb), jobs, loan_calls, loans,
locations, organisations (makers, suppliers, charities), patients (the children), settings, sites, staff. The
mapping's two queries (`paeds_mapping.py`) fold each loan (the child, the family, the calls) and the audit history
into the device's notes and a job's actions into its outcome.

Free text as community nurses, ward staff, the library desk and engineers type it, families' phone calls written
down as they come (`paeds_text.py`); children, parents, grandparents, foster carers, social workers and staff from
British, Irish, Polish, Romanian, Lithuanian, Portuguese (Faker), Somali, Pakistani, Bangladeshi, Nigerian,
Ghanaian, Caribbean, Chinese and Vietnamese pools (`paeds_vocab.py`), families' surnames often not the child's;
NHS numbers, the trust's hospital numbers, dates of birth, home addresses and postcodes, mobiles and landlines,
home and NHSmail e-mails, logins, ESR numbers, safeguarding notes ("do not discuss with father"). Kept: sites,
wards and houses named after people, animals and themes (Edith Cavell Ward, Squirrel Ward, Ronald McDonald House
Preston, Mary Seacole Ward, Zoe's Place), schools, charities named after people (Max's Fund, The Lewis
Foundation), makers (Fisher & Paykel, Graseby), models, parts, serials, asset tags, job titles, towns, eponyms,
extensions, bleeps, makers' lines, role mailboxes, dates, job and incident references.

"dev12" may be read while tuning; "fresh10" is held out (aggregates only). Writes OUT_DIR/data/paeds_dump.sql,
OUT_DIR/mapping.yaml and OUT_DIR/truth.json in `clinical_export.py`'s truth format (`file` the dump's table,
`row` its id, `column` the table's column or the query's).
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
from paeds_devices import devices
from paeds_jobs import jobs
from paeds_mapping import DEVICES_QUERY, JOBS_QUERY, MAPPING
from paeds_pgdump import dump
from paeds_tables import END, Library, families, reference_tables

SPLITS = ("dev12", "fresh10")


def _storage_order(b: Library) -> None:
    """Rows as a heap returns them: a share of devices and jobs, updated after they were written, come last."""
    for name in ("devices", "jobs", "patients"):
        rows = b.t[name]
        moved = [r for r in rows if b.rng.random() < 0.15]
        ids = {id(r) for r in moved}
        b.t[name] = [r for r in rows if id(r) not in ids] + moved


def generate(out: Path, split: str = "dev12", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Library(split, rows, seed)
    reference_tables(b)
    families(b)
    devices(b)
    jobs(b)
    b.t["attachments"] = []
    _storage_order(b)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    finished = END + dt.timedelta(days=4, hours=2, minutes=b.rng.randrange(50))
    text = dump(b.t, split, finished, lambda: "".join(b.rng.choice(alphabet) for _ in range(64)))
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "paeds_dump.sql").write_bytes(text.encode("utf-8"))
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    truth = {"split": split, "seed": seed, "rows": {"devices": rows, "jobs": rows * 3}, "entries": b.w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`): the dump read by intake's reader (the
    baseline sees what intake sees), the mapping's two queries run on it in DuckDB, laid out as the package's
    entities."""
    query = dump_query(export / "data" / "paeds_dump.sql")

    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "suppliers", "device_models")}
    for a in query(DEVICES_QUERY):
        pkg["assets"].append({
            "asset_number": a["asset_tag"], "serial_number": anon(a["serial_number"]), "owner": anon(a["keeper"]),
            "responsible_engineer": anon(a["link_engineer"]), "contact_phone": anon(a["keeper_mobile"]),
            "notes": anon(joined(" | ", a["notes"], a["funder"], a["loan_history"], a["history"])),
            "last_modified_by": anon(a["updated_by"])})
        pkg["sites"].append({"name": anon(a["site_name"])})
        pkg["locations"].append({"building": anon(a["building"]), "department": anon(a["area"]),
                                 "room": anon(a["room"]), "name": anon(joined(", ", a["area"], a["room"]))})
        pkg["manufacturers"].append({"name": anon(a["maker"])})
        pkg["suppliers"].append({"name": anon(a["supplier"])})
        pkg["device_models"].append({"name": anon(a["model"]), "device_type": anon(a["device_type"])})
    for w in query(JOBS_QUERY):
        pkg["jobs"].append({
            "job_number": w["job_no"], "fault_description": anon(w["fault"]), "outcome": anon(w["work_done"]),
            "engineer": anon(w["engineer_name"]), "requested_by": anon(w["reported_by"]),
            "requester_phone": anon(w["reporter_contact"])})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev12", argv)


if __name__ == "__main__":
    sys.exit(main())
