"""intake's operators as presidio-anonymizer `Operator`s, so a Presidio user can apply them with `AnonymizerEngine`
and get exactly the tokens intake writes (same customer secret, same normalisation, same token).

    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig
    from intake.anonymisation.presidio_operators import add_intake_operators

    engine = add_intake_operators(AnonymizerEngine())
    engine.anonymize(text, analyzer_results, {
        "DEFAULT": OperatorConfig("intake_pseudonymise", {"secret": secret_bytes}),
        "DATE_OF_BIRTH": OperatorConfig("intake_generalise_date", {"to": "year"}),
    })

Each class wraps one function of operators.OPERATORS: the pipeline keeps calling those directly on distinct
values (vectorised around them), which is faster than going through the engine per cell; both paths run the same
code, so they cannot drift apart. A span an operator empties (redact of a whole cell) becomes "" here, as
Presidio needs text.
"""

from __future__ import annotations

from typing import Any, ClassVar

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import InvalidParamError
from presidio_anonymizer.operators import Operator, OperatorType

from intake.anonymisation.findings import MIN_TOKEN_LENGTH
from intake.anonymisation.operators import OPERATORS, OperatorContext

PREFIX = "intake_"
_ENGINE_PARAMS = frozenset({"entity_type", "secret", "token_length"})


class IntakeOperator(Operator):
    """One of intake's operators, named PREFIX + its name; params: `secret` (bytes, for pseudonymise),
    `token_length`, and the operator's own parameters (e.g. `to` for generalise_date)."""

    wrapped: ClassVar[str] = ""

    def operate(self, text: str | None = None, params: dict[str, Any] | None = None) -> str:
        params = dict(params or {})
        ctx = OperatorContext(
            secret=params.get("secret") or b"", token_length=int(params.get("token_length", MIN_TOKEN_LENGTH)),
            params={k: v for k, v in params.items() if k not in _ENGINE_PARAMS}, in_text=True,
        )
        return OPERATORS[self.wrapped](text or "", str(params.get("entity_type", "PII")), ctx) or ""

    def validate(self, params: dict[str, Any] | None = None) -> None:
        params = params or {}
        if self.wrapped == "pseudonymise":
            secret = params.get("secret")
            if not isinstance(secret, bytes | bytearray) or len(secret) < 16:
                raise InvalidParamError("intake_pseudonymise needs 'secret': the customer's secret, 16 bytes or more")
        length = params.get("token_length", MIN_TOKEN_LENGTH)
        if not isinstance(length, int) or not MIN_TOKEN_LENGTH <= length <= 64:
            raise InvalidParamError(f"token_length must be an integer from {MIN_TOKEN_LENGTH} to 64")

    def operator_name(self) -> str:
        return PREFIX + self.wrapped

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


def _operator_class(name: str) -> type[IntakeOperator]:
    return type(f"Intake_{name}", (IntakeOperator,), {"wrapped": name, "__doc__": f"intake's '{name}' operator."})


# The built-in operators, plus any registered before this module is imported.
PRESIDIO_OPERATORS: dict[str, type[IntakeOperator]] = {name: _operator_class(name) for name in OPERATORS}


def add_intake_operators(engine: AnonymizerEngine) -> AnonymizerEngine:
    """The engine with every intake operator added (as intake_<name>)."""
    for name in OPERATORS:
        engine.add_anonymizer(PRESIDIO_OPERATORS.get(name) or _operator_class(name))
    return engine
