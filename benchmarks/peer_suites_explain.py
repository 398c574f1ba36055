"""The peer suites' deliberate differences: each failing case is matched to the documented reason our analyzer
differs from the peer project's expectation, or to none ("UNEXPLAINED")."""

from __future__ import annotations

from typing import Any

# Each deliberate difference: (suite, entity or scrubadub type) -> why we differ. Matched by `explain`.
DELIBERATE: dict[str, str] = {
    "US_SSN": "UK product: US recognizers are not loaded (Presidio's countries=['uk'] filter).",
    "UK_DRIVING_LICENCE": "Presidio ships this recognizer disabled; we keep its default (rare in equipment data).",
    "URL_NOT_PERSONAL": "URLs are not personal data in equipment records; the URL recognizer is loaded but "
                        "scrubadub's URL path rewriting (keep domain, replace path) is not an operator of ours.",
    "TWITTER": "Social-media handles, Skype names, user names/passwords and tax references are not expected in "
               "EBME data: no recognizer (scrubadub detectors without a Presidio equivalent).",
    "PHONE_LENIENCY": "Presidio runs the phone recognizer at several leniency levels for the same text; our "
                      "analyzer has one configuration (UK formats by our recognizer; others via phonenumbers "
                      "at leniency 2, strict grouping, which also rejects '95130-64212'), so only one of the "
                      "contradictory expectations can hold.",
    "POSTCODE_SCORE": "We score a bare UK postcode 0.6 (Presidio 0.1): in our data a postcode in free text is "
                      "usually an address, so it is found at the default threshold; the span is the same.",
    "NHS_LEADING_ZERO": "A bare ten-digit number starting with 0 passes the NHS check 1 time in 11 and is far more "
                        "often a phone number: we report it as a phone number, which still anonymises it.",
    "DOB_PARTIAL": "scrubadub replaces only the year of '02.12.1979'; we take the whole date as the date of birth.",
    "DOB_NO_CONTEXT_WORD": "We find a date of birth only next to words such as DOB/born/birthday; scrubadub "
                           "redacts one case with 'born ... on' more than 45 characters away or none at all.",
    "LOWERCASE_NAME": "Lower-case or single given names without any context ('sarah is a friendly person', 'John is "
                      "a cat') are not found: capitalised name patterns and NER only (scrubadub uses TextBlob).",
    "OBFUSCATED_EMAIL_SPAN": "We find 'john at gmail.com' as an e-mail; spans match, kept as a pass when found.",
    "IP_SCORE_CONTEXT": "Presidio's IPv6 '::' unspecified address scores 0.1 (below our 0.5 threshold): an "
                        "unspecified address identifies nobody.",
    "DATE_TIME_NOT_PERSONAL": "Plain dates are not personal data here; Presidio's date recognizer is loaded and "
                              "its misses/extra hits at our 0.5 threshold are Presidio's behaviour, not ours.",
    "PASSPORT_VEHICLE": "UK passport and vehicle registration numbers score 0.1-0.4 in Presidio, below our "
                        "threshold without context words; not expected in equipment data.",
    "CONTEXT_NON_UK": "Context sentence for a recognizer of another country (US, SG, IN, PH, AU ...) that we do not "
                      "load.",
    "IBAN": "Presidio's IBAN recognizer is loaded unchanged; differences are Presidio's own.",
    "NINO_SPAN_START": "Presidio's expected span for 'Number YZ 61 48 68 B' starts on the space before the NINO; "
                       "ours starts on the first letter.",
    "PHONE_INTERNATIONAL": "Non-UK numbers come from Presidio's phonenumbers recognizer (international + formats, "
                           "national formats of GB, US, IE); national formats of other countries (IL, JP, CN, IN) are "
                           "not looked for: they collide with serial numbers.",
    "CREDIT_CARD_SPAN": "Card numbers are found by Presidio's Luhn-checked pattern; differences are its own.",
    "PRIVATE_DEVICE_ADDRESS": "An IPv4 address of a private network (10/8, 172.16/12, 192.168/16, loopback, "
                              "link-local) is kept: in equipment data it is a modality's, a PACS's or a printer's, "
                              "which engineers need; unless the words before say whose it is ('my ip:').",
}


def private_addresses_only(text: str, spans: list[list[int]]) -> bool:
    """Every expected span is a private-network IPv4 address (PRIVATE_DEVICE_ADDRESS)."""
    from intake.anonymisation.findings import device_address

    return bool(spans) and all(device_address(text[s:e]) for s, e in spans)


def explain_presidio(case: dict[str, Any], got: list[list[int]]) -> str:
    entity, _fn = case["entity"], case["function"]
    if entity == "US_SSN":
        return "US_SSN"
    if entity == "UK_DRIVING_LICENCE":
        return "UK_DRIVING_LICENCE"
    if entity == "URL":
        return "URL_NOT_PERSONAL"
    if entity == "DATE_TIME":
        return "DATE_TIME_NOT_PERSONAL"
    if entity in ("UK_PASSPORT", "UK_VEHICLE_REGISTRATION"):
        return "PASSPORT_VEHICLE"
    if entity == "IBAN_CODE":
        return "IBAN"
    if entity == "PHONE_NUMBER" and case.get("leniency") is not None:
        return "PHONE_LENIENCY"
    if entity == "PHONE_NUMBER" and not case["text"].lstrip("_: ").startswith(("+44", "0")):
        return "PHONE_INTERNATIONAL"
    if entity == "UK_NINO" and got and len(got) == len(case["expected"]) and all(
        g[1] == e[1] and g[0] == e[0] + 1 for g, e in zip(got, sorted(case["expected"]), strict=True)
    ):
        return "NINO_SPAN_START"
    if entity == "UK_NHS" and case["text"].startswith("0"):
        return "NHS_LEADING_ZERO"
    if entity == "IP_ADDRESS" and "::" in case["text"] and len(got) < case["expected_len"]:
        return "IP_SCORE_CONTEXT"
    if entity == "IP_ADDRESS" and private_addresses_only(
            case["text"], [e for e in case["expected"] if e not in got]):
        return "PRIVATE_DEVICE_ADDRESS"
    if entity == "CREDIT_CARD":
        return "CREDIT_CARD_SPAN"
    return ""


def explain_scrubadub(case: dict[str, Any]) -> str:
    fn = case["function"]
    after = case["after"] or ""
    if any(k in after for k in ("TWITTER", "SKYPE", "USERNAME", "PASSWORD", "TAX_REFERENCE", "DRIVERS_LICENCE")):
        return "TWITTER"
    if "SOCIAL_SECURITY" in after:
        return "US_SSN"
    if "url" in fn or "URL" in after or "http" in case["text"]:
        return "URL_NOT_PERSONAL"
    if fn == "test_DoB_3":
        return "DOB_PARTIAL"
    if fn.startswith("test_DoB"):
        return "DOB_NO_CONTEXT_WORD"
    if fn in ("test_john", "test_lower_names"):
        return "LOWERCASE_NAME"
    if fn in ("test_disable_email",):
        return "TWITTER"
    return ""
