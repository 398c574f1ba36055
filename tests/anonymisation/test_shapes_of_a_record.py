"""How records write a person down, as a Scottish board's CMMS notes do: a phone number inside brackets, a CHI
number without its label, a surname with its initial, an old date in brackets after a name, a login after it, a
home by its house name or tenement flat, marks in odd brackets, a Windows line end before a sender's name."""

from __future__ import annotations

import pytest

from intake.anonymisation.engine import TextDetector

from .test_contextual_names import found


@pytest.mark.parametrize("text,expected", [
    ("spoke to D Rennie (mob 0758-136-0823)", ["0758-136-0823"]),
    ("(mob +44 7581 360823)", ["+44 7581 360823"]), ("(tel 0141 932 6581)", ["0141 932 6581"]),
    ("call (0161) 496 0000 today", ["(0161) 496 0000"]), ("part (040-001595)", []),
])
def test_a_phone_number_inside_brackets_is_read_to_its_end(detector: TextDetector, text: str,
                                                           expected: list[str]) -> None:
    assert found(detector, text, "PHONE_NUMBER") == expected


@pytest.mark.parametrize("text,expected", [
    # 12 April 1965 and a check digit that holds (modulus 11), grouped as a date is
    ("Mrs Eilidh MacLeod 120465 3984 on the list", ["120465 3984"]), ("pt 12 04 65 2597 here", ["12 04 65 2597"]),
    ("filed on Ms N. Paterson 120465-7912 by mistake", ["120465-7912"]),
    ("serial 1204653985 here", []), ("order 4100 2223 45", []),  # no check digit, no date
    # an ambulance call's number is a date and four digits too (24 Aug 2023, call 695): after its label, or
    # hyphenated with no patient near, it is that
    ("CAD 230824-0695 attended", []), ("230824-0695", []), ("mailbox for 231214-6991", [])
])
def test_a_chi_number_without_its_label(detector: TextDetector, text: str, expected: list[str]) -> None:
    assert found(detector, text, "UK_NHS") == expected


@pytest.mark.parametrize("text,names,births", [
    ("snapped on labour ward while macrae, m (10 jul 75) was getting out", ["macrae, m"], ["10 jul 75"]),
    ("while GRAEME MACLEOD (28.07.74) was getting out", ["GRAEME MACLEOD"], ["28.07.74"]),
    ("pump installed (12.03.98) in theatre", [], []), ("last PPM done (04.10.19)", [], []),

])
def test_a_name_and_an_old_date_in_brackets_after_it(detector: TextDetector, text: str, names: list[str],
                                                     births: list[str]) -> None:
    assert found(detector, text, "PERSON") == names
    assert found(detector, text, "DATE_OF_BIRTH") == births


@pytest.mark.parametrize("text,names", [
    ("meantime; signed for by Màiri (oneillm2)", ["Màiri", "oneillm2"]),
    ("signed for by Ewan (ewan.crawford)", ["Ewan", "ewan.crawford"]), ("sent to Ward 7 (ward7a)", []),
    ("had pt data for Sarwar, A (CHI 100786-4354) + MCCALLUM, Hamish.", ["Sarwar, A", "MCCALLUM, Hamish"]),
    ("had pt data for rowan young (CHI 0503001074)", ["rowan young"]),
    ("monitor at bed 6 (dorota nowak, unit no 48506045) lost SpO2", ["dorota nowak"]),
    # a procedure before the patient's number in brackets is what they had, not who they are
    ("cycle 77754 Dupuytren's fasciectomy (NHS 943 476 5919)", []),
    ("fluid ingress, unit no 4, cleaned", []), ("at pt address: Young, R, 103 Byres Road", ["Young, R"]),
    ("Theatre, B block closed", []), ("Bay, C is closed", []), ("Arthroscopy, L knee", []), ("THR, R", []),
    ("cycle 77752 Dupuytren's fasciectomy (12.03.61)", []),  # the procedure a patient born then had
    ("cycle 77752 Heller myotomy (12.03.61)", []), ("cycle 77752 Kasai portoenterostomy (12.03.61)", []),
    ("WD1 cycle 29970 Dupuytren's fasciectomy MRN 5582153", []),  # before the patient's number too
])
def test_names_in_the_shapes_records_write_them(detector: TextDetector, text: str, names: list[str]) -> None:
    assert found(detector, text, "PERSON") == names


