"""Each UK recognizer finds valid values in the formats people type and rejects look-alikes."""

from __future__ import annotations

import pytest

from intake.anonymisation.recognizers_email import find_emails
from intake.anonymisation.recognizers_mrn import find_mrns
from intake.anonymisation.recognizers_phone import find_extensions, find_foreign_phones, find_uk_phones
from intake.anonymisation.recognizers_uk import (
    find_dates_of_birth,
    find_nhs_numbers,
    find_ninos,
    find_postcodes,
    nhs_checksum_ok,
)


def spans(findings, text: str) -> list[str]:
    return [text[f.start:f.end] for f in findings if f.score >= 0.5]


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919", "401 023 2137", "943  476  5919",
                                    "943  476 5919"])
def test_valid_nhs_numbers_found(number: str) -> None:
    text = f"Patient NHS no {number} moved to ward 3"
    assert spans(find_nhs_numbers(text), text) == [number]
    assert find_nhs_numbers(text)[0].score >= 0.9  # the NHS context word raises the score


def test_a_serials_ten_digits_are_no_nhs_or_chi_number_even_when_the_check_digit_fits() -> None:
    assert find_nhs_numbers("returned from hospice, serial no 1305430468, asset 00964941") == []
    assert find_nhs_numbers("pump s/n 9434765919 back from repair") == []
    assert spans(find_nhs_numbers("pt NHS 9434765919, pump returned"), "pt NHS 9434765919, pump returned") == [
        "9434765919"]


@pytest.mark.parametrize("number", ["943 476 5918", "401-023-2138", "1111111111", "0000000000", "943 476-5919"])
def test_invalid_nhs_numbers_rejected(number: str) -> None:
    assert find_nhs_numbers(f"NHS trust order {number}") == []


@pytest.mark.parametrize("text,expected", [
    ("NHS no 485 777 3456 on the form", "485 777 3456"), ("nhs number 485-777-3456", "485-777-3456"),
    ("H&C 123 456 7890", "123 456 7890"), ("CHI: 0304511235", "0304511235"),
    ("NHS Number 943 4765 919", "943 4765 919"),  # grouped as no NHS number is, right after the label
    ("nhs 943.476.5919 hosp no", "943.476.5919"), ("nhs no: 943/476/5919", "943/476/5919"),
    # the label run into it, in brackets after it, with "is" or dotted
    ("CHI1203451238 on band", "1203451238"), ("1203451238 (CHI)", "1203451238"),
    ("CHI number is 1203451238.", "1203451238"), ("C.H.I. 1203451238", "1203451238"),
])
def test_a_mistyped_number_right_after_its_label_is_still_that_number(text: str, expected: str) -> None:
    assert spans(find_nhs_numbers(text), text) == [expected]
    assert find_nhs_numbers("NHS no 111 111 1111") == []


def test_nhs_checksum_is_modulus_11() -> None:
    assert nhs_checksum_ok("9434765919")
    assert not nhs_checksum_ok("9434765910")
    assert not nhs_checksum_ok("943476591")  # nine digits


@pytest.mark.parametrize("nino", ["AB 12 34 56 C", "AB123456C", "AZ 123 456 A", "ce 11 22 33 d"])
def test_valid_ninos_found(nino: str) -> None:
    text = f"NI number {nino}."
    assert spans(find_ninos(text), text) == [nino]


@pytest.mark.parametrize("nino", ["BG 12 34 56 A", "GB123456A", "NT 99 88 77 A", "AB 12 34 56 E", "DA123456A",
                                  "AB12345C", "QQ 12 34 56 A"])
def test_invalid_ninos_rejected(nino: str) -> None:
    assert find_ninos(f"NI number {nino}.") == []


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A1BB", "GIR 0AA",
                                      "LS1 4AB"])
def test_valid_postcodes_found(postcode: str) -> None:
    text = f"Lives at {postcode} with daughter"
    assert spans(find_postcodes(text), text) == [postcode]


