"""A community equipment service's client records: the client's own service number (no label says whose it is,
the table does), the key safe code that opens the client's home, the street written in lower case, and the
initials of a sign-off column a mapping joins into the job's outcome."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
import pytest

from intake.anonymisation import AnonymisationSession, ColumnKind, TextDetector, Vocabulary
from intake.anonymisation.recognizers_access import find_access_codes
from intake.anonymisation.roles import apply_roles
from intake.config import AnonymisationSettings, ConnectorSettings
from intake.connectors import open_source
from tests.anonymisation.conftest import nhs_number

SECRET = bytes(range(32))


@pytest.mark.parametrize(("text", "codes"), [
    ("client lives alone, key safe 1898 - ring before any home visit", ["1898"]),
    ("ATTENDED, NO ANSWER. KEY SAFE 9819 USED AS AGREED.", ["9819"]),
    ("keysafe: 0606.", ["0606"]),
    ("door code is 1234# then 2nd floor", ["1234#"]),
    ("code 7613 for the key box by the back door", ["7613"]),
    ("code for key safe is 4412", ["4412"]),
    ("K/S 4412, gate code: 2580", ["4412", "2580"]),
    ("key safe (C1234)", ["C1234"]),
    # a tenement's stair door, a keypad, an entry phone, a door entry system
    ("controlled entry: 4567, flat 2/1", ["4567"]), ("keypad 1990 on side gate", ["1990"]),
    ("entry phone code 1234 then top floor", ["1234"]), ("door entry system 4412", ["4412"]),
    ("code to get in is 4412", ["4412"]), ("buzzer code 0704", ["0704"]), ("main door: entry 2580#", ["2580#"]),
    # the digits read off a key safe's buttons, a code in the sentence after the safe, quoted, a door entry's
    ("Key-safe: 1 9 4 5", ["1 9 4 5"]), ("keysafe: 31 41", ["31 41"]), ("key safe combination 1-2-3-4", ["1-2-3-4"]),
    ("Key held in key safe. Code 3141", ["3141"]), ("Keys in safe 3141 by meter", ["3141"]),
    ("key safe 'C3141'", ["C3141"]), ("keycode 0719", ["0719"]), ("door entry 3141", ["3141"]),
    ("secure entry 5566 then lift", ["5566"]), ("KEY SAFE BY BACK DOOR, 5999", ["5999"]),
    # where the key is kept in a safe, a dash or a colon before the code, a padlock's or a key vault's
    ("Access: key in safe by back door, 5645", ["5645"]), ("keys are in the safe by the porch: 0155", ["0155"]),
    ("keysafe left of porch - 92418", ["92418"]), ("padlock 4412 on the shed", ["4412"]),
    ("combination lock: 1066", ["1066"]), ("key vault 3141 at side", ["3141"]), ("safe code 7777", ["7777"]),
    # the code before what it opens, a number or a changed code after the safe, buttons read apart a few words on,
    # a gate's code after the safe's
    ("Code: 1234 (keysafe)", ["1234"]), ("1234 is the key safe code", ["1234"]),
    ("Key safe on wall, number 0921", ["0921"]), ("Keysafe code changed to 0921", ["0921"]),
    ("key safe by front door code 1 2 3 4", ["1 2 3 4"]), ("keysafe 1234 / gate 5678", ["1234", "5678"]),
    # codes of things, and numbers after a door or an entry that are a room's or a log's
    ("error code 1234 on the display", []),
    ("part code 12-4412 ordered", []),
    ("door 1234 was propped open", []),
    ("entry 12345 in the log", []), ("buzzer 12 for flat 3", []),
    ("key safe fitted 2023, code with the family", []), ("key safe fitted. Error code 1234", []),
    ("key safe 2 left in stock", []), ("door entry 12:30 logged", []), ("key safe fitted by door, 2019", []),
    ("key safe fitted - 2021", []), ("lock replaced 1234", []), ("left in the safe 1234", []),
    ("error code 1234 (key safe fitted)", []), ("key safe fitted, 2 keys", []), ("gate 5678 left open", []),
    ("error code 1234 for the alarm", []), ("fault code 2019 key", []),
    # a code whatever it looks like once a code's word says so ("code 1945"), before its key safe, glued to it,
    # after a semicolon, a lock's, changed
    ("Access: key safe by front door, code 1945", ["1945"]), ("Access via keysafe; code 4421", ["4421"]),
    ("KEYSAFE4421", ["4421"]), ("PIN 4421 for key safe", ["4421"]), ("code: 4421 key safe", ["4421"]),
    ("Access info: 4421 keysafe", ["4421"]), ("lock code 4421", ["4421"]), ("KS code changed to 4421", ["4421"]),
    ("k.safe 4421", ["4421"]),
])
def test_codes_that_open_a_home_are_found_and_codes_of_things_are_not(text: str, codes: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_access_codes(text)] == codes


def test_a_key_safe_code_is_redacted_in_free_text_and_the_note_kept(detector: TextDetector) -> None:
    text = "Powerchair cutting out after 10 mins. Key safe 7613, error code 1234"
    found = [(f.entity_type, text[f.start:f.end]) for f in detector.analyze([text])[0]]
    assert ("ACCESS_CODE", "7613") in found and all(v != "1234" for _, v in found)


def test_a_street_in_lower_case_where_something_happened_outside_it(detector: TextDetector) -> None:
    texts = ["brakes not holding on slope outside 77 acacia road", "parked opposite 12 church st for the visit",
             "fitted 3 new wheels on the road test"]
    found = [[(f.entity_type, t[f.start:f.end]) for f in fs] for t, fs in zip(texts, detector.analyze(texts),
                                                                              strict=True)]
    assert ("ADDRESS", "77 acacia road") in found[0] and ("ADDRESS", "12 church st") in found[1]
    assert not any(e == "ADDRESS" for e, _ in found[2])


def _client_sheet(path: Path, rows: int = 120) -> None:
    """An equipment list as a service manager exports it: items issued to clients (their NHS and service numbers,
    the service number repeated for a client's second item) and items in store (neither)."""
    from openpyxl import Workbook

    rng = random.Random(5)
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Asset No", "Item", "Client", "NHS Number", "Service No", "Location"])
    clients = [(f"Client {chr(65 + i % 26)}{chr(65 + i // 26)}son", nhs_number(rng), f"CW{rng.randrange(10**6):06d}")
               for i in range(60)]
    for i in range(rows):
        asset = f"WC{100000 + i}"
        if i % 5 == 4:
            ws.append([asset, "Attendant chair", None, None, None, "Store 2"])
        else:
            name, nhs, number = clients[i % 60]
            ws.append([asset, "Powerchair", name.replace("Client ", "Mrs "), nhs, number, "with client"])
    book.save(path)


def _profile(session: AnonymisationSession, path: Path) -> dict[str, object]:
    with open_source(None, path, name=path.name, settings=ConnectorSettings()) as source:
        table = source.tables()[0]
        batches = list(source.read(table))
    return session.profile(table, batches).columns


def test_a_number_written_where_the_client_is_and_one_per_client_is_the_clients(
        session: AnonymisationSession, tmp_path: Path) -> None:
    path = tmp_path / "equipment.xlsx"
    _client_sheet(path)
    columns = _profile(session, path)
    service = columns["Service No"]
    assert service.kind is ColumnKind.IDENTIFIER and service.entity_type == "MRN"
    assert "NHS Number" in service.reasons[0]
    # written on every row, a client or not: the item's own number
    assert columns["Asset No"].kind is ColumnKind.NOT_PERSONAL


def test_a_device_on_loan_to_one_patient_keeps_its_asset_tag(session: AnonymisationSession) -> None:
    """A loan history: each patient has one device, on every row of theirs, always beside their hospital number;
    the tag lines up with the patient exactly as a person's own number would, but its name says it is the
    device's ("loan.assetTag"), so it stays a code and the asset keeps its number in the package."""
    patients = [(f"Patient {chr(65 + i % 26)}{chr(65 + i // 26)}", f"M{4000000 + 7 * i}", f"SLP-{40000 + i}")
                for i in range(40)]
    rows = [patients[i % 40] for i in range(120)]
    table = pa.table({"patient.name": [r[0] for r in rows], "patient.ids.hospitalNo": [r[1] for r in rows],
                      "loan.assetTag": [r[2] for r in rows], "Service No": [r[2] for r in rows]})
    columns = session.profile("loan_history", table.to_batches()).columns
    assert columns["loan.assetTag"].kind is ColumnKind.NOT_PERSONAL
    assert columns["Service No"].entity_type == "MRN"  # the same values under a name that says nothing


def test_a_number_of_every_row_is_not_its_reporters_however_it_lines_up(session: AnonymisationSession) -> None:
    """Job numbers beside who reported the job: the same reporter has many numbers. A contacts table's ids beside
    one person each, all present: nothing says whose number it is beyond the row, so it is left to its shape."""
    reporters = [f"Reporter {chr(65 + i % 20)}" for i in range(100)]
    jobs = pa.table({"Job No": [f"J{200000 + i}" for i in range(100)], "Reported By": reporters})
    contacts = pa.table({"Contact ID": [f"C{300000 + i}" for i in range(40)],
                         "Name": [f"Person {chr(65 + i % 26)}{chr(65 + i // 26)}" for i in range(40)]})
    for name, table, column in (("jobs", jobs, "Job No"), ("contacts", contacts, "Contact ID")):
        assert session.profile(name, table.to_batches()).columns[column].kind is ColumnKind.NOT_PERSONAL


# What product.roles.mapping_roles gives `outcome: {from: [Work Done, Signed Off], join: " | "}` beside a
# `fault_description: Fault` (tests/product/test_roles.py checks that it does).
ROLES = {
    "Fault": {"role": "free_text", "fields": ["jobs.fault_description"]},
    "Work Done": {"role": "free_text", "fields": ["jobs.outcome"], "joined_only": True},
    "Signed Off": {"role": "free_text", "fields": ["jobs.outcome"], "joined_only": True},
}


def test_a_sign_off_column_joined_into_the_outcome_is_replaced_whole(vocabulary: Vocabulary) -> None:
    """The joined field is free text, but "JB" in a sign-off column is nobody's sentence: no detector finds two
    letters as a name, the column's profile does. The column joined with it keeps its words."""
    rng = random.Random(2)
    marks = ["JB", "TK", "ll", "AR", "MW", "SP"]
    table = pa.table({
        "Job No": [f"R{1000 + i}" for i in range(60)],
        "Fault": ["castor wobbling"] * 60,
        "Work Done": ["replaced castor fork, tested ok"] * 60,
        "Signed Off": [rng.choice(marks) for _ in range(60)],
    })
    spec = ROLES
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=vocabulary, processes=1) as session:
        classification = apply_roles(session.profile("repairs", table.to_batches()), spec)
        assert classification.column("Signed Off").kind is ColumnKind.IDENTIFIER
        out = pa.Table.from_batches(
            session.anonymise_chunk(SECRET, "repairs", classification, table.to_batches()).batches).to_pydict()
        # the same column read as free text on its own (not joined) is searched, and two letters are no name
        alone = apply_roles(session.profile("repairs", table.to_batches()),
                            {**spec, "Signed Off": {**spec["Signed Off"], "joined_only": False}})
    assert all(v.startswith("PERSON_") for v in out["Signed Off"])
    assert out["Work Done"] == table.column("Work Done").to_pylist()
    assert alone.column("Signed Off").kind is ColumnKind.FREE_TEXT


