"""The fault workspace on the datasets support really receives, and who may read what it keeps.

A product package (every entity file written, empty ones included) and a legacy CSV holding its header only are
queried like any other fault dataset; a query's text and a saved result are the fault investigation's own: read
(and listed) only with `fault.read`, every refused read audited.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from intake.errors import PermissionDenied
from intake.fault_workspace import query
from intake.pipeline.receive import receive_dataset
from intake.product import LocalFolderPackageWriter, builtin_mapping, write_package
from intake.registry.models import Purpose
from intake.reports import list_reports, read_report
from tests.flows.signing import AuthorisationMaker
from tests.product.test_package import CLOCK, sources

JOBS = ("Job Ref,Asset Tag,Reported By,Contact,Problem\r\n"
        "J1,EQ1,Jane Smith,07700 900123,pump alarms; spoke to Jane Smith on ward 7\r\n"
        "J2,EQ2,Tom Hughes,07700 900456,screen cracked\r\n")


def receive_fault(ctx, as_user, tmp_path: Path, files: list[Path]) -> str:
    reference = AuthorisationMaker(ctx, tmp_path / "auth")(files, purpose=Purpose.FAULT_INVESTIGATION)
    return receive_dataset(as_user("sam"), reference, files, Purpose.FAULT_INVESTIGATION).dataset_id


def test_a_product_package_with_empty_entities_is_queried(ctx, as_user, cli, tmp_path: Path) -> None:
    # The product's own package writer: contracts and ppm_schedules have no row, their files are written anyway.
    folder = tmp_path / "package"
    manifest = write_package(sources(), builtin_mapping("equiptrack"), LocalFolderPackageWriter(folder),
                             dataset_id="DS-7", authorisation_reference="AUTH-7", clock=CLOCK).manifest
    assert manifest["entities"]["contracts"]["rows"] == 0
    package = tmp_path / "sent" / "package.zip"  # a package is sent for a fault as a zip of its folder
    package.parent.mkdir()
    with zipfile.ZipFile(package, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    dataset = receive_fault(ctx, as_user, tmp_path, [package])

    sam = as_user("sam")
    assert query(sam, dataset, "SELECT 1 AS one").table.to_pylist() == [{"one": 1}]
    result = query(sam, dataset, "SELECT count(*) AS n FROM contracts")
    assert result.table.to_pylist() == [{"n": 0}]
    assert result.tables["contracts"] == 0 and result.tables["assets"] == 1
    raw = query(sam, dataset, "SELECT count(*) AS n FROM ppm_schedules", raw=True, reason="empty schedules checked")
    assert raw.table.to_pylist() == [{"n": 0}]
    # The package's rejects hold their reasons as a list of structs: the pseudonymised view scans them as JSON text.
    [reject] = query(sam, dataset, "SELECT reasons FROM rejects").table.to_pylist()
    assert isinstance(json.loads(reject["reasons"]), list)

    listed = cli("--json", "fault", "tables", dataset, actor="sam")
    assert listed.exit_code == 0, listed.output
    columns = {(c["table"], c["column"]) for c in json.loads(listed.stdout)}
    assert {t for t, _ in columns} >= {"contracts", "ppm_schedules", "assets", "rejects"}
    assert sum(1 for t, _ in columns if t == "contracts") > 1  # the empty entity keeps its columns


def test_a_csv_holding_its_header_only_is_queried(ctx, as_user, cli, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "jobs.csv").write_text(JOBS, encoding="utf-8")
    (export / "contacts.csv").write_text("Name,Phone,Ward\r\n", encoding="utf-8")
    dataset = receive_fault(ctx, as_user, tmp_path, [export / "jobs.csv", export / "contacts.csv"])

    result = query(as_user("sam"), dataset, "SELECT count(*) AS n FROM contacts")
    assert result.table.to_pylist() == [{"n": 0}] and result.tables == {"contacts": 0, "jobs": 2}
    shown = cli("--json", "fault", "query", dataset, 'SELECT "Job Ref" AS job FROM jobs ORDER BY job', actor="sam")
    assert shown.exit_code == 0, shown.output
    assert [r["job"] for r in json.loads(shown.stdout)] == ["J1", "J2"]
    listed = cli("--json", "fault", "tables", dataset, actor="sam")
    assert ("contacts", "Phone") in {(c["table"], c["column"]) for c in json.loads(listed.stdout)}


@pytest.fixture
def investigated(ctx, as_user, tmp_path: Path) -> tuple[str, str, str]:
    """A fault dataset support queried raw, quoting a name, and saved the result of: (dataset, query, result)."""
    export = tmp_path / "export"
    export.mkdir()
    (export / "jobs.csv").write_text(JOBS, encoding="utf-8")
    dataset = receive_fault(ctx, as_user, tmp_path, [export / "jobs.csv"])
    result = query(as_user("sam"), dataset,
                   'SELECT "Job Ref", "Contact" FROM jobs WHERE "Reported By" = \'Tom Hughes\'',
                   raw=True, reason="customer asked who to call back on J2", save_as="callback")
    event = [e for e in ctx.audit.events() if e.action == "fault.query"][-1]
    assert result.saved_artefact_id is not None
    return dataset, json.loads(event.details)["query_artefact_id"], result.saved_artefact_id


def test_an_engineer_neither_lists_nor_reads_the_fault_investigations_files(ctx, as_user, cli,
                                                                             investigated) -> None:
    dataset, query_id, result_id = investigated
    eve = as_user("eve")  # an engineer: report.read, not fault.read
    assert not [r for r in list_reports(eve, dataset) if r.name.startswith(("fault-queries/", "fault-results/"))]
    for which in (query_id, result_id[:12], "fault-results/callback.parquet"):
        with pytest.raises(PermissionDenied, match=r"fault\.read needs one of the roles dpo, support"):
            read_report(eve, dataset, which)
    shown = cli("reports", "show", dataset, query_id, actor="eve")
    assert shown.exit_code == 1 and "fault investigation's own" in shown.stderr
    assert "Tom Hughes" not in shown.output and "unexpected error" not in shown.output
    listed = cli("--json", "reports", "list", dataset, actor="eve")
    assert listed.exit_code == 0 and "fault-" not in listed.stdout

    refusals = [json.loads(e.details) for e in ctx.audit.events()
                if (e.actor, e.action, e.outcome) == ("eve", "fault.read", "refused")]
    assert len(refusals) == 4  # three reads here, one through the CLI
    assert sorted(r["report"].split("/")[0] for r in refusals) == ["fault-queries"] * 2 + ["fault-results"] * 2
    assert all(r["reason"] == "permission" and "Tom Hughes" not in json.dumps(r) for r in refusals)
    assert not [e for e in ctx.audit.events() if (e.actor, e.action) == ("eve", "report.read")]


def test_support_reads_its_query_text_and_saved_result(ctx, as_user, cli, investigated) -> None:
    dataset, query_id, result_id = investigated
    names = {r.name for r in list_reports(as_user("sam"), dataset)}
    assert "fault-results/callback.parquet" in names and any(n.startswith("fault-queries/") for n in names)
    _, text = read_report(as_user("sam"), dataset, query_id)
    assert "'Tom Hughes'" in json.loads(text)["sql"]
    # A saved result is a table (Parquet): shown as JSON rows with the view it was saved from, by name or by id.
    shown = cli("reports", "show", dataset, "fault-results/callback.parquet", actor="sam")
    assert shown.exit_code == 0, shown.output
    saved = json.loads(shown.stdout)
    assert (saved["view"], saved["rows"]) == ("raw", 1)
    assert saved["data"] == [{"Job Ref": "J2", "Contact": "07700 900456"}]
    assert json.loads(read_report(as_user("sam"), dataset, result_id)[1]) == saved
    reads = [json.loads(e.details)["report"] for e in ctx.audit.events()
             if (e.actor, e.action, e.outcome) == ("sam", "report.read", "ok")]
    assert reads[-1] == "fault-results/callback.parquet" and reads[0].startswith("fault-queries/")


def test_the_dpo_reads_the_investigations_files_and_the_admin_does_not(ctx, as_user, cli, investigated) -> None:
    """The DPO supervises investigations: it reads support's query texts, raw-access reasons and saved results
    (fault.read), every read audited; the admin, who reads no customer's data, is refused and shown none."""
    dataset, query_id, result_id = investigated
    dora = as_user("dora")
    names = {r.name for r in list_reports(dora, dataset)}
    assert "fault-results/callback.parquet" in names
    assert any(n.startswith("fault-queries/") and "-raw-reason-" in n for n in names)
    assert "'Tom Hughes'" in json.loads(read_report(dora, dataset, query_id)[1])["sql"]
    [opened] = [json.loads(e.details) for e in ctx.audit.events() if e.action == "fault.workspace"]
    assert json.loads(read_report(dora, dataset, opened["reason_artefact_id"])[1])["reason"] == \
        "customer asked who to call back on J2"
    shown = cli("reports", "show", dataset, result_id, actor="dora")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["data"] == [{"Job Ref": "J2", "Contact": "07700 900456"}]
    reads = [json.loads(e.details)["report"] for e in ctx.audit.events()
             if (e.actor, e.action, e.outcome) == ("dora", "report.read", "ok")]
    assert len(reads) == 3 and reads[-1] == "fault-results/callback.parquet"

    ada = as_user("ada")
    with pytest.raises(PermissionDenied, match=r"fault\.read"):
        read_report(ada, dataset, query_id)
    assert "Tom Hughes" not in cli("reports", "show", dataset, result_id, actor="ada").output
