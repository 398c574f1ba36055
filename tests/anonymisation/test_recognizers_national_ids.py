"""Other countries' identity numbers with their check, and a Spanish partner's notes."""

from __future__ import annotations

import pytest

from intake.anonymisation.engine import TextDetector
from intake.anonymisation.recognizers_es import find_spanish_addresses
from intake.anonymisation.recognizers_national_ids import find_national_ids, find_orcids, orcid_valid

from .test_contextual_names import found


@pytest.mark.parametrize("text,ids", [
    ("visitante con DNI 12345678Z", ["12345678Z"]), ("NIE X1234567L", ["X1234567L"]),
    ("nie x-1234567-l", ["x-1234567-l"]),
    ("DNI 12345678A", []),  # the letter does not fit: a part number's shape
    ("lot 12345678Z1", []), ("ref Y12345678Z", []),
])
def test_spanish_dni_and_nie_by_their_letter(text: str, ids: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_national_ids(text)] == ids


@pytest.mark.parametrize(("text", "ids"), [
    ("SS no GY123456", ["GY123456"]), ("Guernsey SS GY 123456 on file", ["GY 123456"]),
    ("Soc Sec JY 12 34 56 C", ["JY 12 34 56 C"]), ("insurance no AB123456", ["AB123456"]),
    ("ss 316 steel screws", []), ("SS 12 bolts", []), ("GY123456 on the form", []),
])
def test_a_social_security_number_after_its_label(text: str, ids: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_national_ids(text)] == ids


def test_orcid_ids_by_their_check_character() -> None:
    assert orcid_valid("0000-0002-1825-0097") and orcid_valid("0000-0002-1694-233X")
    assert not orcid_valid("0000-0002-1825-0098")
    text = "PI J Okafor, ORCID 0000-0002-1825-0097; https://orcid.org/0000-0002-1694-233X; part 1234-5678-9012-3456"
    assert [text[f.start:f.end] for f in find_orcids(text)] == [
        "0000-0002-1825-0097", "https://orcid.org/0000-0002-1694-233X"]


@pytest.mark.parametrize("text,spans", [
    ("paciente extranjero NIE X1234567L, domicilio C/ Alcalá 45, 3º B, 28014 Madrid", ["C/ Alcalá 45, 3º B", "28014"]),
    ("con domicilio en Calle de la Princesa 12, 28008 Madrid.", ["Calle de la Princesa 12", "28008"]),
    ("lote 28014 Madrid", []), ("sent via Theatre 3 for decon", []), ("calle 5 del almacén", []),
    ("CALLED ESTATES EXT 53609. SELBY", []),  # no "calle" inside a word
])
def test_a_spanish_home_and_its_postcode(text: str, spans: list[str]) -> None:
    assert [text[f.start:f.end] for f in find_spanish_addresses(text)] == spans


@pytest.mark.parametrize("text,entity,value", [
    ("error E12 con muestra de paciente NHC 1234567, repetir", "MRN", "1234567"),
    ("muestra coagulada (historia 1234567)", "MRN", "1234567"),
    ("paciente Ana Ruiz, DNI 12345678Z, f. nac. 12/03/1961 - resultado", "DATE_OF_BIRTH", "12/03/1961"),
    # a continental vendor's birth date labels
    ("Pat. Huber, geb. 12.03.1965, Endoskop 3", "DATE_OF_BIRTH", "12.03.1965"),
    ("Geb.-Datum 12.03.1965", "DATE_OF_BIRTH", "12.03.1965"),
    ("Resultado (nacido el 12/03/1961) sin volcar", "DATE_OF_BIRTH", "12/03/1961"),
    ("Se localiza a su hija en el 612 345 678.", "PHONE_NUMBER", "612 345 678"),
    ("visitante con DNI 12345678Z", "NATIONAL_ID", "12345678Z"),
])
def test_a_spanish_partners_patient_details(detector: TextDetector, text: str, entity: str, value: str) -> None:
    assert value in found(detector, text, entity)


@pytest.mark.parametrize("text,phones", [
    ("16/01/2022: llamar a Luis Pérez al 675499982", ["675499982"]),  # ungrouped, after "al"
    ("muestra coagulada, nueva extracción. familia: su hija Ana 637 612 964", ["637 612 964"]),  # in Spanish
    ("Roche España Móvil: 635814774", ["635814774"]),
    ("serial 608 922 963 replaced the pump", []), ("part 675499982 fitted", []),  # English notes: a part's
])
def test_a_spanish_mobile(detector: TextDetector, text: str, phones: list[str]) -> None:
    assert found(detector, text, "PHONE_NUMBER") == phones


@pytest.mark.parametrize("text,names", [
    ("MOVE-IT visit 2: Caroline (K0275720) 07795 740107", ["Caroline"]),  # her record number
    ("Euan (son) dropped it at reception", ["Euan"]), ("dropped at home, Georgia (wife) signed for it", ["Georgia"]),
    ("returned to Philips (K0275720)", []), ("Ward 7 (wife)", []),
    # a name no list holds, beside a relation; a town or a place after a role is no person
    ("Tinotenda (son) collected it", ["Tinotenda"]), ("her daughter (Ruvimbo) rang back", ["Ruvimbo"]),
    ("son (Leeds) collected", []), ("the FY1 (Cardio) reviewed", []),
    # after a doctor's grade or a service's lead, a name listed or not; a department, a lead's colour or maker
    ("the FY1 (Ruvimbo) reviewed at 14:11", ["Ruvimbo"]), ("authorised by Decontamination Lead (Rhodri)", ["Rhodri"]),
    ("asking audiology admin lead (harbhajan)", ["harbhajan"]), ("ST4 (Resus) aware", []),
    ("ECG lead (V1) replaced", []), ("spare lead (Philips) ordered", []), ("lead (red) swapped", []),
    # a name English uses too, beside a relation in brackets or right after it in a sentence; what a relation is
    ("his wife (Lovely) said", ["Lovely"]), ("HER WIFE (LOVELY) WAS PRESENT", ["LOVELY"]),
    ("Faith (wife) rang", ["Faith"]), ("her daughter Blessing rang", ["Blessing"]),
    ("<li>niece Gift informed</li>", ["Gift"]),
    ("daughter (deceased)", []), ("wife (NOK) aware", []), ("WIFE (PRESENT)", []),
    ("Daughter Present At Visit", []), ("daughter Informed of fault", []), ("left with daughter. Lovely day", []),
])
def test_a_name_its_bracket_says_is_a_persons(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


def test_a_spanish_dni_with_grouped_digits() -> None:
    text = "ingreso (DNI 51.208.130-X, NHC 1234567)"
    assert [text[f.start:f.end] for f in find_national_ids(text)] == ["51.208.130-X"]


def test_a_mark_after_a_test_and_its_result(detector: TextDetector) -> None:
    assert found(detector, "passed PAT KH", "PERSON") == ["KH"]
    assert found(detector, "passed PAT OK", "PERSON") == []


@pytest.mark.parametrize("text,entity", [
    ("see SR 21683151 | CAL-8784-99760", "ADDRESS"),  # a maker's service request, not a grid reference
    ("faults: Memmert service line 01223 527 400", "PHONE_NUMBER"),  # the maker's line
    ("lab booking via cl3.users@kingsmere.ac.uk", "EMAIL_ADDRESS"),  # a containment level's users: a group
])
def test_a_labs_references_are_kept(detector: TextDetector, text: str, entity: str) -> None:
    assert found(detector, text, entity) == []