@pytest.mark.parametrize("text", ["QA1 1AA", "VA1 1AA", "M1 1CA", "1A1 1AA", "ABCM11AADEF", "13-215", "EQ004512"])
def test_postcode_look_alikes_rejected(text: str) -> None:
    assert find_postcodes(text) == []


@pytest.mark.parametrize("phone", [
    "0113 496 0123", "01134960123", "(0113) 496 0123", "+44 113 496 0123", "+44 (0)113 496 0123", "+441134960123",
    "07700 900123", "07700 900 123", "+44 7700 900123", "020 7946 0123", "0113-496-0123", "01632 960123",
    "(0)7700 900123",
])
def test_uk_phone_formats_found(phone: str) -> None:
    text = f"Please call {phone} after 5pm"
    assert spans(find_uk_phones(text), text) == [phone]


def test_phone_stops_before_its_extension_and_other_numbers() -> None:
    """The extension after a switchboard number is an internal number, kept like every extension."""
    text = "Tel 0113 496 0123 ext 4521 re 2 pumps"
    assert spans(find_uk_phones(text), text) == ["0113 496 0123"]
    assert spans(find_extensions(text), text) == ["ext 4521"]
    text = "rang (0113) 496 0123 2 pumps returned"
    assert spans(find_uk_phones(text), text) == ["(0113) 496 0123"]


@pytest.mark.parametrize("text", ["0113 496", "serial 123456789012", "EQ004512", "cost 1234.50", "14/03/2019",
                                  "0400 000 0000", "01111111111",
                                  # part and catalogue numbers: grouped as no UK number is, or named as parts
                                  "Part 098-436024-70 ordered", "fitted 036-852067-89", "P/N 01632960123",
                                  "REF: 0113 496 0123"])
def test_phone_look_alikes_rejected(text: str) -> None:
    assert find_uk_phones(text) == []


@pytest.mark.parametrize("text,expected", [
    ("FLEET DESK 01332 861000 ADVISED", "01332 861000"), ("via switchboard 0115 924 9924 ask for EBME",
                                                          "0115 924 9924"),
    ("rang the supplier on 0800 123 4567", "0800 123 4567"), ("call switchboard 0300 311 2233", "0300 311 2233"),
    ("out of hours 028 9504 1234", "028 9504 1234"),
    # a business-rate number; a maker's line in brackets after its name of one to three words
    ("bookings line 0845 600 1234", "0845 600 1234"), ("advice from Fisher & Paykel (0345 266 2627) re humidifier",
                                                       "(0345 266 2627)"),
    # after a maker's name and "on" or "tel"
    ("chased Siemens on 0113 496 0543 re part", "0113 496 0543"), ("chased GE Healthcare tel: 01635 206000",
                                                                  "01635 206000"),
    # a non-geographic number right after the maker's name
    ("job logged with Canon Medical 0345 603 2150 ref 123", "0345 603 2150"),
    # a maker's support line under its service contract
    ("Spare for Lark Ward; GE contract, support 0330 013 2104", "0330 013 2104"),
    # what a service's line is rung for, nobody's name before it
    ("pt adviced to ring 01902 695 110 for batteries", "01902 695 110"),
    ("call 01632 960123 for an appointment", "01632 960123"),
])
def test_an_organisations_own_line_is_kept_as_an_internal_number(text: str, expected: str) -> None:
    """A desk's landline or a non-geographic number reaches an organisation, not a person."""
    assert find_uk_phones(text) == []
    assert spans(find_extensions(text), text) == [expected]


