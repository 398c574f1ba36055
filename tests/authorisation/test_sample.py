"""The sample authorisation: a valid signed manifest over every dataset file, a well-formed PDF, private key 0600."""

from __future__ import annotations

import re
import runpy
import stat
import sys
from pathlib import Path

import pytest

from intake.authorisation import add_signer, make_sample_authorisation, read_manifest, register, verify_for
from intake.authorisation.sample import one_page_pdf
from intake.authorisation.signing import load_public_key, read_signature, sha256_file, verify
from intake.registry.models import Purpose
from tests.authorisation.conftest import CUSTOMER, confirm_as


def assert_well_formed_pdf(data: bytes) -> None:
    """What a PDF reader relies on: header, objects at the xref offsets, startxref, stream lengths, EOF."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF", data).group(1))
    assert data[startxref:].startswith(b"xref\n")
    header = re.match(rb"xref\n0 (\d+)\n", data[startxref:])
    count = int(header.group(1))
    entries = data[startxref + header.end():].split(b"\n")[:count]
    assert entries[0] == b"0000000000 65535 f "
    for number, entry in enumerate(entries[1:], start=1):
        offset = int(entry[:10])
        assert data[offset:].startswith(f"{number} 0 obj\n".encode()), number
    for match in re.finditer(rb"/Length (\d+) >>\nstream\n", data):
        length = int(match.group(1))
        assert data[match.end() + length:].startswith(b"\nendstream")
    assert b"/Type /Catalog" in data and b"/Count 1" in data


def test_one_page_pdf_is_well_formed_and_escapes_text() -> None:
    data = one_page_pdf(["Trust (Foundation) \\ back", "Zoë\u2019s letter"])
    assert_well_formed_pdf(data)
    assert b"Trust \\(Foundation\\) \\\\ back" in data


def test_sample_covers_every_file_and_registers(ctx, as_user, clock, dataset_dir: Path, tmp_path: Path) -> None:
    files = sorted(dataset_dir.iterdir())
    sample = make_sample_authorisation(files, CUSTOMER, Purpose.MIGRATION, tmp_path / "sample", clock)
    data, manifest = read_manifest(sample.manifest)
    assert manifest.customer == CUSTOMER
    assert manifest.file_hashes == {p.name: sha256_file(p) for p in files}
    assert manifest.evidence.sha256 == sha256_file(sample.evidence)
    assert manifest.signed_on == clock.now().date()
    assert verify(load_public_key(sample.public_key), data, read_signature(sample.signature))
    assert stat.S_IMODE(sample.private_key.stat().st_mode) == 0o600
    assert_well_formed_pdf(sample.evidence.read_bytes())

    key = add_signer(ctx, CUSTOMER, "customer", "sample", sample.public_key.read_bytes())
    confirm_as(ctx, "dora", key.key_id)
    register(as_user("eve"), sample.manifest, sample.signature, sample.evidence)
    verified = verify_for(ctx, sample.reference, Purpose.MIGRATION, {p.name: sha256_file(p) for p in files})
    assert verified.purpose_reference == sample.purpose_reference


def test_fault_sample_and_fresh_keys_each_time(clock, dataset_dir: Path, tmp_path: Path) -> None:
    files = sorted(dataset_dir.iterdir())
    first = make_sample_authorisation(files, CUSTOMER, "fault_investigation", tmp_path / "s", clock,
                                      purpose_reference="FT-42", personal_data="none")
    _, manifest = read_manifest(first.manifest)
    assert (manifest.purpose.fault_ticket, manifest.personal_data.value) == ("FT-42", "none")
    second = make_sample_authorisation(files, CUSTOMER, "fault_investigation", tmp_path / "s", clock)
    assert first.key_id != second.key_id and first.reference != second.reference


def test_script(dataset_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    out = tmp_path / "out"
    monkeypatch.setattr(sys, "argv", ["make_sample_authorisation.py", "--dataset-dir", str(dataset_dir),
                                      "--customer", CUSTOMER, "--out", str(out), "--reference", "AUTH-DEMO-1"])
    with pytest.raises(SystemExit) as exited:
        runpy.run_path(str(Path(__file__).parents[2] / "scripts" / "make_sample_authorisation.py"),
                       run_name="__main__")
    assert exited.value.code == 0
    assert '"reference": "AUTH-DEMO-1"' in capsys.readouterr().out
    _, manifest = read_manifest(out / "manifest.yaml")
    assert sorted(manifest.file_hashes) == ["assets.csv", "jobs.csv"]
    assert (out / "manifest.yaml.sig").is_file() and (out / "evidence.pdf").is_file()