def test_what_a_client_is_called_in_brackets_after_the_full_name(detector: TextDetector) -> None:
    """"Darren Holt (Daz)": one capitalised word with the first name's initial; where a patient is or what they
    have is no name ("Anna Smith (Covid)", "Mrs Jones (Resus)", "Tom Smith (Theatre)")."""
    texts = ["says Darren Holt (Daz) rang about the footplate", "Anna Smith (Covid) isolating in side room",
             "Mrs Jones (Resus) called", "Tom Smith (Theatre) collected it"]
    found = [{t[f.start:f.end] for f in fs if f.entity_type == "PERSON"} for t, fs in zip(
        texts, detector.analyze(texts), strict=True)]
    assert "Daz" in found[0]
    assert not ({"Covid", "Resus", "Theatre"} & (found[1] | found[2] | found[3]))


def test_a_gp_practice_named_after_its_doctor_is_kept_and_a_patients_operation_is_not(
        detector: TextDetector) -> None:
    texts = ["GP: Dr Oyelaran's Surgery | Issued: 2020", "Mrs Oyelaran's surgery went well",
             "GP: Drs Mostyn and Caradog | rx reviewed, drs mostyn & caradog have a copy",  # the partners' practice
             "seen by Dr Mostyn and Dr Caradog",  # two doctors
             "GP: Dr Shah, Dr Pathak's Practice | Alerts"]  # the GP and the practice named after another doctor
    found = [{t[f.start:f.end] for f in fs if f.entity_type == "PERSON"} for t, fs in zip(
        texts, detector.analyze(texts), strict=True)]
    assert found[0] == set() and found[1] == {"Oyelaran's"}
    assert found[2] == set() and found[3] == {"Mostyn", "Caradog"}
    assert found[4] == {"Shah"}


