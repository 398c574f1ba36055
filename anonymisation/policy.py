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

The shipped default is anonymisation/data/default_policy.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

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


POLICY_KEYS = ("version", "token_length", "default", "entities", "columns")


def _valid_token_length(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and MIN_TOKEN_LENGTH <= value <= 64


def _spec(value: Any, where: str, source: str) -> OperatorSpec:
    if isinstance(value, str):
        name, params = value, {}
    elif isinstance(value, Mapping) and isinstance(value.get("operator"), str):
        name, params = value["operator"], {k: v for k, v in value.items() if k != "operator"}
    else:
        raise PolicyError(f"{source}: {where} must be an operator name or a mapping with 'operator'; fix the file")
    if name not in OPERATORS:
        raise PolicyError(
            f"{source}: {where} names unknown operator '{name}'; known: {', '.join(sorted(OPERATORS))}"
        )
    allowed = operator_parameters(name)
    unknown = sorted(str(k) for k in params if allowed is not None and k not in allowed)
    if unknown:
        accepted = f"its parameters are {', '.join(sorted(allowed))}" if allowed else "it takes no parameters"
        raise PolicyError(
            f"{source}: {where} gives operator '{name}' unknown parameter(s) {', '.join(unknown)}; {accepted} "
            "(a misspelt parameter would silently change nothing)"
        )
    if "token_length" in params and not _valid_token_length(params["token_length"]):
        raise PolicyError(f"{source}: {where}.token_length must be an integer from {MIN_TOKEN_LENGTH} to 64")
    return OperatorSpec(name, dict(params))


def parse_policy(data: Any, source: str = "policy") -> Policy:
    if not isinstance(data, Mapping):
        raise PolicyError(f"{source}: the policy must be a YAML mapping with 'entities'; see anonymisation/policy.py")
    unknown = sorted(str(k) for k in data if k not in POLICY_KEYS)
    if unknown:
        raise PolicyError(f"{source}: unknown key(s) {', '.join(unknown)}; a policy has only "
                          f"{', '.join(POLICY_KEYS)} (a misspelt key would silently change nothing)")
    if data.get("version", 1) != 1:
        raise PolicyError(f"{source}: unsupported policy version {data.get('version')!r}; use version: 1")
    entities = data.get("entities")
    if not isinstance(entities, Mapping) or not entities:
        raise PolicyError(f"{source}: 'entities' must map entity types to operators")
    columns = data.get("columns") or {}
    if not isinstance(columns, Mapping):
        raise PolicyError(f"{source}: 'columns' must map column names to operators")
    token_length = data.get("token_length", MIN_TOKEN_LENGTH)
    if not _valid_token_length(token_length):
        raise PolicyError(
            f"{source}: token_length must be an integer from {MIN_TOKEN_LENGTH} to 64 (shorter tokens collide "
            "between different people in large datasets)"
        )
    return Policy(
        entities={str(k): _spec(v, f"entities.{k}", source) for k, v in entities.items()},
        columns={str(k): _spec(v, f"columns.{k}", source) for k, v in columns.items()},
        default=_spec(data.get("default", "redact"), "default", source),
        token_length=token_length,
        source=source,
    )


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