@pytest.mark.parametrize("text,kept", [
    ("chased Eaton on 0113 496 0543 re batteries", True),  # makers only this dataset names
    ("logged with Hillcrest Medical 01344 387 400, their ref SR2845081", True),
    ("rep from hillcrest medical 0345 266 2627 collecting", True),
    ("spoke to Jane Eaton 01632 960123", False),  # a person named like the maker
    ("Mrs Eaton (01632 960123)", False), ("moved to Leeds 0113 496 0123", False),  # a town ends an address
    ("pt now in Otley (01943 123456)", False), ("call Eaton's rep Tom Hall on 07700 900123", False),
    # after "to" the maker rung, in any case; a town there is still where somebody went to live
    ("e-01 door switch on start up, reported to eaton 01922 656 301.", True), ("pt moved to Otley 01943 123456", False),
    ("new address 4 Moor Lane, Sowerby Bridge (01422 123456)", False),
    # however the number is written, and whichever recognizer finds it; a maker's arm in a country is the maker's
    ("Fujifilm: 0844 553 0099 - engineer booked", True), ("per Siemens hotline +44 (0) 345 600 1122", True),
    ("logged with Eaton UK (0113 496 0543)", True), ("Konica Minolta tel 01784 243 000", True),
    ("rang Jo on +44 (0) 345 600 1122", False), ("moved to Otley UK 01943 123456", False),
    ("mum on 0044 1632 960 123", False),
])
def test_a_line_after_a_maker_the_dataset_names_is_that_makers(text: str, kept: bool) -> None:
    from intake.anonymisation import DetectorConfig, TextDetector, Vocabulary

    vocabulary = Vocabulary.load().with_allowed(["Eaton", "Hillcrest Medical", "Leeds", "Otley"])
    findings = TextDetector(DetectorConfig(vocabulary=vocabulary)).analyze([text])[0]
    numbers = [f for f in findings if f.entity_type not in ("PERSON", "INTERNAL_NUMBER")]  # a phone, or a patient's
    assert (numbers == []) == kept, numbers


@pytest.mark.parametrize("text", ["call Jane on 01332 861000", "helpdesk rang back from 07700 900123",
                                  "Jane's direct line 0300 311 2233",  # trusts give staff 03 numbers
                                  "switchboard put me through to her mobile 07700 900123",
                                  "rang Aoife on 087 123 4567",  # an Irish mobile: ten digits, not UK 087x
                                  "spoke to Sarah Jones on 0113 496 0543", "chased Siemens on 07700 900123",
                                  "ring Jo on 01632 960123 for batteries", "ring 07700 900123 for batteries"])
def test_a_persons_line_stays_a_phone_beside_desk_words(text: str) -> None:
    assert len(find_uk_phones(text)) == 1 and find_extensions(text) == []


@pytest.mark.parametrize("text,expected", [
    ("call +1 (555) 010-2345", "+1 (555) 010-2345"), ("rep on +353 87 000 0000", "+353 87 000 0000"),
    ("tel 00 49 30 1234 5678", "00 49 30 1234 5678"), ("call 555-010-2345 after 2", "555-010-2345"),
])
def test_another_countrys_number_is_found_even_in_a_range_not_yet_allocated(text: str, expected: str) -> None:
    """phonenumbers' matcher reports valid numbers only; a made-up or new range is still somebody's line."""
    assert spans(find_foreign_phones(text), text) == [expected]


@pytest.mark.parametrize("text", ["Serial 0012345678 checked", "SN: 00123 4567 89", "ref 555-010-2345",
                                  "P/N +1 555 010 2345", "readings +12 -5 +3 +7 +9 +11", "temp +37.5 C",
                                  "NHS no 485 777 3456", "call +44 7700 900123", "NHS number 943 476 5919"])
def test_serials_parts_readings_and_uk_or_nhs_numbers_are_no_foreign_phone(text: str) -> None:
    assert find_foreign_phones(text) == []


@pytest.mark.parametrize("text,expected", [("ring ext 4521", "ext 4521"), ("bleep 1234", "bleep 1234"),
                                           ("call x4521 now", "x4521"), ("Ext. 2345", "Ext. 2345")])
