"""A manifest written for the customer from the files themselves: no SHA-256 copied by hand, no registry.

The customer (or the account manager preparing it with them) names the files, the evidence document and what
the authorisation says; the draft is validated exactly as registration will read it, then signed by the
customer with `intake authorisation sign` or plain `openssl` (docs/authorisation.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from intake.authorisation.errors import ManifestError, ManifestProblem, UnreadableFile
from intake.authorisation.manifest import dump_manifest, load_manifest
from intake.authorisation.signing import sha256_file
from intake.registry.models import PersonalDataDeclaration, Purpose


@dataclass(frozen=True)
class ManifestTerms:
    """What the customer authorises, beside the files."""

    customer: str
    signatory_name: str
    signatory_role: str
    signed_on: date
    valid_until: date
    purpose: Purpose
    purpose_reference: str  # the migration project or the fault ticket
    reference: str
    description: str
    personal_data: PersonalDataDeclaration


def manifest_bytes(terms: ManifestTerms, files: Sequence[Path], evidence: Path) -> bytes:
    """The manifest of `files` and `evidence` (base names and SHA-256), in the documented field order, valid."""
    names = [Path(f).name for f in files]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise ManifestError("the draft", [ManifestProblem("files", None, f"two files share the name "
                                                          f"{', '.join(twice)}: a manifest names files by base "
                                                          "name; rename one or send them as separate datasets")])
    for path in (*files, evidence):
        if not Path(path).is_file():
            raise UnreadableFile(f"{path} is not a readable file: check the path")
    kind = "migration_project" if terms.purpose is Purpose.MIGRATION else "fault_ticket"
    fields: dict[str, object] = {
        "customer": terms.customer,
        "signatory": {"name": terms.signatory_name, "role": terms.signatory_role},
        "signed_on": terms.signed_on,
        "valid_until": terms.valid_until,
        "purpose": {"kind": terms.purpose.value, kind: terms.purpose_reference},
        "reference": terms.reference,
        "dataset_description": terms.description,
        "files": [{"name": Path(f).name, "sha256": sha256_file(Path(f))} for f in files],
        "personal_data": terms.personal_data.value,
    }
    if terms.personal_data is PersonalDataDeclaration.MAY_CONTAIN:
        fields["purpose_limitation_confirmed"] = True
    fields["evidence"] = {"file": Path(evidence).name, "sha256": sha256_file(Path(evidence))}
    data = dump_manifest(fields)
    load_manifest(data, "the drafted manifest")  # refused here, with the field, rather than at registration
    return data


def write_draft(terms: ManifestTerms, files: Sequence[Path], evidence: Path, out: Path) -> Path:
    """Write the manifest to `out`, never over an existing file (a signed manifest must not change under its
    signature)."""
    data = manifest_bytes(terms, files, evidence)
    try:
        with open(out, "xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise UnreadableFile(f"{out} exists: choose another --out (a manifest already signed must not change)"
                             ) from None
    return out
