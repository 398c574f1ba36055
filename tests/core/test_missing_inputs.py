"""A missing input file is refused with its path and the refusal is an audit event."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from intake.config import Settings
from intake.context import Context
from tests.conftest import invoke


def refused(home: Path, action: str) -> list[dict[str, object]]:
    ctx = Context(settings=Settings(home=home), actor="ada")
    try:
        return [json.loads(e.details) for e in ctx.audit.events() if e.action == action and e.outcome == "refused"]
    finally:
        ctx.close()


def test_trusting_a_missing_public_key_file_is_refused_and_audited(cli_home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "signer.pub"
    result = invoke(CliRunner(), "keys", "add", missing, "--customer", "Royal Infirmary", "--kind", "customer",
                    "--label", "Head of EBME", actor="ada")
    assert result.exit_code == 1
    assert "KeyFileError" in result.output and "signer.pub" in result.output
    events = refused(cli_home, "signers.add")
    assert events == [{"reason": "unreadable file", "file": str(missing), "problem": "KeyFileError"}]


def test_a_missing_file_from_someone_without_the_role_is_refused_for_the_role(cli_home: Path, tmp_path: Path) -> None:
    result = invoke(CliRunner(), "keys", "add", tmp_path / "x.pub", "--customer", "C", "--kind", "customer",
                    "--label", "L", actor="eve")
    assert result.exit_code == 1 and "PermissionDenied" in result.output
    assert refused(cli_home, "signers.add") == []
    assert refused(cli_home, "signers.manage")[-1]["reason"] == "permission"


def test_receiving_a_missing_file_is_refused_and_audited(cli_home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "assets.csv"
    result = invoke(CliRunner(), "datasets", "receive", "--authorisation", "AUTH-NONE", str(missing), actor="eve")
    assert result.exit_code == 1 and "assets.csv" in result.output
    [event] = refused(cli_home, "dataset.receive")
    assert event == {"authorisation": "AUTH-NONE", "reason": "unreadable input file", "files": 1}
