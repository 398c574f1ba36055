"""The anonymisation policy: which operator each entity type gets, with per-column overrides.

File format (YAML):

    version: 1
    token_length: 16             # hex characters of pseudonym tokens, 16 (64 bits) to 64
    default: redact              # for entity types not listed
    entities:
      PERSON: pseudonymise
      DATE_OF_BIRTH: {operator: generalise_date, to: year}
      PHONE_NUMBER: {operator: mask, keep_last: 3}
    columns:                     # "column" or "table.column"; applies to everything in that column
      "Last Modified By": pseudonymise
      "tblStaff.Email": drop_column

The shipped default is anonymisation/data/default_policy.yaml. Its schema is PolicyFile (pydantic): a key it does
not name, at any level, is refused with its path (entities.PERSON.keep_lastt), as is a wrong type or bound; the
frozen Policy the rest of the engine uses is built from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from intake.anonymisation.errors import PolicyError
from intake.anonymisation.findings import MIN_TOKEN_LENGTH
from intake.anonymisation.operators import OPERATORS, operator_parameters


@dataclass(frozen=True)
class OperatorSpec:
    operator: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"operator": self.operator, **dict(self.params)}


@dataclass(frozen=True)
class Policy:
    entities: Mapping[str, OperatorSpec]
    columns: Mapping[str, OperatorSpec] = field(default_factory=dict)
    default: OperatorSpec = OperatorSpec("redact")
    token_length: int = MIN_TOKEN_LENGTH
    source: str = "built-in"

    def for_entity(self, entity_type: str, table: str | None = None, column: str | None = None) -> OperatorSpec:
        """The operator for a value of `entity_type` found in `table`.`column`."""
        override = self.column_override(table, column)
        if override is not None:
            return override
        return self.entities.get(entity_type, self.default)

    def column_override(self, table: str | None, column: str | None) -> OperatorSpec | None:
        if column is None:
            return None
        if table is not None and f"{table}.{column}" in self.columns:
            return self.columns[f"{table}.{column}"]
        return self.columns.get(column)

    def kept(self, entity_type: str, table: str | None = None, column: str | None = None) -> bool:
        return self.for_entity(entity_type, table, column).operator == "keep"

    @property
    def entity_types(self) -> tuple[str, ...]:
        return tuple(self.entities)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "token_length": self.token_length,
            "default": self.default.to_dict(),
            "entities": {k: v.to_dict() for k, v in self.entities.items()},
            "columns": {k: v.to_dict() for k, v in self.columns.items()},
        }


MAX_TOKEN_LENGTH = 64  # the whole SHA-256 hex digest: a longer token would only repeat characters
_MAX_PROBLEMS = 10
TokenLength = Annotated[StrictInt, Field(ge=MIN_TOKEN_LENGTH, le=MAX_TOKEN_LENGTH)]  # bool is no int here
_TOKEN_LENGTH: TypeAdapter[int] = TypeAdapter(TokenLength)

# What to do, per top-level key, when its value is wrong (shown after the path and what was wrong).
_HINTS = {
    "version": "use version: 1",
    "token_length": f"give an integer from {MIN_TOKEN_LENGTH} to {MAX_TOKEN_LENGTH} (hex characters of a pseudonym; "
                    "shorter tokens collide between different people in large datasets)",
    "entities": "map entity types to operators, e.g. PERSON: pseudonymise",
    "columns": "map column names ('column' or 'table.column') to operators, or leave 'columns' out",
}
_OPERATOR_HINT = ("give an operator's name or a mapping with 'operator' and its parameters, "
                  "e.g. {operator: mask, keep_last: 3}")
_WHAT = {"missing": "missing", "too_short": "empty", "literal_error": "unsupported value",
         "greater_than_equal": "out of bounds", "less_than_equal": "out of bounds"}


def _what(err: ErrorDetails) -> str:
    kind = err["type"]
    return _WHAT.get(kind, "wrong type" if kind.endswith("_type") else err["msg"])


def _known_operator(name: str) -> str:
    if name not in OPERATORS:
        raise PydanticCustomError("policy_operator", "unknown operator '{name}'; use one of: {known}",
                                  {"name": name, "known": ", ".join(sorted(OPERATORS))})
    return name


def _operator_input(value: Any) -> Any:
    """An operator given by name, or as {operator: name, param: value, ...}: one shape for _Operator."""
    if isinstance(value, str):
        return {"operator": _known_operator(value), "params": {}}
    if isinstance(value, Mapping):
        # The parameters keep the file's keys and values as they are: operators read them with their own defaults.
        operator = {"operator": value["operator"]} if "operator" in value else {}
        return {**operator, "params": {k: v for k, v in value.items() if k != "operator"}}
    return value  # refused by _Operator as the wrong type, with its path


def _unknown_parameter(name: str, key: Any, allowed: frozenset[str], value: Any) -> InitErrorDetails:
    accepted = f"its parameters are {', '.join(sorted(allowed))}" if allowed else "it takes no parameters"
    error = PydanticCustomError("policy_parameter", "operator '{name}' has no parameter '{key}'; {accepted} "
                                "(a misspelt parameter would silently change nothing)",
                                {"name": name, "key": str(key), "accepted": accepted})
    return InitErrorDetails(type=error, loc=(str(key),), input=value)


class _Operator(BaseModel):
    """One operator and its parameters; which parameters exist is the registry's (operators.py), so they are
    checked here when the file is read, not fixed in the schema (register_operator may add operators)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    operator: Annotated[StrictStr, AfterValidator(_known_operator)]
    params: dict[Any, Any]

    @model_validator(mode="after")
    def _known_parameters(self) -> _Operator:
        allowed = operator_parameters(self.operator)
        problems: list[InitErrorDetails] = []
        for key, value in self.params.items():
            if allowed is not None and key not in allowed:
                problems.append(_unknown_parameter(self.operator, key, allowed, value))
            elif key == "token_length":
                try:
                    _TOKEN_LENGTH.validate_python(value)
                except ValidationError as exc:
                    what = _what(exc.errors(include_input=False, include_url=False)[0])
                    error = PydanticCustomError("policy_value", "{what}; {hint}",
                                                {"what": what, "hint": _HINTS["token_length"]})
                    problems.append(InitErrorDetails(type=error, loc=(key,), input=value))
        if problems:  # each under its own path (entities.PERSON.keep_lastt), as pydantic's own errors are
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self

    def spec(self) -> OperatorSpec:
        return OperatorSpec(self.operator, dict(self.params))


