"""Reports as each role reads them: `reports show` drawn for a terminal, and the bundle covering every report of
the run the viewer may see (rejects counted, review.json for the DPO only, the deletion certificate readable)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import select

from intake.context import Context
from intake.product.validation import REJECTS_SCHEMA
from intake.registry.audit_tables import AuditEvent
from intake.registry.models import ArtefactKind, DatasetState, DeletionCertificate, Run
from intake.report_bundle import write_bundle
from tests.core.test_report_bundle import FINDINGS, RECONCILIATION
from tests.retention.conftest import RegistryFactory

RUN = "7e57c0de-0000-4000-8000-000000000001"
SECRET_KEY, SECRET_NAME = "EQ-SECRET-0042", "Jane Placeholder-Name"  # values: never in a non-DPO view
FINDINGS_MD = "# Personal data findings\n\n| column | values changed |\n| --- | --- |\n| Engineer | 900 |\n"


def rejects_parquet() -> bytes:
    reason = {"entity": "asset", "field": "serial", "message": "required"}
    rows = [{"source_table": "assets.csv/assets", "row_number": 2, "source_key": SECRET_KEY, "related_row": None,
             "reasons": [{**reason, "code": "missing_required", "column": "Serial No"},
                         {**reason, "code": "invalid_value", "column": "Install Date"}]},
            {"source_table": "assets.csv/assets", "row_number": 5, "source_key": SECRET_KEY, "related_row": None,
             "reasons": [{**reason, "code": "missing_required", "column": "Serial No"}]}]
    out = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=REJECTS_SCHEMA), out)
    return out.getvalue()


@pytest.fixture
def dataset(ctx: Context) -> str:
    """A delivered migration: its run's reports and its package (with a rejects file) in the vault."""
    from intake.vault import Vault

    made = RegistryFactory(ctx).dataset(state=DatasetState.PROCESSED)
    vault, actor = Vault.from_context(ctx), ctx.actor()
    reports = {"findings.json": json.dumps(FINDINGS), "findings.md": FINDINGS_MD,
               "reconciliation.json": json.dumps(RECONCILIATION), "reconciliation.md": "# Reconciliation\n",
               "review.json": json.dumps({"person_field_names": [SECRET_NAME]})}
    for name, text in reports.items():
        vault.put(scope=made.dataset_id, dataset_id=made.dataset_id, kind=ArtefactKind.REPORT,
                  name=f"run-{RUN}/reports/{name}", source=text.encode(), actor=actor)
    for name, data in (("rejects.parquet", rejects_parquet()), ("manifest.json", b"{}")):
        vault.put(scope=made.dataset_id, dataset_id=made.dataset_id, kind=ArtefactKind.OUTPUT,
                  name=f"run-{RUN}/{name}", source=data, actor=actor)
    with ctx.registry.session() as session:
        session.add(Run(id=RUN, dataset_id=made.dataset_id, flow="migration", state="completed", started_by="eve",
                        started_at=ctx.clock.now(), ended_at=ctx.clock.now(),
                        summary=json.dumps({"package": f"vault:{made.dataset_id}/run-{RUN}"})))
    return made.dataset_id


def test_reports_show_draws_markdown_for_a_terminal_and_passes_it_unchanged_to_a_pipe(
        cli: Callable[..., Any], dataset: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "0")  # a pipe, whatever the test runs in
    piped = cli("reports", "show", dataset, "findings.md", actor="eve")
    assert piped.exit_code == 0 and piped.stdout == FINDINGS_MD + "\n"
    as_json = cli("--json", "reports", "show", dataset, "findings.md", actor="eve")
    assert json.loads(as_json.stdout)["text"] == FINDINGS_MD

    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich: the output is a terminal
    drawn = cli("reports", "show", dataset, "findings.md", actor="eve")
    assert drawn.exit_code == 0, drawn.output
    assert "Personal data findings" in drawn.stdout and "# Personal" not in drawn.stdout  # a heading, drawn
    assert "| --- |" not in drawn.stdout and "Engineer" in drawn.stdout and "\u2500" * 8 in drawn.stdout  # a table
    raw = cli("reports", "show", dataset, "review.json")  # not Markdown: as kept, even on a terminal
    assert raw.exit_code == 0 and json.loads(raw.stdout) == {"person_field_names": [SECRET_NAME]}


def events(ctx: Context, action: str) -> list[tuple[str, dict[str, Any]]]:
    with ctx.registry.session() as session:
        found = session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq))
        return [(e.actor, json.loads(e.details or "{}")) for e in found]


