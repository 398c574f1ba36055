"""Windows accounts as a domain writes them, and insured patients' membership numbers: personal values whose
neighbours (the domain, the insurer) are an organisation's and stay."""

from __future__ import annotations

import pytest

from intake.anonymisation.column_names import column_hints
from intake.anonymisation.engine import TextDetector
from intake.anonymisation.log_authors import domain_account
from intake.anonymisation.recognizers_insurance import find_insurance_numbers

from .test_contextual_names import found


@pytest.mark.parametrize("text,login", [
    ("2021-03-14 14:47 HARTLEY\\ptrelawney changed Status from In Use to Quarantined", "ptrelawney"),
    ("changed by HARTLEY\\ptrelawney", "ptrelawney"), ("user NHS\\jsmith2 edited status", "jsmith2"),
])
def test_a_domain_account_is_replaced_and_its_domain_kept(detector: TextDetector, text: str, login: str) -> None:
    assert found(detector, text, "PERSON") == [login]


@pytest.mark.parametrize("text,login", [
    ("Modified: i:0#.w|ncwheels\\jbloggs 12/03/2024", "jbloggs"),  # a SharePoint list's Windows claim
    ("chair collected | i:0#.w|NCW\\p.o'neill | done", "p.o'neill"),
    ("i:05.t|adfs|a.khan", "a.khan"),  # a federated one
])
def test_a_sharepoint_claim_gives_its_account_whatever_the_domains_case(
        detector: TextDetector, text: str, login: str) -> None:
    assert found(detector, text, "PERSON") == [login]


@pytest.mark.parametrize("text", ["c:0+.w|s-1-5-21-1234-5678", "i:0#.w|ncw\\admin", "chair ok | parts | fixed"])
def test_a_groups_claim_and_a_shared_account_name_nobody(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


@pytest.mark.parametrize("text", ["results on \\\\fs01\\medphys\\library\\EQ201030.pdf", "saved to S:\\EBME\\Reports",
                                  "ERROR\\nRetry", "HARTLEY\\admin",
                                  # a notice's or a record's reference after "by", shaped as no account is
                                  "had not received the update required by FA-2024-888.", "checked by JB-123"])
def test_paths_escapes_and_shared_accounts_are_no_login(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


@pytest.mark.parametrize("text,login", [
    # a surname and an initial run together where a log names who wrote an entry: in brackets, before the colon or
    # dash opening it, after "by"
    ("[jsmith] replaced battery", "jsmith"), ("jsmith: replaced battery", "jsmith"), ("(jsmith) rang", "jsmith"),
    ("12/03/24 okaforc - replaced battery", "okaforc"), ("note by smithj", "smithj"), ("DONE BY SMITHJ", "SMITHJ"),
    # an account an administrator dealt with, named before or after what was done to it
    ("account kowalskia locked", "kowalskia"), ("pw reset for user tmorgan", "tmorgan"),
])
def test_an_account_where_a_log_names_who_wrote_or_what_was_done_to_it(
        detector: TextDetector, text: str, login: str) -> None:
    assert found(detector, text, "PERSON") == [login]


@pytest.mark.parametrize("text", ["(sharps) bin", "[battery] replaced", "[pending] awaiting", "replaced by philips",
                                  "[alaris] pump", "(heaters) off", "account balance locked", "login screen expired"])
def test_words_where_a_log_names_its_author_are_no_account(detector: TextDetector, text: str) -> None:
    assert found(detector, text, "PERSON") == []


def test_a_person_field_holding_domain_accounts_gives_the_account() -> None:
    assert domain_account("HARTLEY\\ptrelawney") == "ptrelawney" and domain_account("Jane Doe") == "Jane Doe"


@pytest.mark.parametrize("text,number", [
    ("Bupa 12345678", "12345678"), ("Bupa memb no 12345678/01", "12345678/01"), ("AXA Health G-12345678",
                                                                               "G-12345678"),
    ("Aviva 123 456 7890", "123 456 7890"), ("Vitality VH 1234 5678", "VH 1234 5678"), ("WPA 123456-01", "123456-01"),
    ("Simplyhealth SH12345AB", "SH12345AB"), ("policy no 1234567890", "1234567890"),
    ("membership: 98765432", "98765432"), ("insured (Bupa) 1234 5678", "1234 5678"),
])
def test_a_membership_number_after_its_insurer_or_label(text: str, number: str) -> None:
    assert [text[f.start:f.end] for f in find_insurance_numbers(text)] == [number]


@pytest.mark.parametrize("text", ["per IPC policy 2019", "Bupa rang re invoice 4500123456", "policy IEC 60601",
                                  "Bupa 0800 123 4567", "Bupa 2 pumps", "Bupa 2024-01-12"])
def test_an_insurers_helpline_a_date_or_a_document_is_no_membership(text: str) -> None:
    assert find_insurance_numbers(text) == []


def test_the_insurer_beside_the_patient_is_kept(detector: TextDetector) -> None:
    text = "loan to Mrs Okafor, Bupa memb no 12345678/01, DOB 12/03/1961"
    assert found(detector, text, "PERSON") == ["Okafor"] and found(detector, text, "MRN") == ["12345678/01"]
    assert column_hints("MembershipNo") == {"MRN"} and column_hints("MemberID") == set()
