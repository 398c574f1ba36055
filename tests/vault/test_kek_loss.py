"""The local KEK never vanishes silently: a missing, foreign or altered key file is a typed, audited refusal,
only `intake init` (on a home that needs no KEK yet) or an admin's rotation makes one, and a backup of the
key file restores everything. Real key files, real encryption, the real registration path."""

from __future__ import annotations

import base64
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intake.context import Actor, Context
from intake.errors import PermissionDenied
from intake.registry.models import ArtefactKind, DataKey
from intake.users import initialise
from intake.vault import (
    KekAltered,
    KekForeign,
    KekMissing,
    KeyCheckFailed,
    LocalKeyProvider,
    Vault,
    check_keys,
    require_keys_ok,
    rotate_kek,
)
from tests.authorisation.conftest import Authorisations
from tests.conftest import invoke


def events(ctx: Context, action: str, outcome: str | None = None) -> list[dict[str, Any]]:
    return [json.loads(e.details) for e in ctx.audit.events()
            if e.action == action and (outcome is None or e.outcome == outcome)]


def data_keys(ctx: Context) -> dict[str, str]:
    with ctx.registry.session() as session:
        return {row.scope: row.kek_id for row in session.query(DataKey).filter(DataKey.wrapped_key.is_not(None))}


def kek_id(ctx: Context) -> str:
    return str(json.loads(ctx.settings.key_file.read_text())["current"])


@pytest.fixture
def auths(ctx: Context, tmp_path: Path) -> Authorisations:
    folder = tmp_path / "dataset"
    folder.mkdir()
    (folder / "assets.csv").write_bytes(b"Equipment No,Serial No\r\nEQ000001,S1\r\n")
    return Authorisations(ctx, tmp_path / "authorisations", folder)


