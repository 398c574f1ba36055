"""`intake retention certificate show ID --text`: the certificate for a person, ids by a unique start, audited."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from intake.registry.models import Run
from intake.retention import sweep
from tests.retention.conftest import store_artefacts
from tests.retention.test_delivery_copies import add_run, deliver_locally, spool


def test_a_certificate_in_words_for_a_person(cli, ctx, factory, as_user, clock, tmp_path: Path) -> None:
    share = tmp_path / "share"
    ctx.settings.delivery_path = share
    customer = factory.customer(name="St Elsewhere NHS Foundation Trust")
    made = factory.dataset(customer_id=customer, withdrawn_at=clock.now())
    store_artefacts(ctx, made.dataset_id)
    delivered = add_run(ctx, made.dataset_id, "completed")
    package = deliver_locally(share, made.dataset_id, f"run-{delivered}")
    with ctx.registry.session() as session:
        session.get(Run, delivered).summary = json.dumps({"package": str(package)})
    left = spool(ctx, made.dataset_id, add_run(ctx, made.dataset_id, "running"))
    clock.advance(timedelta(days=1))
    [deleted] = sweep(as_user("dora")).deleted
    certificate_id = deleted.certificate_id

    shown = cli("retention", "certificate", "show", certificate_id[:8], "--text")

    assert shown.exit_code == 0, shown.output
    out = shown.stdout
    assert "St Elsewhere NHS Foundation Trust" in out and made.dataset_id in out and certificate_id in out
    assert "consent_withdrawn" in out and made.purpose_reference in out and made.authorisation_reference in out
    assert "Deleted from the vault: 4 artefact(s)" in out and "assets.csv" in out
    assert "Delivered import packages deleted: 2" in out and str(package) in out  # and the vault's
    assert "Run spools removed: 1" in out and str(left) in out
    assert "nothing readable was left" in out and "Signature now: valid" in out
    assert "certificate public-key --out" in out and "--public-key service.pem" in out
    assert str(deleted.certificate_file) in out
    assert "Jane Smith" not in out
    # By a unique start of the dataset id too (the same helper as every dataset command); audited as a read.
    by_dataset = cli("retention", "certificate", "show", made.dataset_id[:6], "--text")
    assert by_dataset.exit_code == 0 and certificate_id in by_dataset.stdout
    reads = [e for e in ctx.audit.events(made.dataset_id) if e.action == "certificate.read"]
    assert [(e.actor, e.outcome, json.loads(e.details)["shown_as"]) for e in reads] == [("dora", "ok", "text")] * 2
    assert json.loads(cli("retention", "certificate", "show", certificate_id[:8]).stdout)["certificate"][
        "certificate_id"] == certificate_id  # the JSON document by a start of the id as well

    refused = cli("retention", "certificate", "show", certificate_id, "--text", actor="eve")
    assert refused.exit_code == 1 and "certificate.read" in refused.stderr
    unknown = cli("retention", "certificate", "show", "ffffffff", "--text")
    assert unknown.exit_code == 1 and "CertificateNotFound" in unknown.stderr

    # An edited certificate is shown as invalid, and the command fails.
    with ctx.registry.engine.begin() as conn:
        conn.execute(text("UPDATE deletion_certificates SET body = replace(body, :was, :now) WHERE id = :id"),
                     {"was": '"artefact_count":4', "now": '"artefact_count":1', "id": certificate_id})
    edited = cli("retention", "certificate", "show", certificate_id, "--text")
    assert edited.exit_code == 1 and "Signature now: INVALID" in edited.stdout and "CertificateInvalid" in edited.stderr
