"""Tables: columns are classified from a sample, anonymised consistently, re-scanned, and reported without
values."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from intake.anonymisation import (
    AnonymisationSession,
    ColumnKind,
    ResidualPersonalData,
    UndeclaredPersonalData,
    build_report,
    ensure_no_personal_data,
)
from intake.anonymisation.column_names import column_hints
from intake.anonymisation.structured import full_match_mask, nhs_checksum_mask, placeholder_mask
from tests.anonymisation.conftest import legacy_table, token


def batches(table: pa.Table, size: int = 100) -> list[pa.RecordBatch]:
    return table.to_batches(max_chunksize=size)


def test_column_classification(session: AnonymisationSession) -> None:
    table, _ = legacy_table()
    cls = session.profile("assets", batches(table))
    kinds = {name: (c.kind, c.entity_type) for name, c in cls.columns.items()}
    assert kinds["Responsible Engineer"] == (ColumnKind.IDENTIFIER, "PERSON")
    assert kinds["Contact Tel"] == (ColumnKind.IDENTIFIER, "PHONE_NUMBER")
    assert kinds["Email"] == (ColumnKind.IDENTIFIER, "EMAIL_ADDRESS")
    assert kinds["Notes"][0] == ColumnKind.FREE_TEXT
    for name in ("Equipment No", "Serial No", "Manufacturer", "Model", "Location", "Purchase Date"):
        assert kinds[name][0] == ColumnKind.NOT_PERSONAL, name
    assert cls.columns["Notes"].sample_findings.get("PERSON", 0) > 0
    assert all(c.reasons for c in cls.columns.values())  # every decision says why
    assert type(cls).from_dict(json.loads(json.dumps(cls.to_dict()))) == cls  # passes between flow tasks


def test_values_pick_the_entity_without_a_telling_column_name(session: AnonymisationSession) -> None:
    table = pa.table({
        "c1": ["jane.doe@example.co.uk", "bob@nhs.net", "x.y@gmail.com"] * 20,
        "c2": ["943 476 5919", "401 023 2137", "9434765919"] * 20,
        "c3": ["Jane Doe", "John Smith", "Aisha Khan"] * 20,
        "c4": ["Infusion Pump", "Syringe Driver", "Patient Monitor"] * 20,
    })
    cls = session.profile("t", batches(table))
    assert cls.column("c1").entity_type == "EMAIL_ADDRESS"
    assert cls.column("c2").entity_type == "UK_NHS"
    assert cls.column("c3").entity_type == "PERSON"
    assert cls.column("c4").kind == ColumnKind.NOT_PERSONAL


def test_the_own_name_column_of_a_table_of_organisations_or_places_is_no_person(
        session: AnonymisationSession) -> None:
    """"organisations.name": makers, suppliers and charities named after people ("Max's Fund"); the same values
    in a contacts table's Name column are people."""
    names = ["Natus", "Rays of Sunshine", "Max's Fund", "Philips Respironics", "Ellie Jones Trust", "Vyaire"]
    people = ["Tunde Nwosu", "Clodagh O'Sullivan", "Ayesha Akhtar"]
    table = pa.table({"name": names * 10, "contact_name": people * 20})
    for own in ("organisations", "tblSuppliers", "public.sites", "Manufacturer"):
        cls = session.profile(own, batches(table))
        assert cls.column("name").kind == ColumnKind.NOT_PERSONAL, own
        assert cls.column("contact_name").entity_type == "PERSON", own
    people_table = pa.table({"name": (people * 20)[:60]})
    for table_name in ("contacts", "staff", "carers"):
        assert session.profile(table_name, batches(people_table)).column("name").entity_type == "PERSON"


def test_a_column_named_for_a_thing_holds_people_when_its_values_are_names(session: AnonymisationSession) -> None:
    """"Mask" of products' names is no column of people; "Kit Holder" of names is one, whatever thing it names."""
    table = pa.table({"Kit Holder": ["Tunde Nwosu", "Clodagh O'Sullivan", "Ayesha Akhtar"] * 20,
                      "Mask": ["Amara View S", "Evora Nasal M-L", "Vitera Full Face"] * 20})
    cls = session.profile("loans", batches(table))
    assert cls.column("Kit Holder").entity_type == "PERSON"
    assert cls.column("Mask").entity_type != "PERSON"


