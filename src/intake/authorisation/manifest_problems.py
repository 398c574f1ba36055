"""Turning pydantic's validation errors into ManifestProblems a signatory can act on: the field path, the YAML
line, and a plain message (an unknown field lists the fields allowed where it was found)."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from intake.authorisation.errors import ManifestProblem
from intake.authorisation.manifest_yaml import format_path, line_of

_MAX_PROBLEMS = 50


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose fields are valid at `loc` in `model` (to list them when a field is unknown)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
        while typing.get_origin(current) in (typing.Union, types.UnionType, typing.Annotated):
            members = [a for a in typing.get_args(current) if a is not type(None)]
            current = members[0] if members else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


_TYPE_MESSAGES = {
    "missing": "required field is missing",
    "string_type": "must be text",
    "date_type": "must be a date written as YYYY-MM-DD, without quotes",
    "bool_type": "must be true or false",
    "list_type": "must be a list (lines starting with '- ')",
    "model_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "dict_type": "must be a mapping of fields",
    "too_short": "must not be empty",
}


def _message(model: type[BaseModel], err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        at = _model_at(model, tuple(err["loc"][:-1]))
        allowed = f"; allowed fields here: {', '.join(at.model_fields)}" if at else ""
        return f"unknown field{allowed}"
    if kind == "too_short" and err["loc"] == ("files",):
        return "must list at least one file"
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind]
    msg: str = err["msg"]
    return msg.removeprefix("Value error, ").replace("Input should be", "must be")


def problems_from_validation(model: type[BaseModel], exc: ValidationError, root: Any) -> list[ManifestProblem]:
    """The problems of `exc`, raised validating `model` from the YAML node tree `root` (the first 50)."""
    problems = []
    for err in exc.errors(include_input=False, include_url=False)[:_MAX_PROBLEMS]:
        loc = tuple(err["loc"])
        problems.append(ManifestProblem(format_path(loc), line_of(root, loc), _message(model, err)))
    return problems
