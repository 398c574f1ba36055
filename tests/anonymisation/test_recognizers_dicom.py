"""What imaging logs write about a patient: DICOM person names in any place, and the values of the attributes
that name, identify or date a patient; private-network addresses of modalities are kept."""

from __future__ import annotations

import pytest

from intake.anonymisation import Vocabulary
from intake.anonymisation.engine import TextDetector
from intake.anonymisation.recognizers_dicom import find_dicom_identifiers, find_dicom_names

from .test_contextual_names import found


@pytest.mark.parametrize("text,expected", [
    ("MWL C-FIND from CT1_MAIN returned OKAFOR^CHIDI, accession failed", ["OKAFOR^CHIDI"]),
    ("does not match RIS (SMITH^JANE^^^MRS)", ["SMITH^JANE^^^MRS"]),
    ("Study for VAN DER BERG^JAN held in QC", ["VAN DER BERG^JAN"]),
    ("MWL C-FIND returned DELA CRUZ^CHERRY^^^MS, accession failed", ["DELA CRUZ^CHERRY^^^MS"]),
    ("merged O'NEILL^MARY-ANN^^DR by admin", ["O'NEILL^MARY-ANN^^DR"]),
    ("PatientName=John Doe AccessionNumber=X1", ["John Doe"]), ("(0010,0010) PN [DOE^JOHN]", ["DOE^JOHN"]),
    ("Patient's Name: Mary Jones", ["Mary Jones"]),
    # carets between digits are counts and powers; a patient's name in a sentence is the name rules' business
    ("WBC x10^9/L normal", []), ("raised to 10^6 cycles", []), ("patient's name was not on the form", []),
])
def test_dicom_person_names(text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_dicom_names(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("PatientID=J123456 PatientName=DOE^JOHN", ["J123456"]), ("(0010,0020) LO [RX123456]", ["RX123456"]),
    ("AccessionNumber=RAD0001234", ["RAD0001234"]), ("(0008,0050) SH [24R555111]", ["24R555111"]),
    ("Acc no: 24R555111 reported late", ["24R555111"]), ("acc# 98765432", ["98765432"]),
    ("exam accession number RAD0001234 cancelled", ["RAD0001234"]),
    ("acc 12 fitted", []), ("accessory kit 4 ordered", []),
    # the label dotted or joined as a log's key, the value in brackets, glued by a dash
    ("acc.no. 4512398", ["4512398"]), ("accession_no=4512398", ["4512398"]),
    ("Accession Number [4512398] duplicate", ["4512398"]), ("ACC-4512398 resent", ["4512398"]),
    ("acc-12 clip", []),
    # what a DICOM service did with the study, or right after the patient's DICOM name; a study's UID stays
    ("C-STORE 23R123456 rejected", ["23R123456"]), ("MPPS N-SET failure for 25R703102, Err 12", ["25R703102"]),
    ("Duplicate study PENNY^CRYSTAL J486499 merged", ["J486499"]), ("Study 1.2.840.113619.2.55 sent", []),
    ("order 123456 raised for coil", []), ("last exam rad1234567 (smith^jo)", ["rad1234567"]),
    # a RIS's, an exam's or a study's number after its label; an instance UID after its label, not a class UID
    ("RIS no 24R555111 failed to route", ["24R555111"]), ("CRIS ref RAD1234567 resent", ["RAD1234567"]),
    ("exam no 12345678 rejected by PACS", ["12345678"]), ("Study ID 98765432 stuck", ["98765432"]),
    ("CT req no 24R555111 failed to send", ["24R555111"]), ("PACS ID RAD1234567 missing images", ["RAD1234567"]),
    ("episode no 12345678 merged", ["12345678"]), ("req no 12 for parts", []),
    ("exam no 3 in progress", []),
    ("Study Instance UID: 1.2.826.0.1.3680043.2.1125.1.1234567 failed", ["1.2.826.0.1.3680043.2.1125.1.1234567"]),
    ("SOP Class UID 1.2.840.10008.5.1.4.1.1.2 rejected", []),
    # lists of one shape after a label; a laboratory's specimen; a year between dashes; shortened labels
    ("accessions 24R555111, 24R555112 and 24R555113 stuck", ["24R555111", "24R555112", "24R555113"]),
    ("Accession 24R555111/24R555112 merged", ["24R555111", "24R555112"]),
    ("acc 1234567 job 7654321", ["1234567"]), ("acc 1234567 on 12/03/2024", ["1234567"]),
    ("Spec: 24H123456 haemolysed", ["24H123456"]), ("lab no 24H123456", ["24H123456"]), ("spec: 240V 50Hz", []),
    ("Accession RJZ-2024-0012345", ["RJZ-2024-0012345"]), ("ACN 12345678", ["12345678"]),
    ("A/N 24R555111", ["24R555111"]), ("studies 2024 report", []), ("acc 123456/7", []),
    # a patient's specimen in the shapes laboratory systems number them; a water sample's number stays
    ("Sample ID 24H123456", ["24H123456"]), ("bloods sent (24H123456)", ["24H123456"]),
    ("specimen id: H24-123456", ["H24-123456"]), ("lab number B,24.0123456.X", ["B,24.0123456.X"]),
    ("Specimen No. H/24/123456", ["H/24/123456"]), ("Sample WQ-2019-4403 sent to micro", []),
    ("sample no WQ123456 taken", []), ("bloods at 10:30", []),
    # the laboratory numbers a washer's water sample as it does a patient's: the water's, where no patient is spoken of
    ("Washer: Washer 4 | Lab sample: W23.489497 | Result: TVC 0 cfu/100ml", []),
    ("pt Jones, sample: W23.489497, final rinse", ["W23.489497"]),
    # a site's or a modality's letters apart, a two-digit year between, a check letter after; CRIS's event number
    ("Acc: RAD-1234567 sent", ["RAD-1234567"]), ("Accession: XR-24-001234", ["XR-24-001234"]),
    ("accession no CT/24/012345", ["CT/24/012345"]), ("Acc no 2024-0012345", ["2024-0012345"]),
    ("accession: 0012345678A", ["0012345678A"]), ("CRIS event 12345678 resent", ["12345678"]),
    ("attendance no 12345678", ["12345678"]), ("acc RAD-12 fan", []), ("accessory kit 2024-01 ordered", []),
    ("event no 123456 in the defib log", []),
    # whatever else a system makes of letters, digits and dashes after the label, five digits in it at least
    ("ACC# 2024R0012345", ["2024R0012345"]), ("Accession number CT24-001234", ["CT24-001234"]),
    ("RIS accession 24RXH00123", ["24RXH00123"]), ("image ref XA-2024-000123", ["XA-2024-000123"]),
    ("acc no 2024-03-12", []), ("acc 12/03/2024 booked", []), ("req no RTX-24-12", []),
])
def test_dicom_identifiers_after_their_attribute_or_label(text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_dicom_identifiers(text)] == expected


