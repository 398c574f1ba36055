"""The pattern detectors as Presidio recognizers (the analyzer's path) and by entity type (the paths that skip
Presidio: structured values, the re-scan): one list of UK detectors, so the two cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from intake.anonymisation.findings import Finding
from intake.anonymisation.recognizers_access import find_access_codes
from intake.anonymisation.recognizers_address import find_street_addresses
from intake.anonymisation.recognizers_dicom import find_dicom_identifiers
from intake.anonymisation.recognizers_email import find_emails
from intake.anonymisation.recognizers_es import find_spanish_addresses
from intake.anonymisation.recognizers_hl7 import find_hl7_fields
from intake.anonymisation.recognizers_ids import find_staff_ids, find_vehicle_registrations
from intake.anonymisation.recognizers_ie import find_celtic_addresses
from intake.anonymisation.recognizers_insurance import find_insurance_numbers
from intake.anonymisation.recognizers_location import find_scene_locations
from intake.anonymisation.recognizers_mrn import find_mrns
from intake.anonymisation.recognizers_national_ids import find_national_ids, find_orcids
from intake.anonymisation.recognizers_phone import find_extensions, find_foreign_phones, find_uk_phones
from intake.anonymisation.recognizers_uk import find_dates_of_birth, find_nhs_numbers, find_ninos, find_postcodes
from intake.anonymisation.vocabulary import Vocabulary

Detector = Callable[[str], list[Finding]]


def recognizer_name(recognizer: EntityRecognizer) -> str:
    """A Presidio recognizer's name. Presidio assigns it in __init__ from an if/else that mypy cannot type
    through the untyped package ("Cannot determine type of name"): the one place that says so."""
    return str(recognizer.name)  # type: ignore[has-type]


class FunctionRecognizer(LocalRecognizer):
    """A Presidio recognizer around one of the detector functions above."""

    def __init__(self, name: str, entity: str, detector: Detector) -> None:
        self._detector = detector
        super().__init__(supported_entities=[entity], name=name, supported_language="en")

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not set(entities) & set(self.supported_entities):
            return []
        return [
            RecognizerResult(
                f.entity_type, f.start, f.end, f.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: recognizer_name(self),
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for f in self._detector(text)
        ]


def uk_recognizers(mrn_patterns: Sequence[str], vocabulary: Vocabulary) -> list[LocalRecognizer]:
    patterns = tuple(mrn_patterns)
    return [
        FunctionRecognizer("UkNhsRecognizer", "UK_NHS", find_nhs_numbers),
        FunctionRecognizer("UkNinoRecognizer", "UK_NINO", find_ninos),
        FunctionRecognizer("UkPostcodeRecognizer", "UK_POSTCODE", find_postcodes),
        FunctionRecognizer("UkPhoneRecognizer", "PHONE_NUMBER", find_uk_phones),
        FunctionRecognizer("ForeignPhoneRecognizer", "PHONE_NUMBER", find_foreign_phones),
        FunctionRecognizer("ExtensionRecognizer", "INTERNAL_NUMBER", find_extensions),
        FunctionRecognizer("EmailRecognizer", "EMAIL_ADDRESS", lambda text: find_emails(text, vocabulary.allow_tokens)),
        FunctionRecognizer("DateOfBirthRecognizer", "DATE_OF_BIRTH", find_dates_of_birth),
        FunctionRecognizer("MrnRecognizer", "MRN", lambda text: find_mrns(text, patterns)),
        FunctionRecognizer("DicomIdRecognizer", "MRN", find_dicom_identifiers),
        FunctionRecognizer("InsuranceNumberRecognizer", "MRN", find_insurance_numbers),
        FunctionRecognizer(
            "StreetAddressRecognizer", "ADDRESS", lambda text: find_street_addresses(text, vocabulary)
        ),
        FunctionRecognizer("CelticAddressRecognizer", "ADDRESS", find_celtic_addresses),
        FunctionRecognizer("SpanishAddressRecognizer", "ADDRESS", find_spanish_addresses),
        FunctionRecognizer("SceneLocationRecognizer", "ADDRESS", find_scene_locations),
        FunctionRecognizer("StaffIdRecognizer", "STAFF_ID", find_staff_ids),
        FunctionRecognizer("OrcidRecognizer", "STAFF_ID", find_orcids),
        FunctionRecognizer("NationalIdRecognizer", "NATIONAL_ID", find_national_ids),
        FunctionRecognizer("VehicleRegistrationRecognizer", "UK_VEHICLE_REGISTRATION", find_vehicle_registrations),
        FunctionRecognizer("AccessCodeRecognizer", "ACCESS_CODE", find_access_codes),
        *(FunctionRecognizer(f"Hl7{entity.title().replace('_', '')}Recognizer", entity, _hl7(entity))
          for entity in HL7_ENTITIES),
    ]


HL7_ENTITIES = ("MRN", "PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE_NUMBER")


def _hl7(entity: str) -> Detector:
    """The fields of a pasted HL7 message that hold `entity` (recognizers_hl7)."""
    return lambda text: [f for f in find_hl7_fields(text) if f.entity_type == entity]


def pattern_detectors(mrn_patterns: Sequence[str], vocabulary: Vocabulary) -> dict[str, list[Detector]]:
    """Entity type -> the detector functions, for paths that skip Presidio (structured values, re-scan)."""
    patterns = tuple(mrn_patterns)
    return {
        "UK_NHS": [find_nhs_numbers],
        "UK_NINO": [find_ninos],
        "UK_POSTCODE": [find_postcodes],
        "PHONE_NUMBER": [find_uk_phones, find_foreign_phones],
        "INTERNAL_NUMBER": [find_extensions],
        "EMAIL_ADDRESS": [lambda text: find_emails(text, vocabulary.allow_tokens)],
        "DATE_OF_BIRTH": [find_dates_of_birth, _hl7("DATE_OF_BIRTH")],
        "MRN": [lambda text: find_mrns(text, patterns), find_dicom_identifiers, find_insurance_numbers, _hl7("MRN")],
        "ADDRESS": [lambda text: find_street_addresses(text, vocabulary), find_celtic_addresses, find_spanish_addresses,
                    find_scene_locations, _hl7("ADDRESS")],
        "STAFF_ID": [find_staff_ids, find_orcids],
        "NATIONAL_ID": [find_national_ids],
        "UK_VEHICLE_REGISTRATION": [find_vehicle_registrations],
        "ACCESS_CODE": [find_access_codes],
    }
