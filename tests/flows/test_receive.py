"""receive-dataset: verified files are encrypted into quarantine; refused input leaves nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from intake.authorisation import AuthorisationNotFound, FileHashMismatch, FileNotAuthorised, PurposeMismatch
from intake.errors import PermissionDenied
from intake.flows.receive import receive_dataset_flow
from intake.registry.models import Artefact, ArtefactKind, DataKey, Dataset, DatasetState, Purpose
from intake.vault import Vault

pytestmark = pytest.mark.usefixtures("flows_as")


@pytest.fixture
def export(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "export"
    folder.mkdir()
    assets = folder / "assets.csv"
    assets.write_bytes(b"Equipment No,Serial No\r\nEQ000001,SN-1\r\nEQ000002,SN-2\r\n")
    jobs = folder / "jobs.csv"
    jobs.write_bytes(b"Job No,Equipment No\r\nJ0000001,EQ000001\r\n")
    return [assets, jobs]


def counts(ctx) -> tuple[int, int]:
    with ctx.registry.session() as session:
        datasets = session.scalar(select(func.count()).select_from(Dataset))
        artefacts = session.scalar(select(func.count()).select_from(Artefact).where(Artefact.kind == ArtefactKind.RAW))
    return datasets, artefacts


def test_received_files_are_encrypted_into_quarantine(ctx, authorise, export):
    reference = authorise(export)
    result = receive_dataset_flow(authorisation=reference, files=[str(p) for p in export], actor="eve")

    assert result["state"] == "quarantined" and result["authorisation"] == reference
    assert [f["name"] for f in result["files"]] == ["assets.csv", "jobs.csv"]
    vault = Vault.from_context(ctx)
    stored = {a.name: a for a in vault.artefacts(result["dataset_id"])}
    assert set(stored) == {"assets.csv", "jobs.csv"}
    actor = ctx.actor()
    for path in export:
        assert stored[path.name].kind is ArtefactKind.RAW
        with vault.open(stored[path.name].id, actor=actor) as handle:
            assert handle.read() == path.read_bytes()
        # Encrypted at rest: the plaintext appears nowhere in the vault folder.
        for blob in ctx.settings.vault_path.rglob("*"):
            if blob.is_file():
                assert b"EQ000001" not in blob.read_bytes()
    with ctx.registry.session() as session:
        dataset = session.get(Dataset, result["dataset_id"])
        assert dataset.state is DatasetState.QUARANTINED and dataset.received_by == "eve"


@pytest.mark.parametrize("problem", ["changed_file", "unlisted_file", "unknown_reference", "wrong_purpose"])
def test_refused_input_leaves_nothing_stored(ctx, authorise, export, problem):
    reference = authorise(export[:1] if problem == "unlisted_file" else export)
    purpose = "migration"
    expected: type[Exception] = FileHashMismatch
    if problem == "changed_file":
        export[0].write_bytes(export[0].read_bytes() + b"EQ000003,SN-3\r\n")
    elif problem == "unlisted_file":
        expected = FileNotAuthorised
    elif problem == "unknown_reference":
        reference, expected = "AUTH-NOPE", AuthorisationNotFound
    else:
        purpose, expected = Purpose.FAULT_INVESTIGATION.value, PurposeMismatch

    with pytest.raises(expected):
        receive_dataset_flow(authorisation=reference, files=[str(p) for p in export], purpose=purpose, actor="eve")
    assert counts(ctx) == (0, 0)
    assert stored_scopes(ctx) == {"authorisation"}  # only the authorisation's own evidence, nothing received


def stored_scopes(ctx) -> set[str]:
    """Kinds of scope with objects in the vault folder or data keys in the registry."""
    objects = {p.relative_to(ctx.settings.vault_path).parts[0].split("=")[0]
               for p in ctx.settings.vault_path.rglob("*") if p.is_file()}
    with ctx.registry.session() as session:
        keys = {scope.split(":")[0] for scope in session.scalars(select(DataKey.scope))}
    return {"authorisation" if s == "authorisation" else "dataset" for s in objects | keys}


def test_only_engineers_and_support_receive(ctx, authorise, export):
    reference = authorise(export)
    with pytest.raises(PermissionDenied):
        receive_dataset_flow(authorisation=reference, files=[str(p) for p in export], actor="dora")
    assert counts(ctx) == (0, 0)
    result = receive_dataset_flow(authorisation=reference, files=[str(p) for p in export], actor="sam")
    assert result["state"] == "quarantined"