def test_extensions_found(text: str, expected: str) -> None:
    assert spans(find_extensions(text), text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("DOB 12/03/1954, fell", "12/03/1954"), ("d.o.b. 4 June 1976", "4 June 1976"),
    ("date of birth: 22-Nov-1972", "22-Nov-1972"), ("born 15/06/1991 in Leeds", "15/06/1991"),
    ("DOB 12.03.54", "12.03.54"), ("Date of birth - 12 March 51", "12 March 51"),
    ("date of birth: 12 Mar '56", "12 Mar '56"), ("age 67 (12/03/1956) fell", "12/03/1956"),
    ("mr x dob 11061933 machine in back bedroom", "11061933"), ("dob-12/3/61 collapsed", "12/3/61"),
    ("pt Sarah Cole (12/03/1961) conveyed", "12/03/1961"), ("DOB 3rd of March 1961", "3rd of March 1961"),
    ("D/O/B 03/03/1961", "03/03/1961"), ("d.o.b 1961-3-3 fall", "1961-3-3"), ("DOB 1961/03/12", "1961/03/12"),
    ("DOB 12 03 1961 fall", "12 03 1961"), ("DOB 12MAR1961", "12MAR1961"), ("dob 3mar61 fall", "3mar61"),
    # a date too old to be the job's, right after a patient's or a titled person's name
    ("Pt: J Smith 12/03/1961", "12/03/1961"), ("Mrs Smith, 12/03/1961, NHS 943 476 5919", "12/03/1961"),
    ("Mrs Smith 12/03/61 fell", "12/03/61"), ("pt 12/03/1961 NHS 4505577112", "12/03/1961"),
    # DICOM's year-first date after a birth label or tag; six digits right after "DOB"
    ("DOB 19650312 held in QC", "19650312"), ("PatientBirthDate=19650312", "19650312"),
    ("(0010,0030) DA [19650312]", "19650312"), ("pt DOB 120356 on the form", "120356"),
    # the label run into the date; a two-digit year typed with spaces after "DOB"
    ("pt DOB12/03/61 seen", "12/03/61"), ("dob - 12 03 61 rang", "12 03 61"),
])
def test_dates_of_birth_found_by_context(text: str, expected: str) -> None:
    assert spans(find_dates_of_birth(text), text) == [expected]


def test_plain_dates_are_not_dates_of_birth() -> None:
    assert find_dates_of_birth("PPM done 12/03/2024, next due 12/03/2025") == []
    assert find_dates_of_birth("pt transferred (12/03/2024) to ward") == []
    assert find_dates_of_birth("pt 12/03/2024 seen") == []
    assert find_dates_of_birth("dob 12 03 61 12 test") == [] and find_dates_of_birth("method12/03/61") == []
    assert find_dates_of_birth("PPM 12 03 2024 next due 12MAR2025") == []
    assert find_dates_of_birth("ref 120356 dob") == [] and find_dates_of_birth("study 20240312 sent") == []
    # after a digit a hyphen joins a range or a part number: the second date is no more a birth date than the first
    text = "DOB 12/03/1961 seen 12/03/2020-13/03/2020"
    assert spans(find_dates_of_birth(text), text) == ["12/03/1961"]
    assert find_dates_of_birth("age 67 (seen 12/03/2023)") == []
    for text in ("Mr Jones 12/03/2024 replaced battery", "seen by Mrs Patel, 14/05/2023", "pt J Smith 12/03/2024 "
                 "transferred", "Mr Jones attended 12/03/1998 install", "installed 12/03/1994, still in use"):
        assert find_dates_of_birth(text) == [], text
    assert find_nhs_numbers("order 943 4765 919 raised") == []


def test_hospital_numbers_need_a_context_word() -> None:
    patterns = [r"\b[A-Z]{1,3}\d{6,8}\b"]
    assert spans(find_mrns("MRN K1234567 transferred", patterns), "MRN K1234567 transferred") == ["K1234567"]
    assert find_mrns("Asset EQ004512 moved", patterns) == []  # equipment numbers have the same shape