def test_a_pasted_log_line_keeps_the_modality_and_loses_the_patient(detector: TextDetector) -> None:
    text = ("Study RAD7654321 for NOWAK^PIOTR PID RX123456 DOB 19650312 from CT1_MAIN (10.20.30.40) held; "
            "gateway 81.2.69.160")
    assert found(detector, text, "PERSON") == ["NOWAK^PIOTR"]
    assert found(detector, text, "MRN") == ["RAD7654321", "RX123456"]
    assert found(detector, text, "DATE_OF_BIRTH") == ["19650312"]
    assert found(detector, text, "IP_ADDRESS") == ["81.2.69.160"]
    assert found(detector, "my ip: 192.168.0.1", "IP_ADDRESS") == ["192.168.0.1"]


def test_a_column_of_modality_addresses_is_delivered_and_one_of_public_addresses_is_not(vocabulary: Vocabulary) -> None:
    import pyarrow as pa

    from intake.anonymisation import AnonymisationSession
    from intake.config import AnonymisationSettings

    table = pa.table({"AE Title": [f"CT{i}_MAIN" for i in range(40)],
                      "IP Address": [f"10.20.{i}.40" for i in range(40)],
                      "Remote IP": [f"81.2.{i}.160" for i in range(40)],
                      "Message": [f"C-STORE 23R1234{i:02d} rejected: Patient ID 71234{i:02d} does not match"
                                  for i in range(40)]})
    with AnonymisationSession(AnonymisationSettings(sample_rows=100), vocabulary=vocabulary, processes=1) as session:
        classification = session.profile("assets", table.to_batches())
        out = pa.Table.from_batches(session.anonymise_chunk(bytes(range(32)), "assets", classification,
                                                            table.to_batches()).batches).to_pydict()
    assert out["IP Address"] == table.column("IP Address").to_pylist()
    assert not any(v in table.column("Remote IP").to_pylist() for v in out["Remote IP"])
    # the self-check reads "MRN" of its own "MRN_c78e..." as no label: the service before it is no one's name
    assert all(v.startswith("C-STORE MRN_") and "Patient ID MRN_" in v for v in out["Message"])


@pytest.mark.parametrize("text,names", [
    ("Rad: Grace Bello checked the detector", ["Grace Bello"]), ("radiographer on duty Ben says ok", ["Ben"]),
    ("Supt Bello aware", ["Bello"]), ("RPS for room: RPA Sharma", ["Sharma"]),
    ("mk / accepted by band 6 hazel", ["mk", "hazel"]), ("replaced band 6 on the cuff", []),
])
def test_imaging_roles_name_who_holds_them(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


def test_a_registration_in_brackets_after_a_name_is_theirs(detector: TextDetector) -> None:
    assert found(detector, "Rad: Grace Bello (RA123456) checked", "STAFF_ID") == ["RA123456"]
    assert found(detector, "rad: jo bloggs (ra123456) checked", "STAFF_ID") == ["ra123456"]
    assert found(detector, "rad: jo bloggs (ra123456) checked", "PERSON") == ["jo bloggs"]


@pytest.mark.parametrize("text,expected", [
    ("pt Jo Bloggs RX123456 on the table", ["RX123456"]), ("Err 12, pt RX123456 moved", ["RX123456"]),
    ("fitted new pt ABC12345 part", []),
])
def test_a_trusts_prefixed_number_after_pt_or_the_patients_name(detector: TextDetector, text: str,
                                                                 expected: list[str]) -> None:
    assert found(detector, text, "MRN") == expected
