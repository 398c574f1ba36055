"""Schema-aware anonymisation through the real migration flow, on an export and a mapping written by hand
(a layout the project's generators never produce): person fields anonymised whole, reference fields kept,
and a name caught in one place caught everywhere in the package, in any spelling."""

from __future__ import annotations

import csv
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

from intake.context import Context
from intake.errors import PermissionDenied
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.registry.audit_tables import AuditEvent
from intake.review import decide, review
from intake.vault import Vault
from tests.flows.packages import package_tables

pytestmark = pytest.mark.usefixtures("flows_as")

MAPPING = """\
format: intake-mapping/1
system: hand-written
title: Hand-written mapping of a small EBME export
lookups:
  condition: {"Good": in_service, "Fair": in_service, "Poor": under_repair, "Scrap": condemned}
tables:
  - table: equipment
    source_key: Equip No
    outputs:
      - entity: sites
        derive: {key: [Site], match: exact}
        fields: {name: Site}
      - entity: locations
        derive: {key: [{ref: sites}, Ward], match: exact}
        fields: {site_id: {ref: sites}, ward: Ward, name: Ward}
      - entity: manufacturers
        derive: {key: [Make], match: exact}
        fields: {name: Make}
      - entity: device_models
        derive: {key: [{ref: manufacturers}, Model], match: exact}
        fields: {manufacturer_id: {ref: manufacturers}, name: Model, device_type: Description}
      - entity: assets
        id: Equip No
        fields:
          asset_number: Equip No
          model_id: {ref: device_models}
          location_id: {ref: locations}
          owner: Responsible Officer
          status: {from: Condition, lookup: condition}
          notes: Comments
  - table: workorders
    source_key: WO Number
    outputs:
      - entity: jobs
        id: WO Number
        fields:
          job_number: WO Number
          asset_id: {id: assets, from: Equip No}
          job_type: {value: repair}
          raised_at: {from: Date Logged, convert: [{datetime: [uk]}]}
          fault_description: Fault Reported
          outcome: Work Done
          engineer: Engineer
          requested_by: Logged By
"""

# Places and equipment named after people or towns: reference data, to be delivered as written.
WARDS = ["Nightingale Ward", "Seacole Unit", "Florence Ward", "Churchill Ward"]
SITES = ["Churchill Hospital", "Royal Victoria Infirmary"]
MAKERS = [("Hamilton Medical", "Hamilton C6", "Ventilator"), ("Baxter", "Sigma Spectrum", "Infusion Pump"),
          ("Welch Allyn", "Connex 6000", "Vital Signs Monitor")]
# Codes read through a lookup: words that are also surnames, so a guess from the values alone calls them names.
CONDITIONS = ["Good", "Fair", "Poor", "Good", "Scrap"]
# People: in person fields, and written in other ways in the free text of other rows and tables.
LOGGERS = ["Oluwaseun Adebayo-Smith", "Agnieszka Kowalczyk", "Siobhán Ní Bhriain"]
ENGINEERS = ["Tomasz Wiśniewski", "Priyanka Raghunathan"]
OFFICERS = ["Kowalczyk, Agnieszka", "Bay 5", "Matron Ebere Okonkwo-Eze"]
FAULTS = [
    "alarm fault reported by oluwaseun adebayo-smith, checked on {ward}",
    "ADEBAYO-SMITH O says screen cracked on {ward}",
    "pump left on {ward} by a kowalczyk, needs PPM",
    "spoke to siobhan ni bhriain re battery, {ward} ext 4412",
    "Per Ebere Okonkwo-Eze: unit dropped, {ward}",
    "Wisniewski T to recheck occlusion alarm",
    "Mrs Quorra Vantablack (daughter) rang about the loan pump on {ward}",
    "loan pump kept for quorra vantablack",  # no cue the detectors take: only propagation finds it
    "battery swapped, pump ok per zorblax quennell",
]
# Every one of them in person fields but the last, whose full name only the free text of another row gives.
PLANTED = ["Adebayo-Smith", "Kowalczyk", "Bhriain", "Okonkwo-Eze", "Wisniewski", "Wiśniewski", "Raghunathan",
           "Vantablack"]


