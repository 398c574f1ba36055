"""The authorisation manifest: a small YAML document the customer signs.

Loading is strict because the manifest is a legal record: duplicate keys, anchors/aliases, unknown
fields and quoted dates are refused rather than guessed at. Every problem becomes a ManifestError
naming the field path and the YAML line; nothing else escapes `load_manifest`.

Example (every field is required unless marked optional):

    customer: St Elsewhere NHS Foundation Trust
    signatory: {name: Dr A Example, role: Head of Clinical Engineering}
    signed_on: 2026-03-01
    valid_until: 2026-09-30
    purpose: {kind: migration, migration_project: MIG-2026-001}   # or {kind: fault_investigation, fault_ticket: FT-123}
    reference: AUTH-2026-001
    dataset_description: EquipTrack asset register and job history export
    files:
      - {name: assets.csv, sha256: <64 hex>}
    personal_data: may_contain            # none | anonymised | may_contain
    purpose_limitation_confirmed: true    # required (true) when personal_data is may_contain
    evidence: {file: signed-letter.pdf, sha256: <64 hex>}
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError

from intake.authorisation.errors import ManifestError, ManifestProblem
from intake.registry.models import PersonalDataDeclaration, Purpose

MAX_MANIFEST_BYTES = 1 << 20
_MAX_PROBLEMS = 50

_SHA256 = re.compile(r"[0-9a-f]{64}")
_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/:#-]{0,127}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _sha256(value: str) -> str:
    lowered = value.lower()
    if not _SHA256.fullmatch(lowered):
        raise ValueError("must be a SHA-256 hash: 64 hexadecimal characters (sha256sum prints it)")
    return lowered


def _reference(value: str) -> str:
    if not _REFERENCE.fullmatch(value):
        raise ValueError(
            "must be a reference of 1 to 128 letters, digits and . _ / : # - (starting with a letter or digit)"
        )
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    if value != value.strip():
        raise ValueError("must not start or end with spaces")
    return value


def _file_name(value: str) -> str:
    if _CONTROL.search(value) or "\\" in value:
        raise ValueError("must be a plain file name without control characters or backslashes")
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or value != value.strip() or not value.strip():
        raise ValueError("must be a relative file name such as assets.csv (no leading /, no ..)")
    return value


Sha256 = Annotated[StrictStr, AfterValidator(_sha256)]
Reference = Annotated[StrictStr, AfterValidator(_reference)]
FileName = Annotated[StrictStr, Field(max_length=512), AfterValidator(_file_name)]
StrictDate = Annotated[date, Field(strict=True)]


ShortText = Annotated[StrictStr, Field(max_length=200), AfterValidator(_text)]
Name = Annotated[StrictStr, Field(max_length=256), AfterValidator(_text)]
LongText = Annotated[StrictStr, Field(max_length=4000), AfterValidator(_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Signatory(_Strict):
    name: ShortText
    role: ShortText


class PurposeSpec(_Strict):
    kind: Purpose
    migration_project: Reference | None = None
    fault_ticket: Reference | None = None

    @property
    def reference(self) -> str:
        ref = self.migration_project if self.kind == Purpose.MIGRATION else self.fault_ticket
        return ref or ""


class FileEntry(_Strict):
    name: FileName
    sha256: Sha256


class EvidenceEntry(_Strict):
    file: FileName
    sha256: Sha256


class Manifest(_Strict):
    customer: Name
    signatory: Signatory
    signed_on: StrictDate
    valid_until: StrictDate
    purpose: PurposeSpec
    reference: Reference
    dataset_description: LongText
    files: Annotated[list[FileEntry], Field(min_length=1, max_length=10_000)]
    personal_data: PersonalDataDeclaration
    purpose_limitation_confirmed: StrictBool | None = None
    evidence: EvidenceEntry

    @property
    def purpose_reference(self) -> str:
        return self.purpose.reference

    @property
    def file_hashes(self) -> dict[str, str]:
        return {f.name: f.sha256 for f in self.files}


def _cross_field_problems(manifest: Manifest) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if manifest.valid_until < manifest.signed_on:
        yield ("valid_until",), "is before signed_on: an authorisation cannot end before it was signed"
    purpose = manifest.purpose
    wanted, unwanted = ("migration_project", "fault_ticket")
    if purpose.kind == Purpose.FAULT_INVESTIGATION:
        wanted, unwanted = unwanted, wanted
    if getattr(purpose, wanted) is None:
        yield ("purpose", wanted), f"is required when purpose.kind is {purpose.kind.value}"
    if getattr(purpose, unwanted) is not None:
        yield ("purpose", unwanted), f"is not allowed when purpose.kind is {purpose.kind.value}"
    may_contain = manifest.personal_data == PersonalDataDeclaration.MAY_CONTAIN
    if may_contain and manifest.purpose_limitation_confirmed is not True:
        yield (
            ("purpose_limitation_confirmed",),
            "must be true when personal_data is may_contain: the customer confirms personal data is used for "
            "this purpose alone",
        )
    seen: dict[str, int] = {}
    for index, entry in enumerate(manifest.files):
        if entry.name in seen:
            yield ("files", index, "name"), f"repeats the file name of files[{seen[entry.name]}]"
        seen.setdefault(entry.name, index)


# --- YAML reading --------------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases, merge keys and duplicate keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed in a manifest", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[tuple[str, str]] = set()
            for key_node, _value in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError(
                        None, None, "field names must be plain text", key_node.start_mark
                    )
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None, None, "merge keys (<<) are not allowed in a manifest", key_node.start_mark
                    )
                identity = (key_node.tag, key_node.value)
                if identity in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"field '{key_node.value[:60]}' appears twice", key_node.start_mark
                    )
                seen.add(identity)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, "is not a real date (write YYYY-MM-DD)", node.start_mark
            ) from None


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


class _YamlFailure(Exception):
    def __init__(self, error: yaml.YAMLError, root: Any) -> None:
        super().__init__(str(error))
        self.error, self.root = error, root


def _yaml_problem(exc: yaml.YAMLError, root: Any) -> ManifestProblem:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"{context}, {problem}" if context else problem
    path = _format_path(_path_at(root, mark)) if root is not None and mark is not None else ""
    return ManifestProblem(path, mark.line + 1 if mark is not None else None, f"not valid YAML: {text}")


def _parse_yaml(text: str) -> tuple[Any, Any]:
    """Return (node tree, constructed data); a failure carries the node tree when it was composed."""
    loader = _StrictLoader(text)
    root = None
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
        return root, data
    except yaml.YAMLError as exc:
        raise _YamlFailure(exc, root) from None
    finally:
        loader.dispose()


def _path_at(root: Any, mark: Any) -> tuple[str | int, ...]:
    """Field path of the innermost node containing `mark` (for errors found while constructing)."""
    path: list[str | int] = []
    node = root

    def contains(candidate: Any) -> bool:
        start, end = candidate.start_mark.index, candidate.end_mark.index
        return start <= mark.index < max(end, start + 1)

    while True:
        step: tuple[str | int, Any] | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if contains(key_node) or contains(value_node):
                    step = (str(key_node.value), value_node)
                    break
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                if contains(item):
                    step = (index, item)
                    break
        if step is None:
            return tuple(path)
        path.append(step[0])
        node = step[1]


# --- locating pydantic errors in the YAML ------------------------------------------------------


def _format_path(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(root: Any, loc: tuple[str | int, ...]) -> int | None:
    """Line of the deepest node of `loc` present in the YAML (the parent's, for a missing field)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    child = value_node
                    line = key_node.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose fields are valid at `loc` (to list them when a field is unknown)."""
    current: Any = Manifest
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


def _message(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        model = _model_at(tuple(err["loc"][:-1]))
        allowed = f"; allowed fields here: {', '.join(model.model_fields)}" if model else ""
        return f"unknown field{allowed}"
    if kind == "too_short" and err["loc"] == ("files",):
        return "must list at least one file"
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind]
    msg: str = err["msg"]
    return msg.removeprefix("Value error, ").replace("Input should be", "must be")


def _problems_from_validation(exc: ValidationError, root: Any) -> list[ManifestProblem]:
    problems = []
    for err in exc.errors(include_input=False, include_url=False)[:_MAX_PROBLEMS]:
        loc = tuple(err["loc"])
        problems.append(ManifestProblem(_format_path(loc), _line_of(root, loc), _message(err)))
    return problems


# --- public API -----------------------------------------------------------------------------------


def load_manifest(data: bytes | str, source: str = "<manifest>") -> Manifest:
    """Parse and validate manifest bytes. Raises ManifestError (never anything else) when invalid."""
    try:
        return _load(data, source)
    except ManifestError:
        raise
    except RecursionError:
        raise ManifestError(source, [ManifestProblem("", None, "the YAML is nested too deeply")]) from None
    except Exception as exc:  # a last line of defence: the user gets a message, never a traceback
        raise ManifestError(
            source, [ManifestProblem("", None, f"cannot be read ({type(exc).__name__})")]
        ) from None


def _load(data: bytes | str, source: str) -> Manifest:
    if isinstance(data, bytes):
        if len(data) > MAX_MANIFEST_BYTES:
            raise ManifestError(source, [ManifestProblem("", None, f"is larger than {MAX_MANIFEST_BYTES} bytes")])
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ManifestError(source, [ManifestProblem("", line, "is not UTF-8 text")]) from None
    else:
        text = data
        if len(text) > MAX_MANIFEST_BYTES:
            raise ManifestError(source, [ManifestProblem("", None, f"is larger than {MAX_MANIFEST_BYTES} bytes")])
    try:
        root, raw = _parse_yaml(text)
    except _YamlFailure as failure:
        raise ManifestError(source, [_yaml_problem(failure.error, failure.root)]) from None
    if root is None or raw is None:
        raise ManifestError(source, [ManifestProblem("", None, "is empty")])
    if not isinstance(raw, dict):
        raise ManifestError(
            source,
            [ManifestProblem("", root.start_mark.line + 1, "must be a mapping of fields (customer:, signatory:, ...)")],
        )
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as exc:
        raise ManifestError(source, _problems_from_validation(exc, root)) from None
    cross = [
        ManifestProblem(_format_path(loc), _line_of(root, loc), msg) for loc, msg in _cross_field_problems(manifest)
    ]
    if cross:
        raise ManifestError(source, cross)
    return manifest


def read_manifest(path: Path) -> tuple[bytes, Manifest]:
    """Read a manifest file; return its exact bytes (what is signed) and the validated manifest."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        raise ManifestError(str(path), [ManifestProblem("", None, f"cannot be read: {exc.strerror}")]) from None
    return data, load_manifest(data, str(path))


def dump_manifest(fields: dict[str, Any]) -> bytes:
    """Serialise manifest fields to YAML in the documented field order (used to write samples)."""
    return yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, default_flow_style=False).encode()
