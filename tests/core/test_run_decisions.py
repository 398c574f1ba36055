"""The migration run's decisions (intake.pipeline.decisions), on the core pipeline run in-process without Prefect:
a dataset declared free of personal data that has some is blocked, a re-scan that still finds personal data fails
the run before anything is delivered, a residual estimate above the stop rate stops it, and a completed run's
summary counts what the run did."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generator import generate_equiptrack
from intake import pipeline
from intake.anonymisation import ResidualPersonalData
from intake.anonymisation.residual import ColumnResidual, ResidualEstimate
from intake.clock import FixedClock
from intake.config import Settings
from intake.context import Context
from intake.pipeline import decisions
from intake.pipeline.residual import ResidualRiskTooHigh
from intake.pipeline.terms import collect_dataset_terms
from intake.registry.models import ArtefactKind, Dataset, DatasetState, PersonalDataDeclaration, Run
from intake.vault import Vault
from tests.flows.policies import TOO_WEAK_POLICY
from tests.flows.signing import AuthorisationMaker


@pytest.fixture
def clock() -> FixedClock:
    """After the generated export and the authorisations' signing date (tests/flows/signing.py)."""
    return FixedClock(datetime(2026, 11, 2, 9, 30, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """NER in-process: a small dataset does not repay starting worker processes."""
    return Settings(home=tmp_path / "home", anonymisation={"processes": 1})


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A small EquipTrack export (assets.csv + jobs.xlsx) holding engineers' names and phone numbers."""
    return generate_equiptrack(tmp_path_factory.mktemp("equiptrack"), assets=60, jobs=60, seed=8)


@pytest.fixture(autouse=True)
def no_sessions_left() -> Iterator[None]:
    yield
    pipeline.close_sessions()


@dataclass
class Started:
    ctx: Context
    run: pipeline.RunInfo
    ingested: pipeline.Ingested


@pytest.fixture
def started(ctx: Context, as_user: Any, tmp_path: Path, export: Any) -> Any:
    """A received dataset with the given declaration, its run started and its files ingested (as the flow does)."""
    authorise = AuthorisationMaker(ctx, tmp_path / "signing")

    def start(declared: PersonalDataDeclaration = PersonalDataDeclaration.MAY_CONTAIN) -> Started:
        files = list(export.paths.values())
        reference = authorise(files, personal_data=declared)
        eve = as_user("eve")
        dataset_id = pipeline.receive_dataset(eve, reference, files).dataset_id
        run = pipeline.start_run(eve, dataset_id, "equiptrack")
        return Started(eve, run, pipeline.ingest(eve, run, 40))

    return start


def classify(s: Started) -> dict[str, dict[str, Any]]:
    return pipeline.profile_tables(s.ctx, s.run, s.ingested.tables)


def anonymise(s: Started, classifications: dict[str, dict[str, Any]]) -> tuple[pipeline.Anonymised, str | None]:
    """Passes 1 and 2 of the flow, chunk by chunk in this process."""
    terms_id = collect_dataset_terms(s.ctx, s.run, s.ingested.tables, s.ingested.query_inputs)
    findings_id = pipeline.analyse_free_text(s.ctx, s.run, s.ingested.tables, classifications, terms_id)
    results = [pipeline.anonymise_chunk(s.ctx, s.run, chunk, classifications[chunk.table.key], 200, terms_id,
                                        findings_id)
               for chunk in pipeline.plan_chunks(s.ingested.tables)]
    return pipeline.combine_chunks(s.ctx, classifications, results), terms_id


def run_row(ctx: Context, s: Started) -> tuple[str, dict[str, Any], DatasetState]:
    with ctx.registry.session() as session:
        run = session.get(Run, s.run.run_id)
        dataset = session.get(Dataset, s.run.dataset_id)
        return run.state.value, json.loads(run.summary), dataset.state


def artefacts(ctx: Context, dataset_id: str, kind: ArtefactKind) -> list[Any]:
    return Vault.from_context(ctx).artefacts(dataset_id, kind=kind)


def work_files(ctx: Context, dataset_id: str) -> list[str]:
    return [a.name for a in artefacts(ctx, dataset_id, ArtefactKind.INTERMEDIATE) if "/work/" in a.name]


def test_a_dataset_declared_free_of_personal_data_in_which_the_scan_finds_some_is_blocked(ctx, started) -> None:
    s = started(PersonalDataDeclaration.NONE)
    scanned = pipeline.scan_report(s.ctx, classify(s))

    with pytest.raises(pipeline.DatasetBlocked, match="declared to contain no personal data") as blocked:
        decisions.after_scan(s.ctx, s.run, scanned, "scan")

    assert "the scan found" in str(blocked.value) and "stays encrypted in quarantine" in str(blocked.value)
    state, summary, dataset_state = run_row(ctx, s)
    assert (state, dataset_state) == ("blocked", DatasetState.BLOCKED)
    assert summary["blocked_at"] == "scan" and summary["found"] == scanned.totals()
    reports = {a.id: a.name.rsplit("/", 1)[-1] for a in artefacts(ctx, s.run.dataset_id, ArtefactKind.REPORT)}
    assert set(summary["findings_reports"]) == set(reports) and sorted(reports.values()) == ["findings.json",
                                                                                             "findings.md"]
    assert sorted(a.name for a in artefacts(ctx, s.run.dataset_id, ArtefactKind.RAW)) == ["assets.csv", "jobs.xlsx"]
    assert work_files(ctx, s.run.dataset_id) == []  # the ingested copies are gone; the received files stay
    [event] = [e for e in ctx.audit.events() if e.action == "dataset.block"]
    assert json.loads(event.details)["stage"] == "scan"
    with pytest.raises(pipeline.DatasetBlocked):  # a blocked dataset does not run again
        pipeline.start_run(s.ctx, s.run.dataset_id, "equiptrack")


def test_the_same_findings_in_a_dataset_that_may_contain_personal_data_let_the_run_go_on(ctx, started) -> None:
    s = started(PersonalDataDeclaration.MAY_CONTAIN)
    scanned = pipeline.scan_report(s.ctx, classify(s))
    assert pipeline.found_personal_data(scanned)

    decisions.after_scan(s.ctx, s.run, scanned, "scan")

    assert run_row(ctx, s)[0] == "running"
    assert not [e for e in ctx.audit.events() if e.action == "dataset.block"]


def test_a_rescan_that_still_finds_personal_data_fails_the_run_and_delivers_nothing(ctx, started, tmp_path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(TOO_WEAK_POLICY)
    ctx.settings.anonymisation.policy_file = str(policy)
    s = started()
    anonymised, _terms = anonymise(s, classify(s))
    assert not anonymised.clean
    reports = {"findings_json": pipeline.store_report(s.ctx, s.run, "findings.json", anonymised.report.to_json())}

    with pytest.raises(ResidualPersonalData) as failed:
        decisions.after_rescan(s.ctx, s.run, anonymised, reports)

    assert "PHONE_NUMBER" in str(failed.value) and "nothing was delivered" in str(failed.value)
    state, summary, dataset_state = run_row(ctx, s)
    assert (state, dataset_state) == ("failed", DatasetState.QUARANTINED)  # back as received, not processed
    assert summary["failed_at"] == "re-scan" and summary["error"] == "ResidualPersonalData"
    assert summary["findings_reports"] == [reports["findings_json"]]  # where to read what was left
    assert summary["residual"]["PHONE_NUMBER"] > 0
    assert artefacts(ctx, s.run.dataset_id, ArtefactKind.OUTPUT) == []
    assert work_files(ctx, s.run.dataset_id) == []  # the anonymised parts are not kept for a later delivery
    [event] = [e for e in ctx.audit.events() if e.action == "migration.run.failed"]
    assert json.loads(event.details)["failed_at"] == "re-scan"


def estimate(sampled: int, flagged: int) -> ResidualEstimate:
    return ResidualEstimate("independent", [ColumnResidual("assets.csv/assets", "Notes", sampled, flagged,
                                                           Counter({"PERSON": flagged}))])


def test_a_residual_estimate_above_the_stop_rate_fails_the_run_before_delivery(ctx, started) -> None:
    ctx.settings.anonymisation.residual_stop_rate = 0.05
    s = started()
    decisions.after_residual(s.ctx, s.run, None, {})  # no free text sampled: nothing to stop on
    decisions.after_residual(s.ctx, s.run, estimate(1000, 0), {})
    assert run_row(ctx, s)[0] == "running"

    with pytest.raises(ResidualRiskTooHigh, match=r"flagged 40 of 200 .*anonymisation\.residual_stop_rate of 5\.0%"):
        decisions.after_residual(s.ctx, s.run, estimate(200, 40), {"residual_json": "r1", "residual_md": "r2"})

    state, summary, dataset_state = run_row(ctx, s)
    assert (state, dataset_state) == ("failed", DatasetState.QUARANTINED)
    assert summary["failed_at"] == "residual check" and summary["error"] == "ResidualRiskTooHigh"
    assert summary["reports"] == ["r1", "r2"]
    assert work_files(ctx, s.run.dataset_id) == []


def test_a_completed_run_counts_what_it_read_anonymised_and_delivered(ctx, started, export) -> None:
    s = started()
    classifications = classify(s)
    scanned = pipeline.scan_report(s.ctx, classifications)
    decisions.after_scan(s.ctx, s.run, scanned, "scan")
    anonymised, terms_id = anonymise(s, classifications)
    decisions.after_scan(s.ctx, s.run, anonymised.report, "full scan")
    reports = {"findings_json": pipeline.store_report(s.ctx, s.run, "findings.json", anonymised.report.to_json())}
    decisions.after_rescan(s.ctx, s.run, anonymised, reports)  # clean: the run goes on
    residual = estimate(200, 1)
    decisions.after_residual(s.ctx, s.run, residual, reports)  # no stop rate configured
    delivered = pipeline.deliver(s.ctx, s.run, s.ingested, anonymised, terms_id=terms_id)

    summary = decisions.run_summary(s.run, s.ingested, anonymised, delivered, residual, reports)
    decisions.complete_run(s.ctx, s.run, summary)

    rows = export.counts["assets.rows"] + export.counts["jobs.rows"]
    assert summary["rows_read"] == rows == summary["rows_anonymised"]  # every row read was anonymised
    assert summary["rows_rejected_reading"] == s.ingested.rejected
    assert summary["personal_data_found"] == anonymised.report.totals() and summary["personal_data_found"]["PERSON"]
    assert summary["package"] == delivered.package and summary["balanced"] is True
    assert summary["names_propagated"] == sum(delivered.names_propagated.values())
    assert summary["residual_estimate"] == {"sampled": 200, "flagged": 1,
                                            "upper_bound": round(residual.upper_bound, 4)}
    assert summary["reports"] == reports and summary["entities"] == delivered.entity_rows
    state, row, dataset_state = run_row(ctx, s)
    assert (state, dataset_state) == ("completed", DatasetState.PROCESSED)
    assert "reports" not in row and {k: row[k] for k in summary if k != "reports"} == {
        k: v for k, v in summary.items() if k != "reports"}
    assert work_files(ctx, s.run.dataset_id) == []