@pytest.mark.parametrize("name,hint", [
    ("Responsible Engineer", "PERSON"), ("Last Modified By", "PERSON"), ("CallerName", "PERSON"),
    ("Contact Tel", "PHONE_NUMBER"), ("CallerExt", "PHONE_NUMBER"), ("EmailAddress", "EMAIL_ADDRESS"),
    ("DOB", "DATE_OF_BIRTH"), ("Patient NHS No", "UK_NHS"), ("Postcode", "UK_POSTCODE"), ("Notes", "FREE_TEXT"),
    # whoever did it, and the columns staff sign in
    ("Taken By", "PERSON"), ("Closed By", "PERSON"), ("Resolved By", "PERSON"), ("Initials", "PERSON"),
    ("Eng", "PERSON"), ("Crew", "PERSON"), ("Done By", "PERSON"), ("events.by", "PERSON"),
    # a patient system's number, an imaging study's, a home's key safe, Scotland's NHS number
    ("RiO ID", "MRN"), ("SystmOne No", "MRN"), ("Client ID", "MRN"), ("PAS Number", "MRN"),
    ("Accession Number", "MRN"), ("Key Safe Code", "ACCESS_CODE"), ("CHI Number", "UK_NHS"),
    # a child's school, where the child is every weekday
    ("School", "ADDRESS"), ("School attended", "ADDRESS"), ("school_name", "ADDRESS"),
])
def test_column_name_hints(name: str, hint: str) -> None:
    assert hint in column_hints(name)


@pytest.mark.parametrize("name", ["SiteName", "MfrName", "ModelName", "Manufacturer", "Serial No", "Date Raised",
                                  "Covered By", "Powered By", "Date Closed By", "Made By"])
def test_non_person_column_names(name: str) -> None:
    assert "PERSON" not in column_hints(name)


@pytest.mark.parametrize("name", ["Client", "Customer No", "Case No", "Alarm Code", "Key Safe Location",
                                  "School Holidays", "School Nurse"])
def test_column_names_that_hold_no_patient_or_key_number_or_home(name: str) -> None:
    assert not column_hints(name) & {"MRN", "ACCESS_CODE", "ADDRESS"}


def test_staff_numbers_and_what3words_in_their_own_columns_are_replaced(session: AnonymisationSession) -> None:
    """A column of collar or payroll numbers, or of what3words, has no shape of its own: its name says what it is."""
    n = 60
    table = pa.table({
        "Crew Collar": [str(4000 + (i * 37) % 900) for i in range(n)],
        "staff_number": [str(100000 + i * 7919 % 90000) for i in range(n)],
        "scene_w3w": [["filled.count.soap", "index.home.raft", "blue.table.lamp"][i % 3] for i in range(n)],
        "Fleet No": [str(1000 + i) for i in range(n)], "Collar Size": [["S", "M", "L"][i % 3] for i in range(n)],
        "Asset Serial": [f"SN{i * 7919 % 100000:05d}" for i in range(n)],
        "Crew 1": [str(5000 + (i * 53) % 900) for i in range(n)], "Attending": [str(6000 + i) for i in range(n)],
        "Staff Cost": [f"{1200 + i}.50" for i in range(n)], "Technician Grade": [str(4 + i % 4) for i in range(n)],
        "collar_nos": [f"{4000 + i}/{5000 + i}" for i in range(n)],
        # when a person did something, not who: the times stay times
        "Raised": [f"{1 + i % 28:02d}/12/2026 18:{i % 60:02d}" for i in range(n)],
        "Completed By": [f"0{i % 9 + 1}/11/2026" for i in range(n)],
    })
    cls = session.profile("incidents", batches(table))
    for staff in ("Crew Collar", "staff_number", "Crew 1", "Attending", "collar_nos"):  # people's numbers
        assert cls.column(staff).entity_type == "STAFF_ID", staff
    assert cls.column("scene_w3w").entity_type == "ADDRESS"
    for kept in ("Fleet No", "Collar Size", "Asset Serial", "Staff Cost", "Technician Grade", "Raised", "Completed By"):
        assert cls.column(kept).kind == ColumnKind.NOT_PERSONAL, kept