def test_emails_found_and_checked_against_public_suffixes() -> None:
    text = "email j.smith@nhs.net or jane at example.co.uk; not info@presidio."
    assert spans(find_emails(text), text) == ["j.smith@nhs.net", "jane at example.co.uk"]


@pytest.mark.parametrize("text,expected", [
    ("email jane.smith(at)nhs.net", "jane.smith(at)nhs.net"), ("email: jane.smith @ nhs.net", "jane.smith @ nhs.net"),
    ("sent to jsmith@trust yesterday", "jsmith@trust"), ("cc j.smith@rwh", "j.smith@rwh"),
])
def test_addresses_typed_with_spaces_brackets_or_no_public_suffix(text: str, expected: str) -> None:
    assert spans(find_emails(text), text) == [expected]


@pytest.mark.parametrize("text", ["1 x pump @ 50 each", "seen @1400 by ward", "pump@ward 7", "price 3@ 25",
                                  "contact ebme@trust", "@JB can you check"])
def test_at_signs_that_are_no_address(text: str) -> None:
    assert find_emails(text) == []


@pytest.mark.parametrize("text,number", [
    ("screen cracked - pt no 2462614", "2462614"),
    ("pt. no: 40123456 on label", "40123456"),
    ("replaced battery, RX1 3660814", "RX1 3660814"),
    ("left on the bed of RTH-4012345678", "RTH-4012345678"),
    # as typed: a hyphen or two spaces after the letters, the digits in two groups
    ("PAS: RX-4355860: BP readings", "RX-4355860"), ("pas no rx  1660070. downloaded", "rx  1660070"),
    ("HN RX324 9080: BP READINGS INCONSISTENT", "RX324 9080"), ("arrest on ward. pt RX475 1807 seen", "RX475 1807"),
    # the patient administration and community systems' names for the number
    ("concentrator noisy at home. client no: 1892-5538.", "1892-5538"), ("RiO ID 2705 1228 / loan", "2705 1228"),
    ("KIT RETURNED FROM HOME. CLIENT 25956419. BATTERY OK", "25956419"), ("comm ID 65034910, DOB", "65034910"),
    ("loan to Mr Adeyemi (hosp RX5692844) - returned", "RX5692844"), ("ID band RX8059094. Pump", "RX8059094"),
    ("PUMP KEEPS BEEPING, PTS NUMBER IS RX798 7785 IF U NEED IT", "RX798 7785"),
    ("ref Lorenzo no. Rx1605865 family asking", "Rx1605865"), ("SystmOne 40118273 for the loan", "40118273"),
    # social care's case systems ("Mosaic ID", "LAS ID") and their names for the person ("SU no", "Person ID")
    ("hoist delivered, Mosaic ID 1234567", "1234567"), ("LAS ID 5523412 - bed", "5523412"),
    ("su no 123456 bed rails fitted", "123456"), ("Person ID: 8812345", "8812345"),
    ("Carefirst 654321 collected", "654321"),
    # a hospital's letters and a slash before the number; a unique record number
    ("hosp no JGH/0123456", "JGH/0123456"), ("URN PEH-012345 on the label", "PEH-012345"),
    # a hospital's patient administration system by name before its number
    ("Medway no 12345678 on pump", "12345678"), ("Trak no. A1234567", "A1234567"), ("Epic MRN 12345678", "12345678"),
    # a newborn's number, the mother's with the baby's suffix, where a newborn is spoken of; a baby security tag
    ("Used for Baby of LOKE (L1321311/B1) on Kestrel Ward", "L1321311/B1"),
    ("incubator alarming with baby inside (l2354302-b1)", "l2354302-b1"),
    ("Alerts: BABY SECURITY TAG 40350 - REMOVE", "40350"), ("Hugs tag 40812 for Amy keeps alarming", "40812"),
    ("Last alarm: tag 40034 (Baby of Jones, Bay 5) strap cut", "40034"),
    ("baby tag no. BT-44812 removed at discharge", "BT-44812"), ("HUGS band 1204 cut off at discharge", "1204"),
    ("babytag: 22019", "22019"), ("infant security band 10423 failed", "10423"),
    ("Skin tear to left forearm, dressed by Sr Kaur. RN 6441073. Tissue viability referral done.", "6441073"),
])
def test_patient_numbers_by_their_label_or_trust_code(text: str, number: str) -> None:
    assert [text[f.start:f.end] for f in find_mrns(text, [])] == [number]


