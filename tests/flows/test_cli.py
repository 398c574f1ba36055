"""`intake datasets receive/list/show` through the real CLI: the CLI runs the receive-dataset flow."""

from __future__ import annotations

import json
from pathlib import Path

from intake.config import Settings


def test_receive_list_and_show(cli, authorise, tmp_path: Path):
    export = tmp_path / "assets.csv"
    export.write_bytes(b"Equipment No,Serial No\r\nEQ000001,SN-1\r\n")
    reference = authorise([export])

    refused = cli("datasets", "receive", "--authorisation", reference, str(export), actor="dora")
    assert refused.exit_code == 1 and "dataset.receive needs one of the roles" in refused.stderr

    received = cli("--json", "datasets", "receive", "--authorisation", reference, str(export))
    assert received.exit_code == 0, received.output
    dataset_id = json.loads(received.stdout)["dataset_id"]

    listed = cli("--json", "datasets", "list", actor="dora")
    assert [(d["id"], d["state"], d["authorisation"]) for d in json.loads(listed.stdout)] == [
        (dataset_id, "quarantined", reference)]
    shown = json.loads(cli("--json", "datasets", "show", dataset_id).stdout)
    assert [(a["kind"], a["name"]) for a in shown["artefacts"]] == [("raw", "assets.csv")]

    export.write_bytes(b"Equipment No,Serial No\r\nEQ000009,SN-9\r\n")
    changed = cli("datasets", "receive", "--authorisation", reference, str(export))
    assert changed.exit_code == 1 and "FileHashMismatch" in changed.stderr
    assert len(json.loads(cli("--json", "datasets", "list").stdout)) == 1


