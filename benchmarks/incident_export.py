"""A fourteenth, independent export generator for `leakage.py`: an acute NHS trust's medical-device incident and
field safety notice export, as its Medical Devices Safety Officer hands it over for migration: the incidents from a
web-based incident-management system as CSV, and the field safety notice action tracker kept in Excel; one
hand-written mapping reads both (the tracker's devices become assets, the incidents jobs on them, their reporters
contacts with their job titles).

    .venv/bin/python benchmarks/incident_export.py OUT_DIR [--split dev15|fresh13] [--rows 300] [--seed 11]

`incidents.csv` (UTF-8 without a BOM, commas, CR LF records, quoted multi-line cells; `incident_files.py`): incident
ID, reported date and time, incident date, ward, specialty, category, reporter, their job title and contact
(extension, bleep, mobile or e-mail), handler, device type, maker, model, serial, asset tag, lot, GS1 UDI, severity,
the narratives as the web form's rich text stores them (HTML: `<p>`, `<br />`, `<strong>`, `<ul><li>`, Word-pasted
spans, `&amp;`, `&nbsp;`, and in cells saved by the older editor `&#39;` and `&quot;`, a title split from its name by
a tag): the reporter's description and immediate action in the first person (some reporters type in capitals, some
in lower case), the handler's investigation findings in the third person with duty of candour notes; the MHRA
reference, Yellow Card and duty of candour flags, closed date and the last editor's login. `fsn_tracker.xlsx`
(openpyxl, banner rows above the header): one row per notice and affected asset, the notice's issue and action, the
wards' typed acknowledgements ("ack'd by Sr ... 03/05", "spoke to nurse in charge (...) ext 4471"), who completed it
(engineers, makers' field engineers) and the engineers' terse comments.

Personal: reporters, nurses, healthcare assistants, matrons and sisters by role word and name ("SN ...", "Matron
...", "HCA Bev"), doctors with their grade ("Dr. A. ... (ST4)"), nicknames, initials as sign-offs, handlers, EBME
engineers, makers' field engineers with their mobiles and e-mails, patients by title with ages, dates of birth,
hospital numbers with and without the trust's prefix ("RN", "MRN", "Hosp no", "K-number"), NHS numbers spaced or
run together, relatives by relation ("her daughter ...", "son-in-law ..."), their mobiles, landlines, e-mails and
homes in duty of candour notes, staff's nhs.net and trust e-mails, logins (British, Irish, Polish, Nigerian,
Indian, Pakistani, Filipino, Zimbabwean, Chinese, Portuguese and Afrikaans pools, names with particles and
apostrophes, double-barrelled surnames, names that are English words, and Faker's en_GB, en_IE, ga_IE, pl_PL, yo_NG,
ig_NG, en_IN, en_PK and pt_PT). Kept: incident IDs, MHRA references, FSN references, lots, UDIs, asset tags,
serials, makers and models (BD Alaris GP, B. Braun Infusomat Space, Dräger Evita V500, Hamilton Medical, Welch
Allyn, ZOLL R Series...), device types, wards and units named after people (Elgar Ward, Jex-Blake Ward, Sister Dora
Ward, Elizabeth Fry Ward, Julian Ward, Margery Kempe Unit), sites, committees, job titles, severity grades, dates
and times, rates, doses and observations, software versions, error codes, extensions, bleeps, role mailboxes,
makers' service lines and towns.

"dev15" may be read while tuning; "fresh13" is held out (aggregates only) and shares no given name, surname, site,
ward or unit, template phrase, role or relation word, or reporter writing layout with dev15. Writes
OUT_DIR/data/incidents.csv, OUT_DIR/data/fsn_tracker.xlsx, OUT_DIR/mapping.yaml and OUT_DIR/truth.json in
`clinical_export.py`'s truth format (`file` is "incidents.csv" or "fsn_tracker.xlsx:FSN tracker", `row` the CSV
record counting the header as 1 or the sheet row).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinical_export import generator_main
from export_common import joined
from incident_files import MAPPING, NULLS, header_row, read_tables, write_csv, write_workbook
from incident_fleet import TRACKER, WORKBOOK
from incident_rows import INCIDENTS, Builder

SPLITS = ("dev15", "fresh13")


def sizes(rows: int) -> dict[str, int]:
    """Rows of each table for `rows` assets (jobs: 3x): every asset in the tracker, three incidents an asset."""
    return {TRACKER: rows, INCIDENTS: 3 * rows}


def generate(out: Path, split: str = "dev15", rows: int = 300, seed: int = 11) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    b = Builder(split, rows, seed)
    n = sizes(rows)
    b.fleet.make_assets(n[TRACKER])
    b.fleet.tracker(header_row(split))
    b.incident_rows(n[INCIDENTS])
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    write_csv(data / INCIDENTS, b.incidents)
    banners = write_workbook(data / WORKBOOK, split, b.fleet.rows)
    (out / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    counts = {f"{WORKBOOK}:{TRACKER}": len(b.fleet.rows), INCIDENTS: len(b.incidents)}
    truth = {"split": split, "seed": seed, "rows": counts, "banner_rows": banners, "entries": b.w.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def raw_package(export: Path, anon: Any) -> dict[str, list[dict[str, str]]]:
    """The raw mapped cells through `anon` (plain Presidio in `leakage.py`): the files read by intake's connectors
    (the baseline sees what intake sees), laid out as the mapping lays them out."""
    tables = read_tables(export)
    nulls = {v.lower() for v in NULLS}
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models", "contacts")}

    def v(r: dict[str, str], column: str) -> str:
        value = r.get(column, "").strip()
        return "" if value.lower() in nulls else value

    def both(r: dict[str, str], sep: str, *columns: str) -> str:
        return anon(joined(sep, *(v(r, c) for c in columns)))

    for r in tables[TRACKER]:
        pkg["assets"].append({"asset_number": v(r, "Asset tag").upper(), "serial_number": anon(v(r, "Serial no.")),
                              "responsible_engineer": anon(v(r, "Completed by")),
                              "notes": both(r, " | ", "FSN ref", "Issue", "Action required", "Ward acknowledgement",
                                            "Comments")})
        pkg["sites"].append({"name": anon(v(r, "Site"))})
        pkg["locations"].append({"ward": anon(v(r, "Location")), "name": anon(v(r, "Location"))})
        pkg["manufacturers"].append({"name": anon(v(r, "Manufacturer"))})
        pkg["device_models"].append({"name": anon(v(r, "Model")), "device_type": anon(v(r, "Device"))})
    for r in tables["incidents"]:
        pkg["jobs"].append({"job_number": v(r, "Incident ID"),
                            "fault_description": both(r, " | ", "Location", "Device type", "Description",
                                                      "Immediate action taken"),
                            "outcome": both(r, " | ", "Investigation findings", "Severity", "MHRA reference",
                                            "Lot / batch", "UDI", "Last modified by"),
                            "engineer": anon(v(r, "Handler")),
                            "requested_by": anon(v(r, "Reporter")),
                            "requester_phone": anon(v(r, "Reporter contact"))})
        pkg["contacts"].append({"name": anon(v(r, "Reporter")), "job_title": anon(v(r, "Reporter job title"))})
    return pkg


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__, SPLITS, "dev15", argv)


if __name__ == "__main__":
    sys.exit(main())
