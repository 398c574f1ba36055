"""Peer suites: Presidio's and scrubadub's UK-relevant test cases pass against our analyzer, except the
deliberate differences listed (and explained) below."""

from __future__ import annotations

import os

import pytest

from benchmarks import peer_suites_cases, peer_suites_explain, peer_suites_run
from intake.anonymisation import DetectorConfig, TextDetector, build_analyzer

UK_ENTITIES = ("UK_NHS", "UK_NINO", "UK_POSTCODE", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IP_ADDRESS")

# Deliberate differences (case text -> reason); see peer_suites_explain.DELIBERATE for the long explanations.
DELIBERATE = {
    "0032698674": "NHS_LEADING_ZERO: a bare 10-digit number starting with 0 is reported as a phone number",
    "Here is my National Insurance Number YZ 61 48 68 B": "NINO_SPAN_START: Presidio's span includes the space",
    "My Israeli number is 09-7625400": "PHONE_INTERNATIONAL: Israeli national format not looked for",
    "My Japanese number is 090-1234-5678": "PHONE_INTERNATIONAL: Japanese national format not looked for",
    "My CN number is 13812345678": "PHONE_INTERNATIONAL: Chinese national format not looked for",
    "My US number is (415) 555-0132, and my international one is +30 21 0 1234567":
        "PHONE_INTERNATIONAL: '21 0 1234567' is not Greece's standard digit grouping (strict grouping, leniency 2)",
    "Use local ipv6 ::": "IP_SCORE_CONTEXT: the unspecified address '::' identifies nobody",
    "src=:: dst=::1": "IP_SCORE_CONTEXT",
    "Unspecified ::": "IP_SCORE_CONTEXT",
}
LENIENCY_NOTE = "PHONE_LENIENCY: one configuration cannot meet Presidio's per-leniency expectations"

DATA = peer_suites_cases.shared_data()
if not DATA.is_dir() and os.environ.get("CI"):
    pytest.fail(f"shared reference data not found at {DATA}: CI runs with ../shared beside the clone",
                pytrace=False)
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"shared reference data not found at {DATA}")


@pytest.fixture(scope="module")
def peer_detector(vocabulary) -> TextDetector:
    config = DetectorConfig(vocabulary=vocabulary)
    analyzer = build_analyzer(config.settings(), vocabulary)
    entities = tuple(sorted(analyzer.get_supported_entities("en")))
    return TextDetector(DetectorConfig(vocabulary=vocabulary, entities=entities), analyzer=analyzer)


def test_presidio_uk_relevant_cases(peer_detector: TextDetector) -> None:
    cases = [c for c in peer_suites_cases.load_presidio_cases() if c["entity"] in UK_ENTITIES]
    assert len(cases) > 150
    results = peer_suites_run.run_presidio(peer_detector, cases)
    failures = [r for r in results if not r.passed and r.text not in DELIBERATE
                and not (r.entity == "PHONE_NUMBER" and "leniency" in r.note)
                and not (r.entity == "IP_ADDRESS" and peer_suites_explain.private_addresses_only(
                    r.text, [e for e in r.expected if e not in r.got]) and all(g in r.expected for g in r.got))]
    # A private network's address is a device's (PRIVATE_DEVICE_ADDRESS): kept, but "my ip: 192.168.0.1" is not.
    # Presidio runs its phone tests at several leniency levels: only one of each pair can hold.
    leniency = [c for c in cases if c.get("leniency") is not None]
    leniency_failures = [r for r in results if not r.passed and r.text in {c["text"] for c in leniency}]
    failures = [r for r in failures if r not in leniency_failures]
    assert len(leniency_failures) <= len(leniency) // 2, LENIENCY_NOTE
    assert failures == [], [(r.entity, r.text, r.expected, r.got) for r in failures]


def test_presidio_context_sentences_for_uk_entities(peer_detector: TextDetector) -> None:
    cases = [c for c in peer_suites_cases.load_context_cases() if c["entity"] in UK_ENTITIES]
    results = peer_suites_run.run_context(peer_detector, cases)
    assert results and all(r.passed for r in results), [r.text for r in results if not r.passed]


def test_scrubadub_uk_relevant_cases(peer_detector: TextDetector) -> None:
    cases = peer_suites_cases.load_scrubadub_cases()
    results = peer_suites_run.run_scrubadub(peer_detector, cases)
    relevant = [r for r in results if r.entity in (*UK_ENTITIES, "DATE_OF_BIRTH", "NONE")]
    assert len(relevant) > 40
    # scrubadub redacts only the year of "DOB: 02.12.1979" and finds a birth date 50+ characters after
    # "born": deliberate differences DOB_PARTIAL / DOB_NO_CONTEXT_WORD.
    failures = [r for r in relevant if not r.passed and r.explanation not in ("DOB_PARTIAL", "DOB_NO_CONTEXT_WORD")]
    assert failures == [], [(r.entity, r.text) for r in failures]