@pytest.mark.parametrize("text,expected", [
    ("collected from pt home Burnside Farmhouse, Carmunnock G51 3ZJ. ok", ["Burnside Farmhouse"]),
    ("address: matheson, murdo, 3f2 62 marchmont crescent. tel 0141 932 6581", ["3f2 62 marchmont crescent"]),
    ("pt, Ms Eilidh Ross, 3f2 62 Marchmont Crescent, Edinburgh", ["3f2 62 Marchmont Crescent"]),
    ("pt home visit booked for Tuesday", []), ("bay 2/1 fitted", []),
    # a farm or a cottage and its town, no street; a close named with its article, and its town
    ("concentrator to Hillside Farm, Ballymena", ["Hillside Farm"]),
    ("1 The Paddocks, Little Haywood", ["1 The Paddocks, Little Haywood"]),
    ("Trust House, Leeds", []), ("replaced 2 The batteries", []), ("Room 2 The Grange, Hull", []),
    ("Grange Farm, Smithville", []),  # no town the shipped list knows
])
def test_a_home_by_its_house_name_or_tenement_flat(detector: TextDetector, text: str, expected: list[str]) -> None:
    assert found(detector, text, "ADDRESS") == expected


@pytest.mark.parametrize("text,marks", [
    ("on hold (/SQ)", ["SQ"]), ("on hold ((GC))", ["GC"]), ("awaiting parts, on hold (SG)", ["SG"]),
    ("mains lead cut & replaced. NM", ["NM"]), ("signed off. CO", ["CO"]),
    ("pump alarming (OCC)", []), ("Checked. OK", []), ("Tested. ECG", []),
    ("Decon ok.\nLSCS", []), ("cycle 77752 Bankart repair\nTURP\nnext", []), ("Replaced tube.\nAK", ["AK"]),
    # a company's suffix stands after its name; alone where a mark stands, it is a mark
    ("Tesla checked. (AG)", ["AG"]), ("Monitor. - AG", ["AG"]), ("service by Siemens AG today", []),
    ("signed off. CO - parts: 1 x fuse", ["CO"]),
    # a rich-text field closes its markup after the mark ("<p>...</p>" as SharePoint exports it)
    ('<div><p><span style="font-size:10pt">done. Jo happy. NM</span></p></div> | lap belt', ["Jo", "NM"]),
    ("<p>mains lead cut &amp; replaced. NM</p>", ["NM"]), ("<p>Tested. <b>ECG</b></p>", []),
    # two capitals where the entry ends a few words after the work, after "by" there, in brackets with the date,
    # a sentence of their own between two; not a word of a text in capitals, a unit, a courier or an abbreviation
    ("fitted new battery JB", ["JB"]), ("Awaiting parts JB", ["JB"]), ("REPLACED FUSE JB", ["JB"]),
    ("Returned to ward by JB", ["JB"]), ("(JB 12/3) replaced fuse", ["JB"]),
    ("Replaced fuse. Tested. JB. Returned to ward.", ["JB"]),
    ("FITTED NEW FUSE TO IT", []), ("SENT TO US", []), ("REPLACED BATTERY, TESTED OK", []),
    ("Replaced screen LCD", []), ("parts sent by DHL", []), ("Checked. ECG. Returned", []), ("moved to CT", []),
    # the author right after a log entry's full time stamp; a mark before "//" or a comma and the next sentence
    ("2019-01-06T07:31:00 LF WARD 4 - PT ADMITTED", ["LF"]), ("12/03/2024 10:15 TP SD card recvd", ["TP"]),
    ("2019-02-19T09:25:00 PT seen in clinic", []), ("12/03/2024 10:15 CT scanner down", []),
    ("2021-11-10T01:59:05Z EOC chased", []),  # a team's three capitals
    ("SEEN IN CLINIC (WIFE). LF // 24% NIGHTS", ["LF"]), ("Seen in clinic. MT, Compliant.", ["MT"]),
])
def test_marks_in_the_places_that_sign_an_entry(detector: TextDetector, text: str, marks: list[str]) -> None:
    assert found(detector, text, "PERSON") == marks


@pytest.mark.parametrize("text,logins", [
    ("23/06/2023 03:23 - jbuenaventura: rang CT", ["jbuenaventura"]),
    ("2020-11-29 22:55 decontaminated and returned", []),
])
def test_a_long_login_as_an_entrys_author(detector: TextDetector, text: str, logins: list[str]) -> None:
    assert found(detector, text, "PERSON") == logins


def test_a_windows_line_end_before_the_senders_name(detector: TextDetector) -> None:
    assert found(detector, "Thanks\r\n\r\nKind regards\r\nLovely\r\nField Service Engineer", "PERSON") == ["Lovely"]