def write_export(folder: Path) -> list[Path]:
    assets, jobs = folder / "equipment.csv", folder / "workorders.csv"
    with assets.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Equip No", "Make", "Model", "Description", "Site", "Ward", "Responsible Officer",
                         "Condition", "Comments"])
        for n in range(24):
            make, model, kind = MAKERS[n % len(MAKERS)]
            writer.writerow([f"E{n:05d}", make, model, kind, SITES[n % 2], WARDS[n % len(WARDS)],
                             OFFICERS[n % len(OFFICERS)], CONDITIONS[n % len(CONDITIONS)],
                             f"Moved to {WARDS[(n + 1) % len(WARDS)]} in May"])
    with jobs.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["WO Number", "Equip No", "Date Logged", "Logged By", "Engineer", "Fault Reported",
                         "Work Done"])
        for n in range(36):
            ward = WARDS[n % len(WARDS)]
            writer.writerow([f"WO{n:06d}", f"E{n % 24:05d}", f"{1 + n % 28:02d}/03/2025 09:{n % 60:02d}",
                             LOGGERS[n % len(LOGGERS)], ENGINEERS[n % len(ENGINEERS)],
                             FAULTS[n % len(FAULTS)].format(ward=ward), f"Tested OK, returned to {ward}"])
    return [assets, jobs]


def package_cells(engineer: Context, dataset_id: str, location: str) -> dict[str, list[dict[str, object]]]:
    return {name: table.to_pylist() for name, table in package_tables(engineer, dataset_id, location).items()}


def test_mapping_roles_keep_places_and_anonymise_people_everywhere(ctx, as_user, authorise, tmp_path: Path) -> None:
    files = write_export(tmp_path)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    reference = authorise(files)
    dataset_id = receive_dataset_flow(authorisation=reference, files=[str(f) for f in files],
                                      actor="eve")["dataset_id"]
    summary = migration_run_flow(dataset_id=dataset_id, mapping=str(mapping), actor="eve", chunk_rows=10)

    tables = package_cells(as_user("eve"), dataset_id, summary["package"])
    assert summary["rows_rejected"] == 0 and summary["balanced"]
    assert summary["names_propagated"] > 0  # "quorra vantablack": no list knows it; a title gave it away once
    # Reference fields: delivered as written, never pseudonymised by a guess.
    assert sorted(r["name"] for r in tables["sites"]) == sorted(SITES)
    assert sorted(r["ward"] for r in tables["locations"]) == sorted(WARDS)
    assert sorted(r["name"] for r in tables["manufacturers"]) == sorted(m for m, _, _ in MAKERS)
    assert sorted(r["name"] for r in tables["device_models"]) == sorted(m for _, m, _ in MAKERS)
    # A column read only through a lookup reaches the lookup as written: every asset has its product status.
    assert len(tables["assets"]) == 24
    assert {r["status"] for r in tables["assets"]} == {"in_service", "under_repair", "condemned"}
    # Person fields: every value replaced whole, whatever it looks like ("Bay 5" is still somebody's entry).
    for entity, field in (("assets", "owner"), ("jobs", "engineer"), ("jobs", "requested_by")):
        values = [r[field] for r in tables[entity]]
        assert values and all(str(v).startswith("PERSON_") for v in values), (entity, field)
    # Free text: names written in person fields are found in other spellings, other rows and other tables; the
    # wards named after people stay readable, and so does the internal extension.
    text = json.dumps(tables, default=str, ensure_ascii=False).lower()
    for name in PLANTED:
        assert name.lower() not in text, name
    faults = [r["fault_description"] for r in tables["jobs"]]
    assert any("Nightingale Ward" in f for f in faults)
    assert {r["notes"] for r in tables["assets"]} == {f"Moved to {ward} in May" for ward in WARDS}

    # The findings report names each mapped column's role and the fields it feeds.
    vault = Vault.from_context(ctx)
    report = json.loads(vault.read_bytes(summary["reports"]["findings_json"], actor=ctx.actor()))
    columns = {(t["table"].split("/")[-1], c["column"]): c for t in report["tables"] for c in t["columns"]}
    assert columns[("workorders", "Logged By")]["role"] == "person"
    assert columns[("workorders", "Fault Reported")]["role"] == "free_text"
    assert columns[("equipment", "Ward")]["role"] == "reference"
    assert {"locations.ward", "locations.name"} <= set(columns[("equipment", "Ward")]["fields"])
    assert columns[("equipment", "Condition")]["classification"] == "not_personal"

    # The residual statement comes from a detector that did not anonymise: counts and shapes only.
    assert summary["residual_estimate"]["sampled"] > 0
    residual = vault.read_bytes(summary["reports"]["residual_md"], actor=ctx.actor()).decode()
    assert "independent check" in residual and "Vantablack" not in residual
    # An internal extension is no one's personal data: kept in the free text.
    assert any("ext 4412" in f for f in faults)