def test_key_safe_codes_accession_and_chi_numbers_in_their_own_columns_are_replaced(
        session: AnonymisationSession) -> None:
    """A key safe's code has four digits like anything else; an accession number is an imaging study's, a patient's;
    a CHI number is Scotland's NHS number. Their columns' names say so; a device's alarm code stays."""
    n = 60
    table = pa.table({
        "Key Safe Code": [f"{(i * 7919) % 10000:04d}" for i in range(n)],
        "door entry code": [f"{(i * 104729) % 10000:04d}#" for i in range(n)],
        "Accession No": [f"RX{40000000 + i * 7919}" for i in range(n)],
        "CHI": [f"{1 + i % 28:02d}0{1 + i % 9}5{i % 10}{1000 + i}" for i in range(n)],
        "Student No": [str(21000000 + i * 31) for i in range(n)],
        "Alarm Code": [f"E{100 + i % 40}" for i in range(n)],
        "Key Safe Location": [["by back door", "left of porch", "garage wall"][i % 3] for i in range(n)],
    })
    cls = session.profile("visits", batches(table))
    assert cls.column("Key Safe Code").entity_type == "ACCESS_CODE"
    assert cls.column("door entry code").entity_type == "ACCESS_CODE"
    assert cls.column("Accession No").entity_type == "MRN"
    assert cls.column("CHI").entity_type == "UK_NHS"
    assert cls.column("Student No").entity_type == "STAFF_ID"
    for kept in ("Alarm Code", "Key Safe Location"):
        assert cls.column(kept).kind == ColumnKind.NOT_PERSONAL, kept


def test_vectorised_checks() -> None:
    values = pa.array(["943 476 5919", "943 476 5918", "NA", None, "0113 496 0123", "AB123456C", "jsmith"])
    assert nhs_checksum_mask(values).to_pylist()[:2] == [True, False]
    assert placeholder_mask(values).to_pylist()[2:4] == [True, True]
    assert full_match_mask(values, "PHONE_NUMBER").to_pylist()[4]
    assert full_match_mask(values, "UK_NINO").to_pylist()[5]
    assert full_match_mask(values, "USERNAME").to_pylist()[6]


def anonymise(session: AnonymisationSession, table: pa.Table, secret: bytes, size: int = 100):
    cls = session.profile("assets", batches(table))
    anonymiser = session.anonymiser(secret)
    rescanner = session.rescanner("assets", cls)
    out = []
    for b in anonymiser.anonymise_stream("assets", cls, batches(table, size)):
        rescanner.update(b)
        out.append(b)
    return cls, anonymiser, rescanner.result(), pa.Table.from_batches(out)


def test_anonymised_output_holds_no_personal_values(session: AnonymisationSession, secret: bytes) -> None:
    table, truth = legacy_table()
    _cls, anonymiser, result, out = anonymise(session, table, secret)
    text = json.dumps(out.to_pylist())
    leaked = [t["value"] for t in truth if t["value"] in text]
    assert leaked == []
    assert result.clean
    # equipment data survives untouched
    for name in ("Equipment No", "Serial No", "Manufacturer", "Model", "Location", "Purchase Date"):
        assert out.column(name).to_pylist() == table.column(name).to_pylist(), name
    engineer = table.column("Responsible Engineer")[0].as_py()
    assert out.column("Responsible Engineer")[0].as_py() == token(engineer, "PERSON", secret)
    counts = anonymiser.counts.column("assets", "Responsible Engineer")
    assert counts.entities["PERSON"] == table.num_rows and counts.operators == {"PERSON": "pseudonymise"}