def _string_keys(value: Any) -> Any:
    """Entity types and column names are text; YAML reads `2019:` as a number."""
    return {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else value


OperatorField = Annotated[_Operator, BeforeValidator(_operator_input)]
OperatorMap = Annotated[dict[str, OperatorField], BeforeValidator(_string_keys)]


class PolicyFile(BaseModel):
    """The policy file's schema. A key it does not name is refused: a misspelt key would silently change nothing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    token_length: TokenLength = MIN_TOKEN_LENGTH
    default: OperatorField = Field("redact", validate_default=True)
    entities: Annotated[OperatorMap, Field(min_length=1)]
    columns: Annotated[OperatorMap, BeforeValidator(lambda v: {} if v is None else v)] = {}  # `columns:` left empty

    def policy(self, source: str) -> Policy:
        return Policy(
            entities={k: v.spec() for k, v in self.entities.items()},
            columns={k: v.spec() for k, v in self.columns.items()},
            default=self.default.spec(),
            token_length=self.token_length,
            source=source,
        )


def _problem(err: ErrorDetails) -> str:
    """One validation error as 'path: what was wrong; what to do', without the value (it could be anything)."""
    path, kind = ".".join(str(p) for p in err["loc"]), err["type"]
    if kind == "extra_forbidden":
        return (f"{path}: unknown key; a policy has only {', '.join(PolicyFile.model_fields)} "
                "(a misspelt key would silently change nothing)")
    if kind.startswith("policy_"):
        return f"{path}: {err['msg']}"
    # Below the top level, a wrong value is an operator's (a parameter's own problems are policy_ errors).
    return f"{path}: {_what(err)}; {_HINTS.get(path, _OPERATOR_HINT)}"


def parse_policy(data: Any, source: str = "policy") -> Policy:
    """The Policy a policy file's parsed YAML describes; PolicyError names `source` and each wrong key's path."""
    if not isinstance(data, Mapping):
        raise PolicyError(f"{source}: the policy must be a YAML mapping with 'entities'; see anonymisation/policy.py")
    try:
        schema = PolicyFile.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(e) for e in exc.errors(include_input=False, include_url=False)]
        shown = problems[0] if len(problems) == 1 else " ".join(
            f"({n}) {p}" for n, p in enumerate(problems[:_MAX_PROBLEMS], 1))
        more = f" (and {len(problems) - _MAX_PROBLEMS} more)" if len(problems) > _MAX_PROBLEMS else ""
        raise PolicyError(f"{source}: invalid policy: {shown}{more}") from None
    return schema.policy(source)


def load_policy(path: Path | str | None = None) -> Policy:
    """The policy from a YAML file, or the shipped default policy when path is None."""
    if path is None:
        text = resources.files("intake.anonymisation").joinpath("data", "default_policy.yaml").read_text("utf-8")
        source = "default_policy.yaml"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise PolicyError(f"cannot read policy file {path}: {exc.strerror}; check the path") from None
        source = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise PolicyError(f"{source}: invalid YAML{where}; fix the file") from None
    return parse_policy(data, source)
