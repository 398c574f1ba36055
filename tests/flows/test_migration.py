"""migration-run under Prefect's test harness: delivery, reports, blocking, withdrawal, failure and rerun."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

from benchmarks.generator import generate_equiptrack
from intake.authorisation import AuthorisationWithdrawn, withdraw
from intake.flows.lifecycle import complete_migration_flow
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.flows.settings import use_context_factory
from intake.handover import fetch_package
from intake.pipeline import DatasetBlocked, PipelineError, RunStopped, TableInTwoFiles
from intake.product import verify_package
from intake.registry.models import ArtefactKind, Dataset, DatasetState, PersonalDataDeclaration, Run
from intake.retention.errors import ProcessingRestricted
from intake.retention.holds import place_restriction
from intake.vault import Vault
from tests.flows.packages import package_tables, packages, read_package

pytestmark = pytest.mark.usefixtures("flows_as")


@pytest.fixture(scope="session")
def export(tmp_path_factory: pytest.TempPathFactory):
    """A small EquipTrack export (assets.csv + jobs.xlsx) with the ground truth of its personal values."""
    return generate_equiptrack(tmp_path_factory.mktemp("equiptrack"), assets=200, jobs=400, seed=4)


@pytest.fixture
def received(ctx, authorise, export):
    def receive(personal_data: PersonalDataDeclaration = PersonalDataDeclaration.MAY_CONTAIN) -> str:
        files = [str(p) for p in export.paths.values()]
        reference = authorise([Path(f) for f in files], personal_data=personal_data)
        return receive_dataset_flow(authorisation=reference, files=files, actor="eve")["dataset_id"]

    return receive


def dataset_state(ctx, dataset_id: str) -> DatasetState:
    with ctx.registry.session() as session:
        return session.get(Dataset, dataset_id).state


def runs(ctx, dataset_id: str) -> list[Run]:
    with ctx.registry.session() as session:
        return list(session.query(Run).filter_by(dataset_id=dataset_id).order_by(Run.started_at, Run.ended_at))


def work_files(ctx, dataset_id: str) -> list[str]:
    """Intermediate (decrypted-then-re-encrypted) copies of a run: they must go when the run ends."""
    vault = Vault.from_context(ctx)
    return [a.name for a in vault.artefacts(dataset_id, kind=ArtefactKind.INTERMEDIATE) if "/work/" in a.name]


def test_migration_delivers_the_package_with_reports_and_artifacts(ctx, as_user, received, export, tmp_path):
    dataset_id = received()
    state = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=150, return_state=True)
    summary = state.result()

    assert packages(ctx, dataset_id) == [summary["package"]]
    package = Path(fetch_package(as_user("eve"), dataset_id, tmp_path / "fetched")["target"])
    manifest = verify_package(package)
    assert manifest["dataset_id"] == dataset_id and manifest["balanced"] is True
    assert summary["rows_read"] == export.counts["assets.rows"] + export.counts["jobs.rows"]
    assert summary["personal_data_found"]["PERSON"] > 0
    assert dataset_state(ctx, dataset_id) is DatasetState.PROCESSED
    [run] = runs(ctx, dataset_id)
    assert run.state == "completed"
    assert json.loads(run.summary)["steps"] == ["ingest", "scan", "anonymise", "transform, validate and deliver"]

    # Lineage names the file each mapped table came from, even when the sheet ("Jobs") is not spelled like
    # the mapping's table ("jobs").
    assert {name: source["file"] for name, source in manifest["sources"].items()} == {
        "assets": "assets.csv", "jobs": "jobs.xlsx"}
    assert manifest["sources"]["jobs"]["sha256"] == export.sha256["jobs.xlsx"]
    reconciliation = json.loads((package / "reconciliation.json").read_text())
    by_reader = {t["table"]: t["rows_rejected_by_reader"] for t in reconciliation["tables"]}
    assert None not in by_reader.values() and sum(by_reader.values()) == summary["rows_rejected_reading"]
    vault = Vault.from_context(ctx)
    reports = {a.name.rsplit("/", 1)[-1] for a in vault.artefacts(dataset_id, kind=ArtefactKind.REPORT)}
    assert reports == {"findings.json", "findings.md", "reconciliation.json", "reconciliation.md", "review.json",
                       "residual.json", "residual.md"}
    assert work_files(ctx, dataset_id) == []
    findings = json.loads(vault.read_bytes(summary["reports"]["findings_json"], actor=ctx.actor()))
    assert findings["rescan_clean"] is True

    flow_run_id = state.state_details.flow_run_id
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
        assert client.read_flow_run(flow_run_id).name == f"migration-{dataset_id}"  # found by dataset in the UI
    kinds = {(a.key or "").split("-")[0]: a.type for a in artifacts}
    # report artifacts are keyed by dataset: a rerun adds a version, the dataset's history stays in one place
    assert {f"findings-{dataset_id}", f"reconciliation-{dataset_id}", f"delivery-{dataset_id}"} <= {
        a.key for a in artifacts}
    assert {"scan", "findings", "reconciliation", "delivery", "migration"} <= set(kinds)
    assert {a.type for a in artifacts} >= {"markdown", "table", "progress"}
    assert all(a.data == 100 for a in artifacts if a.type == "progress")

    completed = complete_migration_flow(dataset_id=dataset_id, actor="eve")
    assert completed["dataset_id"] == dataset_id and dataset_state(ctx, dataset_id) is DatasetState.COMPLETED


def test_declared_free_of_personal_data_but_it_is_there_blocks_the_dataset(ctx, received):
    dataset_id = received(PersonalDataDeclaration.NONE)
    with pytest.raises(DatasetBlocked, match="declared to contain no personal data"):
        migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=150)

    assert dataset_state(ctx, dataset_id) is DatasetState.BLOCKED
    assert runs(ctx, dataset_id)[0].state == "blocked"
    assert packages(ctx, dataset_id) == []
    vault = Vault.from_context(ctx)
    raws = vault.artefacts(dataset_id, kind=ArtefactKind.RAW)  # still there, encrypted, readable by the vault
    assert sorted(a.name for a in raws) == ["assets.csv", "jobs.xlsx"]
    report = next(a for a in vault.artefacts(dataset_id, kind=ArtefactKind.REPORT) if a.name.endswith(".json"))
    found = json.loads(vault.read_bytes(report.id, actor=ctx.actor()))
    assert found["has_personal_data"] and found["totals"]  # says what was found where (counts only)
    assert any(c["column"] == "Responsible Engineer" for t in found["tables"] for c in t["columns"]
               if c["classification"] == "identifier")
    with pytest.raises(DatasetBlocked):  # a blocked dataset is not run again
        migration_run_flow(dataset_id=dataset_id, actor="eve")


def test_withdrawal_stops_a_running_run_at_its_next_step(ctx, received, as_user):
    dataset_id = received()
    reference = ctx_reference(ctx, dataset_id)
    withdrawn: list[str] = []

    def withdrawing_once_the_scan_started(actor: str | None):
        # Every task asks for its context when it starts. The first one after the "scan" checkpoint passed is
        # the profiling task: the DPO records the withdrawal right then, while the run is scanning.
        started = runs(ctx, dataset_id)
        steps = json.loads(started[0].summary).get("steps", []) if started else []
        if "scan" in steps and not withdrawn:
            withdraw(as_user("dora"), reference, reason="customer withdrew consent by phone")
            withdrawn.append(reference)
        return as_user(actor or "eve")

    with use_context_factory(withdrawing_once_the_scan_started), \
            pytest.raises(RunStopped, match="stopped before step anonymise"):
        migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=50)

    assert withdrawn == [reference]
    [run] = runs(ctx, dataset_id)
    assert run.state == "stopped"
    assert json.loads(run.summary)["stopped_before"] == "anonymise"
    assert json.loads(run.summary)["steps"] == ["ingest", "scan"]
    assert packages(ctx, dataset_id) == [] and work_files(ctx, dataset_id) == []
    with pytest.raises(AuthorisationWithdrawn):
        migration_run_flow(dataset_id=dataset_id, actor="eve")


def ctx_reference(ctx, dataset_id: str) -> str:
    from intake.registry.models import Authorisation

    with ctx.registry.session() as session:
        return session.get(Authorisation, session.get(Dataset, dataset_id).authorisation_id).reference


def test_restricted_processing_refuses_the_run(ctx, received, as_user):
    dataset_id = received()
    place_restriction(as_user("dora"), dataset_id=dataset_id, reason="data subject contests accuracy")
    with pytest.raises(ProcessingRestricted):
        migration_run_flow(dataset_id=dataset_id, actor="eve")
    assert dataset_state(ctx, dataset_id) is DatasetState.QUARANTINED and runs(ctx, dataset_id) == []


def test_a_failed_delivery_leaves_nothing_and_a_rerun_succeeds(ctx, as_user, received, monkeypatch):
    dataset_id = received()
    put = Vault.put

    def full_disk_at_the_manifest(self, scope, dataset_id, kind, name, *args, **kwargs):
        if name.endswith("/manifest.json"):  # every file of the package is written by then
            raise OSError(28, "No space left on device")
        return put(self, scope, dataset_id, kind, name, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(Vault, "put", full_disk_at_the_manifest)
        with pytest.raises(PipelineError, match="step deliver"):
            migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=150)
    assert dataset_state(ctx, dataset_id) is DatasetState.QUARANTINED
    assert [r.state for r in runs(ctx, dataset_id)] == ["failed"]
    assert not list((ctx.settings.home / "spool").glob("*"))
    assert packages(ctx, dataset_id) == []
    written = Vault.from_context(ctx).artefacts(dataset_id, kind=ArtefactKind.OUTPUT, include_deleted=True)
    assert written and all(a.deleted_at is not None for a in written)  # written, then deleted by the abort

    summary = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=150)
    assert packages(ctx, dataset_id) == [summary["package"]]
    assert [r.state for r in runs(ctx, dataset_id)] == ["failed", "completed"]
    assert dataset_state(ctx, dataset_id) is DatasetState.PROCESSED
    assert package_tables(as_user("eve"), dataset_id)["assets"].num_rows > 0


def test_a_mapped_table_in_two_files_is_refused_before_anything_is_processed(ctx, authorise, export, tmp_path):
    """assets.csv and assets.txt both hold the mapping's "assets": a second export sent by mistake, or two halves
    of one? The run does not guess (merging would double every asset and still balance)."""
    folder = tmp_path / "two-assets"
    folder.mkdir()
    files = [Path(shutil.copy(p, folder / p.name)) for p in export.paths.values()]
    files.append(Path(shutil.copy(folder / "assets.csv", folder / "assets.txt")))
    reference = authorise(files)
    dataset_id = receive_dataset_flow(authorisation=reference, files=[str(f) for f in files],
                                      actor="eve")["dataset_id"]

    with pytest.raises(TableInTwoFiles) as refused:
        migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=150)

    message = str(refused.value)
    assert "'assets'" in message and "assets.csv" in message and "assets.txt" in message
    assert "new authorisation" in message  # says what to do
    [run] = runs(ctx, dataset_id)
    assert run.state == "failed" and json.loads(run.summary)["steps"] == ["ingest"]
    assert dataset_state(ctx, dataset_id) is DatasetState.QUARANTINED
    assert packages(ctx, dataset_id) == [] and work_files(ctx, dataset_id) == []


def test_a_sqlite_export_is_migrated_from_the_vault_page_by_page(ctx, as_user, authorise, tmp_path: Path):
    """A SQLite export (medimaint.db) is read from the encrypted vault through SQLite's own paging
    (connectors/sqlite_stream.py), never decrypted whole: every row of it is delivered or rejected."""
    from benchmarks.generator import generate_medimaint

    export = generate_medimaint(tmp_path / "medimaint", assets=60, jobs=120, seed=2)
    files = [str(p) for p in export.paths.values()]
    dataset_id = receive_dataset_flow(authorisation=authorise([Path(f) for f in files]), files=files,
                                      actor="eve")["dataset_id"]
    summary = migration_run_flow(dataset_id=dataset_id, mapping="medimaint", actor="eve", chunk_rows=100)
    assert summary["balanced"] and summary["rows_read"] >= 180
    assert package_tables(as_user("eve"), dataset_id)["assets"].num_rows + summary["rows_rejected"] >= 60


def test_a_sql_dump_of_the_same_database_migrates_to_the_same_package(ctx, as_user, authorise, tmp_path: Path):
    """The same MediMaint database as a .sql dump file (SQLite's own dumper): the mapping written for the
    database migrates the dump, and the package holds the same assets and jobs."""
    import sqlite3

    from benchmarks.generator import generate_medimaint

    export = generate_medimaint(tmp_path / "medimaint", assets=60, jobs=120, seed=2)
    dump = tmp_path / "medimaint.sql"
    with sqlite3.connect(export.paths["medimaint.db"]) as db:
        dump.write_text("\n".join(db.iterdump()), encoding="utf-8")
        assets = db.execute("SELECT count(*) FROM tblEquipment").fetchone()[0]
    dataset_id = receive_dataset_flow(authorisation=authorise([dump]), files=[str(dump)], actor="eve")["dataset_id"]
    summary = migration_run_flow(dataset_id=dataset_id, mapping="medimaint", actor="eve", chunk_rows=100)
    tables = package_tables(as_user("eve"), dataset_id)
    assert summary["balanced"] and summary["rows_rejected"] == 0
    assert tables["assets"].num_rows == assets and tables["jobs"].num_rows > 0


def test_a_mapping_table_from_a_query_is_anonymised_as_the_fields_it_feeds(ctx, as_user, authorise, tmp_path: Path):
    """A query joins the staff table into the work orders (the engineer's name, a person field): the join runs
    on the export as read, and its result is anonymised as the field it feeds, so no engineer's name is
    delivered; the work-order table only the query reads is accounted, not refused as unmapped."""
    import sqlite3
    from importlib import resources

    from benchmarks.generator import generate_medimaint

    export = generate_medimaint(tmp_path / "medimaint", assets=60, jobs=120, seed=5)
    text = resources.files("intake.product").joinpath("mappings", "medimaint.yaml").read_text(encoding="utf-8")
    text = text.replace("  - table: tblWorkOrder\n", """  - table: work_orders
    query: |
      SELECT w.*, s.FirstName || ' ' || s.Surname AS EngineerName
      FROM tblWorkOrder w LEFT JOIN tblStaff s ON s.StaffID = w.EngineerStaffID
""").replace("          engineer_contact_id: {id: contacts, from: EngineerStaffID, namespace: staff}\n",
             "          engineer_contact_id: {id: contacts, from: EngineerStaffID, namespace: staff}\n"
             "          engineer: EngineerName\n")
    mapping = tmp_path / "medimaint-query.yaml"
    mapping.write_text(text, encoding="utf-8")
    files = [str(p) for p in export.paths.values()]
    dataset_id = receive_dataset_flow(authorisation=authorise([Path(f) for f in files]), files=files,
                                      actor="eve")["dataset_id"]
    from intake.mapping_check import check_dataset
    from intake.product import load_mapping

    preview = check_dataset(as_user("eve"), load_mapping(mapping), dataset_id, rows=10_000)
    summary = migration_run_flow(dataset_id=dataset_id, mapping=str(mapping), actor="eve", chunk_rows=50)
    assert summary["balanced"] and preview.ok
    delivered = read_package(as_user("eve"), dataset_id)
    jobs = package_tables(as_user("eve"), dataset_id)["jobs"]
    with sqlite3.connect(export.paths["medimaint.db"]) as db:
        orders = db.execute("SELECT count(*) FROM tblWorkOrder").fetchone()[0]
        staff = {f"{first} {last}" for first, last in db.execute("SELECT FirstName, Surname FROM tblStaff")}
    reconciliation = json.loads(delivered["reconciliation.json"])
    [counts] = [t for t in reconciliation["tables"] if t["table"] == "work_orders"]
    assert counts["rows_read"] == orders and jobs.num_rows == counts["rows_loaded"] + counts["rows_merged"]
    assert "tblWorkOrder" in reconciliation["ignored_tables"]
    # `intake mapping check` over every row previews exactly what the run then did, table by table.
    counted = ("table", "rows_read", "rows_loaded", "rows_merged", "rows_rejected", "rejected_by_reason")
    assert [{k: t[k] for k in counted} for t in preview.tables] == [
        {k: t[k] for k in counted} for t in reconciliation["tables"]]
    engineers = [e for e in jobs.column("engineer").to_pylist() if e]
    assert len(engineers) > orders // 2 and not staff & set(engineers)
    assert not [name for name in staff if any(name.encode() in data for data in delivered.values())]