def test_review_shows_counts_to_engineers_values_to_the_dpo_and_decisions_apply_next_run(
        ctx, as_user, authorise, clock, tmp_path: Path) -> None:
    files = write_export(tmp_path)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    dataset_id = receive_dataset_flow(authorisation=authorise(files), files=[str(f) for f in files],
                                      actor="eve")["dataset_id"]
    first = migration_run_flow(dataset_id=dataset_id, mapping=str(mapping), actor="eve", chunk_rows=10)
    eve, dora = as_user("eve"), as_user("dora")

    seen = review(eve, dataset_id)
    assert "values" not in seen and seen["proposals"]["person_field_names"] >= len(LOGGERS) + len(ENGINEERS)
    assert {c["role"] for c in seen["columns"]} >= {"person", "reference", "free_text"}
    with pytest.raises(PermissionDenied):
        review(eve, dataset_id, show_values=True)  # raw values are the DPO's to see
    values = review(dora, dataset_id, show_values=True)["values"]
    assert "Bay 5" not in values["person_field_names"] and "Oluwaseun Adebayo-Smith" in values["person_field_names"]
    assert "Quorra Vantablack" in values["names_found_in_free_text"]

    # A name only a reviewer recognised ("zorblax quennell", in one fault text), and a person-field entry that is
    # no one's name after all: the next run applies both.
    decide(eve, dataset_id, allow=["Agnieszka Kowalczyk"], deny=["Zorblax Quennell"])
    clock.advance(timedelta(minutes=5))  # the review reads the latest run's file
    second = migration_run_flow(dataset_id=dataset_id, mapping=str(mapping), actor="eve", chunk_rows=10)
    assert "quennell" not in json.dumps(package_cells(eve, dataset_id, second["package"]), default=str).lower()
    names = review(dora, dataset_id, show_values=True)["values"]["person_field_names"]
    assert "Zorblax Quennell" in names and "Agnieszka Kowalczyk" not in names
    assert first["package"] != second["package"]
    with ctx.registry.session() as session:
        actions = [e.action for e in session.query(AuditEvent).filter_by(dataset_id=dataset_id)]
    assert "migration.review" in actions and "migration.review.decide" in actions


# A table only a query reads: each scope's decontamination cycles, folded into its asset's notes. The patient's
# number alone in its cell, with no label, is caught in the notes because its column said whose it is. The query
# table has the name of the table it reads, with columns of its own ("Maker", "Custodian"): the roles are the
# query's, not the input's.
QUERY_MAPPING = """\
format: intake-mapping/1
system: hand-written
title: Scopes with their tracking folded into the notes
tables:
  - table: scopes
    query: |
      SELECT s."Scope No", s.Make AS Maker, s.Model, s.Comments, t.tracked, t.checker AS Custodian
      FROM scopes s LEFT JOIN (
        SELECT "Scope No" AS scope, max("Checked by") AS checker,
               string_agg(concat_ws(' ', "Date", "Patient", "Checked by"), ' || ' ORDER BY "Date") AS tracked
        FROM tracking GROUP BY "Scope No") t ON t.scope = s."Scope No"
    source_key: Scope No
    outputs:
      - entity: manufacturers
        derive: {key: [Maker], match: exact}
        fields: {name: Maker}
      - entity: device_models
        derive: {key: [{ref: manufacturers}, Model], match: exact}
        fields: {manufacturer_id: {ref: manufacturers}, name: Model, device_type: {value: Endoscope}}
      - entity: assets
        id: Scope No
        fields:
          asset_number: Scope No
          model_id: {ref: device_models}
          status: {value: in_service}
          owner: Custodian
          notes: {from: [Comments, tracked], join: " | "}
"""
PATIENTS = ["M4412087", "8130562", "Quorra Vantablack / M5521903", "K770214-3"]
CHECKERS = ["Zorblax Quennell", "Ebere Okonkwo-Eze"]


