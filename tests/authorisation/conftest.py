"""Authorisation fixtures: a dataset folder, a customer's key pair in the trust store, signed manifests."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake.authorisation import add_signer, confirm_signer, register
from intake.authorisation.manifest import dump_manifest
from intake.authorisation.sample import one_page_pdf
from intake.authorisation.signing import KeyPairPaths, generate_keypair, load_private_key, sign, write_signature
from intake.context import Context

CUSTOMER = "St Elsewhere NHS Foundation Trust"
OTHER_CUSTOMER = "Northshire Hospitals NHS Trust"
_counter = itertools.count(1)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def dataset_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "dataset"
    folder.mkdir()
    (folder / "assets.csv").write_bytes(
        b"EquipTrack Asset Register Export\r\nEquipment No,Serial No\r\nEQ000001,S1\r\n"
    )
    (folder / "jobs.csv").write_bytes(b"Job No,Equipment No\r\nJ0000001,EQ000001\r\n")
    return folder


@dataclass
class Signed:
    manifest: Path
    signature: Path
    evidence: Path
    reference: str
    fields: dict[str, Any]


@dataclass
class Signer:
    keys: KeyPairPaths
    private: Ed25519PrivateKey


def confirm_as(ctx: Context, name: str, key_id: str) -> None:
    """The second person's out-of-band check of a new key's fingerprint (never whoever added it)."""
    other = Context(settings=ctx.settings, actor=name, clock=ctx.clock, registry=ctx.registry, migrate=False)
    confirm_signer(other, key_id, "read back by phone to the customer on the contract's number")


class Authorisations:
    """Writes manifests the way a customer would, signs them, and registers them."""

    def __init__(self, ctx: Context, folder: Path, dataset_dir: Path) -> None:
        self.ctx = ctx
        self.folder = folder
        self.dataset_dir = dataset_dir
        folder.mkdir(parents=True, exist_ok=True)
        self.evidence = folder / "signed-letter.pdf"
        self.evidence.write_bytes(one_page_pdf(["Letter of authority", "Signed: Dr A Example"]))
        self.customer_key = self.new_key("customer")
        public_key = self.customer_key.keys.public_key.read_bytes()
        key = add_signer(ctx, CUSTOMER, "customer", "Head of Clinical Engineering", public_key)
        confirm_as(ctx, "dora", key.key_id)

    def new_key(self, name: str) -> Signer:
        keys = generate_keypair(self.folder / "keys", f"{name}-{next(_counter)}")
        return Signer(keys, load_private_key(keys.private_key))

    def fields(self, **overrides: Any) -> dict[str, Any]:
        n = next(_counter)
        files = sorted(p for p in self.dataset_dir.iterdir() if p.is_file())
        fields: dict[str, Any] = {
            "customer": CUSTOMER,
            "signatory": {"name": "Dr A Example", "role": "Head of Clinical Engineering"},
            "signed_on": date(2026, 3, 1),
            "valid_until": date(2026, 9, 30),
            "purpose": {"kind": "migration", "migration_project": f"MIG-{n:04d}"},
            "reference": f"AUTH-T-{n:04d}",
            "dataset_description": "EquipTrack asset register and job history export",
            "files": [{"name": p.name, "sha256": sha256_hex(p.read_bytes())} for p in files],
            "personal_data": "may_contain",
            "purpose_limitation_confirmed": True,
            "evidence": {"file": self.evidence.name, "sha256": sha256_hex(self.evidence.read_bytes())},
        }
        fields.update(overrides)
        return fields

    def write(self, signer: Signer | None = None, manifest_bytes: bytes | None = None, **overrides: Any) -> Signed:
        fields = self.fields(**overrides)
        data = manifest_bytes if manifest_bytes is not None else dump_manifest(fields)
        stem = self.folder / f"{fields['reference'].replace('/', '_')}-{next(_counter)}"
        manifest = stem.with_suffix(".yaml")
        manifest.write_bytes(data)
        signature = stem.with_suffix(".sig")
        write_signature(signature, sign(data, (signer or self.customer_key).private))
        return Signed(manifest, signature, self.evidence, fields["reference"], fields)

    def register(self, signed: Signed, ctx: Context | None = None) -> Any:
        """Registered by the engineer 'eve' unless said otherwise: the admin trusted the key (two-person rule)."""
        engineer = Context(settings=self.ctx.settings, actor="eve", clock=self.ctx.clock, registry=self.ctx.registry,
                           migrate=False)
        return register(ctx or engineer, signed.manifest, signed.signature, signed.evidence)


@pytest.fixture
def auths(ctx: Context, tmp_path: Path, dataset_dir: Path) -> Authorisations:
    return Authorisations(ctx, tmp_path / "authorisations", dataset_dir)


@pytest.fixture
def dataset_hashes(dataset_dir: Path) -> dict[str, str]:
    return {p.name: sha256_hex(p.read_bytes()) for p in sorted(dataset_dir.iterdir())}


def refusals(ctx: Context, action: str) -> list[dict[str, Any]]:
    import json

    return [json.loads(e.details) for e in ctx.audit.events() if e.action == action and e.outcome == "refused"]