def test_back_up_lose_and_restore_the_key_file(ctx: Context, auths: Authorisations, make_dataset, actor: Actor,
                                               tmp_path: Path) -> None:
    key_file = ctx.settings.key_file
    first = auths.register(auths.write())
    dataset = make_dataset()
    stored = Vault(ctx).put(dataset, dataset, ArtefactKind.RAW, "assets.csv", os.urandom(20_000), actor)
    plaintext = Vault(ctx).read_bytes(stored.id, actor)
    kek = kek_id(ctx)
    before = data_keys(ctx)
    assert set(before.values()) == {kek} and len(before) == 2  # the evidence scope and the dataset

    # Back up: a plain copy of the key file, kept away from the home (mode 0600 kept by copy2).
    backup = tmp_path / "offsite" / "kek.key"
    backup.parent.mkdir(mode=0o700)
    shutil.copy2(key_file, backup)

    # Lose it: registering a new authorisation is refused, nothing is created, and the refusal is audited.
    key_file.rename(tmp_path / "moved-away.key")
    with pytest.raises(KekMissing) as refused:
        auths.register(auths.write())
    text = str(refused.value)
    assert str(key_file) in text and kek in text and "2 live data key(s)" in text and "restore" in text
    assert refused.value.expected == {kek: 2} and refused.value.key_file == key_file
    assert not key_file.exists()
    assert data_keys(ctx) == before  # no data key wrapped under some new KEK
    write_refusals = events(ctx, "vault.write", "refused")
    assert write_refusals[-1]["reason"] == "kek missing"
    assert write_refusals[-1]["expected_keks"] == [kek] and write_refusals[-1]["key_file"] == str(key_file)

    # Reading is refused and audited too; neither `init` nor a rotation replaces the lost key file.
    with pytest.raises(KekMissing, match=kek):
        Vault(ctx).open(stored.id, actor)
    assert events(ctx, "vault.read", "refused")[-1]["reason"] == "kek missing"
    with pytest.raises(KekMissing):
        initialise(ctx)
    assert events(ctx, "vault.create_kek", "refused")[-1]["expected_keks"] == [kek]
    with pytest.raises(KekMissing):
        rotate_kek(ctx)
    assert events(ctx, "vault.rotate_kek", "refused")[-1]["reason"] == "kek missing"
    assert not key_file.exists()
    report = check_keys(ctx)
    assert (report.live, report.unwrapped, report.failed, report.key_file_state) == (2, 0, 2, "missing")
    with pytest.raises(KeyCheckFailed, match="2 of 2 live data key"):
        require_keys_ok(report)

    # Restore the backup: everything reads again, and new data keys go under the same KEK.
    shutil.copy2(backup, key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert Vault(ctx).read_bytes(stored.id, actor) == plaintext
    second = auths.register(auths.write())
    assert second.reference != first.reference
    assert set(data_keys(ctx).values()) == {kek} and len(data_keys(ctx)) == 3
    report = check_keys(ctx)
    assert (report.ok, report.live, report.unwrapped, report.failed) == (True, 3, 3, 0)
    require_keys_ok(report)
    ctx.audit.verify()


def test_using_the_vault_never_creates_a_key_file_only_init_does(
    ctx: Context, make_dataset, actor: Actor
) -> None:
    key_file = ctx.settings.key_file
    key_file.unlink()  # a new home whose key file went before any data key was made
    dataset = make_dataset()
    with pytest.raises(KekMissing, match=r"(?i)no live data key .* `intake init`"):
        Vault(ctx).put(dataset, dataset, ArtefactKind.RAW, "a.csv", b"x", actor)
    assert not key_file.exists()
    assert events(ctx, "vault.write", "refused")[-1]["reason"] == "kek missing"

    initialise(ctx)  # nothing depends on a local KEK yet, so init makes a new one
    assert key_file.exists() and len(events(ctx, "vault.create_kek", "ok")) == 2
    Vault(ctx).put(dataset, dataset, ArtefactKind.RAW, "a.csv", b"x", actor)
    assert data_keys(ctx) == {dataset: kek_id(ctx)}


def test_init_makes_a_new_key_file_when_every_old_data_key_is_destroyed(
    ctx: Context, make_dataset, actor: Actor
) -> None:
    dataset = make_dataset()
    vault = Vault(ctx)
    vault.put(dataset, dataset, ArtefactKind.RAW, "a.csv", b"x", actor)
    old = kek_id(ctx)
    vault.shred(dataset, actor)
    ctx.settings.key_file.unlink()
    initialise(ctx)
    assert kek_id(ctx) != old


def test_a_foreign_key_file_is_refused_for_reads_and_writes(
    ctx: Context, make_dataset, actor: Actor, tmp_path: Path
) -> None:
    key_file = ctx.settings.key_file
    one, two = make_dataset(), make_dataset()
    stored = Vault(ctx).put(one, one, ArtefactKind.RAW, "a.csv", b"x" * 100, actor)
    ours = kek_id(ctx)
    other_home = LocalKeyProvider(tmp_path / "other-home" / "kek.key")
    theirs = other_home.create_key_file()
    shutil.copy2(other_home.key_file, key_file)  # another home's key file put in place of ours

    # A new data key is not wrapped under the foreign KEK (that would split the data over two key files).
    with pytest.raises(KekForeign) as refused:
        Vault(ctx).put(two, two, ArtefactKind.RAW, "b.csv", b"y", actor)
    assert ours in str(refused.value) and theirs in str(refused.value)
    assert data_keys(ctx) == {one: ours}
    assert events(ctx, "vault.write", "refused")[-1]["reason"] == "kek foreign"
    with pytest.raises(KekForeign, match=f"wrapped by KEK {ours}, which is not in"):
        Vault(ctx).open(stored.id, actor)
    assert events(ctx, "vault.read", "refused")[-1]["reason"] == "kek foreign"
    with pytest.raises(KekForeign):
        initialise(ctx)
    report = check_keys(ctx)
    assert (report.failed, report.key_file_state) == (1, "foreign")
    assert report.keks[0].kek_id == ours and "kek foreign" in report.keks[0].problem


def test_an_altered_key_file_is_refused(ctx: Context, make_dataset, actor: Actor) -> None:
    key_file = ctx.settings.key_file
    dataset = make_dataset()
    stored = Vault(ctx).put(dataset, dataset, ArtefactKind.RAW, "a.csv", b"x", actor)
    original = key_file.read_bytes()
    body = json.loads(original)
    kek = body["current"]

    # One KEK's bytes changed: its check value no longer matches.
    body["keys"][kek] = base64.b64encode(os.urandom(32)).decode()
    key_file.write_text(json.dumps(body))
    with pytest.raises(KekAltered, match=f"KEK {kek} in the key file .* does not match its check value"):
        Vault(ctx).open(stored.id, actor)
    assert events(ctx, "vault.read", "refused")[-1]["reason"] == "kek altered"

    # Not a key file at all.
    key_file.write_text("{not json")
    with pytest.raises(KekAltered, match="is not a valid intake-kek/1 file"):
        Vault(ctx).open(stored.id, actor)

    # A replaced KEK whose check value was recomputed still fails where it counts: no data key unwraps.
    fake = os.urandom(32)
    from intake.vault.local_kek import check_value

    body["keys"][kek] = base64.b64encode(fake).decode()
    body["checks"][kek] = check_value(fake)
    key_file.write_text(json.dumps(body))
    report = check_keys(ctx)
    assert (report.live, report.failed) == (1, 1)
    assert "KEK itself was altered or replaced" in report.keks[0].problem

    key_file.write_bytes(original)
    assert Vault(ctx).read_bytes(stored.id, actor) == b"x"
    assert check_keys(ctx).ok


def test_rotation_by_an_admin_creates_the_key_file_when_no_data_key_needs_the_old_one(ctx: Context) -> None:
    ctx.settings.key_file.unlink()
    assert rotate_kek(ctx) == 0
    assert ctx.settings.key_file.exists()
    assert events(ctx, "vault.rotate_kek", "ok")[-1]["key_file_created"] is True


def test_check_keys_needs_admin_or_dpo(as_user) -> None:
    for name in ("eve", "sam"):
        with pytest.raises(PermissionDenied, match=r"vault\.check_keys needs one of the roles admin, dpo"):
            check_keys(as_user(name))
    assert check_keys(as_user("dora")).ok


def test_keys_check_command_reports_counts_never_key_material(
    cli_home: Path, make_dataset_in_cli_home: str
) -> None:
    runner = CliRunner()
    key_file = cli_home / "keys" / "kek.key"
    secret = json.loads(key_file.read_text())["keys"]
    ok = invoke(runner, "--json", "keys", "check", actor="dora")
    assert ok.exit_code == 0, ok.output
    report = json.loads(ok.stdout)
    assert (report["ok"], report["live"], report["unwrapped"], report["failed"]) == (True, 1, 1, 0)
    assert report["key_file_state"] == "ok"
    assert invoke(runner, "keys", "check", actor="eve").exit_code == 1  # engineers may not

    key_file.rename(cli_home / "kek.key.moved")
    lost = invoke(runner, "keys", "check", actor="ada")
    assert lost.exit_code == 1
    assert "KeyCheckFailed" in lost.output and "1 of 1 live data key(s) do not unwrap" in lost.output
    for value in secret.values():
        assert value not in lost.output and value not in ok.output


@pytest.fixture
def make_dataset_in_cli_home(cli_home: Path) -> str:
    """One dataset with one stored object in the CLI's home, written through the vault."""
    from intake.config import Settings
    from tests.vault.rows import make_dataset_row

    admin = Context(settings=Settings(home=cli_home), actor="ada")
    try:
        dataset = make_dataset_row(admin)
        Vault(admin).put(dataset, dataset, ArtefactKind.RAW, "a.csv", b"x", admin.actor())
    finally:
        admin.close()
    return dataset