def test_pseudonyms_consistent_across_files_runs_and_chunks(session: AnonymisationSession, secret: bytes) -> None:
    table, _ = legacy_table()
    _, _, _, whole = anonymise(session, table, secret, size=1000)
    _, _, _, chunked = anonymise(session, table, secret, size=37)
    assert whole.equals(chunked)  # a chunked (Dask/Prefect) run gives identical output
    name = table.column("Responsible Engineer")[5].as_py()
    other = pa.table({"Engineer": [name, "Nobody Else"], "Job": ["J1", "J2"]})
    cls = session.profile("jobs", batches(other))
    out = next(iter(session.anonymiser(secret).anonymise_stream("jobs", cls, batches(other))))
    assert out.column("Engineer")[0].as_py() == whole.column("Responsible Engineer")[5].as_py()  # joins survive
    _, _, _, other_customer = anonymise(session, table, bytes(reversed(secret)))
    assert other_customer.column("Responsible Engineer")[5].as_py() != whole.column("Responsible Engineer")[5].as_py()


def test_several_people_in_one_cell_each_get_their_token(session: AnonymisationSession, secret: bytes) -> None:
    table = pa.table({"Responsible Engineer": ["A Smith / B Jones", "A Smith", "B Jones", "NA"] * 10})
    cls = session.profile("t", batches(table))
    out = next(iter(session.anonymiser(secret).anonymise_stream("t", cls, batches(table, 100))))
    first = out.column("Responsible Engineer").to_pylist()
    assert first[0] == f"{first[1]} / {first[2]}"
    assert first[3] == "NA"  # placeholders stay


def test_stray_values_in_not_personal_columns_are_caught(session: AnonymisationSession, secret: bytes) -> None:
    table = pa.table({"Supplier": ["Medical Supplies Ltd"] * 30 + ["call 07700 900123", "jane.doe@example.com"]})
    cls = session.profile("t", batches(table))
    assert cls.column("Supplier").kind == ColumnKind.NOT_PERSONAL
    out = pa.Table.from_batches(list(session.anonymiser(secret).anonymise_stream("t", cls, batches(table))))
    values = out.column("Supplier").to_pylist()
    assert values[0] == "Medical Supplies Ltd"
    assert "07700" not in values[-2] and values[-2].startswith("call PHONE_")
    assert values[-1].startswith("EMAIL_")


def test_policy_drop_column_removes_it(session: AnonymisationSession, secret: bytes) -> None:
    from intake.anonymisation.policy import OperatorSpec, Policy

    table, _ = legacy_table(rows=40)
    session.policy = Policy(entities={**session.policy.entities, "EMAIL_ADDRESS": OperatorSpec("drop_column")})
    _cls, anonymiser, _, out = anonymise(session, table, secret)
    assert "Email" not in out.column_names
    assert anonymiser.counts.column("assets", "Email").dropped


def test_rescan_fails_closed_on_residual_personal_data(session: AnonymisationSession) -> None:
    table, truth = legacy_table(rows=60)
    cls = session.profile("assets", batches(table))
    rescanner = session.rescanner("assets", cls)
    for b in batches(table):  # the raw data, as if an operator had done nothing
        rescanner.update(b)
    result = rescanner.result()
    assert not result.clean
    residual = {c.column for c in result.residual_columns()}
    assert {"Responsible Engineer", "Contact Tel", "Email", "Notes"} <= residual
    with pytest.raises(ResidualPersonalData) as raised:
        result.raise_if_residual()
    message = str(raised.value)
    assert "Contact Tel" in message
    assert not [t["value"] for t in truth if t["value"] in message]


