"""A deletion certificate for a person: `intake retention certificate show ID --text`.

The signed JSON proves; this says it in words: for which customer (its name from the registry), which dataset,
when it was received, due and deleted, under which rule, every artefact, delivered package and run spool deleted
with counts, whether the signature verifies now, and how anyone can verify the file offline. Showing a
certificate is a read of the registry and audited as one (`certificate.read`). Ids, names, counts and sizes only:
a certificate holds no value of the dataset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from intake.context import Context
from intake.registry.models import Customer
from intake.retention.certificates import (
    SignedCertificate,
    certificate_file,
    certificate_row,
    load_service_key,
    verify_document,
)
from intake.retention.errors import CertificateInvalid, ServiceKeyMissing


@dataclass(frozen=True)
class CertificateReading:
    signed: SignedCertificate
    customer_name: str | None  # None: the customer is no longer in the registry
    file: Path
    valid: bool | None  # None: not checked (this installation has no service key)
    problem: str | None  # why it is not valid, or why it was not checked


def read_certificate(ctx: Context, dataset_or_certificate_id: str, shown_as: str = "text") -> CertificateReading:
    """The stored certificate (full id or a unique start), its customer's name and its signature checked now."""
    actor = ctx.authorise("certificate.read", dataset_id=dataset_or_certificate_id)
    with ctx.registry.session() as session:
        row = certificate_row(session, dataset_or_certificate_id)
        signed = SignedCertificate(row.body, bytes(row.signature), row.service_key_id)
        body = signed.body
        customer = session.get(Customer, body.get("customer_id"))
        name = customer.name if customer is not None else None
    valid: bool | None
    try:
        verify_document(signed.document(), load_service_key(ctx.settings).public_key,
                        source=f"stored certificate {body.get('certificate_id')}")
        valid, problem = True, None
    except ServiceKeyMissing as exc:
        valid, problem = None, str(exc)
    except CertificateInvalid as exc:
        valid, problem = False, str(exc)
    ctx.record(actor, "certificate.read", dataset_id=body.get("dataset_id"), certificate_id=body.get("certificate_id"),
               shown_as=shown_as, signature="valid" if valid else ("unchecked" if valid is None else "invalid"))
    return CertificateReading(signed, name, certificate_file(ctx.settings.certificates_path, body["dataset_id"]),
                              valid, problem)


def _when(value: Any) -> str:
    if not value:
        return "-"
    try:
        return datetime.fromisoformat(str(value)).strftime("%d %B %Y, %H:%M UTC")
    except ValueError:
        return str(value)


def _size(count: Any) -> str:
    return f"{int(count or 0):,} bytes"


def _deliveries(entries: list[dict[str, Any]]) -> list[str]:
    lines = []
    for d in entries:
        extra = [f"{d['versions']} object versions"] if d.get("versions") else []
        extra += [f"{d['unfinished_uploads']} unfinished uploads"] if d.get("unfinished_uploads") else []
        lines.append(f"  - {d.get('store')}: {d.get('location')}: {d.get('files', 0)} files, {_size(d.get('bytes'))}"
                     + "".join(f", {e}" for e in extra))
    return lines


def render_text(reading: CertificateReading) -> str:
    b = reading.signed.body
    artefacts = b.get("artefacts", [])
    deliveries = b.get("deliveries", [])
    spools = b.get("spools", [])
    key = b.get("data_key")
    customer = reading.customer_name or "(no longer in the registry)"
    lines = [
        "DELETION CERTIFICATE",
        f"Certificate       {b.get('certificate_id')}",
        f"Customer          {customer} (customer id {b.get('customer_id')})",
        f"Dataset           {b.get('dataset_id')}",
        f"Purpose           {b.get('purpose')} {b.get('purpose_reference') or ''}".rstrip(),
        f"Authorisation     {b.get('authorisation_reference') or '-'}",
        f"Received          {_when(b.get('received_at'))}",
        f"Due for deletion  {_when(b.get('due_at'))}",
        f"Deletion began    {_when(b.get('deletion_started_at'))}",
        f"Deleted           {_when(b.get('deleted_at'))}",
        f"Rule applied      {b.get('rule')}: {b.get('rule_detail') or ''}".rstrip(": "),
        f"Issued by         {b.get('issued_by')}",
        "",
        f"Deleted from the vault: {len(artefacts)} artefact(s), {_size(b.get('ciphertext_bytes'))} encrypted",
        *(f"  - {a.get('kind')}: {a.get('name')} ({_size(a.get('size'))}, deleted {_when(a.get('deleted_at'))})"
          for a in artefacts),
        "Data key          " + ("none was made" if key is None else
                              f"destroyed {_when(key.get('destroyed_at'))} ({key.get('provider')})"
                              if key.get("destroyed_at") else "NOT destroyed"),
        f"Delivered import packages deleted: {len(deliveries)}",
        *_deliveries(deliveries),
        f"Run spools removed: {len(spools)}",
        *(f"  - run {s.get('run')}: {s.get('location')}: {s.get('files', 0)} files, {_size(s.get('bytes'))}"
          for s in spools),
    ]
    handed = b.get("handed_over", [])
    if handed:
        lines += [f"Handed over to the product, not deleted by intake: {len(handed)}"]
        lines += [f"  - {h.get('target')}: {h.get('files')} files, {_when(h.get('at'))}, by {h.get('by')}"
                  for h in handed]
    verification = b.get("verification", {})
    checks = ", ".join(verification.get("checks", []))
    nothing = "nothing readable was left" if verification.get("nothing_readable") else "NOT confirmed"
    signature = {True: f"valid (Ed25519, service key {reading.signed.service_key_id})",
                 False: f"INVALID: {reading.problem}",
                 None: f"not checked here: {reading.problem}"}[reading.valid]
    lines += [
        "",
        "Verification",
        f"  At deletion ({_when(verification.get('checked_at'))}): {nothing} ({checks})",
        f"  Signature now: {signature}",
        "",
        "How to verify offline",
        "  1. The service's public key: `intake retention certificate public-key --out service.pem` (give it to",
        "     whoever verifies; it never changes for this installation).",
        f"  2. The certificate file: {reading.file}",
        f"     (or `intake retention certificate show {b.get('certificate_id')} > certificate.json`).",
        "  3. `intake retention certificate verify certificate.json --public-key service.pem` on any machine:",
        "     any edit to the file breaks the Ed25519 signature.",
    ]
    return "\n".join(lines) + "\n"