def test_a_patient_column_only_a_query_reads_is_personal_wherever_the_query_copies_it(
        ctx, as_user, authorise, tmp_path: Path) -> None:
    scopes, tracking = tmp_path / "scopes.csv", tmp_path / "tracking.csv"
    with scopes.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Scope No", "Make", "Model", "Comments"])
        for n in range(12):
            writer.writerow([f"S{n:04d}", "Olympus", "GIF-H290", "leak tested weekly, bleep 4471"])
    with tracking.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Scope No", "Date", "Patient", "Checked by"])
        for n in range(40):
            writer.writerow([f"S{n % 12:04d}", f"2025-03-{1 + n % 28:02d}",
                             PATIENTS[n % len(PATIENTS)] if n % 5 else f"M{6600000 + n}", CHECKERS[n % 2]])
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(QUERY_MAPPING, encoding="utf-8")
    files = [scopes, tracking]
    dataset_id = receive_dataset_flow(authorisation=authorise(files), files=[str(f) for f in files],
                                      actor="eve")["dataset_id"]
    summary = migration_run_flow(dataset_id=dataset_id, mapping=str(mapping), actor="eve", chunk_rows=5)
    notes = [r["notes"] for r in package_cells(as_user("eve"), dataset_id, summary["package"])["assets"]]
    assert summary["balanced"] and len(notes) == 12
    text = "\n".join(notes)
    planted = {*PATIENTS, *(f"M{6600000 + n}" for n in range(0, 40, 5)), "Vantablack", "Quennell", "Okonkwo-Eze"}
    assert not [value for value in planted if value.lower() in text.lower()]
    assert text.count("MRN_") >= 12 and "2025-03-" in text  # each cycle's patient replaced, its date kept
    assert all(n.startswith("leak tested weekly, bleep 4471 | ") for n in notes)


# A table of organisations only a query reads (makers, suppliers, charities), joined into the assets' notes: its
# own names and service lines are the organisations', not people's, and stay as written wherever copied; its
# contacts are people, caught wherever the query copied them.
ORGS_MAPPING = """\
format: intake-mapping/1
system: hand-written
title: Devices with their funder and maker folded into the notes
tables:
  - table: devices
    query: |
      SELECT d.tag, d.comments, 'funded by ' || f.name AS funder, m.name AS maker,
             'call ' || m.contact_name || ' on ' || m.phone AS service
      FROM devices d LEFT JOIN organisations f ON f.id = d.funder_id LEFT JOIN organisations m ON m.id = d.maker_id
    source_key: tag
    outputs:
      - entity: assets
        id: tag
        fields:
          asset_number: tag
          status: {value: in_service}
          notes: {from: [comments, funder, service], join: " | "}
"""
ORGS = [("1", "Rays of Sunshine", "", ""), ("2", "Max's Fund", "", ""), ("3", "Natus", "Zorblax Quennell",
        "0800 028 8280"), ("4", "Vyaire", "Quorra Vantablack", "01480 460780")]


