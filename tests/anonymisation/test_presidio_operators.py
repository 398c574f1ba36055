"""intake's operators through presidio-anonymizer's AnonymizerEngine give exactly the pipeline's output."""

from __future__ import annotations

import pytest
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import InvalidParamError, OperatorConfig, RecognizerResult

from intake.anonymisation.operators import OPERATORS, pseudonym
from intake.anonymisation.presidio_operators import add_intake_operators

SECRET = bytes(range(32))


def test_every_operator_is_available_to_presidio_and_gives_the_pipelines_tokens() -> None:
    engine = add_intake_operators(AnonymizerEngine())
    assert {f"intake_{name}" for name in OPERATORS} <= set(engine.get_anonymizers())
    text = "Call SMITH, John on 07700 900123, born 03/04/1961."
    results = [RecognizerResult("PERSON", 5, 16, 0.9), RecognizerResult("PHONE_NUMBER", 20, 32, 0.9),
               RecognizerResult("DATE_OF_BIRTH", 39, 49, 0.9)]
    out = engine.anonymize(text, results, {
        "DEFAULT": OperatorConfig("intake_pseudonymise", {"secret": SECRET}),
        "DATE_OF_BIRTH": OperatorConfig("intake_generalise_date", {"to": "year"}),
    }).text
    # The same tokens the pipeline writes: "SMITH, John" and "John Smith" are one person.
    assert out == (f"Call {pseudonym('John Smith', 'PERSON', SECRET)} on "
                   f"{pseudonym('+44 7700 900123', 'PHONE_NUMBER', SECRET)}, born 1961.")


def test_pseudonymise_refuses_to_run_without_a_real_secret() -> None:
    engine = add_intake_operators(AnonymizerEngine())
    with pytest.raises(InvalidParamError, match="secret"):
        engine.anonymize("Jane Doe", [RecognizerResult("PERSON", 0, 8, 0.9)],
                         {"DEFAULT": OperatorConfig("intake_pseudonymise", {"secret": b"short"})})