@pytest.mark.parametrize("text", ["part no 1000SP01234", "serial 800123456", "R2D 12", "PPM due 12/2025",
                                  "epic no 3 room", "Cerner 2024 upgrade 1234567 rows", "part 123456-B2 fitted",
                                  "fuse 1234567/T1 replaced", "asset tag 40350 incubator for baby", "tag 40350 on pump",
                                  "PAT tag 12345 baby scales", "band 12345 freq", "RN 12 on shift",
                                  "Equipment tag EB-44812 on the baby warmer",
                                  "defib'd pt x3 at scene (230212-7918), no issues",
                                  "remove old pt labels from pump 00671869 - label showed",
                                  "qc fail, not pt related. wo 19539444", "community 2 pumps back",
                                  "hospital 2 beds short", "Sr Jones\r\nRaigmore Hospital\r\nExt 64494",
                                  "Community\nExt 64494", "Hospital\nx44712", "LAS 2019 audit",
                                  "mosaic floor tiles, 12 pack", "person 2 lifting",
                                  # a return's or a reference's letters, which a trust's code could spell
                                  "back from Olympus repair 25/08/2024, RMA-6353892.", "rma-7555640", "REF 1234567"])
def test_numbers_without_a_patient_label_are_not_hospital_numbers(text: str) -> None:
    assert find_mrns(text, []) == []


def test_a_birth_context_speaks_for_the_first_date_after_it_only() -> None:
    text = "DOB 03/04/1961 next cal 21/01/2023"
    assert [text[f.start:f.end] for f in find_dates_of_birth(text)] == ["03/04/1961"]
    assert find_dates_of_birth("DOB 1961 next cal 21/01/2023") == []  # after generalisation to the year
    # A birth word after a date in another sentence speaks for its own date, not the service date before it.
    text = "Next service 14 Aug 2020. Pt born 12/1/1990. Next cal 2025-04-18"
    assert [text[f.start:f.end] for f in find_dates_of_birth(text)] == ["12/1/1990"]
    assert [f.start for f in find_dates_of_birth("wife 03/04/1961 born in leeds")] == [5]


@pytest.mark.parametrize("address", ["medical.devices@nhs.net", "medphys.faults@nhs.net", "ebme.helpdesk@nhs.net",
                                     "biomed.faults@trust.nhs.uk", "infection.control@nhs.net",
                                     "radiology.bookings@nhs.net"])
def test_role_mailboxes_are_kept(address: str) -> None:
    assert find_emails(f"email {address} for loan kit") == []


@pytest.mark.parametrize("text,expected", [
    ("Pt Mary Jones, 20.05.1950, fell in bathroom", ["20.05.1950"]),
    ("pt okafor, 3/4/55", ["3/4/55"]),
    # a date after what is no name: a visit, a transfer
    ("pt seen by J Smith, 12/03/2024 visit", []),
    ("patient transferred, 12/03/2024", []),
])
def test_a_date_right_after_the_patients_name_is_their_birth_date(text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_dates_of_birth(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("no manual CPR. ePR 6529648 attached", ["6529648"]),
    ("ePCR ref: 12345678", ["12345678"]),
    ("PCR 1234", []),  # too short for a record number
    ("epr 2.3 firmware", []),
])
def test_an_ambulance_patient_care_record_number_is_a_patients_number(text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_mrns(text, ())] == expected