def test_a_table_of_organisations_only_a_query_reads_keeps_their_names_and_lines(
        ctx, as_user, authorise, tmp_path: Path) -> None:
    devices, orgs = tmp_path / "devices.csv", tmp_path / "organisations.csv"
    with orgs.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "contact_name", "phone"])
        writer.writerows(ORGS)
    with devices.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["tag", "comments", "funder_id", "maker_id"])
        for n in range(12):
            writer.writerow([f"D{n:04d}", "bought w/ Rays of Sunshine money, Natus rep (0800 028 8280) fitted it",
                             str(1 + n % 2), str(3 + n % 2)])
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(ORGS_MAPPING, encoding="utf-8")
    files = [devices, orgs]
    dataset_id = receive_dataset_flow(authorisation=authorise(files), files=[str(f) for f in files],
                                      actor="eve")["dataset_id"]
    summary = migration_run_flow(dataset_id=dataset_id, mapping=str(mapping), actor="eve", chunk_rows=5)
    notes = [r["notes"] for r in package_cells(as_user("eve"), dataset_id, summary["package"])["assets"]]
    assert summary["balanced"] and len(notes) == 12
    text = "\n".join(notes)
    assert text.count("bought w/ Rays of Sunshine money, Natus rep (0800 028 8280) fitted it") == 12
    assert text.count("funded by Rays of Sunshine") == 6 and text.count("funded by Max's Fund") == 6
    assert text.count(" on 0800 028 8280") == 6  # the maker's freephone line, beside its contact replaced
    assert not [p for p in ("Zorblax", "Quennell", "Quorra", "Vantablack") if p.lower() in text.lower()]


JOINED_MAPPING = """\
format: intake-mapping/1
system: hand-written
title: Repairs whose outcome joins the sign-off, and loans whose description joins the borrower
tables:
  - table: equipment
    source_key: Equip No
    outputs:
      - entity: locations
        derive: {key: [Ward], match: exact}
        fields: {ward: Ward, name: Ward}
      - entity: assets
        id: Equip No
        fields: {asset_number: Equip No, location_id: {ref: locations}, status: {value: in_service}}
  - table: repairs
    source_key: Job
    outputs:
      - entity: jobs
        id: Job
        fields:
          job_number: Job
          asset_id: {id: assets, from: Equip No}
          job_type: {value: repair}
          raised_at: {from: Logged, convert: [{datetime: [uk]}]}
          fault_description: {from: [Loan Type, Patient / Borrower, Mask, School], join: " - "}
          outcome: {from: [Work Done, Signed Off], join: " | "}
          engineer: Engineer
          requested_by: Raised By
"""
BORROWER_WARDS = ["Garrett Anderson Ward", "Mary Seacole HDU"]
BORROWERS = ["Quentin Marchbanks", "Ottoline Fairweather-Lusk", "Ambrose Pettifer", "Hortensia Blackwood"]
MARKS = ["QX", "ZW", "KD", "PB"]
SIGNING_ENGINEERS = {"Agatha Gorringe": "ag", "Fenella Quist": "fq"}  # who sign their work in lower case
SIGNING_RAISERS = {"Perpetua Yelland": "py", "Dorcas Blenkinsop": "db"}  # who raise the job and sign notes too
JOINED_COLUMNS = ["Job", "Equip No", "Logged", "Loan Type", "Patient / Borrower", "Work Done", "Signed Off", "Engineer",
                  "Raised By", "Mask", "School"]
MASKS = ["Amara View S", "Evora Nasal M-L"]  # "Amara", "Evora": given names too
SCHOOLS = ["Goldthorn Park Primary School", "Blakenall Heath Junior School"]  # a borrowing child's


def _joined_jobs(as_user, authorise, tmp_path: Path, repairs: list[list[str]], chunk_rows: int) -> list[dict]:
    """The delivered jobs of JOINED_MAPPING over twenty pieces of equipment on the borrowing wards and `repairs`
    (rows of JOINED_COLUMNS)."""
    assets, jobs = tmp_path / "equipment.csv", tmp_path / "repairs.csv"
    with assets.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Equip No", "Ward"])
        for n in range(20):
            writer.writerow([f"E{n:05d}", BORROWER_WARDS[n % 2]])
    with jobs.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(JOINED_COLUMNS)
        writer.writerows(repairs)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(JOINED_MAPPING, encoding="utf-8")
    files = [assets, jobs]
    dataset_id = receive_dataset_flow(authorisation=authorise(files), files=[str(f) for f in files],
                                      actor="eve")["dataset_id"]
    summary = migration_run_flow(dataset_id=dataset_id, mapping=str(mapping), actor="eve", chunk_rows=chunk_rows)
    return package_cells(as_user("eve"), dataset_id, summary["package"])["jobs"]


