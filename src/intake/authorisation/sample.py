"""A sample authorisation for demos and tests: signer key pair, manifest, evidence PDF and signature.

The key pair is freshly generated on every call and written next to the sample; it stands for no real
customer and must never be committed. The evidence is a one-page PDF written by hand (the format is
simple enough that no PDF library is needed).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from intake.authorisation.draft import ManifestTerms, manifest_bytes
from intake.authorisation.signing import generate_keypair, load_private_key, sign, write_signature
from intake.clock import Clock
from intake.registry.models import PersonalDataDeclaration, Purpose

DEFAULT_SIGNATORY = {"name": "Dr Alex Example", "role": "Head of Clinical Engineering"}


@dataclass(frozen=True)
class SamplePaths:
    manifest: Path
    signature: Path
    evidence: Path
    private_key: Path
    public_key: Path
    key_id: str
    reference: str
    customer: str
    purpose: Purpose
    purpose_reference: str


def _pdf_text(text: str) -> str:
    latin = text.encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def one_page_pdf(lines: Sequence[str]) -> bytes:
    """A valid one-page PDF (Helvetica, A4) showing `lines`, with a correct cross-reference table."""
    body = ["BT", "/F1 12 Tf", "16 TL", "72 770 Td"]
    for index, line in enumerate(lines):
        body.append(f"({_pdf_text(line)}) {'Tj' if index == 0 else chr(39)}")
    body.append("ET")
    content = "\n".join(body).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def _evidence_lines(customer: str, reference: str, purpose: Purpose, purpose_reference: str, signed_on: date,
                    valid_until: date, files: Sequence[str]) -> list[str]:
    what = "migration project" if purpose == Purpose.MIGRATION else "fault ticket"
    lines = [
        f"{customer}",
        "Authorisation to transfer data to the equipment-management software supplier",
        "",
        f"Reference: {reference}",
        f"Purpose: {purpose.value} ({what} {purpose_reference})",
        f"Valid from {signed_on.isoformat()} until {valid_until.isoformat()}",
        "",
        "We authorise the supplier to receive and process the following files for this purpose alone:",
    ]
    lines += [f"  - {name}" for name in files[:30]]
    if len(files) > 30:
        lines.append(f"  ... and {len(files) - 30} more files listed in the signed manifest")
    lines += ["", f"Signed: {DEFAULT_SIGNATORY['name']}, {DEFAULT_SIGNATORY['role']}", "",
              "SAMPLE DOCUMENT - generated for demonstration, not a real authorisation"]
    return lines


def make_sample_authorisation(
    dataset_files: Sequence[Path],
    customer: str,
    purpose: Purpose | str,
    out_dir: Path,
    clock: Clock,
    *,
    reference: str | None = None,
    purpose_reference: str | None = None,
    personal_data: PersonalDataDeclaration | str = PersonalDataDeclaration.MAY_CONTAIN,
    valid_days: int = 365,
    key_dir: Path | None = None,
) -> SamplePaths:
    """Write `manifest.yaml`, `manifest.yaml.sig`, `evidence.pdf` and a new signer key pair into out_dir.

    The manifest lists every file of `dataset_files` by base name with its SHA-256. The caller trusts the
    public key (`intake keys add`) and registers the manifest (`intake authorisation register`).
    """
    purpose = Purpose(purpose)
    personal_data = PersonalDataDeclaration(personal_data)
    out_dir.mkdir(parents=True, exist_ok=True)
    today = clock.now().date()
    valid_until = today + timedelta(days=valid_days)
    reference = reference or f"AUTH-{today:%Y%m%d}-{secrets.token_hex(3).upper()}"
    default_ref = f"MIG-{today:%Y}-001" if purpose == Purpose.MIGRATION else f"FT-{today:%Y}-001"
    purpose_reference = purpose_reference or default_ref
    names = [Path(f).name for f in dataset_files]

    evidence = out_dir / "evidence.pdf"
    evidence.write_bytes(
        one_page_pdf(_evidence_lines(customer, reference, purpose, purpose_reference, today, valid_until, names))
    )
    keys = generate_keypair(key_dir or out_dir / "keys", name=f"sample-signer-{secrets.token_hex(4)}")

    terms = ManifestTerms(customer, DEFAULT_SIGNATORY["name"], DEFAULT_SIGNATORY["role"], today, valid_until,
                          purpose, purpose_reference, reference,
                          f"Sample dataset of {len(names)} file(s) for {purpose.value} {purpose_reference}",
                          personal_data)
    data = manifest_bytes(terms, dataset_files, evidence)

    manifest = out_dir / "manifest.yaml"
    manifest.write_bytes(data)
    signature = out_dir / "manifest.yaml.sig"
    write_signature(signature, sign(data, load_private_key(keys.private_key)))
    return SamplePaths(
        manifest=manifest,
        signature=signature,
        evidence=evidence,
        private_key=keys.private_key,
        public_key=keys.public_key,
        key_id=keys.key_id,
        reference=reference,
        customer=customer,
        purpose=purpose,
        purpose_reference=purpose_reference,
    )