def test_report_has_counts_and_redacted_examples_only(session: AnonymisationSession, secret: bytes) -> None:
    table, truth = legacy_table()
    cls, anonymiser, result, _ = anonymise(session, table, secret)
    report = build_report({"assets": cls}, anonymiser.counts, {"assets": result}, session.policy)
    as_json, as_md = report.to_json(), report.to_markdown()
    for value in {t["value"] for t in truth}:
        assert value not in as_json and value not in as_md
    data = json.loads(as_json)
    columns = {c["column"]: c for c in data["tables"][0]["columns"]}
    engineer = columns["Responsible Engineer"]
    assert engineer["classification"] == "identifier" and engineer["operators"] == {"PERSON": "pseudonymise"}
    assert engineer["rescan"] == "clean"
    assert engineer["examples"]["PERSON"]
    assert all(set(e) <= set("Aa9 .,'-/()&+@") for e in engineer["examples"]["PERSON"])  # shapes only
    assert columns["Notes"]["entity_counts"]["UK_NHS"] == 75
    assert data["rescan_clean"] is True
    assert "| Responsible Engineer | not mapped | identifier (PERSON) |" in as_md


def test_scan_flags_undeclared_personal_data(session: AnonymisationSession) -> None:
    table, truth = legacy_table(rows=80)
    report = session.scan_tables({"assets": lambda: batches(table)})
    assert report.has_personal_data
    assert ("assets", "Contact Tel") in report.personal_columns()
    with pytest.raises(UndeclaredPersonalData) as raised:
        ensure_no_personal_data(report)
    assert not [t["value"] for t in truth if t["value"] in str(raised.value)]
    clean = pa.table({"Equipment No": ["EQ000001", "EQ000002"] * 20, "Model": ["Evita V500", "Colleague"] * 20})
    report = session.scan_tables({"assets": lambda: batches(clean)}, full=True)
    assert not report.has_personal_data
    ensure_no_personal_data(report)


def test_a_phone_column_typed_with_no_break_spaces_is_a_phone_column(session: AnonymisationSession) -> None:
    table = pa.table({"c1": [f"07700\u00a0900{100 + i:03d}" for i in range(40)],
                      "c2": [f"07700\u2013900{200 + i:03d}" for i in range(40)]})
    cls = session.profile("contacts", batches(table))
    assert cls.column("c1").entity_type == "PHONE_NUMBER" == cls.column("c2").entity_type


def test_a_patient_column_of_numbers_is_replaced_whole(session: AnonymisationSession) -> None:
    """"Patient" holding hospital numbers, some with the name or birth date beside them: no label in the cell
    says what the number is, the column does; the whole cell goes."""
    values = [f"M{4400000 + 37 * i}" if i % 3 else f"M{4400000 + 37 * i} dob 0{1 + i % 9}.03.61" for i in range(36)]
    values[5] = "Okonkwo, Tunde / 8984398"
    table = pa.table({"Patient": values, "Patient Age": [str(20 + i) for i in range(36)]})
    cls = session.profile("tracking", batches(table))
    assert (cls.column("Patient").kind, cls.column("Patient").entity_type) == (ColumnKind.IDENTIFIER, "MRN")
    assert cls.column("Patient Age").kind == ColumnKind.NOT_PERSONAL  # a measure of the patient
    out = session.anonymise_chunk(bytes(range(32)), "tracking", cls, batches(table))
    cells = pa.Table.from_batches(out.batches).column("Patient").to_pylist()
    assert all(c.startswith("MRN_") and " " not in c for c in cells)



def test_a_patient_column_joined_into_the_notes_is_still_replaced_whole(session: AnonymisationSession) -> None:
    from intake.anonymisation.roles import apply_roles

    table = pa.table({"Patient": [f"M{4400000 + 37 * i}" for i in range(30)],
                      "Comments": [f"leak tested, cycle {20000 + i}" for i in range(30)]})
    roles = {c: {"role": "free_text", "fields": ["assets.notes"]} for c in ("Patient", "Comments")}
    cls = apply_roles(session.profile("tracking", batches(table)), roles)
    assert cls.column("Patient").entity_type == "MRN" and cls.column("Comments").kind == ColumnKind.FREE_TEXT
    out = pa.Table.from_batches(session.anonymise_chunk(bytes(range(32)), "tracking", cls, batches(table)).batches)
    assert all(c.startswith("MRN_") for c in out.column("Patient").to_pylist())
    assert out.column("Comments").to_pylist() == table.column("Comments").to_pylist()