def test_a_joined_sign_off_is_someones_and_a_joined_borrower_ward_stays_a_ward(
        ctx, as_user, authorise, tmp_path: Path) -> None:
    """The mapping joins "Signed Off" into the outcome and "Patient / Borrower" into the description: the field is
    free text, but each joined column is judged by its own values. The sign-off's initials are somebody's, replaced
    there and where the engineer also typed them into the work done, as are the initials of the engineers the
    engineer field names, and of the staff who raised the job, where they sign an entry; the borrower's people are
    replaced, and a ward that borrowed, which the reference fields name, stays the ward; a reading's unit after its
    number stays, though somebody's initials spell it."""
    repairs = []
    for n in range(40):
        mark = MARKS[n % len(MARKS)]
        engineer = list(SIGNING_ENGINEERS)[n % 2]
        raiser = list(SIGNING_RAISERS)[n % 2]
        borrower = BORROWER_WARDS[n % 2] if n % 5 == 0 else BORROWERS[n % len(BORROWERS)]
        work = (f"replaced castor fork, tested ok. {mark}" if n % 2
                else f"replaced battery. {SIGNING_ENGINEERS[engineer]}")
        if n % 4 == 0:
            work += f"\nalarm checked at 2 kHz, 65 dB\nchased parts {SIGNING_RAISERS[raiser]} / ward aware"
        if n % 3 == 0:
            work += f"\nleak - refit to {MASKS[n % 2].lower()} tomorrow"
        if n % 5 == 1:
            work += f"\nreceiver lost at {SCHOOLS[n % 2]}, teacher searching"
        repairs.append([f"J{n:05d}", f"E{n % 20:05d}", f"{1 + n % 28:02d}/03/2025 09:30", "Home loan", borrower, work,
                        mark, engineer, raiser, MASKS[n % 2], SCHOOLS[n % 2]])
    jobs_out = _joined_jobs(as_user, authorise, tmp_path, repairs, chunk_rows=10)

    outcomes = [str(r["outcome"]) for r in jobs_out]
    assert not any(mark in o for o in outcomes for mark in MARKS)
    assert not any(re.search(rf"\b{mark}\b", o) for o in outcomes
                   for mark in (*SIGNING_ENGINEERS.values(), *SIGNING_RAISERS.values()))
    assert all("replaced" in o for o in outcomes)
    assert sum("at 2 kHz, 65 dB\n" in o for o in outcomes) == 10
    # the masks a joined "Mask" column names are products, kept where the notes write them in lower case
    assert sum(f"refit to {m.lower()} tomorrow" in o for o in outcomes for m in MASKS) == 14
    # a child's school, joined into the description, is where the child is: replaced there and in the notes
    cells = " ".join(str(v) for r in jobs_out for v in r.values())
    assert not any(school.split()[0] in cells for school in SCHOOLS)
    assert sum("receiver lost at " in o for o in outcomes) == 8
    faults = " ".join(str(r["fault_description"]) for r in jobs_out)
    assert not any(name.split()[-1] in faults for name in BORROWERS)
    assert all(ward in faults for ward in BORROWER_WARDS)


