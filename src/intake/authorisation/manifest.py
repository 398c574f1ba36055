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
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError

from intake.authorisation.errors import ManifestError, ManifestProblem
from intake.authorisation.manifest_problems import problems_from_validation
from intake.authorisation.manifest_yaml import YamlFailure, format_path, line_of, parse_yaml, yaml_problem
from intake.registry.models import PersonalDataDeclaration, Purpose

MAX_MANIFEST_BYTES = 1 << 20

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
        root, raw = parse_yaml(text)
    except YamlFailure as failure:
        raise ManifestError(source, [yaml_problem(failure.error, failure.root)]) from None
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
        raise ManifestError(source, problems_from_validation(Manifest, exc, root)) from None
    cross = [
        ManifestProblem(format_path(loc), line_of(root, loc), msg) for loc, msg in _cross_field_problems(manifest)
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
