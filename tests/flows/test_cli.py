"""`intake datasets receive/list/show` through the real CLI: the CLI runs the receive-dataset flow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intake.cli import app
from intake.cli.common import state


@pytest.fixture
def cli(ctx, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("INTAKE_HOME", str(ctx.settings.home))
    monkeypatch.delenv("INTAKE_CONFIG", raising=False)
    runner = CliRunner()

    def invoke(*args: str, actor: str = "eve"):
        if state.context is not None:
            state.context.close()
        state.context = None
        return runner.invoke(app, ["--as", actor, *args])

    yield invoke
    if state.context is not None:
        state.context.close()
    state.context = None


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
