"""Issue 19 gaps on the embedded registry: nobody changes their own roles (the database refuses it in server mode,
intake refuses it everywhere), every refusal of a user step is audited, output files a person names are new files
outside the data home (through sudo the service account writes them), and `scan file` / `sources inspect` read
with the configured connector limits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intake.authorisation.signing import encode_signature, write_signature
from intake.config import Settings
from intake.errors import NotFound, StateError
from intake.private_files import OutputRefused, write_output
from intake.registry.models import Role
from intake.users import OwnRolesRefused, add_user, grant, revoke
from tests.conftest import invoke


def _refusals(ctx, action: str) -> list[str]:
    events = ctx.audit.events()
    return [json.loads(e.details)["reason"] for e in events if e.action == action and e.outcome == "refused"]


def test_an_admin_cannot_grant_or_revoke_their_own_role_and_the_refusal_is_audited(ctx) -> None:
    with pytest.raises(OwnRolesRefused, match="another admin runs `intake users grant ada dpo`"):
        grant(ctx, "ada", Role.DPO)
    grant(ctx, "eve", Role.ADMIN)  # a second admin, so what refuses the revoke is not "the last admin"
    with pytest.raises(OwnRolesRefused, match="another admin runs `intake users revoke ada admin`"):
        revoke(ctx, "ada", Role.ADMIN)
    assert Role.ADMIN in ctx.actor().roles and Role.DPO not in ctx.actor().roles
    assert _refusals(ctx, "users.grant") == ["OwnRolesRefused"]
    assert _refusals(ctx, "users.revoke") == ["OwnRolesRefused"]
    ctx.audit.verify()


def test_the_steps_own_refusals_are_audited_too(ctx) -> None:
    with pytest.raises(StateError, match="already exists"):
        add_user(ctx, "eve", [Role.SUPPORT])
    with pytest.raises(StateError, match="never granted to a person"):
        grant(ctx, "eve", Role.SERVICE)
    with pytest.raises(StateError, match="last admin"):
        revoke(ctx, "ada", Role.ADMIN)
    with pytest.raises(NotFound):
        grant(ctx, "nobody", Role.SUPPORT)
    assert _refusals(ctx, "users.add") == ["StateError"]
    assert _refusals(ctx, "users.grant") == ["StateError", "NotFound"]
    assert _refusals(ctx, "users.revoke") == ["StateError"]


def test_the_cli_refuses_a_self_grant(runner) -> None:
    assert invoke(runner, "init").exit_code == 0
    refused = invoke(runner, "users", "grant", "ada", "dpo")
    assert refused.exit_code == 1
    said = " ".join(refused.output.split())
    assert "nobody grants a role to themselves" in said and "another admin" in said


# Output paths ------------------------------------------------------------------------------------------------

CSV = b"Equipment No,Model,Site\r\nEQ1,Infusion pump,Ward 3\r\nEQ2,Syringe driver,Ward 4\r\n"


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    path = tmp_path / "assets.csv"
    path.write_bytes(CSV)
    return path


def test_scan_refuses_to_write_its_report_into_the_home(assets: Path, cli_home: Path) -> None:
    runner = CliRunner()
    anchors = cli_home / "audit-anchors.jsonl"
    before = anchors.read_bytes()
    for target in (anchors, cli_home / "keys" / "kek.key", cli_home / "registry.db", cli_home / "keys" / "new.md"):
        kept = target.read_bytes() if target.exists() else None
        result = invoke(runner, "scan", "file", assets, "--markdown", target, actor="eve")
        assert result.exit_code == 1, result.output
        assert "inside intake's data home" in " ".join(result.output.split())
        assert (target.read_bytes() if target.exists() else None) == kept
    assert anchors.read_bytes() == before
    # Nor through a folder that is a link into the home.
    link = cli_home.parent / "innocent"
    link.symlink_to(cli_home / "keys")
    result = invoke(runner, "scan", "file", assets, "--markdown", link / "report.md", actor="eve")
    assert result.exit_code == 1 and not (cli_home / "keys" / "report.md").exists()


def test_scan_never_overwrites_a_file_and_writes_a_new_one(assets: Path, cli_home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    existing = tmp_path / "old-report.md"
    existing.write_text("keep me")
    result = invoke(runner, "scan", "file", assets, "--markdown", existing, actor="eve")
    assert result.exit_code == 1 and "choose a new name" in " ".join(result.output.split())
    assert existing.read_text() == "keep me"
    link = tmp_path / "link.md"  # a link to a file is not followed, even to a file the caller could not write
    link.symlink_to(existing)
    assert invoke(runner, "scan", "file", assets, "--markdown", link, actor="eve").exit_code == 1
    assert existing.read_text() == "keep me"
    fresh = tmp_path / "reports" / "scan.md"
    fresh.parent.mkdir()
    result = invoke(runner, "scan", "file", assets, "--markdown", fresh, actor="eve")
    assert result.exit_code == 0, result.output
    assert "assets" in fresh.read_text() and (fresh.stat().st_mode & 0o777) == 0o600


def test_the_public_key_export_is_a_new_file_outside_the_home(cli_home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    key_file = cli_home / "keys" / "service-ed25519.key"
    private = key_file.read_bytes()
    refused = invoke(runner, "retention", "certificate", "public-key", "--out", key_file)
    assert refused.exit_code == 1 and key_file.read_bytes() == private
    out = tmp_path / "service.pem"
    assert invoke(runner, "retention", "certificate", "public-key", "--out", out).exit_code == 0
    assert out.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    again = invoke(runner, "retention", "certificate", "public-key", "--out", out)
    assert again.exit_code == 1 and "choose a new name" in " ".join(again.output.split())


def test_a_signature_goes_nowhere_in_the_home_and_replaces_only_a_signature(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    (settings.home / "keys").mkdir(parents=True)
    signature = bytes(64)
    with pytest.raises(OutputRefused, match="inside intake's data home"):
        write_signature(settings.home / "keys" / "m.sig", signature, settings)
    assert not (settings.home / "keys" / "m.sig").exists()
    other = tmp_path / "notes.txt"
    other.write_text("not a signature")
    with pytest.raises(OutputRefused, match="choose a new name"):
        write_signature(other, signature, settings)
    assert other.read_text() == "not a signature"
    target = tmp_path / "out" / "m.sig"
    write_signature(target, signature, settings)
    write_signature(target, bytes(range(64)), settings)  # a sample signed again in its folder
    assert target.read_bytes() == encode_signature(bytes(range(64)))


def test_write_output_refuses_a_store_configured_outside_the_home(tmp_path: Path) -> None:
    vault = tmp_path / "vault-elsewhere"
    vault.mkdir()
    settings = Settings(home=tmp_path / "home", vault={"local_path": vault})
    with pytest.raises(OutputRefused):
        write_output(vault / "planted", b"x", settings)
    assert os.listdir(vault) == []


# Connector limits --------------------------------------------------------------------------------------------

def test_scan_file_and_sources_inspect_apply_the_configured_connector_limits(assets: Path, cli_home: Path,
                                                                             monkeypatch) -> None:
    runner = CliRunner()
    assert invoke(runner, "scan", "file", assets, actor="eve").exit_code == 0
    monkeypatch.setenv("INTAKE_CONNECTORS__MAX_COLUMNS", "2")  # the file has three
    for command in (("scan", "file"), ("sources", "inspect")):
        result = invoke(runner, *command, assets, actor="eve")
        assert result.exit_code == 1, result.output
        assert "connectors.max_columns" in " ".join(result.output.split())