def test_the_bundle_covers_every_report_the_viewer_may_read(
        ctx: Context, as_user: Callable[[str], Context], dataset: str, tmp_path: Path) -> None:
    write_bundle(as_user("eve"), dataset, tmp_path / "eve")
    page, markdown = ((tmp_path / "eve" / name).read_text() for name in ("index.html", "report.md"))
    for text in (page, markdown):
        assert "Rejected rows, by reason and column" in text and SECRET_KEY not in text and SECRET_NAME not in text
        assert "review.json is withheld: it needs report.raw" in text
    assert "| assets | missing_required | Serial No | 2 |" in markdown
    assert "| assets | invalid_value | Install Date | 1 |" in markdown
    assert "<td>assets</td><td>missing_required</td><td>Serial No</td><td>2</td>" in page

    write_bundle(as_user("dora"), dataset, tmp_path / "dora")
    page = (tmp_path / "dora" / "index.html").read_text()
    assert "review.json: raw values (report.raw: DPO only)" in page and SECRET_NAME in page and "withheld" not in page

    reads = events(ctx, "report.read")
    assert {(actor, d["report"]) for actor, d in reads} == {
        (actor, name) for actor in ("eve", "dora") for name in
        ("findings.json", "findings.md", "reconciliation.json", "reconciliation.md", "rejects.parquet (counts)")
    } | {("dora", "review.json")}
    assert [(actor, d["raw_reports"]) for actor, d in events(ctx, "report.bundle")] == [
        ("eve", []), ("dora", ["review.json"])]
    assert not [e for e in events(ctx, "report.read") if e[1].get("outcome") == "refused"]


def test_the_deletion_certificate_is_rendered_for_the_dpo_and_only_named_to_others(
        ctx: Context, as_user: Callable[[str], Context], tmp_path: Path) -> None:
    from intake.retention.certificates import load_service_key, sign_certificate

    factory = RegistryFactory(ctx)
    made = factory.dataset(customer_id=factory.customer("St Example Hospital Trust"), state=DatasetState.DELETED)
    body = {"certificate_id": "c3r7", "dataset_id": made.dataset_id, "customer_id": made.customer_id,
            "authorisation_reference": made.authorisation_reference, "purpose": "migration",
            "purpose_reference": made.purpose_reference, "rule": "completed",
            "rule_detail": "6 months after completion",
            "due_at": "2026-09-01T00:00:00+00:00", "received_at": "2026-01-05T10:00:00+00:00",
            "deletion_started_at": "2026-09-02T01:00:00+00:00", "deleted_at": "2026-09-02T01:05:00+00:00",
            "artefacts": [{"kind": "raw"}, {"kind": "report"}, {"kind": "report"}], "artefact_count": 3,
            "ciphertext_bytes": 4096, "key_destroyed": True, "deliveries": [{}], "spools": [], "handed_over": [],
            "verification": {"nothing_readable": True, "checked_at": "2026-09-02T01:05:00+00:00",
                             "checks": ["vault.verify_unreadable", "data_key_destroyed"]},
            "issued_by": "retention-sweep"}
    signed = sign_certificate(load_service_key(ctx.settings, create=True), body)
    with ctx.registry.session() as session:
        session.add(DeletionCertificate(id="c3r7", dataset_id=made.dataset_id, body=signed.body_json,
                                        signature=signed.signature, service_key_id=signed.service_key_id,
                                        created_at=ctx.clock.now()))

    write_bundle(as_user("dora"), made.dataset_id, tmp_path / "dora")
    markdown = (tmp_path / "dora" / "report.md").read_text()
    for line in ("| customer | St Example Hospital Trust", "| deleted | 2026-09-02 01:05 UTC |",
                 "| rule | completed: 6 months after completion |",
                 "| deleted artefacts | 3 (raw 1, report 2), 4096 bytes encrypted |", "| data key | destroyed |",
                 "| verification | nothing readable left (checked 2026-09-02 01:05 UTC: vault.verify_unreadable, "
                 "data_key_destroyed) |", "| signature | valid"):
        assert line in markdown, line
    assert "St Example Hospital Trust" in (tmp_path / "dora" / "index.html").read_text()
    assert [d["report"] for _, d in events(ctx, "report.read")] == ["deletion certificate"]

    write_bundle(as_user("eve"), made.dataset_id, tmp_path / "eve")
    markdown = (tmp_path / "eve" / "report.md").read_text()
    assert "exists; reading it needs certificate.read" in markdown and "St Example" not in markdown


def test_without_the_package_the_rejects_are_the_reconciliations_counts(
        ctx: Context, as_user: Callable[[str], Context], dataset: str, tmp_path: Path) -> None:
    from intake.vault import Vault

    vault = Vault.from_context(ctx)
    for artefact in vault.artefacts(dataset, kind=ArtefactKind.OUTPUT):
        vault.delete_artefact(artefact.id, ctx.actor())
    write_bundle(as_user("sam"), dataset, tmp_path / "sam")
    markdown = (tmp_path / "sam" / "report.md").read_text()
    assert "| assets | rows rejected in all |  | 8 |" in markdown and "Serial No" not in markdown
    assert "the package's rejects file is gone" in markdown
    assert "rejects.parquet (counts)" not in {d["report"] for _, d in events(ctx, "report.read")}
