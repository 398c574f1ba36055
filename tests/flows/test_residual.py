"""Fail closed: when the re-scan of the anonymised output still finds personal data, nothing is delivered.

The leftovers are real: the run's policy masks phone numbers but keeps their last 20 characters, which is
all of them (a policy mistake an engineer could make), so every phone number leaves the anonymiser intact
and the re-scan, which checks phone numbers, finds them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generator import generate_equiptrack
from benchmarks.generator.truth import read_truth
from intake.anonymisation import ResidualPersonalData
from intake.config import Settings
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.registry.models import ArtefactKind, Dataset, DatasetState, Run
from intake.vault import Vault
from tests.flows.packages import packages
from tests.flows.policies import TOO_WEAK_POLICY

pytestmark = pytest.mark.usefixtures("flows_as")



@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """This module's runs use the too-weak policy (the anonymisation policy is a per-installation setting)."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(TOO_WEAK_POLICY)
    return Settings(home=tmp_path / "home", anonymisation={"processes": 1, "policy_file": str(policy)})


def test_leftover_personal_data_fails_the_run_and_delivers_nothing(ctx, authorise, tmp_path: Path):
    export = generate_equiptrack(tmp_path / "export", assets=120, jobs=120, seed=8)
    phones = {r["value"] for r in read_truth(export.truth_path) if r["entity_type"] == "PHONE_NUMBER"}
    assert phones
    files = [str(p) for p in export.paths.values()]
    reference = authorise([Path(f) for f in files])
    dataset_id = receive_dataset_flow(authorisation=reference, files=files, actor="eve")["dataset_id"]

    with pytest.raises(ResidualPersonalData) as failed:
        migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)

    message = str(failed.value)
    assert "Contact Tel" in message and "PHONE_NUMBER" in message and "nothing was delivered" in message
    assert not [phone for phone in phones if phone in message]  # counts, never a value

    assert packages(ctx, dataset_id) == []  # no package, not even an unpublished or hidden staging one
    with ctx.registry.session() as session:
        assert session.get(Dataset, dataset_id).state is DatasetState.QUARANTINED  # not marked processed
        [run] = session.query(Run).filter_by(dataset_id=dataset_id).all()
        summary = json.loads(run.summary)
    assert run.state == "failed"
    assert summary["failed_at"] == "re-scan" and summary["error"] == "ResidualPersonalData"
    assert summary["residual"]["PHONE_NUMBER"] > 0
    assert "transform, validate and deliver" not in summary["steps"]

    vault = Vault.from_context(ctx)
    reports = {a.id: a.name.rsplit("/", 1)[-1] for a in vault.artefacts(dataset_id, kind=ArtefactKind.REPORT)}
    assert sorted(reports.values()) == ["findings.json", "findings.md", "review.json"]
    assert set(summary["findings_reports"]) == set(reports)  # the run row says where the reports are
    findings = json.loads(vault.read_bytes(next(i for i, n in reports.items() if n == "findings.json"),
                                           actor=ctx.actor()))
    assert findings["rescan_clean"] is False
    residual = {(t["table"], c["column"]) for t in findings["tables"] for c in t["columns"] if c.get("residual")}
    assert ("assets.csv/assets", "Contact Tel") in residual
    work = [a for a in vault.artefacts(dataset_id, kind=ArtefactKind.INTERMEDIATE) if "/work/" in a.name]
    assert work == []
