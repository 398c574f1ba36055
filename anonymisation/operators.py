"""Operators: what happens to a personal value. A registry of small functions, chosen per entity type (and
per column) by the policy.

pseudonymise is keyed: HMAC-SHA256 with the customer's secret over the normalised value, so the same person
gets the same token in every file and run of that customer (joins survive) and a different one for another
customer; the token reveals nothing without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from dateutil import parser as date_parser

from intake.anonymisation.errors import PolicyError
from intake.anonymisation.findings import MIN_TOKEN_LENGTH
from intake.anonymisation.vocabulary import fold

REDACTED = "[REDACTED]"  # what redact writes in free text

TOKEN_PREFIX = {
    "PERSON": "PERSON", "PHONE_NUMBER": "PHONE", "EMAIL_ADDRESS": "EMAIL", "UK_NHS": "NHS", "UK_NINO": "NINO",
    "UK_POSTCODE": "POSTCODE", "DATE_OF_BIRTH": "DOB", "ADDRESS": "ADDRESS", "MRN": "MRN", "CREDIT_CARD": "CARD",
    "IP_ADDRESS": "IP", "IBAN_CODE": "IBAN", "LOCATION": "LOCATION", "INTERNAL_NUMBER": "EXT", "STAFF_ID": "STAFF",
    "UK_VEHICLE_REGISTRATION": "VRN", "NATIONAL_ID": "NATID",
    "ACCESS_CODE": "ACCESS",
}
_TITLES = re.compile(
    r"^(?:mr|mrs|ms|miss|mx|dr|prof|professor|sister|sr|nurse|matron|rev|sir|dame|staff nurse|charge nurse)\s+"
)
_EXTENSION = re.compile(r"(?i)\s?\(?(?:ext|extn|x)\.?\s?(\d{2,5})\)?\s*$")


@dataclass(frozen=True)
class OperatorContext:
    """What an operator may use: the customer's secret, token length, and the policy's parameters."""

    secret: bytes
    token_length: int = MIN_TOKEN_LENGTH
    params: Mapping[str, Any] = field(default_factory=dict)
    in_text: bool = False  # True for a span inside free text, False for a whole cell


Operator = Callable[[str, str, OperatorContext], "str | None"]


def normalise(value: str, entity_type: str) -> str:
    """The form two spellings of the same value share, so that they get the same token."""
    text = value.strip()
    if entity_type == "PERSON":
        if text.count(",") == 1:  # "SMITH, John" is John Smith
            last, first = (p.strip() for p in text.split(","))
            text = f"{first} {last}"
        key = fold(text)
        return _TITLES.sub("", key)
    if entity_type == "PHONE_NUMBER":
        ext = _EXTENSION.search(text)
        base = text[: ext.start()] if ext else text
        digits = re.sub(r"\D", "", re.sub(r"^\+\s?44\s?(?:\(0\)\s?)?", "0", base))
        return digits + (f"x{ext.group(1)}" if ext else "")
    if entity_type in ("UK_NHS", "CREDIT_CARD"):
        return re.sub(r"\D", "", text)
    if entity_type in ("UK_NINO", "UK_POSTCODE", "MRN", "IBAN_CODE"):
        return re.sub(r"\s", "", text).upper()
    if entity_type == "EMAIL_ADDRESS":
        return text.lower()
    return fold(text) or text


def pseudonym(value: str, entity_type: str, secret: bytes, token_length: int = MIN_TOKEN_LENGTH) -> str:
    digest = hmac.new(secret, f"{entity_type}\x1f{normalise(value, entity_type)}".encode(), hashlib.sha256)
    prefix = TOKEN_PREFIX.get(entity_type, re.sub(r"[^A-Z_]", "", entity_type.upper()) or "PII")
    return f"{prefix}_{digest.hexdigest()[:token_length]}"


def pseudonymise(value: str, entity_type: str, ctx: OperatorContext) -> str:
    return pseudonym(value, entity_type, ctx.secret, int(ctx.params.get("token_length", ctx.token_length)))


def redact(value: str, entity_type: str, ctx: OperatorContext) -> str | None:
    return str(ctx.params.get("text", REDACTED)) if ctx.in_text else None


def replace(value: str, entity_type: str, ctx: OperatorContext) -> str:
    return str(ctx.params.get("text", f"[{entity_type}]"))


def mask(value: str, entity_type: str, ctx: OperatorContext) -> str:
    """Letters and digits become the mask character, but for keep_first/keep_last of them."""
    char = str(ctx.params.get("char", "*"))[:1] or "*"
    keep_first = int(ctx.params.get("keep_first", 0))
    keep_last = int(ctx.params.get("keep_last", 0))
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    keep = set(positions[:keep_first]) | set(positions[max(0, len(positions) - keep_last):] if keep_last else [])
    return "".join(c if (not c.isalnum() or i in keep) else char for i, c in enumerate(value))


def generalise_date(value: str, entity_type: str, ctx: OperatorContext) -> str | None:
    """A date kept only to its month ("1954-03") or year ("1954"); an unreadable date is redacted."""
    to = str(ctx.params.get("to", "year"))
    parsed = parse_date(value)
    if parsed is None:
        return "[DATE]" if ctx.in_text else None
    if entity_type == "DATE_OF_BIRTH" and parsed.year > date.today().year:
        parsed = parsed.replace(year=parsed.year - 100)  # "22-Nov-72" is a birth in 1972, not 2072
    return f"{parsed.year:04d}-{parsed.month:02d}" if to == "month" else f"{parsed.year:04d}"


def parse_date(value: str) -> date | None:
    text = value.strip()
    if not text or not any(c.isdigit() for c in text):
        return None
    try:
        iso = len(text) >= 10 and text[4] == "-"
        parsed: datetime = date_parser.parse(text, dayfirst=not iso, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date()


def keep(value: str, entity_type: str, ctx: OperatorContext) -> str:
    return value


def drop_column(value: str, entity_type: str, ctx: OperatorContext) -> str | None:
    """Whole columns are removed by the anonymiser; a span in free text is redacted."""
    return REDACTED if ctx.in_text else None


OPERATORS: dict[str, Operator] = {
    "pseudonymise": pseudonymise,
    "redact": redact,
    "replace": replace,
    "mask": mask,
    "generalise_date": generalise_date,
    "drop_column": drop_column,
    "keep": keep,
}


BUILT_IN_OPERATORS = frozenset(OPERATORS)

# The parameters each operator reads from the policy (OperatorContext.params); a policy naming any other is refused.
# An operator registered without its parameters takes any (it is not listed here).
OPERATOR_PARAMETERS: dict[str, frozenset[str]] = {
    "pseudonymise": frozenset({"token_length"}),
    "redact": frozenset({"text"}),
    "replace": frozenset({"text"}),
    "mask": frozenset({"char", "keep_first", "keep_last"}),
    "generalise_date": frozenset({"to"}),
    "drop_column": frozenset(),
    "keep": frozenset(),
}


def register_operator(name: str, operator: Operator, parameters: Iterable[str] | None = None) -> None:
    """Add an operator that policy files can name. The session's worker processes get it too (chunks.py), so
    it must be a module-level function they can import by name; a Dask worker has it only if registering it
    is part of importing a module the worker imports. `parameters`: the names it reads from the policy, so that
    a misspelt one is refused; None accepts any."""
    OPERATORS[name] = operator
    if parameters is None:
        OPERATOR_PARAMETERS.pop(name, None)
    else:
        OPERATOR_PARAMETERS[name] = frozenset(parameters)


def operator_parameters(name: str) -> frozenset[str] | None:
    """The policy parameters operator `name` accepts, or None when it accepts any (registered without them)."""
    return OPERATOR_PARAMETERS.get(name)


def registered_operators() -> dict[str, Operator]:
    """The operators added with register_operator in this process."""
    return {name: op for name, op in OPERATORS.items() if name not in BUILT_IN_OPERATORS}


def get_operator(name: str) -> Operator:
    try:
        return OPERATORS[name]
    except KeyError:
        raise PolicyError(
            f"unknown operator '{name}'; known operators: {', '.join(sorted(OPERATORS))}"
        ) from None
