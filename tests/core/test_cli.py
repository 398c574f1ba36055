"""The CLI: --help everywhere, exit codes 0/1/2, JSON output, actors from --as and INTAKE_ACTOR."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
import typer
from typer.testing import CliRunner

from intake.cli import app
from tests.conftest import invoke


def _all_command_paths() -> list[list[str]]:
    root = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(cmd: object, prefix: list[str]) -> None:
        paths.append(prefix)
        if hasattr(cmd, "commands"):  # a group (typer vendors its own click)
            for name, sub in cmd.commands.items():
                walk(sub, [*prefix, name])

    walk(root, [])
    return paths


@pytest.mark.parametrize("path", _all_command_paths(), ids=lambda p: " ".join(p) or "intake")
def test_every_command_has_help(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_init_users_and_exit_codes(runner: CliRunner) -> None:
    result = invoke(runner, "init")
    assert result.exit_code == 0, result.output
    assert invoke(runner, "users", "add", "eve", "--role", "engineer").exit_code == 0

    refused = invoke(runner, "users", "list", actor="eve")
    assert refused.exit_code == 1
    assert "users.list needs one of the roles" in refused.output

    usage = invoke(runner, "users", "add", "bob", "--role", "wizard")
    assert usage.exit_code == 2

    listed = invoke(runner, "--json", "users", "list")
    assert listed.exit_code == 0
    assert {"name": "eve", "roles": ["engineer"], "active": True} in json.loads(listed.stdout)


def test_second_init_keeps_first_admin(runner: CliRunner) -> None:
    assert invoke(runner, "init", actor="ada").exit_code == 0
    assert invoke(runner, "init", actor="mallory").exit_code == 0
    assert invoke(runner, "users", "add", "x", "--role", "dpo", actor="mallory").exit_code == 1


def test_audit_verify_command(runner: CliRunner) -> None:
    invoke(runner, "init")
    result = invoke(runner, "--json", "audit", "verify")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["events"] >= 1


def test_unexpected_errors_show_their_type_never_their_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from intake.cli.common import handle_errors

    probe = typer.Typer()

    @probe.command()
    @handle_errors
    def explode() -> None:
        raise ValueError("could not convert 'Jane Smith 07700 900123'")

    monkeypatch.delenv("INTAKE_DEBUG", raising=False)
    result = CliRunner().invoke(probe, [])
    assert result.exit_code == 1
    assert "ValueError" in result.output and "message withheld" in result.output
    assert "Jane" not in result.output and "07700" not in result.output


def test_tables_show_times_as_people_read_them_and_json_keeps_iso(runner: CliRunner,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from intake.cli.common import console

    monkeypatch.setattr(console, "width", 240)  # a wide terminal: no column cut short
    assert invoke(runner, "init").exit_code == 0
    shown = invoke(runner, "audit", "list")
    assert shown.exit_code == 0, shown.output
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", shown.stdout)
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d+\+00:00", shown.stdout)
    as_json = json.loads(invoke(runner, "--json", "audit", "list").stdout)
    assert datetime.fromisoformat(as_json[0]["at"]).tzinfo is not None


def test_a_result_inside_a_row_reads_as_lines_not_a_json_blob() -> None:
    from intake.cli.common import _cell, when

    assert when("2027-06-03T06:41:10.673085+00:00") == "2027-06-03 06:41 UTC"
    assert when(datetime(2027, 6, 3, 7, 41, tzinfo=timezone(timedelta(hours=1)))) == "2027-06-03 06:41 UTC"
    assert when("2027-06-03") == "2027-06-03" and when("J-2027-06-03T06:41") == "J-2027-06-03T06:41"
    assert _cell({"rows": 3, "at": "2027-06-03T06:41:10Z"}) == "rows: 3\nat: 2027-06-03 06:41 UTC"