@pytest.mark.parametrize("text,entity,expected", [
    ("call back on 07700\u00a0900123", "PHONE_NUMBER", "07700\u00a0900123"),
    ("mob 07700\u2013900123", "PHONE_NUMBER", "07700\u2013900123"),
    ("pt lives at 14\u00a0Oak Avenue", "ADDRESS", "14\u00a0Oak Avenue"),
    ("NHS\u00a0943\u00a0476\u00a05919", "UK_NHS", "943\u00a0476\u00a05919"),
    ("Replaced battery.\u00a0AB", "PERSON", "AB"),
    ("call back on \uff10\uff17\uff17\uff10\uff10 900123", "PHONE_NUMBER", "\uff10\uff17\uff17\uff10\uff10 900123"),
])
def test_values_typed_with_no_break_spaces_dashes_or_full_width_digits(detector, text: str, entity: str,
                                                                       expected: str) -> None:
    """Word processors and mail clients type these; the offsets found are the original text's."""
    from .test_contextual_names import found

    assert found(detector, text, entity) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("Sunita Sangha | 12/03/1961 | 14 Oak Avenue", "12/03/1961"), ("Jane Smith; 12.03.61; Derby", "12.03.61"),
    ("pt sangha, sunita (12-03-1961) at home", "12-03-1961"),  # not a hospital number in brackets
    # however young: a whole name and a date alone in brackets, a newborn's name and a date
    ("event log in memory (Archie Entwistle 09/04/2021) downloaded", "09/04/2021"),
    ("Baby Jones 02/01/2025 NICU incubator 3", "02/01/2025"), ("memory (baby Jones 19/01/24)", "19/01/24"),
    ("pt data cleared from memory (Amelia N. 09/11/2015) - witnessed", "09/11/2015"),  # a given name, an initial
])
def test_an_old_date_set_beside_a_name_as_a_forms_field_is_a_birth_date(detector, text: str, expected: str) -> None:
    from .test_contextual_names import found

    assert found(detector, text, "DATE_OF_BIRTH") == [expected]


@pytest.mark.parametrize("text", ["Jane Smith 12/03/2024 replaced battery", "seen by Jane Smith, 14/05/2023",
                                  "checked (J Smith 12/03/2024) ok"])  # a signature: an initial, not a whole name
def test_the_jobs_own_date_beside_a_name_stays_a_date(detector, text: str) -> None:
    from .test_contextual_names import found

    assert found(detector, text, "DATE_OF_BIRTH") == []


@pytest.mark.parametrize("text,phones", [
    # SAP's purchase orders are ten digits, as a North American number is: named as an order, or bare
    ("PO 4506026026", []), ("bought on po 4588012184", []), ("4506645654", []),
    ("purchase order 4503892341 raised", []),
    # a North American number grouped as one, or said to be one, still is
    ("US support (450) 664-5654", ["(450) 664-5654"]), ("tel 4506645654", ["4506645654"]),
])
def test_a_purchase_order_is_no_north_american_phone(text: str, phones: list[str]) -> None:
    from intake.anonymisation.presidio_adapters import InternationalPhoneRecognizer

    found = InternationalPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])
    found += [f for f in find_foreign_phones(text) if not any(r.start == f.start for r in found)]  # type: ignore[misc]
    assert sorted(text[f.start:f.end] for f in found) == phones


@pytest.mark.parametrize("text", ["Jane Baxter 0345 603 2150", "Mr Baxter 0345 603 2150"])
def test_a_persons_number_after_a_name_that_is_a_maker_too_stays_a_phone(text: str) -> None:
    assert spans(find_uk_phones(text), text) == ["0345 603 2150"]