# A supplier portal's JSON lines: the patient, their address and relatives nested in objects and a list, the
# referring ward too; a query folds them into the asset's notes by their dotted paths.
NESTED_MAPPING = """\
format: intake-mapping/1
system: hand-written
title: A portal's nested installations folded into the notes
tables:
  - table: items
    query: |
      SELECT assetNo,
             'Patient: ' || patient.displayName || ' | Home: ' || patient.address.houseName || ', '
               || patient.address.street || ' | From: ' || location.ward || ' | Notes: ' || notes AS summary
      FROM installations
    source_key: assetNo
    outputs:
      - entity: assets
        id: assetNo
        fields: {asset_number: assetNo, status: {value: in_service}, notes: summary}
"""
HOMES = [("Bryn Awel", "14 Ffordd Glyndwr"), ("Tyddyn Gwyn", "3 Lon Isaf"), ("Glan yr Afon", "105 Rhes Fictoria")]
PORTAL_PATIENTS = ["Mrs Gwenllian Pritchard-Owen", "Mr Iolo ap Dafydd", "Miss Eirlys Thackeray"]
PORTAL_WARDS = ["Ward Aneurin Bevan", "Ward Dewi"]


def test_a_json_exports_nested_patient_is_personal_wherever_a_query_copies_it(
        ctx, as_user, authorise, tmp_path: Path) -> None:
    """Nobody judges a struct or a list as a column: the values inside are judged as the flat columns they are.
    The patient's name and home, written again in the installer's note in another case, are replaced; a relative
    named only in the contacts list is too; the referring ward, named after people, stays a ward. An object named
    like a column of places ("location") is read as the columns inside it, never cast whole to text."""
    portal = tmp_path / "installations.jsonl"
    with portal.open("w", encoding="utf-8") as out:
        for n in range(30):
            house, street = HOMES[n % 3]
            patient = {"displayName": PORTAL_PATIENTS[n % 3], "address": {"houseName": house, "street": street},
                       "contacts": [{"relationship": "son", "name": "Rhodri Quennell-Vantablack"}]}
            note = f"hard to find, {house.lower()} is the farm at the end of the track. keys at quennell-vantablack's"
            out.write(json.dumps({"assetNo": f"OX{n:04d}", "patient": patient,
                                  "location": {"ward": PORTAL_WARDS[n % 2]}, "notes": note}) + "\n")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(NESTED_MAPPING, encoding="utf-8")
    dataset_id = receive_dataset_flow(authorisation=authorise([portal]), files=[str(portal)],
                                      actor="eve")["dataset_id"]
    summary = migration_run_flow(dataset_id=dataset_id, mapping=str(mapping), actor="eve", chunk_rows=10)
    notes = [r["notes"] for r in package_cells(as_user("eve"), dataset_id, summary["package"])["assets"]]
    assert summary["balanced"] and len(notes) == 30
    text = "\n".join(notes).lower()
    planted = [w for p in PORTAL_PATIENTS for w in p.split()[1:]] + [w for h in HOMES for w in h] + ["quennell"]
    assert not [value for value in planted if value.lower() in text]
    assert all(ward.lower() in text for ward in PORTAL_WARDS)


def test_a_field_of_more_people_than_a_team_signs_no_notes(ctx, as_user, authorise, tmp_path: Path) -> None:
    """Who raised a home-oxygen job is the patient: eighty of them, their initials covering pairs of letters that
    name the cylinders ("CD"). Their initials are no marks where an entry ends; a team's would be."""
    firsts = ["Carys", "Dafydd", "Eluned", "Gethin", "Heledd", "Iwan", "Lowri", "Morgan", "Nia", "Owain"]
    lasts = ["Davies", "Pugh", "Rowlands", "Vaughan", "Bevan", "Tudor", "Hopkin", "Gwilym"]
    patients = [f"{f} {last}" for f in firsts for last in lasts]
    repairs = [[f"J{n:05d}", f"E{n % 20:05d}", f"{1 + n % 28:02d}/03/2025 09:30", "Home oxygen", BORROWER_WARDS[n % 2],
                "swapped empties, left 2 x CD", MARKS[n % len(MARKS)], list(SIGNING_ENGINEERS)[n % 2], patient, "",
                ""]
               for n, patient in enumerate(patients)]
    outcomes = [str(r["outcome"]) for r in _joined_jobs(as_user, authorise, tmp_path, repairs, chunk_rows=40)]
    assert len(outcomes) == 80 and all("left 2 x CD" in o for o in outcomes)