def test_a_number_to_ring_for_the_ward_is_the_wards_and_one_after_a_name_is_theirs(detector: TextDetector) -> None:
    texts = ["water chamber cracked - tel 01248 384 000 for ward if needed",
             "ring Jo on 01632 960123 for the unit", "tel 01632 960123 for her son", "call 07700 900123 for ward"]
    phones = [[t[f.start:f.end] for f in fs if f.entity_type == "PHONE_NUMBER"] for t, fs in zip(
        texts, detector.analyze(texts), strict=True)]
    assert phones == [[], ["01632 960123"], ["01632 960123"], ["07700 900123"]]


def test_a_key_safe_code_a_few_words_after_the_key_safe() -> None:
    text = "KEY SAFE BY BACK DOOR, CODE 7672. left by the door, error code 1234"
    assert [text[f.start:f.end] for f in find_access_codes(text)] == ["7672"]


@pytest.mark.parametrize("text,codes", [
    ("use code 4821 at front door", ["4821"]), ("blwch allweddi 4821 ger y drws", ["4821"]),  # Welsh: key box
    ("error code 4821 at start", []), ("code 1234 at 10:30", []),
])
def test_a_code_said_to_open_a_door_or_a_welsh_key_box(text: str, codes: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_access_codes(text)] == codes


def test_a_date_of_birth_written_with_a_welsh_month(detector: TextDetector) -> None:
    texts = ["tubing split - reported by Mr Pritchard (17 Rhagfyr 1953)", "seen 3 Mai 2024 by the nurse"]
    found = [[(f.entity_type, t[f.start:f.end]) for f in fs if f.entity_type == "DATE_OF_BIRTH"] for t, fs in zip(
        texts, detector.analyze(texts), strict=True)]
    assert found == [[("DATE_OF_BIRTH", "17 Rhagfyr 1953")], []]