def test_migration_run_through_the_cli_prints_where_the_package_is(cli, authorise, tmp_path: Path):
    from benchmarks.generator import generate_equiptrack

    export = generate_equiptrack(tmp_path / "export", assets=100, jobs=200, seed=4)
    files = [str(p) for p in export.paths.values()]
    reference = authorise([Path(f) for f in files])
    dataset_id = json.loads(cli("--json", "datasets", "receive", "-a", reference, *files).stdout)["dataset_id"]

    refused = cli("migration", "run", dataset_id, "--mapping", "equiptrack", actor="sam")
    assert refused.exit_code == 1 and "migration.run needs one of the roles engineer" in refused.stderr
    migrated = cli("--json", "migration", "run", dataset_id, "--mapping", "equiptrack", "--chunk-rows", "1000")
    assert migrated.exit_code == 0, migrated.output
    summary = json.loads(migrated.stdout)
    # Kept encrypted in the dataset's vault scope until `migration fetch` hands it over.
    assert summary["package"].startswith(f"vault:{dataset_id}/run-") and summary["balanced"] is True
    shown = json.loads(cli("--json", "datasets", "show", dataset_id).stdout)
    assert shown["state"] == "processed" and [r["state"] for r in shown["runs"]] == ["completed"]

    reviewed = cli("--json", "migration", "review", dataset_id)
    assert reviewed.exit_code == 0, reviewed.output
    columns = {(c["table"].split("/")[-1], c["column"]): c for c in json.loads(reviewed.stdout)["columns"]}
    assert columns[("assets", "Responsible Engineer")]["role"] == "person"
    assert columns[("assets", "Site")]["role"] == "reference" and columns[("assets", "Site")]["changed"] == 0
    assert "values" not in json.loads(reviewed.stdout)
    raw = cli("migration", "review", dataset_id, "--show-values")
    assert raw.exit_code == 1 and "report.raw needs one of the roles dpo" in raw.stderr
    decided = cli("--json", "migration", "review", dataset_id, "--deny", "Jane Placeholder-Name", "--allow", "Bay 5")
    assert decided.exit_code == 0 and json.loads(decided.stdout)["decisions"] == {"allow": 1, "deny": 1}

    # The DPO reads every report of the run; the review file of raw values is the DPO's alone.
    listed = json.loads(cli("--json", "reports", "list", dataset_id, actor="dora").stdout)
    assert {r["name"] for r in listed} >= {"findings.md", "residual.md", "reconciliation.md", "review.json"}
    # A dataset id may be given by its start, as tables show it cut short ("fab6dc66…").
    findings = cli("reports", "show", dataset_id[:8] + "\u2026", "findings.md", actor="dora")
    assert findings.exit_code == 0 and "# Personal data findings" in findings.stdout
    residual = cli("reports", "show", dataset_id, "residual.md", actor="sam")
    assert residual.exit_code == 0 and "independent check" in residual.stdout
    raw = cli("reports", "show", dataset_id, "review.json")
    assert raw.exit_code == 1 and "report.raw needs one of the roles dpo" in raw.stderr
    assert "person_field_names" in cli("reports", "show", dataset_id, "review.json", actor="dora").stdout
    # One readable bundle with pictures: counts only, owner-only files, never written over.
    bundle = cli("reports", "bundle", dataset_id, "--out", str(tmp_path / "bundle"), actor="dora")
    assert bundle.exit_code == 0, bundle.output
    page = (tmp_path / "bundle" / "index.html").read_text()
    assert page.count("<svg") == 3 and "rows_read" not in page and "Rows read, loaded, merged" in page
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "bundle").iterdir()} == {0o600}
    assert "# Dataset" in (tmp_path / "bundle" / "report.md").read_text()
    assert cli("reports", "bundle", dataset_id, "--out", str(tmp_path / "bundle"), actor="dora").exit_code == 1

    # Hand-over to the product: an engineer's explicit, audited copy, owner-only, verified; never after withdrawal.
    target = tmp_path / "handover"
    refused = cli("migration", "fetch", dataset_id, "--to", str(target), actor="sam")
    assert refused.exit_code == 1 and "migration.fetch needs one of the roles engineer" in refused.stderr
    fetched = cli("--json", "migration", "fetch", dataset_id, "--to", str(target))
    assert fetched.exit_code == 0, fetched.output
    assert json.loads(fetched.stdout)["verified"] is True and (target / "manifest.json").is_file()
    assert (target.stat().st_mode & 0o777) == 0o700
    assert {p.stat().st_mode & 0o777 for p in target.iterdir()} == {0o600}
    again = cli("migration", "fetch", dataset_id, "--to", str(target))
    assert again.exit_code == 1 and "not an empty folder" in again.stderr
    events = [e for e in json.loads(cli("--json", "audit", "list", actor="dora").stdout)
              if e["action"] == "migration.fetch"]
    assert [e["outcome"] for e in events] == ["refused", "ok"]
    withdrawn = cli("authorisation", "withdraw", reference, "--reason", "customer letter", "--yes", actor="dora")
    assert withdrawn.exit_code == 0
    late = cli("migration", "fetch", dataset_id, "--to", str(tmp_path / "late"))
    assert late.exit_code == 1 and not (tmp_path / "late").exists()


def test_serve_command_is_documented(cli):
    shown = cli("serve", "--help")
    assert shown.exit_code == 0 and "--api-url" in shown.stdout and "--no-sweep-schedule" in shown.stdout


def test_flow_commands_use_a_running_server_and_say_when_they_start_a_temporary_one(tmp_path: Path) -> None:
    """Decided before Prefect is imported, so in a fresh interpreter, as each command runs."""
    import http.server
    import os
    import subprocess
    import sys
    import threading

    class Healthy(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path == "/api/health" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Healthy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    probe = ("import sys; from intake.config import Settings; from intake.flows.local import prepare_prefect;"
             "print(prepare_prefect(Settings(home=sys.argv[1])))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    try:
        home = tmp_path / "home"

        def uses_server() -> str:
            return subprocess.run([sys.executable, "-c", probe, str(home)], env=env, capture_output=True, text=True,
                                  check=True).stdout.strip()

        assert uses_server() == "False"  # no server for this home: a temporary API, which the CLI announces
        from intake.flows.local import prefect_home, record_server

        record_server(prefect_home(Settings(home=home)), f"http://127.0.0.1:{server.server_port}/api")
        assert uses_server() == "True"  # `intake serve`'s server answers: reused
    finally:
        server.shutdown()
    assert uses_server() == "False"  # a server that no longer answers is not used
