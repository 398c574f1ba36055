"""Signed authorisations for flow tests, made the way a customer makes them: manifest, Ed25519 signature."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import yaml

from intake.authorisation.register import register
from intake.authorisation.signing import generate_keypair, load_private_key, sign, write_signature
from intake.authorisation.trust import add_signer
from intake.context import Context
from intake.registry.models import PersonalDataDeclaration, Purpose
from tests.authorisation.conftest import confirm_as

CUSTOMER = "St Elsewhere NHS Foundation Trust"
SIGNED_ON = date(2026, 10, 20)  # after the generator's export date, before the tests' fixed clock
_counter = itertools.count(1)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class AuthorisationMaker:
    def __init__(self, ctx: Context, folder: Path) -> None:
        self.ctx = ctx
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        keys = generate_keypair(folder, "customer")
        self.private_key = load_private_key(keys.private_key)
        key = add_signer(ctx, CUSTOMER, "customer", "Head of Clinical Engineering", keys.public_key.read_bytes())
        confirm_as(ctx, "dora", key.key_id)
        self.evidence = folder / "signed-letter.pdf"
        self.evidence.write_bytes(b"%PDF-1.4 signed letter of authority\n")

    def __call__(
        self,
        files: Sequence[Path],
        purpose: Purpose = Purpose.MIGRATION,
        personal_data: PersonalDataDeclaration = PersonalDataDeclaration.MAY_CONTAIN,
        reference: str | None = None,
        purpose_reference: str | None = None,
    ) -> str:
        n = next(_counter)
        reference = reference or f"AUTH-TEST-{n:04d}"
        purpose_spec = (
            {"kind": "migration", "migration_project": purpose_reference or f"MIG-{n:04d}"}
            if purpose is Purpose.MIGRATION
            else {"kind": "fault_investigation", "fault_ticket": purpose_reference or f"FT-{n:04d}"}
        )
        manifest = {
            "customer": CUSTOMER,
            "signatory": {"name": "Dr A Example", "role": "Head of Clinical Engineering"},
            "signed_on": SIGNED_ON,
            # Flows run in subprocesses use the system clock: keep the authorisation valid whenever tests run.
            "valid_until": max(date(2027, 12, 31), date.today() + timedelta(days=730)),
            "purpose": purpose_spec,
            "reference": reference,
            "dataset_description": "EquipTrack asset register and job history export",
            "files": [{"name": f.name, "sha256": sha256(f)} for f in files],
            "personal_data": personal_data.value,
            "evidence": {"file": self.evidence.name, "sha256": sha256(self.evidence)},
        }
        if personal_data is PersonalDataDeclaration.MAY_CONTAIN:
            manifest["purpose_limitation_confirmed"] = True
        manifest_path = self.folder / f"{reference}.yaml"
        manifest_path.write_text(yaml.safe_dump(manifest, sort_keys=False))
        signature_path = self.folder / f"{reference}.sig"
        write_signature(signature_path, sign(manifest_path.read_bytes(), self.private_key))
        # Two-person rule: the admin trusted the key, an engineer registers what it signs.
        engineer = Context(settings=self.ctx.settings, actor="eve", clock=self.ctx.clock, registry=self.ctx.registry,
                           migrate=False)
        register(engineer, manifest_path, signature_path, self.evidence)
        return reference
